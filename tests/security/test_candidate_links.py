"""Candidate return links: signed, expiring, unguessable, and scoped to one candidate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Candidate, Vacancy
from tests.conftest import (
    complete_steps,
    page_text,
    return_links,
    start_application,
    use_return_link,
)

A = "first.candidate@example.com"
B = "second.candidate@example.com"


@pytest.fixture
def two(app: Flask, vacancy: Vacancy, outbox: list) -> dict[str, tuple[FlaskClient, str, str]]:
    """Two candidates, each in their own browser: (client, application ref, return link)."""
    found = {}
    for email in (A, B):
        client = app.test_client()
        ref = start_application(client, vacancy, email=email)
        complete_steps(client, f"/applications/{ref}", ["about-you"])
        found[email] = (client, ref, return_links(outbox, email)[-1])
    return found


def candidate(email: str) -> Candidate:
    return db.session.execute(db.select(Candidate).filter_by(email=email)).scalar_one()


def test_a_link_opens_only_its_own_candidates_applications(
    app: Flask, two: dict[str, tuple[FlaskClient, str, str]]
) -> None:
    _, ref_a, link_a = two[A]
    _, ref_b, _ = two[B]
    browser = app.test_client()
    assert use_return_link(browser, link_a).status_code == 302
    assert browser.get(f"/applications/{ref_a}/about-you").status_code == 200
    assert ref_b not in browser.get("/my-applications").get_data(as_text=True)
    for path in ["about-you", "check", "confirmation", "withdraw", "experience"]:
        response = browser.get(f"/applications/{ref_b}/{path}")
        assert response.status_code == 404, path
    response = browser.post(
        f"/applications/{ref_b}/about-you",
        data={"first_name": "Changed", "last_name": "By A", "phone": "1", "postcode": "x"},
    )
    assert response.status_code == 404
    assert candidate(B).first_name != "Changed"


def test_the_candidates_own_browser_cannot_reach_the_other_application_either(
    two: dict[str, tuple[FlaskClient, str, str]],
) -> None:
    client_a, _, _ = two[A]
    _, ref_b, _ = two[B]
    assert client_a.get(f"/applications/{ref_b}/check").status_code == 404
    assert client_a.post(f"/applications/{ref_b}/check").status_code == 404


def _flip(text: str, index: int) -> str:
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1 :]


def test_links_are_signed_and_a_changed_link_does_not_work(
    app: Flask, two: dict[str, tuple[FlaskClient, str, str]]
) -> None:
    _, _, link_a = two[A]
    token = link_a.rsplit("/", 1)[1]
    payload, _, signature = token.rpartition(".")
    forged = [
        f"{payload}.{'A' * len(signature)}",
        # One character in the middle of the signature: the last character of base64 may
        # carry only padding bits, so changing it can leave the signature's bytes as they were.
        _flip(token, len(token) - len(signature) // 2),
        candidate(B).public_id,
        "",
    ]
    for bad in forged:
        browser = app.test_client()
        response = browser.get(f"/return/{bad}")
        assert response.status_code in {200, 404}, bad
        assert browser.get("/my-applications").status_code == 302  # not signed in


def test_links_are_unguessable(two: dict[str, tuple[FlaskClient, str, str]]) -> None:
    _, _, link_a = two[A]
    token = link_a.rsplit("/", 1)[1]
    assert len(token) >= 40
    # The candidate in the link is a random public id, not a counter.
    public_ids = [candidate(A).public_id, candidate(B).public_id]
    assert all(len(p) >= 16 for p in public_ids)
    assert str(candidate(A).id) not in public_ids


def test_links_expire(app: Flask, two: dict[str, tuple[FlaskClient, str, str]]) -> None:
    _, _, link_a = two[A]
    app.config["RETURN_LINK_MAX_AGE"], saved = (
        timedelta(seconds=-1),
        app.config["RETURN_LINK_MAX_AGE"],
    )
    try:
        browser = app.test_client()
        response = browser.get(link_a)
        assert "This link has expired" in page_text(response)
        assert browser.get("/my-applications").status_code == 302
    finally:
        app.config["RETURN_LINK_MAX_AGE"] = saved
    assert timedelta(days=1) <= saved <= timedelta(days=31)
