"""What every chart of the report shares: the stages it shows and a colour for each.

The page and the PDF draw the same SVG charts (``svg.py``); the XLSX draws its own with
openpyxl (``xlsx.py``). All take their stages and colours from here, so a stage looks the
same in every format.
"""

from __future__ import annotations

from .tables import QuestionTable

# NHS identity colours.
PALETTE: tuple[str, ...] = ("#003087", "#005EB8", "#41B6E6", "#FFB81C", "#768692", "#AE2573")
CHART_STAGES: tuple[str, ...] = ("applied", "longlisted", "shortlisted", "interviewed", "appointed")
# One colour per stage in every chart, each at least 3:1 against white (WCAG 1.4.11), and
# neighbouring stages unlike in hue and lightness: applied (dark blue) and shortlisted
# (pink) were two blues. Colour is never the only cue: every bar of the page's and the
# PDF's charts is labelled with its stage.
STAGE_COLOURS: dict[str, str] = {
    "pool": "#425563",  # NHS dark grey
    "applied": "#003087",  # NHS dark blue
    "longlisted": "#009639",  # NHS green
    "shortlisted": "#AE2573",  # NHS pink
    "interviewed": "#768692",  # NHS mid grey
    "appointed": "#330072",  # NHS purple
}


def chart_stages(table: QuestionTable) -> tuple[str, ...]:
    chosen = tuple(s for s in CHART_STAGES if s in table.stages)
    return chosen or table.stages
