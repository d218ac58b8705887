"""The outbox job: send queued automatic mails, at most once each, with retries and backoff.

A row is claimed (queued -> sending) in its own committed transaction before the send, and
marked sent after it. A row found in `sending` at start-up means a crash mid-send: the sender
tells whether it went out; when it cannot tell, the row becomes `uncertain` for staff rather
than risk a second answer.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select, update

from mailbox_ingest.config import OutgoingSettings
from mailbox_ingest.enums import OutboxState, ResponseState
from mailbox_ingest.errors import SendError
from mailbox_ingest.faults import checkpoint
from mailbox_ingest.logs import DISPOSITION, message_context
from mailbox_ingest.respond.senders import Sender
from store.db import Database
from store.holders import is_dead, me
from store.models import Contract, Message, Outbox, utcnow

log = logging.getLogger(__name__)


@dataclass(slots=True)
class OutboxReport:
    """What one run of the job did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    reconciled: int = 0


def _stale(row: Outbox, settings: OutgoingSettings) -> bool:
    """A claim left by a process that died (same host) or that is far past any SMTP timeout."""
    if is_dead(row.claimed_by):
        return True
    if row.claimed_by == me():
        return False
    limit = dt.timedelta(seconds=settings.timeout_s * 4 + 60)
    return row.claimed_at is None or utcnow() - row.claimed_at > limit


def _set_contracts(session: object, message_id: int, state: ResponseState) -> None:
    session.execute(  # type: ignore[attr-defined]
        update(Contract)
        .where(Contract.message_id == message_id, Contract.response_kind == "email_acknowledgement")
        .values(response_state=state.value)
    )


def reconcile(db: Database, sender: Sender, settings: OutgoingSettings) -> int:
    """Settle rows left in `sending` by a crashed process; returns how many were settled.

    A row another live daemon is sending right now is left alone.
    """
    n = 0
    with db.session() as s:
        rows = s.execute(select(Outbox).where(Outbox.state == OutboxState.SENDING)).scalars().all()
        for row in rows:
            if not _stale(row, settings):
                continue
            known = sender.delivered(row.id)
            if known is True:
                row.state, row.sent_at = OutboxState.SENT.value, utcnow()
                _set_contracts(s, row.message_id, ResponseState.SENT)
            elif known is False:
                row.state = OutboxState.QUEUED.value
            else:
                row.state = OutboxState.UNCERTAIN.value
                row.last_error = "process died during the SMTP transaction; not resent"
                _set_contracts(s, row.message_id, ResponseState.HELD)
            DISPOSITION.warning("outbox %s after crash: %s", row.id, row.state)
            n += 1
    return n


def run_outbox(
    db: Database, sender: Sender, settings: OutgoingSettings, limit: int = 100
) -> OutboxReport:
    """Send what is due now."""
    report = OutboxReport(reconciled=reconcile(db, sender, settings))
    holder = me()
    with db.session() as s:
        due = (
            s.execute(
                select(Outbox.id)
                .where(Outbox.state == OutboxState.QUEUED, Outbox.next_attempt_at <= utcnow())
                .order_by(Outbox.id)
                .limit(limit)
            )
            .scalars()
            .all()
        )
    for oid in due:
        with db.session() as s:
            claimed = s.execute(
                update(Outbox)
                .where(Outbox.id == oid, Outbox.state == OutboxState.QUEUED)
                .values(
                    state=OutboxState.SENDING.value,
                    claimed_by=holder,
                    claimed_at=utcnow(),
                    attempts=Outbox.attempts + 1,
                )
            ).rowcount  # type: ignore[attr-defined]
        if not claimed:
            continue  # another daemon took it
        with db.session() as s:
            row = s.get(Outbox, oid)
            assert row is not None
            inbound = s.get(Message, row.message_id)
            key = inbound.key if inbound is not None else f"outbox/{oid}"
        with message_context(key):
            _send_one(db, sender, settings, oid, report)
    return report


def _send_one(
    db: Database, sender: Sender, settings: OutgoingSettings, oid: int, report: OutboxReport
) -> None:
    """Send one claimed row and record the outcome."""
    with db.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        raw, to, attempts, message_id = row.raw, row.to_addr, row.attempts, row.message_id
    try:
        sender.send(oid, settings.from_, to, raw)
    except SendError as exc:
        with db.session() as s:
            row = s.get(Outbox, oid)
            assert row is not None
            row.last_error = str(exc)[:2000]
            if exc.permanent or attempts >= settings.max_attempts:
                row.state = OutboxState.FAILED.value
                _set_contracts(s, message_id, ResponseState.FAILED)
                report.failed += 1
                DISPOSITION.error("outbox %s failed for good: %s", oid, exc)
            else:
                row.state = OutboxState.QUEUED.value
                delay = settings.retry_base_s * 2 ** (attempts - 1)
                row.next_attempt_at = utcnow() + dt.timedelta(seconds=min(delay, 6 * 3600))
                report.retried += 1
                log.warning("outbox %s: %s; retry in %.0f s", oid, exc, delay)
        return
    checkpoint("after_send")
    with db.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.state, row.sent_at = OutboxState.SENT.value, utcnow()
        _set_contracts(s, message_id, ResponseState.SENT)
    report.sent += 1
    DISPOSITION.info("outbox %s sent to %s", oid, to)
