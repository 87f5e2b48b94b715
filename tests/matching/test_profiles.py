from __future__ import annotations

import dataclasses

import pytest

from nedmatch.matching import CandidateProfile, VacancyProfile

CV = """Jo Bloggs
Chartered accountant (ICAEW) and former finance director of a logistics group.
I have been a non-executive director of an NHS foundation trust since 2019, where I chair
the audit committee. I live in Leeds. I can give three days a month.
I led the turnaround of a loss-making subsidiary.
"""

ADVERT = """Non-executive director: chair of the audit and risk committee
The trust serves Sheffield and the surrounding area. The time commitment is about four days
a month. Candidates must live in or have strong links to North East and Yorkshire.
Essential criteria
- A professionally qualified accountant with recent and relevant financial experience
- Previous board experience
Desirable criteria
- Knowledge of NHS finance
"""


@pytest.fixture(scope="module")
def candidate() -> CandidateProfile:
    return CandidateProfile.from_text(1, CV)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("region", "north-east-and-yorkshire"),
        ("board_experience", "nhs-board"),
        ("availability", "2-3"),
        ("willing_challenged", True),
    ],
)
def test_candidate_from_text_infers_fields(
    candidate: CandidateProfile, field: str, expected: object
) -> None:
    assert getattr(candidate, field) == expected


def test_candidate_from_text_infers_skills_and_evidence(candidate: CandidateProfile) -> None:
    assert {"accountancy", "finance", "audit-risk"} <= set(candidate.skill_areas)
    assert "clinical-medicine" not in candidate.skill_areas
    assert "audit committee" in candidate.competency_evidence["governance"]


def test_candidate_text_fields_are_scrubbed(candidate: CandidateProfile) -> None:
    joined = " ".join(candidate.text_fields().values())
    assert "Bloggs" not in joined
    assert "Chartered accountant" in joined


@pytest.mark.parametrize(
    ("text", "board"),
    [
        ("I chair the board of a housing association.", "chair"),
        ("I am a trustee of a hospice.", "other-board"),
        ("I sat on the board of an integrated care board.", "nhs-board"),
        ("This would be my first board role.", "none"),
    ],
)
def test_board_experience_inference(text: str, board: str) -> None:
    assert CandidateProfile.from_text("x", text).board_experience == board


def test_vacancy_from_text() -> None:
    vacancy = VacancyProfile.from_text("v", ADVERT)
    assert vacancy.role_type == "audit-chair"
    assert vacancy.essential_criteria == [
        "A professionally qualified accountant with recent and relevant financial experience",
        "Previous board experience",
    ]
    assert vacancy.desirable_criteria == ["Knowledge of NHS finance"]
    assert vacancy.location_requirement == "region"
    assert vacancy.region == "north-east-and-yorkshire"
    assert vacancy.time_commitment_days == 4.0
    assert vacancy.min_board_experience == "other-board"
    assert {"accountancy", "finance"} <= set(vacancy.skill_areas)


def test_vacancy_criteria_from_wording_without_headings() -> None:
    vacancy = VacancyProfile.from_text(
        "v", "Chair\nYou must have chaired a board. Ideally you will know the NHS."
    )
    assert vacancy.role_type == "chair"
    assert vacancy.essential_criteria == ["You must have chaired a board."]
    assert vacancy.desirable_criteria == ["Ideally you will know the NHS."]


@pytest.mark.parametrize(
    ("sentence", "essential", "desirable"),
    [
        ("Experience of NHS finance is essential.", True, False),
        ("The successful candidate will need board experience.", True, False),
        ("Applicants are required to live in the region.", True, False),
        ("It is essential that you live locally.", True, False),
        ("Experience of housing would be an advantage.", False, True),
        # A CV's sentences (from the public CV set) use the words but ask nothing.
        ("Effectively coded required changes and checked them into the repository.", 0, 0),
        ("Team work was essential, and conflict resolution skills were developed.", 0, 0),
        ("Negotiating with vendors for procuring essential materials at a fair price.", 0, 0),
        ("Act as deputy to the Director, Arts when required.", 0, 0),
        ("Took advantage of every training course offered.", 0, 0),
        ("Set up the cluster and the activities which are required for it to run.", 0, 0),
        ("Businesses supported are Asset Servicing and Corporate Trust.", 0, 0),
    ],
)
def test_without_headings_a_criterion_is_a_sentence_that_asks_something(
    sentence: str, essential: bool, desirable: bool
) -> None:
    vacancy = VacancyProfile.from_text("v", f"Role\n{sentence}")
    assert bool(vacancy.essential_criteria) == bool(essential)
    assert bool(vacancy.desirable_criteria) == bool(desirable)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"skill_areas": ["astrology"]},
        {"region": "wales"},
        {"board_experience": "some"},
        {"competency_evidence": {"charisma": "lots"}},
    ],
)
def test_candidate_rejects_unknown_slugs(kwargs: dict) -> None:
    with pytest.raises(ValueError, match="Unknown"):
        CandidateProfile(id=1, **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [{"role_type": "king"}, {"part_weights": {"luck": 1.0}}, {"part_weights": {"text": -1}}],
)
def test_vacancy_rejects_bad_values(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        VacancyProfile(id=1, **kwargs)


def test_candidate_profile_has_no_monitoring_fields() -> None:
    names = {f.name for f in dataclasses.fields(CandidateProfile)}
    for monitoring in (
        "ethnicity",
        "gender",
        "sex",
        "age",
        "date_of_birth",
        "disability",
        "religion",
        "sexual_orientation",
        "marital_status",
    ):
        assert monitoring not in names
    with pytest.raises(TypeError):
        CandidateProfile(id=1, ethnicity="prefer-not-to-say")  # type: ignore[call-arg]


def test_evidence_that_repeats_the_cv_is_not_read_twice() -> None:
    """Evidence inferred from a CV, or pasted from it with other punctuation between its
    sentences, is the CV's words: the document holds them once. Evidence a candidate
    wrote for the form is their own and is read."""
    cv = (
        "Chief Executive\nI chaired the audit committee of a mental health trust\n"
        "• I led the merger of two hospital trusts.\nI have sat on three boards."
    )
    read = CandidateProfile.from_text("read", cv)
    assert read.competency_evidence  # something was inferred
    assert not [k for k in read.text_fields() if k.startswith("evidence:")]

    pasted = "I chaired the audit committee of a mental health trust. I led the merger of two"
    typed = CandidateProfile(
        id="typed",
        cv_text=cv,
        competency_evidence={
            "governance": pasted + " hospital trusts.",
            "strategy": "I wrote the five-year strategy for a county's health services.",
        },
    )
    fields = typed.text_fields()
    assert "evidence:governance" not in fields
    assert fields["evidence:strategy"].startswith("I wrote the five-year strategy")
