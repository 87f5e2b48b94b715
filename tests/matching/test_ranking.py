from __future__ import annotations

import dataclasses

import pytest

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile

from .conftest import AUDIT_CHAIR, CLINICAL, POOL


@pytest.mark.parametrize(
    ("vacancy", "best", "worst"),
    [(AUDIT_CHAIR, "acct", "cio"), (CLINICAL, "doc", "acct")],
)
def test_best_fit_ranks_first(ranker: Ranker, vacancy: VacancyProfile, best: str, worst: str):
    ids = [m.candidate_id for m in ranker.rank(vacancy, top_k=10)]
    assert ids[0] == best
    assert ids.index(best) < ids.index(worst)


def test_scores_are_between_0_and_100_and_sorted(ranker: Ranker) -> None:
    matches = ranker.rank(AUDIT_CHAIR, top_k=10)
    assert len(matches) == len(POOL)
    assert [m.rank for m in matches] == list(range(1, len(POOL) + 1))
    for group in (True, False):
        scores = [m.score for m in matches if m.meets_essentials is group]
        assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= m.score <= 100.0 for m in matches)


def test_contributions_add_up_to_the_score(ranker: Ranker) -> None:
    for match in ranker.rank(AUDIT_CHAIR, top_k=3):
        assert sum(match.contributions.values()) == pytest.approx(match.score, abs=0.5)
        assert set(match.contributions) >= {"text", "skills", "competencies", "location"}


def test_candidates_missing_an_essential_come_below_but_are_kept(ranker: Ranker) -> None:
    matches = ranker.rank(AUDIT_CHAIR, top_k=10)
    flags = [m.meets_essentials for m in matches]
    assert flags == sorted(flags, reverse=True), "the group that meets essentials comes first"
    by_id = {m.candidate_id: m for m in matches}
    assert by_id["acct"].meets_essentials
    # Finance without a qualification does not evidence "qualified accountant" ...
    assert not by_id["cfo"].meets_essentials
    assert by_id["cfo"].unmet_essentials == AUDIT_CHAIR.essential_criteria
    # ... and would outscore a fitting candidate without the grouping.
    ungrouped = Ranker(min_df=1, max_df=1.0, group_essentials=False).fit(POOL)
    scores = {m.candidate_id: m.score for m in ungrouped.rank(AUDIT_CHAIR, top_k=10)}
    assert scores["cfo"] > scores["doc"]
    assert [m.candidate_id for m in matches].index("cfo") > [
        m.candidate_id for m in matches if m.meets_essentials
    ].__len__() - 1


def test_explanation_gives_the_evidence_sentence(ranker: Ranker) -> None:
    match = ranker.explain(AUDIT_CHAIR, "acct")
    essential = next(c for c in match.criteria if c.essential)
    assert essential.met
    assert essential.evidence is not None
    assert "ACCA-qualified accountant" in essential.evidence
    assert essential.field == "career summary"


def test_explanation_locates_matched_terms(ranker: Ranker) -> None:
    match = ranker.explain(AUDIT_CHAIR, "acct")
    located = [t for t in match.matched_terms if t.snippet]
    assert located, "some matched words must be shown in context"
    for term in located:
        if term.kind == "word":
            first = term.term.split()[0]
            assert first in term.snippet.lower()
    assert any(t.kind == "concept" and "Accountancy" in t.term for t in match.matched_terms)


def test_explanation_never_shows_contact_details(ranker: Ranker) -> None:
    for term in ranker.explain(AUDIT_CHAIR, "acct").matched_terms:
        assert "Brook" not in (term.snippet or "")


def test_rank_subset_and_exclusion(ranker: Ranker) -> None:
    subset = [m.candidate_id for m in ranker.rank(AUDIT_CHAIR, candidate_ids=["doc", "cio"])]
    assert sorted(subset) == ["cio", "doc"]
    rest = [m.candidate_id for m in ranker.rank(AUDIT_CHAIR, exclude_ids={"acct", "cfo"})]
    assert sorted(rest) == ["cio", "doc", "vcse"]
    assert ranker.rank(AUDIT_CHAIR, candidate_ids=["nobody"]) == []


def test_top_k_limits_results(ranker: Ranker) -> None:
    assert len(ranker.rank(AUDIT_CHAIR, top_k=2)) == 2


def test_add_makes_a_new_candidate_rankable_without_refit(fresh_ranker: Ranker) -> None:
    vocabulary = dict(
        fresh_ranker.pipeline_.named_steps["features"].transformer_list[0][1].vocabulary_
    )
    newcomer = CandidateProfile(
        id="new",
        current_role="Consultant physician",
        career_summary="Medical director and consultant physician leading clinical governance "
        "and patient safety for a large hospital.",
        skill_areas=["clinical-medicine", "quality-safety"],
        board_experience="nhs-board",
    )
    fresh_ranker.add(newcomer)
    assert "new" in fresh_ranker
    ids = [m.candidate_id for m in fresh_ranker.rank(CLINICAL, top_k=2)]
    assert "new" in ids
    after = fresh_ranker.pipeline_.named_steps["features"].transformer_list[0][1].vocabulary_
    assert after == vocabulary, "adding a candidate must not refit the vocabulary"


def test_add_replaces_an_existing_candidate(fresh_ranker: Ranker) -> None:
    changed = dataclasses.replace(POOL[3], id="acct")
    fresh_ranker.add(changed)
    assert len(fresh_ranker) == len(POOL)
    assert fresh_ranker.rank(AUDIT_CHAIR, top_k=1)[0].candidate_id != "acct"


def test_remove_forgets_a_candidate(fresh_ranker: Ranker) -> None:
    assert fresh_ranker.remove("acct") is True
    assert fresh_ranker.remove("acct") is False
    assert "acct" not in fresh_ranker
    ids = [m.candidate_id for m in fresh_ranker.rank(AUDIT_CHAIR, top_k=10)]
    assert "acct" not in ids
    assert len(ids) == len(POOL) - 1
    fresh_ranker.compact()
    assert [m.candidate_id for m in fresh_ranker.rank(AUDIT_CHAIR, top_k=10)] == ids


def test_gap_fill_favours_skills_the_board_lacks(ranker: Ranker) -> None:
    vacancy = dataclasses.replace(
        AUDIT_CHAIR, essential_criteria=[], skill_areas=[], description="A non-executive."
    )
    lacks_digital = dataclasses.replace(vacancy, board_skills={"digital": 0, "finance": 4})
    lacks_finance = dataclasses.replace(vacancy, board_skills={"digital": 4, "finance": 0})
    digital_first = {m.candidate_id: m.score for m in ranker.rank(lacks_digital)}
    finance_first = {m.candidate_id: m.score for m in ranker.rank(lacks_finance)}
    assert digital_first["cio"] > finance_first["cio"]
    assert finance_first["cfo"] > digital_first["cfo"]


@pytest.mark.parametrize(
    ("part", "favoured"),
    [("location", "acct"), ("availability", "vcse"), ("experience", "vcse")],
)
def test_part_weights_are_set_per_vacancy(ranker: Ranker, part: str, favoured: str) -> None:
    vacancy = dataclasses.replace(
        AUDIT_CHAIR,
        essential_criteria=[],
        min_board_experience="chair",
        time_commitment_days=8.0,
        part_weights={name: (1.0 if name == part else 0.0) for name in AUDIT_CHAIR.part_weights},
    )
    top = ranker.rank(vacancy, top_k=1)[0]
    assert top.candidate_id == favoured
    assert set(top.contributions) == {part}


def test_unfitted_ranker_refuses_to_rank() -> None:
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        Ranker().rank(AUDIT_CHAIR)


def test_fit_rejects_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="unique"):
        Ranker().fit([POOL[0], POOL[0]])


def test_free_text_example_ranks_the_fitting_cv_first() -> None:
    cvs = {
        "a": "ACCA-qualified group financial controller; I chaired a charity's audit panel.",
        "b": "Consultant paediatrician and clinical director in a children's hospital.",
        "c": "I run a food bank and coordinate volunteers across three towns.",
    }
    ranker = Ranker(min_df=1, max_df=1.0).fit(
        CandidateProfile.from_text(cid, text) for cid, text in cvs.items()
    )
    vacancy = VacancyProfile.from_text(
        "audit",
        "Audit committee chair\nEssential: a qualified accountant with recent financial experience",
    )
    assert ranker.rank(vacancy, top_k=3)[0].candidate_id == "a"


def test_assessment_orders_like_rank_and_explains_one_page(ranker: Ranker) -> None:
    ids = [p.id for p in POOL]
    ranked = ranker.rank(AUDIT_CHAIR, top_k=len(ids), candidate_ids=ids)
    assessment = ranker.assess(AUDIT_CHAIR, ids)
    assert assessment.candidate_ids == [m.candidate_id for m in ranked]
    assert list(assessment.scores) == [m.score for m in ranked]
    # A later "page" keeps each candidate's rank in the whole list.
    page = assessment.candidate_ids[2:4]
    explained = assessment.explain(page)
    for match in ranked[2:4]:
        assert explained[match.candidate_id] == match
    assert assessment.rank_of(ranked[-1].candidate_id) == len(ranked)
    assert assessment.explain(["nobody"]) == {}
