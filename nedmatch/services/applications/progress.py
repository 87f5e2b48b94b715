"""Where each of a candidate's applications stands, in plain words, with what happens
next and roughly when.

A rejection the candidate has not been sent yet is not shown: the team may still undo it
(services/messages), and the candidate should hear it from the email, not find it here
first. Until then the page shows the stage they were rejected from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ...dates import long_date
from ...extensions import db
from ...models import Application, Candidate, InterviewBooking, PendingMessage
from ...stages import Stage
from ..interviews.bookings import live_booking
from ..sift.stages import stage_before_rejection

# Targets for the team's decisions, counted from the closing date (*unconfirmed*: the
# Governance Code aims for 90 days from advert to appointment; these fit inside it).
SIFT_WEEKS: Final = 3  # who is shortlisted
INTERVIEW_DECISION_WEEKS: Final = 6  # who is invited to interview


@dataclass(frozen=True)
class Progress:
    application: Application
    stage: Stage
    explanation: str
    interview: InterviewBooking | None = None  # the live booking, once a time is chosen

    @property
    def label(self) -> str:
        return self.stage.label


def _on(day: date | None) -> str:
    return long_date(day)


def _by(closes: date | None, weeks: int) -> str:
    return f" by {_on(closes + timedelta(weeks=weeks))}" if closes else ""


def explain(stage: Stage, closes: date | None) -> str:
    """One or two sentences: what this stage means and what happens next."""
    closing = f"the vacancy closes on {_on(closes)}" if closes else "the vacancy closes"
    sift = (
        f"After {closing}, the appointments team reads every application against the "
        f"criteria for the role (the sift). We aim to tell you whether you have been "
        f"shortlisted{_by(closes, SIFT_WEEKS)}."
    )
    texts = {
        Stage.DRAFT: f"Not sent yet: finish and submit your application before {closing}.",
        Stage.APPLIED: f"We have your application. {sift}",
        Stage.LONGLISTED: f"We have your application. {sift}",
        Stage.SHORTLISTED: (
            "You are on the shortlist. The panel will decide who to invite to interview"
            f"{_by(closes, INTERVIEW_DECISION_WEEKS)}, and we will email you either way."
        ),
        Stage.INTERVIEW: (
            "You are invited to interview. Choose a date and time for your interview, and "
            "tell us about any adjustments you need."
        ),
        Stage.RECOMMENDED: (
            "The panel has recommended you for appointment. Before it is confirmed we carry "
            "out the fit and proper person checks, such as references; we will contact you "
            "about them."
        ),
        Stage.APPOINTED: (
            "You have been appointed. The organisation will contact you about your start "
            "date and induction."
        ),
        Stage.REJECTED: (
            "You have not been selected to go further this time. You can ask the "
            "appointments team for feedback. If you are in the talent pool, we may invite "
            "you to apply for other board roles."
        ),
        Stage.WITHDRAWN: "You withdrew this application. Nothing more will happen with it.",
    }
    return texts[stage]


def _rejection_untold(application: Application) -> bool:
    return (
        db.session.execute(
            db.select(PendingMessage.id)
            .filter_by(application_id=application.id, kind=Stage.REJECTED.value, status="queued")
            .limit(1)
        ).first()
        is not None
    )


def shown_stage(application: Application) -> Stage:
    stage = Stage.parse(application.stage) or Stage.APPLIED
    if stage == Stage.REJECTED and _rejection_untold(application):
        return stage_before_rejection(application)
    return stage


def for_candidate(candidate: Candidate) -> list[Progress]:
    """The candidate's applications, newest first, each with its stage explained."""
    applications = sorted(candidate.applications, key=lambda a: a.created_at, reverse=True)
    return [
        Progress(
            a,
            stage,
            explain(stage, a.vacancy.closes_on),
            live_booking(a) if stage == Stage.INTERVIEW else None,
        )
        for a in applications
        for stage in [shown_stage(a)]
    ]
