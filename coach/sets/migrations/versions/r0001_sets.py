"""Sets, their saved sessions, and label corrections.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sets",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner", "name", name="uq_sets_owner_name"),
    )
    op.create_index("ix_sets_owner", "sets", ["owner"])
    op.create_table(
        "set_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("set_id", sa.String(32), sa.ForeignKey("sets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("presenter", sa.String(200), nullable=True),
        sa.Column("facilitator", sa.String(200), nullable=True),
        sa.Column("model", sa.JSON(), nullable=False),
        sa.Column("utterances", sa.JSON(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("report_back", sa.JSON(), nullable=False),
    )
    op.create_index("ix_set_sessions_set_id", "set_sessions", ["set_id"])
    op.create_index("ix_set_sessions_created_at", "set_sessions", ["created_at"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("set_sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("utterance_index", sa.Integer(), nullable=False),
        sa.Column("previous_label", sa.String(32), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_corrections_session_id", "corrections", ["session_id"])


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_table("set_sessions")
    op.drop_table("sets")
