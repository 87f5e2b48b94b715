"""The API keeps its published contract: the OpenAPI document is valid OpenAPI 3.1, and
every response of every documented operation validates against it (schemathesis, run in
process on the Flask app through WSGI, with a few examples per operation)."""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import Tokens, bearer
from tests.appointments.test_sift import Campaign

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 4


def test_the_document_is_valid_openapi_3_1(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)
    operations = {(m.upper(), p) for p, item in document["paths"].items() for m in item}
    assert operations == {
        ("GET", "/api/v1/vacancies"),
        ("GET", "/api/v1/vacancies/{vacancy_id}"),
        ("GET", "/api/v1/team/vacancies"),
        ("GET", "/api/v1/team/vacancies/{vacancy_id}"),
        ("GET", "/api/v1/team/vacancies/{vacancy_id}/applications"),
        ("GET", "/api/v1/team/vacancies/{vacancy_id}/ranked"),
        ("POST", "/api/v1/team/applications/{reference}/stage-changes"),
        ("GET", "/api/v1/team/reports/diversity"),
    }


def test_the_docs_page_lists_every_operation(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    page = client.get("/api/v1/docs").get_data(as_text=True)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} {path}" in page
            assert operation["summary"] in page.replace("&#39;", "'")


def _run(operation: Any, headers: dict[str, str], **fixed: Any) -> None:
    strategy = operation.as_strategy(**fixed)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_every_response_matches_the_document(
    app: Flask, tokens: Tokens, campaign: Campaign
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    vacancy = campaign.vacancy.id
    reference = campaign.others[0].reference
    ran = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for secret in (tokens.reviewer, tokens.admin, tokens.revoked):
            _run(operation, bearer(secret))
            # And with real ids, so that full documents are checked too.
            names = {p.name for p in operation.path_parameters}
            real = {"vacancy_id": vacancy, "reference": reference}
            if names:
                _run(operation, bearer(secret), path_parameters={n: real[n] for n in names})
            ran += 1
        _run(operation, {})
    assert ran == 8 * 3
