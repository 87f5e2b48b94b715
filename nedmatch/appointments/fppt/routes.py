"""An application's fit and proper person test record, under /team: each check, the
administrator's override, and the annual re-checks that are due. Each parses the request,
calls one operation in `services.fppt` and renders; the request commits."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...extensions import db
from ...models import FPPT_CHECKS, FPPT_STATUSES, Application
from ...services.fppt import checks, due
from ...services.sift import applications
from ...stages import Stage
from ..lookups import or_404
from .forms import CheckForm, ConfirmForm, OverrideForm

bp = Blueprint("fppt", __name__)

# The FPPT record is opened once a candidate reaches interview: earlier, nobody has been
# chosen, and the checks (references, DBS) would intrude on people who will not be.
OPEN_AT = frozenset({Stage.INTERVIEW.value, Stage.RECOMMENDED.value, Stage.APPOINTED.value})


def _application(ref: str) -> Application:
    item = or_404(applications.by_reference(ref))
    if item.stage not in OPEN_AT:
        abort(404)
    return item


def _record_page(item: Application, override_form: OverrideForm | None = None) -> str:
    return render_template(
        "appointments/fppt/record.html",
        application=item,
        vacancy=item.vacancy,
        rows=checks.record_of(item),
        round=checks.current_round(item),
        outstanding=checks.outstanding(item, 0),
        override=checks.override_of(item),
        override_form=override_form or OverrideForm(formdata=None),
        confirm=ConfirmForm(formdata=None),
        appointed=item.stage == Stage.APPOINTED.value,
    )


@bp.route("/applications/<ref>/fppt")
def record(ref: str) -> str:
    return _record_page(_application(ref))


@bp.route("/applications/<ref>/fppt/<kind>", methods=["GET", "POST"])
def check(ref: str, kind: str) -> str | Response:
    item = _application(ref)
    if kind not in FPPT_CHECKS:
        abort(404)
    existing = next(row.check for row in checks.record_of(item) if row.kind == kind)
    form = CheckForm(obj=existing) if existing is not None else CheckForm()
    if form.validate_on_submit():
        try:
            checks.record(
                current_actor(),
                item,
                kind,
                status=form.status.data,
                checked_on=form.checked_on.data,
                evidence=form.evidence.data or "",
                notes=form.notes.data or "",
            )
        except checks.FpptError as error:
            form.status.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{FPPT_CHECKS[kind]}: {FPPT_STATUSES[form.status.data].lower()}.", "success")
            return redirect(url_for("fppt.record", ref=ref))
    return render_template(
        "appointments/fppt/check.html",
        application=item,
        vacancy=item.vacancy,
        kind=kind,
        label=FPPT_CHECKS[kind],
        form=form,
    )


@bp.route("/applications/<ref>/fppt/override", methods=["POST"])
def override(ref: str) -> str | Response:
    if not current_user.is_admin:
        abort(403)
    item = _application(ref)
    form = OverrideForm()
    if form.validate_on_submit():
        checks.override(current_actor(), item, form.reason.data or "", is_admin=True)
        db.session.commit()
        flash("Override recorded: the candidate can be appointed.", "success")
        return redirect(url_for("fppt.record", ref=ref))
    return _record_page(item, form)


@bp.route("/applications/<ref>/fppt/recheck", methods=["POST"])
def recheck(ref: str) -> Response:
    item = _application(ref)
    if item.stage != Stage.APPOINTED.value or not ConfirmForm().validate_on_submit():
        abort(400)
    number = due.start_recheck(current_actor(), item)
    db.session.commit()
    flash(f"Annual re-check {number} started: record each check below.", "success")
    return redirect(url_for("fppt.record", ref=ref))


@bp.route("/fppt/due")
def due_list() -> str:
    today = date.today()
    return render_template("appointments/fppt/due.html", due=due.due(today), today=today)
