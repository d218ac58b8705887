"""The intake driver: list the inbox, store raw bytes, process, commit, then move.

Order of work per message (a crash anywhere leaves it to be done again, and doing it again
changes nothing):
1. raw bytes stored with the message key in state `received` (commit);
2. the try marked as running (commit); a mark found still set on the next try means the
   daemon itself died during it (a deploy, a power cut): counted as an interruption, not
   against the mail, since documents are read in a child process whose death is the mail's;
3. processed in one transaction (state `processed` or `quarantined`); a failure counts an
   attempt, and a mail failing `max_attempts` times is quarantined;
4. moved to the done or quarantine folder, then marked moved.
A message already known (by key, or by identical raw bytes after a UIDVALIDITY change) is
only moved.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.enums import MessageState, QuarantineReason
from mailbox_ingest.errors import SourceError
from mailbox_ingest.faults import checkpoint
from mailbox_ingest.intake.base import InboundMessage, MailSource, RemoteRef
from mailbox_ingest.logs import DISPOSITION, message_context
from mailbox_ingest.pipeline.process import (
    copy_raw_headers,
    mark_quarantined,
    process_message,
)
from mailbox_ingest.pipeline.readers import DocumentReader, InProcessReader
from store.db import Database, get_blob, put_blob
from store.models import MailboxFolder, Message, utcnow
from store.registry import Registry

log = logging.getLogger(__name__)

FINAL = (MessageState.PROCESSED.value, MessageState.DONE.value, MessageState.QUARANTINED.value)


@dataclass(slots=True)
class PollReport:
    """Counts from one poll."""

    seen: int = 0
    processed: int = 0
    quarantined: int = 0
    moved: int = 0
    errors: int = 0
    by_class: dict[str, int] = field(default_factory=dict)


def batches(refs: list[RemoteRef], count: int, max_bytes: int) -> Iterator[list[RemoteRef]]:
    """Chunks of at most `count` messages and (beyond the first) `max_bytes` fetched bytes.

    Messages over `max_bytes` are not fetched whole, so they weigh nothing here. This bounds
    the memory one batch takes however large the mails are.
    """
    chunk: list[RemoteRef] = []
    weight = 0
    for ref in refs:
        size = ref.size if ref.size <= max_bytes else 0
        if chunk and (len(chunk) >= count or weight + size > max_bytes):
            yield chunk
            chunk, weight = [], 0
        chunk.append(ref)
        weight += size
    if chunk:
        yield chunk


class Ingestor:
    """Runs intake for one source against one database."""

    def __init__(
        self, settings: Settings, db: Database, source: MailSource,
        reader: DocumentReader | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.source = source
        self.reader = reader if reader is not None else InProcessReader()
        self._registry: Registry | None = None

    def poll(self) -> PollReport:
        """Handle everything now waiting in the inbox; SourceError if the server fails."""
        report = PollReport()
        self._registry = None  # loaded once per poll, on the first mail that needs it
        self.source.connect()
        self._check_uidvalidity()
        refs = self.source.list_waiting()
        max_bytes = self.settings.limits.max_message_bytes
        for chunk in batches(refs, self.settings.mailbox.batch_size, max_bytes):
            batch = self.source.fetch(chunk, max_bytes)
            for msg in batch:
                report.seen += 1
                try:
                    self.handle(msg, report)
                except SourceError:
                    raise
                except Exception:  # noqa: BLE001 - one message never stops the others
                    report.errors += 1
                    log.exception("unexpected failure handling %s", msg.key)
        return report

    def _check_uidvalidity(self) -> None:
        current = self.source.uidvalidity()
        with self.db.session() as s:
            row = s.execute(
                select(MailboxFolder).where(
                    MailboxFolder.account == self.source.account,
                    MailboxFolder.folder == self.source.folder,
                )
            ).scalar_one_or_none()
            if row is None:
                s.add(
                    MailboxFolder(
                        account=self.source.account, folder=self.source.folder, uidvalidity=current
                    )
                )
            elif row.uidvalidity != current:
                log.warning(
                    "UIDVALIDITY of %s changed %s -> %s; known mails are matched by content",
                    self.source.folder,
                    row.uidvalidity,
                    current,
                )
                row.uidvalidity, row.changed_at = current, utcnow()

    def handle(self, msg: InboundMessage, report: PollReport) -> None:
        """Store, process and move one message."""
        with message_context(str(msg.key)):
            checkpoint("after_fetch")
            row_id, state, new = self._store_raw(msg)
            if new and state == MessageState.QUARANTINED.value:
                report.quarantined += 1
            if state not in FINAL:
                state = self._process(row_id, msg.raw)
                checkpoint("after_commit")
                if state == MessageState.QUARANTINED.value:
                    report.quarantined += 1
                else:
                    report.processed += 1
            self._move(row_id, msg, report)

    def _store_raw(self, msg: InboundMessage) -> tuple[int, str, bool]:
        k = msg.key
        with self.db.session() as s:
            row = s.execute(
                select(Message).where(
                    Message.account == k.account,
                    Message.folder == k.folder,
                    Message.uidvalidity == k.uidvalidity,
                    Message.uid == k.uid,
                )
            ).scalar_one_or_none()
            if row is None and msg.raw is not None:
                sha = hashlib.sha256(msg.raw).hexdigest()
                row = (
                    s.execute(select(Message).where(Message.raw_sha256 == sha).order_by(Message.id))
                    .scalars()
                    .first()
                )
                if row is not None:
                    DISPOSITION.info(
                        "same bytes as message %s (%s); not processed again", row.id, row.key
                    )
                    if row.state not in FINAL:
                        row.uidvalidity, row.uid = k.uidvalidity, k.uid
            new = row is None
            if row is None:
                row = Message(
                    account=k.account,
                    folder=k.folder,
                    uidvalidity=k.uidvalidity,
                    uid=k.uid,
                    size=msg.size,
                    received_at=msg.received_at,
                    state=MessageState.RECEIVED.value,
                    decisions=[],
                )
                if msg.raw is None:
                    if msg.head:
                        copy_raw_headers(row, msg.head)
                    mark_quarantined(
                        row,
                        QuarantineReason.TOO_LARGE.value,
                        f"{msg.size} bytes, over the limit of "
                        f"{self.settings.limits.max_message_bytes}; left in "
                        f"the quarantine folder unread",
                    )
                else:
                    row.raw_sha256 = put_blob(s, msg.raw)
                s.add(row)
                s.flush()
            return row.id, row.state, new

    def _process(self, row_id: int, fetched: bytes | None = None) -> str:
        """Process a stored message; `fetched` spares reading its bytes back from the store."""
        lim = self.settings.limits
        with self.db.session() as s:
            row = s.get(Message, row_id)
            assert row is not None
            if row.attempt_started_at is not None:  # the daemon itself died during that try
                row.interruptions += 1
                log.warning("the last try was interrupted by the daemon's death (%d so far); "
                            "not counted against the mail", row.interruptions)
                if row.interruptions >= lim.max_interruptions:
                    row.attempt_started_at = None
                    self._identify(s, row)
                    mark_quarantined(
                        row, QuarantineReason.DAEMON_INTERRUPTED.value,
                        f"the daemon stopped {row.interruptions} times while processing it",
                        logging.ERROR,
                    )
                    return row.state
            row.attempt_started_at = utcnow()
        checkpoint("while_processing")
        try:
            with self.db.session() as s:
                row = s.get(Message, row_id)
                assert row is not None and row.raw_sha256 is not None
                raw = (
                    fetched
                    if fetched is not None and hashlib.sha256(fetched).hexdigest() == row.raw_sha256
                    else get_blob(s, row.raw_sha256) or b""
                )
                if self._registry is None:
                    self._registry = Registry(s)
                process_message(s, row, raw, self.settings, self._registry, self.reader)
                if row.state == MessageState.QUARANTINED.value:
                    self._identify(s, row, raw)
                row.processed_at, row.attempt_started_at = utcnow(), None
                return row.state
        except Exception as exc:  # noqa: BLE001 - recorded, retried, then quarantined
            tb = traceback.format_exc()
            self._registry = None  # the rollback expired its rows: load it again
            log.exception("processing failed")
            with self.db.session() as s:
                row = s.get(Message, row_id)
                assert row is not None
                row.attempts += 1
                row.attempt_started_at = None
                row.error_traceback = tb[-20000:]
                row.reason_detail = f"{type(exc).__name__}: {exc}"[:4000]
                if row.attempts >= lim.max_attempts:
                    self._identify(s, row)
                    mark_quarantined(
                        row,
                        QuarantineReason.PROCESSING_ERROR.value,
                        f"failed {row.attempts} times; last error: {row.reason_detail}",
                        logging.ERROR,
                    )
                return row.state

    @staticmethod
    def _identify(s: Session, row: Message, raw: bytes | None = None) -> None:
        """Give a quarantine entry the mail's Message-ID, From and Subject when it lacks them."""
        if row.message_id or row.from_addr or row.raw_sha256 is None:
            return
        copy_raw_headers(row, raw if raw is not None else get_blob(s, row.raw_sha256) or b"")

    def _move(self, row_id: int, msg: InboundMessage, report: PollReport) -> None:
        with self.db.session() as s:
            row = s.get(Message, row_id)
            assert row is not None
            if row.state not in FINAL:
                return  # will be retried on the next poll
            target = (
                self.settings.mailbox.quarantine_folder
                if row.state == MessageState.QUARANTINED.value
                else self.settings.mailbox.done_folder
            )
            klass = row.classification or ""
        try:
            self.source.move(msg.key, target)
        except SourceError as exc:
            log.warning("move to %s failed, will retry: %s", target, exc)
            raise
        with self.db.session() as s:
            row = s.get(Message, row_id)
            assert row is not None
            row.moved_at, row.moved_to = utcnow(), target
            if row.state == MessageState.PROCESSED.value:
                row.state = MessageState.DONE.value
        report.moved += 1
        report.by_class[klass] = report.by_class.get(klass, 0) + 1
