from __future__ import annotations

from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length

from ..forms_common import BaseForm
from ..services.platform.passwords import MAX_LENGTH


class SignInForm(BaseForm):
    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the correct format, like name@nhs.net"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Enter your password"),
            Length(max=MAX_LENGTH, message=f"Password must be {MAX_LENGTH} characters or fewer"),
        ],
    )


class UnlockForm(BaseForm):
    """The confirmation: the button is the whole form (and its CSRF token)."""
