"""The words of role alert emails, and of a recommendation. Plain text; every link is
whole, so it works from any mail reader. Alerts are also sent by `flask` commands, with no
request, so links are built from the URL map rather than with url_for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app

from ...dates import long_date
from ...domain import REGIONS
from ...models import Candidate, Vacancy
from ..platform.tokens import make_stop_alerts_token

SIGN_OFF = "NHS non-executive appointments team"


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


def public_url(endpoint: str, **values: Any) -> str:
    path = current_app.url_map.bind("").build(endpoint, values)
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def vacancy_link(vacancy: Vacancy) -> str:
    return public_url("candidates.vacancy", vacancy_id=vacancy.id)


def stop_link(candidate: Candidate) -> str:
    return public_url("alerts.stop_with_token", token=make_stop_alerts_token(candidate))


def _role(vacancy: Vacancy) -> str:
    organisation = vacancy.organisation
    closes = long_date(vacancy.closes_on) or "see the advert"
    return (
        f"{vacancy.title}\n{organisation.name}, {REGIONS.get(organisation.region, '')}\n"
        f"Role: {vacancy.role_label}\nClosing date: {closes}\n"
        f"Read the advert and apply: {vacancy_link(vacancy)}\n"
    )


def _footer(candidate: Candidate) -> str:
    return (
        "You get these emails because you asked for alerts about new board roles. "
        "Your talent pool profile is saved, so to apply you only need to add a supporting "
        "statement for the role.\n\n"
        f"Change which roles you hear about, or how often (you will be asked to sign in):\n"
        f"{public_url('alerts.preferences')}\n\n"
        f"Stop these emails:\n{stop_link(candidate)}\n\n{SIGN_OFF}\n"
    )


def alert(candidate: Candidate, vacancy: Vacancy) -> Wording:
    return Wording(
        subject=f"A new board role: {vacancy.title}",
        body=(
            f"Dear {candidate.first_name or 'talent pool member'},\n\n"
            "A board role you asked to hear about has opened, and it looks a good match for "
            f"your profile:\n\n{_role(vacancy)}\n{_footer(candidate)}"
        ),
    )


def digest(candidate: Candidate, vacancies: Sequence[Vacancy]) -> Wording:
    count = len(vacancies)
    roles = "\n".join(_role(v) for v in vacancies)
    return Wording(
        subject=(
            f"{count} new board role{'s' if count != 1 else ''} for you this week"
            if count
            else "New board roles this week"
        ),
        body=(
            f"Dear {candidate.first_name or 'talent pool member'},\n\n"
            f"{'These board roles' if count != 1 else 'This board role'} opened since your "
            f"last weekly email. {'They are' if count != 1 else 'It is'} the kind you asked "
            f"to hear about, and {'they look' if count != 1 else 'it looks'} a good match for "
            f"your profile:\n\n{roles}\n{_footer(candidate)}"
        ),
    )


def recommendation(vacancy: Vacancy, sender_name: str, message: str) -> Wording:
    who = f"{sender_name} (the name they gave us)" if sender_name else "Someone"
    said = f'\nTheir message:\n"{message}"\n' if message else ""
    return Wording(
        subject=f"A board role you might be interested in: {vacancy.title}",
        body=(
            "Hello,\n\n"
            f"{who} thought you might be interested in this NHS board role, and asked us "
            f"to send it to you:\n\n{_role(vacancy)}{said}\n"
            "They gave us your email address only to send you this email. We have not kept "
            "it, and we will not email you again unless you apply or join the talent pool "
            "yourself.\n\n"
            f"{SIGN_OFF}\n"
        ),
    )
