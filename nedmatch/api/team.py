"""The team API: what the appointments team's pages do, for a system holding an API
token. Each route parses the request, calls the same operation as the page and answers
with a document; the request commits once, after the view (with the record of the call)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..diversity import Scope
from ..diversity.exports import csv_note, tidy_rows
from ..extensions import db, limiter
from ..models import Application, Vacancy
from ..services import reporting
from ..services.campaigns import vacancies as vacancy_ops
from ..services.platform import audit
from ..services.reporting.scopes import audit_detail, audit_key
from ..services.sift import applications as application_ops
from ..services.sift import ranked_list as sift
from ..services.sift import stages
from . import documents, schemas, tokens
from .problems import ApiProblem
from .spec import json_body, operation, problems

bp = Blueprint("api_team", __name__)
bp.before_request(tokens.authenticate)
limiter.limit(tokens.rate_limit, key_func=tokens.rate_limit_key)(bp)

AUTH_PROBLEMS = (401, 429)


@bp.after_request
def commit_once(response: Response) -> Response:
    """The change and the record of the call commit together; nothing is ever cached."""
    if response.status_code < 500:
        db.session.commit()
    response.headers["Cache-Control"] = "no-store"
    return response


def _vacancy(vacancy_id: int) -> Vacancy:
    item = vacancy_ops.get(vacancy_id)
    if item is None:
        raise ApiProblem(404, f"There is no vacancy {vacancy_id}.")
    return item


def _application(reference: str) -> Application:
    item = application_ops.by_reference(reference)
    if item is None:
        raise ApiProblem(404, f"There is no submitted application {reference}.")
    return item


@bp.route("/vacancies")
@operation(
    summary="Every vacancy",
    description="Every vacancy in any status (draft, open, closed), newest first.",
    tags=["Team"],
    parameters=[
        {
            "in": "query",
            "name": "status",
            "schema": {"type": "string", "enum": ["", "draft", "open", "closed"]},
        }
    ],
    responses={"200": json_body(schemas.VacancyListSchema, "Vacancies")}
    | problems(*AUTH_PROBLEMS, 422),
)
def vacancies() -> Response:
    status = request.args.get("status", "")
    if status not in ("", "draft", "open", "closed"):
        raise ApiProblem(
            422, "status must be draft, open or closed.", errors={"status": ["Not a status"]}
        )
    items = vacancy_ops.every_vacancy(status)
    body = {"items": [documents.vacancy(v) for v in items], "count": len(items)}
    return jsonify(schemas.VacancyListSchema().dump(body))


@bp.route("/vacancies/<int:vacancy_id>")
@operation(
    summary="One vacancy, in any status",
    tags=["Team"],
    responses={"200": json_body(schemas.VacancySchema, "The vacancy")}
    | problems(*AUTH_PROBLEMS, 404),
)
def vacancy(vacancy_id: int) -> Response:
    return jsonify(schemas.VacancySchema().dump(documents.vacancy(_vacancy(vacancy_id))))


@bp.route("/vacancies/<int:vacancy_id>/applications")
@operation(
    summary="A vacancy's applications with their stages",
    description="Submitted applications, by reference, with every stage change and the "
    "moves allowed now. Candidates are not named here.",
    tags=["Team"],
    responses={"200": json_body(schemas.ApplicationListSchema, "Applications")}
    | problems(*AUTH_PROBLEMS, 404),
)
def vacancy_applications(vacancy_id: int) -> Response:
    items = list(application_ops.submitted_for(_vacancy(vacancy_id)).values())
    items.sort(key=lambda a: a.id)
    body = {"items": [documents.application(a) for a in items], "count": len(items)}
    return jsonify(schemas.ApplicationListSchema().dump(body))


@bp.route("/vacancies/<int:vacancy_id>/ranked")
@operation(
    summary="The ranked list with explanations",
    description="Every applicant scored by the matching model, as the team's ranked list: "
    "25 a page, with each shown applicant's explanation. A candidate is named only once "
    "their identity has been revealed at interview; quotes have contact details removed.",
    tags=["Team"],
    parameters=[{"in": "query", "schema": schemas.RankedQuerySchema}],
    responses={"200": json_body(schemas.RankedListSchema, "The ranked list")}
    | problems(*AUTH_PROBLEMS, 404, 422),
)
def ranked(vacancy_id: int) -> Response:
    item = _vacancy(vacancy_id)
    query = documents.load(schemas.RankedQuerySchema(), request.args)
    filters = sift.Filters(stage=query["stage"], sort=query["sort"], page=query["page"])
    body = documents.ranked_list(sift.ranked_list(item, filters))
    return jsonify(schemas.RankedListSchema().dump(body))


@bp.route("/applications/<reference>/stage-changes", methods=["POST"])
@operation(
    summary="Move one application to another stage",
    description="The same rules and messages as the team's application page: forward one "
    "stage, back one with a reason, reject with a reason, reinstate with a reason; the "
    "guaranteed interview scheme is enforced, and only an administrator's token may "
    "override it. A move the rules refuse is a 409 whose detail says why.",
    tags=["Team"],
    requestBody={
        "required": True,
        "content": {"application/json": {"schema": schemas.MoveSchema}},
    },
    responses={"200": json_body(schemas.ApplicationSchema, "The application, moved")}
    | problems(*AUTH_PROBLEMS, 400, 404, 409, 422),
)
def stage_change(reference: str) -> Response:
    item = _application(reference)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiProblem(400, "Send a JSON object, with Content-Type: application/json.")
    move = documents.load(schemas.MoveSchema(), data)
    try:
        stages.move_one(
            tokens.token_actor(),
            item,
            stages.Move(move["to_stage"], move["reason"], move["override"]),
            actor_is_admin=tokens.is_admin_token(),
        )
    except stages.StageError as error:  # refused before anything was changed
        raise ApiProblem(409, str(error)) from error
    return jsonify(schemas.ApplicationSchema().dump(documents.application(item)))


@bp.route("/reports/diversity")
@tokens.admin_scope
@operation(
    summary="The diversity report's published figures (administrator tokens)",
    description="The same disclosure-controlled tables as the report downloads: small "
    "counts withheld or noised, never a row about one person.",
    tags=["Team"],
    parameters=[{"in": "query", "schema": schemas.ReportQuerySchema}],
    responses={"200": json_body(schemas.ReportSchema, "Published figures")}
    | problems(*AUTH_PROBLEMS, 403, 422),
)
def diversity_report() -> Response:
    query = documents.load(schemas.ReportQuerySchema(), request.args)
    scope = Scope(
        vacancy_id=query.get("vacancy_id"),
        organisation_id=query.get("organisation_id"),
        region=query.get("region"),
    )
    policy = reporting.service_policy()
    report = reporting.diversity_report(scope, policy)
    audit.record(
        tokens.token_actor(),
        "report_downloaded",
        "report",
        audit_key(scope),
        **audit_detail(scope, policy, format="json", api_token=tokens.current_token().id),
    )
    body = {
        "scope": report.scope.describe(),
        "note": csv_note(report),
        "rows": list(tidy_rows(report)),
    }
    return jsonify(schemas.ReportSchema().dump(body))
