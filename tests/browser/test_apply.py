"""A candidate applies for a board role in a real browser, as a person would: finding the
vacancy, typing into labelled fields, making a mistake and fixing it, and coming back later."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from nedmatch.domain import (
    AVAILABILITY,
    BOARD_EXPERIENCE,
    COMPETENCY_DOMAINS,
    MONITORING_QUESTIONS,
    REGIONS,
    SKILL_AREAS,
)
from nedmatch.services.platform import notifications
from tests.conftest import VALID_STEPS, make_organisation, make_vacancy

from .conftest import LiveServer

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"NED-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
ABOUT = VALID_STEPS["about-you"]
EXPERIENCE = VALID_STEPS["experience"]
TITLE = "Non-executive director and chair of the audit committee"

CheckPage = Callable[..., None]


@pytest.fixture
def vacancy_title(live_server: LiveServer) -> str:
    """The vacancy to apply for, and another in a different region that the filter hides."""

    def make() -> object:
        make_vacancy(
            make_organisation(name="Royal Cornwall Hospitals NHS Trust", region="south-west"),
            title="Non-executive director with digital experience",
            role_type="ned",
        )
        return make_vacancy(title=TITLE)

    (title,) = live_server.run(make, "title")
    return title


@pytest.fixture
def cv_file(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Curriculum vitae", level=1)
    document.add_paragraph(
        "Finance Director, Aire Valley Housing Association, 2016 to now. Led the finance, "
        "audit and risk functions and reported to the board's audit committee."
    )
    document.add_paragraph("Chartered accountant (ICAEW), 2004.")
    path = tmp_path / "sample-cv.docx"
    document.save(str(path))
    return path


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def expect_step(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # The NHS.UK scripts (character counts, the file drop zone) change the page as it
    # loads; a person sees it once they have run.
    page.wait_for_load_state()


def expect_task_list(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")


def open_section(page: Page, title: str) -> None:
    """From the task list: the section's link, then its page."""
    expect_task_list(page)
    page.locator(".nhsuk-task-list").get_by_role("link", name=title, exact=True).click()
    expect_step(page, title)


def section_status(page: Page, title: str) -> str:
    row = page.locator(".nhsuk-task-list__item").filter(has_text=title)
    return " ".join(row.locator(".nhsuk-task-list__status").inner_text().split())


def start_application(page: Page, email: str) -> None:
    """From the vacancy page: Apply, then give an email address: the application's task
    list."""
    page.get_by_role("button", name="Apply for this role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for this role")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Start").click()
    expect_task_list(page)


def fill_about_you(page: Page, postcode: str = ABOUT["postcode"]) -> None:
    page.get_by_label("First name").fill(ABOUT["first_name"])
    page.get_by_label("Last name").fill(ABOUT["last_name"])
    page.get_by_label("Phone number").fill(ABOUT["phone"])
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Which NHS region do you live in?").select_option(
        label=REGIONS[ABOUT["region"]]
    )


def answer_radio(page: Page, question: str | re.Pattern[str], answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def fill_experience(page: Page) -> None:
    page.get_by_label("What is your current or most recent role?").fill(EXPERIENCE["current_role"])
    page.get_by_label("Summarise your career").fill(EXPERIENCE["career_summary"])
    skills = page.get_by_role("group", name="Which skill areas can you bring to a board?")
    for skill in EXPERIENCE["skill_areas"]:
        skills.get_by_label(SKILL_AREAS[skill], exact=True).check()
    answer_radio(
        page,
        "What board experience do you have?",
        BOARD_EXPERIENCE[EXPERIENCE["board_experience"]],
    )
    answer_radio(
        page, "How much time could you give a board?", AVAILABILITY[EXPERIENCE["availability"]]
    )
    answer_radio(page, re.compile("organisation in national recovery support"), "Yes")
    answer_radio(page, re.compile("match you to other board vacancies"), "Yes")


def fill_competencies(page: Page) -> None:
    evidence = VALID_STEPS["competencies"]
    page.get_by_label(COMPETENCY_DOMAINS["governance"]).fill(evidence["evidence_governance"])
    page.get_by_label(COMPETENCY_DOMAINS["outcomes"]).fill(evidence["evidence_outcomes"])


def fill_statement(page: Page) -> None:
    page.get_by_label("Why are you applying for this role?").fill(
        VALID_STEPS["statement"]["statement"]
    )
    page.get_by_role("group", name="guaranteed interview scheme").get_by_label("No").check()


def upload_cv(page: Page, path: Path) -> None:
    """Choose the file as a person would: the label opens the file chooser, whether the
    NHS.UK script has turned the input into a drop zone button or not."""
    with page.expect_file_chooser() as chooser:
        page.get_by_label("Upload a file").click()
    chooser.value.set_files(path)


def fill_eligibility(page: Page) -> None:
    page.get_by_label("None of these apply to me").check()
    page.get_by_label("I confirm that the information I have given is true and complete").check()


def fill_equality(page: Page) -> None:
    """The equality page, then the background within the ethnic group on the next."""
    answer_radio(page, "What is your sex?", "Female")
    answer_radio(page, "What is your ethnic group?", "Black, Black British, Caribbean or African")
    answer_radio(page, re.compile("physical or mental health condition"), "Prefer not to say")
    continue_(page)
    background = "Which of the following best describes your Black, Black British, Caribbean or African background?"
    expect(page.get_by_role("heading", level=1)).to_have_text(background)
    answer_radio(page, background, "African")


def submit_and_read_reference(page: Page) -> str:
    page.get_by_role("button", name="Submit application").click()
    panel = page.locator(".nhsuk-panel")
    expect(panel.get_by_role("heading")).to_have_text("Application submitted")
    match = REFERENCE.search(panel.inner_text())
    assert match, panel.inner_text()
    return match.group()


def emails_to(address: str) -> list[notifications.Email]:
    return [email for email in notifications.outbox if email.to == address]


def test_apply_journey(
    page: Page, vacancy_title: str, cv_file: Path, check_page: CheckPage
) -> None:
    email = "amara.okafor@example.com"

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Serve on an NHS board")
    check_page(page, "home")
    page.get_by_role("link", name="Find a board vacancy (2 open)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Board vacancies")
    page.get_by_label("Region").select_option(label=REGIONS["north-east-and-yorkshire"])
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 vacancy open for applications.")).to_be_visible()
    check_page(page, "vacancies-filtered")
    page.get_by_role("link", name=vacancy_title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(vacancy_title)
    check_page(page, "vacancy")
    page.get_by_role("button", name="Apply for this role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for this role")
    check_page(page, "start")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Start").click()

    # The task list: every section to do, in any order, and nothing to check yet.
    expect_task_list(page)
    assert section_status(page, "About you") == "Not yet started"
    assert section_status(page, "Check your answers and submit") == "Cannot start yet"
    check_page(page, "task-list")

    # About you, first with a postcode that is not one: the error summary takes the focus
    # and everything typed is still there.
    open_section(page, "About you")
    fill_about_you(page, postcode="Leeds")
    check_page(page, "about-you")
    continue_(page)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text("Enter a full UK postcode, like LS1 4AP")
    expect(page).to_have_title(re.compile(r"^Error: About you"))
    expect(page.get_by_label("First name")).to_have_value(ABOUT["first_name"])
    expect(page.get_by_label("Phone number")).to_have_value(ABOUT["phone"])
    expect(page.get_by_label("Postcode")).to_have_value("LEEDS")
    expect(page.get_by_label("Which NHS region do you live in?")).to_have_value(ABOUT["region"])
    check_page(page, "about-you-error")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Postcode")).to_be_focused()
    page.get_by_label("Postcode").fill(ABOUT["postcode"])
    continue_(page)
    expect_task_list(page)
    assert section_status(page, "About you") == "Completed"

    open_section(page, "Your experience and skills")
    fill_experience(page)
    check_page(page, "experience")
    continue_(page)

    open_section(page, "Evidence against the board competency framework")
    fill_competencies(page)
    check_page(page, "competencies")
    continue_(page)

    open_section(page, "Your supporting statement")
    page.get_by_text("Criteria for this role").click()
    expect(page.get_by_text("A professional accountancy qualification")).to_be_visible()
    fill_statement(page)
    check_page(page, "statement")
    continue_(page)

    open_section(page, "Upload your CV (optional)")
    upload_cv(page, cv_file)
    check_page(page, "cv")
    continue_(page)

    open_section(page, "Eligibility declarations")
    fill_eligibility(page)
    check_page(page, "eligibility")
    continue_(page)

    open_section(page, "Equality monitoring (optional)")
    check_page(page, "equality")
    fill_equality(page)
    check_page(page, "ethnic-background")
    continue_(page)

    expect_task_list(page)
    check_page(page, "task-list-done")
    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    answers = page.locator("main")
    expect(answers).to_contain_text(f"{ABOUT['first_name']} {ABOUT['last_name']}")
    expect(answers).to_contain_text("LS1 4AP")
    expect(answers).to_contain_text("Accountancy, Audit and risk, Finance")
    expect(answers).to_contain_text("sample-cv.docx")
    expect(answers).to_contain_text("None of these apply to me")
    expect(answers).to_contain_text(f"3 of {len(MONITORING_QUESTIONS)}")
    expect(page.get_by_text("Not finished")).to_have_count(0)
    check_page(page, "check-answers")

    reference = submit_and_read_reference(page)
    expect(page.get_by_text(f"We have sent a confirmation email to {email}")).to_be_visible()
    check_page(page, "confirmation")

    confirmations = [e for e in emails_to(email) if reference in e.subject]
    assert len(confirmations) == 1, notifications.outbox
    assert confirmations[0].subject == f"Application received: {vacancy_title} ({reference})"
    assert f"Your reference number is {reference}." in confirmations[0].body


def test_apply_journey_without_javascript(
    new_context: Callable[..., BrowserContext],
    vacancy_title: str,
    cv_file: Path,
    check_page: CheckPage,
) -> None:
    """Everything works as plain HTML forms: errors, the exclusive 'none' checkbox and the
    file upload do not depend on scripts."""
    email = "no-javascript@example.com"
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/vacancies")
    page.get_by_role("link", name=vacancy_title).click()
    start_application(page, email)

    open_section(page, "About you")
    fill_about_you(page)
    page.get_by_label("Phone number").fill("")
    continue_(page)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text("Enter your phone number")
    expect(page.get_by_label("First name")).to_have_value(ABOUT["first_name"])
    check_page(page, "about-you-error", axe=False)
    page.get_by_label("Phone number").fill(ABOUT["phone"])
    continue_(page)

    for title, fill in [
        ("Your experience and skills", fill_experience),
        ("Evidence against the board competency framework", fill_competencies),
        ("Your supporting statement", fill_statement),
        ("Upload your CV (optional)", lambda p: upload_cv(p, cv_file)),
        ("Eligibility declarations", fill_eligibility),
        ("Equality monitoring (optional)", fill_equality),
    ]:
        open_section(page, title)
        fill(page)
        continue_(page)

    expect_task_list(page)
    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator("main")).to_contain_text("sample-cv.docx")
    check_page(page, "check-answers", axe=False)
    reference = submit_and_read_reference(page)
    check_page(page, "confirmation", axe=False)
    assert any(reference in e.subject for e in emails_to(email)), notifications.outbox


def test_save_and_return(
    new_context: Callable[..., BrowserContext], vacancy_title: str, check_page: CheckPage
) -> None:
    email = "comes-back-later@example.com"
    page = new_context().new_page()
    page.goto("/vacancies")
    page.get_by_role("link", name=vacancy_title).click()
    start_application(page, email)
    open_section(page, "About you")
    fill_about_you(page)
    continue_(page)

    # Half way through a step: some answers typed, others not yet.
    open_section(page, "Your experience and skills")
    page.get_by_label("What is your current or most recent role?").fill(EXPERIENCE["current_role"])
    page.get_by_label(SKILL_AREAS["finance"], exact=True).check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress is saved")
    expect(page.get_by_text(f"We have emailed a link to {email}")).to_be_visible()
    check_page(page, "saved")
    page.context.close()

    saved = [e for e in emails_to(email) if "You saved your progress" in e.body]
    assert len(saved) == 1, notifications.outbox
    link = re.search(r"http://\S+/return/\S+", saved[0].body)
    assert link, saved[0].body

    # Another browser, with none of the first one's cookies, as on another device.
    page = new_context().new_page()
    page.goto(link.group())
    # Opening the link signs nobody in: the page asks first, and its button does.
    expect(page.get_by_role("heading", level=1)).to_have_text("Continue as c...@example.com?")
    check_page(page, "return-link")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
    check_page(page, "my-applications")
    page.get_by_role("link", name=f"Continue application for {vacancy_title}").click()

    # Back at the task list: what was saved, and the section left half done.
    expect_task_list(page)
    assert section_status(page, "About you") == "Completed"
    assert section_status(page, "Your experience and skills") == "In progress"
    open_section(page, "Your experience and skills")
    expect(page.get_by_label("What is your current or most recent role?")).to_have_value(
        EXPERIENCE["current_role"]
    )
    expect(page.get_by_label(SKILL_AREAS["finance"], exact=True)).to_be_checked()
    expect(page.get_by_label(SKILL_AREAS["accountancy"], exact=True)).not_to_be_checked()
    check_page(page, "experience-resumed")

    page.get_by_role("link", name="Back", exact=True).click()  # not "give your feedback"
    open_section(page, "About you")
    expect(page.get_by_label("Last name")).to_have_value(ABOUT["last_name"])
    expect(page.get_by_label("Postcode")).to_have_value(ABOUT["postcode"].upper())
    continue_(page)

    open_section(page, "Your experience and skills")
    fill_experience(page)
    continue_(page)
    expect_task_list(page)
    assert section_status(page, "Your experience and skills") == "Completed"
