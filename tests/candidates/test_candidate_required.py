"""Every page of a candidate's own record asks a signed-out browser for a return link."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.models import Vacancy
from tests.conftest import page_text, start_application

# (endpoint, method, URL): APP is replaced by a real application's reference.
SIGNED_IN_ONLY = [
    ("candidates.application_step", "GET", "/applications/APP/about-you"),
    ("candidates.application_step", "POST", "/applications/APP/about-you"),
    ("candidates.profile_step", "GET", "/profile/about-you"),
    ("candidates.application_check", "POST", "/applications/APP/check"),
    ("candidates.profile_check", "GET", "/profile/check"),
    ("candidates.application_confirmation", "GET", "/applications/APP/confirmation"),
    ("candidates.profile_joined", "GET", "/profile/joined"),
    ("my_data.my_applications", "GET", "/my-applications"),
    ("my_data.withdraw", "POST", "/applications/APP/withdraw"),
    ("my_data.my_data", "GET", "/my-data"),
    ("my_data.my_data_download", "POST", "/my-data/download"),
    ("my_data.my_data_renew", "POST", "/my-data/renew"),
    ("my_data.leave_pool", "POST", "/my-data/leave-pool"),
    ("my_data.erase_my_data", "POST", "/my-data/erase"),
]


def test_every_my_data_page_but_the_goodbye_needs_a_signed_in_candidate(app: Flask) -> None:
    listed = {endpoint for endpoint, _, _ in SIGNED_IN_ONLY}
    my_data = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("my_data.")}
    assert my_data - listed == {"my_data.data_erased"}


def test_signed_out_browser_is_sent_to_ask_for_a_link(
    app: Flask, client: FlaskClient, vacancy: Vacancy
) -> None:
    reference = start_application(client, vacancy)
    client.post("/sign-out")

    for endpoint, method, url in SIGNED_IN_ONLY:
        response = client.open(url.replace("APP", reference), method=method)
        assert response.status_code == 302, endpoint
        assert response.location == "/return", endpoint
    assert "Your session has ended" in page_text(client.get("/return"))
