"""Role alerts: a pool member chooses which new roles they hear about and how often, and
stops the emails from their account or from any alert's link, without signing in."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import AlertSubscription, Candidate
from ..security import no_store
from ..services.alerts import subscriptions
from ..services.alerts.choices import Choices
from ..services.platform.notifications import mask_email
from ..services.platform.tokens import TokenError, load_stop_alerts_token
from .alerts_forms import AlertPreferencesForm
from .forms import ConfirmForm
from .session import candidate_required, signed_in

bp = Blueprint("alerts", __name__)

SAVED = {
    "immediate": "We will email you as soon as a role you asked about opens.",
    "weekly": "We will email you once a week with the roles you asked about that opened.",
}


def _initial(candidate: Candidate, subscription: AlertSubscription | None) -> dict[str, Any]:
    """What the form shows first: the member's choices, or for a new one their own region."""
    if subscription is None:
        return {"regions": [candidate.region] if candidate.region else []}
    return {
        "role_types": list(subscription.role_types),
        "regions": list(subscription.regions),
        "skill_areas": list(subscription.skill_areas),
        "organisations": "challenged" if subscription.challenged_only else "all",
        "frequency": subscription.frequency,
    }


@bp.route("/role-alerts", methods=["GET", "POST"])
@candidate_required
def preferences() -> str | Response:
    candidate = signed_in()
    subscription = subscriptions.for_candidate(candidate)
    form = AlertPreferencesForm(data=_initial(candidate, subscription))
    if candidate.in_pool and form.validate_on_submit():
        choices = Choices.clean(
            form.role_types.data,
            form.regions.data,
            form.skill_areas.data or [],
            form.organisations.data == "challenged",
            form.frequency.data,
        )
        subscriptions.save(candidate, choices)
        db.session.commit()
        waiting = (
            ""
            if subscriptions.can_receive(candidate)
            else " We will start once you agree to be matched to vacancies."
        )
        flash("Your choices are saved. " + SAVED[choices.frequency] + waiting, "success")
        return redirect(url_for("alerts.preferences"))
    return render_template(
        "candidates/alerts/preferences.html",
        form=form,
        candidate=candidate,
        subscription=subscription,
        receiving=subscriptions.can_receive(candidate),
        stop_form=ConfirmForm(formdata=None),
    )


@bp.route("/role-alerts/stop", methods=["POST"])
@candidate_required
def stop() -> Response:
    # CSRFProtect has checked the form's token before this runs.
    if subscriptions.stop(signed_in()):
        db.session.commit()
        flash("You will not get any more emails about new roles.", "success")
    return redirect(url_for("alerts.preferences"))


@bp.route("/role-alerts/stop/<token>", methods=["GET", "POST"])
def stop_with_token(token: str) -> str | Response:
    """The link in every alert. Opening it changes nothing (mail scanners open links); the
    page's one button stops the emails, with no need to sign in."""
    try:
        candidate = load_stop_alerts_token(token)
    except TokenError as error:
        return no_store(render_template("candidates/alerts/stop.html", token_error=str(error)))
    subscribed = candidate is not None and subscriptions.for_candidate(candidate) is not None
    form = ConfirmForm()
    if candidate is not None and subscribed and form.validate_on_submit():
        subscriptions.stop(candidate)
        db.session.commit()
        return no_store(render_template("candidates/alerts/stop.html", stopped=True))
    return no_store(
        render_template(
            "candidates/alerts/stop.html",
            form=form if subscribed else None,
            masked_email=mask_email(candidate.email) if candidate is not None else None,
        )
    )
