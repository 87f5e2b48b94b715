"""Load the real-text evaluation set in benchmarks/data/ned_real/ (see docs/evaluation.md).

Kept apart from the benchmark so a test can check the files without running any ranker.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data" / "ned_real"


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    essential: bool


@dataclass(frozen=True)
class Advert:
    id: str
    title: str
    text: str
    criteria: tuple[Criterion, ...]

    def pasted_text(self) -> str:
        """The advert as a user would paste it: title, body, then its criteria under the
        usual headings, so that the model's own criteria reader finds them."""
        lines = [self.title, self.text]
        essential = [c.text for c in self.criteria if c.essential]
        desirable = [c.text for c in self.criteria if not c.essential]
        if essential:
            lines += ["Essential criteria", *(f"- {c}" for c in essential)]
        if desirable:
            lines += ["Desirable criteria", *(f"- {c}" for c in desirable)]
        return "\n".join(lines)


@dataclass(frozen=True)
class CriterionLabel:
    criterion_id: str
    bio_id: str
    met: bool
    sentence: str | None


@dataclass(frozen=True)
class CriterionCase:
    criterion: str
    text: str
    expected_met: bool
    why: str
    tags: tuple[str, ...]


@dataclass
class RealSet:
    adverts: list[Advert]
    bios: dict[str, str]
    grades: dict[str, dict[str, int]]
    labels: list[CriterionLabel]
    cases: list[CriterionCase]
    records: list[dict[str, Any]] = field(default_factory=list)
    # Cases from pages outside texts.json, labelled by judgement before the model was run
    # on them (criterion_cases_heldout.json; labelling/heldout_notes.md).
    heldout: list[CriterionCase] = field(default_factory=list)
    # The later sets, by number (criterion_cases_heldout_N.json, labelling/heldout_N_notes.md),
    # each labelled the same way and each run first after the rules the one before led to.
    later_heldout: dict[int, list[CriterionCase]] = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> tuple[Advert, Criterion]:
        for advert in self.adverts:
            for criterion in advert.criteria:
                if criterion.id == criterion_id:
                    return advert, criterion
        raise KeyError(criterion_id)


def load(data_dir: Path = DATA_DIR) -> RealSet:
    records = json.loads((data_dir / "texts.json").read_text(encoding="utf-8"))
    adverts = [
        Advert(
            r["id"],
            r["title"],
            r["text"],
            tuple(Criterion(c["id"], c["text"], bool(c["essential"])) for c in r["criteria"]),
        )
        for r in records
        if r["kind"] == "advert"
    ]
    bios = {r["id"]: r["text"] for r in records if r["kind"] == "biography"}
    grades: dict[str, dict[str, int]] = {a.id: {} for a in adverts}
    with (data_dir / "relevance.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            grades[row["advert_id"]][row["bio_id"]] = int(row["grade"])
    labels = [
        CriterionLabel(x["criterion_id"], x["bio_id"], bool(x["met"]), x["sentence"])
        for x in json.loads((data_dir / "criterion_labels.json").read_text(encoding="utf-8"))
    ]
    cases = _cases(data_dir / "criterion_cases.json")
    heldout = _cases(data_dir / "criterion_cases_heldout.json")
    later = sorted(
        int(m.group(1))
        for path in data_dir.glob("criterion_cases_heldout_*.json")
        if (m := re.fullmatch(r"criterion_cases_heldout_(\d+)\.json", path.name))
    )
    later_heldout = {n: _cases(data_dir / f"criterion_cases_heldout_{n}.json") for n in later}
    return RealSet(adverts, bios, grades, labels, cases, records, heldout, later_heldout)


def _cases(path: Path) -> list[CriterionCase]:
    if not path.exists():
        return []
    return [
        CriterionCase(x["criterion"], x["text"], x["expected"] == "met", x["why"], tuple(x["tags"]))
        for x in json.loads(path.read_text(encoding="utf-8"))
    ]
