"""A made-up talent list to import, with a known number of every kind of problem and
duplicate, for the tests, the import benchmark and trying the import page by hand
(`flask demo import-file people.csv --rows 5000`). The names are obviously sample input."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field

from ..domain import AVAILABILITY, BOARD_EXPERIENCE, REGIONS, SKILL_AREAS
from ..services.imports.columns import COLUMNS

# Every kind of problem the check knows, as (column, a bad value). Each is planted once in
# every PROBLEM_EVERY rows.
PROBLEMS: list[tuple[str, str]] = [
    ("email", "not-an-email"),
    ("email", ""),
    ("first_name", ""),
    ("last_name", ""),
    ("phone", "12"),
    ("postcode", "NOT A POSTCODE"),
    ("region", "Atlantis"),
    ("skill_areas", "Accountancy; Juggling"),
    ("board_experience", "Some"),
    ("availability", "Whenever"),
    ("willing_challenged", "perhaps"),
    ("consent_to_match", "maybe"),
    ("career_summary", "x" * 10_001),
    ("cv_file", "missing-from-the-zip.pdf"),
]
DUPLICATE_KINDS = ("email", "phone", "name")
PROBLEM_EVERY = 25  # one row in 25 has a problem
DUPLICATE_EVERY = 40  # one row in 40 repeats an earlier person


@dataclass
class Planted:
    rows: int
    problems: int = 0
    duplicates: int = 0
    by_problem: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> int:
        return self.rows - self.problems - self.duplicates


def _person(n: int, rng: random.Random) -> dict[str, str]:
    skills = rng.sample(list(SKILL_AREAS.values()), 3)
    return {
        "email": f"import-sample-{n}@example.com",
        "first_name": f"Samplefirst{n}",
        "last_name": f"Samplelast{n}",
        "phone": f"07700 {n:06d}",
        "postcode": f"LS{n % 20 + 1} {n % 9 + 1}ZZ",
        "region": rng.choice(list(REGIONS.values())),
        "current_role": "Director of finance, a housing association",
        "career_summary": f"Sample career summary {n}: board and finance leadership.",
        "skill_areas": "; ".join(skills),
        "board_experience": rng.choice(list(BOARD_EXPERIENCE.values())),
        "availability": rng.choice(list(AVAILABILITY.values())),
        "willing_challenged": rng.choice(["yes", "no", ""]),
        "consent_to_match": rng.choice(["yes", "yes", "no"]),
        "cv_file": "",
    }


def rows(count: int, seed: int = 7) -> tuple[list[dict[str, str]], Planted]:
    rng = random.Random(seed)
    made: list[dict[str, str]] = []
    clean: list[int] = []  # rows with neither a problem nor a duplicate
    planted = Planted(rows=count)
    for n in range(count):
        person = _person(n, rng)
        if n % PROBLEM_EVERY == PROBLEM_EVERY - 1:
            column, bad = PROBLEMS[(n // PROBLEM_EVERY) % len(PROBLEMS)]
            person[column] = bad
            planted.problems += 1
            planted.by_problem[column] = planted.by_problem.get(column, 0) + 1
        elif n % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 and clean:
            earlier = made[clean[-1]]
            kind = DUPLICATE_KINDS[(n // DUPLICATE_EVERY) % len(DUPLICATE_KINDS)]
            if kind == "email":
                person["email"] = earlier["email"].upper()
            elif kind == "phone":
                person["phone"] = "+44 " + earlier["phone"][1:]
            else:
                person["first_name"], person["last_name"] = (
                    earlier["first_name"],
                    earlier["last_name"],
                )
                person["postcode"] = earlier["postcode"].replace(" ", "").lower()
            planted.duplicates += 1
        else:
            clean.append(n)
        made.append(person)
    return made, planted


def to_csv(people: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.label for c in COLUMNS])
    for person in people:
        writer.writerow([person[c.name] for c in COLUMNS])
    return buffer.getvalue().encode("utf-8")
