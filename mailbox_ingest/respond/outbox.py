"""The outbox job: send queued automatic mails, at most once each, with retries and backoff.

A row is claimed (queued -> sending, stamped with this process's holder id and the database's
clock) in its own committed transaction before the send, and marked sent after it. Whether a
send left in `sending` went out is judged by the send journal in the database
(`store/journal.py`), the same record for every daemon on every host:
- a claim of this process, of a process surely dead, or of nobody: done -> sent, begin -> uncertain,
  nothing -> queued again (the journal's fence keeps a slow former holder from sending);
- a claim of another, possibly live, process: left alone until it is older than any send can
  take, then done -> sent, anything else -> uncertain. Never re-queued: that host may still
  be in the SMTP transaction.
Any failure after `begin` makes the row `uncertain` for staff. An SMTP outage (connection or
login) pauses the job (`OutboxPause`) and charges no row an attempt.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailbox_ingest.config import OutgoingSettings
from mailbox_ingest.domain.enums import OutboxState, ResponseKind, ResponseState
from mailbox_ingest.domain.errors import ClaimLost, SendError, SmtpUnavailable
from mailbox_ingest.faults import checkpoint
from mailbox_ingest.logs import DISPOSITION, message_context
from mailbox_ingest.respond.pause import OutboxPause
from mailbox_ingest.respond.senders import Sender
from store.clock import db_now
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
    uncertain: int = 0
    paused: bool = False


BATCH = 100  # rows one outbox run takes


def claim_timeout(settings: OutgoingSettings) -> dt.timedelta:
    """Past this age a claim cannot belong to a send still in progress."""
    return dt.timedelta(seconds=settings.timeout_s * 4 + 60)


def _set_contracts(session: Session, message_id: int, state: ResponseState) -> None:
    session.execute(
        update(Contract)
        .where(
            Contract.message_id == message_id,
            Contract.response_kind == ResponseKind.EMAIL_ACKNOWLEDGEMENT,
        )
        .values(response_state=state.value)
    )


def _settle(session: Session, row: Outbox, known: bool | None, detail: str) -> None:
    """Record what the journal says about a send left in flight."""
    if known is True:
        row.state, row.sent_at = OutboxState.SENT.value, utcnow()
        _set_contracts(session, row.message_id, ResponseState.SENT)
    elif known is False:
        row.state, row.claimed_by = OutboxState.QUEUED.value, None
    else:
        row.state = OutboxState.UNCERTAIN.value
        row.last_error = detail
        _set_contracts(session, row.message_id, ResponseState.HELD)
    DISPOSITION.warning("outbox %s left by %s: %s", row.id, row.claimed_by, row.state)


def reconcile(
    db: Database, sender: Sender, settings: OutgoingSettings, holder: str | None = None
) -> int:
    """Settle rows left in `sending`; returns how many were settled (see the module doc).

    Not re-entrant within one process: the daemon runs the outbox job one at a time.
    """
    holder = holder or me()
    n = 0
    with db.session() as s:
        now = db_now(s)
        rows = s.execute(select(Outbox).where(Outbox.state == OutboxState.SENDING)).scalars().all()
        for row in rows:
            if not row.claimed_by or row.claimed_by == holder or is_dead(row.claimed_by):
                _settle(
                    s,
                    row,
                    sender.delivered(row.id),
                    "process died during the SMTP transaction; not resent",
                )
            elif row.claimed_at is None or now - row.claimed_at > claim_timeout(settings):
                known = sender.delivered(row.id)
                _settle(
                    s,
                    row,
                    True if known is True else None,
                    f"claimed by {row.claimed_by}, which did not finish in time; not resent",
                )
            else:
                continue  # another daemon may be sending it right now
            n += 1
    return n


def _claim(db: Database, oid: int, holder: str) -> bool:
    """queued -> sending for this holder, stamped with the database's clock."""
    with db.session() as s:
        return bool(
            s.execute(
                update(Outbox)
                .where(Outbox.id == oid, Outbox.state == OutboxState.QUEUED)
                .values(
                    state=OutboxState.SENDING.value,
                    claimed_by=holder,
                    claimed_at=db_now(s),
                    attempts=Outbox.attempts + 1,
                )
            ).rowcount  # type: ignore[attr-defined]
        )


def _due(db: Database, limit: int) -> list[int]:
    """The ids of queued rows whose next attempt is due, oldest first."""
    with db.session() as s:
        return list(
            s.execute(
                select(Outbox.id)
                .where(Outbox.state == OutboxState.QUEUED, Outbox.next_attempt_at <= db_now(s))
                .order_by(Outbox.id)
                .limit(limit)
            )
            .scalars()
            .all()
        )


def _message_key(db: Database, oid: int) -> str:
    """The key of the mail an outbox row answers (for the log context)."""
    with db.session() as s:
        inbound = s.execute(
            select(Message).join(Outbox, Outbox.message_id == Message.id).where(Outbox.id == oid)
        ).scalar_one_or_none()
        return inbound.key if inbound is not None else f"outbox/{oid}"


def run_outbox(
    db: Database,
    sender: Sender,
    settings: OutgoingSettings,
    limit: int = BATCH,
    *,
    pause: OutboxPause | None = None,
    holder: str | None = None,
    stop: threading.Event | None = None,
) -> OutboxReport:
    """Send what is due now (nothing while `pause` says the server is out); when `stop` is
    set (the daemon is stopping) the run ends after the mail being sent."""
    holder = holder or me()
    report = OutboxReport(reconciled=reconcile(db, sender, settings, holder))
    if pause is not None and pause.active():
        report.paused = True
        return report
    for oid in _due(db, limit):
        if stop is not None and stop.is_set():
            break
        if not _claim(db, oid, holder):
            continue  # another daemon took it
        with message_context(_message_key(db, oid)):
            try:
                _send_one(db, sender, settings, oid, report)
            except SmtpUnavailable as exc:
                _unclaim(db, oid, holder, str(exc))
                report.paused = True
                delay = pause.outage(str(exc)) if pause is not None else 0.0
                log.warning("SMTP unavailable (%s); outbox paused for %.0f s", exc, delay)
                break
        if pause is not None:
            pause.reached()
    return report


def _unclaim(db: Database, oid: int, holder: str, error: str) -> None:
    """Give a row back untouched: the outage was the server's, not this mail's."""
    with db.session() as s:
        s.execute(
            update(Outbox)
            .where(
                Outbox.id == oid, Outbox.claimed_by == holder, Outbox.state == OutboxState.SENDING
            )
            .values(
                state=OutboxState.QUEUED.value,
                claimed_by=None,
                attempts=Outbox.attempts - 1,
                last_error=error[:2000],
            )
        )


def _send_one(
    db: Database, sender: Sender, settings: OutgoingSettings, oid: int, report: OutboxReport
) -> None:
    """Send one claimed row and record the outcome (SmtpUnavailable goes to the caller)."""
    with db.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        raw, to, attempts, message_id = row.raw, row.to_addr, row.attempts, row.message_id
    try:
        sender.send(oid, settings.from_, to, raw)
    except SmtpUnavailable:
        raise
    except ClaimLost as exc:
        log.warning("outbox %s: %s", oid, exc)
        return
    except SendError as exc:
        _failed(db, settings, oid, message_id, attempts, exc, report)
        return
    checkpoint("after_send")
    with db.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.state, row.sent_at = OutboxState.SENT.value, utcnow()
        _set_contracts(s, message_id, ResponseState.SENT)
    report.sent += 1
    DISPOSITION.info("outbox %s sent to %s", oid, to)


def _failed(
    db: Database,
    settings: OutgoingSettings,
    oid: int,
    message_id: int,
    attempts: int,
    exc: SendError,
    report: OutboxReport,
) -> None:
    """Record a failure of this row: uncertain, failed for good, or queued for a retry."""
    with db.session() as s:
        row = s.get(Outbox, oid)
        assert row is not None
        row.last_error = str(exc)
        if exc.uncertain:
            row.state = OutboxState.UNCERTAIN.value
            _set_contracts(s, message_id, ResponseState.HELD)
            report.uncertain += 1
            DISPOSITION.error("outbox %s uncertain, left for staff: %s", oid, exc)
        elif exc.permanent or attempts >= settings.max_attempts:
            row.state = OutboxState.FAILED.value
            _set_contracts(s, message_id, ResponseState.FAILED)
            report.failed += 1
            DISPOSITION.error("outbox %s failed for good: %s", oid, exc)
        else:
            row.state = OutboxState.QUEUED.value
            delay = settings.retry_base_s * 2 ** (attempts - 1)
            row.next_attempt_at = db_now(s) + dt.timedelta(seconds=min(delay, 6 * 3600))
            report.retried += 1
            log.warning("outbox %s: %s; retry in %.0f s", oid, exc, delay)


def send_all_due(
    db: Database, sender: Sender, settings: OutgoingSettings, *, holder: str | None = None
) -> OutboxReport:
    """Run the outbox while its runs come back full (one run takes at most `BATCH` rows), so
    that `poll --once` sends everything due after a backlog. Stops at an SMTP outage."""
    total = OutboxReport()
    while True:
        report = run_outbox(db, sender, settings, BATCH, holder=holder)
        for name in ("sent", "retried", "failed", "reconciled", "uncertain"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.paused = report.paused
        handled = report.sent + report.retried + report.failed + report.uncertain
        if report.paused or handled < BATCH:
            return total
