"""The administrators' "Team members" page: who has an account, which accounts are locked
after failed sign-ins, and unlocking one (confirmed, then audited).

Its own blueprint under /team/, so the default-deny sign-in applies; every page here is
for administrators only. The member is named in the query
string rather than the path, so the team's URL map needs no new kind of id.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..extensions import db
from ..forms_common import record_id
from . import lockout, users
from .access import admin_required
from .current import current_actor
from .forms import UnlockForm

bp = Blueprint("members", __name__)


@bp.route("/members")
@admin_required
def team_members() -> str:
    members = users.all_members()
    return render_template(
        "auth/members.html",
        members=members,
        now=lockout.now(),
        is_locked=lockout.is_locked,
        lock_after=lockout.LOCK_AFTER,
        lock_minutes=lockout.LOCK_MINUTES[0],
    )


@bp.route("/members/unlock", methods=["GET", "POST"])
@admin_required
def team_member_unlock() -> str | Response:
    member_id = record_id(request.args.get("member"))
    if member_id is None:
        return redirect(url_for("members.team_members"))
    member = users.member(member_id)
    if member is None:
        abort(404)
    at = lockout.now()
    if not lockout.is_locked(member, at) and not member.failed_logins:
        flash(f"{member.name}'s account is not locked.", "info")
        return redirect(url_for("members.team_members"))
    form = UnlockForm()
    if form.validate_on_submit():
        users.unlock(current_actor(), member)
        db.session.commit()
        flash(f"{member.name}'s account is unlocked. They can sign in now.", "success")
        return redirect(url_for("members.team_members"))
    return render_template(
        "auth/unlock.html", form=form, member=member, locked=lockout.is_locked(member, at)
    )
