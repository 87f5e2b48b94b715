"""The forms of role alerts and of recommending a vacancy; each error says what to do."""

from __future__ import annotations

import re
from typing import Any

from wtforms import EmailField, RadioField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Email, InputRequired

from ..domain import REGIONS, ROLE_TYPES, SKILL_AREAS
from ..forms_common import BaseForm, CheckboxesField, optional_text, required_text
from ..models import ALERT_FREQUENCIES

ORGANISATIONS = {
    "all": "All NHS organisations",
    "challenged": "Only organisations in national recovery support",
}
MESSAGE_MAX = 500
# A web or email address in a recommendation would make the service a way to send anyone a
# link or a contact from the NHS: the only link in the email is the vacancy's own.
WEB_ADDRESS = re.compile(
    r"https?:|www\.|\b[a-z0-9-]+\.(?:com|net|org|uk|io|co|info|biz|ru)\b", re.I
)


class AlertPreferencesForm(BaseForm):
    role_types = CheckboxesField(
        "Which roles do you want to hear about?",
        description="Select all that apply.",
        choices=ROLE_TYPES,
        validators=[DataRequired("Select at least one type of role")],
    )
    regions = CheckboxesField(
        "Where could you serve on a board?",
        description=(
            "Select all the NHS regions that apply. Boards often ask for people who live in, "
            "or have strong links to, the area they serve."
        ),
        choices=REGIONS,
        validators=[DataRequired("Select at least one region")],
    )
    organisations = RadioField(
        "Which organisations do you want to hear about?",
        choices=ORGANISATIONS,
        validators=[InputRequired("Select which organisations you want to hear about")],
    )
    skill_areas = CheckboxesField(
        "Skill areas",
        description=(
            "Leave these unticked to hear about roles whatever skills they ask for. If you "
            "tick some, we will only tell you about roles that ask for at least one of them."
        ),
        choices=SKILL_AREAS,
    )
    frequency = RadioField(
        "How often do you want emails about new roles?",
        choices=ALERT_FREQUENCIES,
        validators=[InputRequired("Select how often you want emails about new roles")],
    )


def _no_addresses(text: str | None, what: str) -> None:
    if text and "@" in text:
        raise ValidationError(f"Remove the email address from {what}")
    if text and WEB_ADDRESS.search(text):
        raise ValidationError(f"Remove the web address from {what}")


class RecommendForm(BaseForm):
    sender_name = optional_text(
        "Your name (optional)",
        description="So they know who the email is from.",
        max_length=100,
        name_in_message="Your name",
    )
    email = required_text(
        "Their email address",
        field=EmailField,
        description="We will use it only to send this email, and will not keep it.",
        max_length=254,
        required_message="Enter the email address of the person you want to recommend",
        name_in_message="Their email address",
        validators=[Email("Enter an email address in the correct format, like name@example.com")],
    )
    message = optional_text(
        "A short message (optional)",
        field=TextAreaField,
        description="For example, why you think they would be good for this board.",
        max_length=MESSAGE_MAX,
        name_in_message="Your message",
        thousands_separator=False,
    )

    def validate_sender_name(self, field: Any) -> None:
        _no_addresses(field.data, "your name")

    def validate_message(self, field: Any) -> None:
        _no_addresses(field.data, "your message")
