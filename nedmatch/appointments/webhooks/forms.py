from __future__ import annotations

from typing import Any

from wtforms import URLField
from wtforms.validators import DataRequired, ValidationError

from ...forms_common import BaseForm, CheckboxesField, required_text
from ...models import WEBHOOK_EVENTS
from ...services.webhooks.addresses import URL_MAX, AddressError, check_url
from ...services.webhooks.subscriptions import NAME_MAX


class SubscriptionForm(BaseForm):
    name = required_text(
        "Name",
        max_length=NAME_MAX,
        required_message="Enter a name, such as the system that will receive the events",
        name_in_message="Name",
    )
    url = required_text(
        "Address to send events to",
        field=URLField,
        max_length=URL_MAX,
        required_message="Enter the address to send events to",
        name_in_message="Address",
    )
    events = CheckboxesField(
        "Which events?",
        choices=WEBHOOK_EVENTS,
        default=list(WEBHOOK_EVENTS),
        validators=[DataRequired("Choose at least one event to send")],
    )

    def validate_url(self, field: Any) -> None:
        """The address's form, said beside the field with the others' errors."""
        if field.data:
            try:
                check_url(field.data)
            except AddressError as error:
                raise ValidationError(str(error)) from error


class ConfirmForm(BaseForm):
    """A button that is the whole form (and its CSRF token): pause, resume, delete, test,
    redeliver."""
