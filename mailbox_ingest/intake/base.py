"""The unit of work (an inbound message and its key) and the protocol every source honours.

A source lists what waits in its inbox folder, fetches raw bytes, and moves a message to a
done or quarantine folder. It never decides anything: the pipeline does, and only asks the
source to move a message after the database commit.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class MessageKey:
    """Where a message sits: account, folder, UIDVALIDITY and UID (a Maildir key is a UID)."""

    account: str
    folder: str
    uidvalidity: int
    uid: str

    def __str__(self) -> str:
        return f"{self.account}/{self.folder}/{self.uidvalidity}/{self.uid}"


@dataclass(frozen=True, slots=True)
class RemoteRef:
    """A message listed in the inbox but not yet fetched."""

    key: MessageKey
    size: int
    received_at: dt.datetime


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """The unit of work: a message key, its raw bytes (None when over the size limit)."""

    key: MessageKey
    raw: bytes | None
    size: int
    received_at: dt.datetime
    head: bytes | None = None  # the header block, when raw was not fetched


@runtime_checkable
class MailSource(Protocol):
    """A mailbox folder to read from and move out of."""

    account: str
    folder: str

    def connect(self) -> None:
        """Open the connection (no-op for local sources); raise SourceError on failure."""

    def close(self) -> None:
        """Close the connection; safe to call twice."""

    def uidvalidity(self) -> int:
        """The folder's current UIDVALIDITY (0 where the source has none)."""

    def list_waiting(self) -> list[RemoteRef]:
        """Every message now in the folder, oldest first."""

    def fetch(self, refs: list[RemoteRef], max_bytes: int) -> list[InboundMessage]:
        """The raw bytes of these messages (raw None for one larger than max_bytes)."""

    def move(self, key: MessageKey, target_folder: str) -> None:
        """Move a message out of the folder (creating the target if needed)."""


_RECEIVED_DATE = re.compile(r";\s*([^;]+?)\s*$", re.S)


def newest_received_date(headers: list[str]) -> dt.datetime | None:
    """The date of the newest (topmost) parseable `Received:` header, as aware UTC."""
    for value in headers:
        m = _RECEIVED_DATE.search(" ".join(value.split()))
        if not m:
            continue
        try:
            parsed = email.utils.parsedate_to_datetime(m.group(1))
        except (TypeError, ValueError, IndexError):
            continue
        if parsed is None:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
    return None
