"""The bias audit as one tidy table, for CSV and XLSX through the one table writer."""

from __future__ import annotations

from collections.abc import Sequence

from nedmatch import spreadsheets
from nedmatch.spreadsheets import Column, Note, Table

from .bias_audit import (
    COMPARED,
    HIGHEST,
    MIN_SHARE,
    TOO_FEW,
    UNDER_2_PERCENT,
    UNKNOWN,
    BiasAudit,
    CategoryResult,
)
from .disclosure import DisclosurePolicy


def status_text(category: CategoryResult, policy: DisclosurePolicy) -> str:
    """What a category's row says about its impact ratio, in words."""
    return {
        HIGHEST: "Highest scoring rate: the other categories are compared with it",
        COMPARED: "",
        UNDER_2_PERCENT: f"Under {MIN_SHARE:.0%} of the sample: left out of the impact ratios",
        TOO_FEW: f"Fewer than {policy.threshold}: no rate is given",
        UNKNOWN: "Category unknown: counted, not compared",
    }[category.status]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _percent(value: float | None) -> float | None:
    """A share as a percentage: the table writer keeps two decimals."""
    return None if value is None else round(100 * value, 2)


def method_notes(audit: BiasAudit) -> list[str]:
    policy = audit.policy
    return [
        "Scoring rate: the share of the category scoring above the median score of the "
        "whole sample. Impact ratio: the category's scoring rate divided by the highest "
        "category's.",
        "95% confidence intervals: Wilson's for scoring rates; Katz's log interval for "
        "impact ratios.",
        f"Counts below {policy.threshold} are shown as <{policy.threshold}; other counts "
        "have a little fixed noise added (at most 2 either way), so rows need not add up. "
        "Rates and ratios are worked out from the published counts.",
    ]


PERCENT = "0.00"
COLUMNS: tuple[Column, ...] = (
    Column("table", 22),
    Column("category", 24),
    Column("label", 44),
    Column("people", 10),
    Column("scored_above_median", 12),
    Column("share_of_sample_percent", 10, PERCENT),
    Column("scoring_rate_percent", 10, PERCENT),
    Column("scoring_rate_low_percent", 10, PERCENT),
    Column("scoring_rate_high_percent", 10, PERCENT),
    Column("impact_ratio", 10, "0.00"),
    Column("impact_ratio_low", 10, "0.00"),
    Column("impact_ratio_high", 10, "0.00"),
    Column("note", 44),
)


def audit_table(audit: BiasAudit, notes: Sequence[Note] = ()) -> Table:
    policy = audit.policy
    table = Table(
        name="Bias audit",
        title="Bias audit of the matching model",
        notes=[
            *notes,
            Note(f"{audit.sample:,}", label="People scored"),
            Note(f"{audit.above_median:,}", label="Scored above the median"),
            *(
                Note(
                    f"{t.unknown:,}" if t.unknown is not None else "withheld",
                    label=f"Unknown: {t.title.lower()}",
                )
                for t in audit.tables
            ),
            *(Note(text) for text in method_notes(audit)),
            Note(""),
        ],
        columns=list(COLUMNS),
        frozen_columns=3,
    )
    for bias_table in audit.tables:
        for c in bias_table.categories:
            low, high = c.rate_interval or (None, None)
            r_low, r_high = c.ratio_interval or (None, None)
            table.rows.append(
                [
                    bias_table.question,
                    c.key,
                    c.label,
                    c.people.display(policy),
                    c.above.display(policy),
                    _percent(c.share),
                    _percent(c.rate),
                    _percent(low),
                    _percent(high),
                    _round(c.impact_ratio),
                    _round(r_low),
                    _round(r_high),
                    status_text(c, policy),
                ]
            )
    return table


def audit_to_csv(audit: BiasAudit) -> bytes:
    return spreadsheets.to_csv([audit_table(audit)])


def audit_to_xlsx(audit: BiasAudit, notes: Sequence[Note] = ()) -> bytes:
    return spreadsheets.to_xlsx([audit_table(audit, notes)])
