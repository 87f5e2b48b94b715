"""Erasing a person leaves nothing that names them, anywhere, and no report changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.diversity import DisclosurePolicy, Scope
from nedmatch.extensions import db
from nedmatch.matching.registry import ModelRegistry
from nedmatch.models import (
    Application,
    ApplicationNote,
    Candidate,
    CandidateReading,
    EligibilityDeclaration,
    Invitation,
    MonitoringResponse,
    PanelScore,
    Vacancy,
)
from nedmatch.services import matching, reporting
from nedmatch.services.applications import monitoring
from nedmatch.services.privacy import erasure
from tests.reports.conftest import people

from .conftest import EQUALITY, Person, QuietReporter, found_anywhere

POLICY = DisclosurePolicy(threshold=2)


def _figures(scope: Scope) -> tuple[Any, ...]:
    """Every published figure of the report for a scope."""
    report = reporting.diversity_report(scope, POLICY)
    return (
        report.stage_totals,
        report.tables,
        report.impact,
        report.relative_likelihood,
        report.benchmarks,
    )


def _all_scopes(vacancy: Vacancy) -> list[Scope]:
    return [
        Scope(),
        Scope(vacancy_id=vacancy.id),
        Scope(organisation_id=vacancy.organisation_id),
        Scope(region="north-east-and-yorkshire"),
    ]


def _campaign(vacancy: Vacancy) -> None:
    """Other people in the same campaign and pool, so the reports have something to say."""
    female, male = {"sex": "female"}, {"sex": "male"}
    people(3, vacancy, "shortlisted", "rejected", female)
    people(3, vacancy, "longlisted", "rejected", male)
    people(2, vacancy, "appointed", None, male)
    people(2, None, None, answers=female)
    db.session.commit()


def test_erasing_a_person_leaves_no_trace_and_reports_agree(
    app: Flask, person: Person, vacancy: Vacancy, model_folder: Path
) -> None:
    _campaign(vacancy)
    matching.fit(QuietReporter())
    assert person.candidate_id in ModelRegistry(model_folder).load().index_
    # Before: the person is everywhere we expect, so the search below can find them.
    before_search = found_anywhere(app, person.needles())
    assert f"database: {person.cv_text}" in before_search
    assert f"pool.json: {person.needles()[-2]}" in before_search  # the model's copy
    # The profile as the model read it is stored (compressed) for the next refit, and the
    # search above looks inside it too.
    assert db.session.get(CandidateReading, person.candidate_id) is not None
    scopes = _all_scopes(vacancy)
    before = [_figures(scope) for scope in scopes]

    candidate = db.session.get(Candidate, person.candidate_id)
    erasure.erase_candidate(candidate, "system:test", "Asked by letter")
    db.session.commit()
    db.session.expire_all()

    assert found_anywhere(app, person.needles()) == []
    assert [_figures(scope) for scope in scopes] == before
    # What stays: one anonymous record of the stages, and the monitoring answers.
    [application] = (
        db.session.execute(
            db.select(Application).where(Application.candidate_id == person.candidate_id)
        )
        .scalars()
        .all()
    )
    assert application.stage == "rejected" and application.statement == ""
    assert [c.to_stage for c in application.stage_changes] == ["applied", "longlisted", "rejected"]
    assert all(c.reason == "" for c in application.stage_changes)
    assert application.reference != person.reference
    assert monitoring.answers_for(person.candidate_id) == EQUALITY
    # What goes: everything else held about them.
    tombstone = db.session.get(Candidate, person.candidate_id)
    assert tombstone.email.startswith("erased-") and tombstone.email.endswith("@invalid")
    assert not tombstone.in_pool and tombstone.erased_at is not None
    assert tombstone.cv is None
    assert db.session.get(CandidateReading, person.candidate_id) is None
    assert not Path(app.config["UPLOAD_FOLDER"], person.storage_name).exists()
    for model in (ApplicationNote, EligibilityDeclaration, Invitation):
        assert db.session.execute(db.select(model)).first() is None
    assert db.session.execute(db.select(PanelScore.comment)).scalar_one() == ""
    # And the model forgot them, in this process and on disk.
    matching.forget(app)
    assert person.candidate_id not in ModelRegistry(model_folder).load().index_


def test_erasing_a_pool_member_who_never_applied_leaves_the_pool_counts_alone(
    app: Flask, vacancy: Vacancy
) -> None:
    _campaign(vacancy)
    [member] = people(1, None, None, answers={"sex": "male"}, region="london")
    db.session.commit()
    scopes = [*_all_scopes(vacancy), Scope(region="london")]
    before = [_figures(scope) for scope in scopes]

    erasure.erase_candidate(member, "system:test", "Asked by phone")
    db.session.commit()

    assert [_figures(scope) for scope in scopes] == before
    assert db.session.get(Candidate, member.id).erased_from_pool


def test_someone_who_never_counted_loses_their_answers_too(
    app: Flask, client: FlaskClient, vacancy: Vacancy
) -> None:
    client.post(f"/vacancies/{vacancy.id}/apply", data={"email": "drafter@example.com"})
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    monitoring.save_answers(candidate.id, {"sex": "male"})
    db.session.commit()

    erasure.erase_candidate(candidate, "system:test", "Asked")
    db.session.commit()

    assert db.session.execute(db.select(MonitoringResponse)).first() is None
    assert db.session.execute(db.select(Application)).first() is None  # the draft went


def test_an_appointment_is_kept_as_a_public_record(app: Flask, vacancy: Vacancy) -> None:
    [appointee] = people(1, vacancy, "appointed", None, {"sex": "female"})
    [other] = people(1, None, None)  # (another pool member, untouched)
    appointee.career_summary = "Twenty years in housing finance."
    db.session.commit()

    result = erasure.erase_candidate(appointee, "system:test", "Asked")
    db.session.commit()

    kept = db.session.get(Candidate, appointee.id)
    assert not result.full
    assert kept.last_name.startswith("Person") and kept.erased_at is None
    assert kept.career_summary == "" and not kept.in_pool
    assert kept.applications[0].stage == "appointed"
    assert db.session.get(Candidate, other.id).in_pool


def test_erasing_twice_is_refused(app: Flask, vacancy: Vacancy) -> None:
    [member] = people(1, None, None)
    erasure.erase_candidate(member, "system:test", "Asked")
    db.session.commit()

    try:
        erasure.erase_candidate(member, "system:test", "Asked")
    except erasure.ErasureError as error:
        assert "already" in str(error)
    else:
        raise AssertionError("a second erasure went ahead")
