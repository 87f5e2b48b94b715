"""The form's answers (board experience, skill areas ticked) as claims and as quotes."""

from __future__ import annotations

from collections.abc import Iterable

from nedmatch.domain import BOARD_EXPERIENCE, BOARD_EXPERIENCE_LEVEL, SKILL_AREAS
from nedmatch.matching.criteria.spec import CriterionSpec, satisfied
from nedmatch.matching.lexicon import CONCEPT_IMPLIES, SKILL_CONCEPTS

# What the answer "Chair of a board" claims: a board chaired, as its senior non-executive.
CHAIR_ANSWER_CLAIMS = frozenset({"chair:board", "chair:nonexec"})
# What the answer "Board member of an NHS organisation" claims.
NHS_BOARD_ANSWER_CLAIMS = frozenset({"lvl:nhs-board", "sector:nhs", "in:nhs", "sector:public"})


def structured_claims(board_experience: str, declared_skills: Iterable[str]) -> set[str]:
    """Claims made by the form's answers.

    Board experience answered "Chair of a board" meets a criterion asking for it. A skill
    area ticked is a claim without evidence: it makes a criterion in that field
    "possible", for a person to check, never "met".
    """
    claims: set[str] = set()
    level = BOARD_EXPERIENCE_LEVEL.get(board_experience, 0)
    if level >= BOARD_EXPERIENCE_LEVEL["chair"]:
        claims.update(CHAIR_ANSWER_CLAIMS)
    if level >= 1:
        claims.add("sat:board")
    if board_experience == "nhs-board":
        # "Board member of an NHS organisation" is NHS board experience (a chair of a
        # board may chair one outside the NHS).
        claims.update(NHS_BOARD_ANSWER_CLAIMS)
    for slug in declared_skills:
        if slug in SKILL_CONCEPTS:
            claims.add("m:" + SKILL_CONCEPTS[slug])
            for implied in CONCEPT_IMPLIES.get(SKILL_CONCEPTS[slug], ()):
                claims.add("m:" + implied)
    return claims


def skill_slugs(labels: Iterable[str]) -> list[str]:
    by_label = {label: slug for slug, label in SKILL_AREAS.items()}
    return [by_label[label] for label in labels if label in by_label]


def structured_answer(
    spec: CriterionSpec, declared_skills: list[str], board_experience: str
) -> tuple[str, str] | None:
    """The form answer that meets a criterion the text alone does not."""
    answered = {
        "chair": CHAIR_ANSWER_CLAIMS,
        "nhs-board": frozenset({"lvl:nhs-board"}),
    }.get(board_experience)
    if answered and any(satisfied(r.met, answered) for r in spec.requirements):
        return "Board experience: " + BOARD_EXPERIENCE[board_experience], "board experience"
    return None


def ticked_skills(spec: CriterionSpec, declared_skills: list[str]) -> tuple[str, str] | None:
    """Skill areas ticked on the form that speak to a criterion: a claim to check."""
    held = [
        label
        for label in declared_skills
        if any(
            satisfied(r.possible, structured_claims("none", skill_slugs([label])))
            for r in spec.requirements
        )
    ]
    return ("Skill areas: " + ", ".join(held), "skill areas") if held else None
