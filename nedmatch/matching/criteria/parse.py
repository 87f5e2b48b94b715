"""Reading a criterion for what it asks: roles, chairing, named things, seniority, fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import numpy as np

from nedmatch.matching.criteria.patterns import (
    ACADEMIC_ASK_RE,
    ACTIVITY_RE,
    BOARD_RE,
    BRACKET_RE,
    COMMITTEE_RE,
    HEAD_ASK_RE,
    OPERATIONS_ASK_RE,
    ROLE_SIGNAL_RE,
    SENIOR_ASK_RE,
    SPECIALIST_ASK_RE,
)
from nedmatch.matching.criteria.phrases import (
    COMMITTEE_PHRASES,
    ROLE_PHRASES,
    TERM_PHRASES,
    UMBRELLA_PHRASES,
)
from nedmatch.matching.criteria.seats import PLACE_CLAIMS, seat_requirements
from nedmatch.matching.criteria.sector_asks import asks_more_than, field_names_only, sector_asked
from nedmatch.matching.criteria.sectors import (
    HEALTH_REGULATOR_ASK_RE,
    PATIENT_ASK_RE,
    POLICY_ASK_RE,
    REPUTATION_ASK_RE,
)
from nedmatch.matching.criteria.spec import CriterionSpec, Requirement
from nedmatch.matching.criteria.spec import options as _options
from nedmatch.matching.criteria.vocabulary import (
    CLINICAL_FIELDS,
    CLINICAL_ROLE_CLAIMS,
    CLOSE_FIELDS,
    CLOSE_ROLES,
    REGISTRATION_ASK,
    ROLE_FIELD,
    SECTOR_FIELDS,
    SECTOR_POSTS,
    UMBRELLAS,
)
from nedmatch.matching.lexicon import CONCEPT_IMPLIES
from nedmatch.matching.text import concepts_in, tokens

WORKING_WITH_RE: Final = re.compile(
    r"\b(?:work(?:ing|ed)?\s+(?:in\s+or\s+)?with|in\s+or\s+with|engag\w*\s+with|"
    r"liais\w*\s+with|partnership\s+with)\b"
)


def _alternatives_in(text: str) -> str:
    """The criterion with bracketed lists read as its own words ("a clinician (doctor,
    nurse or midwife)" names three roles, any of which will do)."""
    return BRACKET_RE.sub(lambda m: " " + m.group(1) + " ", text)


def parse_requirements(text: str, concepts: Iterable[str], any_of: bool) -> tuple[Requirement, ...]:
    """What a criterion asks for, as requirements over claims."""
    lower = text.lower()
    flat = _alternatives_in(lower)
    toks = tokens(flat)
    concepts = set(concepts)
    sector, sector_phrases = sector_asked(flat)
    if sector:
        # The sector is asked for as a sector ("in the private sector"), not as the field
        # its name also suggests (business).
        for phrase in sector_phrases:
            concepts -= concepts_in(phrase)
    requirements: list[Requirement] = []
    covered: set[str] = set()

    # Roles and qualifications: a named role, or an umbrella and the roles it covers.
    roles: set[str] = set()
    for _, _, umbrella in UMBRELLA_PHRASES.find(toks):
        roles.update(UMBRELLAS[umbrella])
    named = {role for _, _, role in ROLE_PHRASES.find(toks)}
    if named and (roles & named or not roles):
        # A bracketed list narrows the umbrella: "(doctor, nurse or midwife)".
        roles = named | (roles & named) if roles else named
    if roles and (ROLE_SIGNAL_RE.search(flat) or named or roles):
        fields = {ROLE_FIELD[r] for r in roles if r in ROLE_FIELD}
        # A post in the field (a finance manager, for an accountant) is worth a check.
        close = {c for f in fields for c in CLOSE_ROLES.get(f, ())} - roles
        # A post that names the function ("medical director") is the role, but only worth
        # a check when a registration or a qualification is asked.
        posts = ["post:" + r for r in sorted(roles)]
        registration = bool(re.search(REGISTRATION_ASK, flat))
        requirements.append(
            Requirement(
                met=_options(
                    *("role:" + r for r in sorted(roles)), *([] if registration else posts)
                ),
                possible=_options(
                    *("d:" + f for f in sorted(fields)),
                    *("h:" + f for f in sorted(fields)),
                    *("role:" + r for r in sorted(close)),
                    *(posts if registration else []),
                ),
            )
        )
        covered.update(fields)
        covered.update(c for f in fields for c in CONCEPT_IMPLIES.get(f, ()))
        if "c_clinical_medicine" in fields or "c_clinical_nursing" in fields:
            covered.update(
                {"c_clinical_medicine", "c_clinical_nursing", "c_clinical_allied_health"}
            )

    # Chairing: a board (an organisation's) or a committee (of a kind).
    chair = re.search(r"\bchair(?:ing|ed|man|woman|person)?\b", flat)
    if chair and not re.search(r"\b(?:vice|deputy)[\s-]chair", flat):
        after = flat[chair.end() :]
        committee = COMMITTEE_RE.search(flat)
        if committee:
            kinds = [k for _, _, k in COMMITTEE_PHRASES.find(tokens(flat[: committee.end()]))]
            if kinds:
                met = _options(*(f"chair:committee:{k}" for k in kinds))
                possible = _options(
                    "chair:committee",
                    *(f"sat:committee:{k}" for k in kinds),
                    *(f"vice:committee:{k}" for k in kinds),
                )
            else:
                met = _options("chair:committee")
                possible = _options("vice:committee", "sat:committee", "chair:other")
            requirements.append(Requirement(met=met, possible=possible))
            covered.update({"c_audit_risk", "c_domain_governance"} if "audit" in kinds else set())
        elif BOARD_RE.search(after) or re.search(
            r"\b(?:a|the) chair\b|\bas chair\b|\bchairing\b", flat
        ):
            requirements.append(
                Requirement(
                    met=_options("chair:board"),
                    possible=_options("chair:committee", "chair:other", "vice:board"),
                )
            )
        covered.add("c_domain_governance")

    # Named things and the activity asked of them: "EPR implementation".
    terms = {"t_" + t for _, _, t in TERM_PHRASES.find(toks)}
    # Skills are asked as skills ("skills including service development"), not as a
    # thing done.
    activity = (
        bool(ACTIVITY_RE.search(flat)) and not requirements and not re.search(r"\bskills\b", flat)
    )
    # "Working in or with a regulator": sitting on its board, or working beside it, is
    # what is asked, so a sentence that names it in a post or a seat meets it.
    beside = bool(WORKING_WITH_RE.search(flat))
    if terms:
        prefix = "a:" if activity and not beside else "d:"
        requirements.append(
            Requirement(
                met=_options(
                    *(prefix + t for t in sorted(terms)),
                    *(("d:" + t) for t in sorted(terms) if prefix == "d:"),
                    *(("w:" + t) for t in sorted(terms) if beside),
                ),
                possible=_options(
                    *("m:" + t for t in sorted(terms)), *("d:" + t for t in sorted(terms))
                ),
            )
        )
        covered.update(concepts)

    # Academic leadership: a dean or a vice-chancellor; a professor is worth a check.
    if ACADEMIC_ASK_RE.search(flat):
        requirements.append(
            Requirement(met=_options("academic:lead"), possible=_options("academic:post"))
        )
        covered.update({"c_education", "c_research_innovation"})
    # Leading a whole organisation: its head (chief executive, chair); a senior post in
    # one is something to check.
    if HEAD_ASK_RE.search(flat):
        requirements.append(Requirement(met=_options("lvl:head"), possible=_options("lvl:senior")))
    # Operations: a post that runs them (a chief executive, a general manager, an operating
    # officer); another senior post is something to check.
    if OPERATIONS_ASK_RE.search(flat):
        requirements.append(Requirement(met=_options("ops"), possible=_options("lvl:senior")))

    # A focus on patients: work with them or for those a service serves, or the field the
    # criterion names (equality, for "health inequalities") held.
    if PATIENT_ASK_RE.search(flat):
        asked = sorted(c for c in concepts if c not in covered)
        requirements.append(
            Requirement(
                met=_options("patients", *("d:" + c for c in asked), *("h:" + c for c in asked)),
                # A clinician's post suggests it: worth a check.
                possible=_options(
                    "in:health",
                    *CLINICAL_ROLE_CLAIMS,
                    *("m:" + c for c in asked),
                ),
            )
        )
        covered.update(concepts)
    # Health policy in government: a post in health in government, or in health policy.
    if POLICY_ASK_RE.search(flat):
        requirements.append(
            Requirement(met=_options("policy:health"), possible=_options("in:health"))
        )
    # Standing in one's field: what others say of the candidate, an honour, a ranking or
    # the presidency of a professional body; a senior post is worth a check.
    if REPUTATION_ASK_RE.search(flat):
        requirements.append(Requirement(met=_options("renown"), possible=_options("lvl:senior")))

    # A non-executive post, a seat on an NHS board, local government or housing, by name.
    seats = seat_requirements(flat)
    requirements += seats
    # Seniority or a board seat, in whatever field: "management experience at a senior or
    # board-equivalent level in the voluntary, public or private sectors".
    senior = bool(SENIOR_ASK_RE.search(flat)) and not requirements
    if re.search(r"\bpublic\b.*\bprivate\b|\bprivate\b.*\bpublic\b", flat):
        # "In the public, private or voluntary sectors": a list of sectors asks for none.
        concepts = {c for c in concepts if c not in SECTOR_FIELDS}
    board_ask = bool(re.search(r"\bboard\b|governance|oversee|scrutin", flat)) and not re.search(
        r"\bsenior\b", flat
    )
    if senior:
        clinical_lead = re.search(r"\bclinical leader", flat)
        requirements.append(
            Requirement(
                # Clinical leadership is also a ward's, a unit's or a service's.
                met=_options(
                    "lvl:board" if board_ask else "lvl:senior",
                    *(["lead:clinical"] if clinical_lead else []),
                ),
                possible=_options("lvl:senior", "sat:committee"),
            )
        )
        if clinical_lead:
            # Clinical leadership is a senior post held by a clinician, or in clinical
            # work; a senior post in another field (social work, research) is a check.
            requirements.append(
                Requirement(
                    met=_options(
                        "clinical:post",
                        *CLINICAL_ROLE_CLAIMS,
                        *(p + c for p in ("m:", "d:", "h:") for c in CLINICAL_FIELDS),
                    ),
                    primary=False,
                )
            )

    # A field of experience: led or held, not only named.
    rest = sorted(c for c in concepts if c not in covered)
    level = "lvl:board" if board_ask else "lvl:senior"

    def evidencing(c: str, prefixes: tuple[str, ...]) -> list[str | tuple[str, ...]]:
        # A close field counts ("commercial" by "business"); a senior post carries the
        # board's own competencies (governance, strategy, performance) when seniority
        # is what the criterion asks.
        found: list[str | tuple[str, ...]] = [
            p + f for p in prefixes for f in (c, *CLOSE_FIELDS.get(c, ()))
        ]
        found += ["role:" + r for r in CLOSE_ROLES.get(c, ())]
        if c in SECTOR_POSTS:
            found.append(SECTOR_POSTS[c])
        if senior and c.startswith("c_domain_"):
            found.append(level)
        return found

    if rest:
        primary = not requirements
        prefixes: tuple[str, ...] = ("a:",) if activity and primary and not beside else ("d:", "h:")
        if beside:
            prefixes += ("w:",)
        options = [o for c in rest for o in evidencing(c, prefixes)]
        requirements.append(
            Requirement(
                met=_options(*options),
                possible=_options(*("m:" + c for c in rest), *("d:" + c for c in rest)),
                primary=primary,
            )
        )
        if not any_of and len(rest) > 1:
            # One field led or held carries it; each other field named must at least be
            # worked in, or the verdict is "possible". Transformation asked as what is
            # done to a field ("leading digital transformation") is the activity itself:
            # leading the field's work is it.
            for c in rest:
                if activity and c == "c_transformation":
                    continue
                requirements.append(
                    Requirement(
                        met=_options(*evidencing(c, ("a:", "d:", "h:"))),
                        possible=_options("m:" + c),
                        primary=False,
                    )
                )
    if not requirements and not sector and SPECIALIST_ASK_RE.search(flat):
        # Specialist skills in no named field: a profession or a specialism of one's own;
        # a senior post is worth a check.
        requirements.append(
            Requirement(met=_options("profession"), possible=_options("lvl:senior"))
        )
    if requirements and HEALTH_REGULATOR_ASK_RE.search(flat):
        # The regulator's field is health: regulatory work elsewhere is only worth a check.
        requirements.append(Requirement(met=_options("sector:health"), primary=False))
    if sector and any(o & PLACE_CLAIMS for r in seats for o in r.met):
        pass  # the seat asked already says where the work was: local government, housing
    elif sector and requirements:
        # "Knowledge of public sector finance": finance anywhere is not enough; without a
        # sign of work in that sector the verdict is "possible", for a person to check.
        requirements.append(Requirement(met=_options(sector), possible=(), primary=False))
    elif sector and not asks_more_than(flat, sector_phrases):
        # The sector is all the criterion names ("a strong personal commitment to the
        # NHS"): work in it is the evidence, not words that sound like it. A criterion
        # that names more ("NHS operational delivery") is judged on its words.
        requirements.append(
            Requirement(met=_options("in:" + sector.split(":", 1)[1]), possible=_options(sector))
        )
    return tuple(requirements)


def compile_criterion(
    text: str,
    essential: bool,
    *,
    concepts: frozenset[str],
    concept_cols: tuple[int, ...],
    words: frozenset[str],
    word_cols: np.ndarray,
    word_weights: np.ndarray,
    board_level: int,
) -> CriterionSpec:
    """A criterion's spec: the model's concepts and words, and what meets it."""
    without_asides = re.sub(r"\([^)]*\)", " ", text)
    # "or", and a slash between fields ("Business / Commercial"), each offer alternatives.
    # "Skills including strategic planning, financial management and risk management"
    # gives examples: one of them is enough.
    alternatives = r"\bor\b|\w\s*/\s*\w|\bincluding\b|\bsuch as\b"
    any_of = bool(re.search(alternatives, without_asides, re.I)) or field_names_only(without_asides)
    requirements = parse_requirements(text, concepts, any_of)
    has_chair = any(
        any(o <= {"chair:board"} or any(c.startswith("chair:") for c in o) for o in r.met)
        for r in requirements
    )
    return CriterionSpec(
        text=text,
        essential=essential,
        concept_cols=concept_cols,
        concepts=concepts,
        words=words,
        word_cols=word_cols,
        word_weights=word_weights,
        # Chairing is judged from what was chaired; board level asks only for a seat.
        board_level=0 if has_chair else board_level,
        any_of=any_of,
        requirements=requirements,
        topic_only=not requirements,
    )
