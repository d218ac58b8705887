"""Temporary PostgreSQL databases for tests.

``temporary_database()`` creates a uniquely named database on an existing server and drops it
afterwards. When no server answers, ``ThrowawayCluster`` can run a private one from the
installed PostgreSQL binaries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

from testkit.servers import LOOPBACK, ServerUnavailable, free_ports

ADMIN_URL_ENV = "MAILBOX_INGEST_TEST_PG"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    """Return the admin connection URL: the environment override or the local default."""
    return os.environ.get(ADMIN_URL_ENV) or DEFAULT_ADMIN_URL


def _libpq_url(url: URL) -> str:
    """Render a URL in the form psycopg accepts (no ``+driver`` suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def server_answers(url: str | None = None, timeout: int = 3) -> bool:
    """Tell whether a PostgreSQL server accepts an admin connection at ``url``."""
    target = _libpq_url(make_url(url or admin_url()))
    try:
        with psycopg.connect(target, connect_timeout=timeout):
            return True
    except psycopg.OperationalError:
        return False


@contextmanager
def temporary_database(url: str | None = None, prefix: str = "mi_test") -> Iterator[str]:
    """Create a database with a unique name; yield its SQLAlchemy URL; drop it afterwards."""
    admin = make_url(url or admin_url())
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        connection = psycopg.connect(_libpq_url(admin), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise ServerUnavailable(f"PostgreSQL at {admin.host}:{admin.port}: {error}") from error
    with connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield admin.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    finally:
        _drop_database(admin, name)


def _drop_database(admin: URL, name: str) -> None:
    """Drop ``name``, ending any connections the test left open."""
    with psycopg.connect(_libpq_url(admin), autocommit=True, connect_timeout=5) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def server_binaries() -> Path | None:
    """Find the directory of the newest installed PostgreSQL server binaries."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


class ThrowawayCluster:
    """A private PostgreSQL cluster in a temporary directory, trusting local connections."""

    def __init__(self, directory: Path | str) -> None:
        """Choose the data directory and a free port; nothing runs until ``start()``."""
        bindir = server_binaries()
        if bindir is None:
            raise ServerUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) installed")
        self.bindir = bindir
        self.dir = Path(directory).resolve()
        self.data = self.dir / "data"
        self.port = free_ports(1)[0]
        self.url = f"postgresql://postgres@{LOOPBACK}:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        """Run a server tool as the ``postgres`` user when we are root (initdb refuses root)."""
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise ServerUnavailable(f"{args[0]} failed: {result.stderr.strip()}")

    def start(self) -> str:
        """Initialise and start the cluster; return its admin URL."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        user = ["-U", "postgres"]
        self._run("initdb", "-D", str(self.data), "-A", "trust", "--no-sync", *user)
        self.resume()
        return self.url

    def resume(self) -> None:
        """Start the initialised cluster again on the same port (after ``stop()``)."""
        options = (
            f"-c listen_addresses={LOOPBACK} -p {self.port}"
            f" -c unix_socket_directories={self.dir} -c fsync=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.dir / "log"),
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        """Stop the cluster immediately (like a crash: clients see their connections drop)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
