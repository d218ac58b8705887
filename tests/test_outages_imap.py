"""Mailbox outages against the real Dovecot: stopped during a poll, during IDLE, and the
connection cut in the middle of a FETCH. Afterwards every mail is stored once and answered
once, /readyz said so while it lasted, and nobody had to do anything."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.errors import SourceError
from store.db import Database
from store.models import Blob, Message
from testkit.servers import free_ports
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from testkit.servers.tcpproxy import TcpProxy
from tests.e2e_helpers import (
    DONE,
    MAATWERK_TIME,
    PASSWORD_ENV,
    distinct_contract,
    e2e_config,
    import_registry,
    ingest_once,
    log_text,
    mailbox_section,
    store_counts,
    wait_until,
)
from tests.outage_helpers import assert_exactly_once, check_ok, readyz, running_daemon


def _append(account: ImapAccount, first: int, count: int) -> list[bytes]:
    """APPEND `count` distinct maatwerk contracts numbered from `first`."""
    mails = [distinct_contract(n) for n in range(first, first + count)]
    for raw in mails:
        account.server.append(account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
    return mails


def _config(
    tmp_path: Path,
    db_url: str,
    account: ImapAccount,
    sink: SmtpSink,
    port: int,
    poll_interval_s: int,
) -> Path:
    """The daemon's config: IDLE on, the sink for answers, /readyz on `port`."""
    return e2e_config(
        tmp_path,
        db_url,
        account,
        smtp_port=sink.port,
        scheduler={"poll_interval_s": poll_interval_s, "outbox_interval_s": 1},
        web={"enabled": True, "port": port},
        answers={"max_per_sender_per_day": 1000},
    )


def test_dovecot_stopped_and_restarted_during_a_poll(
    imap_account: ImapAccount, smtp_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """Dovecot stops while a slow poll is half done: readiness says so, and once it is back
    every mail is stored and answered exactly once."""
    import_registry(db_url, tmp_path)
    server, port = imap_account.server, free_ports(1)[0]
    mails = _append(imap_account, 400, 6)
    config = _config(tmp_path, db_url, imap_account, smtp_sink, port, poll_interval_s=2)
    log = tmp_path / "daemon.log"
    try:
        with running_daemon(
            config, imap_account, log, MAILBOX_INGEST_DELAY_AT="read_documents:0.7"
        ):
            assert wait_until(lambda: store_counts(db_url)["Contract"] >= 2, 60), log_text(log)
            server.stop()
            assert wait_until(lambda: check_ok(port, "mailbox") is False, 30), log_text(log)
            state = readyz(port)
            assert state["status"] == 503 and not state["ok"]
            assert state["checks"]["mailbox"]["error"]
            server.start()
            assert_exactly_once(db_url, mails, imap_account, smtp_sink, log)
            assert wait_until(lambda: readyz(port)["ok"] is True, 30), readyz(port)
    finally:
        if not server.running:
            server.start()


def test_dovecot_stopped_and_restarted_during_idle(
    imap_account: ImapAccount, smtp_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """With only IDLE to wake it (poll every 300 s), the daemon notices Dovecot gone, and
    picks up mail delivered after the restart within seconds."""
    import_registry(db_url, tmp_path)
    server, port = imap_account.server, free_ports(1)[0]
    config = _config(tmp_path, db_url, imap_account, smtp_sink, port, poll_interval_s=300)
    log = tmp_path / "daemon.log"
    try:
        with running_daemon(config, imap_account, log):
            assert wait_until(lambda: readyz(port)["ok"] is True, 30), readyz(port)
            server.stop()
            assert wait_until(lambda: check_ok(port, "mailbox") is False, 30), log_text(log)
            assert readyz(port)["status"] == 503
            server.start()
            mails = _append(imap_account, 410, 3)
            assert_exactly_once(db_url, mails, imap_account, smtp_sink, log)
            assert readyz(port)["ok"] is True
    finally:
        if not server.running:
            server.start()


def test_connection_cut_in_the_middle_of_a_fetch(
    imap_account: ImapAccount,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> None:
    """A FETCH cut halfway stores nothing truncated; the next poll stores every mail whole,
    once, and answers each once."""
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    import_registry(db_url, tmp_path)
    mails = _append(imap_account, 420, 5)
    proxy = TcpProxy(imap_account.server.host, imap_account.server.port)
    proxy.start()
    try:
        section = mailbox_section(imap_account, port=proxy.port, idle=False, batch_size=50)
        settings = make_settings(mailbox=section)
        proxy.cut_after(sum(len(m) for m in mails) // 2 + 2000)  # greeting, login, list first
        with pytest.raises(SourceError):
            ingest_once(settings)
        assert proxy.cuts == 1
        assert store_counts(db_url)["Message"] == 0
        report, sent = ingest_once(settings)
        assert (report.seen, report.processed, report.errors, sent.sent) == (5, 5, 0, 5)
        assert ingest_once(settings)[0].seen == 0
    finally:
        proxy.stop()
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            stored = (
                s.execute(select(Blob.data).join(Message, Message.raw_sha256 == Blob.sha256))
                .scalars()
                .all()
            )
    finally:
        db.dispose()
    done = imap_account.server.list_messages(imap_account.user, DONE)
    assert len(done) == 5
    assert sorted(hashlib.sha256(b).hexdigest() for b in stored) == sorted(
        hashlib.sha256(m).hexdigest() for m in done
    )
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 5
