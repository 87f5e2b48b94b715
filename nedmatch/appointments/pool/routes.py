"""The talent pool as the team sees it, under /team: every member who agreed to be matched,
by pool number, with filters, and each member's blind profile. Access: team sign-in."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ...auth.current import current_actor
from ...domain import AVAILABILITY, BOARD_EXPERIENCE, COMPETENCY_DOMAINS, REGIONS, SKILL_AREAS
from ...extensions import db
from ...services.pool import filters as pool_filters
from ...services.pool import profiles
from ...services.sift.invitations import pool_label

bp = Blueprint("pool", __name__)


def lookups() -> dict[str, object]:
    """The labels the pool's filters and profiles show."""
    return {
        "REGIONS": REGIONS,
        "BOARD_EXPERIENCE": BOARD_EXPERIENCE,
        "AVAILABILITY": AVAILABILITY,
        "SKILL_AREAS": SKILL_AREAS,
        "COMPETENCY_DOMAINS": COMPETENCY_DOMAINS,
    }


@bp.route("/pool")
def members() -> str:
    filters = pool_filters.PoolFilters.from_args(request.args)
    return render_template(
        "appointments/pool/members.html",
        listed=pool_filters.member_list(filters),
        filters=filters,
        SORTS=pool_filters.SORTS,
        pool_label=pool_label,
        **lookups(),
    )


@bp.route("/pool/<public_id>")
def member(public_id: str) -> str:
    candidate = profiles.find(public_id)
    if candidate is None:
        abort(404)
    shown = profiles.profile(current_actor(), candidate)
    db.session.commit()
    return render_template(
        "appointments/pool/member.html",
        profile=shown,
        back=request.args.get("back", ""),
        **lookups(),
    )
