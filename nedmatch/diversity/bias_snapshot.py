"""The bias audit frozen as plain values: what is published (the public summary keeps it
as JSON), printed (the PDF) and given as CSV. It holds only the audit's published figures,
the counts already through disclosure control and the rates and ratios worked out from
them, so whatever reads a snapshot can show no more than the audit's own downloads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from nedmatch import spreadsheets
from nedmatch.spreadsheets import Table

from .bias_audit import (
    COMPARED,
    HIGHEST,
    TOO_FEW,
    UNDER_2_PERCENT,
    UNKNOWN,
    BiasAudit,
    scoring_likelihood,
)
from .bias_exports import COLUMNS, audit_table, method_notes

Snapshot = dict[str, Any]
NAMES = tuple(c.title for c in COLUMNS)


def snapshot(audit: BiasAudit) -> Snapshot:
    """The audit's published figures as JSON-ready values."""
    likelihood = scoring_likelihood(audit)
    return {
        "sample": audit.sample,
        "above_median": audit.above_median,
        "threshold": audit.policy.threshold,
        "notes": method_notes(audit),
        "tables": [
            {
                "question": t.question,
                "title": t.title,
                "unknown": t.unknown,
            }
            for t in audit.tables
        ],
        "rows": [dict(zip(NAMES, row, strict=True)) for row in audit_table(audit).rows],
        "statuses": [c.status for t in audit.tables for c in t.categories],
        "likelihood": {
            "ratio": likelihood.ratio,
            "interval": list(likelihood.interval) if likelihood.interval else None,
            "white": list(likelihood.white) if likelihood.white else None,
            "minority": list(likelihood.minority) if likelihood.minority else None,
        },
    }


def snapshot_to_csv(figures: Snapshot) -> bytes:
    """The same CSV as the audit's own download, from the frozen figures."""
    table = Table(name="Bias audit", columns=list(COLUMNS))
    table.rows = [[row.get(name) for name in NAMES] for row in figures["rows"]]
    return spreadsheets.to_csv([table])


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    people: str
    above: str
    rate: float | None  # percent
    rate_low: float | None
    rate_high: float | None
    ratio: float | None
    ratio_low: float | None
    ratio_high: float | None
    status: str
    note: str

    @property
    def compared(self) -> bool:
        return self.status in (HIGHEST, COMPARED) and self.ratio is not None

    @property
    def left_out(self) -> bool:
        return self.status in (UNDER_2_PERCENT, TOO_FEW)


@dataclass(frozen=True, slots=True)
class Section:
    question: str
    title: str
    unknown: int | None
    categories: list[Category]

    def answers(self) -> list[Category]:
        return [c for c in self.categories if c.status != UNKNOWN]

    def unknown_rows(self) -> list[Category]:
        return [c for c in self.categories if c.status == UNKNOWN]

    def lowest(self) -> Category | None:
        compared = [c for c in self.categories if c.compared and c.status != HIGHEST]
        return min(compared, key=lambda c: (c.ratio or 0.0, c.label), default=None)

    def highest(self) -> Category | None:
        return next((c for c in self.categories if c.status == HIGHEST), None)

    def left_out(self) -> list[Category]:
        return [c for c in self.categories if c.left_out]


def _number(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def sections(figures: Mapping[str, Any]) -> Iterator[Section]:
    """The snapshot's tables, each with its categories, for a page or a PDF."""
    statuses = list(figures.get("statuses", []))
    rows = list(figures["rows"])
    for table in figures["tables"]:
        categories = []
        for index, row in enumerate(rows):
            if row["table"] != table["question"]:
                continue
            categories.append(
                Category(
                    key=str(row["category"]),
                    label=str(row["label"]),
                    people=str(row["people"]),
                    above=str(row["scored_above_median"]),
                    rate=_number(row["scoring_rate_percent"]),
                    rate_low=_number(row["scoring_rate_low_percent"]),
                    rate_high=_number(row["scoring_rate_high_percent"]),
                    ratio=_number(row["impact_ratio"]),
                    ratio_low=_number(row["impact_ratio_low"]),
                    ratio_high=_number(row["impact_ratio_high"]),
                    status=statuses[index] if index < len(statuses) else "",
                    note=str(row["note"] or ""),
                )
            )
        yield Section(table["question"], table["title"], table["unknown"], categories)


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def reading(section: Section) -> list[str]:
    """The table in plain English: the highest scoring rate, the lowest impact ratio, the
    categories left out and the unknowns, from the published figures only."""
    lines = []
    highest, lowest = section.highest(), section.lowest()
    if highest is None:
        lines.append("No category had enough people scored to compare scoring rates.")
    else:
        lines.append(
            f"Highest scoring rate: {highest.label}, where {_pct(highest.rate)} scored above "
            "the median. The other categories' impact ratios compare with it."
        )
    if lowest is not None and lowest.ratio is not None:
        interval = (
            f" (95% confidence interval {lowest.ratio_low:.2f} to {lowest.ratio_high:.2f})"
            if lowest.ratio_low is not None and lowest.ratio_high is not None
            else ""
        )
        concern = (
            " It is under 0.80, so it is worth looking into."
            if lowest.ratio < 0.8
            else " No impact ratio is under 0.80."
        )
        lines.append(
            f"Lowest impact ratio: {lowest.label}, {lowest.ratio:.2f}{interval}, from a "
            f"scoring rate of {_pct(lowest.rate)}.{concern}"
        )
    left_out = section.left_out()
    if left_out:
        listed = "; ".join(f"{c.label} ({c.people} scored)" for c in left_out)
        lines.append(
            f"Left out of the impact ratios, as too few or under 2% of those scored: {listed}."
        )
    unknown = "withheld" if section.unknown is None else f"{section.unknown:,}"
    lines.append(f"Category unknown (not given, or prefer not to say): {unknown}.")
    return lines
