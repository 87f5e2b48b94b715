"""Demo history: four years of past campaigns at every organisation, so that the journeys
report has people who went from the pool to a non-executive's appointment (some after a
board placement) and on to a chair's, and the annual fit and proper person re-checks have
members at every state: done, due soon, overdue."""

from __future__ import annotations

import random
import zlib
from datetime import date, datetime, timedelta

from ..domain import ROLE_TYPES
from ..extensions import db
from ..models import (
    FPPT_CHECKS,
    Application,
    Candidate,
    FpptCheck,
    Organisation,
    Participant,
    Vacancy,
)
from ..services.boards.succession import ROLE_CRITERIA
from .fppt import EVIDENCE
from .progress import advance

NED_ROLES = ("ned", "ned", "audit-chair", "clinical-ned")
# Days a past campaign waited between the panel's recommendation and the appointment (the
# approvals and checks): most none, some long enough to miss the Governance Code's 90 days,
# as many campaigns do, so that the time-to-appoint page has late campaigns to show.
APPROVAL_WAITS = (0, 0, 0, 0, 10, 25, 45, 80, 140)


def _checks(application: Application, on: date, round_: int) -> None:
    for number, kind in enumerate(FPPT_CHECKS):
        db.session.add(
            FpptCheck(
                application_id=application.id,
                round=round_,
                kind=kind,
                status="satisfactory",
                checked_on=on + timedelta(days=number),
                evidence=EVIDENCE[kind],
            )
        )


def _campaign(
    rng: random.Random,
    organisation: Organisation,
    role: str,
    opens: date,
    appointee: Candidate,
    others: list[Candidate],
    wait: int = 0,
) -> Application:
    vacancy = Vacancy(
        organisation=organisation,
        role_type=role,
        title=f"{ROLE_TYPES[role]} ({opens.year})",
        description=f"A past campaign for the board of {organisation.name}.",
        essential_criteria=list(ROLE_CRITERIA[role]),
        status="closed",
        opens_on=opens,
        closes_on=opens + timedelta(days=28),
        time_commitment="3 days a month",
    )
    db.session.add(vacancy)
    start = datetime.combine(opens, datetime.min.time())
    appointed = Application(
        candidate=appointee,
        vacancy=vacancy,
        statement=f"I applied as {appointee.current_role}.",
        submitted_at=start + timedelta(days=5),
    )
    advance(rng, appointed, "appointed", rejected=False, start=start + timedelta(days=30))
    appointment = appointed.stage_changes[-1]
    appointment.at = (appointment.at or start) + timedelta(days=wait)
    db.session.add(appointed)
    for person in others:
        furthest = rng.choice(["applied", "longlisted", "shortlisted", "interview"])
        application = Application(
            candidate=person,
            vacancy=vacancy,
            statement=f"I applied as {person.current_role}.",
            submitted_at=start + timedelta(days=rng.randint(1, 20)),
        )
        advance(rng, application, furthest, rejected=True, start=start + timedelta(days=30))
        db.session.add(application)
    return appointed


def seed_history(rng: random.Random, today: date) -> int:
    """Past campaigns and their appointees; returns how many were appointed."""
    organisations = sorted(
        db.session.execute(db.select(Organisation)).scalars(), key=lambda o: o.name
    )
    pool = list(
        db.session.execute(
            db.select(Candidate).where(Candidate.in_pool.is_(True)).order_by(Candidate.id)
        ).scalars()
    )
    completers = [
        p.candidate
        for p in db.session.execute(
            db.select(Participant).where(Participant.status == "completed")
        ).scalars()
    ]
    taken: set[int] = set()
    neds: list[Candidate] = []
    appointments: list[tuple[Application, date]] = []
    for years_ago in (4, 3, 2, 1):
        for organisation in organisations:
            opens = today - timedelta(days=365 * years_ago + rng.randint(0, 200))
            chair = years_ago <= 2 and bool(neds) and rng.random() < 0.4
            if chair:
                appointee = neds.pop(rng.randrange(len(neds)))
            else:
                appointee = rng.choice(pool)
                while appointee.id in taken or appointee in completers:
                    appointee = rng.choice(pool)
            taken.add(appointee.id)
            others = [c for c in rng.sample(pool, k=8) if c.id not in taken]
            application = _campaign(
                rng,
                organisation,
                "chair" if chair else rng.choice(NED_ROLES),
                opens,
                appointee,
                others,
                # Chosen by the campaign, not the generator, so the rest of the demo is as it was.
                wait=APPROVAL_WAITS[
                    zlib.crc32(f"{organisation.name} {opens}".encode()) % len(APPROVAL_WAITS)
                ],
            )
            if not chair:
                neds.append(appointee)
            appointed_at = application.stage_changes[-1].at
            appointments.append((application, appointed_at.date() if appointed_at else opens))
    # This year: most of last year's placement completers appointed non-executives.
    for completer in completers[:6]:
        organisation = rng.choice(organisations)
        opens = today - timedelta(days=rng.randint(110, 130))
        others = [c for c in rng.sample(pool, k=8) if c.id not in taken]
        application = _campaign(rng, organisation, "ned", opens, completer, others)
        appointed_at = application.stage_changes[-1].at
        appointments.append((application, appointed_at.date() if appointed_at else opens))
    db.session.flush()
    # Checks before each appointment, and the annual re-checks since: most are up to date,
    # a few are due within the month and a few are overdue.
    for number, (application, appointed_on) in enumerate(appointments):
        _checks(application, appointed_on - timedelta(days=14), 0)
        rounds = (today - appointed_on).days // 365
        lag = number % 7  # 0: due soon; 1: overdue; else up to date
        for round_ in range(1, rounds + 1):
            if round_ == rounds and lag in (0, 1):
                break
            _checks(application, appointed_on + timedelta(days=365 * round_ - 20), round_)
        if lag == 0 and rounds >= 1:
            # The last round was done eleven and a half months ago: due within the month.
            _checks(application, today - timedelta(days=350), rounds)
    db.session.flush()
    return len(appointments)
