"""Stage message wording: the defaults, checking a template, and filling it in without
letting a template reach anything but the listed placeholders."""

from __future__ import annotations

import pytest

from nedmatch.services.messages.wording import (
    DEFAULTS,
    PLACEHOLDERS,
    TOLD,
    TemplateError,
    Wording,
    check,
    render,
)
from nedmatch.stages import Stage

VALUES = {
    "first_name": "Priya",
    "vacancy_title": "Chair of the audit committee",
    "organisation": "Leeds Teaching Hospitals NHS Trust",
    "reference": "NED-ABCD-2345",
    "my_applications_link": "https://nedmatch.example/return/token",
    "team_contact": "ned.appointments@nhs.example",
    "interview_link": "https://nedmatch.example/interview/token",
}
# Only the invitation to interview needs the link to choose a time.
ONLY_FOR = {"interview_link": Stage.INTERVIEW}
ALLOWED = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def test_the_candidate_hears_of_every_decision_but_not_the_internal_longlist() -> None:
    assert set(TOLD) == {
        Stage.SHORTLISTED,
        Stage.INTERVIEW,
        Stage.RECOMMENDED,
        Stage.APPOINTED,
        Stage.REJECTED,
    }
    assert Stage.LONGLISTED not in DEFAULTS


@pytest.mark.parametrize("stage", TOLD)
def test_every_default_is_valid_and_personalised(stage: Stage) -> None:
    check(DEFAULTS[stage])
    filled = render(DEFAULTS[stage], VALUES)
    assert "Chair of the audit committee" in filled.subject
    for name, value in VALUES.items():
        if ONLY_FOR.get(name, stage) == stage:
            assert value in filled.body, (stage, value)
    assert "{" not in filled.body and "}" not in filled.body


def test_braces_written_twice_are_kept_as_braces() -> None:
    filled = render(Wording("Hello {first_name}", "Use {{reference}} as {reference}."), VALUES)
    assert filled.body == "Use {reference} as NED-ABCD-2345."


def test_a_value_cannot_break_the_subject_onto_a_new_line() -> None:
    filled = render(Wording("About {vacancy_title}", "x"), {**VALUES, "vacancy_title": "A\nBcc: x"})
    assert filled.subject == "About A Bcc: x"


def test_a_value_is_not_read_as_a_template() -> None:
    filled = render(Wording("s", "Dear {first_name}"), {**VALUES, "first_name": "{reference}"})
    assert filled.body == "Dear {reference}"


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("Dear {name}", "{name}"),
        ("Dear {first_name.__class__}", "{first_name.__class__}"),
        ("Dear {first_name.__init__.__globals__}", "{first_name.__init__.__globals__}"),
        ("Dear {first_name[0]}", "{first_name[0]}"),
        ("Dear {first_name!r}", "{first_name!r}"),
        ("Dear {first_name:>99999}", "{first_name:>99999}"),
        ("Dear {0}", "{0}"),
        ("Dear {}", "{}"),
    ],
)
def test_an_unknown_placeholder_is_named_with_the_allowed_ones(body: str, shown: str) -> None:
    with pytest.raises(TemplateError) as raised:
        check(Wording("Subject", body))
    assert raised.value.problems == [
        ("body", f"The message uses {shown}, which is not a placeholder. Use only {ALLOWED}")
    ]


def test_an_unmatched_brace_says_how_to_write_one() -> None:
    with pytest.raises(TemplateError) as raised:
        check(Wording("Your {vacancy_title", "Dear {first_name}"))
    [(field, message)] = raised.value.problems
    assert field == "subject"
    assert "Write {{ or }} for a brace on its own" in message


def test_every_problem_is_reported_once_for_its_field() -> None:
    with pytest.raises(TemplateError) as raised:
        check(Wording("", "Dear {name}, {name} and {title}"))
    assert [field for field, _ in raised.value.problems] == ["subject", "body", "body"]
    assert raised.value.problems[0] == ("subject", "Enter a subject")


def test_filling_in_never_evaluates_a_name_outside_the_list() -> None:
    # check() refuses these; render must refuse them too rather than look them up.
    with pytest.raises(TemplateError):
        render(Wording("s", "{first_name.__class__}"), VALUES)
    with pytest.raises(TemplateError):
        render(Wording("s", "{secret}"), {**VALUES, "secret": "x"})
