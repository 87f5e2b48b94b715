"""Saving the sections of the candidate's application: each section's answers once valid,
what was typed on one that was not (its draft), and which sections are complete."""

from __future__ import annotations

from typing import Any

from ...actors import Actor
from ...domain import COMPETENCY_DOMAINS, ELIGIBILITY_ITEMS, ETHNIC_GROUPS
from ...extensions import db
from ...models import Application, Candidate, EligibilityDeclaration
from ...models._types import utcnow
from ..platform import audit
from . import monitoring
from .operations import ApplicationError

# Steps whose answers belong to one application; the others are the profile, shared by
# every application, and their drafts with them.
APPLICATION_STEPS = frozenset({"statement"})


def _actor(candidate: Candidate) -> str:
    return str(Actor.candidate(candidate))


def lock_for_saving(candidate: Candidate, application: Application | None) -> None:
    """Saves of one candidate take turns (a row lock on PostgreSQL; SQLite lets one writer
    in at a time anyway). Each save reads the completed steps and drafts afresh once it
    holds the lock and changes only its own step's, so two tabs saving different steps at
    once keep both. Call before reading anything a save changes; the commit releases it."""
    db.session.refresh(candidate, with_for_update=True)
    if application is not None:
        db.session.refresh(application, with_for_update=True)


def _drafts_owner(
    candidate: Candidate, application: Application | None, step: str
) -> Candidate | Application:
    if step in APPLICATION_STEPS:
        if application is None:
            raise ApplicationError("There is no application to keep a statement for.")
        return application
    return candidate


def draft_for(
    candidate: Candidate, application: Application | None, step: str
) -> dict[str, list[str]] | None:
    """What was typed on this step and not yet saved, if anything."""
    if step in APPLICATION_STEPS and application is None:
        return None
    owner = _drafts_owner(candidate, application, step)
    draft = (owner.draft_data or {}).get(step)
    return draft if isinstance(draft, dict) else None


def save_draft(
    candidate: Candidate, application: Application | None, step: str, draft: dict[str, list[str]]
) -> None:
    """Keep what was typed on a step that did not validate, so nothing is lost: on the
    application for its own steps, on the candidate for the profile's. The draft is already
    capped (journey.draft_of); only this step's entry changes."""
    owner = _drafts_owner(candidate, application, step)
    owner.draft_data = {**(owner.draft_data or {}), step: draft}
    candidate.last_active_at = utcnow()
    db.session.flush()


def _mark_complete(candidate: Candidate, application: Application | None, step: str) -> None:
    done = list(candidate.completed_steps or [])
    if step not in done:
        candidate.completed_steps = [*done, step]
    owner = _drafts_owner(candidate, application, step)
    drafts = dict(owner.draft_data or {})
    if drafts.pop(step, None) is not None:
        owner.draft_data = drafts


def _declaration_text(item_details: dict[str, str]) -> str:
    """The candidate's words about each item, under the item, as one text."""
    return "\n\n".join(f"{ELIGIBILITY_ITEMS[item]}:\n{text}" for item, text in item_details.items())


def save_step(
    candidate: Candidate, application: Application | None, step: str, data: dict[str, Any]
) -> None:
    """Store one validated step of the journey."""
    c = candidate
    complete = True
    if step == "about-you":
        c.first_name = data["first_name"]
        c.last_name = data["last_name"]
        c.phone = data["phone"]
        c.postcode = data["postcode"]
        c.region = data["region"]
    elif step == "experience":
        c.current_role = data["current_role"]
        c.career_summary = data["career_summary"]
        c.skill_areas = list(data["skill_areas"])
        c.board_experience = data["board_experience"]
        c.availability = data["availability"]
        c.willing_challenged = data["willing_challenged"] == "yes"
        c.consent_to_match = data["consent_to_match"] == "yes"
    elif step == "competencies":
        c.competency_evidence = {
            slug: data.get(f"evidence_{slug}") or "" for slug in COMPETENCY_DOMAINS
        }
    elif step == "statement":
        if application is None:
            raise ApplicationError("There is no application to add a statement to.")
        application.statement = data["statement"]
        application.guaranteed_interview = data.get("guaranteed_interview") == "yes"
    elif step == "eligibility":
        _save_eligibility(c, data)
    elif step == "equality":
        answers = {k: v for k, v in data.items() if isinstance(v, str)}
        monitoring.save_first_page(c.id, answers)
        # A group chosen: the section is finished on the next page, its background.
        complete = not needs_background(c)
    elif step == "cv":
        pass  # the file itself is handled by attach_cv / remove_cv
    else:
        raise ApplicationError(f"Unknown step {step!r}")
    if complete:
        _mark_complete(c, application, step)
    c.last_active_at = utcnow()
    db.session.flush()


def _save_eligibility(candidate: Candidate, data: dict[str, Any]) -> None:
    """The items declared, and for each what the candidate told us (nothing is kept
    for an item not ticked)."""
    declared = [item for item in ELIGIBILITY_ITEMS if item in set(data["items"])]
    given = data.get("item_details") or {}
    item_details = {item: str(given.get(item) or "") for item in declared}
    answers = {item: item in declared for item in ELIGIBILITY_ITEMS}
    if candidate.eligibility is None:
        candidate.eligibility = EligibilityDeclaration(answers=answers)
    declaration = candidate.eligibility
    declaration.answers = answers
    declaration.item_details = item_details
    declaration.details = _declaration_text(item_details)
    declaration.confirmed = bool(data["confirm"])
    if declared:
        audit.record(
            _actor(candidate),
            "eligibility_declared",
            "candidate",
            candidate.id,
            items=sorted(declared),
        )


def needs_background(candidate: Candidate) -> bool:
    """Whether the candidate gave a broad ethnic group but not yet a background in it."""
    answers = monitoring.answers_for(candidate.id)
    return monitoring.ethnic_group_of(answers) in ETHNIC_GROUPS and "ethnicity" not in answers


def save_ethnic_background(
    candidate: Candidate, application: Application | None, background: str, description: str
) -> None:
    """The second ethnicity question's answer; it finishes the equality section."""
    monitoring.save_background(candidate.id, background, description)
    _mark_complete(candidate, application, "equality")
    candidate.last_active_at = utcnow()
    db.session.flush()
