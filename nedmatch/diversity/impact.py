"""Adverse impact: does any stage of selection, or the ranking, disadvantage a group?

Every figure here is computed from the *published* counts, never the raw ones, so a
selection rate, ratio or p-value cannot reveal a count that disclosure control hid.
Where a count is hidden, or a group is too small for a ratio to mean anything, the
result says so in words instead of printing a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from scipy.special import gammaln

from .records import DECLARED, STAGE_LABELS
from .tables import QuestionTable

# Consecutive selection steps, plus the step the NHS Workforce Race Equality Standard uses.
TRANSITIONS: Final[tuple[tuple[str, str], ...]] = (
    ("applied", "longlisted"),
    ("longlisted", "shortlisted"),
    ("shortlisted", "interviewed"),
    ("interviewed", "appointed"),
    ("shortlisted", "appointed"),
)
# The detailed tables are analysed through their groupings, which have usable numbers.
SKIP_FOR_IMPACT: Final[frozenset[str]] = frozenset({"ethnicity", "parent_occupation"})
FOUR_FIFTHS: Final = 0.8
SIGNIFICANCE: Final = 0.05
# Practitioners read a relative likelihood between these as no adverse impact
# (a convention, not official guidance; see shared/DOMAIN.md).
NO_IMPACT_BAND: Final = (0.80, 1.25)


@dataclass(frozen=True, slots=True)
class GroupImpact:
    """One group's passage through one selection step, compared with the best-treated group."""

    question: str
    group: str
    label: str
    from_stage: str
    to_stage: str
    considered: int | None
    selected: int | None
    rate: float | None
    ratio_to_highest: float | None
    p_value: float | None
    adverse: bool
    reading: str


@dataclass(frozen=True, slots=True)
class RelativeLikelihood:
    """WRES indicator 2 style: White vs ethnic minority, appointed from shortlisting."""

    white_shortlisted: int | None
    white_appointed: int | None
    minority_shortlisted: int | None
    minority_appointed: int | None
    ratio: float | None
    p_value: float | None
    reading: str


def _p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


# Tables whose probability is within this relative distance of the observed one count as
# "as likely" (R's fisher.test uses the same tolerance; it absorbs rounding in the logs).
FISHER_TIE: Final = 1e-7


def _log_choose(n: int | np.ndarray, k: np.ndarray) -> np.ndarray:
    return np.asarray(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))


def fisher_two_sided(table: Sequence[Sequence[int]]) -> float:
    """Fisher's exact test on a 2x2 table, two-sided: the probability, with the margins
    fixed, of a table no more likely than the one observed.

    The same p-value as ``scipy.stats.fisher_exact(table).pvalue`` to nine significant
    figures (tests compare the two over many tables), from the hypergeometric log
    probabilities of every possible table at once. scipy calls its distribution a dozen
    times per table, which made Fisher's test a quarter of a whole report's time at
    100,000 applications; this is 2 to 40 times quicker per table.
    """
    (a, b), (c, d) = table
    if min(a + b, c + d, a + c, b + d) == 0:
        return 1.0  # a margin of zero: only one table is possible
    total, first_row, first_column = a + b + c + d, a + b, a + c
    low, high = max(0, first_row + first_column - total), min(first_row, first_column)
    cell = np.arange(low, high + 1, dtype=float)
    log_p = (
        _log_choose(first_column, cell)
        + _log_choose(total - first_column, first_row - cell)
        - _log_choose(total, np.array(first_row, dtype=float))
    )
    observed = log_p[a - low]
    return min(1.0, float(np.exp(log_p[log_p <= observed + FISHER_TIE]).sum()))


def _fisher(a_sel: int, a_all: int, b_sel: int, b_all: int) -> float:
    # Rounded counts can make "selected" exceed "considered"; the test needs a valid table.
    a_sel, b_sel = min(a_sel, a_all), min(b_sel, b_all)
    return fisher_two_sided([[a_sel, a_all - a_sel], [b_sel, b_all - b_sel]])


def transition_impact(
    table: QuestionTable,
    from_stage: str,
    to_stage: str,
    min_group_size: int = 10,
) -> list[GroupImpact]:
    """Selection rate, four-fifths ratio and Fisher's exact test for each answer group."""
    facts: list[tuple[str, str, int | None, int | None, float | None]] = []
    for row in table.answer_rows():
        considered = row.cells[from_stage].count.value
        selected = row.cells[to_stage].count.value
        rate = None
        if considered is not None and selected is not None and considered > 0:
            # Rounded counts can cross; a rate above 1 would only confuse.
            rate = min(1.0, selected / considered)
        facts.append((row.key, row.label, considered, selected, rate))

    comparable = [
        f for f in facts if f[4] is not None and f[2] is not None and f[2] >= min_group_size
    ]
    best = max(comparable, key=lambda f: f[4] or 0.0) if comparable else None
    step = f"{STAGE_LABELS.get(from_stage, from_stage)} to {STAGE_LABELS.get(to_stage, to_stage)}"
    results: list[GroupImpact] = []
    for key, label, considered, selected, rate in facts:
        ratio = p_value = None
        adverse = False
        if considered is None or selected is None:
            reading = "Not shown: the numbers are too small to publish."
            rate = None
        elif considered == 0:
            reading = f"Nobody in this group reached the {from_stage} stage."
        elif considered < min_group_size:
            reading = (
                f"Too few in this group ({considered}, fewer than {min_group_size}) "
                "for a meaningful comparison."
            )
        elif best is None or not best[4]:
            reading = "No group was selected at this step, so there is nothing to compare."
        elif key == best[0]:
            reading = "Highest selection rate at this step: the point of comparison."
        elif rate is not None and best[2] is not None and best[3] is not None:
            ratio = rate / best[4]
            p_value = _fisher(selected, considered, best[3], best[2])
            significant = p_value < SIGNIFICANCE
            if ratio >= FOUR_FIFTHS:
                reading = (
                    f"No adverse impact by the four-fifths rule: selected at {ratio:.0%} "
                    f"of the rate of the highest group ({best[1]})."
                )
            elif significant:
                adverse = True
                reading = (
                    f"Adverse impact: selected at {ratio:.0%} of the rate of {best[1]}, and "
                    f"Fisher's exact test ({_p_text(p_value)}) says a gap this large is "
                    "unlikely to be chance alone. Review this step."
                )
            else:
                reading = (
                    f"Below four-fifths of the rate of {best[1]} ({ratio:.0%}), but with "
                    f"these numbers the gap could be chance ({_p_text(p_value)}). "
                    "Keep watching this step."
                )
        else:  # pragma: no cover - every published group with enough people has a rate
            reading = "Not compared."
        results.append(
            GroupImpact(
                question=table.question,
                group=key,
                label=label,
                from_stage=from_stage,
                to_stage=to_stage,
                considered=considered,
                selected=selected,
                rate=rate,
                ratio_to_highest=ratio,
                p_value=p_value,
                adverse=adverse,
                reading=f"{step}: {reading}",
            )
        )
    return results


def selection_impact(
    tables: Sequence[QuestionTable],
    transitions: Sequence[tuple[str, str]] = TRANSITIONS,
    min_group_size: int = 10,
) -> list[GroupImpact]:
    """Adverse impact for every reported question and selection step."""
    results: list[GroupImpact] = []
    for table in tables:
        if table.question in SKIP_FOR_IMPACT:
            continue
        for from_stage, to_stage in transitions:
            if from_stage in table.stages and to_stage in table.stages:
                results.extend(transition_impact(table, from_stage, to_stage, min_group_size))
    return results


def _minority(table: QuestionTable, stage: str) -> int | None:
    """Ethnic minority count from published figures only: declared minus White, or the
    sum of the four minority groups if those are all published."""
    declared = table.row(DECLARED).cells[stage].count.value
    white = table.row("white").cells[stage].count.value
    if declared is not None and white is not None:
        return max(0, declared - white)
    groups = [r.cells[stage].count.value for r in table.answer_rows() if r.key != "white"]
    if all(v is not None for v in groups):
        return sum(v for v in groups if v is not None)
    return None


def relative_likelihood(
    ethnic_group_table: QuestionTable, min_group_size: int = 10
) -> RelativeLikelihood:
    """How many times more likely White shortlisted candidates were to be appointed than
    ethnic minority shortlisted candidates (1.0 means equally likely)."""
    white = ethnic_group_table.row("white")
    ws = white.cells["shortlisted"].count.value
    wa = white.cells["appointed"].count.value
    ms = _minority(ethnic_group_table, "shortlisted")
    ma = _minority(ethnic_group_table, "appointed")

    def result(
        reading: str, ratio: float | None = None, p: float | None = None
    ) -> RelativeLikelihood:
        return RelativeLikelihood(ws, wa, ms, ma, ratio, p, reading)

    if ws is None or wa is None or ms is None or ma is None:
        return result("Not shown: the numbers are too small to publish.")
    if ws < min_group_size or ms < min_group_size:
        return result(
            f"Too few White or ethnic minority candidates were shortlisted (fewer than "
            f"{min_group_size} in a group) for a meaningful relative likelihood."
        )
    p = _fisher(wa, ws, ma, ms)
    white_rate, minority_rate = wa / ws, ma / ms
    if minority_rate == 0:
        if white_rate == 0:
            return result("Nobody was appointed from shortlisting.", None, p)
        return result(
            "No ethnic minority shortlisted candidate was appointed, so the relative "
            f"likelihood cannot be computed (Fisher's exact test {_p_text(p)}).",
            None,
            p,
        )
    ratio = white_rate / minority_rate
    low, high = NO_IMPACT_BAND
    chance = (
        f"Fisher's exact test ({_p_text(p)}) says a difference this large is unlikely to be "
        "chance alone."
        if p < SIGNIFICANCE
        else f"With these numbers the difference could be chance ({_p_text(p)})."
    )
    if low <= ratio <= high:
        reading = (
            f"Relative likelihood {ratio:.2f}: within {low:.2f} to {high:.2f}, read by "
            "practitioners as no adverse impact."
        )
    elif ratio > high:
        reading = (
            f"Relative likelihood {ratio:.2f}: White shortlisted candidates were {ratio:.2f} "
            f"times as likely to be appointed as ethnic minority shortlisted candidates. {chance}"
        )
    else:
        reading = (
            f"Relative likelihood {ratio:.2f}: ethnic minority shortlisted candidates were "
            f"more likely to be appointed than White shortlisted candidates. {chance}"
        )
    return result(reading, ratio, p)
