"""Time to appoint, under /team: every campaign's phases against the 90-day aim, where the
open ones are waiting, and organisations in recovery support against the rest."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template

from ...services.campaigns import timing
from ...services.campaigns.timing_queries import campaign_dates

bp = Blueprint("timing", __name__)


@bp.route("/time-to-appoint")
def dashboard() -> str:
    today = date.today()
    timings = [timing.timing(dates, today) for dates in campaign_dates()]
    waiting = sorted(
        (t for t in timings if t.waiting_in is not None),
        key=lambda t: -(t.waiting_days or 0),
    )
    return render_template(
        "appointments/timing/dashboard.html",
        timings=timings,
        waiting=waiting,
        summary=timing.summary(timings),
        comparison=timing.compare(timings),
        aim=timing.AIM_DAYS,
        phases=[timing.ADVERT, *(name for _, name in timing.PHASES)],
        today=today,
    )
