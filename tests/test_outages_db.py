"""PostgreSQL outages: the connections killed in the middle of a transaction
(`pg_terminate_backend`), and the server stopped and started again under a running daemon.
Afterwards every mail is stored once and answered once, no mail was charged an attempt for
the database's failure, readiness said so while it lasted, and nobody had to do anything."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from mailbox_ingest.config import settings_from_dict
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.domain.enums import OutboxState
from store.models import Message, Outbox
from testkit.servers import ServerUnavailable, free_ports
from testkit.servers.fixtures import ImapAccount, require_server
from testkit.servers.postgres import ThrowawayCluster, temporary_database
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    MAATWERK_TIME,
    distinct_contract,
    e2e_config,
    import_registry,
    log_text,
    wait_until,
)
from tests.outage_helpers import assert_exactly_once, check_ok, readyz, running_daemon
from tests.pipeline_helpers import harness, write_registry

DELAY_ENV = "MAILBOX_INGEST_DELAY_AT"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the machine's PostgreSQL."""
    try:
        with temporary_database(prefix="mi_out") as url:
            yield url
    except ServerUnavailable as exc:
        require_server("postgresql", str(exc))


@pytest.fixture
def cluster() -> Iterator[ThrowawayCluster]:
    """A private PostgreSQL cluster that a test may stop and start."""
    directory = Path(tempfile.mkdtemp(prefix="mi-pg-outage-"))
    directory.chmod(0o755)
    try:
        server = ThrowawayCluster(directory)
        server.start()
    except (ServerUnavailable, OSError) as exc:
        shutil.rmtree(directory, ignore_errors=True)
        require_server("postgresql cluster", str(exc))
    try:
        yield server
    finally:
        with contextlib.suppress(ServerUnavailable):
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def terminate_backends(url: str) -> int:
    """`pg_terminate_backend` every other connection to the database; returns how many."""
    target = make_url(url)
    admin = target.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (target.database,),
        ).fetchall()
    return len(rows)


def test_connections_killed_mid_transaction_lose_and_charge_nothing(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every connection is terminated while a message's transaction is open: the poll backs
    off, health shows the database failure, and the next poll stores each mail once with no
    failure or interruption charged to it."""
    settings = settings_from_dict(
        {
            "database": {"url": pg_url},
            "mailbox": {"kind": "maildir", "path": str(tmp_path / "maildir")},
            "outgoing": {
                "kind": "directory",
                "path": str(tmp_path / "outbox"),
                "from": "enclaves@wse.test",
            },
            "answers": {
                "authserv_id": "mx.wse.test",
                "max_per_sender_per_day": 100,
                "letter_dir": str(tmp_path / "letters"),
            },
            "web": {"enabled": False},
        }
    )
    box = harness(settings, write_registry(tmp_path / "registry.csv"))
    daemon = Daemon(box.app)
    try:
        box.deliver(*[distinct_contract(n, received=MAATWERK_TIME) for n in range(600, 604)])
        monkeypatch.setenv(DELAY_ENV, "read_documents:1.5")
        killed: list[int] = []
        killer = threading.Timer(0.8, lambda: killed.append(terminate_backends(pg_url)))
        killer.start()
        daemon.poll_job()
        killer.join()
        assert killed and killed[0] >= 2  # the transaction's, the lease's, the claim's
        health = daemon.health()
        assert health["database"]["ok"] is False and health["consecutive_failures"] == 1
        assert "database" in str(health["database"]["error"])

        monkeypatch.delenv(DELAY_ENV)
        daemon.next_poll_after = 0.0  # the backoff's scheduled retry, now
        daemon.poll_job()
        daemon.outbox_job()
        with box.app.db.session() as s:
            attempts = s.execute(select(Message.attempts + Message.interruptions)).scalars().all()
            outbox = s.execute(select(Outbox.state)).scalars().all()
        assert sorted(attempts) == [0, 0, 0, 0]  # the outage was the database's, not theirs
        assert outbox == [OutboxState.SENT] * 4
        assert len(box.contracts()) == 4 and len(box.messages()) == 4
        assert len(list((tmp_path / "outbox").glob("*.eml"))) == 4
        ready = daemon.readiness()
        assert ready["ok"], ready
    finally:
        daemon.poll_lease.release()
        box.app.close()


def test_database_stopped_and_started_under_the_running_daemon(
    cluster: ThrowawayCluster, imap_account: ImapAccount, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """PostgreSQL goes down while the daemon runs and mail keeps arriving: /readyz reports
    the database, the daemon stays up, and once the server is back every mail is stored and
    answered exactly once."""
    port = free_ports(1)[0]
    with temporary_database(cluster.url, prefix="mi_down") as url:
        import_registry(url, tmp_path)
        first = [distinct_contract(n) for n in range(610, 613)]
        for raw in first:
            imap_account.server.append(imap_account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
        config = e2e_config(
            tmp_path,
            url,
            imap_account,
            smtp_port=smtp_sink.port,
            scheduler={"poll_interval_s": 1, "outbox_interval_s": 1},
            web={"enabled": True, "port": port},
            answers={"max_per_sender_per_day": 1000},
        )
        log = tmp_path / "daemon.log"
        with running_daemon(config, imap_account, log) as proc:
            assert wait_until(lambda: len(smtp_sink.messages) == 3, 60), log_text(log)
            cluster.stop()
            later = [distinct_contract(n) for n in range(613, 616)]
            for raw in later:
                imap_account.server.append(imap_account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
            assert wait_until(lambda: check_ok(port, "database") is False, 30), log_text(log)
            state = readyz(port)
            assert state["status"] == 503 and state["quarantine"] is None
            time.sleep(3)  # several polls and outbox runs against the dead server
            assert proc.poll() is None, log_text(log)
            cluster.resume()
            assert_exactly_once(url, first + later, imap_account, smtp_sink, log)
            assert wait_until(lambda: readyz(port)["ok"] is True, 30), readyz(port)
        assert "Traceback" not in log_text(log), log_text(log)[-4000:]
