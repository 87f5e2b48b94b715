"""A vacancy's interviews, under /team: the schedule (who is booked when, with the
adjustments they asked for), offering a new time, and cancelling one. Each parses the
request, calls one operation in `services.interviews` and renders; the request commits."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...dates import time_of_day
from ...extensions import db
from ...forms_common import record_id
from ...services.campaigns import vacancies
from ...services.interviews import notices, slots
from ...services.interviews import schedule as schedules
from ...services.interviews.times import to_uk, when
from ..lookups import or_404
from .forms import CancelSlotForm, SlotForm

bp = Blueprint("interviews", __name__)


@bp.route("/vacancies/<int:vacancy_id>/interviews")
def schedule(vacancy_id: int) -> str:
    item = or_404(vacancies.get(vacancy_id))
    return render_template(
        "appointments/interviews/schedule.html",
        vacancy=item,
        schedule=schedules.for_vacancy(item),
    )


def _like(slot_id: int | None, vacancy_id: int) -> dict[str, object]:
    """A new slot's form filled in from an earlier one, starting when that one ends: the
    quick way to offer a run of interviews on one day."""
    item = vacancies.get(vacancy_id)
    earlier = slots.get(item, slot_id) if item else None
    if earlier is None:
        return {}
    start = to_uk(earlier.starts_at + timedelta(minutes=earlier.minutes))
    return {
        "day": start.date(),
        "start": time_of_day(start),
        "minutes": str(earlier.minutes),
        "mode": earlier.mode,
        "place": earlier.place,
        "instructions": earlier.instructions,
        "capacity": str(earlier.capacity),
    }


@bp.route("/vacancies/<int:vacancy_id>/interviews/new", methods=["GET", "POST"])
def add_slot(vacancy_id: int) -> str | Response:
    item = or_404(vacancies.get(vacancy_id))
    form = SlotForm(data=_like(record_id(request.args.get("like")), item.id) or None)
    if form.validate_on_submit():
        assert form.day.data is not None and form.start_time is not None  # noqa: S101 - validated
        new = slots.NewSlot(
            day=form.day.data,
            start=form.start_time,
            minutes=form.minutes_value,
            mode=form.mode.data,
            place=form.place.data,
            instructions=form.instructions.data or "",
            capacity=form.capacity_value,
        )
        try:
            slot = slots.add(current_actor(), item, new)
        except slots.SlotError as error:
            form.start.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Interview time added: {when(slot.starts_at, slot.minutes)}.", "success")
            return redirect(url_for("interviews.schedule", vacancy_id=item.id, added=slot.id))
    return render_template("appointments/interviews/add.html", vacancy=item, form=form)


@bp.route("/vacancies/<int:vacancy_id>/interviews/cancel", methods=["GET", "POST"])
def cancel_slot(vacancy_id: int) -> str | Response:
    """GET asks the team to confirm (the candidates booked are told at once); POST cancels."""
    item = or_404(vacancies.get(vacancy_id))
    slot = slots.get(item, record_id(request.values.get("slot")))
    form = CancelSlotForm()
    refusal = None
    if slot is None:
        refusal = "Choose an interview time to cancel from the schedule."
    elif slot.cancelled_at is not None:
        refusal = "This interview time has already been cancelled."
    if slot is not None and refusal is None and form.validate_on_submit():
        try:
            told = slots.cancel(current_actor(), slot, form.reason.data or "")
        except slots.SlotError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(
                f"Interview time cancelled: {when(slot.starts_at, slot.minutes)}."
                + (
                    f" {told} candidate{'s have' if told != 1 else ' has'} been told and "
                    "asked to choose another time."
                    if told
                    else ""
                ),
                "success",
            )
        return redirect(url_for("interviews.schedule", vacancy_id=item.id))
    return render_template(
        "appointments/interviews/cancel.html",
        vacancy=item,
        slot=slot,
        form=form,
        refusal=refusal,
        booked=[notices.who(b) for b in (slot.bookings if slot else []) if b.status == "booked"],
    )
