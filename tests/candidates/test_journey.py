"""The candidate journey end to end through the test client: applying, joining the pool,
coming back by email, seeing and withdrawing applications."""

from __future__ import annotations

import time
import types
from datetime import date, timedelta
from typing import Any

import itsdangerous.timed
import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.candidates.journey import STEPS
from nedmatch.domain import MONITORING_QUESTIONS
from nedmatch.extensions import db
from nedmatch.models import Application, AuditEvent, Candidate, StageChange, Vacancy
from nedmatch.services.platform.notifications import Email
from tests.conftest import (
    CANDIDATE_EMAIL,
    VALID_STEPS,
    complete_steps,
    error_summary,
    form_values,
    make_vacancy,
    page_text,
    parse_page,
    return_links,
    start_application,
    task_statuses,
    use_return_link,
)

APPLICATION_STEPS = [step.slug for step in STEPS]
STEP_TITLES = {step.slug: step.title for step in STEPS}
PROFILE_STEPS = [step.slug for step in STEPS if not step.application_only]
OTHER_EMAIL = "tomasz.nowak@example.com"


def submit_application(client: FlaskClient, vacancy: Vacancy, email: str = CANDIDATE_EMAIL) -> str:
    ref = start_application(client, vacancy, email)
    complete_steps(client, f"/applications/{ref}", APPLICATION_STEPS)
    response = client.post(f"/applications/{ref}/check")
    assert response.status_code == 302, error_summary(response)
    return ref


def the_application(ref: str) -> Application:
    return db.session.execute(db.select(Application).filter_by(reference=ref)).scalar_one()


def audit_actions() -> list[str]:
    return db.session.execute(db.select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()


def test_applying_for_a_vacancy_from_start_to_confirmation(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    advert = client.get(f"/vacancies/{vacancy.id}")
    assert "Apply for this role" in page_text(advert)
    assert client.get(f"/vacancies/{vacancy.id}/apply").status_code == 200

    response = client.post(f"/vacancies/{vacancy.id}/apply", data={"email": CANDIDATE_EMAIL})
    assert response.status_code == 302
    ref = response.location.split("/")[2]
    tasks = f"/applications/{ref}"
    # The application starts at its task list; each section saves its answers and returns
    # there, where it is then "Completed".
    assert response.location == tasks
    for slug in APPLICATION_STEPS:
        assert task_statuses(client.get(tasks))[STEP_TITLES[slug]] == "Not yet started"
        page = client.get(f"{tasks}/{slug}")
        assert page.status_code == 200
        response = client.post(f"{tasks}/{slug}", data=VALID_STEPS[slug])
        assert response.status_code == 302, (slug, error_summary(response))
        assert response.location == tasks
        assert task_statuses(client.get(tasks))[STEP_TITLES[slug]] == "Completed"
    links = parse_page(client.get(tasks)).xpath(
        "//a[normalize-space()='Check your answers and submit']/@href"
    )
    assert links == [f"{tasks}/check"]

    check = client.get(f"{tasks}/check")
    url = f"{tasks}/check"
    text = page_text(check)
    assert "Check your answers" in text
    assert "Amara Okafor" in text
    assert "Finance Director, Aire Valley Housing Association" in text
    assert "Not finished" not in text
    assert "African" not in text  # monitoring answers are not echoed on a shared screen
    assert f"3 of {len(MONITORING_QUESTIONS)}" in text

    response = client.post(url)
    assert response.status_code == 302
    assert response.location == f"/applications/{ref}/confirmation"
    confirmation = client.get(response.location)
    assert "Application submitted" in page_text(confirmation)
    assert parse_page(confirmation).find_class("app-reference")[0].text == ref

    application = the_application(ref)
    assert application.stage == "applied"
    assert application.submitted_at is not None
    assert application.candidate.in_pool
    assert [(c.from_stage, c.to_stage) for c in application.stage_changes] == [("draft", "applied")]
    assert "application_submitted" in audit_actions()
    receipt = outbox[-1]
    assert receipt.to == CANDIDATE_EMAIL
    assert ref in receipt.subject and ref in receipt.body
    assert vacancy.title in receipt.body
    assert return_links([receipt], CANDIDATE_EMAIL)  # the way back to see or withdraw it


def test_joining_the_talent_pool_from_start_to_confirmation(
    client: FlaskClient, app: Flask, outbox: list[Email]
) -> None:
    response = client.post("/talent-pool/join", data={"email": CANDIDATE_EMAIL})
    assert response.location == "/profile"
    assert "supporting statement" not in page_text(client.get("/profile")).lower()
    for slug in PROFILE_STEPS:
        response = client.post(f"/profile/{slug}", data=VALID_STEPS[slug])
        assert response.status_code == 302, (slug, error_summary(response))
        assert response.location == "/profile"
    statuses = task_statuses(client.get("/profile"))
    assert statuses["Check your answers and join"] == "Not yet started"
    url = "/profile/check"
    assert "supporting statement" not in page_text(client.get(url)).lower()

    response = client.post(url)

    assert response.location == "/profile/joined"
    assert "You have joined the talent pool" in page_text(client.get(response.location))
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert candidate.in_pool and candidate.consent_to_match
    assert candidate.applications == []
    assert outbox[-1].to == CANDIDATE_EMAIL
    assert outbox[-1].subject == "You have joined the NEDMatch talent pool"
    assert "joined_pool" in audit_actions()


@pytest.mark.parametrize("missing", ["experience", "statement", "eligibility"])
def test_submitting_with_a_section_unfinished_says_which(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email], missing: str
) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", [s for s in APPLICATION_STEPS if s != missing])
    sent = len(outbox)

    response = client.post(f"/applications/{ref}/check")

    assert response.status_code == 200
    title = next(s.title for s in STEPS if s.slug == missing)
    assert error_summary(response) == [("", f"Complete these sections first: {title}")]
    assert "Not finished" in page_text(response)
    assert the_application(ref).stage == "draft"
    assert len(outbox) == sent


def test_joining_the_pool_with_a_section_unfinished_says_which(client: FlaskClient) -> None:
    client.post("/talent-pool/join", data={"email": CANDIDATE_EMAIL})
    complete_steps(client, "/profile", ["about-you"])

    response = client.post("/profile/check")

    assert response.status_code == 200
    [(_, message)] = error_summary(response)
    assert message.startswith("Complete these sections first: Your experience and skills")
    assert not db.session.execute(db.select(Candidate.in_pool)).scalar_one()


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "closed"},
        {"closes_on": date.today() - timedelta(days=1)},
        {"opens_on": date.today() + timedelta(days=3)},
    ],
    ids=["closed", "past-closing-date", "not-yet-open"],
)
def test_a_vacancy_not_taking_applications_refuses_them(
    client: FlaskClient, app: Flask, changes: dict[str, Any]
) -> None:
    vacancy = make_vacancy(**changes)

    advert = client.get(f"/vacancies/{vacancy.id}")
    assert "This vacancy is not taking applications" in page_text(advert)
    assert "Apply for this role" not in page_text(advert)
    for response in (
        client.get(f"/vacancies/{vacancy.id}/apply"),
        client.post(f"/vacancies/{vacancy.id}/apply", data={"email": CANDIDATE_EMAIL}),
    ):
        assert response.status_code == 302
        assert response.location == f"/vacancies/{vacancy.id}"
    followed = client.get(f"/vacancies/{vacancy.id}")
    assert "This vacancy is not taking applications." in page_text(followed)
    assert db.session.execute(db.select(Application)).first() is None
    assert db.session.execute(db.select(Candidate)).first() is None


def test_an_application_cannot_be_submitted_after_the_vacancy_closes(
    client: FlaskClient, vacancy: Vacancy
) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", APPLICATION_STEPS)
    vacancy.closes_on = date.today() - timedelta(days=1)
    db.session.commit()

    response = client.post(f"/applications/{ref}/check")

    assert response.status_code == 200
    [(_, message)] = error_summary(response)
    assert message.startswith("This vacancy has closed, so the application cannot be submitted")
    assert the_application(ref).stage == "draft"


def test_the_same_email_in_another_browser_gets_a_link_not_access(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", ["about-you"])
    links_before = len(return_links(outbox, CANDIDATE_EMAIL))

    other = app.test_client()
    response = other.post(f"/vacancies/{vacancy.id}/apply", data={"email": CANDIDATE_EMAIL.upper()})

    assert response.status_code == 302
    assert response.location == "/return/check-your-email"
    assert "Check your email" in page_text(other.get(response.location))
    assert len(return_links(outbox, CANDIDATE_EMAIL)) == links_before + 1
    for url in (
        f"/applications/{ref}/about-you",
        f"/applications/{ref}/check",
        "/my-applications",
        "/profile/about-you",
    ):
        page = other.get(url)
        assert page.status_code == 302, url
        assert page.location == "/return"
    assert "Amara" not in page_text(other.get("/return"))
    # Nothing was created for the second browser.
    assert db.session.execute(db.select(db.func.count()).select_from(Candidate)).scalar() == 1
    # The first browser is unaffected.
    assert client.get(f"/applications/{ref}/about-you").status_code == 200


def test_save_and_come_back_later_on_another_device(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = start_application(client, vacancy)
    base = f"/applications/{ref}"
    complete_steps(client, base, ["about-you", "experience"])
    half_done = {"evidence_governance": "I chaired the audit committee of a housing group."}
    outbox.clear()

    response = client.post(f"{base}/competencies", data={**half_done, "save_later": "1"})

    assert response.location == "/saved"
    assert CANDIDATE_EMAIL in page_text(client.get("/saved"))
    [email] = outbox
    assert email.to == CANDIDATE_EMAIL
    [link] = return_links(outbox, CANDIDATE_EMAIL)

    other = app.test_client()
    response = use_return_link(other, link)
    assert response.status_code == 302
    assert response.location == "/my-applications"
    mine = other.get("/my-applications")
    assert vacancy.title in page_text(mine)
    assert "Not yet submitted" in page_text(mine)
    cont = parse_page(mine).xpath("//a[starts-with(normalize-space(.), 'Continue')]/@href")
    assert cont == [f"/vacancies/{vacancy.id}/apply"]
    resumed = other.get(cont[0])
    assert resumed.location == base  # the task list, with what is done and what is left
    statuses = task_statuses(other.get(base))
    assert statuses[STEP_TITLES["competencies"]] == "Completed"  # saved: it was valid
    assert statuses[STEP_TITLES["statement"]] == "Not yet started"
    shown = form_values(other.get(f"{base}/competencies"))
    assert shown["evidence_governance"] == half_done["evidence_governance"]


def test_save_and_come_back_later_keeps_answers_that_are_not_finished(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = start_application(client, vacancy)
    base = f"/applications/{ref}"
    typed = {**VALID_STEPS["about-you"], "phone": "0770", "save_later": "1"}

    response = client.post(f"{base}/about-you", data=typed)

    assert response.location == "/saved"
    other = app.test_client()
    use_return_link(other, return_links(outbox, CANDIDATE_EMAIL)[-1])
    assert other.get(f"/vacancies/{vacancy.id}/apply").location == base
    assert task_statuses(other.get(base))["About you"] == "In progress"
    shown = form_values(other.get(f"{base}/about-you"))
    assert (shown["first_name"], shown["phone"]) == ("Amara", "0770")


def _link_made_days_ago(days: int, monkeypatch: pytest.MonkeyPatch, make: Any) -> Any:
    """Run make() with the link signer's clock turned back."""
    then = time.time() - days * 24 * 3600
    monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: then))
    try:
        return make()
    finally:
        monkeypatch.undo()


def test_a_link_still_works_near_the_end_of_its_life(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email], monkeypatch: Any
) -> None:
    days = app.config["RETURN_LINK_MAX_AGE"].days
    _link_made_days_ago(days - 1, monkeypatch, lambda: start_application(client, vacancy))
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]

    response = use_return_link(app.test_client(), link)

    assert response.status_code == 302
    assert response.location == "/my-applications"


def test_an_expired_link_says_so(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email], monkeypatch: Any
) -> None:
    days = app.config["RETURN_LINK_MAX_AGE"].days
    _link_made_days_ago(days + 1, monkeypatch, lambda: start_application(client, vacancy))
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]
    other = app.test_client()

    response = other.get(link)

    assert response.status_code == 200
    assert "This link has expired. Enter your email address to get a new one." in page_text(
        response
    )
    assert form_values(response).getlist("email") == [""]
    assert other.get("/my-applications").location == "/return"


def test_a_tampered_link_says_so(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    start_application(client, vacancy)
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]
    other = app.test_client()

    # Change a character inside the signature (its last character may carry only padding
    # bits, so changing that alone can leave the signature's bytes as they were).
    middle = len(link) - 10
    changed = link[:middle] + ("A" if link[middle] != "A" else "B") + link[middle + 1 :]
    for bad in (changed, link + "x", "/return/x"):
        response = other.get(bad)
        assert response.status_code == 200, bad
        assert "This link is not valid. Check you copied the whole link" in page_text(response)
    assert other.get("/my-applications").location == "/return"


def test_a_revoked_link_says_so(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    start_application(client, vacancy)
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    candidate.link_version += 1
    db.session.commit()
    other = app.test_client()

    response = other.get(link)

    assert response.status_code == 200
    assert "This link is no longer valid. Enter your email address to get a new one." in page_text(
        response
    )
    assert other.get("/my-applications").location == "/return"


def test_asking_for_a_link_does_not_reveal_who_has_applied(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email], app: Flask
) -> None:
    start_application(client, vacancy)
    outbox.clear()
    other = app.test_client()

    known = other.post("/return", data={"email": CANDIDATE_EMAIL})
    unknown = other.post("/return", data={"email": OTHER_EMAIL})

    assert known.location == unknown.location == "/return/check-your-email"
    assert [email.to for email in outbox] == [CANDIDATE_EMAIL]


def test_my_applications_shows_each_stage(
    app: Flask, client: FlaskClient, vacancy: Vacancy
) -> None:
    submitted = submit_application(client, vacancy)
    # The profile is reused: in a second application only its supporting statement is left.
    second = make_vacancy(vacancy.organisation, title="Chair of the board", role_type="chair")
    statuses = task_statuses(client.get(client.get(f"/vacancies/{second.id}/apply").location))
    assert [title for title, status in statuses.items() if status != "Completed"] == [
        STEP_TITLES["statement"],
        "Check your answers and submit",
    ]
    third = make_vacancy(vacancy.organisation, title="Clinical NED", role_type="clinical-ned")
    shortlisted = client.get(f"/vacancies/{third.id}/apply").location.split("/")[2]
    complete_steps(client, f"/applications/{shortlisted}", ["statement"])
    assert client.post(f"/applications/{shortlisted}/check").status_code == 302
    application = the_application(shortlisted)
    application.stage = "shortlisted"
    db.session.commit()

    page = client.get("/my-applications")

    rows = {" ".join(row.text_content().split()) for row in parse_page(page).xpath("//tbody/tr")}
    assert any(vacancy.title in r and submitted in r and "Applied" in r for r in rows), rows
    assert any("Chair of the board" in r and "Not yet submitted" in r for r in rows), rows
    assert any(shortlisted in r and "Shortlisted" in r for r in rows), rows
    assert len(rows) == 3


def test_withdrawing_an_application(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = submit_application(client, vacancy)
    assert "Withdraw" in page_text(client.get("/my-applications"))
    page = client.get(f"/applications/{ref}/withdraw")
    assert "Are you sure you want to withdraw your application?" in page_text(page)

    response = client.post(
        f"/applications/{ref}/withdraw", data={"reason": "I have taken another role."}
    )

    assert response.location == "/my-applications"
    mine = page_text(client.get("/my-applications"))
    assert f"You have withdrawn your application for {vacancy.title}." in mine
    assert "Withdrawn" in mine
    application = the_application(ref)
    assert application.stage == "withdrawn"
    assert application.withdrawn_at is not None
    change = application.stage_changes[-1]
    assert (change.from_stage, change.to_stage, change.reason) == (
        "applied",
        "withdrawn",
        "I have taken another role.",
    )
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="application_withdrawn")
    ).scalar_one()
    assert event.object_id == str(application.id)
    assert event.actor == f"candidate:{application.candidate_id}"
    assert outbox[-1].to == CANDIDATE_EMAIL
    assert outbox[-1].subject.startswith("Application withdrawn")
    assert ref in outbox[-1].body


def test_an_application_cannot_be_withdrawn_twice(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = submit_application(client, vacancy)
    client.post(f"/applications/{ref}/withdraw", data={})
    sent = len(outbox)

    for response in (
        client.get(f"/applications/{ref}/withdraw"),
        client.post(f"/applications/{ref}/withdraw", data={}),
    ):
        assert response.location == "/my-applications"
    assert "This application cannot be withdrawn." in page_text(client.get("/my-applications"))
    changes = (
        db.session.execute(db.select(StageChange).filter_by(to_stage="withdrawn")).scalars().all()
    )
    assert len(changes) == 1
    assert len(outbox) == sent


def test_a_draft_cannot_be_withdrawn(client: FlaskClient, vacancy: Vacancy) -> None:
    ref = start_application(client, vacancy)

    response = client.post(f"/applications/{ref}/withdraw", data={})

    assert response.location == "/my-applications"
    assert the_application(ref).stage == "draft"


def test_a_submitted_application_cannot_be_changed(client: FlaskClient, vacancy: Vacancy) -> None:
    ref = submit_application(client, vacancy)

    response = client.post(
        f"/applications/{ref}/statement", data={"statement": "Changed after submission. " * 5}
    )

    assert response.location == "/my-applications"
    assert the_application(ref).statement == VALID_STEPS["statement"]["statement"]
    assert client.get(f"/vacancies/{vacancy.id}/apply").location == "/my-applications"


@pytest.mark.parametrize(
    "path",
    ["about-you", "statement", "check", "confirmation", "withdraw"],
)
def test_a_candidate_cannot_open_another_candidates_application(
    app: Flask, client: FlaskClient, vacancy: Vacancy, path: str
) -> None:
    submitted = path in {"confirmation", "withdraw"}
    ref = submit_application(client, vacancy) if submitted else start_application(client, vacancy)
    intruder = app.test_client()
    start_application(
        intruder, make_vacancy(vacancy.organisation, title="Another vacancy"), OTHER_EMAIL
    )

    for method in ("get", "post"):
        response = getattr(intruder, method)(f"/applications/{ref}/{path}")
        assert response.status_code in {404, 405}, (method, response.status_code)
        if response.status_code == 404:
            assert "Page not found" in page_text(response)
            assert "Amara" not in page_text(response)
    application = the_application(ref)
    assert application.stage in {"draft", "applied"}
    assert application.candidate.email == CANDIDATE_EMAIL


def test_signing_out_keeps_the_answers(
    app: Flask, client: FlaskClient, vacancy: Vacancy, outbox: list[Email]
) -> None:
    ref = start_application(client, vacancy)
    complete_steps(client, f"/applications/{ref}", ["about-you"])

    response = client.post("/sign-out")

    assert response.location == "/"
    assert "You have signed out. Your answers are saved." in page_text(client.get("/"))
    assert client.get(f"/applications/{ref}/about-you").location == "/return"
    use_return_link(client, return_links(outbox, CANDIDATE_EMAIL)[-1])
    assert form_values(client.get(f"/applications/{ref}/about-you"))["first_name"] == "Amara"


def test_control_characters_in_a_withdrawal_reason_are_dropped(
    client: FlaskClient, vacancy: Vacancy
) -> None:
    ref = submit_application(client, vacancy)

    response = client.post(
        f"/applications/{ref}/withdraw", data={"reason": "Moving\x00 abroad\x1b."}
    )

    assert response.location == "/my-applications"
    assert the_application(ref).stage_changes[-1].reason == "Moving abroad."
