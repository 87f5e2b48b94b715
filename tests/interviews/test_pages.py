"""The interview pages as people use them: the team offers times and reads the schedule;
the candidate follows the invitation's link, chooses a time with adjustments, changes and
cancels it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from nedmatch.extensions import db
from nedmatch.models import Application, InterviewBooking, InterviewSlot, TeamUser, Vacancy
from nedmatch.services.platform.notifications import Email
from tests.conftest import error_summary, page_text, sign_in, use_return_link

from .conftest import SOON, add_slot, invited

DAY = {"day-day": str(SOON.day), "day-month": str(SOON.month), "day-year": str(SOON.year)}
NEW = {
    **DAY,
    "start": "2:30pm",
    "minutes": "45",
    "mode": "in_person",
    "place": "Room 4, Trust Headquarters, Leeds LS9 7TF",
    "instructions": "Ask for the board secretary.",
    "capacity": "1",
}


def team(app: Flask, user: TeamUser) -> FlaskClient:
    client = app.test_client()
    sign_in(client, user)
    return client


def test_the_team_adds_a_time_and_sees_it_on_the_schedule(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    client = team(app, reviewer)
    response = client.post(f"/team/vacancies/{vacancy.id}/interviews/new", data=NEW)
    assert response.status_code == 302, error_summary(response)
    slot = db.session.execute(db.select(InterviewSlot)).scalar_one()
    assert (slot.minutes, slot.capacity, slot.booked) == (45, 1, 0)

    text = page_text(client.get(response.location))
    assert f"Interview time added: {SOON:%A} {SOON.day} {SOON:%B %Y}, 2:30pm to 3:15pm." in text
    assert "2:30pm to 3:15pm" in text and "0 of 1 booked" in text and "Nobody yet" in text

    # "Add a time after this one" starts the next at 3:15pm, with the same place.
    follow = client.get(f"/team/vacancies/{vacancy.id}/interviews/new?like={slot.id}")
    page = page_text(follow)
    assert 'value="3:15pm"' in follow.get_data(as_text=True)
    assert "Room 4, Trust Headquarters" in page


def test_mistakes_in_a_new_time_are_each_explained_and_nothing_typed_is_lost(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    client = team(app, reviewer)
    yesterday = date.today() - timedelta(days=1)
    response = client.post(
        f"/team/vacancies/{vacancy.id}/interviews/new",
        data={
            "day-day": str(yesterday.day),
            "day-month": str(yesterday.month),
            "day-year": str(yesterday.year),
            "start": "half past two",
            "minutes": "forty",
            "mode": "video",
            "place": "meet.example.nhs.uk/j/1",
            "capacity": "0",
        },
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        ("#day-day", "Date of the interview must be today or in the future"),
        ("#start", "Enter the start time as a time of day, like 9:30am, 2pm or 14:30"),
        ("#minutes", "Length must be a number of minutes between 5 and 480, like 60"),
        ("#place", "Enter the link to join the video call, starting https://"),
        ("#capacity", "Number of places must be a whole number from 1 to 50"),
    ]
    html = response.get_data(as_text=True)
    for typed in ("half past two", "forty", "meet.example.nhs.uk/j/1", f'value="{yesterday.year}"'):
        assert typed in html
    assert db.session.execute(db.select(InterviewSlot)).first() is None

    empty = client.post(
        f"/team/vacancies/{vacancy.id}/interviews/new", data={"minutes": "60", "capacity": "1"}
    )
    assert ("#day-day", "Enter the date of the interview") in error_summary(empty)
    assert ("#mode", "Select in person or video call") in error_summary(empty)


def test_cancelling_a_time_asks_first_then_tells_its_candidate(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, outbox: list[Email]
) -> None:
    slot = add_slot(vacancy, reviewer)
    application = invited(vacancy)
    from nedmatch.actors import Actor
    from nedmatch.services.interviews import bookings

    bookings.choose(Actor.candidate(application.candidate), application, bookings.Choice(slot.id))
    db.session.commit()
    outbox.clear()
    client = team(app, reviewer)
    url = f"/team/vacancies/{vacancy.id}/interviews/cancel?slot={slot.id}"
    ask = page_text(client.get(url))
    assert "Are you sure you want to cancel this interview time?" in ask
    assert f"{application.reference} will be emailed at once" in ask

    done = client.post(url, data={"reason": "The panel chair is unwell."})
    assert done.status_code == 302
    assert "1 candidate has been told" in page_text(client.get(done.location))
    assert [e.to for e in outbox][0] == application.candidate.email
    assert "Cancelled times (1)" in page_text(client.get(done.location))

    again = page_text(client.get(url))
    assert "This interview time has already been cancelled." in again
    assert "Choose an interview time to cancel" in page_text(
        client.get(f"/team/vacancies/{vacancy.id}/interviews/cancel")
    )


def test_another_vacancy_s_slot_cannot_be_cancelled_from_here(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    from tests.factories import make_vacancy

    other = make_vacancy(vacancy.organisation, title="Chair of the quality committee")
    slot = add_slot(other, reviewer)
    client = team(app, reviewer)
    response = client.post(f"/team/vacancies/{vacancy.id}/interviews/cancel?slot={slot.id}")
    assert "Choose an interview time to cancel" in page_text(response)
    db.session.refresh(slot)
    assert slot.cancelled_at is None


def _invitation_link(outbox: list[Email], application: Application) -> str:
    [sent] = [e for e in outbox if e.to == application.candidate.email]
    [link] = re.findall(r"https?://[^/\s]+(/interview/[A-Za-z0-9_.\-]+)", sent.body)
    return link


def test_the_candidate_follows_the_invitation_books_changes_and_cancels(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, outbox: list[Email]
) -> None:
    early = add_slot(vacancy, reviewer)
    late = add_slot(vacancy, reviewer, day=SOON + timedelta(days=1))
    application = invited(vacancy)
    application.stage = "shortlisted"
    db.session.commit()
    # The team moves them to interview: the invitation carries the link.
    staff = team(app, reviewer)
    moved = staff.post(
        f"/team/applications/{application.reference}",
        data={"move-to_stage": "interview", "move-reason": ""},
    )
    assert moved.status_code == 302
    staff.post(f"/team/vacancies/{vacancy.id}/interviews/new")  # any team POST sends due messages
    link = _invitation_link(outbox, application)

    browser = app.test_client()
    confirmed = use_return_link(browser, link)
    assert confirmed.location == f"/applications/{application.reference}/interview"
    page = browser.get(confirmed.location)
    text = page_text(page)
    assert "Choose your interview time" in text
    assert "2:30pm to 3:30pm" in text and "In person at Room 4" in text
    assert "A British Sign Language (BSL) interpreter" in text

    # Nothing chosen: the page says so, and keeps what was typed.
    missing = browser.post(confirmed.location, data={"detail": "A parking space, please."})
    assert error_summary(missing) == [("#slot", "Select an interview time")]
    assert "A parking space, please." in missing.get_data(as_text=True)

    outbox.clear()
    booked = browser.post(
        confirmed.location,
        data={
            "slot": str(early.id),
            "adjustments": ["step-free", "extra-time"],
            "detail": "A parking space, please.",
        },
    )
    assert booked.status_code == 302
    text = page_text(browser.get(booked.location))
    assert "Your interview is booked" in text
    assert "Step-free access to the building and the interview room" in text
    assert "Change the time or adjustments" in text
    assert len(outbox) == 2

    # My applications says when it is.
    mine = page_text(browser.get("/my-applications"))
    assert f"Your interview: {SOON:%A} {SOON.day} {SOON:%B %Y}, 2:30pm to 3:30pm" in mine

    # Change to the later time: the calendar event is updated, not duplicated.
    change = browser.get(f"{confirmed.location}?change=yes")
    assert "Change your interview" in page_text(change)
    assert "(your time now)" in page_text(change)
    outbox.clear()
    browser.post(confirmed.location, data={"slot": str(late.id), "adjustments": ["step-free"]})
    booking = db.session.execute(db.select(InterviewBooking)).scalar_one()
    assert booking.slot_id == late.id and booking.sequence == 1
    event = Calendar.from_ical(outbox[0].attachments[0].data).walk("VEVENT")[0]
    assert event["sequence"] == 1

    # Cancel, after being asked.
    ask = browser.get(f"{confirmed.location}/cancel")
    assert "Are you sure you want to cancel your interview?" in page_text(ask)
    outbox.clear()
    cancelled = browser.post(f"{confirmed.location}/cancel")
    assert "Your interview is cancelled" in page_text(browser.get(cancelled.location))
    assert Calendar.from_ical(outbox[0].attachments[0].data)["method"] == "CANCEL"
    db.session.refresh(late)
    assert late.booked == 0


def _signed_in_with_link(app: Flask, application: Application) -> tuple[FlaskClient, str]:
    """A browser signed in through the candidate's invitation link, and their page's path."""
    from nedmatch.services.interviews.notices import interview_link

    with app.test_request_context():
        link = "/" + interview_link(application).split("://", 1)[1].split("/", 1)[1]
    browser = app.test_client()
    confirmed = use_return_link(browser, link)
    return browser, confirmed.location


def test_a_time_taken_meanwhile_is_explained_and_what_was_typed_kept(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    from nedmatch.actors import Actor
    from nedmatch.services.interviews import bookings

    slot = add_slot(vacancy, reviewer)
    other = add_slot(vacancy, reviewer, day=SOON + timedelta(days=2))
    first, second = invited(vacancy), invited(vacancy)
    browser, page = _signed_in_with_link(app, second)
    assert "2:30pm to 3:30pm" in page_text(browser.get(page))
    # Meanwhile the first candidate books that time.
    bookings.choose(Actor.candidate(first.candidate), first, bookings.Choice(slot.id))
    db.session.commit()

    response = browser.post(
        page, data={"slot": str(slot.id), "adjustments": ["bsl"], "detail": "Thank you."}
    )
    assert error_summary(response) == [
        ("#slot", "That time has just been taken by another candidate. Choose another time.")
    ]
    html = response.get_data(as_text=True)
    assert "Thank you." in html
    assert re.search(r'value="bsl"\s+checked', html)
    assert f'value="{other.id}"' in html and f'value="{slot.id}"' not in html

    # The last free time goes too: the page says there is none, and how to reach the team.
    third = invited(vacancy)
    bookings.choose(Actor.candidate(third.candidate), third, bookings.Choice(other.id))
    db.session.commit()
    text = page_text(browser.get(page))
    assert "There are no interview times free at the moment" in text


def test_someone_else_s_interview_page_is_not_found(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser
) -> None:
    add_slot(vacancy, reviewer)
    mine, theirs = invited(vacancy), invited(vacancy)
    browser, _ = _signed_in_with_link(app, mine)
    assert browser.get(f"/applications/{theirs.reference}/interview").status_code == 404
    assert app.test_client().get(f"/applications/{mine.reference}/interview").status_code == 302


def test_a_tampered_invitation_link_is_refused(app: Flask) -> None:
    response = app.test_client().get("/interview/not-a-real-token")
    assert "This link is not valid" in page_text(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_calendar_link_gives_the_file_as_it_stands(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, outbox: list[Email]
) -> None:
    slot = add_slot(vacancy, reviewer)
    application = invited(vacancy)
    from nedmatch.actors import Actor
    from nedmatch.services.interviews import bookings

    bookings.choose(Actor.candidate(application.candidate), application, bookings.Choice(slot.id))
    db.session.commit()
    link = outbox[0].attachments[0].link
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = app.test_client().get(path)
    assert response.mimetype == "text/calendar"
    assert Calendar.from_ical(response.get_data())["method"] == "REQUEST"
    bookings.cancel(Actor.candidate(application.candidate), application)
    db.session.commit()
    assert Calendar.from_ical(app.test_client().get(path).get_data())["method"] == "CANCEL"
    assert app.test_client().get("/interview/calendar/forged").status_code == 404
