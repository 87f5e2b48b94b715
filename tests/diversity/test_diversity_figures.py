"""Figures checked against a hand-computed example, scopes, and derived questions."""

from __future__ import annotations

from datetime import date

import pytest

from nedmatch.diversity import MonitoringRecord, Scope, build_report, count_records
from nedmatch.diversity.records import answer_for


def test_counts_follow_each_person_to_their_furthest_stage(hand_example):
    raw = count_records(hand_example, ["sex"])
    sex = raw.counts["sex"]
    assert sex["female"] == [30, 25, 15, 15, 5, 5]
    assert sex["male"] == [25, 20, 5, 5, 0, 0]
    assert sex["prefer-not-to-say"] == [5, 5, 0, 0, 0, 0]
    assert sex["not-declared"] == [5, 5, 0, 0, 0, 0]
    assert raw.totals == [65, 55, 20, 20, 5, 5]


def test_percentages_and_declaration_rate_match_hand_computation(hand_example):
    report = build_report(hand_example, questions=["sex"])
    table = report.table("sex")
    applied_female = table.row("female").cells["applied"]
    assert applied_female.count.value == 25
    assert applied_female.percent == pytest.approx(100 * 25 / 55)  # of everyone applying
    assert applied_female.percent_of_declared == pytest.approx(100 * 25 / 45)  # of 25 + 20
    assert table.row("prefer-not-to-say").cells["applied"].percent == pytest.approx(100 * 5 / 55)
    assert table.row("not-declared").cells["pool"].count.value == 5
    assert table.declaration_rate("applied") == pytest.approx(100 * 45 / 55)
    assert table.declaration_rate("shortlisted") == pytest.approx(100.0)
    assert report.stage_totals == {
        "pool": 65,
        "applied": 55,
        "longlisted": 20,
        "shortlisted": 20,
        "interviewed": 5,
        "appointed": 5,
    }
    # No count here is between 1 and 4, so nothing is withheld.
    assert not any(c.count.hidden for r in table.rows for c in r.cells.values())


def test_pool_counts_a_person_once_across_campaigns():
    records = [
        MonitoringRecord("applied", {"sex": "female"}, vacancy_id="A", candidate_id=1),
        MonitoringRecord("shortlisted", {"sex": "female"}, vacancy_id="B", candidate_id=1),
        MonitoringRecord("pool", {"sex": "male"}, candidate_id=2),
    ]
    raw = count_records(records, ["sex"])
    assert raw.counts["sex"]["female"][:4] == [1, 2, 1, 1]
    assert raw.totals[0] == 2
    assert raw.pool_nested is False


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(), 4),
        (Scope(vacancy_id="A"), 1),
        (Scope(organisation_id="O2"), 2),
        (Scope(region="london"), 2),
        (Scope(date_from=date(2025, 2, 1), date_to=date(2025, 3, 31)), 2),
    ],
)
def test_scopes_select_the_right_records(scope, expected):
    records = [
        MonitoringRecord("applied", {}, "A", "O1", "london", date(2025, 1, 5), 1),
        MonitoringRecord("applied", {}, "B", "O2", "london", date(2025, 2, 5), 2),
        MonitoringRecord("appointed", {}, "C", "O2", "north-west", date(2025, 3, 5), 3),
        MonitoringRecord("pool", {}, None, None, "north-west", None, 4),
    ]
    report = build_report(records, scope=scope, questions=["sex"])
    assert report.stage_totals["pool"] == expected


def test_date_range_must_run_forwards():
    with pytest.raises(ValueError, match="start date"):
        Scope(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1))


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="Unknown stage"):
        MonitoringRecord("sifted", {})


@pytest.mark.parametrize(
    ("answers", "question", "expected"),
    [
        ({"ethnicity": "caribbean"}, "ethnic_group", "black"),
        ({"ethnicity": "roma"}, "ethnic_group", "white"),
        ({"ethnicity": "prefer-not-to-say"}, "ethnic_group", "prefer-not-to-say"),
        ({}, "ethnic_group", "not-declared"),
        ({"parent_occupation": "routine"}, "ses_background", "working-class"),
        ({"parent_occupation": "dont-know"}, "ses_background", "unclassified"),
        ({"sex": "not-an-option"}, "sex", "not-declared"),
    ],
)
def test_answers_map_to_report_rows(answers, question, expected):
    assert answer_for(answers, question) == expected


def test_ethnic_groups_add_up_to_their_options(records_factory):
    records = (
        records_factory("applied", 6, 0, ethnicity="african")
        + records_factory("applied", 7, 100, ethnicity="caribbean")
        + records_factory("applied", 9, 200, ethnicity="white-british")
    )
    report = build_report(records, questions=["ethnicity", "ethnic_group"])
    groups = report.table("ethnic_group")
    assert groups.row("black").cells["applied"].count.value == 13
    assert groups.row("white").cells["applied"].count.value == 9
    assert groups.row("black").cells["applied"].percent_of_declared == pytest.approx(100 * 13 / 22)
