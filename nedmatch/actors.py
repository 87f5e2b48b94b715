"""Who did something: one value, made once per request, written on every audit record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

ActorKind = Literal["team", "candidate", "system"]


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    id: int | None = None
    name: str = ""  # a system actor's name, e.g. "retention"

    def __str__(self) -> str:
        if self.kind == "system":
            return f"system:{self.name}" if self.name else "system"
        return f"{self.kind}:{self.id}"

    @classmethod
    def team(cls, user: _HasId) -> Actor:
        return cls("team", user.id)

    @classmethod
    def candidate(cls, candidate: _HasId) -> Actor:
        return cls("candidate", candidate.id)

    @classmethod
    def system(cls, name: str = "") -> Actor:
        return cls("system", None, name)

    @classmethod
    def parse(cls, text: str) -> Actor | None:
        """The actor an audit record names, or None for text that names none."""
        kind, _, rest = text.partition(":")
        if kind == "system":
            return cls.system(rest)
        if kind in ("team", "candidate") and rest.isdigit():
            return cls(kind, int(rest))  # type: ignore[arg-type]
        return None
