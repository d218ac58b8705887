"""Every mailbox entry accounted for, and quarantined mail re-run after a fix.

* A mail whose bytes equal one already handled (and moved out of the inbox) gets its own
  `messages` row, classified `duplicate` and pointing at the original, so `export messages`
  lists every mailbox entry and agrees with the poll summary.
* `retry_message` re-runs a quarantined mail through the pipeline with the current code and
  templates. Its earlier outcome (state, reason, decisions, traceback) is kept in
  `Message.history` and an audit entry names who asked. The web UI and the command line call
  it; a quarantined mail that a person moves back to the inbox is retried the same way by
  the intake instead of being recognised by its bytes and moved straight back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import Classification, MessageState
from mailbox_ingest.domain.errors import MailboxIngestError
from mailbox_ingest.intake.base import MessageKey
from mailbox_ingest.logs import DISPOSITION
from mailbox_ingest.pipeline.process import process_message
from store.db import get_blob
from store.models import AuditEntry, Message, utcnow
from store.registry import Registry

log = logging.getLogger(__name__)


class RetryError(MailboxIngestError):
    """A retry that cannot be done (unknown id, not quarantined, raw bytes missing)."""


def record_twin(
    session: Session, original: Message, key: MessageKey, size: int, received_at: dt.datetime
) -> Message:
    """A `duplicate` row for a mailbox entry whose bytes equal `original`'s."""
    twin = Message(
        account=key.account, folder=key.folder, uidvalidity=key.uidvalidity, uid=key.uid,
        size=size, received_at=received_at, raw_sha256=original.raw_sha256,
        message_id=original.message_id, in_reply_to=original.in_reply_to,
        references=original.references, from_addr=original.from_addr,
        from_name=original.from_name, reply_to=original.reply_to, subject=original.subject,
        state=MessageState.PROCESSED.value, classification=Classification.DUPLICATE.value,
        duplicate_of_id=original.id, sender_verified=original.sender_verified,
        automatic=original.automatic, processed_at=utcnow(),
        decisions=[{"stage": "duplicate", "rule": "same_bytes", "hit": True,
                    "detail": f"same bytes as message {original.id} ({original.key})"}],
    )  # fmt: skip
    session.add(twin)
    session.flush()
    DISPOSITION.info("same bytes as message %s: recorded as duplicate %s", original.id, twin.id)
    return twin


def reopen(row: Message, actor: str) -> dict[str, object]:
    """Keep the row's outcome in its history and make it ready to be processed again."""
    entry: dict[str, object] = {
        "at": utcnow().isoformat(), "by": actor, "state": row.state,
        "classification": row.classification, "reason": row.reason,
        "reason_detail": row.reason_detail, "decisions": row.decisions,
        "error_traceback": (row.error_traceback or "")[-4000:] or None,
        "attempts": row.attempts, "moved_to": row.moved_to,
    }  # fmt: skip
    row.history = [*(row.history or []), entry]
    row.state, row.classification = MessageState.RECEIVED.value, None
    row.reason = row.reason_detail = row.error_traceback = None
    row.decisions, row.attempts, row.automatic, row.sender_verified = [], 0, False, None
    row.attachments.clear()
    return entry


def retry_message(
    session: Session,
    message_id: int,
    actor: str,
    settings: Settings,
    registry: Registry | None = None,
) -> Message:
    """Re-run one quarantined mail through the pipeline now; returns the row (no commit)."""
    row = session.get(Message, message_id)
    if row is None:
        raise RetryError(f"no message {message_id}")
    if row.state != MessageState.QUARANTINED:
        raise RetryError(f"message {message_id} is {row.state}, not quarantined")
    raw = get_blob(session, row.raw_sha256) if row.raw_sha256 else None
    if raw is None:
        raise RetryError(f"message {message_id} has no stored bytes (it was never read)")
    before = reopen(row, actor)
    session.flush()
    process_message(session, row, raw, settings, registry)
    row.processed_at = utcnow()
    if row.moved_at is not None and row.state == MessageState.PROCESSED:
        row.state = MessageState.DONE.value  # its mailbox copy already left the inbox
    session.add(AuditEntry(actor=actor, action="retry_message", message_id=row.id, details={
        "previous_reason": str(before["reason"] or ""),
        "previous_detail": str(before["reason_detail"] or "")[:500],
        "outcome": row.classification or "", "reason": row.reason or ""}))  # fmt: skip
    return row


def retry_by_reason(
    session: Session, reason: str, actor: str, settings: Settings
) -> Sequence[Message]:
    """Retry every quarantined mail with this reason; returns the rows (no commit)."""
    ids = (
        session.execute(
            select(Message.id)
            .where(Message.state == MessageState.QUARANTINED, Message.reason == reason)
            .order_by(Message.id)
        )
        .scalars()
        .all()
    )
    registry = Registry(session)
    return [retry_message(session, i, actor, settings, registry) for i in ids]
