"""Quality promises on text outside the board vocabulary: misspellings, short bios,
inflections, and inferred parts weighted by the evidence for them."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from benchmarks.counterfactual_real import vacancies_of as real_vacancies
from benchmarks.real_data import load as load_real
from nedmatch.matching import (
    CandidateProfile,
    ModelVersionError,
    Ranker,
    VacancyProfile,
    load,
    save,
)
from nedmatch.matching.inference import board_evidence
from nedmatch.matching.keywords import correct_key_words, key_words
from nedmatch.matching.persistence import METADATA_FILE, READING_VERSION
from nedmatch.matching.registry import ModelRegistry
from nedmatch.matching.words import SpellingIndex, lemma

from .conftest import AUDIT_CHAIR, POOL

SOLICITOR = (
    "Solicitor and partner in a regional law firm, specialising in employment law and "
    "litigation for public bodies. I advise boards on governance, safeguarding and "
    "regulatory compliance, and I have chaired the risk committee of a housing association."
)
MISSPELT = (
    "Solicter and partner in a regional law firm, specialising in employmnet law and "
    "litigaton for public bodies. I advise boards on goverance, safeguarding and "
    "regulatory compliance, and I have chaired the risk committee of a housing association."
)
LEGAL = VacancyProfile(
    id="legal",
    title="Non-executive director with legal expertise",
    description="A solicitor to advise the board on litigation, employment law and governance.",
    essential_criteria=["A qualified solicitor with experience of litigation"],
)


def _pool(*extra: CandidateProfile) -> list[CandidateProfile]:
    return [*POOL, *extra]


def _score(ranker: Ranker, vacancy: VacancyProfile, candidate_id: str) -> float:
    return ranker.explain(vacancy, candidate_id).score


def test_four_misspelt_key_words_cost_at_most_a_few_points() -> None:
    right = CandidateProfile(id="right", career_summary=SOLICITOR, board_experience="other-board")
    wrong = dataclasses.replace(right, id="wrong", career_summary=MISSPELT)
    ranker = Ranker().fit(_pool(right))
    ranker.add(wrong)  # applied after the fit: words the vocabulary never saw are read as meant
    lost = _score(ranker, LEGAL, "right") - _score(ranker, LEGAL, "wrong")
    assert lost <= 3.0, f"four misspellings cost {lost:.1f} points"


def test_misspelt_words_in_a_vacancy_are_read_as_meant() -> None:
    right = CandidateProfile(id="right", career_summary=SOLICITOR)
    ranker = Ranker().fit(_pool(right))
    typo = dataclasses.replace(
        LEGAL, description="A solicter to advise the board on litigaton, employmnet law."
    )
    assert ranker.rank(typo, top_k=1)[0].candidate_id == "right"


def test_spelling_index_takes_the_commoner_word_and_refuses_ties() -> None:
    index = SpellingIndex({"governance": 9, "accountant": 4, "boards": 2, "beards": 2})
    assert index.correct("goverance") == "governance"
    assert index.correct("acountant") == "accountant"
    assert index.correct("baards") is None  # "boards" or "beards": not guessed


def test_a_twenty_word_bio_loses_little_against_the_same_content_at_length() -> None:
    short = CandidateProfile.from_text(
        "short",
        "Chartered accountant and audit committee chair; led financial reporting, internal "
        "audit and risk management for a housing association board.",
    )
    long = CandidateProfile.from_text(
        "long",
        "I am a chartered accountant with many years in practice and in industry.\n"
        "I chair the audit committee of a housing association, where I sit on the board.\n"
        "As finance director I led financial reporting and the year-end statutory accounts.\n"
        "I built the internal audit function and the risk management framework.\n"
        "I enjoy mentoring junior colleagues and I volunteer at a local school.\n"
        "Before that I trained with a large firm and qualified with the ICAEW.",
    )
    ranker = Ranker().fit(_pool(short, long))
    gap = _score(ranker, AUDIT_CHAIR, "long") - _score(ranker, AUDIT_CHAIR, "short")
    assert gap < 10.0, f"the 20-word bio lost {gap:.1f} points"


def test_inflections_meet_their_lemma() -> None:
    assert lemma("chaired") == "chair"
    assert lemma("committees") == "committee"
    assert lemma("analyses") == "analysis"
    chaired = CandidateProfile(
        id="chaired", career_summary="She chaired boards and audited trusts."
    )
    ranker = Ranker().fit(_pool(chaired))
    vacancy = VacancyProfile(id="v", description="Chair a board; audit a trust.")
    match = ranker.rank(vacancy, top_k=1)[0]
    assert match.candidate_id == "chaired"
    shown = {t.term for t in match.matched_terms if t.kind == "word"}
    assert shown & {"chaired", "boards", "audited", "trusts"}, "the candidate's own words"


OUTSIDE = [
    "Java developer: Spring Boot microservices, REST APIs, Kafka and Kubernetes on AWS.",
    "Mechanical engineer designing gearboxes with SolidWorks and finite element analysis.",
    "Sous chef running a busy kitchen: menus, stock control and food hygiene.",
    "Hadoop engineer building Spark pipelines, Hive tables and Airflow schedules.",
    "Java developer with Hibernate, Spring MVC, Maven builds and JUnit tests.",
]


def test_text_without_board_vocabulary_has_no_confidence_and_ranks_by_text_alone() -> None:
    assert board_evidence(OUTSIDE[0]) == 0.0
    assert board_evidence(POOL[0].career_summary) == 1.0
    cvs = [CandidateProfile.from_text(f"cv{i}", t) for i, t in enumerate(OUTSIDE)]
    assert all(c.confidence == 0.0 for c in cvs)
    ranker = Ranker().fit(cvs)
    query = VacancyProfile.from_text("q", "Java developer using Spring and Kubernetes; Kafka.")
    text_only = dataclasses.replace(
        query, part_weights={k: (1.0 if k == "text" else 0.0) for k in query.part_weights}
    )
    full = ranker.rank(query, top_k=5)
    alone = ranker.rank(text_only, top_k=5)
    assert [m.candidate_id for m in full] == [m.candidate_id for m in alone]
    for match in full:
        assert match.contributions.get("text", 0.0) == pytest.approx(match.score, abs=0.2)


def test_typed_profiles_keep_their_structured_parts() -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    match = ranker.explain(AUDIT_CHAIR, "acct")
    assert match.contributions["skills"] > 0
    assert sum(match.contributions.values()) == pytest.approx(match.score, abs=0.5)


def test_confidence_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        CandidateProfile(id="x", confidence=1.5)


def test_a_model_saved_in_the_old_format_is_refitted(tmp_path: Path) -> None:
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    save(ranker, tmp_path)
    file = tmp_path / METADATA_FILE
    metadata = json.loads(file.read_text())
    metadata["format_version"] = 1
    file.write_text(json.dumps(metadata))
    with pytest.raises(ModelVersionError, match="refit"):
        load(tmp_path)
    models = ModelRegistry(tmp_path, ranker_factory=lambda: Ranker(min_df=1))
    refitted = models.load_or_fit(lambda: POOL)
    assert refitted is not None and len(refitted) == len(POOL)
    assert json.loads(file.read_text())["format_version"] == 2


def test_a_model_whose_text_was_read_under_other_rules_is_refitted(tmp_path: Path) -> None:
    """A fix to what counts as a name or a disclosure must reach the saved pool."""
    ranker = Ranker(min_df=1, max_df=1.0).fit(POOL)
    save(ranker, tmp_path)
    file = tmp_path / METADATA_FILE
    metadata = json.loads(file.read_text())
    assert metadata["reading_version"] == READING_VERSION
    metadata["reading_version"] = "0" * 16
    file.write_text(json.dumps(metadata))
    with pytest.raises(ModelVersionError, match="other rules"):
        load(tmp_path)
    models = ModelRegistry(tmp_path, ranker_factory=lambda: Ranker(min_df=1))
    assert models.load_or_fit(lambda: POOL) is not None
    assert json.loads(file.read_text())["reading_version"] == READING_VERSION


def _slip(word: str) -> str:
    """Two letters in the middle of a word swapped: the commonest typing slip."""
    i = len(word) // 2
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def test_four_misspelt_key_words_in_real_biographies_cost_at_most_a_few_points() -> None:
    """Each of the 52 public biographies with up to four of its key words misspelt,
    ranked in one pool with the biography as written, against the 33 real adverts.

    Before key words were read as meant, this cost up to 32.9 points and changed 9
    essentials groups; before feedback left near copies out of its sum, a misspelt copy
    scored 20.8 points above its original; before a swap of two letters was preferred to
    another edit, "chagned" (one edit from "changed" and "chained") was left alone and
    cost 5.3 points."""
    data = load_real()
    keys = key_words()
    pool = []
    for bid, text in data.bios.items():
        slipped = text
        for word in sorted({w for w in re.findall(r"\b[a-z]{6,}\b", text) if w in keys})[:4]:
            slipped = re.sub(rf"\b{word}\b", _slip(word), slipped)
        pool += [CandidateProfile.from_text(f"{bid}/o", text)]
        pool += [CandidateProfile.from_text(f"{bid}/t", slipped)]
    ranker = Ranker().fit(pool)
    moves, flips = [], []
    for vacancy in real_vacancies(data):
        matches = {m.candidate_id: m for m in ranker.rank(vacancy, top_k=len(pool))}
        for bid in data.bios:
            written, slipped_match = matches[f"{bid}/o"], matches[f"{bid}/t"]
            moves.append(abs(written.score - slipped_match.score))
            if written.meets_essentials != slipped_match.meets_essentials:
                flips.append(f"{bid} against {vacancy.id}")
    assert max(moves) <= 1.0
    assert not flips


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("managing chariteis", "managing charities"),
        ("a charteerd accountant who chiared the audit comittee", None),
        ("the volunatry sector", "the voluntary sector"),
        # One edit from "changed" (a swap) and "chained" (a letter changed): the swap wins.
        ("the trust chagned its plans", "the trust changed its plans"),
    ],
)
def test_a_misspelt_key_word_is_read_as_meant(text: str, read: str | None) -> None:
    expected = read or "a chartered accountant who chaired the audit committee"
    assert correct_key_words(text) == expected


def test_names_dictionary_words_and_ties_are_left_alone() -> None:
    text = "Chariteis Smith visited delhi for cyber work; the trust changed its plans."
    assert correct_key_words(text) == text
