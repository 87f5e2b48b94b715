"""The only way to read or write equality monitoring answers.

Reviewers' pages never call this module; candidates read back only their own answers, and
reports read aggregates through the diversity package.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

from flask import current_app

from ...domain import (
    ETHNIC_GROUPS,
    ETHNIC_OTHER_BACKGROUND,
    ETHNICITY_BROAD,
    ETHNICITY_DESCRIPTION,
    ETHNICITY_DESCRIPTION_MAX,
    ETHNICITY_TO_GROUP,
    MONITORING_QUESTIONS,
    PREFER_NOT_TO_SAY,
)
from ...extensions import db
from ...models import MonitoringResponse


def subject_key(candidate_id: int) -> str:
    return subject_keys([candidate_id])[0]


def subject_keys(candidate_ids: Iterable[int]) -> list[str]:
    """The keys of many candidates' answers. The HMAC is keyed once and copied for each
    id: 0.21 s against 0.26 s keying it afresh for 125,000 ids (reports key everyone in
    scope)."""
    keyed = hmac.new(current_app.config["MONITORING_KEY"].encode(), digestmod=hashlib.sha256)
    keys = []
    for candidate_id in candidate_ids:
        mac = keyed.copy()
        mac.update(f"candidate:{candidate_id}".encode())
        keys.append(mac.hexdigest())
    return keys


def board_member_key(member_id: int) -> str:
    """The key of a board member's own answers (a member the team recorded, who declared
    through their private link rather than an application)."""
    keyed = hmac.new(current_app.config["MONITORING_KEY"].encode(), digestmod=hashlib.sha256)
    keyed.update(f"board-member:{member_id}".encode())
    return keyed.hexdigest()


def save_board_member_answers(member_id: int, answers: Mapping[str, str]) -> None:
    """Replace a board member's own answers with these, cleaned as a candidate's are."""
    key = board_member_key(member_id)
    clean = clean_answers(answers)
    response = db.session.execute(
        db.select(MonitoringResponse).filter_by(subject_key=key)
    ).scalar_one_or_none()
    if response is None:
        db.session.add(MonitoringResponse(subject_key=key, answers=clean))
    else:
        response.answers = clean
    db.session.flush()


def forget_board_member(member_id: int) -> None:
    db.session.execute(
        db.delete(MonitoringResponse).where(
            MonitoringResponse.subject_key == board_member_key(member_id)
        )
    )


def _response(candidate_id: int) -> MonitoringResponse | None:
    return db.session.execute(
        db.select(MonitoringResponse).filter_by(subject_key=subject_key(candidate_id))
    ).scalar_one_or_none()


def answers_for(candidate_id: int) -> dict[str, str]:
    response = _response(candidate_id)
    return dict(response.answers) if response else {}


def clean_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Only known questions with answers on their lists; an empty answer means 'not
    declared'. The broad ethnic group is kept only where the background does not give it
    (none, or "Prefer not to say"), and a description only with an "Any other ..."
    background (see domain.ETHNICITY_BROAD)."""
    clean = {
        question: answer
        for question, answer in answers.items()
        if question in MONITORING_QUESTIONS
        and answer
        and (answer in MONITORING_QUESTIONS[question][1] or answer == PREFER_NOT_TO_SAY)
    }
    background = clean.get("ethnicity")
    group = answers.get(ETHNICITY_BROAD)
    if background in ETHNICITY_TO_GROUP:
        description = (answers.get(ETHNICITY_DESCRIPTION) or "").strip()
        other = ETHNIC_OTHER_BACKGROUND[ETHNICITY_TO_GROUP[background]]
        if background == other and description:
            clean[ETHNICITY_DESCRIPTION] = description[:ETHNICITY_DESCRIPTION_MAX]
    elif group == PREFER_NOT_TO_SAY:
        clean["ethnicity"] = PREFER_NOT_TO_SAY
    elif group in ETHNIC_GROUPS:
        clean[ETHNICITY_BROAD] = group
    return clean


def ethnic_group_of(answers: Mapping[str, str]) -> str | None:
    """The broad group a candidate gave, "Prefer not to say", or None."""
    background = answers.get("ethnicity")
    if background in ETHNICITY_TO_GROUP:
        return ETHNICITY_TO_GROUP[background]
    group = answers.get(ETHNICITY_BROAD)
    if group in ETHNIC_GROUPS:
        return group
    return PREFER_NOT_TO_SAY if background == PREFER_NOT_TO_SAY else None


def save_answers(candidate_id: int, answers: Mapping[str, str]) -> None:
    """Replace the candidate's answers with these, cleaned (``clean_answers``)."""
    clean = clean_answers(answers)
    response = _response(candidate_id)
    if response is None:
        response = MonitoringResponse(subject_key=subject_key(candidate_id), answers=clean)
        db.session.add(response)
    else:
        response.answers = clean
    db.session.flush()


def save_first_page(candidate_id: int, answers: Mapping[str, str]) -> None:
    """The equality page's answers: every question, the ethnic group in place of the
    background. The background given before stays while the group stays the same, and
    goes with a new group. A background posted with them (the one-question form that
    came before) is kept as it is."""
    new = {k: v for k, v in answers.items() if k in MONITORING_QUESTIONS or k == ETHNICITY_BROAD}
    if not new.get("ethnicity"):
        earlier = answers_for(candidate_id)
        if new.get(ETHNICITY_BROAD) and ethnic_group_of(earlier) == new[ETHNICITY_BROAD]:
            for key in ("ethnicity", ETHNICITY_DESCRIPTION):
                if key in earlier:
                    new[key] = earlier[key]
    save_answers(candidate_id, new)


def save_background(candidate_id: int, background: str, description: str) -> None:
    """The answer to the second ethnicity question, within the group already given:
    one of its backgrounds, "Prefer not to say", or nothing."""
    answers = answers_for(candidate_id)
    group = ethnic_group_of(answers)
    if group not in ETHNIC_GROUPS:
        raise ValueError("Ask for the ethnic group before the background within it.")
    if (
        background
        and background != PREFER_NOT_TO_SAY
        and ETHNICITY_TO_GROUP.get(background) != group
    ):
        raise ValueError(f"{background!r} is not a background of the group {group!r}")
    for key in ("ethnicity", ETHNICITY_DESCRIPTION):
        answers.pop(key, None)
    answers[ETHNICITY_BROAD] = group
    if background:
        answers["ethnicity"] = background
        answers[ETHNICITY_DESCRIPTION] = description
    save_answers(candidate_id, answers)


def forget_description(candidate_id: int) -> None:
    """Drop the words a candidate wrote about their background, keeping the answers the
    reports count: free text can identify a person, and an erased person's answers are
    kept only as something to count (services/privacy/erasure.py)."""
    response = _response(candidate_id)
    if response is not None and ETHNICITY_DESCRIPTION in response.answers:
        response.answers = {k: v for k, v in response.answers.items() if k != ETHNICITY_DESCRIPTION}
        db.session.flush()
