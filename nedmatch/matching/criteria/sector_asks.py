"""What a criterion says of where the work was: the one sector it asks for (the NHS, the
public, private or health sector, local services), and whether it asks anything more."""

from __future__ import annotations

import re
from typing import Final

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from nedmatch.matching.criteria.sectors import (
    HEALTH_ASK_RE,
    LOCAL_ASK_RE,
    NHS_ASK_RE,
    OTHER_SECTOR_ASK_RE,
    PRIVATE_ASK_RE,
    PUBLIC_ASK_RE,
)
from nedmatch.matching.text import tokens

# Words that frame what a criterion asks without being what it asks for.
ASKING_WORDS: Final = ENGLISH_STOP_WORDS | frozenset(
    "experience experienced knowledge understanding understand demonstrate demonstrable "
    "demonstrated strong personal commitment committed interest interested interests proven "
    "track record evidence awareness appreciation ability able working work sector "
    "sectors needs issues matters capacity serve served serving service background "
    "relevant".split()
)


def asks_more_than(flat: str, sector_phrases: list[str]) -> bool:
    """Whether a criterion names anything besides its sector and the words of asking."""
    rest = flat
    for phrase in sector_phrases:
        rest = rest.replace(phrase, " ")
    return any(word not in ASKING_WORDS for word in re.findall(r"[a-z]+", rest))


def field_names_only(text: str) -> bool:
    """A short list of field names, as a skills or sectors field gives them ("Finance and
    Audit", "Sector: Finance and Audit"): any one of them is the skill area asked."""
    words = [w for w in tokens(text) if w not in ("and", "sector", "sectors", "skills")]
    return 2 <= len(words) <= 4 and not re.search(r"\bchair|\bexperience|\bknowledge", text, re.I)


def sector_asked(flat: str) -> tuple[str | None, list[str]]:
    """The one sector a criterion asks for experience in, if it names one, and the
    phrases that name sectors in it."""
    if OTHER_SECTOR_ASK_RE.search(flat):
        return None, []
    nhs, public, private, health, local = (
        [m.group(0) for m in ask.finditer(flat)]
        for ask in (NHS_ASK_RE, PUBLIC_ASK_RE, PRIVATE_ASK_RE, HEALTH_ASK_RE, LOCAL_ASK_RE)
    )
    named = nhs + public + private + health + local
    if private:
        return (None if nhs or public or health or local else "sector:private"), named
    if local:
        # Local government, or the local community's services: narrower than public.
        return "sector:local", named
    if public:
        return "sector:public", named
    if health:
        # Health care, with or without the NHS named: the wider sector.
        return "sector:health", named
    return ("sector:nhs" if nhs else None), named
