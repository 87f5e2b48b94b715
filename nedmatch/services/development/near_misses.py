"""Near misses: candidates interviewed but not appointed, and the offers made to them
(development, a placement, or the pool for similar roles), each with their answer. An
offer is made only with the person's consent: the answer is theirs, recorded by the team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...actors import Actor
from ...extensions import db
from ...models import (
    OFFER_ANSWERS,
    OFFER_KINDS,
    Application,
    NearMissOffer,
    StageChange,
    Vacancy,
)
from ...stages import Stage
from ..platform import audit

REACHED_INTERVIEW = (Stage.INTERVIEW.value, Stage.RECOMMENDED.value)


class OfferError(ValueError):
    """An offer the team cannot record; the message says what to do."""


@dataclass(frozen=True)
class NearMiss:
    application: Application
    offers: list[NearMissOffer]


def is_near_miss(application: Application) -> bool:
    """Interviewed (or recommended) and then not appointed: rejected or withdrawn."""
    if application.stage not in (Stage.REJECTED.value, Stage.WITHDRAWN.value):
        return False
    return (
        db.session.execute(
            db.select(StageChange.id).where(
                StageChange.application_id == application.id,
                StageChange.to_stage.in_(REACHED_INTERVIEW),
            )
        ).first()
        is not None
    )


def of_vacancy(vacancy: Vacancy) -> list[NearMiss]:
    interviewed = (
        db.select(StageChange.application_id)
        .where(StageChange.to_stage.in_(REACHED_INTERVIEW))
        .distinct()
    )
    applications = db.session.execute(
        db.select(Application)
        .where(
            Application.vacancy_id == vacancy.id,
            Application.stage.in_([Stage.REJECTED.value, Stage.WITHDRAWN.value]),
            Application.id.in_(interviewed),
        )
        .order_by(Application.reference)
    ).scalars()
    found = []
    for application in applications:
        offers = list(
            db.session.execute(
                db.select(NearMissOffer)
                .where(NearMissOffer.application_id == application.id)
                .order_by(NearMissOffer.offered_on)
            ).scalars()
        )
        found.append(NearMiss(application, offers))
    return found


def offer(
    actor: Actor | str, application: Application, kind: str, today: date, by: int | None
) -> NearMissOffer:
    if kind not in OFFER_KINDS:
        raise OfferError("Choose what to offer.")
    if not is_near_miss(application):
        raise OfferError(
            "Only candidates interviewed but not appointed can be offered development here."
        )
    exists = db.session.execute(
        db.select(NearMissOffer.id).where(
            NearMissOffer.application_id == application.id, NearMissOffer.kind == kind
        )
    ).first()
    if exists is not None:
        raise OfferError("This has already been offered. Record their answer instead.")
    made = NearMissOffer(application_id=application.id, kind=kind, offered_on=today, offered_by=by)
    db.session.add(made)
    db.session.flush()
    audit.record(actor, "near_miss_offered", "application", application.id, kind=kind)
    return made


def get_offer(offer_id: int) -> NearMissOffer | None:
    return db.session.get(NearMissOffer, offer_id)


def answer(actor: Actor | str, made: NearMissOffer, answer: str, today: date, notes: str) -> None:
    """Their answer, as they gave it. Accepting the pool puts them in it (they consented)."""
    if answer not in OFFER_ANSWERS or answer == "pending":
        raise OfferError("Choose their answer: accepted or declined.")
    made.answer = answer
    made.answered_on = today
    made.notes = notes
    if answer == "accepted" and made.kind == "pool":
        candidate = made.application.candidate
        candidate.in_pool = True
        candidate.consent_to_match = True
        candidate.consent_source = (
            f"Accepted a place in the pool after interview for {made.application.reference}"
        )
    db.session.flush()
    audit.record(
        actor,
        "near_miss_answered",
        "application",
        made.application_id,
        kind=made.kind,
        answer=answer,
    )
