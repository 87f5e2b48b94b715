"""Reasonable adjustments a candidate can ask for at interview (Equality Act 2010, s.20):
the common ones to tick, and their own words for anything else."""

from __future__ import annotations

from typing import Final

ADJUSTMENTS: Final[dict[str, str]] = {
    "step-free": "Step-free access to the building and the interview room",
    "extra-time": "Extra time",
    "bsl": "A British Sign Language (BSL) interpreter",
    "video": "To be interviewed by video call instead of in person",
    "hearing-loop": "A hearing loop",
    "questions-in-writing": "The questions in writing as well as spoken",
    "breaks": "Breaks during the interview",
}
DETAIL_MAX: Final = 2000


def labels(slugs: list[str]) -> list[str]:
    """The adjustments ticked, in the words of the list (unknown ones as they are)."""
    return [ADJUSTMENTS.get(slug, slug) for slug in slugs]


def summary(slugs: list[str], detail: str) -> str:
    """One plain-text paragraph for emails: what was ticked, then the candidate's words."""
    lines = [f"- {label}" for label in labels(slugs)]
    if detail.strip():
        lines.append(f"- In their own words: {detail.strip()}")
    return "\n".join(lines) if lines else "None asked for."
