"""review web UI: contract version and soft lock, postponement, login throttle, sessions

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _ts(name: str) -> sa.Column[object]:
    return sa.Column(name, store.models.UTCDateTime(timezone=True), nullable=True)


def upgrade() -> None:
    """Add the review columns to contracts and users, and the web_sessions table."""
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("locked_by", sa.String(100), nullable=True))
        batch.add_column(_ts("locked_until"))
        batch.add_column(_ts("postponed_at"))
        batch.add_column(sa.Column("assigned_to", sa.String(100), nullable=True))
        batch.create_index("ix_contracts_assigned_to", ["assigned_to"])
        batch.create_index("ix_contracts_status_received_at", ["status", "received_at"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(_ts("locked_until"))
    op.create_table(
        "web_sessions",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_web_sessions_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_sha256", name="pk_web_sessions"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("web_sessions")
    with op.batch_alter_table("users") as batch:
        for name in ("locked_until", "failed_logins", "active"):
            batch.drop_column(name)
    with op.batch_alter_table("contracts") as batch:
        batch.drop_index("ix_contracts_assigned_to")
        batch.drop_index("ix_contracts_status_received_at")
        for name in ("assigned_to", "postponed_at", "locked_until", "locked_by", "version"):
            batch.drop_column(name)
