"""Moves that happened but were never recorded: the process died between the server's MOVE
and the database update (a kill -9, a power cut, the database dropping the connection).

Such a row stays `processed` (or `quarantined`) with no `moved_at`, while its mail sits in
the done folder already; nothing would ever finish it. Each poll lists the inbox anyway, so a
row of this folder and UIDVALIDITY whose UID is no longer listed has left the inbox: it is
recorded as moved to the folder its state sends it to.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from sqlalchemy import select

from mailbox_ingest.config import MailboxSettings
from mailbox_ingest.domain.enums import MessageState
from mailbox_ingest.intake.base import MailSource
from store.db import Database
from store.models import Message, utcnow

log = logging.getLogger(__name__)


def settle_unrecorded_moves(
    db: Database,
    source: MailSource,
    settings: MailboxSettings,
    uidvalidity: int,
    listed: Collection[str],
) -> int:
    """Record as moved every finished row of this folder whose UID left the inbox."""
    waiting = set(listed)
    with db.session() as s:
        rows = (
            s.execute(
                select(Message).where(
                    Message.account == source.account,
                    Message.folder == source.folder,
                    Message.uidvalidity == uidvalidity,
                    Message.moved_at.is_(None),
                    Message.state.in_((MessageState.PROCESSED, MessageState.QUARANTINED)),
                )
            )
            .scalars()
            .all()
        )
        settled = 0
        for row in rows:
            if row.uid in waiting:
                continue
            quarantined = row.state == MessageState.QUARANTINED
            row.moved_at = utcnow()
            row.moved_to = settings.quarantine_folder if quarantined else settings.done_folder
            if not quarantined:
                row.state = MessageState.DONE.value
            settled += 1
            log.info("message %s left the inbox before its move was recorded", row.id)
    return settled
