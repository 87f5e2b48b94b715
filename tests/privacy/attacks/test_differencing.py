"""Attackers who download two or more diversity reports and difference them (issue 11,
items 1, 2 and 13).

Each test builds a world in the database, downloads what an administrator can download
(a reviewer cannot: see ``test_reviewers_cannot_read_reports``), and asks the solver
(``solver.py``) which answers of the singled-out person are consistent with everything
downloaded, checked against the person's true answers read from the database. The
promise: for every question at least two answers stay consistent. On the code before
this change every one of these attacks recovered the person's answers (docs/disclosure.md,
"The attacks on the old code").
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader

from nedmatch.diversity.records import STAGES
from nedmatch.extensions import db
from nedmatch.models import StageChange, TeamUser
from nedmatch.services import matching
from nedmatch.services.platform import jobs
from nedmatch.services.reporting import releases
from tests.conftest import sign_in

from .conftest import World, draw_record_keys, organisation, vacancy_at
from .solver import Publication, parse_csv, recovered, shown_csv

pytestmark = pytest.mark.usefixtures("world")

REPORTS = "/team/reports"


def download(client: FlaskClient, fmt: str = "csv", **params: Any) -> bytes:
    response = client.get(f"{REPORTS}/download/{fmt}", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert "attachment" in response.headers["Content-Disposition"]
    return response.get_data()


def at(furthest: str, pool: bool = True) -> frozenset[str]:
    """The stage columns a person counts in: the pool column, then applied up to the
    furthest stage reached."""
    reached = STAGES[1 : STAGES.index(furthest) + 1]
    return frozenset(("pool", *reached) if pool else reached)


def publication(
    client: FlaskClient, members: dict[str, frozenset[str]], **params: Any
) -> Publication:
    return Publication(parse_csv(download(client, **params)), members)


def assert_protected(world: World, publications: list[Publication], target: str = "target") -> None:
    pinned = recovered(publications, target, world.truth[target])
    assert pinned == {}, f"answers recovered: {pinned}"


def test_organisation_minus_its_vacancy_one_person(admin_client: FlaskClient, world: World) -> None:
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    big, small = vacancy_at(trust, "Finance NED"), vacancy_at(trust, "Chair")
    world.crowd(big, 24)
    world.person("target", small, "longlisted")
    db.session.commit()
    assert_protected(
        world,
        [
            publication(admin_client, {}, vacancy=big.id),
            publication(admin_client, {"target": at("longlisted")}, organisation=trust.id),
        ],
    )


def test_organisation_minus_its_vacancy_two_people(admin_client: FlaskClient, world: World) -> None:
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    big, small = vacancy_at(trust, "Finance NED"), vacancy_at(trust, "Chair")
    world.crowd(big, 24)
    world.person("target", small, "applied")
    world.person("other", small, "shortlisted")
    db.session.commit()
    members = {"target": at("applied"), "other": at("shortlisted")}
    pubs = [
        publication(admin_client, {}, vacancy=big.id),
        publication(admin_client, members, organisation=trust.id),
    ]
    assert_protected(world, pubs, "target")
    assert_protected(world, pubs, "other")


def test_region_minus_organisation(admin_client: FlaskClient, world: World) -> None:
    big = organisation("University Hospitals Birmingham", region="midlands")
    small = organisation("Derbyshire Community Health Services", region="midlands")
    world.crowd(vacancy_at(big, "Finance NED"), 24)
    world.person("target", vacancy_at(small, "Chair"), "shortlisted")
    db.session.commit()
    assert_protected(
        world,
        [
            publication(admin_client, {}, organisation=big.id),
            publication(admin_client, {"target": at("shortlisted")}, region="midlands"),
        ],
    )


def test_pool_minus_region(admin_client: FlaskClient, world: World) -> None:
    leeds = organisation("Leeds Teaching Hospitals NHS Trust")
    barts = organisation("Barts Health NHS Trust", region="london")
    world.crowd(vacancy_at(leeds, "Finance NED"), 24)
    world.person("target", vacancy_at(barts, "Chair"), "applied", region="london")
    db.session.commit()
    assert_protected(
        world,
        [
            publication(admin_client, {}, region="north-east-and-yorkshire"),
            publication(admin_client, {"target": at("applied")}),
        ],
    )


def test_one_person_scope(admin_client: FlaskClient, world: World) -> None:
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    alone = vacancy_at(trust, "Chair")
    world.person("target", alone, "interview")
    db.session.commit()
    shown = shown_csv(download(admin_client, vacancy=alone.id))
    # Nothing but the exact stage totals is a number: every row is "fewer than 5".
    numbers = {k: v for k, v in shown.items() if v not in ("<5",) and k[1] != "total"}
    assert numbers == {}
    assert_protected(
        world, [publication(admin_client, {"target": at("interviewed")}, vacancy=alone.id)]
    )


def test_two_person_scope(admin_client: FlaskClient, world: World) -> None:
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    pair = vacancy_at(trust, "Chair")
    world.person("target", pair, "applied")
    world.person("other", pair, "applied")
    db.session.commit()
    members = {"target": at("applied"), "other": at("applied")}
    pubs = [publication(admin_client, members, vacancy=pair.id)]
    assert_protected(world, pubs, "target")
    assert_protected(world, pubs, "other")


def test_period_differences(admin_client: FlaskClient, world: World) -> None:
    """The financial year minus its busy quarter is the one person who applied in
    another quarter; free dates (one day apart) can no longer be asked for."""
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    post = vacancy_at(trust, "Finance NED")
    world.crowd(post, 24, applied_at=datetime(2025, 5, 6, 10, 0))
    world.person("target", post, "applied", applied_at=datetime(2025, 8, 12, 9, 0))
    db.session.commit()
    year = publication(admin_client, {"target": at("applied")}, period="fy-2025")
    quarter = publication(admin_client, {}, period="2025-q2")
    # The day before and the day of the target's application, the old way: ignored.
    day_before = download(admin_client, date_from="2025-05-01", date_to="2025-08-11")
    day_of = download(admin_client, date_from="2025-05-01", date_to="2025-08-12")
    assert day_before == day_of == download(admin_client)
    assert_protected(world, [year, quarter, publication(admin_client, {"target": at("applied")})])


def test_a_period_not_offered_is_a_clear_error(admin_client: FlaskClient, world: World) -> None:
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    world.crowd(post, 3)
    db.session.commit()
    response = admin_client.get(f"{REPORTS}/report", query_string={"period": "2025-05-06"})
    assert response.status_code == 200
    assert "Choose a period from the list" in response.get_data(as_text=True)


def test_old_threshold_and_method_parameters(admin_client: FlaskClient, world: World) -> None:
    """Threshold 2 with rounding gave a 500 (item 13), and two thresholds side by side
    gave away withheld counts: both are now ignored, for every format and page."""
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    world.crowd(post, 24)
    world.person("target", post, "longlisted")
    db.session.commit()
    plain = download(admin_client, vacancy=post.id)
    for params in (
        {"threshold": "2", "method": "round"},
        {"threshold": "2", "method": "suppress"},
        {"threshold": "20"},
        {"threshold": "banana", "method": "nonsense"},
    ):
        assert download(admin_client, vacancy=post.id, **params) == plain
        page = admin_client.get(f"{REPORTS}/report", query_string={"vacancy": post.id, **params})
        assert page.status_code == 200
        audit = admin_client.get(f"{REPORTS}/vacancies/{post.id}/model-audit", query_string=params)
        assert audit.status_code == 200


def test_person_moved_one_stage_between_downloads(admin_client: FlaskClient, world: World) -> None:
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    world.crowd(post, 24)
    target = world.person("target", post, "longlisted")
    db.session.commit()
    before = publication(admin_client, {"target": at("longlisted")}, vacancy=post.id)
    application = target.applications[0]
    application.stage_changes.append(
        StageChange(from_stage="longlisted", to_stage="shortlisted", at=datetime(2025, 6, 1))
    )
    application.stage = "shortlisted"
    db.session.commit()
    after = publication(admin_client, {"target": at("shortlisted")}, vacancy=post.id)
    assert_protected(world, [before, after])


def one_more_applicant(admin_client: FlaskClient, world: World) -> dict[str, list[str]]:
    """24 applicants; the report is downloaded; the target applies and is longlisted;
    the report is downloaded again. What the two downloads pin of the target."""
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    world.crowd(post, 24)
    db.session.commit()
    before = publication(admin_client, {}, vacancy=post.id)
    world.person("target", post, "longlisted")
    db.session.commit()
    after = publication(admin_client, {"target": at("longlisted")}, vacancy=post.id)
    return recovered([before, after], "target", world.truth["target"])


# draw-63 and draw-66: two of the 11 draws of draw-0 to draw-199 on which this attack
# pinned an answer when each release was protected on its own (docs/disclosure.md, item 6).
@pytest.mark.parametrize("draw", ["draw-0", "draw-63", "draw-66"])
def test_one_more_applicant_between_two_downloads(
    admin_client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch, draw: str
) -> None:
    draw_record_keys(monkeypatch, draw)
    assert one_more_applicant(admin_client, world) == {}


def test_without_the_memory_of_releases_one_more_applicant_is_given_away(
    admin_client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_record_keys(monkeypatch, "draw-63")
    monkeypatch.setattr(releases, "priors", lambda *args, **kwargs: [])
    assert one_more_applicant(admin_client, world) == {"age_band": ["under-35"]}


def fake_rank(ids_and_ranks: list[tuple[int, int]]) -> Any:
    from types import SimpleNamespace

    return lambda vacancy, top_k=50: [
        SimpleNamespace(candidate_id=cid, rank=rank) for cid, rank in ids_and_ranks
    ]


def audit_tables(
    client: FlaskClient, vacancy_id: int, top_n: Any
) -> dict[tuple[str, str, str], tuple[int, int | None]]:
    """The applicants' part of the model audit page, read as the attacker reads it."""
    import lxml.html

    from nedmatch.diversity.columns import row_keys
    from nedmatch.diversity.records import DECLARED, TOTAL, report_questions

    from .solver import interval

    response = client.get(
        f"{REPORTS}/vacancies/{vacancy_id}/model-audit", query_string={"top_n": top_n}
    )
    assert response.status_code == 200
    page = lxml.html.fromstring(response.get_data(as_text=True))
    figures: dict[tuple[str, str, str], tuple[int, int | None]] = {}
    for question in report_questions():
        table = page.xpath(f'//table[@id="table-{question}"]')[0]  # the applicants' part
        keys = [*row_keys(question), DECLARED, TOTAL]
        for key, row in zip(keys, table.xpath("./tbody/tr"), strict=True):
            cells = row.xpath("./td")
            for stage, cell in zip(("ranked", "top"), cells, strict=True):
                shown = (cell.text or "").strip()  # the count, before its percentage
                figures[(question, key, stage)] = interval(shown, key)
    return figures


def test_top_n_plus_one_and_band_differences(
    admin_client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eleven applicants: the top 10 against the top 20 (everyone) differ by the one
    ranked 11th; the top 20 against the top 21 is now the same table."""
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    crowd = world.crowd(post, 10)
    target = world.person("target", post, "applied")
    db.session.commit()
    order = [c.id for c in crowd] + [target.id]
    monkeypatch.setattr(matching, "get_ranker", lambda: object())
    monkeypatch.setattr(
        matching, "rank_applicants", fake_rank([(c, i + 1) for i, c in enumerate(order)])
    )
    monkeypatch.setattr(matching, "rank_pool", lambda vacancy, top_k=50: [])
    top_20 = audit_tables(admin_client, post.id, 20)
    assert audit_tables(admin_client, post.id, 21) == top_20
    assert audit_tables(admin_client, post.id, 19) == top_20
    top_10 = audit_tables(admin_client, post.id, 10)
    stages = ("ranked", "top")
    pinned = recovered(
        [
            Publication(top_10, {"target": frozenset({"ranked"})}),
            Publication(top_20, {"target": frozenset({"ranked", "top"})}),
        ],
        "target",
        world.truth["target"],
        stages=stages,
        ordered_from=0,
    )
    assert pinned == {}
    response = admin_client.get(f"{REPORTS}/vacancies/{post.id}/model-audit?top_n=twenty")
    assert response.status_code == 200
    assert "Choose how many top-ranked candidates to audit: 10, 20, 50 or 100" in response.get_data(
        as_text=True
    )


def pdf_text(client: FlaskClient, monkeypatch: pytest.MonkeyPatch, **params: Any) -> str:
    monkeypatch.setattr(jobs, "run_in_thread", lambda job_id, work: jobs.run_job(job_id, work))
    response = client.post(f"{REPORTS}/pdf", query_string=params, data={})
    assert response.status_code == 302
    job = response.headers["Location"].rstrip("/").split("/")[-1]
    pdf = client.get(f"{REPORTS}/jobs/{job}/download")
    assert pdf.status_code == 200
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_data())).pages)


def test_every_download_format_publishes_the_same_protected_figures(
    admin_client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV, the adverse impact CSV, the XLSX and the PDF show the same figures for
    the organisation-minus-vacancy pair, so none gives the attacker more than the CSV."""
    trust = organisation("Leeds Teaching Hospitals NHS Trust")
    big, small = vacancy_at(trust, "Finance NED"), vacancy_at(trust, "Chair")
    world.crowd(big, 24)
    world.person("target", small, "applied")
    db.session.commit()
    for params in ({"vacancy": big.id}, {"organisation": trust.id}):
        csv_figures = shown_csv(download(admin_client, **params))
        # XLSX: every count cell, read with openpyxl, is the CSV's figure.
        book = openpyxl.load_workbook(io.BytesIO(download(admin_client, "xlsx", **params)))
        sheet = book[book.sheetnames[1]]  # the first question (age)
        age = [(k, v) for k, v in csv_figures.items() if k[0] == "age_band"]
        rows = list(dict.fromkeys(k[1] for k, _ in age))
        for r, row in enumerate(rows, start=5):
            for s, stage in enumerate(STAGES):
                value = sheet.cell(row=r, column=2 + 3 * s).value
                assert str(value) == csv_figures[("age_band", row, stage)].replace(",", "")
        # The adverse impact CSV counts only published figures.
        impact = download(admin_client, "impact-csv", **params).decode("utf-8-sig").splitlines()
        for line in impact[1:]:
            parts = line.split(",")
            question, group, from_stage, to_stage, considered, selected = parts[1:7]
            for shown, stage in ((considered, from_stage), (selected, to_stage)):
                published = csv_figures[(question, group, stage)]
                assert shown == published or (not shown and published in ("<5", "[c]"))
        # The PDF: the sex table's rows carry the CSV's figures.
        text = pdf_text(admin_client, monkeypatch, **params)
        # pypdf gives one table row per line: the label, then a count and a percentage
        # for each stage (a figure never holds a space; a percentage never empty).
        lines = [x.strip() for x in text.splitlines()]
        sex = lines.index("Question: What is your sex?")
        for row, label in (("female", "Female"), ("male", "Male")):
            cells = next(x for x in lines[sex:] if x.startswith(f"{label} ")).split()[1:]
            assert len(cells) == 2 * len(STAGES)
            counts = cells[0::2]
            assert counts == [csv_figures[("sex", row, stage)] for stage in STAGES]


def test_reviewers_cannot_read_reports(
    client: FlaskClient, reviewer: TeamUser, world: World
) -> None:
    post = vacancy_at(organisation("Leeds Teaching Hospitals NHS Trust"), "Finance NED")
    sign_in(client, reviewer)
    for url in (
        f"{REPORTS}/",
        f"{REPORTS}/report",
        f"{REPORTS}/download/csv",
        f"{REPORTS}/download/xlsx",
        f"{REPORTS}/vacancies/{post.id}/model-audit",
        f"{REPORTS}/model-audit?audit-vacancy={post.id}",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{REPORTS}/pdf", data={}).status_code in (400, 403)
