"""The database's clock: claim ages and lease expiries are measured by one clock for all hosts.

Each daemon's own clock may be off by minutes; judging another host's claim by it would call
a live claim stale (or a dead one fresh). Every time that another process compares against
is read from the database server instead. SQLite is a file on this very machine, so its
clock is the local one (read here at full precision; SQLite's own `now` has milliseconds).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def db_now(session: Session) -> dt.datetime:
    """The database server's current time, as an aware UTC datetime."""
    if session.get_bind().dialect.name == "postgresql":
        value = session.execute(select(func.clock_timestamp())).scalar_one()
        assert isinstance(value, dt.datetime)
        return value.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)
