"""What each sentence of a candidate's text claims about them: roles held, things
chaired, fields worked in."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL
from nedmatch.matching.criteria.patterns import (
    ACADEMIC_LEAD_RE,
    ACADEMIC_POST_RE,
    ACTIVITY_RE,
    AGENTIVE,
    BOARD_RE,
    BOARD_SEAT_RE,
    CHAIR_RE,
    CLAUSE_SPLIT_RE,
    CLINICAL_LEAD_RE,
    CLINICAL_POST_RE,
    COMMITTEE_RE,
    EXPERIENCE_RE,
    FIELDS_IN_NAME_RE,
    FOUNDED_RE,
    GENERAL_POSTS_RE,
    HEAD_RE,
    NOT_DONE_RE,
    OMBUDSMAN_POST_RE,
    OPERATIONS_POST_RE,
    PERSON_WORD_RE,
    POST_DESCRIBED_RE,
    POSTS_TO_FILL_RE,
    PROSPECTIVE_RE,
    RELATIONAL_RE,
    RESEARCH_POST_RE,
    SENIOR_RE,
    SINGULAR_PERSON_RE,
    SPECIALISM_RE,
    TO_COME_TITLE_RE,
    WORKED_BESIDE_RE,
)
from nedmatch.matching.criteria.phrases import COMMITTEE_PHRASES, TERM_PHRASES
from nedmatch.matching.criteria.posts import beside, chair_claims, someone_elses
from nedmatch.matching.criteria.roles import medicine_finished, practised, self_roles
from nedmatch.matching.criteria.seats import seat_claims
from nedmatch.matching.criteria.sectors import (
    CHARITY_NAME_RE,
    HEALTH_BODY_RE,
    HEALTH_WORD_RE,
    LOCAL_BODY_RE,
    NHS_BODY_RE,
    PATIENT_WORK_RE,
    POLICY_PART_RE,
    POLICY_WORD_RE,
    PRIVATE_SECTOR_RE,
    PUBLIC_BODY_RE,
    RENOWN_RE,
    UNPAID_RE,
    VOLUNTARY_POST_RE,
    in_government,
    worked,
)
from nedmatch.matching.criteria.vocabulary import (
    CLINICAL_ROLE_CLAIMS,
    COMMITTEE_FIELD,
    ROLE_FIELD,
    TERM_IMPLIES,
)
from nedmatch.matching.lexicon import CONCEPT_IMPLIES
from nedmatch.matching.text import concept_phrases, sentence_spans, tokens


@dataclass(frozen=True, slots=True)
class SentenceClaims:
    field: str
    text: str
    claims: frozenset[str]


def _concepts(toks: Sequence[str]) -> set[str]:
    found = set()
    for concept, _ in concept_phrases(toks):
        found.add(concept)
        found.update(CONCEPT_IMPLIES.get(concept, ()))
    for _, _, term in TERM_PHRASES.find(toks):
        found.add("t_" + term)
        found.update(TERM_IMPLIES.get("t_" + term, ()))
    return found


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in CLAUSE_SPLIT_RE.split(sentence) if p and p.strip()]
    return parts or [sentence]


def sentence_claims(text: str, field_name: str = "cv_text") -> set[str]:
    """The claims one sentence makes about the person who wrote (or is described by) it."""
    claims: set[str] = set()
    title = field_name == "current_role"
    if not title and (
        (POST_DESCRIBED_RE.search(text) and not PERSON_WORD_RE.search(text))
        # A class of post ("Non-executive appointments ... are made by ...").
        or (GENERAL_POSTS_RE.search(text) and not SINGULAR_PERSON_RE.search(text))
        # Posts to be filled, or what is asked of candidates.
        or (POSTS_TO_FILL_RE.search(text) and not SINGULAR_PERSON_RE.search(text))
    ):
        # A post, a body or a class of post described, not the person: its fields are
        # only named.
        return {"m:" + concept for concept in _concepts(tokens(text))}
    its_chair = ITS_CHAIR_RE.search(text)
    if its_chair and BOARD_RE.search(text, 0, its_chair.start()):
        # "serves on the Board of Governors, and has been its chairman since 2009".
        claims.add("chair:board")
    ombudsman_named = "Ombudsman" in text
    if ombudsman_named:
        # The fields in an ombudsman's name are named, not worked in.
        named = {"m:" + c for c in _concepts(tokens(" ".join(FIELDS_IN_NAME_RE.findall(text))))}
        if named:
            claims |= named
            text = FIELDS_IN_NAME_RE.sub(" ", text)
    # A post still to come is not held: "Chief Executive Designate", "the next Chair".
    text = TO_COME_TITLE_RE.sub(" ", text)
    agentive_before = False
    for clause in _clauses(text):
        toks = tokens(clause)
        if not toks:
            continue
        relational = bool(RELATIONAL_RE.search(clause))
        # A verb of doing that is only to come ("will lead"), or "leading" as an
        # adjective, does not make a claim.
        undone = list(NOT_DONE_RE.finditer(clause))
        not_done = {word.lower() for m in undone for word in m.groups() if word}
        future = next((m for m in undone if m.group(1)), None)
        announced = PROSPECTIVE_RE.search(clause)
        if future or announced:
            # What follows "will lead ..." is to come as well ("by implementing ..."), and
            # so is what follows an announcement ("has been confirmed as Director of ...").
            start = min(m.start() for m in (future, announced) if m is not None)
            not_done |= set(tokens(clause[start:]))
        words = set(toks) - not_done
        verb = bool(words & AGENTIVE) or bool(EXPERIENCE_RE.search(clause))
        # A clause with no verb of its own continues the one before it.
        agentive = (verb and not relational) or (not verb and not relational and agentive_before)
        agentive_before = agentive
        concepts = _concepts(toks)
        if UNPAID_RE.search(clause):
            # "In a voluntary capacity" is unpaid, not the voluntary sector.
            concepts.discard(_VOLUNTARY)
        elif _VOLUNTARY in concepts and CHARITY_REGULATOR_RE.search(clause):
            # The Charity Commission regulates charities: a public body, not one of them.
            if _VOLUNTARY not in _concepts(tokens(CHARITY_REGULATOR_RE.sub(" ", clause))):
                concepts.discard(_VOLUNTARY)
        claims |= seat_claims(clause, relational)
        lower = clause.lower()
        senior = SENIOR_RE.search(clause)
        # "Jon Fundrey, Chief Operating Officer and Director of Finance, MHRA": a title
        # in apposition, with no verb, is a post held (not one announced or to come).
        appositive = (
            not verb
            and not relational
            and senior is not None
            and not someone_elses(clause, senior.start())
        )
        # Studying is beside a subject, but a qualification gained doing it is held.
        studying = relational and all(
            m.group(0).lower().startswith("study") for m in RELATIONAL_RE.finditer(clause)
        )
        held = set() if relational and not verb and not studying else self_roles(toks, lower)
        claims |= held
        roles = {claim.split(":", 1)[1] for claim in held}
        activity = (
            bool(concepts)
            and agentive
            and any(m.group(0).lower() not in not_done for m in ACTIVITY_RE.finditer(clause))
        )
        for concept in concepts:
            claims.add("m:" + concept)
            if title or appositive:
                claims.add("h:" + concept)
            elif agentive:
                claims.add("d:" + concept)
                if activity:
                    claims.add("a:" + concept)
        if roles and not title:
            # "She is a chartered accountant": the role's field is held, not only named.
            for role in roles:
                if role in ROLE_FIELD:
                    claims.add("h:" + ROLE_FIELD[role])
        if CHILDRENS_CARE_RE.search(clause) and not ADULTS_RE.search(clause):
            # Social work in children's services is not the adult social care the
            # concept stands for: it is named, not worked in.
            claims -= {c for c in claims if c.endswith(_SOCIAL_CARE) and not c.startswith("m:")}
        if roles or (not relational and SPECIALISM_RE.search(clause)):
            # A profession or a specialism of one's own: what "relevant specialist skills"
            # asks when it names no field.
            claims.add("profession")
        if not relational:
            lead = ACADEMIC_LEAD_RE.search(clause)
            if lead and not someone_elses(clause, lead.start()):
                claims.add("academic:lead")
            if ACADEMIC_POST_RE.search(clause):
                claims.add("academic:post")
        # A trustee's seat later in a list than "a member of ..." is still held.
        trustee = list(VOLUNTARY_POST_RE.finditer(clause))
        operations = None if relational else OPERATIONS_POST_RE.search(clause)
        if operations and not someone_elses(clause, operations.start()):
            # A chief executive, general manager or operating officer runs operations.
            claims.add("ops")
        founded = None if relational else FOUNDED_RE.search(clause)
        if founded and not someone_elses(clause, founded.start()):
            # A founder led what they founded.
            claims.add("lvl:senior")
        ward = None if relational else CLINICAL_LEAD_RE.search(clause)
        if ward and not someone_elses(clause, ward.start()):
            # A ward sister, a matron or a clinical lead leads clinical work.
            claims.add("lead:clinical")
        if (not relational or any(not beside(clause, m.start()) for m in trustee)) and (
            trustee
            or (
                CHARITY_NAME_RE.search(clause)
                and (senior or worked(clause) or CHAIR_RE.search(clause))
            )
        ):
            # A trustee's seat, a post at a named charity, or a career in philanthropy or
            # aid is voluntary-sector work.
            claims.update({"m:" + _VOLUNTARY, "d:" + _VOLUNTARY, "h:" + _VOLUNTARY})
        if (
            WORKED_BESIDE_RE.search(clause)
            or BOARD_SEAT_RE.search(clause)
            or (senior and not relational)
        ):
            # A field named where the subject holds a post or a seat, or works beside it:
            # what "working in or with a regulator" asks (advice taken is not it).
            for concept in concepts:
                claims.add("w:" + concept)
        if not relational and any(
            not someone_elses(clause, m.start()) for m in RESEARCH_POST_RE.finditer(clause)
        ):
            # A professor, or a research post, leads research in their field ("worked
            # with Professor Brown" is another's).
            claims.update({"a:t_research", "d:t_research", "h:t_research", "profession"})
        if "chair" in lower:
            claims.update(chair_claims(clause))
        if senior and (
            senior.group().lower().startswith("board")  # "devoted to board-level roles"
            or not someone_elses(clause, senior.start())
        ):
            claims.add("lvl:senior")
            if BOARD_SEAT_RE.search(clause) or "chair:board" in claims:
                claims.add("lvl:board")
            if HEAD_RE.search(clause):
                claims.add("lvl:head")
        ombudsman = OMBUDSMAN_POST_RE.search(clause) if ombudsman_named and not relational else None
        if ombudsman and not someone_elses(clause, ombudsman.start()):
            claims.update({"lvl:senior", "lvl:head"})
        if relational and re.search(
            r"\b(?:member of|sat on|sit on|sits on|served on)\b", clause, re.I
        ):
            if COMMITTEE_RE.search(clause):
                claims.add("sat:committee")
                for _, _, ctype in COMMITTEE_PHRASES.find(toks):
                    claims.add("sat:committee:" + ctype)
            if BOARD_RE.search(clause):
                claims.add("sat:board")
    for claim in [c for c in claims if c.startswith(("chair:committee:", "sat:committee:"))]:
        kind = claim.rsplit(":", 1)[1]
        if kind in COMMITTEE_FIELD:
            claims.add("d:" + COMMITTEE_FIELD[kind])
            claims.add("m:" + COMMITTEE_FIELD[kind])
    if "sat:board" in claims or "chair:board" in claims:
        claims.add("lvl:board")
        claims.add("lvl:senior")
    if "chair:board" in claims:
        claims.add("lvl:head")
    nhs = NHS_BODY_RE.search(text)
    if "lvl:board" in claims and nhs:
        claims.add("lvl:nhs-board")
    # Where they worked, for criteria that name a sector: the NHS is in the public sector.
    if nhs:
        claims.update({"sector:nhs", "sector:public"})
    elif PUBLIC_BODY_RE.search(text):
        claims.add("sector:public")
    if PRIVATE_SECTOR_RE.search(text):
        claims.add("sector:private")
    # The health sector is the NHS and beyond it: hospitals, clinical practice, health
    # policy; a clinician's post is in it wherever it is held.
    if nhs or HEALTH_BODY_RE.search(text) or any(c in claims for c in CLINICAL_ROLE_CLAIMS):
        claims.add("sector:health")
    if LOCAL_BODY_RE.search(text):
        claims.update({"sector:local", "sector:public"})
    if RENOWN_RE.search(text):
        # Standing in one's field: called respected or best known for one's work, ranked
        # among the most influential, honoured for services, president of a royal college.
        claims.add("renown")
    # Work in the sector, not only words about it: a post, a seat or something done in a
    # sentence that names it ("I am passionate about the NHS" names it, no more).
    working = any(c.startswith(_WORK_CLAIMS) for c in claims) or worked(text)
    health = nhs or HEALTH_WORD_RE.search(text)
    if health and (
        (working and (in_government(text) or POLICY_WORD_RE.search(text)))
        # Taking part in national policy without a post in it: advising government,
        # representing a body in forming a strategy, making the case for a reform.
        or POLICY_PART_RE.search(text)
    ):
        # A post in health in government, or in health policy: what "an interest in
        # government health policies" asks.
        claims.update({"policy:health", "sector:health"})
    if CLINICAL_POST_RE.search(text):
        claims.add("clinical:post")
    if medicine_finished(text):
        claims.update({"post:doctor", "profession", "sector:health"})
    rest = PATIENT_WORK_RE.sub(" ", text)
    if rest != text and not RELATIONAL_RE.search(rest):
        # Work with patients, or for the people a service serves ("improving services for
        # those affected"), not an interest in them.
        claims.add("patients")
    sectors = [c for c in claims if c.startswith("sector:")]
    if sectors and working:
        claims.update("in:" + c.split(":", 1)[1] for c in sectors)
    return practised(text, claims)


_VOLUNTARY = "c_community_voluntary"
_SOCIAL_CARE = "c_social_care"
CHILDRENS_CARE_RE = re.compile(
    r"\bchildren['’]?s (?:services|social (?:care|services|work))\b|\bchild protection\b", re.I
)
ADULTS_RE = re.compile(r"\badults?\b|\bolder people\b", re.I)
# The regulators of charities, whose names hold the word.
CHARITY_REGULATOR_RE = re.compile(
    r"\bCharity Commission(?:ers?)?\b(?: for (?:England and Wales|Northern Ireland))?"
    r"|\bScottish Charity Regulator\b",
    re.I,
)

# A post in the body the sentence has just named: "and has been its chairman".
ITS_CHAIR_RE = re.compile(
    r"\b(?:has been|was|is|became|becoming|served as|serves as) its chair(?:man|woman|person)?\b",
    re.I,
)

# Claims of a post held, a seat, or something done.
_WORK_CLAIMS = ("lvl:", "sat:", "chair:", "vice:", "role:", "h:", "d:", "a:")


def board_level_of(claims: frozenset[str] | set[str]) -> int:
    """The board experience a sentence's claims show, on BOARD_EXPERIENCE_LEVEL's scale."""
    for claim, level in BOARD_LEVEL_CLAIMS:
        if claim in claims:
            return level
    return 0


# Highest first: a chair of a board, a seat on an NHS board, a seat on any board.
BOARD_LEVEL_CLAIMS: tuple[tuple[str, int], ...] = (
    ("chair:board", BOARD_EXPERIENCE_LEVEL["chair"]),
    ("lvl:nhs-board", BOARD_EXPERIENCE_LEVEL["nhs-board"]),
    ("lvl:board", BOARD_EXPERIENCE_LEVEL["other-board"]),
)


def text_claims(fields: Mapping[str, str]) -> list[SentenceClaims]:
    """Every sentence of a candidate's fields with its claims, in reading order."""
    return list(_text_claims(tuple(fields.items())))


@functools.lru_cache(maxsize=2048)
def _text_claims(items: tuple[tuple[str, str], ...]) -> tuple[SentenceClaims, ...]:
    # Cached: the same candidates are explained again as a list is paged and re-read.
    found = []
    for name, text in items:
        for start, end in sentence_spans(text):
            piece = text[start:end].strip()
            found.append(SentenceClaims(name, piece, _claims_of(piece, name == "current_role")))
    return tuple(found)


@functools.lru_cache(maxsize=65536)
def _claims_of(sentence: str, title: bool) -> frozenset[str]:
    # Per sentence, too: CVs share sentences (boilerplate, a profile re-read after an
    # edit), and a sentence's claims depend only on its words and whether it is a title.
    return frozenset(sentence_claims(sentence, "current_role" if title else "cv_text"))
