"""Helpers available in every template."""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for

from . import domain, stages
from .candidates.session import current_candidate
from .dates import date_and_time, day_and_date, long_date, time_of_day
from .models import STAGES
from .services.interviews.times import to_uk, when


def _format_money(value: int | None) -> str:
    return "" if value is None else f"£{value:,}"


def _labels(slugs: list[str] | None, names: dict[str, str]) -> str:
    """Slugs from the domain vocabulary as the words a person reads."""
    return ", ".join(names.get(slug, slug) for slug in slugs or [])


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(_labels, "labels")
    # Dates as people read them ("2 December 2026"): nedmatch/dates.py, for every template.
    app.add_template_filter(long_date, "nice_date")
    app.add_template_filter(date_and_time, "nice_datetime")
    app.add_template_filter(time_of_day, "nice_time")
    app.add_template_filter(day_and_date, "nice_day")
    app.add_template_filter(_format_money, "money")
    # Interview times: stored in UTC, read in UK time ("2:30pm", "Wednesday 2 December 2026,
    # 2:30pm to 3:30pm").
    app.add_template_filter(lambda stored: time_of_day(to_uk(stored)), "uk_time")
    app.add_template_filter(lambda stored: day_and_date(to_uk(stored)), "uk_day")
    app.add_template_filter(when, "uk_when")

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "domain": domain,
            "STAGES": STAGES,
            # The stages as a type with its named sets (stages.Stage.DRAFT, stages.CLOSED):
            # templates compare with these, never with a stage's name in quotes.
            "stages": stages,
            "asset_path": url_for("static", filename="vendor/nhsuk/assets"),
            "service_name": app.config["SERVICE_NAME"],
            "current_candidate": current_candidate,
        }
