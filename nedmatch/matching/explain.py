"""What a panel sees next to a score: criteria met with the sentence that met them, the
words that matched and where, and what each part added. Built only for the matches
returned, never for the whole pool."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from nedmatch.matching.criteria import (
    MET,
    CriterionResult,
    CriterionSpec,
    best_evidence,
    field_label,
    judge_evidence,
    sentences_of,
)
from nedmatch.matching.text import concept_phrases, sentence_spans, snippet, tokens

# Criterion judgement lives in the criteria package; these names are re-exported for the ranker.
__all__ = [
    "CandidateText",
    "CriterionResult",
    "CriterionSpec",
    "Match",
    "MatchedTerm",
    "field_label",
    "judge_evidence",
]


@dataclass(frozen=True)
class MatchedTerm:
    """A word, phrase or concept the candidate shares with the vacancy, and where it is."""

    term: str
    kind: str  # "word" for an exact word or phrase, "concept" for a lexicon synonym
    weight: float  # share of the text similarity this term carries, 0 to 1
    field: str | None
    snippet: str | None


@dataclass(frozen=True)
class Match:
    """One ranked candidate with everything needed to explain the score."""

    candidate_id: str | int
    rank: int
    score: float
    meets_essentials: bool
    criteria: list[CriterionResult] = field(default_factory=list)
    matched_terms: list[MatchedTerm] = field(default_factory=list)
    contributions: dict[str, float] = field(default_factory=dict)  # points, summing to score
    parts: dict[str, float] = field(default_factory=dict)  # similarity per part, 0 to 1

    @property
    def unmet_essentials(self) -> list[str]:
        return [c.criterion for c in self.criteria if c.essential and c.assessed and not c.met]

    @property
    def possible_essentials(self) -> list[str]:
        """Essentials the candidate speaks to without meeting: a person should check."""
        return [c.criterion for c in self.criteria if c.essential and c.verdict == "possible"]


class CandidateText:
    """A candidate's scrubbed fields, read for the few phrases an explanation shows.

    Words are found with a string search; where each concept is first mentioned is worked
    out once, when a concept is first asked for, with the vectoriser's tokenising rules.
    """

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        self._lower: dict[str, str] = {}
        # concept -> (field, sentence start, sentence, phrase) of its first mention
        self._mentions: dict[str, tuple[str, int, str, str]] | None = None

    def _first_mentions(self) -> dict[str, tuple[str, int, str, str]]:
        if self._mentions is None:
            mentions: dict[str, tuple[str, int, str, str]] = {}
            for name, text in self.fields.items():
                for start, end in sentence_spans(text):
                    piece = text[start:end].strip()
                    for concept, phrase in _sentence_phrases(piece):
                        mentions.setdefault(concept, (name, start, piece, phrase))
            self._mentions = mentions
        return self._mentions

    def lowered(self, name: str) -> str:
        """A field in lower case, made once: every search of the text is of this."""
        lower = self._lower.get(name)
        if lower is None:
            lower = self._lower[name] = self.fields[name].lower()
        return lower

    def locate_words(self, term: str) -> tuple[str, str] | None:
        """The first place a word feature (one word or two) appears, with context."""
        words = term.split()
        first = words[0]
        for name, text in self.fields.items():
            lower = self.lowered(name)
            start = lower.find(first)
            while start >= 0:
                end = start + len(first)
                if (start == 0 or not is_token_char(lower[start - 1])) and (
                    end == len(lower) or not is_token_char(lower[end])
                ):
                    if len(words) == 1:
                        return name, snippet(text, start, end)
                    found = _term_pattern(term).match(lower, start)
                    if found:
                        return name, snippet(text, *found.span())
                start = lower.find(first, end)
        return None

    def locate_concept(self, concept: str) -> tuple[str, str, str] | None:
        """The field, matched phrase and context of the first mention of a concept."""
        hit = self._first_mentions().get(concept)
        if hit is None:
            return None
        name, start, piece, phrase = hit
        text = self.fields[name]
        found = _term_pattern(phrase).search(self.lowered(name), start)
        if found is None:
            return name, phrase, piece
        begin, end = found.span()
        return name, text[begin:end], snippet(text, begin, end)

    def evidence(self, spec: CriterionSpec) -> tuple[str, str] | None:
        """The sentence that best meets a criterion, or None when none speaks to it."""
        found = best_evidence(spec, sentences_of(self), MET)
        return (found.text, found.field) if found is not None else None


@functools.lru_cache(maxsize=16384)
def _sentence_phrases(piece: str) -> tuple[tuple[str, str], ...]:
    """Each (concept, phrase) a sentence mentions: the same sentences are read for every
    vacancy they are explained against, so each is read once."""
    return tuple(concept_phrases(tokens(piece)))


def is_token_char(char: str) -> bool:
    """Whether a character is part of a token as the tokeniser reads it ([a-z0-9]): "née"
    is the tokens "n" and "e", so an accented letter is where a token ends."""
    return char.isascii() and char.isalnum()


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """Word features are lower case with punctuation gone; match them in lower-case text,
    with token edges where the tokeniser puts them."""
    return re.compile(
        r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(map(re.escape, term.split())) + r"(?![a-z0-9])"
    )
