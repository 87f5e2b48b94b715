"""No proxies for protected characteristics: a candidate and a matched comparator who
differ only in a name, a pronoun, a disclosure, an identity-based organisation or where a
qualification was gained must get the same ranking.

Each case is a pair of CVs built from the same template. Both are fitted into one pool
with the other cases, ranked against several real-style vacancies, and compared: no score
may move by more than one point, and neither the essentials group nor any criterion's
verdict may change.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nedmatch.matching import CandidateProfile, Match, Ranker, VacancyProfile
from nedmatch.matching.text import evidence_only, looks_like_name, remove_names

# Third-person board biographies in the style trusts publish, and first-person CVs.
# {name} is the full name, {first} the given name; {they}/{has}/{is}/{their} follow the
# pronoun; {extra} is where a case adds its sentence.
TEMPLATES = {
    "accountant": (
        "{name} is a chartered accountant with twenty years in financial services. {first} "
        "was finance director of a building society and {chaired} the audit and risk "
        "committee of a housing association. {They} {has} led statutory reporting, internal "
        "controls and the annual external audit, and {is} a trustee of a homelessness "
        "charity in Leeds.{extra}"
    ),
    "solicitor": (
        "{name} is a solicitor specialising in employment law and commercial law. {first} "
        "spent fifteen years as a partner in a regional law firm advising NHS trusts on "
        "governance and regulation. {They} {has} sat on the board of a legal advice "
        "charity and {is} a member of the Law Society's health committee.{extra}"
    ),
    "nurse": (
        "{name} is a registered general nurse and a former director of nursing at an acute "
        "trust. {first} led quality improvement, infection prevention and patient safety "
        "programmes, and sat on the trust board for six years. {They} {has} mentored newly "
        "qualified nurses and {is} a visiting lecturer at a university.{extra}"
    ),
    "digital": (
        "{name} is chief information officer of a university hospitals trust. {first} led "
        "the implementation of an electronic patient record across four hospitals and moved "
        "the trust's systems to the cloud. {They} {has} chaired the regional digital "
        "programme board and {is} a non-executive director of a software company.{extra}"
    ),
    "charity": (
        "{name} is chief executive of a regional charity supporting carers and young people. "
        "{first} grew its volunteer network to 400 people and works with local authority "
        "and NHS partners on community engagement. {They} {has} been a trustee of two "
        "housing associations and {is} passionate about tackling health inequalities.{extra}"
    ),
    "hr": (
        "{name} is group people director of a national retailer with 30,000 staff, and a "
        "chartered member of the CIPD. {first} led workforce planning, culture change and "
        "pay negotiations, and {chaired} the remuneration committee of a further education "
        "college. {They} {has} a strong interest in inclusion.{extra}"
    ),
}

PRONOUNS = {
    "he": {"They": "He", "has": "has", "is": "is", "chairs": "chairs", "lives": "lives"},
    "she": {"They": "She", "has": "has", "is": "is", "chairs": "chairs", "lives": "lives"},
    "they": {"They": "They", "has": "have", "is": "are", "chairs": "chair", "lives": "live"},
}


@dataclass(frozen=True)
class Variant:
    first: str = "Sarah"
    last: str = "Mitchell"
    pronoun: str = "she"
    chaired: str = "chaired"
    extra: str = ""
    supply_name: bool = True


@dataclass(frozen=True)
class Case:
    id: str
    template: str
    treatment: Variant
    comparator: Variant


BASE = Variant()


def _extra(sentence: str) -> Variant:
    return Variant(extra=" " + sentence)


def _cases() -> list[Case]:
    cases = []
    # Names of many origins, with diacritics and particles, against a common English name.
    names = [
        ("José María", "García"),
        ("Nguyễn Thị", "Lan"),
        ("Aisha", "Al-Hassan"),
        ("Siobhán", "O'Neill"),
        ("Callum", "McDonald"),
        ("Pieter", "van der Berg"),
        ("Oluwaseun", "Adebayo"),
        ("Wei", "Zhang"),
        ("Priya", "Patel"),
        ("Zofia", "Wójcik"),
        ("Chidi", "Okonkwo-Ibe"),
        ("Mohammed", "Abu Bakr"),
    ]
    for template in ("accountant", "nurse", "solicitor"):
        for first, last in names:
            cases.append(
                Case(f"name-{last}-{template}", template, Variant(first=first, last=last), BASE)
            )
    # Names that are words: the surname must go where it is a name, and only there.
    for last in ("Doctor", "Nurse", "Law", "Judge", "Banker", "Chancellor", "Bishop"):
        for template in ("accountant", "solicitor", "nurse", "digital"):
            cases.append(Case(f"word-name-{last}-{template}", template, Variant(last=last), BASE))
    # Surnames that are words, in a CV whose name was not supplied: a title marks them.
    for last in ("Doctor", "Nurse", "Law", "Judge"):
        cases.append(
            Case(
                f"unsupplied-word-name-{last}",
                "solicitor",
                Variant(last=last, supply_name=False, extra=f" Ms {last} lives in Leeds."),
                Variant(supply_name=False, extra=" Ms Mitchell lives in Leeds."),
            )
        )
    # A name written at the top of a CV that was not supplied with the application.
    for first, last in names[:6]:
        cases.append(
            Case(
                f"unsupplied-name-{last}",
                "hr",
                Variant(first=first, last=last, supply_name=False),
                Variant(supply_name=False),
            )
        )
    # Pronouns, including singular they.
    for template in TEMPLATES:
        cases.append(
            Case(f"they-vs-he-{template}", template, Variant(pronoun="they"), Variant(pronoun="he"))
        )
        cases.append(
            Case(f"she-vs-he-{template}", template, Variant(pronoun="she"), Variant(pronoun="he"))
        )
    for word in ("chairman of", "chairwoman of", "chairperson of"):
        for template in ("accountant", "hr"):
            cases.append(
                Case(
                    f"{word.split()[0]}-{template}",
                    template,
                    Variant(chaired=f"was {word}"),
                    Variant(chaired="was chair of"),
                )
            )
    # Personal disclosures, against the same CV without them.
    disclosures = {
        "mental-illness": "I have lived experience of mental illness.",
        "mental-health-condition": "I live with bipolar disorder and have used mental health services myself.",
        "disability": "I am a wheelchair user and registered disabled.",
        "deaf": "I am Deaf and use British Sign Language.",
        "neurodivergent": "I am neurodivergent and was diagnosed with ADHD in my forties.",
        "caring-break": "I took a five-year career break to care for my two young children.",
        "carer": "I am a carer for my elderly mother.",
        "maternity": "I returned from maternity leave in 2021.",
        "shared-parental": "I took shared parental leave after the birth of my daughter.",
        "cancer": "I am a cancer survivor.",
    }
    for key, sentence in disclosures.items():
        for template in ("accountant", "charity", "digital"):
            cases.append(Case(f"disclosure-{key}-{template}", template, _extra(sentence), BASE))
    # Membership of women's, minority and faith networks, against none.
    memberships = {
        "women-in-finance": "I am a member of Women in Finance.",
        "black-leadership": "I am an active member of the Black Leaders Network and mentor with the NHS BME Leadership Network.",
        "lgbt-network": "I co-chair my employer's LGBT+ staff network.",
        "church-member": "I am a member of my local church.",
        "mosque-volunteer": "I volunteer at my local mosque.",
        "chinese-association-member": "I am a member of the Chinese Community Association.",
    }
    for key, sentence in memberships.items():
        for template in ("accountant", "charity", "hr"):
            cases.append(Case(f"membership-{key}-{template}", template, _extra(sentence), BASE))
    # Office in a religious or ethnic-community organisation, against the same office in
    # an organisation of another faith or community, or none named.
    offices = [
        (
            "somali-ca",
            "I am a trustee of the Somali Community Association.",
            "I am a trustee of the Riverside Community Association.",
        ),
        (
            "chinese-ca",
            "I am a trustee of the Chinese Community Association.",
            "I am a trustee of the Riverside Community Association.",
        ),
        (
            "polish-ca",
            "I am treasurer of the Polish Community Association.",
            "I am treasurer of the Riverside Community Association.",
        ),
        (
            "mosque-trustee",
            "I am a trustee of my local mosque.",
            "I am a trustee of my local church.",
        ),
        (
            "gurdwara-trustee",
            "I am a trustee of my local gurdwara.",
            "I am a trustee of my local church.",
        ),
        ("synagogue-trustee", "I am a trustee of the synagogue.", "I am a trustee of the church."),
    ]
    for key, sentence, neutral in offices:
        for template in ("accountant", "charity"):
            cases.append(
                Case(f"office-{key}-{template}", template, _extra(sentence), _extra(neutral))
            )
    # Qualifications gained abroad against their UK equivalents.
    qualifications = [
        (
            "accountant",
            "I qualified as a chartered accountant in India (ICAI).",
            "I qualified as a chartered accountant in England (ICAEW).",
        ),
        (
            "accountant",
            "I am a Certified Public Accountant (CPA) qualified in New York.",
            "I am a chartered accountant (ACA) qualified in London.",
        ),
        (
            "accountant",
            "I trained with KPMG in Lagos and am a member of ICAN, Nigeria.",
            "I trained with KPMG in Leeds and am a member of ICAEW.",
        ),
        (
            "nurse",
            "I qualified as a nurse in the Philippines before registering with the NMC.",
            "I qualified as a nurse in Manchester before registering with the NMC.",
        ),
        (
            "nurse",
            "I studied medicine in Pakistan (MBBS, King Edward Medical University).",
            "I studied medicine in Sheffield (MBBS, University of Sheffield).",
        ),
        (
            "solicitor",
            "I was admitted as an attorney in South Africa before requalifying in England.",
            "I was admitted as a solicitor in England after training in Bristol.",
        ),
    ]
    for i, (template, sentence, uk) in enumerate(qualifications):
        cases.append(Case(f"qualification-{i}-{template}", template, _extra(sentence), _extra(uk)))
    return cases


CASES = _cases()


def _profile(cid: str, template: str, v: Variant) -> CandidateProfile:
    pronoun = PRONOUNS[v.pronoun]
    name = f"{v.first} {v.last}"
    body = TEMPLATES[template].format(
        name=name,
        first=v.first,
        chaired=v.chaired,
        extra=v.extra,
        They=pronoun["They"],
        has=pronoun["has"],
        chairs=pronoun["chairs"],
        lives=pronoun["lives"],
        **{"is": pronoun["is"]},
    )
    if not v.supply_name:
        body = body.replace(name, "The candidate").replace(v.first + " ", "The candidate ")
        text = f"{name}\nCurriculum vitae\n{body}"
        return CandidateProfile.from_text(cid, text)
    return CandidateProfile.from_text(cid, body, name=name)


VACANCIES = [
    VacancyProfile(
        id="audit",
        title="Non-executive director (audit committee chair)",
        role_type="audit-chair",
        description=(
            "We are looking for a non-executive director to chair our audit committee and "
            "bring financial expertise to the board."
        ),
        essential_criteria=[
            "A professionally qualified accountant (CCAB or equivalent) with recent and "
            "relevant financial experience",
        ],
        desirable_criteria=[
            "Experience of chairing an audit committee",
            "Senior leadership in the voluntary, community or social enterprise (VCSE) sector",
        ],
    ),
    VacancyProfile(
        id="clinical",
        title="Clinical non-executive director",
        role_type="clinical-ned",
        description="A clinician's view of the quality and safety of care at board level.",
        essential_criteria=[
            "A registered clinician (doctor, nurse or midwife) with senior clinical "
            "leadership experience",
        ],
        desirable_criteria=["Experience of quality improvement and patient safety"],
    ),
    VacancyProfile(
        id="legal",
        title="Non-executive director with legal expertise",
        description="Legal insight for the board of a foundation trust.",
        essential_criteria=["A qualified lawyer with experience of governance and regulation"],
        desirable_criteria=["Experience of chairing a board"],
    ),
    VacancyProfile(
        id="digital",
        title="Non-executive director: digital",
        description="Digital transformation across our hospitals and community services.",
        essential_criteria=["Board-level experience of digital transformation"],
        desirable_criteria=["Experience of EPR implementation"],
    ),
    VacancyProfile(
        id="community",
        title="Non-executive director: communities",
        description=(
            "Helping the board understand and engage the communities we serve, working with "
            "the voluntary and community sector."
        ),
        essential_criteria=["Senior leadership in the VCSE sector"],
        desirable_criteria=[
            "Experience of engaging diverse communities",
            "Experience of workforce and organisational development",
        ],
    ),
]


@pytest.fixture(scope="module")
def ranked() -> dict[str, dict[str, Match]]:
    pool = []
    for case in CASES:
        pool.append(_profile(case.id + "/t", case.template, case.treatment))
        pool.append(_profile(case.id + "/c", case.template, case.comparator))
    # One pool, fitted once, as the service fits it: duplicates of a comparator are fine.
    ranker = Ranker().fit(pool)
    return {v.id: {m.candidate_id: m for m in ranker.rank(v, top_k=len(pool))} for v in VACANCIES}


def _differences(ranked: dict[str, dict[str, Match]], case: Case) -> list[str]:
    found = []
    for vacancy, matches in ranked.items():
        t, c = matches[case.id + "/t"], matches[case.id + "/c"]
        if abs(t.score - c.score) > 1.0:
            found.append(f"{vacancy}: score {t.score:+.1f} vs {c.score:+.1f}")
        if t.meets_essentials != c.meets_essentials:
            found.append(
                f"{vacancy}: essentials group {t.meets_essentials} vs {c.meets_essentials}"
            )
        for ct, cc in zip(t.criteria, c.criteria, strict=True):
            if getattr(ct, "verdict", ct.met) != getattr(cc, "verdict", cc.met):
                found.append(
                    f"{vacancy}: {ct.criterion!r} "
                    f"{getattr(ct, 'verdict', ct.met)} vs {getattr(cc, 'verdict', cc.met)}"
                )
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_protected_difference_moves_nothing(ranked, case: Case) -> None:
    assert _differences(ranked, case) == []


def test_the_suite_covers_every_kind_of_proxy() -> None:
    kinds = {case.id.split("-")[0] for case in CASES}
    assert kinds >= {
        "name", "word", "unsupplied", "they", "she", "chairman", "chairwoman",
        "disclosure", "membership", "office", "qualification",
    }  # fmt: skip


def test_a_surname_that_is_a_word_is_removed_only_where_it_is_a_name(ranked) -> None:
    """The solicitor surnamed Law keeps every "law" in their own CV."""
    profile = _profile("law", "solicitor", Variant(last="Law"))
    fields = profile.text_fields()
    text = " ".join(fields.values())
    assert "employment law and commercial law" in text
    assert "law firm" in text and "Law Society" in text
    assert "Sarah" not in text and "Sarah Law" not in text


@pytest.mark.parametrize(
    "sentence",
    [
        "I have lived experience of mental illness.",
        "I live with bipolar disorder.",
        "I am a wheelchair user.",
        "I took a career break to raise my children.",
        "I returned from maternity leave in 2021.",
        "I care for my elderly father.",
        "I am a member of Women in Finance.",
        "I am an active member of my local church.",
        "I co-chair the BAME staff network.",
        # A condition written with capitals is still a disclosure.
        "I have Bipolar Disorder.",
        "I was diagnosed with Multiple Sclerosis in 2015.",
    ],
)
def test_disclosures_and_identity_memberships_are_not_evidence(sentence: str) -> None:
    kept = "I chaired the audit committee of a mental health trust."
    assert evidence_only(f"{kept} {sentence}").strip() == kept


@pytest.mark.parametrize(
    "sentence",
    [
        "I chaired the audit committee of a mental health trust.",
        "I led the trust's work on disability access and carers' support.",
        "I am a member of the audit committee and of ICAEW.",
        "I volunteer with a food bank.",
        "I am a trustee of a cancer charity.",
        # A condition's word that names a body is the body.
        "I was chief executive of Macmillan Cancer Support for six years.",
        "I was director of the Stroke Association for ten years.",
    ],
)
def test_evidence_of_work_stays(sentence: str) -> None:
    assert evidence_only(sentence) == sentence


def test_an_office_in_a_community_organisation_stays_without_the_community() -> None:
    text = evidence_only("I am a trustee of the Somali Community Association.")
    assert "trustee" in text and "Somali" not in text
    assert text == evidence_only("I am a trustee of the Riverside Community Association.")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "Sarah Law",
            "Sarah Law is a solicitor in employment law.",
            "is a solicitor in employment law.",
        ),
        ("Sarah Law", "Ms Law advises on Commercial Law.", "advises on Commercial Law."),
        ("Sarah Doctor", "Doctor is an accountant. Ms Doctor chairs.", "is an accountant. chairs."),
        ("Nguyễn Thị Lan", "Nguyen Thi Lan chairs the board.", "chairs the board."),
        ("Siobhán O'Neill", "O'Neill's work on audit.", "work on audit."),
        ("Pieter van der Berg", "Mr van der Berg led finance.", "led finance."),
    ],
)
def test_a_name_is_removed_where_it_stands_as_a_name(name: str, text: str, expected: str) -> None:
    cleaned = remove_names(text, [name]).replace("[redacted]", "")
    assert " ".join(cleaned.split()) == expected


@pytest.mark.parametrize(
    ("line", "is_name"),
    [
        ("Nguyễn Thị Lan", True),
        ("Pieter van der Berg", True),
        ("Siobhán O'Neill", True),
        ("Aisha Al-Hassan", True),
        ("Sarah Doctor", True),
        ("Consultant Nurse", False),
        ("Chief Executive", False),
        ("Group Financial Controller", False),
    ],
)
def test_a_name_line_is_recognised_in_any_spelling(line: str, is_name: bool) -> None:
    assert looks_like_name(line) is is_name
