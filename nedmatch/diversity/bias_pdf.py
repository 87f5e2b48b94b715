"""The bias audit as a tagged, accessible PDF (PDF/UA-1), through the same pipeline as the
diversity report (pdf.py): an HTML page laid out by WeasyPrint, its margins made
artifacts (pdftags.py). It prints a snapshot (bias_snapshot.py): published figures only."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from .bias_snapshot import Snapshot, reading, sections
from .pdf import PDF_VARIANT, TEMPLATES
from .pdftags import margins_as_artifacts


@cache
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("bias_audit.html")


def audit_html(title: str, facts: Sequence[tuple[str, str]], figures: Snapshot) -> str:
    return _template().render(
        title=f"NEDMatch bias audit of the matching model: {title}",
        scope=title,
        facts=list(facts),
        figures=figures,
        sections=[(s, reading(s)) for s in sections(figures)],
    )


def audit_to_pdf(title: str, facts: Sequence[tuple[str, str]], figures: Snapshot) -> bytes:
    """``facts``: (label, text) pairs saying where the data came from and when."""
    from weasyprint import CSS, HTML  # slow to import; only the PDF needs it
    from weasyprint.urls import URLFetcher

    # Nothing is fetched: no file on the server or address on the network gets in.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(
        string=audit_html(title, facts, figures), base_url=str(TEMPLATES), url_fetcher=fetcher
    )
    styles = [
        CSS(filename=str(TEMPLATES / "report.css"), url_fetcher=fetcher),
        CSS(filename=str(TEMPLATES / "bias_audit.css"), url_fetcher=fetcher),
    ]
    data: bytes = document.write_pdf(stylesheets=styles, pdf_variant=PDF_VARIANT)
    return margins_as_artifacts(data)
