"""Generating candidates and vacancies, and the ground truth of how well each pair fits."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Final

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL, REGIONS
from nedmatch.matching.profiles import CandidateProfile
from nedmatch.matching.synthetic.records import SyntheticCandidate, SyntheticVacancy
from nedmatch.matching.synthetic.specialisms import SPECIALISMS
from nedmatch.matching.synthetic.wording import (
    BOARD_SENTENCES,
    FILLER_SENTENCES,
    HOME_PATTERNS,
    TOWNS,
)

_FIRST = ("Alex", "Sam", "Jordan", "Chris", "Morgan", "Taylor", "Robin", "Jamie", "Kim", "Lee")
_LAST = ("Okafor", "Patel", "Smith", "Nowak", "Evans", "Chen", "Hughes", "Khan", "Byrne")
_BOARD_WEIGHTS: Final = {"none": 0.3, "other-board": 0.35, "nhs-board": 0.25, "chair": 0.1}


def _pick_half(items: tuple[str, ...], split: str) -> list[str]:
    """Even-numbered items for development, odd for the held-out test."""
    offset = 0 if split == "dev" else 1
    return list(items[offset::2])


def generate_candidates(
    n: int, seed: int = 0, split: str = "dev", start_id: int = 0
) -> Iterator[SyntheticCandidate]:
    """Yield candidates of every specialism, each with text and structured fields."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    by_slug = {s.slug: s for s in SPECIALISMS}
    halves = {s.slug: _pick_half(s.sentences, split) for s in SPECIALISMS}
    regions = list(REGIONS)
    boards, board_weights = zip(*_BOARD_WEIGHTS.items(), strict=True)
    for i in range(n):
        spec = (
            SPECIALISMS[i % len(SPECIALISMS)] if n >= len(SPECIALISMS) else rng.choice(SPECIALISMS)
        )
        secondary = None
        if rng.random() < 0.4:
            secondary = rng.choice([s.slug for s in SPECIALISMS if s.slug != spec.slug])
        region = rng.choice(regions)
        board = rng.choices(boards, weights=board_weights)[0]
        title = rng.choice(_pick_half(spec.titles, split) or list(spec.titles))
        own = rng.sample(halves[spec.slug], k=min(len(halves[spec.slug]), rng.randint(3, 5)))
        lines = [*own]
        if secondary:
            lines += rng.sample(halves[secondary], k=rng.randint(1, 2))
        if rng.random() < 0.4:
            other = rng.choice([s for s in SPECIALISMS if s.slug != spec.slug])
            lines.append(rng.choice(other.distractors))
        lines.append(rng.choice(BOARD_SENTENCES[board]))
        lines += rng.sample(FILLER_SENTENCES, k=rng.randint(1, 3))
        rng.shuffle(lines)
        stated_region = rng.random() < 0.85
        if stated_region:
            town = rng.choice(TOWNS[region])
            lines.insert(rng.randint(0, len(lines)), rng.choice(HOME_PATTERNS).format(town=town))
        days = rng.choice((2, 3, 4, 5, 6, 8, 12))
        if rng.random() < 0.6:
            lines.append(f"I can offer around {days} days a month.")
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        body = " ".join(lines)
        text = f"{title}\n{body}"
        cid = start_id + i
        skills = list(spec.skills)
        if secondary:
            skills += [s for s in by_slug[secondary].skills[:1] if s not in skills]
        profile = CandidateProfile(
            id=cid,
            current_role=title,
            career_summary=" ".join(own[:2]),
            cv_text=body,
            skill_areas=skills,
            region=region if stated_region else None,
            board_experience=board,
            availability=_availability(days),
            willing_challenged=rng.random() < 0.5,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            phone=f"07700 9{rng.randint(0, 99999):05d}",
            postcode=f"LS{rng.randint(1, 29)} {rng.randint(1, 9)}AB",
        )
        yield SyntheticCandidate(cid, text, spec.slug, secondary, region, board, profile)


def _availability(days: int) -> str:
    if days <= 3:
        return "2-3"
    if days <= 5:
        return "3-5"
    if days <= 8:
        return "5-8"
    return "8-plus"


def generate_vacancies(
    seed: int = 0, split: str = "dev", per_specialism: int = 2
) -> list[SyntheticVacancy]:
    """Vacancies of every specialism, some asking for local links or board experience."""
    rng = random.Random(seed + 7919)  # noqa: S311 - reproducible test data
    variant = 0 if split == "dev" else 1
    result = []
    for spec in SPECIALISMS:
        title, description, essential, desirable = spec.vacancies[variant]
        for k in range(per_specialism):
            region = rng.choice(list(REGIONS))
            local = rng.random() < 0.35
            board = rng.choices(("none", "other-board", "nhs-board"), weights=(5, 3, 2))[0]
            lines = [title, description]
            town = rng.choice(TOWNS[region])
            lines.append(f"The trust serves {town} and the surrounding area.")
            if local:
                lines.append(f"Candidates must live in or have strong links to {REGIONS[region]}.")
            lines.append("The time commitment is about four days a month.")
            lines.append("Essential criteria")
            lines += [f"- {c}" for c in essential]
            if board == "other-board":
                lines.append("- Previous board experience in any sector")
            elif board == "nhs-board":
                lines.append("- NHS board experience")
            lines.append("Desirable criteria")
            lines += [f"- {c}" for c in desirable]
            result.append(
                SyntheticVacancy(
                    id=f"{split}-{spec.slug}-{k}",
                    text="\n".join(lines),
                    specialism=spec.slug,
                    region=region,
                    location_required=local,
                    min_board_experience=board,
                )
            )
    return result


def relevance(vacancy: SyntheticVacancy, candidate: SyntheticCandidate) -> int:
    """Ground truth: 2 fits, 1 partly fits, 0 does not.

    The right specialism fits; a secondary interest in it or a neighbouring specialism
    partly fits; a requirement not met (local links, board experience) costs one grade.
    """
    families = {s.slug: s.family for s in SPECIALISMS}
    if candidate.primary == vacancy.specialism:
        grade = 2
    elif candidate.secondary == vacancy.specialism:
        grade = 1
    elif families[candidate.primary] == families[vacancy.specialism]:
        grade = 1
    else:
        grade = 0
    if vacancy.location_required and candidate.region != vacancy.region:
        grade -= 1
    required = BOARD_EXPERIENCE_LEVEL[vacancy.min_board_experience]
    if BOARD_EXPERIENCE_LEVEL[candidate.board_experience] < required:
        grade -= 1
    return max(0, grade)
