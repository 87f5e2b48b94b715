"""The administrators' "API tokens" page: tokens that let another system use the team
API (nedmatch/api/), made and revoked here. A new token is shown once, on the page that
made it, and never again: only its SHA-256 is kept."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...auth.current import current_actor
from ...extensions import db
from ...models import API_SCOPES
from ...services.platform import api_tokens
from .forms import RevokeForm, TokenForm

bp = Blueprint("api_tokens", __name__)

SCOPE_HINTS = {
    "reviewer": "Vacancies, applications and their stages, moving applications, the ranked list.",
    "admin": "All a reviewer's token may do, and the diversity report's published figures, "
    "and overriding the guaranteed interview scheme with a reason.",
}


@bp.before_request
def admins_only() -> None:
    """Runs after the app's sign-in check, which sends the signed-out to sign in."""
    if current_user.is_authenticated and not current_user.is_admin:
        abort(403)


@bp.route("/api-tokens", methods=["GET", "POST"])
def tokens() -> str | Response:
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            made = api_tokens.create(current_actor(), current_user, form.name.data, form.scope.data)
        except api_tokens.TokenError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            secret = made.secret
            form = TokenForm(formdata=None)
    page = render_template(
        "appointments/api_tokens/index.html",
        form=form,
        tokens=api_tokens.all_tokens(),
        secret=secret,
        scope_hints=SCOPE_HINTS,
        API_SCOPES=API_SCOPES,
    )
    response = make_response(page, 400 if form.errors else 200)
    # The page may hold a new token: never keep it in a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
def revoke(token_id: int) -> str | Response:
    token = api_tokens.get(token_id)
    if token is None:
        abort(404)
    if token.is_revoked:
        flash(f"The token {token.name} was already revoked.", "info")
        return redirect(url_for("api_tokens.tokens"))
    form = RevokeForm()
    if form.validate_on_submit():
        api_tokens.revoke(current_actor(), token)
        db.session.commit()
        flash(f"The token {token.name} is revoked. It no longer works.", "success")
        return redirect(url_for("api_tokens.tokens"))
    return render_template("appointments/api_tokens/revoke.html", form=form, token=token)
