"""The public side: vacancies, the application journey, the talent pool, return links."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from ..domain import REGIONS, ROLE_TYPES
from ..extensions import db, limiter
from ..models import Application, Organisation, Vacancy
from ..models._types import utcnow
from ..services import matching
from ..services.applications import operations as ops
from ..services.applications.cv import CVError
from ..services.platform.notifications import mask_email
from ..services.platform.tokens import TokenError, load_return_token
from ..services.privacy import data_rights, export, retention
from . import forms
from .journey import (
    STEP_BY_SLUG,
    Step,
    draft_of,
    first_incomplete,
    initial_data,
    is_complete,
    next_step,
    previous_step,
    steps_for,
    summary_rows,
)
from .session import current_candidate, sign_in_candidate, sign_out_candidate

bp = Blueprint("candidates", __name__)


def _posted_email() -> str:
    return (request.form.get("email") or "").strip().lower()


def _went_ahead(response: Response) -> bool:
    """Only a form that went through counts: a typo shown back on the page is free."""
    return response.status_code == 302


# Starting an application or joining the pool, and asking for a return link, all send a
# return-link email: at most 5 an hour to one address, so nobody's inbox can be flooded,
# and a cap per client address on the public forms that create records or send email.
_emails_to_one_address = limiter.shared_limit(
    "5/hour",
    scope="return-link-email",
    key_func=_posted_email,
    methods=["POST"],
    exempt_when=lambda: not _posted_email(),
    deduct_when=_went_ahead,
)
_starts_per_client = limiter.shared_limit(
    "20/hour", scope="start", methods=["POST"], deduct_when=_went_ahead
)
_return_links_per_client = limiter.limit("5/hour", methods=["POST"], deduct_when=_went_ahead)


def _today() -> date:
    return date.today()


def _open_vacancy_query():  # type: ignore[no-untyped-def]
    today = _today()
    return (
        db.select(Vacancy)
        .join(Organisation)
        .where(Vacancy.status == "open")
        .where((Vacancy.opens_on.is_(None)) | (Vacancy.opens_on <= today))
        .where((Vacancy.closes_on.is_(None)) | (Vacancy.closes_on >= today))
    )


@bp.route("/")
def index() -> str:
    count = db.session.execute(
        db.select(db.func.count()).select_from(_open_vacancy_query().subquery())
    ).scalar_one()
    return render_template("candidates/index.html", open_count=count, candidate=current_candidate())


@bp.route("/privacy")
def privacy() -> str:
    return render_template("candidates/privacy.html")


@bp.route("/vacancies")
def vacancies() -> str:
    query = _open_vacancy_query()
    region = request.args.get("region", "")
    role = request.args.get("role", "")
    if region in REGIONS:
        query = query.where(Organisation.region == region)
    if role in ROLE_TYPES:
        query = query.where(Vacancy.role_type == role)
    items = db.session.execute(query.order_by(Vacancy.closes_on, Vacancy.id)).scalars().all()
    return render_template("candidates/vacancies.html", vacancies=items, region=region, role=role)


def _public_vacancy(vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status == "draft":
        abort(404)
    return vacancy


@bp.route("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int) -> str:
    item = _public_vacancy(vacancy_id)
    return render_template(
        "candidates/vacancy.html", vacancy=item, accepting=item.is_accepting_applications(_today())
    )


def _start(form: forms.StartForm) -> tuple[str, Response | None]:
    """Shared by 'apply' and 'join the pool': who is this, and may this browser be them?"""
    email = form.email.data.strip().lower()
    candidate = current_candidate()
    if candidate is not None and candidate.email == email:
        return email, None
    # A new address gets a new candidate; one that exists, or that another request (a
    # double click) is creating this moment, must be proved through its inbox.
    existing = ops.find_candidate(email)
    candidate = ops.create_candidate(email) if existing is None else None
    if candidate is None:
        existing = existing or ops.find_candidate(email)
        if existing is not None:
            ops.send_return_link(existing, "You asked to continue with NEDMatch.")
        db.session.commit()
        return email, redirect(url_for("candidates.check_email"))
    sign_in_candidate(candidate)
    ops.send_return_link(
        candidate, "You have started using NEDMatch. Your progress is saved as you go."
    )
    return email, None


@bp.route("/vacancies/<int:vacancy_id>/apply", methods=["GET", "POST"])
@_starts_per_client
@_emails_to_one_address
def apply_start(vacancy_id: int) -> str | Response:
    item = _public_vacancy(vacancy_id)
    if not item.is_accepting_applications(_today()):
        flash("This vacancy is not taking applications.", "warning")
        return redirect(url_for("candidates.vacancy", vacancy_id=vacancy_id))
    candidate = current_candidate()
    if request.method == "GET" and candidate is not None:
        application = ops.start_application(candidate, item)
        db.session.commit()
        return _resume(application)
    form = forms.StartForm()
    if form.validate_on_submit():
        _, response = _start(form)
        if response is not None:
            return response
        candidate = current_candidate()
        assert candidate is not None  # noqa: S101 - _start signed the candidate in
        application = ops.start_application(candidate, item)
        db.session.commit()
        return _resume(application)
    return render_template("candidates/start.html", form=form, vacancy=item)


@bp.route("/talent-pool/join", methods=["GET", "POST"])
@_starts_per_client
@_emails_to_one_address
def pool_start() -> str | Response:
    candidate = current_candidate()
    if request.method == "GET" and candidate is not None:
        return _resume(None)
    form = forms.StartForm()
    if form.validate_on_submit():
        _, response = _start(form)
        if response is not None:
            return response
        db.session.commit()
        return _resume(None)
    return render_template("candidates/start.html", form=form, vacancy=None)


def _resume(application: Application | None) -> Response:
    candidate = current_candidate()
    assert candidate is not None  # noqa: S101 - callers ensure a candidate
    if application is not None and application.stage != "draft":
        flash(f"You have already applied for {application.vacancy.title}.", "info")
        return redirect(url_for("candidates.my_applications"))
    step = first_incomplete(candidate, application)
    if step is None:
        return redirect(_check_url(application))
    return redirect(_step_url(step, application))


def _step_url(step: Step, application: Application | None, **kwargs: Any) -> str:
    if application is None:
        return url_for("candidates.profile_step", step=step.slug, **kwargs)
    return url_for(
        "candidates.application_step", ref=application.reference, step=step.slug, **kwargs
    )


def _check_url(application: Application | None) -> str:
    if application is None:
        return url_for("candidates.profile_check")
    return url_for("candidates.application_check", ref=application.reference)


def _own_application(ref: str) -> Application:
    candidate = current_candidate()
    application = db.session.execute(
        db.select(Application).filter_by(reference=ref)
    ).scalar_one_or_none()
    if candidate is None or application is None or application.candidate_id != candidate.id:
        abort(404)
    return application


def _signed_out_redirect() -> Response:
    flash(
        "Your session has ended. Enter your email address and we will send you a link to carry on.",
        "info",
    )
    return redirect(url_for("candidates.return_request"))


@bp.route("/applications/<ref>/<step>", methods=["GET", "POST"])
def application_step(ref: str, step: str) -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    application = _own_application(ref)
    if application.stage != "draft":
        flash("You have already submitted this application.", "info")
        return redirect(url_for("candidates.my_applications"))
    return _step_view(step, application)


@bp.route("/profile/<step>", methods=["GET", "POST"])
def profile_step(step: str) -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    return _step_view(step, None)


def _step_view(slug: str, application: Application | None) -> str | Response:
    candidate = current_candidate()
    assert candidate is not None  # noqa: S101 - checked by the routes
    step = STEP_BY_SLUG.get(slug)
    if step is None or (step.application_only and application is None):
        abort(404)
    returning_to_check = request.args.get("change") == "1"
    save_later = request.method == "POST" and "save_later" in request.form

    if request.method == "POST":
        # One save of this candidate at a time, each reading the steps' marks and drafts
        # afresh: two tabs saving different steps keep both.
        ops.lock_for_saving(candidate, application)
        form = step.form()
        valid = form.validate()
        if step.slug == "cv" and valid:
            valid = _handle_cv(form, candidate)
        if valid:
            ops.save_step(candidate, application, step.slug, form.data)
            db.session.commit()
            if save_later:
                return _saved(application)
            following = None if returning_to_check else next_step(step, application)
            return redirect(
                _step_url(following, application) if following else _check_url(application)
            )
        # Monitoring answers live only in monitoring_response, never on the candidate's
        # record; an invalid answer there can only be a tampered one, so nothing is lost.
        if step.slug != "equality":
            ops.save_draft(candidate, application, step.slug, draft_of(step, request.form))
            db.session.commit()
        if save_later:
            return _saved(application)
    else:
        draft = ops.draft_for(candidate, application, step.slug)
        if draft:
            form = step.form(formdata=MultiDict(draft))
        else:
            form = step.form(formdata=None, data=initial_data(step, candidate, application))

    back = previous_step(step, application)
    steps = steps_for(application)
    return render_template(
        f"candidates/steps/{step.slug.replace('-', '_')}.html",
        form=form,
        step=step,
        application=application,
        candidate=candidate,
        back_url=_check_url(application)
        if returning_to_check
        else (_step_url(back, application) if back else None),
        step_number=steps.index(step) + 1,
        step_count=len(steps),
    )


def _handle_cv(form: forms.CVForm, candidate) -> bool:  # type: ignore[no-untyped-def]
    upload = request.files.get("cv")
    if form.remove.data:
        ops.remove_cv(candidate)
        return True
    if upload is None or not upload.filename:
        return True  # the CV is optional; an earlier upload stays
    data = upload.read()
    try:
        ops.attach_cv(candidate, data, upload.filename)
    except CVError as error:
        form.cv.errors = [str(error)]
        return False
    return True


def _saved(application: Application | None) -> Response:
    candidate = current_candidate()
    assert candidate is not None  # noqa: S101
    ops.send_return_link(candidate, "You saved your progress on NEDMatch.")
    db.session.commit()
    return redirect(url_for("candidates.saved"))


@bp.route("/saved")
def saved() -> str:
    return render_template("candidates/saved.html", candidate=current_candidate())


@bp.route("/applications/<ref>/check", methods=["GET", "POST"])
def application_check(ref: str) -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    application = _own_application(ref)
    if request.method == "POST":
        # A double-clicked "Submit" sends two requests at once: the second waits here for
        # the first to commit, then sees the application submitted (PostgreSQL row lock).
        db.session.refresh(application, with_for_update=True)
    if application.stage != "draft":
        return redirect(url_for("candidates.application_confirmation", ref=ref))
    return _check_view(application)


@bp.route("/profile/check", methods=["GET", "POST"])
def profile_check() -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    return _check_view(None)


def _check_view(application: Application | None) -> str | Response:
    candidate = current_candidate()
    assert candidate is not None  # noqa: S101
    form = forms.ConfirmForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            if application is not None:
                ops.submit_application(application, _today())
            else:
                ops.join_pool(candidate)
        except ops.ApplicationError as error:
            db.session.rollback()
            errors.append(str(error))
        else:
            db.session.commit()
            # Rankable at once with the fitted vocabulary; the next refit folds it in.
            matching.refresh_candidate(candidate)
            if application is not None:
                return redirect(
                    url_for("candidates.application_confirmation", ref=application.reference)
                )
            return redirect(url_for("candidates.profile_joined"))
    steps = steps_for(application)
    return render_template(
        "candidates/check.html",
        form=form,
        errors=errors,
        application=application,
        candidate=candidate,
        steps=steps,
        rows=summary_rows(candidate, application),
        complete={s.slug: is_complete(s, candidate, application) for s in steps},
        step_url=lambda s: _step_url(s, application, change="1"),
    )


@bp.route("/applications/<ref>/confirmation")
def application_confirmation(ref: str) -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    application = _own_application(ref)
    if application.stage == "draft":
        return redirect(_check_url(application))
    return render_template("candidates/confirmation.html", application=application)


@bp.route("/profile/joined")
def profile_joined() -> str | Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    return render_template("candidates/joined.html", candidate=candidate)


@bp.route("/my-applications")
def my_applications() -> str | Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    items = sorted(candidate.applications, key=lambda a: a.created_at, reverse=True)
    return render_template(
        "candidates/my_applications.html", candidate=candidate, applications=items
    )


@bp.route("/applications/<ref>/withdraw", methods=["GET", "POST"])
def withdraw(ref: str) -> str | Response:
    if current_candidate() is None:
        return _signed_out_redirect()
    application = _own_application(ref)
    if not application.can_withdraw:
        flash("This application cannot be withdrawn.", "warning")
        return redirect(url_for("candidates.my_applications"))
    form = forms.WithdrawForm()
    if form.validate_on_submit():
        ops.withdraw(application, form.reason.data or "")
        db.session.commit()
        flash(f"You have withdrawn your application for {application.vacancy.title}.", "success")
        return redirect(url_for("candidates.my_applications"))
    return render_template("candidates/withdraw.html", form=form, application=application)


@bp.route("/return", methods=["GET", "POST"])
@_return_links_per_client
@_emails_to_one_address
def return_request() -> str | Response:
    form = forms.ReturnForm()
    if form.validate_on_submit():
        candidate = ops.find_candidate(form.email.data)
        if candidate is not None:
            ops.send_return_link(candidate, "You asked for a link to come back to NEDMatch.")
            db.session.commit()
        # The same answer either way, so the page does not reveal who has applied.
        return redirect(url_for("candidates.check_email"))
    return render_template("candidates/return.html", form=form)


@bp.route("/return/check-your-email")
def check_email() -> str:
    return render_template("candidates/check_email.html")


@bp.route("/return/<token>", methods=["GET", "POST"])
def return_with_token(token: str) -> str | Response:
    """The link in the email. Opening it signs nobody in: the page asks "Continue as
    a...@example.com?" and only its button (a POST with this browser's CSRF token) does.
    So a mail scanner that opens links changes nothing, and an attacker's own link, opened
    in someone else's browser, cannot sign them in as the attacker (login CSRF): a page
    elsewhere cannot send the POST with this browser's token."""
    try:
        candidate = load_return_token(token)
    except TokenError as error:
        return _no_store(
            render_template(
                "candidates/return.html",
                form=forms.ReturnForm(formdata=None),
                token_error=str(error),
            )
        )
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        sign_in_candidate(candidate)
        candidate.last_active_at = utcnow()
        db.session.commit()
        return redirect(url_for("candidates.my_applications"))
    return _no_store(
        render_template(
            "candidates/return_confirm.html",
            form=form,
            masked_email=mask_email(candidate.email),
            signed_in_as=current_candidate(),
        )
    )


def _no_store(page: str) -> Response:
    """A page whose address holds a token is not kept by the browser or anything between;
    its template's <meta name="referrer" content="no-referrer"> stops the browser sending
    the address on as a Referer."""
    response = current_app.make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    sign_out_candidate()
    flash("You have signed out. Your answers are saved.", "info")
    return redirect(url_for("candidates.index"))


# The candidate's rights over their data: download it, keep it, leave the pool, erase it.


def _actor_for(candidate: Any) -> str:
    return f"candidate:{candidate.id}"


@bp.route("/my-data")
def my_data() -> str | Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    policy = retention.Policy.from_config()
    return render_template(
        "candidates/my_data.html",
        candidate=candidate,
        expires=retention.profile_expires_at(candidate, policy),
        erasure_on=retention.scheduled_erasure(candidate, policy),
        appointed=any(a.stage == "appointed" for a in candidate.applications),
        pool_months=policy.pool_months,
        unsuccessful_months=policy.unsuccessful_months,
        form=forms.ConfirmForm(),
    )


@bp.route("/my-data/download", methods=["POST"])
def my_data_download() -> Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    # CSRFProtect has checked the form's token before this runs.
    data = data_rights.download(candidate, _actor_for(candidate), by_team=False)
    db.session.commit()
    return _zip_response(data, export.export_filename(candidate))


def _zip_response(data: bytes, filename: str) -> Response:
    response = current_app.response_class(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/my-data/renew", methods=["POST"])
def my_data_renew() -> Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    until = retention.renew(candidate, _actor_for(candidate))
    db.session.commit()
    flash(f"We will keep your profile until at least {until.day} {until:%B %Y}.", "success")
    return redirect(url_for("candidates.my_data"))


@bp.route("/keep-my-profile/<token>", methods=["GET", "POST"])
def renew_with_token(token: str) -> str | Response:
    """The link in the reminder email. Opening it changes nothing (mail scanners open
    links); the button does."""
    try:
        candidate = retention.load_renew_token(token)
    except retention.RenewLinkError as error:
        return _no_store(
            render_template("candidates/renew.html", token_error=str(error), form=None)
        )
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        until = retention.renew(candidate, _actor_for(candidate))
        db.session.commit()
        return _no_store(render_template("candidates/renew.html", renewed_until=until, form=None))
    return _no_store(render_template("candidates/renew.html", form=form))


@bp.route("/my-data/leave-pool", methods=["GET", "POST"])
def leave_pool() -> str | Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    if not candidate.in_pool:
        flash("You are not in the talent pool.", "info")
        return redirect(url_for("candidates.my_data"))
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        data_rights.leave_pool(candidate, _actor_for(candidate))
        db.session.commit()
        flash("You have left the talent pool. We have sent you an email to confirm.", "success")
        return redirect(url_for("candidates.my_data"))
    return render_template("candidates/leave_pool.html", form=form, candidate=candidate)


@bp.route("/my-data/erase", methods=["GET", "POST"])
def erase_my_data() -> str | Response:
    candidate = current_candidate()
    if candidate is None:
        return _signed_out_redirect()
    form = forms.EraseForm()
    if form.validate_on_submit():
        result = data_rights.erase(
            candidate, _actor_for(candidate), "Asked for by the candidate in the service"
        )
        db.session.commit()
        sign_out_candidate()
        kept = None if result.full else "appointment"
        return redirect(url_for("candidates.data_erased", kept=kept))
    open_applications = [a for a in candidate.applications if a.can_withdraw]
    return render_template(
        "candidates/erase.html",
        form=form,
        candidate=candidate,
        open_applications=open_applications,
        appointed=[a for a in candidate.applications if a.stage == "appointed"],
    )


@bp.route("/my-data/erased")
def data_erased() -> str:
    return render_template(
        "candidates/erased.html", kept_appointment=request.args.get("kept") == "appointment"
    )
