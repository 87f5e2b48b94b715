from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from ..actors import Actor
from ..extensions import db, limiter
from ..models import TeamUser
from ..services.platform import audit
from ..services.platform.passwords import hash_password, needs_rehash, verify_password
from . import lockout, users
from .access import is_safe_next
from .forms import SignInForm

bp = Blueprint("auth", __name__)

# One answer for an unknown address, a wrong password, a locked or a deactivated account,
# so that the page never says which addresses have accounts or which are locked.
SIGN_IN_FAILED = (
    "The email address or password is not right, or the account is locked for a few "
    "minutes after several wrong attempts. Check them and try again later, or ask an "
    "administrator to unlock your account."
)


@bp.route("/team/sign-in", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])  # per client address; lockout is per account
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("appointments.dashboard"))
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        password = form.password.data
        user = users.by_email(email)
        at = lockout.now()
        # Every path checks one password and writes one audit row, so that an unknown
        # address takes as long as a known one.
        if user is None:
            lockout.verify_without_account(password)
            audit.record("system", "sign_in_failed", "team_user", "", reason="unknown email")
            db.session.commit()
        else:
            password_ok = verify_password(user.password_hash, password)
            if lockout.is_locked(user, at):
                reason = "locked"  # even the right password waits for the lock to end
            elif not user.active:
                reason = "deactivated"
            elif password_ok:
                return _signed_in(user, password)
            else:
                reason = "wrong password"
                lockout.record_failure(user, at)
            audit.record(
                "system",
                "sign_in_failed",
                "team_user",
                user.id,
                reason=reason,
                failures=user.failed_logins,
            )
            db.session.commit()
        error = SIGN_IN_FAILED
    return render_template("auth/sign_in.html", form=form, error=error)


def _signed_in(user: TeamUser, password: str) -> Response:
    lockout.clear(user)
    user.last_login_at = lockout.now()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(Actor.team(user), "sign_in", "team_user", user.id)
    db.session.commit()
    session.clear()  # a fresh session: nothing from before signing in is carried over
    login_user(user)
    target = request.args.get("next")
    if target is not None and is_safe_next(target):
        return redirect(target)
    return redirect(url_for("appointments.dashboard"))


@bp.route("/team/sign-out", methods=["POST"])
def logout() -> Response:
    if current_user.is_authenticated:
        # Ends this user's sessions on the server: a copy of the cookie stops working too.
        user = current_user._get_current_object()
        user.end_sessions()
        audit.record(Actor.team(user), "sign_out", "team_user", user.id)
        db.session.commit()
    session.clear()
    logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
