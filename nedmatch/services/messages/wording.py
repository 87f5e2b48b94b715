"""The default wording of each stage's message, its placeholders, and how a template is
checked and filled in. Flask-free: the values are plain strings.

Templates are filled in by walking `string.Formatter().parse` and looking each name up in
a dict of strings: a name may not reach an attribute or an item ({first_name.__class__}
or {x[0]} are refused), and nothing is evaluated."""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Final

from ...stages import Stage

# The stages a candidate is told about (DOMAIN.md, "The stages of a campaign"). Longlisted
# is the team's own working list within the sift, so it is not announced; recommended is,
# because the fit and proper person checks that follow need the candidate's references
# and consent. A move back is a correction by the team and sends nothing.
TOLD: Final[tuple[Stage, ...]] = (
    Stage.SHORTLISTED,
    Stage.INTERVIEW,
    Stage.RECOMMENDED,
    Stage.APPOINTED,
    Stage.REJECTED,
)

PLACEHOLDERS: Final[dict[str, str]] = {
    "first_name": "The candidate's first name",
    "vacancy_title": "The vacancy's title",
    "organisation": "The organisation with the board vacancy",
    "reference": "The application's reference number",
    "my_applications_link": "A link to the candidate's 'My applications' page",
    "team_contact": "How to contact the appointments team",
    "interview_link": "A link where the candidate chooses their interview time and asks for "
    "adjustments (the interview message)",
}

SUBJECT_MAX = 200
BODY_MAX = 5000


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


_SIGN_OFF = (
    "You can see the stage of your application at any time on your applications page:\n\n"
    "{my_applications_link}\n\n"
    "If you have any questions, contact {team_contact}, quoting your reference "
    "{reference}.\n\nNHS non-executive appointments team\n"
)

DEFAULTS: Final[dict[Stage, Wording]] = {
    Stage.SHORTLISTED: Wording(
        "You have been shortlisted: {vacancy_title}",
        "Dear {first_name},\n\nThank you for applying for {vacancy_title} at "
        "{organisation}. The panel has read every application against the criteria for "
        "the role, and we are pleased to tell you that you have been shortlisted.\n\n"
        "The panel will now decide who to invite to interview. We will write to you again "
        "when it has.\n\n" + _SIGN_OFF,
    ),
    Stage.INTERVIEW: Wording(
        "Invitation to interview: {vacancy_title}",
        "Dear {first_name},\n\nWe are pleased to invite you to interview for "
        "{vacancy_title} at {organisation}.\n\nChoose the date and time of your interview "
        "here, and tell us about any adjustments you need, such as step-free access, extra "
        "time or a British Sign Language interpreter:\n\n{interview_link}\n\nWe will "
        "email you a calendar invitation when you have chosen.\n\n" + _SIGN_OFF,
    ),
    Stage.RECOMMENDED: Wording(
        "Recommended for appointment: {vacancy_title}",
        "Dear {first_name},\n\nThank you for your interview for {vacancy_title} at "
        "{organisation}. We are pleased to tell you that the panel has recommended you for "
        "appointment.\n\nBefore the appointment is confirmed we carry out the fit and "
        "proper person checks, including references and checks of public registers. We will "
        "contact you about them.\n\n" + _SIGN_OFF,
    ),
    Stage.APPOINTED: Wording(
        "Your appointment: {vacancy_title}",
        "Dear {first_name},\n\nCongratulations: you have been appointed as {vacancy_title} "
        "at {organisation}.\n\nThe organisation will contact you about your start date and "
        "induction.\n\n" + _SIGN_OFF,
    ),
    Stage.REJECTED: Wording(
        "Your application for {vacancy_title}",
        "Dear {first_name},\n\nThank you for your interest in {vacancy_title} at "
        "{organisation} and for the time you gave to your application.\n\nWe are sorry to "
        "tell you that, on this occasion, you have not been selected to go further. We had "
        "many strong applications.\n\nYou can ask for feedback on your application. If you "
        "joined our talent pool, you stay in it, and we may invite you to apply for other "
        "board roles.\n\n" + _SIGN_OFF,
    ),
}

# Shown in the template editor's preview and the bulk preview: never a real person.
SAMPLE: Final[dict[str, str]] = {
    "first_name": "Alex",
    "reference": "NED-SAMP-LE23",
    "my_applications_link": "https://example.nhs.uk/link-to-my-applications",
    "interview_link": "https://example.nhs.uk/link-to-choose-an-interview-time",
}


class TemplateError(ValueError):
    """A template that cannot be filled in; each problem names its field ("subject" or
    "body") and says what to change."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def problems(text: str, what: str) -> list[str]:
    """What is wrong with a template's placeholders, one message each."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:
        return [
            f"The {what} has a {{ or }} that does not open or close a placeholder. Write {{{{ "
            "or }} for a brace on its own"
        ]
    allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    found: list[str] = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "")
        shown += (f":{spec}" if spec else "") + "}"
        if name not in PLACEHOLDERS or spec or conversion:
            message = f"The {what} uses {shown}, which is not a placeholder. Use only {allowed}"
            if message not in found:
                found.append(message)
    return found


def check(wording: Wording) -> None:
    """Raise TemplateError with every problem of the subject and the body."""
    found: list[tuple[str, str]] = []
    if not wording.subject.strip():
        found.append(("subject", "Enter a subject"))
    elif len(wording.subject) > SUBJECT_MAX:
        found.append(("subject", f"The subject must be {SUBJECT_MAX} characters or fewer"))
    found += [("subject", m) for m in problems(wording.subject, "subject")]
    if not wording.body.strip():
        found.append(("body", "Enter the message"))
    elif len(wording.body) > BODY_MAX:
        found.append(("body", f"The message must be {BODY_MAX:,} characters or fewer"))
    found += [("body", m) for m in problems(wording.body, "message")]
    if found:
        raise TemplateError(found)


def fill(text: str, values: dict[str, str]) -> str:
    """The template with each placeholder replaced by its value. Only names of
    PLACEHOLDERS are looked up, as keys of a dict of strings; check() has refused the rest,
    and anything else left here raises TemplateError rather than being evaluated."""
    out: list[str] = []
    for literal, name, spec, conversion in Formatter().parse(text):
        out.append(literal)
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion or name not in values:
            raise TemplateError([("body", f"{{{name}}} is not a placeholder")])
        out.append(values[name])
    return "".join(out)


def render(wording: Wording, values: dict[str, str]) -> Wording:
    # A subject is one line: a value with a line break in it must not start a new header.
    subject = " ".join(fill(wording.subject, values).split())
    return Wording(subject, fill(wording.body, values))
