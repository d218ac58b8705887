"""pytest fixtures for the real test servers: Dovecot, an SMTP sink and PostgreSQL.

Rule for every fixture: when the ``CI`` environment variable is set, a server that cannot be
started fails the test; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, NoReturn

import pytest

from testkit.servers import ServerUnavailable
from testkit.servers.dovecot import DovecotServer
from testkit.servers.postgres import (
    ADMIN_URL_ENV,
    ThrowawayCluster,
    server_answers,
    temporary_database,
)
from testkit.servers.smtp_sink import SmtpSink

__all__ = [
    "ImapAccount",
    "dovecot",
    "imap_account",
    "postgres_url",
    "require_server",
    "smtp_sink",
]

_START_ERRORS = (ServerUnavailable, OSError, subprocess.SubprocessError)


def in_ci() -> bool:
    """Tell whether the suite runs in CI (the ``CI`` variable is set and not empty)."""
    return bool(os.environ.get("CI"))


def require_server(name: str, reason: str) -> NoReturn:
    """Fail (in CI) or skip (elsewhere) the current test because server ``name`` is missing."""
    message = f"{name} test server unavailable: {reason}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)  # reached only when not CI: a laptop without the server


class ImapAccount(NamedTuple):
    """A fresh mailbox on the test Dovecot: the server, the login and its password."""

    server: DovecotServer
    user: str
    password: str


def _scratch_dir(prefix: str) -> Path:
    """Create a temporary directory that other local users may traverse."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """A Dovecot IMAP server shared by the whole session."""
    directory = _scratch_dir("mi-dovecot-")
    try:
        server = DovecotServer(directory)
        server.start()
    except _START_ERRORS as error:
        shutil.rmtree(directory, ignore_errors=True)
        require_server("Dovecot", str(error))
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    """A new user with an empty mailbox on the session's Dovecot (restarted if stopped)."""
    if not dovecot.running:
        try:
            dovecot.start()
        except _START_ERRORS as error:
            require_server("Dovecot", str(error))
    user = f"user-{uuid.uuid4().hex[:10]}@example.test"
    password = secrets.token_urlsafe(12)
    dovecot.add_user(user, password)
    return ImapAccount(dovecot, user, password)


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """An empty SMTP sink listening on a fresh loopback port for one test."""
    sink = SmtpSink()
    try:
        sink.start()
    except _START_ERRORS as error:
        require_server("SMTP sink", str(error))
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of a database created for this session and dropped afterwards."""
    if server_answers():
        with temporary_database() as url:
            yield url
        return
    if os.environ.get(ADMIN_URL_ENV):
        require_server("PostgreSQL", f"no server answers at {ADMIN_URL_ENV}")
    directory = _scratch_dir("mi-postgres-")
    cluster: ThrowawayCluster | None = None
    try:
        cluster = ThrowawayCluster(directory)
        admin = cluster.start()
    except _START_ERRORS as error:
        if cluster is not None:
            with contextlib.suppress(*_START_ERRORS):
                cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
        require_server("PostgreSQL", f"no server answers and none could be started: {error}")
    try:
        with temporary_database(admin) as url:
            yield url
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
