"""Each eligibility item ticked reveals its own "Tell us more" box (NHS.UK checkboxes'
conditional reveal: hidden by the script while the item is not ticked, all shown without
it). The server asks for the words of each item ticked, and keeps none for an item not."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from nedmatch.domain import ELIGIBILITY_ITEMS
from nedmatch.extensions import db
from nedmatch.models import Candidate, EligibilityDeclaration, Vacancy
from tests.conftest import (
    assert_field_error,
    error_summary,
    form_values,
    page_text,
    parse_page,
    start_application,
)

CONFIRM = {"confirm": "y"}


@pytest.fixture
def url(client: FlaskClient, vacancy: Vacancy) -> str:
    return f"/applications/{start_application(client, vacancy)}/eligibility"


def declaration() -> EligibilityDeclaration:
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    assert candidate.eligibility is not None
    return candidate.eligibility


def reveals(response: object) -> dict[str, tuple[str, bool]]:
    """For each item: the name of the box it reveals, and whether it is shown."""
    page = parse_page(response)  # type: ignore[arg-type]
    found = {}
    for box in page.xpath("//input[@name='items'][@data-aria-controls]"):
        reveal = page.get_element_by_id(box.get("data-aria-controls"))
        [field] = reveal.xpath(".//textarea/@name")
        found[box.get("value")] = (field, "--hidden" not in reveal.get("class"))
    return found


def test_each_item_reveals_its_own_box_only_while_ticked(client: FlaskClient, url: str) -> None:
    page = client.get(url)

    assert reveals(page) == {
        item: (f"detail_{item.replace('-', '_')}", False) for item in ELIGIBILITY_ITEMS
    }
    # "None of these apply to me" reveals nothing.
    assert not parse_page(page).xpath("//input[@value='none'][@data-aria-controls]")
    labels = parse_page(page).xpath("//label[@for='detail_prison']")
    assert [" ".join(label.text_content().split()) for label in labels] == [
        "Tell us more about the sentence"
    ]


def test_a_ticked_item_needs_its_box_and_only_its_box(client: FlaskClient, url: str) -> None:
    response = client.post(
        url, data={"items": ["prison", "employee"], "detail_employee": "Nurse", **CONFIRM}
    )

    assert_field_error(response, "detail_prison", "Tell us more about the sentence")
    assert len(error_summary(response)) == 1
    # Shown again as typed, and the ticked items' boxes open.
    shown = reveals(response)
    assert shown["prison"][1] and shown["employee"][1] and not shown["barred"][1]
    assert form_values(response)["detail_employee"] == "Nurse"


def test_words_under_an_item_not_ticked_are_not_asked_for_or_kept(
    client: FlaskClient, url: str
) -> None:
    """Without JavaScript every box shows: one filled in and its item left unticked (or
    ticked, typed in, then unticked) is not checked and not kept."""
    response = client.post(
        url,
        data={
            "items": ["bankruptcy"],
            "detail_bankruptcy": "Discharged in 2019.",
            "detail_prison": "x" * 5000,  # over the limit, but not asked for
            **CONFIRM,
        },
    )

    assert response.status_code == 302, error_summary(response)
    saved = declaration()
    assert saved.item_details == {"bankruptcy": "Discharged in 2019."}
    assert saved.answers["prison"] is False
    assert "x" * 10 not in saved.details


def test_unticking_an_item_later_drops_its_words(client: FlaskClient, url: str) -> None:
    client.post(
        url,
        data={
            "items": ["prison", "removed"],
            "detail_prison": "A",
            "detail_removed": "B",
            **CONFIRM,
        },
    )
    assert declaration().item_details == {"prison": "A", "removed": "B"}

    client.post(
        url, data={"items": ["removed"], "detail_prison": "A", "detail_removed": "B", **CONFIRM}
    )

    assert declaration().item_details == {"removed": "B"}
    assert declaration().details == f"{ELIGIBILITY_ITEMS['removed']}:\nB"
    client.post(url, data={"items": ["none"], "detail_removed": "B", **CONFIRM})
    assert declaration().item_details == {}
    assert declaration().details == ""
    assert not declaration().flagged


def test_saved_words_are_shown_under_their_items(client: FlaskClient, url: str) -> None:
    client.post(
        url,
        data={
            "items": ["dismissed", "icb-conflict"],
            "detail_dismissed": "In 2024.",
            "detail_icb_conflict": "A GP partner.",
            **CONFIRM,
        },
    )

    page = client.get(url)

    values = form_values(page)
    assert values.getlist("items") == ["dismissed", "icb-conflict"]
    assert values["detail_dismissed"] == "In 2024."
    assert values["detail_icb_conflict"] == "A GP partner."
    shown = reveals(page)
    assert shown["dismissed"][1] and shown["icb-conflict"][1] and not shown["prison"][1]
    text = page_text(client.get(url.replace("/eligibility", "/check")))
    assert "More about the dismissal In 2024." in text


def test_a_declaration_made_before_the_boxes_per_item_is_offered_under_its_first_item(
    client: FlaskClient, url: str
) -> None:
    candidate = db.session.execute(db.select(Candidate)).scalar_one()
    candidate.eligibility = EligibilityDeclaration(
        answers={item: item in {"bankruptcy", "employee"} for item in ELIGIBILITY_ITEMS},
        details="Discharged in 2019; I work there as a nurse.",
        confirmed=True,
    )
    db.session.commit()

    values = form_values(client.get(url))

    assert values["detail_bankruptcy"] == "Discharged in 2019; I work there as a nurse."
    assert values["detail_employee"] == ""


def test_the_one_box_of_a_page_opened_before_goes_under_the_first_item(
    client: FlaskClient, url: str
) -> None:
    response = client.post(
        url, data={"items": ["employee"], "details": "I am a nurse there.", **CONFIRM}
    )

    assert response.status_code == 302, error_summary(response)
    assert declaration().item_details == {"employee": "I am a nurse there."}


def test_words_under_an_item_not_ticked_are_shown_again_with_another_error(
    client: FlaskClient, url: str
) -> None:
    """Typed, then the item unticked, then another answer missing: the page comes back
    with the words still in their box, in case the item is ticked again."""
    response = client.post(url, data={"items": ["none"], "detail_barred": "Suspended in 2021."})

    assert error_summary(response) == [
        ("#confirm", "Confirm that the information you have given is true")
    ]
    assert form_values(response)["detail_barred"] == "Suspended in 2021."
