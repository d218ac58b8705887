"""Shared helpers for the end-to-end tests: config files, the CLI in a subprocess, mails, exports.

The end-to-end tests drive the real command line against the test Dovecot and SMTP sink. These
helpers write the TOML config (the IMAP password travels in an environment variable named by
`password_env`), import the workplace registry, build distinct contract mails, and read the
store back through `export messages` / `export contracts`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mailbox_ingest.app import build_app
from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import OutboxState
from mailbox_ingest.intake.ingest import PollReport
from mailbox_ingest.respond.outbox import OutboxReport, run_outbox
from samples.corpus.mails import DEFAULT_PDF_NAME, contract_mail, unique_pdf
from store import export as store_export
from store.db import Database
from store.models import Attachment, Contract, Message, Outbox
from store.registry import import_csv
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import ReceivedMessage

PASSWORD_ENV = "MI_TEST_IMAP_PASSWORD"
CLI = [sys.executable, "-m", "mailbox_ingest"]
REGISTRY = (
    "enterprise_number,name,kind,email_domains\n"
    "0456.789.034,De Ploeg vzw,maatwerkbedrijf,deploeg.be\n"
)
MAATWERK_TIME = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC)
LEGACY_TIME = dt.datetime(2017, 3, 1, 9, 12, tzinfo=dt.UTC)
DONE, QUARANTINE = "Verwerkt", "Quarantaine"


def _toml_value(value: Any) -> str:
    """One TOML scalar: strings JSON-quoted (valid TOML basic strings), numbers and booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value))


def write_config(path: Path, sections: Mapping[str, Mapping[str, Any]]) -> Path:
    """Write a TOML config of flat sections to `path` and return it."""
    lines: list[str] = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml_value(val)}" for key, val in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def mailbox_section(account: ImapAccount, tls: str = "none", **extra: Any) -> dict[str, Any]:
    """The [mailbox] section for the account on the test Dovecot (plain, starttls or ssl)."""
    server = account.server
    section: dict[str, Any] = {
        "kind": "imap",
        "host": server.host,
        "port": server.ssl_port if tls == "ssl" else server.port,
        "tls": tls,
        "username": account.user,
        "password_env": PASSWORD_ENV,
        "timeout_s": 10.0,
    }
    if tls != "none":
        section["cafile"] = str(server.cafile)
    section.update(extra)
    return section


def e2e_config(
    tmp_path: Path,
    db_url: str,
    account: ImapAccount,
    *,
    smtp_port: int | None = None,
    tls: str = "none",
    **overrides: Mapping[str, Any],
) -> Path:
    """A complete config for the CLI: Dovecot mailbox, SMTP sink (or .eml folder), tmp state."""
    outgoing: dict[str, Any] = {
        "kind": "directory",
        "path": str(tmp_path / "outbox"),
        "from": "enclaves@wse.test",
        "retry_base_s": 0.01,
    }
    if smtp_port is not None:
        outgoing.update(kind="smtp", host="127.0.0.1", port=smtp_port, tls="none")
    sections: dict[str, dict[str, Any]] = {
        "database": {"url": db_url},
        "mailbox": mailbox_section(account, tls),
        "outgoing": outgoing,
        "answers": {"authserv_id": "mx.wse.test", "letter_dir": str(tmp_path / "letters")},
        "web": {"enabled": False},
        "logging": {"level": "INFO", "format": "text"},
    }
    for name, values in overrides.items():
        sections.setdefault(name, {}).update(values)
    return write_config(tmp_path / "config.toml", sections)


def cli_env(account: ImapAccount | None = None, **extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: ours, the IMAP password, and `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "MAILBOX_INGEST_CRASH_AT"}
    if account is not None:
        env[PASSWORD_ENV] = account.password
    env.update(extra)
    return env


def run_cli(
    config: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `mailbox-ingest --config CONFIG ARGS...` and return the finished process."""
    return subprocess.run(
        [*CLI, "--config", str(config), *args],
        env=dict(env) if env is not None else cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def poll_once(
    config: Path, account: ImapAccount, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """`poll --once` with the account's password (and e.g. a crash point) in the environment."""
    return run_cli(config, "poll", "--once", env=cli_env(account, **extra_env))


def checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """The result, after asserting exit code 0 (showing stderr when not)."""
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def export(config: Path, what: str) -> list[dict[str, Any]]:
    """`export messages|contracts --format json`, parsed."""
    result = checked(run_cli(config, "export", what, "--format", "json"))
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def import_registry(db_url: str, tmp_path: Path) -> None:
    """Migrate the database and import De Ploeg vzw (deploeg.be) as a registered workplace."""
    csv_path = tmp_path / "registry.csv"
    csv_path.write_text(REGISTRY, encoding="utf-8")
    db = Database(db_url)
    try:
        with db.session() as s:
            import_csv(s, csv_path)
    finally:
        db.dispose()


def distinct_contract(n: int, **kwargs: Any) -> bytes:
    """A contract mail from De Ploeg whose PDF and Message-ID differ from every other n."""
    pdf = unique_pdf(f"Klant {n:03d} NV")
    return contract_mail(
        subject=f"Ondernemingscontract enclave {n}",
        attachments=[(DEFAULT_PDF_NAME, pdf, "application/pdf")],
        message_id=kwargs.pop("message_id", f"<contract-{n}-{os.getpid()}@deploeg.be>"),
        **kwargs,
    )


def message_id_of(raw: bytes) -> str:
    """The Message-ID header of a raw mail."""
    from email.parser import BytesHeaderParser

    value = BytesHeaderParser().parsebytes(raw)["Message-ID"]
    assert value is not None
    return str(value).strip()


def acks_by_reply(messages: list[ReceivedMessage]) -> Counter[str]:
    """How many received mails answer each Message-ID (by In-Reply-To)."""
    return Counter(str(m.message["In-Reply-To"]).strip() for m in messages)


def outbox_states(db_url: str) -> list[str]:
    """The state of every outbox row, oldest first."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return list(s.execute(select(Outbox.state).order_by(Outbox.id)).scalars())
    finally:
        db.dispose()


def store_counts(db_url: str) -> dict[str, int]:
    """Rows per table that a repeated poll must leave unchanged."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return {
                model.__name__: s.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Message, Contract, Attachment, Outbox)
            }
    finally:
        db.dispose()


def exported_messages(db_url: str) -> list[dict[str, Any]]:
    """The `export messages` records, read in this process."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return store_export.messages(s)
    finally:
        db.dispose()


def exported_contracts(db_url: str) -> list[dict[str, Any]]:
    """The `export contracts` records, read in this process."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return store_export.contracts(s)
    finally:
        db.dispose()


def ingest_once(settings: Settings) -> tuple[PollReport, OutboxReport]:
    """What `poll --once` does, in this process: poll the mailbox, then run the outbox."""
    app = build_app(settings)
    try:
        return app.ingestor.poll(), run_outbox(app.db, app.sender, settings.outgoing)
    finally:
        app.close()


def send_due(settings: Settings) -> OutboxReport:
    """One run of the outbox job."""
    app = build_app(settings, migrate=False)
    try:
        return run_outbox(app.db, app.sender, settings.outgoing)
    finally:
        app.close()


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.2) -> bool:
    """Poll `predicate` until it holds; False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@contextmanager
def daemon(config: Path, account: ImapAccount, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`mailbox-ingest run` in a subprocess logging to `log`; killed if the test leaves it."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [*CLI, "--config", str(config), "run"],
            env=cli_env(account),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_until(lambda: "daemon started" in log_text(log) or proc.poll() is not None, 30)
        assert proc.poll() is None, log_text(log)
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def log_text(log: Path) -> str:
    """The daemon's log so far."""
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def inbox_and_done(account: ImapAccount) -> tuple[int, int, int]:
    """How many mails are in INBOX, the done folder and the quarantine folder."""
    server, user = account.server, account.user
    folders = set(server.folders(user))
    return tuple(  # type: ignore[return-value]
        len(server.list_messages(user, f)) if f in folders else 0
        for f in ("INBOX", DONE, QUARANTINE)
    )


SENT = OutboxState.SENT.value
