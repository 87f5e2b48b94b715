"""The development pipeline: programmes and cohorts, people added by the address they use
with the service, a placement needing a host and a mentor and bringing its standard
milestones, aspiring chairs needing a nominating chair, near-miss offers only to those
interviewed and not appointed, their answers (the pool with consent), and the journeys
report for administrators only."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    AuditEvent,
    Candidate,
    Cohort,
    NearMissOffer,
    Participant,
    Programme,
    TeamUser,
    Vacancy,
)
from nedmatch.services.development import near_misses, programmes
from nedmatch.services.privacy import erasure
from nedmatch.services.privacy.export import candidate_data
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, make_applicant, set_stage
from tests.conftest import error_summary, page_text, sign_in
from tests.factories import make_organisation, make_vacancy

TODAY = date.today()


@pytest.fixture
def cohort(app: Flask) -> Cohort:
    programme = programmes.create_programme("test", "placement", "NExT Director placements", "")
    made = programmes.create_cohort(
        "test", programme, "2027 intake", date(2027, 1, 1), date(2027, 12, 31)
    )
    db.session.commit()
    return made


@pytest.fixture
def person(app: Flask) -> Candidate:
    vacancy = make_vacancy()
    application = make_applicant(vacancy, ACCOUNTANT)
    db.session.commit()
    return application.candidate


def test_programmes_and_cohorts_are_checked(client: FlaskClient, admin: TeamUser) -> None:
    sign_in(client, admin)
    missing = client.post("/team/development", data={"name": ""})
    assert [m for _, m in error_summary(missing)] == [
        "Choose the kind of programme",
        "Enter the programme's name",
    ]
    client.post("/team/development", data={"kind": "placement", "name": "Placements"})
    again = client.post("/team/development", data={"kind": "placement", "name": "placements"})
    assert any("already exists" in m for _, m in error_summary(again))
    programme = db.session.execute(db.select(Programme)).scalar_one()
    backwards = client.post(
        f"/team/development/programmes/{programme.id}/cohorts",
        data={
            "name": "2027",
            "starts_on-day": "1",
            "starts_on-month": "6",
            "starts_on-year": "2027",
            "ends_on-day": "1",
            "ends_on-month": "1",
            "ends_on-year": "2027",
        },
    )
    assert any("must end after it starts" in m for _, m in error_summary(backwards))


def test_someone_joins_a_cohort_by_the_address_they_use_with_the_service(
    client: FlaskClient, admin: TeamUser, cohort: Cohort, person: Candidate
) -> None:
    sign_in(client, admin)
    url = f"/team/development/cohorts/{cohort.id}/participants"
    unknown = client.post(url, data={"email": "nobody@example.com"})
    assert (
        "#email",
        "Nobody with this email address is in the talent pool. Ask them to join it first.",
    ) in error_summary(unknown)
    added = client.post(url, data={"email": person.email.upper()})
    assert added.status_code == 302
    twice = client.post(url, data={"email": person.email})
    assert any("already in the cohort" in m for _, m in error_summary(twice))
    assert person.full_name in page_text(client.get(f"/team/development/cohorts/{cohort.id}"))


def test_a_placement_needs_a_host_and_a_mentor_and_brings_its_milestones(
    client: FlaskClient, admin: TeamUser, cohort: Cohort, person: Candidate
) -> None:
    participant = programmes.add_participant("test", cohort, person.email, TODAY)
    host = make_organisation(name="Mersey Vale NHS Trust")
    db.session.commit()
    sign_in(client, admin)
    url = f"/team/development/participants/{participant.id}"
    no_host = client.post(url, data={"status": "placed", "host_organisation_id": "0", "mentor": ""})
    assert ("#status", "Choose the host organisation for the placement.") in error_summary(no_host)
    no_mentor = client.post(
        url, data={"status": "placed", "host_organisation_id": str(host.id), "mentor": ""}
    )
    assert ("#status", "Enter the mentor's name and role.") in error_summary(no_mentor)
    client.post(
        url,
        data={
            "status": "placed",
            "host_organisation_id": str(host.id),
            "mentor": "Sam Patel, chair",
        },
    )
    placed = db.session.get(Participant, participant.id)
    assert placed.status == "placed" and placed.placed_on == TODAY
    assert placed.host_organisation_id == host.id and placed.mentor == "Sam Patel, chair"
    assert [m.title for m in placed.milestones][:2] == [
        "First meeting with the mentor",
        "Observe a public board meeting",
    ]
    first = placed.milestones[0]
    client.post(f"/team/development/milestones/{first.id}/done")
    assert db.session.get(type(first), first.id).done_on == TODAY
    client.post(
        url,
        data={
            "status": "completed",
            "host_organisation_id": str(host.id),
            "mentor": "Sam Patel, chair",
        },
    )
    assert db.session.get(Participant, participant.id).completed_on == TODAY
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert {"participant_added", "participant_updated", "milestone_done"} <= set(actions)


def test_an_aspiring_chair_is_nominated_by_their_chair(app: Flask, person: Candidate) -> None:
    programme = programmes.create_programme("test", "aspiring-chair", "Aspiring chairs", "")
    cohort = programmes.create_cohort("test", programme, "2027", date(2027, 1, 1), date(2027, 9, 1))
    with pytest.raises(programmes.DevelopmentError, match="nominated by their own chair"):
        programmes.add_participant("test", cohort, person.email, TODAY)
    added = programmes.add_participant(
        "test", cohort, person.email, TODAY, nominated_by="Jo Smith, chair of Leeds"
    )
    assert added.nominated_by == "Jo Smith, chair of Leeds"


def test_reviewers_read_the_pipeline_but_cannot_change_it(
    client: FlaskClient, reviewer: TeamUser, cohort: Cohort, person: Candidate
) -> None:
    sign_in(client, reviewer)
    assert client.get("/team/development").status_code == 200
    assert "Add a programme" not in page_text(client.get("/team/development"))
    page = client.get(f"/team/development/cohorts/{cohort.id}")
    assert page.status_code == 200 and "Add someone to the cohort" not in page_text(page)
    refused = client.post(
        f"/team/development/cohorts/{cohort.id}/participants", data={"email": person.email}
    )
    assert refused.status_code == 403
    assert client.get("/team/reports/journeys").status_code == 403


def _interviewed_then(vacancy: Vacancy, career: tuple[str, str, list[str]], end: str) -> object:
    application = make_applicant(vacancy, career)
    for step in ("longlisted", "shortlisted", "interview", end):
        set_stage(application, step)
    return application


def test_near_misses_are_those_interviewed_and_not_appointed(
    client: FlaskClient, admin: TeamUser, app: Flask
) -> None:
    vacancy = make_vacancy(status="closed")
    near = _interviewed_then(vacancy, ACCOUNTANT, "rejected")
    appointed = _interviewed_then(vacancy, OTHERS[0], "appointed")
    early = make_applicant(vacancy, OTHERS[1])
    set_stage(early, "rejected")  # rejected at the sift: not a near miss
    db.session.commit()
    assert [n.application.id for n in near_misses.of_vacancy(vacancy)] == [near.id]  # type: ignore[attr-defined]
    sign_in(client, admin)
    page = page_text(client.get(f"/team/vacancies/{vacancy.id}/near-misses"))
    assert near.reference in page and appointed.reference not in page  # type: ignore[attr-defined]
    refused = client.post(
        f"/team/applications/{early.reference}/near-miss-offers",
        data={"kind": "pool"},
        follow_redirects=True,
    )
    assert "Only candidates interviewed but not appointed" in page_text(refused)
    client.post(f"/team/applications/{near.reference}/near-miss-offers", data={"kind": "pool"})  # type: ignore[attr-defined]
    made = db.session.execute(db.select(NearMissOffer)).scalar_one()
    assert made.answer == "pending" and made.offered_on == TODAY
    twice = client.post(
        f"/team/applications/{near.reference}/near-miss-offers",
        data={"kind": "pool"},
        follow_redirects=True,  # type: ignore[attr-defined]
    )
    assert "already been offered" in page_text(twice)
    near.candidate.consent_to_match = False  # type: ignore[attr-defined]
    db.session.commit()
    client.post(f"/team/near-miss-offers/{made.id}/answer", data={"answer": "accepted"})
    answered = db.session.get(NearMissOffer, made.id)
    assert answered.answer == "accepted" and answered.answered_on == TODAY
    # Accepting the pool for similar roles is their consent to be matched to them.
    assert db.session.get(Candidate, near.candidate_id).consent_to_match  # type: ignore[attr-defined]


def test_erasing_a_person_removes_their_programme_places_and_offers(
    app: Flask, cohort: Cohort
) -> None:
    vacancy = make_vacancy(status="closed")
    near = _interviewed_then(vacancy, ACCOUNTANT, "rejected")
    candidate = near.candidate  # type: ignore[attr-defined]
    participant = programmes.add_participant("test", cohort, candidate.email, TODAY)
    programmes.add_milestone("test", participant, "Observe a board", TODAY)
    near_misses.offer("test", near, "placement", TODAY, None)  # type: ignore[arg-type]
    db.session.commit()
    exported = candidate_data(candidate, all_team_records=True)
    assert exported["development_programmes"][0]["cohort"] == "2027 intake"
    assert exported["applications"][0]["offers_after_interview"][0]["offer"] == "A board placement"
    erasure.erase_candidate(candidate, "test", "Asked to be forgotten")
    db.session.commit()
    assert db.session.execute(db.select(db.func.count(Participant.id))).scalar_one() == 0
    assert db.session.execute(db.select(db.func.count(NearMissOffer.id))).scalar_one() == 0
