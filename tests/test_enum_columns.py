"""Enum columns: the same strings stored on SQLite and PostgreSQL, members read back, and the
0007 upgrade refuses a value that is not a member."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from mailbox_ingest.domain.enums import Classification, MessageState
from store.db import Database, alembic_config, make_engine
from store.models import Message, utcnow


def test_state_is_stored_as_its_value_and_read_as_member(db_url: str) -> None:
    """A message state goes in as the enum, is stored as its string, and comes back typed."""
    db = Database(db_url)
    with db.session() as s:
        s.add(
            Message(
                account="a",
                folder="INBOX",
                uidvalidity=1,
                uid="1",
                received_at=utcnow(),
                state=MessageState.PROCESSED,
                classification=Classification.OTHER,
                decisions=[],
            )
        )
    with db.engine.connect() as conn:
        raw = conn.execute(sa.text("SELECT state, classification FROM messages")).one()
    with db.session() as s:
        row = s.execute(sa.select(Message)).scalar_one()
        assert row.state is MessageState.PROCESSED
        assert row.classification is Classification.OTHER
    db.dispose()
    assert tuple(raw) == ("processed", "other")


def test_upgrade_refuses_an_unknown_stored_kind(db_url: str) -> None:
    """A kind no enum knows stops the 0007 upgrade, naming the table, column and value."""
    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.execute(
            sa.text(
                "INSERT INTO organisations (enterprise_number, name, kind, email_domains) "
                "VALUES ('0456.789.034', 'De Ploeg vzw', 'limbo', '[]')"
            )
        )
    with engine.begin() as conn, pytest.raises(RuntimeError, match=r"organisations\.kind.*'limbo'"):
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    engine.dispose()
