"""The team's interview schedule for a vacancy: each time, who is booked on it and the
adjustments they asked for, and who is invited but has not chosen a time. A candidate is
named only once their identity has been revealed (services/sift/identity.py); until then
the schedule shows their reference, as the sift does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ...extensions import db
from ...models import Application, InterviewBooking, InterviewSlot, Vacancy
from ...models._types import utcnow
from ...stages import Stage
from ..sift.identity import reveal_of
from . import slots
from .adjustments import labels
from .times import to_uk


@dataclass(frozen=True)
class Booked:
    reference: str
    name: str | None  # None until identity is revealed
    stage: Stage | None
    adjustments: list[str]
    detail: str

    @property
    def still_invited(self) -> bool:
        return self.stage == Stage.INTERVIEW


@dataclass
class SlotRow:
    slot: InterviewSlot
    booked: list[Booked] = field(default_factory=list)
    past: bool = False

    @property
    def cancelled(self) -> bool:
        return self.slot.cancelled_at is not None


@dataclass
class Day:
    day: date
    rows: list[SlotRow]


@dataclass
class Schedule:
    days: list[Day]
    cancelled: list[SlotRow]
    waiting: list[Booked]  # invited to interview, no time chosen yet

    @property
    def offered(self) -> int:
        return sum(len(d.rows) for d in self.days)


def _person(application: Application, booking: InterviewBooking | None) -> Booked:
    revealed = reveal_of(application) is not None
    return Booked(
        reference=application.reference,
        name=application.candidate.full_name if revealed else None,
        stage=Stage.parse(application.stage),
        adjustments=labels(booking.adjustments) if booking else [],
        detail=booking.adjustments_detail if booking else "",
    )


def for_vacancy(vacancy: Vacancy, now: datetime | None = None) -> Schedule:
    now = now or utcnow()
    live = db.session.execute(
        db.select(InterviewBooking)
        .join(InterviewSlot)
        .where(InterviewSlot.vacancy_id == vacancy.id, InterviewBooking.status == "booked")
        .order_by(InterviewBooking.booked_at)
    ).scalars()
    by_slot: dict[int, list[InterviewBooking]] = {}
    for booking in live:
        by_slot.setdefault(booking.slot_id, []).append(booking)
    days: dict[date, list[SlotRow]] = {}
    cancelled = []
    for slot in slots.for_vacancy(vacancy):
        row = SlotRow(
            slot,
            [_person(b.application, b) for b in by_slot.get(slot.id, [])],
            past=slot.starts_at < now,
        )
        if row.cancelled:
            cancelled.append(row)
        else:
            days.setdefault(to_uk(slot.starts_at).date(), []).append(row)
    booked_ids = {b.application_id for bookings in by_slot.values() for b in bookings}
    invited = db.session.execute(
        db.select(Application)
        .filter_by(vacancy_id=vacancy.id, stage=Stage.INTERVIEW.value)
        .order_by(Application.reference)
    ).scalars()
    waiting = [_person(a, None) for a in invited if a.id not in booked_ids]
    return Schedule(
        days=[Day(day, rows) for day, rows in sorted(days.items())],
        cancelled=cancelled,
        waiting=waiting,
    )
