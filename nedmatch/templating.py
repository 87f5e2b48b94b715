"""Helpers available in every template."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, url_for

from . import domain, stages
from .candidates.session import current_candidate
from .models import STAGES


def _format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def _format_money(value: int | None) -> str:
    return "" if value is None else f"£{value:,}"


def _labels(slugs: list[str] | None, names: dict[str, str]) -> str:
    """Slugs from the domain vocabulary as the words a person reads."""
    return ", ".join(names.get(slug, slug) for slug in slugs or [])


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(_labels, "labels")
    app.add_template_filter(_format_date, "nice_date")
    app.add_template_filter(_format_money, "money")

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
