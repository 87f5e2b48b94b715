"""One-click actions that cannot be taken back ask first: closing a vacancy to
applications, revealing who a candidate is, inviting a pool member to apply and rejecting
in bulk. Each goes to an "Are you sure" page (the question, what will happen, a warning,
one button and a way out) and nothing happens until it is confirmed."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from nedmatch.extensions import db
from nedmatch.models import Application, IdentityReveal, Invitation, TeamUser, Vacancy
from nedmatch.services.platform import notifications
from tests.appointments.test_sift import (  # noqa: F401 - fixtures used by name
    ACCOUNTANT,
    Campaign,
    admin_client,
    audit,
    campaign,
    flashes,
    make_applicant,
    make_candidate,
    reviewer_client,
)
from tests.conftest import page_text, parse_page


@dataclass
class Confirmation:
    heading: str
    warning: str
    action: str  # where the confirm button posts
    button: str
    cancel: str  # where Cancel goes
    fields: dict[str, list[str]]  # the hidden fields the confirmation posts


def confirmation(response: TestResponse) -> Confirmation:
    """The parts of an "Are you sure" page, read as a person (and the form) would."""
    assert response.status_code == 200, response.status_code
    page = parse_page(response)
    [form] = page.xpath("//main//form[@method='post']")
    [button] = form.xpath(".//button")
    [cancel] = form.xpath(".//a[normalize-space()='Cancel']")
    fields: dict[str, list[str]] = {}
    for field in form.xpath(".//input[@type='hidden'][@name!='csrf_token']"):
        fields.setdefault(field.get("name"), []).append(field.get("value"))
    warnings = page.find_class("nhsuk-card--warning")
    return Confirmation(
        heading=" ".join(page.xpath("//h1")[0].text_content().split()),
        warning=" ".join(warnings[0].text_content().split()) if warnings else "",
        action=form.get("action"),
        button=" ".join(button.text_content().split()),
        cancel=cancel.get("href"),
        fields=fields,
    )


def no_confirm_form(response: TestResponse) -> bool:
    return not parse_page(response).xpath("//main//form[@method='post']")


def link_to(response: TestResponse, text: str) -> lxml.html.HtmlElement:
    [link] = parse_page(response).xpath(f"//main//a[normalize-space()='{text}']")
    return link


# Closing a vacancy to applications


def test_closing_a_vacancy_asks_first_and_says_who_it_affects(
    admin_client: FlaskClient,  # noqa: F811
    vacancy: Vacancy,
) -> None:
    make_applicant(vacancy, ACCOUNTANT)
    for _ in range(2):
        db.session.add(Application(candidate=make_candidate(ACCOUNTANT), vacancy=vacancy))
    db.session.commit()
    url = f"/team/vacancies/{vacancy.id}/status/closed"

    button = link_to(admin_client.get(f"/team/vacancies/{vacancy.id}"), "Close to applications")
    assert button.get("href") == url  # a way to the question, not a form that closes it
    response = admin_client.get(url)

    asked = confirmation(response)
    assert asked.heading == "Are you sure you want to close this vacancy to applications?"
    assert f"{vacancy.title}, {vacancy.organisation.name}" in page_text(response)
    assert "the team goes on with the 1 application already submitted" in page_text(response)
    assert "2 candidates have started an application and not submitted it" in asked.warning
    assert (asked.action, asked.button) == (url, "Close to applications")
    assert asked.cancel == f"/team/vacancies/{vacancy.id}"
    assert db.session.get(Vacancy, vacancy.id).status == "open"
    assert not audit("vacancy_closed")

    done = admin_client.post(asked.action, follow_redirects=True)

    assert flashes(done) == ["Vacancy closed."]
    assert db.session.get(Vacancy, vacancy.id).status == "closed"
    assert len(audit("vacancy_closed")) == 1


def test_only_an_open_vacancy_is_offered_for_closing(
    admin_client: FlaskClient,  # noqa: F811
    vacancy: Vacancy,
) -> None:
    vacancy.status = "closed"
    db.session.commit()

    response = admin_client.get(
        f"/team/vacancies/{vacancy.id}/status/closed", follow_redirects=True
    )

    assert flashes(response) == ["This vacancy is not open, so it cannot be closed."]
    assert admin_client.get(f"/team/vacancies/{vacancy.id}/status/open").status_code == 404


def test_reviewers_are_not_asked_to_close_a_vacancy(
    reviewer_client: FlaskClient,  # noqa: F811
    vacancy: Vacancy,
) -> None:
    assert reviewer_client.get(f"/team/vacancies/{vacancy.id}/status/closed").status_code == 403


# Revealing who a candidate is


def test_revealing_identity_asks_first_and_warns_it_cannot_be_undone(
    reviewer_client: FlaskClient,  # noqa: F811
    vacancy: Vacancy,
) -> None:
    application = make_applicant(vacancy, ACCOUNTANT, stage="interview")
    db.session.commit()
    ref = application.reference
    url = f"/team/applications/{ref}/reveal"

    page = reviewer_client.get(f"/team/applications/{ref}")
    assert link_to(page, "Reveal identity for interview").get("href") == url
    response = reviewer_client.get(url)

    asked = confirmation(response)
    assert asked.heading == f"Are you sure you want to reveal who {ref} is?"
    assert "You cannot undo this" in asked.warning
    assert (asked.action, asked.button, asked.cancel) == (
        url,
        "Reveal identity",
        f"/team/applications/{ref}",
    )
    assert application.candidate.last_name not in response.get_data(as_text=True)
    assert db.session.execute(db.select(IdentityReveal)).first() is None

    done = reviewer_client.post(asked.action, follow_redirects=True)

    assert f"Identity revealed for {ref}" in flashes(done)[0]
    assert application.candidate.full_name in page_text(done)
    assert len(audit("identity_revealed")) == 1


@pytest.mark.parametrize(
    ("stage", "revealed", "reason"),
    [
        ("shortlisted", False, "Identity can only be revealed once a candidate is invited"),
        ("interview", True, "This candidate's identity has already been revealed."),
    ],
)
def test_the_reveal_page_says_why_not_instead_of_asking(
    reviewer_client: FlaskClient,  # noqa: F811
    reviewer: TeamUser,
    vacancy: Vacancy,
    stage: str,
    revealed: bool,
    reason: str,
) -> None:
    application = make_applicant(vacancy, ACCOUNTANT, stage=stage)
    if revealed:
        db.session.add(IdentityReveal(application_id=application.id, revealed_by=reviewer.id))
    db.session.commit()

    response = reviewer_client.get(f"/team/applications/{application.reference}/reveal")

    assert response.status_code == 200
    assert parse_page(response).xpath("//h1")[0].text_content() == (
        "You cannot reveal this identity"
    )
    assert reason in page_text(response)
    assert no_confirm_form(response)


# Inviting a pool member to apply


def test_inviting_from_the_pool_asks_first(
    reviewer_client: FlaskClient,  # noqa: F811
    campaign: Campaign,  # noqa: F811
    outbox: list[notifications.Email],
) -> None:
    vacancy, person = campaign.vacancy, campaign.pool[0]
    pool_url = f"/team/vacancies/{vacancy.id}/pool"
    label = "P-" + person.public_id[:6].upper()

    pool = parse_page(reviewer_client.get(pool_url))
    [ask] = pool.xpath(f"//form[.//input[@name='candidate_id'][@value='{person.id}']]")
    assert (ask.get("method"), ask.get("action")) == ("get", f"{pool_url}/invite")
    response = reviewer_client.get(f"{pool_url}/invite", query_string={"candidate_id": person.id})

    asked = confirmation(response)
    assert asked.heading == f"Are you sure you want to invite {label} to apply?"
    assert "The email is sent as soon as you confirm, and cannot be taken back." in asked.warning
    assert (asked.action, asked.button, asked.cancel) == (
        pool_url,
        "Send the invitation",
        pool_url,
    )
    assert asked.fields == {"candidate_id": [str(person.id)]}
    assert person.last_name not in response.get_data(as_text=True)
    assert person.first_name not in response.get_data(as_text=True)
    # The email is previewed as it will be sent, but for the (blind) name.
    preview = " ".join(
        parse_page(response).find_class("app-message-preview")[0].text_content().split()
    )
    assert not outbox
    assert db.session.execute(db.select(Invitation)).first() is None

    done = reviewer_client.post(asked.action, data=asked.fields, follow_redirects=True)

    assert flashes(done) == [
        "Invitation sent. The candidate's identity stays hidden until interview."
    ]
    [sent] = outbox
    assert sent.to == person.email
    expected = f"Subject: {sent.subject} " + " ".join(sent.body.split())
    assert preview == expected.replace(person.first_name, "[their first name]")


def test_the_invitation_page_says_why_not_instead_of_asking(
    reviewer_client: FlaskClient,  # noqa: F811
    vacancy: Vacancy,
) -> None:
    not_consenting = make_candidate(ACCOUNTANT, consent=False)
    db.session.commit()
    url = f"/team/vacancies/{vacancy.id}/pool/invite"

    for query, reason in (
        ({"candidate_id": not_consenting.id}, "This person has not agreed to be matched"),
        ({}, "Choose someone from the list to invite."),
        ({"candidate_id": "²"}, "Choose someone from the list to invite."),
    ):
        response = reviewer_client.get(url, query_string=query)
        assert response.status_code == 200
        assert reason in page_text(response)
        assert no_confirm_form(response)


# Rejecting in bulk: the ranked list's form goes to the bulk preview, which asks first.


def ask_to_reject(
    client: FlaskClient, vacancy: Vacancy, chosen: list[Application], reason: str
) -> TestResponse:
    """What the ranked list's form sends: to the preview, which changes nothing."""
    return client.post(
        f"/team/vacancies/{vacancy.id}/bulk/preview",
        data={
            "application_ids": [a.id for a in chosen],
            "action": "rejected",
            "reason": reason,
            "back": f"/team/vacancies/{vacancy.id}?stage=applied",
        },
    )


def test_rejecting_in_bulk_asks_first_and_says_who_stays(
    reviewer_client: FlaskClient,  # noqa: F811
    campaign: Campaign,  # noqa: F811
) -> None:
    vacancy = campaign.vacancy
    chosen = [*campaign.others[:6], campaign.protected]

    response = ask_to_reject(reviewer_client, vacancy, chosen, "Essentials not met.")

    assert response.status_code == 200
    page = parse_page(response)
    assert page.xpath("string(//h1)") == "Are you sure you want to reject 6 candidates?"
    text = page_text(response)
    for application in campaign.others[:6]:
        assert application.reference in text
    assert "Reason: Essentials not met." in text
    assert f"{campaign.protected.reference} is in the guaranteed interview scheme" in text
    assert "to undo a rejection you must reinstate each candidate on their own" in text
    [form] = page.xpath("//form[.//button[normalize-space()='Reject 6 candidates']]")
    assert form.get("action") == f"/team/vacancies/{vacancy.id}/bulk"
    fields = {
        name: form.xpath(f".//input[@name='{name}']/@value")
        for name in ("application_ids", "action", "reason", "back")
    }
    assert fields == {
        "application_ids": [str(a.id) for a in campaign.others[:6]],
        "action": ["rejected"],
        "reason": ["Essentials not met."],
        "back": [f"/team/vacancies/{vacancy.id}?stage=applied"],
    }
    assert f"/team/vacancies/{vacancy.id}?stage=applied" in page.xpath("//a/@href")
    assert not audit("stage_changed")

    done = reviewer_client.post(
        form.get("action"),
        data={**fields, "csrf_token": form.xpath(".//input[@name='csrf_token']/@value")},
        follow_redirects=True,
    )

    assert flashes(done) == ["6 candidates rejected."]
    assert done.request.full_path == f"/team/vacancies/{vacancy.id}?stage=applied"
    for application in campaign.others[:6]:
        assert db.session.get(Application, application.id).stage == "rejected"
    assert db.session.get(Application, campaign.protected.id).stage == "applied"


def test_a_bulk_rejection_that_cannot_happen_is_not_asked_about(
    reviewer_client: FlaskClient,  # noqa: F811
    campaign: Campaign,  # noqa: F811
) -> None:
    vacancy = campaign.vacancy

    no_reason = ask_to_reject(reviewer_client, vacancy, campaign.others[:2], "")
    assert no_reason.status_code == 400
    assert (
        "Enter a reason for rejecting the candidates"
        in parse_page(no_reason).get_element_by_id("reason-error").text_content()
    )

    only_protected = ask_to_reject(reviewer_client, vacancy, [campaign.protected], "Not needed.")
    page = parse_page(only_protected)
    assert page.xpath("string(//h1)") == "Check before you confirm"
    assert "guaranteed interview scheme" in page_text(only_protected)
    assert not page.xpath("//form[.//button[starts-with(normalize-space(), 'Reject')]]")
    assert not audit("stage_changed")


def test_moving_on_in_bulk_says_moved(
    reviewer_client: FlaskClient,  # noqa: F811
    campaign: Campaign,  # noqa: F811
) -> None:
    response = reviewer_client.post(
        f"/team/vacancies/{campaign.vacancy.id}/bulk",
        data={"application_ids": [campaign.others[0].id], "action": "advance"},
        follow_redirects=True,
    )

    assert flashes(response) == ["1 candidate moved."]
    assert db.session.get(Application, campaign.others[0].id).stage == "longlisted"
