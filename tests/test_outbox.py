"""The outbox job: at most once, retries with backoff, and reconciliation after a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import OutgoingSettings
from mailbox_ingest.domain.enums import MessageState, OutboxState
from mailbox_ingest.domain.errors import SendError
from mailbox_ingest.respond.outbox import reconcile, run_outbox
from mailbox_ingest.respond.senders import DirectorySender, SmtpSender
from store.db import Database
from store.holders import me
from store.journal import SendJournal
from store.models import Message, Outbox, SendJournalEntry, utcnow

SETTINGS = OutgoingSettings(retry_base_s=0.0001, max_attempts=3)


class FlakySender:
    """A sender that fails with the given errors first, then records deliveries."""

    def __init__(self, *errors: SendError) -> None:
        self.errors = list(errors)
        self.delivered_ids: list[int] = []

    def send(self, outbox_id: int, sender: str, recipient: str, raw: bytes) -> None:
        """Fail while errors remain, else record the delivery."""
        if self.errors:
            raise self.errors.pop(0)
        self.delivered_ids.append(outbox_id)

    def delivered(self, outbox_id: int) -> bool | None:
        """Known exactly."""
        return outbox_id in self.delivered_ids


def queue(db: Database, n: int = 1, state: OutboxState = OutboxState.QUEUED) -> list[int]:
    """Put n outbox rows (with their inbound messages) in the database."""
    ids = []
    with db.session() as s:
        for i in range(n):
            m = Message(
                account="a",
                folder="INBOX",
                uidvalidity=1,
                uid=str(i),
                received_at=utcnow(),
                state=MessageState.DONE.value,
                decisions=[],
            )
            s.add(m)
            s.flush()
            o = Outbox(
                message_id=m.id,
                kind="acknowledgement",
                to_addr=f"x{i}@deploeg.be",
                our_message_id=f"<ack.{i}@wse.test>",
                raw=b"Subject: t\r\n\r\nx\r\n",
                state=state.value,
            )
            s.add(o)
            s.flush()
            ids.append(o.id)
    return ids


def states(db: Database) -> list[str]:
    """Outbox states by id."""
    with db.session() as s:
        return list(s.execute(select(Outbox.state).order_by(Outbox.id)).scalars())


def test_sends_each_row_once(database: Database) -> None:
    """Queued rows are sent once; a second run sends nothing."""
    queue(database, 3)
    sender = FlakySender()
    assert run_outbox(database, sender, SETTINGS).sent == 3
    assert run_outbox(database, sender, SETTINGS).sent == 0
    assert sorted(sender.delivered_ids) == [1, 2, 3]
    assert states(database) == ["sent"] * 3


def test_temporary_failure_is_retried_then_sent(database: Database) -> None:
    """A 4xx is retried after a backoff and then sent exactly once."""
    [oid] = queue(database)
    sender = FlakySender(SendError("451 try later"), SendError("451 again"))
    reports = [run_outbox(database, sender, SETTINGS) for _ in range(3)]
    assert [r.retried for r in reports] == [1, 1, 0]
    assert sender.delivered_ids == [oid]
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None and row.attempts == 3 and row.state == "sent"


def test_permanent_failure_is_not_retried(database: Database) -> None:
    """A 5xx fails the row for good, with the error kept."""
    queue(database)
    sender = FlakySender(SendError("550 no such user", permanent=True))
    assert run_outbox(database, sender, SETTINGS).failed == 1
    run_outbox(database, sender, SETTINGS)
    assert states(database) == ["failed"] and sender.delivered_ids == []


def test_gives_up_after_max_attempts(database: Database) -> None:
    """Temporary failures stop after max_attempts."""
    queue(database)
    sender = FlakySender(*[SendError("451") for _ in range(5)])
    for _ in range(5):
        run_outbox(database, sender, SETTINGS)
    assert states(database) == ["failed"]


def test_held_rows_are_never_sent(database: Database) -> None:
    """Rows held for staff stay held."""
    queue(database, state=OutboxState.HELD)
    sender = FlakySender()
    run_outbox(database, sender, SETTINGS)
    assert sender.delivered_ids == [] and states(database) == ["held"]


def test_directory_sender_reconciles_exactly(database: Database, tmp_path: Path) -> None:
    """After a crash mid-send a written file means sent; no file means send again."""
    a, _b = queue(database, 2, state=OutboxState.SENDING)
    sender = DirectorySender(tmp_path / "out")
    sender.send(a, "x@wse.test", "y@deploeg.be", b"raw")
    assert reconcile(database, sender, SETTINGS) == 2
    assert states(database) == ["sent", "queued"]
    run_outbox(database, sender, SETTINGS)
    assert states(database) == ["sent", "sent"]
    assert len(list((tmp_path / "out").glob("*.eml"))) == 2


@pytest.mark.parametrize(
    ("journal", "expected"),
    [
        ("", "queued"),
        ("begin 1", "uncertain"),
        ("begin 1,done 1", "sent"),
        ("begin 1,refused 1", "queued"),
        ("begin 1,refused 1,begin 1", "uncertain"),
        ("begin 2,done 2", "queued"),
    ],
)
def test_smtp_journal_reconciliation(database: Database, journal: str, expected: str) -> None:
    """SMTP, after a crash: done -> sent, begin only -> uncertain (never resent), refused or
    nothing -> send again; the journal is read from the database."""
    queue(database, 2, state=OutboxState.SENDING)
    with database.session() as s:
        for entry in filter(None, journal.split(",")):
            event, oid = entry.split()
            s.add(SendJournalEntry(outbox_id=int(oid), holder="gone", event=event, at=utcnow()))
    reconcile(database, SmtpSender(SETTINGS, SendJournal(database, me())), SETTINGS)
    assert states(database)[0] == expected


def test_a_live_claim_of_another_daemon_is_left_alone(database: Database) -> None:
    """A row another running daemon is sending is not reconciled behind its back."""
    [oid] = queue(database, state=OutboxState.SENDING)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by, row.claimed_at = "other-host:1234", utcnow()
    assert reconcile(database, FlakySender(), SETTINGS) == 0
    assert states(database) == ["sending"]


def test_a_claim_of_a_dead_process_on_this_host_is_reconciled_at_once(database: Database) -> None:
    """A SIGKILLed sender's claim (its pid gone) is settled without waiting."""
    import socket
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()
    [oid] = queue(database, state=OutboxState.SENDING)
    with database.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.claimed_by, row.claimed_at = f"{socket.gethostname()}:{proc.pid}", utcnow()
    assert reconcile(database, FlakySender(), SETTINGS) == 1
    assert states(database) == ["queued"]
