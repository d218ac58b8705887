"""trust: termination proposals, duplicate messages pointing at their original, retry history

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add termination_proposals, messages.duplicate_of_id and messages.history."""
    op.create_table(
        "termination_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("proposed_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("notice", sa.Text(), nullable=True),
        sa.Column("created_at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", store.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_termination_proposals_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_termination_proposals_message_id_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_termination_proposals")),
        sa.UniqueConstraint(
            "message_id", "contract_id", name=op.f("uq_termination_proposals_message_id")
        ),
    )
    for column in ("message_id", "contract_id", "state"):
        op.create_index(
            op.f(f"ix_termination_proposals_{column}"), "termination_proposals", [column]
        )
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("history", sa.JSON(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_messages_duplicate_of_id_messages"), "messages", ["duplicate_of_id"], ["id"]
        )


def downgrade() -> None:
    """Drop what upgrade added."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint(op.f("fk_messages_duplicate_of_id_messages"), type_="foreignkey")
        batch.drop_column("history")
        batch.drop_column("duplicate_of_id")
    op.drop_table("termination_proposals")
