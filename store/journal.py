"""The SMTP send journal, in the database: what an interrupted send may have done.

`begin` is committed before DATA, and only while the outbox row is still claimed by the
writer (a fence: a row another daemon has already settled is never handed to the server);
`done` after the server's 250, `refused` after an explicit 4xx/5xx answer to the data. The
latest entry of a row tells after a crash: done -> delivered, begin -> cannot tell, refused or
nothing -> surely not delivered.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import JournalEvent, OutboxState
from store.clock import db_now
from store.db import Database
from store.models import Outbox, SendJournalEntry


class SendJournal:
    """The journal as seen by one holder (this process's claims)."""

    def __init__(self, db: Database, holder: str) -> None:
        self.db = db
        self.holder = holder

    def begin(self, outbox_id: int) -> bool:
        """Record `begin` if the row is still ours and in `sending`; False when it is not."""
        with self.db.session() as s:
            ours = s.execute(
                update(Outbox)
                .where(
                    Outbox.id == outbox_id,
                    Outbox.state == OutboxState.SENDING,
                    Outbox.claimed_by == self.holder,
                )
                .values(claimed_by=self.holder)
            ).rowcount  # type: ignore[attr-defined]
            if not ours:
                return False
            s.add(self._entry(s, outbox_id, JournalEvent.BEGIN))
        return True

    def record(self, outbox_id: int, event: JournalEvent) -> None:
        """Record `done` or `refused` for the attempt begun last."""
        with self.db.session() as s:
            s.add(self._entry(s, outbox_id, event))

    def _entry(self, s: Session, outbox_id: int, event: JournalEvent) -> SendJournalEntry:
        return SendJournalEntry(
            outbox_id=outbox_id,
            holder=self.holder,
            event=event.value,
            at=db_now(s),
        )

    def delivered(self, outbox_id: int) -> bool | None:
        """From the latest entry: done -> True, begin -> None, refused or none -> False."""
        with self.db.session() as s:
            last = s.execute(
                select(SendJournalEntry.event)
                .where(SendJournalEntry.outbox_id == outbox_id)
                .order_by(SendJournalEntry.id.desc())
                .limit(1)
            ).scalar_one_or_none()
        if last == JournalEvent.DONE:
            return True
        return None if last == JournalEvent.BEGIN else False
