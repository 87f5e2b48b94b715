"""The public summary of the bias audit: the latest audit an administrator published, in
plain English, and its earlier publications. Public (no sign-in: auth/access.py), so it
reads only publication rows, the figures frozen when they were published; it never
computes an audit, and an unpublished one cannot reach it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from werkzeug.wrappers import Response

from ..diversity.bias_snapshot import reading, sections, snapshot_to_csv
from ..downloads import send_download
from ..models import BiasAuditPublication
from ..services.reporting import bias_publications
from .presentation import MEDIA_TYPES

bp = Blueprint("bias_public", __name__)


def _page(publication: BiasAuditPublication | None) -> str:
    everything = bias_publications.published()
    latest = publication is None or publication.id == everything[0].id
    return render_template(
        "reports/public/bias_audit.html",
        publication=publication,
        latest=latest,
        sections=[(s, reading(s)) for s in sections(publication.figures)] if publication else [],
        others=[p for p in everything if publication is None or p.id != publication.id],
    )


@bp.route("/bias-audit")
def latest() -> str:
    everything = bias_publications.published()
    return _page(everything[0] if everything else None)


@bp.route("/bias-audit/<int:publication_id>")
def publication(publication_id: int) -> str:
    found = bias_publications.get(publication_id)
    if found is None:
        abort(404)
    return _page(found)


@bp.route("/bias-audit/<int:publication_id>/figures.csv")
def figures(publication_id: int) -> Response:
    found = bias_publications.get(publication_id)
    if found is None:
        abort(404)
    name = f"bias-audit-{found.scope_key}-{found.published_at.date().isoformat()}.csv"
    return send_download(snapshot_to_csv(found.figures), name, MEDIA_TYPES["csv"])
