"""The columns an import file may have, the names people give them, and how each value is
checked: every problem is a sentence that says what is wrong and what to write instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from ...domain import AVAILABILITY, BOARD_EXPERIENCE, REGIONS, SKILL_AREAS

YES = {"yes", "y", "true", "1", "agreed", "consented"}
NO = {"no", "n", "false", "0", "", "declined", "not agreed"}
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
MAX_TEXT = 10_000


class Problem(ValueError):
    """A value that cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    name: str  # the Candidate attribute (or "cv_file")
    label: str  # as the template file and the preview name it
    aliases: tuple[str, ...]
    required: bool
    parse: Callable[[str], object]


_NOT_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """A value as compared with the names of choices: case, spaces and punctuation aside.
    Cached: a file repeats the same few choices on every row."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _choice(options: dict[str, str], what: str) -> Callable[[str], object]:
    by_label = {_key(label): slug for slug, label in options.items()}
    by_slug = {_key(slug): slug for slug in options}

    def parse(value: str) -> object:
        if not value:
            return None
        found = by_slug.get(_key(value)) or by_label.get(_key(value))
        if found is None:
            allowed = "; ".join(options.values())
            raise Problem(f"'{value}' is not a {what} we know. Use one of: {allowed}")
        return found

    return parse


_SKILL = _choice(SKILL_AREAS, "skill area")
_SKILL_SEPARATOR = re.compile(r"[;|\n]")


def _skills(value: str) -> object:
    if not value:
        return []
    found: list[str] = []
    for part in _SKILL_SEPARATOR.split(value):
        if part.strip():
            slug = str(_SKILL(part.strip()))
            if slug not in found:
                found.append(slug)
    return found


def _yes_no(value: str) -> object:
    key = _key(value)
    if key in YES:
        return True
    if key in NO:
        return False
    raise Problem(f"'{value}' is not yes or no. Write yes or no")


def _optional_yes_no(value: str) -> object:
    return None if not value.strip() else _yes_no(value)


def _email(value: str) -> object:
    if not value:
        raise Problem("The email address is missing. Every person needs one")
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Problem(
            f"'{value}' is not an email address. Write it like name@example.com"
        ) from None


def _name(what: str) -> Callable[[str], object]:
    def parse(value: str) -> object:
        if not value:
            raise Problem(f"The {what} is missing")
        if len(value) > 100:
            raise Problem(f"The {what} is longer than 100 characters")
        return value

    return parse


def _phone(value: str) -> object:
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not 10 <= len(digits) <= 15:
        raise Problem(f"'{value}' is not a phone number. Write it like 07700 900123")
    return value[:40]


def _postcode(value: str) -> object:
    if not value:
        return ""
    compact = re.sub(r"\s+", "", value.upper())
    formatted = f"{compact[:-3]} {compact[-3:]}"
    if not POSTCODE.match(formatted):
        raise Problem(f"'{value}' is not a UK postcode. Write it like LS1 4AP")
    return formatted


def _text(limit: int) -> Callable[[str], object]:
    def parse(value: str) -> object:
        if len(value) > limit:
            raise Problem(f"This is {len(value):,} characters long: cut it to {limit:,}")
        return value

    return parse


def _cv_file(value: str) -> object:
    if not value:
        return ""
    if "/" in value or "\\" in value or value.startswith("."):
        raise Problem(f"'{value}' should be just the file's name in the ZIP, like jane-cv.pdf")
    return value


COLUMNS: tuple[Column, ...] = (
    Column("email", "Email", ("email", "email address", "e mail"), True, _email),
    Column(
        "first_name",
        "First name",
        ("first name", "forename", "given name"),
        True,
        _name("first name"),
    ),
    Column(
        "last_name", "Last name", ("last name", "surname", "family name"), True, _name("last name")
    ),
    Column("phone", "Phone", ("phone", "telephone", "mobile", "phone number"), False, _phone),
    Column("postcode", "Postcode", ("postcode", "post code"), False, _postcode),
    Column("region", "Region", ("region", "nhs region"), False, _choice(REGIONS, "region")),
    Column(
        "current_role", "Current role", ("current role", "job title", "role"), False, _text(200)
    ),
    Column(
        "career_summary",
        "Career summary",
        ("career summary", "summary", "biography", "bio"),
        False,
        _text(MAX_TEXT),
    ),
    Column("skill_areas", "Skill areas", ("skill areas", "skills"), False, _skills),
    Column(
        "board_experience",
        "Board experience",
        ("board experience",),
        False,
        _choice(BOARD_EXPERIENCE, "kind of board experience"),
    ),
    Column(
        "availability",
        "Time available",
        ("time available", "availability"),
        False,
        _choice(AVAILABILITY, "time available"),
    ),
    Column(
        "willing_challenged",
        "Willing to join a challenged organisation",
        ("willing to join a challenged organisation", "challenged organisations", "challenged"),
        False,
        _optional_yes_no,
    ),
    Column(
        "consent_to_match",
        "Agreed to be matched to vacancies",
        ("agreed to be matched to vacancies", "consent to match", "consent", "matching consent"),
        True,
        _yes_no,
    ),
    Column("cv_file", "CV file", ("cv file", "cv", "cv filename"), False, _cv_file),
)
BY_ALIAS = {_key(alias): column for column in COLUMNS for alias in (column.label, *column.aliases)}


@dataclass(frozen=True)
class Headers:
    columns: dict[int, Column]  # position in the row -> the field
    problems: list[str]  # nothing can be imported until these are fixed
    ignored: list[str]  # columns we do not import, named so the team knows


def header_map(headers: list[str]) -> Headers:
    """Which column of the file is which field, and what is wrong with the header row."""
    found: dict[int, Column] = {}
    problems: list[str] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        # The template marks the columns that must be filled in: "Email (required)".
        column = BY_ALIAS.get(_key(re.sub(r"\(required\)", "", header or "", flags=re.I)))
        if column is None:
            if (header or "").strip():
                ignored.append(str(header).strip())
            continue
        if column.name in seen:
            problems.append(f"Two columns are both '{column.label}': keep one")
            continue
        seen.add(column.name)
        found[index] = column
    for column in COLUMNS:
        if column.required and column.name not in seen:
            problems.append(f"There is no '{column.label}' column: add it, it is needed")
    if not found:
        problems.insert(0, "No column has a name we know: is the first row the column names?")
    return Headers(found, problems, ignored)
