"""Commands of the review web UI: `web` (serve it alone) and `users add`."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Annotated

import typer

from mailbox_ingest.domain.enums import UserRole
from mailbox_ingest.domain.errors import ConfigError

users_app = typer.Typer(help="Staff accounts of the web UI.", no_args_is_help=True)


def web(ctx: typer.Context) -> None:
    """Serve the review web UI (with /healthz and /metrics) alone, without polling."""
    from mailbox_ingest.cli import settings
    from mailbox_ingest.web.app import create_app
    from mailbox_ingest.web.server import serve_forever
    from store.db import Database

    s = settings(ctx)
    db = Database(s.database.url)
    try:
        typer.echo(f"review UI on http://{s.web.host}:{s.web.port}/", err=True)
        serve_forever(
            create_app(s, db, lambda: {"ok": True, "mode": "web"}), s.web.host, s.web.port
        )
    finally:
        db.dispose()


def _password(env: str | None) -> str:
    if env:
        value = os.environ.get(env)
        if value is None:
            raise ConfigError("--password-env", f"environment variable {env} is not set")
        return value
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise typer.BadParameter("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[
        UserRole, typer.Option("--role", help="reviewer or admin.")
    ] = UserRole.REVIEWER,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            help="Take the password from this environment variable (default: read it from stdin).",
        ),
    ] = None,
) -> None:
    """Add a staff account (or reset its password and role)."""
    from mailbox_ingest.accounts import save_user
    from mailbox_ingest.cli import store_session

    password = _password(password_env)
    with store_session(ctx) as s:
        save_user(s, name, role, password, "cli")
    typer.echo(f"user {name} saved ({role.value})")
