"""delivery: the send journal in the database, per-message claims

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create send_journal; add messages.claimed_by and messages.claim_expires_at."""
    op.create_table(
        "send_journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=255), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name=op.f("fk_send_journal_outbox_id_outbox")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_journal")),
    )
    op.create_index(op.f("ix_send_journal_outbox_id"), "send_journal", ["outbox_id"], unique=False)
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=255), nullable=True))
        batch.add_column(
            sa.Column("claim_expires_at", store.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Drop what upgrade added."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("claim_expires_at")
        batch.drop_column("claimed_by")
    op.drop_index(op.f("ix_send_journal_outbox_id"), table_name="send_journal")
    op.drop_table("send_journal")
