"""SIGTERM stops the daemon (`mailbox-ingest run`) within a bound, with exit code 0, whatever
it is doing: waiting in IDLE, reading a slow document in a poll, or sending an answer. No mail
is lost or charged for the stop, and each answer goes out exactly once (real Dovecot, SMTP
sink and PostgreSQL)."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.domain.enums import MessageState, OutboxState
from mailbox_ingest.faults import DELAY_ENV
from store.db import Database
from store.models import Message, Outbox
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    MAATWERK_TIME,
    distinct_contract,
    e2e_config,
    import_registry,
    log_text,
    wait_until,
)
from tests.outage_helpers import assert_exactly_once, running_daemon

STOP_BOUND_S = 10.0


def _rows(db_url: str) -> list[tuple[str, int, int, bool, bool]]:
    """(state, attempts, interruptions, try running, moved) of every message."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return [
                (
                    m.state,
                    m.attempts,
                    m.interruptions,
                    m.attempt_started_at is not None,
                    m.moved_at is not None,
                )
                for m in s.execute(select(Message).order_by(Message.id)).scalars()
            ]
    finally:
        db.dispose()


def _outbox(db_url: str) -> list[str]:
    """The state of every outbox row."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return list(s.execute(select(Outbox.state).order_by(Outbox.id)).scalars())
    finally:
        db.dispose()


def _generations(pid: int) -> int:
    """How many generations of descendants the process has (children 1, grandchildren 2)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    depth, level = 0, [pid]
    while level:
        level = [c for p in level for c in children.get(p, [])]
        depth += bool(level)
    return depth


def _terminate(proc: subprocess.Popen[bytes], log: Path) -> float:
    """SIGTERM; assert exit code 0 within the bound; returns the seconds the stop took."""
    start = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(STOP_BOUND_S)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
        proc.wait(10)
        pytest.fail(f"no exit within {STOP_BOUND_S} s of SIGTERM:\n{log_text(log)[-6000:]}")
    took = time.monotonic() - start
    assert code == 0, log_text(log)[-3000:]
    assert "stopped" in log_text(log), log_text(log)[-3000:]
    return took


def _setup(tmp_path: Path, db_url: str, account: ImapAccount, sink: SmtpSink) -> Path:
    """Registry imported and a config for the daemon: IDLE on, quick outbox."""
    import_registry(db_url, tmp_path)
    return e2e_config(
        tmp_path,
        db_url,
        account,
        smtp_port=sink.port,
        scheduler={"poll_interval_s": 30, "outbox_interval_s": 1},
        answers={"max_per_sender_per_day": 100},
    )


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_sigterm_while_waiting_in_idle_exits_at_once_and_loses_nothing(
    imap_account: ImapAccount, smtp_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """Daemon in IDLE on an empty inbox: SIGTERM ends it with 0; mail sent meanwhile is
    processed and answered once on the next start."""
    config = _setup(tmp_path, db_url, imap_account, smtp_sink)
    log = tmp_path / "daemon.log"
    with running_daemon(config, imap_account, log) as proc:
        time.sleep(2.0)  # the first poll is done; the IDLE connection waits
        took = _terminate(proc, log)
    mail = distinct_contract(700, received=MAATWERK_TIME)
    imap_account.server.append(imap_account.user, "INBOX", mail, msg_time=MAATWERK_TIME)
    log = tmp_path / "restarted.log"
    with running_daemon(config, imap_account, log) as proc:
        assert_exactly_once(db_url, [mail], imap_account, smtp_sink, log)
        _terminate(proc, log)
    print(f"stop during IDLE: {took:.2f} s")


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_sigterm_during_a_slow_document_read_gives_the_mail_back_untouched(
    imap_account: ImapAccount, smtp_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """A document reader taking a minute: SIGTERM kills the read and exits with 0 within the
    bound; the mail is charged neither an attempt nor an interruption, and the next start
    processes every mail and answers each once."""
    config = _setup(tmp_path, db_url, imap_account, smtp_sink)
    mails = [distinct_contract(n, received=MAATWERK_TIME) for n in (710, 711, 712)]
    for mail in mails:
        imap_account.server.append(imap_account.user, "INBOX", mail, msg_time=MAATWERK_TIME)
    log = tmp_path / "daemon.log"
    with running_daemon(config, imap_account, log, **{DELAY_ENV: "reader:60"}) as proc:
        assert wait_until(lambda: any(r[3] for r in _rows(db_url)), 60), log_text(log)
        # the reader's worker (a grandchild, forked by the forkserver) has started reading
        assert wait_until(lambda: _generations(proc.pid) >= 2, 60), log_text(log)
        time.sleep(1.0)
        took = _terminate(proc, log)
    rows = _rows(db_url)
    assert rows, "the mail was stored before its reading began"
    for state, attempts, interruptions, running, moved in rows:
        assert state == MessageState.RECEIVED and not moved, rows
        assert (attempts, interruptions, running) == (0, 0, False), rows
    assert _outbox(db_url) == [] and smtp_sink.messages == []
    log = tmp_path / "restarted.log"
    with running_daemon(config, imap_account, log) as proc:
        assert_exactly_once(db_url, mails, imap_account, smtp_sink, log)
        _terminate(proc, log)
    assert all((r[1], r[2]) == (0, 0) for r in _rows(db_url)), _rows(db_url)
    print(f"stop during a slow read: {took:.2f} s")


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_sigterm_during_an_outbox_send_finishes_that_send_and_exits(
    imap_account: ImapAccount, smtp_sink: SmtpSink, db_url: str, tmp_path: Path
) -> None:
    """The SMTP server takes 3 s to accept an answer: SIGTERM in the middle lets that send
    finish (recorded as sent, never uncertain), exits with 0, and nothing goes out twice."""
    config = _setup(tmp_path, db_url, imap_account, smtp_sink)
    mails = [distinct_contract(n, received=MAATWERK_TIME) for n in (720, 721)]
    for mail in mails:
        imap_account.server.append(imap_account.user, "INBOX", mail, msg_time=MAATWERK_TIME)
    smtp_sink.stall_next(3.0)
    log = tmp_path / "daemon.log"
    with running_daemon(config, imap_account, log) as proc:
        assert wait_until(
            lambda: len(smtp_sink.messages) == 1 and OutboxState.SENDING in _outbox(db_url), 60
        ), log_text(log)
        took = _terminate(proc, log)
    states = _outbox(db_url)
    assert OutboxState.UNCERTAIN not in states and OutboxState.SENDING not in states, states
    assert states.count(OutboxState.SENT) == len(smtp_sink.messages) >= 1, states
    log = tmp_path / "restarted.log"
    with running_daemon(config, imap_account, log) as proc:
        assert_exactly_once(db_url, mails, imap_account, smtp_sink, log)
        _terminate(proc, log)
    print(f"stop during a send: {took:.2f} s")
