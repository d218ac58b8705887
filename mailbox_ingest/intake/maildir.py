"""A local Maildir as the mailbox (the embedded default): folders are Maildir++ subfolders.

Received time is the newest `Received:` header's date, else the file's modification time.
Keys are Maildir keys (the unique file-name base); there is no UIDVALIDITY (always 0).
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import mailbox
import os
from pathlib import Path

from mailbox_ingest.domain.errors import SourceError
from mailbox_ingest.intake.base import InboundMessage, MessageKey, RemoteRef, newest_received_date

_HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


class MaildirSource:
    """Read the inbox of a Maildir and move messages into sibling folders."""

    def __init__(self, path: Path, *, account: str, folder: str = "INBOX") -> None:
        self.path = Path(path)
        self.account = account
        self.folder = folder
        self._md: mailbox.Maildir | None = None

    def connect(self) -> None:
        """Open (and create if missing) the Maildir."""
        try:
            self._md = mailbox.Maildir(self.path, factory=None, create=True)
        except OSError as exc:
            raise SourceError(f"cannot open Maildir {self.path}: {exc}") from exc

    def close(self) -> None:
        """Forget the handle."""
        self._md = None

    def _box(self) -> mailbox.Maildir:
        if self._md is None:
            self.connect()
        assert self._md is not None
        return self._md

    def _inbox(self) -> mailbox.Maildir:
        box = self._box()
        if self.folder.upper() == "INBOX":
            return box
        return box.get_folder(self.folder)

    def uidvalidity(self) -> int:
        """A Maildir has no UIDVALIDITY."""
        return 0

    def _file(self, key: str) -> Path:
        inbox = self._inbox()
        name: str = inbox._lookup(key)  # type: ignore[attr-defined]
        return Path(inbox._path) / name

    def list_waiting(self) -> list[RemoteRef]:
        """Every message in the inbox folder, oldest first."""
        inbox = self._inbox()
        refs: list[RemoteRef] = []
        for key in inbox.iterkeys():
            try:
                path = self._file(key)
                stat = path.stat()
                with path.open("rb") as fh:
                    head = fh.read(256 * 1024)
            except (OSError, KeyError):
                continue  # vanished meanwhile (another process moved it)
            headers = _HEADER_PARSER.parsebytes(head.split(b"\r\n\r\n")[0].split(b"\n\n")[0])
            received = newest_received_date([str(h) for h in headers.get_all("Received", [])])
            if received is None:
                received = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
            refs.append(
                RemoteRef(MessageKey(self.account, self.folder, 0, key), stat.st_size, received)
            )
        refs.sort(key=lambda r: (r.received_at, r.key.uid))
        return refs

    def fetch(self, refs: list[RemoteRef], max_bytes: int) -> list[InboundMessage]:
        """Read the files (none over max_bytes) without marking them seen."""
        out: list[InboundMessage] = []
        for ref in refs:
            raw: bytes | None = None
            head: bytes | None = None
            try:
                path = self._file(ref.key.uid)
                if ref.size <= max_bytes:
                    raw = path.read_bytes()
                else:
                    with path.open("rb") as fh:
                        head = fh.read(256 * 1024)
            except (OSError, KeyError):
                continue
            out.append(InboundMessage(ref.key, raw, ref.size, ref.received_at, head))
        return out

    def move(self, key: MessageKey, target_folder: str) -> None:
        """Move the file into the target Maildir++ folder, atomically by rename."""
        box = self._box()
        try:
            target = box.get_folder(target_folder)
        except mailbox.NoSuchMailboxError:
            target = box.add_folder(target_folder)
        try:
            src = self._file(key.uid)
        except KeyError:
            return  # already moved
        dest = Path(target._path) / "cur" / (src.name if ":" in src.name else src.name + ":2,S")
        os.rename(src, dest)  # noqa: PTH104 - the atomic rename of Maildir, on str paths
