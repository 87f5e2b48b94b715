"""A labelled synthetic pool of NED candidates and vacancies whose right answers are known.

Candidates are written in their own words, not the vacancy's: a finance vacancy asks
for "a professionally qualified accountant", a fitting CV says "ACCA-qualified group
financial controller". Each specialism's sentences come in two halves; the development
split uses one half and the held-out test split the other, so tuning on one cannot learn
the other's wording. Distractor sentences use a specialism's words without its substance
("As a patient I have seen how nurses hold the wards together").
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from nedmatch.domain import BOARD_EXPERIENCE_LEVEL, REGIONS
from nedmatch.matching.profiles import CandidateProfile


@dataclass(frozen=True)
class Specialism:
    slug: str
    family: str
    skills: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    distractors: tuple[str, ...]
    vacancies: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]


# fmt: off
SPECIALISMS: Final[tuple[Specialism, ...]] = (
    Specialism(
        "audit-accountant", "finance", ("accountancy", "audit-risk", "finance"),
        ("Audit partner", "Group financial controller", "Head of internal audit",
         "Chartered accountant"),
        ("I qualified with the ICAEW and spent fifteen years in a Big Four assurance practice.",
         "ACCA-qualified, I led year-end close and statutory reporting for a listed insurer.",
         "As head of internal audit I reported to the audit committee on controls and fraud.",
         "I am a CIPFA accountant and ran the external audit of several councils.",
         "I signed off group accounts under IFRS and managed the relationship with auditors.",
         "Fellow of the Institute of Chartered Accountants; previously a financial controller.",
         "I built the risk register and board assurance framework for a water utility.",
         "Chartered management accountant (CIMA) with a background in cost control.",
         "I chaired the audit panel of a charity, reviewing internal controls and reserves.",
         "Twenty years in audit, most recently as an audit partner for public sector clients.",
         "I oversaw counter fraud work and the annual governance statement for a university.",
         "I am a qualified accountant who led treasury and statutory accounts at a retailer."),
        ("I keep a careful eye on the accounts of my local allotment society.",
         "I sat on the audit committee of my golf club for a year."),
        (("Non-executive director: chair of the audit and risk committee",
          "The trust seeks a non-executive director to chair its audit and risk committee "
          "and provide assurance on financial controls and reporting.",
          ("A professionally qualified accountant (CCAB or CIPFA) with recent and relevant "
           "financial experience",),
          ("Experience of a regulated or public sector environment",)),
         ("Audit committee chair (non-executive)",
          "We are looking for an independent non-executive to lead our audit committee, "
          "overseeing internal and external audit, risk management and counter fraud.",
          ("A qualified accountant with recent and relevant experience of financial "
           "reporting and audit",),
          ("Knowledge of NHS finance",))),
    ),
    Specialism(
        "finance-leader", "finance", ("finance", "business"),
        ("Chief financial officer", "Finance director", "Investment director", "Treasurer"),
        ("As chief financial officer I steered a logistics group through a refinancing.",
         "I spent my career in investment banking, advising on mergers and capital raising.",
         "I was finance director of a housing association with a large capital budget.",
         "I ran treasury and cash management for a multinational manufacturer.",
         "I led financial planning and budgeting for a large public body.",
         "As CFO I delivered a three-year cost improvement plan without cutting services.",
         "My background is in banking, where I managed a lending book of several billion.",
         "I turned around the finances of a loss-making bus company.",
         "I set the annual budget and medium-term financial plan for a county council.",
         "As treasurer of a national charity I rebuilt reserves after a deficit.",
         "I led pricing and investment appraisal for a private hospital group.",
         "I was finance director of a software firm, preparing it for sale."),
        ("I have always managed my own pension investments with interest.",
         "I follow the financial news closely."),
        (("Non-executive director with financial expertise",
          "The board seeks a non-executive director with senior financial leadership "
          "experience to chair the finance and performance committee.",
          ("Senior experience of financial management, financial planning or investment",),
          ("Experience of capital investment decisions",)),
         ("Non-executive director: finance and investment",
          "We need a non-executive who can scrutinise financial sustainability, capital "
          "plans and investment cases.",
          ("Board-level or senior financial leadership experience in a complex organisation",),
          ("Understanding of NHS financial regimes",))),
    ),
    Specialism(
        "doctor", "clinical", ("clinical-medicine", "quality-safety"),
        ("Consultant physician", "General practitioner", "Medical director",
         "Consultant surgeon"),
        ("I practised as a consultant cardiologist for twenty years.",
         "As a GP partner I looked after a list of twelve thousand patients.",
         "I was medical director of a district general hospital.",
         "I trained in anaesthetics and led the critical care unit.",
         "I am a Fellow of the Royal College of Physicians and a former clinical director.",
         "As a consultant psychiatrist I led community mental health teams.",
         "I was responsible for revalidation and appraisal of hospital doctors.",
         "I worked as a paediatrician and chaired the trust's medicines committee.",
         "I led mortality reviews as associate medical director.",
         "As an oncologist I ran clinical trials in breast cancer.",
         "Consultant surgeon with a special interest in colorectal surgery.",
         "I hold the MRCGP and led a primary care network as clinical director."),
        ("My doctor encouraged me to take up cycling.",
         "I have read a great deal about the history of medicine."),
        (("Clinical non-executive director (medical)",
          "We seek a non-executive director with a medical background to bring clinical "
          "insight to the quality committee.",
          ("A registered medical practitioner with senior clinical leadership experience",),
          ("Experience of clinical governance",)),
         ("Non-executive director with a clinical (medical) background",
          "The board wants a doctor's perspective on quality and safety of care.",
          ("A medically qualified clinician with recent senior experience",),
          ("Research or academic medicine experience",))),
    ),
    Specialism(
        "nurse", "clinical", ("clinical-nursing", "quality-safety"),
        ("Chief nurse", "Director of nursing", "Matron", "Midwife"),
        ("I was chief nurse of a teaching hospital and led nursing across four sites.",
         "As director of nursing I was responsible for safe staffing and safeguarding.",
         "I started as a staff nurse and became a matron in emergency care.",
         "I am a registered midwife and led a maternity unit through an inspection.",
         "I worked as a district nurse and then led community nursing services.",
         "As a health visitor I supported families across a deprived borough.",
         "I led the nursing workforce plan and the recruitment of overseas nurses.",
         "I was deputy chief nurse with responsibility for infection prevention.",
         "I have been on the NMC register for thirty years.",
         "I led ward accreditation and nursing quality standards.",
         "As head of nursing I introduced safer staffing tools.",
         "I teach nursing students at a university after a career on the wards."),
        ("As a patient I have seen how nurses hold the wards together.",
         "My family relied on district nurses during a hard year."),
        (("Clinical non-executive director (nursing)",
          "We seek a non-executive with a nursing or midwifery background to strengthen "
          "clinical scrutiny at board level.",
          ("A registered nurse or midwife with senior professional leadership experience",),
          ("Experience of safeguarding",)),
         ("Non-executive director with a nursing background",
          "The board needs a registered nurse's view on care quality and staffing.",
          ("Senior nursing or midwifery leadership experience",),
          ("Experience of community services",))),
    ),
    Specialism(
        "allied", "clinical", ("clinical-allied-health",),
        ("Physiotherapist", "Consultant pharmacist", "Paramedic", "Occupational therapist"),
        ("I practised as a physiotherapist and led musculoskeletal services.",
         "I was chief pharmacist of an acute trust.",
         "I worked as a paramedic before leading an ambulance service's clinical hub.",
         "As an occupational therapist I led rehabilitation services.",
         "I am a radiographer and managed a diagnostic imaging department.",
         "I registered with the HCPC as a speech and language therapist.",
         "I led a team of dietitians in a children's hospital.",
         "As a clinical psychologist I set up talking therapies.",
         "I was the chief allied health professional for a community trust.",
         "I ran a podiatry service across several clinics.",
         "As a pharmacist I led medicines optimisation in primary care.",
         "I lead the allied health professions council for my region."),
        ("I see a physiotherapist for an old running injury.",
         "I collect prescriptions for a neighbour."),
        (("Clinical non-executive director (allied health professions)",
          "We are seeking a non-executive from the allied health professions.",
          ("A registered allied health professional with senior leadership experience",),
          ("Experience of rehabilitation or community services",)),
         ("Non-executive director: allied health professional background",
          "A board role for a registered therapist, pharmacist or paramedic.",
          ("Professional registration as an allied health professional or pharmacist",),
          ("Service leadership in a clinical setting",))),
    ),
    Specialism(
        "digital", "digital", ("digital", "transformation"),
        ("Chief information officer", "Chief technology officer", "Head of data",
         "Digital director"),
        ("As chief information officer I replaced a bank's core systems.",
         "I led the rollout of an electronic patient record across three hospitals.",
         "I was CTO of a software company that built cloud platforms.",
         "I set up a data science team and an analytics platform for a retailer.",
         "I led the modernisation of legacy IT for a government department.",
         "I ran a programme moving council services online.",
         "I have twenty years in technology, most recently leading product engineering.",
         "As head of informatics I led interoperability between hospital systems.",
         "I built artificial intelligence tools for triage in a start-up.",
         "I led a team of software engineers delivering mobile apps.",
         "As digital director I introduced agile delivery and user research.",
         "I advised ministers on technology strategy and data standards."),
        ("I am an enthusiastic user of the NHS App.",
         "I taught myself to build websites as a hobby."),
        (("Non-executive director: digital and technology",
          "We seek a non-executive director with expertise in digital transformation to "
          "support the board's technology strategy.",
          ("Senior experience of leading digital or technology-enabled change",),
          ("Experience of data and analytics",)),
         ("Non-executive director with digital expertise",
          "The board wants a non-executive who can challenge and support its digital "
          "programme, including the electronic patient record.",
          ("Board or executive experience of technology and digital services",),
          ("Understanding of information governance",))),
    ),
    Specialism(
        "cyber", "digital", ("cyber-security", "digital"),
        ("Chief information security officer", "Head of cyber security",
         "Security architect", "Cyber consultant"),
        ("As chief information security officer I built a bank's security operations centre.",
         "I led the response to a ransomware attack on a logistics firm.",
         "I ran penetration testing and threat intelligence for a defence contractor.",
         "I advised government on cyber resilience and incident response.",
         "I am a certified information security professional (CISSP).",
         "I set up the information security management system to ISO 27001.",
         "I led cyber assurance for critical national infrastructure.",
         "I was head of infosec for an online retailer handling card payments.",
         "I have spent my career defending networks against intrusion.",
         "I audited cyber controls for insurers as a consultant.",
         "I led the security architecture for a cloud migration.",
         "I chaired an industry group on cyber threat sharing."),
        ("I always use strong passwords and a password manager.",
         "I once reported a phishing email to my bank."),
        (("Non-executive director: cyber security",
          "We seek a non-executive with cyber security expertise to strengthen board "
          "assurance on information security and resilience.",
          ("Senior experience of cyber security or information security",),
          ("Experience of incident response",)),
         ("Non-executive director with cyber and information security expertise",
          "The board needs independent challenge on cyber risk.",
          ("Expert knowledge of cyber security risk and controls",),
          ("Experience in a regulated sector",))),
    ),
    Specialism(
        "legal", "assurance", ("legal", "regulation"),
        ("Solicitor", "Barrister", "General counsel", "Partner, law firm"),
        ("I am a solicitor and was a partner in a City firm's disputes practice.",
         "As general counsel I advised a FTSE company's board on governance.",
         "I practised at the Bar in employment and public law.",
         "I led litigation for a national retailer.",
         "I was head of legal services for a metropolitan council.",
         "I advised NHS bodies on procurement law and contracts.",
         "I sit as a tribunal judge in employment cases.",
         "I specialise in regulatory law and professional discipline.",
         "I qualified as a lawyer and led the legal team of a housing group.",
         "I was company secretary and legal director of a utility.",
         "I advise charities on governance and trustee duties.",
         "I am a King's Counsel practising in clinical negligence."),
        ("I enjoy legal dramas on television.",
         "I served on a jury once."),
        (("Non-executive director with legal expertise",
          "We seek a non-executive director with a legal background to bring rigour to "
          "board governance and decision-making.",
          ("A qualified lawyer (solicitor or barrister) with senior experience",),
          ("Experience of regulatory or public law",)),
         ("Non-executive director: legal and governance",
          "The board would benefit from independent legal insight.",
          ("Senior legal experience, for example as a solicitor, barrister or in-house counsel",),
          ("Experience of corporate governance",))),
    ),
    Specialism(
        "quality-regulation", "assurance", ("quality-safety", "regulation"),
        ("Inspector", "Head of regulation", "Patient safety lead", "Quality director"),
        ("I was a CQC inspector of hospitals for seven years.",
         "I led patient safety investigations and learning from serious incidents.",
         "As quality director I ran clinical audit and quality improvement.",
         "I worked for a regulator setting standards for care providers.",
         "I led Ofsted inspections of children's services.",
         "I introduced a just and learning approach to never events.",
         "I led compliance and enforcement at a financial regulator.",
         "I chaired a national patient safety programme.",
         "I ran quality assurance for a large care home group.",
         "I trained staff in human factors and safety science.",
         "I led the response to a maternity safety review.",
         "I was head of regulation at a professional standards body."),
        ("I read inspection reports for my local school.",
         "I care about safety on our local roads."),
        (("Non-executive director: quality and safety",
          "The trust seeks a non-executive director to chair the quality committee and "
          "provide assurance on patient safety.",
          ("Experience of quality improvement, patient safety or regulation",),
          ("Experience of clinical governance",)),
         ("Non-executive director: quality and regulation",
          "The board wants strong scrutiny of quality, safety and regulatory compliance.",
          ("Senior experience in regulation, inspection or patient safety",),
          ("Experience with the Care Quality Commission",))),
    ),
    Specialism(
        "people", "people", ("hr", "change-management"),
        ("Chief people officer", "HR director", "Head of organisational development",
         "Workforce director"),
        ("As chief people officer I led a workforce of forty thousand.",
         "I was HR director of a supermarket chain.",
         "I led organisational development and leadership programmes.",
         "I negotiated pay and terms with trade unions.",
         "I ran employee relations and wellbeing for a police force.",
         "I am a Fellow of the CIPD.",
         "I led a culture change programme after a staff survey crisis.",
         "I introduced freedom to speak up guardians in a care company.",
         "I led talent management and succession planning for a bank.",
         "I ran recruitment and retention for a social care provider.",
         "I led the people strategy of a university.",
         "I chaired a remuneration committee for a housing association."),
        ("I enjoy coaching my daughter's football team.",
         "I have always got on well with colleagues."),
        (("Non-executive director: people and culture",
          "We seek a non-executive director to chair the people committee, with a focus on "
          "workforce, culture and staff wellbeing.",
          ("Senior human resources or workforce leadership experience",),
          ("Experience of culture change",)),
         ("Non-executive director with workforce expertise",
          "The board needs a non-executive who understands people, culture and leadership.",
          ("Board-level or senior experience of people management, HR or organisational "
           "development",),
          ("Experience of employee engagement",))),
    ),
    Specialism(
        "estates", "projects", ("estates", "major-projects"),
        ("Property director", "Programme director", "Chartered surveyor",
         "Head of capital projects"),
        ("I led a two billion pound rail infrastructure programme.",
         "As property director I managed an estate of four hundred buildings.",
         "I am a chartered surveyor (RICS) specialising in public buildings.",
         "I delivered a new hospital under a government programme.",
         "I ran capital projects for a university, including a science park.",
         "I led facilities management for an airport.",
         "I was programme director for a city regeneration scheme.",
         "I led the net zero plan for a council's buildings.",
         "I managed construction of schools across a county.",
         "I led the disposal and redevelopment of surplus land.",
         "As head of capital I oversaw project assurance and gateway reviews.",
         "I was construction director for a housebuilder."),
        ("I renovated an old farmhouse myself.",
         "I volunteer to maintain our village hall."),
        (("Non-executive director: estates and major projects",
          "We seek a non-executive director to provide challenge on the trust's capital "
          "programme and new hospital build.",
          ("Senior experience of major capital projects or estates management",),
          ("Experience of sustainability or net zero",)),
         ("Non-executive director with property and infrastructure expertise",
          "The board needs scrutiny of a large building programme.",
          ("Experience of leading large infrastructure or property programmes",),
          ("Knowledge of public sector capital rules",))),
    ),
    Specialism(
        "public-health", "community", ("public-health", "research-innovation"),
        ("Director of public health", "Epidemiologist", "Health protection consultant",
         "Professor of population health"),
        ("I was director of public health for a county council.",
         "As an epidemiologist I studied the causes of heart disease.",
         "I led health protection during the pandemic.",
         "I ran screening and immunisation programmes.",
         "I lead research on health inequalities at a university.",
         "I advised on prevention and population health management.",
         "I led a programme on obesity and physical activity.",
         "I worked for the UK Health Security Agency on outbreaks.",
         "I led a smoking cessation service across a city.",
         "I published work on deprivation and life expectancy.",
         "I led a suicide prevention partnership.",
         "I commissioned sexual health and drug treatment services."),
        ("I run a local parkrun.",
         "I try to eat healthily."),
        (("Non-executive director: population health",
          "We seek a non-executive director with a public health background to help the "
          "board tackle health inequalities.",
          ("Senior experience in public health or population health",),
          ("Research experience",)),
         ("Non-executive director with public health expertise",
          "The board wants expertise in prevention and reducing inequalities.",
          ("Professional public health experience",),
          ("Experience of partnership working with local government",))),
    ),
    Specialism(
        "community", "community", ("community-voluntary", "consumer-advocacy"),
        ("Charity chief executive", "Community organiser", "Volunteer coordinator",
         "Head of a community foundation"),
        ("I run a charity supporting refugees and asylum seekers.",
         "I founded a food bank that now serves three towns.",
         "I lead a community foundation that funds grassroots groups.",
         "I organised tenants to improve conditions on their estate.",
         "I coordinate volunteers for a hospice.",
         "I chair Healthwatch in my borough.",
         "I led a carers' network giving families a voice.",
         "I worked with faith and community groups on vaccine uptake.",
         "I built a social enterprise employing people leaving prison.",
         "I ran advocacy services for people with learning disabilities.",
         "I lead a voluntary sector alliance for my area.",
         "I campaigned for better mental health services for young people."),
        ("I like to help neighbours when I can.",
         "I buy from local shops."),
        (("Non-executive director: community and partnerships",
          "We seek a non-executive director with strong links to voluntary and community "
          "organisations to help the board build trust with local communities.",
          ("Senior experience in the voluntary, community or social enterprise sector",),
          ("Experience of patient or public advocacy",)),
         ("Non-executive director with voluntary sector experience",
          "The board wants a non-executive who can bring the voice of communities.",
          ("Leadership experience in a charity or community organisation",),
          ("Experience of co-production",))),
    ),
    Specialism(
        "commercial", "business", ("commercial", "procurement", "business"),
        ("Commercial director", "Procurement director", "Managing director",
         "Supply chain director"),
        ("As commercial director I negotiated contracts worth hundreds of millions.",
         "I led procurement for a national retailer.",
         "I ran a manufacturing business as managing director.",
         "I built a supply chain across Europe and Asia.",
         "I led sourcing and supplier management for a car maker.",
         "I founded and sold a consultancy.",
         "I grew revenue through joint ventures in energy.",
         "I led category management for a food business.",
         "I ran a division of a logistics company.",
         "I led outsourcing and contract management for a council.",
         "I negotiated partnerships for a pharmaceutical company.",
         "I led a private equity backed business through growth."),
        ("I enjoy a good bargain at the market.",
         "I have bought and sold a few cars."),
        (("Non-executive director: commercial expertise",
          "We seek a non-executive director with commercial and procurement experience to "
          "support the trust's commercial strategy.",
          ("Senior commercial, procurement or business leadership experience",),
          ("Experience of contract management",)),
         ("Non-executive director with commercial experience",
          "The board needs commercial challenge on contracts and income.",
          ("Experience of leading a business or commercial function",),
          ("Supply chain experience",))),
    ),
)
# fmt: on

FILLER_SENTENCES: Final[tuple[str, ...]] = (
    "I want to give something back to the health service that cared for my family.",
    "Outside work I enjoy hill walking and choral singing.",
    "I believe boards work best when challenge is constructive.",
    "I am curious, collaborative and committed to public service.",
    "I value openness and honesty in how organisations are run.",
    "I enjoy reading history and cooking for friends.",
    "I have mentored people early in their careers.",
    "I am keen to contribute to a board that serves its local communities.",
    "I bring a calm and inclusive style to meetings.",
    "I want to help the NHS improve care for patients.",
)
BOARD_SENTENCES: Final[dict[str, tuple[str, ...]]] = {
    "none": (
        "This would be my first board role.",
        "I have not held a board position before but have advised senior teams.",
    ),
    "other-board": (
        "I am a trustee of a housing charity.",
        "I have served on the board of a further education college as a governor.",
        "I sit as a non-executive on the board of a software company.",
    ),
    "nhs-board": (
        "I currently serve as a non-executive director of an NHS foundation trust.",
        "I have been an associate non-executive on a trust board for two years.",
        "I sat on the board of an integrated care board as a partner member.",
    ),
    "chair": (
        "I chair the board of a housing association.",
        "I was chair of the board of a regional charity for six years.",
    ),
}
TOWNS: Final[dict[str, tuple[str, ...]]] = {
    "east-of-england": ("Norwich", "Ipswich", "Cambridge", "Chelmsford"),
    "london": ("Hackney", "Croydon", "Islington", "Lewisham"),
    "midlands": ("Birmingham", "Nottingham", "Leicester", "Derby"),
    "north-east-and-yorkshire": ("Leeds", "Sheffield", "Newcastle", "York"),
    "north-west": ("Manchester", "Liverpool", "Preston", "Chester"),
    "south-east": ("Brighton", "Oxford", "Reading", "Southampton"),
    "south-west": ("Bristol", "Exeter", "Plymouth", "Taunton"),
}
HOME_PATTERNS: Final[tuple[str, ...]] = (
    "I live in {town}.",
    "Home is {town}, where I have lived for many years.",
    "I am based in {town}.",
)
_FIRST = ("Alex", "Sam", "Jordan", "Chris", "Morgan", "Taylor", "Robin", "Jamie", "Kim", "Lee")
_LAST = ("Okafor", "Patel", "Smith", "Nowak", "Evans", "Chen", "Hughes", "Khan", "Byrne")
_BOARD_WEIGHTS: Final = {"none": 0.3, "other-board": 0.35, "nhs-board": 0.25, "chair": 0.1}


@dataclass(frozen=True)
class SyntheticCandidate:
    """A generated candidate: the text a person would write, and the truth behind it."""

    id: int
    text: str
    primary: str
    secondary: str | None
    region: str
    board_experience: str
    profile: CandidateProfile  # the structured profile the web form would hold


@dataclass(frozen=True)
class SyntheticVacancy:
    id: str
    text: str
    specialism: str
    region: str
    location_required: bool
    min_board_experience: str


def _pick_half(items: tuple[str, ...], split: str) -> list[str]:
    """Even-numbered items for development, odd for the held-out test."""
    offset = 0 if split == "dev" else 1
    return list(items[offset::2])


def generate_candidates(
    n: int, seed: int = 0, split: str = "dev", start_id: int = 0
) -> Iterator[SyntheticCandidate]:
    """Yield candidates of every specialism, each with text and structured fields."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    by_slug = {s.slug: s for s in SPECIALISMS}
    halves = {s.slug: _pick_half(s.sentences, split) for s in SPECIALISMS}
    regions = list(REGIONS)
    boards, board_weights = zip(*_BOARD_WEIGHTS.items(), strict=True)
    for i in range(n):
        spec = (
            SPECIALISMS[i % len(SPECIALISMS)] if n >= len(SPECIALISMS) else rng.choice(SPECIALISMS)
        )
        secondary = None
        if rng.random() < 0.4:
            secondary = rng.choice([s.slug for s in SPECIALISMS if s.slug != spec.slug])
        region = rng.choice(regions)
        board = rng.choices(boards, weights=board_weights)[0]
        title = rng.choice(_pick_half(spec.titles, split) or list(spec.titles))
        own = rng.sample(halves[spec.slug], k=min(len(halves[spec.slug]), rng.randint(3, 5)))
        lines = [*own]
        if secondary:
            lines += rng.sample(halves[secondary], k=rng.randint(1, 2))
        if rng.random() < 0.4:
            other = rng.choice([s for s in SPECIALISMS if s.slug != spec.slug])
            lines.append(rng.choice(other.distractors))
        lines.append(rng.choice(BOARD_SENTENCES[board]))
        lines += rng.sample(FILLER_SENTENCES, k=rng.randint(1, 3))
        rng.shuffle(lines)
        stated_region = rng.random() < 0.85
        if stated_region:
            town = rng.choice(TOWNS[region])
            lines.insert(rng.randint(0, len(lines)), rng.choice(HOME_PATTERNS).format(town=town))
        days = rng.choice((2, 3, 4, 5, 6, 8, 12))
        if rng.random() < 0.6:
            lines.append(f"I can offer around {days} days a month.")
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        body = " ".join(lines)
        text = f"{title}\n{body}"
        cid = start_id + i
        skills = list(spec.skills)
        if secondary:
            skills += [s for s in by_slug[secondary].skills[:1] if s not in skills]
        profile = CandidateProfile(
            id=cid,
            current_role=title,
            career_summary=" ".join(own[:2]),
            cv_text=body,
            skill_areas=skills,
            region=region if stated_region else None,
            board_experience=board,
            availability=_availability(days),
            willing_challenged=rng.random() < 0.5,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            phone=f"07700 9{rng.randint(0, 99999):05d}",
            postcode=f"LS{rng.randint(1, 29)} {rng.randint(1, 9)}AB",
        )
        yield SyntheticCandidate(cid, text, spec.slug, secondary, region, board, profile)


def _availability(days: int) -> str:
    if days <= 3:
        return "2-3"
    if days <= 5:
        return "3-5"
    if days <= 8:
        return "5-8"
    return "8-plus"


def generate_vacancies(
    seed: int = 0, split: str = "dev", per_specialism: int = 2
) -> list[SyntheticVacancy]:
    """Vacancies of every specialism, some asking for local links or board experience."""
    rng = random.Random(seed + 7919)  # noqa: S311 - reproducible test data
    variant = 0 if split == "dev" else 1
    result = []
    for spec in SPECIALISMS:
        title, description, essential, desirable = spec.vacancies[variant]
        for k in range(per_specialism):
            region = rng.choice(list(REGIONS))
            local = rng.random() < 0.35
            board = rng.choices(("none", "other-board", "nhs-board"), weights=(5, 3, 2))[0]
            lines = [title, description]
            town = rng.choice(TOWNS[region])
            lines.append(f"The trust serves {town} and the surrounding area.")
            if local:
                lines.append(f"Candidates must live in or have strong links to {REGIONS[region]}.")
            lines.append("The time commitment is about four days a month.")
            lines.append("Essential criteria")
            lines += [f"- {c}" for c in essential]
            if board == "other-board":
                lines.append("- Previous board experience in any sector")
            elif board == "nhs-board":
                lines.append("- NHS board experience")
            lines.append("Desirable criteria")
            lines += [f"- {c}" for c in desirable]
            result.append(
                SyntheticVacancy(
                    id=f"{split}-{spec.slug}-{k}",
                    text="\n".join(lines),
                    specialism=spec.slug,
                    region=region,
                    location_required=local,
                    min_board_experience=board,
                )
            )
    return result


def relevance(vacancy: SyntheticVacancy, candidate: SyntheticCandidate) -> int:
    """Ground truth: 2 fits, 1 partly fits, 0 does not.

    The right specialism fits; a secondary interest in it or a neighbouring specialism
    partly fits; a requirement not met (local links, board experience) costs one grade.
    """
    families = {s.slug: s.family for s in SPECIALISMS}
    if candidate.primary == vacancy.specialism:
        grade = 2
    elif candidate.secondary == vacancy.specialism:
        grade = 1
    elif families[candidate.primary] == families[vacancy.specialism]:
        grade = 1
    else:
        grade = 0
    if vacancy.location_required and candidate.region != vacancy.region:
        grade -= 1
    required = BOARD_EXPERIENCE_LEVEL[vacancy.min_board_experience]
    if BOARD_EXPERIENCE_LEVEL[candidate.board_experience] < required:
        grade -= 1
    return max(0, grade)
