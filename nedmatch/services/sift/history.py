"""A vacancy's history: what was done to it and its applications, by whom, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from ...actors import Actor
from ...extensions import db
from ...models import Application, AuditEvent, PendingMessage, TeamUser, Vacancy

LIMIT = 500
# Looking at an application is recorded, but is not something that happened to it.
_NOT_HISTORY = "application_viewed"


@dataclass(frozen=True)
class History:
    events: list[AuditEvent]
    references: dict[str, str]  # application id (as the audit record names it) -> reference
    team: dict[int, str]  # team member id -> name

    def actor_name(self, actor: str) -> str:
        """Who did it, as the team knows them: a candidate and the service are not named."""
        parsed = Actor.parse(actor)
        if parsed is not None and parsed.kind == "team" and parsed.id is not None:
            return self.team.get(parsed.id, "A former team member")
        # Any candidate, even one whose record no longer names them after erasure.
        if actor.partition(":")[0] == "candidate":
            return "The candidate"
        return "NEDMatch"

    def reference_of(self, event: AuditEvent) -> str:
        if event.object_type != "application":
            return ""
        return self.references.get(event.object_id, "")


def for_vacancy(vacancy: Vacancy) -> History:
    references = dict(
        db.session.execute(
            db.select(Application.id, Application.reference).where(
                Application.vacancy_id == vacancy.id
            )
        ).all()
    )
    events = (
        db.session.execute(
            db.select(AuditEvent)
            .where(
                ((AuditEvent.object_type == "vacancy") & (AuditEvent.object_id == str(vacancy.id)))
                | (
                    (AuditEvent.object_type == "application")
                    & AuditEvent.object_id.in_([str(i) for i in references])
                    & (AuditEvent.action != _NOT_HISTORY)
                )
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(LIMIT)
        )
        .scalars()
        .all()
    )
    team = dict(db.session.execute(db.select(TeamUser.id, TeamUser.name)).all())
    return History(
        events=list(events),
        references={str(k): v for k, v in references.items()},
        team=team,
    )


@dataclass(frozen=True)
class ApplicationHistory:
    """One application's history, and every stage message to its candidate: the kind, when
    it was queued and sent (or cancelled), and to a masked address; never the text."""

    history: History
    messages: list[PendingMessage]


def for_application(application: Application) -> ApplicationHistory:
    events = (
        db.session.execute(
            db.select(AuditEvent)
            .where(
                AuditEvent.object_type == "application",
                AuditEvent.object_id == str(application.id),
                AuditEvent.action != _NOT_HISTORY,
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(LIMIT)
        )
        .scalars()
        .all()
    )
    messages = (
        db.session.execute(
            db.select(PendingMessage)
            .filter_by(application_id=application.id)
            .order_by(PendingMessage.id.desc())
        )
        .scalars()
        .all()
    )
    team = dict(db.session.execute(db.select(TeamUser.id, TeamUser.name)).all())
    return ApplicationHistory(
        history=History(
            events=list(events), references={str(application.id): application.reference}, team=team
        ),
        messages=list(messages),
    )
