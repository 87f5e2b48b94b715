"""The regexes and verb lists that read what a clause says its subject did or holds."""

from __future__ import annotations

import re
from typing import Final

# Senior posts a person holds: a chief executive, a director, a partner, a board seat.
SENIOR_RE: Final = re.compile(
    r"\b(?:chief executive|ceo|chief \w+ officer|c[efiot]o|(?:executive |managing |finance |"
    r"non-executive |non executive |medical |nursing |group \w+ )?director(?: general)?|"
    r"chair(?:man|woman|person)?|managing partner|senior partner|partner|head of|"
    r"general manager|president|permanent secretary|secretary of state|minister|dean|"
    r"principal|board member|trustee|governor|commissioner|chief constable|"
    r"board[- ]level (?:leadership|roles?|positions?))\b",
    re.I,
)
BOARD_SEAT_RE: Final = re.compile(
    r"\b(?:non-?executive|board member|member of the board|chair(?:man|woman|person)?\b"
    r"(?! of the \w+ committee)|trustee|governor|on the board|board of directors|"
    r"board[- ]level (?:leadership|roles?|positions?))",
    re.I,
)
# A criterion asking for seniority or a board seat, not a field.
SENIOR_ASK_RE: Final = re.compile(
    r"\b(?:senior|board[- ](?:level|equivalent)|executive[- ]level|leadership|"
    r"management (?:experience|structure)|corporate governance|oversee|scrutin\w+)\b",
    re.I,
)

# Leading a whole organisation, as asked: "experience of leading an organisation".
HEAD_ASK_RE: Final = re.compile(
    r"\b(?:lead|leading|led|run|running|ran|head|heading) (?:of )?an? (?:\w+ ){0,2}"
    r"organi[sz]ation",
    re.I,
)
# Running operations, as asked: "experience of NHS operational delivery".
OPERATIONS_ASK_RE: Final = re.compile(
    r"\boperational (?:delivery|management|leadership|experience|performance)\b|"
    r"\b(?:running|managing|leading) operations\b|\boperations management\b",
    re.I,
)
# The posts that run an organisation's operations.
OPERATIONS_POST_RE: Final = re.compile(
    r"\b(?:chief executive|ceo|general manager|managing director|chief operating officer|"
    r"coo|(?:director|head) of operations|operations director|director of service delivery)\b",
    re.I,
)
# The post at the head of an organisation (a chair of its board counts too).
HEAD_RE: Final = re.compile(
    r"\b(?:chief executive|ceo|managing director|director[- ]general|secretary[- ]general|"
    r"general manager|(?<!vice )(?<!vice-)president|permanent secretary|vice[- ]chancellor|"
    r"principal of)\b",
    re.I,
)

AGENTIVE: Final = frozenset(
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
EXPERIENCE_RE: Final = re.compile(
    r"\b(?:experience|expertise|background|career|skills|knowledge|track record|"
    r"years)\s+(?:of|in|as|with|on)\b"
    # "She has a wide range of digital health experience": the field comes first.
    r"|\b(?:has|have|had|brings|bring|brought)\b[^.;]{0,60}?\b(?:experience|expertise)\b",
    re.I,
)
# Verbs that put the candidate beside a topic rather than in charge of it.
RELATIONAL_RE: Final = re.compile(
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
CLAUSE_SPLIT_RE: Final = re.compile(
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

CHAIR_RE: Final = re.compile(
    r"\b(?P<pre>vice|deputy|co|joint|interim|acting)?[\s-]?(?P<chair>chair(?:ed|ing|s)?|"
    r"chairman|chairwoman|chairperson)\b(?!\s+by\b)",
    re.I,
)
ORG_BOARD: Final = (
    r"board|trust|foundation trust|council|company|charity|foundation|association|authority|"
    r"icb|integrated care board|health board|college|university|governors|plc|group board|"
    r"partnership board|organisation|organization|society|institute|hospice|healthwatch|"
    r"commission|agency|ltd|limited|cic|enterprise"
)
NOT_ORG_BOARD: Final = re.compile(
    r"\b(?:programme|program|project|transformation|partnership|clinical|network|"
    r"steering|advisory|oversight|delivery|improvement|digital|regional|system|"
    r"locality|working|task|reference|stakeholder)\s+(?:\w+\s+)?board\b",
    re.I,
)
COMMITTEE_RE: Final = re.compile(
    r"\b(?:committees?|sub-committees?|subcommittees?|panels?)\b", re.I
)
# Words before "chair" that make it someone else's: "reported to the chair".
OTHERS_CHAIR_RE: Final = re.compile(
    # "Promoted to Director" is their own post; "reported to the Director" is not.
    r"\b(?:(?<!promoted )(?<!appointed )(?<!elected )(?<!progressed )(?<!returned )to|"
    r"with|by|for|alongside|supporting|supported|advising|advised|assisting|"
    r"assisted|deputising for|deputy to|appointed by)\s+(?:the\s+|a\s+|its\s+|their\s+)?$",
    re.I,
)
# "Chair of NHS Improvement", "Chairman of TSB Bank": a named organisation is its board.
NOT_ORG_NAME_RE: Final = re.compile(
    r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,5}?(?:Area|Programme|Partnership|"
    r"Forum|Group|Network|Panel|Taskforce|Task Force|Review|Inquiry|Working Group|Alliance)\b"
)
NAMED_ORG_RE: Final = re.compile(r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z0-9][\w&'’.-]*)")
BOARD_RE: Final = re.compile(r"\b(?:" + ORG_BOARD + r")\b", re.I)

ACTIVITY_RE: Final = re.compile(
    r"\b(?:implement\w*|deliver\w*|deploy\w*|roll(?:ing|ed)?[\s-]out|introduc\w*|"
    r"transform\w*|lead(?:ing)?|led|manag(?:e|ing)|oversee\w*|overseeing|driv(?:e|ing)|"
    r"establish\w*|set(?:ting)? up|commission\w*|procur\w*|negotiat\w*|turn(?:ing)? around|"
    r"turnaround|merg\w*|redesign\w*|build(?:ing)?|develop(?:ing|ment)|change programme|"
    r"programme|project|go-live)\b",
    re.I,
)
ROLE_SIGNAL_RE: Final = re.compile(
    r"\b(?:qualified|registered|chartered|practising|practicing|professional|"
    r"accredited|certified|professionally|accountancy|legal qualification)\b",
    re.I,
)
BRACKET_RE: Final = re.compile(r"\(([^)]*)\)")

# "Fellow of the Institute of Chartered Accountants": a designation is a qualification.
DESIGNATIONS: Final = frozenset("fellow associate member chartered".split())
HOSPITAL_CONSULTANT_RE: Final = re.compile(
    r"(?<!management )(?<!it )(?<!business )(?<!financial )(?<!independent )"
    r"\b(?:honorary |locum )?consultant (?:\w+ ){0,3}?(?:at|in|with) (?:the )?(?:\w+ ){0,5}?"
    r"(?:hospital|hospitals|infirmary|nhs|medical centre|health board)\b"
    r"|\bhospital consultant\b"
)

# Bodies of the NHS (and of health and social care in the devolved nations): a board seat
# in a sentence naming one is NHS board experience.
NHS_BODY_RE: Final = re.compile(
    r"\b(?:NHS|[A-Z]{0,3}HSCT|national health service|foundation trust|hospital trust|"
    r"health trust|"
    r"(?:HSC|health and social care) "
    r"trust|integrated care board|ICB|health board|clinical commissioning group|CCG|"
    r"ambulance trust|mental health trust|health authority|"
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
    r"care quality commission|CQC|MHRA|king's fund|king’s fund|nuffield trust)\b",
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
# A specialism of one's own: "a surgeon who specialises in cardiac surgery", "a qualified
# accountant".
SPECIALISM_RE: Final = re.compile(
    r"\bspeciali[sz](?:es|ed|ing|t) in\b|\b(?:is|was|are|were|became|as) an? (?:\w+ )?"
    r"(?:qualified|chartered|practising|practicing)\b",
    re.I,
)
# An office in a charity or a voluntary body, or a life in philanthropy or aid.
VOLUNTARY_POST_RE: Final = re.compile(
    r"\btrustees?\b(?! of (?:the |a |an )?(?:[\w'’]+ ){0,2}pension)|\bphilanthrop\w*|\baid worker",
    re.I,
)
# A charity by its name: the large national ones, and any body named a charity or a hospice
# ("the Fife Health Charity"). Posts there are voluntary-sector work. Names are matched as
# written, capitalised, so that "mind" and "scope" as words are not charities.
CHARITY_NAME_RE: Final = re.compile(
    r"\b(?:Mencap|Mind|Macmillan(?: Cancer Support)?|Barnardo[’']?s|Oxfam|Age (?:UK|Concern)|"
    r"Scope|Sense|Samaritans|Marie Curie|British Heart Foundation|Cancer Research UK|Shelter|"
    r"Rethink(?: Mental Illness)?|NSPCC|RNIB|RNID|Alzheimer[’']?s Society|Save the Children|"
    r"(?:British )?Red Cross|St John Ambulance|Citizens Advice|Action for Children|"
    r"Leonard Cheshire|Sue Ryder|Carers UK|Diabetes UK|Stroke Association|Parkinson[’']?s UK|"
    r"MS Society|Turning Point|Terrence Higgins Trust|Chest,? Heart (?:&|and) Stroke|"
    r"Healthwatch|Wellcome Trust|(?:[A-Z][\w’'-]+ ){1,4}(?:Charity|Charities|Hospice))\b"
)
# Companies: the private sector.
PRIVATE_SECTOR_RE: Final = re.compile(
    r"\b(?:private[\s-]sector|plc|FTSE|listed compan(?:y|ies)|private equity|"
    r"(?:multinational|global|international|private|commercial|technology|software|retail|"
    r"manufacturing|engineering|insurance|investment|financial services|consultancy|"
    r"consulting|professional services|pharmaceutical|energy) "
    r"(?:company|companies|firm|firms|group|business|businesses|corporation)|"
    r"investment bank|retailer|start-?ups?|Ltd|LLP|Inc|(?<=[A-Za-z] )Corporation|"
    r"managing partner)\b",
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
# Local government and the local community, as asked: "served the local community in local
# government or some other capacity".
LOCAL_ASK_RE: Final = re.compile(
    r"\blocal (?:government|authorit(?:y|ies)|communit(?:y|ies))\b|\bcommunity service\b", re.I
)
# Specialist skills in no named field: "relevant specialist skills or knowledge".
SPECIALIST_ASK_RE: Final = re.compile(
    r"\b(?:specialist|professional|technical) (?:skills?|knowledge|expertise|background)\b",
    re.I,
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
# Working in or beside a body, not taking its advice: "sat on the board of Monitor".
WORKED_BESIDE_RE: Final = re.compile(
    r"\b(?:sat on|sit on|sits on|served on|serves on|member of|work(?:ed|s|ing)? "
    r"(?:closely )?(?:with|alongside|for|in|at)|liais(?:ed|es|ing) with|seconded to|"
    r"employed (?:by|at)|inspector|on the board of)\b",
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
RENOWN_RE: Final = re.compile(
    # Said of the person ("a respected public service leader"), not of an employer ("a
    # well known retailer").
    r"\b(?:(?:highly |widely |well[\s-])?respected|renowned|eminent|distinguished|"
    r"pre-?eminent|(?:inter)?nationally recogni[sz]ed) (?:[\w-]+ ){0,3}?(?:leaders?|figures?|"
    r"experts?|authorit(?:y|ies)|voices?|specialists?|clinicians?|surgeons?|physicians?|"
    r"scientists?|academics?|researchers?|economists?|lawyers?|practitioners?|professionals?|"
    r"commentators?|careers?|advocates?|campaigners?|executives?)\b|"
    r"\b(?:best|well|widely) known (?:for|as)\b|"
    r"\bmost (?:powerful|influential)\b|\bknighted\b|"
    r"\b(?:appointed|awarded|made|received|receiving)\b[^.]{0,80}?\b(?:[CDKMO]BE|honours?|"
    r"knighthood|Dame Commander|Knight Bachelor|Commander of the Order|award|prize|medal)\b|"
    r"\bfor services to\b|"
    r"\bpresident of (?:the )?(?:royal college|royal society|(?:british|royal) \w+ association|"
    r"(?:\w+ )?(?:institute|faculty|academy|society) of)",
    re.I,
)
# A focus on patients, as asked: "patient and community focus", "commitment to patients".
PATIENT_ASK_RE: Final = re.compile(
    r"\b(?:commitment|committed|focus|focused|dedication|dedicated) to (?:\w+ ){0,2}patients\b|"
    r"\bpatient (?:and (?:community|carer) )?focus\b|\bpatient[- ]cent(?:red|ered)\b|"
    r"\bputting patients first\b",
    re.I,
)
# Work with patients or for the people services serve: what a patient focus shows.
PATIENT_WORK_RE: Final = re.compile(
    r"\b(?:work(?:s|ed|ing)? (?:directly |closely )?with patients|(?:treat|treated|treating|"
    r"caring for|cared for) patients|patient (?:care|safety|experience|services|involvement|"
    r"engagement|voice|outcomes)|patient-led|services? (?:to|for) (?:people|those|patients|"
    r"carers|children|families|older people|service users|users)|care in the community|"
    r"community care)\b",
    re.I,
)
# Health policy in government, as asked: "an interest in government health policies".
POLICY_ASK_RE: Final = re.compile(
    r"\bgovernment (?:\w+ ){0,3}polic(?:y|ies)\b|"
    r"\bhealth(?:[\s-]?care)?(?: and (?:social )?care)? polic(?:y|ies)\b|\bpolicy[- ]making\b",
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
    r"\b(?:in|at|within|for|to|from|of|across|and)\s+(?:the\s+)?(?:[A-Z][\w’']*\s+){0,3}$"
)
# Posts that are themselves in government.
GOV_POST_RE: Final = re.compile(
    r"^(?:secretary of state|ministers?|ministerial|civil serv|permanent secretary|"
    r"policy (?:adviser|advisor|unit|director|lead))",
    re.I,
)
# Posts whose holder leads research.
RESEARCH_POST_RE: Final = re.compile(
    r"\b(?:professor|principal investigator|chief investigator|director of research|"
    r"research director|head of research|research professor|senior research fellow)\b",
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
