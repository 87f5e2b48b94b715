"""The hostile reader of the journeys report: they download it before and after one
person they know is appointed a non-executive, and compare the two to learn that person's
ethnic group, sex or disability. Every count either side is "fewer than 5" or noise then
rounding to 5, so both answers always remain possible."""

from __future__ import annotations

import random

import pytest

from nedmatch.diversity.journeys import Journey, JourneyReport, journey_report
from tests.privacy.attacks.conftest import random_answers
from tests.privacy.attacks.test_board_composition import (
    MAJORITY,
    MINORITY,
    POLICY,
    interval,
)


def _count(report: JourneyReport, slug: str, having: bool) -> int | None:
    measure = next(m for m in report.measures if m.measure.slug == slug)
    return (measure.having if having else measure.others).counts["ned"].value


def consistent(before: int | None, after: int | None, change: int) -> bool:
    """Some true count c fits the first figure while c + change fits the second."""
    lo1, hi1 = interval(before)
    lo2, hi2 = interval(after)
    return max(lo1, lo2 - change, 0) <= min(hi1, hi2 - change)


@pytest.mark.parametrize("seed", range(3))
def test_one_appointment_between_two_downloads_never_pins_the_appointee(seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    for trial in range(250):
        crowd = []
        for i in range(rng.randint(30, 200)):
            steps = {"pool"} | ({"ned"} if rng.random() < 0.15 else set())
            answers = rng.choice([MINORITY, MAJORITY, random_answers(rng)])
            crowd.append(Journey(f"s{seed}-t{trial}-{i}", answers, frozenset(steps)))
        for answers in (MINORITY, MAJORITY):
            person = f"s{seed}-t{trial}-appointee"
            before = journey_report([*crowd, Journey(person, answers)], POLICY)
            after = journey_report(
                [*crowd, Journey(person, answers, frozenset({"pool", "ned"}))], POLICY
            )
            for slug in ("minority_ethnic", "women", "disabled"):
                # The reader's two hypotheses: the appointee is in the group, or in the rest.
                counted_having = consistent(
                    _count(before, slug, True), _count(after, slug, True), 1
                ) and consistent(_count(before, slug, False), _count(after, slug, False), 0)
                counted_other = consistent(
                    _count(before, slug, True), _count(after, slug, True), 0
                ) and consistent(_count(before, slug, False), _count(after, slug, False), 1)
                assert counted_having and counted_other, (trial, slug)
                compared += 1
    assert compared == 250 * 2 * 3
