"""Journeys and conversion on known data: the counts at each step and the rate of each
transition for people with and without a characteristic, small counts never shown, and
the sentence on the chairs' gap (narrowing, not narrowing, or too small to say)."""

from __future__ import annotations

import pytest

from nedmatch.diversity import DisclosurePolicy
from nedmatch.diversity.journeys import Journey, journey_report, journeys_to_csv

EXACT = DisclosurePolicy(threshold=5, method="suppress")  # counts of 5 and over as they are
CELL_KEY = DisclosurePolicy(threshold=5, method="cell-key")
MINORITY = {"ethnicity": "pakistani", "sex": "female", "disability": "no"}
WHITE = {"ethnicity": "white-british", "sex": "male", "disability": "no"}


def people(
    answers: dict[str, str],
    tag: str,
    *,
    total: int,
    placed: int,
    ned: int,
    placed_ned: int,
    chair: int,
) -> list[Journey]:
    """``total`` people; the first ``placed`` placed; of them the first ``placed_ned`` also
    appointed non-executive; then more non-executives up to ``ned``; the first ``chair`` of
    the non-executives later chair."""
    out = []
    neds = list(range(placed - placed_ned, placed)) + list(range(placed, placed + ned - placed_ned))
    for i in range(total):
        steps = {"pool"}
        if i < placed:
            steps.add("placement")
        if i in neds:
            steps.add("ned")
            if neds.index(i) < chair:
                steps.add("chair")
        out.append(Journey(f"{tag}-{i}", answers, frozenset(steps)))
    return out


def test_counts_and_rates_on_known_data() -> None:
    crowd = people(MINORITY, "m", total=60, placed=20, ned=15, placed_ned=10, chair=5)
    crowd += people(WHITE, "w", total=140, placed=10, ned=40, placed_ned=5, chair=15)
    report = journey_report(crowd, EXACT)
    minority = next(m for m in report.measures if m.measure.slug == "minority_ethnic")
    counts = {step: c.value for step, c in minority.having.counts.items()}
    assert counts == {"pool": 60, "placement": 20, "ned": 15, "chair": 5}
    assert minority.having.rates == pytest.approx(
        {
            "Pool to placement": 100 * 20 / 60,
            "Pool to non-executive": 100 * 15 / 60,
            "Placement to non-executive": 100 * 10 / 20,
            "Non-executive to chair": 100 * 5 / 15,
        }
    )
    assert minority.others.rates["Non-executive to chair"] == pytest.approx(100 * 15 / 40)
    assert minority.four_fifths["Non-executive to chair"] == pytest.approx((5 / 15) / (15 / 40))
    assert report.everyone.counts["pool"].value == 200
    # 30% of the pool, 25% of chairs; 67% of placements and 27% of non-executives.
    assert report.chairs_gap == (
        "People from minority ethnic groups are 30% of the pool who declared, 67% of "
        "placements and 27% of non-executive appointments, and 25% of chairs appointed. "
        "The gap of 5 points is narrowing: those coming through are more diverse than the "
        "chairs, and they become chairs at a rate within four-fifths of everyone else's."
    )


def test_the_gap_is_not_narrowing_when_few_non_executives_become_chairs() -> None:
    crowd = people(MINORITY, "m", total=60, placed=20, ned=15, placed_ned=10, chair=5)
    crowd += people(WHITE, "w", total=140, placed=10, ned=40, placed_ned=5, chair=35)
    report = journey_report(crowd, EXACT)
    assert report.chairs_gap.endswith(
        "is not narrowing: they become chairs at less than four-fifths of everyone else's rate."
    )


def test_too_few_chairs_to_say() -> None:
    crowd = people(MINORITY, "m", total=60, placed=20, ned=15, placed_ned=10, chair=2)
    crowd += people(WHITE, "w", total=140, placed=10, ned=40, placed_ned=5, chair=15)
    report = journey_report(crowd, EXACT)
    assert report.chairs_gap.startswith("Too few chairs and non-executives have been appointed")


def test_no_small_count_is_shown_and_rates_need_both_counts() -> None:
    crowd = people(MINORITY, "m", total=60, placed=3, ned=4, placed_ned=1, chair=1)
    crowd += people(WHITE, "w", total=140, placed=10, ned=40, placed_ned=5, chair=15)
    report = journey_report(crowd, CELL_KEY)
    minority = next(m for m in report.measures if m.measure.slug == "minority_ethnic")
    for step in ("placement", "ned", "chair"):
        assert minority.having.counts[step].small and minority.having.counts[step].value is None
    assert all(rate is None for rate in minority.having.rates.values())
    for group in [report.everyone] + [g for m in report.measures for g in (m.having, m.others)]:
        for shown in group.counts.values():
            assert shown.value is None or shown.value >= 5
            assert shown.value is None or shown.value % 5 == 0  # noise, then rounding
    csv = journeys_to_csv(report, CELL_KEY).decode("utf-8-sig")
    assert "From a minority ethnic group,60,<5,<5,<5" in csv


def test_a_step_counts_towards_a_conversion_only_when_it_came_after() -> None:
    """Ten placed and then appointed, ten appointed before their placement: only the first
    ten are placements that led to an appointment."""
    after = [
        Journey(
            f"a{i}",
            WHITE,
            frozenset({"pool", "placement", "ned"}),
            frozenset({("placement", "ned")}),
        )
        for i in range(10)
    ]
    before = [
        Journey(f"b{i}", WHITE, frozenset({"pool", "placement", "ned"}), frozenset())
        for i in range(10)
    ]
    report = journey_report(after + before, EXACT)
    assert report.everyone.counts["placement"].value == 20
    assert report.everyone.rates["Placement to non-executive"] == pytest.approx(50.0)
    assert report.everyone.rates["Pool to non-executive"] == pytest.approx(100.0)
