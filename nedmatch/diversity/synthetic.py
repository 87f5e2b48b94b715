"""Synthetic monitoring records with realistic proportions, for demos and benchmarks.

Proportions follow shared/DOMAIN.md: 40-48% women, 10-15% ethnic minority, 4-8%
disabled, 3-5% "Prefer not to say" per question, and appointees slightly less diverse
than applicants so adverse-impact checks have something to find. Nothing here is real.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from nedmatch.domain import MONITORING_QUESTIONS, PREFER_NOT_TO_SAY, REGIONS

from .records import STAGES, MonitoringRecord

# Weights for answers not given a realistic spread below are equal.
_WEIGHTS: dict[str, dict[str, float]] = {
    "sex": {"female": 44, "male": 56},
    "age_band": {"under-35": 6, "35-44": 17, "45-54": 30, "55-64": 32, "65-plus": 15},
    "gender_same_as_birth": {"yes": 99.3, "no": 0.7},
    "ethnicity": {
        "white-british": 78,
        "irish": 2.5,
        "gypsy-traveller": 0.1,
        "roma": 0.1,
        "other-white": 6.3,
        "indian": 3.4,
        "pakistani": 1.6,
        "bangladeshi": 0.7,
        "chinese": 0.8,
        "other-asian": 0.9,
        "african": 1.8,
        "caribbean": 1.2,
        "other-black": 0.3,
        "white-asian": 0.6,
        "white-black-african": 0.3,
        "white-black-caribbean": 0.6,
        "other-mixed": 0.5,
        "arab": 0.3,
        "any-other": 0.5,
    },  # fmt: skip
    "disability": {"yes": 6, "no": 94},
    "sexual_orientation": {"straight": 93, "gay-lesbian": 4, "bisexual": 2, "other": 1},
    "religion": {
        "none": 42,
        "christian": 45,
        "buddhist": 1,
        "hindu": 3,
        "jewish": 1.5,
        "muslim": 5,
        "sikh": 1.5,
        "other": 1,
    },  # fmt: skip
    "marital_status": {
        "never": 14,
        "married": 62,
        "civil-partnership": 2,
        "separated": 3,
        "divorced": 15,
        "widowed": 4,
    },  # fmt: skip
    "pregnancy": {"yes": 1, "no": 99},
    "parent_occupation": {
        "professional": 38,
        "intermediate": 22,
        "small-business": 10,
        "routine": 22,
        "unemployed": 2,
        "dont-know": 4,
        "not-applicable": 2,
    },  # fmt: skip
}
# Share reaching each stage from the one before (pool -> applied -> ... -> appointed),
# giving roughly 4% of applications ending in appointment, as in public appointments.
_PASS = (0.8, 0.55, 0.45, 0.55, 0.35)
_MINORITY = {"asian", "black", "mixed", "other"}


def _weighted(rng: random.Random, question: str) -> str:
    options = list(MONITORING_QUESTIONS[question][1])
    weights = _WEIGHTS.get(question)
    if weights is None:
        return rng.choice(options)
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def synthetic_records(
    n: int, seed: int = 2024, vacancies: int | None = None, start: date | None = None
) -> list[MonitoringRecord]:
    """``n`` records: about 20% pool-only, the rest applications spread over vacancies."""
    from nedmatch.domain import ETHNICITY_TO_GROUP

    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    start = start or date(2024, 4, 1)
    vacancies = vacancies or max(1, n // 60)
    regions = list(REGIONS)
    records: list[MonitoringRecord] = []
    for i in range(n):
        answers: dict[str, str] = {}
        for question in MONITORING_QUESTIONS:
            roll = rng.random()
            if roll < 0.04:
                answers[question] = PREFER_NOT_TO_SAY
            elif roll < 0.07:
                continue  # not declared
            else:
                answers[question] = _weighted(rng, question)
        # Appointees slightly less diverse: minority, disabled and working-class
        # candidates pass each later step a little less often.
        penalty = 1.0
        if ETHNICITY_TO_GROUP.get(answers.get("ethnicity", "")) in _MINORITY:
            penalty *= 0.85
        if answers.get("disability") == "yes":
            penalty *= 0.85
        if answers.get("parent_occupation") in ("routine", "unemployed"):
            penalty *= 0.9
        stage = 0
        for step, chance in enumerate(_PASS):
            if rng.random() >= chance * (penalty if step >= 2 else 1.0):
                break
            stage += 1
        vacancy = rng.randrange(vacancies) if stage else None
        records.append(
            MonitoringRecord(
                furthest_stage=STAGES[stage],
                answers=answers,
                vacancy_id=None if vacancy is None else f"V{vacancy:05d}",
                organisation_id=None if vacancy is None else f"O{vacancy % 220:03d}",
                region=regions[(vacancy or rng.randrange(7)) % len(regions)],
                applied_on=None if vacancy is None else start + timedelta(days=rng.randrange(365)),
                candidate_id=i,
            )
        )
    return records
