"""The posts a clause names: what its subject chaired (a board, a committee of which
kind), and whether a post named is another's or still to come."""

from __future__ import annotations

import re
from typing import Final

from nedmatch.matching.criteria.patterns import (
    BOARD_RE,
    BOARDS_CHAIRED_RE,
    BODY_DESCRIBED_RE,
    CHAIR_RE,
    COMMITTEE_RE,
    NAMED_ORG_RE,
    NON_PREFIX,
    NOT_ORG_BOARD,
    NOT_ORG_NAME_RE,
    OTHERS_CHAIR_RE,
    PROSPECTIVE_RE,
    RELATIONAL_RE,
)
from nedmatch.matching.criteria.phrases import COMMITTEE_PHRASES
from nedmatch.matching.criteria.roles import KIN, POSSESSIVES
from nedmatch.matching.text import tokens

NONEXEC_CHAIR_BODY_RE: Final = re.compile(
    r"\b(?:trusts?|health authorit(?:y|ies)|(?:health|integrated care) boards?|ICBs?|"
    r"charit(?:y|ies)|commission|(?<!local )authority|health and social care board)\b",
    re.I,
)
_EXECUTIVE_BEFORE_RE: Final = re.compile(r"(?<!non[\s\-\u2013])\bexecutive\s*$", re.I)
# "Holds the Paul Hamlyn Chair of Surgery": a professorship.
_PROFESSORSHIP_RE: Final = re.compile(
    r"\b(?:holds?|held|holding|appointed to|elected to)\s+(?:the|a|an)(?:\s+[A-Z][\w'’.-]*){0,4}\s*$"
)
# A relative named with a possessive ("her father, a consultant who was the dean").
_KIN_BEFORE_RE: Final = re.compile(
    r"\b(?:" + "|".join(sorted(POSSESSIVES)) + r") (?:" + "|".join(sorted(KIN)) + r")s?\b",
    re.I,
)
_CLUB_RE: Final = re.compile(r"^\s*(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,5}?Club\b")
# The body named before the post: "twenty years as an NHS Chair", "a hospice chair".
_BODY_BEFORE_CHAIR_RE: Final = re.compile(
    r"\b(?:NHS(?: foundation)?(?: trust)?|(?:foundation )?trust|ICB|health board|hospital|"
    r"hospice|charity|plc|company)\s*$",
    re.I,
)


def chair_claims(clause: str) -> set[str]:
    """What a clause says its subject chaired: a board, a committee (of which kind)."""
    claims: set[str] = set()
    board_before = False  # "vice chairman of the Commission and acting chair": the same
    for match in CHAIR_RE.finditer(clause):
        if someone_elses(clause, match.start()):
            continue
        prefix = (match.group("pre") or "").lower()
        after = clause[match.end() : match.end() + 90]
        before = clause[max(0, match.start() - 60) : match.start()]
        kind = "chair" if not prefix or prefix in ("interim", "acting") else "vice"
        if prefix in ("co", "joint"):
            kind = "vice"
        # "Chair of the audit committee", "chaired the audit committee", "audit
        # committee chair": the governed noun is the first committee or board named.
        target = after.split(".")[0]
        # The chair of an NHS trust, a health authority or board, a charity or a public
        # commission or authority is its senior non-executive; a company's chair may be
        # executive, and an "executive chair" is.
        board_claims = {f"{kind}:board"}
        if (
            kind == "chair"
            and not _EXECUTIVE_BEFORE_RE.search(before)
            and NONEXEC_CHAIR_BODY_RE.search(target.split(",")[0])
        ):
            board_claims.add("chair:nonexec")
        committee = COMMITTEE_RE.search(target)
        board = BOARD_RE.search(target)
        if committee and (board is None or committee.start() < board.start()):
            span = target[: committee.end()]
            claims.add(f"{kind}:committee")
            for _, _, ctype in COMMITTEE_PHRASES.find(tokens(span)):
                claims.add(f"{kind}:committee:{ctype}")
            continue
        if _PROFESSORSHIP_RE.search(before) and re.match(r"\s+(?:of|in)\s+[A-Z][a-z]", target):
            # "holds the Paul Hamlyn Chair of Surgery": a professorship, not a board's chair.
            claims.add("academic:post")
            continue
        if _CLUB_RE.match(target):
            # A club's chair ("Chair of the University Labour Club") is not a board's.
            claims.add(f"{kind}:other")
            continue
        verb = match.group("chair").lower() in ("chaired", "chairing")
        if (
            re.search(
                rf"{NON_PREFIX}exec(?:utive)?\.?\s*$", before, re.I
            )  # "The BSO Non-Executive Chair"
            or (verb and BOARDS_CHAIRED_RE.match(target))
            or (board and not NOT_ORG_BOARD.search(target[: board.end()]))
            or (
                NAMED_ORG_RE.match(target)
                and not NOT_ORG_BOARD.search(target[:60])
                and not NOT_ORG_NAME_RE.match(target)
            )
        ):
            claims |= board_claims
            board_before = True
            continue
        tail = before[-40:]
        if COMMITTEE_RE.search(tail) and not target.strip()[:3].lower().startswith("of"):
            claims.add(f"{kind}:committee")
            for _, _, ctype in COMMITTEE_PHRASES.find(tokens(tail)):
                claims.add(f"{kind}:committee:{ctype}")
            continue
        if re.search(r"\bboard\s*$", tail, re.I) and not NOT_ORG_BOARD.search(tail):
            claims |= board_claims
            continue
        body = _BODY_BEFORE_CHAIR_RE.search(tail)
        if body and not target.strip()[:2] == "of":
            claims |= board_claims
            named = body.group()
            if kind == "chair" and (
                NONEXEC_CHAIR_BODY_RE.search(named) or named.lower().startswith(("nhs", "hospice"))
            ):
                claims.add("chair:nonexec")
            continue
        if board_before and not target.strip()[:2] == "of":
            claims |= board_claims
        else:
            claims.add(f"{kind}:other")
    return claims


def beside(clause: str, start: int) -> bool:
    """Whether the words before ``start``, back to the last comma, put the subject beside
    what follows ("a member of the advisory board, a trustee of ..." holds the trustee's
    seat)."""
    segment = clause[:start].rsplit(",", 1)[-1]
    return RELATIONAL_RE.search(segment) is not None


def someone_elses(clause: str, start: int) -> bool:
    """Whether the post named at ``start`` is another's: "reported to the chair"."""
    before = clause[max(0, start - 60) : start]
    # A post not yet held is not the subject's either: "would become the chair"; nor is a
    # relative's: "her father, a consultant who was the dean".
    return (
        _KIN_BEFORE_RE.search(before) is not None
        or OTHERS_CHAIR_RE.search(before[-30:]) is not None
        or PROSPECTIVE_RE.search(before) is not None
        or BODY_DESCRIBED_RE.search(before) is not None
    )
