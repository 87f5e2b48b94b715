"""The import's forms: the file to upload, and the choice about duplicates."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, ValidationError

from ...forms_common import BaseForm, required_text


class UploadForm(BaseForm):
    people = FileField(
        "The file of people",
        description="A CSV or Excel (.xlsx) file, one person a row, with a header row. "
        "Download the template to see the columns.",
    )
    cvs = FileField(
        "CVs (optional)",
        description="A ZIP of PDF or Word files, named in the file's 'CV file' column.",
    )
    consent_source = required_text(
        "Where the people agreed to be in the talent pool",
        description="This is recorded against each person, for example "
        "'Regional talent list, consent forms signed 2025'.",
        max_length=250,
        required_message="Say where the people agreed to be in the talent pool",
        name_in_message="Where they agreed",
    )
    tell_people = BooleanField(
        "Email each person added to tell them, with how to see their details or leave "
        "(the law says people must be told within a month)",
        default=True,
    )

    def validate_people(self, field: Any) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Choose the file of people to import")
        name = field.data.filename.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError("The file must be a CSV or an Excel workbook (.xlsx)")

    def validate_cvs(self, field: Any) -> None:
        if field.data and getattr(field.data, "filename", ""):
            if not field.data.filename.lower().endswith(".zip"):
                raise ValidationError("The CVs must be in a ZIP file")


class ConfirmImportForm(BaseForm):
    duplicates = RadioField(
        "People who may already be in the pool",
        choices={
            "skip": "Skip them: leave the people already in the pool as they are",
            "merge": "Merge them: fill in what the person's record is missing, and add skill "
            "areas (their own answers, email and consent are never changed)",
        },
        default="skip",
    )
