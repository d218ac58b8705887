"""Shared fixtures: real servers, a database on SQLite and on PostgreSQL, settings per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailbox_ingest.config import Settings, settings_from_dict
from store.db import Database
from testkit.servers.fixtures import *  # noqa: F403 - the server fixtures
from testkit.servers.fixtures import require_server
from testkit.servers.postgres import temporary_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database URL: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.sqlite3"
        return
    try:
        with temporary_database(prefix="mi_t") as url:
            yield url
    except Exception as exc:  # noqa: BLE001 - becomes fail in CI, skip elsewhere
        require_server("postgresql", repr(exc))


@pytest.fixture
def make_settings(tmp_path: Path, db_url: str) -> Callable[..., Settings]:
    """Build settings for a test: Maildir and .eml outbox under tmp_path, overrides merged."""

    def build(**sections: dict[str, Any]) -> Settings:
        data: dict[str, Any] = {
            "database": {"url": db_url},
            "mailbox": {"kind": "maildir", "path": str(tmp_path / "maildir")},
            "outgoing": {
                "kind": "directory",
                "path": str(tmp_path / "outbox"),
                "from": "enclaves@wse.test",
                "retry_base_s": 0.01,
            },
            "answers": {"authserv_id": "mx.wse.test", "letter_dir": str(tmp_path / "letters")},
            "web": {"enabled": False},
        }
        for name, values in sections.items():
            data.setdefault(name, {}).update(values)
        return settings_from_dict(data)

    return build


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A migrated database."""
    db = Database(db_url)
    yield db
    db.dispose()
