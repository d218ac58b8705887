"""Named leases in the database: of several daemons on one database one holds each job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from store.db import Database
from store.holders import is_dead
from store.models import Lease, utcnow


def acquire(db: Database, name: str, holder: str, ttl_s: float) -> bool:
    """Take or renew the lease; False while another holder's lease is still valid."""
    now = utcnow()
    until = now + dt.timedelta(seconds=ttl_s)
    with db.session() as s:
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


def holder_of(db: Database, name: str) -> str | None:
    """The current holder of a lease that has not expired, or None."""
    with db.session() as s:
        current = s.get(Lease, name)
        if current is None or current.expires_at < utcnow() or is_dead(current.holder):
            return None
        return current.holder


def release(db: Database, name: str, holder: str) -> None:
    """Give the lease up (on clean shutdown) so a standby takes over at once."""
    with db.session() as s:
        s.execute(
            update(Lease)
            .where(Lease.name == name, Lease.holder == holder)
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
