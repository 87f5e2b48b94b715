"""Messages to candidates when the team moves their application: sent for the stages they
hear about, a rejection held back so it can be undone, a record of each on the
application's history, a bulk action previewed first, and the wording edited per vacancy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Application, AuditEvent, PendingMessage, TeamUser, Vacancy
from nedmatch.models._types import utcnow
from nedmatch.services import matching
from nedmatch.services.messages import queue
from nedmatch.services.platform import notifications
from nedmatch.services.privacy import erasure
from nedmatch.stages import Stage
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, flashes, make_applicant, set_stage
from tests.conftest import (
    error_summary,
    make_vacancy,
    page_text,
    parse_page,
    return_links,
    sign_in,
    use_return_link,
)
from tests.factories import complete_fppt

Outbox = list[notifications.Email]


@pytest.fixture
def vacancy(app: Flask, tmp_path: Path) -> Iterator[Vacancy]:
    """A vacancy with no fitted model: these tests are about messages, not ranking."""
    app.config["MODEL_FOLDER"] = str(tmp_path / "model")
    matching.forget(app)
    yield make_vacancy()
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")


@pytest.fixture
def team(client: FlaskClient, reviewer: TeamUser) -> FlaskClient:
    sign_in(client, reviewer)
    return client


def applicant(vacancy: Vacancy, stage: str = "applied") -> Application:
    application = make_applicant(vacancy, ACCOUNTANT)
    for step in ("longlisted", "shortlisted", "interview", "recommended"):
        if application.stage == stage:
            break
        set_stage(application, step)
    db.session.commit()
    return application


def move(client: FlaskClient, application: Application, to_stage: str, reason: str = "") -> None:
    response = client.post(
        f"/team/applications/{application.reference}",
        data={"move-to_stage": to_stage, "move-reason": reason},
    )
    assert response.status_code == 302, error_summary(response)


def messages_of(application: Application) -> list[PendingMessage]:
    return list(
        db.session.execute(
            db.select(PendingMessage)
            .filter_by(application_id=application.id)
            .order_by(PendingMessage.id)
        ).scalars()
    )


# Sent at once: the decisions a candidate hears about


def test_shortlisting_sends_the_candidate_a_personal_message_with_their_link(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "longlisted")
    candidate = application.candidate

    move(team, application, "shortlisted")

    [email] = outbox
    assert email.to == candidate.email
    assert email.subject == f"You have been shortlisted: {vacancy.title}"
    assert email.body.startswith(f"Dear {candidate.first_name},")
    for value in (vacancy.title, vacancy.organisation.name, application.reference):
        assert value in email.body
    # The team's contact details are those the contact page gives (APPOINTMENTS_TEAM_*).
    config = current_app.config
    contact = f"the {config['APPOINTMENTS_TEAM_NAME']} at {config['APPOINTMENTS_TEAM_EMAIL']}"
    assert contact in email.body
    # The link signs the candidate in to "My applications", which explains the stage.
    [link] = return_links(outbox, candidate.email)
    other = FlaskClient(team.application, use_cookies=True)
    page = use_return_link(other, link)
    text = page_text(other.get(page.location))
    assert "Shortlisted" in text
    assert "The panel will decide who to invite to interview by" in text


def test_the_internal_longlist_and_a_move_back_send_nothing(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy)
    move(team, application, "longlisted")
    set_stage(application, "shortlisted")
    move(team, application, "longlisted", "Moved by mistake.")

    assert outbox == []
    assert messages_of(application) == []


@pytest.mark.parametrize(
    ("start", "to_stage", "subject"),
    [
        ("shortlisted", "interview", "Invitation to interview: "),
        ("interview", "recommended", "Recommended for appointment: "),
        ("recommended", "appointed", "Your appointment: "),
    ],
)
def test_each_later_decision_has_its_message(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox, start: str, to_stage: str, subject: str
) -> None:
    application = applicant(vacancy, start)
    if to_stage == "appointed":
        complete_fppt(application)
        db.session.commit()
    move(team, application, to_stage)
    assert [e.subject for e in outbox] == [subject + vacancy.title]


def test_the_history_records_what_was_sent_to_whom_without_the_text(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "longlisted")
    move(team, application, "shortlisted")

    [message] = messages_of(application)
    local, _, domain = application.candidate.email.partition("@")
    assert (message.kind, message.status, message.sent_to) == (
        "shortlisted",
        "sent",
        f"{local[0]}...@{domain}",
    )
    page = team.get(f"/team/applications/{application.reference}/history")
    rows = parse_page(page).xpath("//table[contains(@class, 'app-messages')]/tbody/tr")
    cells = [" ".join(td.text_content().split()) for td in rows[0].xpath("./td")]
    assert (cells[0], cells[1], cells[4]) == ("Shortlisted", "Sent", f"{local[0]}...@{domain}")
    text = page_text(page)
    assert application.candidate.email not in text
    assert application.candidate.first_name not in text
    assert "Longlisted → Shortlisted" in text
    assert "History and messages to the candidate" in page_text(
        team.get(f"/team/applications/{application.reference}")
    )


# A rejection waits, and can be undone


def test_a_rejection_waits_and_is_sent_when_due(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox, app: Flask
) -> None:
    app.config["REJECTION_MESSAGE_DELAY_MINUTES"] = 45
    try:
        application = applicant(vacancy, "shortlisted")
        before = utcnow()
        move(team, application, "rejected", "Others evidence the criteria more strongly.")
    finally:
        app.config["REJECTION_MESSAGE_DELAY_MINUTES"] = 30

    assert outbox == []
    [message] = messages_of(application)
    assert message.status == "queued"
    assert timedelta(minutes=45) <= message.due_at - before < timedelta(minutes=46)
    assert queue.send_due(now=message.due_at - timedelta(seconds=1)) == 0
    assert outbox == []

    assert queue.send_due(now=message.due_at) == 1
    assert [e.subject for e in outbox] == [f"Your application for {vacancy.title}"]
    assert queue.send_due(now=message.due_at + timedelta(hours=1)) == 0  # sent once
    assert len(outbox) == 1


def test_a_rejection_can_be_undone_until_it_is_sent(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox, reviewer: TeamUser
) -> None:
    application = applicant(vacancy, "shortlisted")
    move(team, application, "rejected", "Others are stronger.")
    url = f"/team/applications/{application.reference}"
    assert "Undo the rejection" in page_text(team.get(url))

    response = team.post(url + "/undo-rejection", follow_redirects=True)

    assert flashes(response) == [
        f"The rejection of {application.reference} is undone: it is back at shortlisted, and "
        "the candidate will not be sent the rejection."
    ]
    db.session.refresh(application)
    assert application.stage == "shortlisted"
    assert [(c.from_stage, c.to_stage) for c in application.stage_changes][-2:] == [
        ("shortlisted", "rejected"),
        ("rejected", "shortlisted"),
    ]
    [message] = messages_of(application)
    assert message.status == "cancelled"
    queue.send_due(now=utcnow() + timedelta(days=1))
    assert outbox == []
    [event] = db.session.execute(
        db.select(AuditEvent).filter_by(action="rejection_undone")
    ).scalars()
    assert event.actor == f"team:{reviewer.id}"
    assert "Undo the rejection" not in page_text(team.get(url))


def test_a_sent_rejection_cannot_be_undone(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "shortlisted")
    move(team, application, "rejected", "Others are stronger.")
    queue.send_due(now=utcnow() + timedelta(hours=1))

    response = team.post(
        f"/team/applications/{application.reference}/undo-rejection", follow_redirects=True
    )

    assert "can no longer be undone: the candidate has been told" in flashes(response)[-1]
    db.session.refresh(application)
    assert application.stage == "rejected"
    assert len(outbox) == 1


def test_reinstating_cancels_the_waiting_rejection(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "longlisted")
    move(team, application, "rejected", "Not evidenced.")
    move(team, application, "longlisted", "Reconsidered.")

    assert [m.status for m in messages_of(application)] == ["cancelled"]
    queue.send_due(now=utcnow() + timedelta(days=1))
    assert outbox == []


def test_a_message_for_an_application_that_moved_on_is_not_sent(
    vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "shortlisted")
    queue.queue(application, Stage.REJECTED)  # queued, then withdrawn before it was due
    application.stage = "withdrawn"
    db.session.commit()

    assert queue.send_due(now=utcnow() + timedelta(days=1)) == 0
    assert outbox == []
    assert [m.status for m in messages_of(application)] == ["cancelled"]


def test_the_command_sends_what_is_due(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox, app: Flask
) -> None:
    application = applicant(vacancy, "shortlisted")
    move(team, application, "rejected", "Others are stronger.")
    # The wait is over.
    db.session.execute(db.update(PendingMessage).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["messages", "send-due"])

    assert result.output.strip() == "Sent 1 message(s)."
    assert [e.to for e in outbox] == [application.candidate.email]


def test_my_applications_keeps_an_untold_rejection_back(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    application = applicant(vacancy, "longlisted")
    move(team, application, "shortlisted")
    [link] = return_links(outbox, application.candidate.email)
    candidate = FlaskClient(team.application, use_cookies=True)
    use_return_link(candidate, link)
    move(team, application, "rejected", "Others are stronger.")

    text = page_text(candidate.get("/my-applications"))
    assert "Shortlisted" in text and "Not progressed" not in text

    queue.send_due(now=utcnow() + timedelta(hours=1))
    text = page_text(candidate.get("/my-applications"))
    assert "Not progressed" in text
    assert "You have not been selected to go further this time." in text


# The bulk action shows what it will send before it is confirmed


def test_a_bulk_rejection_is_previewed_then_confirmed(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    chosen = [make_applicant(vacancy, OTHERS[i]) for i in range(3)]
    appointed = applicant(vacancy, "recommended")
    set_stage(appointed, "appointed")
    data = {
        "application_ids": [a.id for a in [*chosen, appointed]],
        "action": "rejected",
        "reason": "Essentials not evidenced.",
    }

    page = team.post(f"/team/vacancies/{vacancy.id}/bulk/preview", data=data)

    assert page.status_code == 200
    text = page_text(page)
    assert "3 candidates will move." in text
    assert "3 will be sent the not progressed message, 30 minutes after you confirm" in text
    assert f"{appointed.reference} is appointed: it cannot move to not progressed." in text
    example = " ".join(parse_page(page).find_class("app-message-preview")[0].text_content().split())
    assert example.startswith(f"Subject: Your application for {vacancy.title} Dear Alex,")
    assert chosen[0].reference in example  # the first recipient's reference, a sample name
    for application in chosen:
        assert application.candidate.first_name not in text
    # Nothing has happened yet.
    for application in chosen:
        db.session.refresh(application)
        assert application.stage == "applied"
    assert db.session.execute(db.select(PendingMessage)).first() is None

    confirm = {
        "application_ids": parse_page(page).xpath("//input[@name='application_ids']/@value"),
        "action": parse_page(page).xpath("//input[@name='action']/@value")[0],
        "reason": parse_page(page).xpath("//input[@name='reason']/@value")[0],
    }
    response = team.post(f"/team/vacancies/{vacancy.id}/bulk", data=confirm, follow_redirects=True)

    assert flashes(response)[0] == "3 candidates rejected."
    statuses = [m.status for a in chosen for m in messages_of(a)]
    assert statuses == ["queued"] * 3
    assert outbox == []


def test_a_bulk_advance_to_the_longlist_says_no_one_is_told(
    team: FlaskClient, vacancy: Vacancy
) -> None:
    chosen = [make_applicant(vacancy, OTHERS[i]) for i in range(2)]
    db.session.commit()
    page = team.post(
        f"/team/vacancies/{vacancy.id}/bulk/preview",
        data={"application_ids": [a.id for a in chosen], "action": "advance"},
    )
    text = page_text(page)
    assert "2 candidates will move." in text
    assert "No one will be sent a message" in text
    assert not parse_page(page).find_class("app-message-preview")


def test_the_bulk_preview_needs_a_reason_to_reject(team: FlaskClient, vacancy: Vacancy) -> None:
    application = make_applicant(vacancy, OTHERS[0])
    db.session.commit()
    response = team.post(
        f"/team/vacancies/{vacancy.id}/bulk/preview",
        data={"application_ids": [application.id], "action": "rejected"},
    )
    assert response.status_code == 400
    error = parse_page(response).get_element_by_id("reason-error").text_content()
    assert "Enter a reason for rejecting the candidates" in error


# The team's own wording per vacancy


def test_the_vacancy_page_links_to_its_messages(team: FlaskClient, vacancy: Vacancy) -> None:
    page = team.get(f"/team/vacancies/{vacancy.id}")
    assert f"/team/vacancies/{vacancy.id}/messages" in parse_page(page).xpath("//a/@href")
    listing = page_text(team.get(f"/team/vacancies/{vacancy.id}/messages"))
    for label in ("Shortlisted", "Invited to interview", "Appointed", "Not progressed"):
        assert label in listing
    assert "Longlisted" not in listing


def test_a_stage_message_is_shown_with_a_preview_for_a_sample_candidate(
    team: FlaskClient, vacancy: Vacancy
) -> None:
    page = team.get(f"/team/vacancies/{vacancy.id}/messages/shortlisted")
    assert page.status_code == 200
    preview = " ".join(parse_page(page).find_class("app-message-preview")[0].text_content().split())
    assert preview.startswith(
        f"Preview: Subject: You have been shortlisted: {vacancy.title} Dear Alex,"
    )
    assert vacancy.organisation.name in preview
    assert team.get(f"/team/vacancies/{vacancy.id}/messages/longlisted").status_code == 404


def test_an_unknown_placeholder_is_refused_with_the_allowed_ones(
    team: FlaskClient, vacancy: Vacancy
) -> None:
    response = team.post(
        f"/team/vacancies/{vacancy.id}/messages/shortlisted",
        data={
            "subject": "Shortlisted",
            "body": "Dear {name}, {first_name.__class__}",
            "action": "save",
        },
    )
    assert response.status_code == 200
    [(href, message)] = error_summary(response)
    assert href == "#body"
    assert message.startswith(
        "The message uses {name}, which is not a placeholder. Use only "
        "{first_name}, {vacancy_title}, {organisation}, {reference}, "
        "{my_applications_link}, {team_contact}"
    )
    assert "{first_name.__class__}" in message
    assert (
        db.session.execute(db.select(AuditEvent).filter_by(action="message_template_saved")).first()
        is None
    )


def test_saved_wording_is_used_for_that_vacancy_only_until_reset(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    url = f"/team/vacancies/{vacancy.id}/messages/shortlisted"
    wording = {
        "subject": "Good news about {vacancy_title}",
        "body": "Hello {first_name}, you are shortlisted ({reference}). {my_applications_link}",
    }
    preview = team.post(url, data={**wording, "action": "preview"})
    assert "Hello Alex, you are shortlisted (NED-SAMP-LE23)." in page_text(preview)
    saved = team.post(url, data={**wording, "action": "save"}, follow_redirects=True)
    assert flashes(saved) == ["The shortlisted message for this vacancy is saved."]
    assert "This vacancy's own" in page_text(saved)

    mine = applicant(vacancy, "longlisted")
    elsewhere = applicant(make_vacancy(vacancy.organisation, title="Chair"), "longlisted")
    move(team, mine, "shortlisted")
    move(team, elsewhere, "shortlisted")
    assert [e.subject for e in outbox] == [
        f"Good news about {vacancy.title}",
        "You have been shortlisted: Chair",
    ]
    assert outbox[0].body.startswith(
        f"Hello {mine.candidate.first_name}, you are shortlisted ({mine.reference}). http"
    )

    team.post(url, data={**wording, "action": "reset"})
    subject = parse_page(team.get(url)).xpath("//input[@name='subject']/@value")
    assert subject == ["You have been shortlisted: {vacancy_title}"]


def test_any_request_sends_a_rejection_whose_wait_is_over(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox, app: Flask
) -> None:
    application = applicant(vacancy, "shortlisted")
    move(team, application, "rejected", "Others are stronger.")
    db.session.execute(db.update(PendingMessage).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    app.config["MESSAGE_SWEEP_SECONDS"] = 0
    try:
        FlaskClient(app).get("/vacancies")  # anyone's request, not the team's
    finally:
        app.config["MESSAGE_SWEEP_SECONDS"] = 60
    assert [e.to for e in outbox] == [application.candidate.email]


def test_erasure_removes_the_persons_messages_waiting_and_sent(
    team: FlaskClient, vacancy: Vacancy, outbox: Outbox
) -> None:
    """A rejection still waiting, and the record of a message sent (a masked address), are
    the person's: erasing them leaves neither."""
    sent = applicant(vacancy, "longlisted")
    move(team, sent, "shortlisted")
    waiting = applicant(vacancy)
    move(team, waiting, "rejected", "Not this time")
    assert messages_of(sent) and messages_of(waiting)

    for application in (sent, waiting):
        erasure.erase_candidate(application.candidate, "system:test", "Asked")
    db.session.commit()

    assert messages_of(sent) == [] and messages_of(waiting) == []
    sent_count = len(outbox)
    queue.send_due(now=utcnow() + timedelta(days=1))
    assert len(outbox) == sent_count, "the erased person's rejection was never sent"
