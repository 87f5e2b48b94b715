"""How long personal data is kept, and the purge that erases what has expired.

The rules (periods in config.py, DOMAIN.md "Data protection"):
- an unsuccessful application (any stage but appointed) is kept until
  RETENTION_UNSUCCESSFUL_MONTHS after its campaign closes; then what it holds is erased
  (statement, notes, panel comments, reasons), its stages stay;
- a profile is kept until RETENTION_POOL_MONTHS after the candidate last used the service,
  unless they renew it; a reminder goes RETENTION_REMINDER_MONTHS before, once;
- a person is erased (erasure.py) when their profile has expired, or they left the pool
  and all their applications have expired, none still within its period;
- an appointment is never erased by the purge (a public office record); the appointee's
  pool profile follows the profile rule.
Each decision is made again from the database, in the candidate's own transaction, so the
purge can be interrupted and run again at any time.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...dates import long_date
from ...extensions import db
from ...models import Application, Candidate, Vacancy
from ...models._types import utcnow
from ...stages import Stage
from ..platform import audit
from ..platform.jobs import Reporter
from ..platform.notifications import send_email
from . import erasure

SYSTEM = "system:retention"
_RENEW_SALT = "nedmatch-renew-profile"


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Policy:
    unsuccessful_months: int = 12
    pool_months: int = 24
    reminder_months: int = 1

    @classmethod
    def from_config(cls) -> Policy:
        config = current_app.config
        return cls(
            unsuccessful_months=int(config["RETENTION_UNSUCCESSFUL_MONTHS"]),
            pool_months=int(config["RETENTION_POOL_MONTHS"]),
            reminder_months=int(config["RETENTION_REMINDER_MONTHS"]),
        )


def campaign_closed_on(application: Application) -> date | None:
    """When the campaign closed: the closing date, or for a vacancy closed without one,
    when it was last changed. None while it is still open."""
    vacancy = application.vacancy
    if vacancy.closes_on is not None:
        return vacancy.closes_on
    if vacancy.status == "closed":
        return vacancy.updated_at.date()
    return None


def application_expires_at(application: Application, policy: Policy) -> datetime | None:
    """When an unsuccessful application's period ends; None for an appointment (kept) or
    while its campaign has no end."""
    if application.stage == Stage.APPOINTED:
        return None
    closed = campaign_closed_on(application)
    if closed is None:
        return None
    # The campaign closes at the end of its closing day.
    end_of_day = datetime.combine(closed, datetime.min.time()) + timedelta(days=1)
    return add_months(end_of_day, policy.unsuccessful_months)


def profile_expires_at(candidate: Candidate, policy: Policy) -> datetime:
    return add_months(candidate.last_active_at, policy.pool_months)


@dataclass
class Decision:
    """What the purge does to one candidate now."""

    erase: bool = False
    remove_pool_profile: bool = False
    anonymise: list[Application] = field(default_factory=list)  # expired, with content

    @property
    def anything(self) -> bool:
        return self.erase or self.remove_pool_profile or bool(self.anonymise)


def decide(candidate: Candidate, now: datetime, policy: Policy) -> Decision:
    if candidate.erased_at is not None:
        return Decision()
    live: list[Application] = []
    expired: list[Application] = []
    appointed: list[Application] = []
    for application in candidate.applications:
        if application.stage == Stage.APPOINTED:
            appointed.append(application)
            continue
        ends = application_expires_at(application, policy)
        (expired if ends is not None and ends <= now else live).append(application)
    profile_expired = profile_expires_at(candidate, policy) <= now
    submitted = any(a.stage != Stage.DRAFT for a in candidate.applications)
    # Out of the pool, with every application past its period: nothing left to keep for.
    purpose_ended = not candidate.in_pool and submitted and not live
    if not live and not appointed and (profile_expired or purpose_ended):
        return Decision(erase=True)
    decision = Decision(
        anonymise=[
            a for a in expired if a.stage == Stage.DRAFT or erasure.application_has_content(a)
        ]
    )
    if appointed and not live and profile_expired and erasure.has_pool_profile(candidate):
        decision.remove_pool_profile = True
    return decision


def scheduled_erasure(candidate: Candidate, policy: Policy) -> datetime | None:
    """When the profile will be deleted unless renewed; None when no date is known yet
    (an application in a campaign with no end) or for a pool member who is appointed,
    whose profile is removed at its expiry but whose record stays."""
    ends = [profile_expires_at(candidate, policy)]
    for application in candidate.applications:
        if application.stage == Stage.APPOINTED:
            continue
        expires = application_expires_at(application, policy)
        if expires is None:
            return None
        ends.append(expires)
    return max(ends)


def _candidates(ids: list[int]) -> Iterator[Candidate]:
    for candidate_id in ids:
        candidate = db.session.execute(
            select(Candidate)
            .where(Candidate.id == candidate_id)
            .options(selectinload(Candidate.applications).selectinload(Application.vacancy))
        ).scalar_one_or_none()
        if candidate is not None:
            yield candidate


def _maybe_due(now: datetime, policy: Policy) -> Any:
    """Candidates the purge may have work for, found in SQL: a superset (with a few days'
    margin for month ends) that ``decide`` then checks exactly, so a large pool of people
    who used the service recently is not loaded at all."""
    margin = timedelta(days=3)
    profile_cutoff = add_months(now, -policy.pool_months) + margin
    closed_cutoff = add_months(now, -policy.unsuccessful_months) + margin
    expired_application = (
        select(Application.id)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .where(
            Application.candidate_id == Candidate.id,
            Application.stage != Stage.APPOINTED,
            (Vacancy.closes_on <= closed_cutoff.date())
            | (
                Vacancy.closes_on.is_(None)
                & (Vacancy.status == "closed")
                & (Vacancy.updated_at <= closed_cutoff)
            ),
        )
        .exists()
    )
    return (
        select(Candidate.id)
        .where(
            Candidate.erased_at.is_(None),
            (Candidate.last_active_at <= profile_cutoff)
            | Candidate.in_pool.is_(False)
            | expired_application,
        )
        .order_by(Candidate.id)
    )


@dataclass
class PurgeResult:
    """Counts and references only: never anyone's name or contact details."""

    erased: list[int] = field(default_factory=list)  # candidate record numbers
    profiles_removed: list[int] = field(default_factory=list)
    anonymised: list[str] = field(default_factory=list)  # application references
    drafts_deleted: int = 0
    model_swept: int = 0
    orphan_files: int = 0

    @property
    def total(self) -> int:
        return (
            len(self.erased)
            + len(self.profiles_removed)
            + len(self.anonymised)
            + self.drafts_deleted
        )


def purge(
    now: datetime | None = None,
    *,
    dry_run: bool = False,
    policy: Policy | None = None,
    reporter: Reporter | None = None,
) -> PurgeResult:
    """Erase what has expired, one candidate per transaction (commits as it goes)."""
    now = now or utcnow()
    policy = policy or Policy.from_config()
    result = PurgeResult()
    ids = list(db.session.execute(_maybe_due(now, policy)).scalars())
    db.session.rollback()  # hold no transaction open across the loop
    if reporter is not None:
        reporter.step("Checking candidates" if dry_run else "Erasing expired data", total=len(ids))
    reason = "Retention period ended"
    for candidate in _candidates(ids):
        decision = decide(candidate, now, policy)
        if decision.erase:
            result.erased.append(candidate.id)
            if not dry_run:
                erasure.erase_candidate(candidate, SYSTEM, reason, now=now, persist_model=False)
        else:
            for application in decision.anonymise:
                if application.stage == Stage.DRAFT:
                    result.drafts_deleted += 1
                else:
                    result.anonymised.append(application.reference)
                if not dry_run:
                    erasure.anonymise_application(application, SYSTEM, reason)
            if decision.remove_pool_profile:
                result.profiles_removed.append(candidate.id)
                if not dry_run:
                    erasure.remove_pool_profile(candidate, SYSTEM, reason, persist_model=False)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
        db.session.expunge_all()  # a large pool is not held in memory
        if reporter is not None:
            reporter.advance()
    if not dry_run:
        if reporter is not None:
            reporter.step("Removing erased candidates from the matching model")
        # Saved once at the end; candidates erased by a run that was interrupted before
        # this point are found again here, because the sweep looks at every tombstone.
        result.model_swept = erasure.sweep_model()
        result.orphan_files = remove_orphan_cv_files()
    return result


def remove_orphan_cv_files(min_age: timedelta = timedelta(hours=1)) -> int:
    """CV files no record points to (an upload abandoned half-way, or an erasure whose
    transaction failed after the file went). Files younger than ``min_age`` may belong to
    an upload still in progress, and are left."""
    from ...models import CVDocument
    from ..applications.cv import upload_folder

    known = set(db.session.execute(select(CVDocument.storage_name)).scalars())
    removed = 0
    for path in upload_folder().iterdir():
        if not path.is_file() or path.name in known:
            continue
        # The file's age by the clock, whatever ``now`` the purge was given.
        modified = datetime.fromtimestamp(path.stat().st_mtime)
        if modified <= datetime.now() - min_age:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


# Reminders and renewal.


def renew_link(candidate: Candidate) -> str:
    token = _serializer().dumps({"c": candidate.public_id, "v": candidate.link_version})
    # Built from the URL map, not url_for: reminders are sent by a command, with no request.
    path = current_app.url_map.bind("").build("links.renew_with_token", {"token": token})
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RENEW_SALT)


class RenewLinkError(Exception):
    """The link cannot be used; the message says what the candidate should do."""


def load_renew_token(token: str) -> Candidate:
    max_age = int(current_app.config["RENEW_LINK_MAX_AGE"].total_seconds())
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise RenewLinkError(
            "This link has expired. Sign in with a return link to see your profile and keep it."
        ) from exc
    except BadSignature as exc:
        raise RenewLinkError(
            "This link is not valid. Check you copied the whole link from the email."
        ) from exc
    candidate = db.session.execute(
        select(Candidate).filter_by(public_id=data.get("c"))
    ).scalar_one_or_none()
    if candidate is None or candidate.link_version != data.get("v") or candidate.erased_at:
        raise RenewLinkError(
            "This link is no longer valid. Your profile may already have been deleted."
        )
    return candidate


def renew(candidate: Candidate, actor: str, now: datetime | None = None) -> datetime:
    """Keep the profile for another full period; returns the new date it would expire."""
    candidate.last_active_at = now or utcnow()
    candidate.retention_reminded_at = None
    policy = Policy.from_config()
    until = profile_expires_at(candidate, policy)
    audit.record(actor, "profile_renewed", "candidate", candidate.id)
    db.session.flush()
    send_email(
        candidate.email,
        "We will keep your NEDMatch profile",
        f"Dear {candidate.first_name or 'candidate'},\n\nThank you. We will keep your profile "
        f"until {long_date(until)}, and for {policy.pool_months} months after you last use "
        "NEDMatch after that. You can download, change or delete your data at any time "
        "from your applications page.\n",
    )
    return until


def due_reminders(now: datetime, policy: Policy) -> Iterator[tuple[Candidate, datetime]]:
    """Pool members whose profile will be deleted within the reminder period, who have not
    been reminded since they last used the service."""
    earliest_activity = add_months(now, -policy.pool_months)
    window = add_months(earliest_activity, policy.reminder_months)
    query = (
        select(Candidate)
        .where(
            Candidate.in_pool.is_(True),
            Candidate.erased_at.is_(None),
            Candidate.last_active_at <= window,
            (Candidate.retention_reminded_at.is_(None))
            | (Candidate.retention_reminded_at < Candidate.last_active_at),
        )
        .options(selectinload(Candidate.applications).selectinload(Application.vacancy))
        .order_by(Candidate.id)
    )
    horizon = add_months(now, policy.reminder_months)
    for candidate in db.session.execute(query).scalars():
        if any(a.stage == Stage.APPOINTED for a in candidate.applications):
            when: datetime | None = profile_expires_at(candidate, policy)  # the profile only
        else:
            when = scheduled_erasure(candidate, policy)
        if when is not None and when <= horizon:
            yield candidate, when


def send_reminders(now: datetime | None = None, reporter: Reporter | None = None) -> int:
    """Email each due candidate once; commits after each, so a rerun never sends twice."""
    now = now or utcnow()
    policy = Policy.from_config()
    due = list(due_reminders(now, policy))
    if reporter is not None:
        reporter.step("Sending reminders", total=len(due))
    for candidate, when in due:
        send_email(
            candidate.email,
            "Do you want us to keep your NEDMatch profile?",
            f"Dear {candidate.first_name or 'candidate'},\n\nYou have not used NEDMatch for "
            f"a while. We will delete your talent pool profile on {long_date(when)} unless "
            "you ask us to keep it. We delete profiles we no longer need because the law "
            "says we must not keep personal data for longer than we need it.\n\n"
            f"To keep your profile for another {policy.pool_months} months, use this link:"
            f"\n\n{renew_link(candidate)}\n\nIf you do nothing, we will delete it. Anonymous "
            "counts of who applied stay, with nothing that identifies you.\n",
        )
        candidate.retention_reminded_at = now
        audit.record(SYSTEM, "retention_reminder_sent", "candidate", candidate.id)
        db.session.commit()
        if reporter is not None:
            reporter.advance()
    return len(due)
