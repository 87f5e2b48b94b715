"""The public journey's blueprint, shared by its route modules so each stays small:
``journey_routes`` (vacancies, starting, checking and submitting) and ``step_routes`` (the
task list and its sections)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("candidates", __name__)
