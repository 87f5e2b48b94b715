"""Cell-key perturbation and a disclosure audit that cannot fail into a 500 (issue 11,
items 2 and 13), at the function level."""

from __future__ import annotations

import random
from collections import Counter
from types import SimpleNamespace

import pytest

from nedmatch.diversity import MonitoringRecord, count_records, protection, publish_tables
from nedmatch.diversity.disclosure import (
    CELL_KEYS,
    NOISE_PROBABILITIES,
    DisclosurePolicy,
    perturbation_row,
)
from nedmatch.diversity.records import STAGES

CELL_KEY = DisclosurePolicy(threshold=5, method="cell-key")


def records(seed: int, size: int, prefix: str = "p") -> list[MonitoringRecord]:
    rng = random.Random(seed)
    return [
        MonitoringRecord(
            rng.choice(STAGES[1:]),
            {"sex": rng.choice(["female", "male"]), "age_band": rng.choice(["35-44", "45-54"])},
            candidate_id=f"{prefix}{i}",
        )
        for i in range(size)
    ]


def shown(recs: list[MonitoringRecord], policy: DisclosurePolicy = CELL_KEY) -> dict:
    _, cells = publish_tables(count_records(recs, ["sex", "age_band"]), policy, ["sex", "age_band"])
    return {cell: (s.value, s.small, s.suppressed) for cell, s in cells.items()}


def test_the_perturbation_table_has_the_published_probabilities() -> None:
    row = perturbation_row()
    assert len(row) == CELL_KEYS
    counts = Counter(row)
    for noise, probability in NOISE_PROBABILITIES.items():
        assert abs(counts[noise] / CELL_KEYS - probability) <= 1 / CELL_KEYS


def test_the_same_people_get_the_same_figures_in_any_order() -> None:
    people = records(1, 60)
    shuffled = list(people)
    random.Random(2).shuffle(shuffled)
    assert shown(people) == shown(shuffled)


def test_below_the_threshold_zero_included_is_fewer_than_n_and_totals_are_exact() -> None:
    people = records(3, 40)
    raw = count_records(people, ["sex"])
    tables, _ = publish_tables(raw, CELL_KEY, ["sex"])
    for row in tables[0].rows:
        for i, stage in enumerate(STAGES):
            count = row.cells[stage].count
            if row.key == "total":
                assert count.value == raw.totals[i] and count.exact
                continue
            true = (
                raw.counts["sex"][row.key][i]
                if row.key in raw.counts["sex"]
                else sum(raw.counts["sex"][o][i] for o in ("female", "male"))
            )
            if true < 5:
                assert count.small and count.display(CELL_KEY) == "<5"
            elif count.value is not None:
                assert abs(count.value - true) <= 2 and count.value >= 5


def test_one_more_person_gives_the_column_fresh_noise() -> None:
    """Which cells changed must not point at the person who joined: every cell key of the
    column they joined changes."""
    people = records(4, 80)
    newcomer = MonitoringRecord(
        "applied", {"sex": "female", "age_band": "35-44"}, candidate_id="new"
    )
    keys = []
    for recs in (people, [*people, newcomer]):
        raw = count_records(recs, ["sex"])
        from nedmatch.diversity.tables import build_system

        keys.append(build_system(raw, ["sex"]).keys)
    changed = [cell for cell in keys[0] if cell[2] == "applied" and keys[0][cell] != keys[1][cell]]
    applied = [cell for cell in keys[0] if cell[2] == "applied" and cell[0] != "*"]
    # Every cell of the column changed key (a key collision is 1 in 256 per cell).
    assert len(changed) >= len(applied) - 1


def test_round_with_threshold_2_no_longer_fails() -> None:
    """The inputs that gave "Disclosure audit failed to solve: infeasible" (a count of 2
    rounded to 0 was read as exactly 0)."""
    rng = random.Random(0)
    answers = ["female", "male", "female", "male", "intersex"]
    recs = [
        MonitoringRecord(
            rng.choice(STAGES[1:]),
            {"sex": rng.choice(answers)} if rng.random() < 0.9 else {},
            candidate_id=i,
        )
        for i in range(rng.randint(2, 30))
    ]
    tables, _ = publish_tables(
        count_records(recs, ["sex"]), DisclosurePolicy(threshold=2, method="round"), ["sex"]
    )
    assert not tables[0].unprotected


def test_an_audit_that_cannot_solve_withholds_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> SimpleNamespace:
        return SimpleNamespace(status=2, message="The problem is infeasible.", x=None)

    monkeypatch.setattr(protection, "linprog", failing)
    raw = count_records(records(5, 30), ["sex"])
    tables, cells = publish_tables(raw, CELL_KEY, ["sex"])
    table = tables[0]
    assert table.unprotected
    for row in table.rows:
        for stage in STAGES:
            count = row.cells[stage].count
            if row.key == "total":
                assert count.exact
            else:
                assert count.hidden and count.unprotected and count.display(CELL_KEY) == "[c]"
