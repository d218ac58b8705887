"""states, kinds and reasons read as enums; stored strings and column sizes unchanged

The status, kind and reason columns become `store.models.enum_type` columns: still
VARCHAR of the same length on every database (no native ENUM, no CHECK constraint), read back
as enum members. Nothing in the schema changes; the upgrade checks that every stored value is
a member of its enum, because an unknown value could not be read back, and names the first
one it finds instead.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _enum_columns() -> list[tuple[str, str, list[str]]]:
    """(table, column, allowed values) of every enum column of the models."""
    out = []
    for table in store.models.Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                out.append((table.name, column.name, list(column.type.enums)))
    return out


def upgrade() -> None:
    """Refuse to go on when a stored value is not a member of its column's enum."""
    conn = op.get_bind()
    for table, column, allowed in _enum_columns():
        col: sa.ColumnClause[str] = sa.column(column)
        query = (
            sa.select(col)
            .select_from(sa.table(table, col))
            .where(col.is_not(None), col.not_in(allowed))
            .limit(1)
        )
        bad = conn.execute(query).scalar()
        if bad is not None:
            raise RuntimeError(
                f"{table}.{column} holds {bad!r}, which is not one of {', '.join(allowed)}; "
                "correct the row, then upgrade again"
            )


def downgrade() -> None:
    """Nothing to undo: the schema did not change."""
