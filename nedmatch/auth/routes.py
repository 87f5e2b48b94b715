from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from ..extensions import db, limiter
from ..models import TeamUser
from ..models._types import utcnow
from ..services.platform import audit
from ..services.platform.passwords import hash_password, needs_rehash, verify_password
from .access import is_safe_next
from .forms import SignInForm

bp = Blueprint("auth", __name__)

# After this many failures in a row an account is locked until an admin resets it.
MAX_FAILED_SIGN_INS = 10


@bp.route("/team/sign-in", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])  # per client address; lockout is per account
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("appointments.dashboard"))
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.execute(db.select(TeamUser).filter_by(email=email)).scalar_one_or_none()
        if user is not None and user.failed_logins >= MAX_FAILED_SIGN_INS:
            error = (
                "This account is locked after too many failed attempts. Ask an administrator "
                "to reset your password."
            )
        elif (
            user is not None
            and user.active
            and verify_password(user.password_hash, form.password.data)
        ):
            user.failed_logins = 0
            user.last_login_at = utcnow()
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(form.password.data)
            audit.record(f"team:{user.id}", "sign_in", "team_user", user.id)
            db.session.commit()
            login_user(user)
            target = request.args.get("next")
            if target is not None and is_safe_next(target):
                return redirect(target)
            return redirect(url_for("appointments.dashboard"))
        else:
            if user is not None:
                user.failed_logins += 1
                audit.record("system", "sign_in_failed", "team_user", user.id)
                db.session.commit()
            error = "The email address or password is not right. Check them and try again."
    return render_template("auth/sign_in.html", form=form, error=error)


@bp.route("/team/sign-out", methods=["POST"])
def logout() -> Response:
    logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
