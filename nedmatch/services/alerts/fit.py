"""Whether the matching model reckons a member a reasonable fit for a vacancy, so alerts
go to people the role could suit rather than to everyone whose choices match it. The same
model and profiles rank the pool for the team's invitations (services.matching): the
member's career, skills, competency evidence, region, availability and board experience,
never their equality monitoring answers, which the model cannot see."""

from __future__ import annotations

from collections.abc import Sequence

from flask import current_app

from ...models import Candidate, Vacancy
from .. import matching


def reasonable_fits(vacancy: Vacancy, candidates: Sequence[Candidate]) -> set[int] | None:
    """The ids of those among ``candidates`` who evidence every essential criterion of the
    vacancy, or whom the model scores at least ALERT_MIN_SCORE out of 100. None when no
    model has been fitted: then nobody's fit can be judged, and alerts wait for one."""
    ranker = matching.get_ranker()
    if ranker is None:
        return None
    if not candidates:
        return set()
    for candidate in candidates:
        if candidate.id not in ranker.index_:
            # Joined through another server since this process last looked: rank them now.
            matching.refresh_candidate(candidate, store=False)
    profile = matching.vacancy_profile(vacancy)
    assessment = ranker.assess(profile, [c.id for c in candidates])
    if not len(assessment):
        return set()
    # "Evidences every essential criterion" means something only when the model could read
    # at least one of them from a specification it trusts (as the team's ranked list
    # decides whether to group by them); otherwise everyone would pass.
    sample = next(iter(assessment.explain(assessment.candidate_ids[:1]).values()))
    essentials_read = any(c.essential and c.assessed for c in sample.criteria) and (
        ranker.group_essentials and profile.confidence >= ranker.group_min_confidence
    )
    floor = float(current_app.config["ALERT_MIN_SCORE"])
    return {
        int(candidate_id)
        for candidate_id, score, meets in zip(
            assessment.candidate_ids, assessment.scores, assessment.meets, strict=True
        )
        if (meets and essentials_read) or score >= floor
    }
