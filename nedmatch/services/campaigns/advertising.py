"""Vacancies as job sites and search engines read them: schema.org JobPosting JSON-LD on each
advert (what Google for Jobs and NHS and government job boards index), and Atom and RSS feeds
of the open vacancies, narrowed by region and role type."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from ...dates import long_date
from ...domain import REGIONS, ROLE_TYPES
from ...models import Vacancy

LONDON = ZoneInfo("Europe/London")


def _end_of(day: date) -> str:
    """Applications close at the end of the closing day, UK time."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=LONDON).isoformat()


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def description_html(vacancy: Vacancy) -> str:
    """The advert's text as the simple HTML job sites accept (paragraphs and lists only)."""
    from markupsafe import escape

    parts = [f"<p>{escape(p)}</p>" for p in _paragraphs(vacancy.description)]
    for heading, items in (
        ("Essential criteria", vacancy.essential_criteria),
        ("Desirable criteria", vacancy.desirable_criteria),
    ):
        if items:
            parts.append(f"<p><strong>{heading}</strong></p>")
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    if vacancy.time_commitment:
        parts.append(f"<p>Time commitment: {escape(vacancy.time_commitment)}</p>")
    return "".join(parts)


def job_posting(vacancy: Vacancy, url: str) -> dict[str, Any]:
    """The advert as schema.org JobPosting, with the properties Google's job search needs
    (title, description, datePosted, hiringOrganization, jobLocation) and those it
    recommends (validThrough, employmentType, baseSalary, directApply, identifier)."""
    organisation = vacancy.organisation
    region = REGIONS.get(organisation.region, "")
    posted = vacancy.opens_on or vacancy.created_at.date()
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": description_html(vacancy),
        "identifier": {
            "@type": "PropertyValue",
            "name": "NEDMatch vacancy",
            "value": str(vacancy.id),
        },
        "url": url,
        "datePosted": posted.isoformat(),
        # Non-executive roles are a few days a month, appointed for a term.
        "employmentType": ["PART_TIME", "CONTRACTOR"],
        "occupationalCategory": ROLE_TYPES.get(vacancy.role_type, vacancy.role_type),
        "industry": "Health care",
        "directApply": True,
        "hiringOrganization": {
            "@type": "Organization",
            "name": organisation.name,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": region,
                "addressCountry": "GB",
            },
        },
    }
    if vacancy.closes_on:
        posting["validThrough"] = _end_of(vacancy.closes_on)
    if vacancy.location_requirement != "none":
        posting["applicantLocationRequirements"] = {
            "@type": "AdministrativeArea",
            "name": vacancy.location_detail or region,
        }
    if vacancy.pay is not None:
        posting["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": {"@type": "QuantitativeValue", "value": vacancy.pay, "unitText": "YEAR"},
        }
    if vacancy.time_commitment:
        posting["workHours"] = vacancy.time_commitment
    return posting


def feed(
    vacancies: list[Vacancy],
    *,
    title: str,
    self_url: str,
    home_url: str,
    link_for: Any,
    updated: datetime | None = None,
) -> FeedGenerator:
    """Atom and RSS from one description: newest first, one entry a vacancy."""
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title(title)
    generator.subtitle("NHS board vacancies open for applications")
    generator.link(href=home_url, rel="alternate")
    generator.link(href=self_url, rel="self")
    generator.language("en-GB")
    generator.author({"name": "NHS non-executive appointments"})
    stamps = [v.updated_at.replace(tzinfo=UTC) for v in vacancies if v.updated_at]
    generator.updated(updated or max(stamps, default=datetime.now(UTC)))
    for vacancy in sorted(vacancies, key=lambda v: (v.opens_on or v.created_at.date(), v.id)):
        link = link_for(vacancy)
        entry = generator.add_entry()
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(f"{vacancy.title}, {vacancy.organisation.name}")
        entry.link(href=link)
        entry.published(
            datetime.combine(vacancy.opens_on or vacancy.created_at.date(), time(9), LONDON)
        )
        entry.updated(vacancy.updated_at.replace(tzinfo=UTC))
        closing = f" Closing date: {long_date(vacancy.closes_on)}." if vacancy.closes_on else ""
        entry.summary(
            f"{ROLE_TYPES.get(vacancy.role_type, vacancy.role_type)}, "
            f"{REGIONS.get(vacancy.organisation.region, '')}.{closing}"
        )
        entry.category(term=vacancy.role_type, label=ROLE_TYPES.get(vacancy.role_type))
    return generator
