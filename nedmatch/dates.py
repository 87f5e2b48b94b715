"""Dates and times as people read them, in the NHS.UK style: "2 December 2026",
"2:05pm", "2 December 2026 at 9am". Every page, email and download that shows a date to a
person writes it through here (the templates through the `nice_date` filters).

ISO 8601 stays where a machine reads the date: `<time datetime>` attributes, JSON data,
audit records and file names.
"""

from __future__ import annotations

from datetime import date, datetime

# Spreadsheet cells keep real dates (so they sort and filter), shown in the same words.
XLSX_DATE = "d mmmm yyyy"
XLSX_DATE_TIME = 'd mmmm yyyy "at" h:mmam/pm'


def long_date(value: date | datetime | None) -> str:
    """As in "2 December 2026"; empty for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def time_of_day(value: datetime) -> str:
    """As in "9am", "2:05pm", "midday" or "midnight": the NHS.UK style for times."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def date_and_time(value: datetime | None) -> str:
    """As in "2 December 2026 at 2:05pm"; empty for no time."""
    if value is None:
        return ""
    return f"{long_date(value)} at {time_of_day(value)}"


def day_and_date(value: date | datetime | None) -> str:
    """As in "Wednesday 2 December 2026"; empty for no date."""
    if value is None:
        return ""
    return f"{value:%A} {long_date(value)}"
