"""The memory of releases (services/reporting/releases.py): what it stores, what it
finds, and that a report downloaded before and after a change is remembered both times."""

from __future__ import annotations

import zlib

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.diversity import DisclosurePolicy
from nedmatch.diversity.disclosure import ShownCount
from nedmatch.diversity.history import Members
from nedmatch.extensions import db
from nedmatch.models import DisclosureRelease, TeamUser
from nedmatch.services.reporting import releases
from tests.conftest import make_organisation, make_vacancy, sign_in
from tests.reports.conftest import make_person

POLICY = DisclosurePolicy(method="cell-key")
KEY = releases.scope_key("report", "vacancy=1", POLICY)
SHOWN = {("*", "total", "applied"): ShownCount(3)}


def stored() -> list[DisclosureRelease]:
    return list(db.session.execute(db.select(DisclosureRelease)).scalars())


def members(people: dict[int, tuple[int, ...]]) -> Members:
    return Members.build(people, people.values(), 2)


def test_a_member_is_keyed_by_their_id_and_answers(app: Flask) -> None:
    first, again, changed, other = releases.member_ids([7, 7, 7, 8], [b"a", b"a", b"b", b"a"])
    assert first == again and len({first, changed, other}) == 3
    assert 0 < first < 2**64
    app.config["MONITORING_KEY"] = "another-key"
    assert releases.member_ids([7], [b"a"]) != [first]  # cannot be matched without the key


def test_releases_of_the_same_people_are_stored_once(app: Flask) -> None:
    people = {1: (1, 1), 2: (1, 1), 3: (1, 0)}
    releases.remember(KEY, members(people), SHOWN)
    releases.remember(KEY, members(dict(reversed(people.items()))), SHOWN)
    assert len(stored()) == 1
    assert releases.priors(KEY, members(people), 5) == []  # no difference: nothing to link


def test_a_near_release_is_found_with_who_changed_and_how(app: Flask) -> None:
    before = {1: (1, 1), 2: (1, 1), 3: (1, 0)}
    releases.remember(KEY, members(before), SHOWN)
    now = {1: (1, 1), 3: (1, 1), 4: (1, 0), 22: (1, 1)}  # 2 changed answers: now 22
    (prior,) = releases.priors(KEY, members(now), 5)
    assert prior.shown == SHOWN
    assert {(c.now, c.before, c.people, c.known) for c in prior.changes} == {
        ((1, 1), (1, 0), (3,), True),  # moved on
        ((1, 0), (0, 0), (4,), True),  # came in
        ((1, 1), (0, 0), (22,), True),  # their new answers
        ((0, 0), (1, 1), (2,), False),  # their old answers: unknown now
    }


def test_a_far_release_is_not_linked(app: Flask) -> None:
    releases.remember(KEY, members({i: (1, 1) for i in range(1, 4)}), SHOWN)
    now = members({i: (1, 1) for i in range(4, 13)})  # nine came, three left: 12 differ
    assert releases.priors(KEY, now, 5) == []
    assert releases.priors(releases.scope_key("report", "vacancy=2", POLICY), now, 5) == []


def test_each_report_keeps_its_most_recent_releases(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(releases, "KEPT_RELEASES", 3)
    for n in range(5):
        releases.remember(KEY, members({i: (1, 1) for i in range(1, n + 2)}), SHOWN)
    releases.remember("other", members({1: (1, 1)}), SHOWN)
    kept = [r for r in stored() if r.scope_key == KEY]
    assert len(kept) == 3
    assert {len(releases._unpack(r.members)) for r in kept} == {3, 4, 5}


def test_members_round_trip(app: Flask) -> None:
    people = members({2**64 - 5: (1, 0), 3: (1, 1)})
    back = releases._unpack(releases._pack(people))
    assert back.keys.tolist() == people.keys.tolist()
    assert back.counts.tolist() == people.counts.tolist()


def test_figures_round_trip(app: Flask) -> None:
    shown = {
        ("sex", "female", "applied"): ShownCount(12, perturbed=True),
        ("sex", "male", "applied"): ShownCount(None, small=True),
        ("sex", "other", "applied"): ShownCount(None, suppressed=True),
        ("*", "total", "applied"): ShownCount(25),
    }
    assert releases._shown(releases._figures(shown)) == shown


def test_downloads_before_and_after_one_applicant_are_remembered(
    client: FlaskClient, admin: TeamUser
) -> None:
    """The report's CSV, twice, with one applicant between: two releases, and the second
    download again (the same people) stores nothing more."""
    sign_in(client, admin)
    vacancy = make_vacancy(organisation=make_organisation(name="Remembered NHS Trust"))
    for _ in range(8):
        make_person(vacancy, "applied", answers={"sex": "female"})
    db.session.commit()
    url = "/team/reports/download/csv"
    assert client.get(url, query_string={"vacancy": vacancy.id}).status_code == 200
    make_person(vacancy, "applied", answers={"sex": "male"})
    db.session.commit()
    assert client.get(url, query_string={"vacancy": vacancy.id}).status_code == 200
    assert client.get(url, query_string={"vacancy": vacancy.id}).status_code == 200
    rows = [r for r in stored() if r.scope_key.startswith(f"report/vacancy={vacancy.id}/")]
    assert [len(releases._unpack(r.members)) for r in rows] == [8, 9]
    for row in rows:  # no answers and no ids are stored: keys and counts only
        assert b"female" not in zlib.decompress(row.members)
