"""Reports protected together with the fixed reports inside them (diversity.linked).

The attacker downloads a financial year and its busy quarter: they differ by one person,
who applied in another quarter. With cell-key noise of at most 2 on each side, some
draws of the record keys let the difference of one row be explained only by that person
being in it. The draw below is one the attacker's solver found (seed 80 of 600 searched,
without linking); the tests show it pins an answer when the reports are protected one
at a time, and not when each is protected with the reports inside it.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import numpy as np
import pytest

from nedmatch.diversity import DisclosurePolicy, Scope, report_from_columns
from nedmatch.diversity.columns import columns_from_records
from nedmatch.diversity.linked import near_masks, publish_linked
from nedmatch.diversity.records import MonitoringRecord, filter_records, report_questions
from tests.privacy.attacks.conftest import random_answers
from tests.privacy.attacks.solver import Publication, interval, recovered

POLICY = DisclosurePolicy(method="cell-key")
STAGES_REACHED = ("applied", "applied", "applied", "longlisted", "longlisted", "shortlisted")
YEAR = Scope(date_from=date(2025, 4, 1), date_to=date(2026, 3, 31))
BUSY_QUARTER = Scope(date_from=date(2025, 4, 1), date_to=date(2025, 6, 30))


def year_and_quarter(seed: int) -> tuple[list[MonitoringRecord], dict[str, str]]:
    """24 people who applied in May and one, the target, who applied in August."""
    rng = random.Random(seed)
    records = [
        MonitoringRecord(
            rng.choice(STAGES_REACHED),
            random_answers(rng),
            vacancy_id=1,
            organisation_id=1,
            region="london",
            applied_on=date(2025, 5, 6),
            candidate_id=seed * 1000 + i,
        )
        for i in range(24)
    ]
    truth = random_answers(rng)
    records.append(
        MonitoringRecord(
            "applied",
            truth,
            vacancy_id=1,
            organisation_id=1,
            region="london",
            applied_on=date(2025, 8, 12),
            candidate_id=seed * 1000 + 999,
        )
    )
    return records, truth


def figures(records: list[MonitoringRecord], scope: Scope, linked: bool) -> dict:
    columns = columns_from_records(filter_records(records, scope))
    if not linked:
        columns = dataclasses.replace(columns, places=None)
    report = report_from_columns(columns, scope=scope, policy=POLICY)
    return {
        (table.question, row.key, stage): interval(cell.count.display(POLICY), row.key)
        for table in report.tables
        for row in table.rows
        for stage, cell in row.cells.items()
    }


def attack(seed: int, linked: bool) -> dict[str, list[str]]:
    records, truth = year_and_quarter(seed)
    year = Publication(figures(records, YEAR, linked), {"target": frozenset({"pool", "applied"})})
    quarter = Publication(figures(records, BUSY_QUARTER, linked), {})
    return recovered([year, quarter], "target", truth)


def test_one_report_at_a_time_gives_the_target_away() -> None:
    """The weakness, shown on the draw that exposed it: without linking the solver pins
    the target's sex from the year minus the quarter."""
    assert attack(80, linked=False) == {"sex": ["female"]}


@pytest.mark.parametrize("seed", [80, 3, 17, 41])
def test_reports_protected_with_the_reports_inside_them(seed: int) -> None:
    assert attack(seed, linked=True) == {}


def test_the_busy_quarter_is_found_inside_the_year() -> None:
    records, _ = year_and_quarter(80)
    columns = columns_from_records(filter_records(records, YEAR))
    masks = near_masks(columns, POLICY)
    # Inside the year: the quarters (May's 24 people; August's one is too small to
    # show figures) and the vacancy, organisation and region, which are the year itself.
    assert [int(mask.sum()) for mask in masks] == [24]
    assert not masks[0][-1]  # the target, who applied in August, is the difference


def test_the_figures_audited_are_the_figures_published() -> None:
    """The quarter's figures used in the year's audit are exactly what the quarter's
    own report publishes, so the audit is about what a reader can download."""
    records, _ = year_and_quarter(80)
    questions = list(report_questions())
    year = columns_from_records(filter_records(records, YEAR))
    quarter = columns_from_records(filter_records(records, BUSY_QUARTER))
    inner = year.subset(near_masks(year, POLICY)[0])
    assert np.array_equal(np.sort(inner.record_keys), np.sort(quarter.record_keys))
    _, own = publish_linked(quarter, POLICY, questions)
    _, as_part = publish_linked(inner, POLICY, questions)
    assert own == as_part


def test_the_same_figures_every_time() -> None:
    records, _ = year_and_quarter(80)
    assert figures(records, YEAR, linked=True) == figures(records, YEAR, linked=True)


def test_a_subset_counts_each_person_once_in_the_pool_column() -> None:
    records = [
        MonitoringRecord("applied", {"sex": "female"}, 1, 1, "london", date(2025, 5, 1), 7),
        MonitoringRecord("applied", {"sex": "female"}, 2, 1, "london", date(2025, 9, 1), 7),
        MonitoringRecord("pool", {"sex": "male"}, None, None, "london", None, 8),
    ]
    columns = columns_from_records(records)
    autumn = columns.subset(np.array([False, True, False]))
    assert autumn.first_of_person.tolist() == [True]
    both = columns.subset(np.array([True, True, False]))
    assert both.first_of_person.tolist() == [True, False]
