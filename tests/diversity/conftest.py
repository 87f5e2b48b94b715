"""Fixtures for the diversity reporting tests: small hand-made record sets and a factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nedmatch.diversity import MonitoringRecord


def make_records(
    furthest: str,
    count: int,
    start_id: int,
    vacancy: str | None = "V1",
    **answers: str,
) -> list[MonitoringRecord]:
    """``count`` identical records, each a different person."""
    return [
        MonitoringRecord(
            furthest_stage=furthest,
            answers=dict(answers),
            vacancy_id=vacancy if furthest != "pool" else None,
            organisation_id="O1" if furthest != "pool" else None,
            region="london",
            applied_on=date(2025, 5, 1) if furthest != "pool" else None,
            candidate_id=start_id + i,
        )
        for i in range(count)
    ]


@pytest.fixture
def records_factory() -> Callable[..., list[MonitoringRecord]]:
    return make_records


@pytest.fixture
def hand_example() -> list[MonitoringRecord]:
    """A campaign small enough to count by hand, with every count 0 or 5 and over so
    nothing is suppressed at the default threshold.

    Sex, by furthest stage reached:
      pool only: 5 female, 5 male
      applied:  10 female, 15 male, 5 prefer not to say, 5 not declared
      shortlisted: 10 female, 5 male
      appointed: 5 female
    Counting each person at every stage up to their furthest one:
      pool        female 30, male 25, PNTS 5, ND 5, total 65
      applied     female 25, male 20, PNTS 5, ND 5, total 55
      longlisted  female 15, male 5, total 20 (shortlisted and appointed people)
      shortlisted female 15, male 5, total 20
      interviewed female 5, total 5
      appointed   female 5, total 5
    """
    rows = [
        ("pool", 5, {"sex": "female"}),
        ("pool", 5, {"sex": "male"}),
        ("applied", 10, {"sex": "female"}),
        ("applied", 15, {"sex": "male"}),
        ("applied", 5, {"sex": "prefer-not-to-say"}),
        ("applied", 5, {}),
        ("shortlisted", 10, {"sex": "female"}),
        ("shortlisted", 5, {"sex": "male"}),
        ("appointed", 5, {"sex": "female"}),
    ]
    records: list[MonitoringRecord] = []
    for furthest, count, answers in rows:
        records += make_records(furthest, count, len(records), **answers)
    return records
