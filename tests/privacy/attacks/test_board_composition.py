"""The hostile reader of board composition reports: they download the report before and
after one appointment to a board, know who was appointed, and difference the two to learn
how the appointee answered the equality questions. Every count either side is protected
(fewer than 5, or cell-key noise then rounding to 5), so both answers always remain
possible: the attacker never pins one."""

from __future__ import annotations

import random

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.diversity import DisclosurePolicy
from nedmatch.diversity.boards import MEASURES, Composition, ScopeSpec, Seat, compose
from nedmatch.diversity.disclosure import NOISE_BOUND
from tests.privacy.attacks.conftest import random_answers

POLICY = DisclosurePolicy(threshold=5, method="cell-key")
# Noise of at most 2 either way, then rounding to the nearest 5 (2 either way).
NOISE_AND_ROUNDING = NOISE_BOUND + POLICY.rounding_base // 2
MINORITY = {"ethnicity": "black-african", "sex": "female", "disability": "yes"}
MAJORITY = {"ethnicity": "white-british", "sex": "male", "disability": "no"}


def interval(value: int | None) -> tuple[int, int]:
    """What the attacker learns of a true count from one published figure: "fewer than 5"
    is 0 to 6 (noise may have taken up to 6 below 5); a figure v is v - 4 to v + 4 (noise of
    2 either way, then rounding to 5)."""
    if value is None:
        return (0, POLICY.threshold - 1 + NOISE_BOUND)
    return (value - NOISE_AND_ROUNDING, value + NOISE_AND_ROUNDING)


def possible(before: Composition, after: Composition, slug: str) -> set[tuple[int, int]]:
    """The appointee's (declared, has the characteristic) consistent with both reports."""
    one, two = before.measure(slug), after.measure(slug)
    found = set()
    for declared, has in ((0, 0), (1, 0), (1, 1)):
        lo_c1, hi_c1 = interval(one.count.value)
        lo_c2, hi_c2 = interval(two.count.value)
        lo_d1, hi_d1 = interval(one.declared.value)
        lo_d2, hi_d2 = interval(two.declared.value)
        counts = range(max(lo_c1, lo_c2 - has, 0), min(hi_c1, hi_c2 - has) + 1)
        declareds = range(max(lo_d1, lo_d2 - declared, 0), min(hi_d1, hi_d2 - declared) + 1)
        if any(c <= d for c in counts for d in declareds):
            found.add((declared, has))
    return found


def pinned(options: set[tuple[int, int]]) -> bool:
    """The attacker is sure whether the appointee has the characteristic."""
    return {has for _, has in options} != {0, 1}


def _scopes() -> list[ScopeSpec]:
    return [
        ScopeSpec("Board", "board", frozenset({1})),
        ScopeSpec("Neighbour", "board", frozenset({2})),
        ScopeSpec("Region", "region", frozenset({1, 2})),
    ]


@pytest.mark.parametrize("seed", range(4))
def test_differencing_two_reports_around_an_appointment_never_pins_the_appointee(
    seed: int,
) -> None:
    rng = random.Random(seed)
    tried = 0
    for trial in range(400):
        size = rng.randint(6, 16)
        # Boards weighted towards the characteristic, so that counts above the threshold
        # (where noise, not "fewer than 5", protects) are common.
        crowd = [
            Seat(
                1,
                "london",
                False,
                f"s{seed}-t{trial}-{i}",
                rng.choice([MINORITY, MAJORITY, random_answers(rng)]),
            )
            for i in range(size)
        ]
        neighbour = [
            Seat(2, "london", False, f"s{seed}-t{trial}-n{i}", random_answers(rng))
            for i in range(rng.randint(6, 14))
        ]
        before = compose(crowd + neighbour, _scopes(), POLICY)
        for answers in (MINORITY, MAJORITY, {}):
            appointee = Seat(1, "london", False, f"s{seed}-t{trial}-appointee", answers)
            after = compose(crowd + [appointee] + neighbour, _scopes(), POLICY)
            for old, new in zip(before, after, strict=True):
                if old.withheld or new.withheld:
                    continue
                for measure in MEASURES:
                    options = possible(old, new, measure.slug)
                    assert not pinned(options), (trial, measure.slug, old, new)
                    tried += 1
    assert tried > 10_000


def test_the_attackers_bounds_are_those_the_report_publishes() -> None:
    """The attack above assumes every published count is within 4 of the truth, and
    "fewer than 5" within 0 to 6: check that on many boards, so the attack is sound."""
    rng = random.Random(7)
    for trial in range(2000):
        answers = [
            rng.choice([MINORITY, MAJORITY, random_answers(rng)]) for _ in range(rng.randint(3, 40))
        ]
        seats = [Seat(1, "london", False, f"b{trial}-{i}", a) for i, a in enumerate(answers)]
        [result] = compose(seats, [ScopeSpec("Board", "board", frozenset({1}))], POLICY)
        for measure, figures in zip(MEASURES, result.measures, strict=True):
            judged = [measure.judge(a) for a in answers]
            true_declared = sum(d for d, _ in judged)
            true_count = sum(h for _, h in judged)
            for shown, truth in ((figures.declared, true_declared), (figures.count, true_count)):
                lo, hi = interval(shown.value)
                assert lo <= truth <= hi, (shown, truth)


def test_reviewers_cannot_open_the_board_composition_report(
    app: Flask, client: FlaskClient, reviewer: object
) -> None:
    from tests.conftest import sign_in

    sign_in(client, reviewer)  # type: ignore[arg-type]
    assert client.get("/team/reports/boards").status_code == 403
    assert client.get("/team/reports/boards/download.csv").status_code == 403
