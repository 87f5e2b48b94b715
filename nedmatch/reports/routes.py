"""Diversity reports for the team. Only aggregates leave this blueprint."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..extensions import db
from ..models import Application, Candidate

bp = Blueprint("reports", __name__)


@bp.route("/")
def index() -> str:
    applied = db.session.execute(
        db.select(db.func.count()).select_from(Application).where(Application.stage != "draft")
    ).scalar_one()
    pool = db.session.execute(
        db.select(db.func.count()).select_from(Candidate).where(Candidate.in_pool.is_(True))
    ).scalar_one()
    return render_template("reports/index.html", applied=applied, pool=pool)
