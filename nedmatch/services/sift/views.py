"""One application as the sift sees it: blind until identity is revealed, with the model's
match, the notes, and a record that the reviewer looked."""

from __future__ import annotations

from dataclasses import dataclass

from ...actors import Actor
from ...matching import Match
from ...models import Application, ApplicationNote, Candidate, IdentityReveal, PendingMessage
from .. import matching
from ..messages import queue as messages
from ..panel.rules import on_panel
from ..platform import audit
from . import identity, notes, stages
from .ranked_list import assessment_for


@dataclass(frozen=True)
class Assessed:
    """The model's view of one applicant among everyone who applied for the vacancy."""

    match: Match | None
    applicants: int

    @property
    def meets_essentials(self) -> bool | None:
        return self.match.meets_essentials if self.match else None


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    candidate: Candidate
    reveal: IdentityReveal | None
    assessed: Assessed
    notes: list[tuple[ApplicationNote, str]]
    protected: bool  # by the guaranteed interview scheme
    can_reveal: bool
    on_panel: bool  # the panel's score sheet is open to the team
    # A rejection whose message is still waiting: the team can undo it until it is sent.
    pending_rejection: PendingMessage | None

    def blind(self, text: str | None) -> str:
        """Text the candidate wrote, with who they are taken out until identity is revealed."""
        return text or "" if self.reveal else identity.blind_text(text, self.candidate)


def assess(application: Application) -> Assessed:
    applicant_ids = matching.applicant_ids(application.vacancy)
    assessment = assessment_for(application.vacancy, applicant_ids)
    match = (
        assessment.explain([application.candidate_id]).get(application.candidate_id)
        if assessment
        else None
    )
    return Assessed(match, len(applicant_ids))


def application_view(actor: Actor, application: Application) -> ApplicationView:
    """The application page's content; records that ``actor`` viewed it (the caller commits)."""
    reveal = identity.reveal_of(application)
    assessed = assess(application)
    audit.record(actor, "application_viewed", "application", application.id, revealed=bool(reveal))
    return ApplicationView(
        application=application,
        candidate=application.candidate,
        reveal=reveal,
        assessed=assessed,
        notes=notes.for_application(application),
        protected=stages.protected_by_scheme(application, assessed.meets_essentials),
        can_reveal=identity.may_reveal(application) and reveal is None,
        on_panel=on_panel(application),
        pending_rejection=messages.pending_rejection(application),
    )
