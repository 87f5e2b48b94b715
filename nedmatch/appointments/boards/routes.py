"""Boards and succession, under /team: every board at a glance, one board with its members,
skills and re-checks due, the terms ending across all boards, and an organisation's
national support and figures. Reading is for the whole team; changes are for
administrators. Each view parses the request, calls one operation and renders; the
request commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ...auth.access import admin_required
from ...auth.current import current_actor
from ...dates import long_date
from ...domain import COMPETENCY_DOMAINS, REGIONS, SKILL_AREAS
from ...extensions import db
from ...models import COMMITTEES, BoardMember, Organisation
from ...services.boards import members, succession
from ...services.campaigns import organisations as orgs
from ...services.fppt import due
from ...services.platform import tokens
from ..lookups import given_date, or_404
from .forms import LeaveForm, MemberForm, ReappointForm, SupportForm

bp = Blueprint("boards", __name__)


def _today() -> date:
    return date.today()


@bp.route("/boards")
def index() -> str:
    today = _today()
    ending = succession.terms_ending(today)
    rows = []
    for organisation in orgs.all_by_name():
        board = members.sitting(organisation, today)
        rows.append(
            {
                "organisation": organisation,
                "size": len(board),
                "non_executives": sum(1 for m in board if m.non_executive),
                "ending": sum(1 for e in ending if e.member.organisation_id == organisation.id),
                "gaps": succession.core_gaps(board) if board else [],
            }
        )
    return render_template("appointments/boards/index.html", rows=rows, REGIONS=REGIONS)


@bp.route("/boards/<int:organisation_id>")
def board(organisation_id: int) -> str:
    organisation = or_404(orgs.get(organisation_id))
    today = _today()
    sitting = members.sitting(organisation, today)
    matrix = succession.skills_matrix(sitting)
    ending = {e.member.id: e for e in succession.terms_ending(today, organisation)}
    return render_template(
        "appointments/boards/board.html",
        organisation=organisation,
        sitting=sitting,
        joining=members.joining(organisation, today),
        ending=ending,
        skills=[
            (label, matrix.get(slug, 0)) for slug, label in SKILL_AREAS.items() if matrix.get(slug)
        ],
        domains=[(label, matrix.get(slug, 0)) for slug, label in COMPETENCY_DOMAINS.items()],
        gaps=succession.core_gaps(sitting),
        due=due.due(today, organisation.id),
        today=today,
        REGIONS=REGIONS,
        SKILL_AREAS=SKILL_AREAS,
        COMMITTEES=COMMITTEES,
    )


def _spec(form: MemberForm) -> members.MemberSpec:
    return members.MemberSpec(
        name=form.name.data,
        role=form.role.data,
        title=form.title.data or "",
        term_start=given_date(form.term_start.data),
        term_end=form.term_end.data,
        term_number=form.term_number.data,
        first_appointed=form.first_appointed.data,
        committees=list(form.committees.data or []),
        chairs=list(form.chairs.data or []),
        skill_areas=list(form.skill_areas.data or []),
        domains=list(form.domains.data or []),
        notes=form.notes.data or "",
    )


def _member_page(form: MemberForm, organisation: Organisation, member: BoardMember | None) -> str:
    return render_template(
        "appointments/boards/member.html", form=form, organisation=organisation, member=member
    )


def _save_member(form: MemberForm, save: Any) -> str | None:
    """Run ``save`` with the form's member, or put the operation's refusal on the form."""
    try:
        save(_spec(form))
    except members.BoardError as error:
        form.role.errors = [*form.role.errors, str(error)]
        return "refused"
    return None


@bp.route("/boards/<int:organisation_id>/members/new", methods=["GET", "POST"])
@admin_required
def member_new(organisation_id: int) -> str | Response:
    organisation = or_404(orgs.get(organisation_id))
    form = MemberForm()
    if form.validate_on_submit():
        if (
            _save_member(form, lambda spec: members.add(current_actor(), organisation, spec))
            is None
        ):
            db.session.commit()
            flash(f"{form.name.data} added to the board.", "success")
            return redirect(url_for("boards.board", organisation_id=organisation.id))
    return _member_page(form, organisation, None)


@bp.route("/boards/members/<int:member_id>/edit", methods=["GET", "POST"])
@admin_required
def member_edit(member_id: int) -> str | Response:
    member = or_404(members.get(member_id))
    form = MemberForm(obj=member)
    if form.validate_on_submit():
        if _save_member(form, lambda spec: members.update(current_actor(), member, spec)) is None:
            db.session.commit()
            flash(f"{member.name}'s record saved.", "success")
            return redirect(url_for("boards.board", organisation_id=member.organisation_id))
    return _member_page(form, member.organisation, member)


@bp.route("/boards/members/<int:member_id>/leave", methods=["GET", "POST"])
@admin_required
def member_leave(member_id: int) -> str | Response:
    member = or_404(members.get(member_id))
    form = LeaveForm()
    if form.validate_on_submit():
        try:
            members.stand_down(
                current_actor(), member, given_date(form.left_on.data), form.reason.data
            )
        except members.BoardError as error:
            form.left_on.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{member.name} leaves the board on {long_date(form.left_on.data)}.", "success")
            return redirect(url_for("boards.board", organisation_id=member.organisation_id))
    return render_template("appointments/boards/leave.html", form=form, member=member)


@bp.route("/boards/members/<int:member_id>/reappoint", methods=["GET", "POST"])
@admin_required
def member_reappoint(member_id: int) -> str | Response:
    member = or_404(members.get(member_id))
    form = ReappointForm()
    if form.validate_on_submit():
        try:
            members.reappoint(current_actor(), member, given_date(form.new_end.data))
        except members.BoardError as error:
            form.new_end.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"{member.name} reappointed to {long_date(form.new_end.data)}.", "success")
            return redirect(url_for("boards.succession_page"))
    return render_template(
        "appointments/boards/reappoint.html",
        form=form,
        member=member,
        can_reappoint=succession.can_reappoint(member, _today()),
    )


@bp.route("/boards/<int:organisation_id>/support", methods=["GET", "POST"])
@admin_required
def support(organisation_id: int) -> str | Response:
    organisation = or_404(orgs.get(organisation_id))
    form = SupportForm(obj=organisation)
    if form.validate_on_submit():
        orgs.set_support(
            current_actor(), organisation, {name: form[name].data for name in orgs.SUPPORT_FIELDS}
        )
        db.session.commit()
        flash(f"{organisation.name}: national support saved.", "success")
        return redirect(url_for("boards.board", organisation_id=organisation.id))
    return render_template("appointments/boards/support.html", form=form, organisation=organisation)


@bp.route("/succession")
def succession_page() -> str:
    today = _today()
    ending = succession.terms_ending(today)
    bands = [(months, [e for e in ending if e.band == months]) for months in succession.HORIZONS]
    return render_template("appointments/boards/succession.html", bands=bands, today=today)


@bp.route("/succession/<int:member_id>/vacancy", methods=["POST"])
@admin_required
def successor_vacancy(member_id: int) -> Response:
    member = or_404(members.get(member_id))
    try:
        vacancy = succession.draft_successor(current_actor(), member, _today())
    except members.BoardError as error:
        flash(str(error), "warning")
        return redirect(url_for("boards.succession_page"))
    db.session.commit()
    flash(
        f"Draft vacancy created to succeed {member.name}, with the board's skills and gaps "
        "filled in. Check it and open it when ready.",
        "success",
    )
    return redirect(url_for("appointments.vacancy_edit", vacancy_id=vacancy.id))


@bp.route("/boards/members/<int:member_id>/declaration-link")
@admin_required
def declaration_link(member_id: int) -> str:
    """The member's private link to declare their own equality monitoring answers, to
    send them. The team never sees the answers, nor whether they were given."""
    member = or_404(members.get(member_id))
    if member.application_id is not None:
        abort(404)  # an appointee's answers come from their application
    link = url_for(
        "board_declaration.declare",
        token=tokens.make_board_declaration_token(member.id),
        _external=True,
    )
    return render_template(
        "appointments/boards/declaration_link.html",
        member=member,
        link=link,
        days=tokens.BOARD_LINK_MAX_AGE // 86400,
    )
