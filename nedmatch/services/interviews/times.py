"""Interview times as the team types them and as everyone reads them: in UK time (GMT or
BST, whichever is in force on the day), stored in UTC like every other time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from flask import current_app

from ...dates import day_and_date, time_of_day

UK: Final = ZoneInfo("Europe/London")


def to_uk(stored: datetime) -> datetime:
    """A stored (naive UTC) time in UK time."""
    return stored.replace(tzinfo=UTC).astimezone(UK)


def from_uk(day: date, at: time) -> datetime:
    """The stored (naive UTC) time of a UK wall-clock time on a day."""
    return datetime.combine(day, at, tzinfo=UK).astimezone(UTC).replace(tzinfo=None)


def when(starts_at: datetime, minutes: int) -> str:
    """As in "Wednesday 2 December 2026, 2:30pm to 3:30pm"."""
    start = to_uk(starts_at)
    end = to_uk(starts_at + timedelta(minutes=minutes))
    return f"{day_and_date(start)}, {time_of_day(start)} to {time_of_day(end)}"


def length(minutes: int) -> str:
    """As in "45 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def change_cutoff() -> timedelta:
    """How long before an interview the candidate can still choose, change or cancel it."""
    return timedelta(hours=int(current_app.config["INTERVIEW_CHANGE_HOURS"]))


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str) -> time:
    """A time of day as people write it: "9am", "9:30am", "2.30pm", "14:30", "midday".
    ValueError when it is not one."""
    value = " ".join(text.lower().split())
    if value in {"midday", "noon", "12 noon"}:
        return time(12, 0)
    if value == "midnight":
        return time(0, 0)
    match = _TIME.match(value)
    if match is None:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        raise ValueError(text)  # "9" alone: morning or evening?
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(text)
    return time(hour, minute)
