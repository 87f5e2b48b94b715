"""The NHS.UK date input as a form field: three boxes in, a date out, what was typed kept,
and the NHS.UK messages with the boxes at fault marked."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask, render_template_string
from werkzeug.datastructures import MultiDict

from nedmatch.forms_common import BaseForm, DateInputField


class Form(BaseForm):
    when = DateInputField(
        "Date of the interview",
        required_message="Enter the date of the interview",
        name_in_message="Date of the interview",
    )


class OptionalForm(BaseForm):
    when = DateInputField("Date", name_in_message="Date")


def post(form_class: type[BaseForm], day: str, month: str, year: str) -> BaseForm:
    data = MultiDict({"when-day": day, "when-month": month, "when-year": year})
    form = form_class(formdata=data)
    form.validate()
    return form


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("2", "12", "2026"), date(2026, 12, 2)),
        ((" 02 ", "12", "2026"), date(2026, 12, 2)),
        (("2", "Dec", "2026"), date(2026, 12, 2)),
        (("2", "december", "2026"), date(2026, 12, 2)),
        (("29", "2", "2028"), date(2028, 2, 29)),
    ],
)
def test_a_date_is_read_from_three_boxes(
    app: Flask, typed: tuple[str, str, str], expected: date
) -> None:
    with app.test_request_context():
        form = post(Form, *typed)
    assert form.errors == {}
    assert form.when.data == expected


@pytest.mark.parametrize(
    ("typed", "message", "parts"),
    [
        (("", "", ""), "Enter the date of the interview", ("day", "month", "year")),
        (("2", "", "2026"), "Date of the interview must include a month", ("month",)),
        (
            ("", "", "2026"),
            "Date of the interview must include a day and a month",
            ("day", "month"),
        ),
        (("31", "2", "2026"), "Date of the interview must be a real date", ("day",)),
        (("2", "13", "2026"), "Date of the interview must be a real date", ("month",)),
        (("2", "Smarch", "2026"), "Date of the interview must be a real date", ("month",)),
        (("2", "12", "26"), "Year must include 4 numbers", ("year",)),
        (("²", "12", "2026"), "Date of the interview must be a real date", ("day",)),
    ],
)
def test_each_mistake_says_what_to_do_and_marks_its_boxes(
    app: Flask, typed: tuple[str, str, str], message: str, parts: tuple[str, ...]
) -> None:
    with app.test_request_context():
        form = post(Form, *typed)
    assert form.errors == {"when": [message]}
    assert form.when.data is None
    assert form.when.error_parts == parts
    assert form.when.error_target == f"when-{parts[0]}"
    assert [form.when.raw[p] for p in ("day", "month", "year")] == [t.strip() for t in typed]


def test_an_optional_date_may_be_left_empty(app: Flask) -> None:
    with app.test_request_context():
        form = post(OptionalForm, "", "", "")
    assert form.errors == {} and form.when.data is None


def test_a_date_given_as_data_fills_the_boxes(app: Flask) -> None:
    with app.test_request_context():
        form = Form(formdata=None, data={"when": date(2026, 12, 2)})
    assert form.when.raw == {"day": "2", "month": "12", "year": "2026"}


def test_the_macro_draws_the_nhsuk_date_input_with_the_error(app: Flask) -> None:
    with app.test_request_context():
        form = post(Form, "2", "", "2026")
        html = render_template_string(
            '{% import "macros/fields.html" as fields %}'
            "{{ fields.error_summary(form) }}{{ fields.date(form.when) }}",
            form=form,
        )
    assert 'href="#when-month"' in html
    assert "Date of the interview must include a month" in html
    assert 'id="when-day" name="when-day"' in html and 'value="2"' in html
    assert 'value="2026"' in html
    month = html[html.index('id="when-month"') - 200 : html.index('id="when-month"')]
    assert "nhsuk-input--error" in month
    day = html[html.index('id="when-day"') - 200 : html.index('id="when-day"')]
    assert "nhsuk-input--error" not in day
    assert "nhsuk-date-input" in html and "<legend" in html
