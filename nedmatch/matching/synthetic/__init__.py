"""A labelled synthetic pool of NED candidates and vacancies whose right answers are known.

Candidates are written in their own words, not the vacancy's: a finance vacancy asks
for "a professionally qualified accountant", a fitting CV says "ACCA-qualified group
financial controller". Each specialism's sentences come in two halves; the development
split uses one half and the held-out test split the other, so tuning on one cannot learn
the other's wording. Distractor sentences use a specialism's words without its substance
("As a patient I have seen how nurses hold the wards together").
"""

from __future__ import annotations

from nedmatch.matching.synthetic.generate import generate_candidates, generate_vacancies, relevance
from nedmatch.matching.synthetic.records import Specialism, SyntheticCandidate, SyntheticVacancy
from nedmatch.matching.synthetic.specialisms import SPECIALISMS
from nedmatch.matching.synthetic.wording import (
    BOARD_SENTENCES,
    FILLER_SENTENCES,
    HOME_PATTERNS,
    TOWNS,
)

__all__ = [
    "BOARD_SENTENCES",
    "FILLER_SENTENCES",
    "HOME_PATTERNS",
    "SPECIALISMS",
    "TOWNS",
    "Specialism",
    "SyntheticCandidate",
    "SyntheticVacancy",
    "generate_candidates",
    "generate_vacancies",
    "relevance",
]
