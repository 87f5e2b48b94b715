"""Disclosure control of a whole table: counts linked by sums and stage order.

Published figures are linked by sums (options add up to groups, groups to the declared
count, declared + "Prefer not to say" + "Not declared" to the stage total) and by stage
order (nobody is shortlisted without being longlisted). A hidden count is only hidden if
no combination of the published figures pins it down, so after the usual rules
(``disclosure``) the whole linked system is audited with linear programming: for every
hidden cell the smallest and largest values consistent with everything published are
computed, and if only one whole number fits, another cell is hidden and the audit runs
again.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from scipy.optimize import linprog

from .disclosure import CellId, DisclosurePolicy, ShownCount, perturb, round_to_base

SCREENING_ROUNDS: Final = 6


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
    # Cells whose value the published figures give away however this system is
    # protected (``implied_pins``): not rechecked, since hiding more cannot help.
    accepted: set[CellId] = field(default_factory=set)

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
        if result.status == 2:
            # The published figures always have a solution (the true counts), so
            # "infeasible" is the solver's presolve at fault (seen with HiGHS in scipy
            # 1.17 on the attackers' programmes): solve again without it.
            result = linprog(
                objective,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=bounds,
                method="highs",
                options={"presolve": False},
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
        and c not in system.accepted
        and (sensitive is None or c in sensitive)
    ]


def implied_pins(
    system: CellSystem, policy: DisclosurePolicy, unknown: Iterable[CellId]
) -> set[CellId]:
    """The small counts a reader could pin even if the ``unknown`` cells (given, from
    another publication) had never been published: what this system's own figures give
    away as they stand, such as "every appointee answered the same". Linking another
    report must not withhold more of this one to protect those: they are protected, or
    not, by this report's own audit."""
    blind = CellSystem(
        values=system.values,
        equations=system.equations,
        orderings=system.orderings,
        fixed=system.fixed,
        sensitive=system.sensitive,
        given={**system.given, **{c: ShownCount(None, suppressed=True) for c in unknown}},
        keys=system.keys,
    )
    shown = _initial(blind, policy)
    try:
        return set(pinned_cells(blind, shown, policy, _cells_to_check(blind, shown, policy)))
    except UnprotectableError:
        return set()


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
