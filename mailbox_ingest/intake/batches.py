"""How a poll cuts the inbox into fetch batches of bounded memory, and the folder's
UIDVALIDITY record it starts with."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mailbox_ingest.intake.base import MailSource, RemoteRef
from store.db import Database
from store.models import MailboxFolder, utcnow

log = logging.getLogger(__name__)


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


def check_uidvalidity(db: Database, source: MailSource) -> int:
    """Record the folder's UIDVALIDITY (returned); warn when the server renumbered it."""
    current = source.uidvalidity()
    try:
        _record_uidvalidity(db, source, current)
    except IntegrityError:  # another daemon recorded the folder at the same moment
        _record_uidvalidity(db, source, current)
    return current


def _record_uidvalidity(db: Database, source: MailSource, current: int) -> None:
    with db.session() as s:
        row = s.execute(
            select(MailboxFolder).where(
                MailboxFolder.account == source.account,
                MailboxFolder.folder == source.folder,
            )
        ).scalar_one_or_none()
        if row is None:
            s.add(MailboxFolder(account=source.account, folder=source.folder, uidvalidity=current))
        elif row.uidvalidity != current:
            log.warning(
                "UIDVALIDITY of %s changed %s -> %s; known mails are matched by content",
                source.folder,
                row.uidvalidity,
                current,
            )
            row.uidvalidity, row.changed_at = current, utcnow()
