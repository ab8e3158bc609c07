"""Open the claims database: engine settings per backend, migrations, error translation."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError

from claims.errors import StoreError

from .url_secrets import hide_secrets, mask_url

DEFAULT_URL = "sqlite:///claims.db"
DB_ENV = "CLAIMS_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
# How long a writer waits for another writer before giving up.
BUSY_TIMEOUT_MS = 30_000


def database_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(DB_ENV) or DEFAULT_URL


def safe_url(url: str) -> str:
    """The URL as it may appear in a message: no password, no secret query parameter."""
    return mask_url(url)


def explain_db_error(exc: Exception, url: str) -> StoreError:
    """One line a user can act on, for a database error; the password stays hidden."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = message.lower()
    where = safe_url(url)
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        reason = "the database is read-only"
    elif "disk is full" in lowered or "no space left" in lowered or "database or disk is full" in lowered:
        reason = "the disk is full"
    elif "unable to open database" in lowered:
        reason = "cannot open the database file (does its folder exist and is it writable?)"
    elif "database is locked" in lowered:
        reason = "the database stayed locked by another writer"
    elif "connection refused" in lowered or "could not connect" in lowered or "connection failed" in lowered:
        reason = "cannot connect to the database server"
    else:
        # A driver may quote the connection string, or part of it, back.
        reason = hide_secrets(message, url)
    return StoreError(f"{where}: {reason}")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        try:
            # WAL lets readers go on while one process writes (FINDINGS: SQLite locking).
            cursor.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process
            # loses nothing committed, a power cut may lose the last commits but never
            # corrupts the file. Ingest commits once per article, so this is most of its cost.
            cursor.execute("PRAGMA synchronous = NORMAL")
        except Exception:  # read-only databases keep their journal mode
            pass
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        # A write that starts as a plain BEGIN fails with "database is locked" when it
        # upgrades under contention; BEGIN IMMEDIATE takes the write lock up front.
        if conn.get_execution_options().get("claims_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class Store:
    """An open claims database. `writing()` and `reading()` give transactions."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction: committed whole or not at all.

        A unique-constraint clash is raised as is: callers that race another writer
        (two ingests of the same text) decide what it means.
        """
        try:
            with self.engine.execution_options(claims_write=True).begin() as conn:
                yield conn
        except IntegrityError:
            raise
        except (OperationalError, DBAPIError) as exc:
            raise explain_db_error(exc, self.url) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except (OperationalError, DBAPIError) as exc:
            raise explain_db_error(exc, self.url) from exc

    def refresh_statistics(self, tables: Sequence[str]) -> None:
        """Let PostgreSQL see how large the tables an ingest writes have grown.

        Its planner chooses by table statistics, which autovacuum refreshes only now and then
        (and not at all where it is off): after a bulk ingest into an empty database the term
        index still looked empty, and each look-up scanned the whole table instead of its index
        (40 ms instead of 0.2 at 390,000 rows). SQLite plans by its indexes and needs nothing.
        """
        if self.dialect != "postgresql":
            return
        quote = self.engine.dialect.identifier_preparer.quote
        try:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE " + ", ".join(quote(table) for table in tables))
        except DBAPIError:
            pass  # a user who does not own the tables may not analyze them: the plan stays as it was

    def dispose(self) -> None:
        self.engine.dispose()


def _needs_upgrade(connection: Connection) -> bool:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    current = MigrationContext.configure(connection).get_current_revision()
    return current != head


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Connect to the database at `url` (default: CLAIMS_DB or ./claims.db) and bring its schema up to date."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{safe_url(url)}: not a database URL (expected e.g. sqlite:///claims.db)") from exc
    except ValueError as exc:  # SQLAlchemy reads the port with int(): "badport", or "[::1" cut short
        raise StoreError(f"{safe_url(url)}: not a database URL (its port must be a number)") from exc
    options: dict = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"{safe_url(url)}: folder {folder} does not exist")
        options["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **options)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise StoreError(f"{safe_url(url)}: no driver for this database ({exc.__class__.__name__})") from exc
    except (ValueError, TypeError) as exc:  # a driver option it cannot read, e.g. ?timeout=abc
        raise StoreError(f"{safe_url(url)}: cannot use this URL ({hide_secrets(str(exc), url)})") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    store = Store(url, engine)
    if migrate:
        try:
            with engine.connect() as conn:
                stale = _needs_upgrade(conn)
            if stale:
                with store.engine.execution_options(claims_write=True).begin() as conn:
                    command.upgrade(_alembic_config(conn), "head")
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            raise explain_db_error(exc, url) from exc
    return store
