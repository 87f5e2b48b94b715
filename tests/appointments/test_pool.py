"""Inviting from the pool refuses, with a message, any choice that names no one."""

from __future__ import annotations

import pytest
from flask import Flask

from nedmatch.extensions import db
from nedmatch.models import Invitation, TeamUser, Vacancy
from tests.conftest import sign_in


@pytest.mark.parametrize(
    "candidate_id",
    ["", "0", "999999", "2147483648", "999999999999999999", "²", "1e3", "-1"],
)
def test_an_invitation_to_no_one_is_refused(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, candidate_id: str
) -> None:
    client = app.test_client()
    sign_in(client, reviewer)

    response = client.post(
        f"/team/vacancies/{vacancy.id}/pool",
        data={"candidate_id": candidate_id},
        follow_redirects=True,
    )

    assert response.status_code == 200
    assert "Choose someone from the list to invite." in response.get_data(as_text=True)
    assert db.session.execute(db.select(Invitation)).first() is None
