"""Forgotten passwords, for the appointments team: ask for a link, check your email, set a
new password, sign in. Public pages (auth/access.py): the person is not signed in. The
operations, and why each works as it does, are in password_reset.py."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ..extensions import db, limiter
from ..security import form_went_ahead, no_store, posted_email
from ..services.platform.passwords import MAX_LENGTH, MIN_LENGTH
from . import password_reset
from .forms import ForgottenPasswordForm, NewPasswordForm

bp = Blueprint("password_reset", __name__)

# Requests that went through: at most 5 an hour from one client address, and 3 an hour
# about one email address whoever asks, so nobody's inbox can be flooded. Both count
# every address alike, known or not, so a limit says nothing about who has an account.
requests_per_client = limiter.limit("5/hour", methods=["POST"], deduct_when=form_went_ahead)
emails_to_one_address = limiter.shared_limit(
    "3/hour",
    scope="password-reset-email",
    key_func=posted_email,
    methods=["POST"],
    exempt_when=lambda: not posted_email(),
    deduct_when=form_went_ahead,
)


@bp.route("/team/forgotten-password", methods=["GET", "POST"])
@requests_per_client
@emails_to_one_address
def forgotten_password() -> str | Response:
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        password_reset.request_reset(form.email.data)
        db.session.commit()
        # The same page whether or not the address has an account.
        return redirect(url_for("password_reset.check_email"))
    return render_template("auth/forgotten_password.html", form=form)


@bp.route("/team/forgotten-password/check-your-email")
def check_email() -> str:
    return render_template("auth/reset_email_sent.html", minutes=password_reset.minutes())


@bp.route("/team/reset-password/<token>", methods=["GET", "POST"])
def new_password(token: str) -> str | Response:
    """The link in the email. Opening it changes nothing (mail scanners open links): the
    form's button, a POST with this browser's CSRF token, sets the password."""
    try:
        link = password_reset.load_token(token)
    except password_reset.ResetLinkError as error:
        return no_store(render_template("auth/new_password.html", token_error=str(error)))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.set_new_password(link, form.password.data)
        except password_reset.ResetLinkError as error:
            db.session.rollback()
            return no_store(render_template("auth/new_password.html", token_error=str(error)))
        db.session.commit()
        flash(
            "Your password has been changed, and your account signed out on every device. "
            "Sign in with your new password.",
            "success",
        )
        return redirect(url_for("auth.login"))
    return no_store(
        render_template(
            "auth/new_password.html", form=form, min_length=MIN_LENGTH, max_length=MAX_LENGTH
        )
    )
