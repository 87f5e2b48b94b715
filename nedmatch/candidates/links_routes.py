"""Return links: asking for one, the link from the email, keeping a profile through the
reminder's link, and signing out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..actors import Actor
from ..extensions import db
from ..security import no_store
from ..services.applications import accounts
from ..services.platform.notifications import mask_email
from ..services.platform.tokens import TokenError, load_return_token
from ..services.privacy import retention
from . import forms
from .limits import emails_to_one_address, return_links_per_client
from .session import current_candidate, sign_in_candidate, sign_out_candidate

bp = Blueprint("links", __name__)


@bp.route("/return", methods=["GET", "POST"])
@return_links_per_client
@emails_to_one_address
def return_request() -> str | Response:
    form = forms.ReturnForm()
    if form.validate_on_submit():
        accounts.request_return_link(form.email.data)
        db.session.commit()
        # The same answer either way, so the page does not reveal who has applied.
        return redirect(url_for("links.check_email"))
    return render_template("candidates/return.html", form=form)


@bp.route("/return/check-your-email")
def check_email() -> str:
    return render_template("candidates/check_email.html")


@bp.route("/return/<token>", methods=["GET", "POST"])
def return_with_token(token: str) -> str | Response:
    """The link in the email. Opening it signs nobody in: the page asks "Continue as
    a...@example.com?" and only its button (a POST with this browser's CSRF token) does.
    So a mail scanner that opens links changes nothing, and an attacker's own link, opened
    in someone else's browser, cannot sign them in as the attacker (login CSRF): a page
    elsewhere cannot send the POST with this browser's token."""
    try:
        candidate = load_return_token(token)
    except TokenError as error:
        return no_store(
            render_template(
                "candidates/return.html",
                form=forms.ReturnForm(formdata=None),
                token_error=str(error),
            )
        )
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        sign_in_candidate(candidate)
        accounts.mark_active(candidate)
        db.session.commit()
        return redirect(url_for("my_data.my_applications"))
    return no_store(
        render_template(
            "candidates/return_confirm.html",
            form=form,
            masked_email=mask_email(candidate.email),
            signed_in_as=current_candidate(),
        )
    )


@bp.route("/keep-my-profile/<token>", methods=["GET", "POST"])
def renew_with_token(token: str) -> str | Response:
    """The link in the reminder email. Opening it changes nothing (mail scanners open
    links); the button does."""
    try:
        candidate = retention.load_renew_token(token)
    except retention.RenewLinkError as error:
        return no_store(render_template("candidates/renew.html", token_error=str(error), form=None))
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        until = retention.renew(candidate, str(Actor.candidate(candidate)))
        db.session.commit()
        return no_store(render_template("candidates/renew.html", renewed_until=until, form=None))
    return no_store(render_template("candidates/renew.html", form=form))


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    sign_out_candidate()
    db.session.commit()
    flash("You have signed out. Your answers are saved.", "info")
    return redirect(url_for("candidates.index"))
