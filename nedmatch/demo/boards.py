"""Demo boards: each organisation's chair, non-executives and executive directors, with
terms ending over the next months (so the succession page has something in each band),
the members' own equality declarations, the appointees of the demo campaigns seated, and
national support recorded for the challenged organisations."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from faker import Faker

from ..domain import COMPETENCY_DOMAINS
from ..extensions import db
from ..models import Application, BoardMember, Organisation
from ..services.applications.monitoring import save_board_member_answers
from ..services.boards import seating

EXECUTIVES = (
    ("Chief Executive", ["business", "transformation"]),
    ("Chief Finance Officer", ["accountancy", "finance"]),
    ("Chief Nurse", ["clinical-nursing", "quality-safety"]),
    ("Medical Director", ["clinical-medicine", "quality-safety"]),
    ("Chief People Officer", ["hr", "change-management"]),
)
NED_SKILLS = (
    ["accountancy", "audit-risk"],
    ["clinical-medicine", "research-innovation"],
    ["legal", "regulation"],
    ["digital", "cyber-security"],
    ["estates", "major-projects"],
    ["communications", "consumer-advocacy"],
    ["social-care", "public-health"],
    ["commercial", "business"],
)
SUPPORT_PACKAGE = (
    "An induction with the national improvement team, a mentor who chairs a board that has "
    "come through recovery, and two extra days a month paid for the first year."
)


def _domains(rng: random.Random) -> list[str]:
    return rng.sample(list(COMPETENCY_DOMAINS), k=rng.randint(2, 3))


def _non_executives(
    rng: random.Random, fake: Faker, organisation: Organisation, today: date, slot: int
) -> list[BoardMember]:
    roles = ["chair", "audit-chair", "clinical-ned", "ned", "ned", "ned", "ned"]
    skills = list(NED_SKILLS)
    rng.shuffle(skills)
    found = []
    for i, role in enumerate(roles):
        # Spread the ends over three years (so every term has started): the succession
        # page has terms ending within 6, 12 and 18 months, and later.
        months = (slot * 3 + i * 7) % 36 + 1
        end = today + relativedelta(months=months) - timedelta(days=rng.randint(0, 20))
        term = rng.choice((1, 1, 2))
        start = end - relativedelta(years=3)
        held = (
            ["accountancy", "audit-risk"]
            if role == "audit-chair"
            else ["clinical-nursing", "quality-safety"]
            if role == "clinical-ned"
            else ["change-management", "business"]
            if role == "chair"
            else skills[i % len(skills)]
        )
        found.append(
            BoardMember(
                organisation_id=organisation.id,
                name=fake.name(),
                role=role,
                title="Chair" if role == "chair" else "",
                term_start=start,
                term_end=end,
                term_number=term,
                first_appointed=start - relativedelta(years=3) if term == 2 else None,
                committees=(
                    ["audit"]
                    if role == "audit-chair"
                    else ["quality"]
                    if role == "clinical-ned"
                    else ["remuneration"]
                    if role == "chair"
                    else rng.sample(["finance", "people", "charity", "audit"], k=2)
                ),
                chairs=(
                    ["audit"]
                    if role == "audit-chair"
                    else ["quality"]
                    if role == "clinical-ned"
                    else ["remuneration"]
                    if role == "chair"
                    else []
                ),
                skill_areas=held,
                domains=_domains(rng),
            )
        )
    return found


def seed_boards(
    rng: random.Random,
    fake: Faker,
    answers_of: Callable[[random.Random], dict[str, str]],
    today: date,
) -> int:
    """Boards for every demo organisation; returns how many members were recorded.
    ``answers_of`` draws one person's monitoring answers (the demo's own distribution)."""
    organisations = list(db.session.execute(db.select(Organisation)).scalars())
    made = 0
    for slot, organisation in enumerate(sorted(organisations, key=lambda o: o.name)):
        board = _non_executives(rng, fake, organisation, today, slot)
        for title, held in EXECUTIVES:
            board.append(
                BoardMember(
                    organisation_id=organisation.id,
                    name=fake.name(),
                    role="executive",
                    title=title,
                    term_start=today - timedelta(days=rng.randint(200, 2500)),
                    term_end=None,
                    skill_areas=list(held),
                    domains=_domains(rng),
                )
            )
        db.session.add_all(board)
        db.session.flush()
        for member in board:
            if rng.random() < 0.85:  # most members have declared to their trust
                save_board_member_answers(member.id, answers_of(rng))
        made += len(board)
        if organisation.challenged:
            organisation.support_programme = "Recovery Support Programme"
            organisation.support_since = today - timedelta(days=rng.randint(120, 700))
            organisation.support_package = SUPPORT_PACKAGE
        if slot % 2 == 0:
            organisation.workforce_minority_ethnic_pct = round(rng.uniform(12, 45), 1)
            organisation.workforce_women_pct = round(rng.uniform(72, 80), 1)
            organisation.population_minority_ethnic_pct = round(rng.uniform(6, 40), 1)
            organisation.figures_source = "Demo figures (not real data)"
    appointed = db.session.execute(
        db.select(Application).where(Application.stage == "appointed")
    ).scalars()
    for application in appointed:
        when = next(
            (c.at.date() for c in application.stage_changes if c.to_stage == "appointed" and c.at),
            today,
        )
        seating.seat("demo", application, min(when, today))
        made += 1
    db.session.flush()
    return made
