"""The candidate's interview form: a time, and the adjustments they need."""

from __future__ import annotations

from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms_common import BaseForm, optional_text, record_id
from ..services.interviews.adjustments import ADJUSTMENTS, DETAIL_MAX


class ChooseTimeForm(BaseForm):
    # The choices are the times free when the page is shown; the booking itself judges
    # whether the chosen one is still free, and says so if it is not.
    slot = RadioField(
        "Choose a time",
        choices=[],
        validate_choice=False,
        validators=[DataRequired("Select an interview time")],
    )
    adjustments = SelectMultipleField(
        "Do you need any of these adjustments?",
        choices=dict(ADJUSTMENTS),
        description="Select all that apply. If you need none, leave them all unselected.",
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    detail = optional_text(
        "Anything else we should arrange for you (optional)",
        field=TextAreaField,
        description="For example, a parking space near the entrance, or a quiet room to wait "
        "in. The appointments team and the panel's organisers see this; it is not used to "
        "judge your interview.",
        max_length=DETAIL_MAX,
        name_in_message="What you need",
    )

    @property
    def slot_id(self) -> int | None:
        return record_id(self.slot.data)
