"""The service's own pages, open to everyone: how to contact the appointments team, the
accessibility statement and the cookies the service sets. Their facts (the team's contact
details, the session cookie) come from the configuration, so the pages say what is true."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template

bp = Blueprint("about", __name__)

# When the accessibility statement was written and the service last checked against it.
STATEMENT_PREPARED = date(2026, 12, 2)
SERVICE_LAST_TESTED = date(2026, 12, 2)


@bp.route("/contact")
def contact() -> str:
    return render_template("candidates/contact.html")


@bp.route("/accessibility")
def accessibility() -> str:
    return render_template(
        "candidates/accessibility.html",
        prepared=STATEMENT_PREPARED,
        tested=SERVICE_LAST_TESTED,
    )


@bp.route("/cookies")
def cookies() -> str:
    return render_template("candidates/cookies.html")
