"""What a criterion is compiled into: requirements over claims, and whether claims meet one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np


def options(*claims: str | Iterable[str]) -> tuple[frozenset[str], ...]:
    """Options of a requirement: a claim alone, or a set of claims that must all hold."""
    return tuple(frozenset([c]) if isinstance(c, str) else frozenset(c) for c in claims)


@dataclass(frozen=True)
class Requirement:
    """One thing a criterion asks for: any of ``met`` meets it, any of ``possible`` is
    worth a look. Each option is a set of claims that must all be present."""

    met: tuple[frozenset[str], ...]
    possible: tuple[frozenset[str], ...] = ()
    primary: bool = True  # a secondary requirement unmet turns "met" into "possible"


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion compiled once per query into what it takes to meet it."""

    text: str
    essential: bool
    concept_cols: tuple[int, ...]
    concepts: frozenset[str]
    words: frozenset[str]
    word_cols: np.ndarray
    word_weights: np.ndarray
    board_level: int
    any_of: bool = False  # "finance, audit or risk": one concept is enough
    requirements: tuple[Requirement, ...] = field(default=())
    topic_only: bool = False  # no role, chair or field the claims can read: words decide

    @cached_property
    def named_claims(self) -> frozenset[str] | None:
        """Every claim some requirement's option names: a sentence with none of them meets
        no requirement (None when an option is empty, and so met by anything)."""
        options = [option for r in self.requirements for option in (*r.met, *r.possible)]
        return frozenset().union(*options) if all(options) else None

    @property
    def assessed(self) -> bool:
        return (
            bool(self.concept_cols)
            or self.word_cols.size > 0
            or self.board_level > 0
            or bool(self.requirements)
        )


def satisfied(options: Sequence[frozenset[str]], claims: frozenset[str] | set[str]) -> bool:
    return any(option <= claims for option in options)
