"""Named leases in the database: of several daemons on one database one holds each job."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from store.db import Database
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
        if s.get(Lease, name) is not None:
            return False
    try:
        with db.session() as s:
            s.add(Lease(name=name, holder=holder, expires_at=until))
        return True
    except IntegrityError:
        return False


def release(db: Database, name: str, holder: str) -> None:
    """Give the lease up (on clean shutdown) so a standby takes over at once."""
    with db.session() as s:
        s.execute(
            update(Lease)
            .where(Lease.name == name, Lease.holder == holder)
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
