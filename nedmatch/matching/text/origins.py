"""Where someone qualified or studied, which is not what they can do: places and bodies
abroad read as their UK equivalents, and places and institutions of study are taken out,
so a qualification gained in Lagos and one gained in Leeds read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from nedmatch.matching.lexicon import REGION_PHRASES
from nedmatch.matching.text.gates import Gate, alternation_keys

# Countries and cities where a qualification may be gained: where is not what. The UK's
# nations are here too, so "in England" and "in India" both leave nothing behind.
_COUNTRIES = (
    r"india|pakistan|bangladesh|sri lanka|nepal|china|"
    r"hong kong|singapore|malaysia|philippines|vietnam|japan|korea|nigeria|ghana|kenya|"
    r"uganda|zimbabwe|south africa|egypt|sudan|somalia|ethiopia|eritrea|jamaica|trinidad|"
    r"barbados|poland|romania|bulgaria|lithuania|latvia|portugal|spain|italy|greece|cyprus|"
    r"france|germany|netherlands|ireland|ukraine|russia|turkey|iran|iraq|syria|afghanistan|"
    r"canada|australia|new zealand|the us|usa|us|united states|america|brazil|mexico|"
    r"lagos|karachi|lahore|mumbai|delhi|manila|nairobi|accra|johannesburg|cape town|"
    r"new york|sydney|toronto|warsaw|dublin|england|scotland|wales|northern ireland|"
    r"the uk|uk|the united kingdom|united kingdom|britain|great britain"
)
COUNTRY_RE = Gate(
    re.compile(r"\b(?:in|from|at|of|,)\s+(?:the\s+)?(?:" + _COUNTRIES + r")\b", re.I),
    alternation_keys(_COUNTRIES),
    stop=".",
)
# Where someone studied or qualified in the UK goes too, as a place abroad does: "qualified
# as a nurse in Manchester" reads as "in the Philippines" does. Only in a sentence about
# studying or qualifying; elsewhere a place says where someone works or lives.
STUDY_RE = re.compile(
    r"\b(?:stud(?:y|ied|ying)|qualif(?:y|ied|ying)|trained|graduat\w*|educated|MBBS)\b", re.I
)
_UK_PLACES = "|".join(
    sorted({re.escape(p) for places in REGION_PHRASES.values() for p in places}, key=len)[::-1]
)
STUDY_PLACE_RE = Gate(
    re.compile(r"\b(?:in|at|from)\s+(?:" + _UK_PLACES + r")\b", re.I),
    [rf"\b{p}\b" for places in REGION_PHRASES.values() for p in places],
    stop=".",
)


# The place of study by its institution's name, in a sentence about studying: "(MBBS,
# King Edward Medical University)" and "(MBBS, University of Sheffield)" read alike.
INSTITUTION_RE = Gate(
    re.compile(
        r"(?:\b[A-Z][\w'’-]*\s+){0,4}(?:University|College|School|Institute|Polytechnic)\b"
        r"(?:\s+of(?:\s+(?:[A-Z][\w'’-]*|and))+)?"
    ),
    ["universit", "college", "school", "institute", "polytechnic"],
    stop=".",
)


def reword_study(text: str) -> str:
    """The text without the places and institutions of its sentences about studying.

    Only the sentences (between full stops) that hold a study word are read: the same
    text as running ``STUDY_REWORDINGS`` over the whole, whose replacements look no
    further than a match's own sentence, at the cost of a few sentences, not every
    place name in the text."""
    spans: list[tuple[int, int]] = []
    for found in STUDY_RE.finditer(text):
        start = text.rfind(".", 0, found.start()) + 1
        stop = text.find(".", found.end())
        end = len(text) if stop < 0 else stop
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    pieces, done = [], 0
    for start, end in spans:
        sentence = text[start:end]
        for gate, reword in STUDY_REWORDINGS:
            sentence = gate.pattern.sub(reword, sentence)
        pieces += [text[done:start], sentence]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def _sentence_before(match: re.Match[str]) -> str:
    """The match's sentence up to it (from the full stop before), as the patterns run on
    the stretches between full stops."""
    text = match.string
    return text[text.rfind(".", 0, match.start()) + 1 : match.start()]


def _sentence_after(match: re.Match[str]) -> str:
    text = match.string
    stop = text.find(".", match.end())
    return text[match.end() : len(text) if stop < 0 else stop]


def study_institution(match: re.Match[str]) -> str:
    """The institution goes in a sentence about studying."""
    sentence = _sentence_before(match) + " " + _sentence_after(match)
    return "" if STUDY_RE.search(sentence) else match.group(0)


def study_place(match: re.Match[str]) -> str:
    """The place goes when a study word comes shortly before it in the same clause."""
    window = _sentence_before(match)[-50:]
    found = list(STUDY_RE.finditer(window))
    if not found or re.search(r",|;|\band\b|\bbut\b", window[found[-1].end() :]):
        return match.group(0)
    return ""


# Accountancy bodies and designations abroad, read as their UK equivalents (a qualification
# recognised as equivalent should read as one), so where someone qualified moves nothing.
_OVERSEAS_BODIES = {
    "certified public accountants?": "chartered accountant",
    "chartered professional accountants?": "chartered accountant",
    "cpa": "ACA",
    "icai": "ICAEW",
    "ican": "ICAEW",
    "icap": "ICAEW",
    "icab": "ICAEW",
    "saica": "ICAEW",
    "aicpa": "ICAEW",
    "hkicpa": "ICAEW",
    "ca anz": "ICAEW",
    "cpa australia": "ICAEW",
    "cpa canada": "ICAEW",
    "attorney": "solicitor",
    "attorneys": "solicitors",
    "attorney-at-law": "solicitor",
}
_OVERSEAS_ALTERNATION = "|".join(sorted(_OVERSEAS_BODIES, key=len, reverse=True))
OVERSEAS_BODY_RE = Gate(
    # "Attorney General" is a law officer's title, not a qualification abroad.
    re.compile(r"(?<!power of )\b(?:" + _OVERSEAS_ALTERNATION + r")\b(?![- ]general\b)", re.I),
    alternation_keys(_OVERSEAS_ALTERNATION),
    stop=".",
)


def uk_equivalent(match: re.Match[str]) -> str:
    found = match.group(0).lower()
    for pattern, equivalent in _OVERSEAS_BODIES.items():
        if re.fullmatch(pattern, found):
            return equivalent
    return match.group(0)


# Where someone studied, in the order read: the place after "in", then the institution.
STUDY_REWORDINGS: Final[tuple[tuple[Gate, Callable[[re.Match[str]], str]], ...]] = (
    (STUDY_PLACE_RE, study_place),
    (INSTITUTION_RE, study_institution),
)
