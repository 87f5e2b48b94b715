"""No proxies on real text: the 52 public NHS board biographies of benchmarks/data/ned_real,
each edited in one protected way (a name of another origin, the other pronoun, "Chairman"
for "Chair", a disclosure or an identity membership added, a faith or community office, a
qualification gained abroad), ranked against the 33 real adverts beside the biography
without the edit. Nobody here wrote these texts, so the attack finds what the templates of
test_counterfactual.py cannot: one-line biographies with no full stop, surnames used as a
sentence's subject, places and universities of study.

The same pairs are a benchmark (python -m benchmarks.counterfactual_real), which prints
each kind's largest move.
"""

from __future__ import annotations

import pytest

from benchmarks.counterfactual_real import measure, pairs, person_name, rename, vacancies_of
from benchmarks.real_data import load
from nedmatch.matching.inference import infer_region
from nedmatch.matching.text import evidence_only, scrub


@pytest.fixture(scope="module")
def rows():
    data = load()
    return measure(pairs(data), vacancies_of(data))


def test_no_protected_edit_of_a_real_biography_moves_a_score_or_a_verdict(rows) -> None:
    assert len(rows) >= 30  # every kind of edit was made
    problems = [
        f"{kind}: {row.low:+.1f} to {row.high:+.1f} ({row.worst}); "
        f"{row.groups} group and {row.verdicts} verdict changes"
        for kind, row in rows.items()
        if max(abs(row.low), abs(row.high)) > 1.0 or row.groups or row.verdicts
    ]
    assert not problems, problems


def test_the_names_in_the_records_are_found() -> None:
    assert person_name("Sir Andrew Morris, Deputy Chair, NHS England") == ("Andrew", "Morris")
    assert person_name("Dido Harding (Baroness Harding of Winscombe), former Chair") == (
        "Dido",
        "Harding",
    )
    assert rename(
        "Sir Andrew Morris joined. Andrew led.", ("Andrew", "Morris"), ("Wei", "Zhang")
    ) == ("Sir Wei Zhang joined. Wei led.")


@pytest.mark.parametrize(
    "text",
    [
        "She is Deaf and uses British Sign Language.",
        "He is a wheelchair user and registered disabled.",
        "He is a carer for his elderly mother.",
        "She took a five-year career break to care for her children.",
        "They have lived with bipolar disorder.",
        "He has been treated for depression and anxiety.",
        "She uses hearing aids.",
        "She is pregnant.",
        "He is a practising Muslim.",
        "She wears a hijab.",
        "She is a trans woman.",
        "He is married, with three adult children, and lives in East Sussex.",
    ],
)
def test_a_disclosure_in_a_biographys_voice_is_not_evidence(text: str) -> None:
    assert evidence_only(f"He was chief executive of the trust. {text}") == (
        "was chief executive of the trust. "
    )


def test_a_disclosure_after_a_line_with_no_full_stop_takes_only_its_own_words() -> None:
    line = "Dr Jane Smith CBE, Chief Executive, MHRA"
    assert evidence_only(f"{line} She is a carer for her elderly mother.").startswith(line)


@pytest.mark.parametrize(
    "text",
    [
        "He is a consultant physician specialising in diabetes.",
        "She has led cancer services at two trusts.",
        "He has an interest in stroke care and rehabilitation.",
    ],
)
def test_work_on_a_condition_stays(text: str) -> None:
    assert (
        "diabetes" in evidence_only(text)
        or "cancer" in evidence_only(text)
        or ("stroke" in evidence_only(text))
    )


def test_chairman_reads_as_chair_in_the_case_it_was_written() -> None:
    assert evidence_only("He was Chairman of the trust.") == evidence_only(
        "He was Chair of the trust."
    )
    assert "the chair of" in evidence_only("She was the chairwoman of the board.")


def test_a_surname_that_is_no_english_word_goes_wherever_it_is_capitalised() -> None:
    text = "Robert Walter Mitchell, Baron Mitchell, was a civil servant."
    assert "Mitchell" not in scrub(text, ("Bob Mitchell",))
    assert "Hassan" not in scrub("Dr Al-Hassan and Al-Hassan's team.", ("Aisha Al-Hassan",))


def test_a_surname_that_is_a_word_goes_where_it_stands_as_a_name() -> None:
    text = (
        "Sir Hugh Henderson Law is a former civil servant. Law was educated in law. In 2015 "
        "Law became Chair. She knows employment law."
    )
    out = scrub(text, ("Tom Law",))
    assert "Law" not in out.replace("law", "")
    assert out.count("law") == 2  # the ordinary word stays


def test_where_someone_studied_is_not_where_they_are() -> None:
    assert infer_region("She qualified as a nurse in Manchester.") is None
    assert infer_region("She lives in Manchester and studied in Leeds.") == "north-west"
    assert evidence_only("She qualified as a nurse in Manchester before registering.") == (
        evidence_only("She qualified as a nurse in the Philippines before registering.")
    )
    assert evidence_only("He studied medicine (MBBS, University of Sheffield).") == (
        evidence_only("He studied medicine (MBBS, King Edward Medical University).")
    )
    # Elsewhere a place and a university stay.
    assert "Leeds" in evidence_only("She trained in London and works in Leeds.")
    assert "University of Leeds" in evidence_only("He is Professor at the University of Leeds.")


@pytest.mark.parametrize(
    "text",
    [
        "He is a Christian Aid trustee.",
        "She is a Jewish community leader.",
        "She is a board member of a Black and minority ethnic housing association.",
    ],
)
def test_an_office_in_a_faith_or_community_body_is_not_a_disclosure(text: str) -> None:
    assert evidence_only(text)


@pytest.mark.parametrize(
    ("text", "name", "kept", "gone"),
    [
        # A surname that is a job word stays in the post's title.
        (
            "Mrs Director was a Non-Executive Director of the Board and Director of Finance.",
            "Carmen Director",
            ["Non-Executive Director of", "Director of Finance"],
            ["Mrs Director"],
        ),
        (
            "On 1 July he was appointed the Chairman of the Board. Chairman published a review.",
            "Summer Chairman",
            ["the Chair of the Board"],
            ["Chair published"],
        ),
        (
            "The paper accused Treasurer of using her authority. It became the Treasurer Review.",
            "Rose Treasurer",
            [],
            ["Treasurer"],
        ),
        # A given name that is a word goes as a name and stays as the word.
        (
            "Justice Babette Mensah worked at the Ministry of Justice.",
            "Justice Mensah",
            ["Ministry of Justice"],
            ["Babette Mensah", "Justice Babette"],
        ),
        (
            "Cambridge Judge Business School",
            "John Judge",
            ["Cambridge Judge Business School"],
            [],
        ),
    ],
)
def test_a_name_that_is_a_word_goes_only_where_it_is_a_name(
    text: str, name: str, kept: list[str], gone: list[str]
) -> None:
    out = evidence_only(scrub(text, (name,)))
    assert all(k in out for k in kept), out
    assert not any(g in out for g in gone), out


def test_a_name_of_many_words_leaves_one_mark() -> None:
    one = scrub("Seán Mac Giolla Phádraig led the trust.", ("Seán Mac Giolla Phádraig",))
    assert one == scrub("James Mitchell led the trust.", ("James Mitchell",))


def test_a_law_officers_title_is_not_a_qualification_abroad() -> None:
    assert "Attorney General" in evidence_only("She was Attorney General for two years.")
    assert "solicitor" in evidence_only("She qualified as an attorney in New York.")
