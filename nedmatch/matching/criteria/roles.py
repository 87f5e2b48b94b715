"""The roles and posts a sentence says its subject holds: "a chartered accountant", "chief
nurse for the Southern Board", not "advice from a solicitor"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nedmatch.matching.criteria.patterns import DESIGNATIONS, HOSPITAL_CONSULTANT_RE
from nedmatch.matching.criteria.phrases import ROLE_PHRASES
from nedmatch.matching.criteria.vocabulary import GUARDED, NOT_SELF, POSTS

_PRACTICE_RE = re.compile(r"\bpractice\b|\bpractis\w*|\btrained\b|\bqualified\b", re.I)


def self_roles(toks: Sequence[str], lower: str = "") -> set[str]:
    """Roles a clause says its subject holds, as claims: ``role:nurse``, or ``post:nurse``
    for a post that does not say its holder is registered ("chief nursing officer")."""
    found = set()
    for start, end, role in ROLE_PHRASES.find(toks):
        phrase = toks[start:end]
        if len(phrase) == 1 and phrase[0] in GUARDED:
            settle = GUARDED[phrase[0]]
            window = set(toks[max(0, start - 3) : end + 3])
            if settle and not window & set(settle):
                continue
            if start > 0 and toks[start - 1] == "the":
                continue
        before = toks[max(0, start - 2) : start]
        designation = set(toks[max(0, start - 4) : start]) & DESIGNATIONS
        if (
            any(word in NOT_SELF for word in before)
            and not (before and before[-1] in ("a", "an", "as"))
            and not designation
        ):
            continue
        found.add(("post:" if " ".join(phrase) in POSTS else "role:") + role)
    if "consultant" in (lower or toks) and HOSPITAL_CONSULTANT_RE.search(" ".join(toks)):
        found.add("role:doctor")
    return found


def practised(text: str, claims: set[str]) -> set[str]:
    """The claims, with a clinical post read as the profession where the sentence also
    speaks of practice or training ("16 years in practice and was chief nurse")."""
    if _PRACTICE_RE.search(text):
        claims.update("role:" + c.split(":", 1)[1] for c in list(claims) if c.startswith("post:"))
    return claims
