"""Live sessions in the database, so that they resume on any server process and after a restart.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("presenter", sa.String(200), nullable=True),
        sa.Column("facilitator", sa.String(200), nullable=True),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("last_speaker", sa.String(200), nullable=True),
        sa.Column("last_nudge_at", sa.Float(), nullable=True),
        sa.Column("declared", sa.JSON(), nullable=False),
        sa.Column("connections", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_live_sessions_owner", "live_sessions", ["owner"])
    op.create_index("ix_live_sessions_updated_at", "live_sessions", ["updated_at"])
    op.create_table(
        "live_utterances",
        sa.Column("session_id", sa.String(32), sa.ForeignKey("live_sessions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("utterance", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("live_utterances")
    op.drop_table("live_sessions")
