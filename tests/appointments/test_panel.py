"""Panel members score shortlisted candidates on the published scale, independently."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import (
    PROGRESS_STAGES,
    Application,
    AuditEvent,
    Candidate,
    PanelScore,
    PanelSubmission,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.services import panel
from nedmatch.services.applications import monitoring
from tests.conftest import (
    assert_field_error,
    error_summary,
    form_values,
    make_team_user,
    page_text,
    parse_page,
    sign_in,
    start_application,
)

ESSENTIAL_1 = "A professional accountancy qualification"
ESSENTIAL_2 = "Recent and relevant financial experience"
DESIRABLE = "Experience of chairing an audit committee"
# Monitoring answers every test candidate gives: none of them may appear on a team page.
MONITORING = {
    "ethnicity": "bangladeshi",
    "sexual_orientation": "gay-lesbian",
    "religion": "buddhist",
    "age_band": "55-64",
}
MONITORING_WORDS = ["bangladeshi", "gay-lesbian", "Gay or lesbian", "buddhist", "55 to 64"]
_people = itertools.count(1)


def make_application(
    vacancy: Vacancy,
    furthest: str = "shortlisted",
    final: str | None = None,
    **candidate: Any,
) -> Application:
    """A candidate, with monitoring answers, whose application went through every stage up
    to ``furthest`` and then, if given, to ``final`` (rejected or withdrawn)."""
    n = next(_people)
    person = Candidate(
        email=candidate.pop("email", f"panel-person-{n}@example.com"),
        first_name=candidate.pop("first_name", "Morwenna"),
        last_name=candidate.pop("last_name", f"Trelawney{n}"),
        in_pool=True,
        **candidate,
    )
    db.session.add(person)
    db.session.flush()
    monitoring.save_answers(person.id, MONITORING)
    at = datetime(2025, 5, 1, 9, 0)
    application = Application(candidate=person, vacancy=vacancy, stage=furthest, submitted_at=at)
    db.session.add(application)
    previous = "draft"
    for stage in PROGRESS_STAGES[: PROGRESS_STAGES.index(furthest) + 1]:
        application.stage_changes.append(StageChange(from_stage=previous, to_stage=stage, at=at))
        previous, at = stage, at + timedelta(days=3)
    if final:
        application.stage_changes.append(
            StageChange(from_stage=previous, to_stage=final, at=at, reason="Test")
        )
        application.stage = final
    db.session.commit()
    return application


def key(text: str) -> str:
    return panel.criterion_key(text)


def score_data(
    scores: dict[str, int | str | None],
    comments: dict[str, str] | None = None,
    action: str = "submit",
) -> dict[str, str]:
    """What the scoring form posts: criterion text -> score (None: left unanswered)."""
    data = {"action": action}
    for text, value in scores.items():
        if value is not None:
            data[f"score_{key(text)}"] = str(value)
    for text, comment in (comments or {}).items():
        data[f"comment_{key(text)}"] = comment
    return data


def all_scores(e1: int, e2: int, d: int) -> dict[str, int | str | None]:
    return {ESSENTIAL_1: e1, ESSENTIAL_2: e2, DESIRABLE: d}


def url(application: Application) -> str:
    return f"/team/applications/{application.reference}/panel"


def events(action: str) -> list[AuditEvent]:
    return list(
        db.session.execute(
            db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)
        ).scalars()
    )


def browser(app: Flask, user: TeamUser) -> FlaskClient:
    client = app.test_client()
    sign_in(client, user)
    return client


def submit(app: Flask, user: TeamUser, application: Application, **kwargs: Any) -> None:
    response = browser(app, user).post(url(application), data=score_data(**kwargs))
    assert response.status_code == 302, error_summary(response)


@pytest.fixture
def shortlisted(vacancy: Vacancy) -> Application:
    return make_application(vacancy, "shortlisted")


@pytest.fixture
def reviewer_client(app: Flask, reviewer: TeamUser) -> FlaskClient:
    return browser(app, reviewer)


def test_the_criteria_are_every_essential_and_desirable_one_in_order(vacancy: Vacancy) -> None:
    vacancy.desirable_criteria = [DESIRABLE, ESSENTIAL_1]  # worded like an essential: once

    found = panel.criteria(vacancy)

    assert [(c.text, c.essential) for c in found] == [
        (ESSENTIAL_1, True),
        (ESSENTIAL_2, True),
        (DESIRABLE, False),
    ]
    assert len({c.key for c in found}) == 3


def test_the_page_explains_the_scale_and_asks_for_every_criterion(
    reviewer_client: FlaskClient, shortlisted: Application
) -> None:
    response = reviewer_client.get(url(shortlisted))

    assert response.status_code == 200
    text = page_text(response)
    for value, label in panel.PANEL_SCALE.items():
        assert f"{value} {label}" in text  # the scale table
        assert f"{value} – {label}" in text  # each option
    page = parse_page(response)
    legends = [" ".join(e.text_content().split()) for e in page.xpath("//legend")]
    assert legends == [
        f"Essential: {ESSENTIAL_1}",
        f"Essential: {ESSENTIAL_2}",
        f"Desirable: {DESIRABLE}",
    ]
    assert len(page.xpath("//input[@type='radio']")) == 3 * 5
    assert len(page.xpath("//textarea")) == 3
    buttons = {
        b.get("value"): " ".join(b.text_content().split())
        for b in page.xpath("//button[@name='action']")
    }
    assert buttons == {"submit": "Submit scores", "draft": "Save draft"}
    assert shortlisted.reference in text
    assert shortlisted.candidate.last_name not in text
    assert shortlisted.candidate.email not in text


def test_a_draft_is_saved_partly_and_shown_again(
    reviewer_client: FlaskClient, reviewer: TeamUser, shortlisted: Application
) -> None:
    response = reviewer_client.post(
        url(shortlisted),
        data=score_data(
            {ESSENTIAL_1: 3, ESSENTIAL_2: None, DESIRABLE: 1},
            {DESIRABLE: "Chaired a finance committee, not audit"},
            action="draft",
        ),
    )

    assert response.status_code == 302, error_summary(response)
    assert response.location == url(shortlisted)
    page = reviewer_client.get(response.location)
    assert "Draft saved. Nobody else can see your scores until you submit them." in page_text(page)
    values = form_values(page)
    assert values.get(f"score_{key(ESSENTIAL_1)}") == "3"
    assert f"score_{key(ESSENTIAL_2)}" not in values
    assert values.get(f"score_{key(DESIRABLE)}") == "1"
    assert values.get(f"comment_{key(DESIRABLE)}") == "Chaired a finance committee, not audit"
    rows = db.session.execute(db.select(PanelScore)).scalars().all()
    assert {(r.criterion, r.score, r.member_id) for r in rows} == {
        (ESSENTIAL_1, 3, reviewer.id),
        (DESIRABLE, 1, reviewer.id),
    }
    assert db.session.execute(db.select(PanelSubmission)).first() is None
    (event,) = events("panel_scores_saved")
    assert event.actor == f"team:{reviewer.id}"
    assert event.object_id == str(shortlisted.id)
    assert event.detail["scores"] == {ESSENTIAL_1: 3, DESIRABLE: 1}

    # Saving again replaces the draft.
    reviewer_client.post(url(shortlisted), data=score_data(all_scores(2, 2, 2), action="draft"))
    rows = db.session.execute(db.select(PanelScore)).scalars().all()
    assert sorted(r.score for r in rows) == [2, 2, 2]
    assert {r.comment for r in rows} == {""}
    assert len(events("panel_scores_saved")) == 2


def test_submitting_is_final(
    reviewer_client: FlaskClient, reviewer: TeamUser, shortlisted: Application
) -> None:
    response = reviewer_client.post(
        url(shortlisted), data=score_data(all_scores(4, 3, 2), {ESSENTIAL_1: "ACCA, 20 years"})
    )

    assert response.status_code == 302, error_summary(response)
    (submission,) = db.session.execute(db.select(PanelSubmission)).scalars().all()
    assert (submission.application_id, submission.member_id) == (shortlisted.id, reviewer.id)
    (event,) = events("panel_scores_submitted")
    assert event.detail["scores"] == {ESSENTIAL_1: 4, ESSENTIAL_2: 3, DESIRABLE: 2}

    page = reviewer_client.get(url(shortlisted))
    assert f"Scores submitted for {shortlisted.reference}." in page_text(page)
    assert parse_page(page).xpath("//input[@type='radio'] | //textarea") == []
    assert "The panel's submitted scores" in page_text(page)
    assert "ACCA, 20 years" in page_text(page)

    for action in ("submit", "draft"):
        again = reviewer_client.post(
            url(shortlisted), data=score_data(all_scores(0, 0, 0), action=action)
        )
        assert again.status_code == 200
        assert error_summary(again) == [
            (
                "",
                f"You have already submitted your scores for {shortlisted.reference}; they "
                "cannot be changed.",
            )
        ]
    assert sorted(db.session.execute(db.select(PanelScore.score)).scalars()) == [2, 3, 4]
    with pytest.raises(panel.PanelError, match="already submitted"):
        panel.save(reviewer, shortlisted, {key(ESSENTIAL_1): panel.Entry(0)}, submit=False)
    assert len(events("panel_scores_submitted")) == 1
    assert events("panel_scores_saved") == []


def test_a_member_sees_the_others_scores_only_after_submitting_their_own(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, shortlisted: Application
) -> None:
    other = make_team_user("reviewer", email="second.reviewer@nhs.example")
    other.name = "Second Reviewer"
    db.session.commit()
    submit(
        app,
        other,
        shortlisted,
        scores=all_scores(1, 4, 0),
        comments={ESSENTIAL_2: "Unusually strong on treasury management"},
    )
    first = browser(app, reviewer)

    before = first.get(url(shortlisted))
    overview = first.get(f"/team/vacancies/{vacancy.id}/panel")

    text = page_text(before)
    assert "Unusually strong on treasury management" not in text
    assert "Second Reviewer" not in text
    assert "The panel's submitted scores" not in text
    assert "Members who have submitted: 1" in text  # how many, never what
    assert form_values(before).getlist(f"score_{key(ESSENTIAL_2)}") == []  # not pre-filled
    overview_text = page_text(overview)
    assert "Hidden until you submit your scores" in overview_text
    assert "1.7" not in overview_text and "Large disagreement" not in overview_text

    # A draft does not unlock them either.
    first.post(url(shortlisted), data=score_data(all_scores(2, 2, 2), action="draft"))
    assert "Unusually strong" not in page_text(first.get(url(shortlisted)))

    first.post(url(shortlisted), data=score_data(all_scores(3, 2, 2)))

    after = page_text(first.get(url(shortlisted)))
    assert "Unusually strong on treasury management" in after
    assert "Second Reviewer" in after
    assert "Large disagreement" in after
    overview_text = page_text(first.get(f"/team/vacancies/{vacancy.id}/panel"))
    assert "Hidden until you submit" not in overview_text
    assert "Large disagreement" in overview_text


def test_a_submitted_member_never_sees_anothers_draft(
    app: Flask, reviewer: TeamUser, admin: TeamUser, shortlisted: Application
) -> None:
    submit(app, reviewer, shortlisted, scores=all_scores(3, 3, 3))
    drafting = browser(app, admin)
    drafting.post(
        url(shortlisted),
        data=score_data(all_scores(0, 0, 0), {DESIRABLE: "First thoughts only"}, action="draft"),
    )

    text = page_text(browser(app, reviewer).get(url(shortlisted)))

    assert "First thoughts only" not in text
    assert "Test admin" not in text
    assert "Members who have submitted: 1" in text


def test_mean_spread_and_disagreement_by_hand() -> None:
    spec = [
        panel.Criterion("a", "A", True),
        panel.Criterion("b", "B", True),
        panel.Criterion("c", "C", False),
    ]
    #            A  B  C      member mean
    # member 1:  4  3  2      3.000
    # member 2:  2  3  2      2.333
    # member 3:  3  3  1      2.333
    # mean:      3  3  1.667  overall 2.556, spread of member means 0.667
    # spread:    2  0  1      -> A disagrees (2 or more)
    scores = {
        1: {"A": 4, "B": 3, "C": 2},
        2: {"A": 2, "B": 3, "C": 2},
        3: {"A": 3, "B": 3, "C": 1, "Since removed": 0},
    }

    summary = panel.summarise(spec, scores)

    assert [c.mean for c in summary.criteria] == pytest.approx([3.0, 3.0, 5 / 3])
    assert [c.spread for c in summary.criteria] == [2, 0, 1]
    assert [c.members for c in summary.criteria] == [3, 3, 3]
    assert [c.disagreement for c in summary.criteria] == [True, False, False]
    assert summary.member_means == pytest.approx({1: 3.0, 2: 7 / 3, 3: 7 / 3})
    assert summary.mean == pytest.approx(23 / 9)
    assert summary.spread == pytest.approx(2 / 3)
    assert summary.members == 3
    assert [c.criterion.text for c in summary.disagreements] == ["A"]
    assert summary.disagreement

    one_point_apart = panel.summarise(
        spec, {1: {"A": 3, "B": 3, "C": 3}, 2: {"A": 2, "B": 4, "C": 2}}
    )
    assert not one_point_apart.disagreement
    assert panel.summarise(spec, {}).mean is None


def test_the_pages_show_the_hand_example(
    app: Flask, vacancy: Vacancy, reviewer: TeamUser, admin: TeamUser, shortlisted: Application
) -> None:
    third = make_team_user("reviewer", email="third@nhs.example")
    drafting = make_team_user("reviewer", email="drafting@nhs.example")
    submit(app, reviewer, shortlisted, scores=all_scores(4, 3, 2))
    submit(app, admin, shortlisted, scores=all_scores(2, 3, 2))
    submit(app, third, shortlisted, scores=all_scores(3, 3, 1))
    # A draft is not counted, however far out it is.
    browser(app, drafting).post(
        url(shortlisted), data=score_data(all_scores(0, 0, 0), action="draft")
    )

    page = browser(app, reviewer).get(url(shortlisted))
    overview = browser(app, reviewer).get(f"/team/vacancies/{vacancy.id}/panel")

    table = parse_page(page).find_class("app-panel-scores")[0]
    rows = [
        [" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")]
        for tr in table.xpath(".//tr")
    ]
    assert rows[0] == ["Criterion", "You", "Test admin", "Test reviewer", "Mean", "Spread"]
    assert rows[1] == [f"Essential: {ESSENTIAL_1} Large disagreement", "4", "2", "3", "3.0", "2"]
    assert rows[2] == [f"Essential: {ESSENTIAL_2}", "3", "3", "3", "3.0", "0"]
    assert rows[3] == [f"Desirable: {DESIRABLE}", "2", "2", "1", "1.7", "1"]
    assert rows[4] == ["Overall (each member's mean)", "3.0", "2.3", "2.3", "2.6", "0.7"]
    cells = [
        " ".join(c.text_content().split())
        for c in parse_page(overview).find_class("app-panel-overview")[0].xpath(".//tbody//td")
    ]
    assert cells == [
        shortlisted.reference,
        "Shortlisted",
        "Submitted",
        "3",
        "2.6",
        "0.7",
        "Large disagreement On 1 criterion",
    ]


@pytest.mark.parametrize(
    ("scores", "comments", "action", "field", "message"),
    [
        (
            {ESSENTIAL_1: 3, ESSENTIAL_2: None, DESIRABLE: 2},
            {},
            "submit",
            f"score_{key(ESSENTIAL_2)}",
            f"Select a score for {ESSENTIAL_2}",
        ),
        (
            {ESSENTIAL_1: 5, ESSENTIAL_2: 3, DESIRABLE: 2},
            {},
            "submit",
            f"score_{key(ESSENTIAL_1)}",
            f"Select a score between 0 and 4 for {ESSENTIAL_1}",
        ),
        (
            {ESSENTIAL_1: -1, ESSENTIAL_2: 3, DESIRABLE: 2},
            {},
            "draft",
            f"score_{key(ESSENTIAL_1)}",
            f"Select a score between 0 and 4 for {ESSENTIAL_1}",
        ),
        (
            {ESSENTIAL_1: "three", ESSENTIAL_2: 3, DESIRABLE: 2},
            {},
            "draft",
            f"score_{key(ESSENTIAL_1)}",
            f"Select a score between 0 and 4 for {ESSENTIAL_1}",
        ),
        (
            {ESSENTIAL_1: 3, ESSENTIAL_2: None, DESIRABLE: 2},
            {ESSENTIAL_2: "Not asked at interview"},
            "draft",
            f"score_{key(ESSENTIAL_2)}",
            f"Select a score for {ESSENTIAL_2} to keep your notes on it",
        ),
        (
            all_scores(3, 3, 3),
            {DESIRABLE: "x" * (panel.MAX_COMMENT + 1)},
            "draft",
            f"comment_{key(DESIRABLE)}",
            f"Your notes on {DESIRABLE} must be 2,000 characters or fewer",
        ),
    ],
    ids=["missing", "above-4", "below-0", "not-a-number", "notes-without-score", "long-notes"],
)
def test_invalid_scores_are_refused_with_a_message(
    reviewer_client: FlaskClient,
    shortlisted: Application,
    scores: dict[str, Any],
    comments: dict[str, str],
    action: str,
    field: str,
    message: str,
) -> None:
    response = reviewer_client.post(url(shortlisted), data=score_data(scores, comments, action))

    assert_field_error(response, field, message)
    assert db.session.execute(db.select(PanelScore)).first() is None
    assert db.session.execute(db.select(PanelSubmission)).first() is None
    assert (
        db.session.execute(db.select(AuditEvent).where(AuditEvent.action.like("panel_%"))).first()
        is None
    )
    if comments:  # what was typed is kept
        (text,) = comments
        assert form_values(response).get(f"comment_{key(text)}") == comments[text]


@pytest.mark.parametrize("action", ["submit", "draft"])
def test_a_tampered_or_stale_criterion_is_refused(
    reviewer_client: FlaskClient, shortlisted: Application, action: str
) -> None:
    data = score_data(all_scores(3, 3, 3), action=action)
    data[f"score_{key('A criterion nobody wrote')}"] = "4"

    response = reviewer_client.post(url(shortlisted), data=data)

    assert response.status_code == 200
    assert error_summary(response) == [
        (
            "",
            "The scores sent do not match this vacancy's criteria, which may have changed. "
            "Check every score on this page and save again.",
        )
    ]
    assert db.session.execute(db.select(PanelScore)).first() is None


def test_the_service_checks_scores_itself(reviewer: TeamUser, shortlisted: Application) -> None:
    entries = {key(ESSENTIAL_1): panel.Entry(3), key(ESSENTIAL_2): panel.Entry(3)}
    with pytest.raises(panel.PanelError, match=f"Select a score for {DESIRABLE} before you submit"):
        panel.save(reviewer, shortlisted, entries, submit=True)
    with pytest.raises(panel.PanelError, match="between 0 and 4"):
        panel.save(reviewer, shortlisted, {key(DESIRABLE): panel.Entry(9)}, submit=False)
    with pytest.raises(panel.PanelError, match="do not match this vacancy's criteria"):
        panel.save(reviewer, shortlisted, {"0123456789ab": panel.Entry(2)}, submit=False)


def test_criteria_changed_after_a_draft_drop_its_old_scores(
    reviewer_client: FlaskClient, vacancy: Vacancy, shortlisted: Application
) -> None:
    reviewer_client.post(url(shortlisted), data=score_data(all_scores(1, 1, 1), action="draft"))
    vacancy.desirable_criteria = ["Experience of a regulated industry"]
    db.session.commit()

    page = reviewer_client.get(url(shortlisted))
    assert f"score_{key(DESIRABLE)}" not in form_values(page)
    response = reviewer_client.post(
        url(shortlisted),
        data=score_data({ESSENTIAL_1: 2, ESSENTIAL_2: 2, "Experience of a regulated industry": 4}),
    )

    assert response.status_code == 302, error_summary(response)
    assert sorted(db.session.execute(db.select(PanelScore.criterion)).scalars()) == sorted(
        [ESSENTIAL_1, ESSENTIAL_2, "Experience of a regulated industry"]
    )


@pytest.mark.parametrize("stage", ["shortlisted", "interview", "recommended"])
def test_candidates_can_be_scored_from_shortlisting_to_recommendation(
    app: Flask, reviewer: TeamUser, vacancy: Vacancy, stage: str
) -> None:
    application = make_application(vacancy, stage)

    submit(app, reviewer, application, scores=all_scores(2, 3, 4))

    assert (
        db.session.execute(db.select(PanelSubmission)).scalar_one().application_id == application.id
    )


@pytest.mark.parametrize(
    ("furthest", "final"),
    [("applied", None), ("longlisted", None), ("longlisted", "rejected"), ("applied", "withdrawn")],
)
def test_candidates_who_never_reached_the_shortlist_are_not_the_panels(
    reviewer_client: FlaskClient, vacancy: Vacancy, furthest: str, final: str | None
) -> None:
    application = make_application(vacancy, furthest, final)

    assert reviewer_client.get(url(application)).status_code == 404
    assert (
        reviewer_client.post(url(application), data=score_data(all_scores(3, 3, 3))).status_code
        == 404
    )
    assert db.session.execute(db.select(PanelScore)).first() is None
    overview = reviewer_client.get(f"/team/vacancies/{vacancy.id}/panel")
    assert application.reference not in page_text(overview)
    assert "No candidates have been shortlisted yet." in page_text(overview)


@pytest.mark.parametrize(
    ("scored_at", "then", "label"),
    [
        ("recommended", "appointed", "appointed"),
        ("interview", "rejected", "not progressed"),
        ("shortlisted", "withdrawn", "withdrawn"),
    ],
)
def test_after_a_decision_the_scores_are_read_only_and_open_to_all(
    app: Flask,
    vacancy: Vacancy,
    reviewer: TeamUser,
    admin: TeamUser,
    scored_at: str,
    then: str,
    label: str,
) -> None:
    application = make_application(vacancy, scored_at)
    submit(app, admin, application, scores=all_scores(4, 4, 3), comments={ESSENTIAL_1: "Chartered"})
    application.stage_changes.append(StageChange(from_stage=scored_at, to_stage=then))
    application.stage = then
    db.session.commit()
    client = browser(app, reviewer)

    page = client.get(url(application))
    response = client.post(url(application), data=score_data(all_scores(0, 0, 0)))

    assert page.status_code == 200
    assert parse_page(page).xpath("//input[@type='radio'] | //textarea") == []
    text = page_text(page)
    assert "Scoring for this candidate has closed. You did not score this candidate." in text
    assert "Chartered" in text and "Test admin" in text  # nothing left to sway
    assert error_summary(response) == [
        (
            "",
            f"{application.reference} is {label}: panel scores can no longer be given or changed.",
        )
    ]
    assert db.session.execute(db.select(PanelScore.member_id).distinct()).scalars().all() == [
        admin.id
    ]
    with pytest.raises(panel.PanelError, match="can only be given or changed while"):
        panel.save(reviewer, application, {}, submit=False)


def test_the_overview_lists_the_panels_candidates_by_reference_only(
    reviewer_client: FlaskClient, reviewer: TeamUser, vacancy: Vacancy
) -> None:
    drafted = make_application(vacancy, "interview", first_name="Ngozi", last_name="Adeyemi-Clarke")
    untouched = make_application(vacancy, "shortlisted", email="hidden.person@example.com")
    appointed = make_application(vacancy, "appointed")
    left = make_application(vacancy, "interview", "withdrawn")
    make_application(vacancy, "longlisted")
    reviewer_client.post(url(drafted), data=score_data({ESSENTIAL_1: 3}, action="draft"))

    response = reviewer_client.get(f"/team/vacancies/{vacancy.id}/panel")

    assert response.status_code == 200
    table = parse_page(response).find_class("app-panel-overview")[0]
    rows = {
        tr.xpath("./td")[0].text_content().strip(): [
            " ".join(td.text_content().split()) for td in tr.xpath("./td")[1:4]
        ]
        for tr in table.xpath(".//tbody/tr")
    }
    assert rows == {
        drafted.reference: ["Invited to interview", "Draft saved", "0"],
        untouched.reference: ["Shortlisted", "Not started", "0"],
        appointed.reference: ["Appointed", "Not scored", "0"],
        left.reference: ["Withdrawn (furthest stage: invited to interview)", "Not scored", "0"],
    }
    assert list(rows) == sorted(rows)
    text = response.get_data(as_text=True)
    for word in ["Ngozi", "Adeyemi", "hidden.person", "Morwenna", "example.com", *MONITORING_WORDS]:
        assert word not in text
    links = parse_page(response).xpath("//a/@href")
    for fmt in ("csv", "xlsx"):
        assert f"/team/vacancies/{vacancy.id}/export/shortlist.{fmt}" in links
        assert f"/team/vacancies/{vacancy.id}/export/panel.{fmt}" in links


def test_no_monitoring_data_or_identity_on_the_scoring_pages(
    app: Flask, reviewer: TeamUser, vacancy: Vacancy
) -> None:
    application = make_application(vacancy, "interview", first_name="Ngozi", last_name="Adeyemi")
    submit(app, reviewer, application, scores=all_scores(1, 2, 3))

    text = browser(app, reviewer).get(url(application)).get_data(as_text=True)

    for word in ["Ngozi", "Adeyemi", application.candidate.email, *MONITORING_WORDS]:
        assert word not in text


@pytest.mark.parametrize("who", ["anonymous", "candidate"])
def test_only_the_team_reaches_the_panel(
    app: Flask, vacancy: Vacancy, shortlisted: Application, who: str
) -> None:
    client = app.test_client()
    if who == "candidate":
        start_application(client, vacancy)
    for method, path in [
        ("GET", url(shortlisted)),
        ("POST", url(shortlisted)),
        ("GET", f"/team/vacancies/{vacancy.id}/panel"),
    ]:
        response = client.open(path, method=method, data=score_data(all_scores(4, 4, 4)))
        assert response.status_code == 302
        assert response.location.startswith("/team/sign-in?next=")
    assert db.session.execute(db.select(PanelScore)).first() is None


def test_an_unknown_reference_or_vacancy_is_not_found(reviewer_client: FlaskClient) -> None:
    assert reviewer_client.get("/team/applications/NED-ZZZZ-ZZZZ/panel").status_code == 404
    assert reviewer_client.get("/team/vacancies/9999/panel").status_code == 404
