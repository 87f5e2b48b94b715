"""Disclosure control under attack: every test here tries to recover a withheld count
from what a report publishes (counts, totals, percentages, declaration rates, the other
tables, selection rates, ratios and benchmarks) and must fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from nedmatch.diversity import DisclosurePolicy, DiversityReport, Scope, build_report
from nedmatch.diversity.records import DERIVED_QUESTIONS, STAGES
from nedmatch.diversity.synthetic import synthetic_records

FAMILIES = [
    ["ethnicity", "ethnic_group"],
    ["parent_occupation", "ses_background"],
    ["sex"],
    ["disability"],
    ["age_band"],
    ["religion"],
]
QUESTIONS = [q for family in FAMILIES for q in family]


class Attacker:
    """Knows the report, the domain's structure and the method, nothing else.

    Every published number becomes a linear constraint on the true counts: counts (as
    intervals when rounded), sums of options into groups and totals, stage order,
    percentages and declaration rates (count = share x denominator), selection rates
    and their ratios. Integer programming then finds the least and greatest value each
    withheld count can take.
    """

    def __init__(self, report: DiversityReport, family: list[str]) -> None:
        self.report = report
        self.policy = report.policy
        self.index: dict[tuple[str, str, str], int] = {}
        self.low: list[float] = []
        self.high: list[float] = []
        self.rows: list[np.ndarray] = []
        self.row_low: list[float] = []
        self.row_high: list[float] = []
        self.hidden: list[tuple[str, str, str]] = []
        for question in family:
            self._table(question)
        self._structure(family)
        if self.policy.method == "suppress":  # shares of rounded figures carry nothing more
            self._shares(family)
            self._impact(family)
            self._benchmarks(family)

    def var(self, question: str, row: str, stage: str) -> int:
        return self.index[(question, row, stage)]

    def _table(self, question: str) -> None:
        table = self.report.table(question)
        for row in table.rows:
            for stage in STAGES:
                count = row.cells[stage].count
                low, high = count.interval(self.policy)
                total = table.row("total").cells[stage].count.interval(self.policy)[1]
                self.index[(question, row.key, stage)] = len(self.low)
                self.low.append(low)
                self.high.append(total if high is None else high)
                if count.hidden:
                    self.hidden.append((question, row.key, stage))

    def constrain(self, terms: dict[int, float], low: float, high: float) -> None:
        vector = np.zeros(len(self.low))
        for i, coefficient in terms.items():
            vector[i] += coefficient
        self.rows.append(vector)
        self.row_low.append(low)
        self.row_high.append(high)

    def equal(self, parent: int, children: list[int]) -> None:
        terms = {parent: -1.0}
        for child in children:
            terms[child] = terms.get(child, 0.0) + 1.0
        self.constrain(terms, 0, 0)

    def _structure(self, family: list[str]) -> None:
        for question in family:
            table = self.report.table(question)
            answers = [r.key for r in table.answer_rows()]
            for stage in STAGES:
                v = lambda row, q=question, s=stage: self.var(q, row, s)  # noqa: E731
                self.equal(v("declared"), [v(a) for a in answers])
                self.equal(v("total"), [v("declared"), v("prefer-not-to-say"), v("not-declared")])
                derived = DERIVED_QUESTIONS.get(question)
                if derived is not None:
                    for row in ("declared", "prefer-not-to-say", "not-declared", "total"):
                        self.equal(v(row), [self.var(derived.source, row, stage)])
                    for group in answers:
                        members = [o for o, g in derived.mapping.items() if g == group]
                        self.equal(v(group), [self.var(derived.source, o, stage) for o in members])
            for row in table.rows:
                for earlier, later in zip(STAGES, STAGES[1:], strict=False):
                    self.constrain(
                        {
                            self.var(question, row.key, later): 1,
                            self.var(question, row.key, earlier): -1,
                        },
                        -1e6,  # "no lower limit", kept finite for the solver
                        0,
                    )

    def _share(self, part: int, whole: int, share: float) -> None:
        # part = share x whole, allowing for floating point only.
        if part == whole:
            return  # a total's 100% says nothing
        self.constrain({part: 1.0, whole: -share}, -1e-6, 1e-6)

    def _shares(self, family: list[str]) -> None:
        for question in family:
            table = self.report.table(question)
            for row in table.rows:
                for stage in STAGES:
                    cell = row.cells[stage]
                    here = self.var(question, row.key, stage)
                    if cell.percent is not None:
                        self._share(here, self.var(question, "total", stage), cell.percent / 100)
                    if cell.percent_of_declared is not None:
                        self._share(
                            here,
                            self.var(question, "declared", stage),
                            cell.percent_of_declared / 100,
                        )

    def _impact(self, family: list[str]) -> None:
        items = [i for i in self.report.impact if i.question in family]
        for item in items:
            considered = self.var(item.question, item.group, item.from_stage)
            selected = self.var(item.question, item.group, item.to_stage)
            if item.considered is not None:
                self.constrain({considered: 1}, item.considered, item.considered)
            if item.selected is not None:
                self.constrain({selected: 1}, item.selected, item.selected)
            if item.rate is not None:
                self._share(selected, considered, item.rate)
        likelihood = self.report.relative_likelihood
        if likelihood is not None and "ethnic_group" in family:
            for value, row, stage in (
                (likelihood.white_shortlisted, "white", "shortlisted"),
                (likelihood.white_appointed, "white", "appointed"),
            ):
                if value is not None:
                    i = self.var("ethnic_group", row, stage)
                    self.constrain({i: 1}, value, value)
            for value, stage in (
                (likelihood.minority_shortlisted, "shortlisted"),
                (likelihood.minority_appointed, "appointed"),
            ):
                if value is not None:
                    terms = {self.var("ethnic_group", "declared", stage): 1.0}
                    terms[self.var("ethnic_group", "white", stage)] = -1.0
                    self.constrain(terms, value, value)

    def _benchmarks(self, family: list[str]) -> None:
        for row in self.report.benchmarks:
            if row.question in family and row.observed_percent is not None:
                self._share(
                    self.var(row.question, row.answer, row.stage),
                    self.var(row.question, "declared", row.stage),
                    row.observed_percent / 100,
                )

    def solve(self, objective: np.ndarray) -> np.ndarray:
        n = len(self.low)
        result = milp(
            objective,
            constraints=LinearConstraint(np.array(self.rows), self.row_low, self.row_high),
            bounds=Bounds(self.low, self.high),
            integrality=np.ones(n),
        )
        assert result.status == 0, result.message  # the truth is always feasible
        return np.round(result.x)

    def pinned(self) -> list[tuple[tuple[str, str, str], int]]:
        """Withheld cells with one possible value. Every solution found is kept: a cell
        seen with two different values in any of them is certainly not pinned."""
        seen: dict[int, set[float]] = {self.index[c]: set() for c in self.hidden}
        pinned = []
        for cell in self.hidden:
            i = self.index[cell]
            if len(seen[i]) > 1:
                continue
            for sense in (1.0, -1.0):
                objective = np.zeros(len(self.low))
                objective[i] = sense
                solution = self.solve(objective)
                for j, values in seen.items():
                    values.add(float(solution[j]))
            if len(seen[i]) == 1:
                pinned.append((cell, int(next(iter(seen[i])))))
        return pinned


def _attack(report: DiversityReport) -> list[tuple[tuple[str, str, str], int]]:
    """Small counts the attacker recovers exactly, over every family reported.

    A pinned cell's value is its true value (the truth is always a solution). Cells
    withheld only to protect others, whose value is 0 or at least the threshold, reveal
    nothing about anyone; nor does the number who answered a question (the declared row).
    """
    reported = {t.question for t in report.tables}
    threshold = report.policy.threshold
    recovered = []
    for family in FAMILIES:
        present = [q for q in family if q in reported]
        if present:
            recovered += [
                (cell, value)
                for cell, value in Attacker(report, present).pinned()
                if 0 < value < threshold and cell[1] != "declared"
            ]
    return recovered


RECORDS = synthetic_records(1500, seed=7, vacancies=30)
SCENARIOS = [
    (Scope(vacancy_id="V00003"), DisclosurePolicy()),
    (Scope(vacancy_id="V00011"), DisclosurePolicy(threshold=10)),
    (Scope(organisation_id="O017"), DisclosurePolicy()),
    (Scope(region="london"), DisclosurePolicy()),
    (Scope(vacancy_id="V00005"), DisclosurePolicy(method="round")),
    (Scope(region="south-west"), DisclosurePolicy(method="round")),
]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda s: f"{s[0].describe()}-{s[1].method}")
def report(request) -> DiversityReport:
    scope, policy = request.param
    return build_report(RECORDS, scope=scope, policy=policy, questions=QUESTIONS)


SUPPRESSED = [s for s in SCENARIOS if s[1].method == "suppress"]


@pytest.fixture(scope="module", params=SUPPRESSED, ids=lambda s: f"{s[0].describe()}-{s[1].method}")
def suppressed_report(request) -> DiversityReport:
    """Withheld (not rounded) reports: only their published figures are meant to add up."""
    scope, policy = request.param
    return build_report(RECORDS, scope=scope, policy=policy, questions=QUESTIONS)


def test_the_scenarios_do_hide_something(report):
    hidden = [c for t in report.tables for r in t.rows for c in r.cells.values() if c.count.hidden]
    assert hidden, "a scenario with nothing withheld would test nothing"


def test_no_small_count_is_published(report):
    threshold = report.policy.threshold
    for table in report.tables:
        for row in table.rows:
            if row.kind == "total":
                continue  # stage sizes are always published
            for cell in row.cells.values():
                assert cell.count.value is None or not 0 < cell.count.value < threshold


def test_differencing_a_sum_recovers_no_small_count(suppressed_report):
    """A total minus the published rest gives a lone withheld term: it must never be small.

    (A lone withheld term can only be a count withheld to protect others, of 0 or at
    least the threshold, whose recovery tells nobody anything, or the number who
    answered at a stage where nobody preferred not to say: the stage total itself.)
    """
    report = suppressed_report
    threshold = report.policy.threshold
    for table in report.tables:
        for stage in STAGES:
            cells = {r.key: r.cells[stage].count for r in table.rows}
            answers = [r.key for r in table.answer_rows()]
            for parent, parts in (
                ("declared", answers),
                ("total", ["declared", "prefer-not-to-say", "not-declared"]),
            ):
                members = [parent, *parts]
                hidden = [m for m in members if cells[m].hidden]
                if len(hidden) != 1 or hidden[0] == "declared":
                    continue
                known = {m: cells[m].value or 0 for m in members if m not in hidden}
                if hidden[0] == parent:
                    recovered = sum(known.values())
                else:
                    recovered = known[parent] - sum(v for m, v in known.items() if m != parent)
                assert not 0 < recovered < threshold, (table.question, stage, hidden[0])


def test_groups_minus_their_options_recover_no_small_count(suppressed_report):
    """The 5-group table against the 19-option table, stage by stage."""
    report = suppressed_report
    threshold = report.policy.threshold
    options = report.table("ethnicity")
    groups = report.table("ethnic_group")
    mapping = DERIVED_QUESTIONS["ethnic_group"].mapping
    for stage in STAGES:
        for group in groups.answer_rows():
            parent = group.cells[stage].count
            members = [
                options.row(o).cells[stage].count for o, g in mapping.items() if g == group.key
            ]
            hidden = [m for m in members if m.hidden]
            if parent.hidden or len(hidden) != 1:
                continue
            recovered = (parent.value or 0) - sum(m.value or 0 for m in members if not m.hidden)
            assert not 0 < recovered < threshold, (group.key, stage)


def test_no_percentage_or_rate_stands_beside_a_withheld_count(report):
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells.values():
                if cell.count.hidden:
                    assert cell.percent is None and cell.percent_of_declared is None
    for item in report.impact:
        if item.considered is None or item.selected is None:
            assert item.rate is None and item.ratio_to_highest is None and item.p_value is None


def test_integer_programming_cannot_pin_any_withheld_count(report):
    assert _attack(report) == []


def test_a_lone_caribbean_applicant_is_not_revealed_by_the_black_group_total(records_factory):
    """Without protection across tables: Black 6 - African 5 - Other Black 0 = 1."""
    records = (
        records_factory("applied", 5, 0, ethnicity="african", sex="female")
        + records_factory("applied", 1, 10, ethnicity="caribbean", sex="male")
        + records_factory("applied", 40, 20, ethnicity="white-british", sex="female")
        + records_factory("applied", 30, 70, ethnicity="indian", sex="male")
    )
    report = build_report(records, questions=["ethnicity", "ethnic_group", "sex"])
    caribbean = report.table("ethnicity").row("caribbean").cells["applied"].count
    black = report.table("ethnic_group").row("black").cells["applied"].count
    african = report.table("ethnicity").row("african").cells["applied"].count
    assert caribbean.hidden
    assert black.hidden or african.hidden
    assert _attack(report) == []


def test_the_only_appointee_is_not_revealed(records_factory):
    """One appointment: every characteristic of that person must stay hidden."""
    records = (
        records_factory("interviewed", 6, 0, sex="female", disability="no")
        + records_factory("interviewed", 6, 10, sex="male", disability="no")
        + records_factory("appointed", 1, 20, sex="female", disability="yes")
        + records_factory("applied", 30, 30, sex="male", disability="no")
    )
    report = build_report(records, questions=["sex", "disability"])
    for question in ("sex", "disability"):
        table = report.table(question)
        for row in table.answer_rows():
            assert row.cells["appointed"].count.value in (None, 0)
    assert report.stage_totals["appointed"] == 1
    assert _attack(report) == []


def test_threshold_is_configurable(records_factory):
    records = records_factory("applied", 7, 0, sex="female") + records_factory(
        "applied", 30, 10, sex="male"
    )
    at_5 = build_report(records, questions=["sex"]).table("sex")
    at_10 = build_report(records, questions=["sex"], policy=DisclosurePolicy(threshold=10))
    assert at_5.row("female").cells["applied"].count.value == 7
    assert at_10.table("sex").row("female").cells["applied"].count.hidden


def test_rounding_shows_small_counts_as_fewer_than_threshold(records_factory):
    records = (
        records_factory("applied", 3, 0, sex="female")
        + records_factory("applied", 12, 10, sex="male")
        + records_factory("applied", 8, 30, sex="prefer-not-to-say")
    )
    policy = DisclosurePolicy(method="round")
    table = build_report(records, questions=["sex"], policy=policy).table("sex")
    female = table.row("female").cells["applied"].count
    assert female.small and female.display(policy) == "<5"
    assert table.row("male").cells["applied"].count.value == 10
    assert table.row("total").cells["applied"].count.value == 25  # 23 rounds to 25


@pytest.mark.parametrize(
    "kwargs", [{"threshold": 1}, {"method": "blur"}, {"method": "round", "rounding_base": 1}]
)
def test_bad_policies_are_refused(kwargs):
    with pytest.raises(ValueError):
        DisclosurePolicy(**kwargs)


PROTECT_IN_A_NEW_PROCESS = """
import json
from nedmatch.diversity import DisclosurePolicy, count_records, publish_tables
from nedmatch.diversity.records import report_questions
from nedmatch.diversity.synthetic import synthetic_records
withheld = {}
for seed in range(20, 30):
    raw = count_records(synthetic_records(70, seed=seed, vacancies=1))
    _, shown = publish_tables(raw, DisclosurePolicy(), list(report_questions()))
    withheld[seed] = sorted("|".join(cell) for cell, s in shown.items() if s.suppressed)
print(json.dumps(withheld))
"""


def test_the_same_counts_are_always_withheld_the_same_way():
    """Two downloads of one report, made by different processes (string hashing is salted
    per process), must withhold the same cells: otherwise each fills the other's gaps."""
    runs = {
        subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", PROTECT_IN_A_NEW_PROCESS],
            env={**os.environ, "PYTHONHASHSEED": str(salt)},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for salt in (1, 2, 3)
    }
    assert len(runs) == 1
