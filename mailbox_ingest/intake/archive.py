"""An archive of past mail as a read-only mailbox source: an mbox file, a Maildir, or a folder
of `.eml` files (searched recursively).

It honours the `MailSource` protocol so the ordinary ingest driver imports it: raw bytes are
stored under a stable key (the archive's path as account; the mbox position, Maildir key or
relative file name as UID), so an interrupted import resumes where it stopped and a second run
changes nothing. The received time is the newest `Received:` header's date, else the `Date:`
header, else the file's modification time. Nothing is ever moved or changed in the archive.

With `[queue] kind = "procrastinate"` the import stores the raw mails and defers their reading
to the queue's workers exactly like the poll (`mailbox_ingest/jobqueue.py`), the jobs marked
as never answering; `archive_progress` tells how much of an archive the workers have read.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import mailbox
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.errors import SourceError
from mailbox_ingest.intake.base import InboundMessage, MessageKey, RemoteRef, newest_received_date
from mailbox_ingest.intake.ingest import FINAL, Ingestor, PollReport
from store.db import Database
from store.models import Message

ArchiveKind = Literal["mbox", "maildir", "eml"]
ARCHIVE_FOLDER = "archive"
_HEAD_BYTES = 256 * 1024
_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def archive_kind(path: Path) -> ArchiveKind:
    """What the path holds: a file is an mbox, a folder with cur/ and new/ a Maildir."""
    if path.is_file():
        return "mbox"
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return "maildir"
        return "eml"
    raise SourceError(f"no archive at {path}: not a file or folder")


def received_date(head: bytes) -> dt.datetime | None:
    """Newest `Received:` date of a header block, else its `Date:`, as aware UTC."""
    headers = _PARSER.parsebytes(head.split(b"\r\n\r\n")[0].split(b"\n\n")[0])
    found = newest_received_date([str(h) for h in headers.get_all("Received", [])])
    if found is not None:
        return found
    try:
        date = email.utils.parsedate_to_datetime(str(headers.get("Date") or ""))
    except (TypeError, ValueError, IndexError):
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    return date.astimezone(dt.UTC)


class ArchiveSource:
    """Read every message of an archive once; `move` does nothing (history stays as it is)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).resolve()
        self.kind: ArchiveKind = archive_kind(self.path)
        self.account = f"archive:{self.path}"
        self.folder = ARCHIVE_FOLDER
        self._box: mailbox.Mailbox[mailbox.Message] | None = None
        self._files: dict[str, Path] = {}
        self.on_listed: Callable[[int], None] | None = None  # told how many messages there are

    def connect(self) -> None:
        """Open the archive read-only."""
        try:
            if self.kind == "mbox":
                self._box = mailbox.mbox(self.path, factory=None, create=False)
            elif self.kind == "maildir":
                self._box = mailbox.Maildir(self.path, factory=None, create=False)
            else:
                self._files = {
                    str(p.relative_to(self.path)): p
                    for p in sorted(self.path.rglob("*"))
                    if p.is_file() and p.suffix.lower() == ".eml"
                }
        except (OSError, mailbox.Error) as exc:
            raise SourceError(f"cannot open archive {self.path}: {exc}") from exc

    def close(self) -> None:
        """Release the mbox (it is never locked or written)."""
        if self._box is not None:
            self._box.close()
        self._box = None

    def uidvalidity(self) -> int:
        """An archive has no UIDVALIDITY: keys are stable by construction."""
        return 0

    def _keys(self) -> list[str]:
        if self.kind == "eml":
            return list(self._files)
        assert self._box is not None
        keys = [str(k) for k in self._box.keys()]  # noqa: SIM118 - iterating a mailbox.Mailbox yields messages, not keys
        return keys if self.kind == "maildir" else sorted(keys, key=int)

    def _read(self, uid: str, limit: int | None = None) -> tuple[bytes, int, float | None]:
        """Bytes (all, or the first `limit`), total size, and file mtime where there is one."""
        if self.kind == "eml":
            path = self._files[uid]
            st = path.stat()
            with path.open("rb") as fh:
                return fh.read(limit if limit is not None else -1), st.st_size, st.st_mtime
        assert self._box is not None
        key: str | int = int(uid) if self.kind == "mbox" else uid
        data = self._box.get_bytes(key)  # type: ignore[arg-type]
        mtime = None
        if isinstance(self._box, mailbox.Maildir):
            mtime = (Path(self._box._path) / self._box._lookup(uid)).stat().st_mtime  # type: ignore[attr-defined]
        elif self.path.exists():
            mtime = self.path.stat().st_mtime
        return (data if limit is None else data[:limit]), len(data), mtime

    def list_waiting(self) -> list[RemoteRef]:
        """Every message of the archive in archive order, with its size and received date."""
        if self._box is None and not self._files:
            self.connect()
        refs: list[RemoteRef] = []
        for uid in self._keys():
            try:
                head, size, mtime = self._read(uid, _HEAD_BYTES)
            except (OSError, KeyError) as exc:
                raise SourceError(f"archive {self.path}: cannot read {uid}: {exc}") from exc
            received = received_date(head)
            if received is None:
                received = dt.datetime.fromtimestamp(mtime or 0, dt.UTC)
            refs.append(RemoteRef(MessageKey(self.account, self.folder, 0, uid), size, received))
        if self.on_listed is not None:
            self.on_listed(len(refs))
        return refs

    def fetch(self, refs: list[RemoteRef], max_bytes: int) -> list[InboundMessage]:
        """The raw bytes (only the header block for a message over `max_bytes`)."""
        out: list[InboundMessage] = []
        for ref in refs:
            try:
                data, size, _ = self._read(ref.key.uid)
            except (OSError, KeyError) as exc:
                raise SourceError(f"archive {self.path}: cannot read {ref.key.uid}: {exc}") from exc
            if size > max_bytes:
                out.append(InboundMessage(ref.key, None, size, ref.received_at, data[:_HEAD_BYTES]))
            else:
                out.append(InboundMessage(ref.key, data, size, ref.received_at))
        return out

    def move(self, key: MessageKey, target_folder: str) -> None:
        """Nothing moves in an archive; the store records what was imported."""


class ArchiveIngestor(Ingestor):
    """The ordinary ingest driver over an archive: answering off, a callback per message."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        source: ArchiveSource,
        on_handled: Callable[[], None] | None = None,
        defer: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(settings, db, source, answering=False, defer=defer)
        self.on_handled = on_handled

    def handle(self, msg: InboundMessage, report: PollReport) -> None:
        """Handle one message like the daemon does, then report progress."""
        try:
            super().handle(msg, report)
        finally:
            if self.on_handled is not None:
                self.on_handled()


@dataclass(slots=True)
class ArchiveProgress:
    """How far the reading of an archive's stored messages has come."""

    stored: int = 0
    final: int = 0  # read (processed or quarantined)
    by_class: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> bool:
        """Every stored message of the archive is read."""
        return self.final == self.stored


def archive_progress(db: Database, account: str) -> ArchiveProgress:
    """The archive's messages in the store: how many, how many read, by classification."""
    progress = ArchiveProgress()
    with db.session() as s:
        rows = s.execute(
            select(Message.state, Message.classification).where(
                Message.account == account, Message.folder == ARCHIVE_FOLDER
            )
        ).all()
    for state, classification in rows:
        progress.stored += 1
        if state in FINAL:
            progress.final += 1
            progress.by_class[classification or "quarantined"] += 1
    return progress
