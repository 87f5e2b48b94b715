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

from nedmatch.matching.text.passages import sentence_spans

# "I am", "I have", "I live with": a statement about oneself, not about one's work.
_FIRST_PERSON_STATE = (
    r"\b(?:I am|I'm|I’m|I have|I've|I’ve|I had|I was|I live|I lived|I suffer\w*|"
    r"I experience\w*|I use|I used|I became|my own|myself)\b"
)
# Words that turn a condition into the subject of someone's work ("a cancer charity").
_ORGANISATION_WORDS = (
    r"charit|trust\b|committee|board|service|work|programme|organi[sz]ation|hospital|team|"
    r"unit|foundation|society|council|network|clinic|strategy|research|campaign|trustee|"
    r"director|chair|lead|manag|member|volunteer|governor|ambassador|patron|advis|commission"
)
_CONDITIONS = (
    r"mental (?:ill-?health|illness(?:es)?|health (?:condition|problem|issue|difficult)\w*)"
    r"|bipolar|depression|anxiety|ptsd|schizophreni\w*|psychosis|eating disorder|ocd"
    r"|disab\w+|wheelchair|deaf|blind\w*|partially sighted|sight loss|hearing loss"
    r"|hard of hearing|british sign language|autis\w+|adhd|add\b|dyslexi\w*|dyspraxi\w*"
    r"|neurodiver\w+|chronic (?:illness|pain|condition|fatigue)|long[- ]term (?:health )?condition"
    r"|long covid|cancer|multiple sclerosis|\bms\b|diabetes|hiv|epilep\w+|stroke|arthritis"
    r"|addiction|recovery from|alcoholi\w+"
)
_DISCLOSURE_RES = [
    re.compile(p, re.I)
    for p in (
        r"\blived experience\b",
        r"\bexperts? by experience\b",
        _FIRST_PERSON_STATE
        + r"(?:(?!"
        + _ORGANISATION_WORDS
        + r")[^.;\n]){0,40}\b(?:"
        + _CONDITIONS
        + r")",
        r"\b(?:diagnosed with|living with|live with|lives with|survivor of|"
        r"cancer survivor|service user|used (?:mental health )?services)\b",
        r"\bcareer break\b|\bcareer gap\b|\btime out to (?:care|raise|look after)\b",
        r"\b(?:maternity|paternity|adoption|parental|shared parental|carer'?s?|compassionate)"
        r" leave\b",
        r"\bcar(?:e|ed|ing) for (?:my|our|an?) (?:\w+ ){0,2}"
        r"(?:children|child|son|daughter|mother|father|mum|dad|parents?|partner|husband|wife"
        r"|family|relative|grand\w+|baby|twins)\b",
        r"\b(?:i am|i'm|i’m|as) an? (?:\w+ ){0,2}carer\b|\bcaring responsibilit\w+",
        r"\bbirth of (?:my|our)\b|\b(?:raise|raising|bring(?:ing)? up|look(?:ing|ed)? after) "
        r"(?:my|our) (?:\w+ )?(?:children|family|son|daughter|baby|twins)\b",
        r"\bmy (?:own )?(?:mental )?health\b",
        # "As a wheelchair user...", "As a mother of three...": who someone is.
        r"\bas an? (?:\w+ ){0,2}(?:wheelchair user|disabled|deaf|blind|autistic|"
        r"neurodivergent|carer|single parent|parent|mother|father|mum|dad|woman|man|"
        r"muslim|christian|jew|sikh|hindu|buddhist|gay|lesbian|bisexual|trans|immigrant|"
        r"refugee|migrant|person of colour)\b",
        r"\b(?:single parent|mother of|father of|mum of|dad of|my (?:faith|religion|"
        r"heritage|ethnicity|sexuality|gender identity|disability|condition|diagnosis))\b",
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
_IDENTITY_RE = re.compile(r"\b(?:" + _IDENTITY_WORDS + r")(?![\w'])", re.I)
# Of those, the words naming a nationality or an ethnic or national community are taken out
# of the text that remains; the rest are protected terms the vectoriser drops, and the
# panel may read them ("women's health", "disability access").
_COMMUNITY_WORDS_RE = re.compile(r"\b(?:" + _COMMUNITY_WORDS + r")(?![\w'])", re.I)
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
# Countries and cities where a qualification may be gained: where is not what. The UK's
# nations are here too, so "in England" and "in India" both leave nothing behind.
_COUNTRY_RE = re.compile(
    r"\b(?:in|from|at|of|,)\s+(?:the\s+)?(?:india|pakistan|bangladesh|sri lanka|nepal|china|"
    r"hong kong|singapore|malaysia|philippines|vietnam|japan|korea|nigeria|ghana|kenya|"
    r"uganda|zimbabwe|south africa|egypt|sudan|somalia|ethiopia|eritrea|jamaica|trinidad|"
    r"barbados|poland|romania|bulgaria|lithuania|latvia|portugal|spain|italy|greece|cyprus|"
    r"france|germany|netherlands|ireland|ukraine|russia|turkey|iran|iraq|syria|afghanistan|"
    r"canada|australia|new zealand|the us|usa|us|united states|america|brazil|mexico|"
    r"lagos|karachi|lahore|mumbai|delhi|manila|nairobi|accra|johannesburg|cape town|"
    r"new york|sydney|toronto|warsaw|dublin|england|scotland|wales|northern ireland|"
    r"the uk|uk|the united kingdom|united kingdom|britain|great britain)\b",
    re.I,
)


# A community organisation's own name (often the community's) is not evidence; the office
# held in it is.
_COMMUNITY_ORG_RE = re.compile(
    r"(?:\b[A-Z][\w'’-]*\s+){0,3}Community\s+(?:Association|Centre|Center|Group|Forum|Trust"
    r"|Project|Organisation|Organization|Council|Network)\b"
)


# Accountancy bodies and designations abroad, read as their UK equivalents (a qualification
# recognised as equivalent should read as one), so where someone qualified moves nothing.
_OVERSEAS_BODIES = {
    "certified public accountants?": "chartered accountant",
    "chartered professional accountants?": "chartered accountant",
    "cpa": "ACA",
    "icai": "ICAEW",
    "ican": "ICAEW",
    "icap": "ICAEW",
    "icab": "ICAEW",
    "saica": "ICAEW",
    "aicpa": "ICAEW",
    "hkicpa": "ICAEW",
    "ca anz": "ICAEW",
    "cpa australia": "ICAEW",
    "cpa canada": "ICAEW",
    "attorney": "solicitor",
    "attorneys": "solicitors",
    "attorney-at-law": "solicitor",
}
_OVERSEAS_BODY_RE = re.compile(
    r"(?<!power of )\b(?:" + "|".join(sorted(_OVERSEAS_BODIES, key=len, reverse=True)) + r")\b",
    re.I,
)


def _uk_equivalent(match: re.Match[str]) -> str:
    found = match.group(0).lower()
    for pattern, equivalent in _OVERSEAS_BODIES.items():
        if re.fullmatch(pattern, found):
            return equivalent
    return match.group(0)


@functools.lru_cache(maxsize=65536)
def is_disclosure(sentence: str) -> bool:
    """A sentence about someone's health, disability, caring or family leave."""
    return any(p.search(sentence) for p in _DISCLOSURE_RES)


@functools.lru_cache(maxsize=65536)
def is_identity_membership(sentence: str) -> bool:
    """Belonging to a group defined by who its members are, not holding office in one."""
    if not _IDENTITY_RE.search(sentence):
        return False
    return bool(_MEMBERSHIP_RE.search(sentence) or _NETWORK_RE.search(sentence))


def evidence_only(text: str) -> str:
    """The text without disclosures and identity memberships, in neutral wording.

    What remains is what a candidate has done: it is what the model scores and what a
    panel is shown as evidence. Offices in community and faith organisations stay, with
    the community's name taken out; a qualification keeps its name, not its country;
    "chairman" and "chairwoman" are "chair"; singular "they" agrees like "he" and "she".
    """
    if not text:
        return ""
    pieces = []
    last = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if is_disclosure(sentence) or is_identity_membership(sentence):
            pieces.append(text[last:start])
            last = end
    pieces.append(text[last:])
    out = "".join(pieces)
    out = _COMMUNITY_ORG_RE.sub("community organisation", out)
    out = _OVERSEAS_BODY_RE.sub(_uk_equivalent, out)
    out = _COMMUNITY_WORDS_RE.sub("", out)
    out = _COUNTRY_RE.sub("", out)
    return neutral_wording(out)


_CHAIR_WORDS_RE = re.compile(
    r"\b(?:chair(?:wo)?m[ae]n|chair-?person|chairpersons|chairpeople)\b", re.I
)
_THEY_RE = re.compile(r"\b(they|he|she)(\s+(?:\w+ly\s+)?)(have|are|were|do|don't|\w+)\b", re.I)
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


def neutral_wording(text: str) -> str:
    """Gendered job words and pronoun agreement that would tell he, she and they apart."""
    out = _CHAIR_WORDS_RE.sub(
        lambda m: (
            "chairs" if m.group(0).lower().endswith(("men", "people", "persons")) else "chair"
        ),
        text,
    )
    return _THEY_RE.sub(_agree, out)
