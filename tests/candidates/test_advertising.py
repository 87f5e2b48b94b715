"""Adverts as job sites read them: JobPosting JSON-LD on each open vacancy, checked against
a JSON Schema of what schema.org defines and Google's job search requires; and Atom and RSS
feeds of the open vacancies, narrowed as the public list is."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import jsonschema
import lxml.etree
import pytest
from flask import Flask
from flask.testing import FlaskClient

from nedmatch.extensions import db
from nedmatch.models import Vacancy
from tests.conftest import make_organisation, make_vacancy, parse_page

TODAY = date.today()
ATOM = "{http://www.w3.org/2005/Atom}"

_THING = {"type": "object", "required": ["@type"]}
# Google's required properties for a job posting (title, description, datePosted,
# hiringOrganization, jobLocation) and the types schema.org gives the others used here.
JOB_POSTING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "title",
        "description",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
    ],
    "additionalProperties": False,
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "JobPosting"},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": {"type": "string", "minLength": 1},
        "identifier": {
            **_THING,
            "properties": {
                "@type": {"const": "PropertyValue"},
                "name": {"type": "string"},
                "value": {"type": "string"},
            },
        },
        "url": {"type": "string", "format": "uri", "pattern": "^https?://"},
        "datePosted": {"type": "string", "format": "date"},
        "validThrough": {"type": "string", "format": "date-time"},
        "employmentType": {
            "type": "array",
            "items": {
                "enum": [
                    "FULL_TIME",
                    "PART_TIME",
                    "CONTRACTOR",
                    "TEMPORARY",
                    "INTERN",
                    "VOLUNTEER",
                    "PER_DIEM",
                    "OTHER",
                ]
            },
        },
        "occupationalCategory": {"type": "string"},
        "industry": {"type": "string"},
        "directApply": {"type": "boolean"},
        "workHours": {"type": "string"},
        "hiringOrganization": {
            **_THING,
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}, "name": {"type": "string"}},
        },
        "jobLocation": {
            **_THING,
            "required": ["@type", "address"],
            "properties": {
                "@type": {"const": "Place"},
                "address": {
                    **_THING,
                    "required": ["@type", "addressCountry"],
                    "properties": {
                        "@type": {"const": "PostalAddress"},
                        "addressCountry": {"pattern": "^[A-Z]{2}$"},
                        "addressRegion": {"type": "string"},
                    },
                },
            },
        },
        "applicantLocationRequirements": {
            **_THING,
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "AdministrativeArea"}},
        },
        "baseSalary": {
            **_THING,
            "required": ["@type", "currency", "value"],
            "properties": {
                "@type": {"const": "MonetaryAmount"},
                "currency": {"pattern": "^[A-Z]{3}$"},
                "value": {
                    **_THING,
                    "required": ["@type", "value", "unitText"],
                    "properties": {
                        "@type": {"const": "QuantitativeValue"},
                        "value": {"type": "number", "minimum": 0},
                        "unitText": {"enum": ["HOUR", "DAY", "WEEK", "MONTH", "YEAR"]},
                    },
                },
            },
        },
    },
}


def json_ld(client: FlaskClient, vacancy: Vacancy) -> list[dict[str, Any]]:
    page = parse_page(client.get(f"/vacancies/{vacancy.id}"))
    return [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")]


def test_an_open_advert_carries_valid_job_posting_json_ld(app: Flask, client: FlaskClient) -> None:
    organisation = make_organisation(name="Leeds Teaching Hospitals NHS Trust")
    vacancy = make_vacancy(
        organisation,
        description="The board wants an audit chair.\n\nThe role is <b>three</b> days & more.",
        location_requirement="region",
        location_detail="Leeds and the surrounding area",
    )
    db.session.commit()

    [posting] = json_ld(client, vacancy)

    jsonschema.validate(posting, JOB_POSTING_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert posting["title"] == vacancy.title
    assert posting["hiringOrganization"]["name"] == "Leeds Teaching Hospitals NHS Trust"
    assert posting["datePosted"] == vacancy.opens_on.isoformat()
    closes = datetime.fromisoformat(posting["validThrough"])
    assert closes.date() == vacancy.closes_on and (closes.hour, closes.minute) == (23, 59)
    assert closes.utcoffset() in (timedelta(0), timedelta(hours=1))  # UK time
    assert posting["baseSalary"]["value"]["value"] == 13000
    assert posting["applicantLocationRequirements"]["name"] == "Leeds and the surrounding area"
    assert posting["url"].endswith(f"/vacancies/{vacancy.id}")
    assert posting["directApply"] is True
    # The candidate's text is escaped inside the description's HTML, and the criteria listed.
    assert "&lt;b&gt;three&lt;/b&gt; days &amp; more" in posting["description"]
    assert "<li>A professional accountancy qualification</li>" in posting["description"]


def test_json_ld_cannot_break_out_of_its_script(app: Flask, client: FlaskClient) -> None:
    vacancy = make_vacancy(title="Chair </script><script>alert(1)</script>")
    db.session.commit()
    html = client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["title"] == vacancy.title


@pytest.mark.parametrize("status", ["closed", "open-but-past"])
def test_an_advert_not_taking_applications_is_not_offered_to_search_engines(
    app: Flask, client: FlaskClient, status: str
) -> None:
    if status == "closed":
        vacancy = make_vacancy(status="closed")
    else:
        vacancy = make_vacancy(closes_on=TODAY - timedelta(days=1))
    db.session.commit()
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 200
    assert json_ld(client, vacancy) == []


def entries(client: FlaskClient, kind: str = "atom", **args: str) -> list[str]:
    response = client.get(f"/vacancies/feed.{kind}", query_string=args)
    assert response.status_code == 200
    root = lxml.etree.fromstring(response.data)
    if kind == "atom":
        assert response.mimetype == "application/atom+xml"
        return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert response.mimetype == "application/rss+xml"
    return [item.findtext("title") for item in root.iter("item")]


def test_feeds_list_open_vacancies_with_the_public_filters(app: Flask, client: FlaskClient) -> None:
    leeds = make_organisation(name="Leeds Teaching Hospitals NHS Trust")
    london = make_organisation(name="Barts Health NHS Trust", region="london")
    make_vacancy(leeds, title="Audit chair", role_type="audit-chair")
    make_vacancy(london, title="Chair", role_type="chair")
    make_vacancy(leeds, title="Draft", status="draft")
    make_vacancy(leeds, title="Closed", status="closed")
    make_vacancy(leeds, title="Not yet open", opens_on=TODAY + timedelta(days=3))
    db.session.commit()

    for kind in ("atom", "rss"):
        assert sorted(entries(client, kind)) == [
            "Audit chair, Leeds Teaching Hospitals NHS Trust",
            "Chair, Barts Health NHS Trust",
        ]
        assert entries(client, kind, region="london") == ["Chair, Barts Health NHS Trust"]
        assert entries(client, kind, role="audit-chair") == [
            "Audit chair, Leeds Teaching Hospitals NHS Trust"
        ]
        # Unknown filters are ignored, as on the public list.
        assert len(entries(client, kind, region="atlantis")) == 2


def test_the_atom_feed_links_each_entry_to_its_advert(app: Flask, client: FlaskClient) -> None:
    vacancy = make_vacancy()
    db.session.commit()
    root = lxml.etree.fromstring(client.get("/vacancies/feed.atom").data)
    [entry] = root.iter(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"/vacancies/{vacancy.id}")
    assert "Closing date: " in entry.findtext(f"{ATOM}summary")
    assert root.find(f"{ATOM}link[@rel='self']") is not None


def test_the_public_list_offers_its_feeds(app: Flask, client: FlaskClient) -> None:
    page = parse_page(client.get("/vacancies", query_string={"region": "london", "role": "x"}))
    feeds = page.xpath("//link[@rel='alternate']/@href")
    assert feeds == ["/vacancies/feed.atom?region=london", "/vacancies/feed.rss?region=london"]
