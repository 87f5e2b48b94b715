"""Confidence intervals for small counts: Wilson's for a rate, Katz's log interval for
a ratio of two rates. The bias audit's groups are small, where the textbook (Wald)
interval is too narrow and can leave 0 to 1; both of these stay inside sensible bounds."""

from __future__ import annotations

import math
from typing import Final

# The two-sided 95% point of the standard normal distribution.
Z_95: Final = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson's score interval for ``successes`` out of ``trials``; None with no trials."""
    if trials <= 0:
        return None
    successes = min(max(successes, 0), trials)
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    return (max(0.0, centre - half), min(1.0, centre + half))


def katz_ratio(
    successes: int, trials: int, ref_successes: int, ref_trials: int, z: float = Z_95
) -> tuple[float, float] | None:
    """Katz's log interval for the ratio of two rates (``successes / trials`` over
    ``ref_successes / ref_trials``), as for a risk ratio:
    exp(ln(r) +/- z * sqrt(1/a - 1/n1 + 1/b - 1/n2)).

    When either count of successes is 0 the log is undefined; half is then added to each
    count of successes and of failures (Haldane's correction), so the interval is still
    given. None when a group has no trials.
    """
    if trials <= 0 or ref_trials <= 0:
        return None
    a, n1 = float(min(max(successes, 0), trials)), float(trials)
    b, n2 = float(min(max(ref_successes, 0), ref_trials)), float(ref_trials)
    if a == 0 or b == 0:
        a, b, n1, n2 = a + 0.5, b + 0.5, n1 + 1.0, n2 + 1.0
    ratio = (a / n1) / (b / n2)
    spread = z * math.sqrt(max(0.0, 1 / a - 1 / n1 + 1 / b - 1 / n2))
    return (math.exp(math.log(ratio) - spread), math.exp(math.log(ratio) + spread))
