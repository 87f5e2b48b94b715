"""Evidence, not disclosures: what a candidate has done, without who they are.

Personal disclosures (health, disability, caring, parental leave) and membership of
identity-based groups say who someone is, not what they can do: they are taken out of
the text the model scores and quotes. Offices held in a community or faith
organisation stay, with the words naming the community removed, so a trustee of the
Somali Community Association and of the Riverside Community Association read alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from nedmatch.matching.text.gates import Gate, GateSet, alternation_keys, fold
from nedmatch.matching.text.origins import (
    COUNTRY_RE,
    OVERSEAS_BODY_RE,
    reword_study,
    uk_equivalent,
)
from nedmatch.matching.text.passages import sentence_spans

# "I am", "I have", "I live with", and in a biography's voice "she is", "he has": a
# statement about the person, not about their work.
_SELF_STATE = (
    r"\b(?:I am|I'm|I’m|I have|I've|I’ve|I had|I was|I live|I lived|I suffer\w*|"
    r"I experience\w*|I use|I used|I became|my own|myself|"
    r"(?:he|she|they) (?:is|are|was|were|has|have|had|lives?|lived|suffers?|suffered|"
    r"experiences?|experienced|uses?|used|became)|(?:his|her|their) own|himself|herself|"
    r"themselves)\b"
)
# Every match of a state pattern ends in a condition: the gate looks for those, which
# are rare, rather than for "he" and "she", which are in nearly every biography.
_CONDITION_KEYS = [
    *(rf"\b{k}" for k in ("mental", "bipolar", "depression", "anxiety", "ptsd", "schizophreni")),
    *(rf"\b{k}" for k in ("psychosis", "eating disorder", "disab", "wheelchair", "deaf")),
    *(rf"\b{k}" for k in ("blind", "partially sighted", "sight loss", "hearing loss", "hard of")),
    *(rf"\b{k}" for k in ("british sign", "autis", "adhd", "dyslexi", "dysprax", "neurodiver")),
    *(rf"\b{k}" for k in ("chronic", "long covid", "long-term", "long term", "cancer")),
    *(rf"\b{k}" for k in ("multiple sclerosis", "diabetes", "hiv")),
    *(rf"\b{k}" for k in ("epilep", "stroke", "arthritis", "addiction", "recovery from")),
    *(rf"\b{k}" for k in ("alcoholi", "hearing aid", "cochlear", "pregnan", "guide dog")),
    *(rf"\b{k}" for k in ("mobility aid", "mobility scooter")),
    r"\bocd\b",
    r"\badd\b",
    r"\bms\b",
]
# Words that turn a condition into the subject of someone's work ("a cancer charity").
_ORGANISATION_WORDS = (
    r"charit|trust\b|committee|board|service|work|programme|organi[sz]ation|hospital|team|"
    r"unit|foundation|society|council|network|clinic|strategy|research|campaign|trustee|"
    r"director|chair|lead|manag|member|volunteer|governor|ambassador|patron|advis|commission|"
    r"executive|chief|officer|head\b|president|founder|"
    # ... or of their profession ("a consultant physician specialising in diabetes").
    r"consultant|physician|surgeon|nurs|doctor|specialis|professor|lecturer|expert|interest|"
    r"care\b|treat(?!(?:ed|ment) for\b)|patient|medicine|medical|practi|epidemiolog|academic|stud|"
    # ... or of what they did about it ("she has led cancer services").
    r"led\b|run\b|ran\b|found|develop|deliver|commission|fund|design|improv|transform"
)
_CONDITIONS = (
    r"mental (?:ill-?health|illness(?:es)?|health (?:condition|problem|issue|difficult)\w*)"
    r"|bipolar|depression|anxiety|ptsd|schizophreni\w*|psychosis|eating disorder|ocd"
    r"|disab\w+|wheelchair|deaf|blind\w*|partially sighted|sight loss|hearing loss"
    r"|hard of hearing|british sign language|autis\w+|adhd|add\b|dyslexi\w*|dyspraxi\w*"
    r"|neurodiver\w+|chronic (?:illness|pain|condition|fatigue)|long[- ]term (?:health )?condition"
    r"|long covid|cancer|multiple sclerosis|\bms\b|diabetes|hiv|epilep\w+|stroke|arthritis"
    r"|addiction|recovery from|alcoholi\w+|hearing aids?|cochlear implants?|pregnan\w*"
    r"|guide dog|mobility (?:aid|scooter)s?"
)
# Faith, sexuality and gender identity stated of oneself ("she is a practising Muslim",
# "he is gay"), and the dress of a faith: who someone is, not what they have done.
_IDENTITY_STATES = (
    r"muslim|christian|jew|jewish|sikh|hindu|buddhist|catholic|anglican|methodist|quaker|"
    r"atheist|humanist|gay|lesbian|bisexual|queer|trans|transgender|non-binary|intersex|"
    r"asexual|pansexual"
)
_FAITH_DRESS = (
    r"hijab|headscarf|turban|kippah|yarmulke|niqab|burqa|burka|veil|patka|dastar|jilbab|abaya"
)
# Marital status stated of oneself.
_MARITAL = r"married|divorced|widowed|separated|engaged|in a civil partnership"
# Each disclosure pattern with the literal words one of which its every match contains.
_DISCLOSURES = [
    Gate(re.compile(pattern, re.I), keys)
    for pattern, keys in (
        (r"\blived experience\b", ["lived experience"]),
        (r"\bexperts? by experience\b", ["by experience"]),
        (
            _SELF_STATE
            + r"(?:(?!"
            + _ORGANISATION_WORDS
            + r")[^.;\n]){0,40}\b(?:"
            + _CONDITIONS
            # A condition's word that starts a name is the name of a body ("chief
            # executive of Macmillan Cancer Relief", "the Stroke Association").
            + r")(?!\w*\s+(?-i:Relief|Support|Research|Society|Association|Trust|Foundation|UK|"
            + r"Charity|Care|Action|Alliance|Network|Centre|Unit|Services?|Institute|Council|"
            + r"Campaign|Federation|Fund)\b)",
            _CONDITION_KEYS,
        ),
        (
            r"\b(?:diagnosed with|living with|live with|lives with|survivor of|"
            r"cancer survivor|service user|used (?:mental health )?services)\b",
            [
                r"\bdiagnosed with",
                r"\blive with",
                r"\bliving with",
                r"\blives with",
                r"\bsurvivor",
                r"\bcancer survivor",
                r"\bservice user",
                r"\bused ",
            ],
        ),
        (
            r"\bcareer break\b|\bcareer gap\b|\btime out to (?:care|raise|look after)\b",
            ["career break", "career gap", "time out to"],
        ),
        (
            r"\b(?:maternity|paternity|adoption|parental|shared parental|carer'?s?|compassionate)"
            r" leave\b",
            [" leave"],
        ),
        (
            r"\bcar(?:e|ed|ing) for (?:my|our|his|her|their|an?) (?:\w+ ){0,2}"
            r"(?:children|child|son|daughter|mother|father|mum|dad|parents?|partner|husband|wife"
            r"|family|relative|grand\w+|baby|twins)\b",
            [r"\bcare for", r"\bcared for", r"\bcaring for"],
        ),
        (
            r"\b(?:i am|i'm|i’m|as|(?:he|she|they) (?:is|are|was|were|has been|have been)) "
            r"an? (?:\w+ ){0,2}carer\b|\bcaring responsibilit\w+",
            ["carer", "caring responsibilit"],
        ),
        (
            r"\bbirth of (?:my|our|his|her|their)\b|\b(?:raise|raising|bring(?:ing)? up|"
            r"look(?:ing|ed)? after) (?:my|our|his|her|their) (?:\w+ )?"
            r"(?:children|family|son|daughter|baby|twins)\b",
            [r"\bbirth of", r"\brais", r"\bbring", r"\blook"],
        ),
        (r"\bmy (?:own )?(?:mental )?health\b", [r"\bmy "]),
        (
            r"\b(?:I am|I'm|I’m|(?:he|she|they) (?:is|are|was|were))\s+(?:an?\s+)?"
            r"(?:(?:practising|practicing|devout|observant|committed|proud|openly|born-again)\s+)?"
            r"(?:" + _IDENTITY_STATES + r")(?:\s+(?:woman|man|person))?"
            # ... as a whole statement, not a word in a post or a body's name ("a Christian
            # Aid trustee", "a Jewish community leader").
            r"(?=\s*(?:[.,;:)!?]|and\b|who\b|$))",
            alternation_keys(_IDENTITY_STATES),
        ),
        (
            r"\b(?:wears?|wearing|wore)\s+(?:an?\s+|the\s+|my\s+|his\s+|her\s+|their\s+)?"
            r"(?:" + _FAITH_DRESS + r")s?\b",
            [r"\bwear", r"\bwore"],
        ),
        (
            r"\b(?:I am|I'm|I’m|(?:he|she|they) (?:is|are|was|were))\s+(?:happily\s+)?"
            r"(?:" + _MARITAL + r")\b",
            alternation_keys(_MARITAL),
        ),
        # "As a wheelchair user...", "As a mother of three...": who someone is.
        (
            r"\bas an? (?:\w+ ){0,2}(?:wheelchair user|disabled|deaf|blind|autistic|"
            r"neurodivergent|carer|single parent|parent|mother|father|mum|dad|woman|man|"
            r"muslim|christian|jew|sikh|hindu|buddhist|gay|lesbian|bisexual|trans|immigrant|"
            r"refugee|migrant|person of colour)\b",
            [r"\bas a"],
        ),
        (
            r"\b(?:single parent|mother of|father of|mum of|dad of|my (?:faith|religion|"
            r"heritage|ethnicity|sexuality|gender identity|disability|condition|diagnosis))\b",
            [
                r"\bsingle parent",
                r"\bmother of",
                r"\bfather of",
                r"\bmum of",
                r"\bdad of",
                r"\bmy ",
            ],
        ),
    )
]
# Words naming a community by ethnicity, nationality, faith, sex or sexuality (beyond
# the lexicon's protected terms, which the vectoriser already drops).
_IDENTITY_WORDS = (
    r"women|women's|womens|woman's|female|male|men's|black|white|asian|bame|bme|"
    r"ethnic(?:ity)?|minorit\w+|multicultural|race|racial|lgbt\w*\+?|gay|lesbian|bisexual|"
    r"trans|queer|pride|disabled|disability|muslim|islamic|jewish|christian|catholic|"
    r"hindu|sikh|buddhist|faith|church|mosque|synagogue|temple|gurdwara|chapel|parish|"
    r"congregation|diaspora"
)
_COMMUNITY_WORDS = (
    r"somali|chinese|polish|nigerian|ghanaian|kenyan|ugandan|"
    r"zimbabwean|eritrean|ethiopian|sudanese|kurdish|turkish|iranian|iraqi|syrian|afghan|"
    r"vietnamese|filipino|sri lankan|tamil|nepali|nepalese|gujarati|punjabi|bengali|"
    r"bangladeshi|pakistani|indian|kashmiri|caribbean|african|jamaican|irish|arab|"
    r"romanian|bulgarian|lithuanian|latvian|portuguese|spanish|italian|greek|cypriot|"
    r"ukrainian|russian|roma|gypsy|traveller|hispanic|latin\w*|japanese|korean|malaysian"
)
_IDENTITY_WORDS += "|" + _COMMUNITY_WORDS
_IDENTITY_RE = Gate(
    re.compile(r"\b(?:" + _IDENTITY_WORDS + r")(?![\w'])", re.I), alternation_keys(_IDENTITY_WORDS)
)
# Of those, the words naming a nationality or an ethnic or national community are taken out
# of the text that remains; the rest are protected terms the vectoriser drops, and the
# panel may read them ("women's health", "disability access").
_COMMUNITY_WORDS_RE = Gate(
    re.compile(r"\b(?:" + _COMMUNITY_WORDS + r")(?![\w'])", re.I),
    alternation_keys(_COMMUNITY_WORDS),
    stop=".",
)
_MEMBERSHIP_RE = re.compile(
    r"\b(?:members?|membership|belong\w*|attend\w*|worship\w*|congregant|parishioner|"
    r"active in|part of|involved (?:in|with)|supporter|volunteer\w*|mentor\w* (?:with|for)|"
    r"ambassador|champion|ally|allies)\b",
    re.I,
)
_NETWORK_RE = re.compile(
    r"\b(?:network|networks|forum|staff group|affinity group|employee resource group|"
    r"alliance|collective|circle)\b|\bwomen in \w+|\bwomen on boards\b",
    re.I,
)
# A community organisation's own name (often the community's) is not evidence; the office
# held in it is.
_COMMUNITY_ORG_RE = Gate(
    re.compile(
        r"(?:\b[A-Z][\w'’-]*\s+){0,3}Community\s+(?:Association|Centre|Center|Group|Forum"
        r"|Trust|Project|Organisation|Organization|Council|Network)\b"
    ),
    ["community"],
    stop=".",
)


# Each rewording and wording pattern matches words, spaces and commas, never a full stop:
# it runs only on the stretches between full stops that hold one of its keys (``stop``).
# What stays is reworded in this order: a community organisation's name, a qualification
# abroad as its UK equivalent, then community and country words taken out, then the places
# and institutions of a sentence about studying (text/origins.py).
# The sentence checks' gates: the disclosures, then identity words.
_N_DISCLOSURES = len(_DISCLOSURES)
_SENTENCE_GATES = GateSet([*_DISCLOSURES, _IDENTITY_RE])
_REWORDINGS: tuple[tuple[Gate, str | Callable[[re.Match[str]], str]], ...] = (
    (_COMMUNITY_ORG_RE, "community organisation"),
    (OVERSEAS_BODY_RE, uk_equivalent),
    (_COMMUNITY_WORDS_RE, ""),
    (COUNTRY_RE, ""),
)
_REWORDING_GATES = GateSet([gate for gate, _ in _REWORDINGS])


@functools.lru_cache(maxsize=65536)
def is_disclosure(sentence: str) -> bool:
    """A sentence about someone's health, disability, caring or family leave."""
    opened = _SENTENCE_GATES.opened(fold(sentence))
    return any(_DISCLOSURES[n].pattern.search(sentence) for n in opened if n < _N_DISCLOSURES)


@functools.lru_cache(maxsize=65536)
def is_identity_membership(sentence: str) -> bool:
    """Belonging to a group defined by who its members are, not holding office in one."""
    if not _IDENTITY_RE.search(sentence):
        return False
    if _NETWORK_RE.search(sentence):
        return True
    # An office in a community's organisation is held, not belonged to: "a board member of
    # a Black and minority ethnic housing association" keeps the seat.
    return bool(_MEMBERSHIP_RE.search(sentence)) and not _OFFICE_RE.search(sentence)


_OFFICE_RE = re.compile(
    r"\b(?:board members?|members? of (?:the|its) (?:board|council|executive)|trustees?|"
    r"directors?|chair\w*|co-chair\w*|treasurer|secretary|governors?|non-executive|"
    r"president|founder|chief executive)\b",
    re.I,
)


# A subject pronoun written with a capital inside a sentence starts a new statement: a
# line with no full stop ("... Chief Executive, MHRA He is a carer") holds two.
_STATEMENT_START_RE = re.compile(r"(?<=[\w)\]’'\"])\s+(?=(?:He|She|They|We|I)\s)")


def _statement_spans(
    text: str, spans: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The sentences of a text (or the ``spans`` given), each split where a capitalised
    subject pronoun starts a statement, so that a disclosure takes only its own words
    with it."""
    out = []
    for start, end in sentence_spans(text) if spans is None else spans:
        for match in _STATEMENT_START_RE.finditer(text, start, end):
            out.append((start, match.start()))
            start = match.end()
        out.append((start, end))
    return out


def evidence_only(text: str) -> str:
    """The text without disclosures and identity memberships, in neutral wording.

    What remains is what a candidate has done: it is what the model scores and what a
    panel is shown as evidence. Offices in community and faith organisations stay, with
    the community's name taken out; a qualification keeps its name, not its country;
    "chairman" and "chairwoman" are "chair"; singular "they" agrees like "he" and "she".
    """
    if not text:
        return ""
    out = text
    folded = fold(text)
    hits = _SENTENCE_GATES.hits(folded)
    if hits:
        # Only the sentences holding a key of a disclosure or membership pattern are read.
        pieces = []
        last = 0
        touched = [
            (start, end)
            for start, end in sentence_spans(text)
            if any(s < end and e > start for s, e, _ in hits)
        ]
        for start, end in _statement_spans(text, touched):
            if any(s < end and e > start for s, e, _ in hits):
                sentence = text[start:end]
                if is_disclosure(sentence) or is_identity_membership(sentence):
                    pieces.append(text[last:start])
                    last = end
        if last:
            pieces.append(text[last:])
            out = "".join(pieces)
            folded = fold(out)
    opened = _REWORDING_GATES.opened(folded)
    for number, (gate, replacement) in enumerate(_REWORDINGS):
        if number in opened:
            changed = gate.sub(replacement, out, folded)
            if changed != out:
                out, folded = changed, fold(changed)
                opened = _REWORDING_GATES.opened(folded)
    changed = reword_study(out)
    if changed != out:
        out, folded = changed, fold(changed)
    return neutral_wording(out, folded)


_CHAIR_WORDS_RE = Gate(
    re.compile(r"\b(?:chair(?:wo)?m[ae]n|chair-?person|chairpersons|chairpeople)\b", re.I),
    ["chairm", "chairwom", "chairperson", "chair-person", "chairpeople"],
    stop=".",
)
_THEY_RE = Gate(
    re.compile(r"\b(they|he|she)(\s+(?:\w+ly\s+)?)(have|are|were|do|don't|\w+)\b", re.I),
    [r"\bthey\b", r"\bhe\b", r"\bshe\b"],
    stop=".",
)
_THEY_VERBS = {"have": "has", "are": "is", "were": "was", "do": "does", "don't": "doesn't"}
_BASE_VERBS = frozenset(
    "act advise bring build champion chair continue enjoy focus hold lead live manage "
    "mentor oversee own remain run serve sit speak support teach volunteer work believe "
    "bring care combine chair co-chair represent provide".split()
)


def _agree(match: re.Match[str]) -> str:
    verb = match.group(3)
    lower = verb.lower()
    if match.group(1).lower() == "they":
        if lower in _THEY_VERBS:
            verb = _THEY_VERBS[lower]
        elif lower in _BASE_VERBS:
            verb = verb + ("es" if lower.endswith(("s", "sh", "ch", "x", "o")) else "s")
    return match.group(2).lstrip() + verb if match.group(2).strip() else verb


def _chair(match: re.Match[str]) -> str:
    """ "Chair" in the case it was written: "Chairman of" reads as "Chair of" does."""
    found = match.group(0)
    word = "chairs" if found.lower().endswith(("men", "people", "persons")) else "chair"
    if found.isupper():
        return word.upper()
    return word.capitalize() if found[0].isupper() else word


def neutral_wording(text: str, folded: str | None = None) -> str:
    """Gendered job words and pronoun agreement that would tell he, she and they apart."""
    if folded is None:
        folded = fold(text)
    out = _CHAIR_WORDS_RE.sub(_chair, text, folded)
    return _THEY_RE.sub(_agree, out, folded if out is text else None)
