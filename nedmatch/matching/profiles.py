"""The plain objects the matching model works on, free of Flask and the database, so the
web app, the command line and the benchmarks all feed it the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from nedmatch.domain import (
    AVAILABILITY,
    BOARD_EXPERIENCE,
    COMPETENCY_DOMAINS,
    LOCATION_REQUIREMENTS,
    REGIONS,
    ROLE_TYPES,
    SKILL_AREAS,
)
from nedmatch.matching import inference
from nedmatch.matching.keywords import correct_key_words
from nedmatch.matching.text import evidence_only, scrub, sentences, tokens

if TYPE_CHECKING:
    from nedmatch.matching.reading import Reading

# How much each part of the fit counts unless a vacancy says otherwise. Parts that do not
# apply to a vacancy (no location requirement, no desirable criteria...) drop out and the
# rest are rescaled, so a score always runs from 0 to 100.
DEFAULT_PART_WEIGHTS: Final[dict[str, float]] = {
    "text": 0.40,
    "skills": 0.15,
    "competencies": 0.12,
    "desirable": 0.05,
    "location": 0.08,
    "availability": 0.07,
    "experience": 0.08,
    "challenged": 0.05,
}

# Parts a profile typed in the form states, but one read from free text only infers: they
# count in proportion to the ``confidence`` of the profile, the rest going to the text part.
INFERRED_PARTS: Final = frozenset(
    {"skills", "competencies", "location", "availability", "experience", "challenged"}
)

# Typical time commitment when a vacancy does not state one (DOMAIN.md: NEDs 2.5 to 5
# days a month, a chair about 3 days a week).
DEFAULT_DAYS_BY_ROLE: Final[dict[str, float]] = {
    "chair": 13.0,
    "ned": 4.0,
    "audit-chair": 5.0,
    "clinical-ned": 4.0,
    "associate-ned": 3.0,
}


def _check(value: str | None, allowed: dict[str, str], what: str, optional: bool) -> None:
    if value is None and optional:
        return
    if value not in allowed:
        raise ValueError(f"Unknown {what} {value!r}: use one of {', '.join(allowed)}.")


def _check_confidence(value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"Confidence must be between 0 and 1, not {value!r}.")


def _check_all(values: list[str], allowed: dict[str, str], what: str) -> None:
    for value in values:
        _check(value, allowed, what, optional=False)


@dataclass
class CandidateProfile:
    """A candidate as the model sees them: no equality monitoring field exists here.

    ``name``, ``email``, ``phone`` and ``postcode`` are used only to scrub those strings
    from the candidate's own text; they never become features.
    """

    id: str | int
    current_role: str = ""
    career_summary: str = ""
    skill_areas: list[str] = field(default_factory=list)
    competency_evidence: dict[str, str] = field(default_factory=dict)
    cv_text: str = ""
    region: str | None = None
    board_experience: str = "none"
    availability: str | None = None
    willing_challenged: bool = False
    # 1 for a profile typed in the form; for one read from free text, how far the text
    # speaks the board vocabulary the structured fields were inferred from (0 to 1).
    confidence: float = 1.0
    # True when skill areas and board experience are the candidate's own answers; False
    # when they were inferred from free text, which is then the only evidence quoted.
    typed: bool = True
    name: str | None = field(default=None, repr=False, compare=False)
    email: str | None = field(default=None, repr=False, compare=False)
    phone: str | None = field(default=None, repr=False, compare=False)
    postcode: str | None = field(default=None, repr=False, compare=False)
    # The text as a fit reads it, made once when the profile is read or saved
    # (matching.reading); used only while its key still matches the profile's words.
    reading: Reading | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_all(self.skill_areas, SKILL_AREAS, "skill area")
        _check_all(list(self.competency_evidence), COMPETENCY_DOMAINS, "competency domain")
        _check(self.region, REGIONS, "region", optional=True)
        _check(self.board_experience, BOARD_EXPERIENCE, "board experience", optional=False)
        _check(self.availability, AVAILABILITY, "availability", optional=True)
        _check_confidence(self.confidence)

    @classmethod
    def from_text(
        cls,
        id: str | int,
        text: str,
        *,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        postcode: str | None = None,
    ) -> CandidateProfile:
        """Build a profile from a CV alone, inferring the fields a form would have asked."""
        clean = evidence_only(scrub(correct_key_words(text), (name, email, phone, postcode)))
        days = inference.infer_days(clean)
        # A short first line is a job title; it is kept once, as the current role.
        head, _, rest = text.strip().partition("\n")
        role = inference.first_line(clean, limit=100) if rest.strip() else ""
        profile = cls(
            id=id,
            current_role=role,
            cv_text=rest if role else text,
            skill_areas=inference.infer_skill_areas(clean),
            competency_evidence=inference.infer_domain_evidence(clean),
            region=inference.infer_region(clean),
            board_experience=inference.infer_board_experience(clean),
            availability=inference.availability_for_days(days),
            willing_challenged=inference.infer_challenged(clean),
            confidence=inference.board_evidence(clean),
            typed=False,
            name=name,
            email=email,
            phone=phone,
            postcode=postcode,
        )
        profile.reading = profile.read()
        return profile

    def read(self, lemmatise: bool = True) -> Reading:
        """This profile's reading for a fit: its own while still valid, else read now."""
        from nedmatch.matching.reading import reading_of  # reading builds on profiles

        return reading_of(self, lemmatise)

    def text_fields(self) -> dict[str, str]:
        """The candidate's own words, scrubbed of identity, keyed by where they came from.

        Evidence inferred from the CV, or pasted from it, repeats CV sentences, so it is
        left out: the CV already carries those words once.
        """
        known = (self.name, self.email, self.phone, self.postcode)

        def clean(text: str) -> str:
            # Disclosures and identity memberships are not evidence of a skill; a misspelt
            # key word is read as the word meant.
            return evidence_only(scrub(correct_key_words(text), known))

        fields = {
            "current_role": clean(self.current_role),
            "career_summary": clean(self.career_summary),
        }
        cv = clean(self.cv_text)
        # A profile read from free text has evidence inferred from that text: its words are
        # there already. Evidence typed in the form is the candidate's own, unless it was
        # pasted from the CV (sentence by sentence, whatever the punctuation between).
        folded = (_folded(cv), _folded(self.cv_text)) if cv and self.typed else ()
        for domain, evidence in self.competency_evidence.items():
            if not self.typed or not evidence:
                continue
            if not any(_repeats(evidence, text) for text in folded):
                fields[f"evidence:{domain}"] = clean(evidence)
        fields["cv_text"] = cv
        return {key: value for key, value in fields.items() if value and value.strip()}


def _folded(text: str) -> str:
    """A text as its words alone, so sentences are compared whatever the punctuation,
    bullets and line breaks between them."""
    return " " + " ".join(tokens(text)) + " "


def _repeats(evidence: str, folded_cv: str) -> bool:
    """Whether every sentence of the evidence is in the CV: evidence inferred from a CV
    is its sentences joined, which the CV holds one by one."""
    parts = [_folded(s.text) for s in sentences({"text": evidence})]
    return any(part.strip() for part in parts) and all(part in folded_cv for part in parts)


@dataclass
class VacancyProfile:
    """A vacancy specification, with the sitting board's skills for gap fill.

    ``board_skills`` maps a skill area (or competency domain) slug to the number of
    sitting members who hold it; what the board lacks counts for more.
    """

    id: str | int
    title: str = ""
    role_type: str = "ned"
    description: str = ""
    essential_criteria: list[str] = field(default_factory=list)
    desirable_criteria: list[str] = field(default_factory=list)
    domain_weights: dict[str, float] = field(default_factory=dict)
    skill_areas: list[str] = field(default_factory=list)
    board_skills: dict[str, int] = field(default_factory=dict)
    region: str | None = None
    location_requirement: str = "none"
    time_commitment_days: float | None = None
    challenged: bool = False
    min_board_experience: str = "none"
    confidence: float = 1.0  # as for a candidate: 1 when typed, less when read from text
    part_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PART_WEIGHTS))

    def __post_init__(self) -> None:
        _check(self.role_type, ROLE_TYPES, "role type", optional=False)
        _check_all(self.skill_areas, SKILL_AREAS, "skill area")
        _check_all(list(self.domain_weights), COMPETENCY_DOMAINS, "competency domain")
        _check_all(list(self.board_skills), {**SKILL_AREAS, **COMPETENCY_DOMAINS}, "skill")
        _check(self.region, REGIONS, "region", optional=True)
        _check(self.location_requirement, LOCATION_REQUIREMENTS, "location requirement", False)
        _check(self.min_board_experience, BOARD_EXPERIENCE, "board experience", False)
        _check_confidence(self.confidence)
        unknown = set(self.part_weights) - set(DEFAULT_PART_WEIGHTS)
        if unknown:
            raise ValueError(
                f"Unknown part weight {sorted(unknown)}: use {', '.join(DEFAULT_PART_WEIGHTS)}."
            )
        if any(weight < 0 for weight in self.part_weights.values()):
            raise ValueError("Part weights cannot be negative.")

    @classmethod
    def from_text(cls, id: str | int, text: str) -> VacancyProfile:
        """Build a vacancy from a pasted advert, inferring criteria and requirements."""
        essential, desirable = inference.split_criteria(text)
        criteria_lines = {c.strip() for c in essential + desirable}
        description = "\n".join(
            line
            for line in text.split("\n")
            if not any(c and c in line for c in criteria_lines)
            and not re.match(r"^\s*(?:essential|desirable)\b[\w\s]*:?\s*$", line, re.I)
        )
        title = inference.first_line(text)
        criteria_text = " ".join([title, *essential, *desirable])
        skills = set(inference.infer_skill_areas(criteria_text))
        skills |= set(inference.infer_skill_areas(description, threshold=2.0))
        role_type = inference.infer_role_type(title, text)
        return cls(
            id=id,
            title=title,
            role_type=role_type,
            description=description,
            essential_criteria=essential,
            desirable_criteria=desirable,
            domain_weights=inference.infer_domain_weights(text),
            skill_areas=[slug for slug in SKILL_AREAS if slug in skills],
            region=inference.infer_region(text),
            location_requirement=inference.infer_location_requirement(text),
            time_commitment_days=inference.infer_days(text),
            challenged=inference.infer_challenged(text),
            min_board_experience=inference.infer_min_board_experience(essential),
            confidence=inference.board_evidence(text),
        )

    def effective_part_weights(self) -> dict[str, float]:
        """The defaults, overridden by whatever this vacancy sets."""
        return {**DEFAULT_PART_WEIGHTS, **self.part_weights}

    def effective_days(self) -> float:
        """The time commitment in days a month, defaulting by role type."""
        if self.time_commitment_days is not None:
            return float(self.time_commitment_days)
        return DEFAULT_DAYS_BY_ROLE[self.role_type]

    def query_text(self) -> str:
        """What the candidate texts are compared with: the essentials count twice."""
        return "\n".join(
            [
                self.title,
                self.description,
                *self.essential_criteria,
                *self.essential_criteria,
                *self.desirable_criteria,
            ]
        )
