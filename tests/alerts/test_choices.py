"""Which vacancies a member hears about: their own choices (type of role, region, skill
areas, organisations in recovery support), then a reasonable fit by the matching model."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from nedmatch.models import Candidate, Organisation, Vacancy
from nedmatch.services.alerts import fit
from nedmatch.services.alerts.choices import Choices, wants
from tests.conftest import make_vacancy

from .conftest import HERE


def vacancy(**changes: Any) -> Vacancy:
    organisation = Organisation(
        name="A trust",
        org_type="trust",
        region=changes.pop("region", HERE),
        challenged=changes.pop("challenged", False),
    )
    values = {"role_type": "audit-chair", "skill_areas": ["accountancy", "audit-risk"]}
    values.update(changes)
    return Vacancy(organisation=organisation, title="A role", **values)


def choices(**changes: Any) -> Choices:
    values: dict[str, Any] = {
        "role_types": ["audit-chair"],
        "regions": [HERE],
        "skill_areas": [],
        "challenged_only": False,
        "frequency": "immediate",
    }
    values.update(changes)
    return Choices.clean(**values)


@pytest.mark.parametrize(
    ("chosen", "advert", "heard"),
    [
        ({}, {}, True),
        ({"role_types": ["chair", "ned"]}, {}, False),
        ({"role_types": ["chair", "audit-chair"]}, {}, True),
        ({"regions": ["london"]}, {}, False),
        ({"regions": ["london", HERE]}, {}, True),
        ({"challenged_only": True}, {}, False),
        ({"challenged_only": True}, {"challenged": True}, True),
        ({}, {"challenged": True}, True),  # "all organisations" includes those in recovery
        ({"skill_areas": ["finance", "audit-risk"]}, {}, True),  # one in common is enough
        ({"skill_areas": ["digital"]}, {}, False),
        ({"skill_areas": ["digital"]}, {"skill_areas": []}, False),
        ({"skill_areas": []}, {"skill_areas": []}, True),  # none chosen: any skill areas
    ],
)
def test_a_vacancy_is_wanted_only_when_it_is_what_the_member_chose(
    chosen: dict[str, Any], advert: dict[str, Any], heard: bool
) -> None:
    assert wants(choices(**chosen), vacancy(**advert)) is heard


def test_words_no_longer_in_the_vocabulary_match_nothing() -> None:
    stale = choices(role_types=["audit-chair", "retired-role"], skill_areas=["bygone"])
    assert stale.role_types == {"audit-chair"} and stale.skill_areas == frozenset()
    assert not wants(choices(role_types=["retired-role"]), vacancy())
    assert Choices.clean([], [], [], False, "hourly").frequency == "immediate"


def test_a_reasonable_fit_evidences_the_essentials_or_scores_well(
    app: Flask, pool: list[Candidate]
) -> None:
    accountants, others = pool[:4], pool[4:]
    advert = make_vacancy()

    fits = fit.reasonable_fits(advert, pool)

    assert fits is not None
    assert {c.id for c in accountants} <= fits
    assert not {c.id for c in others} & fits


def test_the_score_floor_is_the_services_setting(
    app: Flask, pool: list[Candidate], monkeypatch: pytest.MonkeyPatch
) -> None:
    accountants = pool[:4]
    advert = make_vacancy()
    monkeypatch.setitem(app.config, "ALERT_MIN_SCORE", 0.0)
    assert fit.reasonable_fits(advert, pool) == {c.id for c in pool}
    # Above every score, only those who evidence every essential criterion fit.
    monkeypatch.setitem(app.config, "ALERT_MIN_SCORE", 101.0)
    assert fit.reasonable_fits(advert, pool) == {c.id for c in accountants}


def test_criteria_the_model_cannot_read_let_nobody_through_on_them(
    app: Flask, pool: list[Candidate], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unreadable essentials are "met" by everyone, so they must not count as a fit."""
    advert = make_vacancy(essential_criteria=["Qwzx vrbpl"], desirable_criteria=[])
    monkeypatch.setitem(app.config, "ALERT_MIN_SCORE", 101.0)
    assert fit.reasonable_fits(advert, pool) == set()


def test_without_a_fitted_model_nobodys_fit_can_be_judged(app: Flask, model_folder: object) -> None:
    assert fit.reasonable_fits(make_vacancy(), []) is None
