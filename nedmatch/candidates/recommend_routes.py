"""Recommending an open vacancy to someone: one email with a link to the advert. Open to
anyone, rate limited, and the recipient's address is not kept once the email is sent."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..models import Vacancy
from ..services.alerts import recommend as recommend_ops
from ..services.campaigns import vacancies as vacancy_ops
from .alerts_forms import RecommendForm
from .limits import recommendations_per_client, recommendations_to_one_address

bp = Blueprint("recommend", __name__)


def _taking_applications(vacancy_id: int) -> Vacancy | None:
    """The vacancy, if it takes applications today; None (with a message) if it does not.
    404 for one the public may not see."""
    vacancy = vacancy_ops.get_published(vacancy_id)
    if vacancy is None:
        abort(404)
    if not vacancy.is_accepting_applications(date.today()):
        flash("This vacancy is not taking applications, so you cannot recommend it.", "warning")
        return None
    return vacancy


@bp.route("/vacancies/<int:vacancy_id>/recommend", methods=["GET", "POST"])
@recommendations_per_client
@recommendations_to_one_address
def recommend(vacancy_id: int) -> str | Response:
    vacancy = _taking_applications(vacancy_id)
    if vacancy is None:
        return redirect(url_for("candidates.vacancy", vacancy_id=vacancy_id))
    form = RecommendForm()
    if form.validate_on_submit():
        try:
            recommend_ops.recommend(
                vacancy,
                form.email.data,
                form.sender_name.data or "",
                form.message.data or "",
                date.today(),
            )
        except recommend_ops.RecommendError as error:
            flash(str(error), "warning")
            return redirect(url_for("candidates.vacancy", vacancy_id=vacancy_id))
        # The address goes no further: the next page does not know it.
        return redirect(url_for("recommend.sent", vacancy_id=vacancy_id))
    return render_template("candidates/recommend/form.html", form=form, vacancy=vacancy)


@bp.route("/vacancies/<int:vacancy_id>/recommend/sent")
def sent(vacancy_id: int) -> str:
    vacancy = vacancy_ops.get_published(vacancy_id)
    if vacancy is None:
        abort(404)
    return render_template("candidates/recommend/sent.html", vacancy=vacancy)
