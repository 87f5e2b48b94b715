"""The three verdicts a criterion can get and the result a panel sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Verdict = Literal["met", "possible", "not_evidenced"]
MET: Final = "met"
POSSIBLE: Final = "possible"
NOT_EVIDENCED: Final = "not_evidenced"
VERDICT_LABELS: Final[dict[str, str]] = {
    MET: "Met",
    POSSIBLE: "Possible: check",
    NOT_EVIDENCED: "Not evidenced",
}

_FIELD_LABELS: Final = {
    "current_role": "current role",
    "career_summary": "career summary",
    "cv_text": "CV",
}


def field_label(name: str) -> str:
    """A field's name as the appointments team would say it."""
    if name.startswith("evidence:"):
        return "competency evidence (" + name.split(":", 1)[1] + ")"
    return _FIELD_LABELS.get(name, name.replace("_", " "))


@dataclass(frozen=True)
class CriterionResult:
    """One essential or desirable criterion with its verdict and the evidence for it."""

    criterion: str
    essential: bool
    met: bool
    evidence: str | None
    field: str | None
    assessed: bool = True  # False when no word of the criterion is known to the model
    verdict: str = NOT_EVIDENCED  # "met", "possible" or "not_evidenced"
    # For a "met" whose quote does not meet every part of the criterion (finance, and work
    # in the public sector, said in two sentences): the other sentences, with their fields.
    also: tuple[tuple[str, str], ...] = ()

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict] if self.assessed else "Not assessed"
