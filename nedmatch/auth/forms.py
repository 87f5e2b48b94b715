from __future__ import annotations

from wtforms import EmailField, PasswordField
from wtforms.validators import Email

from ..forms_common import BaseForm, required_text
from ..services.platform.passwords import MAX_LENGTH


class SignInForm(BaseForm):
    email = required_text(
        "Email address",
        field=EmailField,
        max_length=254,
        required_message="Enter your email address",
        name_in_message="Email address",
        validators=[Email("Enter an email address in the correct format, like name@nhs.net")],
    )
    password = required_text(
        "Password",
        field=PasswordField,
        max_length=MAX_LENGTH,
        required_message="Enter your password",
        name_in_message="Password",
    )


class UnlockForm(BaseForm):
    """The confirmation: the button is the whole form (and its CSRF token)."""
