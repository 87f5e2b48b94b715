"""The report's charts: every campaign stage from applied to appointed, longlisted
included, each stage in a colour of its own that stands out against the page, and never
told apart by colour alone: every bar, on the page and in the PDF, is labelled with its
stage."""

from __future__ import annotations

import base64
import colorsys
import re
from collections.abc import Callable

import lxml.etree
import pytest

from nedmatch.diversity import MonitoringRecord, Scope, build_report
from nedmatch.diversity.charts import CHART_STAGES, STAGE_COLOURS
from nedmatch.diversity.pdf import stage_charts
from nedmatch.diversity.svg import stage_chart_svg

CAMPAIGN = ["applied", "longlisted", "shortlisted", "interviewed", "appointed"]


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def sex_table(records_factory: Callable[..., list[MonitoringRecord]]):  # type: ignore[no-untyped-def]
    records = []
    for n, stage in enumerate(CAMPAIGN):
        records += records_factory(stage, 10, 100 * n, sex="female")
        records += records_factory(stage, 10, 100 * n + 50, sex="male")
    report = build_report(records, scope=Scope(), questions=["sex"])
    return report.table("sex")


def test_the_charts_show_every_campaign_stage_longlisted_included() -> None:
    assert list(CHART_STAGES) == CAMPAIGN


@pytest.mark.parametrize("stage", CAMPAIGN)
def test_each_stage_colour_stands_out_against_the_page(stage: str) -> None:
    assert contrast(STAGE_COLOURS[stage], "#ffffff") >= 3.0  # WCAG 1.4.11, non-text contrast


def hue(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 360 * colorsys.rgb_to_hsv(red, green, blue)[0]


def test_no_two_stages_share_a_colour_and_applied_is_unlike_shortlisted() -> None:
    colours = [STAGE_COLOURS[stage].lower() for stage in CAMPAIGN]
    assert len(set(colours)) == len(colours)
    # They were two blues 9 degrees of hue apart (#003087, #005EB8); now a blue and a pink.
    applied, shortlisted = STAGE_COLOURS["applied"], STAGE_COLOURS["shortlisted"]
    apart = abs(hue(applied) - hue(shortlisted))
    assert min(apart, 360 - apart) >= 60
    assert contrast(applied, shortlisted) >= 1.5


def assert_every_bar_labelled(svg_text: str, answers: int) -> None:
    svg = lxml.etree.fromstring(svg_text.encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = [" ".join(t.itertext()) for t in svg.xpath("//s:text", namespaces=ns)]
    fills = {rect.get("fill") for rect in svg.xpath("//s:rect", namespaces=ns)}

    for stage in CAMPAIGN:
        name = stage.capitalize()
        assert name in labels, "in the legend"
        bar_labels = [label for label in labels if re.fullmatch(rf"{name} \d+%", label)]
        assert len(bar_labels) == answers, stage
        assert STAGE_COLOURS[stage] in fills
    assert "Longlisted" in svg.xpath("//s:desc", namespaces=ns)[0].text
    widest = max(float(t.get("x", 0)) for t in svg.xpath("//s:text", namespaces=ns))
    assert widest + len("Interviewed 100%") * 7 <= 720, "a full bar's label fits the chart"


def test_the_page_chart_labels_every_bar_with_its_stage(sex_table) -> None:  # type: ignore[no-untyped-def]
    assert_every_bar_labelled(stage_chart_svg(sex_table, "chart-sex"), len(sex_table.answer_rows()))


def test_the_print_chart_is_the_page_chart_with_alt_text_naming_every_stage(sex_table) -> None:  # type: ignore[no-untyped-def]
    """The PDF draws the same labelled SVG (greyscale print loses the colours, not the
    labels), and says in its alternative text what the chart shows."""
    [chart] = stage_charts(sex_table)
    prefix = "data:image/svg+xml;base64,"
    assert chart.source.startswith(prefix)
    assert_every_bar_labelled(
        base64.b64decode(chart.source[len(prefix) :]).decode(), len(sex_table.answer_rows())
    )
    assert chart.alt.startswith("Sex: % of those who declared, by stage: Female, Male.")
    for stage in CAMPAIGN:
        assert stage.capitalize() in chart.alt
