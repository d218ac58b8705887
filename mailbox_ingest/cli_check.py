"""`mailbox-ingest check-config [--connect]`: validate the settings, and try every connection.

Without `--connect` the effective settings are printed as JSON (no secret is ever in them).
With it, each configured connection is tried for real (database, OAuth2 token acquisition,
mailbox login and folder selection, SMTP connect and login, local folders) and reported in
one line each, `ok` or `FAIL` with the reason; the exit code is 1 when any failed.
Connection modules are imported inside the checks so that other commands start fast.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mailbox_ingest.config import OAuth2Settings, Settings

if TYPE_CHECKING:
    from mailbox_ingest.auth.broker import TokenBroker


@dataclass(frozen=True, slots=True)
class Check:
    """One connection tried: its name, whether it worked, and what was seen."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        """`ok   name: detail` or `FAIL name: detail` on one line."""
        detail = " ".join(self.detail.split())
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {detail}"


def _try(name: str, action: Callable[[], str]) -> Check:
    """Run one check; any exception is a failure with its message."""
    try:
        return Check(name, True, action())
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line
        return Check(name, False, str(exc) or type(exc).__name__)


def _database(settings: Settings) -> str:
    from sqlalchemy import make_url, text

    from store.db import Database

    url = make_url(settings.database.url)
    db = Database(settings.database.url, migrate=False)
    try:
        with db.session() as s:
            s.execute(text("SELECT 1"))
    finally:
        db.dispose()
    return url.render_as_string(hide_password=True)


def _token(tokens: TokenBroker, oauth2: OAuth2Settings, key: str) -> str:
    manager = tokens.manager(oauth2, key)
    manager.token()
    expires = manager.status().expires_at
    left = f"valid for {int(expires - time.time())} s" if expires else "expiry unknown"
    return f"{oauth2.provider} token obtained ({left})"


def _imap(settings: Settings, tokens: TokenBroker) -> str:
    from mailbox_ingest.intake.imap import ImapSource

    mb = settings.mailbox
    source = ImapSource(mb, tokens)
    try:
        source.connect()
        waiting = len(source.list_waiting())
    finally:
        source.close()
    return f"{mb.username}@{mb.host}:{mb.effective_port} folder {mb.folder}: {waiting} waiting"


def _folder(path: Path) -> str:
    path.mkdir(parents=True, exist_ok=True)
    if not os.access(path, os.R_OK | os.W_OK | os.X_OK):
        raise PermissionError(f"{path} is not readable and writable")
    return str(path)


def _smtp(settings: Settings, tokens: TokenBroker) -> str:
    from mailbox_ingest.respond.senders import SmtpSender

    out = settings.outgoing
    SmtpSender(out, None, tokens).check()  # connects and logs in, sends nothing
    login = f" as {out.username}" if out.username else " (no login)"
    return f"{out.host}:{out.effective_port}{login}"


def run_checks(settings: Settings) -> list[Check]:
    """Try every configured connection, in the order a poll needs them."""
    from mailbox_ingest.auth.broker import TokenBroker

    tokens = TokenBroker()
    checks = [_try("database", lambda: _database(settings))]
    mb, out = settings.mailbox, settings.outgoing
    if mb.kind == "imap":
        if (login := mb.oauth2) is not None:
            checks.append(_try("mailbox token", lambda: _token(tokens, login, "mailbox.oauth2")))
        checks.append(_try("mailbox", lambda: _imap(settings, tokens)))
    else:
        checks.append(_try("mailbox", lambda: "Maildir " + _folder(mb.path)))
    if out.kind == "smtp":
        if (sending := out.oauth2) is not None and sending != mb.oauth2:
            checks.append(
                _try("outgoing token", lambda: _token(tokens, sending, "outgoing.oauth2"))
            )
        checks.append(_try("outgoing", lambda: _smtp(settings, tokens)))
    else:
        checks.append(_try("outgoing", lambda: "directory " + _folder(out.path)))
    return checks


def check_config(
    ctx: typer.Context,
    connect: Annotated[
        bool, typer.Option("--connect", help="Also try every connection, one line each.")
    ] = False,
) -> None:
    """Validate the configuration and print it as JSON; with --connect, test connections."""
    from mailbox_ingest.cli import settings

    s = settings(ctx)
    if not connect:
        typer.echo(json.dumps(s.model_dump(mode="json", by_alias=True), indent=2))
        return
    checks = run_checks(s)
    for c in checks:
        typer.echo(c.line())
    if not all(c.ok for c in checks):
        raise typer.Exit(1)
