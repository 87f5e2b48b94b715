"""The application as a task list (the NHS.UK "complete multiple tasks" pattern): each
section with its status, done in any order, and checking and submitting once every
required section is complete.

A section with answers typed but not saved (a draft, kept when they did not validate) is
"In progress" even when earlier answers were saved: the candidate sees the typed ones on
the section, and submitting the saved ones instead would not be what they last wrote."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..models import Application, Candidate
from ..services.applications import monitoring, steps
from .journey import Step, is_complete, steps_for


class Status(Enum):
    COMPLETED = "Completed"
    IN_PROGRESS = "In progress"
    NOT_STARTED = "Not yet started"
    CANNOT_START = "Cannot start yet"

    @property
    def label(self) -> str:
        return self.value


def _started(step: Step, candidate: Candidate, application: Application | None) -> bool:
    """Answers saved on a section not yet complete: the equality section when a group
    was given and the background within it is still to come."""
    return step.slug == "equality" and bool(monitoring.answers_for(candidate.id))


def status_of(step: Step, candidate: Candidate, application: Application | None) -> Status:
    if steps.draft_for(candidate, application, step.slug):
        return Status.IN_PROGRESS
    if is_complete(step, candidate, application):
        return Status.COMPLETED
    if _started(step, candidate, application):
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def unfinished(candidate: Candidate, application: Application | None) -> list[Step]:
    """The required sections not yet complete, in order: submitting waits for them."""
    return [
        step
        for step in steps_for(application)
        if not step.optional and status_of(step, candidate, application) != Status.COMPLETED
    ]


@dataclass(frozen=True)
class Section:
    step: Step
    status: Status


@dataclass(frozen=True)
class TaskList:
    sections: list[Section]
    ready: bool  # every required section is complete: the check page can be started

    @property
    def completed(self) -> int:
        return sum(1 for s in self.sections if s.status == Status.COMPLETED)

    @property
    def check_status(self) -> Status:
        return Status.NOT_STARTED if self.ready else Status.CANNOT_START

    def status(self, slug: str) -> Status:
        return next(s.status for s in self.sections if s.step.slug == slug)


def task_list(candidate: Candidate, application: Application | None) -> TaskList:
    sections = [Section(s, status_of(s, candidate, application)) for s in steps_for(application)]
    ready = all(s.step.optional or s.status == Status.COMPLETED for s in sections)
    return TaskList(sections, ready)
