"""The bias audit of the matching model (NYC Local Law 144 form): a page and its
downloads, on the reports blueprint, so administrators only (see ``routes``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..auth.current import current_actor
from ..dates import long_date
from ..diversity.bias_audit import scoring_likelihood
from ..diversity.bias_exports import audit_to_csv, audit_to_xlsx, method_notes, status_text
from ..diversity.bias_pdf import audit_to_pdf
from ..diversity.bias_snapshot import snapshot
from ..downloads import send_download
from ..extensions import db
from ..models import Vacancy
from ..services import reporting
from ..services.reporting import bias_publications
from ..services.reporting.bias_audit import ScopedBiasAudit
from ..spreadsheets import Note
from .forms import BiasAuditForm, PublishForm
from .presentation import MEDIA_TYPES
from .routes import bp


def _chosen(form: BiasAuditForm) -> Vacancy | None:
    if not form.vacancy.data:
        return None
    vacancy = reporting.audited_vacancy(int(form.vacancy.data))
    if vacancy is None:
        abort(404)
    return vacancy


def source_notes(result: ScopedBiasAudit) -> list[Note]:
    """The data's source and dates, as notes above the table of a workbook."""
    source = result.source
    notes = [
        Note(result.title, label="Sample"),
        Note(source.description, label="Data"),
        Note(long_date(source.audited_on), label="Audit made on"),
    ]
    if source.data_from and source.data_from == source.data_to:
        notes.append(Note(long_date(source.data_to), label="Data dates"))
    elif source.data_from or source.data_to:
        start = long_date(source.data_from) if source.data_from else "the start"
        end = long_date(source.data_to) if source.data_to else "today"
        notes.append(Note(f"{start} to {end}", label="Data dates"))
    if source.model_version:
        fitted = f", fitted {long_date(source.model_fitted)}" if source.model_fitted else ""
        notes.append(Note(f"{source.model_version}{fitted}", label="Model"))
    return notes


@bp.route("/bias-audit")
def bias_audit() -> str:
    form = BiasAuditForm(request.args)
    result = None
    if form.validate():
        result = reporting.view_bias_audit(current_actor(), _chosen(form))
        db.session.commit()
    return render_template(
        "reports/bias_audit.html",
        form=form,
        result=result,
        policy=reporting.service_policy(),
        model_ready=reporting.model_available(),
        status_text=status_text,
        method_notes=method_notes(result.audit) if result and result.audit else [],
        likelihood=scoring_likelihood(result.audit) if result and result.audit else None,
        publish_form=PublishForm(),
        publications=bias_publications.published()[:5],
    )


@bp.route("/bias-audit/download/<any('csv', 'xlsx', 'pdf'):fmt>")
def bias_audit_download(fmt: str) -> Response | str:
    form = BiasAuditForm(request.args)
    if not form.validate():
        return bias_audit()
    result = reporting.view_bias_audit(current_actor(), _chosen(form), fmt)
    if result.audit is None:
        # Nothing to download (no model, or nobody to score): the page says why.
        return redirect(url_for("reports.bias_audit", vacancy=form.vacancy.data or None))
    db.session.commit()
    if fmt == "pdf":
        # Three short tables: about 1 s to lay out, so sent at once like the spreadsheet
        # (the diversity report's 28 pages take a job).
        facts = [(n.label, n.text) for n in source_notes(result)[1:]]
        data = audit_to_pdf(result.title, facts, snapshot(result.audit))
    elif fmt == "csv":
        data = audit_to_csv(result.audit)
    else:
        data = audit_to_xlsx(result.audit, source_notes(result))
    name = f"bias-audit-{result.key}-{result.source.audited_on.isoformat()}.{fmt}"
    return send_download(data, name, MEDIA_TYPES[fmt])


@bp.route("/bias-audit/publish", methods=["POST"])
def bias_audit_publish() -> Response:
    """Freeze the audit's published figures for the public summary page."""
    form = BiasAuditForm(request.args)
    if not form.validate() or not PublishForm().validate_on_submit():
        return redirect(url_for("reports.bias_audit"))
    try:
        publication = bias_publications.publish(current_actor(), current_user, _chosen(form))
    except bias_publications.PublishError as error:
        flash(str(error), "warning")
        return redirect(url_for("reports.bias_audit", vacancy=form.vacancy.data or None))
    db.session.commit()
    flash(
        "The audit is published: the public page now shows these figures, as they were "
        "when you published them.",
        "success",
    )
    return redirect(url_for("bias_public.publication", publication_id=publication.id))
