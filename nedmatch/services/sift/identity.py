"""The blind sift: who a candidate is stays hidden until a reviewer reveals it at interview,
and every reveal is recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...actors import Actor
from ...extensions import db
from ...matching.text import REDACTED, scrub
from ...models import Application, Candidate, IdentityReveal
from ...stages import REVEAL_ALLOWED
from ..applications import cv
from ..platform import audit


class RevealError(ValueError):
    """A reveal the rules do not allow; the message says why."""


def reveal_of(application: Application) -> IdentityReveal | None:
    return db.session.execute(
        db.select(IdentityReveal).filter_by(application_id=application.id)
    ).scalar_one_or_none()


def may_reveal(application: Application) -> bool:
    return application.stage in REVEAL_ALLOWED


ALREADY_REVEALED = "This candidate's identity has already been revealed."


def refusal(actor: Actor, application: Application) -> str | None:
    """Why ``actor`` cannot reveal this candidate's identity now, or None when they can: the
    confirmation page asks first, and says why not instead."""
    if not may_reveal(application):
        return "Identity can only be revealed once a candidate is invited to interview."
    if reveal_of(application) is not None:
        return ALREADY_REVEALED
    if actor.kind != "team" or actor.id is None:
        return "Only a team member can reveal a candidate's identity."
    return None


def reveal(actor: Actor, application: Application) -> bool:
    """Reveal the candidate's identity to the team, with its audit record; the caller commits.
    False if it was already revealed (nothing new is recorded)."""
    problem = refusal(actor, application)
    if problem == ALREADY_REVEALED:
        return False
    if problem is not None:
        raise RevealError(problem)
    assert actor.id is not None  # noqa: S101 - refusal() checked it: a team member
    db.session.add(IdentityReveal(application_id=application.id, revealed_by=actor.id))
    audit.record(actor, "identity_revealed", "application", application.id, stage=application.stage)
    return True


# What the model's scrub leaves that still points at a person in a CV: street addresses
# (the postcode goes already), a labelled address, links to profiles on any site, and
# social media handles. Broad on purpose: a lost word costs less than a revealed identity.
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place"
    "|pl|gardens|gdns|grove|terrace|tce|hill|square|sq|mews|row|walk|park|rise|view|green"
    "|parade|vale|gate|wharf|yard|meadows?|fields?|villas|cottages|hall|house"
)
_STREET_RE = re.compile(
    r"(?:\b(?i:flat|apartment|apt|unit)\s+\d+\w?,?\s+)?\b\d{1,4}[a-z]?,?\s+"
    r"(?:[A-Z][\w'’-]*\s+){1,3}(?i:" + _STREET_WORDS + r")\b\.?"
)
_ADDRESS_LABEL_RE = re.compile(
    r"\b(?:home\s+|postal\s+)?address\s*[:\-]\s*"
    r"(?:[^\[]{0,100}?" + re.escape(REDACTED) + r"|[^.;]{0,60})",
    re.I,
)
_LINK_RE = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|me|dev|info|co|uk|page|site)/\S*", re.I
)
_HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")


def blind_text(text: str | None, candidate: Candidate) -> str:
    """The text with the candidate's identity removed: what the team sees before reveal, in
    the application page and in the CV it may download."""
    known = (candidate.full_name, candidate.email, candidate.phone, candidate.postcode)
    return without_contact_details(scrub(text or "", known))


def without_contact_details(text: str) -> str:
    """Addresses, profile links and handles, which the model's scrub leaves; applied also to
    the quotes in a match explanation, whose text the model has scrubbed already."""
    out = text or ""
    if "/" in out:
        out = _LINK_RE.sub(REDACTED, out)
    if "@" in out:
        out = _HANDLE_RE.sub(REDACTED, out)
    out = _STREET_RE.sub(REDACTED, out)
    if "ddress" in out:
        out = _ADDRESS_LABEL_RE.sub(REDACTED, out)
    return out


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str


def cv_download(actor: Actor, application: Application) -> Download | None:
    """The CV as the team may have it, with its audit record (the caller commits), or None
    when there is none. The sift is blind until identity is revealed at interview, and a
    CV is full of identity (name, contact details, address, profile links): until then the
    team gets only the text with those removed, the same text the application page shows;
    the original file after. Named by reference: the original file name often holds the
    person's name."""
    document = application.candidate.cv
    if document is None:
        return None
    if reveal_of(application) is None:
        text = blind_text(document.text, application.candidate)
        audit.record(actor, "cv_downloaded", "application", application.id, original=False)
        return Download(
            f"CV of {application.reference}: names, contact details, addresses and profile "
            f"links removed until identity is revealed at interview.\n\n{text}\n".encode(),
            f"{application.reference}-cv-text.txt",
            "text/plain; charset=utf-8",
        )
    try:
        data = cv.read(document.storage_name)
    except cv.CVMissing:
        return None
    audit.record(actor, "cv_downloaded", "application", application.id, original=True)
    extension = "pdf" if document.content_type == cv.PDF else "docx"
    return Download(data, f"{application.reference}-cv.{extension}", document.content_type)
