"""Infer structured fields from free text, so an imported CV or a pasted advert competes
on the same terms as a profile typed into the form."""

from __future__ import annotations

import re

from nedmatch.domain import (
    AVAILABILITY_DAYS,
    BOARD_EXPERIENCE_LEVEL,
    COMPETENCY_DOMAINS,
    SKILL_AREAS,
)
from nedmatch.matching.lexicon import REGION_PHRASES
from nedmatch.matching.text import (
    DOMAIN_MATCHER,
    SKILL_MATCHER,
    PhraseMatcher,
    sentences,
    tokens,
)
from nedmatch.matching.text.origins import STUDY_RE

_REGION_MATCHER = PhraseMatcher(REGION_PHRASES)
_HOME_WORDS = re.compile(r"\b(live|lives|living|based|home|resident|reside|moved to)\b", re.I)

_BOARD = r"(?:board|trust|council|company|charity|foundation|association|authority|icb)"
_NHS = (
    r"(?:nhs|trust|foundation trust|integrated care board|icb|health board|ccg"
    r"|clinical commissioning group|hospital)"
)
BOARD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "chair",
        re.compile(
            r"\b(?:(?:chair|chairman|chairwoman|chairperson)\s+of\s+(?:the\s+|a\s+|an\s+)?"
            r"(?:[\w'-]+\s+){0,5}?" + _BOARD + r"|board chair|chaired\s+(?:the\s+|a\s+)?"
            r"(?:[\w'-]+\s+){0,4}?board|non-?executive chair|chair of governors"
            r"|(?:i|and|currently|also)\s+chairs?\s+(?:the\s+|a\s+)?(?:[\w'-]+\s+){0,3}?board)\b",
            re.I,
        ),
    ),
    (
        "nhs-board",
        re.compile(
            r"\b(?:(?:non-?executive|executive|medical|nursing|finance)\s+director"
            r"|ned|board member|director of (?:nursing|finance|strategy|operations))"
            r"[^.;\n]{0,60}?\b" + _NHS + r"\b"
            r"|\b(?:nhs|trust|icb|health)\s+board\b"
            r"|\bboard of\s+(?:an?\s+|the\s+)?[^.;\n]{0,30}?\b(?:nhs|integrated care board|icb)\b"
            r"|\b(?:chief nurse|medical director|chief executive)\s+(?:of|at)\s+[^.;\n]{0,40}?"
            r"\b" + _NHS + r"\b",
            re.I,
        ),
    ),
    (
        "other-board",
        re.compile(
            r"\b(?:trustee|non-?executive|board member|member of the board|sat on the board"
            r"|served on the board|on the board of|governor|board director|company director"
            r"|board of directors|ned\b|council member|chief executive|managing director)",
            re.I,
        ),
    ),
)

_NUMBER_WORDS = {
    "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
    "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0, "twelve": 12.0,
}  # fmt: skip
_DAYS_RE = re.compile(
    r"\b(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?:\s*(?:to|-|–|or)\s*"
    r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r"))?\s+days?\s+(?:a|per|each)\s+"
    r"(month|week)",
    re.I,
)
_CHALLENGED_RE = re.compile(
    r"\b(?:challenged|turnaround|turn around|recovery support|special measures"
    r"|financial recovery|recovery programme|segment [34]|undertakings|improvement journey"
    r"|difficult circumstances|under pressure)\b",
    re.I,
)
_ESSENTIAL_HEAD = re.compile(r"^\s*(?:essential|you must|must have|required)\b", re.I)
_DESIRABLE_HEAD = re.compile(
    r"^\s*(?:desirable|it would be (?:good|helpful)|nice to have|preferred|ideally)\b", re.I
)
_OTHER_HEAD = re.compile(
    r"^\s*(?:about|the role|role|time commitment|remuneration|pay|location|how to apply"
    r"|closing date|term|the organisation|about us|person specification)\b.*:?\s*$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
# Without headings, a sentence is a criterion only where it asks something of the person
# appointed ("you must have", "... is essential", "would be an advantage"), not wherever
# the word appears: a CV's "coded the required changes", "team work was essential" or
# "procuring essential materials" asks nothing.
_ASKS_ESSENTIAL = re.compile(
    r"\b(?:you|candidates?|applicants?|(?:the\s+)?(?:successful\s+)?(?:candidate|applicant"
    r"|post-?holder|appointee|person\s+appointed))\s+(?:will\s+|also\s+)?(?:must|need\b|needs\b"
    r"|will\s+need|should\s+have|are\s+required|is\s+required)"
    r"|\bmust\s+(?:have|be|hold|demonstrate|possess|show|bring)\b"
    r"|(?<!\bwhich\s)(?<!\bthat\s)\b(?:is|are)\s+(?:also\s+|absolutely\s+)?"
    r"(?:essential|required|mandatory|a\s+requirement)\b"
    r"|\bit\s+is\s+(?:essential|vital|required)\s+that\b"
    r"|^\W*(?:essential|required|requirements?)\b\s*[:\-–]",
    re.I,
)
_ASKS_DESIRABLE = re.compile(
    r"\bdesirable\b|\bideally\b"
    r"|\b(?:is|are|would\s+be|will\s+be)\s+(?:also\s+)?an?\s+(?:advantage|asset|plus)\b"
    r"|\b(?:is|would\s+be|will\s+be)\s+(?:also\s+)?(?:welcomed?|helpful|beneficial)\b",
    re.I,
)


def _number(value: str) -> float:
    return _NUMBER_WORDS.get(value.lower(), None) or float(value)


def infer_days(text: str) -> float | None:
    """Days a month named in the text ("3 to 4 days a month", "three days a week")."""
    match = _DAYS_RE.search(text or "")
    if not match:
        return None
    low = _number(match.group(1))
    high = _number(match.group(2)) if match.group(2) else low
    days = max(low, high)
    return round(days * 4.33, 1) if match.group(3).lower() == "week" else days


def availability_for_days(days: float | None) -> str | None:
    """The smallest availability band that covers a number of days a month."""
    if days is None:
        return None
    for slug, limit in sorted(AVAILABILITY_DAYS.items(), key=lambda item: item[1]):
        if days <= limit:
            return slug
    return "8-plus"


def infer_skill_areas(text: str, threshold: float = 1.0) -> list[str]:
    """Skill areas with enough lexicon evidence; a weak word alone does not make a skill."""
    counts = SKILL_MATCHER.counts(text)
    return [slug for slug in SKILL_AREAS if counts.get(slug, 0.0) >= threshold]


def infer_domain_evidence(text: str, max_sentences: int = 3) -> dict[str, str]:
    """For each competency domain, the sentences of the text that speak to it."""
    found: dict[str, list[str]] = {}
    for sentence in sentences({"text": text}):
        counts = DOMAIN_MATCHER.counts(sentence.text)
        for slug, weight in counts.items():
            if weight >= 1.0 and len(found.setdefault(slug, [])) < max_sentences:
                found[slug].append(sentence.text)
    return {slug: " ".join(found[slug]) for slug in COMPETENCY_DOMAINS if found.get(slug)}


def infer_domain_weights(text: str) -> dict[str, float]:
    """Weights for the competency domains a vacancy text stresses, from 1 to 3."""
    counts = DOMAIN_MATCHER.counts(text)
    return {slug: round(min(3.0, 1.0 + counts[slug] / 2), 2) for slug in counts if counts[slug]}


# Where someone studied or qualified is not where they are: "qualified as a nurse in
# Manchester" and "in the Philippines" (a place abroad the text loses) read alike.
_STUDY_WORDS = re.compile(STUDY_RE.pattern + r"|\b(?:training|degree|BSc|MSc|PhD)\b", re.I)


def infer_region(text: str) -> str | None:
    """The region a text places its author in, preferring places named with "live", and
    leaving out where they studied or qualified."""
    scores: dict[str, float] = {}
    for sentence in sentences({"text": text}):
        if _STUDY_WORDS.search(sentence.text) and not _HOME_WORDS.search(sentence.text):
            continue
        boost = 3.0 if _HOME_WORDS.search(sentence.text) else 1.0
        for region, weight in _REGION_MATCHER.counts(sentence.text).items():
            scores[region] = scores.get(region, 0.0) + weight * boost
    if not scores:
        return None
    return max(scores.items(), key=lambda item: item[1])[0]


def infer_board_experience(text: str) -> str:
    """The highest board experience the text claims: by the board patterns, or by what a
    sentence says its subject chaired or sat on ("Chair of NHS Improvement")."""
    from nedmatch.matching.criteria.claims import board_level_of, sentence_claims  # a cycle

    # Only sentences with a board word can claim a seat or a chair: the rest are skipped.
    level = max(
        (
            board_level_of(sentence_claims(s.text, "text"))
            for s in sentences({"text": text or ""})
            if _BOARD_HINT.search(s.text)
        ),
        default=0,
    )
    for slug, pattern in BOARD_PATTERNS:
        if pattern.search(text or ""):
            level = max(level, BOARD_EXPERIENCE_LEVEL[slug])
    return _LEVEL_SLUGS[level]


_LEVEL_SLUGS = {level: slug for slug, level in BOARD_EXPERIENCE_LEVEL.items()}


def infer_challenged(text: str) -> bool:
    """Whether a text speaks of a challenged organisation or of turnaround work."""
    return bool(_CHALLENGED_RE.search(text or ""))


_BOARD_HINT = re.compile(r"board|trustee|governor|chair|director|non-?exec|\bned\b|council", re.I)
# Half the sentences speaking board vocabulary is as sure as a typed profile.
_FULL_EVIDENCE = 0.5


def board_evidence(text: str) -> float:
    """How far structured fields inferred from a text can be trusted, 0 to 1.

    The share of its sentences that name a skill area or competency domain of the
    lexicon (strong phrases only) or a board role, scaled so that half of them is full
    confidence: a CV in the NHS board vocabulary scores 1, a software engineer's CV that
    mentions "data" now and then scores near 0, and its inferred skills count for little.
    """
    found = sentences({"text": text})
    if not found:
        return 0.0
    speaking = 0
    for sentence in found:
        toks = tokens(sentence.text)
        if (
            any(strong for _, _, labels in SKILL_MATCHER.find(toks) for _, strong in labels)
            or any(strong for _, _, labels in DOMAIN_MATCHER.find(toks) for _, strong in labels)
            or (
                _BOARD_HINT.search(sentence.text) is not None
                and any(pattern.search(sentence.text) for _, pattern in BOARD_PATTERNS)
            )
        ):
            speaking += 1
    return round(min(1.0, speaking / len(found) / _FULL_EVIDENCE), 3)


def infer_role_type(title: str, text: str) -> str:
    """The role type a vacancy's title (or, failing that, its text) names."""
    head = (title or "").lower()
    scope = head if head.strip() else (text or "").lower()[:300]
    if "associate" in scope:
        return "associate-ned"
    if "audit" in scope and "chair" in scope:
        return "audit-chair"
    if "chair" in scope and "non-executive" not in scope and "committee" not in scope:
        return "chair"
    if "clinical" in scope or "clinician" in scope:
        return "clinical-ned"
    return "ned"


def infer_location_requirement(text: str) -> str:
    """Whether a vacancy asks candidates to live in the area or join its constituency."""
    lowered = (text or "").lower()
    if "constituency" in lowered or "member of the foundation trust" in lowered:
        return "constituency"
    if re.search(
        r"\b(?:must|should|need to|required to|expected to)\s+(?:live|reside|be based)"
        r"|\bstrong links\b|\blive (?:in|within) (?:or near )?the (?:area|region|communities)",
        lowered,
    ):
        return "region"
    return "none"


def infer_min_board_experience(criteria: list[str]) -> str:
    """The least board experience that essential criteria demand."""
    # Chairing a committee is not chairing a board, so committee criteria never ask for it.
    joined = " ".join(c for c in criteria if "committee" not in c.lower()).lower()
    if re.search(r"\b(?:experience (?:of|in) chairing|previous(?:ly)? chair|as a chair)", joined):
        return "chair"
    joined = " ".join(criteria).lower()
    if re.search(r"\bnhs board|board of an nhs|nhs non-executive", joined):
        return "nhs-board"
    if re.search(
        r"\bboard(?:-level| level)? experience|experience (?:of|on|at) (?:a )?board"
        r"|served on a board|non-executive experience",
        joined,
    ):
        return "other-board"
    return "none"


def split_criteria(text: str) -> tuple[list[str], list[str]]:
    """Essential and desirable criteria from an advert, by heading or by wording.

    Lines under an "Essential" heading are essential until another heading; failing any
    headings, a sentence that asks something of the person appointed is essential ("you
    must have", "... is essential") or desirable ("ideally", "would be an advantage").
    """
    essential: list[str] = []
    desirable: list[str] = []
    current: list[str] | None = None
    for raw in (text or "").split("\n"):
        line = raw.strip()
        if not line:
            continue
        inline = re.match(r"^\s*(essential|desirable)[^:]*:\s*(\S.*)$", line, re.I)
        if inline:
            target = essential if inline.group(1).lower() == "essential" else desirable
            target.extend(p.strip() for p in re.split(r";\s*", inline.group(2)) if p.strip())
            current = target
            continue
        if _ESSENTIAL_HEAD.match(line) and len(line) < 60 and not _BULLET.match(line):
            current = essential
            continue
        if _DESIRABLE_HEAD.match(line) and len(line) < 60 and not _BULLET.match(line):
            current = desirable
            continue
        if _OTHER_HEAD.match(line) and len(line) < 60:
            current = None
            continue
        if current is not None:
            current.append(_BULLET.sub("", line).rstrip(";"))
    if essential or desirable:
        return essential, desirable
    for sentence in sentences({"text": text}):
        if _ASKS_ESSENTIAL.search(sentence.text):
            essential.append(sentence.text)
        elif _ASKS_DESIRABLE.search(sentence.text):
            desirable.append(sentence.text)
    return essential, desirable


def first_line(text: str, limit: int = 120) -> str:
    """The first non-empty line, when short enough to be a title or a job title."""
    for line in (text or "").split("\n"):
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else ""
    return ""
