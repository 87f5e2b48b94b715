"""The sift: the ranked list, stage moves and bulk actions, the guaranteed interview scheme,
blind review and revealing identity, notes, the audit trail and invitations from the pool."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from nedmatch.dates import long_date
from nedmatch.extensions import db
from nedmatch.models import (
    Application,
    ApplicationNote,
    AuditEvent,
    Candidate,
    IdentityReveal,
    Invitation,
    StageChange,
    TeamUser,
    Vacancy,
)
from nedmatch.services import matching
from nedmatch.services.applications import monitoring
from nedmatch.services.platform import notifications
from tests.conftest import error_summary, make_vacancy, page_text, parse_page, sign_in

# Careers written the way candidates write them. The vacancy (make_vacancy) asks for an
# accountancy qualification and recent financial experience, so the accountants evidence its
# essential criteria and the others do not.
ACCOUNTANT = (
    "Finance Director, {org}",
    "Chartered accountant (ICAEW) with {years} years in finance leadership; finance director "
    "with recent and relevant financial experience of budgets, audit and financial reporting.",
    ["accountancy", "audit-risk", "finance"],
)
OTHERS = [
    (
        "Director of Nursing, community health services",
        "Registered nurse and director of nursing leading clinical quality, patient safety and "
        "safeguarding across community services.",
        ["clinical-nursing", "quality-safety"],
    ),
    (
        "Chief Digital Officer, a national retailer",
        "Led digital transformation and cyber security programmes, moving services online and "
        "building a data platform.",
        ["digital", "cyber-security", "transformation"],
    ),
    (
        "Partner, employment law firm",
        "Solicitor specialising in employment and public law, advising boards on governance "
        "and regulation.",
        ["legal", "regulation"],
    ),
    (
        "Head of a secondary school",
        "Headteacher of a large secondary school, working with families, social care and "
        "community groups.",
        ["education", "community-voluntary"],
    ),
]
REGIONS = ["north-east-and-yorkshire", "london", "midlands"]
BOARDS = ["none", "other-board", "nhs-board", "chair"]
# Equality monitoring answers every candidate gives: their labels may never be on a team page.
MONITORING = {"ethnicity": "bangladeshi", "sexual_orientation": "bisexual", "religion": "sikh"}
MONITORING_LABELS = ["Bangladeshi", "Bisexual", "Sikh"]

_numbers = itertools.count(1)


class _QuietReporter:
    def step(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


def _letters(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": a counter written in letters."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def make_candidate(career: tuple[str, str, list[str]], *, consent: bool = True) -> Candidate:
    """A pool member with a finished profile. Their name is obviously sample input and is
    written into their own career summary, as people do, so redaction can be checked."""
    n = next(_numbers)
    role, summary, skills = career
    # Letters, not digits: names have none, and a supplied value with six or more digits
    # is matched as a phone number (so after the 999th sample person, a name with digits
    # in it would not have been removed as a name).
    first, last = f"Samplefirst{_letters(n)}", f"Samplelast{_letters(n)}"
    candidate = Candidate(
        email=f"sift-candidate-{n}@example.com",
        first_name=first,
        last_name=last,
        phone=f"07700 900{n:03d}",
        postcode=f"LS{n % 20 + 1} {n % 9 + 1}ZZ",
        region=REGIONS[n % len(REGIONS)],
        current_role=role.format(org="a housing association"),
        career_summary=f"I am {first} {last}. " + summary.format(years=10 + n % 15),
        skill_areas=skills,
        competency_evidence={"governance": "I chaired a board committee for four years."},
        board_experience=BOARDS[n % len(BOARDS)],
        availability="3-5",
        willing_challenged=True,
        consent_to_match=consent,
        in_pool=True,
        completed_steps=["about-you", "experience", "competencies"],
    )
    db.session.add(candidate)
    db.session.flush()
    monitoring.save_answers(candidate.id, MONITORING)
    return candidate


def make_applicant(
    vacancy: Vacancy,
    career: tuple[str, str, list[str]],
    *,
    stage: str = "applied",
    guaranteed_interview: bool = False,
    submitted_at: datetime | None = None,
) -> Application:
    candidate = make_candidate(career)
    submitted_at = submitted_at or datetime(2025, 5, 1, 9, 0)
    application = Application(
        candidate=candidate,
        vacancy=vacancy,
        stage=stage,
        statement=f"My name is {candidate.full_name} and I would like to join the board.",
        guaranteed_interview=guaranteed_interview,
        submitted_at=submitted_at,
    )
    application.stage_changes.append(
        StageChange(from_stage="draft", to_stage="applied", at=submitted_at)
    )
    db.session.add(application)
    db.session.flush()
    return application


@dataclass
class Campaign:
    vacancy: Vacancy
    applications: list[Application]
    accountants: list[Application]  # meet the essentials
    others: list[Application]  # do not
    protected: Application  # guaranteed interview scheme and meets the essentials
    pool: list[Candidate]  # consenting, not applied
    not_consenting: Candidate

    def candidates(self) -> list[Candidate]:
        return [a.candidate for a in self.applications] + self.pool + [self.not_consenting]


@pytest.fixture
def campaign(app: Flask, tmp_path: Path) -> Iterator[Campaign]:
    """Twelve applicants (six accountants, one of them in the guaranteed interview scheme),
    three consenting pool members, one who did not consent, and a model fitted on them."""
    app.config["MODEL_FOLDER"] = str(tmp_path / "model")
    matching.forget(app)
    vacancy = make_vacancy()
    start = datetime(2025, 5, 1, 9, 0)
    accountants = [
        make_applicant(
            vacancy,
            ACCOUNTANT,
            guaranteed_interview=(i == 0),
            submitted_at=start + timedelta(hours=i),
        )
        for i in range(6)
    ]
    others = [
        make_applicant(
            vacancy, OTHERS[i % len(OTHERS)], submitted_at=start + timedelta(hours=6 + i)
        )
        for i in range(6)
    ]
    pool = [make_candidate(ACCOUNTANT), make_candidate(ACCOUNTANT), make_candidate(OTHERS[0])]
    not_consenting = make_candidate(ACCOUNTANT, consent=False)
    db.session.commit()
    matching.fit(_QuietReporter())
    yield Campaign(
        vacancy=vacancy,
        applications=accountants + others,
        accountants=accountants,
        others=others,
        protected=accountants[0],
        pool=pool,
        not_consenting=not_consenting,
    )
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")


@pytest.fixture
def reviewer_client(client: FlaskClient, reviewer: TeamUser) -> FlaskClient:
    sign_in(client, reviewer)
    return client


@pytest.fixture
def admin_client(client: FlaskClient, admin: TeamUser) -> FlaskClient:
    sign_in(client, admin)
    return client


@dataclass
class ListedRow:
    rank: str
    reference: str
    score: str
    essentials: str


def listed(response: TestResponse, status: int = 200) -> list[ListedRow]:
    """The ranked list's rows as the page shows them."""
    assert response.status_code == status, response.status_code
    rows = []
    for tr in parse_page(response).xpath(
        "//table[contains(@class, 'app-ranked')]/tbody/tr[not(contains(@class, 'app-match-detail'))]"
    ):
        cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        rows.append(ListedRow(cells[1], cells[2].split()[0], cells[3], cells[4]))
    return rows


def flashes(response: TestResponse) -> list[str]:
    """The messages flashed on the page (without the hidden "Information:" prefix)."""
    return [
        " ".join(p.text_content().split())
        for e in parse_page(response).find_class("app-flash")
        for p in e.xpath("./p")
    ]


def audit(action: str) -> list[AuditEvent]:
    return (
        db.session.execute(db.select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id))
        .scalars()
        .all()
    )


def move(
    client: FlaskClient, application: Application, to_stage: str, reason: str = "", **extra: str
) -> TestResponse:
    data = {"move-to_stage": to_stage, "move-reason": reason, **extra}
    return client.post(f"/team/applications/{application.reference}", data=data)


def bulk(
    client: FlaskClient, vacancy: Vacancy, applications: list[Application], action: str, reason=""
) -> TestResponse:
    """The bulk action as the team confirms it (a rejection is asked first: confirmed)."""
    return client.post(
        f"/team/vacancies/{vacancy.id}/bulk",
        data={
            "application_ids": [a.id for a in applications],
            "action": action,
            "reason": reason,
            "confirmed": "yes",
        },
        follow_redirects=True,
    )


def set_stage(application: Application, stage: str) -> None:
    application.stage_changes.append(StageChange(from_stage=application.stage, to_stage=stage))
    application.stage = stage
    db.session.commit()


# The ranked list


def test_the_ranked_list_puts_those_meeting_the_essentials_first_best_score_first(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    rows = listed(reviewer_client.get(f"/team/vacancies/{campaign.vacancy.id}"))

    assert [r.rank for r in rows] == [str(n) for n in range(1, 13)]
    assert {r.reference for r in rows} == {a.reference for a in campaign.applications}
    meets = [r.essentials == "All evidenced" for r in rows]
    assert meets == sorted(meets, reverse=True), "those meeting the essentials come first"
    assert {r.reference for r in rows if r.essentials == "All evidenced"} == {
        a.reference for a in campaign.accountants
    }
    for group in (True, False):
        scores = [float(r.score) for r, m in zip(rows, meets, strict=True) if m is group]
        assert scores == sorted(scores, reverse=True)


def test_filters_narrow_the_list(reviewer_client: FlaskClient, campaign: Campaign) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}"
    set_stage(campaign.others[0], "longlisted")
    set_stage(campaign.accountants[1], "longlisted")

    by_stage = listed(reviewer_client.get(url, query_string={"stage": "longlisted"}))
    assert {r.reference for r in by_stage} == {
        campaign.others[0].reference,
        campaign.accountants[1].reference,
    }

    met = listed(reviewer_client.get(url, query_string={"essentials": "met"}))
    assert {r.reference for r in met} == {a.reference for a in campaign.accountants}
    not_met = listed(reviewer_client.get(url, query_string={"essentials": "not-met"}))
    assert {r.reference for r in not_met} == {a.reference for a in campaign.others}

    scores = sorted(float(r.score) for r in listed(reviewer_client.get(url)))
    threshold = scores[len(scores) // 2]
    above = listed(reviewer_client.get(url, query_string={"min_score": f"{threshold:g}"}))
    assert above and all(float(r.score) >= threshold for r in above)
    assert len(above) < len(scores)

    for field, attribute in (("region", "region"), ("board", "board_experience")):
        value = getattr(campaign.applications[0].candidate, attribute)
        expected = {
            a.reference for a in campaign.applications if getattr(a.candidate, attribute) == value
        }
        shown = listed(reviewer_client.get(url, query_string={field: value}))
        assert {r.reference for r in shown} == expected, field
        assert len(expected) < len(campaign.applications)

    by_reference = listed(reviewer_client.get(url, query_string={"sort": "reference"}))
    assert [r.reference for r in by_reference] == sorted(a.reference for a in campaign.applications)
    by_date = listed(reviewer_client.get(url, query_string={"sort": "submitted"}))
    assert [r.reference for r in by_date] == [a.reference for a in campaign.applications]


def test_nonsense_choices_are_ignored(reviewer_client: FlaskClient, campaign: Campaign) -> None:
    response = reviewer_client.get(
        f"/team/vacancies/{campaign.vacancy.id}",
        query_string={"essentials": "maybe", "sort": "name", "page": "x"},
    )
    assert len(listed(response)) == 12


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "Minimum score must be a number, like 60"),
        ("150", "Minimum score must be between 0 and 100"),
    ],
)
def test_an_invalid_minimum_score_says_so(
    reviewer_client: FlaskClient, campaign: Campaign, typed: str, message: str
) -> None:
    response = reviewer_client.get(
        f"/team/vacancies/{campaign.vacancy.id}", query_string={"min_score": typed}
    )
    assert response.status_code == 400
    page = parse_page(response)
    summary = page.find_class("nhsuk-error-summary")[0]
    assert message in summary.text_content()
    assert summary.xpath(".//a/@href") == ["#min_score"]
    # The error sits on the box, which keeps what was typed; the list is shown unfiltered.
    assert message in page.get_element_by_id("min_score-error").text_content()
    assert page.get_element_by_id("min_score").get("value") == typed
    assert len(listed(response, status=400)) == 12


def test_the_list_is_paged_25_at_a_time(
    reviewer_client: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    # No model: applications are listed unranked, and paging works all the same.
    app.config["MODEL_FOLDER"] = str(tmp_path / "no-model")
    matching.forget(app)
    vacancy = make_vacancy()
    made = [make_applicant(vacancy, OTHERS[i % len(OTHERS)]) for i in range(27)]
    db.session.commit()
    url = f"/team/vacancies/{vacancy.id}"
    try:
        first = reviewer_client.get(url, query_string={"sort": "reference"})
        third = reviewer_client.get(url, query_string={"sort": "reference", "page": "2"})
        beyond = reviewer_client.get(url, query_string={"sort": "reference", "page": "9"})
    finally:
        app.config.pop("MODEL_FOLDER")
    references = sorted(a.reference for a in made)
    assert [r.reference for r in listed(first)] == references[:25]
    assert "Showing 25 of 27." in page_text(first)
    assert "The matching model has not been fitted" in page_text(first)
    assert [r.reference for r in listed(third)] == references[25:]
    assert [r.reference for r in listed(beyond)] == references[25:], "past the end: last page"
    assert parse_page(first).xpath("//a[contains(@href, 'page=2')]")


# Stages


def test_a_move_the_rules_do_not_allow_is_refused_with_a_clear_message(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    application = campaign.others[0]

    response = move(reviewer_client, application, "shortlisted")

    assert response.status_code == 200
    assert [m for _, m in error_summary(response)] == [
        f"{application.reference} is applied: it cannot move to shortlisted."
    ]
    db.session.refresh(application)
    assert application.stage == "applied"
    assert not audit("stage_changed")


@pytest.mark.parametrize(
    ("start", "to_stage", "message"),
    [
        ("applied", "rejected", "Give a reason to reject {ref}."),
        ("shortlisted", "longlisted", "Give a reason to move back {ref}."),
    ],
)
def test_a_reason_is_needed_to_reject_or_move_back(
    reviewer_client: FlaskClient, campaign: Campaign, start: str, to_stage: str, message: str
) -> None:
    application = campaign.others[1]
    if start != "applied":
        set_stage(application, "longlisted")
        set_stage(application, start)

    response = move(reviewer_client, application, to_stage, reason="   ")

    assert [m for _, m in error_summary(response)] == [message.format(ref=application.reference)]
    db.session.refresh(application)
    assert application.stage == start

    response = move(reviewer_client, application, to_stage, reason="Evidence is thin.")
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.stage == to_stage
    assert application.stage_changes[-1].reason == "Evidence is thin."
    [event] = audit("stage_changed")
    assert event.detail == {
        "from_stage": start,
        "to_stage": to_stage,
        "reason": "Evidence is thin.",
    }


def test_a_move_forward_is_recorded(
    reviewer_client: FlaskClient, reviewer: TeamUser, campaign: Campaign
) -> None:
    application = campaign.accountants[2]

    response = move(reviewer_client, application, "longlisted")

    assert response.status_code == 302
    assert "moved to longlisted" in " ".join(flashes(reviewer_client.get(response.location)))
    db.session.refresh(application)
    assert application.stage == "longlisted"
    assert [(c.from_stage, c.to_stage) for c in application.stage_changes][-1] == (
        "applied",
        "longlisted",
    )
    [event] = audit("stage_changed")
    assert (event.actor, event.object_type, event.object_id) == (
        f"team:{reviewer.id}",
        "application",
        str(application.id),
    )


def test_bulk_advance_moves_the_selected_and_says_which_were_refused(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    chosen = campaign.others[:3]
    appointed = campaign.accountants[3]
    for stage in ("longlisted", "shortlisted", "interview", "recommended", "appointed"):
        set_stage(appointed, stage)

    response = bulk(reviewer_client, campaign.vacancy, [*chosen, appointed], "advance")

    assert flashes(response) == ["3 candidates moved.", f"{appointed.reference} has no next stage"]
    for application in chosen:
        db.session.refresh(application)
        assert application.stage == "longlisted"
    assert len(audit("stage_changed")) == 3
    untouched = campaign.others[3]
    db.session.refresh(untouched)
    assert untouched.stage == "applied"


def test_bulk_reject_needs_a_reason_and_respects_the_scheme(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    chosen = [campaign.others[0], campaign.others[1], campaign.protected]

    response = bulk(reviewer_client, campaign.vacancy, chosen, "rejected")
    # The error is on the reason box, and the ticked candidates are still ticked.
    assert response.status_code == 400
    page = parse_page(response)
    assert (
        "Enter a reason for rejecting the candidates"
        in page.get_element_by_id("reason-error").text_content()
    )
    assert ticked(page) == {a.id for a in chosen}
    assert not audit("stage_changed")

    response = bulk(reviewer_client, campaign.vacancy, chosen, "rejected", "Essentials not met.")

    messages = flashes(response)
    assert messages[0] == "2 candidates rejected."
    assert campaign.protected.reference in messages[1]
    assert "guaranteed interview scheme" in messages[1]
    stages_now = {
        a.reference: db.session.get(Application, a.id).stage
        for a in chosen  # type: ignore[union-attr]
    }
    assert stages_now == {
        campaign.others[0].reference: "rejected",
        campaign.others[1].reference: "rejected",
        campaign.protected.reference: "applied",
    }


def test_bulk_needs_a_selection(reviewer_client: FlaskClient, campaign: Campaign) -> None:
    response = bulk(reviewer_client, campaign.vacancy, [], "advance")
    assert response.status_code == 400
    summary = parse_page(response).find_class("nhsuk-error-summary")[0]
    assert "Select at least one candidate" in summary.text_content()


def ticked(page: Any) -> set[int]:
    """The candidates ticked in the ranked list's form: on this page or carried from others."""
    form = page.xpath("//form[@data-app-selection]")[0]
    on_page = form.xpath(".//input[@name='application_ids'][@type='checkbox'][@checked]/@value")
    elsewhere = form.xpath(".//input[@name='application_ids'][@type='hidden']/@value")
    return {int(v) for v in on_page + elsewhere}


def test_ticks_survive_paging_and_an_error(
    reviewer_client: FlaskClient, app: Flask, tmp_path: Path
) -> None:
    app.config["MODEL_FOLDER"] = str(tmp_path / "no-model")
    matching.forget(app)
    vacancy = make_vacancy()
    made = sorted(
        (make_applicant(vacancy, OTHERS[i % len(OTHERS)]) for i in range(27)),
        key=lambda a: a.reference,
    )
    db.session.commit()
    url = f"/team/vacancies/{vacancy.id}"
    first_page, second_page = made[:2], made[25:]
    try:
        # Ticks from page 1 ride in the link to page 2 (static/js/selection.js writes them).
        page2 = reviewer_client.get(
            url,
            query_string={"sort": "reference", "page": "2", "selected": [a.id for a in first_page]},
        )
        page = parse_page(page2)
        assert ticked(page) == {a.id for a in first_page}
        # Paging links keep them.
        links = page.xpath("//nav[contains(@class, 'nhsuk-pagination')]//a/@href")
        assert links and all(f"selected={first_page[0].id}" in link for link in links)
        # A rejection without a reason keeps every tick, from both pages.
        back = f"{url}?sort=reference&page=2"
        response = reviewer_client.post(
            f"{url}/bulk/preview",
            data={
                "application_ids": [a.id for a in first_page + second_page],
                "action": "rejected",
                "back": back,
            },
        )
    finally:
        app.config.pop("MODEL_FOLDER")
    assert response.status_code == 400
    page = parse_page(response)
    assert ticked(page) == {a.id for a in first_page + second_page}
    # It is page 2 again, with the same sort.
    assert [r.reference for r in listed(response, status=400)] == [a.reference for a in made[25:]]


def test_bulk_ignores_applications_of_another_vacancy(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    elsewhere = make_applicant(make_vacancy(campaign.vacancy.organisation), ACCOUNTANT)
    db.session.commit()

    bulk(reviewer_client, campaign.vacancy, [elsewhere], "advance")

    db.session.refresh(elsewhere)
    assert elsewhere.stage == "applied"
    assert not audit("stage_changed")


# The guaranteed interview scheme


def test_the_scheme_candidate_is_flagged(reviewer_client: FlaskClient, campaign: Campaign) -> None:
    text = page_text(reviewer_client.get(f"/team/applications/{campaign.protected.reference}"))
    assert "so must be offered an interview" in text
    other = page_text(reviewer_client.get(f"/team/applications/{campaign.others[0].reference}"))
    assert "so must be offered an interview" not in other


def test_a_reviewer_cannot_reject_a_scheme_candidate_before_interview(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    protected = campaign.protected
    response = move(reviewer_client, protected, "rejected", "Others are stronger.")
    [(_, message)] = error_summary(response)
    assert "guaranteed interview scheme" in message
    response = move(
        reviewer_client, protected, "rejected", "Others are stronger.", **{"move-override": "y"}
    )
    assert [m for _, m in error_summary(response)] == [
        "Only an administrator can override the guaranteed interview scheme."
    ]
    db.session.refresh(protected)
    assert protected.stage == "applied"
    assert not audit("stage_changed")


def test_an_admin_needs_the_override_and_a_reason(
    admin_client: FlaskClient, admin: TeamUser, campaign: Campaign
) -> None:
    protected = campaign.protected
    response = move(admin_client, protected, "rejected", "Others are stronger.")
    [(_, message)] = error_summary(response)
    assert "An administrator can override this with a recorded reason." in message
    response = move(admin_client, protected, "rejected", "", **{"move-override": "y"})
    assert [m for _, m in error_summary(response)] == [
        f"Give a reason to reject {protected.reference}."
    ]
    db.session.refresh(protected)
    assert protected.stage == "applied"

    response = move(
        admin_client,
        protected,
        "rejected",
        "Withdrew their interest by phone.",
        **{"move-override": "y"},
    )

    assert response.status_code == 302
    db.session.refresh(protected)
    assert protected.stage == "rejected"
    [event] = audit("stage_changed")
    assert event.actor == f"team:{admin.id}"
    assert event.detail["guaranteed_interview_override"] is True
    assert event.detail["reason"] == "Withdrew their interest by phone."
    history = page_text(admin_client.get(f"/team/vacancies/{campaign.vacancy.id}/history"))
    assert "Guaranteed interview scheme overridden" in history
    assert "Withdrew their interest by phone." in history
    assert "Test admin" in history


def test_a_scheme_candidate_not_meeting_the_essentials_can_be_rejected(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    application = campaign.others[2]
    application.guaranteed_interview = True
    db.session.commit()

    response = move(reviewer_client, application, "rejected", "Essentials not evidenced.")

    assert response.status_code == 302
    db.session.refresh(application)
    assert application.stage == "rejected"


# Blind sift and revealing identity


def identity(candidate: Candidate) -> list[str]:
    return [
        candidate.first_name,
        candidate.last_name,
        candidate.email,
        candidate.phone,
        candidate.phone.replace(" ", ""),
        candidate.postcode,
    ]


def test_the_sift_is_blind(reviewer_client: FlaskClient, campaign: Campaign) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}"
    pages = [reviewer_client.get(url), reviewer_client.get(url + "/pool")]
    pages += [
        reviewer_client.get(f"/team/applications/{a.reference}") for a in campaign.applications
    ]
    for response in pages:
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for candidate in campaign.candidates():
            for value in identity(candidate):
                assert value not in html, (response.request.path, value)

    application = campaign.accountants[1]
    text = page_text(reviewer_client.get(f"/team/applications/{application.reference}"))
    assert "I am [redacted]" in text
    assert "My name is [redacted]" in text
    assert "chartered accountant" in text.lower(), "the rest of the career summary is shown"


def test_the_application_page_gives_dates_in_words(
    reviewer_client: FlaskClient, reviewer: TeamUser, campaign: Campaign
) -> None:
    application = campaign.accountants[1]  # applied at 10am on 1 May 2025
    db.session.add(
        ApplicationNote(
            application_id=application.id,
            author_id=reviewer.id,
            text="Strong audit experience.",
            at=datetime(2025, 5, 2, 14, 5),
        )
    )
    db.session.commit()

    text = page_text(reviewer_client.get(f"/team/applications/{application.reference}"))

    assert "1 May 2025: Applied" in text
    assert "Test reviewer, 2 May 2025 at 2:05pm" in text
    assert "2025-05" not in text


def test_identity_cannot_be_revealed_before_interview(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    application = campaign.accountants[1]
    page = reviewer_client.get(f"/team/applications/{application.reference}")
    assert b"Reveal identity" not in page.data

    response = reviewer_client.post(
        f"/team/applications/{application.reference}/reveal", follow_redirects=True
    )

    assert flashes(response) == [
        "Identity can only be revealed once a candidate is invited to interview."
    ]
    assert application.candidate.last_name not in response.get_data(as_text=True)
    assert not db.session.execute(db.select(IdentityReveal)).first()
    assert not audit("identity_revealed")


def test_identity_is_revealed_at_interview_and_recorded(
    reviewer_client: FlaskClient, reviewer: TeamUser, campaign: Campaign
) -> None:
    application = campaign.accountants[1]
    for stage in ("longlisted", "shortlisted", "interview"):
        set_stage(application, stage)
    candidate = application.candidate
    page = reviewer_client.get(f"/team/applications/{application.reference}")
    assert b"Reveal identity for interview" in page.data
    assert candidate.last_name not in page.get_data(as_text=True)

    response = reviewer_client.post(
        f"/team/applications/{application.reference}/reveal", follow_redirects=True
    )

    text = page_text(response)
    assert f"Identity revealed for {application.reference}" in text
    for value in (candidate.full_name, candidate.email, candidate.phone, candidate.postcode):
        assert value in text
    assert f"I am {candidate.full_name}." in text
    reveal = db.session.execute(db.select(IdentityReveal)).scalar_one()
    assert (reveal.application_id, reveal.revealed_by) == (application.id, reviewer.id)
    [event] = audit("identity_revealed")
    assert (event.actor, event.object_id, event.detail["stage"]) == (
        f"team:{reviewer.id}",
        str(application.id),
        "interview",
    )
    history = page_text(reviewer_client.get(f"/team/vacancies/{campaign.vacancy.id}/history"))
    assert "Identity revealed" in history

    # Revealing again changes nothing and records nothing more.
    reviewer_client.post(f"/team/applications/{application.reference}/reveal")
    assert len(audit("identity_revealed")) == 1
    # The ranked list still shows only references.
    listing = reviewer_client.get(f"/team/vacancies/{campaign.vacancy.id}").get_data(as_text=True)
    assert candidate.last_name not in listing


def test_no_team_page_shows_equality_monitoring_answers(
    admin_client: FlaskClient, campaign: Campaign
) -> None:
    application = campaign.accountants[1]
    for stage in ("longlisted", "shortlisted", "interview"):
        set_stage(application, stage)
    admin_client.post(f"/team/applications/{application.reference}/reveal")
    vacancy = f"/team/vacancies/{campaign.vacancy.id}"
    urls = [
        "/team/",
        vacancy,
        vacancy + "?essentials=met",
        vacancy + "/pool",
        vacancy + "/history",
        vacancy + "/preview",
        *(f"/team/applications/{a.reference}" for a in campaign.applications),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = page_text(response)
        for label in MONITORING_LABELS:
            assert label not in text, (url, label)
        assert "bangladeshi" not in response.get_data(as_text=True).lower(), url


# Notes and the audit trail


def test_a_note_is_saved_with_its_author(
    reviewer_client: FlaskClient, reviewer: TeamUser, campaign: Campaign
) -> None:
    application = campaign.others[0]
    url = f"/team/applications/{application.reference}"

    empty = reviewer_client.post(url, data={"note-text": "  "})
    assert [m for _, m in error_summary(empty)] == ["Enter the note"]
    response = reviewer_client.post(url, data={"note-text": "Strong on governance; check pay."})

    assert response.status_code == 302
    note = db.session.execute(db.select(ApplicationNote)).scalar_one()
    assert (note.application_id, note.author_id, note.text) == (
        application.id,
        reviewer.id,
        "Strong on governance; check pay.",
    )
    [event] = audit("note_added")
    assert (event.actor, event.object_id) == (f"team:{reviewer.id}", str(application.id))
    text = page_text(reviewer_client.get(url))
    assert "Test reviewer" in text and "Strong on governance; check pay." in text


def test_every_action_leaves_an_audit_record(
    reviewer_client: FlaskClient, reviewer: TeamUser, campaign: Campaign
) -> None:
    application = campaign.accountants[2]
    url = f"/team/applications/{application.reference}"
    before = db.session.execute(db.select(db.func.max(AuditEvent.id))).scalar_one()
    reviewer_client.get(url)
    move(reviewer_client, application, "longlisted")
    bulk(reviewer_client, campaign.vacancy, [application], "advance")
    bulk(reviewer_client, campaign.vacancy, [campaign.others[0]], "rejected", "Not evidenced.")
    reviewer_client.post(url, data={"note-text": "Ready for interview."})
    move(reviewer_client, application, "interview")
    reviewer_client.post(url + "/reveal")
    reviewer_client.post(
        f"/team/vacancies/{campaign.vacancy.id}/pool",
        data={"candidate_id": campaign.pool[0].id},
    )

    events = (
        db.session.execute(
            db.select(AuditEvent).where(AuditEvent.id > before).order_by(AuditEvent.id)
        )
        .scalars()
        .all()
    )
    actions = [e.action for e in events if e.action != "application_viewed"]
    assert actions == [
        "stage_changed",
        "stage_changed",
        "stage_changed",
        "note_added",
        "stage_changed",
        "identity_revealed",
        "invited_to_apply",
    ]
    assert all(e.actor == f"team:{reviewer.id}" for e in events if e.action in actions)
    assert all(e.at is not None for e in events)
    assert "application_viewed" in {e.action for e in events}


# Invitations from the talent pool


def test_the_pool_ranks_consenting_candidates_who_have_not_applied(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    html = reviewer_client.get(f"/team/vacancies/{campaign.vacancy.id}/pool").get_data(as_text=True)
    offered = set(re.findall(r'name="candidate_id" value="(\d+)"', html))
    assert offered == {str(c.id) for c in campaign.pool}


def test_an_invitation_is_emailed_once(
    reviewer_client: FlaskClient,
    reviewer: TeamUser,
    campaign: Campaign,
    outbox: list[notifications.Email],
) -> None:
    candidate = campaign.pool[0]
    url = f"/team/vacancies/{campaign.vacancy.id}/pool"

    response = reviewer_client.post(url, data={"candidate_id": candidate.id}, follow_redirects=True)

    assert flashes(response) == [
        "Invitation sent. The candidate's identity stays hidden until interview."
    ]
    invitation = db.session.execute(db.select(Invitation)).scalar_one()
    assert (invitation.candidate_id, invitation.invited_by) == (candidate.id, reviewer.id)
    [email] = outbox
    assert email.to == candidate.email
    assert campaign.vacancy.title in email.subject
    assert re.search(rf"https?://\S+/vacancies/{campaign.vacancy.id}\b", email.body)
    [event] = audit("invited_to_apply")
    assert event.object_id == str(campaign.vacancy.id)
    assert candidate.last_name not in response.get_data(as_text=True)

    again = reviewer_client.post(url, data={"candidate_id": candidate.id}, follow_redirects=True)

    assert flashes(again) == ["This person has already been invited to apply."]
    assert len(outbox) == 1
    assert len(audit("invited_to_apply")) == 1


def test_the_invitation_gives_the_closing_date_in_words(
    reviewer_client: FlaskClient, campaign: Campaign, outbox: list[notifications.Email]
) -> None:
    reviewer_client.post(
        f"/team/vacancies/{campaign.vacancy.id}/pool", data={"candidate_id": campaign.pool[0].id}
    )

    [email] = outbox
    assert f"Closing date: {long_date(campaign.vacancy.closes_on)}\n" in email.body
    assert campaign.vacancy.closes_on.isoformat() not in email.body


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("applicant", "This person has already started an application for this vacancy."),
        ("not_consenting", "This person has not agreed to be matched to vacancies."),
        ("nobody", "Choose someone from the list to invite."),
    ],
)
def test_only_consenting_pool_candidates_can_be_invited(
    reviewer_client: FlaskClient,
    campaign: Campaign,
    outbox: list[notifications.Email],
    who: str,
    message: str,
) -> None:
    candidate_id = {
        "applicant": str(campaign.accountants[0].candidate_id),
        "not_consenting": str(campaign.not_consenting.id),
        "nobody": "999999",
    }[who]

    response = reviewer_client.post(
        f"/team/vacancies/{campaign.vacancy.id}/pool",
        data={"candidate_id": candidate_id},
        follow_redirects=True,
    )

    assert flashes(response) == [message]
    assert not outbox
    assert not db.session.execute(db.select(Invitation)).first()


def test_no_invitations_for_a_vacancy_that_is_not_open(
    reviewer_client: FlaskClient, campaign: Campaign, outbox: list[notifications.Email]
) -> None:
    campaign.vacancy.status = "closed"
    db.session.commit()

    response = reviewer_client.post(
        f"/team/vacancies/{campaign.vacancy.id}/pool",
        data={"candidate_id": campaign.pool[0].id},
        follow_redirects=True,
    )

    assert flashes(response) == ["Open the vacancy before inviting people to apply."]
    assert not outbox


def test_a_reviewer_can_open_the_preview_and_history(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    vacancy = f"/team/vacancies/{campaign.vacancy.id}"
    assert campaign.vacancy.title in page_text(reviewer_client.get(vacancy + "/preview"))
    assert "Nothing has happened yet." in page_text(reviewer_client.get(vacancy + "/history"))


def test_unknown_records_are_not_found(reviewer_client: FlaskClient, app: Flask) -> None:
    assert reviewer_client.get("/team/vacancies/999999").status_code == 404
    assert reviewer_client.get("/team/applications/NED-ZZZZ-ZZZZ").status_code == 404


def test_a_draft_application_is_not_shown_to_the_team(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    draft = make_applicant(campaign.vacancy, ACCOUNTANT, stage="draft")
    db.session.commit()
    assert reviewer_client.get(f"/team/applications/{draft.reference}").status_code == 404
    listing = listed(reviewer_client.get(f"/team/vacancies/{campaign.vacancy.id}"))
    assert draft.reference not in {r.reference for r in listing}


def test_signed_out_people_cannot_see_the_sift(client: FlaskClient, campaign: Campaign) -> None:
    response = client.get(f"/team/vacancies/{campaign.vacancy.id}")
    assert response.status_code == 302
    assert "/team/sign-in" in response.location


# Withdrawn candidates, search, and moving from one applicant to the next


def test_withdrawn_and_rejected_candidates_come_last_unranked(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}"
    best = listed(reviewer_client.get(url))[0].reference
    top = next(a for a in campaign.applications if a.reference == best)
    set_stage(top, "withdrawn")
    set_stage(
        campaign.accountants[-1]
        if top is not campaign.accountants[-1]
        else campaign.accountants[0],
        "rejected",
    )

    response = reviewer_client.get(url)
    rows = listed(response)
    assert rows[0].reference != best
    assert [r.rank for r in rows[:10]] == [str(n) for n in range(1, 11)]
    assert {r.reference for r in rows[10:]} >= {best}
    assert [r.rank for r in rows[10:]] == ["", ""]
    headings = [h.text_content() for h in parse_page(response).find_class("app-group-heading")]
    assert headings[-1] == "Withdrawn or rejected"


def test_search_by_reference_and_by_name_only_once_revealed(
    reviewer_client: FlaskClient, campaign: Campaign, reviewer: TeamUser
) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}"
    target = campaign.others[2]
    found = listed(reviewer_client.get(url, query_string={"q": target.reference.lower()}))
    assert [r.reference for r in found] == [target.reference]

    # A name guessed by a reviewer finds nobody while the sift is blind: the search must not
    # tell who is behind a reference.
    name = target.candidate.full_name
    assert listed(reviewer_client.get(url, query_string={"q": name})) == []
    assert listed(reviewer_client.get(url, query_string={"q": target.candidate.last_name})) == []

    db.session.add(IdentityReveal(application_id=target.id, revealed_by=reviewer.id))
    db.session.commit()
    found = listed(reviewer_client.get(url, query_string={"q": name.upper()}))
    assert [r.reference for r in found] == [target.reference]


def test_previous_and_next_follow_the_list_with_its_filters(
    reviewer_client: FlaskClient, campaign: Campaign
) -> None:
    url = f"/team/vacancies/{campaign.vacancy.id}"
    order = [
        r.reference for r in listed(reviewer_client.get(url, query_string={"essentials": "met"}))
    ]
    assert len(order) >= 3
    page = parse_page(
        reviewer_client.get(f"/team/applications/{order[1]}", query_string={"essentials": "met"})
    )
    nav = page.xpath("//nav[@aria-label='Other applicants']")[0]
    previous, following = nav.xpath(".//a[@rel='prev']")[0], nav.xpath(".//a[@rel='next']")[0]
    assert f"Previous applicant: {order[0]}" in " ".join(previous.text_content().split())
    assert f"Next applicant: {order[2]}" in " ".join(following.text_content().split())
    assert following.get("href") == f"/team/applications/{order[2]}?essentials=met"
    assert "applicant 2 of" in page.find_class("nhsuk-caption-l")[0].text_content()
    back = page.find_class("nhsuk-back-link")[0].get("href")
    assert back.startswith(f"{url}?essentials=met")

    last = parse_page(
        reviewer_client.get(f"/team/applications/{order[-1]}", query_string={"essentials": "met"})
    )
    nav = last.xpath("//nav[@aria-label='Other applicants']")[0]
    assert nav.xpath(".//a[@rel='next']") == []
