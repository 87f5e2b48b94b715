from __future__ import annotations

from typing import Any

from wtforms import EmailField, PasswordField
from wtforms.validators import Email, EqualTo

from ..forms_common import BaseForm, required_text
from ..services.platform.passwords import MAX_LENGTH, MIN_LENGTH


def _email_field() -> Any:
    return required_text(
        "Email address",
        field=EmailField,
        max_length=254,
        required_message="Enter your email address",
        name_in_message="Email address",
        validators=[Email("Enter an email address in the correct format, like name@nhs.net")],
    )


class SignInForm(BaseForm):
    email = _email_field()
    password = required_text(
        "Password",
        field=PasswordField,
        max_length=MAX_LENGTH,
        required_message="Enter your password",
        name_in_message="Password",
    )


class UnlockForm(BaseForm):
    """The confirmation: the button is the whole form (and its CSRF token)."""


class ForgottenPasswordForm(BaseForm):
    email = _email_field()


class NewPasswordForm(BaseForm):
    """The password rules of every team password (services/platform/passwords.py)."""

    password = required_text(
        "New password",
        field=PasswordField,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        required_message="Enter a new password",
        too_long=f"Password must be between {MIN_LENGTH} and {MAX_LENGTH} characters",
    )
    confirm = required_text(
        "Confirm new password",
        field=PasswordField,
        max_length=MAX_LENGTH,
        required_message="Enter your new password again",
        too_long=f"Password must be between {MIN_LENGTH} and {MAX_LENGTH} characters",
        validators=[
            EqualTo("password", "The passwords do not match. Enter the same password twice")
        ],
    )
