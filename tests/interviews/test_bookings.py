"""Booking, changing and cancelling an interview, and the emails that confirm each: the
rules a candidate and the team would notice."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from icalendar import Calendar

from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    AuditEvent,
    InterviewBooking,
    InterviewSlot,
    TeamUser,
    Vacancy,
)
from nedmatch.models._types import utcnow
from nedmatch.services.applications import operations
from nedmatch.services.interviews import bookings, schedule, slots
from nedmatch.services.platform.notifications import Email
from nedmatch.services.privacy import erasure
from nedmatch.services.sift import identity

from .conftest import SOON, add_slot, invited

TEAM = "ned.appointments@nedmatch.nhs.uk"


def book(
    application: Application, slot: InterviewSlot, *adjustments: str, detail: str = ""
) -> InterviewBooking:
    made = bookings.choose(
        Actor.candidate(application.candidate),
        application,
        bookings.Choice(slot.id, list(adjustments), detail),
    )
    db.session.commit()
    return made


def calendar_of(email: Email) -> Calendar:
    [attachment] = email.attachments
    assert attachment.filename.endswith(".ics")
    return Calendar.from_ical(attachment.data)


def test_a_booking_takes_the_place_and_confirms_to_both_with_a_calendar_invitation(
    candidate_app: Application, slot: InterviewSlot, outbox: list[Email]
) -> None:
    made = book(candidate_app, slot, "step-free", "bsl", detail="I use a wheelchair.")

    db.session.refresh(slot)
    assert (slot.booked, slot.free) == (1, 0)
    assert made.adjustments == ["step-free", "bsl"] and made.sequence == 0
    to_candidate, to_team = outbox
    assert to_candidate.to == candidate_app.candidate.email
    assert to_candidate.subject == f"Interview booked: {candidate_app.vacancy.title}"
    day = f"{SOON:%A} {SOON.day} {SOON:%B %Y}"
    assert f"Date and time: {day}, 2:30pm to 3:30pm (UK time)" in to_candidate.body
    assert "Step-free access to the building and the interview room" in to_candidate.body
    assert "In your words: I use a wheelchair." in to_candidate.body
    assert to_team.to == TEAM
    assert to_team.subject.startswith(f"Interview booked: {candidate_app.reference}, ")
    assert "In their words: I use a wheelchair." in to_team.body
    for email in (to_candidate, to_team):
        event = calendar_of(email).walk("VEVENT")[0]
        assert str(event["uid"]).startswith(made.uid)
        assert event.decoded("dtstart").hour == 14  # UK time, as typed
    actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert "interview_booked" in actions


def test_the_team_email_names_the_candidate_only_once_identity_is_revealed(
    candidate_app: Application, slot: InterviewSlot, outbox: list[Email], reviewer: TeamUser
) -> None:
    name = candidate_app.candidate.full_name
    book(candidate_app, slot)
    assert name not in outbox[1].body and candidate_app.reference in outbox[1].body

    identity.reveal(Actor.team(reviewer), candidate_app)
    db.session.commit()
    outbox.clear()
    book(candidate_app, slot, "extra-time")  # adjustments changed: the team hears again
    assert f"{name} ({candidate_app.reference})" in outbox[1].body


def test_the_last_place_cannot_be_booked_twice(
    vacancy: Vacancy, slot: InterviewSlot, outbox: list[Email]
) -> None:
    first, second = invited(vacancy), invited(vacancy)
    book(first, slot)
    with pytest.raises(bookings.SlotTaken, match="just been taken"):
        book(second, slot)
    db.session.rollback()
    db.session.refresh(slot)
    assert slot.booked == 1
    assert bookings.live_booking(second) is None


def test_a_slot_with_two_places_takes_two(vacancy: Vacancy, reviewer: TeamUser) -> None:
    pair = add_slot(vacancy, reviewer, capacity=2)
    for application in (invited(vacancy), invited(vacancy)):
        book(application, pair)
    db.session.refresh(pair)
    assert pair.booked == 2
    with pytest.raises(bookings.SlotTaken):
        book(invited(vacancy), pair)


def test_only_a_candidate_at_interview_chooses_a_time(
    vacancy: Vacancy, slot: InterviewSlot
) -> None:
    shortlisted = invited(vacancy)
    shortlisted.stage = "shortlisted"
    db.session.commit()
    with pytest.raises(bookings.BookingError, match="only while you are invited to interview"):
        book(shortlisted, slot)


def test_a_change_keeps_the_calendar_event_and_raises_its_sequence(
    vacancy: Vacancy,
    candidate_app: Application,
    slot: InterviewSlot,
    reviewer: TeamUser,
    outbox: list[Email],
) -> None:
    later = add_slot(vacancy, reviewer, at=time(16, 0))
    made = book(candidate_app, slot)
    outbox.clear()
    changed = book(candidate_app, later)

    assert changed.id == made.id and changed.sequence == 1
    db.session.refresh(slot)
    db.session.refresh(later)
    assert (slot.booked, later.booked) == (0, 1)  # the old place is free again
    to_candidate, to_team = outbox
    assert to_candidate.subject.startswith("Interview time changed")
    assert "has moved from" in to_candidate.body and "4pm to 5pm" in to_candidate.body
    for email in outbox:
        calendar = calendar_of(email)
        assert calendar["method"] == "REQUEST"
        event = calendar.walk("VEVENT")[0]
        assert event["sequence"] == 1 and str(event["uid"]).startswith(made.uid)
        assert event.decoded("dtstart").hour == 16


def test_cancelling_frees_the_place_and_sends_a_calendar_cancellation(
    candidate_app: Application, slot: InterviewSlot, outbox: list[Email]
) -> None:
    made = book(candidate_app, slot)
    outbox.clear()
    bookings.cancel(Actor.candidate(candidate_app.candidate), candidate_app)
    db.session.commit()

    db.session.refresh(slot)
    assert slot.booked == 0 and made.status == "cancelled" and made.cancelled_by == "candidate"
    assert [e.subject.split(":")[0] for e in outbox] == ["Interview cancelled"] * 2
    for email in outbox:
        calendar = calendar_of(email)
        assert calendar["method"] == "CANCEL"
        event = calendar.walk("VEVENT")[0]
        assert event["sequence"] == 1 and str(event["status"]) == "CANCELLED"
    assert "choose another time" in outbox[0].body  # still invited: they can book again
    again = book(candidate_app, slot)
    assert again.uid != made.uid  # a new booking is a new calendar event


def test_within_24_hours_the_candidate_can_no_longer_change_or_cancel(
    candidate_app: Application, slot: InterviewSlot
) -> None:
    book(candidate_app, slot)
    a_day_before = slot.starts_at - timedelta(hours=23)
    with pytest.raises(bookings.BookingError, match="less than 24 hours away"):
        bookings.cancel(Actor.candidate(candidate_app.candidate), candidate_app, now=a_day_before)
    with pytest.raises(bookings.BookingError, match="less than 24 hours away"):
        bookings.choose(
            Actor.candidate(candidate_app.candidate),
            candidate_app,
            bookings.Choice(slot.id, ["extra-time"]),
            now=a_day_before,
        )


def test_times_inside_the_cut_off_are_not_offered(
    vacancy: Vacancy, candidate_app: Application, reviewer: TeamUser
) -> None:
    tomorrow_morning = add_slot(vacancy, reviewer, day=SOON, at=time(9, 0))
    almost_then = tomorrow_morning.starts_at - timedelta(hours=12)
    assert slots.choosable(candidate_app, now=almost_then) == []
    with pytest.raises(bookings.SlotTaken):
        bookings.choose(
            Actor.candidate(candidate_app.candidate),
            candidate_app,
            bookings.Choice(tomorrow_morning.id),
            now=almost_then,
        )


def test_another_vacancy_s_time_cannot_be_booked(
    candidate_app: Application, reviewer: TeamUser
) -> None:
    from tests.factories import make_vacancy

    other = make_vacancy(candidate_app.vacancy.organisation, title="Chair of the quality committee")
    elsewhere = add_slot(other, reviewer)
    with pytest.raises(bookings.SlotTaken):
        book(candidate_app, elsewhere)


def test_the_team_cancels_a_time_and_its_candidate_is_told_and_can_choose_again(
    vacancy: Vacancy,
    candidate_app: Application,
    slot: InterviewSlot,
    reviewer: TeamUser,
    outbox: list[Email],
) -> None:
    other = add_slot(vacancy, reviewer, at=time(10, 0))
    made = book(candidate_app, slot)
    outbox.clear()
    told = slots.cancel(Actor.team(reviewer), slot, "The panel chair is unwell.")
    db.session.commit()

    assert told == 1
    db.session.refresh(made)
    assert made.status == "cancelled" and made.cancelled_by == "team"
    to_candidate, to_team = outbox
    assert "we have had to cancel your interview" in to_candidate.body
    assert "The reason: The panel chair is unwell." in to_candidate.body
    assert "/interview/" in to_candidate.body
    assert calendar_of(to_candidate)["method"] == "CANCEL"
    assert "asked to choose another time" in to_team.body
    assert slots.choosable(candidate_app) == [other]
    with pytest.raises(slots.SlotError, match="already been cancelled"):
        slots.cancel(Actor.team(reviewer), slot, "")


def test_withdrawing_cancels_the_interview_to_come(
    candidate_app: Application, slot: InterviewSlot, outbox: list[Email]
) -> None:
    book(candidate_app, slot)
    outbox.clear()
    operations.withdraw(candidate_app, "I have taken another role.")
    db.session.commit()
    db.session.refresh(slot)
    assert slot.booked == 0
    subjects = [e.subject for e in outbox]
    assert any(s.startswith("Interview cancelled") for s in subjects)
    assert any(s.startswith("Application withdrawn") for s in subjects)


def test_erasure_frees_the_place_and_forgets_the_adjustments(
    candidate_app: Application, slot: InterviewSlot, outbox: list[Email], admin: TeamUser
) -> None:
    made = book(candidate_app, slot, "bsl", detail="I am deaf.")
    outbox.clear()
    erasure.erase_candidate(
        candidate_app.candidate, str(Actor.team(admin)), "Asked to be erased", persist_model=False
    )
    db.session.commit()
    db.session.refresh(made)
    db.session.refresh(slot)
    assert (made.adjustments, made.adjustments_detail, made.status) == ([], "", "cancelled")
    assert slot.booked == 0
    assert [e.to for e in outbox if e.subject.startswith("Interview cancelled")] == [TEAM]


def test_the_schedule_shows_who_is_where_and_who_has_not_chosen(
    vacancy: Vacancy, slot: InterviewSlot, reviewer: TeamUser
) -> None:
    booked, waiting = invited(vacancy), invited(vacancy)
    book(booked, slot, "video", detail="I live two hundred miles away.")
    found = schedule.for_vacancy(vacancy)

    [day] = found.days
    [row] = day.rows
    [person] = row.booked
    assert person.reference == booked.reference and person.name is None  # blind until revealed
    assert person.adjustments == ["To be interviewed by video call instead of in person"]
    assert person.detail == "I live two hundred miles away."
    assert [p.reference for p in found.waiting] == [waiting.reference]

    identity.reveal(Actor.team(reviewer), booked)
    db.session.commit()
    [person] = schedule.for_vacancy(vacancy).days[0].rows[0].booked
    assert person.name == booked.candidate.full_name


def test_a_slot_must_start_in_the_future(vacancy: Vacancy, reviewer: TeamUser) -> None:
    yesterday = utcnow() - timedelta(days=1)
    with pytest.raises(slots.SlotError, match="in the future"):
        slots.add(
            Actor.team(reviewer),
            vacancy,
            slots.NewSlot(yesterday.date(), time(10, 0), 60, "in_person", "Leeds"),
            now=datetime.combine(yesterday.date(), time(12, 0)),
        )
