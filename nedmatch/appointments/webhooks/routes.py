"""The administrators' "Webhooks" pages: where other systems are told of stage changes
and appointments (services/webhooks/). A new subscription's signing secret is shown once,
on the page that made it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...extensions import db
from ...models import WEBHOOK_EVENTS, WebhookSubscription
from ...services.webhooks import subscriptions
from .forms import ConfirmForm, SubscriptionForm

bp = Blueprint("webhooks", __name__)


@bp.before_request
def admins_only() -> None:
    """Runs after the app's sign-in check, which sends the signed-out to sign in."""
    if current_user.is_authenticated and not current_user.is_admin:
        abort(403)


def _subscription(subscription_id: int) -> WebhookSubscription:
    found = subscriptions.get(subscription_id)
    if found is None:
        abort(404)
    return found


@bp.route("/webhooks", methods=["GET", "POST"])
def index() -> str | Response:
    form = SubscriptionForm()
    made = None
    if form.validate_on_submit():
        try:
            made = subscriptions.create(
                current_actor(), current_user, form.name.data, form.url.data, form.events.data
            )
        except subscriptions.SubscriptionError as error:
            form.url.errors = [str(error)]
        else:
            db.session.commit()
            form = SubscriptionForm(formdata=None)
    page = render_template(
        "appointments/webhooks/index.html",
        form=form,
        subscriptions=subscriptions.all_subscriptions(),
        made=made,
        WEBHOOK_EVENTS=WEBHOOK_EVENTS,
    )
    response = make_response(page, 400 if form.errors else 200)
    response.headers["Cache-Control"] = "no-store"  # the page may hold a new secret
    return response


@bp.route("/webhooks/<int:subscription_id>")
def show(subscription_id: int) -> str:
    subscription = _subscription(subscription_id)
    return render_template(
        "appointments/webhooks/show.html",
        subscription=subscription,
        deliveries=subscriptions.recent_deliveries(subscription),
        form=ConfirmForm(),
        WEBHOOK_EVENTS=WEBHOOK_EVENTS,
    )


@bp.route("/webhooks/<int:subscription_id>/<any('pause', 'resume'):action>", methods=["POST"])
def pause(subscription_id: int, action: str) -> Response:
    subscription = _subscription(subscription_id)
    if ConfirmForm().validate_on_submit():
        subscriptions.set_paused(current_actor(), subscription, action == "pause")
        db.session.commit()
        flash(
            f"{subscription.name} is paused: nothing is sent to it until you resume it."
            if action == "pause"
            else f"{subscription.name} is receiving events again.",
            "success",
        )
    return redirect(url_for("webhooks.show", subscription_id=subscription.id))


@bp.route("/webhooks/<int:subscription_id>/test", methods=["POST"])
def test(subscription_id: int) -> Response:
    subscription = _subscription(subscription_id)
    if ConfirmForm().validate_on_submit():
        subscriptions.send_test(current_actor(), subscription)
        db.session.commit()
        flash(
            "A test event is on its way. Its result appears in the log below."
            if not subscription.is_paused
            else "A test event is waiting: it is sent when you resume this subscription.",
            "success",
        )
    return redirect(url_for("webhooks.show", subscription_id=subscription.id))


@bp.route(
    "/webhooks/<int:subscription_id>/deliveries/<int:delivery_id>/redeliver", methods=["POST"]
)
def redeliver(subscription_id: int, delivery_id: int) -> Response:
    subscription = _subscription(subscription_id)
    delivery = subscriptions.delivery_of(subscription, delivery_id)
    if delivery is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        if subscriptions.redeliver(current_actor(), delivery):
            db.session.commit()
            flash(f"Delivery {delivery.message_id} will be sent again.", "success")
        else:
            flash("Only a delivery that failed can be sent again.", "info")
    return redirect(url_for("webhooks.show", subscription_id=subscription.id))


@bp.route("/webhooks/<int:subscription_id>/delete", methods=["GET", "POST"])
def delete(subscription_id: int) -> str | Response:
    subscription = _subscription(subscription_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = subscription.name
        subscriptions.delete(current_actor(), subscription)
        db.session.commit()
        flash(f"{name} is deleted. Nothing more is sent to it.", "success")
        return redirect(url_for("webhooks.index"))
    return render_template(
        "appointments/webhooks/delete.html", form=form, subscription=subscription
    )
