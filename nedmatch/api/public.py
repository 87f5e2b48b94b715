"""The public API: open vacancies, as the public list shows them, and the API's own
description. No token: these are what anyone may read on the site."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from ..services.campaigns import vacancies as vacancy_ops
from . import documents, schemas, spec
from .problems import ApiProblem
from .spec import json_body, operation, problems

bp = Blueprint("api_public", __name__)


@bp.after_request
def cache_briefly(response: Response) -> Response:
    if response.status_code == 200:
        response.headers.setdefault("Cache-Control", "public, max-age=300")
    return response


@bp.route("/vacancies")
@operation(
    summary="Open vacancies",
    description="The vacancies taking applications today, closing soonest first.",
    tags=["Public"],
    parameters=[{"in": "query", "schema": schemas.PublicQuerySchema}],
    responses={"200": json_body(schemas.VacancyListSchema, "Open vacancies")} | problems(422),
)
def vacancies() -> Response:
    query = documents.load(schemas.PublicQuerySchema(), request.args)
    items = vacancy_ops.open_for_applications(
        vacancy_ops.PublicFilters(region=query["region"], role=query["role"]), date.today()
    )
    body = {"items": [documents.vacancy(v) for v in items], "count": len(items)}
    return jsonify(schemas.VacancyListSchema().dump(body))


@bp.route("/vacancies/<int:vacancy_id>")
@operation(
    summary="One vacancy",
    description="An advertised vacancy, open or closed (never a draft).",
    tags=["Public"],
    responses={"200": json_body(schemas.VacancySchema, "The vacancy")} | problems(404),
)
def vacancy(vacancy_id: int) -> Response:
    item = vacancy_ops.get_published(vacancy_id)
    if item is None:
        raise ApiProblem(404, f"There is no advertised vacancy {vacancy_id}.")
    return jsonify(schemas.VacancySchema().dump(documents.vacancy(item)))


def _document() -> dict[str, Any]:
    cached: dict[str, Any] | None = current_app.extensions.get("openapi")
    if cached is None:
        cached = spec.build(current_app)
        current_app.extensions["openapi"] = cached
    return cached


@bp.route("/openapi.json")
def openapi() -> Response:
    return jsonify(_document())


@bp.route("/docs")
def docs() -> str:
    """The description as a page: every operation, its parameters and its responses."""
    document = _document()
    return render_template("api/docs.html", spec=document, operations=spec.for_page(document))
