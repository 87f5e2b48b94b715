"""The explanation shows a candidate's own words for a lemmatised feature ("chaired" for
"chair"). Its look-up must find the same words as a full table of every word and pair
would, on real text that nobody here wrote."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from nedmatch.matching import CandidateProfile, Ranker, VacancyProfile
from nedmatch.matching.explain import CandidateText
from nedmatch.matching.explainer import SurfaceForms
from nedmatch.matching.featuriser import Featuriser
from nedmatch.matching.text import kept, tokens
from nedmatch.matching.words import lemmatiser

REAL_TEXTS = Path(__file__).parents[2] / "benchmarks" / "data" / "ned_real" / "texts.json"


def _table(fields: dict[str, str]) -> dict[tuple[str, ...], str]:
    """Every word's and pair's lemmas -> the first words written for them. A pair is two
    words the vectoriser keeps with only words it drops (stop words, protected terms)
    between them, written with what stands between."""
    table = lemmatiser()
    first: dict[tuple[str, ...], str] = {}
    for text in fields.values():
        toks = tokens(text)
        lemmas = [table.get(t, t) for t in toks]
        for i, key in enumerate(lemmas):
            first.setdefault((key,), toks[i])
            first.setdefault((toks[i],), toks[i])
        reaching = [
            i
            for i, reaches in enumerate(kept(toks))
            if reaches
            and lemmas[i] not in ENGLISH_STOP_WORDS
            and re.fullmatch("[a-z][a-z0-9]+", lemmas[i])
        ]
        for i, j in itertools.pairwise(reaching):
            first.setdefault((lemmas[i], lemmas[j]), " ".join(toks[i : j + 1]))
    return first


def _vectorised(lemma: str) -> bool:
    """Whether the word vectoriser makes features of this word (the only terms asked)."""
    return lemma not in ENGLISH_STOP_WORDS and re.fullmatch("[a-z][a-z0-9]+", lemma) is not None


def test_surface_forms_match_a_full_table_on_real_biographies() -> None:
    texts = [item["text"] for item in json.loads(REAL_TEXTS.read_text(encoding="utf-8"))]
    table = lemmatiser()
    checked = 0
    for number in range(0, len(texts) - 1, 2):
        fields = {"career_summary": texts[number], "cv_text": texts[number + 1]}
        forms, text, full = SurfaceForms(), CandidateText(fields), _table(fields)
        toks = tokens(" ".join(fields.values()))
        lemmas = [table.get(t, t) for t in toks]
        # Words the vectoriser drops (protected terms: "female") are never in a feature.
        dropped = {lemma for lemma, keep in zip(lemmas, kept(toks), strict=True) if not keep}
        terms = set(lemmas[::7]) | {
            " ".join(p) for p in zip(lemmas[::5], lemmas[1::5], strict=False)
        }
        for term in terms | {"nosuchword", "nosuch pair"}:
            words = term.split()
            if text.locate_words(term) is not None or not all(map(_vectorised, words)):
                continue
            if any(word in dropped for word in words):
                continue
            assert forms.of(term, text) == full.get(tuple(term.split()), term), term
            checked += 1
    assert checked > 100


def test_every_word_feature_of_a_real_biography_is_quoted() -> None:
    """Each word and pair the fitted vectoriser made from a real text is found in that text
    for the panel, including pairs made across stop words and protected terms ("chaired
    the audit" is "chair audit"; "Professor Dame Valerie" pairs "professor" with the name)."""
    texts = [item["text"] for item in json.loads(REAL_TEXTS.read_text(encoding="utf-8"))]
    featuriser = Featuriser()
    featuriser.fit_transform(texts)
    analyse = featuriser.words_.build_analyzer()
    pairs, missing = 0, []
    for document in texts:
        fields = {"cv_text": document}
        forms, text = SurfaceForms(), CandidateText(fields)
        for term in set(analyse(" ".join(featuriser.normalise(document)))):
            pairs += " " in term
            if text.locate_words(forms.of(term, text)) is None:
                missing.append(term)
    assert pairs > 1000 and missing == []


def test_a_pair_across_a_stop_word_is_quoted_as_written() -> None:
    fields = {"cv_text": "I chaired the audit committee of a housing association."}
    forms, text = SurfaceForms(), CandidateText(fields)
    assert forms.of("chair audit", text) == "chaired the audit"
    located = text.locate_words("chaired the audit")
    assert located is not None and "chaired the audit committee" in located[1]
    # A word the vectoriser keeps between them means they were never a pair.
    assert forms.of("chair committee", text) == "chair committee"


def test_a_pair_made_across_two_fields_is_not_shown_without_its_words() -> None:
    """The vectoriser reads a candidate's fields as one text, so the last word of one and
    the first of the next make a pair no sentence holds ("committee lead"). A panel is
    shown only terms it can see in the candidate's words."""
    pool = [
        CandidateProfile(
            id=f"c{i}",
            current_role="Chair of the audit committee",
            career_summary="Led the finance function of a hospital trust for six years.",
            cv_text=f"Chartered accountant number {i} with a lead role in audit.",
        )
        for i in range(4)
    ]
    ranker = Ranker().fit(pool)
    vacancy = VacancyProfile.from_text(
        "v", "Audit chair\nWe want a committee lead for audit.\nEssential criteria\n- Audit"
    )
    for match in ranker.rank(vacancy, top_k=4):
        words = [t for t in match.matched_terms if t.kind == "word"]
        assert words and all(t.snippet for t in words if " " in t.term), words
