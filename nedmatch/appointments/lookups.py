"""The team's pages answer 404 for a record that is not theirs to see: the services' look-ups
return None for it, and a route says so in one line."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from flask import abort

T = TypeVar("T")


def or_404(found: T | None) -> T:
    if found is None:
        abort(404)
    return found


def given_date(day: date | None) -> date:
    """A required date field's value once its form has validated (the form says so when
    it is empty, so None here is a request no form sent)."""
    if day is None:
        abort(400)
    return day
