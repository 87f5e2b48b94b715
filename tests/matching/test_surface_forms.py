"""The explanation shows a candidate's own words for a lemmatised feature ("chaired" for
"chair"). Its look-up must find the same words as a full table of every word and pair
would, on real text that nobody here wrote."""

from __future__ import annotations

import json
from pathlib import Path

from nedmatch.matching.explain import CandidateText
from nedmatch.matching.explainer import SurfaceForms
from nedmatch.matching.text import tokens
from nedmatch.matching.words import lemmatiser

REAL_TEXTS = Path(__file__).parents[2] / "benchmarks" / "data" / "ned_real" / "texts.json"


def _table(fields: dict[str, str]) -> dict[tuple[str, ...], str]:
    """Every word's and pair's lemmas -> the first words written for them."""
    table = lemmatiser()
    first: dict[tuple[str, ...], str] = {}
    for text in fields.values():
        toks = tokens(text)
        lemmas = [table.get(t, t) for t in toks]
        for i, key in enumerate(lemmas):
            first.setdefault((key,), toks[i])
            first.setdefault((toks[i],), toks[i])
        for i in range(len(toks) - 1):
            first.setdefault((lemmas[i], lemmas[i + 1]), toks[i] + " " + toks[i + 1])
    return first


def test_surface_forms_match_a_full_table_on_real_biographies() -> None:
    texts = [item["text"] for item in json.loads(REAL_TEXTS.read_text(encoding="utf-8"))]
    table = lemmatiser()
    checked = 0
    for number in range(0, len(texts) - 1, 2):
        fields = {"career_summary": texts[number], "cv_text": texts[number + 1]}
        forms, text, full = SurfaceForms(fields), CandidateText(fields), _table(fields)
        lemmas = [table.get(t, t) for t in tokens(" ".join(fields.values()))]
        terms = set(lemmas[::7]) | {
            " ".join(p) for p in zip(lemmas[::5], lemmas[1::5], strict=False)
        }
        for term in terms | {"nosuchword", "nosuch pair"}:
            if text.locate_words(term) is not None:
                continue
            assert forms.of(term, text) == full.get(tuple(term.split()), term), term
            checked += 1
    assert checked > 100
