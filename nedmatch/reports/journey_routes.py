"""Journeys and conversion: how far people get from the pool to a placement, a
non-executive's and a chair's appointment, by characteristic, protected; and whether the
pipeline is narrowing the chairs' gap. On the reports blueprint: administrators only."""

from __future__ import annotations

from datetime import date

from flask import render_template
from werkzeug.wrappers import Response

from ..diversity.journeys import STEPS, TRANSITIONS, journeys_to_csv
from ..downloads import send_download
from ..services.reporting import journeys
from ..services.reporting.report import service_policy
from ..spreadsheets import MEDIA_TYPES
from .routes import bp


@bp.route("/journeys")
def journeys_page() -> str:
    policy = service_policy()
    return render_template(
        "reports/journeys.html",
        report=journeys.report(policy),
        policy=policy,
        steps=STEPS,
        transitions=[name for name, _, _ in TRANSITIONS],
        today=date.today(),
    )


@bp.route("/journeys/download.csv")
def journeys_csv() -> Response:
    policy = service_policy()
    return send_download(
        journeys_to_csv(journeys.report(policy), policy),
        f"journeys-{date.today()}.csv",
        MEDIA_TYPES["csv"],
    )
