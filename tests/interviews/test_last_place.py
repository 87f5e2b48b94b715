"""Two candidates press "Book this time" for the last place at the same moment: one gets
it, the other is told it has just gone, and the slot never holds more than its capacity.

Each booking runs in a thread with its own application context, so its own database
session, connection and transaction, as two server threads would. Both are held just
before their UPDATE of the slot until the other gets there too. On SQLite the suite's
in-memory database has one connection for every thread, so this test makes a database file
of its own; on PostgreSQL (TEST_DATABASE_URL) it uses the suite's."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from nedmatch import create_app
from nedmatch.actors import Actor
from nedmatch.extensions import db
from nedmatch.models import Application, InterviewBooking, InterviewSlot
from nedmatch.services.interviews import bookings
from nedmatch.services.platform import notifications
from tests.conftest import make_team_user, make_vacancy

from .conftest import add_slot, invited


class HoldBefore:
    """Holds each thread at its first statement starting with `prefix` until the other
    thread reaches its own (or `patience` seconds pass, when one waits for the other's lock)."""

    def __init__(self, prefix: str, patience: float = 2.0) -> None:
        self.prefix = prefix.upper()
        self.barrier = threading.Barrier(2)
        self.patience = patience
        self.seen = threading.local()
        self.reached = 0

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(self.prefix) and not getattr(
            self.seen, "done", False
        ):
            self.seen.done = True
            self.reached += 1
            try:
                self.barrier.wait(timeout=self.patience)
            except threading.BrokenBarrierError:
                pass


@pytest.fixture
def race_app(tmp_path: Path) -> Iterator[Flask]:
    """An app whose threads each get a connection of their own to one database."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        from flask import current_app

        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        yield app
        return
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'race.db'}")
    app.instance_path = str(tmp_path)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


def _booking_of(app: Flask, reference: str, slot_id: int) -> Callable[[], str]:
    def attempt() -> str:
        with app.app_context():
            application = db.session.execute(
                db.select(Application).filter_by(reference=reference)
            ).scalar_one()
            try:
                bookings.choose(
                    Actor.candidate(application.candidate),
                    application,
                    bookings.Choice(slot_id, ["step-free"]),
                )
            except bookings.SlotTaken:
                db.session.rollback()
                return "taken"
            db.session.commit()
            return "booked"

    return attempt


@pytest.mark.parametrize("capacity", [1, 2])
def test_two_candidates_race_for_the_last_place(app: Flask, race_app: Flask, capacity: int) -> None:
    with race_app.app_context():
        vacancy = make_vacancy()
        slot = add_slot(vacancy, make_team_user("reviewer"), capacity=capacity)
        if capacity == 2:  # one place already taken: the race is for the last one
            bookings.choose(Actor.system("test"), invited(vacancy), bookings.Choice(slot.id))
            db.session.commit()
        racers = [invited(vacancy).reference for _ in range(2)]
        slot_id = slot.id
    notifications.outbox.clear()

    hold = HoldBefore("UPDATE interview_slot")
    with race_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", hold)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(_booking_of(race_app, ref, slot_id)) for ref in racers]
            outcomes = sorted(f.result(timeout=60) for f in futures)
    finally:
        event.remove(engine, "before_cursor_execute", hold)

    assert hold.reached == 2  # both got as far as taking a place
    assert outcomes == ["booked", "taken"]
    with race_app.app_context():
        full = db.session.get(InterviewSlot, slot_id)
        live = (
            db.session.execute(
                db.select(InterviewBooking).filter_by(slot_id=slot_id, status="booked")
            )
            .scalars()
            .all()
        )
        assert full is not None and full.booked == capacity == len(live)
    # Only the winner was sent a confirmation (and the team a copy).
    assert len([e for e in notifications.outbox if e.subject.startswith("Interview booked")]) == 2


def test_the_database_refuses_more_places_than_the_capacity(
    app: Flask, slot: InterviewSlot
) -> None:
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.execute(
            update(InterviewSlot)
            .where(InterviewSlot.id == slot.id)
            .values(booked=slot.capacity + 1)
        )
        db.session.flush()
    db.session.rollback()
