"""Database access: the engine, sessions, migrations on start, and the blob store.

Raw messages, attachments and rendered letters are kept as content-addressed blobs in the
database itself, so that several daemons on one PostgreSQL (and its backups) see the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from store.models import Blob

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite make the folder, turn on WAL and foreign keys."""
    kwargs: dict[str, Any] = {"future": True}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


def alembic_config(url: str) -> Any:
    """An Alembic Config pointing at this project's migrations and the given database."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply every pending migration to the database behind `engine`."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _strip_nul(session: Session, _ctx: Any, _instances: Any) -> None:
    """Remove NUL characters from text attributes: mail may hold them, PostgreSQL refuses them."""
    for obj in (*session.new, *session.dirty):
        for attr in inspect(obj).mapper.column_attrs:
            value = getattr(obj, attr.key, None)
            if isinstance(value, str) and "\x00" in value:
                setattr(obj, attr.key, value.replace("\x00", ""))


def _fit_lengths(session: Session, _ctx: Any, _instances: Any) -> None:
    """Cut text longer than its column (PostgreSQL refuses it; SQLite would keep it): an
    over-long header of a stranger's mail is stored shortened, never a failed transaction.
    Values whose meaning a cut would change (addresses) are checked before they get here."""
    for obj in (*session.new, *session.dirty):
        for attr in inspect(obj).mapper.column_attrs:
            limit = getattr(attr.columns[0].type, "length", None)
            value = getattr(obj, attr.key, None)
            if limit and isinstance(value, str) and len(value) > limit:
                log.warning("%s.%s cut to %d characters", type(obj).__name__, attr.key, limit)
                setattr(obj, attr.key, value[:limit])


def is_outage(exc: BaseException) -> bool:
    """True when a database error says the server or the connection failed (retry later),
    not that this statement was wrong: the server stopped, the backend was terminated, the
    network dropped, SQLite's file was locked too long."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class Database:
    """The engine and a session factory, built once from the settings and passed in."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            upgrade(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self.sessions, "before_flush", _strip_nul)
        event.listen(self.sessions, "before_flush", _fit_lengths)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self.sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()


def put_blob(session: Session, data: bytes) -> str:
    """Store bytes once under their SHA-256 and return the hash."""
    sha = hashlib.sha256(data).hexdigest()
    if session.get(Blob, sha) is None:
        # another daemon may store the same bytes at the same moment: not an error
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(Blob)
            .values(sha256=sha, size=len(data), data=data)
            .on_conflict_do_nothing(index_elements=["sha256"])
        )
    return sha


def get_blob(session: Session, sha: str) -> bytes | None:
    """The bytes stored under a hash, or None."""
    row = session.execute(select(Blob.data).where(Blob.sha256 == sha)).scalar_one_or_none()
    return row
