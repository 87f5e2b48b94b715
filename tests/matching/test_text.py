from __future__ import annotations

import json
from pathlib import Path

import pytest

from nedmatch.matching.text import REDACTED, normalise, scrub, sentence_spans, sentences
from nedmatch.matching.text.concepts import _PROTECTED_FIRST, _read_tokens, kept, tokens


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Email me at jo.bloggs+ned@example.co.uk today.", "jo.bloggs"),
        ("Call 07700 900123 any time.", "900123"),
        ("Call +44 (0)113 496 0000 any time.", "496"),
        ("Call (020) 7946 0018.", "7946"),
        ("I live at LS6 2AB near the park.", "LS6"),
        ("postcode sw1a 1aa", "sw1a"),
        ("Date of birth: 12/03/1970.", "1970"),
        ("DOB 3 March 1969", "1969"),
        ("I was born on 4th July 1961 in Hull.", "1961"),
        ("Aged 54, I am ready for a board role.", "54"),
        ("See https://www.linkedin.com/in/jo-bloggs for more.", "bloggs"),
        ("My name is Jo Bloggs and I chair a charity.", "Bloggs"),
        ("Born 1968-03-12 in Leeds.", "03-12"),
        ("Started on 2001-09-30 as a trustee.", "09-30"),
        ("Referee: Dr van der Berg, Leeds.", "Berg"),
        ("Referee: Mrs. Nguyễn Thị Lan.", "Nguyễn"),
        ("Reached me on 0161 496 0000 or (0113) 496 0001.", "0001"),
        ("A Jamaican-born chartered accountant.", "Jamaican"),
    ],
)
def test_scrub_removes_personal_data(text: str, secret: str) -> None:
    cleaned = scrub(text)
    assert secret not in cleaned
    assert REDACTED in cleaned


def test_a_bracketed_date_of_birth_goes_and_what_follows_it_stays() -> None:
    text = "Bruce Keogh (born 24 November 1954) is a Rhodesian-born British surgeon."
    cleaned = scrub(text)
    assert "1954" not in cleaned and "Rhodesian" not in cleaned
    assert cleaned.endswith("British surgeon.")


def test_scrub_removes_known_strings_and_name_parts() -> None:
    text = "Bloggs led the audit. Jo Bloggs, jo@example.org, 07700900123, LS6 2AB."
    cleaned = scrub(text, ("Jo Bloggs", "jo@example.org", "07700 900123", "LS6 2AB"))
    for secret in ("Bloggs", "Jo ", "jo@", "07700", "LS6"):
        assert secret not in cleaned
    assert "led the audit" in cleaned


def test_scrub_keeps_career_facts() -> None:
    text = "Finance director from 2015 to 2021, then chair of a housing association."
    assert scrub(text) == text


def test_cv_name_on_first_line_is_removed() -> None:
    assert scrub("Jo Bloggs\nFinance director").startswith(REDACTED)
    assert scrub("Finance Director\nJo Bloggs").startswith("Finance Director")


@pytest.mark.parametrize(
    "protected",
    ["woman", "Muslim", "aged", "disabled", "pregnant", "married", "gay", "Black", "his"],
)
def test_normalise_drops_protected_terms(protected: str) -> None:
    words = normalise(f"As a {protected} finance director I led audit work.").split()
    assert protected.lower() not in words
    assert "finance" in words


def test_normalise_keeps_the_equality_domain() -> None:
    words = normalise("I led our equality, diversity and inclusion programme.").split()
    assert {"equality", "diversity", "inclusion", "c_domain_equality"} <= set(words)


def test_normalise_joins_synonyms_in_one_concept() -> None:
    assert "c_accountancy" in normalise("ACCA qualified").split()
    assert "c_accountancy" in normalise("a chartered accountant").split()


def test_sentences_remember_their_field() -> None:
    found = sentences({"cv_text": "First point. Second point!", "current_role": "Chair"})
    assert [(s.field, s.text) for s in found] == [
        ("cv_text", "First point."),
        ("cv_text", "Second point!"),
        ("current_role", "Chair"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A full stop inside a number, or after an abbreviation, does not end a sentence.
        ("She ran a £1.2 billion budget. It grew.", ["She ran a £1.2 billion budget.", "It grew."]),
        (
            "A matter for the Board (i.e. Chair and non-executives). Next.",
            ["A matter for the Board (i.e. Chair and non-executives).", "Next."],
        ),
        ("Dr. Khan chaired it. St. George's too.", ["Dr. Khan chaired it.", "St. George's too."]),
        # A line break still ends one.
        ("Worked with Dr.\nChaired the board.", ["Worked with Dr.", "Chaired the board."]),
    ],
)
def test_sentences_end_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences({"cv_text": text})] == expected
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == expected


def test_which_tokens_reach_the_vectorisers_is_the_same_read_quickly_or_in_full() -> None:
    """``kept`` skips the phrase matcher when no token begins a protected term: on real
    biographies, with and without such words, it answers as the full reading does."""
    texts = json.loads(
        (Path(__file__).parents[2] / "benchmarks/data/ned_real/texts.json").read_text("utf-8")
    )
    quick = 0
    for item in texts:
        toks = tokens(item["text"])
        assert kept(toks) == _read_tokens(toks)[0]
        quick += _PROTECTED_FIRST.isdisjoint(toks)
    assert 0 < quick < len(texts)  # both ways were taken
    toks = tokens("She chaired the audit committee of a mental health trust")
    assert kept(toks) == [False, True, True, True, True, True, True, True, True, True]
