"""Calendar files (iCalendar, RFC 5545) for interview bookings, made with the `icalendar`
package: an invitation (METHOD:REQUEST) when a time is booked or changed, a cancellation
(METHOD:CANCEL) when it is cancelled. The event's UID is the booking's, and every change
raises its SEQUENCE, so a calendar updates or removes the event it already has.

Times are in UK time with the VTIMEZONE for the interview's year, so an invitation reads
right in any calendar, in any time zone. Reasonable adjustments are never written into a
calendar file: calendars are shared and synced to places a mailbox is not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final, Literal

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from ..platform.notifications import Attachment
from .times import UK, to_uk

PRODUCT_ID: Final = "-//NHS England//NEDMatch interviews//EN"
UID_DOMAIN: Final = "interviews.nedmatch.nhs.uk"
Method = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Invitation:
    """What one calendar file says, in plain values."""

    uid: str  # the booking's
    sequence: int
    method: Method
    starts_at: datetime  # stored: naive UTC
    minutes: int
    summary: str
    location: str
    description: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    url: str = ""  # a video call's link
    stamp: datetime | None = None  # when it was made (UTC); now by default


def render(invitation: Invitation) -> bytes:
    start = to_uk(invitation.starts_at)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", invitation.method)
    calendar.add_component(
        Timezone.from_tzinfo(
            UK,
            tzid="Europe/London",
            first_date=date(start.year, 1, 1),
            last_date=date(start.year, 12, 31),
        )
    )
    event = Event()
    event.add("uid", f"{invitation.uid}@{UID_DOMAIN}")
    event.add("sequence", invitation.sequence)
    event.add(
        "dtstamp", invitation.stamp.replace(tzinfo=UTC) if invitation.stamp else datetime.now(UTC)
    )
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=invitation.minutes))
    event.add("summary", invitation.summary)
    event.add("location", invitation.location)
    event.add("description", invitation.description)
    if invitation.url:
        event.add("url", invitation.url)
    organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
    organizer.params["cn"] = vText(invitation.organizer_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{invitation.attendee_email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee)
    event.add("status", "CANCELLED" if invitation.method == "CANCEL" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def attachment(invitation: Invitation, link: str = "") -> Attachment:
    """The file for an email: "interview.ics", a calendar of the invitation's method."""
    name = "interview-cancelled.ics" if invitation.method == "CANCEL" else "interview.ics"
    return Attachment(
        filename=name,
        content_type=f"text/calendar; method={invitation.method}; charset=utf-8",
        data=render(invitation),
        link=link,
    )
