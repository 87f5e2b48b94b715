"""Whether a candidate evidences a criterion, and the sentence (or answer) that shows it.

A criterion is read for what it asks: a role or qualification ("a qualified lawyer"),
chairing something ("experience of chairing an audit committee"), doing something
("EPR implementation") or a field of experience ("financial experience"). A candidate's
text is read sentence by sentence, clause by clause, for what they say they are and have
done: a role they hold, a thing they chaired, a field they led work in. Words that only
touch a topic ("get legal advice", "reported to the audit committee", "the PRA and the
FCA") are not evidence of it; a job title is evidence of a field, not of an activity.

Both sides are turned into claims, plain strings such as ``role:accountant``,
``chair:committee:audit`` or ``did:c_digital``, so the whole pool is judged with a few
array look-ups and every verdict on screen comes from the same rules:

- ``met``: a claim that meets the criterion, quoted;
- ``possible``: the candidate speaks to the criterion but not in a way that meets it
  (their field but not the role, a committee but not its chair): a person should check;
- ``not_evidenced``: nothing in the application speaks to it.
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np

from nedmatch.domain import BOARD_EXPERIENCE, BOARD_EXPERIENCE_LEVEL, SKILL_AREAS
from nedmatch.matching.inference import BOARD_PATTERNS
from nedmatch.matching.lexicon import CONCEPT_IMPLIES, SKILL_CONCEPTS
from nedmatch.matching.text import concept_phrases, sentence_spans, tokens

Verdict = Literal["met", "possible", "not_evidenced"]
MET: Final = "met"
POSSIBLE: Final = "possible"
NOT_EVIDENCED: Final = "not_evidenced"
VERDICT_LABELS: Final[dict[str, str]] = {
    MET: "Met",
    POSSIBLE: "Possible: check",
    NOT_EVIDENCED: "Not evidenced",
}

_SKILL_BY_CONCEPT: Final = {token: slug for slug, token in SKILL_CONCEPTS.items()}
_FIELD_LABELS: Final = {
    "current_role": "current role",
    "career_summary": "career summary",
    "cv_text": "CV",
}


def field_label(name: str) -> str:
    """A field's name as the appointments team would say it."""
    if name.startswith("evidence:"):
        return "competency evidence (" + name.split(":", 1)[1] + ")"
    return _FIELD_LABELS.get(name, name.replace("_", " "))


@dataclass(frozen=True)
class CriterionResult:
    """One essential or desirable criterion with its verdict and the evidence for it."""

    criterion: str
    essential: bool
    met: bool
    evidence: str | None
    field: str | None
    assessed: bool = True  # False when no word of the criterion is known to the model
    verdict: str = NOT_EVIDENCED  # "met", "possible" or "not_evidenced"

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict] if self.assessed else "Not assessed"


# ------------------------------------------------------------------ vocabulary
#
# Roles and qualifications, as a candidate names them about themselves. Singular nouns
# only: "newly qualified nurses" are the people someone mentored, not who they are.
# fmt: off
ROLES: Final[dict[str, tuple[str, ...]]] = {
    "accountant": (
        "accountant", "chartered accountant", "qualified accountant", "management accountant",
        "chartered certified accountant", "public finance accountant", "aca", "acca", "fcca",
        "cima", "acma", "fcma", "cgma", "cipfa", "icaew", "icas", "ccab", "cpfa",
        "chartered management accountant", "chartered public finance accountant",
        "certified accountant", "chartered institute of public finance and accountancy",
        "institute of chartered accountants", "fca qualified", "aca qualified",
        "acca qualified", "cima qualified", "cipfa qualified", "qualified as an accountant",
        "qualified as a chartered accountant",
    ),
    "lawyer": (
        "lawyer", "solicitor", "barrister", "general counsel", "legal counsel", "qc", "kc",
        "called to the bar", "admitted as a solicitor", "practising solicitor",
        "solicitor advocate", "legal director", "head of legal", "in house lawyer",
        "attorney",
    ),
    "doctor": (
        "doctor", "physician", "surgeon", "gp", "general practitioner", "medical practitioner",
        "psychiatrist", "anaesthetist", "paediatrician", "cardiologist", "oncologist",
        "radiologist", "pathologist", "geriatrician", "obstetrician", "gynaecologist",
        "haematologist", "neurologist", "dermatologist", "consultant physician",
        "medical director", "mbbs", "mb chb", "mbchb", "mrcp", "frcp", "frcs", "mrcgp",
        "frcgp", "frcpsych", "mrcpsych", "frca", "gmc registered", "registered with the gmc",
        "consultant in", "chief medical officer",
    ),
    "nurse": (
        "nurse", "registered nurse", "registered general nurse", "rgn", "rmn", "rn",
        "chief nurse", "director of nursing", "matron", "health visitor", "nurse consultant",
        "nmc registered", "registered with the nmc", "ward sister", "nurse practitioner",
        "chief nursing officer", "qualified as a nurse",
    ),
    "midwife": ("midwife", "director of midwifery", "head of midwifery", "registered midwife"),
    "allied-health": (
        "physiotherapist", "occupational therapist", "paramedic", "radiographer",
        "dietitian", "podiatrist", "speech and language therapist", "hcpc registered",
        "chief allied health professional", "orthoptist", "audiologist",
    ),
    "pharmacist": ("pharmacist", "chief pharmacist", "gphc registered"),
    "dentist": ("dentist", "dental surgeon", "bds"),
    "psychologist": ("psychologist", "clinical psychologist"),
    "social-worker": ("social worker", "registered social worker"),
    "engineer": ("engineer", "chartered engineer", "ceng"),
    "surveyor": ("surveyor", "chartered surveyor", "frics", "mrics"),
    "architect": ("architect",),
    "actuary": ("actuary",),
    "hr-professional": ("chartered member of the cipd", "chartered fellow of the cipd",
                        "chartered mcipd", "fcipd", "mcipd"),
}
# Words a criterion uses for a set of roles.
UMBRELLAS: Final[dict[str, tuple[str, ...]]] = {
    "clinician": ("doctor", "nurse", "midwife", "allied-health", "pharmacist", "dentist",
                  "psychologist"),
    "registered clinician": ("doctor", "nurse", "midwife", "allied-health", "pharmacist",
                             "dentist", "psychologist"),
    "clinical professional": ("doctor", "nurse", "midwife", "allied-health", "pharmacist",
                              "dentist", "psychologist"),
    "health professional": ("doctor", "nurse", "midwife", "allied-health", "pharmacist",
                            "dentist", "psychologist"),
    "healthcare professional": ("doctor", "nurse", "midwife", "allied-health", "pharmacist",
                                "dentist", "psychologist"),
    "registered health professional": ("doctor", "nurse", "midwife", "allied-health",
                                       "pharmacist", "dentist", "psychologist"),
    "medical practitioner": ("doctor",), "medically qualified": ("doctor",),
    "registered medical practitioner": ("doctor",), "medic": ("doctor",),
    "nursing": ("nurse",), "registered nurse": ("nurse",),
    "legally qualified": ("lawyer",), "legal professional": ("lawyer",),
    "qualified lawyer": ("lawyer",), "accountancy qualification": ("accountant",),
    "professionally qualified accountant": ("accountant",),
    "financially qualified": ("accountant",), "ccab": ("accountant",),
}
# The field a role works in: speaking to it without the role is "possible" evidence.
ROLE_FIELD: Final[dict[str, str]] = {
    "accountant": "c_accountancy", "lawyer": "c_legal", "doctor": "c_clinical_medicine",
    "nurse": "c_clinical_nursing", "midwife": "c_clinical_nursing",
    "allied-health": "c_clinical_allied_health", "pharmacist": "c_clinical_allied_health",
    "psychologist": "c_clinical_allied_health", "dentist": "c_clinical_medicine",
    "surveyor": "c_estates", "engineer": "c_estates", "architect": "c_estates",
    "hr-professional": "c_workforce",
}
# Ambiguous abbreviations count only beside a word that settles them: "FCA-qualified
# chartered accountant" is a qualification, "the PRA and the FCA" is a regulator.
_GUARDED: Final[dict[str, tuple[str, ...]]] = {
    "fca": ("qualified", "chartered", "accountant", "icaew", "aca"),
    "rn": ("registered", "nurse", "nmc", "rgn"),
    "qc": ("barrister", "bar", "chambers", "kc"),
    "kc": ("barrister", "bar", "chambers", "qc"),
    "bds": ("dentist", "dental"),
    "gp": (),
}
# Words before a role that make it someone else's: "advice from a solicitor".
_NOT_SELF: Final = frozenset(
    "with to from for alongside advised advising supported supporting hired recruited "
    "employed managing managed of by between among appointed instructed instructing "
    "engaged engaging consulted consulting get got getting seek sought obtain obtained "
    "use used using external our their the".split()
)
# Specific things a criterion may name that the concept lexicon folds into a wider field.
TERMS: Final[dict[str, tuple[str, ...]]] = {
    "epr": ("epr", "eprs", "electronic patient record", "electronic patient records",
            "electronic health record", "electronic health records", "ehr", "ehrs",
            "electronic record", "electronic records", "patient record system", "epic",
            "cerner", "lorenzo", "systmone", "emis"),
    "merger": ("merger", "mergers", "merged", "acquisition", "acquisitions"),
    "capital": ("capital programme", "capital programmes", "capital project",
                "capital projects", "new hospital", "hospital build", "capital investment"),
    "pfi": ("pfi", "private finance initiative"),
    "procurement": ("procurement", "procured", "tender", "tendering", "commissioning"),
    "turnaround": ("turnaround", "turned around", "turn around", "recovery plan",
                   "financial recovery", "special measures"),
    "research": ("research", "clinical trials", "clinical research"),
    "education": ("education", "teaching", "training of", "medical education"),
    "regulator": ("mhra", "nmc", "gmc", "hcpc", "gphc", "hfea", "hta", "monitor",
                  "nhs improvement", "ofcom", "pra", "fca", "financial conduct authority",
                  "prudential regulation authority", "health and safety executive",
                  "professional standards authority", "rqia", "care inspectorate"),
}
# Named things that are also a field of work.
_TERM_IMPLIES: Final[dict[str, tuple[str, ...]]] = {
    "t_merger": ("c_change_management",),
    "t_turnaround": ("c_change_management",),
    "t_regulator": ("c_regulation",),
    "t_epr": ("c_digital",),
}
# Committees by what they oversee.
COMMITTEES: Final[dict[str, tuple[str, ...]]] = {
    "audit": ("audit", "audit and risk", "audit risk", "risk and audit", "assurance"),
    "risk": ("risk", "governance and risk", "risk and assurance"),
    "remuneration": ("remuneration", "remco", "nominations and remuneration", "pay"),
    "nominations": ("nominations", "nomination"),
    "quality": ("quality", "quality and safety", "clinical governance", "safety"),
    "finance": ("finance", "finance and performance", "finance and investment",
                "investment", "resources"),
    "people": ("people", "workforce", "people and culture"),
    "charitable-funds": ("charitable funds",),
    "digital": ("digital", "digital and data", "informatics"),
}
# A committee's field: chairing or sitting on it is work in that field.
COMMITTEE_FIELD: Final[dict[str, str]] = {
    "audit": "c_audit_risk", "risk": "c_audit_risk", "remuneration": "c_hr", "quality": "c_quality_safety",
    "finance": "c_finance", "people": "c_hr", "digital": "c_digital",
}
# Fields a criterion may name that a close field evidences.
CLOSE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "c_commercial": ("c_business",),
}
# Sector words: "the voluntary, public or private sectors" together ask for no sector.
SECTOR_FIELDS: Final = frozenset({"c_community_voluntary", "c_business", "c_commercial"})
# fmt: on

# Senior posts a person holds: a chief executive, a director, a partner, a board seat.
_SENIOR_RE: Final = re.compile(
    r"\b(?:chief executive|ceo|chief \w+ officer|c[efiot]o|(?:executive |managing |finance |"
    r"non-executive |non executive |medical |nursing |group \w+ )?director(?: general)?|"
    r"chair(?:man|woman|person)?|managing partner|senior partner|partner|head of|"
    r"general manager|president|permanent secretary|secretary of state|minister|dean|"
    r"principal|board member|trustee|governor|commissioner|chief constable|"
    r"board[- ]level (?:leadership|roles?|positions?))\b",
    re.I,
)
_BOARD_SEAT_RE: Final = re.compile(
    r"\b(?:non-?executive|board member|member of the board|chair(?:man|woman|person)?\b"
    r"(?! of the \w+ committee)|trustee|governor|on the board|board of directors|"
    r"board[- ]level (?:leadership|roles?|positions?))",
    re.I,
)
# A criterion asking for seniority or a board seat, not a field.
_SENIOR_ASK_RE: Final = re.compile(
    r"\b(?:senior|board[- ](?:level|equivalent)|executive[- ]level|leadership|"
    r"management (?:experience|structure)|corporate governance|oversee|scrutin\w+)\b",
    re.I,
)

_AGENTIVE: Final = frozenset(
    "led lead leads leading delivered deliver delivers delivering implemented implement "
    "implementing implements introduced introduce rolled deployed oversaw oversee oversees "
    "overseeing managed manage manages ran run runs running directed direct directs designed "
    "built build building established establish founded co-founded set transformed "
    "transform transforming launched launch commissioned chaired chair chairs chairing "
    "headed head heads drove drive driving championed champion developed develop "
    "developing negotiated secured steered spearheaded created created "
    "restructured reformed modernised modernized merged acquired turned achieved grew "
    "expanded reduced improved improving improve advised advise advises advising audited "
    "qualified trained practised practiced practise practising served serve serves serving "
    "sat sit sits held hold holds responsible accountable worked work works working "
    "specialise specialises specialising specialised specialize specializes "
    "represented represent represents taught teach teaches lecture lectured "
    "provided provide provides ensured ensure ensuring shaped shape set-up prepared "
    "produced negotiate governed governing partner partnered was is am are been became "
    "become joined".split()
)
_EXPERIENCE_RE: Final = re.compile(
    r"\b(?:experience|expertise|background|career|skills|knowledge|track record|"
    r"years)\s+(?:of|in|as|with|on)\b",
    re.I,
)
# Verbs that put the candidate beside a topic rather than in charge of it.
_RELATIONAL_RE: Final = re.compile(
    r"\b(?:report(?:ed|s|ing)? to|present(?:ed|s|ing)? to|attend(?:ed|s|ing)?|"
    r"exposure to|exposed to|interest in|interested in|passionate about|aware of|"
    r"awareness of|learn(?:ed|t|ing)? about|study(?:ing)?|observ(?:ed|ing)|shadow(?:ed|ing)|"
    r"(?:get|got|getting|seek|sought|obtain(?:ed)?|receiv(?:e|ed|ing)|took|take|taking)\s+"
    r"(?:\w+\s+){0,2}advice|work(?:ed|ing)? (?:closely )?(?:with|alongside)|"
    r"support(?:ed|ing)? by|advised by|chaired by|led by|managed by|overseen by|"
    r"accountable to|answerable to|liais(?:ed|ing) with|contribut(?:ed|ing) to|assist(?:ed|ing)|"
    r"member of|sat on|sit on|sits on|served on|attendee|in attendance)\b",
    re.I,
)
_CLAUSE_SPLIT_RE: Final = re.compile(
    r"\s*(?:;|,\s*(?:and|but|while|where|whilst)\b|\b(?:and|but|while|whilst|where)\s+"
    r"(?=(?:\w+\s+){0,1}(?:"
    + "|".join(
        sorted(
            {
                "reported",
                "presented",
                "attended",
                "led",
                "chaired",
                "managed",
                "sat",
                "served",
                "worked",
                "delivered",
                "implemented",
                "oversaw",
                "advised",
                "got",
                "get",
                "sought",
                "is",
                "was",
                "has",
                "have",
                "am",
                "holds",
                "held",
                "chairs",
                "leads",
                "runs",
                "ran",
                "supported",
                "received",
                "took",
            }
        )
    )
    + r")\b))",
    re.I,
)

_CHAIR_RE: Final = re.compile(
    r"\b(?P<pre>vice|deputy|co|joint|interim|acting)?[\s-]?(?P<chair>chair(?:ed|ing|s)?|"
    r"chairman|chairwoman|chairperson)\b(?!\s+by\b)",
    re.I,
)
_ORG_BOARD: Final = (
    r"board|trust|foundation trust|council|company|charity|foundation|association|authority|"
    r"icb|integrated care board|health board|college|university|governors|plc|group board|"
    r"partnership board|organisation|organization|society|institute|hospice|healthwatch|"
    r"commission|agency|ltd|limited|cic|enterprise"
)
_NOT_ORG_BOARD: Final = re.compile(
    r"\b(?:programme|program|project|transformation|partnership|clinical|network|"
    r"steering|advisory|oversight|delivery|improvement|digital|regional|system|"
    r"locality|working|task|reference|stakeholder)\s+(?:\w+\s+)?board\b",
    re.I,
)
_COMMITTEE_RE: Final = re.compile(
    r"\b(?:committees?|sub-committees?|subcommittees?|panels?)\b", re.I
)
# Words before "chair" that make it someone else's: "reported to the chair".
_OTHERS_CHAIR_RE: Final = re.compile(
    r"\b(?:to|with|by|for|alongside|supporting|supported|advising|advised|assisting|"
    r"assisted|deputising for|deputy to|appointed by)\s+(?:the\s+|a\s+|its\s+|their\s+)?$",
    re.I,
)
# "Chair of NHS Improvement", "Chairman of TSB Bank": a named organisation is its board.
_NOT_ORG_NAME_RE: Final = re.compile(
    r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,5}?(?:Area|Programme|Partnership|"
    r"Forum|Group|Network|Panel|Taskforce|Task Force|Review|Inquiry|Working Group|Alliance)\b"
)
_NAMED_ORG_RE: Final = re.compile(r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z0-9][\w&'’.-]*)")
_BOARD_RE: Final = re.compile(r"\b(?:" + _ORG_BOARD + r")\b", re.I)

_ACTIVITY_RE: Final = re.compile(
    r"\b(?:implement\w*|deliver\w*|deploy\w*|roll(?:ing|ed)?[\s-]out|introduc\w*|"
    r"transform\w*|lead(?:ing)?|led|manag(?:e|ing)|oversee\w*|overseeing|driv(?:e|ing)|"
    r"establish\w*|set(?:ting)? up|commission\w*|procur\w*|negotiat\w*|turn(?:ing)? around|"
    r"turnaround|merg\w*|redesign\w*|build(?:ing)?|develop(?:ing|ment)|change programme|"
    r"programme|project|go-live)\b",
    re.I,
)
_ROLE_SIGNAL_RE: Final = re.compile(
    r"\b(?:qualified|registered|chartered|practising|practicing|professional|"
    r"accredited|certified|professionally|accountancy|legal qualification)\b",
    re.I,
)
_BRACKET_RE: Final = re.compile(r"\(([^)]*)\)")


# ------------------------------------------------------------------ matching phrases


class _Phrases:
    """Longest-first phrase look-up over tokens, for a small table."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, phrases in table.items():
            for phrase in phrases:
                key = tuple(tokens(phrase))
                if key:
                    self._first.setdefault(key[0], []).append((key, label))
        for options in self._first.values():
            options.sort(key=lambda item: -len(item[0]))

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, str]]:
        found = []
        i, n = 0, len(toks)
        while i < n:
            for key, label in self._first.get(toks[i], ()):
                end = i + len(key)
                if tuple(toks[i:end]) == key:
                    found.append((i, end, label))
                    i = end - 1
                    break
            i += 1
        return found


_ROLE_PHRASES: Final = _Phrases(ROLES)
_TERM_PHRASES: Final = _Phrases(TERMS)
_UMBRELLA_PHRASES: Final = _Phrases({k: (k,) for k in UMBRELLAS})
_COMMITTEE_PHRASES: Final = _Phrases(COMMITTEES)


def _self_roles(toks: Sequence[str], lower: str = "") -> set[str]:
    """Roles a clause says its subject holds."""
    found = set()
    for start, end, role in _ROLE_PHRASES.find(toks):
        phrase = toks[start:end]
        if len(phrase) == 1 and phrase[0] in _GUARDED:
            settle = _GUARDED[phrase[0]]
            window = set(toks[max(0, start - 3) : end + 3])
            if settle and not window & set(settle):
                continue
            if start > 0 and toks[start - 1] == "the":
                continue
        before = toks[max(0, start - 2) : start]
        designation = set(toks[max(0, start - 4) : start]) & _DESIGNATIONS
        if (
            any(word in _NOT_SELF for word in before)
            and not (before and before[-1] in ("a", "an", "as"))
            and not designation
        ):
            continue
        found.add(role)
    if "consultant" in (lower or toks) and _HOSPITAL_CONSULTANT_RE.search(" ".join(toks)):
        found.add("doctor")
    return found


# "Fellow of the Institute of Chartered Accountants": a designation is a qualification.
_DESIGNATIONS: Final = frozenset("fellow associate member chartered".split())
_HOSPITAL_CONSULTANT_RE: Final = re.compile(
    r"(?<!management )(?<!it )(?<!business )(?<!financial )(?<!independent )"
    r"\b(?:honorary |locum )?consultant (?:\w+ ){0,3}?(?:at|in|with) (?:the )?(?:\w+ ){0,5}?"
    r"(?:hospital|hospitals|infirmary|nhs|medical centre|health board)\b"
    r"|\bhospital consultant\b"
)


def _chair_claims(clause: str) -> set[str]:
    """What a clause says its subject chaired: a board, a committee (of which kind)."""
    claims: set[str] = set()
    for match in _CHAIR_RE.finditer(clause):
        if _OTHERS_CHAIR_RE.search(clause[max(0, match.start() - 30) : match.start()]):
            continue
        prefix = (match.group("pre") or "").lower()
        after = clause[match.end() : match.end() + 90]
        before = clause[max(0, match.start() - 60) : match.start()]
        kind = "chair" if not prefix or prefix in ("interim", "acting") else "vice"
        if prefix in ("co", "joint"):
            kind = "vice"
        # "Chair of the audit committee", "chaired the audit committee", "audit
        # committee chair": the governed noun is the first committee or board named.
        target = after.split(".")[0]
        committee = _COMMITTEE_RE.search(target)
        board = _BOARD_RE.search(target)
        if committee and (board is None or committee.start() < board.start()):
            span = target[: committee.end()]
            claims.add(f"{kind}:committee")
            for _, _, ctype in _COMMITTEE_PHRASES.find(tokens(span)):
                claims.add(f"{kind}:committee:{ctype}")
            continue
        if board and not _NOT_ORG_BOARD.search(target[: board.end()]):
            claims.add(f"{kind}:board")
            continue
        if (
            _NAMED_ORG_RE.match(target)
            and not _NOT_ORG_BOARD.search(target[:60])
            and not _NOT_ORG_NAME_RE.match(target)
        ):
            claims.add(f"{kind}:board")
            continue
        tail = before[-40:]
        if _COMMITTEE_RE.search(tail) and not target.strip()[:3].lower().startswith("of"):
            claims.add(f"{kind}:committee")
            for _, _, ctype in _COMMITTEE_PHRASES.find(tokens(tail)):
                claims.add(f"{kind}:committee:{ctype}")
            continue
        if re.search(r"\bboard\s*$", tail, re.I) and not _NOT_ORG_BOARD.search(tail):
            claims.add(f"{kind}:board")
            continue
        claims.add(f"{kind}:other")
    return claims


# ------------------------------------------------------------------ candidate claims


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
    for _, _, term in _TERM_PHRASES.find(toks):
        found.add("t_" + term)
        found.update(_TERM_IMPLIES.get("t_" + term, ()))
    return found


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in _CLAUSE_SPLIT_RE.split(sentence) if p and p.strip()]
    return parts or [sentence]


def sentence_claims(text: str, field_name: str = "cv_text") -> set[str]:
    """The claims one sentence makes about the person who wrote (or is described by) it."""
    claims: set[str] = set()
    title = field_name == "current_role"
    agentive_before = False
    for clause in _clauses(text):
        toks = tokens(clause)
        if not toks:
            continue
        relational = bool(_RELATIONAL_RE.search(clause))
        words = set(toks)
        verb = bool(words & _AGENTIVE) or bool(_EXPERIENCE_RE.search(clause))
        # A clause with no verb of its own continues the one before it.
        agentive = (verb and not relational) or (not verb and not relational and agentive_before)
        agentive_before = agentive
        concepts = _concepts(toks)
        lower = clause.lower()
        senior = _SENIOR_RE.search(clause)
        # "Jon Fundrey, Chief Operating Officer and Director of Finance, MHRA": a title
        # in apposition, with no verb, is a post held.
        appositive = not verb and not relational and senior is not None
        roles = set() if relational and not verb else _self_roles(toks, lower)
        for role in roles:
            claims.add("role:" + role)
        activity = bool(concepts) and agentive and bool(_ACTIVITY_RE.search(clause))
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
        if "chair" in lower:
            claims.update(_chair_claims(clause))
        if senior and not _OTHERS_CHAIR_RE.search(
            clause[max(0, senior.start() - 30) : senior.start()]
        ):
            claims.add("lvl:senior")
            if _BOARD_SEAT_RE.search(clause) or "chair:board" in claims:
                claims.add("lvl:board")
        if relational and re.search(
            r"\b(?:member of|sat on|sit on|sits on|served on)\b", clause, re.I
        ):
            if _COMMITTEE_RE.search(clause):
                claims.add("sat:committee")
                for _, _, ctype in _COMMITTEE_PHRASES.find(toks):
                    claims.add("sat:committee:" + ctype)
            if _BOARD_RE.search(clause):
                claims.add("sat:board")
    for claim in [c for c in claims if c.startswith(("chair:committee:", "sat:committee:"))]:
        kind = claim.rsplit(":", 1)[1]
        if kind in COMMITTEE_FIELD:
            claims.add("d:" + COMMITTEE_FIELD[kind])
            claims.add("m:" + COMMITTEE_FIELD[kind])
    if "sat:board" in claims or "chair:board" in claims:
        claims.add("lvl:board")
        claims.add("lvl:senior")
    return claims


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
            found.append(SentenceClaims(name, piece, frozenset(sentence_claims(piece, name))))
    return tuple(found)


def structured_claims(board_experience: str, declared_skills: Iterable[str]) -> set[str]:
    """Claims made by the form's answers.

    Board experience answered "Chair of a board" meets a criterion asking for it. A skill
    area ticked is a claim without evidence: it makes a criterion in that field
    "possible", for a person to check, never "met".
    """
    claims = set()
    level = BOARD_EXPERIENCE_LEVEL.get(board_experience, 0)
    if level >= BOARD_EXPERIENCE_LEVEL["chair"]:
        claims.add("chair:board")
    if level >= 1:
        claims.add("sat:board")
    for slug in declared_skills:
        if slug in SKILL_CONCEPTS:
            claims.add("m:" + SKILL_CONCEPTS[slug])
            for implied in CONCEPT_IMPLIES.get(SKILL_CONCEPTS[slug], ()):
                claims.add("m:" + implied)
    return claims


# ------------------------------------------------------------------ criteria


@dataclass(frozen=True)
class Requirement:
    """One thing a criterion asks for: any of ``met`` meets it, any of ``possible`` is
    worth a look. Each option is a set of claims that must all be present."""

    met: tuple[frozenset[str], ...]
    possible: tuple[frozenset[str], ...] = ()
    primary: bool = True  # a secondary requirement unmet turns "met" into "possible"


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion compiled once per query into what it takes to meet it."""

    text: str
    essential: bool
    concept_cols: tuple[int, ...]
    concepts: frozenset[str]
    words: frozenset[str]
    word_cols: np.ndarray
    word_weights: np.ndarray
    board_level: int
    any_of: bool = False  # "finance, audit or risk": one concept is enough
    requirements: tuple[Requirement, ...] = field(default=())
    topic_only: bool = False  # no role, chair or field the claims can read: words decide

    @property
    def assessed(self) -> bool:
        return (
            bool(self.concept_cols)
            or self.word_cols.size > 0
            or self.board_level > 0
            or bool(self.requirements)
        )


def _options(*claims: Iterable[str]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset([c]) if isinstance(c, str) else frozenset(c) for c in claims)


def _alternatives_in(text: str) -> str:
    """The criterion with bracketed lists read as its own words ("a clinician (doctor,
    nurse or midwife)" names three roles, any of which will do)."""
    return _BRACKET_RE.sub(lambda m: " " + m.group(1) + " ", text)


def parse_requirements(text: str, concepts: Iterable[str], any_of: bool) -> tuple[Requirement, ...]:
    """What a criterion asks for, as requirements over claims."""
    lower = text.lower()
    flat = _alternatives_in(lower)
    toks = tokens(flat)
    concepts = set(concepts)
    requirements: list[Requirement] = []
    covered: set[str] = set()

    # Roles and qualifications: a named role, or an umbrella and the roles it covers.
    roles: set[str] = set()
    for _, _, umbrella in _UMBRELLA_PHRASES.find(toks):
        roles.update(UMBRELLAS[umbrella])
    named = {role for _, _, role in _ROLE_PHRASES.find(toks)}
    if named and (roles & named or not roles):
        # A bracketed list narrows the umbrella: "(doctor, nurse or midwife)".
        roles = named | (roles & named) if roles else named
    if roles and (_ROLE_SIGNAL_RE.search(flat) or named or roles):
        fields = {ROLE_FIELD[r] for r in roles if r in ROLE_FIELD}
        requirements.append(
            Requirement(
                met=_options(*("role:" + r for r in sorted(roles))),
                possible=_options(
                    *("d:" + f for f in sorted(fields)), *("h:" + f for f in sorted(fields))
                ),
            )
        )
        covered.update(fields)
        covered.update(c for f in fields for c in CONCEPT_IMPLIES.get(f, ()))
        if "c_clinical_medicine" in fields or "c_clinical_nursing" in fields:
            covered.update(
                {"c_clinical_medicine", "c_clinical_nursing", "c_clinical_allied_health"}
            )

    # Chairing: a board (an organisation's) or a committee (of a kind).
    chair = re.search(r"\bchair(?:ing|ed|man|woman|person)?\b", flat)
    if chair and not re.search(r"\b(?:vice|deputy)[\s-]chair", flat):
        after = flat[chair.end() :]
        committee = _COMMITTEE_RE.search(flat)
        if committee:
            kinds = [k for _, _, k in _COMMITTEE_PHRASES.find(tokens(flat[: committee.end()]))]
            if kinds:
                met = _options(*(f"chair:committee:{k}" for k in kinds))
                possible = _options(
                    "chair:committee",
                    *(f"sat:committee:{k}" for k in kinds),
                    *(f"vice:committee:{k}" for k in kinds),
                )
            else:
                met = _options("chair:committee")
                possible = _options("vice:committee", "sat:committee", "chair:other")
            requirements.append(Requirement(met=met, possible=possible))
            covered.update({"c_audit_risk", "c_domain_governance"} if "audit" in kinds else set())
        elif _BOARD_RE.search(after) or re.search(
            r"\b(?:a|the) chair\b|\bas chair\b|\bchairing\b", flat
        ):
            requirements.append(
                Requirement(
                    met=_options("chair:board"),
                    possible=_options("chair:committee", "chair:other", "vice:board"),
                )
            )
        covered.add("c_domain_governance")

    # Named things and the activity asked of them: "EPR implementation".
    terms = {"t_" + t for _, _, t in _TERM_PHRASES.find(toks)}
    activity = bool(_ACTIVITY_RE.search(flat)) and not requirements
    if terms:
        prefix = "a:" if activity else "d:"
        requirements.append(
            Requirement(
                met=_options(
                    *(prefix + t for t in sorted(terms)),
                    *(("d:" + t) for t in sorted(terms) if prefix == "d:"),
                ),
                possible=_options(
                    *("m:" + t for t in sorted(terms)), *("d:" + t for t in sorted(terms))
                ),
            )
        )
        covered.update(concepts)

    # Seniority or a board seat, in whatever field: "management experience at a senior or
    # board-equivalent level in the voluntary, public or private sectors".
    senior = bool(_SENIOR_ASK_RE.search(flat)) and not requirements
    if senior and re.search(r"\bpublic\b.*\bprivate\b|\bprivate\b.*\bpublic\b", flat):
        concepts = {c for c in concepts if c not in SECTOR_FIELDS}
    board_ask = bool(re.search(r"\bboard\b|governance|oversee|scrutin", flat)) and not re.search(
        r"\bsenior\b", flat
    )
    if senior:
        requirements.append(
            Requirement(
                met=_options("lvl:board" if board_ask else "lvl:senior"),
                possible=_options("lvl:senior", "sat:committee"),
            )
        )

    # A field of experience: led or held, not only named.
    rest = sorted(c for c in concepts if c not in covered)
    level = "lvl:board" if board_ask else "lvl:senior"

    def evidencing(c: str, prefixes: tuple[str, ...]) -> list[str]:
        # A close field counts ("commercial" by "business"); a senior post carries the
        # board's own competencies (governance, strategy, performance) when seniority
        # is what the criterion asks.
        found = [p + f for p in prefixes for f in (c, *CLOSE_FIELDS.get(c, ()))]
        if senior and c.startswith("c_domain_"):
            found.append(level)
        return found

    if rest:
        primary = not requirements
        prefixes = ("a:",) if activity and primary else ("d:", "h:")
        options = [o for c in rest for o in evidencing(c, prefixes)]
        requirements.append(
            Requirement(
                met=_options(*options),
                possible=_options(*("m:" + c for c in rest), *("d:" + c for c in rest)),
                primary=primary,
            )
        )
        if not any_of and len(rest) > 1:
            # One field led or held carries it; each other field named must at least be
            # worked in, or the verdict is "possible".
            for c in rest:
                requirements.append(
                    Requirement(
                        met=_options(*evidencing(c, ("a:", "d:", "h:"))),
                        possible=_options("m:" + c),
                        primary=False,
                    )
                )
    return tuple(requirements)


def compile_criterion(
    text: str,
    essential: bool,
    *,
    concepts: frozenset[str],
    concept_cols: tuple[int, ...],
    words: frozenset[str],
    word_cols: np.ndarray,
    word_weights: np.ndarray,
    board_level: int,
) -> CriterionSpec:
    """A criterion's spec: the model's concepts and words, and what meets it."""
    without_asides = re.sub(r"\([^)]*\)", " ", text)
    any_of = bool(re.search(r"\bor\b", without_asides, re.I))
    requirements = parse_requirements(text, concepts, any_of)
    has_chair = any(
        any(o <= {"chair:board"} or any(c.startswith("chair:") for c in o) for o in r.met)
        for r in requirements
    )
    return CriterionSpec(
        text=text,
        essential=essential,
        concept_cols=concept_cols,
        concepts=concepts,
        words=words,
        word_cols=word_cols,
        word_weights=word_weights,
        # Chairing is judged from what was chaired; board level asks only for a seat.
        board_level=0 if has_chair else board_level,
        any_of=any_of,
        requirements=requirements,
        topic_only=not requirements,
    )


# ------------------------------------------------------------------ judging


def _satisfied(options: Sequence[frozenset[str]], claims: frozenset[str] | set[str]) -> bool:
    return any(option <= claims for option in options)


def verdict_for(spec: CriterionSpec, claims: frozenset[str] | set[str]) -> str:
    """The verdict for one candidate's claims (their text's and their answers')."""
    if not spec.requirements:
        return NOT_EVIDENCED
    verdict = MET
    for requirement in spec.requirements:
        if _satisfied(requirement.met, claims):
            continue
        if _satisfied(requirement.possible, claims) or not requirement.primary:
            verdict = POSSIBLE
            continue
        return NOT_EVIDENCED
    return verdict


def _board_level(text: str) -> int:
    if not _BOARD_HINT.search(text):
        return 0
    for slug, pattern in BOARD_PATTERNS:
        if pattern.search(text):
            return BOARD_EXPERIENCE_LEVEL[slug]
    return 0


_BOARD_HINT: Final = re.compile(r"board|trustee|governor|chair|director|non-?exec|\bned\b", re.I)


def best_evidence(
    spec: CriterionSpec, sentences: Sequence[SentenceClaims], want: str
) -> SentenceClaims | None:
    """The sentence that meets the criterion (or, for "possible", the one to check)."""
    best, best_score = None, 0.0
    asked = {w for w in tokens(spec.text) if len(w) > 3}
    for sentence in sentences:
        score = 0.0
        for requirement in spec.requirements:
            if _satisfied(requirement.met, sentence.claims):
                score += 3 if requirement.primary else 1
            elif want == POSSIBLE and _satisfied(requirement.possible, sentence.claims):
                score += 1
        if spec.board_level > 0 and _board_level(sentence.text) >= spec.board_level:
            score += 2
        if score > 0:
            # Between sentences that both meet it, the one in the criterion's own words,
            # and a sentence about work done over a bare job title.
            score += 0.1 * min(5, len(asked & set(tokens(sentence.text))))
            score += 0.5 * (sentence.field != "current_role")
        if score > best_score:
            best, best_score = sentence, score
    return best


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
    own: frozenset[str] = frozenset().union(*(s.claims for s in sentences))
    if met:
        quote: tuple[str | None, str | None] = (None, None)
        if spec.requirements and verdict_for(spec, own) == MET:
            found = best_evidence(spec, sentences, MET)
            if found is not None:
                quote = (found.text, field_label(found.field))
        elif spec.requirements:
            # The form's answers carried it: quote the answer, not a sentence.
            quote = _structured_answer(spec, declared_skills, board_experience) or quote
        else:
            topic = _topic_sentence(spec, sentences)
            if topic is not None:
                quote = (topic.text, field_label(topic.field))
        if quote[0] is None and spec.board_level > 0:
            quote = ("Board experience: " + BOARD_EXPERIENCE[board_experience], "board experience")
        return CriterionResult(spec.text, spec.essential, True, quote[0], quote[1], verdict=MET)
    if spec.requirements:
        claims = own | structured_claims(board_experience, _skill_slugs(declared_skills))
        if verdict_for(spec, claims) != NOT_EVIDENCED:
            found = best_evidence(spec, sentences, POSSIBLE)
            check: tuple[str | None, str | None] = (
                (found.text, field_label(found.field))
                if found
                else (_ticked_skills(spec, declared_skills) or (None, None))
            )
            return CriterionResult(
                spec.text, spec.essential, False, check[0], check[1], verdict=POSSIBLE
            )
    return CriterionResult(spec.text, spec.essential, False, None, None, verdict=NOT_EVIDENCED)


def _skill_slugs(labels: Iterable[str]) -> list[str]:
    by_label = {label: slug for slug, label in SKILL_AREAS.items()}
    return [by_label[label] for label in labels if label in by_label]


def _structured_answer(
    spec: CriterionSpec, declared_skills: list[str], board_experience: str
) -> tuple[str, str] | None:
    """The form answer that meets a criterion the text alone does not."""
    if board_experience == "chair" and any(
        _satisfied(r.met, {"chair:board"}) for r in spec.requirements
    ):
        return "Board experience: " + BOARD_EXPERIENCE["chair"], "board experience"
    return None


def _ticked_skills(spec: CriterionSpec, declared_skills: list[str]) -> tuple[str, str] | None:
    """Skill areas ticked on the form that speak to a criterion: a claim to check."""
    held = [
        label
        for label in declared_skills
        if any(
            _satisfied(r.possible, structured_claims("none", _skill_slugs([label])))
            for r in spec.requirements
        )
    ]
    return ("Skill areas: " + ", ".join(held), "skill areas") if held else None


def _topic_sentence(
    spec: CriterionSpec, sentences: Sequence[SentenceClaims]
) -> SentenceClaims | None:
    """For a criterion judged on its words: the sentence sharing most of them."""
    best, best_score = None, 0.0
    for sentence in sentences:
        words = set(tokens(sentence.text))
        score = float(len(words & spec.words))
        if spec.board_level > 0 and _board_level(sentence.text) >= spec.board_level:
            score += 3.0
        if score > best_score:
            best, best_score = sentence, score
    return best


def sentences_of(text: object) -> list[SentenceClaims]:
    cached = getattr(text, "_claims", None)
    if cached is None:
        fields: Mapping[str, str] = getattr(text, "fields", None) or {}
        cached = text_claims(fields)
        try:
            text._claims = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


# ------------------------------------------------------------------ the whole pool


class _ClaimIndex:
    """Each candidate's claims, worked out once per text and looked up by claim.

    Readers get the postings of the moment (rows only ever appended to it, and a new
    dictionary when the pool is rebuilt), so a rank running beside an add never reads a
    half-made index; rows past the reader's pool size are ignored.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_text: dict[str, frozenset[str]] = {}
        self.texts: Sequence[str] | None = None
        self.rows: int = 0
        self.postings: dict[str, list[int]] = {}

    def update(
        self, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]
    ) -> dict[str, list[int]]:
        with self.lock:
            n = len(texts)
            if self.texts is not None and self.texts is not texts:
                known = self.texts
                if n <= self.rows and _same(texts, known, n):
                    # An older snapshot of this pool: its rows are a prefix of ours, and
                    # readers ignore rows past their own pool size.
                    return self.postings
                if n >= self.rows and _same(texts, known, self.rows):
                    # The pool grew by an add: only the new rows need their claims.
                    self.texts = texts
            if self.texts is not texts or self.rows > n:
                # A rebuilt pool (fitted or compacted): keep the claims of texts still here.
                kept = {t: self.by_text[t] for t in texts if t in self.by_text}
                self.by_text, self.texts, self.rows, self.postings = kept, texts, 0, {}
            postings = self.postings
            for row in range(self.rows, len(texts)):
                packed = texts[row]
                claims = self.by_text.get(packed)
                if claims is None:
                    fields = decode(packed) if packed else {}
                    claims = frozenset().union(*(s.claims for s in text_claims(fields)))
                    self.by_text[packed] = claims
                for claim in claims:
                    postings.setdefault(claim, []).append(row)
            self.rows = len(texts)
            return postings


def _same(a: Sequence[str], b: Sequence[str], k: int) -> bool:
    """Whether the first ``k`` texts of two pools are the same (mostly the same objects)."""
    return len(a) >= k and len(b) >= k and list(a[:k]) == list(b[:k])


def warm(owner: object, texts: Sequence[str], decode: Callable[[str], Mapping[str, str]]) -> None:
    """Work out the claims of a pool's new rows now (at fit and on add), not on a rank."""
    postings_for(owner).update(texts, decode)


def postings_for(owner: object) -> _ClaimIndex:
    with _INDEXES_LOCK:
        index = _INDEXES.get(owner)
        if index is None:
            index = _INDEXES[owner] = _ClaimIndex()
    return index


def _column(postings: Mapping[str, list[int]], claim: str, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    rows = postings.get(claim)
    if rows:
        found = np.asarray(rows[: len(rows)], dtype=np.int64)
        out[found[found < n]] = True
    return out


_INDEXES: weakref.WeakKeyDictionary[object, _ClaimIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def pool_met(
    spec: CriterionSpec,
    *,
    owner: object,
    texts: Sequence[str],
    decode: Callable[[str], Mapping[str, str]],
    board_level: np.ndarray,
    declared: np.ndarray,
    topic_met: np.ndarray,
) -> np.ndarray:
    """Which candidates in the pool meet a criterion ("met" only; the group is built on it).

    ``texts`` are the candidates' packed fields (row order), ``decode`` unpacks one,
    ``board_level`` and ``declared`` (rows by SKILL_AREAS order) are the form's answers,
    ``topic_met`` the model's word-coverage verdict, used for criteria that name no role,
    chair or field.
    """
    n = len(texts)
    if spec.topic_only:
        return topic_met
    postings = postings_for(owner).update(texts, decode)
    cache: dict[str, np.ndarray] = {}

    def column(claim: str) -> np.ndarray:
        found = cache.get(claim)
        if found is None:
            found = _column(postings, claim, n)
            if claim == "chair:board":
                found = found | (board_level[:n] >= BOARD_EXPERIENCE_LEVEL["chair"])
            elif claim == "sat:board":
                found = found | (board_level[:n] >= 1)
            cache[claim] = found
        return found

    def any_option(options: Sequence[frozenset[str]]) -> np.ndarray:
        result = np.zeros(n, dtype=bool)
        for option in options:
            part = np.ones(n, dtype=bool)
            for claim in option:
                part &= column(claim)
            result |= part
        return result

    met = np.ones(n, dtype=bool)
    for requirement in spec.requirements:
        met &= any_option(requirement.met)
    if spec.board_level > 0:
        met &= board_level[:n] >= spec.board_level
    return met
