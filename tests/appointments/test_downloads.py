"""Every download on the team's side goes through one helper: an attachment with a safe
name, one clean content type, never sniffed, never stored."""

from __future__ import annotations

import pytest
from flask import Flask

from nedmatch.downloads import content_type, safe_filename, send_download
from nedmatch.extensions import db
from nedmatch.models import Candidate, TeamUser, Vacancy
from tests.conftest import sign_in


def assert_download_headers(headers: object, filename: str, media_type: str) -> None:
    assert headers["Content-Type"] == media_type  # type: ignore[index]
    assert headers["Content-Disposition"] == f'attachment; filename="{filename}"'  # type: ignore[index]
    assert headers["X-Content-Type-Options"] == "nosniff"  # type: ignore[index]
    assert headers["Cache-Control"] == "no-store"  # type: ignore[index]


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("text/csv; charset=utf-8", "text/csv; charset=utf-8"),  # not charset twice
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/plain;charset=UTF-8", "text/plain; charset=utf-8"),
        ("application/pdf", "application/pdf"),
        ("application/zip; charset=utf-8", "application/zip"),  # no charset on binary
    ],
)
def test_one_clean_content_type(app: Flask, given: str, sent: str) -> None:
    assert content_type(given) == sent
    with app.test_request_context():
        response = send_download(b"x", "file.bin", given)
    assert response.headers["Content-Type"] == sent
    assert response.headers["Content-Type"].count("charset") <= 1


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("shortlist-vacancy-3-2026-12-02.csv", "shortlist-vacancy-3-2026-12-02.csv"),
        ('evil".csv', "evil-.csv"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\r\nSet-Cookie: x=1.csv", "a-Set-Cookie-x-1.csv"),
        ("Siân Jones CV.pdf", "Si-n-Jones-CV.pdf"),
        ("...", "download"),
    ],
)
def test_a_file_name_cannot_break_out_of_its_header(app: Flask, name: str, safe: str) -> None:
    assert safe_filename(name) == safe
    with app.test_request_context():
        response = send_download(b"x", name, "text/csv")
    assert_download_headers(response.headers, safe, "text/csv; charset=utf-8")


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("shortlist.csv", "text/csv; charset=utf-8"),
        ("shortlist.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("panel.csv", "text/csv; charset=utf-8"),
        ("panel.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_the_panels_downloads_share_the_headers(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, path: str, media_type: str
) -> None:
    client = app.test_client()
    sign_in(client, reviewer)

    response = client.get(f"/team/vacancies/{vacancy.id}/export/{path}")

    assert response.status_code == 200
    kind, fmt = path.split(".")
    name = response.headers["Content-Disposition"].split('"')[1]
    assert name.startswith(f"{kind}-vacancy-{vacancy.id}-") and name.endswith(f".{fmt}")
    assert_download_headers(response.headers, name, media_type)


def test_a_data_request_export_shares_the_headers(app: Flask, admin: TeamUser) -> None:
    candidate = Candidate(email="someone@example.com", first_name="Ada", last_name="Ng")
    db.session.add(candidate)
    db.session.commit()
    client = app.test_client()
    sign_in(client, admin)

    response = client.post(
        f"/team/data-requests/{candidate.public_id}/export",
        data={"reason": "Letter of 3 March, identity checked"},
    )

    assert response.status_code == 200
    name = response.headers["Content-Disposition"].split('"')[1]
    assert name.startswith("nedmatch-data-") and name.endswith(".zip")
    assert_download_headers(response.headers, name, "application/zip")
