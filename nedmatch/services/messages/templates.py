"""A vacancy's wording of each stage message: the team's own where saved, else the
default; saving one checks it first; a preview fills it in for a sample candidate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from ...actors import Actor
from ...extensions import db
from ...models import Application, Vacancy, VacancyMessageTemplate
from ...stages import Stage
from ..interviews.notices import interview_link
from ..platform import audit
from ..platform.tokens import make_return_token
from .wording import DEFAULTS, SAMPLE, TOLD, TemplateError, Wording, check, render


@dataclass(frozen=True)
class StageWording:
    stage: Stage
    wording: Wording
    customised: bool  # the team's own wording for this vacancy, not the default


def _saved(vacancy: Vacancy) -> dict[str, VacancyMessageTemplate]:
    rows = db.session.execute(
        db.select(VacancyMessageTemplate).filter_by(vacancy_id=vacancy.id)
    ).scalars()
    return {row.stage: row for row in rows}


def for_vacancy(vacancy: Vacancy) -> list[StageWording]:
    """Every told stage's wording for this vacancy, in the order of a campaign."""
    saved = _saved(vacancy)
    return [
        StageWording(stage, Wording(saved[stage].subject, saved[stage].body), True)
        if stage in saved
        else StageWording(stage, DEFAULTS[stage], False)
        for stage in TOLD
    ]


def wording_for(vacancy: Vacancy, stage: Stage) -> Wording:
    row = _saved(vacancy).get(stage)
    return Wording(row.subject, row.body) if row is not None else DEFAULTS[stage]


def told_stage(value: str) -> Stage | None:
    stage = Stage.parse(value)
    return stage if stage in TOLD else None


def save(actor: Actor, vacancy: Vacancy, stage: Stage, wording: Wording) -> None:
    """Keep the team's wording for this vacancy; raises TemplateError (saving nothing)."""
    check(wording)
    row = _saved(vacancy).get(stage)
    if row is None:
        row = VacancyMessageTemplate(vacancy_id=vacancy.id, stage=stage.value)
        db.session.add(row)
    row.subject, row.body = wording.subject, wording.body
    audit.record(actor, "message_template_saved", "vacancy", vacancy.id, stage=stage.value)
    db.session.flush()


def reset(actor: Actor, vacancy: Vacancy, stage: Stage) -> None:
    """Go back to the default wording."""
    row = _saved(vacancy).get(stage)
    if row is not None:
        db.session.delete(row)
        audit.record(actor, "message_template_reset", "vacancy", vacancy.id, stage=stage.value)
        db.session.flush()


def rejection_delay() -> timedelta:
    """How long a rejection waits before it is sent, so that it can be undone."""
    return timedelta(minutes=int(current_app.config["REJECTION_MESSAGE_DELAY_MINUTES"]))


def rejection_delay_minutes() -> int:
    return int(rejection_delay().total_seconds() // 60)


def contact() -> str:
    """How a message tells candidates to reach the team: the contact page's own details."""
    config = current_app.config
    return f"the {config['APPOINTMENTS_TEAM_NAME']} at {config['APPOINTMENTS_TEAM_EMAIL']}"


def sample_values(vacancy: Vacancy, reference: str | None = None) -> dict[str, str]:
    """A made-up candidate applying for the real vacancy: what a preview shows."""
    return {
        "vacancy_title": vacancy.title,
        "organisation": vacancy.organisation.name,
        "team_contact": contact(),
        **SAMPLE,
        **({"reference": reference} if reference else {}),
    }


def preview(vacancy: Vacancy, wording: Wording, reference: str | None = None) -> Wording:
    """The wording filled in for a sample candidate; raises TemplateError."""
    check(wording)
    return render(wording, sample_values(vacancy, reference))


def my_applications_link(application: Application) -> str:
    # Built from the URL map, not url_for: due messages are also sent by a command.
    token = make_return_token(application.candidate)
    path = current_app.url_map.bind("").build("links.return_with_token", {"token": token})
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def compose(application: Application, stage: Stage) -> Wording:
    """The message to this candidate, written now from the vacancy's current wording."""
    vacancy = application.vacancy
    values = {
        "first_name": application.candidate.first_name or "candidate",
        "vacancy_title": vacancy.title,
        "organisation": vacancy.organisation.name,
        "reference": application.reference,
        "my_applications_link": my_applications_link(application),
        "team_contact": contact(),
        "interview_link": interview_link(application),
    }
    wording = wording_for(vacancy, stage)
    if stage == Stage.INTERVIEW and "{interview_link}" not in wording.body:
        # The team's own wording without the link (saved before there was one, or left
        # out): the candidate still gets the way to choose a time.
        wording = Wording(wording.subject, wording.body.rstrip() + "\n\n" + INTERVIEW_LINK_LINE)
    try:
        return render(wording, values)
    except TemplateError:
        # Saved wording is checked, so only wording saved before a placeholder was retired
        # gets here: the candidate still hears, in the default words.
        return render(DEFAULTS[stage], values)


INTERVIEW_LINK_LINE = (
    "Choose the date and time of your interview, and tell us about any adjustments you "
    "need, here:\n\n{interview_link}\n"
)
