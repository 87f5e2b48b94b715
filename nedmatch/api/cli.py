"""`flask api-tokens`: make, list and revoke API tokens from the command line, as the
administrators' "API tokens" page does."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from ..actors import Actor
from ..extensions import db
from ..models import API_SCOPES, TeamUser
from ..services.platform import api_tokens

tokens_cli = AppGroup("api-tokens", help="Tokens that let other systems use the team API.")


@tokens_cli.command("create")
@click.option("--email", required=True, help="The administrator the token is made for.")
@click.option("--name", required=True, help="The system that will use it.")
@click.option(
    "--scope", type=click.Choice(sorted(API_SCOPES)), default="reviewer", show_default=True
)
def create(email: str, name: str, scope: str) -> None:
    """Make a token and print it once; only its SHA-256 is stored."""
    user = db.session.execute(
        db.select(TeamUser).filter_by(email=email.strip().lower())
    ).scalar_one_or_none()
    if user is None or not user.is_active or not user.is_admin:
        raise click.BadParameter(
            "no active administrator has this email address", param_hint="--email"
        )
    try:
        made = api_tokens.create(Actor.system("cli"), user, name, scope)
    except api_tokens.TokenError as error:
        raise click.BadParameter(str(error)) from error
    db.session.commit()
    click.echo(
        f"Created {scope} token {made.token.id} ({made.token.name}). Copy it now; it is not shown again:"
    )
    click.echo(made.secret)


@tokens_cli.command("list")
def list_tokens() -> None:
    """Every token: id, name, scope, who made it, last use and whether it is revoked."""
    for token in api_tokens.all_tokens():
        state = "revoked" if token.is_revoked else "working"
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        click.echo(
            f"{token.id}\t{token.name}\t{token.scope}\t{token.creator.email}\tlast used {used}\t{state}"
        )


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Stop a token working at once."""
    token = api_tokens.get(token_id)
    if token is None:
        raise click.BadParameter(f"there is no token {token_id}", param_hint="TOKEN_ID")
    if api_tokens.revoke(Actor.system("cli"), token):
        db.session.commit()
        click.echo(f"Revoked token {token.id} ({token.name}).")
    else:
        click.echo(f"Token {token.id} ({token.name}) was already revoked.")


def register(app: Flask) -> None:
    app.cli.add_command(tokens_cli)
