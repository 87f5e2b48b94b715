"""The files an import gives the team: a template with every column and an example row,
and the list of rows with problems or duplicates, to fix and upload again."""

from __future__ import annotations

from typing import Any

from ...spreadsheets import Column, Table, to_csv, to_xlsx
from .columns import COLUMNS

EXAMPLE = {
    "email": "sam.example@example.com",
    "first_name": "Sam",
    "last_name": "Example",
    "phone": "07700 900123",
    "postcode": "LS1 4AP",
    "region": "North East and Yorkshire",
    "current_role": "Finance director, a housing association",
    "career_summary": "Chartered accountant with 15 years in finance leadership.",
    "skill_areas": "Accountancy; Audit and risk; Finance",
    "board_experience": "Board member of a non-NHS organisation (company, charity, public body)",
    "availability": "3 to 5 days a month",
    "willing_challenged": "yes",
    "consent_to_match": "yes",
    "cv_file": "sam-example-cv.pdf",
}


def example(kind: str) -> tuple[bytes, str]:
    table = Table(
        name="People",
        columns=[Column(c.label + (" (required)" if c.required else ""), 24) for c in COLUMNS],
        rows=[[EXAMPLE[c.name] for c in COLUMNS]],
    )
    if kind == "xlsx":
        return (
            to_xlsx([table]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return to_csv([table]), "text/csv; charset=utf-8"


def problems_table(rows: list[dict[str, Any]]) -> Table:
    return Table(
        name="Rows to fix",
        columns=[Column("Row", 6), Column("Name", 24), Column("Problem", 80)],
        rows=[
            [r["row"], r["name"], problem]
            for r in rows
            for problem in (r["problems"] or [f"Possible duplicate: {r['duplicate']}"])
        ],
    )
