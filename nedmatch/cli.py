"""`flask` commands: create team users, load demo data. Heavy work runs here, not in requests."""

from __future__ import annotations

import secrets

import click
from flask import Flask
from flask.cli import AppGroup

from .extensions import db
from .models import TEAM_ROLES, Candidate, TeamUser
from .services.platform import audit
from .services.platform.passwords import MAX_LENGTH, MIN_LENGTH, hash_password

users_cli = AppGroup("users", help="Manage the appointments team's accounts.")
demo_cli = AppGroup("demo", help="Demo data for trying the service.")
model_cli = AppGroup("model", help="The matching model that ranks candidates.")
messages_cli = AppGroup("messages", help="Messages to candidates about their applications.")
alerts_cli = AppGroup("alerts", help="Emails to the talent pool about new roles.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", type=click.Choice(sorted(TEAM_ROLES)), default="reviewer", show_default=True
)
@click.option("--password", help=f"{MIN_LENGTH} to {MAX_LENGTH} characters; generated if left out.")
def create_user(email: str, name: str, role: str, password: str | None) -> None:
    """Create a team user, or reset the password of an existing one."""
    generated = password is None
    password = password or secrets.token_urlsafe(15)
    try:
        password_hash = hash_password(password)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--password") from error
    email = email.strip().lower()
    user = db.session.execute(db.select(TeamUser).filter_by(email=email)).scalar_one_or_none()
    if user is None:
        user = TeamUser(email=email, name=name, role=role, password_hash=password_hash)
        db.session.add(user)
        db.session.flush()
        audit.record("system", "team_user_created", "team_user", user.id, role=role)
        action = "Created"
    else:
        user.name, user.role, user.password_hash = name, role, password_hash
        user.failed_logins, user.locked_until = 0, None
        user.end_sessions()  # a new password signs the account out everywhere
        audit.record("system", "team_user_reset", "team_user", user.id, role=role)
        action = "Updated"
    db.session.commit()
    click.echo(f"{action} {role} {email}" + (f" with password {password}" if generated else ""))


@demo_cli.command("seed")
@click.option("--candidates", default=2000, show_default=True, help="Pool size.")
@click.option(
    "--if-empty", is_flag=True, help="Do nothing when the database already has candidates."
)
@click.option("--seed", default=2022, show_default=True, help="Random seed, for repeatable data.")
def seed(candidates: int, if_empty: bool, seed: int) -> None:
    """Load a realistic demo: organisations, vacancies, a talent pool and applications."""
    from .demo.seed import seed_demo

    if if_empty and db.session.execute(db.select(Candidate.id).limit(1)).first() is not None:
        click.echo("The database already has candidates; demo data not loaded.")
        return
    summary = seed_demo(pool_size=candidates, seed=seed)
    db.session.commit()
    click.echo(summary)


@demo_cli.command("open-systems")
@click.option("--email", required=True, help="The demo administrator.")
def open_systems(email: str) -> None:
    """A demo webhook and a published bias audit (after the model is fitted)."""
    from .demo.open_systems import seed_open_systems

    admin = db.session.execute(
        db.select(TeamUser).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()
    if admin is None or not admin.is_admin:
        raise click.BadParameter("no administrator has this email address", param_hint="--email")
    click.echo(seed_open_systems(admin))
    db.session.commit()


@demo_cli.command("import-file")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--rows", default=500, show_default=True, help="People in the file.")
def import_file(path: str, rows: int) -> None:
    """Write a made-up talent list to import (CSV), with some problems and duplicates."""
    from .demo import import_file as sample

    people, planted = sample.rows(rows)
    with open(path, "wb") as file:
        file.write(sample.to_csv(people))
    click.echo(
        f"Wrote {rows:,} rows to {path}: {planted.problems:,} with a problem, "
        f"{planted.duplicates:,} duplicates. Import it at /team/imports/new."
    )


@model_cli.command("fit")
@click.option("--if-missing", is_flag=True, help="Only when no usable model is saved.")
def fit_model(if_missing: bool) -> None:
    """Fit the matching model on every candidate profile and save it."""
    from .services import matching
    from .services.platform.jobs import console_reporter

    if if_missing and matching.get_ranker() is not None:
        click.echo("A usable matching model is already saved.")
        return
    with console_reporter() as reporter:
        message = matching.fit(reporter)
    click.echo(message)


@messages_cli.command("send-due")
def send_due_messages() -> None:
    """Send the stage messages that are due (a rejection once its wait is over). Safe to
    run from cron on several machines at once: each message is sent once."""
    from .services.messages import queue

    sent = queue.send_due()
    click.echo(f"Sent {sent} message(s).")


@alerts_cli.command("send-due")
def send_due_alerts() -> None:
    """Alert pool members to the vacancies that have started taking applications (those with
    a later opening date open on it). Run from cron, e.g. hourly; safe to run on several
    machines at once: nobody is told of a vacancy twice."""
    from .services.alerts import opening

    sweep = opening.announce_due()
    click.echo(
        f"{sweep.opened} vacancy(ies) newly open; sent {sweep.alerted} alert(s)."
        + (
            f" {sweep.waiting} vacancy(ies) still have alerts to send: is the matching "
            "model fitted (flask model fit)?"
            if sweep.waiting
            else ""
        )
    )


@alerts_cli.command("send-digest")
def send_digest() -> None:
    """Send the weekly email of new roles to each member who asked for one. Run weekly from
    cron; a rerun within six days sends nothing more."""
    from .services import matching
    from .services.alerts import digest

    if matching.get_ranker() is None:
        click.echo("No digests sent: the matching model is not fitted (flask model fit).")
        return
    click.echo(f"Sent {digest.send_digests()} weekly email(s).")


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(model_cli)
    app.cli.add_command(messages_cli)
    app.cli.add_command(alerts_cli)
