"""Time to appoint: phases, days against the 90-day aim, where campaigns wait, and the
organisations in recovery support against the rest, on a known history."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Application, Candidate, StageChange, TeamUser
from nedmatch.services.campaigns import timing
from tests.conftest import page_text, sign_in
from tests.factories import make_organisation, make_vacancy

TODAY = date(2026, 12, 2)


def dates(**reached: date) -> timing.CampaignDates:
    return timing.CampaignDates(
        vacancy_id=1,
        title="Chair",
        organisation="A trust",
        challenged=False,
        opens_on=date(2026, 6, 1),
        closes_on=date(2026, 6, 29),
        first_reached=reached,
        applications=40,
        willing_pool=12,
    )


def test_a_finished_campaign_phase_by_phase() -> None:
    result = timing.timing(
        dates(
            longlisted=date(2026, 7, 6),
            shortlisted=date(2026, 7, 20),
            interview=date(2026, 7, 27),
            recommended=date(2026, 8, 17),
            appointed=date(2026, 9, 14),
        ),
        TODAY,
    )
    assert [(p.name, p.days) for p in result.phases] == [
        ("Advert open", 28),
        ("Longlisting", 7),
        ("Shortlisting", 14),
        ("Invitations to interview", 7),
        ("Interviews and recommendation", 21),
        ("Appointment", 28),
    ]
    assert result.days_to_appoint == 105 and result.met_aim is False
    assert result.waiting_in is None


def test_an_open_campaign_is_waiting_where_it_stopped() -> None:
    result = timing.timing(dates(longlisted=date(2026, 7, 6)), TODAY)
    assert result.days_to_appoint is None
    assert result.waiting_in == "Shortlisting"
    assert result.waiting_days == (TODAY - date(2026, 7, 6)).days
    advertising = timing.timing(dataclass_replace(dates(), closes_on=date(2026, 12, 20)), TODAY)
    assert advertising.waiting_in == "Advert open"
    assert advertising.waiting_days == (TODAY - date(2026, 6, 1)).days


def dataclass_replace(item: timing.CampaignDates, **changes: object) -> timing.CampaignDates:
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def test_summary_and_the_challenged_comparison() -> None:
    fast = timing.timing(dates(appointed=date(2026, 8, 1)), TODAY)  # 61 days
    slow = timing.timing(
        dataclass_replace(
            dates(appointed=date(2027, 1, 1)), challenged=True, applications=10, willing_pool=3
        ),
        date(2027, 1, 2),
    )  # 214 days
    open_ = timing.timing(
        dataclass_replace(dates(), challenged=True, applications=6, willing_pool=5), TODAY
    )
    summary = timing.summary([fast, slow, open_])
    assert (summary.campaigns, summary.appointed, summary.met_aim) == (3, 2, 1)
    assert summary.median_days == (61 + 214) / 2
    assert dict(summary.bands) == {
        "0 to 30": 0,
        "31 to 60": 0,
        "61 to 90": 1,
        "91 to 180": 0,
        "Over 180": 1,
    }
    challenged, rest = timing.compare([fast, slow, open_])
    assert (challenged.vacancies, challenged.median_days_to_fill) == (2, 214)
    assert challenged.applications_per_vacancy == 8 and challenged.median_willing_pool == 4
    assert (rest.vacancies, rest.median_days_to_fill, rest.applications_per_vacancy) == (1, 61, 40)


def test_the_dashboard_reads_the_history(client: FlaskClient, reviewer: TeamUser) -> None:
    trust = make_organisation(name="Leeds Teaching Hospitals NHS Trust", challenged=True)
    post = make_vacancy(
        organisation=trust, opens_on=date(2026, 6, 1), closes_on=date(2026, 6, 29), status="closed"
    )
    person = Candidate(email="p@example.com", first_name="A", last_name="B", in_pool=True)
    application = Application(candidate=person, vacancy=post, stage="appointed")
    db.session.add_all([person, application])
    for stage, day in (("applied", 10), ("longlisted", 40), ("appointed", 80)):
        application.stage_changes.append(
            StageChange(
                from_stage="x",
                to_stage=stage,
                at=datetime(2026, 6, 1)
                + (datetime(2026, 1, 1 + 0) - datetime(2026, 1, 1))
                + __import__("datetime").timedelta(days=day),
            )
        )
    db.session.commit()
    sign_in(client, reviewer)
    text = page_text(client.get("/team/time-to-appoint"))
    assert "1 of 1 campaigns have appointed" in text
    assert "80 days median from advert to appointment" in text
    assert "Organisations in recovery support 1 80" in text
