"""`flask report diversity`: the same reports as the web pages, for scheduled publication."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..diversity import DisclosurePolicy, Scope
from ..domain import REGIONS
from ..extensions import db
from ..services import reporting
from ..services.platform import audit
from ..services.platform.jobs import console_reporter
from ..services.reporting.scopes import audit_detail, audit_key
from . import downloads
from .forms import THRESHOLD_RANGE

report_cli = AppGroup("report", help="Diversity reports, as files.")

_FORMATS = {"csv": "csv", "impact-csv": "impact-csv", "xlsx": "xlsx", "pdf": "pdf"}


def _date(value: datetime | None) -> date | None:
    return value.date() if value else None


@report_cli.command("diversity")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(_FORMATS)), default="xlsx", show_default=True
)
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path)
)
@click.option("--vacancy", "vacancy_id", type=int, help="Only this vacancy's campaign.")
@click.option("--organisation", "organisation_id", type=int, help="Only this organisation.")
@click.option("--region", type=click.Choice(sorted(REGIONS)), help="Only this region.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Applied on or after.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Applied on or before.")
@click.option(
    "--threshold",
    type=click.IntRange(*THRESHOLD_RANGE),
    help="Smallest count to publish (default: DIVERSITY_THRESHOLD, usually 5).",
)
@click.option("--round", "rounded", is_flag=True, help="Round counts to the nearest 5.")
def diversity(
    fmt: str,
    output: Path,
    vacancy_id: int | None,
    organisation_id: int | None,
    region: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    threshold: int | None,
    rounded: bool,
) -> None:
    """Write a diversity report (aggregates only) as CSV, XLSX or PDF."""
    from flask import current_app

    try:
        scope = Scope(
            vacancy_id=vacancy_id,
            organisation_id=organisation_id,
            region=region,
            date_from=_date(date_from),
            date_to=_date(date_to),
        )
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--from/--to") from error
    # The service's policy (cell key) unless the operator, who can read the database
    # anyway, asks for another: files for publication should use the default.
    policy = (
        DisclosurePolicy(
            threshold=threshold or int(current_app.config.get("DIVERSITY_THRESHOLD", 5)),
            method="round" if rounded else "suppress",
        )
        if threshold or rounded
        else reporting.service_policy()
    )
    with console_reporter() as reporter:
        report = reporting.diversity_report(scope, policy, reporter)
        reporter.step(f"Writing {fmt.upper()}")
        data, _, _ = downloads.build(report, _FORMATS[fmt])
        output.write_bytes(data)
    audit.record(
        "system",
        "report_downloaded",
        "report",
        audit_key(scope),
        **audit_detail(scope, policy, format=fmt, via="command line", output=str(output)),
    )
    db.session.commit()
    totals = report.stage_totals
    click.echo(
        f"Wrote {output} ({len(data):,} bytes): {scope.describe()}, "
        f"{totals.get('applied', 0):,} applications, {totals.get('pool', 0):,} people."
    )


def register(app: Flask) -> None:
    app.cli.add_command(report_cli)
