"""The database side of reporting: stages from history, answers by HMAC key, scopes."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from nedmatch.diversity import DisclosurePolicy, Scope, answer_for, count_records
from nedmatch.diversity.records import STAGE_INDEX, STAGES, report_questions
from nedmatch.diversity.synthetic import synthetic_records
from nedmatch.services import reporting

from .conftest import Campaign

EVERYTHING = DisclosurePolicy(threshold=2)  # every count here is 0 or 2 and over


def sex_counts(scope: Scope) -> dict[str, list[int | None]]:
    report = reporting.diversity_report(scope, EVERYTHING)
    table = report.table("sex")
    return {
        row: [table.row(row).cells[stage].count.value for stage in STAGES]
        for row in ("female", "male", "total")
    }


def test_a_campaign_counted_by_hand(campaign: Campaign) -> None:
    counts = sex_counts(Scope(vacancy_id=campaign.vacancy.id))
    # pool, applied, longlisted, shortlisted, interviewed, appointed
    assert counts["female"] == [10, 10, 4, 4, 2, 2]
    assert counts["male"] == [7, 7, 7, 2, 2, 0]
    assert counts["total"] == [17, 17, 11, 6, 4, 2]


def test_the_whole_pool_adds_people_who_have_not_applied(campaign: Campaign) -> None:
    counts = sex_counts(Scope())
    assert counts["female"] == [14, 14, 4, 4, 2, 2]
    assert counts["male"] == [10, 7, 7, 2, 2, 0]


def test_scopes_by_organisation_region_and_dates(campaign: Campaign) -> None:
    other = campaign.other
    assert sex_counts(Scope(organisation_id=other.organisation_id))["total"][:2] == [4, 4]
    # London: the other vacancy's 4 applicants and the 3 pool members who live there.
    london = sex_counts(Scope(region="london"))
    assert london["female"][:2] == [4, 4]
    assert london["male"][:2] == [3, 0]
    in_2025 = sex_counts(Scope(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)))
    assert in_2025["total"][:2] == [17, 17]
    on_the_day = sex_counts(Scope(date_from=date(2025, 5, 1), date_to=date(2025, 5, 1)))
    assert on_the_day["total"][:2] == [17, 17]
    assert sex_counts(Scope(date_to=date(2024, 12, 31)))["total"][:2] == [4, 4]


def test_records_do_not_depend_on_how_answers_are_fetched(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned = reporting.monitoring_records(Scope())
    monkeypatch.setattr(reporting, "SCAN_SHARE", 0)  # never scan: look keys up in chunks
    monkeypatch.setattr(reporting, "KEY_CHUNK", 3)
    chunked = reporting.monitoring_records(Scope())
    key = lambda r: (r.candidate_id, r.vacancy_id)  # noqa: E731
    assert sorted(map(key, scanned)) == sorted(map(key, chunked))
    assert {key(r): dict(r.answers) for r in scanned} == {key(r): dict(r.answers) for r in chunked}
    assert sum(1 for r in scanned if r.answers.get("sex") == "female") == 14


def test_counting_agrees_with_answer_for() -> None:
    """count_records tallies through lookup tables; they must say what answer_for says."""
    records = synthetic_records(400, seed=7)
    raw = count_records(records)
    seen: set[object] = set()
    for question in report_questions():
        expected: Counter[tuple[str, int]] = Counter()
        seen.clear()
        for record in records:
            row = answer_for(record.answers, question)
            if record.candidate_id not in seen:
                expected[(row, 0)] += 1
                seen.add(record.candidate_id)
            for i in range(1, STAGE_INDEX[record.furthest_stage] + 1):
                expected[(row, i)] += 1
        got = {(row, i): n for row, ns in raw.counts[question].items() for i, n in enumerate(ns)}
        assert {k: v for k, v in got.items() if v} == dict(expected), question
