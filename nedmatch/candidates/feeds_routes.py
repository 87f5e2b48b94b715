"""Open vacancies for job sites and feed readers: Atom and RSS feeds, narrowed by region and
role type as the public list is. Public, like the adverts they link to."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, request, url_for

from ..domain import REGIONS, ROLE_TYPES
from ..models import Vacancy
from ..services.campaigns import advertising
from ..services.campaigns import vacancies as vacancy_ops

bp = Blueprint("feeds", __name__)

FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def absolute(path: str) -> str:
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


@bp.route("/vacancies/feed.<any(atom, rss):kind>")
def vacancy_feed(kind: str) -> Response:
    filters = vacancy_ops.PublicFilters(
        region=request.args.get("region", ""), role=request.args.get("role", "")
    )
    items = vacancy_ops.open_for_applications(filters, date.today())
    narrowed = [
        label
        for label in (REGIONS.get(filters.region), ROLE_TYPES.get(filters.role))
        if label is not None
    ]
    args: dict[str, Any] = {
        k: v for k, v in (("region", filters.region), ("role", filters.role)) if v
    }
    generator = advertising.feed(
        items,
        title="NHS board vacancies" + (": " + ", ".join(narrowed) if narrowed else ""),
        self_url=absolute(url_for("feeds.vacancy_feed", kind=kind, **args)),
        home_url=absolute(url_for("candidates.vacancies", **args)),
        link_for=lambda v: absolute(url_for("candidates.vacancy", vacancy_id=v.id)),
    )
    body = generator.atom_str(pretty=True) if kind == "atom" else generator.rss_str(pretty=True)
    response = Response(body, mimetype=FORMATS[kind])
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def job_posting(vacancy: Vacancy) -> dict[str, object]:
    """The advert's JobPosting JSON-LD, with absolute links."""
    return advertising.job_posting(
        vacancy, url=absolute(url_for("candidates.vacancy", vacancy_id=vacancy.id))
    )
