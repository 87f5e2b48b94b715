"""The forms for offering an interview time and cancelling one."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from wtforms import RadioField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired

from ...forms_common import BaseForm, DateInputField, optional_text, required_text
from ...models import INTERVIEW_MODES
from ...services.interviews.slots import MAX_CAPACITY, MAX_MINUTES
from ...services.interviews.times import parse_time


def _whole_number(text: str) -> int | None:
    value = text.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else None


class SlotForm(BaseForm):
    day = DateInputField(
        "Date",
        description="For example, 2 12 2026",
        required_message="Enter the date of the interview",
        name_in_message="Date of the interview",
    )
    start = required_text(
        "Start time",
        description="UK time. For example, 9:30am or 2pm",
        max_length=20,
        required_message="Enter the start time",
        name_in_message="Start time",
    )
    minutes = StringField(
        "Length",
        default="60",
        validators=[DataRequired("Enter how long the interview lasts, in minutes")],
    )
    mode = RadioField(
        "How will the interview be held?",
        choices=dict(INTERVIEW_MODES),
        validators=[DataRequired("Select in person or video call")],
    )
    place = required_text(
        "Address or video call link",
        field=TextAreaField,
        description="In person: the full address, with the building and room. Video call: "
        "the link to join, starting https://",
        max_length=1000,
        required_message="Enter the address, or the link to join the video call",
        name_in_message="The address or link",
    )
    instructions = optional_text(
        "Instructions for the candidate (optional)",
        field=TextAreaField,
        description="For example, who to ask for at reception, what to bring, or how to join "
        "the call by phone",
        max_length=2000,
        name_in_message="Instructions",
    )
    capacity = StringField(
        "Number of places",
        default="1",
        description="Usually 1: one candidate at this time",
        validators=[DataRequired("Enter the number of places")],
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        self.start_time: time | None = None

    def validate_day(self, field: DateInputField) -> None:
        if field.data is not None and field.data < self.today:
            raise ValidationError("Date of the interview must be today or in the future")

    def validate_start(self, field: Any) -> None:
        try:
            self.start_time = parse_time(field.data or "")
        except ValueError:
            raise ValidationError(
                "Enter the start time as a time of day, like 9:30am, 2pm or 14:30"
            ) from None

    def validate_minutes(self, field: Any) -> None:
        value = _whole_number(field.data or "")
        if value is None or not 5 <= value <= MAX_MINUTES:
            raise ValidationError(
                f"Length must be a number of minutes between 5 and {MAX_MINUTES}, like 60"
            )

    def validate_capacity(self, field: Any) -> None:
        value = _whole_number(field.data or "")
        if value is None or not 1 <= value <= MAX_CAPACITY:
            raise ValidationError(
                f"Number of places must be a whole number from 1 to {MAX_CAPACITY}"
            )

    def validate_place(self, field: Any) -> None:
        if self.mode.data == "video" and not (field.data or "").startswith("https://"):
            raise ValidationError("Enter the link to join the video call, starting https://")

    @property
    def minutes_value(self) -> int:
        return _whole_number(self.minutes.data or "") or 0

    @property
    def capacity_value(self) -> int:
        return _whole_number(self.capacity.data or "") or 0


class CancelSlotForm(BaseForm):
    reason = optional_text(
        "Reason (optional)",
        field=TextAreaField,
        description="We send it to the candidates booked at this time, with a link to choose "
        "another time.",
        max_length=1000,
        name_in_message="Reason",
    )
