"""Alembic environment: runs on the connection that claims.store.database hands over."""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import claims.store.models  # noqa: F401  (registers every table on SQLModel.metadata)

# "clms" in ASCII: with the schema's name, the PostgreSQL advisory lock that lets one process at a
# time migrate a schema (schemas of one database migrate independently).
MIGRATION_LOCK_KEY = 0x636C6D73

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through claims.store.database.open_store")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Several first runs at once would each CREATE the same tables (duplicate key on
        # pg_type). Held to the end of the transaction; the revision is read after it is taken,
        # so a process that waited finds the schema already at head and does nothing.
        # (SQLite needs none: the migration runs under BEGIN IMMEDIATE, one writer at a time.)
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(coalesce(current_schema(), '')))"),
            {"key": MIGRATION_LOCK_KEY},
        )
    context.run_migrations()
