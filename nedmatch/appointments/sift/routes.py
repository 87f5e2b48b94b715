"""The sift's pages, under /team. Each parses the request, calls one operation in
`services.sift` and renders; the request commits once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...domain import BOARD_EXPERIENCE, REGIONS
from ...downloads import send_download
from ...extensions import db
from ...forms_common import record_id
from ...models import MESSAGE_STATUSES, STAGES, Vacancy
from ...services.alerts import counts as alert_counts
from ...services.campaigns import vacancies
from ...services.pool.filters import PoolFilters
from ...services.sift import (
    applications,
    bulk_preview,
    history,
    identity,
    invitations,
    notes,
    stages,
    views,
)
from ...services.sift import ranked_list as sift
from ..lookups import or_404
from ..pool.routes import lookups as pool_lookups
from .forms import BULK_ACTIONS, BulkForm, ConfirmForm, MoveForm, NoteForm

bp = Blueprint("sift", __name__)
# Match explanations quote the candidate's own words (templates/appointments/_match.html).
bp.add_app_template_filter(identity.without_contact_details, "without_contact_details")


@bp.route("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int) -> str | tuple[str, int]:
    item = or_404(vacancies.get(vacancy_id))
    filters = sift.Filters.from_args(request.args)
    page = _ranked_page(item, filters, BulkForm(formdata=None))
    return (page, 400) if filters.errors else page


def _ranked_page(item: Vacancy, filters: sift.Filters, bulk: BulkForm) -> str:
    return render_template(
        "appointments/vacancy.html",
        vacancy=item,
        ranked=sift.ranked_list(item, filters),
        alerts=alert_counts.for_vacancy(item),
        filters=filters,
        bulk=bulk,
        BULK_ACTIONS=BULK_ACTIONS,
        SORTS=sift.SORTS,
        REGIONS=REGIONS,
        BOARD_EXPERIENCE=BOARD_EXPERIENCE,
    )


def _back_to(vacancy: Vacancy) -> str:
    """The ranked list the bulk form came from (with its filters), never another site."""
    back = request.form.get("back") or ""
    return back if back.startswith("/team/") else url_for("sift.vacancy", vacancy_id=vacancy.id)


def _bulk_form(vacancy: Vacancy) -> tuple[BulkForm, str, str | None]:
    """The ranked list's bulk form, the list to go back to, and, when the form is not valid,
    the ranked list again with the errors beside their fields and every tick kept."""
    form = BulkForm()
    form.application_ids.choices = [
        (a_id, str(a_id)) for a_id in applications.submitted_for(vacancy)
    ]
    back = _back_to(vacancy)
    if form.validate_on_submit():
        return form, back, None
    ticked = [i for i in form.application_ids.data or [] if isinstance(i, int)]
    filters = sift.Filters.from_args(MultiDict(parse_qsl(urlsplit(back).query)))
    return form, back, _ranked_page(vacancy, filters.with_selected(ticked), form)


@bp.route("/vacancies/<int:vacancy_id>/bulk", methods=["POST"])
def vacancy_bulk(vacancy_id: int) -> Response:
    """Carry out a bulk action the team has seen previewed (vacancy_bulk_preview)."""
    item = or_404(vacancies.get(vacancy_id))
    form, back, invalid = _bulk_form(item)
    if invalid is not None:
        return make_response(invalid, 400)
    try:
        result = stages.bulk_move(
            current_actor(),
            item,
            form.application_ids.data,
            form.action.data,
            form.reason.data or "",
            actor_is_admin=current_user.is_admin,
        )
    except stages.StageError as error:
        flash(str(error), "warning")
        return redirect(back)
    db.session.commit()
    if result.moved:
        done = "rejected" if form.action.data == "rejected" else "moved"
        flash(f"{result.moved} candidate{'s' if result.moved != 1 else ''} {done}.", "success")
    for message in result.refused:
        flash(message, "warning")
    return redirect(back)


@bp.route("/vacancies/<int:vacancy_id>/bulk/preview", methods=["POST"])
def vacancy_bulk_preview(vacancy_id: int) -> str | Response:
    """What the bulk action would do and say, before it is confirmed (posted to /bulk)."""
    item = or_404(vacancies.get(vacancy_id))
    form, back, invalid = _bulk_form(item)
    if invalid is not None:
        return make_response(invalid, 400)
    try:
        preview = bulk_preview.preview(
            item,
            form.application_ids.data,
            form.action.data,
            form.reason.data or "",
            actor_is_admin=current_user.is_admin,
        )
    except stages.StageError as error:
        flash(str(error), "warning")
        return redirect(back)
    return render_template(
        "appointments/bulk_preview.html",
        vacancy=item,
        form=form,
        preview=preview,
        back=back,
        BULK_ACTIONS=BULK_ACTIONS,
    )


@bp.route("/applications/<ref>/undo-rejection", methods=["POST"])
def undo_rejection(ref: str) -> Response:
    item = or_404(applications.by_reference(ref))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        back = stages.undo_rejection(current_actor(), item)
    except stages.StageError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(
            f"The rejection of {item.reference} is undone: it is back at "
            f"{back.label.lower()}, and the candidate will not be sent the rejection.",
            "success",
        )
    return redirect(url_for("sift.application", ref=ref))


@bp.route("/applications/<ref>/history")
def application_history(ref: str) -> str:
    item = or_404(applications.by_reference(ref))
    found = history.for_application(item)
    return render_template(
        "appointments/application_history.html",
        application=item,
        found=found,
        MESSAGE_STATUSES=MESSAGE_STATUSES,
    )


@bp.route("/applications/<ref>", methods=["GET", "POST"])
def application(ref: str) -> str | Response:
    item = or_404(applications.by_reference(ref))
    move_form = MoveForm(prefix="move")
    move_form.to_stage.choices = [("", "Choose a stage")] + [
        (s, STAGES[s]) for s in stages.allowed_moves(item)
    ]
    # stages.move judges the stage, with a message that says why a move is not allowed;
    # WTForms' own "Not a valid choice" would not.
    move_form.to_stage.validate_choice = False
    note_form = NoteForm(prefix="note")
    # The ranked list the reviewer came from (filters, search, sort, ticks) travels with them.
    filters = sift.Filters.from_args(request.args)
    here = url_for("sift.application", ref=ref, **filters.as_args(page=1))

    if request.method == "POST" and "move-to_stage" in request.form and move_form.validate():
        change = stages.Move(
            move_form.to_stage.data, move_form.reason.data or "", move_form.override.data
        )
        try:
            stages.move_one(current_actor(), item, change, actor_is_admin=current_user.is_admin)
        except stages.StageError as error:  # refused before anything was changed
            move_form.to_stage.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{item.reference} moved to {STAGES[item.stage].lower()}.", "success")
            return redirect(here)
    elif request.method == "POST" and "note-text" in request.form and note_form.validate():
        notes.add(current_actor(), item, note_form.text.data)
        db.session.commit()
        flash("Note added.", "success")
        return redirect(here + "#notes")

    view = views.application_view(current_actor(), item)
    db.session.commit()
    return render_template(
        "appointments/application.html",
        application=item,
        vacancy=item.vacancy,
        candidate=view.candidate,
        reveal=view.reveal,
        blind=view.blind,
        match=view.assessed.match,
        applicants=view.assessed.applicants,
        protected=view.protected,
        on_panel=view.on_panel,
        move_form=move_form,
        note_form=note_form,
        notes=view.notes,
        can_reveal=view.can_reveal,
        pending_rejection=view.pending_rejection,
        confirm=ConfirmForm(formdata=None),
        here=here,
        filters=filters,
        neighbours=sift.neighbours(item.vacancy, filters, item.id),
    )


@bp.route("/applications/<ref>/reveal", methods=["GET", "POST"])
def reveal_identity(ref: str) -> str | Response:
    """GET asks the team to confirm (it cannot be undone); the confirmation posts here."""
    item = or_404(applications.by_reference(ref))
    if request.method == "GET":
        return render_template(
            "appointments/confirm/reveal.html",
            application=item,
            vacancy=item.vacancy,
            refusal=identity.refusal(current_actor(), item),
        )
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        revealed = identity.reveal(current_actor(), item)
    except identity.RevealError as error:
        flash(str(error), "warning")
    else:
        if revealed:
            db.session.commit()
            flash(
                f"Identity revealed for {item.reference}. This is recorded in the history.", "info"
            )
    return redirect(url_for("sift.application", ref=ref))


@bp.route("/applications/<ref>/cv")
def application_cv(ref: str) -> Response:
    """The applicant's CV as a download (never shown in the page): before identity is
    revealed, its text with who they are taken out; the original file after. Every download
    is recorded."""
    application = or_404(applications.by_reference(ref))
    download = or_404(identity.cv_download(current_actor(), application))
    db.session.commit()
    return send_download(download.data, download.filename, download.media_type)


@bp.route("/vacancies/<int:vacancy_id>/history")
def vacancy_history(vacancy_id: int) -> str:
    item = or_404(vacancies.get(vacancy_id))
    found = history.for_vacancy(item)
    return render_template("appointments/history.html", vacancy=item, history=found)


@bp.route("/vacancies/<int:vacancy_id>/pool/invite")
def invite_confirm(vacancy_id: int) -> str:
    """Asks the team to confirm an invitation (its email cannot be taken back); the
    confirmation posts to the pool page, which sends it."""
    item = or_404(vacancies.get(vacancy_id))
    try:
        invitee = invitations.invitee(
            current_actor(), item, record_id(request.args.get("candidate_id", ""))
        )
    except invitations.InvitationError as error:
        return render_template(
            "appointments/confirm/invite.html", vacancy=item, invitee=None, refusal=str(error)
        )
    subject, body = invitations.invitation_email(item, "[their first name]")
    return render_template(
        "appointments/confirm/invite.html",
        vacancy=item,
        invitee=invitee,
        refusal=None,
        email={"subject": subject, "body": body},
    )


@bp.route("/vacancies/<int:vacancy_id>/pool", methods=["GET", "POST"])
def vacancy_pool(vacancy_id: int) -> str | Response:
    item = or_404(vacancies.get(vacancy_id))
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            flash("Choose someone from the list to invite.", "warning")
            return redirect(url_for("sift.vacancy_pool", vacancy_id=item.id))
        try:
            invitations.invite(
                current_actor(), item, record_id(request.form.get("candidate_id", ""))
            )
        except invitations.InvitationError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(
                "Invitation sent. The candidate's identity stays hidden until interview.", "success"
            )
        return redirect(url_for("sift.vacancy_pool", vacancy_id=item.id))
    filters = PoolFilters.from_args(request.args)
    pool = invitations.pool_for(item, filters=filters)
    return render_template(
        "appointments/pool.html",
        vacancy=item,
        matches=pool.matches,
        pool_label=pool.label,
        public_id=pool.public_ids.get,
        invited=pool.invited,
        filters=filters,
        **pool_lookups(),
    )
