"""The sift: the ranked list with filters and bulk actions, one application's blind view,
stage moves, notes, revealing identity at interview, the pool and invitations, history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..domain import BOARD_EXPERIENCE, REGIONS
from ..extensions import db
from ..models import (
    STAGES,
    Application,
    ApplicationNote,
    AuditEvent,
    Candidate,
    IdentityReveal,
    Invitation,
    TeamUser,
)
from ..services import matching
from ..services.platform import audit
from ..services.sift import invitations, stages
from ..services.sift import ranked_list as sift
from .forms import BULK_ACTIONS, BulkForm, ConfirmForm, MoveForm, NoteForm
from .routes import _actor, _vacancy, bp

REVEAL_STAGES = {"interview", "recommended", "appointed"}
# Match explanations quote the candidate's own words (templates/appointments/_match.html).
bp.add_app_template_filter(sift.without_contact_details, "without_contact_details")


def _application(ref: str) -> Application:
    application = db.session.execute(
        db.select(Application).filter_by(reference=ref)
    ).scalar_one_or_none()
    if application is None or application.stage == "draft":
        abort(404)
    return application


@bp.route("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int) -> str:
    item = _vacancy(vacancy_id)
    filters = sift.Filters.from_args(request.args)
    ranked = sift.ranked_list(item, filters)
    bulk = BulkForm(formdata=None)
    return render_template(
        "appointments/vacancy.html",
        vacancy=item,
        ranked=ranked,
        filters=filters,
        bulk=bulk,
        BULK_ACTIONS=BULK_ACTIONS,
        SORTS=sift.SORTS,
        REGIONS=REGIONS,
        BOARD_EXPERIENCE=BOARD_EXPERIENCE,
    )


@bp.route("/vacancies/<int:vacancy_id>/bulk", methods=["POST"])
def vacancy_bulk(vacancy_id: int) -> Response:
    item = _vacancy(vacancy_id)
    form = BulkForm()
    applications = {
        a.id: a
        for a in db.session.execute(
            db.select(Application).where(
                Application.vacancy_id == item.id, Application.stage != "draft"
            )
        ).scalars()
    }
    form.application_ids.choices = [(a_id, str(a_id)) for a_id in applications]
    back = request.form.get("back") or url_for("appointments.vacancy", vacancy_id=item.id)
    if not back.startswith("/team/"):
        back = url_for("appointments.vacancy", vacancy_id=item.id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "warning")
        return redirect(back)
    if form.action.data == "rejected" and not form.reason.data:
        flash("Give a reason to reject the selected candidates.", "warning")
        return redirect(back)
    assessment = sift.assessment_for(item, [a.candidate_id for a in applications.values()])
    moved, refused = 0, []
    for app_id in form.application_ids.data:
        application = applications[app_id]
        if form.action.data == "advance":
            forward = [
                s
                for s in stages.allowed_moves(application)
                if not stages.is_backward(application, s) and s != "rejected"
            ]
            if not forward:
                refused.append(f"{application.reference} has no next stage")
                continue
            target = forward[0]
        else:
            target = "rejected"
        try:
            stages.move(
                _actor(),
                application,
                stages.Move(target, form.reason.data or ""),
                actor_is_admin=current_user.is_admin,
                meets_essentials=assessment.meets_of(application.candidate_id)
                if assessment
                else None,
            )
        except stages.StageError as error:
            refused.append(str(error))
        else:
            moved += 1
    db.session.commit()
    if moved:
        flash(f"{moved} candidate{'s' if moved != 1 else ''} moved.", "success")
    for message in refused:
        flash(message, "warning")
    return redirect(back)


@bp.route("/applications/<ref>", methods=["GET", "POST"])
def application(ref: str) -> str | Response:
    item = _application(ref)
    vacancy = item.vacancy
    move_form = MoveForm(prefix="move")
    move_form.to_stage.choices = [("", "Choose a stage")] + [
        (s, STAGES[s]) for s in stages.allowed_moves(item)
    ]
    # stages.move judges the stage, with a message that says why a move is not allowed;
    # WTForms' own "Not a valid choice" would not.
    move_form.to_stage.validate_choice = False
    note_form = NoteForm(prefix="note")
    applicant_ids = matching.applicant_ids(vacancy)
    assessment = sift.assessment_for(vacancy, applicant_ids)
    match = assessment.explain([item.candidate_id]).get(item.candidate_id) if assessment else None
    meets = match.meets_essentials if match else None

    if request.method == "POST" and "move-to_stage" in request.form and move_form.validate():
        try:
            stages.move(
                _actor(),
                item,
                stages.Move(
                    move_form.to_stage.data, move_form.reason.data or "", move_form.override.data
                ),
                actor_is_admin=current_user.is_admin,
                meets_essentials=meets,
            )
        except stages.StageError as error:
            db.session.rollback()
            move_form.to_stage.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{item.reference} moved to {STAGES[item.stage].lower()}.", "success")
            return redirect(url_for("appointments.application", ref=ref))
    elif request.method == "POST" and "note-text" in request.form and note_form.validate():
        db.session.add(
            ApplicationNote(
                application_id=item.id, author_id=current_user.id, text=note_form.text.data
            )
        )
        audit.record(_actor(), "note_added", "application", item.id)
        db.session.commit()
        flash("Note added.", "success")
        return redirect(url_for("appointments.application", ref=ref) + "#notes")

    reveal = sift.reveal_of(item)
    candidate = item.candidate

    def blind(text: str | None) -> str:
        return text or "" if reveal else sift.blind_text(text, candidate)

    notes = db.session.execute(
        db.select(ApplicationNote, TeamUser.name)
        .join(TeamUser, TeamUser.id == ApplicationNote.author_id)
        .where(ApplicationNote.application_id == item.id)
        .order_by(ApplicationNote.at)
    ).all()
    audit.record(_actor(), "application_viewed", "application", item.id, revealed=bool(reveal))
    db.session.commit()
    return render_template(
        "appointments/application.html",
        application=item,
        vacancy=vacancy,
        candidate=candidate,
        reveal=reveal,
        blind=blind,
        match=match,
        applicants=len(applicant_ids),
        protected=stages.protected_by_scheme(item, meets),
        move_form=move_form,
        note_form=note_form,
        notes=notes,
        can_reveal=item.stage in REVEAL_STAGES and reveal is None,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/applications/<ref>/reveal", methods=["POST"])
def reveal_identity(ref: str) -> Response:
    item = _application(ref)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if item.stage not in REVEAL_STAGES:
        flash("Identity can only be revealed once a candidate is invited to interview.", "warning")
    elif (
        db.session.execute(db.select(IdentityReveal).filter_by(application_id=item.id)).first()
        is None
    ):
        db.session.add(IdentityReveal(application_id=item.id, revealed_by=current_user.id))
        audit.record(_actor(), "identity_revealed", "application", item.id, stage=item.stage)
        db.session.commit()
        flash(f"Identity revealed for {item.reference}. This is recorded in the history.", "info")
    return redirect(url_for("appointments.application", ref=ref))


@bp.route("/vacancies/<int:vacancy_id>/history")
def vacancy_history(vacancy_id: int) -> str:
    item = _vacancy(vacancy_id)
    references = dict(
        db.session.execute(
            db.select(Application.id, Application.reference).where(
                Application.vacancy_id == item.id
            )
        ).all()
    )
    events = (
        db.session.execute(
            db.select(AuditEvent)
            .where(
                ((AuditEvent.object_type == "vacancy") & (AuditEvent.object_id == str(item.id)))
                | (
                    (AuditEvent.object_type == "application")
                    & AuditEvent.object_id.in_([str(i) for i in references])
                    & (AuditEvent.action != "application_viewed")
                )
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(500)
        )
        .scalars()
        .all()
    )
    team = dict(db.session.execute(db.select(TeamUser.id, TeamUser.name)).all())
    return render_template(
        "appointments/history.html",
        vacancy=item,
        events=events,
        references={str(k): v for k, v in references.items()},
        actor_name=lambda actor: _actor_name(actor, team),
    )


def _actor_name(actor: str, team: dict[int, str]) -> str:
    kind, _, raw = actor.partition(":")
    if kind == "team" and raw.isdigit():
        return team.get(int(raw), "A former team member")
    if kind == "candidate":
        return "The candidate"
    return "NEDMatch"


@bp.route("/vacancies/<int:vacancy_id>/pool", methods=["GET", "POST"])
def vacancy_pool(vacancy_id: int) -> str | Response:
    item = _vacancy(vacancy_id)
    if request.method == "POST":
        form = ConfirmForm()
        raw_id = request.form.get("candidate_id", "")
        # isdigit() alone also takes "²" and digits of other scripts, which int() refuses;
        # more than 18 digits cannot be an id (and overflows the database's integer).
        wellformed = raw_id.isascii() and raw_id.isdigit() and len(raw_id) <= 18
        candidate = db.session.get(Candidate, int(raw_id)) if wellformed else None
        if not form.validate_on_submit() or candidate is None:
            flash("Choose someone from the list to invite.", "warning")
            return redirect(url_for("appointments.vacancy_pool", vacancy_id=item.id))
        try:
            invitations.invite(_actor(), current_user.id, item, candidate)
        except invitations.InvitationError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(
                "Invitation sent. The candidate's identity stays hidden until interview.", "success"
            )
        return redirect(url_for("appointments.vacancy_pool", vacancy_id=item.id))
    matches = matching.rank_pool(item, top_k=50)
    ids = [m.candidate_id for m in matches or []]
    public_ids = dict(
        db.session.execute(
            db.select(Candidate.id, Candidate.public_id).where(Candidate.id.in_(ids))
        ).all()
    )
    invited = set(
        db.session.execute(
            db.select(Invitation.candidate_id).where(Invitation.vacancy_id == item.id)
        ).scalars()
    )
    return render_template(
        "appointments/pool.html",
        vacancy=item,
        matches=matches,
        public_ids=public_ids,
        invited=invited,
        confirm=ConfirmForm(formdata=None),
    )


@bp.route("/vacancies/<int:vacancy_id>/preview")
def vacancy_preview(vacancy_id: int) -> str:
    item = _vacancy(vacancy_id)
    return render_template("appointments/preview.html", vacancy=item)
