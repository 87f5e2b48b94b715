"""Benchmarks: how the pool compares with a reference population.

England's Census 2021 figures ship as the default so a report always has a benchmark;
an administrator can load another (a region's census figures, the NHS workforce) from
a CSV file with the columns ``question,answer,percent`` and ``#`` comment lines that
state the source.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .records import report_questions
from .tables import QuestionTable

DEFAULT_REFERENCE_FILE = "census2021_england.csv"


@dataclass(frozen=True, slots=True)
class Reference:
    """Percentages of a reference population, by question and answer."""

    name: str
    source: str
    percents: dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    question: str
    answer: str
    label: str
    stage: str
    reference_percent: float
    observed_percent: float | None  # of those in scope who declared; None if hidden
    difference: float | None  # percentage points, observed minus reference


def parse_reference(text: str, name: str) -> Reference:
    """Read reference figures, checking them so a bad upload fails with a clear message."""
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO(body))
    if reader.fieldnames is None or not {"question", "answer", "percent"} <= set(reader.fieldnames):
        raise ValueError("The reference file needs the columns question, answer and percent.")
    questions = report_questions()
    percents: dict[str, dict[str, float]] = {}
    for line_no, row in enumerate(reader, start=2):
        question, answer = row["question"].strip(), row["answer"].strip()
        if question not in questions:
            raise ValueError(f"Line {line_no}: unknown question {question!r}.")
        if answer not in questions[question][1]:
            raise ValueError(f"Line {line_no}: unknown answer {answer!r} for {question}.")
        try:
            value = float(row["percent"])
        except ValueError:
            raise ValueError(f"Line {line_no}: percent must be a number.") from None
        if not 0 <= value <= 100:
            raise ValueError(f"Line {line_no}: percent must be between 0 and 100.")
        percents.setdefault(question, {})[answer] = value
    if not percents:
        raise ValueError("The reference file has no figures.")
    for question, shares in percents.items():
        if abs(sum(shares.values()) - 100) > 0.5:
            raise ValueError(
                f"The percentages for {question} add up to {sum(shares.values()):.1f}, "
                "not 100: give every answer, as a percentage of those who answered."
            )
    return Reference(name=name, source=" ".join(comments) or "Source not stated", percents=percents)


def load_reference(path: str | Path) -> Reference:
    """Load an administrator's reference population from a CSV file."""
    path = Path(path)
    return parse_reference(path.read_text(encoding="utf-8-sig"), name=path.stem)


def default_reference() -> Reference:
    """England, usual residents, Census 2021: sex, ethnic group and disability."""
    text = (
        resources.files(__package__)
        .joinpath("data", DEFAULT_REFERENCE_FILE)
        .read_text(encoding="utf-8")
    )
    return parse_reference(text, name="England, Census 2021")


def compare_with_reference(
    tables: list[QuestionTable], reference: Reference, stage: str = "pool"
) -> list[BenchmarkRow]:
    """Observed share of each answer among those who declared, against the reference."""
    by_question = {t.question: t for t in tables}
    rows: list[BenchmarkRow] = []
    for question, shares in reference.percents.items():
        table = by_question.get(question)
        if table is None:
            continue
        for answer, expected in shares.items():
            row = table.row(answer)
            observed = row.cells[stage].percent_of_declared
            rows.append(
                BenchmarkRow(
                    question=question,
                    answer=answer,
                    label=row.label,
                    stage=stage,
                    reference_percent=expected,
                    observed_percent=observed,
                    difference=None if observed is None else observed - expected,
                )
            )
    return rows
