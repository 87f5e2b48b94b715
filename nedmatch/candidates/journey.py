"""The steps of the candidate journey, in order, and how each maps onto the data model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm

from ..domain import COMPETENCY_DOMAINS, MONITORING_QUESTIONS
from ..models import Application, Candidate
from ..services.applications import monitoring
from . import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[FlaskForm]
    application_only: bool = False
    # Optional steps are complete once the candidate has seen and continued past them.
    optional: bool = False


STEPS: tuple[Step, ...] = (
    Step("about-you", "About you", forms.AboutYouForm),
    Step("experience", "Your experience and skills", forms.ExperienceForm),
    Step("competencies", "Evidence against the board competency framework", forms.CompetenciesForm),
    Step("statement", "Your supporting statement", forms.StatementForm, application_only=True),
    Step("cv", "Upload your CV (optional)", forms.CVForm, optional=True),
    Step("eligibility", "Eligibility declarations", forms.EligibilityForm),
    Step("equality", "Equality monitoring (optional)", forms.MonitoringForm, optional=True),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def steps_for(application: Application | None) -> list[Step]:
    return [s for s in STEPS if application is not None or not s.application_only]


def is_complete(step: Step, candidate: Candidate, application: Application | None) -> bool:
    if step.slug == "statement":
        return bool(application and application.statement)
    return step.slug in (candidate.completed_steps or [])


def first_incomplete(candidate: Candidate, application: Application | None) -> Step | None:
    for step in steps_for(application):
        if not is_complete(step, candidate, application):
            return step
    return None


def next_step(step: Step, application: Application | None) -> Step | None:
    steps = steps_for(application)
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(step: Step, application: Application | None) -> Step | None:
    steps = steps_for(application)
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def initial_data(
    step: Step, candidate: Candidate, application: Application | None
) -> dict[str, Any]:
    """What the form shows when nothing has been typed on it yet."""
    c = candidate
    if step.slug == "about-you":
        return {
            "first_name": c.first_name,
            "last_name": c.last_name,
            "phone": c.phone,
            "postcode": c.postcode,
            "region": c.region or "",
        }
    if step.slug == "experience":
        return {
            "current_role": c.current_role,
            "career_summary": c.career_summary,
            "skill_areas": list(c.skill_areas or []),
            "board_experience": c.board_experience,
            "availability": c.availability,
            "willing_challenged": _yes_no(c.willing_challenged),
            "consent_to_match": _yes_no(c.consent_to_match)
            if "experience" in (c.completed_steps or [])
            else None,
        }
    if step.slug == "competencies":
        evidence = c.competency_evidence or {}
        return {f"evidence_{slug}": evidence.get(slug, "") for slug in COMPETENCY_DOMAINS}
    if step.slug == "statement":
        if application is None:
            return {}
        return {
            "statement": application.statement,
            "guaranteed_interview": (
                _yes_no(application.guaranteed_interview) if application.statement else None
            ),
        }
    if step.slug == "eligibility":
        declaration = c.eligibility
        if declaration is None:
            return {}
        declared = [item for item, yes in declaration.answers.items() if yes]
        return {
            "items": declared or [forms.NONE_APPLY],
            "details": declaration.details,
            "confirm": declaration.confirmed,
        }
    if step.slug == "equality":
        return dict(monitoring.answers_for(c.id))
    return {}


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def summary_rows(
    candidate: Candidate, application: Application | None
) -> dict[str, list[tuple[str, str]]]:
    """Check-your-answers content: step slug -> (question, answer) rows. No monitoring answers
    are echoed beyond whether the section was answered, so a shared screen shows little."""
    from ..domain import AVAILABILITY, BOARD_EXPERIENCE, ELIGIBILITY_ITEMS, REGIONS, SKILL_AREAS

    c = candidate
    rows: dict[str, list[tuple[str, str]]] = {
        "about-you": [
            ("Name", c.full_name),
            ("Email address", c.email),
            ("Phone number", c.phone),
            ("Postcode", c.postcode),
            ("NHS region", REGIONS.get(c.region or "", "")),
        ],
        "experience": [
            ("Current or most recent role", c.current_role),
            ("Career summary", c.career_summary),
            ("Skill areas", ", ".join(SKILL_AREAS.get(s, s) for s in c.skill_areas or [])),
            ("Board experience", BOARD_EXPERIENCE.get(c.board_experience or "", "")),
            ("Time you could give", AVAILABILITY.get(c.availability or "", "")),
            (
                "Would consider an organisation in recovery support",
                _label_yes_no(c.willing_challenged),
            ),
            ("Match me to future vacancies", _label_yes_no(c.consent_to_match)),
        ],
        "competencies": [
            (label, (c.competency_evidence or {}).get(slug, "") or "Not given")
            for slug, label in COMPETENCY_DOMAINS.items()
        ],
    }
    if application is not None:
        rows["statement"] = [
            ("Supporting statement", application.statement),
            ("Guaranteed interview scheme", _label_yes_no(application.guaranteed_interview)),
        ]
    rows["cv"] = [("CV", c.cv.original_filename if c.cv else "No CV uploaded")]
    declaration = c.eligibility
    declared = [
        ELIGIBILITY_ITEMS[i]
        for i, yes in (declaration.answers if declaration else {}).items()
        if yes and i in ELIGIBILITY_ITEMS
    ]
    rows["eligibility"] = [
        ("Declarations", "; ".join(declared) if declared else "None of these apply to me"),
    ]
    if declared and declaration is not None:
        rows["eligibility"].append(("More about your declaration", declaration.details))
    answered = sum(1 for q in monitoring.answers_for(c.id) if q in MONITORING_QUESTIONS)
    rows["equality"] = [
        ("Questions answered", f"{answered} of {len(MONITORING_QUESTIONS)}"),
    ]
    return rows


def _label_yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")
