"""The explainer: for the few matches returned, the words and concepts behind the text
part, each criterion's verdict with its quote, and the points each part added."""

from __future__ import annotations

import functools
import re
from typing import Final

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL, COMPETENCY_DOMAINS, SKILL_AREAS
from nedmatch.matching.explain import (
    CandidateText,
    Match,
    MatchedTerm,
    field_label,
    is_token_char,
    judge_evidence,
)
from nedmatch.matching.features import WORD_TOKEN_PATTERN, decode_fields
from nedmatch.matching.featuriser import Featuriser
from nedmatch.matching.index import CandidateIndex
from nedmatch.matching.lexicon import CONCEPT_TOKENS, DOMAIN_CONCEPTS, SKILL_CONCEPTS
from nedmatch.matching.scorer import SKILL_SLUGS, Scored
from nedmatch.matching.text import PROTECTED_WORDS, TOKEN_RE, kept
from nedmatch.matching.words import inflections, lemmatiser

LEVEL_NAMES: Final = {level: slug for slug, level in BOARD_EXPERIENCE_LEVEL.items()}
# The word features shown for a match, those that added most to its text part.
_WORDS_SHOWN: Final = 8


def explain(
    featuriser: Featuriser, index: CandidateIndex, scored: Scored, rows: np.ndarray
) -> list[Match]:
    """A full explanation for each of these rows, ranked in the order given."""
    pool = index.rows
    vocabulary = featuriser.word_names()
    ww, wc, wl = scored.text_split
    norm = (ww + wc + wl) or 1.0
    # Per query word, the value each returned candidate has for it, read row by row.
    lookup = np.full(len(vocabulary), -1, dtype=np.int64)
    lookup[scored.word_cols] = np.arange(len(scored.word_cols))
    values = np.zeros((len(rows), len(scored.word_cols)), dtype=np.float32)
    for i, row in enumerate(rows):
        indices, data = index.word_row(int(row))
        where = lookup[indices]
        hit = where >= 0
        values[i, where[hit]] = data[hit]

    matches = []
    for position, row in enumerate(rows):
        text, surface = _candidate_text(pool.fields[row])
        raw = float(scored.text_raw[row]) or 1.0
        terms: list[tuple[float, str, str]] = []
        contrib = values[position] * scored.word_vals * ww / norm
        # Two more than are shown, for pairs that turn out to span two fields.
        for j in np.argsort(-contrib)[: _WORDS_SHOWN + 2]:
            if contrib[j] > 0:
                terms.append(
                    (float(contrib[j]) / raw, "word", str(vocabulary[scored.word_cols[j]]))
                )
        # Synonyms the thesaurus joined are shown even when the text part gives them no
        # weight: they are what the skills part and the criteria are judged on.
        overlap = pool.concepts[row] * scored.concept_query
        concept_contrib = overlap * wc / norm
        for j in np.argsort(-overlap)[:5]:
            if overlap[j] > 0:
                terms.append((float(concept_contrib[j]) / raw, "concept", CONCEPT_TOKENS[j]))
        terms.sort(key=lambda item: (-item[0], item[1] != "concept"))
        matched = []
        words_shown = 0
        for share, kind, term in terms:
            if kind == "word":
                if words_shown == _WORDS_SHOWN:
                    continue
                label, located = surface.located(term, text)
                if located is None and " " in term:
                    # A pair made across two fields (the last word of one, the first of
                    # the next) is no phrase the candidate wrote: nothing to show a panel.
                    continue
                words_shown += 1
                where = (located[0], located[1]) if located else (None, None)
            else:
                mention = text.locate_concept(term)
                label = _concept_label(term) + (f' ("{mention[1]}")' if mention else "")
                where = (mention[0], mention[2]) if mention else (None, None)
            matched.append(
                MatchedTerm(
                    term=label,
                    kind=kind,
                    weight=round(share, 3),
                    field=field_label(where[0]) if where[0] else None,
                    snippet=where[1],
                )
            )
        # Inferred skill areas and board experience are not answers to quote or credit.
        typed = bool(pool.typed[row])
        board_name = LEVEL_NAMES[int(pool.board_level[row]) if typed else 0]
        declared = (
            [SKILL_AREAS[SKILL_SLUGS[j]] for j in np.flatnonzero(pool.declared[row])]
            if typed
            else []
        )
        criteria = [
            judge_evidence(spec, bool(met[row]), text, declared, board_name)
            for spec, met in scored.criteria
        ]
        parts = {name: round(float(v[row]), 3) for name, v in scored.parts.items()}
        contributions = {
            name: round(100.0 * float(scored.weights[name][row]) * float(v[row]), 1)
            for name, v in scored.parts.items()
        }
        matches.append(
            Match(
                candidate_id=pool.ids[row],
                rank=position + 1,
                score=round(100.0 * float(scored.total[row]), 1),
                meets_essentials=bool(scored.meets[row]),
                criteria=criteria,
                matched_terms=matched,
                contributions=contributions,
                parts=parts,
            )
        )
    return matches


@functools.lru_cache(maxsize=256)
def _candidate_text(packed: str) -> tuple[CandidateText, SurfaceForms]:
    """A candidate's text read for explaining, kept for the next list that shows them (a
    panel pages through a list and comes back to it). Keyed by the text itself, so a
    changed application is read afresh. A CV of 650 words read for explaining holds
    about 90 KB (its text, its sentences' claims and its tokens), so 256 of them (five
    lists of 50) take about 23 MB per process."""
    fields = decode_fields(packed)
    return CandidateText(fields), SurfaceForms()


class SurfaceForms:
    """The words a candidate wrote for each feature, which holds lemmas ("chaired" for
    "chair"), so the panel is shown their own words. A term is looked for only when the
    text does not hold it as written: its spellings with one search of each field's
    lower-cased text (the candidate's own, made once), and for a pair, that field's
    tokens, read once per explained candidate (and which of them reach the vectorisers
    only when a pair is looked for)."""

    def __init__(self) -> None:
        self._read: dict[str, _Field] = {}

    def _field(self, name: str, text: CandidateText) -> _Field:
        read = self._read.get(name)
        if read is None:
            read = self._read[name] = _Field(text.lowered(name))
        return read

    def located(self, term: str, text: CandidateText) -> tuple[str, tuple[str, str] | None]:
        """The words the candidate wrote for a term, and where: the term itself when the
        candidate wrote it so (the common case, found with a string search); else the
        inflected words that made it: the first place, field by field, where a word is
        the term or one of its inflections (or, for a pair, where its two words stand with
        nothing between them that the vectoriser keeps, lemma by lemma: "chaired the
        audit" for "chair audit")."""
        located = text.locate_words(term)
        if located is not None:
            return term, located
        label = self._inflected(term, text)
        return label, (text.locate_words(label) if label != term else None)

    def of(self, term: str, text: CandidateText) -> str:
        """The words the candidate wrote for a term (``located`` without the place)."""
        return self.located(term, text)[0]

    def _inflected(self, term: str, text: CandidateText) -> str:
        words = term.split()
        if len(words) not in (1, 2):
            return term
        table, forms = lemmatiser(), inflections()
        spellings = (words[0], *forms.get(words[0], ()))
        for name in text.fields:
            lower = text.lowered(name)
            found = _whole_tokens(lower, spellings)
            if len(words) == 1:
                # A token is a longest run of letters and digits: the first whole-run
                # match is the first token that is one of the spellings.
                if found:
                    return lower[found[0][0] : found[0][1]]
                continue
            first, second = words
            field: _Field | None = None
            for start, end in found:
                token = lower[start:end]
                if table.get(token, token) != first:
                    continue
                # Protected terms and stop words are gone before words are paired, so
                # "chaired the audit" is the pair "chair audit": step over them, token by
                # token after this one.
                for after in TOKEN_RE.finditer(lower, end):
                    word = after.group()
                    lemma = table.get(word, word)
                    if _dropped(lemma):
                        continue
                    if word in PROTECTED_WORDS:
                        # Only a word of a protected term can be one; whether it is here
                        # takes the field's tokens, read once.
                        field = field or self._field(name, text)
                        if not field.reaches_at(after.start()):
                            continue
                    if lemma == second:
                        return " ".join(TOKEN_RE.findall(lower[start : after.end()]))
                    break
        return term


def _whole_tokens(lower: str, spellings: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where any of these words stands as a whole token (a run of letters and digits) in
    lower-cased text, in order: found with string searches, not a pattern tried at every
    character. Within one occurrence no other can start as a whole token (the character
    before it is a letter or digit), so each search goes on from the end of the last."""
    found = []
    size = len(lower)
    for word in set(spellings):
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not is_token_char(lower[at - 1])) and (
                end == size or not is_token_char(lower[end])
            ):
                found.append((at, end))
            at = lower.find(word, end)
    found.sort()
    return found


class _Field:
    """One field's tokens, where each starts, and whether each reaches the vectorisers:
    read only when a word of a protected term stands between a pair's two words."""

    __slots__ = ("_reaches", "_starts")

    def __init__(self, lower: str) -> None:
        found = list(TOKEN_RE.finditer(lower))
        self._starts = {m.start(): i for i, m in enumerate(found)}
        self._reaches = kept([m.group() for m in found])

    def reaches_at(self, start: int) -> bool:
        """Whether the token starting at this offset reaches the vectorisers."""
        return self._reaches[self._starts[start]]


_VECTORISER_WORD = re.compile(WORD_TOKEN_PATTERN)


def _dropped(lemma: str) -> bool:
    """Whether the word vectoriser leaves this word out (a stop word, a single letter, a
    number), so that the words either side of it make a pair."""
    return lemma in ENGLISH_STOP_WORDS or _VECTORISER_WORD.fullmatch(lemma) is None


def _concept_label(token: str) -> str:
    for slug, concept in SKILL_CONCEPTS.items():
        if concept == token:
            return SKILL_AREAS[slug]
    for slug, concept in DOMAIN_CONCEPTS.items():
        if concept == token:
            return COMPETENCY_DOMAINS[slug]
    return token
