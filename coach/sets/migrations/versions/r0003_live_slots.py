"""A live session keeps the presenters' slots marked so far and the meeting's mode, so that a resumed meeting goes on
with them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("live_sessions") as table:
        table.add_column(sa.Column("slots", sa.JSON(), nullable=False, server_default="[]"))
        table.add_column(sa.Column("mode", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("live_sessions") as table:
        table.drop_column("mode")
        table.drop_column("slots")
