"""The form for one stage message's wording."""

from __future__ import annotations

from wtforms import StringField, TextAreaField

from ...forms_common import BaseForm
from ...forms_common import strip_text as _strip

# Which button was pressed: see the wording filled in, keep it, or go back to the default.
ACTIONS = ("preview", "save", "reset")


class MessageTemplateForm(BaseForm):
    # Length and placeholders are judged by services.messages.wording.check, whose messages
    # say which placeholder is wrong and which are allowed.
    subject = StringField("Subject", filters=[_strip])
    body = TextAreaField(
        "Message",
        description="Placeholders in braces are filled in for each candidate; write {{ or }} "
        "for a brace on its own.",
    )
