"""Opening the cache, its schema migrations, and the one thread that does all database work.

`CacheDatabase` opens SQLite in WAL mode through a replaceable peewee database class and
migrates it to `SCHEMA_VERSION`. `DbWorker` runs every database call on one dedicated thread;
asyncio code awaits `worker.run(fn, ...)`, so no query ever runs on the event loop's thread.
Transactions begin IMMEDIATE; a call that meets another process's write lock is retried for
up to `LOCK_PATIENCE`, and SQLite failures leave the worker as coded errors (`storage_error`).
A cache in a folder that cannot be written opens read-only (`read_only=True`): no migration,
no pragma that writes, and any write refused. Given a `key`, every factory opens the file with
SQLCipher (`encryption`); a key that does not open it is `CACHE_KEY_WRONG`, never "damaged".
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

import peewee as pw
from playhouse.sqlcipher_ext import SqlCipherDatabase

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.storage import schema
from operator_desktop.storage.encryption import passphrase
from operator_desktop.storage.filevault import FileVault
from operator_desktop.storage.recovery import is_damage
from operator_desktop.storage.textsearch import stems_of

log = logging.getLogger("db")

P = ParamSpec("P")
R = TypeVar("R")

SCHEMA_VERSION = 6
FTS_TABLE = "message_fts"
# the customers' questions alone (incoming public messages, stemmed like `FTS_TABLE`), for
# suggested replies: bm25 over questions only, and each term's question count (`fts5vocab`)
QUESTION_FTS = "question_fts"
QUESTION_VOCAB = "question_fts_vocab"
INCOMING = 0  # core.types.MessageType.INCOMING (storage keeps to plain values here)


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


def _add_outbox_claims(db: pw.Database) -> None:
    """v3: who holds an outbox item's delivery attempt, so two processes never both send it."""
    table = schema.OutboxItem._meta.table_name
    have = {c.name for c in db.get_columns(table)}
    for name, kind in (("claimed_by", "TEXT"), ("claimed_at", "REAL")):
        if name not in have:
            db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {name} {kind}')  # type: ignore[no-untyped-call]


OLD_ATTACHMENT_PREVIEW = "\N{PAPERCLIP} "  # v1-v3 wrote "📎 audio" as the preview text


def _add_preview_attachment(db: pw.Database) -> None:
    """v4: a chat row's attachment kind is data (the window paints its icon), not an emoji."""
    table = schema.Conversation._meta.table_name
    if "last_message_attachment" not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN last_message_attachment TEXT')  # type: ignore[no-untyped-call]
    prefix = OLD_ATTACHMENT_PREVIEW
    db.execute_sql(  # type: ignore[no-untyped-call]
        f'UPDATE "{table}" SET last_message_attachment = substr(last_message_preview, ?),'
        " last_message_preview = '' WHERE substr(last_message_preview, 1, ?) = ?",
        (len(prefix) + 1, len(prefix), prefix),
    )


def _add_caught_up_at(db: pw.Database) -> None:
    """v5: when a conversation's newest messages were last fetched whole (catch-ups skip it)."""
    table = schema.Conversation._meta.table_name
    if "caught_up_at" not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN caught_up_at REAL')  # type: ignore[no-untyped-call]


def _create_question_index(db: pw.Database) -> None:
    """v6: the customers' questions indexed alone (suggested replies), filled in one statement
    from the stems `FTS_TABLE` already holds."""
    message = schema.Message._meta.table_name
    for sql in (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {QUESTION_FTS} USING fts5("
        "body, tokenize='unicode61 remove_diacritics 0')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {QUESTION_VOCAB}"
        f" USING fts5vocab({QUESTION_FTS}, 'row')",
        f"INSERT INTO {QUESTION_FTS}(rowid, body) SELECT f.rowid, f.body FROM {FTS_TABLE} f"
        f' JOIN "{message}" m ON m.id = f.rowid WHERE m.message_type = {INCOMING}'
        " AND NOT m.private AND NOT m.deleted AND f.body != ''",
    ):
        db.execute_sql(sql)  # type: ignore[no-untyped-call]


MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    1: _create_base_tables,
    2: _create_fts,
    3: _add_outbox_claims,
    4: _add_preview_attachment,
    5: _add_caught_up_at,
    6: _create_question_index,
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


class DatabaseFactory(Protocol):
    """Makes the (unopened) database of a cache file; `key` set: an SQLCipher one."""

    def __call__(self, path: str, key: str | None = None) -> pw.Database: ...


READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)

LOCK_PATIENCE = 30.0  # seconds a call retries while another process holds the write lock


def storage_error(exc: pw.DatabaseError | sqlite3.Error) -> OperatorError:
    """The coded error for an SQLite failure (the CLI and UI word it in one line)."""
    text = str(exc).lower()
    reason = exc.__context__
    if "no transaction is active" in text and isinstance(reason, pw.DatabaseError | sqlite3.Error):
        # SQLite rolled the transaction back itself (it does on a full disk): say why
        return storage_error(reason)
    if is_damage(exc):
        return OperatorError(ErrorCode.CACHE_DAMAGED, str(exc))
    if "locked" in text or "busy" in text:
        return OperatorError(ErrorCode.CACHE_BUSY, str(exc))
    if "full" in text:
        return OperatorError(ErrorCode.DISK_FULL, str(exc))
    if "readonly" in text or "read-only" in text:
        return OperatorError(ErrorCode.CACHE_READ_ONLY, str(exc))
    return OperatorError(ErrorCode.CACHE, str(exc))


def _database(path: str, key: str | None, **options: Any) -> pw.Database:
    if key is None:
        return pw.SqliteDatabase(path, **options)
    # the key goes first on every connection (SqlCipherDatabase sets it before the pragmas)
    database: pw.Database = SqlCipherDatabase(path, passphrase=passphrase(key), **options)
    return database


def sqlite_factory(path: str, key: str | None = None) -> pw.Database:
    # BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so it waits out
    # another process's writer (busy_timeout) instead of failing when it first writes.
    return _database(
        path,
        key,
        lock_type="IMMEDIATE",
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": "normal",
            "busy_timeout": 5000,
            "cache_size": -16000,
        },
        check_same_thread=False,
    )


def read_only_factory(path: str, key: str | None = None) -> pw.Database:
    """The cache opened for reading only (a read-only data folder or disk): SQLite's `mode=ro`
    writes nothing, and `query_only` refuses any write a caller might still try."""
    return _database(
        f"{Path(path).as_uri()}?mode=ro",
        key,
        uri=True,
        pragmas={"query_only": 1, "busy_timeout": 5000, "cache_size": -16000},
        check_same_thread=False,
    )


def immutable_factory(path: str, key: str | None = None) -> pw.Database:
    """For a WAL cache in a folder where SQLite cannot even create its shared-memory file:
    read the main file as it is (what a crash left in the -wal file is not seen)."""
    return _database(
        f"{Path(path).as_uri()}?mode=ro&immutable=1",
        key,
        uri=True,
        pragmas={"query_only": 1, "cache_size": -16000},
        check_same_thread=False,
    )


def is_writable(path: Path) -> bool:
    """Whether the cache at `path` and its folder can be written. `access()` also answers for
    root (a read-only mount, an immutable file), for whom permission bits do not count."""
    folder_ok = os.access(path.parent, os.W_OK) if path.parent.exists() else True
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def make_private(path: Path) -> None:
    """The cache holds customers' data: its folder is the owner's alone (0700), the database
    and its -wal/-shm files 0600 (SQLite gives those the database's mode). Existing ones are
    tightened by taking the group's and others' bits away (never by adding the owner's: a
    folder made read-only stays so); one that cannot be changed (not ours) is left as it is."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        for item in (
            folder,
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            if item.exists():
                mode = stat.S_IMODE(item.stat().st_mode)
                if mode & 0o077:
                    item.chmod(mode & 0o700)
    except OSError as exc:
        log.info("cannot tighten the permissions of %s: %s", folder, exc.strerror)


def key_error(exc: BaseException) -> OperatorError:
    """An encrypted cache that SQLCipher cannot read with the key it was given."""
    return OperatorError(ErrorCode.CACHE_KEY_WRONG, f"the key does not open the cache: {exc}")


class CacheDatabase:
    """The cache file, bound to the schema models and migrated on open; `key` set: encrypted
    with SQLCipher (`encrypted` says so, for the window to show). `files` keeps the attachment
    files beside it, sealed with a key derived from the same one."""

    def __init__(
        self,
        path: Path,
        factory: DatabaseFactory = sqlite_factory,
        *,
        migrate_to: int = SCHEMA_VERSION,
        read_only: bool = False,
        key: str | None = None,
    ) -> None:
        self.path = path
        self.files = FileVault.for_cache(path.parent / "files", key)
        self.read_only = read_only
        self.encrypted = key is not None
        if read_only:
            self.db = self._open_read_only(path, key)
            return
        try:
            make_private(path)
        except OSError as exc:
            code = ErrorCode.CACHE_READ_ONLY if exc.errno in READ_ONLY_ERRNOS else ErrorCode.CACHE
            raise OperatorError(code, f"{path.parent}: {exc.strerror}") from exc
        self.db = factory(str(path), key)
        schema.database_proxy.initialize(self.db)
        try:
            self.db.connect(reuse_if_open=True)
            migrate(self.db, migrate_to)
        except pw.DatabaseError as exc:
            self.db.close()
            error = storage_error(exc)
            if key is not None and "not a database" in str(exc).lower():
                raise key_error(exc) from exc
            if error.code is ErrorCode.CACHE:
                raise OperatorError(ErrorCode.CACHE, f"cannot open the cache: {exc}") from exc
            raise error from exc

    @staticmethod
    def _open_read_only(path: Path, key: str | None) -> pw.Database:
        """Read as it is: no migration (it would write), so only a current schema opens."""
        if not path.exists():
            raise OperatorError(ErrorCode.CACHE_READ_ONLY, f"{path} does not exist")
        wrong_key: pw.DatabaseError | None = None
        for factory in (read_only_factory, immutable_factory):
            db = factory(str(path), key)
            schema.database_proxy.initialize(db)
            try:
                db.connect(reuse_if_open=True)
                version = current_version(db)
            except pw.DatabaseError as exc:
                db.close()
                log.info("cannot read the cache with %s: %s", factory.__name__, exc)
                if key is not None and "not a database" in str(exc).lower():
                    wrong_key = exc
                continue
            if version != SCHEMA_VERSION:
                db.close()
                raise OperatorError(
                    ErrorCode.CACHE_READ_ONLY,
                    f"the cache has schema {version}, this app reads {SCHEMA_VERSION} and"
                    " cannot upgrade it in a read-only folder",
                )
            return db
        if wrong_key is not None:
            raise key_error(wrong_key)
        raise OperatorError(ErrorCode.CACHE, f"cannot read the cache {path}")

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


class DbWorker:
    """One thread for all database work; `run` awaits a call made on it."""

    def __init__(
        self,
        name: str = "db-writer",
        *,
        lock_patience: float = LOCK_PATIENCE,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.lock_patience = lock_patience
        self.on_damage = on_damage  # told when SQLite finds the file damaged
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
            deadline = time.monotonic() + self.lock_patience
            delay = 0.05
            while True:
                try:
                    return fn(*args, **kwargs)
                except pw.OperationalError as exc:
                    error = self._coded(exc)
                    if error.code is not ErrorCode.CACHE_BUSY or time.monotonic() > deadline:
                        raise error from exc
                    log.info("the cache is locked by another process; retrying")
                    time.sleep(delay)  # on the database thread, never the event loop's
                    delay = min(delay * 2, 1.0)
                except pw.DatabaseError as exc:
                    raise self._coded(exc) from exc

        return call

    def _coded(self, exc: pw.DatabaseError) -> OperatorError:
        error = storage_error(exc)
        if error.code is ErrorCode.CACHE_DAMAGED and self.on_damage is not None:
            self.on_damage()
        return error

    def on_worker_thread(self) -> bool:
        return threading.get_ident() == self._thread_ident

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)
