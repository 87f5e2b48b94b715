"""The development pipeline under /team: programmes and cohorts, each participant's host,
mentor and milestones, and the offers to candidates interviewed but not appointed. The
whole team reads; administrators make changes. Nothing here shows equality monitoring
answers: who is under-represented is for the person to say in their application to the
programme, and for reports to count."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...auth.access import admin_required
from ...auth.current import current_actor
from ...extensions import db
from ...services.campaigns import organisations as orgs
from ...services.campaigns import vacancies
from ...services.development import near_misses, paths, programmes
from ...services.sift import applications
from ..lookups import given_date, or_404
from .forms import (
    AddParticipantForm,
    AnswerForm,
    CohortForm,
    CohortStatusForm,
    MilestoneForm,
    OfferForm,
    ParticipantForm,
    ProgrammeForm,
)

bp = Blueprint("development", __name__)


@bp.route("/development", methods=["GET", "POST"])
def index() -> str | Response:
    if request.method == "POST" and not current_user.is_admin:
        abort(403)
    form = ProgrammeForm()
    if form.validate_on_submit():
        try:
            made = programmes.create_programme(
                current_actor(), form.kind.data, form.name.data, form.description.data or ""
            )
        except programmes.DevelopmentError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Programme added: {made.name}. Add its first cohort.", "success")
            return redirect(url_for("development.index"))
    return render_template(
        "appointments/development/index.html",
        programmes=programmes.programmes(),
        form=form,
        cohort_form=CohortForm(formdata=None),
    )


@bp.route("/development/programmes/<int:programme_id>/cohorts", methods=["POST"])
@admin_required
def cohort_new(programme_id: int) -> str | Response:
    programme = or_404(next((p for p in programmes.programmes() if p.id == programme_id), None))
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = programmes.create_cohort(
                current_actor(),
                programme,
                form.name.data,
                given_date(form.starts_on.data),
                given_date(form.ends_on.data),
            )
        except programmes.DevelopmentError as error:
            form.ends_on.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Cohort added: {cohort.name}.", "success")
            return redirect(url_for("development.cohort", cohort_id=cohort.id))
    return render_template(
        "appointments/development/cohort_new.html", form=form, programme=programme
    )


def _cohort_page(cohort_id: int, add_form: AddParticipantForm | None = None) -> str:
    cohort = or_404(programmes.get_cohort(cohort_id))
    return render_template(
        "appointments/development/cohort.html",
        cohort=cohort,
        participants=sorted(cohort.participants, key=lambda p: p.candidate.full_name),
        add_form=add_form or AddParticipantForm(formdata=None),
        status_form=CohortStatusForm(formdata=None, status=cohort.status),
    )


@bp.route("/development/cohorts/<int:cohort_id>")
def cohort(cohort_id: int) -> str:
    return _cohort_page(cohort_id)


@bp.route("/development/cohorts/<int:cohort_id>/participants", methods=["POST"])
@admin_required
def participant_new(cohort_id: int) -> str | Response:
    item = or_404(programmes.get_cohort(cohort_id))
    form = AddParticipantForm()
    if form.validate_on_submit():
        try:
            added = programmes.add_participant(
                current_actor(), item, form.email.data, date.today(), form.nominated_by.data or ""
            )
        except programmes.DevelopmentError as error:
            form.email.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{added.candidate.full_name} added to {item.name}.", "success")
            return redirect(url_for("development.cohort", cohort_id=item.id))
    return _cohort_page(cohort_id, form)


@bp.route("/development/cohorts/<int:cohort_id>/status", methods=["POST"])
@admin_required
def cohort_status(cohort_id: int) -> Response:
    item = or_404(programmes.get_cohort(cohort_id))
    form = CohortStatusForm()
    if form.validate_on_submit():
        programmes.set_cohort_status(current_actor(), item, form.status.data)
        db.session.commit()
        flash(f"{item.name} is now {item.status_label.lower()}.", "success")
    return redirect(url_for("development.cohort", cohort_id=item.id))


@bp.route("/development/participants/<int:participant_id>", methods=["GET", "POST"])
def participant(participant_id: int) -> str | Response:
    item = or_404(programmes.get_participant(participant_id))
    form = ParticipantForm(obj=item)
    form.host_organisation_id.choices = [(0, "None yet")] + [
        (o.id, o.name) for o in orgs.all_by_name()
    ]
    if request.method == "POST" and not current_user.is_admin:
        abort(403)
    if form.validate_on_submit():
        change = programmes.Placement(
            status=form.status.data,
            host_organisation_id=form.host_organisation_id.data or None,
            mentor=form.mentor.data or "",
            notes=form.notes.data or "",
        )
        try:
            programmes.update_participant(current_actor(), item, change, date.today())
        except programmes.DevelopmentError as error:
            form.status.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{item.candidate.full_name}: {item.status_label.lower()}.", "success")
            return redirect(url_for("development.participant", participant_id=item.id))
    return render_template(
        "appointments/development/participant.html",
        participant=item,
        form=form,
        milestone_form=MilestoneForm(formdata=None),
        path=paths.path_of(item.candidate),
        today=date.today(),
    )


@bp.route("/development/participants/<int:participant_id>/milestones", methods=["POST"])
@admin_required
def milestone_new(participant_id: int) -> str | Response:
    item = or_404(programmes.get_participant(participant_id))
    form = MilestoneForm()
    if form.validate_on_submit():
        programmes.add_milestone(
            current_actor(), item, form.title.data, given_date(form.due_on.data)
        )
        db.session.commit()
        flash(f"Milestone added: {form.title.data}.", "success")
        return redirect(url_for("development.participant", participant_id=item.id))
    participant_form = ParticipantForm(formdata=None, obj=item)
    participant_form.host_organisation_id.choices = [(0, "None yet")] + [
        (o.id, o.name) for o in orgs.all_by_name()
    ]
    return render_template(
        "appointments/development/participant.html",
        participant=item,
        form=participant_form,
        milestone_form=form,
        path=paths.path_of(item.candidate),
        today=date.today(),
    )


@bp.route("/development/milestones/<int:milestone_id>/<any(done, reopen):action>", methods=["POST"])
@admin_required
def milestone_mark(milestone_id: int, action: str) -> Response:
    item = or_404(programmes.get_milestone(milestone_id))
    programmes.mark_milestone(current_actor(), item, date.today() if action == "done" else None)
    db.session.commit()
    return redirect(url_for("development.participant", participant_id=item.participant_id))


@bp.route("/vacancies/<int:vacancy_id>/near-misses")
def vacancy_near_misses(vacancy_id: int) -> str:
    vacancy = or_404(vacancies.get(vacancy_id))
    return render_template(
        "appointments/development/near_misses.html",
        vacancy=vacancy,
        near=near_misses.of_vacancy(vacancy),
        offer_form=OfferForm(formdata=None),
        answer_form=AnswerForm(formdata=None),
    )


@bp.route("/applications/<ref>/near-miss-offers", methods=["POST"])
@admin_required
def offer(ref: str) -> Response:
    application = or_404(applications.by_reference(ref))
    form = OfferForm()
    if not form.validate_on_submit():
        flash("Choose what to offer, then press Record the offer.", "warning")
    else:
        try:
            near_misses.offer(
                current_actor(), application, form.kind.data, date.today(), current_user.id
            )
        except near_misses.OfferError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(f"Offer recorded for {application.reference}.", "success")
    return redirect(url_for("development.vacancy_near_misses", vacancy_id=application.vacancy_id))


@bp.route("/near-miss-offers/<int:offer_id>/answer", methods=["POST"])
@admin_required
def answer(offer_id: int) -> Response:
    made = or_404(near_misses.get_offer(offer_id))
    form = AnswerForm()
    if not form.validate_on_submit():
        flash("Choose their answer, then press Record the answer.", "warning")
    else:
        try:
            near_misses.answer(
                current_actor(), made, form.answer.data, date.today(), form.notes.data or ""
            )
        except near_misses.OfferError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(f"Answer recorded for {made.application.reference}.", "success")
    return redirect(
        url_for("development.vacancy_near_misses", vacancy_id=made.application.vacancy_id)
    )
