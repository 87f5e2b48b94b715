"""'My applications' says what each stage means and what happens next, with dates counted
from the vacancy's closing date."""

from __future__ import annotations

from datetime import date

import pytest

from nedmatch.services.applications.progress import explain
from nedmatch.stages import Stage

CLOSES = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (Stage.APPLIED, "We aim to tell you whether you have been shortlisted by 23 March 2026."),
        (Stage.LONGLISTED, "After the vacancy closes on 2 March 2026, the appointments team"),
        (
            Stage.SHORTLISTED,
            "The panel will decide who to invite to interview by 13 April 2026, and we will "
            "email you either way.",
        ),
        (Stage.INTERVIEW, "Choose a date and time for your interview"),
        (Stage.RECOMMENDED, "fit and proper person checks"),
        (Stage.APPOINTED, "You have been appointed."),
        (Stage.REJECTED, "You can ask the appointments team for feedback."),
        (Stage.WITHDRAWN, "Nothing more will happen with it."),
        (Stage.DRAFT, "before the vacancy closes on 2 March 2026."),
    ],
)
def test_each_stage_is_explained(stage: Stage, expected: str) -> None:
    assert expected in explain(stage, CLOSES)


def test_without_a_closing_date_no_date_is_promised() -> None:
    text = explain(Stage.SHORTLISTED, None)
    assert text.startswith("You are on the shortlist. The panel will decide who to invite to ")
    assert " by " not in text
