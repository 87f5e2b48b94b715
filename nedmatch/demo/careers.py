"""Career archetypes for demo candidates: varied wording, so matching has real work to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Archetype:
    slug: str
    roles: tuple[str, ...]
    employers: tuple[str, ...]
    summaries: tuple[str, ...]
    skills: tuple[str, ...]
    evidence: dict[str, tuple[str, ...]]


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "finance",
        (
            "Finance Director",
            "Chief Financial Officer",
            "Audit Partner",
            "Head of Internal Audit",
            "Group Financial Controller",
        ),
        (
            "a housing association",
            "a FTSE 250 retailer",
            "a Big Four accountancy firm",
            "a county council",
            "a university",
            "a regional building society",
        ),
        (
            "Chartered accountant ({body}) with {years} years in financial leadership. I have run annual budgets of over £{budget}m, led statutory audits and chaired a risk committee.",
            "Qualified accountant ({body}) who has spent {years} years in audit and assurance, most recently leading internal audit and reporting to an audit committee on controls and fraud risk.",
            "{years} years in corporate finance, treasury and financial reporting; member of {body}. I have taken organisations through turnaround and rebuilt their financial controls.",
        ),
        ("accountancy", "audit-risk", "finance", "business", "insurance"),
        {
            "governance": (
                "I chaired the audit and risk committee of a charity for four years, rebuilt its board assurance framework and cleared a qualified audit opinion.",
                "As finance director I reported to the audit committee on internal controls, the risk register and counter-fraud work, and introduced a deep dive into each principal risk.",
            ),
            "outcomes": (
                "I led a value for money review that released £3m a year for frontline services without cutting posts.",
                "I built a financial recovery plan that returned the organisation to surplus in two years while protecting quality.",
            ),
            "strategy": (
                "I wrote a five-year financial strategy and capital programme linked to the organisation's long-term plan.",
            ),
        },
    ),
    Archetype(
        "clinical",
        (
            "Consultant Physician",
            "Director of Nursing",
            "Medical Director",
            "Chief Allied Health Professions Officer",
            "General Practitioner",
        ),
        (
            "a teaching hospital",
            "a community trust",
            "a mental health trust",
            "a primary care network",
            "a hospice",
        ),
        (
            "Registered {profession} with {years} years of clinical practice and leadership. I have led quality improvement programmes and patient safety investigations.",
            "Clinician ({profession}) who has held senior clinical leadership posts for {years} years, with a focus on patient safety, clinical governance and learning from incidents.",
            "I have worked in the NHS as a {profession} for {years} years, leading services, improving patient experience and supervising clinical audit.",
        ),
        (
            "clinical-medicine",
            "clinical-nursing",
            "clinical-allied-health",
            "quality-safety",
            "public-health",
        ),
        {
            "outcomes": (
                "I led a sepsis improvement programme that cut mortality on our wards and was adopted across the region.",
                "I chaired the patient safety group and introduced a learning-from-deaths review that changed how we escalate deteriorating patients.",
            ),
            "culture": (
                "I introduced a just culture approach to incident reviews, so staff felt able to speak up, and Freedom to Speak Up concerns doubled.",
                "I mentored newly qualified nurses and led a wellbeing programme after the pandemic that reduced staff sickness.",
            ),
            "equality": (
                "I led work to reduce inequalities in access to maternity care for women from ethnic minority communities.",
            ),
        },
    ),
    Archetype(
        "legal",
        (
            "Partner, commercial law firm",
            "General Counsel",
            "Head of Legal Services",
            "Barrister",
            "Company Secretary",
        ),
        (
            "a national law firm",
            "a water utility",
            "a local authority",
            "chambers in London",
            "a listed engineering group",
        ),
        (
            "Solicitor with {years} years in commercial and regulatory law, advising boards on governance, contracts and litigation risk.",
            "Qualified lawyer and company secretary; {years} years advising boards on their duties, regulation and compliance.",
        ),
        ("legal", "regulation", "judicial", "casework", "commercial"),
        {
            "governance": (
                "As company secretary I redesigned the board's standing orders, scheme of delegation and conflicts of interest register.",
                "I advised the board through a regulatory investigation and put in place a compliance framework that satisfied the regulator.",
            ),
            "partnerships": (
                "I negotiated a joint venture between three public bodies and drafted its governance agreement.",
            ),
        },
    ),
    Archetype(
        "digital",
        (
            "Chief Information Officer",
            "Chief Technology Officer",
            "Head of Digital Transformation",
            "Director of Cyber Security",
            "Data Science Director",
        ),
        (
            "a national bank",
            "a software company",
            "a government department",
            "a mobile network",
            "a health technology start-up",
        ),
        (
            "Technology leader with {years} years delivering digital transformation, cloud migration and data platforms for large organisations.",
            "I have led digital and data teams for {years} years, including electronic records programmes, cyber security and the safe use of artificial intelligence.",
        ),
        ("digital", "cyber-security", "transformation", "major-projects", "research-innovation"),
        {
            "strategy": (
                "I wrote and delivered a digital strategy that moved 40 legacy systems to the cloud and brought services online for two million customers.",
                "I led the business case and delivery of an electronic patient record across three hospital sites.",
            ),
            "governance": (
                "I set up the cyber security assurance reporting to the board and led our response to a ransomware incident.",
            ),
        },
    ),
    Archetype(
        "people",
        (
            "Chief People Officer",
            "HR Director",
            "Director of Organisational Development",
            "Head of Employee Relations",
        ),
        (
            "a supermarket chain",
            "a police force",
            "an NHS foundation trust",
            "a logistics company",
            "a university",
        ),
        (
            "HR leader (Chartered Member of the CIPD) with {years} years leading workforce strategy, organisational development and culture change in large workforces.",
            "I have spent {years} years in people and organisational development roles, leading inclusion programmes and workforce planning.",
        ),
        ("hr", "change-management", "transformation", "education"),
        {
            "culture": (
                "I led a culture change programme after a critical staff survey, and engagement scores rose by 12 points in two years.",
                "I introduced a civility and respect programme and a route for staff to raise concerns safely.",
            ),
            "equality": (
                "I led a workforce race equality action plan that increased ethnic minority representation in senior posts from 6% to 14%.",
                "I chaired the inclusion board and introduced inclusive recruitment panels across the organisation.",
            ),
        },
    ),
    Archetype(
        "community",
        (
            "Chief Executive, community charity",
            "Director, Healthwatch",
            "Head of a community interest company",
            "Trustee and former councillor",
            "Volunteer coordinator",
        ),
        (
            "a community development trust",
            "a local Healthwatch",
            "a carers' charity",
            "a refugee support charity",
            "a tenants' association",
        ),
        (
            "I have led voluntary and community sector organisations for {years} years, working with people whose voices are seldom heard in health and care.",
            "Community leader with {years} years in the voluntary sector, advocating for patients and carers and working in partnership with the council and the NHS.",
        ),
        ("community-voluntary", "consumer-advocacy", "social-care", "casework", "public-health"),
        {
            "partnerships": (
                "I built a partnership of 30 community groups with the council and the integrated care board to reach people who were not registered with a GP.",
                "I set up a patient and carer panel that now shapes how local services are designed.",
            ),
            "equality": (
                "I led outreach that increased vaccine uptake in neighbourhoods with the lowest take-up, working with faith leaders and community groups.",
                "I campaigned for accessible information for disabled people and changed how the local hospital sends letters.",
            ),
        },
    ),
    Archetype(
        "estates",
        (
            "Director of Estates",
            "Property Development Director",
            "Chartered Surveyor",
            "Head of Capital Projects",
        ),
        ("a property company", "a university", "a housing developer", "a construction group"),
        (
            "Chartered surveyor with {years} years leading estates strategy, capital projects and net zero programmes.",
            "I have delivered capital and estates programmes worth over £{budget}m over {years} years, including new hospitals and schools.",
        ),
        ("estates", "major-projects", "procurement", "commercial"),
        {
            "strategy": (
                "I wrote an estates strategy that cut carbon emissions by a third and released land for housing.",
                "I led the business case and construction of a new £{budget}m building, delivered on time and on budget.",
            ),
            "outcomes": (
                "I led the backlog maintenance programme that removed the highest risks to patient safety from our buildings.",
            ),
        },
    ),
    Archetype(
        "academic",
        (
            "Professor of Health Policy",
            "Pro Vice-Chancellor for Research",
            "Director of a research institute",
            "Dean of a medical school",
        ),
        ("a Russell Group university", "a research institute", "a post-92 university"),
        (
            "Academic leader with {years} years in health research, evaluation and teaching, and experience of translating research into practice.",
            "I have led research and innovation partnerships between universities and the NHS for {years} years.",
        ),
        ("research-innovation", "education", "public-health", "international"),
        {
            "strategy": (
                "I led a research strategy that doubled grant income and created an NHS and university partnership in clinical trials.",
            ),
            "partnerships": (
                "I chaired the academic health science partnership board, bringing together trusts, universities and industry.",
            ),
        },
    ),
    Archetype(
        "business",
        (
            "Managing Director",
            "Chief Executive",
            "Commercial Director",
            "Operations Director",
            "Marketing Director",
        ),
        (
            "a manufacturing firm",
            "a retail group",
            "a family business",
            "a transport operator",
            "a media company",
        ),
        (
            "Business leader with {years} years running commercial operations, leading turnaround, growth and large teams.",
            "I have been a director in the private sector for {years} years, with experience in operations, marketing, customer service and change.",
        ),
        ("business", "commercial", "marketing", "retail", "communications", "change-management"),
        {
            "outcomes": (
                "I turned around a loss-making division, improving customer satisfaction and returning it to profit in 18 months.",
            ),
            "strategy": (
                "I led a transformation programme that changed how 3,000 staff worked and cut waiting times for customers.",
            ),
            "culture": (
                "I built a leadership programme that developed managers from the shop floor.",
            ),
        },
    ),
)

PROFESSIONS = (
    "doctor",
    "nurse",
    "physiotherapist",
    "pharmacist",
    "midwife",
    "occupational therapist",
)
BODIES = ("ICAEW", "ACCA", "CIPFA", "CIMA")
