"""A gate may let text through that its pattern does not match; it must never stop text
that its pattern would match, or a disclosure would reach the model. These tests try to
get a match past every gate: real text, every Unicode character a case-insensitive
pattern takes for an ASCII letter, and generated text built from the gates' own keys."""

from __future__ import annotations

import _sre
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nedmatch.matching.criteria import sectors
from nedmatch.matching.text import disclosures, origins
from nedmatch.matching.text.gates import BOUNDARY, Gate, GateSet, alternation_keys, fold

REAL_TEXTS = Path(__file__).parents[2] / "benchmarks" / "data" / "ned_real" / "texts.json"
SENTENCE_GATES = disclosures._SENTENCE_GATES.gates
REWORDINGS = [gate for gate, _ in (*disclosures._REWORDINGS, *origins.STUDY_REWORDINGS)]
ALL_GATES = [
    *SENTENCE_GATES,
    *REWORDINGS,
    disclosures._CHAIR_WORDS_RE,
    disclosures._THEY_RE,
    # The criterion reader's gates: claims of standing, work for patients, charities.
    sectors.RENOWN_RE,
    sectors.PATIENT_WORK_RE,
    sectors.CHARITY_NAME_RE,
]


def _ungated_evidence_only(text: str) -> str:
    """evidence_only as it was before gates: every sentence checked, every pattern run."""
    pieces, last = [], 0
    for start, end in disclosures._statement_spans(text):
        sentence = text[start:end]
        disclosure = any(g.pattern.search(sentence) for g in disclosures._DISCLOSURES)
        identity = disclosures._IDENTITY_RE.pattern.search(sentence) and (
            disclosures._NETWORK_RE.search(sentence)
            or (
                disclosures._MEMBERSHIP_RE.search(sentence)
                and not disclosures._OFFICE_RE.search(sentence)
            )
        )
        if disclosure or identity:
            pieces.append(text[last:start])
            last = end
    pieces.append(text[last:])
    out = "".join(pieces)
    for gate, replacement in (*disclosures._REWORDINGS, *origins.STUDY_REWORDINGS):
        out = gate.pattern.sub(replacement, out)
    out = disclosures._CHAIR_WORDS_RE.pattern.sub(disclosures._chair, out)
    return disclosures._THEY_RE.pattern.sub(disclosures._agree, out)


def _assert_gate_lets_through(gate: Gate, text: str) -> None:
    if gate.pattern.search(text):
        assert gate.allows(fold(text)), (gate.pattern.pattern[:60], text)


def test_fold_keeps_every_character_in_place_and_reads_letters_as_the_pattern_does() -> None:
    # Every character a case-insensitive pattern equates with an ASCII letter folds to it.
    for code in range(0x80, 0x110000):
        char = chr(code)
        lower = _sre.unicode_tolower(code)
        folded = fold(char)
        assert len(folded) == 1, hex(code)
        if lower < 0x80:
            assert folded == chr(lower), hex(code)
    for ascii_letter, others in re._casefix._EXTRA_CASES.items():  # type: ignore[attr-defined]
        for other in others:
            if ascii_letter < 0x80:
                assert fold(chr(other)) == chr(ascii_letter)


@pytest.mark.parametrize("gate", ALL_GATES, ids=lambda g: g.pattern.pattern[:30])
def test_every_gate_lets_through_each_key_in_odd_cases_and_letters(gate: Gate) -> None:
    odd = {"i": "\u0130", "k": "\u212a", "s": "\u017f"}
    for key in gate.keys:
        word = key.removeprefix(BOUNDARY).removesuffix(BOUNDARY)
        for variant in (word, word.upper(), "".join(odd.get(c, c) for c in word)):
            for text in (variant, f"x {variant} y", f"({variant}).", f"A{variant}b"):
                assert gate.allows(fold(text)) or not gate.pattern.search(text)


def test_gates_on_real_text_change_nothing() -> None:
    texts = [item["text"] for item in json.loads(REAL_TEXTS.read_text(encoding="utf-8"))]
    for text in texts:
        for gate in ALL_GATES:
            _assert_gate_lets_through(gate, text)
        assert disclosures.evidence_only(text) == _ungated_evidence_only(text)


_PIECES = sorted(
    {key.removeprefix(BOUNDARY).removesuffix(BOUNDARY) for g in ALL_GATES for key in g.keys}
    | {"I am", "I’m", "my", "with", "member of the", "network", "Association", "Community",
       "chairman", "They", "have", "as a", "leave", "for my", "children", "in", "from",
       "\u0130", "\u212a", "\u017f", "’", "'", "-", ".", "\n", ",", " ", "  ", "Ms", "Dr"}
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_generated_text_reads_the_same_with_and_without_gates(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for gate in ALL_GATES:
        _assert_gate_lets_through(gate, text)
    disclosures.is_disclosure.cache_clear()
    disclosures.is_identity_membership.cache_clear()
    assert disclosures.evidence_only(text) == _ungated_evidence_only(text)


def test_boundary_keys_count_only_at_word_edges() -> None:
    gate = Gate(re.compile(r"\bus\b", re.I), [r"\bus\b"])
    assert gate.allows(fold("made in the US."))
    assert not gate.allows(fold("business status"))
    prefix = Gate(re.compile(r"\blatin\w*", re.I), [r"\blatin"])
    assert prefix.allows("latinx") and not prefix.allows("palatine")
    found = GateSet([gate, prefix]).hits("us and latin")
    assert [(start, end, numbers) for start, end, numbers in found] == [
        (0, 2, {0}),
        (7, 12, {1}),
    ]


def test_alternation_keys_read_the_literal_start_of_each_alternative() -> None:
    assert alternation_keys(r"women's|ethnic(?:ity)?|latin\w*|accountants?|sri lankan") == (
        r"\bwomen's\b",
        r"\bethnic",
        r"\blatin",
        r"\baccountant",
        r"\bsri lankan\b",
    )
    with pytest.raises(ValueError, match="No literal start"):
        alternation_keys(r"(?:a|b)")


STOPPED = [
    (gate, replacement)
    for gate, replacement in [
        *disclosures._REWORDINGS,
        (disclosures._CHAIR_WORDS_RE, disclosures._chair),
        (disclosures._THEY_RE, disclosures._agree),
    ]
    if gate.stop is not None
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, ". ", "..", "x.y"]), min_size=1, max_size=20))
def test_a_gate_run_between_its_stops_gives_what_its_pattern_gives(pieces: list[str]) -> None:
    """A pattern run only on the stretches between full stops that hold its keys changes
    the text exactly as running it on the whole text does."""
    text = " ".join(pieces)
    for gate, replacement in STOPPED:
        assert gate.sub(replacement, text) == gate.pattern.sub(replacement, text), text


def test_every_rewording_runs_between_full_stops_and_a_stop_is_not_a_word_character() -> None:
    assert len(STOPPED) == len(disclosures._REWORDINGS) + 2
    with pytest.raises(ValueError, match="not part of a word"):
        Gate(re.compile("x"), ["x"], stop="a")
