"""Fair by construction: identity and protected characteristics cannot move a score."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from nedmatch.matching import Ranker

from .conftest import AUDIT_CHAIR, CLINICAL, POOL

# Written independently of the lexicon on purpose, so this test can catch a gap in it.
PROTECTED_WORDS = {
    "age", "aged", "old", "young", "elderly", "born", "birth", "gender", "sex", "male",
    "female", "man", "woman", "men", "women", "transgender", "trans", "nonbinary", "he",
    "she", "his", "her", "him", "mr", "mrs", "ms", "miss", "ethnicity", "ethnic", "race",
    "racial", "black", "white", "asian", "bame", "bme", "religion", "religious", "faith",
    "christian", "muslim", "jewish", "hindu", "sikh", "buddhist", "church", "mosque",
    "disability", "disabled", "wheelchair", "deaf", "blind", "autistic", "pregnant",
    "pregnancy", "maternity", "married", "marriage", "husband", "wife", "widowed",
    "divorced", "gay", "lesbian", "bisexual", "heterosexual", "homosexual", "lgbt",
    "sexuality", "orientation",
}  # fmt: skip

DISCLOSURE = (
    "As a {race} {religion} {sex} aged {age} with {disability}, {status}, {pronoun} brings "
    "lived experience to the board."
)
DISCLOSURES = DISCLOSURE.format(
    race="Black",
    religion="Muslim",
    sex="woman",
    age=54,
    disability="a disability",
    status="married and pregnant",
    pronoun="she",
)
OTHER_DISCLOSURES = DISCLOSURE.format(
    race="White",
    religion="Christian",
    sex="man",
    age=31,
    disability="no disability",
    status="divorced",
    pronoun="he",
)


def _scores(ranker: Ranker, vacancy=AUDIT_CHAIR) -> dict[str | int, float]:
    return {m.candidate_id: m.score for m in ranker.rank(vacancy, top_k=100)}


def test_changing_name_and_contact_details_changes_no_score() -> None:
    def with_identity(name: str, email: str, phone: str, postcode: str):
        pool = []
        for candidate in POOL:
            text = f"{name} ({email}, {phone}, {postcode}). " + candidate.career_summary
            pool.append(
                dataclasses.replace(
                    candidate,
                    career_summary=text,
                    name=name,
                    email=email,
                    phone=phone,
                    postcode=postcode,
                )
            )
        return Ranker(min_df=1, max_df=1.0).fit(pool)

    first = with_identity("Ada Brook", "ada@example.org", "07700 900123", "LS6 2AB")
    second = with_identity(
        "Bartholomew Featherstonehaugh-Smythe",
        "b.fs@example.com",
        "+44 20 7946 0018",
        "SW1A 1AA",
    )
    for vacancy in (AUDIT_CHAIR, CLINICAL):
        assert _scores(first, vacancy) == _scores(second, vacancy)


def test_protected_characteristics_written_in_text_change_no_score() -> None:
    def fit(disclosures: list[str]) -> Ranker:
        return Ranker(min_df=1, max_df=1.0).fit(
            dataclasses.replace(c, career_summary=c.career_summary + " " + d)
            for c, d in zip(POOL, disclosures, strict=True)
        )

    mixed = [DISCLOSURES if i % 2 else OTHER_DISCLOSURES for i in range(len(POOL))]
    swapped = [OTHER_DISCLOSURES if i % 2 else DISCLOSURES for i in range(len(POOL))]
    for vacancy in (AUDIT_CHAIR, CLINICAL):
        assert _scores(fit(mixed), vacancy) == _scores(fit(swapped), vacancy)


@pytest.mark.parametrize("lsa_weight", [0.0, 0.5])
def test_no_feature_refers_to_a_protected_characteristic(lsa_weight: float) -> None:
    pool = [
        dataclasses.replace(c, career_summary=c.career_summary + " " + DISCLOSURES) for c in POOL
    ]
    ranker = Ranker(min_df=1, max_df=1.0, lsa_weight=lsa_weight, n_components=3).fit(pool)
    names = ranker.feature_names_out()
    assert any(n.endswith("__accountant") for n in names), "the check must see real words"
    offending = []
    for name in names:
        words = set(re.split(r"[^a-z]+", name.split("__", 1)[1]))
        if words & PROTECTED_WORDS:
            offending.append(name)
    assert offending == []


def test_equality_as_a_competency_is_still_a_feature() -> None:
    pool = [
        dataclasses.replace(
            POOL[0],
            competency_evidence={
                "equality": "I led the equality, diversity and inclusion strategy."
            },
        ),
        *POOL[1:],
    ]
    names = Ranker(min_df=1, max_df=1.0).fit(pool).feature_names_out()
    assert "words__equality" in names
    assert "concepts__c_domain_equality" in names


def test_scores_do_not_depend_on_pool_order() -> None:
    forward = _scores(Ranker(min_df=1, max_df=1.0).fit(POOL))
    backward = _scores(Ranker(min_df=1, max_df=1.0).fit(list(reversed(POOL))))
    assert forward.keys() == backward.keys()
    assert np.allclose([forward[k] for k in forward], [backward[k] for k in forward])
