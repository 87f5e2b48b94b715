from __future__ import annotations

from wtforms import RadioField

from ...forms_common import BaseForm, required_text
from ...models import API_SCOPES
from ...services.platform.api_tokens import NAME_MAX


class TokenForm(BaseForm):
    name = required_text(
        "Name",
        max_length=NAME_MAX,
        required_message="Enter a name for the token, such as the system that will use it",
        name_in_message="Name",
    )
    scope = RadioField(
        "What may it do?",
        choices=dict(API_SCOPES),
        default="reviewer",
        validate_choice=True,
    )


class RevokeForm(BaseForm):
    """The confirmation: the button is the whole form (and its CSRF token)."""
