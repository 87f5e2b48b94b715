"""Board composition, pure: counts under the disclosure policy, percentages only where
both counts are shown, nothing more with a characteristic than declared, and a group that
differs from a smaller published one by a few members withheld."""

from __future__ import annotations

import pytest

from nedmatch.diversity import DisclosurePolicy
from nedmatch.diversity.boards import (
    ScopeSpec,
    Seat,
    compose,
    composition_rows_for_test,
)

POLICY = DisclosurePolicy(threshold=5, method="cell-key")
WHITE = {"ethnicity": "white-british", "sex": "male", "disability": "no"}
ASIAN_WOMAN = {"ethnicity": "indian", "sex": "female", "disability": "no"}


def seats(organisation_id: int, answers: list[dict[str, str]], start: int = 0) -> list[Seat]:
    return [
        Seat(organisation_id, "london", False, f"person-{organisation_id}-{start + i}", a)
        for i, a in enumerate(answers)
    ]


def scope(label: str, *ids: int, kind: str = "board") -> ScopeSpec:
    return ScopeSpec(
        label, kind, frozenset(ids), {"minority_ethnic": 19.0}, {"minority_ethnic": 30.0}
    )


def test_small_counts_are_fewer_than_the_threshold_and_larger_ones_rounded() -> None:
    board = seats(1, [WHITE] * 8 + [ASIAN_WOMAN] * 3 + [{}])
    [result] = compose(board, [scope("A", 1)], POLICY)
    assert result.members == 12  # a board's size is public: shown exactly
    minority = result.measure("minority_ethnic")
    assert minority.count.small and minority.count.value is None
    assert minority.percent is None and minority.workforce_gap is None
    assert minority.declared.value is not None and minority.declared.value % 5 == 0
    assert abs(minority.declared.value - 11) <= 4
    assert minority.population_percent == 19.0 and minority.workforce_percent == 30.0


def test_percent_and_the_workforce_gap_where_both_counts_are_shown() -> None:
    board = seats(1, [WHITE] * 10 + [ASIAN_WOMAN] * 10)
    [result] = compose(board, [scope("A", 1)], POLICY)
    minority = result.measure("minority_ethnic")
    assert minority.count.value is not None and minority.declared.value is not None
    assert minority.percent == pytest.approx(100 * minority.count.value / minority.declared.value)
    assert minority.workforce_gap == pytest.approx(minority.percent - 30.0)


def test_never_more_with_a_characteristic_than_declared() -> None:
    for n in range(5, 40):
        board = seats(1, [ASIAN_WOMAN] * n, start=n * 100)
        [result] = compose(board, [scope("A", 1)], POLICY)
        for figures in result.measures:
            if figures.count.value is not None and figures.declared.value is not None:
                assert figures.count.value <= figures.declared.value
                assert figures.percent is None or figures.percent <= 100


def test_prefer_not_to_say_and_no_answer_are_not_declared() -> None:
    board = seats(
        1, [{"ethnicity": "prefer-not-to-say", "sex": "prefer-not-to-say"}] * 6 + [{}] * 6
    )
    [result] = compose(board, [scope("A", 1)], POLICY)
    assert all(f.declared.small for f in result.measures)


def test_a_group_a_few_members_larger_than_a_published_part_is_withheld() -> None:
    big = seats(1, [WHITE] * 12 + [ASIAN_WOMAN] * 8)
    small = seats(2, [ASIAN_WOMAN] * 3)
    region = scope("Region", 1, 2, kind="region")
    found = compose(big + small, [scope("A", 1), scope("B", 2), region], POLICY)
    a, b, r = found
    assert not a.withheld and r.withheld
    assert r.members == 23 and all(f.count.value is None for f in r.measures)
    # With a part as large as the threshold, nothing is withheld.
    wider = seats(2, [ASIAN_WOMAN] * 5)
    assert not compose(big + wider, [scope("A", 1), scope("B", 2), region], POLICY)[2].withheld


def test_the_csv_names_every_scope_and_measure_and_marks_withheld_groups() -> None:
    big = seats(1, [WHITE] * 12 + [ASIAN_WOMAN] * 8)
    small = seats(2, [ASIAN_WOMAN] * 3)
    found = compose(
        big + small, [scope("A", 1), scope("B", 2), scope("Region", 1, 2, kind="region")], POLICY
    )
    rows = composition_rows_for_test(found, POLICY)
    assert len(rows) == 9
    assert rows[-1][0] == "Region" and rows[-1][-1].startswith("Withheld")
    assert {row[5] for row in rows if row[0] == "B"} == {"<5"}
