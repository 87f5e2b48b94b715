"""Disclosure control: cell-key perturbation, suppression or rounding of count tables.

The service publishes with the cell-key method (``method="cell-key"``, the ONS method for
Census 2021; docs/disclosure.md says why): every count below the threshold, zero
included, is shown as "fewer than N", and every count at or above it gets a small, fixed
amount of noise chosen by the cell's key, so that the same people always get the same
noise and one more person in a column gives every cell of it fresh noise.

Published figures are linked by sums (options add up to groups, groups to the declared
count, declared + "Prefer not to say" + "Not declared" to the stage total) and by stage
order (nobody is shortlisted without being longlisted). A hidden count is only hidden if
no combination of the published figures pins it down, so after the usual rules the
whole linked system is audited with linear programming: for every hidden cell the
smallest and largest values consistent with everything published are computed, and if
only one whole number fits, another cell is hidden and the audit runs again.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
from scipy.optimize import linprog

CellId = tuple[str, str, str]  # (question, row, stage)

SUPPRESSED_MARK: Final = "[c]"
SCREENING_ROUNDS: Final = 6
METHODS: Final = ("cell-key", "suppress", "round")

# The perturbation table, as data: the probability of each amount of noise added to a
# count at or above the threshold. The 256 cell keys are split between the amounts in
# these proportions (13, 51, 128, 51, 13 of 256), so a cell's noise is fixed by its
# key. A count whose noise takes it below the threshold is shown as "fewer than N", like
# the counts truly below it: so "fewer than 5" means 0 to 6, and a row that crosses the
# threshold between two reports does not show that someone joined it
# (docs/disclosure.md, "Why the noise is not conditioned on the threshold").
NOISE_PROBABILITIES: Final[dict[int, float]] = {-2: 0.05, -1: 0.2, 0: 0.5, 1: 0.2, 2: 0.05}
NOISE_BOUND: Final = max(abs(n) for n in NOISE_PROBABILITIES)
CELL_KEYS: Final = 256


@dataclass(frozen=True, slots=True)
class DisclosurePolicy:
    """How small numbers are protected.

    ``method="cell-key"`` (the service's) shows every count below ``threshold``, zero
    included, as "fewer than N" and adds noise from ``NOISE_PROBABILITIES`` to the rest
    (a count the noise takes below the threshold is shown as "fewer than N" too).
    ``method="suppress"`` hides counts from 1 to ``threshold - 1`` (the Cabinet Office
    convention) plus whatever else is needed so they cannot be worked out.
    ``method="round"`` rounds counts to the nearest ``rounding_base`` and shows
    1 to ``threshold - 1`` as "fewer than N" (the Ofqual convention).
    """

    threshold: int = 5
    method: Literal["cell-key", "suppress", "round"] = "suppress"
    rounding_base: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 2:
            raise ValueError("The suppression threshold must be 2 or more.")
        if self.method not in METHODS:
            raise ValueError("The disclosure method must be 'cell-key', 'suppress' or 'round'.")
        if self.rounding_base < 2:
            raise ValueError("The rounding base must be 2 or more.")

    @property
    def small_mark(self) -> str:
        return f"<{self.threshold}"

    @property
    def small_ceiling(self) -> int:
        """The most a "fewer than N" figure can be: under cell key, a count up to
        ``NOISE_BOUND`` over the threshold whose noise took it below is shown so too."""
        extra = NOISE_BOUND if self.method == "cell-key" else 0
        return self.threshold - 1 + extra

    @property
    def small_floor(self) -> int:
        """The least a "fewer than N" figure can be: 0 under cell key (zero is shown as
        "fewer than N" too), 1 otherwise (zero is published as 0)."""
        return 0 if self.method == "cell-key" else 1


@dataclass(frozen=True, slots=True)
class ShownCount:
    """A count as it may be published: exact, rounded, "fewer than N" or suppressed."""

    value: int | None
    suppressed: bool = False
    rounded: bool = False
    small: bool = False  # shown as "fewer than N" (rounding and cell-key methods)
    perturbed: bool = False  # noise of at most NOISE_BOUND added (cell-key method)
    # Withheld because the table could not be protected (the audit found no solution):
    # the page says so rather than publish figures nobody has checked.
    unprotected: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def exact(self) -> bool:
        """Published as the true count (stage totals, and zeros outside cell key)."""
        return self.value is not None and not self.rounded and not self.perturbed

    def display(self, policy: DisclosurePolicy) -> str:
        if self.suppressed:
            return SUPPRESSED_MARK
        if self.small:
            return policy.small_mark
        return f"{self.value:,}"

    def interval(self, policy: DisclosurePolicy) -> tuple[float, float | None]:
        """What a reader can infer about the true count from this figure alone."""
        if self.suppressed:
            return (0.0, None)
        if self.small:
            return (float(policy.small_floor), float(policy.small_ceiling))
        if self.value is None:  # unreachable: hidden figures are flagged above
            return (0.0, None)
        if self.perturbed:
            return around(self.value, NOISE_BOUND, NOISE_BOUND, policy.threshold)
        if self.rounded:
            # A count rounded to v was in [v - base/2, v + base/2), and was not small.
            # A rounded 0 is a count of at least the threshold that rounded down (only
            # possible when the threshold is below half the base), never a true zero.
            half = policy.rounding_base / 2
            return around(
                self.value,
                self.value - math.ceil(self.value - half),
                math.ceil(half) - 1,
                policy.threshold,
            )
        return (float(self.value), float(self.value))


def around(value: int, below: int, above: int, floor: int) -> tuple[float, float]:
    """The true counts a published ``value`` allows: from ``below`` under it to ``above``
    over it, and not under ``floor`` (counts below the threshold are never shown as a
    number). Shared by rounding and perturbation, the two methods that publish a figure
    near, not at, the true count."""
    return (float(max(floor, value - below)), float(value + above))


def perturbation_row() -> tuple[int, ...]:
    """The noise for each of the 256 cell keys: the keys are split between the amounts
    in order of the amount, in proportion to their probability."""
    return _PERTURBATION_ROW


def _build_row() -> tuple[int, ...]:
    row: list[int] = []
    cumulative = 0.0
    for noise in sorted(NOISE_PROBABILITIES):
        cumulative += NOISE_PROBABILITIES[noise]
        row.extend([noise] * (round(cumulative * CELL_KEYS) - len(row)))
    return tuple(row)


_PERTURBATION_ROW: Final = _build_row()


def cell_key(key_sum: int, column_key_sum: int) -> int:
    """A cell's key, 0 to 255: from the sum of its records' keys and the sum over its
    whole stage column. The same people in the same column always give the same key; one
    more person in the column changes the key of every cell in it."""
    digest = hashlib.blake2b(f"{key_sum}/{column_key_sum}".encode(), digest_size=1)
    return digest.digest()[0]


def perturb(value: int, key: int) -> int:
    """A count with its cell's noise added (shown only if still at or above the
    threshold; otherwise the cell is shown as "fewer than N")."""
    return value + _PERTURBATION_ROW[key]


@dataclass
class CellSystem:
    """Counts linked by sums and orderings; disclosure control acts on the whole system.

    ``equations`` hold ``parent == sum(children)``; ``orderings`` hold
    ``lower <= upper``; ``fixed`` cells (stage totals) are always published exactly.
    """

    values: dict[CellId, int]
    equations: list[tuple[CellId, tuple[CellId, ...]]] = field(default_factory=list)
    orderings: list[tuple[CellId, CellId]] = field(default_factory=list)
    fixed: set[CellId] = field(default_factory=set)
    # Cells whose small values must not be recoverable. Subtotals that only say how many
    # answered (the declared row) are left out: when a stage has one person, "1 declared"
    # follows from the published total and zeros whatever else is hidden.
    sensitive: set[CellId] | None = None
    # Cells another publication has already shown (the same figures in another report):
    # published exactly as there and never changed here, so the two always agree and a
    # reader holding both learns nothing from differences between them. The audit still
    # counts on them, and protects their small counts with the other cells.
    given: dict[CellId, ShownCount] = field(default_factory=dict)
    # For the cell-key method: each cell's key, 0 to 255 (see ``cell_key``). A cell
    # without one gets key 0, which is the same noise for the same count every time.
    keys: dict[CellId, int] = field(default_factory=dict)

    @property
    def upper_of(self) -> dict[CellId, list[CellId]]:
        """For each cell, the cells it may not exceed (the same row at earlier stages)."""
        return self._index()[0]

    @property
    def parents_of(self) -> dict[CellId, list[CellId]]:
        """For each cell, the sums it is a term of."""
        return self._index()[1]

    def _index(self) -> tuple[dict[CellId, list[CellId]], dict[CellId, list[CellId]]]:
        key = (len(self.equations), len(self.orderings))
        cached = self.__dict__.get("_cache")
        if cached is None or cached[0] != key:
            uppers: dict[CellId, list[CellId]] = defaultdict(list)
            parents: dict[CellId, list[CellId]] = defaultdict(list)
            for lower, upper in self.orderings:
                uppers[lower].append(upper)
            for parent, children in self.equations:
                for child in children:
                    parents[child].append(parent)
            cached = (key, (uppers, parents))
            self.__dict__["_cache"] = cached
        return cached[1]


class UnprotectableError(RuntimeError):
    """The published figures could not be audited (the linear programme had no solution)."""


def round_to_base(value: int, base: int) -> int:
    """Round half up, so 7.5-style ties (only possible with odd bases) go up."""
    return int(math.floor(value / base + 0.5) * base)


def _initial(system: CellSystem, policy: DisclosurePolicy) -> dict[CellId, ShownCount]:
    shown: dict[CellId, ShownCount] = {}
    for cell, value in system.values.items():
        if cell in system.given:
            shown[cell] = system.given[cell]
            continue
        small = 0 < value < policy.threshold
        if policy.method == "cell-key":
            if cell in system.fixed:
                shown[cell] = ShownCount(value)
            else:
                noisy = perturb(value, system.keys.get(cell, 0))
                if value < policy.threshold or noisy < policy.threshold:
                    shown[cell] = ShownCount(None, small=True)
                else:
                    shown[cell] = ShownCount(noisy, perturbed=True)
        elif policy.method == "suppress":
            if small and cell not in system.fixed:
                shown[cell] = ShownCount(None, suppressed=True)
            else:
                shown[cell] = ShownCount(value)
        elif small:
            shown[cell] = ShownCount(None, small=True)
        else:
            rounded = round_to_base(value, policy.rounding_base)
            shown[cell] = ShownCount(rounded, rounded=value != 0)
    return shown


def _hide(shown: dict[CellId, ShownCount], cell: CellId) -> None:
    shown[cell] = ShownCount(None, suppressed=True)


def _sort_key(system: CellSystem, cell: CellId) -> tuple[int, int, CellId]:
    """Prefer hiding small non-zero counts: least information lost, most protection.

    Ties are broken by the cell itself, so the same counts are always protected the same
    way. Candidates are gathered in sets, whose order changes from one process to the
    next (string hashing is salted per process); without this, two downloads of one
    report could withhold different cells, and set side by side reveal what each hid.
    """
    value = system.values[cell]
    return (1 if value == 0 else 0, value, cell)


def _stuck_at_zero(system: CellSystem, shown: dict[CellId, ShownCount], cell: CellId) -> bool:
    """A zero that hiding would not protect: a later stage, or a part of a sum, of a
    published zero is zero whatever is shown, so hiding it only pins another cell."""
    if system.values[cell] != 0:
        return False
    uppers = system.upper_of.get(cell, ())
    parents = system.parents_of.get(cell, ())
    return any(shown[u].value == 0 for u in uppers) or any(shown[p].value == 0 for p in parents)


def _candidates(
    system: CellSystem, shown: dict[CellId, ShownCount], cells: Iterable[CellId]
) -> list[CellId]:
    pool = {
        c
        for c in cells
        if not shown[c].suppressed
        and c not in system.fixed
        and c not in system.given
        and not _stuck_at_zero(system, shown, c)
    }
    return sorted(pool, key=lambda c: _sort_key(system, c))


def _apply_equation_rule(system: CellSystem, shown: dict[CellId, ShownCount]) -> None:
    """No sum may have exactly one hidden term: it would equal the published rest."""
    changed = True
    while changed:
        changed = False
        for parent, children in system.equations:
            members = (parent, *children)
            hidden = [c for c in members if shown[c].hidden]
            if len(hidden) == 1:
                options = _candidates(system, shown, members)
                if options:
                    _hide(shown, options[0])
                    changed = True


def pinned_cells(
    system: CellSystem,
    shown: dict[CellId, ShownCount],
    policy: DisclosurePolicy,
    check: Iterable[CellId] | None = None,
) -> list[CellId]:
    """Hidden cells whose value only one whole number fits, given all published figures.

    The reader is assumed to know every equation and ordering of the system, every
    published figure (a rounded or perturbed figure as the interval it allows) and that a
    suppressed count is not negative. Raises ``UnprotectableError`` when the linear
    programme cannot be solved (``protect`` then withholds the table).
    """
    variables = [c for c in system.values if not shown[c].exact]
    if not variables:
        return []
    index = {c: i for i, c in enumerate(variables)}
    n = len(variables)
    bounds = [shown[c].interval(policy) for c in variables]

    def constant(cell: CellId) -> float:
        value = shown[cell].value
        if value is None:  # unreachable: hidden and rounded cells are variables
            raise ValueError(f"{cell} is hidden, not a constant")
        return float(value)

    eq_rows: list[np.ndarray] = []
    eq_rhs: list[float] = []
    for parent, children in system.equations:
        row = np.zeros(n)
        rhs = 0.0
        for cell, sign in ((parent, -1.0), *((child, 1.0) for child in children)):
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * constant(cell)
        if row.any():
            eq_rows.append(row)
            eq_rhs.append(rhs)
    ub_rows: list[np.ndarray] = []
    ub_rhs: list[float] = []
    for lower, upper in system.orderings:
        row = np.zeros(n)
        rhs = 0.0
        for cell, sign in ((lower, 1.0), (upper, -1.0)):
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * constant(cell)
        if row.any():
            ub_rows.append(row)
            ub_rhs.append(rhs)
    a_eq = np.array(eq_rows) if eq_rows else None
    b_eq = np.array(eq_rhs) if eq_rows else None
    a_ub = np.array(ub_rows) if ub_rows else None
    b_ub = np.array(ub_rhs) if ub_rows else None

    targets = [c for c in (check if check is not None else variables) if c in index]

    def solve(objective: np.ndarray) -> np.ndarray | None:
        result = linprog(
            objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
        )
        if result.status == 3:  # unbounded in this direction
            return None
        if result.status != 0:
            raise UnprotectableError(f"Disclosure audit failed to solve: {result.message}")
        return np.asarray(result.x)

    # Screening: a few LPs with mixed objectives push many cells at once; any cell seen a
    # whole unit away from its true value has at least two possible values and is safe.
    truth = np.array([float(system.values[c]) for c in variables])
    undecided = set(targets)
    signs = np.random.default_rng(0)
    for _ in range(SCREENING_ROUNDS):
        if not undecided:
            break
        objective = signs.choice([-1.0, 1.0], size=n)
        point = solve(objective)
        if point is None:
            continue
        undecided = {c for c in undecided if abs(point[index[c]] - truth[index[c]]) < 1 - 1e-7}

    pinned: list[CellId] = []
    for cell in targets:
        if cell not in undecided:
            continue
        extremes = []
        for sense in (1.0, -1.0):
            objective = np.zeros(n)
            objective[index[cell]] = sense
            point = solve(objective)
            extremes.append(math.inf * -sense if point is None else point[index[cell]])
        low, high = min(extremes), max(extremes)
        if math.floor(high + 1e-7) - math.ceil(low - 1e-7) < 1:
            pinned.append(cell)
    return pinned


def _cells_to_check(
    system: CellSystem, shown: dict[CellId, ShownCount], policy: DisclosurePolicy
) -> list[CellId]:
    """The small counts, which must each keep at least two possible values.

    Cells hidden only to protect them (secondary suppression) are not themselves
    sensitive: a reader who works out that a withheld cell is 0 or 12 learns nothing
    about anyone, so requiring that too would only withhold more of the report.
    """
    sensitive = system.sensitive
    return [
        c
        for c, v in system.values.items()
        if 0 < v < policy.threshold
        and shown[c].hidden
        and c not in system.fixed
        and (sensitive is None or c in sensitive)
    ]


def protect(system: CellSystem, policy: DisclosurePolicy) -> dict[CellId, ShownCount]:
    """Decide how every cell of a linked system is published.

    If the audit cannot be solved, nothing unchecked is published: every cell but the
    fixed totals and figures already published elsewhere is withheld and marked
    ``unprotected``, and the pages say the figures could not be protected.
    """
    try:
        return _protect(system, policy)
    except UnprotectableError:
        return {
            cell: (
                system.given[cell]
                if cell in system.given
                else ShownCount(value)
                if cell in system.fixed
                else ShownCount(None, suppressed=True, unprotected=True)
            )
            for cell, value in system.values.items()
        }


def _protect(system: CellSystem, policy: DisclosurePolicy) -> dict[CellId, ShownCount]:
    shown = _initial(system, policy)
    if policy.method == "suppress":
        _apply_equation_rule(system, shown)
    neighbours: dict[CellId, list[CellId]] = defaultdict(list)
    same_row: dict[CellId, list[CellId]] = defaultdict(list)
    for parent, children in system.equations:
        members = (parent, *children)
        for cell in members:
            neighbours[cell].extend(members)
    for lower, upper in system.orderings:
        same_row[lower].append(upper)
        same_row[upper].append(lower)
    # Hiding more can only widen what a reader can infer, so a cell found safe stays
    # safe: after the first full audit only the cells found pinned are rechecked.
    to_check = _cells_to_check(system, shown, policy)
    while to_check:
        pinned = pinned_cells(system, shown, policy, to_check)
        if not pinned:
            return shown
        before = {c for c, s in shown.items() if s.suppressed}
        for cell in pinned:
            options = (
                _candidates(system, shown, neighbours[cell])
                or _candidates(system, shown, same_row[cell])
                or _candidates(system, shown, (c for c in system.values if c[2] == cell[2]))
                or _candidates(system, shown, system.values)
            )
            if options:
                _hide(shown, options[0])
        if policy.method == "suppress":
            _apply_equation_rule(system, shown)
        added = [c for c, s in shown.items() if s.suppressed and c not in before]
        if not added:
            # Only fixed totals remain published: nothing more can be hidden.
            return shown
        to_check = list(dict.fromkeys(pinned))
    return shown
