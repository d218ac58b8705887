"""messages: interruptions by the daemon's death counted apart from the mail's own failures

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add messages.interruptions and messages.attempt_started_at."""
    with op.batch_alter_table("messages") as batch:
        batch.add_column(
            sa.Column("interruptions", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("attempt_started_at", store.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("attempt_started_at")
        batch.drop_column("interruptions")
