"""The words a criterion and a candidate use for roles, named things and committees."""

from __future__ import annotations

from typing import Final

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
    # A law degree: a legal qualification, though not a qualified lawyer.
    "law-graduate": (
        "llb", "llm", "bcl", "law degree", "degree in law", "bachelor of laws",
        "master of laws", "graduated in law", "qualified in law", "llb hons",
    ),
    "doctor": (
        "doctor", "physician", "surgeon", "gp", "general practitioner", "medical practitioner",
        "psychiatrist", "anaesthetist", "paediatrician", "cardiologist", "oncologist",
        "radiologist", "pathologist", "geriatrician", "obstetrician", "gynaecologist",
        "haematologist", "neurologist", "dermatologist", "consultant physician",
        "medical director", "mbbs", "mb chb", "mbchb", "mrcp", "frcp", "frcs", "mrcgp",
        "frcgp", "frcpsych", "mrcpsych", "frca", "gmc registered", "registered with the gmc",
        "consultant in", "chief medical officer", "psychiatry consultant", "qualified in medicine",
        "paediatric consultant", "anaesthetic consultant", "surgical consultant",
        "qualified as a doctor", "qualified as a medical doctor",
        # Membership or fellowship of a medical royal college is a doctor's, by examination.
        "member of the royal college of physicians", "fellow of the royal college of physicians",
        "member of the royal college of surgeons", "fellow of the royal college of surgeons",
        "member of the royal college of general practitioners",
        "fellow of the royal college of general practitioners",
        "member of the royal college of psychiatrists",
        "fellow of the royal college of psychiatrists",
        # A medical degree (read as a post, below); studying for one is not (it may not
        # have been finished).
        "bachelor of medicine", "medical degree", "degree in medicine",
    ),
    "nurse": (
        "nurse", "registered nurse", "registered general nurse", "rgn", "rmn", "rn",
        "chief nurse", "director of nursing", "matron", "health visitor", "nurse consultant",
        "nmc registered", "registered with the nmc", "ward sister", "nurse practitioner",
        "chief nursing officer", "qualified as a nurse", "theatre sister", "nursing sister",
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
    # Posts that run an organisation's finances (not a qualification: "an accountant").
    "finance-lead": (
        "finance director", "director of finance", "chief financial officer",
        "chief finance officer", "cfo", "finance manager", "financial controller",
        "head of finance", "deputy director of finance", "director of financial services",
    ),
    "hr-professional": ("chartered member of the cipd", "chartered fellow of the cipd",
                        "chartered mcipd", "fcipd", "mcipd"),
}
# "Trained as a nurse": the role trained for, read as a post (below), not a qualification.
TRAINED_AS: Final[dict[str, tuple[str, ...]]] = {
    "accountant": ("an accountant",), "doctor": ("a doctor",), "nurse": ("a nurse",),
    "lawyer": ("a solicitor", "a barrister", "a lawyer"),
}
for _role, _nouns in TRAINED_AS.items():
    ROLES[_role] += tuple(f"trained as {noun}" for noun in _nouns)
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
    "legal qualification": ("lawyer", "law-graduate"),
    "qualification in law": ("lawyer", "law-graduate"),
    "professionally qualified accountant": ("accountant",),
    "financially qualified": ("accountant",), "ccab": ("accountant",),
}
# The field a role works in: speaking to it without the role is "possible" evidence.
ROLE_FIELD: Final[dict[str, str]] = {
    "accountant": "c_accountancy", "lawyer": "c_legal", "law-graduate": "c_legal",
    "doctor": "c_clinical_medicine",
    "nurse": "c_clinical_nursing", "midwife": "c_clinical_nursing",
    "allied-health": "c_clinical_allied_health", "pharmacist": "c_clinical_allied_health",
    "psychologist": "c_clinical_allied_health", "dentist": "c_clinical_medicine",
    "surveyor": "c_estates", "engineer": "c_estates", "architect": "c_estates",
    "hr-professional": "c_workforce", "finance-lead": "c_finance",
}
# Posts a clinician holds that do not say the holder is registered: "medical director" is
# a clinical post (``post:doctor``), "a registered doctor" asks more than the post says.
POSTS: Final = frozenset({
    "medical director", "chief medical officer", "chief nurse", "director of nursing",
    "chief nursing officer", "director of midwifery", "head of midwifery",
    "chief allied health professional", "chief pharmacist",
    # A qualification in medicine is not a registration held now.
    "qualified in medicine", "mbbs", "mb chb", "mbchb", "qualified as a doctor",
    "qualified as a medical doctor", "qualified as a nurse", "bachelor of medicine",
    "medical degree", "degree in medicine",
    # A medical royal college's membership is by examination, not a registration held now.
    "member of the royal college of physicians", "fellow of the royal college of physicians",
    "member of the royal college of surgeons", "fellow of the royal college of surgeons",
    "member of the royal college of general practitioners",
    "fellow of the royal college of general practitioners",
    "member of the royal college of psychiatrists", "fellow of the royal college of psychiatrists",
    # A legal post names the function, not the holder's qualification.
    "head of legal", "legal director", "general counsel", "legal counsel",
}) | {f"trained as {noun}" for nouns in TRAINED_AS.values() for noun in nouns}
# What a criterion says to ask for registration, not the post alone.
REGISTRATION_ASK: Final = r"\bregist|\bqualif|\bpractising\b|\blicen[cs]"
# The clinical fields of the thesaurus.
CLINICAL_FIELDS: Final = ("c_clinical_medicine", "c_clinical_nursing", "c_clinical_allied_health")
# The claims of a clinician's post: a role whose field is clinical.
CLINICAL_ROLE_CLAIMS: Final = tuple(
    kind + role
    for role, f in ROLE_FIELD.items()
    if f.startswith("c_clinical")
    for kind in ("role:", "post:")
)
# Ambiguous abbreviations count only beside a word that settles them: "FCA-qualified
# chartered accountant" is a qualification, "the PRA and the FCA" is a regulator.
GUARDED: Final[dict[str, tuple[str, ...]]] = {
    "fca": ("qualified", "chartered", "accountant", "icaew", "aca"),
    "rn": ("registered", "nurse", "nmc", "rgn"),
    "qc": ("barrister", "bar", "chambers", "kc"),
    "kc": ("barrister", "bar", "chambers", "qc"),
    "bds": ("dentist", "dental"),
    "gp": (),
}
# Words before a role that make it someone else's: "advice from a solicitor".
NOT_SELF: Final = frozenset(
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
    "turnaround": ("turnaround", "turned around", "turn around", "turning around",
                   "turned round", "turn round", "turning round", "recovery plan",
                   "financial recovery", "special measures"),
    "research": ("research", "clinical trials", "clinical research"),
    "education": ("education", "teaching", "training of", "medical education"),
    "regulator": ("mhra", "nmc", "gmc", "hcpc", "gphc", "hfea", "hta", "monitor",
                  "nhs improvement", "ofcom", "pra", "fca", "financial conduct authority",
                  "prudential regulation authority", "health and safety executive",
                  "professional standards authority", "rqia", "care inspectorate", "cqc",
                  "care quality commission", "general medical council", "gdc",
                  "general dental council", "nursing and midwifery council",
                  "health and care professions council", "general pharmaceutical council",
                  "medicines and healthcare products regulatory agency",
                  "human fertilisation and embryology authority", "human tissue authority",
                  "healthcare inspectorate wales", "healthcare improvement scotland"),
}
# Named things that are also a field of work.
TERM_IMPLIES: Final[dict[str, tuple[str, ...]]] = {
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
    "c_commercial": ("c_business", "c_marketing"),
    "c_change_management": ("c_transformation",),
}
# Skill areas a post in a close field evidences: "Accountancy" is the finance function,
# so a finance manager or a director of finance has it.
CLOSE_ROLES: Final[dict[str, tuple[str, ...]]] = {"c_accountancy": ("finance-lead",)}
# Skill areas a senior post in a sector evidences: a director of a company has business
# experience.
SECTOR_POSTS: Final[dict[str, tuple[str, ...]]] = {
    "c_business": ("lvl:senior", "in:private"),
    "c_commercial": ("lvl:senior", "in:private"),
    # A senior post in a voluntary organisation ("chair of the charity Attend").
    "c_community_voluntary": ("lvl:senior", "w:c_community_voluntary"),
}
# Sector words: "the voluntary, public or private sectors" together ask for no sector.
SECTOR_FIELDS: Final = frozenset({"c_community_voluntary", "c_business", "c_commercial"})
# fmt: on
