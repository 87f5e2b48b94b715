"""The steps of the candidate journey, in order, and how each maps onto the data model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import Field, SelectFieldBase, SelectMultipleField
from wtforms.validators import Length

from ..domain import (
    COMPETENCY_DOMAINS,
    ELIGIBILITY_ITEM_SUBJECTS,
    ELIGIBILITY_ITEMS,
    ETHNICITY_BROAD,
    MONITORING_QUESTIONS,
)
from ..forms_common import BaseForm, clean_text
from ..models import Application, Candidate
from ..services.applications import monitoring
from . import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[BaseForm]
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
        return _eligibility_data(c)
    if step.slug == "equality":
        answers = monitoring.answers_for(c.id)
        return {**answers, ETHNICITY_BROAD: monitoring.ethnic_group_of(answers)}
    return {}


def _eligibility_data(candidate: Candidate) -> dict[str, Any]:
    declaration = candidate.eligibility
    if declaration is None:
        return {}
    declared = [item for item in ELIGIBILITY_ITEMS if declaration.answers.get(item)]
    given = dict(declaration.item_details or {})
    if declared and not given and declaration.details:
        # Declared before the boxes per item: the one text goes under the first item.
        given = {declared[0]: declaration.details}
    return {
        "items": declared or [forms.NONE_APPLY],
        "confirm": declaration.confirmed,
        **{forms.detail_field(item): given.get(item, "") for item in declared},
    }


def answers_of(form: BaseForm) -> dict[str, Any]:
    """What a valid step saves: the form's fields, or what the form makes of them."""
    if isinstance(form, forms.EligibilityForm):
        return {
            "items": form.declared() or [forms.NONE_APPLY],
            "item_details": form.item_details(),
            "confirm": form.confirm.data,
        }
    return dict(form.data)


# What a draft keeps of a field with no maximum length of its own (a phone number, a
# postcode, a tick box): more than any valid answer, far less than a flood.
DRAFT_FIELD_DEFAULT_MAX = 100
# And of a whole step: above the longest valid step (six pieces of competency evidence of
# 2,500 characters each), so a valid draft is never cut, while a flood is.
DRAFT_STEP_MAX = 16_000


def _field_max(field: Field) -> int:
    lengths = [v.max for v in field.validators if isinstance(v, Length) and v.max >= 0]
    return min(lengths) if lengths else DRAFT_FIELD_DEFAULT_MAX


def draft_of(step: Step, formdata: MultiDict[str, str]) -> dict[str, list[str]]:
    """What to keep of a post that did not validate, so nothing typed is lost, capped: only
    the step's own fields, each value filtered as the form filters it and cut to the field's
    maximum length, no more values than the field can have, and at most DRAFT_STEP_MAX
    characters in all."""
    form = step.form(formdata=None, meta={"csrf": False})
    draft: dict[str, list[str]] = {}
    budget = DRAFT_STEP_MAX
    for field in form:
        if field.type in {"CSRFTokenField", "FileField"} or field.name not in formdata:
            continue
        values = [clean_text(v) for v in formdata.getlist(field.name) if isinstance(v, str)]
        if isinstance(field, SelectFieldBase):
            # Only an offered choice can be shown again; each once.
            offered = {str(value) for value, *_ in field.iter_choices()}
            values = list(dict.fromkeys(v for v in values if v in offered))
            if not isinstance(field, SelectMultipleField):
                values = values[:1]
        else:
            values = [v[: _field_max(field)] for v in values[:1]]
        kept = []
        for value in values:
            if budget <= 0:
                break
            kept.append(value[:budget])
            budget -= len(kept[-1])
        draft[field.name] = kept
    return draft


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def summary_rows(
    candidate: Candidate, application: Application | None
) -> dict[str, list[tuple[str, str]]]:
    """Check-your-answers content: step slug -> (question, answer) rows. No monitoring answers
    are echoed beyond whether the section was answered, so a shared screen shows little."""
    from ..domain import AVAILABILITY, BOARD_EXPERIENCE, REGIONS, SKILL_AREAS

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
        if declaration.item_details:
            rows["eligibility"] += [
                (f"More about {ELIGIBILITY_ITEM_SUBJECTS[item]}", text)
                for item, text in declaration.item_details.items()
                if item in ELIGIBILITY_ITEM_SUBJECTS
            ]
        else:
            rows["eligibility"].append(("More about your declaration", declaration.details))
    answers = monitoring.answers_for(c.id)
    # The ethnicity question is answered by a broad group alone, too.
    answered = sum(1 for q in MONITORING_QUESTIONS if q in answers) + (
        "ethnicity" not in answers and ETHNICITY_BROAD in answers
    )
    rows["equality"] = [
        ("Questions answered", f"{answered} of {len(MONITORING_QUESTIONS)}"),
    ]
    return rows


def _label_yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")
