"""The bias audit of the matching model (NYC Local Law 144 form) from the database: a
campaign's applicants scored against its vacancy, and the consenting pool scored against
every open vacancy. Monitoring answers are read here only to be counted
(``diversity.bias_audit``); nothing about a person leaves this module."""

from __future__ import annotations

import json
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from ...diversity import DisclosurePolicy
from ...diversity.bias_audit import BiasAudit, bias_audit
from ...diversity.bias_counts import ScoredPerson
from ...extensions import db
from ...models import Application, Candidate, Vacancy
from ...models._types import utcnow
from ...stages import Stage
from .. import matching
from . import releases
from .ranking_audit import _published_report
from .records import answers_by_candidate, cell_keys_of
from .report import service_policy

# An applicant the model has not scored yet (it ranks new applications at once, so this
# is rare) counts with the lowest score, as not above the median: the sample is then
# exactly the campaign report's applicants, and the two are protected together.
UNSCORED = 0.0


@dataclass(frozen=True, slots=True)
class AuditSource:
    """Where the audit's data came from, and when: published beside the figures."""

    description: str
    data_from: date | None
    data_to: date | None
    model_version: str | None
    model_fitted: date | None
    audited_on: date
    vacancies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScopedBiasAudit:
    title: str
    key: str  # "pool" or "vacancy-<id>": the audit record's and file names' key
    source: AuditSource
    audit: BiasAudit | None  # None: no model, or nobody to score


def _model() -> tuple[str | None, date | None]:
    """The model's version and the day it was fitted, from its saved metadata."""
    status = matching.model_status() or {}
    try:
        fitted = datetime.fromisoformat(str(status["created"])).date()
    except (KeyError, ValueError):
        fitted = None
    return matching.loaded_model_version(), fitted


def _people(ids: Sequence[int], scores: Sequence[float]) -> list[ScoredPerson]:
    answers = answers_by_candidate(ids)
    keys = cell_keys_of(ids)
    members = releases.member_ids(
        ids, [json.dumps(answers.get(c, {}), sort_keys=True).encode() for c in ids]
    )  # keys for the memory of releases, from each person's id and answers
    return [
        ScoredPerson(answers.get(cid, {}), score, key, member)
        for cid, score, key, member in zip(ids, scores, keys, members, strict=True)
    ]


def _remembered(
    scope: str, people: list[ScoredPerson], policy: DisclosurePolicy, **options: Any
) -> BiasAudit:
    """The audit of these people, protected with the earlier releases of the same
    audit that differ from it by a few people, and remembered as a release itself."""
    if policy.method != "cell-key":
        return bias_audit(people, policy, **options)
    key = releases.scope_key("bias-audit", scope, policy)
    result = bias_audit(
        people,
        policy,
        history=lambda members: releases.priors(key, members, policy.threshold),
        **options,
    )
    if result.members is not None:
        releases.remember(key, result.members, result.figures)
    return result


def campaign_audit(vacancy: Vacancy, policy: DisclosurePolicy | None = None) -> ScopedBiasAudit:
    """The vacancy's applicants, each with the model's score against the vacancy."""
    policy = policy or service_policy()
    first, last = db.session.execute(
        select(func.min(Application.submitted_at), func.max(Application.submitted_at)).where(
            Application.vacancy_id == vacancy.id, Application.stage != Stage.DRAFT.value
        )
    ).one()
    version, fitted = _model()
    source = AuditSource(
        description=(
            f"Everyone who applied for {vacancy.title} ({vacancy.organisation.name}), with "
            "the matching model's score of their application against the vacancy"
        ),
        data_from=first.date() if isinstance(first, datetime) else None,
        data_to=last.date() if isinstance(last, datetime) else None,
        model_version=version,
        model_fitted=fitted,
        audited_on=utcnow().date(),
        vacancies=(vacancy.title,),
    )
    result = None
    applicants = matching.applicant_ids(vacancy)
    matches = matching.rank_applicants(vacancy, len(applicants)) if applicants else None
    if matches is not None and applicants:
        score_of = {int(m.candidate_id): float(m.score) for m in matches}
        people = _people(applicants, [score_of.get(c, UNSCORED) for c in applicants])
        published = _published_report(vacancy, policy)
        result = _remembered(f"vacancy-{vacancy.id}", people, policy, published=published)
    return ScopedBiasAudit(vacancy.title, f"vacancy-{vacancy.id}", source, result)


def open_vacancies(today: date) -> list[Vacancy]:
    vacancies = db.session.execute(
        select(Vacancy).where(Vacancy.status == "open").order_by(Vacancy.id)
    ).scalars()
    return [v for v in vacancies if v.is_accepting_applications(today)]


def percentiles(scores: Sequence[float]) -> list[float]:
    """Each score's mid-rank percentile within its vacancy, 0 to 1: the share of the
    others it beats, ties counting half. Puts every vacancy on the same scale."""
    if len(scores) < 2:
        return [0.5 for _ in scores]
    ordered = sorted(scores)
    out = []
    for score in scores:
        below = bisect_left(ordered, score)
        equal = bisect_right(ordered, score) - below
        out.append((below + 0.5 * (equal - 1)) / (len(scores) - 1))
    return out


def pool_audit(policy: DisclosurePolicy | None = None) -> ScopedBiasAudit:
    """The consenting pool, each member scored against every open vacancy; a member's
    score is the median, over those vacancies, of their percentile within each
    (docs/bias-audit.md says why)."""
    policy = policy or service_policy()
    today = utcnow().date()
    vacancies = open_vacancies(today)
    version, fitted = _model()
    source = AuditSource(
        description=(
            "Everyone in the talent pool who agreed to be matched, scored by the matching "
            f"model against each of the {len(vacancies)} vacancies open on the day of the audit"
        ),
        data_from=today,  # the scores are the model's on the day of the audit
        data_to=today,
        model_version=version,
        model_fitted=fitted,
        audited_on=today,
        vacancies=tuple(v.title for v in vacancies),
    )
    ranker = matching.get_ranker()
    members = list(
        db.session.execute(
            select(Candidate.id).where(
                Candidate.in_pool.is_(True), Candidate.consent_to_match.is_(True)
            )
        ).scalars()
    )
    result = None
    if ranker is not None and members and vacancies:
        by_member: dict[int, list[float]] = defaultdict(list)
        for vacancy in vacancies:
            # Scores only: explaining every member's score would take most of the time.
            assessed = ranker.assess(matching.vacancy_profile(vacancy), members)
            ids = [int(c) for c in assessed.candidate_ids]
            for cid, value in zip(
                ids, percentiles([float(v) for v in assessed.scores]), strict=True
            ):
                by_member[cid].append(value)
        scored = sorted(by_member)
        if scored:
            medians = [float(statistics.median(by_member[c])) for c in scored]
            result = _remembered("pool", _people(scored, medians), policy)
    return ScopedBiasAudit("The talent pool", "pool", source, result)
