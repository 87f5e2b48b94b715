"""The database side of reporting: stages from history, answers by HMAC key, scopes."""

from __future__ import annotations

from collections import Counter
from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest

from nedmatch.diversity import (
    DisclosurePolicy,
    MonitoringRecord,
    Scope,
    answer_for,
    build_report,
    count_records,
)
from nedmatch.diversity.columns import row_keys
from nedmatch.diversity.records import STAGE_INDEX, STAGES, report_questions
from nedmatch.diversity.synthetic import synthetic_records
from nedmatch.extensions import db
from nedmatch.models import Application, Candidate
from nedmatch.services import matching, reporting
from nedmatch.services.applications import monitoring
from nedmatch.services.reporting import records as reporting_records

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
    scanned = reporting.monitoring_columns(Scope())
    monkeypatch.setattr(reporting_records, "SCAN_SHARE", 0)  # never scan: look keys up in chunks
    monkeypatch.setattr(reporting_records, "KEY_CHUNK", 3)
    chunked = reporting.monitoring_columns(Scope())
    assert np.array_equal(scanned.stages, chunked.stages)
    assert np.array_equal(scanned.first_of_person, chunked.first_of_person)
    assert scanned.codes.keys() == chunked.codes.keys()
    for question in scanned.codes:
        assert np.array_equal(scanned.codes[question], chunked.codes[question]), question
    female = row_keys("sex").index("female")
    assert int((scanned.codes["sex"] == female).sum()) == 14


def test_answers_by_candidate_reads_back_what_was_saved(campaign: Campaign) -> None:
    ids = [a.candidate_id for a in campaign.vacancy.applications if a.stage != "draft"]
    answers = reporting.answers_by_candidate(ids)
    assert sum(1 for a in answers.values() if a.get("sex") == "female") == 10
    assert set(answers) <= set(ids)


def _records_through_the_models(scope: Scope) -> list[MonitoringRecord]:
    """The campaign as records, read one object at a time through the ORM: the slow,
    obvious way, to check the columns the reporting service builds in bulk."""
    rank = reporting.STAGE_INDEX
    records = []
    applied: set[int] = set()
    for application in db.session.execute(db.select(Application)).scalars():
        if application.stage == "draft":
            continue
        applied.add(application.candidate_id)
        history = [rank.get(change.to_stage, 0) for change in application.stage_changes]
        furthest = max([rank.get(application.stage, 0), *history, reporting.APPLIED])
        records.append(
            MonitoringRecord(
                furthest_stage=STAGES[furthest],
                answers=monitoring.answers_for(application.candidate_id),
                vacancy_id=application.vacancy_id,
                organisation_id=application.vacancy.organisation_id,
                region=application.vacancy.organisation.region,
                applied_on=application.submitted_at.date() if application.submitted_at else None,
                candidate_id=application.candidate_id,
            )
        )
    for candidate in db.session.execute(db.select(Candidate)).scalars():
        if candidate.in_pool and candidate.id not in applied:
            records.append(
                MonitoringRecord(
                    furthest_stage="pool",
                    answers=monitoring.answers_for(candidate.id),
                    region=candidate.region,
                    candidate_id=candidate.id,
                )
            )
    return records


@pytest.mark.parametrize("scope_name", ["pool", "vacancy", "organisation", "region", "dates"])
def test_the_database_path_agrees_with_records_built_one_by_one(
    campaign: Campaign, scope_name: str
) -> None:
    scope = {
        "pool": Scope(),
        "vacancy": Scope(vacancy_id=campaign.vacancy.id),
        "organisation": Scope(organisation_id=campaign.other.organisation_id),
        "region": Scope(region="london"),
        "dates": Scope(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)),
    }[scope_name]
    from_database = reporting.diversity_report(scope, EVERYTHING)
    one_by_one = build_report(
        _records_through_the_models(scope),
        scope=scope,
        policy=EVERYTHING,
        reference=reporting.current_reference(),
    )
    assert from_database.tables == one_by_one.tables
    assert from_database.impact == one_by_one.impact


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


def test_the_model_audit_shows_applicants_as_the_vacancy_report_does(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit's ranked column is the report's Applied column, figure for figure, even
    when the model has not yet seen every applicant (they are ranked outside the top)."""
    applicants = matching.applicant_ids(campaign.vacancy)
    seen = applicants[1:]  # the model has not seen the first applicant yet
    monkeypatch.setattr(
        matching,
        "rank_applicants",
        lambda vacancy, top_k=50: [
            SimpleNamespace(candidate_id=c, rank=i + 1) for i, c in enumerate(seen)
        ],
    )
    monkeypatch.setattr(matching, "rank_pool", lambda vacancy, top_k=50: [])
    policy = DisclosurePolicy(threshold=5)
    result = reporting.model_audit(campaign.vacancy, 5, policy)
    report = reporting.diversity_report(Scope(vacancy_id=campaign.vacancy.id), policy)
    assert result.applicants is not None and result.applicants.ranked == len(applicants)
    for table in result.applicants.tables:
        for row in table.rows:
            applied = report.table(table.question).row(row.key).cells["applied"].count
            assert row.cells["ranked"].count == applied, (table.question, row.key)
    assert report.table("sex").row("female").cells["applied"].count.value == 10
