"""What every form in the app shares: one input filter, applied to every text field, the
text fields every form has (required or optional, with a maximum length), and the NHS.UK
date input (`DateInputField`, drawn by the `fields.date` template macro).

PostgreSQL cannot store NUL in text (a 500, and the rest of the form lost), and the other
control characters are invisible paste debris that nobody means as part of an answer. So
every form derives from `BaseForm`, whose Meta puts `clean_text` first among each field's
filters: what a validator, a draft or the database sees has none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, SelectMultipleField, StringField
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Length, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

# C0 controls other than tab, newline and carriage return (a browser sends a textarea's
# line breaks as CR LF), DEL and the C1 controls.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_control_chars(value: Any) -> Any:
    return CONTROL_CHARS.sub("", value) if isinstance(value, str) else value


def strip_text(value: Any) -> Any:
    """Surrounding spaces are never part of an answer."""
    return value.strip() if isinstance(value, str) else value


def clean_text(value: Any) -> Any:
    """The one input filter: control characters out, then surrounding spaces."""
    if isinstance(value, str):
        return strip_text(drop_control_chars(value))
    if isinstance(value, list):  # several values of one field (checkboxes, a multi-select)
        return [clean_text(item) for item in value]
    return value


class _CleanMeta:
    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
        # A password is never stored (only its hash), and a changed password would not
        # match: it is the one text left exactly as typed.
        if not issubclass(unbound_field.field_class, PasswordField):
            filters = [clean_text, *unbound_field.kwargs.get("filters", ())]
            options = {**options, "filters": filters}
        return unbound_field.bind(form=form, **options)


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (the `fields.checkboxes` template macro draws them)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BaseForm(FlaskForm):
    """Every form of the app: CSRF from Flask-WTF, and the input filter on every field."""

    class Meta(_CleanMeta):
        pass


def too_long_message(
    name: str, max_length: int, *, min_length: int | None = None, thousands_separator: bool = True
) -> str:
    """ "<name> must be N characters or fewer", or "... between M and N characters"."""
    most = f"{max_length:,}" if thousands_separator else str(max_length)
    if min_length is not None:
        return f"{name} must be between {min_length} and {most} characters"
    return f"{name} must be {most} characters or fewer"


def optional_text(
    label: str,
    *,
    max_length: int,
    name_in_message: str,
    field: type[Any] = StringField,
    thousands_separator: bool = True,
    **kwargs: Any,
) -> Any:
    """A text field that may be left empty, of at most ``max_length`` characters.

    No ``Optional()``: it would stop the chain on an empty answer, and skip a form's own
    check that asks for the text when another answer needs it."""
    message = too_long_message(name_in_message, max_length, thousands_separator=thousands_separator)
    return field(label, validators=[Length(max=max_length, message=message)], **kwargs)


def required_text(
    label: str,
    *,
    max_length: int,
    required_message: str,
    name_in_message: str = "",
    too_long: str | None = None,
    min_length: int | None = None,
    field: type[Any] = StringField,
    thousands_separator: bool = True,
    validators: Sequence[Any] = (),
    **kwargs: Any,
) -> Any:
    """A text field that must be filled in, of at most ``max_length`` characters (and at
    least ``min_length``): ``required_message`` when empty, and "<name_in_message> must be
    N characters or fewer" (or ``too_long``, said another way) when too long. Further
    ``validators`` (an email address's format) run after these."""
    if too_long is None:
        if not name_in_message:
            raise ValueError("required_text needs name_in_message or too_long")
        too_long = too_long_message(
            name_in_message,
            max_length,
            min_length=min_length,
            thousands_separator=thousands_separator,
        )
    length = Length(min=-1 if min_length is None else min_length, max=max_length, message=too_long)
    return field(label, validators=[DataRequired(required_message), length, *validators], **kwargs)


# The NHS.UK date input: a date typed as day, month and year in three boxes ----------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DATE_PARTS = ("day", "month", "year")


class DateParseError(ValueError):
    """What is wrong with a typed date, and which of its boxes to mark."""

    def __init__(self, message: str, parts: Sequence[str] = DATE_PARTS) -> None:
        super().__init__(message)
        self.parts = tuple(parts)


def record_id(raw: str | None) -> int | None:
    """A record's id typed in a URL or a form, or None. isdigit() alone also takes "²" and
    digits of other scripts, which int() refuses, and int() refuses more than 4,300 digits;
    a run of digits longer than a 64-bit id names no record."""
    value = (raw or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None


def parse_date_parts(raw: dict[str, str], name: str) -> date | None:
    """The date typed in the three boxes; None when all are empty. ``name`` starts each
    message ("Date of the interview must include a month"), as the NHS.UK pattern asks."""
    if not any(raw.values()):
        return None
    missing = [part for part in DATE_PARTS if not raw[part]]
    if missing:
        words = " and ".join(f"a {part}" for part in missing)
        raise DateParseError(f"{name} must include {words}", missing)
    day, year = _number(raw["day"]), _number(raw["year"])
    month = _number(raw["month"]) or _MONTHS.get(raw["month"].lower())
    bad = [p for p, v in (("day", day), ("month", month), ("year", year)) if v is None]
    if bad:
        raise DateParseError(f"{name} must be a real date", bad)
    if len(raw["year"]) != 4:
        raise DateParseError("Year must include 4 numbers", ["year"])
    assert day is not None and month is not None and year is not None  # noqa: S101 - checked
    try:
        return date(year, month, day)
    except ValueError:
        wrong = ["month"] if not 1 <= month <= 12 else ["day"]
        raise DateParseError(f"{name} must be a real date", wrong) from None


class DateInputField(Field):
    """A date typed as day, month and year in three boxes, named ``<name>-day``,
    ``<name>-month`` and ``<name>-year`` (the `fields.date` template macro draws them as
    the NHS.UK date input). What was typed is kept in ``raw`` and shown again, however
    wrong. Messages follow the NHS.UK pattern: ``required_message`` when empty ("Enter the
    date of the interview"), "<name_in_message> must include a month", "... must be a real
    date". Further validators see a ``date``."""

    def __init__(
        self,
        label: str | None = None,
        validators: Sequence[Any] | None = None,
        *,
        required_message: str | None = None,
        name_in_message: str = "Date",
        **kwargs: Any,
    ) -> None:
        kwargs.pop("filters", None)  # each box is cleaned as it is read, not the date
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message
        self.name_in_message = name_in_message
        self.raw: dict[str, str] = dict.fromkeys(DATE_PARTS, "")
        self.error_parts: tuple[str, ...] = ()
        self._problem: DateParseError | None = None

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors: list[str] = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, date) else None
        if self.data is not None:
            self.raw = {p: str(getattr(self.data, p)) for p in DATE_PARTS}
        keys = [f"{self.name}-{part}" for part in DATE_PARTS]
        if formdata is None or not any(key in formdata for key in keys):
            return
        self.raw = {
            p: clean_text(formdata.get(k, "")) for p, k in zip(DATE_PARTS, keys, strict=True)
        }
        self.data = None
        try:
            self.data = parse_date_parts(self.raw, self.name_in_message)
        except DateParseError as problem:
            self._problem = problem

    def pre_validate(self, form: Any) -> None:
        if self._problem is not None:
            self.error_parts = self._problem.parts
            raise StopValidation(str(self._problem))
        if self.data is None and self.required_message:
            self.error_parts = DATE_PARTS
            raise StopValidation(self.required_message)

    def post_validate(self, form: Any, validation_stopped: bool) -> None:
        if self.errors and not self.error_parts:
            self.error_parts = DATE_PARTS  # a further validator refused the whole date

    @property
    def error_target(self) -> str:
        """The box the error summary links to: the first one with the problem."""
        return f"{self.id}-{(self.error_parts or DATE_PARTS)[0]}"

    def _value(self) -> str:
        return self.data.isoformat() if self.data else ""


def link_args(values: dict[str, Any], default_sort: str) -> dict[str, Any]:
    """A list page's filters as the query string of a link (paging, sorting, going back):
    only what differs from the page as first opened, so links stay short and shareable."""
    defaults = (("page", 1), ("sort", default_sort))  # a tuple: some values are lists
    return {k: v for k, v in values.items() if v not in ("", None, []) and (k, v) not in defaults}
