"""Text handling shared by inference, the vectoriser and explanations.

Everything that could identify a person, or stand for a protected characteristic, is
removed here before any text reaches a vectoriser, so the model cannot learn from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from nedmatch.matching.lexicon import (
    DOMAIN_CONCEPTS,
    DOMAIN_PHRASES,
    PROTECTED_TERMS,
    SKILL_CONCEPTS,
    SKILL_PHRASES,
)

TOKEN_RE = re.compile(r"[a-z0-9]+")
REDACTED = "[redacted]"

# Personal data patterns. They are deliberately broad: a lost word costs less than a
# leaked identity. Each starts with a plain character class (no leading \b or look-behind)
# so the regex engine can skip ahead quickly; cheap substring checks in ``scrub`` skip the
# rest when they cannot match, which keeps fitting 100,000 CVs within budget.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b(?:linkedin|twitter|x)\.com/\S+", re.I)
_PHONE_RE = re.compile(
    r"(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)"
)
_DIGIT_RE = re.compile(r"\d")
_INWARD_CODE_RE = re.compile(r"\d[A-Za-z]{2}\b")
_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b", re.I)
_OUTWARD_POSTCODE_RE = re.compile(r"[A-Z]{1,2}\d{1,2}[A-Z]?\b(?=[\s,.;)]|$)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMERIC_DATE_RE = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|(?i:" + _MONTHS + r"))[\s/.-](?:19|20)?\d{2}\b"
    r"|(?:19|20)\d{2}-\d{2}-\d{2}\b"
)
_MONTH_FIRST_HINT_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b")
_MONTH_FIRST_DATE_RE = re.compile(
    r"\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b", re.I
)
_DOB_RE = re.compile(
    r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on| in)?)\s*[:\-]?\s*[^\n.;]{0,30}", re.I
)
_YEARS_OLD_RE = re.compile(r"\d{2}\s*(?:years?|yrs?)[\s-]*old\b", re.I)
_AGED_RE = re.compile(r"\b[Aa][Gg][Ee][Dd]?\s*:?\s*\d{2}\b")
_NAME_LINE_RE = re.compile(r"^\s*(?:full\s+)?name\s*[:\-].*$", re.I | re.M)
_MY_NAME_RE = re.compile(r"\b([Mm]y name is)\s+(?:[A-Z][\w'-]+\s*){1,4}")
_TITLECASE_WORD = re.compile(r"^[A-Z][a-z'’-]+$")
_NAME_LINE_STOPWORDS = frozenset(
    "curriculum vitae cv profile summary director manager officer chair chief head senior "
    "consultant executive nurse doctor professor lead partner trustee non board nhs trust "
    "personal statement application dear about experience career".split()
)

_SENTENCE_RE = re.compile(r"[^\n.!?•]+(?:[.!?]+|(?=[\n•])|$)")


def tokens(text: str) -> list[str]:
    """Split lower-cased text the same way for phrases and documents, so they always align."""
    return TOKEN_RE.findall(text.lower())


class PhraseMatcher:
    """Finds lexicon phrases in a token list in one pass, longest match first.

    A dictionary keyed by the first token keeps the cost per document linear in its
    length, which matters when 100,000 CVs are prepared for fitting.
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        table: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
        for label, items in phrases.items():
            for raw in items:
                strong = not raw.startswith("~")
                key = tuple(tokens(raw.lstrip("~")))
                if key:
                    table.setdefault(key, []).append((label, strong))
        self._first: dict[str, list[tuple[tuple[str, ...], list[tuple[str, bool]]]]] = {}
        for key, labels in table.items():
            self._first.setdefault(key[0], []).append((key, labels))
        for options in self._first.values():
            options.sort(key=lambda item: -len(item[0]))

    def find(self, toks: Sequence[str]) -> list[tuple[int, int, list[tuple[str, bool]]]]:
        """Return (start, end, labels) for each match; matches do not overlap."""
        found = []
        i, n = 0, len(toks)
        first = self._first
        while i < n:
            options = first.get(toks[i])
            if options is not None:
                for key, labels in options:
                    end = i + len(key)
                    if end <= n and (len(key) == 1 or tuple(toks[i:end]) == key):
                        found.append((i, end, labels))
                        i = end
                        break
                else:
                    i += 1
            else:
                i += 1
        return found

    def counts(self, text: str) -> dict[str, float]:
        """Weighted hits per label: a strong phrase counts 1, a weak one 0.5."""
        result: dict[str, float] = {}
        for _, _, labels in self.find(tokens(text)):
            for label, strong in labels:
                result[label] = result.get(label, 0.0) + (1.0 if strong else 0.5)
        return result


SKILL_MATCHER = PhraseMatcher(SKILL_PHRASES)
DOMAIN_MATCHER = PhraseMatcher(DOMAIN_PHRASES)

_PROTECTED = "\x00protected"
_NEUTRAL = "\x00neutral"
# Phrases that contain a lexicon word but do not mean it ("Leeds Teaching Hospitals").
_NEUTRAL_PHRASES = (
    "teaching hospital",
    "teaching hospitals",
    "university hospital",
    "university hospitals",
    "chief executive",
    "non executive",
    "data protection",
)
_CONCEPT_PHRASES: dict[str, list[str]] = {
    SKILL_CONCEPTS[slug]: list(items) for slug, items in SKILL_PHRASES.items()
}
_CONCEPT_PHRASES.update({DOMAIN_CONCEPTS[s]: list(i) for s, i in DOMAIN_PHRASES.items()})
_CONCEPT_PHRASES[_PROTECTED] = list(PROTECTED_TERMS) + ["redacted"]
_CONCEPT_PHRASES[_NEUTRAL] = list(_NEUTRAL_PHRASES)
_NORMALISE_MATCHER = PhraseMatcher(_CONCEPT_PHRASES)


def normalise(text: str) -> str:
    """Turn a scrubbed document into the exact string the vectorisers see.

    Protected terms and redaction markers are dropped (a protected phrase wins over any
    concept that shares its words) and one ``c_...`` token is appended per concept
    mention, so synonyms from the lexicon meet in the same feature.
    """
    words, concepts = normalise_tokens(text)
    return " ".join(words + concepts)


def normalise_tokens(
    text: str, fixes: Mapping[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """(the words kept, the concept tokens found) of a scrubbed document, with ``fixes``
    (misspelt word -> word meant) applied before the lexicon is matched."""
    toks = tokens(text)
    if fixes:
        toks = [fixes.get(t, t) for t in toks]
    keep = [True] * len(toks)
    concepts: list[str] = []
    for start, end, labels in _NORMALISE_MATCHER.find(toks):
        if any(label == _PROTECTED for label, _ in labels):
            for j in range(start, end):
                keep[j] = False
        else:
            # Only strong phrases make concept tokens: a common word such as "data" or
            # "change" would otherwise tie unrelated careers together.
            concepts.extend(label for label, strong in labels if strong and label != _NEUTRAL)
    words = [t for t, k in zip(toks, keep, strict=True) if k]
    return words, concepts


def concepts_in(text: str) -> set[str]:
    """The concept tokens a piece of text mentions, used to judge criteria."""
    return {t for t in normalise(text).split() if t.startswith("c_")}


def _looks_like_name_line(line: str) -> bool:
    words = line.strip().split()
    if not 2 <= len(words) <= 4:
        return False
    if not all(_TITLECASE_WORD.match(w) for w in words):
        return False
    return not any(w.lower().strip("'’-") in _NAME_LINE_STOPWORDS for w in words)


def scrub(text: str, known: Iterable[str | None] = ()) -> str:
    """Remove names, contact details, postcodes and dates of birth from free text.

    ``known`` holds strings the caller knows belong to the person (name, email, phone,
    postcode); each is removed wherever it appears, and a name also part by part.
    """
    if not text:
        return ""
    out = text
    lower = out.lower()
    patterns = []
    for value in known:
        value = (value or "").strip()
        if not value:
            continue
        if _DIGIT_RE.search(value):
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 6 and digits[-4:] in out:
                patterns.append(r"[\s()+-]*".join(re.escape(d) for d in digits))
            elif value.lower() in lower:
                patterns.append(re.escape(value))
            continue
        if "@" in value and value.lower() in lower:
            patterns.append(re.escape(value))
    names = [v for v in known if v and "@" not in v and not _DIGIT_RE.search(v)]
    out = remove_names(out, names)
    if patterns:
        # Longest first, so an email address goes whole before the name inside it.
        patterns.sort(key=len, reverse=True)
        known_re = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.I)
        out = known_re.sub(REDACTED, out)
    if "name" in lower:
        out = _NAME_LINE_RE.sub(REDACTED, out)
        out = _MY_NAME_RE.sub(r"\1 " + REDACTED + " ", out)
    head, newline, rest = out.lstrip().partition("\n")
    if newline and (_looks_like_name_line(head) or looks_like_name(head)):
        out = REDACTED + newline + rest
    if "@" in out:
        out = _EMAIL_RE.sub(REDACTED, out)
    if "http" in lower or "www." in lower or ".com/" in lower:
        out = _URL_RE.sub(REDACTED, out)
    if "birth" in lower or "born" in lower or "dob" in lower or "d.o.b" in lower:
        out = _DOB_RE.sub(REDACTED, out)
    if " old" in lower:
        out = _YEARS_OLD_RE.sub(REDACTED, out)
    if "aged" in lower or " age " in lower or " age:" in lower:
        out = _AGED_RE.sub(REDACTED, out)
    out = _NUMERIC_DATE_RE.sub(REDACTED, out)
    if _MONTH_FIRST_HINT_RE.search(out):
        out = _MONTH_FIRST_DATE_RE.sub(REDACTED, out)
    out = _PHONE_RE.sub(REDACTED, out)
    if _INWARD_CODE_RE.search(out):
        out = _POSTCODE_RE.sub(REDACTED, out)
    return _OUTWARD_POSTCODE_RE.sub(REDACTED, out)


@dataclass(frozen=True, slots=True)
class Sentence:
    field: str
    text: str


def sentences(fields: Mapping[str, str]) -> list[Sentence]:
    """Split each field into sentences, keeping which field each came from."""
    result = []
    for field, text in fields.items():
        for match in _SENTENCE_RE.finditer(text or ""):
            piece = match.group(0).strip(" \t-*")
            if len(piece) > 3:
                result.append(Sentence(field, piece))
    return result


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """A short window around a match, cut at word boundaries, for a panel to read."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    return prefix + " ".join(text[left:right].split()) + suffix


def concept_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each concept is mentioned, as character spans, so a panel can be shown it."""
    found = list(TOKEN_RE.finditer(text.lower()))
    spans = []
    for start, end, labels in _NORMALISE_MATCHER.find([m.group() for m in found]):
        for label, strong in labels:
            if label == _PROTECTED:
                break
            if strong and label != _NEUTRAL:
                spans.append((found[start].start(), found[end - 1].end(), label))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one field."""
    result = []
    for match in _SENTENCE_RE.finditer(text or ""):
        start, end = match.span()
        while start < end and text[start] in " \t-*\n":
            start += 1
        if end - start > 3:
            result.append((start, end))
    return result


def concept_phrases(toks: Sequence[str]) -> list[tuple[str, str]]:
    """(concept, the words that named it) for each strong mention in a token list."""
    found = []
    for start, end, labels in _NORMALISE_MATCHER.find(toks):
        for label, strong in labels:
            if label == _PROTECTED:
                break
            if strong and label != _NEUTRAL:
                found.append((label, " ".join(toks[start:end])))
    return found


# ---------------------------------------------------------------- names, as names
#
# A supplied name is removed where it stands as a name and nowhere else: the solicitor
# surnamed Law keeps "employment law". Names come with diacritics (José, Nguyễn),
# particles (van der Berg, Abu Bakr) and joined forms (O'Neill, McDonald, Al-Hassan).

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Cllr|Councillor|Rev|Revd)"
_NAME_REST = r"[^\W\d_'’-]*(?:['’-][^\W\d_]+)*"
_NAME_WORD = r"[^\W\d_]" + _NAME_REST
_CAPITAL = r"[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]"
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le bin ibn bint al el abu ap ter ten".split()
)
_PARTICLE_RE = r"(?:(?:" + "|".join(sorted(_PARTICLES)) + r")\s+)*"
# A title followed by one to three capitalised name words: "Ms Doctor", "Dr Aisha Al-Hassan".
_TITLED_NAME_RE = re.compile(
    r"\b("
    + _TITLES
    + r")\.?\s+("
    + _PARTICLE_RE
    + _CAPITAL
    + _NAME_REST
    + r"(?:\s+"
    + _PARTICLE_RE
    + _CAPITAL
    + _NAME_REST
    + r"){0,2})"
)
_NAME_LINE_FIRST_WORDS = _NAME_LINE_STOPWORDS | frozenset(
    "clinical finance financial medical deputy assistant managing group principal associate "
    "registered chartered general chief interim acting former retired regional national "
    "global company independent qualified practising specialist head software data systems "
    "project programme product business operations marketing sales research legal people "
    "digital quality risk audit tax health healthcare public policy investment portfolio "
    "strategy communications estates charity community practice ward staff theatre mental "
    "primary district school university hospital social service services human resources "
    "corporate commercial technical technology information security cyber nursing midwifery "
    "engineering property housing local county city county retail hr it our welcome hello "
    "key main skills education employment references contact".split()
)
_CAPITALISED_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def fold_accents(text: str) -> str:
    """José -> Jose, Nguyễn -> Nguyen: CVs are often typed without the accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_name_word(word: str) -> bool:
    word = word.strip(",.;:()")
    if word.lower() in _PARTICLES:
        return True
    return bool(word) and bool(re.fullmatch(_NAME_WORD, word)) and word[0].isupper()


def looks_like_name(line: str) -> bool:
    """Whether a short line is a person's name (a CV's first line), in any spelling.

    Two to five words, each capitalised or a particle, the first not a job word:
    "Nguyễn Thị Lan", "Pieter van der Berg", "Siobhán O'Neill", "Sarah Doctor" are names;
    "Consultant Nurse" and "Chief Executive" are not.
    """
    words = line.strip().split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(_is_name_word(w) for w in words):
        return False
    if words[0].lower() in _PARTICLES or not words[-1][0].isupper():
        return False
    if sum(w.lower() not in _PARTICLES for w in words) < 2:
        return False
    return words[0].lower().strip("'’-") not in _NAME_LINE_FIRST_WORDS


def name_parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) from a full name; particles stay with the surname."""
    words = name.split()
    if len(words) < 2:
        return [], name.strip()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return words[:start], " ".join(words[start:])


def _remove_name(text: str, name: str) -> str:
    """Remove one supplied name where it stands as a name.

    The full name and the given names go wherever they appear (given names when
    capitalised); the surname on its own goes after a title, or where the text never uses
    it as an ordinary lower-case word and no capitalised word joins it ("Law Society",
    "Commercial Law"): "Law" in a solicitor's CV stays, "Doctor" in an accountant's goes.
    """
    for variant in dict.fromkeys([name, fold_accents(name)]):
        given, surname = name_parts(variant)
        edge_l, edge_r = r"(?<![\w'’-])", r"(?:['’]s)?(?![\w'’-])"
        full = r"[\s-]+".join(re.escape(w) for w in variant.split())
        text = re.sub(edge_l + r"(?i:" + full + r")" + edge_r, REDACTED, text)
        for word in given:
            if len(word) > 1:
                text = re.sub(edge_l + re.escape(word) + edge_r, REDACTED, text)
        if len(surname) < 2:
            continue
        escaped = re.escape(surname)
        text = re.sub(r"\b" + _TITLES + r"\.?\s+" + escaped + edge_r, REDACTED, text)
        ordinary = re.search(r"(?<![\w'’-])" + re.escape(surname.lower()) + r"(?![\w'’-])", text)
        if ordinary is None:
            text = re.sub(
                edge_l + escaped + edge_r,
                lambda m: m.group(0) if _joined_to_capital(m) else REDACTED,
                text,
            )
    return text


def _joined_to_capital(match: re.Match[str]) -> bool:
    """Whether a capitalised word runs into this one, as in a proper noun ("Law Society")."""
    text, start, end = match.string, match.start(), match.end()
    if re.match(r"\s+" + _CAPITAL, text[end : end + 3]):
        return True
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if before is None or not before.group(1)[0].isupper() or before.group(1) == REDACTED:
        return False
    # A capitalised word that only starts a sentence does not join a name to it.
    preceding = text[: start - len(before.group(0))].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?:;\n•"


def remove_names(text: str, names: Iterable[str | None]) -> str:
    """Remove supplied names where they stand as names, and any titled name ("Ms Doctor")."""
    out = text
    for name in names:
        name = " ".join((name or "").split())
        if name and not _DIGIT_RE.search(name) and "@" not in name:
            out = _remove_name(out, name)
    return _TITLED_NAME_RE.sub(_keep_professional_title, out)


def _keep_professional_title(match: re.Match[str]) -> str:
    title = match.group(1)
    # "Dr" and "Professor" say something about a career; Mr, Ms and the rest do not.
    kept = title if title in ("Dr", "Prof", "Professor") else ""
    return (kept + " " + REDACTED).strip()


# ------------------------------------------------------ evidence, not disclosures
#
# Personal disclosures (health, disability, caring, parental leave) and membership of
# identity-based groups say who someone is, not what they can do: they are taken out of
# the text the model scores and quotes. Offices held in a community or faith
# organisation stay, with the words naming the community removed, so a trustee of the
# Somali Community Association and of the Riverside Community Association read alike.

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


def is_disclosure(sentence: str) -> bool:
    """A sentence about someone's health, disability, caring or family leave."""
    return any(p.search(sentence) for p in _DISCLOSURE_RES)


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
