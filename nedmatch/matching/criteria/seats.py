"""Seats a criterion may ask for by name, and the sentences that hold them: a
non-executive post, a seat on an NHS board, work in local government or housing.

Read as topics, these criteria were met by any sentence that named them ("applications
have been received for the non-executive director posts") and missed by the posts that
are them ("I was Chairman of the Royal Free Hospital Trust", "a local councillor"). They
are read as claims instead: the subject holds the post, not a post someone else holds or
will hold.
"""

from __future__ import annotations

import re
from typing import Final

from nedmatch.matching.criteria.patterns import BODY_DESCRIBED, NON_PREFIX, PROSPECTIVE_RE
from nedmatch.matching.criteria.spec import Requirement, options

# The claims of work in a place a criterion may name.
PLACE_CLAIMS: Final = frozenset({"in:localgov", "in:housing"})

# What a criterion asks.
NED_ASK_RE: Final = re.compile(
    rf"\b{NON_PREFIX}executive (?:director |member |board )?(?:experience|role)|"
    rf"\bexperience (?:as|of being|of serving as) (?:an? )?{NON_PREFIX}executive|\bNED experience",
    re.I,
)
NHS_BOARD_ASK_RE: Final = re.compile(
    r"\bNHS board(?:-level)? experience|\bexperience (?:of|on|at) (?:an? )?NHS board|"
    r"\bboard experience in the NHS",
    re.I,
)
LOCAL_GOV_ASK_RE: Final = re.compile(r"\blocal government|\blocal authorit", re.I)
HOUSING_ASK_RE: Final = re.compile(r"\bhousing\b", re.I)

# What a sentence says its subject holds.
NED_POST_RE: Final = re.compile(
    rf"\b{NON_PREFIX}exec(?:utive)?\.?(?: \w+){{0,2}} (?:director|member|chair(?:man|woman)?|trustee|"
    r"position|post|"
    r"role|appointment|seat)s?\b|"
    rf"\bNEDs?\b|\b{NON_PREFIX}executives\b|\b(?:lead |a |as ){NON_PREFIX}execs?\b|"
    rf"\bindependent (?:{NON_PREFIX}executive |board )?(?:director|member)\b",
    re.I,
)
LOCAL_GOV_RE: Final = re.compile(
    # The Department for Communities and Local Government is a national department.
    # A minister's title is not local government, and services sold to it are a market.
    r"(?<!communities and )(?<!(?<!for) services to )(?<!consultancy to )\blocal government"
    r"(?! law| secretary| minister| ombudsman)|\blocal authorit(?:y|ies)|\bcouncill?ors?\b|"
    r"\b(?:county|city|district|borough|metropolitan|town|parish|unitary) council\b|"
    # "At the London Borough of Camden" is a council (a peer's "of Y in the London
    # Borough of Z" is a place: PEER_PLACE_RE).
    r"\blondon borough of\b|\bcouncil leader\b|"
    # A mayor of a place, or an elected mayor, heads its local authority.
    r"\b(?<!deputy )mayor of (?-i:[A-Z])|\bdirectly[- ]elected mayors?\b|"
    r"\bLocal Government Association\b",
    re.I,
)
# A post in a council named by its place, and the councils' own associations (as written:
# "Co-Leader of Aberdeenshire Council", "President of COSLA").
COUNCIL_POST_RE: Final = re.compile(
    r"\b(?:[Ll]eader|[Cc]o-[Ll]eader|[Dd]eputy [Ll]eader|[Cc]hief [Ee]xecutive|[Cc]abinet "
    r"[Mm]ember|[Mm]ayor) of [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2} Council\b|\bCOSLA\b|\bLGA\b"
)
# A seat on a council is local government, though "member of" is otherwise a relation:
# "a member of Birmingham City Council for Ladywood ward".
COUNCIL_MEMBER_RE: Final = re.compile(
    r"\b(?:member|leader|cabinet member) (?:of|on) (?:the )?(?:[A-Z][\w'’-]* ){0,3}"
    r"(?:City |County |Borough |District |Town |Parish |Metropolitan )?Council\b"
)
# A peer's title names places: "Baron Smith, of Camden Town in the London Borough of Camden".
PEER_PLACE_RE: Final = re.compile(
    r"\bof [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2},? in the (?:London Borough|Royal Borough|"
    r"Metropolitan Borough|County|City) of [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
)
HOUSING_RE: Final = re.compile(
    r"\bhousing (?:association|trust|provider|group|partnership|services|sector|corporation)s?\b|"
    r"\bsocial housing\b|\bregistered (?:social landlord|provider)s?\b|"
    # Homelessness and rough sleeping are housing need ("the Rough Sleepers' Unit").
    r"\bhomelessness\b|\brough sleep(?:ing|ers?)\b",
    re.I,
)
# Words before a post that make it another's, or not yet held.
_NOT_HELD_RE: Final = re.compile(
    r"\b(?:for|to|with|about|among|between|improving|support(?:ing)?|recruit\w*|"
    r"appoint(?:ing|ment of)?|effectiveness of|applications?|posts?)\s+"
    r"(?:[\w,]+\s+){0,5}$|" + BODY_DESCRIBED,
    re.I,
)
# The posts as a body ("the Non-Executive Directors and the Board voted"), unless the
# subject is one of them ("one of the non-executive directors").
_THE_BEFORE_RE: Final = re.compile(r"(?<!\bof )\bthe\s+$", re.I)


def seat_requirements(flat: str) -> list[Requirement]:
    """The requirements of a criterion that asks for one of these seats by name."""
    found = []
    if NED_ASK_RE.search(flat):
        # A chair of a board is its senior non-executive (an "executive chair" is not).
        found.append(
            Requirement(met=options("ned", "chair:nonexec"), possible=options("lvl:board"))
        )
    if NHS_BOARD_ASK_RE.search(flat):
        found.append(Requirement(met=options("lvl:nhs-board"), possible=options("lvl:board")))
    # "Served the local community in local government or some other capacity" asks for
    # the community, however served: the community's own reading decides it.
    asked = [
        claim
        for claim, ask in (("in:localgov", LOCAL_GOV_ASK_RE), ("in:housing", HOUSING_ASK_RE))
        if ask.search(flat) and "communit" not in flat
    ]
    if asked:
        found.append(Requirement(met=options(*asked), possible=options("sector:local")))
    return found


def seat_claims(clause: str, relational: bool) -> set[str]:
    """The seats one clause says its subject holds (or, for local government and
    housing, works in)."""
    claims: set[str] = set()
    for match in NED_POST_RE.finditer(clause):
        before = clause[max(0, match.start() - 60) : match.start()]
        body = match.group(0).lower().endswith("s") and _THE_BEFORE_RE.search(before)
        if not body and not _NOT_HELD_RE.search(before) and not PROSPECTIVE_RE.search(before):
            claims.add("ned")
            break
    if COUNCIL_MEMBER_RE.search(clause) and not PROSPECTIVE_RE.search(clause):
        claims.update({"in:localgov", "sector:local", "sector:public"})
    if not relational:
        if LOCAL_GOV_RE.search(PEER_PLACE_RE.sub(" ", clause)) or COUNCIL_POST_RE.search(clause):
            claims.update({"in:localgov", "sector:local", "sector:public"})
        if HOUSING_RE.search(clause):
            claims.add("in:housing")
    return claims
