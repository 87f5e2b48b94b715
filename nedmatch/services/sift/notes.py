"""The team's notes on an application: part of the record, which candidates can ask to see."""

from __future__ import annotations

from ...actors import Actor
from ...extensions import db
from ...models import Application, ApplicationNote, TeamUser
from ..platform import audit


def add(actor: Actor, application: Application, text: str) -> ApplicationNote:
    """Add a note by the acting team member, with its audit record; the caller commits."""
    if actor.kind != "team" or actor.id is None:
        raise ValueError("Only a team member can add a note to an application.")
    note = ApplicationNote(application_id=application.id, author_id=actor.id, text=text)
    db.session.add(note)
    audit.record(actor, "note_added", "application", application.id)
    return note


def for_application(application: Application) -> list[tuple[ApplicationNote, str]]:
    """The application's notes, oldest first, each with its author's name."""
    rows = db.session.execute(
        db.select(ApplicationNote, TeamUser.name)
        .join(TeamUser, TeamUser.id == ApplicationNote.author_id)
        .where(ApplicationNote.application_id == application.id)
        .order_by(ApplicationNote.at)
    ).all()
    return [(note, name) for note, name in rows]
