"""Ethnicity asked in two parts, as the GOV.UK equality information pattern does: the broad
group on the equality page, then the background within it on a page of its own. What is
stored for the reports is the background, as before, so they count the same."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.diversity import DisclosurePolicy, Scope
from nedmatch.diversity.records import STAGES
from nedmatch.domain import (
    ETHNIC_GROUPS,
    ETHNICITY_BROAD,
    ETHNICITY_DESCRIPTION,
    MONITORING_QUESTIONS,
)
from nedmatch.extensions import db
from nedmatch.models import Candidate, Vacancy
from nedmatch.services import reporting
from nedmatch.services.applications import monitoring
from nedmatch.services.privacy import erasure
from nedmatch.services.privacy.export import candidate_data
from tests.conftest import (
    assert_field_error,
    form_values,
    page_text,
    parse_page,
    start_application,
    task_statuses,
)
from tests.reports.conftest import make_person

BACKGROUND = "ethnic-background"
ASIAN_QUESTION = "Which of the following best describes your Asian or Asian British background?"


@pytest.fixture
def base(client: FlaskClient, vacancy: Vacancy) -> str:
    return f"/applications/{start_application(client, vacancy)}"


def stored() -> dict[str, str]:
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    return monitoring.answers_for(candidate.id)


def radio_labels(response: object, name: str) -> list[str]:
    page = parse_page(response)  # type: ignore[arg-type]
    return [
        " ".join(label.text_content().split())
        for label in page.xpath(f"//input[@name='{name}']/following-sibling::label")
    ]


def test_the_equality_page_asks_the_broad_group_not_the_19_backgrounds(
    client: FlaskClient, base: str
) -> None:
    page = client.get(f"{base}/equality")

    assert radio_labels(page, ETHNICITY_BROAD) == [
        "Asian or Asian British",
        "Black, Black British, Caribbean or African",
        "Mixed or multiple ethnic groups",
        "White",
        "Other ethnic group",
        "Prefer not to say",
    ]
    assert radio_labels(page, "ethnicity") == []
    assert "What is your ethnic group?" in page_text(page)


def test_a_group_leads_to_its_backgrounds_and_the_background_is_stored(
    client: FlaskClient, base: str
) -> None:
    response = client.post(f"{base}/equality", data={"sex": "male", ETHNICITY_BROAD: "asian"})

    assert response.location == f"{base}/equality/{BACKGROUND}"
    page = client.get(response.location)
    assert parse_page(page).xpath("string(//h1)").strip() == ASIAN_QUESTION
    assert radio_labels(page, "ethnicity") == [
        "Bangladeshi",
        "Chinese",
        "Indian",
        "Pakistani",
        "Any other Asian background",
        "Prefer not to say",
    ]
    # The section is finished on the second page.
    assert task_statuses(client.get(base))["Equality monitoring (optional)"] == "In progress"

    response = client.post(f"{base}/equality/{BACKGROUND}", data={"ethnicity": "indian"})

    assert response.location == base
    # Stored as the one-question form stored it: the reports read the same value.
    assert stored() == {"sex": "male", "ethnicity": "indian"}
    assert task_statuses(client.get(base))["Equality monitoring (optional)"] == "Completed"
    shown = form_values(client.get(f"{base}/equality"))
    assert shown[ETHNICITY_BROAD] == "asian"


def test_a_background_from_another_group_is_refused(client: FlaskClient, base: str) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "white"})

    response = client.post(f"{base}/equality/{BACKGROUND}", data={"ethnicity": "indian"})

    assert_field_error(response, "ethnicity", "Not a valid choice.")
    assert "ethnicity" not in stored()


def test_prefer_not_to_say_the_group_asks_nothing_more(client: FlaskClient, base: str) -> None:
    response = client.post(f"{base}/equality", data={ETHNICITY_BROAD: "prefer-not-to-say"})

    assert response.location == base
    assert stored() == {"ethnicity": "prefer-not-to-say"}
    # With no group, the second page sends the candidate to the first.
    assert client.get(f"{base}/equality/{BACKGROUND}").location == f"{base}/equality"
    assert form_values(client.get(f"{base}/equality"))[ETHNICITY_BROAD] == "prefer-not-to-say"


def test_a_group_with_prefer_not_to_say_for_the_background_keeps_the_group(
    client: FlaskClient, base: str
) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "mixed"})

    client.post(f"{base}/equality/{BACKGROUND}", data={"ethnicity": "prefer-not-to-say"})

    assert stored() == {"ethnicity": "prefer-not-to-say", ETHNICITY_BROAD: "mixed"}
    assert form_values(client.get(f"{base}/equality"))[ETHNICITY_BROAD] == "mixed"
    # The ethnicity question counts as answered.
    check = page_text(client.get(f"{base}/check"))
    assert f"Questions answered 1 of {len(MONITORING_QUESTIONS)}" in check


def test_any_other_background_reveals_a_box_to_describe_it(client: FlaskClient, base: str) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "white"})
    page = parse_page(client.get(f"{base}/equality/{BACKGROUND}"))

    other = page.xpath("//input[@name='ethnicity'][@value='other-white']")[0]
    reveal = page.get_element_by_id(other.get("data-aria-controls"))
    assert reveal.xpath(".//input[@name='description']")
    assert "nhsuk-radios__conditional--hidden" in reveal.get("class")
    # No other background reveals anything.
    assert len(page.xpath("//input[@name='ethnicity'][@data-aria-controls]")) == 1

    client.post(
        f"{base}/equality/{BACKGROUND}",
        data={"ethnicity": "other-white", "description": "  Polish  "},
    )

    assert stored() == {"ethnicity": "other-white", ETHNICITY_DESCRIPTION: "Polish"}
    page = parse_page(client.get(f"{base}/equality/{BACKGROUND}"))
    reveal = page.get_element_by_id("conditional-ethnicity-5")
    assert "nhsuk-radios__conditional--hidden" not in reveal.get("class")
    assert reveal.xpath("string(.//input[@name='description']/@value)") == "Polish"


def test_a_description_with_another_background_is_not_kept(client: FlaskClient, base: str) -> None:
    """Without JavaScript the box shows under "Any other" whatever is chosen: words typed
    there and left are not kept with a background they do not describe."""
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "white"})

    client.post(
        f"{base}/equality/{BACKGROUND}", data={"ethnicity": "irish", "description": "Polish"}
    )

    assert stored() == {"ethnicity": "irish"}


def test_a_description_that_is_too_long_is_refused_and_shown_again(
    client: FlaskClient, base: str
) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "other"})
    long = "d" * 101

    response = client.post(
        f"{base}/equality/{BACKGROUND}", data={"ethnicity": "any-other", "description": long}
    )

    assert_field_error(response, "description", "Your description must be 100 characters or fewer")
    assert form_values(response)["description"] == long


def test_a_new_group_drops_the_old_background_and_the_same_group_keeps_it(
    client: FlaskClient, base: str
) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "asian"})
    client.post(
        f"{base}/equality/{BACKGROUND}", data={"ethnicity": "other-asian", "description": "Nepali"}
    )

    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "asian", "sex": "female"})
    assert stored() == {
        "sex": "female",
        "ethnicity": "other-asian",
        ETHNICITY_DESCRIPTION: "Nepali",
    }
    assert form_values(client.get(f"{base}/equality/{BACKGROUND}"))["ethnicity"] == "other-asian"

    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "black", "sex": "female"})
    assert stored() == {"sex": "female", ETHNICITY_BROAD: "black"}


def test_a_background_posted_by_the_one_question_form_is_still_taken(
    client: FlaskClient, base: str
) -> None:
    """A page opened before the change posts the background itself: it is kept and the
    section is complete, with no second question."""
    response = client.post(f"{base}/equality", data={"ethnicity": "african", "sex": "female"})

    assert response.location == base
    assert stored() == {"ethnicity": "african", "sex": "female"}
    assert task_statuses(client.get(base))["Equality monitoring (optional)"] == "Completed"


def test_a_change_from_the_check_page_goes_through_both_questions_and_back(
    client: FlaskClient, base: str
) -> None:
    response = client.post(f"{base}/equality?change=1", data={ETHNICITY_BROAD: "black"})
    assert response.location == f"{base}/equality/{BACKGROUND}?change=1"
    back = parse_page(client.get(response.location)).xpath(
        "//a[contains(@class, 'nhsuk-back-link')]/@href"
    )
    assert back == [f"{base}/equality?change=1"]

    response = client.post(response.location, data={"ethnicity": "caribbean"})

    assert response.location == f"{base}/check"


def _counts(report: object, question: str, rows: list[str]) -> dict[str, list[int | None]]:
    table = report.table(question)  # type: ignore[attr-defined]
    return {row: [table.row(row).cells[s].count.value for s in STAGES[:1]] for row in rows}


def test_reports_count_the_two_questions_as_they_counted_the_one(app: Flask) -> None:
    """Two people in each region give the same answers, one region through the two
    questions, the other as the one-question form stored them: the reports are the same.
    A group without a background is counted as that background's answer, in both tables
    (the 5 groups are the sums of the 19 backgrounds: disclosure control relies on it)."""
    people = [
        ("indian", "", "asian"),
        ("other-white", "Polish", "white"),
        ("prefer-not-to-say", "", "black"),  # the group, and not the background
        ("", "", "mixed"),  # the group, and no answer for the background
        ("prefer-not-to-say", "", "prefer-not-to-say"),
    ]
    for _ in range(2):
        for background, description, group in people:
            person = make_person(None, None, region="london")
            monitoring.save_first_page(person.id, {ETHNICITY_BROAD: group})
            if group in ETHNIC_GROUPS:
                monitoring.save_background(person.id, background, description)
            old_style = {"ethnicity": background} if background else {}
            make_person(None, None, answers=old_style, region="north-west")
    db.session.commit()

    policy = DisclosurePolicy(threshold=2)
    two_step = reporting.diversity_report(Scope(region="london"), policy)
    one_step = reporting.diversity_report(Scope(region="north-west"), policy)

    rows = ["indian", "other-white", "prefer-not-to-say", "not-declared"]
    groups = ["asian", "white", "black", "mixed", "prefer-not-to-say", "not-declared"]
    assert _counts(two_step, "ethnicity", rows) == _counts(one_step, "ethnicity", rows)
    assert _counts(two_step, "ethnic_group", groups) == _counts(one_step, "ethnic_group", groups)
    assert _counts(two_step, "ethnicity", rows) == {
        "indian": [2],
        "other-white": [2],
        "prefer-not-to-say": [4],
        "not-declared": [2],
    }
    assert _counts(two_step, "ethnic_group", groups) == {
        "asian": [2],
        "white": [2],
        "black": [0],
        "mixed": [0],
        "prefer-not-to-say": [4],
        "not-declared": [2],
    }


def test_the_candidates_data_shows_the_group_and_description_and_erasure_drops_the_words(
    client: FlaskClient, base: str
) -> None:
    client.post(f"{base}/equality", data={ETHNICITY_BROAD: "other"})
    client.post(
        f"{base}/equality/{BACKGROUND}",
        data={"ethnicity": "any-other", "description": "Kurdish"},
    )
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert candidate_data(candidate, all_team_records=False)["equality_monitoring"] == {
        "What is your ethnic group?": "Any other ethnic group",
        "How you describe your background": "Kurdish",
    }
    candidate.in_pool = True  # counted in the pool's reports: the answers are kept
    db.session.commit()

    erasure.erase_candidate(candidate, "system:test", "Asked for erasure")
    db.session.commit()

    # What a report counts stays; the words, which could identify them, go.
    assert monitoring.answers_for(candidate.id) == {"ethnicity": "any-other"}
