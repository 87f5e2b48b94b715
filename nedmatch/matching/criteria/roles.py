"""The roles and posts a sentence says its subject holds: "a chartered accountant", "chief
nurse for the Southern Board", not "advice from a solicitor"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nedmatch.matching.criteria.patterns import DESIGNATIONS, HOSPITAL_CONSULTANT_RE
from nedmatch.matching.criteria.phrases import ROLE_PHRASES
from nedmatch.matching.criteria.vocabulary import GUARDED, NOT_SELF, POSTS

KIN = frozenset(
    "daughter son father mother grandfather grandmother grandson granddaughter wife husband "
    "brother sister parent parents uncle aunt niece nephew cousin stepfather stepmother".split()
)
POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "whose"})
_INTENDED = frozenset(
    "decided wanted hoped aspired planned chose intended wished dreamed dreamt".split()
)
_SELF_VERBS = frozenset({"called", "admitted", "qualified"})
# "A trainee accountant", "a student nurse": training for a profession, not yet in it.
_LEARNER = frozenset({"trainee", "student", "apprentice", "aspiring", "prospective"})
# "Trained as an accountant" says what the training was for, not that it was practised.
_PRACTICE_RE = re.compile(r"\bpractice\b|\bpractis\w*|\btrained\b(?! as\b)", re.I)


def self_roles(toks: Sequence[str], lower: str = "") -> set[str]:
    """Roles a clause says its subject holds, as claims: ``role:nurse``, or ``post:nurse``
    for a post that does not say its holder is registered ("chief nursing officer")."""
    found = set()
    # "The daughter of an accountant", "where his father was a GP": what follows is a
    # relative's post, not theirs.
    kin = next(
        (
            i
            for i, t in enumerate(toks[:-1])
            if t in KIN and (toks[i + 1] == "of" or (i and toks[i - 1] in POSSESSIVES))
        ),
        len(toks),
    )
    # "She decided to become a doctor": an intention, not a post.
    meant = [i for i in range(len(toks) - 2) if toks[i] in _INTENDED and toks[i + 1] == "to"]
    for start, end, role in ROLE_PHRASES.find(toks):
        if start >= kin or any(i < start <= i + 6 for i in meant):
            continue
        if toks[end : end + 1] == ["general"]:  # "Solicitor General" is a law officer's title
            continue
        if toks[start:end] == ["doctor"] and toks[end : end + 1] == ["of"]:
            continue  # "Doctor of Medicine" is a degree
        phrase = toks[start:end]
        if len(phrase) == 1 and phrase[0] in GUARDED:
            settle = GUARDED[phrase[0]]
            window = set(toks[max(0, start - 3) : end + 3])
            if settle and not window & set(settle):
                continue
            if start > 0 and toks[start - 1] == "the":
                continue
        before = toks[max(0, start - 2) : start]
        if before and before[-1] in _LEARNER:
            continue
        designation = set(toks[max(0, start - 4) : start]) & DESIGNATIONS
        if (
            phrase[0] not in _SELF_VERBS  # "called to the bar" is said only of oneself
            and any(word in NOT_SELF for word in before)
            and not (before and before[-1] in ("a", "an", "as"))
            and not designation
        ):
            continue
        found.add(("post:" if " ".join(phrase) in POSTS else "role:") + role)
    if "consultant" in (lower or toks) and HOSPITAL_CONSULTANT_RE.search(" ".join(toks)):
        found.add("role:doctor")
    return found


# Medicine studied and finished: "studied medicine at Guy's, graduating in 1987",
# "studied medicine ... and completed his clinical training".
_MEDICINE_FINISHED_RE = re.compile(
    r"\bstudied medicine\b[^.;]{0,100}?\b(?:graduat\w*|qualif\w*|completed (?:his|her|their) "
    r"(?:clinical|medical) training)\b",
    re.I,
)


def medicine_finished(text: str) -> bool:
    """Whether a sentence says its subject studied medicine and finished (a doctor's
    background, as a medical degree is; not a registration held now)."""
    return _MEDICINE_FINISHED_RE.search(text) is not None


def practised(text: str, claims: set[str]) -> set[str]:
    """The claims, with a clinical post read as the profession where the sentence also
    speaks of practice or training ("16 years in practice and was chief nurse")."""
    if _PRACTICE_RE.search(text):
        claims.update("role:" + c.split(":", 1)[1] for c in list(claims) if c.startswith("post:"))
    return claims
