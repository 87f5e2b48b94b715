"""Hand-written NHS board vocabulary, so that a CV saying "ACCA-qualified" meets a vacancy
asking for "a professionally qualified accountant" without either using the other's words.

Phrases are lower case and matched on whole words (see ``text.PhraseMatcher``). A phrase
that starts with ``~`` is weak evidence on its own (a common word such as "data"): it
counts half when skill areas are inferred from free text, and fully as a text concept.
"""

from __future__ import annotations

from typing import Final

from nedmatch.domain import COMPETENCY_DOMAINS, REGIONS, SKILL_AREAS

# fmt: off
SKILL_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "accountancy": (
        "accountant", "accountants", "accountancy", "chartered accountant", "aca", "acca",
        "fca", "fcca", "cima", "cgma", "cipfa", "icaew", "icas", "cpa",
        "qualified accountant", "chartered certified", "management accountant",
        "chartered institute of public finance", "~accounting", "big four", "audit partner",
    ),
    "audit-risk": (
        "audit", "audits", "auditor", "auditors", "auditing", "audit committee",
        "internal audit", "external audit", "risk management", "risk register",
        "board assurance framework", "internal controls", "internal control", "risk appetite",
        "counter fraud", "enterprise risk", "~assurance", "~risk", "~risks", "~controls",
    ),
    "business": (
        "entrepreneur", "founder", "founded", "managing director", "smes", "sme",
        "private sector", "start up", "startup", "private equity", "venture capital",
        "investment banking", "financial services", "~business", "~businesses", "~company",
        "~companies", "~ceo", "~firm",
    ),
    "change-management": (
        "change management", "change programme", "change programmes", "organisational change",
        "restructuring", "restructure", "turnaround", "culture change", "merger", "mergers",
        "foundation trust application", "become a foundation trust",
        "modernising reforms", "modernisation programme", "organisational reform",
        "~change",
    ),
    "commercial": (
        "commercial", "commercially", "contract management", "negotiation", "negotiations",
        "joint venture", "joint ventures", "income generation", "revenue growth", "~contracts",
        "~revenue", "~subsidiary",
    ),
    "communications": (
        "communications", "media", "press", "public relations", "journalism", "journalist",
        "broadcasting", "broadcaster", "editor", "~campaigns", "~campaign",
    ),
    "marketing": (
        "marketing", "brand", "branding", "customer insight", "advertising", "~customers",
    ),
    "hr": (
        "human resources", "hr", "workforce", "people director", "chief people officer",
        "employee relations", "organisational development", "cipd", "recruitment",
        "remuneration", "talent", "~people", "~staff",
    ),
    "insurance": (
        "insurance", "insurer", "insurers", "underwriting", "underwriter", "actuarial",
        "actuary", "reinsurance", "lloyd", "~claims",
    ),
    "international": (
        "international", "internationally", "global", "overseas", "multinational",
        "worldwide", "cross border",
    ),
    "digital": (
        "digital", "technology", "information technology", "cio", "cto",
        "chief information officer", "chief technology officer", "informatics",
        "electronic patient record", "electronic patient records", "epr", "software",
        "cloud", "analytics", "artificial intelligence", "~data", "~systems",
        # "IT" as a field: the pronoun is never followed by these nouns.
        "it programme", "it programmes", "it project", "it projects", "it system",
        "it systems", "it infrastructure", "it strategy", "it department", "head of it",
        "director of it",
    ),
    "cyber-security": (
        "cyber", "cyber security", "cybersecurity", "information security", "ciso",
        "ransomware", "security operations", "penetration testing", "infosec",
        "~security",
    ),
    "legal": (
        "legal", "lawyer", "lawyers", "solicitor", "solicitors", "barrister", "general counsel",
        "litigation", "~law", "~counsel",
    ),
    "judicial": (
        "judge", "judicial", "tribunal", "tribunals", "magistrate", "magistrates", "recorder",
        "adjudication", "~court", "~courts",
    ),
    "major-projects": (
        "major projects", "major project", "infrastructure", "capital programme",
        "capital programmes", "programme director", "construction", "new hospital",
        "capital projects", "programme management", "~projects", "~programme",
    ),
    "procurement": (
        "procurement", "purchasing", "supply chain", "supply chains", "sourcing",
        "tendering", "suppliers", "~tender", "~buyer",
    ),
    "regulation": (
        "regulation", "regulator", "regulators", "regulatory", "inspection", "inspector",
        "cqc", "care quality commission", "ofsted", "ofwat", "ofgem", "~compliance",
    ),
    "retail": (
        "retail", "retailer", "retailers", "high street", "ecommerce", "consumer goods",
        "~shops", "~stores",
    ),
    "transformation": (
        "transformation", "transforming", "transform", "transformed", "modernisation",
        "service redesign", "redesign", "redesigned", "~improvement programme",
    ),
    "consumer-advocacy": (
        "advocacy", "advocate", "citizens advice", "patient voice", "healthwatch",
        "lay member", "consumer rights", "service users", "~consumer", "~consumers",
    ),
    "casework": (
        "complaints", "casework", "caseworker", "ombudsman", "investigations",
        "complaints handling", "~appeals", "~cases",
    ),
    "social-care": (
        "social care", "adult social care", "care homes", "care home", "social worker",
        "social work", "domiciliary care", "safeguarding", "children's services",
        "social services", "adult social services", "adult services",
    ),
    "education": (
        "education", "school", "schools", "teacher", "teaching", "headteacher",
        "university", "college", "lecturer", "professor", "~training", "~academic",
    ),
    "clinical-medicine": (
        "doctor", "physician", "consultant physician", "gp", "general practitioner",
        "general practice", "surgeon", "medical", "medicine", "clinician", "medical director",
        "psychiatrist", "anaesthetist", "paediatrician", "cardiologist", "oncologist",
        "mbbs", "frcp", "frcs", "mrcgp", "royal college of physicians", "~consultant",
        "~clinical",
    ),
    "clinical-nursing": (
        "nurse", "nurses", "nursing", "midwife", "midwives", "midwifery", "chief nurse",
        "matron", "health visitor", "district nurse", "rgn", "nmc", "ward sister",
    ),
    "clinical-allied-health": (
        "physiotherapist", "physiotherapy", "occupational therapist", "occupational therapy",
        "paramedic", "paramedics", "radiographer", "pharmacist", "pharmacy",
        "speech and language therapist", "dietitian", "allied health", "podiatrist", "hcpc",
        "psychologist", "therapist", "therapists",
    ),
    "public-health": (
        "public health", "population health", "epidemiology", "epidemiologist",
        "health protection", "director of public health", "screening", "vaccination",
        "immunisation", "~prevention",
    ),
    "quality-safety": (
        "patient safety", "quality improvement", "clinical governance", "serious incidents",
        "never events", "quality assurance", "patient experience", "clinical audit",
        "~safety", "~quality", "~harm",
    ),
    "estates": (
        "estates", "estate", "property", "facilities", "real estate", "surveyor", "rics",
        "net zero", "~buildings", "~building",
    ),
    "finance": (
        "finance", "financial", "cfo", "finance director", "chief financial officer",
        "treasurer", "treasury", "financial planning", "annual accounts", "statutory accounts",
        "financial controller", "cost improvement", "financial sustainability", "banking",
        "investment", "~budget", "~budgets", "~accounts",
    ),
    "research-innovation": (
        "research", "innovation", "clinical trials", "clinical trial", "life sciences",
        "scientist", "phd", "academic health science", "~innovative",
    ),
    "community-voluntary": (
        "voluntary", "charity", "charities", "third sector", "vcse", "volunteering",
        "volunteer", "volunteers", "social enterprise", "housing association",
        "~community", "~communities", "~trustee",
    ),
}
# fmt: on

# fmt: off
DOMAIN_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "outcomes": (
        "outcomes", "quality of care", "performance", "waiting times", "waiting lists",
        "elective recovery", "patient outcomes", "value for money", "productivity",
        "~improvement", "~improved", "~results", "~targets", "~sustainable",
    ),
    "strategy": (
        "strategy", "strategic", "long term plan", "long term", "vision",
        "strategic planning", "five year", "~transformation", "~future", "~plan",
    ),
    "equality": (
        "equality", "equity", "inclusion", "inclusive", "diversity", "diverse",
        "inequalities", "inequality", "health inequalities", "edi", "underserved",
        "under represented", "underrepresented", "~fairness", "~fair",
    ),
    "governance": (
        "governance", "assurance", "scrutiny", "accountability", "oversight",
        "holding to account", "board committees", "audit committee", "~compliance",
        "~controls", "~challenge", "~risk",
    ),
    "culture": (
        "culture", "compassionate", "compassion", "just culture", "wellbeing",
        "staff engagement", "freedom to speak up", "speak up", "speaking up",
        "psychological safety", "values", "kindness", "staff survey", "~engagement",
    ),
    "partnerships": (
        "partnership", "partnerships", "partners", "collaboration", "collaborative",
        "stakeholders", "stakeholder", "integrated care", "system working", "co production",
        "coproduction", "place based", "local authority", "local authorities",
        "~communities", "~community",
    ),
}
# fmt: on

# fmt: off
REGION_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    "east-of-england": (
        "east of england", "east anglia", "norfolk", "suffolk", "cambridge", "cambridgeshire",
        "norwich", "ipswich", "essex", "chelmsford", "colchester", "peterborough", "bedford",
        "bedfordshire", "luton", "hertfordshire", "st albans", "watford", "southend",
    ),
    "london": (
        "london", "camden", "hackney", "croydon", "lambeth", "southwark", "islington",
        "westminster", "ealing", "barnet", "greenwich", "tower hamlets", "brent", "harrow",
        "lewisham", "haringey", "bromley",
    ),
    "midlands": (
        "midlands", "west midlands", "east midlands", "birmingham", "coventry",
        "wolverhampton", "nottingham", "nottinghamshire", "leicester", "leicestershire",
        "derby", "derbyshire", "stoke", "staffordshire", "lincoln", "lincolnshire",
        "worcester", "worcestershire", "shropshire", "telford", "northampton",
        "northamptonshire", "herefordshire", "warwickshire", "solihull", "walsall",
    ),
    "north-east-and-yorkshire": (
        "yorkshire", "north east", "newcastle", "sunderland", "durham", "middlesbrough",
        "leeds", "sheffield", "bradford", "york", "hull", "wakefield", "doncaster",
        "teesside", "northumberland", "harrogate", "huddersfield", "gateshead", "humber",
        "rotherham", "barnsley",
    ),
    "north-west": (
        "north west", "manchester", "greater manchester", "liverpool", "lancashire",
        "cheshire", "cumbria", "preston", "bolton", "blackpool", "chester", "wigan",
        "stockport", "merseyside", "salford", "lancaster", "carlisle", "warrington",
    ),
    "south-east": (
        "south east", "kent", "surrey", "sussex", "brighton", "oxford", "oxfordshire",
        "reading", "berkshire", "southampton", "portsmouth", "hampshire", "buckinghamshire",
        "milton keynes", "canterbury", "guildford", "isle of wight", "maidstone",
        "crawley", "winchester",
    ),
    "south-west": (
        "south west", "bristol", "devon", "cornwall", "exeter", "plymouth", "somerset",
        "dorset", "bath", "gloucester", "gloucestershire", "wiltshire", "swindon",
        "bournemouth", "truro", "taunton", "cheltenham", "torquay",
    ),
}
# fmt: on

# Words that name or stand in for an Equality Act 2010 protected characteristic (and
# gendered words that reveal sex). They are removed before any text is vectorised, so no
# feature can be built on them. "Equality", "inclusion" and "diversity" are not here: they
# name a competency domain, not a characteristic of the candidate.
# fmt: off
PROTECTED_TERMS: Final[tuple[str, ...]] = (
    # age
    "age", "aged", "ages", "years old", "year old", "date of birth", "dob", "born",
    "retired", "retirement", "young", "younger", "older", "elderly",
    # disability
    "disability", "disabilities", "disabled", "impairment", "impairments", "wheelchair",
    "deaf", "blind", "autism", "autistic", "dyslexia", "dyslexic", "neurodivergent",
    "neurodiverse", "neurodiversity",
    # sex and gender reassignment
    "sex", "gender", "genders", "male", "female", "males", "females", "man", "woman", "men",
    "women", "boy", "girl", "boys", "girls", "lady", "ladies", "gentleman", "gentlemen",
    "transgender", "trans", "non binary", "nonbinary", "he", "she", "him", "her", "his",
    "hers", "himself", "herself", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "mother",
    "father", "mum", "dad", "son", "daughter", "sons", "daughters", "brother", "sister",
    "grandmother", "grandfather", "maiden name",
    # marriage and civil partnership
    "married", "marriage", "spouse", "husband", "wife", "widow", "widowed", "widower",
    "divorced", "civil partnership", "civil partner",
    # pregnancy and maternity
    "pregnant", "pregnancy", "maternity", "paternity", "maternity leave",
    # race
    "race", "races", "racial", "ethnic", "ethnicity", "ethnicities", "bame", "bme",
    "black", "white", "asian", "caribbean", "african", "indian", "pakistani",
    "bangladeshi", "chinese", "arab", "roma", "gypsy", "traveller", "irish", "british",
    "english", "welsh", "scottish", "nationality", "mixed heritage",
    # religion or belief
    "religion", "religions", "religious", "faith", "belief", "beliefs", "church",
    "mosque", "synagogue", "temple", "gurdwara", "christian", "christianity", "muslim",
    "islam", "islamic", "jewish", "judaism", "hindu", "sikh", "buddhist", "catholic",
    "anglican", "atheist", "agnostic",
    # sexual orientation
    "sexual orientation", "sexuality", "gay", "lesbian", "bisexual", "heterosexual",
    "homosexual", "straight", "queer", "lgbt", "lgbtq", "lgbtqia", "lgbtq+",
)
# fmt: on

# Tokens for concepts: "c_" plus the slug, so that feature names say what they stand for.
SKILL_CONCEPTS: Final[dict[str, str]] = {
    slug: "c_" + slug.replace("-", "_") for slug in SKILL_AREAS
}
DOMAIN_CONCEPTS: Final[dict[str, str]] = {
    slug: "c_domain_" + slug.replace("-", "_") for slug in COMPETENCY_DOMAINS
}
# A criterion asking for the implied concept is met by the implying one: a qualified
# accountant has financial experience; a cyber specialist works in technology.
CONCEPT_IMPLIES: Final[dict[str, tuple[str, ...]]] = {
    "c_accountancy": ("c_finance",),
    "c_cyber_security": ("c_digital",),
    "c_judicial": ("c_legal",),
}
CONCEPT_TOKENS: Final[tuple[str, ...]] = tuple(
    sorted([*SKILL_CONCEPTS.values(), *DOMAIN_CONCEPTS.values()])
)

assert set(SKILL_PHRASES) == set(SKILL_AREAS), "every skill area needs phrases"  # noqa: S101
assert set(DOMAIN_PHRASES) == set(COMPETENCY_DOMAINS), "every domain needs phrases"  # noqa: S101
assert set(REGION_PHRASES) == set(REGIONS), "every region needs places"  # noqa: S101
