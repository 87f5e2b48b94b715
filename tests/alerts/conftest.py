"""A talent pool with a fitted model, and members who asked for role alerts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask

from nedmatch.extensions import db
from nedmatch.models import AlertSubscription, Candidate, Vacancy
from nedmatch.services import matching
from tests.appointments.test_sift import ACCOUNTANT, OTHERS, _QuietReporter, make_candidate
from tests.conftest import make_vacancy

NURSE = OTHERS[0]
HERE = "north-east-and-yorkshire"  # the region of make_vacancy's organisation


def subscribe(
    candidate: Candidate,
    *,
    role_types: Iterable[str] = ("audit-chair", "ned"),
    regions: Iterable[str] = (HERE,),
    skill_areas: Iterable[str] = (),
    challenged_only: bool = False,
    frequency: str = "immediate",
    created_at: datetime | None = None,
) -> AlertSubscription:
    subscription = AlertSubscription(
        candidate_id=candidate.id,
        role_types=list(role_types),
        regions=list(regions),
        skill_areas=list(skill_areas),
        challenged_only=challenged_only,
        frequency=frequency,
        **({"created_at": created_at} if created_at else {}),
    )
    db.session.add(subscription)
    db.session.commit()
    return subscription


@pytest.fixture
def model_folder(app: Flask, tmp_path: Path) -> Iterator[Path]:
    """The app ranks with a model of this test's own (fitted by `fit`, or none at all)."""
    folder = tmp_path / "model"
    app.config["MODEL_FOLDER"] = str(folder)
    matching.forget(app)
    yield folder
    matching.forget(app)
    app.config.pop("MODEL_FOLDER")


def fit() -> None:
    db.session.commit()
    matching.fit(_QuietReporter())


@pytest.fixture
def pool(model_folder: Path) -> list[Candidate]:
    """Four accountants (they evidence the essential criteria of make_vacancy's audit chair)
    and four others who do not, all consenting pool members, with a model fitted on them."""
    members = [make_candidate(ACCOUNTANT) for _ in range(4)]
    members += [make_candidate(career) for career in OTHERS]
    fit()
    return members


@pytest.fixture
def draft(app: Flask) -> Vacancy:
    """make_vacancy's audit chair, not open yet (it takes applications once opened)."""
    return make_vacancy(status="draft")
