"""Alembic's environment: runs the migrations on the connection that ``coach.sets.database.upgrade`` hands over."""

from __future__ import annotations

from alembic import context

from coach.sets.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
