"""Board composition: every board's diversity beside its local population and workforce,
with each region, the organisations in national support and England, protected under the
service's disclosure policy. On the reports blueprint, so administrators only."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..appointments.lookups import or_404
from ..auth.current import current_actor
from ..diversity.boards import MEASURES, composition_to_csv
from ..downloads import send_download
from ..extensions import db
from ..services.campaigns import organisations as orgs
from ..services.reporting import boards
from ..services.reporting.report import service_policy
from ..spreadsheets import MEDIA_TYPES
from .forms import BoardFiguresForm
from .presentation import policy_text
from .routes import bp


@bp.route("/boards")
def board_composition() -> str:
    policy = service_policy()
    today = date.today()
    found, census_only = boards.composition(today, policy)
    return render_template(
        "reports/boards.html",
        compositions=found,
        measures=MEASURES,
        policy=policy,
        policy_text=policy_text(policy),
        census_only=census_only,
        today=today,
    )


@bp.route("/boards/download.csv")
def board_composition_csv() -> Response:
    policy = service_policy()
    today = date.today()
    found, _ = boards.composition(today, policy)
    return send_download(
        composition_to_csv(found, policy), f"board-composition-{today}.csv", MEDIA_TYPES["csv"]
    )


@bp.route("/boards/<int:organisation_id>/figures", methods=["GET", "POST"])
def board_figures(organisation_id: int) -> str | Response:
    """The local population and workforce figures a board is set beside."""
    organisation = or_404(orgs.get(organisation_id))
    form = BoardFiguresForm(obj=organisation)
    if form.validate_on_submit():
        orgs.set_figures(
            current_actor(), organisation, {n: form[n].data for n in orgs.FIGURES_FIELDS}
        )
        db.session.commit()
        flash(f"{organisation.name}: figures saved.", "success")
        return redirect(url_for("reports.board_composition"))
    return render_template("reports/board_figures.html", form=form, organisation=organisation)
