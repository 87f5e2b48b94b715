"""Disclosure control, the policy and the figures: how a count may be published (as is,
suppressed, rounded, or with cell-key noise) and what a reader can infer from each.

The service publishes with the cell-key method (``method="cell-key"``, the ONS method for
Census 2021; docs/disclosure.md says why): every count below the threshold, zero
included, is shown as "fewer than N", and every count at or above it gets a small, fixed
amount of noise chosen by the cell's key, so that the same people always get the same
noise and one more person in a column gives every cell of it fresh noise.

Protecting a whole linked table (sums and stage order, audited with linear programming)
is in ``protection``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Final, Literal

CellId = tuple[str, str, str]  # (question, row, stage)

SUPPRESSED_MARK: Final = "[c]"
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


def round_to_base(value: int, base: int) -> int:
    """Round half up, so 7.5-style ties (only possible with odd bases) go up."""
    return int(math.floor(value / base + 0.5) * base)
