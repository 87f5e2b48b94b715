"""What every form in the app shares: one input filter, applied to every text field, and
the text fields every form has (required or optional, with a maximum length).

PostgreSQL cannot store NUL in text (a 500, and the rest of the form lost), and the other
control characters are invisible paste debris that nobody means as part of an answer. So
every form derives from `BaseForm`, whose Meta puts `clean_text` first among each field's
filters: what a validator, a draft or the database sees has none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

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
