"""What every form in the app shares: one input filter, applied to every text field.

PostgreSQL cannot store NUL in text (a 500, and the rest of the form lost), and the other
control characters are invisible paste debris that nobody means as part of an answer. So
every form derives from `BaseForm`, whose Meta puts `clean_text` first among each field's
filters: what a validator, a draft or the database sees has none of them.
"""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import PasswordField

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
