"""Hostile input: generated form posts and URL parameters never produce a 500, and a
refused post leaves every table as it was (nothing half-written)."""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import AnyConverter, IntegerConverter, Rule
from wtforms import Form

from nedmatch.appointments.forms import OrganisationForm, VacancyForm
from nedmatch.appointments.sift.forms import BulkForm, MoveForm, NoteForm
from nedmatch.candidates.forms import ReturnForm, StartForm, WithdrawForm
from nedmatch.candidates.journey import STEPS
from nedmatch.extensions import db
from nedmatch.models import AuditEvent, Candidate, TeamUser
from nedmatch.reports.forms import ScopeForm
from tests.appointments.test_sift import ACCOUNTANT, make_applicant
from tests.conftest import (
    VALID_STEPS,
    error_summary,
    make_organisation,
    make_team_user,
    make_vacancy,
    sign_in,
    start_application,
)

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text as a browser could send it: any Unicode that UTF-8 can carry (so no lone surrogates;
# raw bytes that are not UTF-8 are sent separately), control characters and NUL included.
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
# Longer than any field allows (the longest, a vacancy description, takes 10,000).
HUGE = st.integers(min_value=300, max_value=12_000).map(lambda n: "ą" * n)
NUMBERS = st.one_of(
    st.sampled_from(
        [
            "-1",
            "0",
            "1e309",
            "nan",
            "inf",
            "-inf",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999999",
            "9" * 5000,
            "1.5",
            "0x10",
            "１２",  # full-width digits
            "2026-02-30",
            "31/12/2026",
            "99999-01-01",
        ]
    ),
    st.integers().map(str),
    st.floats().map(str),
)
UNKNOWN_CHOICE = st.sampled_from(["not-a-choice", "__proto__", "../", "0", "-1", "999999"])


def scalar(choices: list[str]) -> st.SearchStrategy[str]:
    options = [TEXT, HUGE, NUMBERS, UNKNOWN_CHOICE]
    if choices:
        options.append(st.sampled_from(choices))
    return st.one_of(*options)


def field_value(choices: list[str]) -> st.SearchStrategy[Any]:
    """Missing (None), one value, or several values where one is expected."""
    return st.one_of(st.none(), scalar(choices), st.lists(scalar(choices), min_size=2, max_size=4))


def form_fields(app: Flask, form_class: type[Form], prefix: str = "") -> dict[str, list[str]]:
    """The form's field names as posted, with their choices where they have any."""
    with app.test_request_context():
        form = form_class(meta={"csrf": False}, prefix=prefix)
        fields = {}
        for field in form:
            choices = getattr(field, "choices", None) or []
            if isinstance(choices, dict):
                choices = list(choices)
            fields[field.name] = [c[0] if isinstance(c, tuple) else str(c) for c in choices]
        return fields


def posts(fields: dict[str, list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({name: field_value(choices) for name, choices in fields.items()})
    extra = st.dictionaries(TEXT.filter(lambda k: k not in fields), TEXT, max_size=2)
    return st.builds(
        lambda values, more: {k: v for k, v in {**more, **values}.items() if v is not None},
        known,
        extra,
    )


# The world each example runs in, made afresh.


def counts() -> dict[str, int]:
    """Rows in each table. Audit events are left out: viewing a page is itself recorded."""
    found = {}
    for table in db.metadata.sorted_tables:
        if table.name == AuditEvent.__tablename__:
            continue
        found[table.name] = db.session.execute(
            db.select(db.func.count()).select_from(table)
        ).scalar_one()
    return found


def clean() -> None:
    """Delete every row but the team's accounts, so the signed-in team client stays in."""
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        if table.name != TeamUser.__tablename__:
            db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()


@dataclass
class World:
    vacancy_id: int
    organisation_id: int
    submitted_ref: str
    application_id: int
    candidate: FlaskClient  # signed in as a candidate with a draft application
    draft_ref: str


@pytest.fixture
def team(app: Flask) -> FlaskClient:
    client = app.test_client()
    sign_in(client, make_team_user("admin"))
    return client


@pytest.fixture
def world(app: Flask, team: FlaskClient) -> Iterator[Any]:
    def make() -> World:
        clean()
        organisation = make_organisation()
        vacancy = make_vacancy(organisation)
        application = make_applicant(vacancy, ACCOUNTANT)
        db.session.commit()
        candidate = app.test_client()
        draft_ref = start_application(candidate, vacancy, email="hostile@example.com")
        return World(
            vacancy.id, organisation.id, application.reference, application.id, candidate, draft_ref
        )

    yield make
    clean()


def assert_no_error(response: Any, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code)


def post_checked(
    client: FlaskClient, url: str, data: dict[str, Any], then: list[str], creates: str = ""
) -> Any:
    """Post; no 500; a refused post changes no table; a post that went through adds at most
    one row to the table it creates; and the pages that show the result still work."""
    before = counts()
    response = client.post(url, data=data)
    assert_no_error(response, url)
    after = counts()
    if response.status_code != 302:
        assert after == before, (url, response.status_code)
    elif creates:
        assert after[creates] - before[creates] in {0, 1}
    for page in then:
        assert_no_error(client.get(page), page)
    return response


# Candidate forms


STEP_SLUGS = [step.slug for step in STEPS if step.slug != "cv"] + ["cv"]


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_every_candidate_step_survives_hostile_posts(app: Flask, world: Any, slug: str) -> None:
    step = next(s for s in STEPS if s.slug == slug)
    fields = form_fields(app, step.form)
    fields.pop("cv", None)  # the file itself is tested in test_uploads

    @SETTINGS
    @given(data=posts(fields), save_later=st.booleans())
    def check(data: dict[str, Any], save_later: bool) -> None:
        w = world()
        if save_later:
            data["save_later"] = ""
        base = f"/applications/{w.draft_ref}"
        post_checked(w.candidate, f"{base}/{slug}", data, [f"{base}/{slug}", f"{base}/check"])

    check()


def test_a_valid_step_after_hostile_drafts_still_saves(app: Flask, world: Any) -> None:
    w = world()
    base = f"/applications/{w.draft_ref}"
    w.candidate.post(f"{base}/about-you", data={"first_name": ["a", "b"], "region": "\x00"})
    response = w.candidate.post(f"{base}/about-you", data=VALID_STEPS["about-you"])
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("form", "url"),
    [
        (StartForm, "/vacancies/{vacancy_id}/apply"),
        (StartForm, "/talent-pool/join"),
        (ReturnForm, "/return"),
        (WithdrawForm, "/applications/{submitted_ref}/withdraw"),
    ],
)
def test_public_forms_survive_hostile_posts(
    app: Flask, world: Any, form: type[Form], url: str
) -> None:
    @SETTINGS
    @given(data=posts(form_fields(app, form)))
    def check(data: dict[str, Any]) -> None:
        w = world()
        target = url.format(**vars(w))
        post_checked(app.test_client(), target, data, ["/"], creates="candidate")

    check()


def test_bytes_that_are_not_utf8_are_read_safely(app: Flask, world: Any) -> None:
    @SETTINGS
    @given(raw=st.binary(max_size=200), field=st.sampled_from(["first_name", "region", "x"]))
    def check(raw: bytes, field: str) -> None:
        w = world()
        body = f"{field}=".encode() + quote(raw, safe="").encode()
        url = f"/applications/{w.draft_ref}/about-you"
        before = counts()
        response = w.candidate.post(
            url, data=body, content_type="application/x-www-form-urlencoded"
        )
        assert_no_error(response, url)
        if response.status_code != 302:
            assert counts() == before
        assert_no_error(w.candidate.get(url), url)

    check()


# The team's forms


TEAM_FORMS = [
    ("vacancy", VacancyForm, "", "/team/vacancies/new", "vacancy"),
    ("vacancy edit", VacancyForm, "", "/team/vacancies/{vacancy_id}/edit", ""),
    ("organisation", OrganisationForm, "", "/team/organisations", "organisation"),
    ("move stage", MoveForm, "move", "/team/applications/{submitted_ref}", ""),
    ("note", NoteForm, "note", "/team/applications/{submitted_ref}", "application_note"),
    ("bulk", BulkForm, "", "/team/vacancies/{vacancy_id}/bulk", ""),
]


@pytest.mark.parametrize(("name", "form", "prefix", "url", "creates"), TEAM_FORMS)
def test_team_forms_survive_hostile_posts(
    app: Flask,
    world: Any,
    team: FlaskClient,
    name: str,
    form: type[Form],
    prefix: str,
    url: str,
    creates: str,
) -> None:
    fields = form_fields(app, form, prefix)

    @SETTINGS
    @given(data=posts(fields), ids=st.booleans())
    def check(data: dict[str, Any], ids: bool) -> None:
        w = world()
        if name == "bulk" and ids:  # sometimes a real selection, so the action runs
            data["application_ids"] = [str(w.application_id), *data.get("application_ids", [])]
        if name == "vacancy" and ids:
            data["organisation_id"] = str(w.organisation_id)
        target = url.format(**vars(w))
        then = [
            f"/team/vacancies/{w.vacancy_id}",
            f"/team/applications/{w.submitted_ref}",
            "/team/",
        ]
        post_checked(team, target, data, then, creates=creates)

    check()


def test_the_pool_invitation_survives_hostile_posts(
    app: Flask, world: Any, team: FlaskClient
) -> None:
    @SETTINGS
    @given(candidate_id=field_value([]))
    def check(candidate_id: Any) -> None:
        w = world()
        data = {} if candidate_id is None else {"candidate_id": candidate_id}
        post_checked(team, f"/team/vacancies/{w.vacancy_id}/pool", data, [])

    check()


# URL parameters


def query_strings(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.sampled_from(names) | TEXT, field_value([]), max_size=len(names) + 1
    ).map(lambda d: {k: v for k, v in d.items() if v is not None})


RANKED_LIST = [
    "stage",
    "region",
    "essentials",
    "min_score",
    "board",
    "q",
    "sort",
    "page",
    "selected",
]


def test_the_ranked_list_survives_hostile_query_strings(
    app: Flask, world: Any, team: FlaskClient
) -> None:
    @SETTINGS
    @given(query=query_strings(RANKED_LIST))
    def check(query: dict[str, Any]) -> None:
        w = world()
        response = team.get(f"/team/vacancies/{w.vacancy_id}", query_string=query)
        flat = [
            *query,
            *(v for vs in query.values() for v in ([vs] if isinstance(vs, str) else vs)),
        ]
        nul = any("\x00" in text for text in flat)
        if nul:
            assert response.status_code == 400, query
        elif response.status_code == 400:
            # Only a minimum score that is not a number from 0 to 100 is refused, and the
            # page says so beside the box.
            assert "min_score" in query, query
            assert "Minimum score must be" in error_summary(response)[0][1], query
        else:
            assert response.status_code == 200, query

    check()


def test_ids_too_long_for_int_are_no_ids(app: Flask, world: Any, team: FlaskClient) -> None:
    """Python refuses to read more than 4,300 digits as a number: such an id (and "²",
    a digit to isdigit() but not to int()) names no record, on every page that reads one."""
    w = world()
    for hostile in ("9" * 5000, "²", "١٢"):
        listed = team.get(f"/team/vacancies/{w.vacancy_id}", query_string={"selected": hostile})
        assert listed.status_code == 200
        unlock = team.get("/team/members/unlock", query_string={"member": hostile})
        assert unlock.status_code == 302 and unlock.location == "/team/members"


def test_reports_survive_hostile_query_strings(app: Flask, world: Any, team: FlaskClient) -> None:
    scope = list(form_fields(app, ScopeForm))
    audit = [f"audit-{name}" for name in ["vacancy", "threshold", "method", "top_n"]]

    @SETTINGS
    @given(
        query=query_strings(scope + audit),
        page=st.sampled_from(
            [
                "/team/reports/report",
                "/team/reports/download/csv",
                "/team/reports/model-audit",
                "/team/reports/vacancies/{vacancy_id}/model-audit",
                "/vacancies",
                "/team/jobs/1",
            ]
        ),
    )
    def check(query: dict[str, Any], page: str) -> None:
        w = world()
        url = page.format(**vars(w))
        assert_no_error(team.get(url, query_string=query), url)

    check()


def path_value(rule: Rule, name: str) -> st.SearchStrategy[Any]:
    converter = rule._converters[name]
    if isinstance(converter, AnyConverter):
        return st.sampled_from(sorted(converter.items))
    if isinstance(converter, IntegerConverter):
        return st.one_of(
            st.integers(min_value=0, max_value=1000),
            st.integers(min_value=2**31 - 2, max_value=2**31 + 2),
            st.integers(min_value=2**63 - 2, max_value=2**63 + 2),
            st.integers(min_value=0, max_value=10**30),
        )
    segment = st.one_of(
        TEXT.filter(lambda s: s not in {"", ".", ".."}),
        st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20),
        HUGE,
    )
    return segment


def get_rules(app: Flask) -> list[Rule]:
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.arguments and rule.endpoint != "static"
        ),
        key=lambda r: r.rule,
    )


def test_every_path_parameter_of_every_page_survives_hostile_values(
    app: Flask, world: Any, team: FlaskClient
) -> None:
    rules = get_rules(app)
    assert len(rules) >= 15

    @settings(SETTINGS, max_examples=80)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        w = world()
        rule = data.draw(st.sampled_from(rules))
        values = {name: data.draw(path_value(rule, name)) for name in sorted(rule.arguments)}
        url = rule.build(values, append_unknown=False)[1]  # type: ignore[index]
        for client in (team, w.candidate):
            assert_no_error(client.get(url), url)

    check()


@pytest.mark.parametrize(
    "rule_text", ["/team/vacancies/<int:vacancy_id>", "/applications/<ref>/<step>"]
)
def test_each_path_parameter_route_is_reached(app: Flask, rule_text: str) -> None:
    assert rule_text in {rule.rule for rule in get_rules(app)}


@pytest.mark.parametrize("number", [2**31, 2**63 - 1, 2**63, 10**30])  # INTEGER ends at 2**31 - 1
def test_ids_too_large_for_the_database_are_not_found(
    app: Flask, world: Any, team: FlaskClient, number: int
) -> None:
    world()
    for rule in get_rules(app):
        if not any(isinstance(rule._converters[n], IntegerConverter) for n in rule.arguments):
            continue
        values = {
            name: number
            if isinstance(rule._converters[name], IntegerConverter)
            else sorted(getattr(rule._converters[name], "items", ["x"]))[0]
            for name in rule.arguments
        }
        url = rule.build(values, append_unknown=False)[1]  # type: ignore[index]
        assert team.get(url).status_code in {302, 404}, url


def test_a_nul_character_in_a_form_is_dropped_and_the_answer_saved(app: Flask, world: Any) -> None:
    """PostgreSQL text cannot hold NUL: every form's input filter drops it (and the other
    invisible controls), so the answer is saved as the person meant it, on either database.
    Every form that takes text is checked in test_nul_bytes."""
    w = world()
    base = f"/applications/{w.draft_ref}"
    data = {**VALID_STEPS["about-you"], "first_name": "Sample\x00name"}
    response = w.candidate.post(f"{base}/about-you", data=data)
    assert response.status_code == 302, error_summary(response)
    stored = db.session.execute(
        db.select(Candidate.first_name).filter_by(email="hostile@example.com")
    ).scalar_one()
    assert stored == "Samplename"


def test_a_nul_character_in_the_address_is_refused(app: Flask, world: Any) -> None:
    w = world()
    for url, query in [
        (f"/applications/{w.draft_ref}/a\x00b", {}),
        ("/return/\x00", {}),
        ("/vacancies", {"region": "\x00"}),
        ("/vacancies", {"\x00": "x"}),
    ]:
        response = w.candidate.get(url, query_string=query)
        assert response.status_code == 400, url
        assert "There is a problem with your request" in response.get_data(as_text=True)
