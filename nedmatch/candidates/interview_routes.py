"""The candidate's interview: the invitation's link, choosing a time with the adjustments
they need, changing or cancelling it, and the calendar file's link. Each parses the
request, calls one operation in `services.interviews` and renders; the request commits."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..actors import Actor
from ..extensions import db
from ..security import no_store
from ..services.applications import accounts
from ..services.interviews import bookings, notices, slots
from ..services.interviews.times import change_cutoff, when
from ..services.platform.notifications import mask_email
from ..services.platform.tokens import TokenError, load_calendar_token, load_interview_token
from . import forms
from .interview_forms import ChooseTimeForm
from .navigation import own_application
from .session import candidate_required, current_candidate, sign_in_candidate, signed_in

bp = Blueprint("interview", __name__)


@bp.route("/interview/<token>", methods=["GET", "POST"])
def from_link(token: str) -> str | Response:
    """The invitation's link. As with a return link, opening it signs nobody in (mail
    scanners open links): the "Continue" button does, then the interview page opens."""
    try:
        application = load_interview_token(token)
    except TokenError as error:
        return no_store(
            render_template(
                "candidates/return.html",
                form=forms.ReturnForm(formdata=None),
                token_error=str(error),
            )
        )
    page = url_for("interview.choose", ref=application.reference)
    signed_in_as = current_candidate()
    if signed_in_as is not None and signed_in_as.id == application.candidate_id:
        return redirect(page)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        sign_in_candidate(application.candidate)
        accounts.mark_active(application.candidate)
        db.session.commit()
        return redirect(page)
    return no_store(
        render_template(
            "candidates/return_confirm.html",
            form=form,
            masked_email=mask_email(application.candidate.email),
            signed_in_as=signed_in_as,
            purpose="choose the time of your interview and tell us about any adjustments you need",
        )
    )


def _cutoff_hours() -> int:
    return int(change_cutoff().total_seconds() // 3600)


@bp.route("/applications/<ref>/interview", methods=["GET", "POST"])
@candidate_required
def choose(ref: str) -> str | Response:
    application = own_application(ref)
    booking = bookings.live_booking(application)
    changing = booking is not None and request.values.get("change") == "yes"
    form = ChooseTimeForm(
        data={
            "slot": str(booking.slot_id),
            "adjustments": booking.adjustments,
            "detail": booking.adjustments_detail,
        }
        if booking is not None
        else None
    )
    if request.method == "POST" and bookings.may_choose(application) and form.validate():
        choice = bookings.Choice(
            form.slot_id or 0, form.adjustments.data or [], form.detail.data or ""
        )
        try:
            made = bookings.choose(Actor.candidate(signed_in()), application, choice)
        except bookings.SlotTaken as error:
            form.slot.errors = [str(error)]
        except bookings.BookingError as error:
            flash(str(error), "warning")
            return redirect(url_for("interview.choose", ref=ref))
        else:
            db.session.commit()
            flash(
                f"{'Your interview is booked' if booking is None else 'Your interview is updated'}"
                f": {when(made.slot.starts_at, made.slot.minutes)}. We have emailed you the "
                "details and a calendar invitation.",
                "success",
            )
            return redirect(url_for("interview.choose", ref=ref))
    times = slots.choosable(application)
    if booking is not None and booking.slot not in times:
        times.insert(0, booking.slot)  # their own time stays a choice while they change
    own = booking.slot if booking is not None else None
    form.slot.choices = {
        str(t.id): when(t.starts_at, t.minutes) + (" (your time now)" if t is own else "")
        for t in times
    }
    return render_template(
        "candidates/interview.html",
        application=application,
        booking=booking,
        last=bookings.latest_booking(application) if booking is None else booking,
        changing=changing or (booking is not None and bool(form.errors)),
        can_change=booking is not None and bookings.changeable(booking),
        may_choose=bookings.may_choose(application),
        times=times,
        form=form,
        where=notices.where,
        hints={str(t.id): notices.where(t) for t in times},
        cutoff_hours=_cutoff_hours(),
    )


@bp.route("/applications/<ref>/interview/cancel", methods=["GET", "POST"])
@candidate_required
def cancel(ref: str) -> str | Response:
    application = own_application(ref)
    booking = bookings.live_booking(application)
    if booking is None or not bookings.changeable(booking):
        return redirect(url_for("interview.choose", ref=ref))  # that page says what to do
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        try:
            bookings.cancel(Actor.candidate(signed_in()), application)
        except bookings.BookingError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash("Your interview is cancelled. We have emailed you to confirm it.", "success")
        return redirect(url_for("interview.choose", ref=ref))
    return render_template(
        "candidates/interview_cancel.html", application=application, booking=booking, form=form
    )


@bp.route("/interview/calendar/<token>")
def calendar_file(token: str) -> Response:
    """The calendar file of a booking, as it stands, for a mail service that could not
    attach it: an invitation, or a cancellation once cancelled."""
    try:
        uid, recipient = load_calendar_token(token)
    except TokenError:
        abort(404)
    booking = bookings.by_uid(uid)
    if booking is None or recipient not in {"candidate", "team"}:
        abort(404)
    response = current_app.response_class(
        notices.calendar_for(booking, recipient),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'attachment; filename="interview.ics"',
            "Cache-Control": "no-store",
        },
    )
    return response
