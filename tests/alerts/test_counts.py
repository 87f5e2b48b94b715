"""The team sees, on the vacancy's page, how many pool members were alerted and how many
of them applied; never who."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import AlertSent, Application, Candidate, TeamUser, Vacancy
from nedmatch.services.alerts import counts, opening
from nedmatch.services.privacy import erasure
from tests.appointments.test_sift import ACCOUNTANT, make_applicant, make_candidate
from tests.conftest import make_vacancy, page_text, parse_page, sign_in

from .conftest import subscribe


def summary(client: FlaskClient, vacancy: Vacancy) -> dict[str, str]:
    page = parse_page(client.get(f"/team/vacancies/{vacancy.id}"))
    rows = page.xpath("//h2[.='Emails to the talent pool']/following-sibling::dl[1]/div")
    return {
        " ".join(row.find_class("nhsuk-summary-list__key")[0].text_content().split()): " ".join(
            row.find_class("nhsuk-summary-list__value")[0].text_content().split()
        )
        for row in rows
    }


def test_the_vacancy_page_counts_those_alerted_and_those_who_applied(
    app: Flask, client: FlaskClient, reviewer: TeamUser, pool: list[Candidate], draft: Vacancy
) -> None:
    for member in pool[:3]:
        subscribe(member)
    draft.status = "open"
    db.session.commit()
    assert opening.announce_due().alerted == 3
    # One applies, one starts and stops at a draft, one does nothing; someone who was not
    # alerted applies too.
    submitted = Application(
        candidate=pool[0], vacancy=draft, stage="applied", submitted_at=datetime(2026, 3, 2)
    )
    db.session.add_all([submitted, Application(candidate=pool[1], vacancy=draft)])
    make_applicant(draft, ACCOUNTANT)
    db.session.commit()
    sign_in(client, reviewer)

    assert summary(client, draft) == {
        "Pool members emailed about this role": "3",
        "Of them, applied": "1",
    }
    text = page_text(client.get(f"/team/vacancies/{draft.id}"))
    for member in pool[:3]:
        assert member.email not in text and member.first_name not in text


def test_before_it_opens_the_page_says_when_alerts_go(
    app: Flask, client: FlaskClient, reviewer: TeamUser, draft: Vacancy
) -> None:
    sign_in(client, reviewer)
    assert counts.for_vacancy(draft) == counts.VacancyAlerts("draft", None, False, 0, 0)
    assert "When the vacancy opens, pool members who asked" in page_text(
        client.get(f"/team/vacancies/{draft.id}")
    )


def test_counts_survive_the_erasure_of_someone_alerted(
    app: Flask, pool: list[Candidate], draft: Vacancy
) -> None:
    member = make_candidate(ACCOUNTANT)
    subscribe(member)
    subscribe(pool[0])
    draft.status = "open"
    db.session.commit()
    opening.announce_due()
    erasure.erase_candidate(member, "system:test", "Asked for")
    db.session.commit()

    assert counts.for_vacancy(draft).alerted == 2
    assert db.session.execute(db.select(AlertSent).filter_by(candidate_id=member.id)).scalar()


def test_an_open_vacancy_not_yet_swept_says_its_emails_are_coming(
    app: Flask, client: FlaskClient, reviewer: TeamUser
) -> None:
    today = make_vacancy()
    later = make_vacancy(today.organisation, opens_on=date.today() + timedelta(days=3))
    sign_in(client, reviewer)

    assert counts.for_vacancy(today).state == "due"
    assert "emailed the next time the service sends alerts" in page_text(
        client.get(f"/team/vacancies/{today.id}")
    )
    assert counts.for_vacancy(later).state == "opens-later"
    assert counts.for_vacancy(later, today=date.today() + timedelta(days=3)).state == "due"
