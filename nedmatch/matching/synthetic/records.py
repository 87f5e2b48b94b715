"""What the synthetic pool is made of: specialisms, and the candidates and vacancies
generated from them."""

from __future__ import annotations

from dataclasses import dataclass

from nedmatch.matching.profiles import CandidateProfile


@dataclass(frozen=True)
class Specialism:
    slug: str
    family: str
    skills: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    distractors: tuple[str, ...]
    vacancies: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class SyntheticCandidate:
    """A generated candidate: the text a person would write, and the truth behind it."""

    id: int
    text: str
    primary: str
    secondary: str | None
    region: str
    board_experience: str
    profile: CandidateProfile  # the structured profile the web form would hold


@dataclass(frozen=True)
class SyntheticVacancy:
    id: str
    text: str
    specialism: str
    region: str
    location_required: bool
    min_board_experience: str
