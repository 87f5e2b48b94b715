"""Reports protected together with their own earlier releases (diversity.history).

The attacker downloads a campaign's report, one more person applies, and downloads it
again: the two releases differ by that person. With cell-key noise of at most 2 on each
side, some draws of the record keys leave one row's change explainable only by that
person being in it (a row shown as 13, true count 11 to 15, then as 18, 16 to 20). The
draws below are ones the attacker's solver found among the first 400 seeds when each
release is protected on its own; the tests show they pin an answer then, and nothing
when each release is audited with the earlier ones.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import date

import pytest

from nedmatch.diversity import DisclosurePolicy, Scope, report_from_columns
from nedmatch.diversity.columns import columns_from_records
from nedmatch.diversity.history import (
    Change,
    Members,
    Prior,
    changes_between,
    differing,
    is_near,
)
from nedmatch.diversity.members import changed_counts, report_members
from nedmatch.diversity.records import MonitoringRecord, report_questions
from tests.privacy.attacks.conftest import random_answers
from tests.privacy.attacks.solver import Publication, interval, recovered

POLICY = DisclosurePolicy(method="cell-key")
STAGES_REACHED = ("applied", "applied", "applied", "longlisted", "longlisted", "shortlisted")


def names(people: Sequence[int], answers: Sequence[bytes]) -> list[int]:
    return [
        int.from_bytes(hashlib.blake2b(f"{p}:".encode() + a, digest_size=8).digest(), "big")
        for p, a in zip(people, answers, strict=True)
    ]


class Memory:
    """The service's memory of releases, in a list (services/reporting/releases.py
    keeps it in the database)."""

    def __init__(self, remember: bool = True) -> None:
        self.remember = remember
        self.releases: list[tuple[Members, dict]] = []

    def release(self, records: list[MonitoringRecord]) -> dict:
        columns = columns_from_records(records)
        members, first_of = report_members(columns, names)
        history = []
        for before, shown in reversed(self.releases):
            if is_near(members, before, POLICY.threshold):
                changes = changes_between(members, before)
                counts = changed_counts(columns, first_of, changes, list(report_questions()))
                history.append((Prior(shown, changes), counts))
        report = report_from_columns(columns, scope=Scope(), policy=POLICY, history=history)
        if self.remember:
            self.releases.append((members, dict(report.figures)))
        return {
            (table.question, row.key, stage): interval(cell.count.display(POLICY), row.key)
            for table in report.tables
            for row in table.rows
            for stage, cell in row.cells.items()
        }


def person(rng: random.Random, i: int, stage: str) -> MonitoringRecord:
    return MonitoringRecord(
        stage, random_answers(rng), 1, 1, "london", date(2025, 5, 6), candidate_id=i
    )


def one_more_applicant(seed: int, remember: bool) -> dict[str, list[str]]:
    """24 applicants; then the target applies."""
    rng = random.Random(seed)
    crowd = [person(rng, seed * 1000 + i, rng.choice(STAGES_REACHED)) for i in range(24)]
    target = person(rng, seed * 1000 + 999, "applied")
    memory = Memory(remember)
    before = Publication(memory.release(crowd), {})
    after = Publication(
        memory.release([*crowd, target]), {"target": frozenset({"pool", "applied"})}
    )
    return recovered([before, after], "target", target.answers)


@pytest.mark.parametrize(
    ("seed", "given_away"),
    [
        (62, {"ethnic_group": ["asian"]}),
        (80, {"sex": ["female"]}),
        (156, {"ethnicity": ["bangladeshi"], "ethnic_group": ["asian"]}),
    ],
)
def test_one_release_at_a_time_gives_the_new_applicant_away(
    seed: int, given_away: dict[str, list[str]]
) -> None:
    assert one_more_applicant(seed, remember=False) == given_away


# 346: the new applicant made everyone in the column Asian; linking the earlier release
# must not stop this release protecting what it shows on its own.
@pytest.mark.parametrize("seed", [62, 80, 155, 156, 346, 3, 17])
def test_releases_audited_with_the_earlier_ones_keep_the_applicant(seed: int) -> None:
    assert one_more_applicant(seed, remember=True) == {}


def test_the_same_people_give_the_same_figures_with_or_without_a_memory() -> None:
    """Before anything changes there is nothing to link: the memory changes nothing."""
    rng = random.Random(5)
    crowd = [person(rng, i, rng.choice(STAGES_REACHED)) for i in range(20)]
    memory = Memory()
    first = memory.release(crowd)
    assert memory.release(crowd) == first == Memory(remember=False).release(crowd)


def test_changes_are_grouped_by_how_people_changed() -> None:
    def members(people: dict[int, tuple[int, ...]]) -> Members:
        return Members.build(people, people.values(), 3)

    before = members({1: (1, 1, 0), 2: (1, 1, 0), 3: (1, 1, 1), 9: (1, 1, 0)})
    now = members({1: (1, 1, 1), 2: (1, 1, 1), 3: (1, 1, 1), 8: (1, 1, 0)})
    assert changes_between(now, before) == [
        Change((0, 0, 0), (1, 1, 0), (9,), known=False),  # gone
        Change((1, 1, 0), (0, 0, 0), (8,), known=True),  # came in
        Change((1, 1, 1), (1, 1, 0), (1, 2), known=True),  # moved on
    ]
    # One came and one went at the first two stages, two moved on at the third.
    assert list(differing(now, before)) == [2, 2, 2]
    assert is_near(now, before, 5)
    assert not is_near(now, now, 5)
    five_new = members({**{i: (1, 0, 0) for i in range(10, 15)}, 1: (1, 1, 1)})
    assert list(differing(five_new, members({1: (1, 1, 1)}))) == [5, 0, 0]
    assert not is_near(five_new, members({1: (1, 1, 1)}), 5)  # as large as any table
