"""A board member's own equality monitoring declaration, from a private link the team
gives them: the same optional questions as candidates answer, stored apart under a code
and counted only in the protected board composition report. Public (no sign-in): the
link is the member's key."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from werkzeug.wrappers import Response

from ..extensions import db
from ..services.applications.monitoring import save_board_member_answers
from ..services.boards import members
from ..services.platform.tokens import TokenError, load_board_declaration_token
from .forms import MonitoringForm

bp = Blueprint("board_declaration", __name__)


@bp.route("/board-declaration/<token>", methods=["GET", "POST"])
def declare(token: str) -> str | Response:
    try:
        member_id = load_board_declaration_token(token)
    except TokenError as error:
        return render_template("candidates/board_declaration_invalid.html", message=str(error))
    member = members.get(member_id)
    if member is None or member.application_id is not None:
        # An appointee's answers come from their own application; an unknown member has gone.
        abort(404)
    form = MonitoringForm()
    if form.validate_on_submit():
        save_board_member_answers(
            member.id, {name: field.data for name, field in form._fields.items() if field.data}
        )
        db.session.commit()
        return render_template("candidates/board_declaration_done.html", member=member)
    return render_template("candidates/board_declaration.html", form=form, member=member)
