"""Every form of the candidate journey refuses bad input with an NHS.UK error summary,
keeps what was typed, and treats markup as text."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from nedmatch.domain import ELIGIBILITY_ITEMS, SKILL_AREAS
from nedmatch.extensions import db
from nedmatch.models import Candidate, Vacancy
from tests.conftest import (
    CANDIDATE_EMAIL,
    VALID_STEPS,
    as_browser_shows,
    assert_field_error,
    complete_steps,
    error_summary,
    form_values,
    page_text,
    parse_page,
    return_links,
    start_application,
    use_return_link,
)

MISSING = object()  # leave the field out of the post, as an unticked box or radio is


def _post_data(step: str, changes: dict[str, Any]) -> dict[str, Any]:
    data = dict(VALID_STEPS[step])
    for name, value in changes.items():
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def assert_kept(response: Any, data: dict[str, Any]) -> None:
    """Everything typed is back in the form, as the filters left it: trimmed, and a postcode
    in capitals."""
    shown = form_values(response)
    for name, value in data.items():
        expected = [as_browser_shows(v.strip()) for v in _as_list(value)]
        if name == "postcode":
            expected = [v.upper() for v in expected]
        assert sorted(shown.getlist(name)) == sorted(expected), name


@pytest.fixture
def application_url(client: FlaskClient, vacancy: Vacancy) -> str:
    return f"/applications/{start_application(client, vacancy)}"


LONG = "x" * 50
PHONE = "Enter a phone number, like 07700 900 982 or +44 808 157 0192"
POSTCODE = "Enter a full UK postcode, like LS1 4AP"
SUMMARY = "Your career summary must be between 50 and 5000 characters"
STATEMENT = "Your statement must be between 100 and 7000 characters"
EVIDENCE = "Evidence must be 2500 characters or fewer"
CHALLENGED = "Select yes if you would consider an organisation in recovery support"
MATCHING = "Select yes if we can match you to future vacancies"
NONE_OR_ITEMS = "Select any that apply to you, or select 'None of these apply to me'"
NOT_BOTH = "Select the items that apply to you, or 'None of these apply to me', not both"
CONFIRM = "Confirm that the information you have given is true"

# (step, changes to the valid answers, field the error is linked to, message shown)
INVALID_STEPS = [
    # About you
    ("about-you", {"first_name": ""}, "first_name", "Enter your first name"),
    ("about-you", {"last_name": "   "}, "last_name", "Enter your last name"),
    ("about-you", {"phone": MISSING}, "phone", "Enter your phone number"),
    ("about-you", {"postcode": ""}, "postcode", "Enter your postcode"),
    ("about-you", {"region": ""}, "region", "Select the NHS region you live in"),
    (
        "about-you",
        {"first_name": "A" * 101},
        "first_name",
        "First name must be 100 characters or fewer",
    ),
    (
        "about-you",
        {"last_name": "B" * 101},
        "last_name",
        "Last name must be 100 characters or fewer",
    ),
    ("about-you", {"phone": "12345"}, "phone", PHONE),
    ("about-you", {"phone": "07700 900 98x"}, "phone", PHONE),
    ("about-you", {"phone": "0" * 30}, "phone", PHONE),
    ("about-you", {"postcode": "LS1"}, "postcode", POSTCODE),
    ("about-you", {"postcode": "12345"}, "postcode", POSTCODE),
    ("about-you", {"postcode": "LS1 4AP <b>"}, "postcode", POSTCODE),
    # Experience
    ("experience", {"current_role": ""}, "current_role", "Enter your current or most recent role"),
    (
        "experience",
        {"current_role": "R" * 201},
        "current_role",
        "Your role must be 200 characters or fewer",
    ),
    ("experience", {"career_summary": ""}, "career_summary", "Summarise your career"),
    ("experience", {"career_summary": "Too short."}, "career_summary", SUMMARY),
    ("experience", {"career_summary": "c" * 5001}, "career_summary", SUMMARY),
    ("experience", {"skill_areas": MISSING}, "skill_areas", "Select at least one skill area"),
    (
        "experience",
        {"skill_areas": list(SKILL_AREAS)[:9]},
        "skill_areas",
        "Select no more than 8 skill areas",
    ),
    (
        "experience",
        {"board_experience": MISSING},
        "board_experience",
        "Select your board experience",
    ),
    (
        "experience",
        {"availability": MISSING},
        "availability",
        "Select how much time you could give",
    ),
    ("experience", {"willing_challenged": MISSING}, "willing_challenged", CHALLENGED),
    ("experience", {"consent_to_match": MISSING}, "consent_to_match", MATCHING),
    # Competencies: at least one of the six areas, none too long
    (
        "competencies",
        {"evidence_governance": "", "evidence_outcomes": "  "},
        "evidence_outcomes",
        "Give evidence for at least one of the six areas",
    ),
    ("competencies", {"evidence_governance": "g" * 2501}, "evidence_governance", EVIDENCE),
    ("competencies", {"evidence_culture": "c" * 2501}, "evidence_culture", EVIDENCE),
    # Statement
    ("statement", {"statement": ""}, "statement", "Enter your supporting statement"),
    ("statement", {"statement": "s" * 99}, "statement", STATEMENT),
    ("statement", {"statement": "s" * 7001}, "statement", STATEMENT),
    # Eligibility
    ("eligibility", {"items": MISSING}, "items", NONE_OR_ITEMS),
    (
        "eligibility",
        {"items": ["none", "bankruptcy"], "detail_bankruptcy": "Discharged."},
        "items",
        NOT_BOTH,
    ),
    (
        "eligibility",
        {"items": ["bankruptcy"], "detail_bankruptcy": ""},
        "detail_bankruptcy",
        "Tell us more about the bankruptcy, order or arrangement",
    ),
    (
        "eligibility",
        {"items": ["employee"], "detail_employee": "d" * 2001},
        "detail_employee",
        "What you tell us must be 2000 characters or fewer",
    ),
    ("eligibility", {"confirm": MISSING}, "confirm", CONFIRM),
    # Equality monitoring: every question is optional, but only the listed answers count
    ("equality", {"sex": "robot"}, "sex", "Not a valid choice."),
]


@pytest.mark.parametrize(
    ("step", "changes", "field_id", "message"),
    INVALID_STEPS,
    ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(INVALID_STEPS)],
)
def test_invalid_step_is_shown_again_with_the_error_and_the_answers(
    client: FlaskClient,
    application_url: str,
    step: str,
    changes: dict[str, Any],
    field_id: str,
    message: str,
) -> None:
    data = _post_data(step, changes)

    response = client.post(f"{application_url}/{step}", data=data)

    assert_field_error(response, field_id, message)
    assert len(error_summary(response)) == 1
    assert response.get_data(as_text=True).count("nhsuk-error-summary__heading") == 1
    assert parse_page(response).findtext(".//title").startswith("Error:")
    if step != "equality":  # an answer that is not on the list is not shown back
        assert_kept(response, data)
    # Nothing invalid was saved as the candidate's answer to the step.
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert step not in candidate.completed_steps


CONTROL_CHARACTERS = ["\x00", "\x07", "\x08", "\x1b", "\x7f"]
CONTROLLED_FIELDS = [
    ("about-you", "first_name", "First name"),
    ("about-you", "last_name", "Last name"),
    ("experience", "current_role", "What is your current or most recent role?"),
    ("experience", "career_summary", "Summarise your career"),
    ("competencies", "evidence_governance", "Providing robust governance and assurance"),
    ("statement", "statement", "Why are you applying for this role?"),
]


def _saved_answer(step: str, field: str) -> str:
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    if step == "statement":
        return str(candidate.applications[0].statement)
    if field.startswith("evidence_"):
        return str(candidate.competency_evidence[field.removeprefix("evidence_")])
    if step == "eligibility":
        return str(candidate.eligibility.item_details[field.removeprefix("detail_")])
    return str(getattr(candidate, field))


@pytest.mark.parametrize("char", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(("step", "field", "label"), CONTROLLED_FIELDS, ids=lambda v: v)
def test_control_characters_are_dropped_and_the_answer_saved(
    client: FlaskClient, application_url: str, step: str, field: str, label: str, char: str
) -> None:
    """Invisible, and PostgreSQL cannot store NUL: every form's one input filter drops them,
    and the rest of the answer is saved as typed."""
    value = VALID_STEPS[step].get(field) or "Evidence of governance work " + LONG
    data = _post_data(step, {field: value[:20] + char + value[20:]})

    response = client.post(f"{application_url}/{step}", data=data)

    assert response.status_code == 302, error_summary(response)
    assert _saved_answer(step, field) == value.strip()


@pytest.mark.parametrize("char", ["\x00", "\x1b"], ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_are_dropped_in_eligibility_details(
    client: FlaskClient, application_url: str, char: str
) -> None:
    data = _post_data(
        "eligibility", {"items": ["employee"], "detail_employee": f"I work{char} there"}
    )

    response = client.post(f"{application_url}/eligibility", data=data)

    assert response.status_code == 302, error_summary(response)
    assert _saved_answer("eligibility", "detail_employee") == "I work there"


def test_a_declared_item_with_details_is_accepted(
    client: FlaskClient, application_url: str
) -> None:
    data = _post_data(
        "eligibility", {"items": ["employee"], "detail_employee": "I am a ward nurse there."}
    )

    response = client.post(f"{application_url}/eligibility", data=data)

    assert response.status_code == 302
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert candidate.eligibility.answers["employee"] is True
    assert candidate.eligibility.item_details == {"employee": "I am a ward nurse there."}
    # The team reads the declaration whole: each item's words under the item.
    assert candidate.eligibility.details == (
        f"{ELIGIBILITY_ITEMS['employee']}:\nI am a ward nurse there."
    )


UNICODE_NAMES = [
    ("Siobhán", "Ó Súilleabháin"),
    ("李", "小龍"),
    ("محمد", "العلي"),  # right to left
    ("דוד", "כהן"),  # right to left
    ("Zoë", "O'Brien-Smith"),
    ("Nguyễn", "Thị Minh Khai"),
    ("Ａｍａｒａ", "😀" * 100),  # astral characters count once each
]


@pytest.mark.parametrize(("first", "last"), UNICODE_NAMES)
def test_names_in_any_script_are_accepted_and_shown(
    client: FlaskClient, application_url: str, first: str, last: str
) -> None:
    data = _post_data("about-you", {"first_name": first, "last_name": last})

    response = client.post(f"{application_url}/about-you", data=data)

    assert response.status_code == 302, error_summary(response)
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert (candidate.first_name, candidate.last_name) == (first, last)
    again = client.get(f"{application_url}/about-you")
    assert form_values(again).getlist("first_name") == [first]
    assert form_values(again).getlist("last_name") == [last]
    check = client.get(f"{application_url}/check")
    assert f"{first} {last}" in page_text(check)


MARKUP = '<script>alert("pwned")</script><b onmouseover="alert(1)">bold</b>'


def test_markup_in_answers_is_stored_as_text_and_shown_escaped(
    client: FlaskClient, application_url: str
) -> None:
    career = "I chaired a board. " + MARKUP + " " + LONG
    answers = {
        "about-you": _post_data(
            "about-you", {"first_name": MARKUP[:100], "last_name": "<i>Okafor</i>"}
        ),
        "experience": _post_data("experience", {"current_role": MARKUP, "career_summary": career}),
        "competencies": _post_data("competencies", {"evidence_governance": MARKUP}),
        "statement": _post_data("statement", {"statement": MARKUP + " " + "s" * 100}),
    }
    for step, data in answers.items():
        response = client.post(f"{application_url}/{step}", data=data)
        assert response.status_code == 302, (step, error_summary(response))

    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert candidate.first_name == MARKUP[:100]
    assert candidate.current_role == MARKUP
    assert candidate.career_summary == career
    assert candidate.competency_evidence["governance"] == MARKUP

    pages = [client.get(f"{application_url}/{step}") for step in answers]
    pages.append(client.get(f"{application_url}/check"))
    for page in pages:
        html = page.get_data(as_text=True)
        assert "<script>alert" not in html
        assert "<b onmouseover" not in html
        assert "<i>Okafor" not in html
    check = pages[-1].get_data(as_text=True)
    assert "&lt;script&gt;alert(" in check
    assert "&lt;i&gt;Okafor&lt;/i&gt;" in check
    # A person sees the text they typed, not formatting.
    assert 'I chaired a board. <script>alert("pwned")</script>' in page_text(pages[-1])


def test_markup_in_an_invalid_answer_is_shown_back_escaped(
    client: FlaskClient, application_url: str
) -> None:
    data = _post_data("about-you", {"first_name": MARKUP, "last_name": ""})

    response = client.post(f"{application_url}/about-you", data=data)

    assert_field_error(response, "last_name", "Enter your last name")
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert form_values(response).getlist("first_name") == [MARKUP]


# The start form (apply, join the pool) and the return form share one email field.
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
EMAIL_CASES = [
    ("", "Enter your email address"),
    ("amara.okafor", EMAIL_FORMAT),
    ("amara okafor@example.com", EMAIL_FORMAT),
    ("<script>@example.com", EMAIL_FORMAT),
    ("a" * 250 + "@example.com", "Email address must be 254 characters or fewer"),
]
EMAIL_FORMS = ["apply", "talent-pool", "return"]


def _email_form_url(which: str, vacancy: Vacancy) -> str:
    return {
        "apply": f"/vacancies/{vacancy.id}/apply",
        "talent-pool": "/talent-pool/join",
        "return": "/return",
    }[which]


@pytest.mark.parametrize(("email", "message"), EMAIL_CASES)
@pytest.mark.parametrize("which", EMAIL_FORMS)
def test_invalid_email_is_refused(
    client: FlaskClient, vacancy: Vacancy, outbox: list[Any], which: str, email: str, message: str
) -> None:
    response = client.post(_email_form_url(which, vacancy), data={"email": email})

    assert_field_error(response, "email", message)
    assert form_values(response).getlist("email") == [as_browser_shows(email.strip())]
    assert "<script>@" not in response.get_data(as_text=True)
    assert db.session.execute(db.select(Candidate)).first() is None
    assert outbox == []


@pytest.mark.parametrize("which", EMAIL_FORMS)
def test_email_forms_show_no_errors_before_anything_is_typed(
    client: FlaskClient, vacancy: Vacancy, which: str
) -> None:
    response = client.get(_email_form_url(which, vacancy))

    assert response.status_code == 200
    assert error_summary(response) == []


def test_email_address_is_stored_in_lower_case_without_spaces(
    client: FlaskClient, vacancy: Vacancy
) -> None:
    response = client.post(
        f"/vacancies/{vacancy.id}/apply", data={"email": "  Amara.Okafor@Example.COM "}
    )

    assert response.status_code == 302
    assert db.session.execute(db.select(Candidate.email)).scalar_one() == CANDIDATE_EMAIL


def test_a_draft_typed_on_an_invalid_post_is_kept(
    client: FlaskClient, application_url: str
) -> None:
    typed = {
        "first_name": "Siobhán",
        "last_name": "",
        "phone": "0770",
        "postcode": "ls1 4ap",
        "region": "london",
    }
    response = client.post(f"{application_url}/about-you", data=typed)
    assert response.status_code == 200
    assert len(error_summary(response)) == 2  # last name and phone

    later = client.get(f"{application_url}/about-you")

    assert later.status_code == 200
    shown = form_values(later)
    assert shown["first_name"] == "Siobhán"
    assert shown["phone"] == "0770"
    assert shown["postcode"] == "LS1 4AP"
    assert shown["region"] == "london"
    # Coming back to a draft is not a new mistake: no error summary until the next post.
    assert error_summary(later) == []


def test_a_draft_of_checkboxes_and_radios_is_kept(
    client: FlaskClient, application_url: str
) -> None:
    complete_steps(client, application_url, ["about-you"])
    typed = _post_data(
        "experience",
        {"career_summary": "Too short", "skill_areas": ["legal", "digital"], "availability": "5-8"},
    )
    assert client.post(f"{application_url}/experience", data=typed).status_code == 200

    shown = form_values(client.get(f"{application_url}/experience"))

    assert shown.getlist("skill_areas") == ["digital", "legal"]  # in the order of the list
    assert shown["availability"] == "5-8"
    assert shown["career_summary"] == "Too short"


def test_a_draft_survives_a_new_session_through_a_return_link(
    app: Any, client: FlaskClient, application_url: str, outbox: list[Any]
) -> None:
    typed = {"first_name": "李", "last_name": "小龍", "phone": "07700 900 982", "postcode": "X"}
    assert client.post(f"{application_url}/about-you", data=typed).status_code == 200
    link = return_links(outbox, CANDIDATE_EMAIL)[-1]

    other_browser = app.test_client()
    assert other_browser.get(f"{application_url}/about-you").status_code == 302
    assert use_return_link(other_browser, link).status_code == 302
    shown = form_values(other_browser.get(f"{application_url}/about-you"))

    assert (shown["first_name"], shown["last_name"], shown["postcode"]) == ("李", "小龍", "X")


def test_a_valid_post_replaces_the_draft(client: FlaskClient, application_url: str) -> None:
    client.post(f"{application_url}/about-you", data={"first_name": "Draft", "last_name": ""})
    complete_steps(client, application_url, ["about-you"])

    shown = form_values(client.get(f"{application_url}/about-you"))

    assert shown["first_name"] == VALID_STEPS["about-you"]["first_name"]
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert "about-you" not in (candidate.draft_data or {})


def test_steps_that_do_not_exist_are_not_found(client: FlaskClient, application_url: str) -> None:
    # A talent pool profile has no supporting statement: that belongs to an application.
    assert client.get("/profile/statement").status_code == 404
    assert client.get("/profile/no-such-step").status_code == 404
    assert client.get(f"{application_url}/no-such-step").status_code == 404
