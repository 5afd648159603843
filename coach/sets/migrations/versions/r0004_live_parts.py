"""A live session keeps the open and planned parts marked so far, so that a resumed meeting goes on with them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("live_sessions") as table:
        table.add_column(sa.Column("parts", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("live_sessions") as table:
        table.drop_column("parts")
