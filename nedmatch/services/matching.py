"""The web app's side of the matching model: profiles from the database, the app's model
registry (nedmatch.matching.registry, on ``app.extensions``) kept fresh as candidates apply,
and refits as a job with progress. A refit is published to the database
(services.platform.artifacts); every process picks up a newer version by itself, and folds
in profiles changed on other servers."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import selectinload

from ..domain import SKILL_AREAS
from ..extensions import db
from ..matching import CandidateProfile, Match, ModelLoadError, Ranker, VacancyProfile
from ..matching.persistence import read_metadata
from ..matching.reading import Reading, read_many, reading_jobs, stored
from ..matching.registry import ModelRegistry
from ..models import Application, Candidate, CandidateReading, Vacancy
from ..models._types import utcnow
from ..stages import Stage
from .boards import members as board_members
from .boards import succession
from .platform import artifacts
from .platform.jobs import Reporter

EXTENSION = "nedmatch.model"
# Profiles read at a time in a refit when their stored reading is missing or out of date
# (new, imported, or read under older rules), and how many of them make it worth reading
# in several processes.
READ_BATCH = 2000
READ_IN_PARALLEL_FROM = 500
# Clocks of app servers differ a little; a profile caught up twice is only replaced.
_CLOCK_MARGIN = timedelta(seconds=60)


def model_folder(app: Flask | None = None) -> Path:
    app = app or current_app
    folder = app.config.get("MODEL_FOLDER") or Path(app.instance_path, "model")
    return Path(folder)


def registry(app: Flask | None = None) -> ModelRegistry:
    """The app's one owner of the loaded model, for the folder its configuration names."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    folder = model_folder(app).resolve()
    found: ModelRegistry | None = app.extensions.get(EXTENSION)
    if found is None or found.folder != folder:
        found = app.extensions[EXTENSION] = ModelRegistry(folder)
    return found


def candidate_profile(candidate: Candidate) -> CandidateProfile:
    """Only the fields a panel may weigh; identity is passed solely so it can be scrubbed."""
    return CandidateProfile(
        id=candidate.id,
        current_role=candidate.current_role or "",
        career_summary=candidate.career_summary or "",
        skill_areas=list(candidate.skill_areas or []),
        competency_evidence={k: v for k, v in (candidate.competency_evidence or {}).items() if v},
        cv_text=candidate.cv.text if candidate.cv else "",
        region=candidate.region,
        board_experience=candidate.board_experience or "none",
        availability=candidate.availability,
        willing_challenged=bool(candidate.willing_challenged),
        name=candidate.full_name or None,
        email=candidate.email,
        phone=candidate.phone or None,
        postcode=candidate.postcode or None,
    )


def _board_skills(vacancy: Vacancy) -> dict[str, int]:
    """The skills matrix the vacancy gives, or else the organisation's board as recorded
    today (a vacancy drafted from a term ending carries the board without its leaver)."""
    if vacancy.board_skills:
        return dict(vacancy.board_skills)
    sitting = board_members.sitting(vacancy.organisation, date.today())
    matrix = succession.skills_matrix(sitting)
    return {slug: n for slug, n in matrix.items() if slug in SKILL_AREAS}


def vacancy_profile(vacancy: Vacancy) -> VacancyProfile:
    profile = VacancyProfile(
        id=vacancy.id,
        title=vacancy.title,
        role_type=vacancy.role_type,
        description=vacancy.description,
        essential_criteria=list(vacancy.essential_criteria or []),
        desirable_criteria=list(vacancy.desirable_criteria or []),
        domain_weights={k: float(v) for k, v in (vacancy.domain_weights or {}).items()},
        skill_areas=list(vacancy.skill_areas or []),
        board_skills=_board_skills(vacancy),
        region=vacancy.organisation.region,
        location_requirement=vacancy.location_requirement,
        time_commitment_days=vacancy.time_commitment_days,
        challenged=vacancy.organisation.challenged,
    )
    if vacancy.part_weights:
        profile.part_weights = {k: float(v) for k, v in vacancy.part_weights.items()}
    return profile


def _rankable_query(since: datetime | None = None) -> Any:
    """Everyone who finished a profile: applicants and the pool. Consent is checked when the
    pool is ranked, so applicants who did not consent are still ranked for their own
    applications."""
    query = (
        db.select(Candidate)
        .where(Candidate.in_pool.is_(True))
        .options(selectinload(Candidate.cv))
        .order_by(Candidate.id)
        .execution_options(yield_per=2000)
    )
    if since is not None:
        query = query.where(Candidate.updated_at >= since)
    return query


def _rankable_with_readings() -> Any:
    """Everyone a refit ranks, in order, each with their stored reading (or None)."""
    return (
        db.select(Candidate, CandidateReading.data)
        .outerjoin(CandidateReading, CandidateReading.candidate_id == Candidate.id)
        .where(Candidate.in_pool.is_(True))
        .options(selectinload(Candidate.cv))
        .order_by(Candidate.id)
        .execution_options(yield_per=2000)
    )


def _read_missing(
    batch: list[CandidateProfile], jobs: int, fresh: dict[int, bytes]
) -> list[CandidateProfile]:
    """Read the profiles of ``batch`` whose stored reading is missing or out of date, and
    note the new readings in ``fresh`` to be stored after the fit."""
    missing = [profile for profile in batch if stored(profile) is None]
    if missing:
        readings = read_many(missing, n_jobs=jobs if len(missing) >= READ_IN_PARALLEL_FROM else 1)
        for profile, reading in zip(missing, readings, strict=True):
            profile.reading = reading
            fresh[int(profile.id)] = reading.to_bytes()
    return batch


def _store_readings(fresh: dict[int, bytes]) -> None:
    """Keep the readings a refit made, for the next; never for anyone who left the pool or
    was erased while it ran."""
    ids = sorted(fresh)
    now = utcnow()
    for start in range(0, len(ids), 1000):
        chunk = (
            db.session.execute(
                db.select(Candidate.id).where(
                    Candidate.id.in_(ids[start : start + 1000]),
                    Candidate.in_pool.is_(True),
                    Candidate.erased_at.is_(None),
                )
            )
            .scalars()
            .all()
        )
        if not chunk:
            continue
        db.session.execute(
            db.delete(CandidateReading).where(CandidateReading.candidate_id.in_(chunk))
        )
        db.session.execute(
            db.insert(CandidateReading),
            [{"candidate_id": i, "data": fresh[i], "read_at": now} for i in chunk],
        )
    db.session.commit()


def fit(reporter: Reporter) -> str:
    """Fit on every rankable candidate, save it, and make it this process's model.

    Each candidate's reading is stored when they save their profile, so the fit only
    counts words; profiles with no valid stored reading are read here, in batches, and
    their readings stored for the next fit.
    """
    reporter.step("Counting candidate profiles")
    total = db.session.execute(
        db.select(db.func.count()).select_from(Candidate).where(Candidate.in_pool.is_(True))
    ).scalar_one()
    fresh: dict[int, bytes] = {}

    def profiles() -> Iterator[CandidateProfile]:
        reporter.step("Reading candidate profiles", total=total)
        jobs = reading_jobs(None, total)
        batch: list[CandidateProfile] = []
        for candidate, data in db.session.execute(_rankable_with_readings()):
            profile = candidate_profile(candidate)
            profile.reading = Reading.from_bytes(data)
            batch.append(profile)
            if len(batch) == READ_BATCH:
                yield from _read_missing(batch, jobs, fresh)
                reporter.advance(len(batch))
                batch = []
        yield from _read_missing(batch, jobs, fresh)
        reporter.advance(len(batch))
        reporter.step(f"Fitting the model on {total:,} candidates and saving it")

    models = registry()
    started = utcnow()
    ranker = models.refit(profiles)
    if fresh:
        _store_readings(fresh)
    if ranker is None:
        return "There are no candidate profiles yet, so there is nothing to fit."
    models.caught_up = True
    models.synced_profiles_at = started
    artifacts.publish_model(models.folder)
    models.mark_checked()
    read = f" ({len(fresh):,} profiles read for the first time or again)" if fresh else ""
    return f"Model fitted on {len(ranker):,} candidates and saved{read}."


def _fitted_at(folder: Path) -> datetime | None:
    try:
        value = read_metadata(folder).get("created")
    except ModelLoadError:
        return None
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def get_ranker() -> Ranker | None:
    """This process's model, loaded once; None until one has been fitted (or when it was
    saved by another scikit-learn, which must be refitted, not trusted)."""
    models = registry()
    _sync_published(models)
    ranker = models.load()
    if ranker is None:
        return None
    if not models.caught_up:
        # Profiles changed since the fit join with the fitted vocabulary.
        for candidate in db.session.execute(
            _rankable_query(since=_fitted_at(models.folder))
        ).scalars():
            models.add(candidate_profile(candidate))
        models.caught_up = True
    return ranker


def _sync_published(models: ModelRegistry) -> None:
    """At most every MODEL_CHECK_SECONDS: load a newer published model, and fold in profiles
    submitted or erased through other processes since the last look."""
    every = float(current_app.config.get("MODEL_CHECK_SECONDS", 30))
    if not models.check_due(every):
        return
    newest = artifacts.newest_model_version()
    if newest is not None and models.version != newest[1]:
        with artifacts.folder_lock(models.folder):
            artifacts.download_model(models.folder, newest[0])
            ranker = models.reload()
        if ranker is not None:
            _drop_erased(models, ranker)
        return
    since = models.synced_profiles_at
    models.synced_profiles_at = utcnow()
    if since is None or models.ranker is None:
        return
    since -= _CLOCK_MARGIN
    for candidate in db.session.execute(_rankable_query(since=since)).scalars():
        models.add(candidate_profile(candidate))
    erased = db.session.execute(
        db.select(Candidate.id).where(Candidate.erased_at >= since)
    ).scalars()
    for candidate_id in erased:
        models.remove(candidate_id, persist=False)


def _drop_erased(models: ModelRegistry, ranker: Ranker) -> None:
    """A published model may predate an erasure: never rank, or show, an erased person."""
    present = set(ranker.index_)
    erased = db.session.execute(
        db.select(Candidate.id).where(Candidate.erased_at.is_not(None))
    ).scalars()
    for candidate_id in erased:
        if candidate_id in present:
            models.remove(candidate_id, persist=False)


def store_reading(candidate: Candidate, profile: CandidateProfile | None = None) -> None:
    """Keep the profile as the model reads it with the candidate (the caller commits), so
    that a refit only counts words."""
    data = (profile or candidate_profile(candidate)).read().to_bytes()
    if candidate.reading is None:
        candidate.reading = CandidateReading(data=data)
    else:
        candidate.reading.data = data


def refresh_candidate(candidate: Candidate, *, store: bool = True) -> None:
    """Make a new or changed profile rankable at once, without a refit, and (``store``)
    keep its reading for the next refit; the caller commits."""
    if candidate.in_pool:
        profile = candidate_profile(candidate)
        if store:
            store_reading(candidate, profile)
        registry().add(profile)


def forget(app: Flask | None = None) -> None:
    """Drop the app's loaded model (tests, and after the model folder is replaced)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    app.extensions.pop(EXTENSION, None)


def model_status() -> dict[str, Any] | None:
    ranker = get_ranker()
    if ranker is None:
        return None
    try:
        metadata = read_metadata(registry().folder)
    except ModelLoadError:
        metadata = {}
    return {**metadata, "candidates": len(ranker)}


def applicant_ids(vacancy: Vacancy) -> list[int]:
    return list(
        db.session.execute(
            db.select(Application.candidate_id).where(
                Application.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT
            )
        ).scalars()
    )


def rank_applicants(vacancy: Vacancy, top_k: int = 50) -> list[Match] | None:
    ranker = get_ranker()
    if ranker is None:
        return None
    return ranker.rank(vacancy_profile(vacancy), top_k=top_k, candidate_ids=applicant_ids(vacancy))


def rank_pool(
    vacancy: Vacancy, top_k: int = 50, within: Collection[int] | None = None
) -> list[Match] | None:
    """The consenting pool who have not applied: people the team could invite (``within``:
    only these, e.g. the members the pool's filters keep)."""
    ranker = get_ranker()
    if ranker is None:
        return None
    consenting = db.session.execute(
        db.select(Candidate.id).where(
            Candidate.in_pool.is_(True), Candidate.consent_to_match.is_(True)
        )
    ).scalars()
    applied = set(applicant_ids(vacancy))
    ids = [cid for cid in consenting if cid not in applied]
    if within is not None:
        wanted = set(within)
        ids = [cid for cid in ids if cid in wanted]
    return ranker.rank(vacancy_profile(vacancy), top_k=top_k, candidate_ids=ids)


def publish_saved() -> None:
    """Publish the model as saved in this process's folder (after an erasure removed someone
    from it), so the database and every other server forget them too."""
    models = registry()
    artifacts.publish_model(models.folder)
    models.mark_checked()


def loaded_model_version() -> str | None:
    """The model this process ranks with (its save id), without loading one."""
    models = registry()
    return models.version if models.ranker is not None else None
