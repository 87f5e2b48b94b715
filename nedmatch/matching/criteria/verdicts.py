"""A criterion's verdict for one candidate, combined into the result a panel sees."""

from __future__ import annotations

from collections.abc import Sequence

from nedmatch.domain import BOARD_EXPERIENCE, BOARD_EXPERIENCE_LEVEL
from nedmatch.matching.criteria.claims import SentenceClaims
from nedmatch.matching.criteria.evidence import (
    best_evidence,
    own_claims,
    sentences_of,
    topic_sentence,
)
from nedmatch.matching.criteria.results import (
    MET,
    NOT_EVIDENCED,
    POSSIBLE,
    CriterionResult,
    field_label,
)
from nedmatch.matching.criteria.spec import CriterionSpec, satisfied
from nedmatch.matching.criteria.structured import (
    skill_slugs,
    structured_answer,
    structured_claims,
    ticked_skills,
)


def verdict_for(spec: CriterionSpec, claims: frozenset[str] | set[str]) -> str:
    """The verdict for one candidate's claims (their text's and their answers')."""
    if not spec.requirements:
        return NOT_EVIDENCED
    verdict = MET
    for requirement in spec.requirements:
        if satisfied(requirement.met, claims):
            continue
        if satisfied(requirement.possible, claims) or not requirement.primary:
            verdict = POSSIBLE
            continue
        return NOT_EVIDENCED
    return verdict


def judge_evidence(
    spec: CriterionSpec,
    met: bool,
    text: object,
    declared_skills: list[str],
    board_experience: str,
) -> CriterionResult:
    """A criterion's verdict for one candidate, with the sentence or answer behind it.

    ``met`` is the pool's verdict (so the list and the explanation never disagree);
    this adds "possible" where the candidate speaks to the criterion without meeting it,
    and finds the quote. ``text`` is the candidate's CandidateText (its ``fields``).
    """
    if not spec.assessed:
        return CriterionResult(spec.text, spec.essential, False, None, None, assessed=False)
    sentences = sentences_of(text)
    own = own_claims(text)
    if met:
        quote: tuple[str | None, str | None] = (None, None)
        also: tuple[tuple[str, str], ...] = ()
        if spec.requirements and verdict_for(spec, own) == MET:
            found = best_evidence(spec, sentences, MET)
            if found is not None:
                quote = (found.text, field_label(found.field))
                also = _rest_of_evidence(spec, sentences, found)
        elif spec.requirements:
            # The form's answers carried it: quote the answer, not a sentence.
            quote = structured_answer(spec, declared_skills, board_experience) or quote
        else:
            topic = topic_sentence(spec, sentences)
            if topic is not None:
                quote = (topic.text, field_label(topic.field))
        if (
            quote[0] is None
            and spec.board_level > 0
            and BOARD_EXPERIENCE_LEVEL[board_experience] >= spec.board_level
        ):
            quote = ("Board experience: " + BOARD_EXPERIENCE[board_experience], "board experience")
        return CriterionResult(
            spec.text, spec.essential, True, quote[0], quote[1], verdict=MET, also=also
        )
    if spec.requirements:
        claims = own | structured_claims(board_experience, skill_slugs(declared_skills))
        if verdict_for(spec, claims) != NOT_EVIDENCED:
            found = best_evidence(spec, sentences, POSSIBLE)
            check: tuple[str | None, str | None] = (
                (found.text, field_label(found.field))
                if found
                else (ticked_skills(spec, declared_skills) or (None, None))
            )
            return CriterionResult(
                spec.text, spec.essential, False, check[0], check[1], verdict=POSSIBLE
            )
    return CriterionResult(spec.text, spec.essential, False, None, None, verdict=NOT_EVIDENCED)


def _rest_of_evidence(
    spec: CriterionSpec, sentences: Sequence[SentenceClaims], quoted: SentenceClaims
) -> tuple[tuple[str, str], ...]:
    """The sentences that meet the parts of a criterion the quoted one does not."""
    out: list[tuple[str, str]] = []
    for requirement in spec.requirements:
        if satisfied(requirement.met, quoted.claims):
            continue
        for sentence in sentences:
            if sentence is not quoted and satisfied(requirement.met, sentence.claims):
                item = (sentence.text, field_label(sentence.field))
                if item not in out:
                    out.append(item)
                break
    return tuple(out)
