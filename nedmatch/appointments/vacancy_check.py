"""The vacancy form's sections, and the summary the team checks before a vacancy is saved:
each section's answers as they will be used, with a way back to change that section."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import long_date
from ..domain import COMPETENCY_DOMAINS, LOCATION_REQUIREMENTS, ROLE_TYPES, SKILL_AREAS
from ..services.campaigns.vacancies import VacancySpec
from .forms import PART_LABELS, WEIGHT_CHOICES

SECTIONS = {
    "role": "The role",
    "criteria": "Essential and desirable criteria",
    "skills": "Skills sought and the board's skills",
    "competencies": "Competency weights",
    "ranking": "How the ranking weighs each part",
    "terms": "Location, time and pay",
    "dates": "Dates",
}


@dataclass(frozen=True)
class Row:
    key: str
    lines: list[str]  # one paragraph or list item each


def _labels(slugs: list[str] | dict[str, int]) -> list[str]:
    return [SKILL_AREAS.get(s, s) for s in slugs] or ["None"]


def summary(spec: VacancySpec, organisation_name: str) -> dict[str, list[Row]]:
    """Section id -> its rows, worded as the team would read them."""
    money = f"£{spec.pay:,} a year" if spec.pay is not None else "Not given"
    days = f"{spec.time_commitment_days:g} days a month" if spec.time_commitment_days else ""
    return {
        "role": [
            Row("Title", [spec.title]),
            Row("Organisation", [organisation_name]),
            Row("Role", [ROLE_TYPES.get(spec.role_type, spec.role_type)]),
            Row("About the role", [p for p in spec.description.split("\n\n") if p.strip()]),
        ],
        "criteria": [
            Row("Essential criteria", spec.essential_criteria),
            Row("Desirable criteria", spec.desirable_criteria or ["None"]),
        ],
        "skills": [
            Row("Skill areas sought", _labels(spec.skill_areas)),
            Row("Skills the sitting board already has", _labels(spec.board_skills)),
        ],
        "competencies": [
            Row(label, [WEIGHT_CHOICES.get(str(int(spec.domain_weights.get(slug, 3))), "")])
            for slug, label in COMPETENCY_DOMAINS.items()
        ],
        "ranking": [
            Row(label, [f"{round(100 * spec.part_weights.get(part, 0))}%"])
            for part, label in PART_LABELS.items()
        ],
        "terms": [
            Row(
                "Location requirement",
                [LOCATION_REQUIREMENTS.get(spec.location_requirement, "")]
                + ([spec.location_detail] if spec.location_detail else []),
            ),
            Row("Time commitment", [spec.time_commitment] + ([days] if days else [])),
            Row("Pay", [money]),
            Row("Term", [f"{spec.term_years} years" if spec.term_years != 1 else "1 year"]),
        ],
        "dates": [
            Row("Opening date", [long_date(spec.opens_on) or "When you open it"]),
            Row("Closing date", [long_date(spec.closes_on)]),
        ],
    }
