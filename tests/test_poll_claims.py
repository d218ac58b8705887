"""One message, one processing: the poll lease is renewed, and every message is claimed.

Documents are made slow with the `read_documents` delay point, so that two pollers overlap
the way a long OCR poll makes them overlap in production.
"""

from __future__ import annotations

import datetime as dt
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from mailbox_ingest.app import App, build_app
from mailbox_ingest.config import Settings
from mailbox_ingest.domain.errors import MessageClaimLost
from mailbox_ingest.faults import DELAY_ENV
from mailbox_ingest.intake.ingest import FINAL, PollReport
from mailbox_ingest.respond.outbox import run_outbox
from store.claims import MessageClaims
from store.clock import db_now
from store.db import Database
from store.lease import JobLease
from store.models import Message, utcnow
from testkit.servers.fixtures import ImapAccount, require_server
from testkit.servers.postgres import temporary_database
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    CLI,
    MAATWERK_TIME,
    PASSWORD_ENV,
    acks_by_reply,
    cli_env,
    distinct_contract,
    e2e_config,
    import_registry,
    inbox_and_done,
    log_text,
    mailbox_section,
    message_id_of,
    store_counts,
    wait_until,
)
from tests.pipeline_helpers import harness


def attempts(db_url: str) -> list[int]:
    """Every message's counted tries: failed attempts plus interruptions by a dying daemon."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            tries = select(Message.attempts + Message.interruptions).order_by(Message.id)
            return list(s.execute(tries).scalars())
    finally:
        db.dispose()


def test_two_pollers_at_once_never_process_the_same_message(
    imap_account: ImapAccount,
    make_settings: Callable[..., Settings],
    db_url: str,
    tmp_path: Path,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two lease-less pollers at once: one set of rows, one attempt, one answer per mail."""
    import_registry(db_url, tmp_path)
    mails = [distinct_contract(400 + n) for n in range(4)]
    for raw in mails:
        imap_account.server.append(imap_account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    monkeypatch.setenv(DELAY_ENV, "read_documents:0.5")
    settings = make_settings(
        mailbox=mailbox_section(imap_account),
        outgoing={"kind": "smtp", "host": smtp_sink.host, "port": smtp_sink.port, "tls": "none"},
    )
    apps = [build_app(settings) for _ in range(2)]
    reports: list[PollReport | BaseException] = []

    def poll(app: App) -> None:
        try:
            reports.append(app.ingestor.poll())
        except BaseException as exc:  # noqa: BLE001 - shown by the assertion below
            reports.append(exc)

    threads = [threading.Thread(target=poll, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for a in apps:
        run_outbox(a.db, a.sender, settings.outgoing)
        a.close()
    polls = [r for r in reports if isinstance(r, PollReport)]
    assert len(polls) == 2, reports
    assert sum(r.errors for r in polls) == 0 and sum(r.processed for r in polls) == 4
    assert store_counts(db_url) == {"Message": 4, "Contract": 4, "Attachment": 4, "Outbox": 4}
    assert attempts(db_url) == [0, 0, 0, 0]  # a try counts only when it fails
    smtp_sink.wait_for(4)
    time.sleep(0.2)
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(m): 1 for m in mails}


LEASE_TTL_S = 2.0


def test_the_poll_lease_is_renewed_between_messages(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A poll longer than the lease's time to live keeps its lease: no other daemon gets in."""
    h = harness(make_settings())
    h.deliver(distinct_contract(419))
    h.app.ingestor.poll()  # the reader child started before the clock matters
    h.deliver(*[distinct_contract(420 + n) for n in range(6)])
    monkeypatch.setenv(DELAY_ENV, "read_documents:0.5")
    # one message (0.5 s slowed reading plus the rest) must fit in the lease's time to live
    # even on a busy machine; the whole poll (six of them) outlasts it
    mine = JobLease(h.app.db, "poll", "first:1:aaaa", ttl_s=LEASE_TTL_S)
    other = JobLease(h.app.db, "poll", "second:2:bbbb", ttl_s=LEASE_TTL_S)
    assert mine.acquire()
    done = threading.Event()
    worker = threading.Thread(target=lambda: (h.app.ingestor.poll(mine), done.set()))
    worker.start()
    tries = 0
    while not done.wait(0.15):
        assert not other.acquire(), "another daemon got the lease during the poll"
        tries += 1
    worker.join()
    mine.release()
    other.release()
    h.app.close()
    assert tries * 0.15 > LEASE_TTL_S, "the poll was meant to outlast the lease"


def test_a_poll_that_lost_its_lease_stops(make_settings: Callable[..., Settings]) -> None:
    """When the lease cannot be renewed, the poll stops before the next message."""
    h = harness(make_settings())
    h.deliver(*[distinct_contract(430 + n) for n in range(2)])
    lease = JobLease(h.app.db, "poll", "first:1:aaaa", ttl_s=60)
    assert lease.acquire()
    lease.release()
    thief = JobLease(h.app.db, "poll", "thief:9:cccc", ttl_s=60)
    assert thief.acquire()
    report = h.app.ingestor.poll(lease)
    thief.release()
    h.app.close()
    assert report.lease_lost and report.seen == 0


def test_a_claim_taken_over_is_refused_at_commit(database: Database) -> None:
    """Work whose claim was taken over in the meantime raises at the confirmation."""
    with database.session() as s:
        row = Message(
            account="a",
            folder="INBOX",
            uidvalidity=1,
            uid="1",
            received_at=utcnow(),
            state="received",
            decisions=[],
        )
        s.add(row)
        s.flush()
        mid = row.id
    claims = MessageClaims(database, "me:1:aaaa", ttl_s=600)
    other = MessageClaims(database, "other:2:bbbb", ttl_s=600)
    try:
        assert claims.claim(mid, FINAL)
        assert not other.claim(mid, FINAL), "a live claim is not taken"
        with database.session() as s:
            s.execute(update(Message).where(Message.id == mid).values(claimed_by="other:2:bbbb"))
        with pytest.raises(MessageClaimLost), database.session() as s:
            claims.confirm(s, mid)
    finally:
        claims.close()
        other.close()
    assert attempts(database.url) == [0]  # the refused work counts no failure


def test_a_killed_holder_releases_the_lease_at_once(database: Database) -> None:
    """A poller killed with SIGKILL does not keep a standby waiting for an expiry."""
    code = (
        "import sys, time\nfrom store.db import Database\nfrom store.lease import JobLease\n"
        "from store.holders import me\n"
        f"lease = JobLease(Database({database.url!r}, migrate=False), 'poll', me(), 3600)\n"
        "print(lease.acquire(), flush=True)\ntime.sleep(60)\n"
    )
    standby = JobLease(database, "poll", "standby:1:dddd", ttl_s=3600)
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "True"
            assert not standby.acquire()
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            assert wait_until(standby.acquire, 2, 0.05)
        finally:
            standby.release()
            if proc.poll() is None:
                proc.kill()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (several daemons share PostgreSQL, not SQLite)."""
    try:
        with temporary_database(prefix="mi_t") as url:
            yield url
    except Exception as exc:  # noqa: BLE001 - becomes fail in CI, skip elsewhere
        require_server("postgresql", repr(exc))


@pytest.mark.slow
def test_two_daemons_on_one_postgresql_with_slow_documents_answer_once(
    imap_account: ImapAccount, pg_url: str, tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    """Two `run` daemons, documents slow: every contract stored once, answered once."""
    db_url = pg_url
    import_registry(db_url, tmp_path)
    mails = [distinct_contract(440 + n) for n in range(5)]
    for raw in mails:
        imap_account.server.append(imap_account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
    config = e2e_config(
        tmp_path,
        db_url,
        imap_account,
        smtp_port=smtp_sink.port,
        scheduler={"poll_interval_s": 1, "outbox_interval_s": 1},
        mailbox={"idle": False},
    )
    logs = [tmp_path / f"daemon{n}.log" for n in range(2)]
    procs = []
    for log in logs:
        with log.open("wb") as sink:
            procs.append(
                subprocess.Popen(
                    [*CLI, "--config", str(config), "run"],
                    env=cli_env(imap_account, **{DELAY_ENV: "read_documents:1"}),
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        assert wait_until(lambda: inbox_and_done(imap_account) == (0, 5, 0), 90), log_text(
            logs[0]
        ) + log_text(logs[1])
        smtp_sink.wait_for(5, timeout=30)
        time.sleep(3)  # time for a duplicate to show up, if one were coming
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(30)
    assert store_counts(db_url) == {"Message": 5, "Contract": 5, "Attachment": 5, "Outbox": 5}
    assert attempts(db_url) == [0] * 5  # no failure, no interruption counted
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(m): 1 for m in mails}


def test_a_claim_of_a_dead_or_expired_holder_is_taken_over(database: Database) -> None:
    """A claim whose process is gone, or whose time ran out by the database's clock, is free."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = f"{socket.gethostname()}:{finished.stdout.strip()}:0123456789ab"
    with database.session() as s:
        now = db_now(s)
        for uid, holder, expires in (
            ("1", dead, now + dt.timedelta(hours=1)),
            ("2", "elsewhere:5:ffff", now - dt.timedelta(seconds=1)),
            ("3", "elsewhere:5:ffff", now + dt.timedelta(hours=1)),
        ):
            s.add(
                Message(
                    account="a",
                    folder="INBOX",
                    uidvalidity=1,
                    uid=uid,
                    received_at=utcnow(),
                    state="received",
                    decisions=[],
                    claimed_by=holder,
                    claim_expires_at=expires,
                )
            )
    claims = MessageClaims(database, "me:1:aaaa", ttl_s=600)
    try:
        taken = [claims.claim(mid, FINAL) for mid in (1, 2, 3)]
    finally:
        claims.close()
    # the third: on SQLite a live claim in the column holds; on PostgreSQL the advisory lock
    # is the claim, and no process holds it
    assert taken == [True, True, database.engine.dialect.name == "postgresql"]
