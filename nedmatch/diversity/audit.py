"""Model audit: does the ranking's top N under-select any group?

The ranking never sees monitoring answers (DPA 2018 Sch. 1 para 8), so this audit is
the only place the two meet, and only in aggregate: the top N of a ranking is treated
as a selection step from everyone ranked and given the same protected tables and
adverse impact analysis as the stages of a campaign.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .disclosure import CellId, DisclosurePolicy, ShownCount
from .impact import SKIP_FOR_IMPACT, GroupImpact, transition_impact
from .records import answer_for, report_questions
from .tables import ALL, QuestionTable, RawCounts, publish_tables

RANKED, TOP = "ranked", "top"
APPLIED = "applied"  # the campaign report's stage that holds the same people as RANKED
AUDIT_STAGES: tuple[str, ...] = (RANKED, TOP)


@dataclass(frozen=True, slots=True)
class GroupRate:
    question: str
    group: str
    selection_rate: float | None  # share of the group's ranked candidates in the top N


@dataclass(frozen=True, slots=True)
class ModelAudit:
    top_n: int
    ranked: int
    tables: list[QuestionTable]
    impact: list[GroupImpact]
    rates: list[GroupRate]
    # The demographic parity ratio (lowest group rate / highest), from published figures,
    # where every group's counts are published; None otherwise.
    parity_ratio: dict[str, float | None]


def _published_rates(rates: Mapping[str, float]) -> float | None:
    """The demographic parity ratio (fairlearn's ``between_groups`` ratio: the lowest
    group selection rate over the highest) of rates worked out from published figures."""
    if not rates:
        return None
    highest = max(rates.values())
    return min(rates.values()) / highest if highest > 0 else None


def _as_ranked(published: Mapping[CellId, ShownCount]) -> dict[CellId, ShownCount]:
    """A campaign report's Applied column, keyed as the audit's ranked column."""
    return {
        (question, row, RANKED): shown
        for (question, row, stage), shown in published.items()
        if stage == APPLIED
    }


def check_same_people(raw: RawCounts, given: Mapping[CellId, ShownCount]) -> None:
    """The report's exact figures must be the audit's own: anything else means the
    ranking covered other people than the report's applicants."""
    for (question, row, _), shown in given.items():
        if not shown.exact:
            continue
        if question == ALL:
            actual = raw.totals[0]
        elif row in raw.counts.get(question, {}):
            actual = raw.counts[question][row][0]
        else:
            continue
        if actual != shown.value:
            raise ValueError(
                "The ranking and the report cover different people, so the audit cannot "
                "be published beside the report."
            )


def audit_ranking(
    ranked: Sequence[tuple[Mapping[str, str], int]],
    top_n: int,
    policy: DisclosurePolicy | None = None,
    questions: Sequence[str] | None = None,
    min_group_size: int = 10,
    published: Mapping[CellId, ShownCount] | None = None,
    record_keys: Sequence[int] | None = None,
) -> ModelAudit:
    """Compare the top ``top_n`` (by rank, 1 is best) with everyone ranked.

    When everyone ranked is exactly a campaign's applicants, pass the figures that
    campaign's report published (``publish_tables``' second result, same policy) as
    ``published``: the ranked column is then shown exactly as the report's Applied
    column, and only the top N is protected here, against both. Otherwise a reader
    holding the report and the audit could set two different protections of the same
    counts side by side and work out a withheld one.

    ``record_keys`` (one per ranked person, 0 to 255) are the people's cell keys, for
    the cell-key method: the same as the report's, so the ranked column gets the same
    noise as the report's Applied column. Selection rates and the parity ratio are worked
    out from the published figures only, never from the exact counts.
    """
    if top_n < 1:
        raise ValueError("The number of top candidates to audit must be 1 or more.")
    policy = policy or DisclosurePolicy()
    wanted = list(questions) if questions is not None else list(report_questions())
    in_top = [1 if rank <= top_n else 0 for _, rank in ranked]
    counts: dict[str, dict[str, list[int]]] = {}
    all_questions = report_questions()
    from .records import DERIVED_QUESTIONS

    needed = list(wanted)
    for question in wanted:
        derived = DERIVED_QUESTIONS.get(question)
        if derived is not None and derived.source not in needed:
            needed.append(derived.source)
    row_groups: dict[str, list[str]] = {}
    for question in needed:
        rows = [*all_questions[question][1], "prefer-not-to-say", "not-declared"]
        tally: Counter[tuple[str, int]] = Counter()
        answers_for_q = [answer_for(answers, question) for answers, _ in ranked]
        row_groups[question] = answers_for_q
        for answer, top in zip(answers_for_q, in_top, strict=True):
            tally[(answer, top)] += 1
        counts[question] = {
            row: [tally[(row, 0)] + tally[(row, 1)], tally[(row, 1)]] for row in rows
        }
    key_sums: dict[str, dict[str, list[int]]] | None = None
    total_key_sums: list[int] | None = None
    if record_keys is not None:
        if len(record_keys) != len(ranked):
            raise ValueError("Give one record key per ranked person.")
        keys = [int(k) for k in record_keys]
        total_key_sums = [sum(keys), sum(k for k, top in zip(keys, in_top, strict=True) if top)]
        key_sums = {}
        for question in needed:
            sums: Counter[tuple[str, int]] = Counter()
            for answer, top, key in zip(row_groups[question], in_top, keys, strict=True):
                sums[(answer, top)] += key
            key_sums[question] = {
                row: [sums[(row, 0)] + sums[(row, 1)], sums[(row, 1)]] for row in counts[question]
            }
    raw = RawCounts(
        counts=counts,
        totals=[len(ranked), sum(in_top)],
        pool_nested=True,
        stages=AUDIT_STAGES,
        key_sums=key_sums,
        total_key_sums=total_key_sums,
    )
    given = _as_ranked(published) if published is not None else None
    if given:
        check_same_people(raw, given)
    tables, _ = publish_tables(raw, policy, wanted, given=given)
    impact: list[GroupImpact] = []
    rates: list[GroupRate] = []
    parity: dict[str, float | None] = {}
    for table in tables:
        if table.question in SKIP_FOR_IMPACT:
            continue
        impact.extend(transition_impact(table, RANKED, TOP, min_group_size))
        answer_rows = table.answer_rows()
        published_rates: dict[str, float] = {}
        for row in answer_rows:
            top_count = row.cells[TOP].count.value
            base = row.cells[RANKED].count.value
            rate = None
            if top_count is not None and base:
                rate = min(1.0, top_count / base)
                published_rates[row.key] = rate
            rates.append(GroupRate(table.question, row.key, rate))
        groups_present = [r.key for r in answer_rows if (r.cells[RANKED].count.value or 0) > 0]
        all_shown = bool(groups_present) and all(
            r.cells[RANKED].count.value is not None and r.cells[TOP].count.value is not None
            for r in answer_rows
        )
        if policy.method == "cell-key":
            # Groups under the threshold are never published under cell key, so the
            # ratio is over the groups whose figures are, when there are two or more.
            enough = len(published_rates) >= 2
            parity[table.question] = _published_rates(published_rates) if enough else None
        else:
            parity[table.question] = _published_rates(published_rates) if all_shown else None
    return ModelAudit(
        top_n=top_n,
        ranked=len(ranked),
        tables=tables,
        impact=impact,
        rates=rates,
        parity_ratio=parity,
    )
