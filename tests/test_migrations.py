"""Database migrations: the models and the migration chain agree, and upgrades keep data."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from store.db import Database, alembic_config, make_engine
from store.models import Base


def test_migrations_produce_exactly_the_models(db_url: str) -> None:
    """After `upgrade head` autogenerate finds nothing to change (no model left unmigrated)."""
    db = Database(db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_upgrade_from_the_first_revision_keeps_the_rows(db_url: str) -> None:
    """A database made by revision 0001 upgrades to head with its rows intact."""
    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            sa.text(
                "INSERT INTO organisations (enterprise_number, name, kind, email_domains) "
                "VALUES ('0456.789.034', 'De Ploeg vzw', 'maatwerkbedrijf', '[]')"
            )
        )
    engine.dispose()
    db = Database(db_url)  # applies the pending migrations, as the daemon does on start
    with db.engine.connect() as conn:
        names = conn.execute(sa.text("SELECT name FROM organisations")).scalars().all()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("outbox")}
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    db.dispose()
    assert names == ["De Ploeg vzw"]
    assert "claimed_at" in columns
    assert version == ScriptDirectory.from_config(cfg).get_current_head()


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    """Running the migrations again on an up-to-date database changes nothing."""
    Database(db_url).dispose()
    Database(db_url).dispose()
