"""PostgreSQL session advisory locks on a connection of their own.

A session lock belongs to the connection that took it: when the holding process dies (or
its connection drops) the server releases it at once, with no clock and no expiry involved.
The connection runs in autocommit so it never holds a transaction open.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

POLL_NAMESPACE = 0x4D49_0001  # "MI" + 1: the poll lease
MESSAGE_NAMESPACE = 0x4D49_0002  # claims of single messages


def _key(value: int) -> int:
    """Fold a key into PostgreSQL's signed 32-bit int range."""
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


class AdvisoryLocks:
    """Try, check and drop session advisory locks (namespace, key) on one connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

    def _scalar(self, sql: str, **params: Any) -> Any:
        return self._connection().execute(text(sql), params).scalar_one()

    def try_lock(self, namespace: int, key: int) -> bool:
        """Take the lock unless another session holds it (held once, however often asked)."""
        if self.holds(namespace, key):
            return True
        try:
            return bool(self._scalar("SELECT pg_try_advisory_lock(:n, :k)",
                                     n=_key(namespace), k=_key(key)))
        except DBAPIError:
            self.close()
            return False

    def holds(self, namespace: int, key: int) -> bool:
        """Whether this connection still holds the lock (False once the connection is gone)."""
        if self._conn is None:
            return False
        try:
            return bool(self._scalar(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND classid::int8 = (:n)::int8 & 4294967295 "
                "AND objid::int8 = (:k)::int8 & 4294967295 AND objsubid = 2",
                n=_key(namespace), k=_key(key)))
        except DBAPIError:
            self.close()
            return False

    def unlock(self, namespace: int, key: int) -> None:
        """Drop the lock if held."""
        if self._conn is None:
            return
        try:
            while self._scalar("SELECT pg_advisory_unlock(:n, :k)",
                               n=_key(namespace), k=_key(key)):
                pass
        except DBAPIError:
            self.close()

    def close(self) -> None:
        """Close the connection (not back to the pool), which releases every lock it held."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()  # really closed, not returned to the pool with its locks
            finally:
                conn.close()
