"""Claims on single messages: no two daemons ever process the same message.

A message is claimed before processing in a committed transaction of its own, and the
claim is confirmed inside the processing transaction just before its commit:
work whose claim was lost is rolled back, so a message yields one set of contract, letter,
attachment and outbox rows however many daemons see it.

On PostgreSQL the claim is a session advisory lock on a connection of this process's own
(a dead holder releases it at once); the `claimed_by` column only names the holder. On SQLite
the column is the claim, with an expiry by the database's clock, taken over early when the
holder is surely dead (`store/holders.py`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from mailbox_ingest.domain.errors import MessageClaimLost
from store.clock import db_now
from store.db import Database
from store.holders import is_dead
from store.locks import MESSAGE_NAMESPACE, AdvisoryLocks
from store.models import Message


class MessageClaims:
    """This process's claims; close() when the poll ends."""

    def __init__(self, db: Database, holder: str, ttl_s: float) -> None:
        self.db, self.ttl = db, dt.timedelta(seconds=ttl_s)
        self.holder = f"{holder}#{secrets.token_hex(3)}"  # two pollers of one process differ
        pg = db.engine.dialect.name == "postgresql"
        self._locks = AdvisoryLocks(db.engine) if pg else None

    def claim(self, message_id: int, final: Collection[str]) -> bool:
        """Claim a message not yet final; False when another has it.

        Attempts are counted by the ingestor: a failure counts one, the daemon's own death
        counts an interruption (see `intake/ingest.py`).
        """
        if self._locks is not None and not self._locks.try_lock(MESSAGE_NAMESPACE, message_id):
            return False
        with self.db.session() as s:
            now = db_now(s)
            where: list[Any] = [Message.id == message_id, Message.state.not_in(final)]
            if self._locks is None:
                where.append(
                    or_(
                        Message.claimed_by.is_(None),
                        Message.claimed_by == self.holder,
                        Message.claim_expires_at < now,
                    )
                )
            taken = self._take(s, where, now)
            if not taken and self._locks is None:
                row = s.get(Message, message_id)
                if row is not None and row.state not in final and is_dead(row.claimed_by):
                    taken = self._take(
                        s, [Message.id == message_id, Message.claimed_by == row.claimed_by], now
                    )
        if not taken:
            self.release(message_id)
        return taken

    def _take(self, s: Session, where: list[Any], now: dt.datetime) -> bool:
        result: Any = s.execute(
            update(Message)
            .where(*where)
            .values(claimed_by=self.holder, claim_expires_at=now + self.ttl)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    def confirm(self, session: Session, message_id: int) -> None:
        """In the transaction about to commit: end the claim, or raise MessageClaimLost."""
        if self._locks is not None and not self._locks.holds(MESSAGE_NAMESPACE, message_id):
            raise MessageClaimLost(f"message {message_id}: the claim's lock was lost")
        result: Any = session.execute(
            update(Message)
            .where(Message.id == message_id, Message.claimed_by == self.holder)
            .values(claimed_by=None, claim_expires_at=None)
        )
        if not result.rowcount:
            raise MessageClaimLost(f"message {message_id} was taken over by another daemon")

    def give_back(self, message_id: int) -> None:
        """Undo the claim and the try's running mark: the work failed for the database's sake
        (an outage), not the message's. Raises when the database is still unreachable."""
        with self.db.session() as s:
            s.execute(
                update(Message)
                .where(Message.id == message_id, Message.claimed_by == self.holder)
                .values(claimed_by=None, claim_expires_at=None, attempt_started_at=None)
                .execution_options(synchronize_session=False)
            )

    def release(self, message_id: int) -> None:
        """Let go of the lock (the column claim ended with the commit, or expires)."""
        if self._locks is not None:
            self._locks.unlock(MESSAGE_NAMESPACE, message_id)

    def close(self) -> None:
        """Drop every lock this process holds."""
        if self._locks is not None:
            self._locks.close()
