"""Many rows of one table in one round trip, through the database driver."""

from __future__ import annotations

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

# What each driver's paramstyle writes for a named value, and whether it takes the row as a dict.
_MARKS = {"qmark": ("?", False), "format": ("%s", False), "pyformat": ("%({})s", True), "named": (":{}", True)}


def insert_rows(conn: Connection, table: Table, rows: list[dict], *, on_conflict: str = "") -> None:
    """INSERT every row (dicts with the same keys, plain values) into `table`.

    SQLAlchemy's executemany turns each row into bound parameters in Python, which cost more than
    the database's own work on an ingest's tens of thousands of claims; the values here are
    already what the driver takes (text, numbers, booleans, None), so they go to it as they are.
    """
    if not rows:
        return
    mark = _MARKS.get(conn.dialect.paramstyle)
    if mark is None:  # a driver we have not met: let SQLAlchemy do it
        if on_conflict:
            raise ValueError(f"no upsert for the {conn.dialect.paramstyle} paramstyle")
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    pattern, by_name = mark
    quote = conn.dialect.identifier_preparer.quote
    statement = "INSERT INTO {} ({}) VALUES ({}){}".format(
        quote(table.name),
        ", ".join(quote(column) for column in columns),
        ", ".join(pattern.format(column) for column in columns),
        on_conflict,
    )
    values = rows if by_name else [tuple(row[column] for column in columns) for row in rows]
    conn.exec_driver_sql(statement, values)


def upsert_rows(conn: Connection, table: Table, rows: list[dict], *, key: str, add: str) -> None:
    """INSERT the rows; where `key` is taken already, add the row's `add` to the stored one.

    SQLite (3.24 and later) and PostgreSQL write this the same way."""
    quote = conn.dialect.identifier_preparer.quote
    stored, added = f"{quote(table.name)}.{quote(add)}", f"excluded.{quote(add)}"
    conflict = f" ON CONFLICT ({quote(key)}) DO UPDATE SET {quote(add)} = {stored} + {added}"
    insert_rows(conn, table, rows, on_conflict=conflict)
