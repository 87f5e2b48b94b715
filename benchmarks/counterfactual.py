"""The counterfactual suite as a table: for each kind of protected difference, the largest
score move between a candidate and their matched comparator, and how many essentials
groups and criterion verdicts changed (the tests in tests/matching/test_counterfactual.py
fail on any move over one point or any change).

Run from the repository root:  python -m benchmarks.counterfactual
"""

from __future__ import annotations

import collections

from nedmatch.matching import Match, Ranker
from tests.matching import test_counterfactual as suite

_GROUPED = ("disclosure", "membership", "office", "word-name", "unsupplied-word")


def _kind(case_id: str) -> str:
    if case_id.startswith(_GROUPED):
        return case_id.rsplit("-", 1)[0]
    return case_id.split("-")[0]


def _verdict(result: object) -> object:
    return getattr(result, "verdict", getattr(result, "met", None))


def main() -> None:
    pool = []
    for case in suite.CASES:
        pool.append(suite._profile(case.id + "/t", case.template, case.treatment))
        pool.append(suite._profile(case.id + "/c", case.template, case.comparator))
    ranker = Ranker().fit(pool)
    ranked: dict[str, dict[str | int, Match]] = {
        v.id: {m.candidate_id: m for m in ranker.rank(v, top_k=len(pool))} for v in suite.VACANCIES
    }
    rows: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0, 0, 0])
    for case in suite.CASES:
        row = rows[_kind(case.id)]
        for matches in ranked.values():
            t, c = matches[case.id + "/t"], matches[case.id + "/c"]
            row[0] = min(row[0], t.score - c.score)
            row[1] = max(row[1], t.score - c.score)
            row[2] += t.meets_essentials != c.meets_essentials
            row[3] += sum(
                _verdict(a) != _verdict(b) for a, b in zip(t.criteria, c.criteria, strict=True)
            )
        row[4] += 1
    print(f"{'kind':40s} {'min':>6s} {'max':>6s} {'group flips':>11s} {'verdict flips':>13s} cases")
    for kind, (low, high, groups, verdicts, n) in rows.items():
        print(f"{kind:40s} {low:+6.1f} {high:+6.1f} {groups:11d} {verdicts:13d} {n:5d}")


if __name__ == "__main__":
    main()
