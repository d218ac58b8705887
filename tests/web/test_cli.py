"""`users add` and `web` on the command line: a user who can log in, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from sqlalchemy import select

from store.db import Database
from store.models import User
from testkit.servers import free_ports
from tests.e2e_helpers import CLI, cli_env, run_cli, write_config


def _config(tmp_path: Path, port: int = 8000) -> Path:
    return write_config(
        tmp_path / "config.toml",
        {
            "database": {"url": f"sqlite:///{tmp_path}/store.sqlite3"},
            "mailbox": {"kind": "maildir", "path": str(tmp_path / "maildir")},
            "web": {"port": port, "image_cache_dir": str(tmp_path / "cache")},
        },
    )


def test_users_add_from_env_and_stdin(tmp_path: Path) -> None:
    """A password from --password-env or stdin is stored as an argon2 hash, never in clear."""
    config = _config(tmp_path)
    made = run_cli(
        config,
        "users",
        "add",
        "rita",
        "--role",
        "admin",
        "--password-env",
        "PW",
        env=cli_env(PW="een-goed-wachtwoord"),
    )
    assert made.returncode == 0, made.stderr
    piped = subprocess.run(
        [*CLI, "--config", str(config), "users", "add", "rob"],
        input="nog-een-wachtwoord\n",
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    db = Database(f"sqlite:///{tmp_path}/store.sqlite3")
    with db.session() as s:
        users = {u.name: (u.role, u.password_hash) for u in s.execute(select(User)).scalars()}
    db.dispose()
    assert users["rita"][0] == "admin" and users["rob"][0] == "reviewer"
    assert all(h.startswith("$argon2") and "wachtwoord" not in h for _, h in users.values())


def test_users_add_errors_are_one_line(tmp_path: Path) -> None:
    """An unset variable or a short password ends with one line and a non-zero exit."""
    config = _config(tmp_path)
    unset = run_cli(config, "users", "add", "rita", "--password-env", "NOT_SET_ANYWHERE")
    assert unset.returncode != 0
    assert unset.stderr.strip().splitlines() == [
        "error: config error at --password-env: environment variable NOT_SET_ANYWHERE is not set"
    ]
    short = run_cli(config, "users", "add", "rita", "--password-env", "PW", env=cli_env(PW="kort"))
    assert short.returncode == 1 and len(short.stderr.strip().splitlines()) == 1
    assert "at least 10 characters" in short.stderr


def test_web_serves_alone(tmp_path: Path) -> None:
    """`mailbox-ingest web` serves the login page and /healthz, and stops on SIGTERM."""
    port = free_ports(1)[0]
    config = _config(tmp_path, port)
    proc = subprocess.Popen(
        [*CLI, "--config", str(config), "web"],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.loads(r.read())["ok"] is True
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as r:
            assert "Aanmelden" in r.read().decode()
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
