"""Exactly-once answers over real SMTP: uncertain after DATA, claims across hosts, outages."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable

import pytest
from sqlalchemy import select

from mailbox_ingest import metrics
from mailbox_ingest.app import build_app
from mailbox_ingest.config import OutgoingSettings, Settings
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.domain.enums import JournalEvent, OutboxState
from mailbox_ingest.domain.errors import ClaimLost
from mailbox_ingest.respond import outbox as outbox_module
from mailbox_ingest.respond.outbox import claim_timeout, reconcile, run_outbox
from mailbox_ingest.respond.pause import OutboxPause
from mailbox_ingest.respond.senders import SmtpSender
from store.clock import db_now
from store.db import Database
from store.holders import is_dead, me
from store.journal import SendJournal
from store.models import Outbox, SendJournalEntry
from testkit.servers.smtp_sink import SmtpSink
from tests.test_outbox import queue, states


def smtp(sink: SmtpSink, **extra: object) -> OutgoingSettings:
    """Settings that send to the sink with a short timeout and tiny retry delays."""
    values: dict[str, object] = {
        "kind": "smtp",
        "host": sink.host,
        "port": sink.port,
        "tls": "none",
        "timeout_s": 1.0,
        "retry_base_s": 0.0001,
        "from": "enclaves@wse.test",
    }
    values.update(extra)
    return OutgoingSettings.model_validate(values)


def sender_for(db: Database, settings: OutgoingSettings) -> SmtpSender:
    """An SMTP sender journaling for this process."""
    return SmtpSender(settings, SendJournal(db, me()))


def attempts(db: Database) -> list[int]:
    """Outbox attempts by id."""
    with db.session() as s:
        return list(s.execute(select(Outbox.attempts).order_by(Outbox.id)).scalars())


def journal(db: Database, oid: int) -> list[str]:
    """The journal events of one row, oldest first."""
    with db.session() as s:
        return list(
            s.execute(
                select(SendJournalEntry.event)
                .where(SendJournalEntry.outbox_id == oid)
                .order_by(SendJournalEntry.id)
            ).scalars()
        )


def test_timeout_after_data_is_uncertain_and_never_resent(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """The server took the data but answered too late: uncertain for staff, not queued."""
    [oid] = queue(database)
    settings = smtp(smtp_sink)
    smtp_sink.stall_next(2.5)
    report = run_outbox(database, sender_for(database, settings), settings)
    assert (report.uncertain, report.retried, report.sent) == (1, 0, 0)
    assert states(database) == [OutboxState.UNCERTAIN]
    assert journal(database, oid) == [JournalEvent.BEGIN]
    for _ in range(2):
        run_outbox(database, sender_for(database, settings), settings)
    smtp_sink.wait_for(1)
    assert len(smtp_sink.messages) == 1 and states(database) == [OutboxState.UNCERTAIN]


def test_dropped_connection_after_data_is_uncertain(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """A connection lost after the data (no reply at all) is uncertain, never resent."""
    queue(database)
    settings = smtp(smtp_sink)
    smtp_sink.drop_next()
    assert run_outbox(database, sender_for(database, settings), settings).uncertain == 1
    run_outbox(database, sender_for(database, settings), settings)
    assert len(smtp_sink.messages) == 1 and states(database) == [OutboxState.UNCERTAIN]


def test_an_explicit_refusal_of_the_data_is_retried(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """A 451 reply to the data is the server's word it kept nothing: queued, then sent once."""
    [oid] = queue(database)
    settings = smtp(smtp_sink)
    smtp_sink.fail_next(1, 451)
    assert run_outbox(database, sender_for(database, settings), settings).retried == 1
    assert journal(database, oid) == [JournalEvent.BEGIN, JournalEvent.REFUSED]
    assert run_outbox(database, sender_for(database, settings), settings).sent == 1
    assert len(smtp_sink.wait_for(1)) == 1 and states(database) == [OutboxState.SENT]


def test_smtp_outage_pauses_the_outbox_and_charges_no_row(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """Server down: every row stays queued with no attempt counted; the pause backs off."""
    queue(database, 3)
    settings = smtp(smtp_sink, max_attempts=1)
    now = [0.0]
    pause = OutboxPause(base_s=10, clock=lambda: now[0])
    smtp_sink.stop()
    for _ in range(3):
        report = run_outbox(database, sender_for(database, settings), settings, pause=pause)
        assert report.paused and (report.retried, report.failed) == (0, 0)
    assert states(database) == [OutboxState.QUEUED] * 3 and attempts(database) == [0, 0, 0]
    assert pause.state()["paused"] and pause.failures == 1, "no try while paused"
    smtp_sink.start()
    now[0] = 9.0
    assert run_outbox(database, sender_for(database, settings), settings, pause=pause).sent == 0
    now[0] = 10.0
    assert run_outbox(database, sender_for(database, settings), settings, pause=pause).sent == 3
    assert pause.state() == {
        "paused": False,
        "consecutive_outages": 0,
        "resumes_in_s": 0.0,
        "last_error": None,
    }
    assert attempts(database) == [1, 1, 1]


def test_login_failure_is_an_outage_not_a_failed_row(
    database: Database, smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A login the server refuses pauses the outbox; the row keeps its attempts."""
    queue(database)
    monkeypatch.setenv("MI_TEST_SMTP_PASSWORD", "secret")
    settings = smtp(
        smtp_sink, username="enclaves", password_env="MI_TEST_SMTP_PASSWORD", max_attempts=1
    )
    pause = OutboxPause()
    report = run_outbox(database, sender_for(database, settings), settings, pause=pause)
    assert report.paused and pause.active() and "SMTP" in (pause.last_error or "")
    assert states(database) == [OutboxState.QUEUED] and attempts(database) == [0]


def test_another_hosts_stale_claim_becomes_uncertain_not_queued(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """A claim of another host past its timeout, with no journal entry, is never re-queued."""
    [oid] = queue(database, state=OutboxState.SENDING)
    settings = smtp(smtp_sink)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by = f"{socket.gethostname()}-other:{os.getpid()}:0a0b0c"
        row.claimed_at = db_now(s) - claim_timeout(settings) - dt.timedelta(seconds=5)
    assert reconcile(database, sender_for(database, settings), settings) == 1
    run_outbox(database, sender_for(database, settings), settings)
    assert states(database) == [OutboxState.UNCERTAIN] and smtp_sink.messages == []


def test_another_hosts_stale_claim_with_done_in_the_journal_is_sent(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """The shared journal settles another host's finished send as sent."""
    [oid] = queue(database, state=OutboxState.SENDING)
    settings = smtp(smtp_sink)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by, row.claimed_at = "elsewhere:1:ffff", db_now(s) - dt.timedelta(days=1)
        for event in (JournalEvent.BEGIN, JournalEvent.DONE):
            s.add(
                SendJournalEntry(
                    outbox_id=oid, holder="elsewhere:1:ffff", event=event, at=db_now(s)
                )
            )
    reconcile(database, sender_for(database, settings), settings)
    assert states(database) == [OutboxState.SENT]


def test_claim_age_is_measured_by_the_database_clock(
    database: Database, smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local clock a day ahead does not make another daemon's fresh claim stale."""
    [oid] = queue(database, state=OutboxState.SENDING)
    settings = smtp(smtp_sink)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by, row.claimed_at = "elsewhere:7:abcd", db_now(s)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    monkeypatch.setattr(outbox_module, "utcnow", lambda: ahead)
    assert reconcile(database, sender_for(database, settings), settings) == 0
    assert states(database) == [OutboxState.SENDING]


def test_a_send_whose_claim_was_settled_elsewhere_is_not_handed_over(
    database: Database, smtp_sink: SmtpSink
) -> None:
    """The journal's begin is fenced by the claim: a row no longer ours never reaches DATA."""
    [oid] = queue(database, state=OutboxState.SENDING)
    settings = smtp(smtp_sink)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by = "someone-else:1:beef"
    with pytest.raises(ClaimLost):
        sender_for(database, settings).send(oid, "enclaves@wse.test", "x@deploeg.be", b"x\r\n")
    assert smtp_sink.messages == [] and journal(database, oid) == []


def test_holder_ids_are_unique_per_process_life() -> None:
    """A holder carries a random token; the same host and pid with another token is dead."""
    host, pid, token = me().split(":")
    assert (host, pid) == (socket.gethostname(), str(os.getpid())) and len(token) == 12
    assert not is_dead(me())
    assert is_dead(f"{host}:{pid}:{'0' * 12}"), "a previous life of this pid (container restart)"
    assert not is_dead(f"other-{host}:{pid}:{token}"), "another host is never judged dead"


def test_health_shows_the_outbox_paused_by_an_smtp_outage(
    make_settings: Callable[..., Settings], smtp_sink: SmtpSink
) -> None:
    """/healthz (the daemon's health) and the metric say the outbox waits out an outage."""
    settings = make_settings(
        outgoing={"kind": "smtp", "host": smtp_sink.host, "port": smtp_sink.port, "tls": "none"}
    )
    app = build_app(settings)
    try:
        queue(app.db)
        daemon = Daemon(app)
        smtp_sink.stop()
        daemon.outbox_job()
        outbox = daemon.health()["outbox"]
        assert outbox["paused"] and outbox["consecutive_outages"] == 1
        assert "cannot use SMTP" in outbox["last_error"]
        assert metrics.REGISTRY.get_sample_value("mailbox_ingest_outbox_paused") == 1
        assert states(app.db) == [OutboxState.QUEUED] and attempts(app.db) == [0]
    finally:
        app.close()


def test_a_delivery_whose_done_cannot_be_journaled_is_uncertain(
    database: Database, smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server said 250 but `done` could not be written: uncertain, never sent again."""
    queue(database)
    settings = smtp(smtp_sink)
    sender = sender_for(database, settings)
    real_record = sender.journal.record

    def record(oid: int, event: JournalEvent) -> None:
        if event is JournalEvent.DONE:
            raise OSError("database connection lost")
        real_record(oid, event)

    monkeypatch.setattr(sender.journal, "record", record)
    assert run_outbox(database, sender, settings).uncertain == 1
    assert run_outbox(database, sender_for(database, settings), settings).sent == 0
    assert len(smtp_sink.wait_for(1)) == 1 and states(database) == [OutboxState.UNCERTAIN]
