"""`check-config --connect`: every configured connection is tried, one line each, against the
real Dovecot, an SMTP sink that checks logins, and the databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from testkit.servers import free_ports
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import PASSWORD_ENV, cli_env, mailbox_section, run_cli, write_config

SMTP_ENV = "MI_TEST_SMTP_PASSWORD"


def config(
    tmp_path: Path, db_url: str, account: ImapAccount, smtp_port: int, **mailbox: Any
) -> Path:
    """A config with the Dovecot mailbox, an SMTP login and the given database."""
    return write_config(
        tmp_path / "config.toml",
        {
            "database": {"url": db_url},
            "mailbox": mailbox_section(account, **mailbox),
            "outgoing": {
                "kind": "smtp",
                "host": "127.0.0.1",
                "port": smtp_port,
                "tls": "none",
                "username": "sender",
                "password_env": SMTP_ENV,
                "timeout_s": 5.0,
            },
            "web": {"enabled": False},
        },
    )


@pytest.fixture
def smtp_login_sink() -> Any:
    """An SMTP sink that accepts only `sender` / `right`."""
    with SmtpSink(logins={"sender": "right"}) as sink:
        yield sink


@pytest.mark.imap
@pytest.mark.smtp
def test_every_connection_ok(
    imap_account: ImapAccount, smtp_login_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """Database, mailbox login + folder and SMTP login each say ok; exit code 0."""
    path = config(tmp_path, db_url, imap_account, smtp_login_sink.port)
    result = run_cli(
        path, "check-config", "--connect", env=cli_env(imap_account, **{SMTP_ENV: "right"})
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0] for line in lines] == [
        "ok   database",
        "ok   mailbox",
        "ok   outgoing",
    ]
    assert (
        f"{imap_account.user}@127.0.0.1:{imap_account.server.port} folder INBOX: 0 waiting"
        in lines[1]
    )
    assert lines[2] == f"ok   outgoing: 127.0.0.1:{smtp_login_sink.port} as sender"


@pytest.mark.imap
@pytest.mark.smtp
def test_each_failure_is_one_line_and_exit_1(
    imap_account: ImapAccount, smtp_login_sink: SmtpSink, tmp_path: Path
) -> None:
    """A dead database port, a wrong IMAP password and a wrong SMTP password: three FAILs."""
    dead = free_ports(1)[0]
    path = config(
        tmp_path,
        f"postgresql+psycopg://nobody@127.0.0.1:{dead}/none",
        imap_account,
        smtp_login_sink.port,
    )
    env = cli_env(imap_account, **{SMTP_ENV: "wrong"})
    env[PASSWORD_ENV] = "not-the-password"
    result = run_cli(path, "check-config", "--connect", env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("FAIL ") for line in lines), lines
    assert lines[0].startswith("FAIL database:") and str(dead) in lines[0]
    assert lines[1].startswith("FAIL mailbox:") and "AUTHENTICATIONFAILED" in lines[1]
    assert lines[2].startswith("FAIL outgoing:") and "535" in lines[2]


@pytest.mark.imap
def test_unreachable_smtp_and_unset_secret(imap_account: ImapAccount, tmp_path: Path) -> None:
    """A closed SMTP port fails by name; an unset password variable names its key."""
    path = config(tmp_path, f"sqlite:///{tmp_path}/db.sqlite3", imap_account, free_ports(1)[0])
    env = cli_env(imap_account)
    env.pop(PASSWORD_ENV)
    result = run_cli(path, "check-config", "--connect", env=env)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0].startswith("ok   database:")
    assert lines[1] == (
        f"FAIL mailbox: config error at mailbox.password_env: environment "
        f"variable {PASSWORD_ENV} is not set"
    )
    assert lines[2].startswith("FAIL outgoing: SMTP 127.0.0.1:") and "refused" in lines[2]


def test_without_connect_prints_the_settings(tmp_path: Path) -> None:
    """Plain `check-config` still prints the effective settings as JSON."""
    path = write_config(tmp_path / "c.toml", {"database": {"url": "sqlite:///x.sqlite3"}})
    result = run_cli(path, "check-config")
    assert result.returncode == 0 and '"database"' in result.stdout
