"""A candidate's profile as the model reads it is stored when they submit, so a refit only
counts words: it must be used only while it matches the profile, never outlive an erasure,
and never hide the person's words from the searches that check an erasure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from nedmatch.extensions import db
from nedmatch.matching import reading as reading_module
from nedmatch.matching.reading import Reading, reading_key
from nedmatch.models import Candidate, CandidateReading, Vacancy
from nedmatch.services import matching
from nedmatch.services.privacy import erasure
from tests.reports.conftest import people

from .conftest import CV_LINES, Person, QuietReporter, found_anywhere


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """The ids of the profiles read from their text (rather than from a stored reading)."""
    seen: list[object] = []
    real = reading_module.read

    def counted(profile, lemmatise=True):  # type: ignore[no-untyped-def]
        seen.append(profile.id)
        return real(profile, lemmatise)

    monkeypatch.setattr(reading_module, "read", counted)
    yield seen


def _others(vacancy: Vacancy) -> list[int]:
    made = people(3, vacancy, "applied", None)
    for number, candidate in enumerate(made):
        candidate.current_role = f"Director of finance number {number}"
        candidate.career_summary = "Chartered accountant. I chaired the audit committee."
    db.session.commit()
    return [c.id for c in made]


def _stored(candidate_id: int) -> Reading | None:
    row = db.session.get(CandidateReading, candidate_id)
    return Reading.from_bytes(row.data) if row is not None else None


def test_submitting_stores_the_reading_and_the_next_refit_reads_nobody_again(
    app: Flask, person: Person, vacancy: Vacancy, model_folder: Path, reads: list[object]
) -> None:
    candidate = db.session.get(Candidate, person.candidate_id)
    stored = _stored(person.candidate_id)
    assert stored is not None, "submitting the profile stores its reading"
    assert stored.key == reading_key(matching.candidate_profile(candidate))
    others = _others(vacancy)

    matching.fit(QuietReporter())
    assert sorted(reads) == sorted(others), "only the profiles with no stored reading"
    assert all(_stored(i) is not None for i in others)

    reads.clear()
    message = matching.fit(QuietReporter())
    assert reads == []
    assert "read for the first time" not in message


def test_a_changed_profile_is_read_again_and_its_new_words_are_what_ranks(
    app: Flask, person: Person, vacancy: Vacancy, model_folder: Path, reads: list[object]
) -> None:
    others = _others(vacancy)
    matching.fit(QuietReporter())
    reads.clear()
    changed = db.session.get(Candidate, others[0])
    changed.career_summary = "Consultant midwife and head of midwifery for twelve years."
    db.session.commit()

    matching.fit(QuietReporter())
    assert reads == [others[0]]
    stored = _stored(others[0])
    assert stored is not None and "midwife" in stored.packed
    assert "audit committee" not in stored.packed
    fitted = matching.get_ranker()
    assert fitted is not None
    assert "midwife" in fitted.index_.rows.fields[fitted.index_.position[others[0]]]


def test_a_stored_reading_of_other_words_or_of_no_use_is_never_trusted(
    app: Flask, person: Person, vacancy: Vacancy, model_folder: Path, reads: list[object]
) -> None:
    """As if a copy went wrong or a row was swapped: a reading that belongs to another
    profile, or cannot be read, is read again from the candidate's own words."""
    others = _others(vacancy)
    matching.fit(QuietReporter())
    theirs = db.session.get(CandidateReading, others[0])
    mine = db.session.get(CandidateReading, person.candidate_id)
    mine.data = theirs.data  # another person's reading under this person's id
    db.session.get(CandidateReading, others[1]).data = b"\x78\x9cnot a reading"
    db.session.commit()
    reads.clear()

    matching.fit(QuietReporter())
    assert sorted(reads) == sorted([person.candidate_id, others[1]])
    fitted = matching.get_ranker()
    assert fitted is not None
    own = fitted.index_.rows.fields[fitted.index_.position[person.candidate_id]]
    assert "Wharfedale Lapidary Guild" in own and "Director of finance" not in own
    repaired = _stored(person.candidate_id)
    assert repaired is not None and "Wharfedale Lapidary Guild" in repaired.packed


def test_erasure_deletes_the_stored_reading_and_the_search_looks_inside_it(
    app: Flask, person: Person, model_folder: Path
) -> None:
    candidate = db.session.get(Candidate, person.candidate_id)
    # The search that checks an erasure finds the person's words in the compressed reading
    # alone: with the profile and the CV's text blanked, the reading still gives them away.
    candidate.current_role = candidate.career_summary = ""
    candidate.competency_evidence = {}
    candidate.cv.text = ""
    db.session.commit()
    assert _stored(person.candidate_id) is not None
    assert f"database: {CV_LINES[1]}" in found_anywhere(app, [CV_LINES[1]])

    erasure.erase_candidate(candidate, "system:test", "Asked by letter")
    db.session.commit()
    assert db.session.get(CandidateReading, person.candidate_id) is None
    assert found_anywhere(app, [CV_LINES[1]]) == []
