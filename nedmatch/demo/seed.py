"""Build a realistic demo: organisations, vacancies, a talent pool and campaigns at every stage.

Monitoring answers follow the figures in shared/DOMAIN.md (40-48% women, 10-15% ethnic
minority, 4-8% disabled, a few per cent "Prefer not to say"), and appointees are drawn
slightly less diverse than applicants, so the adverse-impact checks have something to find.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from faker import Faker
from rich.progress import Progress

from ..domain import COMPETENCY_DOMAINS, ELIGIBILITY_ITEMS, PREFER_NOT_TO_SAY, REGIONS
from ..extensions import db
from ..models import (
    Application,
    Candidate,
    EligibilityDeclaration,
    MonitoringResponse,
    Organisation,
    StageChange,
    Vacancy,
)
from ..services.applications.monitoring import subject_key
from .boards import seed_boards
from .careers import ARCHETYPES, BODIES, PROFESSIONS, Archetype
from .development import seed_development
from .fppt import seed_fppt
from .history import seed_history
from .progress import advance as _advance
from .vacancies import ORGANISATIONS, VACANCIES

ALL_STEPS = ["about-you", "experience", "competencies", "cv", "eligibility", "equality"]


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    return rng.choices(list(options), weights=list(options.values()))[0]


def monitoring_answers(rng: random.Random) -> dict[str, str]:
    """One person's answers, with realistic non-response and 'Prefer not to say'."""
    answers: dict[str, str] = {}
    if rng.random() < 0.08:  # some people skip the whole page
        return answers

    def ask(question: str, distribution: dict[str, float]) -> None:
        roll = rng.random()
        if roll < 0.04:
            answers[question] = PREFER_NOT_TO_SAY
        elif roll < 0.07:
            return  # not declared
        else:
            answers[question] = _weighted(rng, distribution)

    ask("sex", {"female": 44, "male": 56})
    ask("age_band", {"under-35": 4, "35-44": 14, "45-54": 30, "55-64": 36, "65-plus": 16})
    ask(
        "ethnicity",
        {
            "white-british": 78,
            "irish": 2,
            "other-white": 7,
            "indian": 3.5,
            "pakistani": 1.5,
            "bangladeshi": 0.7,
            "chinese": 0.8,
            "other-asian": 0.8,
            "african": 2,
            "caribbean": 1.5,
            "other-black": 0.3,
            "white-asian": 0.5,
            "white-black-caribbean": 0.5,
            "white-black-african": 0.3,
            "other-mixed": 0.4,
            "arab": 0.3,
            "any-other": 0.4,
            "gypsy-traveller": 0.05,
            "roma": 0.05,
        },
    )
    ask("disability", {"yes": 6, "no": 94})
    ask("sexual_orientation", {"straight": 92, "gay-lesbian": 4.5, "bisexual": 2.5, "other": 1})
    ask("gender_same_as_birth", {"yes": 99.5, "no": 0.5})
    ask(
        "religion",
        {
            "none": 42,
            "christian": 44,
            "muslim": 5,
            "hindu": 3,
            "jewish": 2,
            "sikh": 1.5,
            "buddhist": 1,
            "other": 1.5,
        },
    )
    ask(
        "marital_status",
        {
            "married": 62,
            "never": 14,
            "divorced": 13,
            "civil-partnership": 3,
            "separated": 3,
            "widowed": 5,
        },
    )
    ask("pregnancy", {"no": 99, "yes": 1})
    ask(
        "school_type",
        {
            "state-non-selective": 58,
            "state-selective": 20,
            "independent": 16,
            "independent-bursary": 1,
            "outside-uk": 5,
        },
    )
    ask("free_school_meals", {"no": 75, "yes": 12, "not-applicable": 10, "dont-know": 3})
    ask("parent_qualification", {"no": 62, "yes": 35, "dont-know": 3})
    ask(
        "parent_occupation",
        {
            "professional": 38,
            "intermediate": 22,
            "small-business": 10,
            "routine": 26,
            "unemployed": 2,
            "dont-know": 2,
        },
    )
    return answers


def _career(rng: random.Random, archetype: Archetype) -> tuple[str, str, dict[str, str], list[str]]:
    years = rng.randint(12, 35)
    role = f"{rng.choice(archetype.roles)}, {rng.choice(archetype.employers)}"
    summary = rng.choice(archetype.summaries).format(
        years=years,
        budget=rng.choice([20, 45, 80, 150, 400]),
        body=rng.choice(BODIES),
        profession=rng.choice(PROFESSIONS),
    )
    # A second, different archetype's sentence makes careers less tidy than a textbook.
    other = rng.choice(ARCHETYPES)
    if other is not archetype and rng.random() < 0.35:
        summary += " Earlier in my career: " + rng.choice(other.summaries).format(
            years=rng.randint(3, 8),
            budget=20,
            body=rng.choice(BODIES),
            profession=rng.choice(PROFESSIONS),
        )
    evidence: dict[str, str] = {}
    for domain, lines in archetype.evidence.items():
        if rng.random() < 0.85:
            evidence[domain] = rng.choice(lines).format(budget=rng.choice([30, 60, 120]))
    for domain in COMPETENCY_DOMAINS:
        if domain not in evidence and rng.random() < 0.25:
            source = rng.choice([a for a in ARCHETYPES if domain in a.evidence])
            evidence[domain] = rng.choice(source.evidence[domain]).format(budget=50)
    skills = rng.sample(list(archetype.skills), k=min(len(archetype.skills), rng.randint(2, 4)))
    if rng.random() < 0.3:
        skills.append(rng.choice(other.skills))
    return role, summary, evidence, sorted(set(skills))


def _candidate(rng: random.Random, fake: Faker, index: int) -> tuple[Candidate, dict[str, str]]:
    archetype = rng.choices(ARCHETYPES, weights=[16, 16, 8, 10, 9, 14, 6, 7, 14])[0]
    role, summary, evidence, skills = _career(rng, archetype)
    first, last = fake.first_name(), fake.last_name()
    created = datetime(2026, 11, 1) - timedelta(days=rng.randint(0, 700))
    candidate = Candidate(
        email=f"{first}.{last}.{index}@example.com".lower().replace(" ", "").replace("'", ""),
        first_name=first,
        last_name=last,
        phone=fake.phone_number(),
        postcode=fake.postcode(),
        region=rng.choice(list(REGIONS)),
        current_role=role,
        career_summary=summary,
        skill_areas=skills,
        competency_evidence={d: evidence.get(d, "") for d in COMPETENCY_DOMAINS},
        board_experience=_weighted(
            rng, {"none": 30, "other-board": 40, "nhs-board": 20, "chair": 10}
        ),
        availability=_weighted(rng, {"2-3": 25, "3-5": 45, "5-8": 20, "8-plus": 10}),
        willing_challenged=rng.random() < 0.6,
        consent_to_match=rng.random() < 0.85,
        in_pool=True,
        completed_steps=list(ALL_STEPS),
        created_at=created,
        last_active_at=created + timedelta(days=rng.randint(0, 60)),
    )
    declared = rng.random() < 0.03
    candidate.eligibility = EligibilityDeclaration(
        answers={item: (declared and item == "employee") for item in ELIGIBILITY_ITEMS},
        details="I am currently employed by the trust as a part-time clinician."
        if declared
        else "",
        confirmed=True,
    )
    return candidate, monitoring_answers(rng)


def _is_minority(answers: dict[str, str]) -> bool:
    from ..domain import ETHNICITY_TO_GROUP

    group = ETHNICITY_TO_GROUP.get(answers.get("ethnicity", ""))
    return group is not None and group != "white"


def seed_demo(pool_size: int = 2000, seed: int = 2022, today: date | None = None) -> str:
    today = today or date.today()
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)

    organisations = [Organisation(**values) for values in ORGANISATIONS]
    db.session.add_all(organisations)
    by_name = {o.name: o for o in organisations}

    vacancies: list[Vacancy] = []
    frontiers: list[str] = []
    for spec in VACANCIES:
        values = dict(spec)
        offset_open, offset_close = values.pop("open_offset"), values.pop("close_offset")
        frontiers.append(values.pop("frontier", "appointed"))
        organisation = by_name[values.pop("organisation")]
        vacancy = Vacancy(
            organisation=organisation,
            opens_on=today + timedelta(days=offset_open),
            closes_on=today + timedelta(days=offset_close),
            **values,
        )
        vacancies.append(vacancy)
    db.session.add_all(vacancies)

    pool: list[tuple[Candidate, dict[str, str]]] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("Creating the talent pool", total=pool_size)
        for index in range(pool_size):
            candidate, answers = _candidate(rng, fake, index)
            pool.append((candidate, answers))
            db.session.add(candidate)
            progress.advance(task)
        db.session.flush()
        task = progress.add_task("Storing equality monitoring answers", total=len(pool))
        for candidate, answers in pool:
            db.session.add(
                MonitoringResponse(subject_key=subject_key(candidate.id), answers=answers)
            )
            progress.advance(task)
        db.session.flush()

        task = progress.add_task("Running campaigns", total=len(vacancies))
        application_count = 0
        for vacancy, frontier in zip(vacancies, frontiers, strict=True):
            if vacancy.status == "draft":
                progress.advance(task)
                continue
            closed = vacancy.closes_on is not None and vacancy.closes_on < today
            applicants = rng.sample(pool, k=rng.randint(60, 160))
            start = datetime.combine(vacancy.opens_on or today, datetime.min.time())
            appointed = False
            for candidate, answers in applicants:
                application = Application(
                    candidate=candidate,
                    vacancy=vacancy,
                    statement=(
                        f"I am applying for {vacancy.title} because my experience as "
                        f"{candidate.current_role} fits what the board needs. "
                        + candidate.career_summary
                    ),
                    submitted_at=start + timedelta(days=rng.randint(0, 20)),
                    # Most disabled applicants who could opt in to the scheme do.
                    guaranteed_interview=answers.get("disability") == "yes" and rng.random() < 0.6,
                )
                application.stage_changes.append(
                    StageChange(from_stage="draft", to_stage="applied", at=application.submitted_at)
                )
                application.stage = "applied"
                if closed:
                    appointed |= _campaign_outcome(
                        rng, application, answers, start, frontier, not appointed
                    )
                db.session.add(application)
                application_count += 1
            progress.advance(task)
    db.session.flush()
    checks = seed_fppt(today)
    board_members = seed_boards(rng, fake, monitoring_answers, today)
    under_represented = {
        c.id for c, answers in pool if _is_minority(answers) or answers.get("disability") == "yes"
    }
    pipeline = seed_development(rng, today, under_represented)
    past = seed_history(rng, today)
    return (
        f"Demo loaded: {len(organisations)} organisations, {len(vacancies)} vacancies, "
        f"{pool_size} candidates in the pool, {application_count} applications, "
        f"{checks} fit and proper person checks, {board_members} board members, "
        f"{pipeline} people on development programmes or offered one, {past} past "
        "appointments."
    )


def _campaign_outcome(
    rng: random.Random,
    application: Application,
    answers: dict[str, str],
    start: datetime,
    frontier: str,
    may_appoint: bool,
) -> bool:
    """Decide how far an applicant got; True when they were appointed (one a campaign).
    Ethnic minority and disabled applicants are made a little less likely to pass each sift,
    as the national figures show they are."""
    penalty = 0.8 if _is_minority(answers) else 1.0
    penalty *= 0.85 if answers.get("disability") == "yes" else 1.0
    rates = {
        "longlisted": 0.55,
        "shortlisted": 0.4,
        "interview": 0.6,
        "recommended": 0.3,
        "appointed": 0.8,
    }
    furthest = "applied"
    for stage, rate in rates.items():
        if stage == "appointed" and not may_appoint:
            break
        if rng.random() < rate * penalty:
            furthest = stage
        else:
            break
        if stage == frontier:
            break
    # Those at the campaign's current stage are still in it; the rest were not progressed.
    still_in = furthest == frontier
    withdrew = rng.random() < 0.04
    application.stage_changes.clear()
    _advance(rng, application, furthest, rejected=not still_in and not withdrew, start=start)
    if withdrew and furthest != "appointed" and not still_in:
        application.stage_changes.append(
            StageChange(from_stage=furthest, to_stage="withdrawn", at=start + timedelta(days=40))
        )
        application.stage = "withdrawn"
    return application.stage == "appointed"
