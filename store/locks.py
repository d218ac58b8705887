"""PostgreSQL session advisory locks on a connection of their own.

A session lock belongs to the connection that took it: when the holding process dies (or
its connection drops) the server releases it at once, with no clock and no expiry involved.
The connection runs in autocommit so it never holds a transaction open.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

POLL_NAMESPACE = 0x4D49_0001  # "MI" + 1: the poll lease
MESSAGE_NAMESPACE = 0x4D49_0002  # claims of single messages
CONTRACTS_NAMESPACE = 0x4D49_0003  # the duplicate check up to the commit, one mail at a time


def serialize_transaction(session: Session, namespace: int, key: int = 0) -> None:
    """On PostgreSQL, wait for a transaction-level advisory lock, held until the commit.

    Mails processed in parallel (queue workers) then pass this point one at a time, each
    seeing what the one before it committed. SQLite serializes writers by itself.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :key)"),
            {"ns": _key(namespace), "key": _key(key)},
        )


def _key(value: int) -> int:
    """Fold a key into PostgreSQL's signed 32-bit int range."""
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


class AdvisoryLocks:
    """Try, check and drop session advisory locks (namespace, key) on one connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._held: set[tuple[int, int]] = set()

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

    def _scalar(self, sql: str, **params: Any) -> Any:
        return self._connection().execute(text(sql), params).scalar_one()

    def try_lock(self, namespace: int, key: int) -> bool:
        """Take the lock unless another session holds it (held once, however often asked)."""
        if (namespace, key) in self._held and self.holds(namespace, key):
            return True  # a dead connection lost its locks (holds() closed it): take it afresh
        try:
            taken = bool(
                self._scalar("SELECT pg_try_advisory_lock(:n, :k)", n=_key(namespace), k=_key(key))
            )
        except DBAPIError:
            self.close()
            return False
        if taken:
            self._held.add((namespace, key))
        return taken

    def holds(self, namespace: int, key: int) -> bool:
        """Whether the lock is still ours: taken here and the connection still alive (a session
        lock ends only with its connection or an unlock)."""
        if (namespace, key) not in self._held or self._conn is None:
            return False
        try:
            self._scalar("SELECT 1")
        except DBAPIError:
            self.close()
            return False
        return True

    def unlock(self, namespace: int, key: int) -> None:
        """Drop the lock if held."""
        if (namespace, key) not in self._held:
            return
        self._held.discard((namespace, key))
        try:
            self._scalar("SELECT pg_advisory_unlock(:n, :k)", n=_key(namespace), k=_key(key))
        except DBAPIError:
            self.close()

    def close(self) -> None:
        """Close the connection (not back to the pool), which releases every lock it held."""
        conn, self._conn = self._conn, None
        self._held.clear()
        if conn is not None:
            try:
                conn.invalidate()  # really closed, not returned to the pool with its locks
            finally:
                conn.close()
