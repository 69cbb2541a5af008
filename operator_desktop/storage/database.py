"""Opening the cache, its schema migrations, and the one thread that does all database work.

`CacheDatabase` opens SQLite in WAL mode through a replaceable peewee database class and
migrates it to `SCHEMA_VERSION`. `DbWorker` runs every database call on one dedicated thread;
asyncio code awaits `worker.run(fn, ...)`, so no query ever runs on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ParamSpec, TypeVar

import peewee as pw

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.storage import schema
from operator_desktop.storage.textsearch import stems_of

log = logging.getLogger("db")

P = ParamSpec("P")
R = TypeVar("R")

SCHEMA_VERSION = 2
FTS_TABLE = "message_fts"


def _create_base_tables(db: pw.Database) -> None:
    db.create_tables(schema.ALL_MODELS)


def _create_fts(db: pw.Database) -> None:
    """v2: the stemmed full-text index (see `textsearch`), backfilled from cached messages."""
    db.execute_sql(  # type: ignore[no-untyped-call]
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "body, sender, contact, tokenize='unicode61 remove_diacritics 0')"
    )
    contacts = {
        (c.__data__["server"], c.account_id, c.display_id): c.contact_name
        for c in schema.Conversation.select(
            schema.Conversation.server,
            schema.Conversation.account_id,
            schema.Conversation.display_id,
            schema.Conversation.contact_name,
        )
    }
    rows = []
    for msg in schema.Message.select():
        contact = contacts.get((msg.__data__["server"], msg.account_id, msg.conversation_id), "")
        rows.append((msg.id, stems_of(msg.content), stems_of(msg.sender_name), stems_of(contact)))
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        placeholders = ",".join("(?,?,?,?)" for _ in chunk)
        flat = [v for row in chunk for v in row]
        db.execute_sql(  # type: ignore[no-untyped-call]
            f"INSERT INTO {FTS_TABLE}(rowid, body, sender, contact) VALUES {placeholders}", flat
        )


MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    1: _create_base_tables,
    2: _create_fts,
}


def current_version(db: pw.Database) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = schema.SchemaVersion.select().order_by(schema.SchemaVersion.version.desc()).first()
    return int(row.version) if row is not None else 0


def migrate(db: pw.Database, target: int = SCHEMA_VERSION) -> int:
    """Apply every missing migration up to `target`, each in its own transaction."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise OperatorError(
            ErrorCode.CACHE, f"cache schema {version} is newer than this app ({SCHEMA_VERSION})"
        )
    while version < target:
        step = version + 1
        with db.atomic():
            MIGRATIONS[step](db)
            schema.SchemaVersion.delete().execute()
            schema.SchemaVersion.create(version=step)
        log.info("cache migrated to schema %d", step)
        version = step
    return version


DatabaseFactory = Callable[[str], pw.Database]


def sqlite_factory(path: str) -> pw.Database:
    return pw.SqliteDatabase(
        path,
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": "normal",
            "busy_timeout": 5000,
            "cache_size": -16000,
        },
        check_same_thread=False,
    )


class CacheDatabase:
    """The cache file, bound to the schema models and migrated on open."""

    def __init__(
        self,
        path: Path,
        factory: DatabaseFactory = sqlite_factory,
        *,
        migrate_to: int = SCHEMA_VERSION,
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.files_dir = path.parent / "files"
        self.db = factory(str(path))
        schema.database_proxy.initialize(self.db)
        try:
            self.db.connect(reuse_if_open=True)
            migrate(self.db, migrate_to)
        except pw.DatabaseError as exc:
            raise OperatorError(ErrorCode.CACHE, f"cannot open the cache: {exc}") from exc

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


class DbWorker:
    """One thread for all database work; `run` awaits a call made on it."""

    def __init__(self, name: str = "db-writer") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread_ident: int | None = None

    def call(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Synchronous call on the worker thread (for CLI code outside an event loop)."""
        return self._executor.submit(self._bound(fn, *args, **kwargs)).result()

    async def run(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        future = self._executor.submit(self._bound(fn, *args, **kwargs))
        return await asyncio.wrap_future(future, loop=loop)

    def _bound(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Callable[[], R]:
        def call() -> R:
            self._thread_ident = threading.get_ident()
            return fn(*args, **kwargs)

        return call

    def on_worker_thread(self) -> bool:
        return threading.get_ident() == self._thread_ident

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)
