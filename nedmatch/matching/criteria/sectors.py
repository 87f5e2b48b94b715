"""Where a sentence says its subject worked, and what a criterion asks of it: the NHS, the
public, health and private sectors, local government and the local community, charities,
government health policy, patients, and standing in one's field."""

from __future__ import annotations

import re
from typing import Final

from nedmatch.matching.text.gates import Gate

# Bodies of the NHS (and of health and social care in the devolved nations): a board seat
# in a sentence naming one is NHS board experience.
NHS_BODY_RE: Final = re.compile(
    # The NHS's membership bodies (the NHS Confederation, NHS Providers, NHS Employers) are
    # not NHS boards.
    r"\b(?:NHS(?! Confederation| Providers| Employers)|[A-Z]{0,3}HSCT|national health service|foundation trusts?|hospital trusts?|"
    r"health trusts?|"
    r"(?:HSC|health and social care) "
    r"trusts?|integrated care boards?|ICBs?|health boards?|clinical commissioning groups?|CCGs?|"
    r"ambulance trusts?|mental health trusts?|health authorit(?:y|ies)|"
    # Northern Ireland's five health and social care trusts, by their short names.
    r"(?:belfast|northern|southern|western|south eastern) (?:HSC )?trust)\b",
    re.I,
)
# The public sector beyond the NHS: government, councils, the civil service, public bodies,
# and the public finance qualification (CIPFA).
PUBLIC_BODY_RE: Final = re.compile(
    r"\b(?:public[\s-]sector|public (?:body|bodies|services?|authority|authorities)|"
    r"(?:county|city|district|borough|metropolitan) council|councils?|local authorit(?:y|ies)|"
    r"local government|civil serv(?:ice|ant)|(?:central |local |welsh |scottish )?government|"
    r"ministry|department (?:of|for) |HM Treasury|Cabinet Office|police|fire and rescue|"
    r"armed forces|non-departmental|arm's[\s-]length body|public finance|CIPFA)",
    re.I,
)
# Health beyond the NHS's own bodies: hospitals, clinical practice, health policy.
# What "health" names as a field, in a criterion or a candidate's sentence.
_HEALTH_TOPICS = r"issues|matters|sector|policy|policies|system"
HEALTH_BODY_RE: Final = re.compile(
    r"\b(?:hospitals?|health[\s-]?care|health (?:and social care|services?|charity|charities|"
    + _HEALTH_TOPICS
    + r")|public health|mental health|"
    r"primary care|medical|medicine|clinical|clinicians?|patients?|general practi(?:ce|tioner)|"
    r"department of health|secretary of state for health|royal college of \w+|"
    r"care quality commission|CQC|MHRA|king's fund|king’s fund|nuffield trust|"
    # The regulators of health professions and services.
    r"general (?:medical|dental|pharmaceutical|optical) council|GMC|GDC|GPhC|HCPC|HFEA|"
    r"nursing and midwifery council|health and care professions council|RQIA|"
    r"human (?:tissue|fertilisation and embryology) authority|care inspectorate|"
    r"professional standards authority|healthcare (?:inspectorate wales|improvement scotland))\b",
    re.I,
)
# Local government and the services it runs.
LOCAL_BODY_RE: Final = re.compile(
    # The Department for Communities and Local Government is a national department.
    r"\b(?:(?<!communities and )local (?:government(?! law)|authorit(?:y|ies)|council)|(?:county|city|district|borough|"
    r"metropolitan|town|parish) council|councillors?|social (?:services|work services)|"
    r"director of (?:adult|children's|children’s) services|local communit(?:y|ies)|"
    r"(?:my|our|his|her|their) local (?:area|community|communities|town|city|council)|"
    r"where (?:i|he|she|they|we) (?:live|lives|lived|grew up)|social work(?:ers?)?|"
    r"community (?:radio|centres?|centers?|councils?|transport|interest compan(?:y|ies)))\b",
    re.I,
)
# Work done unpaid, which is not work in the voluntary sector.
UNPAID_RE: Final = re.compile(
    r"\b(?:in an? (?:voluntary|unpaid) capacity|on an? (?:voluntary|unpaid) basis)\b", re.I
)
# An office in a charity or a voluntary body, or a life in philanthropy or aid.
VOLUNTARY_POST_RE: Final = re.compile(
    r"\btrustees?\b(?! of (?:the |a |an )?(?:[\w'’]+ ){0,2}pension)|\bphilanthrop\w*|\baid worker",
    re.I,
)
# A charity by its name: the large national ones, and any body named a charity or a hospice
# ("the Fife Health Charity"). Posts there are voluntary-sector work. Names are matched as
# written, capitalised, so that "mind" and "scope" as words are not charities.
CHARITY_NAME_RE: Final = Gate(
    re.compile(
        r"\b(?:Mencap|Mind|Macmillan(?: Cancer Support)?|Barnardo[’']?s|Oxfam|Age (?:UK|Concern)|"
        r"Scope|Sense|Samaritans|Marie Curie|British Heart Foundation|Cancer Research UK|Shelter|"
        r"Rethink(?: Mental Illness)?|NSPCC|RNIB|RNID|Alzheimer[’']?s Society|Save the Children|"
        r"(?:British )?Red Cross|St John Ambulance|Citizens Advice|Action for Children|"
        r"Leonard Cheshire|Sue Ryder|Carers UK|Diabetes UK|Stroke Association|Parkinson[’']?s UK|"
        r"MS Society|Turning Point|Terrence Higgins Trust|Chest,? Heart (?:&|and) Stroke|"
        # A possessive may stand apart where a place was taken out ("the Prince 's Trust").
        r"Healthwatch|Wellcome Trust|(?:[A-Z][\w’'-]+ (?:['’]s )?){1,4}(?:Charity|Charities|Hospice|"
        r"Charitable (?:Foundation|Trust)))\b"
    ),
    [
        "charit",
        "hospice",
        "mencap",
        "mind",
        "macmillan",
        "barnardo",
        "oxfam",
        "age uk",
        "age concern",
        "scope",
        "sense",
        "samaritans",
        "marie curie",
        "british heart",
        "cancer research",
        "shelter",
        "rethink",
        "nspcc",
        "rnib",
        "rnid",
        "alzheimer",
        "save the children",
        "red cross",
        "st john",
        "citizens advice",
        "action for children",
        "leonard cheshire",
        "sue ryder",
        "carers uk",
        "diabetes uk",
        "stroke association",
        "parkinson",
        "ms society",
        "turning point",
        "terrence higgins",
        "chest",
        "healthwatch",
        "wellcome",
    ],
)
# Companies: the private sector.
PRIVATE_SECTOR_RE: Final = re.compile(
    r"\b(?:private[\s-]sector|plc|FTSE|listed compan(?:y|ies)|private equity|"
    r"(?:multinational|global|international|private|commercial|technology|software|retail|"
    r"manufacturing|engineering|insurance|investment|financial services|consultancy|"
    r"consulting|professional services|pharmaceutical|energy|law|legal|accountancy|accounting|"
    r"audit)(?: and \w+)? "
    r"(?:company|companies|firm|firms|group|business|businesses|corporation)|"
    r"investment bank|retailers?|start-?ups?|Ltd|LLP|Inc|(?<=[A-Za-z] )Corporation|"
    r"managing partner|"
    # The largest professional services firms, by name.
    r"(?-i:KPMG|Deloitte|PwC|PricewaterhouseCoopers|Ernst & Young|EY|Accenture|McKinsey)|"
    # A partner of a named firm ("a partner at Deloitte"), or a firm named for its trade.
    r"partner (?:at|in|of|with) (?:the )?(?-i:[A-Z])\w+|partner of the (?:practice|firm)|"
    r"(?:made|became|becoming|appointed|elected) (?:an? )?(?:equity |salaried )?partner|(?<=[A-Za-z] )(?-i:Consulting|"
    r"Consultancy|Consultants|Partners))\b",
    re.I,
)
# What a criterion asks of the sector: "public sector finance", "NHS finance", "private
# sector experience". A list of sectors ("voluntary, public or private") asks for none.
NHS_ASK_RE: Final = re.compile(r"\bNHS\b|\b(?:national )?health service\b", re.I)
# The wider health sector, as asked: "an interest in healthcare issues".
HEALTH_ASK_RE: Final = re.compile(
    r"\bhealth(?:[\s-]?care)? (?:field|" + _HEALTH_TOPICS + r")\b|"
    r"\bhealth[\s-]?care\b",
    re.I,
)
# "A health regulator": a regulator of health or care, not of the press or of banks.
HEALTH_REGULATOR_ASK_RE: Final = re.compile(
    r"\bhealth(?:[\s-]?care| and (?:social )?care)? regulat(?:ors?|ion|ory)\b|"
    r"\bregulat(?:ors?|ion) of health",
    re.I,
)
# Local government and the local community, as asked: "served the local community in local
# government or some other capacity".
LOCAL_ASK_RE: Final = re.compile(
    r"\blocal (?:government|authorit(?:y|ies)|communit(?:y|ies))\b|\bcommunity service\b", re.I
)
PUBLIC_ASK_RE: Final = re.compile(
    # "Public service values" are values, asked of anyone, not a sector.
    r"\bpublic[\s-]sector|\bpublic services?\b(?! (?:values?|ethos|principles))|"
    r"\blocal government\b|\bcivil service\b",
    re.I,
)
PRIVATE_ASK_RE: Final = re.compile(r"\bprivate[\s-]sector|\bcorporate sector\b", re.I)
OTHER_SECTOR_ASK_RE: Final = re.compile(
    r"\bvoluntary\b|\bcharit|\bthird sector\b|\bVCSE\b|\bcommunity sector\b|"
    r"\bacademi[ac]\b|\bindependent sector\b",
    re.I,
)
# Standing in one's field, as a criterion asks it: "a considerable reputation in their field".
REPUTATION_ASK_RE: Final = re.compile(
    r"\breputation\b|\brenown\w*|\b(?:highly |well )?(?:respected|regarded) (?:in|within|across)\b|"
    r"\b(?:standing|stature|eminence) (?:in|within|across)\b",
    re.I,
)
# What shows that standing: being called respected, renowned or best known for one's work;
# ranked among the most influential; an honour for services; heading a professional body.
RENOWN_RE: Final = Gate(
    re.compile(
        # Said of the person ("a respected public service leader"), not of an employer ("a
        # well known retailer").
        r"\b(?:(?:highly |widely |well[\s-])?respected|renowned|eminent|distinguished|"
        r"pre-?eminent|(?:inter)?nationally recogni[sz]ed) (?:[\w-]+ ){0,3}?(?:leaders?|figures?|"
        r"experts?|authorit(?:y|ies)|voices?|specialists?|clinicians?|surgeons?|physicians?|"
        r"scientists?|academics?|researchers?|economists?|lawyers?|practitioners?|professionals?|"
        r"commentators?|careers?|advocates?|campaigners?|executives?)\b|"
        r"\b(?:best|well|widely) known (?:for|as)\b|\bmade (?:his|her|their|a) name\b|"
        r"\brecogni[sz]ed (?:inter)?nationally (?:as|for)\b|"
        # A fellowship conferred, not letters after a name: "made a Fellow of the RCN".
        r"\b(?:made|elected|awarded) (?:an? )?(?:honorary )?fellow(?:ship)? of\b|"
        r"\bhonorary fellow(?:ship)? of\b|"
        r"\bmost (?:powerful|influential)\b|\b(?:at|in) the forefront of\b|"
        r"\b(?:awarded|received|receiving|won|winning)\b[^.]{0,80}?\b(?:award|prize|medal)s?\b|"
        # An honour says standing only with what it was for ("for services to nursing",
        # "knighted ... after overseeing the regeneration"); alone it names no field.
        r"\bfor services to\b|\b(?:knighted|[CDKMO]BE|knighthood|Dame Commander|"
        r"Knight Bachelor|Commander of the Order)\b[^.]{0,80}?\b(?:for|after) (?!the first\b)|"
        r"\b(?:a|the|one of the) (?:world[\s-])?leading (?:[\w-]+ ){0,2}?(?:adviser|advisor|"
        r"expert|authorit(?:y|ies)|figure|voice|specialist|academic|researcher|clinician|"
        r"surgeon|physician|scientist|economist|lawyer|thinker|commentator)s?\b|"
        r"\bwell[\s-]known (?:[\w-]+ ){0,2}?(?:skills|expertise|work|contribution)\b|"
        # A first in one's field, or being remembered for one's work: "the first woman to
        # hold this office", "chiefly remembered and honoured for leading the programme".
        r"\b(?:the|was|is|becoming|became) first (?:and only )?(?:[\w-]+ ){0,3}?(?:to|in) "
        r"(?:hold|lead|head|chair|become|serve|be (?:appointed|elected))\b|"
        r"\b(?:remembered|honoured|honored|celebrated|acclaimed) (?:for|as) (?!a\b)|"
        # Awards for the work itself: "recognised with a number of awards for his work".
        r"\brecogni[sz]ed (?:with|by) (?:[\w-]+ ){0,4}?(?:awards?|prizes?|honours?)\b|"
        r"\bpresident of (?:the )?(?:royal college|royal society|(?:british|royal) \w+ association|"
        r"(?:\w+ )?(?:institute|faculty|academy|society) of)",
        re.I,
    ),
    # Every match holds one of these (a sentence with none is not read).
    [
        "respected",
        "renowned",
        "eminent",
        "distinguished",
        "recogni",
        "known",
        "most powerful",
        "most influential",
        "forefront",
        "knighted",
        "appointed",
        "awarded",
        "made",
        "received",
        "receiving",
        "services to",
        "president of",
        "won",
        "winning",
        "leading",
        "\\bcbe\\b",
        "\\bdbe\\b",
        "\\bkbe\\b",
        "\\bmbe\\b",
        "\\bobe\\b",
        "knighthood",
        "dame commander",
        "knight bachelor",
        "commander of the order",
        "first",
        "remembered",
        "honoured",
        "honored",
        "celebrated",
        "acclaimed",
    ],
)
# A focus on patients, as asked: "patient and community focus", "commitment to patients".
PATIENT_ASK_RE: Final = re.compile(
    r"\b(?:commitment|committed|focus|focused|dedication|dedicated) to (?:\w+ ){0,2}patients\b|"
    r"\bpatient (?:and (?:community|carer) )?focus\b|\bpatient[- ]cent(?:red|ered)\b|"
    r"\bputting patients first\b",
    re.I,
)
# Work with patients or for the people services serve: what a patient focus shows.
PATIENT_WORK_RE: Final = Gate(
    re.compile(
        r"\b(?:work(?:s|ed|ing)? (?:directly |closely )?with (?:[\w-]+ (?:and )?){0,3}patients|"
        r"(?:treat|treated|treating|"
        r"caring for|cared for) patients|patient (?:care|safety|experience|services|involvement|"
        r"engagement|voice|outcomes|participation)|patient and public (?:participation|"
        r"involvement|engagement)|patient-led|services? (?:to|for) (?:people|those|patients|"
        r"carers|children|families|older people|service users|users)|care in the community|"
        r"community care)\b",
        re.I,
    ),
    ["patient", "service", "care in the community", "community care"],
)
# Health policy in government, as asked: "an interest in government health policies".
POLICY_ASK_RE: Final = re.compile(
    r"\bgovernment (?:\w+ ){0,3}polic(?:y|ies)\b|"
    r"\bhealth(?:[\s-]?care)?(?: and (?:social )?care)? polic(?:y|ies)\b|\bpolicy[- ]making\b",
    re.I,
)
# Words that put a sentence in health, and in policy, for the health-policy claim.
HEALTH_WORD_RE: Final = re.compile(
    r"\bhealth\b|\bmedical\b|\bclinical\b|\bcovid\b|\bnursing\b|\bmidwifery\b", re.I
)
POLICY_WORD_RE: Final = re.compile(r"\bpolic(?:y|ies)\b", re.I)
# Taking part in national policy: advice to government, a hand in forming a national
# strategy or review, the case made for a reform, an interest taken in Parliament.
POLICY_PART_RE: Final = re.compile(
    r"\b(?:advice to (?:the )?(?:UK |Scottish |Welsh )?government|advis\w+ (?:the )?"
    r"(?:UK |Scottish |Welsh )?government|(?:formulation|development) of (?:the )?(?:[\w-]+ ){0,4}"
    r"(?:strateg(?:y|ies)|polic(?:y|ies))|made the case for|interest in (?:[\w-]+ ){0,6}in the "
    r"House of (?:Lords|Commons)|(?:national|government) (?:[\w-]+ ){0,2}review)\b",
    re.I,
)
# Central and devolved government, where health policy is made.
CENTRAL_GOV_RE: Final = re.compile(
    r"\b(?:department (?:of|for) health|DHSC|DoH|ministry of health|secretary of state|"
    r"ministers?|ministerial|prime minister|cabinet office|HM Treasury|whitehall|"
    r"downing street|civil serv(?:ice|ant)|(?<!local )government|delivery unit|"
    r"parliament(?:ary)?|policy (?:adviser|advisor|unit|director|lead))\b",
    re.I,
)
# Government as the place of the work: "in the Department of Health", "seconded to the
# Cabinet Office", "Head of Strategy for the NHS and the Department" (not "business with the
# UK government" or "customers included the government").
IN_GOV_RE: Final = re.compile(
    r"\b(?:in|at|within|for|to|from|of|across|and|joined)\s+(?:the\s+)?(?:[A-Z][\w’']*\s+){0,3}$"
)
# Posts that are themselves in government.
GOV_POST_RE: Final = re.compile(
    r"^(?:secretary of state|ministers?|ministerial|civil serv|permanent secretary|"
    r"policy (?:adviser|advisor|unit|director|lead))",
    re.I,
)
# Work, in a sentence that names a sector: "I worked for the NHS for twenty years".
WORKED_RE: Final = re.compile(
    r"\b(?:work(?:s|ed|ing)?|employed|serv(?:e|es|ed|ing)|joined|career|posts?|appointed|"
    r"(?P<office>advis[eo]rs?|officials?|councillors?|mayors?|elected))\b",
    re.I,
)
# An office held by others: "criticised by local councillors", "advice from officials".
OTHERS_OFFICE_RE: Final = re.compile(
    r"\b(?:by|to|with|from|among|against|of|for)\s+(?:(?:the|a|an|its|their|our|local|"
    r"senior|elected|government|council)\s+)*$",
    re.I,
)


def worked(text: str) -> bool:
    """Whether a sentence has a word of working, or an office its subject holds: "I was
    elected a councillor", not "criticised by local councillors"."""
    for match in WORKED_RE.finditer(text):
        if not match.group("office") or not OTHERS_OFFICE_RE.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            return True
    return False


def in_government(text: str) -> bool:
    """Whether a sentence names government as where the work was, not whom it was with:
    "seconded to the Department of Health", not "business with the UK government"."""
    return any(
        GOV_POST_RE.match(m.group()) or IN_GOV_RE.search(text[max(0, m.start() - 40) : m.start()])
        for m in CENTRAL_GOV_RE.finditer(text)
    )
