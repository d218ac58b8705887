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
When the daemon stops, the poll ends before the next message, and a read cut short by
the stop gives its message back untouched (no attempt, no interruption counted).
A message already known (by key, or by identical raw bytes after a UIDVALIDITY change) is
only moved; identical bytes of a mail that already left the inbox are a twin (own `duplicate`
row) or, when that mail was quarantined, a person putting it back for a retry.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from mailbox_ingest import heap
from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import Classification, MessageState, QuarantineReason
from mailbox_ingest.domain.errors import (
    MessageClaimLost,
    MessageRefused,
    ProcessingStopped,
    SourceError,
    StoreUnavailable,
)
from mailbox_ingest.faults import checkpoint
from mailbox_ingest.intake.base import InboundMessage, MailSource
from mailbox_ingest.intake.batches import batches, check_uidvalidity
from mailbox_ingest.intake.settle import settle_unrecorded_moves
from mailbox_ingest.logs import DISPOSITION, message_context
from mailbox_ingest.pipeline.process import process_message
from mailbox_ingest.pipeline.readers import DocumentReader, InProcessReader
from mailbox_ingest.pipeline.settle import copy_raw_headers, mark_quarantined
from mailbox_ingest.recovery import record_twin, reopen
from store.claims import MessageClaims
from store.db import Database, get_blob, is_outage, put_blob
from store.holders import me
from store.lease import JobLease
from store.models import Message, utcnow
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
    skipped: int = 0  # being processed by another daemon
    deferred: int = 0  # handed to the job queue (`mailbox_ingest/jobqueue.py`)
    lease_lost: bool = False
    by_class: dict[str, int] = field(default_factory=dict)


class Ingestor:
    """Runs intake for one source against one database."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        source: MailSource,
        reader: DocumentReader | None = None,
        *,
        answering: bool = True,
        defer: Callable[[int], bool] | None = None,
    ) -> None:
        self.settings = settings
        self.defer = defer  # set: processing is a queued job, the poll only stores and moves
        self.answering = answering  # False for an archive import: history is never answered
        self.db = db
        self.source = source
        self.reader = reader if reader is not None else InProcessReader()
        self._registry: Registry | None = None
        self.on_committed: Callable[[], None] | None = None  # e.g. wake the outbox at once
        self.stopping: threading.Event | None = None  # set: end the poll before the next mail
        lim = settings.limits
        self.claims = MessageClaims(db, me(), max(lim.ocr_timeout_s * lim.max_pages, 600))

    def poll(self, lease: JobLease | None = None) -> PollReport:
        """Handle everything now waiting in the inbox; SourceError if the mailbox fails,
        StoreUnavailable if the database does.

        With a lease, it is renewed before each message, and the poll stops once it is lost.
        """
        try:
            return self._poll(lease)
        except DBAPIError as exc:
            if is_outage(exc):
                raise StoreUnavailable(f"database unavailable: {exc.orig or exc}") from exc
            raise
        finally:
            self.claims.close()

    def _poll(self, lease: JobLease | None) -> PollReport:
        report = PollReport()
        self._registry = None  # loaded once per poll, on the first mail that needs it
        self.source.connect()
        uidvalidity = check_uidvalidity(self.db, self.source)
        refs = self.source.list_waiting()
        settle_unrecorded_moves(
            self.db, self.source, self.settings.mailbox, uidvalidity, [r.key.uid for r in refs]
        )
        max_bytes = self.settings.limits.max_message_bytes
        for chunk in batches(refs, self.settings.mailbox.batch_size, max_bytes):
            batch = self.source.fetch(chunk, max_bytes)
            for msg in batch:
                if self._stop_requested():
                    return report
                if lease is not None and not lease.renew():
                    log.warning("the poll lease was lost; another daemon goes on")
                    report.lease_lost = True
                    return report
                report.seen += 1
                try:
                    self.handle(msg, report)
                except (SourceError, StoreUnavailable):
                    raise
                except ProcessingStopped as exc:
                    log.info("%s; the message waits for the next start", exc)
                    return report
                except DBAPIError as exc:
                    if is_outage(exc):
                        raise
                    report.errors += 1
                    log.exception("unexpected failure handling %s", msg.key)
                except Exception:
                    report.errors += 1
                    log.exception("unexpected failure handling %s", msg.key)
        return report

    def _stop_requested(self) -> bool:
        """Whether the daemon is stopping: the poll ends before the next message."""
        if self.stopping is None or not self.stopping.is_set():
            return False
        log.info("stopping: the messages still waiting are left for the next start")
        return True

    def handle(self, msg: InboundMessage, report: PollReport) -> None:
        """Store, process and move one message."""
        with message_context(str(msg.key)):
            checkpoint("after_fetch")
            try:
                row_id, state, new = self._store_raw(msg)
            except IntegrityError:  # another daemon stored the same key or bytes first
                row_id, state, new = self._store_raw(msg)
            if new and state == MessageState.QUARANTINED.value:
                report.quarantined += 1
            elif new and state == MessageState.PROCESSED.value:
                report.processed += 1  # a twin, recorded as a duplicate
            if state not in FINAL and self.defer is not None:
                report.deferred += int(self.defer(row_id))
                return  # moved by the poll after the job
            if state not in FINAL:
                done = self._process(row_id, msg.raw)
                if done is None:
                    report.skipped += 1
                    return  # another daemon has it
                state = done
                checkpoint("after_commit")
                if state == MessageState.QUARANTINED.value:
                    report.quarantined += 1
                else:
                    report.processed += 1
                    if self.on_committed is not None:
                        self.on_committed()  # its answer is due now, not after the poll
            self._move(row_id, msg, report)
            heap.trim()  # memory follows the mail in hand, not the largest mail seen

    def _store_raw(self, msg: InboundMessage) -> tuple[int, str, bool]:
        """Store the message's raw bytes under its key (row id, state, whether new); a
        message already known by key or bytes is found instead."""
        with self.db.session() as s:
            row, twin = self._find_known(s, msg)
            if twin:
                assert row is not None
                return row.id, row.state, True
            new = row is None
            if row is None:
                row = self._new_row(s, msg)
            return row.id, row.state, new

    def _find_known(self, s: Session, msg: InboundMessage) -> tuple[Message | None, bool]:
        """The row of a message already stored (by key, else by identical bytes), and
        whether it is a new twin row recorded as a duplicate just now."""
        k = msg.key
        row = s.execute(
            select(Message).where(
                Message.account == k.account,
                Message.folder == k.folder,
                Message.uidvalidity == k.uidvalidity,
                Message.uid == k.uid,
            )
        ).scalar_one_or_none()
        if row is not None or msg.raw is None:
            return row, False
        sha = hashlib.sha256(msg.raw).hexdigest()
        row = (
            s.execute(select(Message).where(Message.raw_sha256 == sha).order_by(Message.id))
            .scalars()
            .first()
        )
        if row is not None and row.moved_at is not None:
            row = self._left_inbox_before(s, row, msg)
            return row, row.classification == Classification.DUPLICATE
        if row is not None:
            DISPOSITION.info("same bytes as message %s (%s); not processed again", row.id, row.key)
            row.uidvalidity, row.uid = k.uidvalidity, k.uid
        return row, False

    def _new_row(self, s: Session, msg: InboundMessage) -> Message:
        """A `received` row holding the raw bytes; a mail too large to fetch is quarantined
        unread with its headers."""
        k = msg.key
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
            limit = self.settings.limits.max_message_bytes
            mark_quarantined(
                row,
                QuarantineReason.TOO_LARGE.value,
                f"{msg.size} bytes, over the limit of {limit}; left in the quarantine "
                f"folder unread",
            )
        else:
            row.raw_sha256 = put_blob(s, msg.raw)
        s.add(row)
        s.flush()
        return row

    def _left_inbox_before(self, s: Session, row: Message, msg: InboundMessage) -> Message:
        """Same bytes as a mail already moved out: a person put a quarantined mail back
        (retry it), else a twin delivery (its own `duplicate` row)."""
        if row.state == MessageState.QUARANTINED.value:
            reopen(row, "mailbox")
            row.uidvalidity, row.uid, row.moved_at, row.moved_to = (
                msg.key.uidvalidity, msg.key.uid, None, None)  # fmt: skip
            DISPOSITION.info("quarantined message %s is back in the inbox: retried", row.id)
            return row
        return record_twin(s, row, msg.key, msg.size, msg.received_at)

    def process_stored(self, row_id: int) -> str | None:
        """Process a stored message (a queue job); None when final or another has it."""
        with message_context(f"message {row_id}"):
            return self._process(row_id)

    def _process(self, row_id: int, fetched: bytes | None = None) -> str | None:
        """Claim, process and commit one message; None when another daemon has it."""
        if not self.claims.claim(row_id, FINAL):
            DISPOSITION.info("being processed by another daemon; skipped")
            return None
        try:
            return self._process_claimed(row_id, fetched)
        except MessageClaimLost as exc:
            log.warning("%s; this process's work on it was rolled back", exc)
            return None
        finally:
            self.claims.release(row_id)

    def _process_claimed(self, row_id: int, fetched: bytes | None = None) -> str:
        """Process a claimed message; `fetched` spares reading its bytes back from the store."""
        settled = self._start_try(row_id)
        if settled is not None:
            return settled
        checkpoint("while_processing")
        try:
            return self._run_pipeline(row_id, fetched)
        except MessageClaimLost:
            raise
        except ProcessingStopped:
            self._registry = None
            self._give_back(row_id)
            raise
        except DBAPIError as exc:
            if not is_outage(exc):
                return self._failed(row_id, exc)
            self._registry = None
            self._give_back(row_id)
            raise StoreUnavailable(f"database failed while processing: {exc.orig or exc}") from exc
        except Exception as exc:  # noqa: BLE001 - recorded, retried, then quarantined
            return self._failed(row_id, exc)

    def _start_try(self, row_id: int) -> str | None:
        """Mark the try as running (commit); a mark still set means the daemon died during
        the last try: an interruption, and after `max_interruptions` the mail is quarantined
        (its state returned, else None)."""
        with self.db.session() as s:
            row = s.get(Message, row_id)
            assert row is not None
            if row.attempt_started_at is not None:
                row.interruptions += 1
                log.warning(
                    "the last try was interrupted by the daemon's death (%d so far); "
                    "not counted against the mail",
                    row.interruptions,
                )
                if row.interruptions >= self.settings.limits.max_interruptions:
                    row.attempt_started_at = None
                    self._identify(s, row)
                    self.claims.confirm(s, row_id)
                    mark_quarantined(
                        row,
                        QuarantineReason.DAEMON_INTERRUPTED.value,
                        f"the daemon stopped {row.interruptions} times while processing it",
                        logging.ERROR,
                    )
                    return row.state
            row.attempt_started_at = utcnow()
        return None

    def _run_pipeline(self, row_id: int, fetched: bytes | None) -> str:
        """The pipeline over the stored message in one transaction; its final state."""
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
            process_message(
                s, row, raw, self.settings, self._registry, self.reader, answering=self.answering
            )
            if row.state == MessageState.QUARANTINED.value:
                self._identify(s, row, raw)
            row.processed_at, row.attempt_started_at = utcnow(), None
            self.claims.confirm(s, row_id)
            return row.state

    def _give_back(self, row_id: int) -> None:
        """The database failed, not the message: its try counts neither as a failure nor as
        an interruption."""
        try:
            self.claims.give_back(row_id)
        except DBAPIError:
            log.warning("message %s: the database is still unreachable", row_id)

    def _failed(self, row_id: int, exc: Exception) -> str:
        """Record a failure of this message: retried, or quarantined after max attempts."""
        max_attempts = self.settings.limits.max_attempts
        tb = traceback.format_exc()
        self._registry = None  # the rollback expired its rows: load it again
        log.exception("processing failed")
        with self.db.session() as s:
            row = s.get(Message, row_id)
            assert row is not None
            self.claims.confirm(s, row_id)
            row.attempts += 1
            row.attempt_started_at = None
            row.error_traceback = tb[-20000:]
            row.reason_detail = f"{type(exc).__name__}: {exc}"[:4000]
            if row.attempts >= max_attempts:
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
        except MessageRefused as exc:
            log.warning("move to %s refused, the message stays for the next poll: %s", target, exc)
            report.errors += 1
            return
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
