"""Settings: defaults, TOML loading, and one clear error naming the bad key."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailbox_ingest.config import (
    ConfigError,
    Settings,
    load_settings,
    secret_from_env,
    settings_from_dict,
)
from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.pipeline.regime import regime_for

ROOT = Path(__file__).resolve().parent.parent


def test_no_config_gives_the_embedded_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a file: SQLite, a Maildir and .eml files, web on 127.0.0.1:8000."""
    monkeypatch.delenv("MAILBOX_INGEST_CONFIG", raising=False)
    s = load_settings(None)
    assert s.database.url.startswith("sqlite:///")
    assert (s.mailbox.kind, s.outgoing.kind) == ("maildir", "directory")
    assert (s.web.host, s.web.port) == ("127.0.0.1", 8000)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"mailbox": {"kind": "pop3"}}, "mailbox.kind"),
        ({"mailbox": {"port": "abc"}}, "mailbox.port"),
        ({"web": {"prot": 80}}, "web.prot"),
        ({"storage": {"smtp_journal": "var/smtp-journal.log"}}, "storage"),
        ({"databse": {"url": "x"}}, "databse"),
        ({"mailbox": {"kind": "imap"}}, "mailbox"),
        ({"limits": {"max_pages": 0}}, "limits.max_pages"),
        (
            {
                "regimes": {
                    "periods": [
                        {"start": "2019-01-01", "regime": "maatwerk"},
                        {"start": "2015-01-01", "regime": "legacy"},
                    ]
                }
            },
            "regimes",
        ),
    ],
)
def test_bad_setting_names_its_key(data: dict[str, object], key: str) -> None:
    """A bad value raises ConfigError whose key is the setting's dotted path."""
    with pytest.raises(ConfigError) as info:
        settings_from_dict(data)
    assert info.value.key == key


def test_example_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    """config.example.toml loads, and relative paths are taken from the file's folder."""
    s = load_settings(ROOT / "config.example.toml")
    assert s.mailbox.kind == "imap"
    assert s.answers.letter_dir.is_absolute()
    assert s.web.image_cache_dir.is_absolute()
    assert len(s.regimes.periods) == 4


def test_missing_file_and_bad_toml_are_config_errors(tmp_path: Path) -> None:
    """A missing file or broken TOML is reported as a ConfigError."""
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[mailbox\nkind = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_secret_comes_from_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """password_env names a variable; unset, the error names the key and the variable."""
    monkeypatch.setenv("MI_TEST_SECRET", "s3cret")
    assert secret_from_env("MI_TEST_SECRET", "mailbox.password_env") == "s3cret"
    monkeypatch.delenv("MI_TEST_SECRET")
    with pytest.raises(ConfigError, match="MI_TEST_SECRET is not set") as info:
        secret_from_env("MI_TEST_SECRET", "mailbox.password_env")
    assert info.value.key == "mailbox.password_env"


@pytest.mark.parametrize(
    ("received", "regime"),
    [
        (dt.datetime(2015, 3, 31, 21, 59, tzinfo=dt.UTC), Regime.LEGACY),
        (dt.datetime(2015, 3, 31, 22, 30, tzinfo=dt.UTC), Regime.MAATWERK),  # 1 April in Brussels
        (dt.datetime(2016, 2, 7, 12, 0, tzinfo=dt.UTC), Regime.MAATWERK),
        (dt.datetime(2016, 2, 8, 12, 0, tzinfo=dt.UTC), Regime.LEGACY),
        (dt.datetime(2017, 6, 1, 12, 0, tzinfo=dt.UTC), Regime.LEGACY),
        (dt.datetime(2018, 12, 31, 23, 30, tzinfo=dt.UTC), Regime.MAATWERK),  # 1 Jan in Brussels
        (dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC), Regime.MAATWERK),
    ],
)
def test_regime_by_received_day_in_brussels(received: dt.datetime, regime: Regime) -> None:
    """The regime table applies to the calendar day in Brussels, boundaries included."""
    assert regime_for(received, Settings().regimes) is regime


def test_cli_bad_config_is_one_line_with_exit_2(tmp_path: Path) -> None:
    """The command line reports a bad key on one line, no traceback, exit code 2."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[mailbox]\nkind = "imap"\nusername = "u"\npassword_env = "P"\nport = "x"\n')
    run = subprocess.run(
        [sys.executable, "-m", "mailbox_ingest", "--config", str(cfg), "poll", "--once"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "error: config error at mailbox.port: Input should be a valid integer, unable to parse "
        "string as an integer"
    ]


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["run"],
        ["poll"],
        ["organisations", "import"],
        ["export", "contracts"],
        ["export", "messages"],
        ["db", "upgrade"],
        ["check-config"],
        ["import-archive"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    """`--help` works on every command and exits 0."""
    run = subprocess.run(
        [sys.executable, "-m", "mailbox_ingest", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Usage" in run.stdout
