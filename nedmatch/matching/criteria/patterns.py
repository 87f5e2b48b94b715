"""The regexes and verb lists that read what a clause says its subject did or holds."""

from __future__ import annotations

import re
from typing import Final

# Senior posts a person holds: a chief executive, a director, a partner, a board seat.
# "Non-executive", "non executive", "Non–Executive" (an en dash) or "nonexecutive".
NON_PREFIX: Final = r"non[-\u2013 ]?"
SENIOR_RE: Final = re.compile(
    r"\b(?:chief executive|ceo|chief \w+ officer|c[efiot]o|(?:executive |managing |finance |"
    r"non-executive |non executive |medical |nursing |group \w+ )?director(?: general)?|"
    r"chair(?:man|woman|person)?|managing partner|senior partner|partner|head of|"
    r"general manager|president|(?:permanent|under|deputy|assistant|general)[- ]secretary|"
    r"chief (?:officer|inspector) of|"
    r"secretary of state|minister|dean|senior civil servant|"
    r"leader of (?:the )?(?:[\w'’-]+ ){0,4}council|(?<!deputy )council leader|"
    r"senior managers?|senior (?:line )?manag(?:erial|ement) (?:positions?|roles?|posts?)|"
    r"principal|board member|trustee|governor|commissioner|chief constable|"
    # A profession's national or organisational lead: "Chief Nurse for Adult Social Care".
    r"chief (?:nurse|social worker|pharmacist|midwife|scientist|engineer|economist|"
    r"statistician|inspector|(?:scientific|medical|economic) adviser)|"
    r"board[- ]level (?:leadership|roles?|positions?))\b",
    re.I,
)
BOARD_SEAT_RE: Final = re.compile(
    r"\b(?:non-?exec(?:utive)?|board member|member of the board|(?:a|an) director of|"
    r"chair(?:man|woman|person)?\b(?! of the \w+ committee)|trustee|governor|on the board|"
    # A chief executive and an executive director sit on their organisation's board.
    r"board of directors|(?<!deputy )(?<!assistant )chief executive|executive director|"
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
# Academic leadership, as asked, and the posts that are it: a dean, a vice-chancellor, the
# head of a school; a professorship or a lecturer's post is academic work to check.
ACADEMIC_ASK_RE: Final = re.compile(r"\bacademic (?:leadership|leaders?)\b", re.I)
ACADEMIC_LEAD_RE: Final = re.compile(
    # A sub-dean or an associate dean deputises for the dean.
    r"(?<!sub-)(?<!sub )(?<!associate )(?<!assistant )(?<!deputy )"
    r"\b(?:dean|(?:pro-?|deputy )?vice[- ]chancellor|provost|principal of (?:the )?(?:[\w'’]+ ){0,3}"
    r"(?:university|college)|head of (?:the )?(?:school|department|faculty|division)|"
    r"director of (?:the )?(?:[\w'’]+ ){0,3}institute)\b",
    re.I,
)
ACADEMIC_POST_RE: Final = re.compile(
    r"\b(?:professor|professorship|lecturer|reader in|academic career|academia)\b", re.I
)
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
    # A deputy's or an assistant's post is not the head's.
    r"(?<!deputy )(?<!deputy-)(?<!assistant )"
    r"\b(?:chief executive|ceo|managing director|director[- ]general|secretary[- ]general|"
    r"general secretary|chief (?:officer|inspector) of (?:the )?(?-i:[A-Z])\w*|"
    r"general manager|(?<!vice )(?<!vice-)president|permanent secretary|vice[- ]chancellor|"
    r"principal of|leader of (?:the )?(?:[\w'’-]+ ){0,4}council|council leader|"
    r"head of (?:the )?(?:[A-Z][\w'’-]* ){1,4}(?:Office|Agency|Authority|Commission|Service|"
    r"Trust|Council))\b|"
    # The director of a named body heads it ("Director of the Wellcome Trust"); a director
    # of a function does not ("director of corporate services").
    r"(?<!deputy )(?<!assistant )(?<!associate )\bdirector of (?:the )?(?-i:(?:[A-Z][\w'’&-]* )"
    r"{1,5}(?:Trust|Foundation|Institute|Agency|Authority|Commission|Corporation|Unit|Centre|"
    r"Center|Museum|Library|Gallery|Council|School|Observatory|Laboratory|Laboratories)\b)",
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
    r"|\b(?:has|have|had|brings|bring|brought)\b[^.;]{0,60}?\b(?:experience|expertise)\b"
    # Taking up a post is holding it: "took up her post as", "accepted the post of".
    r"|\b(?:took up|take up|takes up|accepted|assumed|started|began)\s+(?:(?:his|her|their|my|"
    r"the|a|this|that)\s+)?(?:post|role|position|appointment|office)\b|\b(?:started|began) as\b",
    re.I,
)
# Words of doing that say nothing done: a verb in the future ("where he will lead
# development") and "leading" as an adjective ("Australia's leading provider").
NOT_DONE_RE: Final = re.compile(
    r"\b(?:will|shall|is to|are to|(?:is|are) going to|(?:plan|intend|aim|hope)s? to)\s+"
    r"(?:also\s+|now\s+|then\s+)?(\w+)|"
    r"\b(?:a|an|the|its|their|our|\w+['’]s)\s+(leading)\b",
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
    r"commission|agency|ltd|limited|cic|enterprise|clinical commissioning group|ccg"
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
# A post not yet held: "would become the chair", "the preferred candidate for Chair".
PROSPECTIVE_RE: Final = re.compile(
    r"\b(?:would|will|is to|are to|set to|due to) (?:\w+ly )?(?:become|be|take up|take over|join|"
    r"chair|lead|head|begin|start|assume|step into|commence)\b|"
    # "will step down from ... to take up post as Chair of ...".
    r"\bto take up (?:(?:his|her|their|the|a|this) )?(?:post|role|position|office|appointment)\b|"
    # ... and just before the post itself: "she would [chair]".
    r"\b(?:would|will|shall|is to|are to|set to|due to)\s*$|"
    r"\b(?:preferred |chosen |proposed )?candidate (?:for|to be|as)\b|\bnominated (?:for|as)\b|"
    # An announcement, or an agreement to serve: "announced the appointment of ... as
    # Chair", "has agreed to serve as the chairman ... when it is set up".
    r"\bannounc\w* (?:today )?(?:the )?(?:re-?)?appointment of\b|\bnominat\w* to be\b|"
    r"\bagreed to (?:serve|become|act|take up)\b|\bwhen it is (?:set up|established)\b|"
    # The words of an announcement: "has been appointed as the new chair" (a post held
    # again is "has been re-appointed").
    r"\bha(?:s|ve) (?:today |now |formally |just |recently )?been (?:appointed|confirmed (?:as|in))\b|"
    r"\bconfirm\w* (?:today )?(?:the )?(?:re-?)?appointment of\b|"
    # The words of one's own announcement: "I am honoured to be appointed as ...".
    r"\b(?:honoured|proud|delighted|pleased|privileged|thrilled|excited) to (?:be|have been) "
    r"(?:appointed|named|selected|chosen)\b",
    re.I,
)
# A post named as still to come: "Chief Executive Designate", "President-elect", "the
# next Chief Scientific Adviser", "the incoming chair".
TO_COME_TITLE_RE: Final = re.compile(
    r"\b(?:the )?(?:next|incoming)\s+(?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*|"
    r"\b(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*[\s-](?:[Dd]esignate|[Ee]lect)\b"
)
# A post described, not a person: "The Chief Social Worker for Adults works with ...",
# "Reporting to the Chief Medical Officer, the Chief Scientific Adviser provides ...",
# "Non-executive board members are senior figures ...". Read only where the sentence
# names no one by a pronoun (a candidate's own "The role involved ..." is their post).
POST_DESCRIBED_RE: Final = re.compile(
    r"^\s*(?:[^,]{0,80},\s*)?(?:[Tt]he|[Aa]n?) (?!(?:Rt|Right|Hon|Honourable|Lord|Lady|Revd|"
    r"Reverend|Venerable|Duke|Duchess|Earl|Countess)\b)(?:[A-Z][\w'’-]*\s+){1,5}(?:(?:for|of|to)"
    r"\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,5})?(?:works|provides|is responsible|leads|reports|"
    r"advises|supports|oversees|acts|sits|has responsibility|is accountable)\b|"
    r"^\s*(?:[A-Z][\w-]*\s+){0,2}(?:board\s+)?(?:members|directors|trustees|governors|"
    r"officers|advisers)\s+are\b"
)
# Appointments described in general, of a class of post: "Chairmen and non-executive
# members of the health authorities are appointed for their personal qualities",
# "Non-executive appointments to trust boards are made by the Department".
GENERAL_POSTS_RE: Final = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}(?:chairs|chairmen|chairwomen|members|directors|non-executives|"
    r"trustees|governors|appointments|appointees)\b(?:\s+(?:and|or)\s+(?:[\w-]+\s+){0,3}"
    r"(?:members|directors|non-executives|trustees|governors))?(?:\s+(?:of|to|on)\s+"
    r"(?:[\w-]+\s+){1,5}?)?\s*(?:are|were)\s+(?:\w+ly\s+)?(?:appointed|made|chosen|selected|"
    r"recruited|required|expected|paid|drawn|responsible)\b",
    re.I,
)
# What is asked of candidates, or how posts are to be filled, with no one holding one:
# "Candidates should normally live in the area ...", "criteria for choosing who should
# serve as chairs", "the Secretary of State should designate an Ombudsman as the Chair".
POSTS_TO_FILL_RE: Final = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}(?:candidates|applicants|nominees|the successful (?:candidate|applicant))"
    r"\s+(?:should|must|will|need|are (?:expected|required)|may)\b"
    r"|\bcriteria for (?:choosing|selecting|appointing)\b"
    r"|\bwho (?:should|shall|will|would|may|might) (?:serve|be appointed|sit)\b"
    r"|\b(?:should|shall|may|must) (?:designate|appoint|nominate|select)\b",
    re.I,
)
# Fields in the name of a body whose work is not in them: "the Local Government and Social
# Care Ombudsman" investigates councils and care providers: its fields are named, not
# worked in.
FIELDS_IN_NAME_RE: Final = re.compile(
    r"(?<=\b[Tt]he )(?:[A-Z][\w'’-]*,?\s+(?:and\s+|&\s+)?){1,6}(?=Ombudsman\b)"
)
# An ombudsman's own post: "took over as interim Housing Ombudsman", "The last permanent
# Housing Ombudsman, [name], resigned". An ombudsman heads the ombudsman's service.
OMBUDSMAN_POST_RE: Final = re.compile(
    r"\b(?i:as|became|become|becomes|is|was|been)\s+(?:(?:the|an?)\s+)?(?:(?i:interim|acting|"
    r"permanent|first|new|current)\s+)*(?:[A-Z][\w'’-]*,?\s+(?:and\s+)?){0,5}"
    r"Ombudsman\b(?!'s| [Ss]ervice)|"
    r"Ombudsman(?:\s*\([^)]*\))?,\s+(?:\[redacted\]|(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*),"
)
# The words that put a person in a sentence.
_PERSON = r"I|me|{my}|we|our|he|him|his|she|her|hers|myself|himself|herself"
PERSON_WORD_RE: Final = re.compile(
    rf"\b(?:{_PERSON.format(my='my')}|they|them|their)\b|\[redacted\]", re.I
)
# One person in a sentence (a plural "they" may be the class of post described; "my right
# hon. Friend" is a Member of Parliament speaking of another).
SINGULAR_PERSON_RE: Final = re.compile(
    rf"\b(?:{_PERSON.format(my='my(?! (?:right )?hon)')})\b|\[redacted\]", re.I
)
# A board described, not a seat held: "the Board comprises a Non-Executive Chair", "a
# matter for the Trust Board (i.e. Chairman and non-Executive Director)".
BODY_DESCRIBED: Final = (
    r"\b(?:compris\w*|consists? of|made up of|i\.e\.)\s+(?:[\w,’'-]+\s+){0,5}[\w’'-]*$"
)
BODY_DESCRIBED_RE: Final = re.compile(BODY_DESCRIBED, re.I)
OTHERS_CHAIR_RE: Final = re.compile(
    # "Promoted to Director" is their own post; "reported to the Director" is not.
    r"\b(?:(?<!promoted )(?<!appointed )(?<!elected )(?<!progressed )(?<!returned )"
    r"(?<!rising )(?<!rose )(?<!risen )(?<!moved )(?<!progressing )(?<!went on )to|"
    r"with|by|for|alongside|supporting|supported|advising|advised|assisting|"
    r"assisted|deputising for|deputy to|appointed by|(?:recommendation|advice|invitation|"
    r"request|nomination|behalf) of|"
    # Recruiting a post is not holding it: "the recruitment of our Director of Finance".
    r"recruit(?:ed|ing|ment of))\s+(?:(?:the|a|an|its|their|our|new|permanent|interim)\s*)*$",
    re.I,
)
# "Chair of NHS Improvement", "Chairman of TSB Bank": a named organisation is its board.
NOT_ORG_NAME_RE: Final = re.compile(
    r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,5}?(?:Area|Programme|Partnership|"
    r"Forum|Group|Network|Panel|Taskforce|Task Force|Review|Inquiry|Working Group|Alliance|"
    # A council's cabinet is its executive of councillors, not a board.
    r"Cabinet)\b"
)
NAMED_ORG_RE: Final = re.compile(r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z0-9][\w&'’.-]*)")
BOARD_RE: Final = re.compile(r"\b(?:" + ORG_BOARD + r")\b", re.I)
# Boards chaired, in the plural: "experience of serving and chairing boards".
BOARDS_CHAIRED_RE: Final = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?boards\b", re.I)

ACTIVITY_RE: Final = re.compile(
    r"\b(?:implement\w*|deliver\w*|deploy\w*|roll(?:ing|ed)?[\s-]out|introduc\w*|"
    r"transform\w*|lead(?:ing)?|led|manag(?:e|ing)|oversee\w*|overseeing|driv(?:e|ing)|"
    r"establish\w*|set(?:ting)? up|commission\w*|procur\w*|negotiat\w*|turn(?:ed|ing|s)? a?round|"
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
    r"(?:hospital|hospitals|infirmary|nhs|medical centre|cancer centre|health board)\b"
    r"|\bhospital consultant\b|\bconsultant in (?:\w+ )?(?:medicine|surgery|psychiatry|paediatrics|"
    r"anaesthe\w+|radiology|pathology|oncology|cardiology|haematology|neurology)\b"
)

# A specialism of one's own: "a surgeon who specialises in cardiac surgery", "a qualified
# accountant".
SPECIALISM_RE: Final = re.compile(
    r"\bspeciali[sz](?:es|ed|ing|t) in\b|\b(?:is|was|are|were|became|as) an? (?:\w+ )?"
    r"(?:qualified|chartered|practising|practicing)\b",
    re.I,
)
# Specialist skills in no named field: "relevant specialist skills or knowledge".
SPECIALIST_ASK_RE: Final = re.compile(
    r"\b(?:specialist|professional|technical) (?:skills?|knowledge|expertise|background)\b",
    re.I,
)
# Working in or beside a body, not taking its advice: "sat on the board of Monitor".
WORKED_BESIDE_RE: Final = re.compile(
    r"\b(?:sat on|sit on|sits on|served on|serves on|member of|work(?:ed|s|ing)? "
    r"(?:closely )?(?:with|alongside|for|in|at)|liais(?:ed|es|ing) with|seconded to|"
    r"employed (?:by|at)|inspector|on the board of)\b",
    re.I,
)
# Posts whose holder leads research.
RESEARCH_POST_RE: Final = re.compile(
    # A professorship is a post ("Professor of Medicine", "a professor"); "Professor" before
    # a name is a title, which says nothing of research led.
    r"\bprofessor(?=\s*(?:of|in|at|emeritus|and|[,(–-])\s)|\bprofessorships?\b|"
    r"\b(?:a|an|as|is|was|became|full|visiting|honorary|emeritus|clinical|associate|assistant|"
    r"research) professor\b(?!\s+(?-i:[A-Z]|\[))|"
    r"\b(?:principal investigator|chief investigator|director of research|"
    r"research director|head of research|research professor|senior research fellow)\b|"
    # The head of a research body or programme ("Head of the National Institute for Health
    # and Care Research", "Director General of Research and Development").
    r"\b(?:head|director(?: general)?|chief executive) of (?:the )?(?:[\w&,]+ ){0,6}?"
    r"research\b(?! (?:assistant|officer|administrator)s?\b)",
    re.I,
)
# A post that leads clinical work, whoever holds it: "clinical director", "clinical lead".
# Founding an organisation: its founder led it ("founded a charity", "co-founder of").
FOUNDED_RE: Final = re.compile(
    r"\b(?:founded|co-founded|set up|established)\s+(?:(?:the|a|an|his|her|their|its|own)\s+)"
    r"{0,2}(?:(?:[\w'’-]+\s+){0,4}?(?:charity|company|business|firm|organi[sz]ation|foundation|"
    r"consultancy|enterprise|association)\b|(?-i:[A-Z]))|"
    r"\b(?:co-?)?founder (?:and [\w-]+ )?of\b|\bfounding (?:director|chief executive|chair|"
    r"trustee|partner|president)\b",
    re.I,
)
# Leading a ward, a unit or a clinical service: "clinical leadership" short of a senior post.
CLINICAL_LEAD_RE: Final = re.compile(
    r"(?<!deputy )\b(?:ward sister|senior sister|charge nurse|head nurse|lead nurse|matron|"
    r"sister in charge|nurse in charge|clinical lead|lead clinician|head of (?:nursing|midwifery))"
    r"s?\b",
    re.I,
)
CLINICAL_POST_RE: Final = re.compile(
    r"\bclinical (?:director|lead|leader|chair|governance lead)s?\b|"
    r"\b(?:medical|nursing|clinical) (?:adviser|advisor)s?\b",
    re.I,
)
