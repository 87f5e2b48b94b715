"""Whether a candidate evidences a criterion, and the sentence (or answer) that shows it.

A criterion is read for what it asks: a role or qualification ("a qualified lawyer"),
chairing something ("experience of chairing an audit committee"), doing something
("EPR implementation") or a field of experience ("financial experience"). A candidate's
text is read sentence by sentence, clause by clause, for what they say they are and have
done: a role they hold, a thing they chaired, a field they led work in. Words that only
touch a topic ("get legal advice", "reported to the audit committee", "the PRA and the
FCA") are not evidence of it; a job title is evidence of a field, not of an activity.

Both sides are turned into claims, plain strings such as ``role:accountant``,
``chair:committee:audit`` or ``did:c_digital``, so the whole pool is judged with a few
array look-ups and every verdict on screen comes from the same rules:

- ``met``: a claim that meets the criterion, quoted;
- ``possible``: the candidate speaks to the criterion but not in a way that meets it
  (their field but not the role, a committee but not its chair): a person should check;
- ``not_evidenced``: nothing in the application speaks to it.
"""

from __future__ import annotations

from nedmatch.matching.criteria.claims import SentenceClaims, sentence_claims, text_claims
from nedmatch.matching.criteria.evidence import best_evidence, sentences_of
from nedmatch.matching.criteria.parse import compile_criterion, parse_requirements
from nedmatch.matching.criteria.pool import (
    RULES_VERSION,
    claims_of_text,
    install,
    pool_met,
    postings_for,
    saved_claims,
    seed,
    warm,
)
from nedmatch.matching.criteria.results import (
    MET,
    NOT_EVIDENCED,
    POSSIBLE,
    VERDICT_LABELS,
    CriterionResult,
    Verdict,
    field_label,
)
from nedmatch.matching.criteria.spec import CriterionSpec, Requirement
from nedmatch.matching.criteria.structured import structured_claims
from nedmatch.matching.criteria.verdicts import judge_evidence, verdict_for
from nedmatch.matching.criteria.vocabulary import (
    CLOSE_FIELDS,
    COMMITTEE_FIELD,
    COMMITTEES,
    ROLE_FIELD,
    ROLES,
    SECTOR_FIELDS,
    TERMS,
    UMBRELLAS,
)

__all__ = [
    "CLOSE_FIELDS",
    "COMMITTEES",
    "COMMITTEE_FIELD",
    "MET",
    "NOT_EVIDENCED",
    "POSSIBLE",
    "RULES_VERSION",
    "ROLES",
    "ROLE_FIELD",
    "SECTOR_FIELDS",
    "TERMS",
    "UMBRELLAS",
    "VERDICT_LABELS",
    "CriterionResult",
    "CriterionSpec",
    "Requirement",
    "SentenceClaims",
    "Verdict",
    "best_evidence",
    "compile_criterion",
    "claims_of_text",
    "field_label",
    "install",
    "judge_evidence",
    "parse_requirements",
    "pool_met",
    "saved_claims",
    "seed",
    "postings_for",
    "sentence_claims",
    "sentences_of",
    "structured_claims",
    "text_claims",
    "verdict_for",
    "warm",
]
