"""A candidate works through the application's task list out of order, answers the ethnicity
questions in their two parts, and sees a "Tell us more" box appear only when they tick the
item it belongs to (and go when they untick it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_apply import (
    CheckPage,
    answer_radio,
    continue_,
    expect_task_list,
    fill_about_you,
    fill_competencies,
    fill_experience,
    fill_statement,
    open_section,
    section_status,
    start_application,
    vacancy_title,  # noqa: F401 - a fixture, used by name
)

pytestmark = pytest.mark.browser

PRISON = "I have received a prison sentence (including a suspended sentence) of 3 months or more in the last 5 years"
WHITE_BACKGROUND = "Which of the following best describes your White background?"


def test_sections_out_of_order_with_the_two_ethnicity_questions_and_a_reveal(
    page: Page,
    vacancy_title: str,  # noqa: F811
    check_page: CheckPage,
) -> None:
    page.goto("/vacancies")
    page.get_by_role("link", name=vacancy_title).click()
    start_application(page, "out-of-order@example.com")

    # Declarations first: "Tell us more" shows only under an item that is ticked.
    open_section(page, "Eligibility declarations")
    tell_us = page.get_by_label("Tell us more about the sentence")
    expect(tell_us).to_be_hidden()
    check_page(page, "eligibility")
    page.get_by_label(PRISON).check()
    expect(tell_us).to_be_visible()
    expect(page.get_by_label("Tell us more about the dismissal")).to_be_hidden()
    check_page(page, "eligibility-revealed")
    page.get_by_label(PRISON).uncheck()
    expect(tell_us).to_be_hidden()
    page.get_by_label(PRISON).check()
    page.get_by_label("I confirm that the information I have given is true and complete").check()
    continue_(page)
    # Ticked and left empty: the error is on the box, which is open.
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text("Tell us more about the sentence")
    expect(tell_us).to_be_visible()
    tell_us.fill("A suspended sentence in 2022 for a driving offence.")
    continue_(page)
    expect_task_list(page)
    assert section_status(page, "Eligibility declarations") == "Completed"
    assert section_status(page, "About you") == "Not yet started"

    # Then equality monitoring: the group, then the background within it.
    open_section(page, "Equality monitoring (optional)")
    answer_radio(page, "What is your ethnic group?", "White")
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(WHITE_BACKGROUND)
    describe = page.get_by_label("How would you describe your background? (optional)")
    expect(describe).to_be_hidden()
    answer_radio(page, WHITE_BACKGROUND, "Any other White background")
    expect(describe).to_be_visible()
    describe.fill("Polish")
    check_page(page, "ethnic-background")
    page.get_by_role("link", name="Back", exact=True).click()
    expect(
        page.get_by_role("group", name="What is your ethnic group?").get_by_label(
            "White", exact=True
        )
    ).to_be_checked()
    continue_(page)
    answer_radio(page, WHITE_BACKGROUND, "Any other White background")
    page.get_by_label("How would you describe your background? (optional)").fill("Polish")
    continue_(page)
    expect_task_list(page)
    assert section_status(page, "Equality monitoring (optional)") == "Completed"
    assert section_status(page, "Check your answers and submit") == "Cannot start yet"

    # The rest, last section first.
    for title, fill in [
        ("Your supporting statement", fill_statement),
        ("Evidence against the board competency framework", fill_competencies),
        ("Your experience and skills", fill_experience),
        ("About you", fill_about_you),
    ]:
        open_section(page, title)
        fill(page)
        continue_(page)
        expect_task_list(page)
        assert section_status(page, title) == "Completed"

    # The CV is optional: checking can start without it.
    assert section_status(page, "Upload your CV (optional)") == "Not yet started"
    assert section_status(page, "Check your answers and submit") == "Not yet started"
    check_page(page, "task-list-ready")
    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    answers = page.locator("main")
    expect(answers).to_contain_text("A suspended sentence in 2022 for a driving offence.")
    expect(answers).to_contain_text("You have not finished these optional sections")
    expect(page.get_by_text("Polish")).to_have_count(0)  # monitoring answers are not echoed
    check_page(page, "check-answers")
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".nhsuk-panel").get_by_role("heading")).to_have_text(
        "Application submitted"
    )
