"""outbox: when a row was claimed, so only stale claims are reconciled

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add outbox.claimed_at."""
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("claimed_at", store.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Drop outbox.claimed_at."""
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("claimed_at")
