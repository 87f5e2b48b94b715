"""The purge erases exactly what has expired, and a second run finds nothing more;
reminders go once, a month before; a candidate can keep their profile."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Application, ApplicationNote, Candidate, StageChange, TeamUser
from nedmatch.models._types import utcnow
from nedmatch.services.platform.notifications import Email
from nedmatch.services.privacy import retention
from tests.conftest import make_organisation, make_team_user, make_vacancy

NOW = utcnow()


def months_ago(months: int, days: int = 0) -> datetime:
    return retention.add_months(NOW, -months) - timedelta(days=days)


def make(
    key: str,
    *,
    active: datetime,
    in_pool: bool = True,
    applications: tuple[tuple[Any, str], ...] = (),
    author: TeamUser | None = None,
) -> Candidate:
    """A candidate last active at ``active`` with (vacancy, stage) applications, each with
    a statement, a reason in its history and a team note."""
    candidate = Candidate(
        email=f"{key}@example.com",
        first_name="Sample",
        last_name=key.capitalize(),
        phone="07700 900 000",
        career_summary=f"Career of {key}",
        in_pool=in_pool,
        consent_to_match=in_pool,
        last_active_at=active,
        created_at=active,
    )
    db.session.add(candidate)
    for vacancy, stage in applications:
        application = Application(
            candidate=candidate, vacancy=vacancy, stage=stage, statement=f"Statement of {key}"
        )
        db.session.add(application)
        if stage != "draft":
            application.submitted_at = active
            application.stage_changes.append(
                StageChange(from_stage="draft", to_stage="applied", at=active)
            )
            if stage != "applied":
                application.stage_changes.append(
                    StageChange(from_stage="applied", to_stage=stage, reason=f"About {key}")
                )
            db.session.flush()
            if author is not None:
                db.session.add(
                    ApplicationNote(application_id=application.id, author_id=author.id, text=key)
                )
    db.session.flush()
    return candidate


@pytest.fixture
def ages(app: Flask) -> dict[str, Candidate]:
    """Candidates at several ages around each limit (12 months after a campaign closes,
    24 months after last activity), named by what should happen to them."""
    author = make_team_user("reviewer")
    organisation = make_organisation()

    def vacancy(title: str, closes: datetime, status: str = "closed") -> Any:
        return make_vacancy(
            organisation, title=title, opens_on=None, closes_on=closes.date(), status=status
        )

    closed_13 = vacancy("Closed 13 months ago", months_ago(13))
    closed_11 = vacancy("Closed 11 months ago", months_ago(11))
    still_open = vacancy("Open", NOW + timedelta(days=20), status="open")
    people = {
        "erase_pool_idle_25": make("a", active=months_ago(25)),
        "keep_pool_idle_23": make("b", active=months_ago(23)),
        "keep_pool_idle_just_under": make("c", active=months_ago(24) + timedelta(days=2)),
        "anonymise_rejected_13": make(
            "d", active=months_ago(13), applications=((closed_13, "rejected"),), author=author
        ),
        "keep_rejected_11": make(
            "e", active=months_ago(11), applications=((closed_11, "rejected"),), author=author
        ),
        "erase_left_pool_rejected_13": make(
            "f",
            active=months_ago(2),
            in_pool=False,
            applications=((closed_13, "withdrawn"),),
            author=author,
        ),
        "keep_left_pool_rejected_11": make(
            "g", active=months_ago(2), in_pool=False, applications=((closed_11, "rejected"),)
        ),
        "strip_appointed_idle_30": make(
            "h", active=months_ago(30), applications=((closed_13, "appointed"),)
        ),
        "keep_live_application_idle_30": make(
            "i", active=months_ago(30), applications=((still_open, "shortlisted"),)
        ),
        "erase_drafter_idle_30": make(
            "j", active=months_ago(30), in_pool=False, applications=((closed_13, "draft"),)
        ),
        "delete_draft_active": make(
            "k", active=months_ago(1), applications=((closed_13, "draft"),)
        ),
    }
    db.session.commit()
    return people


def snapshot() -> dict[int, tuple[Any, ...]]:
    """Everything that could change, per candidate."""
    result = {}
    for c in db.session.execute(db.select(Candidate).order_by(Candidate.id)).scalars():
        apps = tuple(
            (
                a.reference,
                a.stage,
                a.statement,
                tuple((s.to_stage, s.reason) for s in a.stage_changes),
                tuple(
                    db.session.execute(
                        db.select(ApplicationNote.text).where(
                            ApplicationNote.application_id == a.id
                        )
                    ).scalars()
                ),
            )
            for a in sorted(c.applications, key=lambda a: a.id)
        )
        result[c.id] = (c.email, c.last_name, c.career_summary, c.in_pool, c.erased_at, apps)
    return result


def purge(runner: Any, *args: str) -> str:
    result = runner.invoke(args=["data", "purge", *args])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_the_purge_erases_exactly_what_has_expired_twice_in_a_row(
    runner: Any, ages: dict[str, Candidate]
) -> None:
    ids = {name: c.id for name, c in ages.items()}
    expired_refs = [a.reference for a in ages["anonymise_rejected_13"].applications]
    before = snapshot()

    dry = purge(runner, "--dry-run")

    assert snapshot() == before  # nothing changed
    erased = sorted(ids[n] for n in ids if n.startswith("erase_"))
    assert f"Would erase 3 candidate(s): records {', '.join(map(str, erased))}" in dry
    assert (
        f"Would remove the pool profile of 1 appointed candidate(s): records {ids['strip_appointed_idle_30']}"
        in dry
    )
    assert f"Would anonymise 1 application(s): {expired_refs[0]}" in dry
    assert "Would delete 1 unsubmitted draft(s)" in dry
    assert not re.search(r"@example\.com|Sample|Statement of", dry)  # no personal data

    first = purge(runner)
    after_first = snapshot()

    assert "Did erase 3 candidate(s)" in first
    for name, candidate_id in ids.items():
        email, last_name, summary, in_pool, erased_at, apps = after_first[candidate_id]
        old = before[candidate_id]
        if name.startswith("erase_"):
            assert email.startswith("erased-") and last_name == "" and erased_at is not None
            assert all(a[2] == "" and a[4] == () for a in apps)  # no statement, no notes
            assert all(reason == "" for a in apps for _, reason in a[3])
        elif name == "anonymise_rejected_13":
            [(ref, stage, statement, history, notes)] = apps
            assert (ref, stage) == old[5][0][:2] and statement == "" and notes == ()
            assert history == (("applied", ""), ("rejected", ""))
            assert after_first[candidate_id][:5] == old[:5]  # the profile is still theirs
        elif name == "strip_appointed_idle_30":
            assert (email, last_name) == old[:2] and summary == "" and not in_pool
            assert apps == old[5]  # the appointment, as it was
        elif name == "delete_draft_active":
            assert apps == () and after_first[candidate_id][:5] == old[:5]
        else:
            assert after_first[candidate_id] == old, name

    second = purge(runner)

    assert snapshot() == after_first
    for line in (
        "Did erase 0 candidate(s)",
        "Did remove the pool profile of 0 appointed candidate(s)",
        "Did anonymise 0 application(s)",
        "Did delete 0 unsubmitted draft(s)",
    ):
        assert line in second


def test_an_interrupted_purge_finishes_the_next_time(
    app: Flask, ages: dict[str, Candidate], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nedmatch.services.privacy import erasure

    real = erasure.erase_candidate
    calls = []

    def fail_on_second(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(erasure, "erase_candidate", fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        retention.purge()
    db.session.rollback()
    monkeypatch.setattr(erasure, "erase_candidate", real)
    erased_after_interruption = db.session.execute(
        db.select(db.func.count()).where(Candidate.erased_at.is_not(None))
    ).scalar_one()

    result = retention.purge()

    assert erased_after_interruption == 1  # the first was committed on its own
    assert len(result.erased) == 2
    assert (
        db.session.execute(
            db.select(db.func.count()).where(Candidate.erased_at.is_not(None))
        ).scalar_one()
        == 3
    )


def _reminders(outbox: list[Email]) -> list[Email]:
    return [e for e in outbox if e.subject.startswith("Do you want us to keep")]


def test_a_reminder_goes_a_month_before_once(
    runner: Any, ages: dict[str, Candidate], outbox: list[Email]
) -> None:
    result = runner.invoke(args=["data", "remind"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["data", "remind"])

    reminded = sorted(e.to for e in _reminders(outbox))
    # Pool members whose profile goes within the month: b (23 months idle), c (days short
    # of 24), a (already past: told before the next purge), and the appointee h, about
    # their pool profile. Not i, whose application is still live, nor anyone active lately.
    assert reminded == ["a@example.com", "b@example.com", "c@example.com", "h@example.com"]
    assert "Sent 0 reminder(s)." in again.output
    body = _reminders(outbox)[0].body
    assert "/keep-my-profile/" in body


def test_the_reminder_link_keeps_the_profile(
    app: Flask, client: FlaskClient, ages: dict[str, Candidate], outbox: list[Email]
) -> None:
    candidate_id = ages["keep_pool_idle_23"].id
    retention.send_reminders()
    [email] = [e for e in _reminders(outbox) if e.to == "b@example.com"]
    path = re.search(r"https?://[^/\s]+(/keep-my-profile/\S+)", email.body).group(1)

    page = client.get(path)
    assert page.status_code == 200 and b"Keep my profile" in page.data
    assert db.session.get(Candidate, candidate_id).last_active_at < months_ago(22)

    done = client.post(path)

    assert done.status_code == 200 and b"We will keep your profile" in done.data
    candidate = db.session.get(Candidate, candidate_id)
    assert candidate.last_active_at > NOW - timedelta(minutes=5)
    assert candidate.retention_reminded_at is None
    assert any(e.subject == "We will keep your NEDMatch profile" for e in outbox)
    # Renewed: not due for a reminder, nor for erasure, for another two years.
    assert candidate_id not in retention.purge(NOW + timedelta(days=40)).erased


@pytest.mark.parametrize(
    ("token", "message"),
    [("not-a-token", "This link is not valid")],
)
def test_a_bad_renew_link_says_what_to_do(client: FlaskClient, token: str, message: str) -> None:
    page = client.get(f"/keep-my-profile/{token}")

    assert message in page.get_data(as_text=True)
    assert b"Get a link to sign in" in page.data


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2025, 1, 31), 1, datetime(2025, 2, 28)),
        (datetime(2024, 1, 31), 1, datetime(2024, 2, 29)),
        (datetime(2025, 3, 15, 9), -24, datetime(2023, 3, 15, 9)),
        (datetime(2025, 12, 1), 1, datetime(2026, 1, 1)),
    ],
)
def test_months_are_calendar_months(start: datetime, months: int, expected: datetime) -> None:
    assert retention.add_months(start, months) == expected
