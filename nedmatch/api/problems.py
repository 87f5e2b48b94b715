"""Errors as RFC 9457 problem details: application/problem+json with type, title, status
and detail, so a calling system can act on them without reading an HTML page."""

from __future__ import annotations

from typing import Any

from flask import Response, json, request

MEDIA_TYPE = "application/problem+json"
# A problem type is a URI naming the kind of problem; these are relative to the API.
TYPE_BASE = "/api/v1/problems/"

TITLES = {
    400: "Bad request",
    401: "Authentication needed",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Invalid request",
    429: "Too many requests",
    500: "Server error",
}
TYPES = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "invalid",
    429: "rate-limited",
    500: "server-error",
}
DETAILS = {
    400: "The request could not be read. Check it is well formed and try again.",
    401: "Send an API token in the Authorization header: 'Authorization: Bearer <token>'.",
    403: "This API token may not do that.",
    404: "There is nothing at this address. Check the path and any ids in it.",
    405: "This address does not take that method. The API description lists the methods.",
    413: "The request body is too large.",
    429: "Too many requests with this token. Wait and try again; Retry-After says how long.",
    500: "Something went wrong on our side. Try again later.",
}


class ApiProblem(Exception):
    """Raised by an API view to answer with a problem."""

    def __init__(self, status: int, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or DETAILS.get(status, ""))
        self.status = status
        self.detail = detail
        self.extra = extra


def problem(status: int, detail: str | None = None, **extra: Any) -> Response:
    body: dict[str, Any] = {
        "type": TYPE_BASE + TYPES.get(status, "error"),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail or DETAILS.get(status, TITLES.get(status, "Error")),
        "instance": request.path,
    }
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="nedmatch"'
    return response


def is_api_request() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")
