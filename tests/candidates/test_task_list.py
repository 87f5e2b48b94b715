"""The application as a task list: sections in any order, each returning to the list with
its status, checking and submitting only once the required sections are complete, and
applications begun before the task list carrying on where they were."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from nedmatch.candidates.journey import STEPS
from nedmatch.extensions import db
from nedmatch.models import Application, Candidate, Vacancy
from tests.conftest import (
    VALID_STEPS,
    complete_steps,
    error_summary,
    form_values,
    page_text,
    parse_page,
    start_application,
    task_statuses,
)

TITLES = {step.slug: step.title for step in STEPS}
REQUIRED = [s.slug for s in STEPS if not s.optional]
CHECK = "Check your answers and submit"


@pytest.fixture
def base(client: FlaskClient, vacancy: Vacancy) -> str:
    return f"/applications/{start_application(client, vacancy)}"


def statuses(client: FlaskClient, base: str) -> dict[str, str]:
    return task_statuses(client.get(base))


def check_link(client: FlaskClient, base: str) -> list[str]:
    page = parse_page(client.get(base))
    return page.xpath(f"//a[normalize-space()='{CHECK}']/@href")


def test_a_new_application_starts_at_its_task_list(client: FlaskClient, base: str) -> None:
    page = client.get(base)

    assert statuses(client, base) == {
        **{title: "Not yet started" for title in TITLES.values()},
        CHECK: "Cannot start yet",
    }
    text = page_text(page)
    assert "Application incomplete" in text
    assert "You have completed 0 of 7 sections." in text
    assert "Complete the sections above first" in text
    # A section is a link to its page; checking is not a link until it can start.
    links = parse_page(page).xpath("//ul[contains(@class, 'nhsuk-task-list')]//a/@href")
    assert links == [f"{base}/{slug}" for slug in TITLES]
    assert check_link(client, base) == []


def test_sections_can_be_done_in_any_order_and_each_returns_to_the_list(
    client: FlaskClient, base: str
) -> None:
    order = ["eligibility", "statement", "about-you", "competencies", "experience"]
    for done, slug in enumerate(order, start=1):
        response = client.post(f"{base}/{slug}", data=VALID_STEPS[slug])

        assert response.status_code == 302, error_summary(response)
        assert response.location == base
        shown = statuses(client, base)
        assert [t for t, s in shown.items() if s == "Completed"] == [
            TITLES[s] for s in TITLES if s in order[:done]
        ]
        assert f"You have completed {done} of 7 sections." in page_text(client.get(base))


def test_checking_can_start_once_the_required_sections_are_complete(
    client: FlaskClient, base: str
) -> None:
    complete_steps(client, base, REQUIRED[:-1])
    assert statuses(client, base)[CHECK] == "Cannot start yet"

    complete_steps(client, base, REQUIRED[-1:])

    shown = statuses(client, base)
    assert shown[CHECK] == "Not yet started"
    # The CV and equality monitoring are optional: they need not be opened first.
    assert shown[TITLES["cv"]] == shown[TITLES["equality"]] == "Not yet started"
    assert check_link(client, base) == [f"{base}/check"]
    assert "Application ready to check" in page_text(client.get(base))


def test_an_application_can_be_submitted_without_its_optional_sections(
    client: FlaskClient, base: str
) -> None:
    complete_steps(client, base, REQUIRED)
    check = client.get(f"{base}/check")
    text = page_text(check)
    assert "You have not finished these optional sections" in text
    assert "You have not finished these sections" not in text
    optional = parse_page(check).xpath(
        "//p[contains(., 'optional sections')]/following-sibling::ul[1]//a"
    )
    assert [(a.text_content(), a.get("href")) for a in optional] == [
        (TITLES["cv"], f"{base}/cv?change=1"),
        (TITLES["equality"], f"{base}/equality?change=1"),
    ]

    response = client.post(f"{base}/check")

    assert response.location == f"{base}/confirmation"
    application = db.session.execute(db.select(Application)).scalar_one()
    assert application.stage == "applied"


def test_the_check_page_lists_unfinished_sections_with_links_and_no_submit_button(
    client: FlaskClient, base: str
) -> None:
    complete_steps(client, base, ["about-you", "statement"])

    check = client.get(f"{base}/check")

    page = parse_page(check)
    callout = page.xpath("//*[contains(@class, 'nhsuk-card--warning')]")[0]
    assert "You have not finished these sections" in callout.text_content()
    assert [(a.text_content(), a.get("href")) for a in callout.xpath(".//li/a")] == [
        (TITLES[slug], f"{base}/{slug}?change=1")
        for slug in ("experience", "competencies", "eligibility")
    ]
    assert not page.xpath("//button[normalize-space()='Submit application']")
    # And under each unfinished section's heading, a link to finish it.
    links = page.xpath("//h2/following-sibling::*[1][contains(@class, 'nhsuk-card--warning')]//a")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        (f"Complete {TITLES[slug].lower()}", f"{base}/{slug}?change=1")
        for slug in ("experience", "competencies", "eligibility")
    ]
    back = page.xpath("//a[contains(@class, 'nhsuk-back-link')]/@href")
    assert back == [base]


def test_typed_answers_not_yet_valid_leave_a_section_in_progress(
    client: FlaskClient, base: str
) -> None:
    complete_steps(client, base, REQUIRED)
    assert statuses(client, base)[CHECK] == "Not yet started"

    # A change that does not validate: kept as typed, but not saved as the answer.
    typed = {**VALID_STEPS["about-you"], "phone": "0770"}
    assert client.post(f"{base}/about-you", data=typed).status_code == 200

    shown = statuses(client, base)
    assert shown["About you"] == "In progress"
    assert shown[CHECK] == "Cannot start yet"
    assert form_values(client.get(f"{base}/about-you"))["phone"] == "0770"
    # Submitting now would send the answers saved before, not the ones last typed.
    refused = client.post(f"{base}/check")
    assert error_summary(refused) == [("", "Complete these sections first: About you")]

    complete_steps(client, base, ["about-you"])
    assert statuses(client, base)["About you"] == "Completed"
    assert client.post(f"{base}/check").location == f"{base}/confirmation"


def test_a_section_opened_from_the_check_page_returns_there(client: FlaskClient, base: str) -> None:
    complete_steps(client, base, REQUIRED)
    page = client.get(f"{base}/about-you?change=1")
    back = parse_page(page).xpath("//a[contains(@class, 'nhsuk-back-link')]/@href")
    assert back == [f"{base}/check"]

    response = client.post(f"{base}/about-you?change=1", data=VALID_STEPS["about-you"])

    assert response.location == f"{base}/check"


def test_a_section_page_goes_back_to_the_task_list(client: FlaskClient, base: str) -> None:
    page = client.get(f"{base}/experience")

    back = parse_page(page).xpath("//a[contains(@class, 'nhsuk-back-link')]/@href")
    assert back == [base]
    assert "Step " not in page_text(page)  # the sections have no fixed order


def test_a_submitted_application_has_no_task_list(client: FlaskClient, base: str) -> None:
    complete_steps(client, base, REQUIRED)
    client.post(f"{base}/check")

    response = client.get(base)

    assert response.location == "/my-applications"
    assert "You have already submitted this application." in page_text(
        client.get(response.location)
    )


def test_the_talent_pool_profile_has_its_own_task_list(client: FlaskClient) -> None:
    client.post("/talent-pool/join", data={"email": "pool.member@example.com"})

    shown = task_statuses(client.get("/profile"))

    assert TITLES["statement"] not in shown
    assert shown["Check your answers and join"] == "Cannot start yet"
    complete_steps(client, "/profile", [s for s in REQUIRED if s != "statement"])
    assert task_statuses(client.get("/profile"))["Check your answers and join"] == (
        "Not yet started"
    )


def test_an_application_begun_before_the_task_list_carries_on(
    client: FlaskClient, base: str
) -> None:
    """Steps completed and a half-typed step, saved as the step-by-step journey saved
    them, show on the task list; the half-typed answers are still on their page."""
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    complete_steps(client, base, ["about-you", "experience"])
    candidate.draft_data = {"competencies": {"evidence_governance": ["Half a sentence"]}}
    db.session.commit()

    shown = statuses(client, base)

    assert shown["About you"] == shown[TITLES["experience"]] == "Completed"
    assert shown[TITLES["competencies"]] == "In progress"
    assert shown[TITLES["statement"]] == "Not yet started"
    values = form_values(client.get(f"{base}/competencies"))
    assert values["evidence_governance"] == "Half a sentence"
    # Its steps' addresses are the same as before.
    assert client.get(f"{base}/statement").status_code == 200
