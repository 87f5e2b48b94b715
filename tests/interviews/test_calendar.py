"""Calendar files, parsed back with `icalendar` as a calendar program would read them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nedmatch.services.interviews import calendar
from nedmatch.services.interviews.times import from_uk

UK = ZoneInfo("Europe/London")


def invitation(day: date, at: time, **changes: object) -> calendar.Invitation:
    values: dict[str, object] = {
        "uid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "sequence": 0,
        "method": "REQUEST",
        "starts_at": from_uk(day, at),
        "minutes": 45,
        "summary": "Interview: Chair of the audit committee, Leeds Teaching Hospitals NHS Trust",
        "location": "Room 4, Trust Headquarters, Leeds LS9 7TF",
        "description": "In person at Room 4.\n\nAsk for the board secretary; quote NED-ABCD-2345.",
        "organizer_email": "ned.appointments@nhs.example",
        "organizer_name": "NHS England non-executive appointments team",
        "attendee_email": "candidate@example.com",
        "stamp": datetime(2026, 12, 1, 9, 0),
    }
    values.update(changes)
    return calendar.Invitation(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(date(2026, 12, 2), 14), (date(2026, 7, 1), 13)],  # GMT in winter, BST in summer
    ids=["winter", "summer"],
)
def test_an_invitation_reads_back_with_its_times_in_uk_time(day: date, utc_hour: int) -> None:
    parsed = Calendar.from_ical(calendar.render(invitation(day, time(14, 30))))

    assert parsed["method"] == "REQUEST" and parsed["version"] == "2.0"
    [zone] = parsed.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/London"
    [event] = parsed.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime.combine(day, time(14, 30), tzinfo=UK)
    assert start.astimezone(UTC).hour == utc_hour
    assert end - start == timedelta(minutes=45)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert str(event["uid"]) == "0f1e2d3c4b5a69788796a5b4c3d2e1f0@interviews.nedmatch.nhs.uk"
    assert event["sequence"] == 0
    assert str(event["location"]) == "Room 4, Trust Headquarters, Leeds LS9 7TF"
    assert "quote NED-ABCD-2345" in str(event["description"])
    assert str(event["organizer"]) == "mailto:ned.appointments@nhs.example"
    assert str(event["attendee"]) == "mailto:candidate@example.com"
    assert str(event["status"]) == "CONFIRMED"


def test_a_cancellation_names_the_same_event_with_a_higher_sequence() -> None:
    cancel = invitation(date(2026, 12, 2), time(9, 0), method="CANCEL", sequence=2)
    parsed = Calendar.from_ical(calendar.render(cancel))
    [event] = parsed.walk("VEVENT")
    assert parsed["method"] == "CANCEL"
    assert event["sequence"] == 2 and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]).startswith("0f1e2d3c4b5a69788796a5b4c3d2e1f0@")


def test_the_attachment_says_what_it_is() -> None:
    request = calendar.attachment(invitation(date(2026, 12, 2), time(9, 0)), "https://x/cal")
    cancel = calendar.attachment(invitation(date(2026, 12, 2), time(9, 0), method="CANCEL"))
    assert (request.filename, request.media_type) == ("interview.ics", "text/calendar")
    assert request.params["method"] == "REQUEST" and request.link == "https://x/cal"
    assert cancel.filename == "interview-cancelled.ics" and cancel.params["method"] == "CANCEL"


def test_a_video_call_carries_its_link() -> None:
    video = invitation(
        date(2026, 12, 2),
        time(9, 0),
        location="Video call",
        url="https://meet.example.nhs.uk/j/123456",
    )
    [event] = Calendar.from_ical(calendar.render(video)).walk("VEVENT")
    assert str(event["url"]) == "https://meet.example.nhs.uk/j/123456"
    assert str(event["location"]) == "Video call"
