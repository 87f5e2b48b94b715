"""Diversity reports for administrators. Only aggregates leave this blueprint, and every
view and download is recorded. The default-deny in auth/access.py keeps out anyone not
signed in; this blueprint's own check keeps out reviewers, who are the sift panel and so
never see diversity data (docs/disclosure.md)."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import jobs_view
from ..auth.access import admin_required
from ..auth.current import current_actor
from ..diversity import STAGES
from ..diversity.records import STAGE_LABELS, question_label
from ..downloads import send_download
from ..extensions import db
from ..models import Job
from ..services import reporting
from ..services.platform import jobs
from ..services.reporting.scopes import scope_title
from . import downloads
from .forms import DEFAULT_TOP_N, ModelAuditForm, ReferenceForm, ScopeForm, VacancyChoiceForm
from .presentation import benchmark_chart, policy_text, stage_chart

bp = Blueprint("reports", __name__)


@bp.before_request
def admins_only() -> None:
    """Diversity reports and the model audit are for administrators only: the DOMAIN
    keeps diversity data from sift and interview panels, and reviewers are the sift
    panel. Runs after the app's sign-in check, which sends the signed-out to sign in."""
    if current_user.is_authenticated and not current_user.is_admin:
        abort(403)


# A reference file is a few dozen lines; anything much larger is not one.
REFERENCE_MAX_BYTES = 100_000


def _index(form: ScopeForm, audit_form: VacancyChoiceForm) -> str:
    figures = reporting.overview()
    return render_template(
        "reports/index.html",
        form=form,
        audit_form=audit_form,
        applied=figures.applied,
        pool=figures.pool,
        threshold=reporting.service_policy().threshold,
        reference=reporting.current_reference(),
    )


@bp.route("/")
def index() -> str:
    return _index(ScopeForm(formdata=None), VacancyChoiceForm(formdata=None, prefix="audit"))


@bp.route("/report")
def report() -> str:
    form = ScopeForm(request.args)
    if not form.validate():
        return _index(form, VacancyChoiceForm(formdata=None, prefix="audit"))
    scope = form.scope()
    result = reporting.view_report(current_actor(), scope)
    db.session.commit()
    return render_template(
        "reports/report.html",
        report=result,
        title=scope_title(scope),
        policy_text=policy_text(result.policy),
        query=_query(form),
        stage_chart=stage_chart,
        benchmark_chart=benchmark_chart(result),
        question_label=question_label,
        STAGE_LABELS=STAGE_LABELS,
        STAGES=STAGES,
    )


@bp.route("/download/<any('csv', 'impact-csv', 'xlsx'):fmt>")
def download(fmt: str) -> Response | str:
    form = ScopeForm(request.args)
    if not form.validate():
        return _index(form, VacancyChoiceForm(formdata=None, prefix="audit"))
    data, name, media_type = downloads.download(current_actor(), form.scope(), fmt)
    db.session.commit()
    return send_download(data, name, media_type)


def _query(form: ScopeForm) -> dict[str, str]:
    """The report's address for its downloads: only what the form reads, so an old
    address's threshold or dates are not carried on."""
    return {
        name: str(field.data)
        for name, field in form._fields.items()
        if field.data not in (None, "")
    }


@bp.route("/pdf", methods=["POST"])
def pdf() -> Response | str:
    form = ScopeForm(request.args)
    if not form.validate():
        return _index(form, VacancyChoiceForm(formdata=None, prefix="audit"))
    scope, policy = form.scope(), reporting.service_policy()
    job = downloads.start_pdf_job(current_actor(), scope, policy)
    db.session.commit()
    jobs.submit(job.id, downloads.PDF_JOB, scope=scope, policy=policy)
    return redirect(url_for("reports.job", job_id=job.id))


def _pdf_job(job_id: int) -> Job:
    job = downloads.find_pdf_job(job_id)
    if job is None:
        abort(404)
    return job


@bp.route("/jobs/<int:job_id>")
def job(job_id: int) -> Response | str:
    item = _pdf_job(job_id)
    status = jobs_view.status_json(item)
    if request.args.get("format") == "json":
        return jsonify(status)
    return render_template(
        "reports/job.html",
        job=item,
        status=status,
        ready=downloads.job_file(item) is not None,
    )


@bp.route("/jobs/<int:job_id>/download")
def job_download(job_id: int) -> Response:
    item = _pdf_job(job_id)
    path = downloads.pdf_download(current_actor(), item)
    if path is None:
        abort(404)
    db.session.commit()
    return send_download(path.read_bytes(), path.name, "application/pdf")


@bp.route("/model-audit")
def model_audit_choose() -> Response | str:
    form = VacancyChoiceForm(request.args, prefix="audit")
    if not form.validate():
        return _index(ScopeForm(formdata=None), form)
    return redirect(
        url_for(
            "reports.model_audit",
            vacancy_id=int(form.vacancy.data),
            top_n=form.top_n.data or DEFAULT_TOP_N,
        )
    )


@bp.route("/vacancies/<int:vacancy_id>/model-audit")
def model_audit(vacancy_id: int) -> str:
    vacancy = reporting.audited_vacancy(vacancy_id)
    if vacancy is None:
        abort(404)
    form = ModelAuditForm(request.args or None)
    result = None
    if form.validate():
        top_n = form.top_n.data or DEFAULT_TOP_N
        result = reporting.view_model_audit(current_actor(), vacancy, top_n)
        db.session.commit()
    return render_template(
        "reports/model_audit.html",
        vacancy=vacancy,
        form=form,
        result=result,
        policy=reporting.service_policy(),
        model_ready=reporting.model_available(),
        question_label=question_label,
    )


@bp.route("/reference", methods=["GET", "POST"])
@admin_required
def reference() -> Response | str:
    form = ReferenceForm()
    if form.validate_on_submit():
        upload = form.file.data
        raw = upload.read(REFERENCE_MAX_BYTES + 1)
        try:
            if len(raw) > REFERENCE_MAX_BYTES:
                raise ValueError("The file is too large: a reference file is under 100 KB")
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValueError("Save the file as CSV in UTF-8 and upload it again") from None
            loaded = reporting.upload_reference(current_actor(), text, form.name.data.strip())
        except ValueError as error:
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Reports now compare the pool with {loaded.name}.", "success")
            return redirect(url_for("reports.reference"))
    return render_template(
        "reports/reference.html",
        form=form,
        reference=reporting.current_reference(),
        is_default=reporting.uses_default_reference(),
        question_label=question_label,
    )


@bp.route("/reference/default", methods=["POST"])
@admin_required
def reference_default() -> Response:
    reporting.restore_default_reference(current_actor())
    db.session.commit()
    flash("Reports now compare the pool with England, Census 2021.", "success")
    return redirect(url_for("reports.reference"))


from . import bias_routes, board_routes, journey_routes  # noqa: E402,F401  (routes on this blueprint)
