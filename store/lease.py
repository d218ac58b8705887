"""Named leases: of several daemons on one database one holds each job (the poll).

On PostgreSQL the poll lease is a session advisory lock on a connection of the holder's own
(`store/locks.py`): a dead holder releases it at once, and no clock is involved. The lease
table still names the holder for people (`holder_of`). On SQLite (one machine) the lease table
is the lease: it expires by the database's clock unless renewed, and the poll renews it between
messages.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from store.clock import db_now
from store.db import Database
from store.holders import is_dead
from store.locks import POLL_NAMESPACE, AdvisoryLocks
from store.models import Lease


def acquire(db: Database, name: str, holder: str, ttl_s: float) -> bool:
    """Take or renew the lease row; False while another holder's lease is still valid."""
    with db.session() as s:
        now = db_now(s)
        until = now + dt.timedelta(seconds=ttl_s)
        taken = s.execute(
            update(Lease)
            .where(Lease.name == name, (Lease.holder == holder) | (Lease.expires_at < now))
            .values(holder=holder, expires_at=until)
        ).rowcount  # type: ignore[attr-defined]
        if taken:
            return True
        current = s.get(Lease, name)
        if current is not None:
            if not is_dead(current.holder):
                return False
            # the holder died without releasing (SIGKILL, power cut): take over now
            result: Any = s.execute(
                update(Lease)
                .where(Lease.name == name, Lease.holder == current.holder)
                .values(holder=holder, expires_at=until)
            )
            return bool(result.rowcount)
    try:
        with db.session() as s:
            s.add(Lease(name=name, holder=holder, expires_at=until))
        return True
    except IntegrityError:
        return False


def _record(db: Database, name: str, holder: str, ttl_s: float) -> None:
    """Write the holder into the lease row whatever it says (the lock decided already)."""
    with db.session() as s:
        until = db_now(s) + dt.timedelta(seconds=ttl_s)
        if s.get(Lease, name) is None:
            s.add(Lease(name=name, holder=holder, expires_at=until))
        else:
            s.execute(
                update(Lease).where(Lease.name == name).values(holder=holder, expires_at=until)
            )


def holder_of(db: Database, name: str) -> str | None:
    """The current holder of a lease that has not expired, or None."""
    with db.session() as s:
        current = s.get(Lease, name)
        if current is None or current.expires_at < db_now(s) or is_dead(current.holder):
            return None
        return current.holder


def release(db: Database, name: str, holder: str) -> None:
    """Give the lease up (on clean shutdown) so a standby takes over at once."""
    with db.session() as s:
        s.execute(
            update(Lease)
            .where(Lease.name == name, Lease.holder == holder)
            .values(expires_at=db_now(s) - dt.timedelta(seconds=1))
        )


class JobLease:
    """One process's hold on a named lease: acquire, renew between units of work, release."""

    def __init__(self, db: Database, name: str, holder: str, ttl_s: float) -> None:
        self.db, self.name, self.holder, self.ttl_s = db, name, holder, ttl_s
        pg = db.engine.dialect.name == "postgresql"
        self._locks = AdvisoryLocks(db.engine) if pg else None
        self._key = zlib.crc32(name.encode())

    def acquire(self) -> bool:
        """Take the lease (or keep it); False while another process holds it."""
        if self._locks is None:
            return acquire(self.db, self.name, self.holder, self.ttl_s)
        if not self._locks.try_lock(POLL_NAMESPACE, self._key):
            return False
        _record(self.db, self.name, self.holder, self.ttl_s)
        return True

    def renew(self) -> bool:
        """Still ours? Extends the table lease; on PostgreSQL checks the lock is still held."""
        if self._locks is None:
            return acquire(self.db, self.name, self.holder, self.ttl_s)
        if not self._locks.holds(POLL_NAMESPACE, self._key):
            return False
        _record(self.db, self.name, self.holder, self.ttl_s)
        return True

    def release(self) -> None:
        """Give the lease up so a standby takes over at once."""
        if self._locks is not None:
            self._locks.close()
        release(self.db, self.name, self.holder)
