"""Rebuilding a damaged cache, keeping what only this machine has.

A cache file SQLite calls "not a database" or "malformed" is moved aside (with its -wal and
-shm files) as `cache.sqlite3.damaged-<UTC time>`, owner-only like the cache, and a fresh
cache is made. Everything the server holds comes back with the next sync; what exists only
here is salvaged first, table by table, from whatever of the damaged file still reads: the
sign-ins (servers and accounts), unsent outbox items and drafts. A damage found later, while
the app runs, leaves a marker (`cache.sqlite3.rebuild`) so that the next start rebuilds.
An encrypted cache is salvaged with its key; one that cannot be decrypted at all is set aside
only when the user asks for a rebuild (nothing of it can be salvaged then).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from operator_desktop.storage import schema as s
from operator_desktop.storage.encryption import SqlCipherError
from operator_desktop.storage.encryption import connect as sqlcipher_connect

log = logging.getLogger("db")

# SQLITE_NOTADB and SQLITE_CORRUPT as Python's sqlite3 words them (not any "malformed": a
# bad MATCH expression is "malformed MATCH expression", and the file is fine)
DAMAGE_MARKERS = (
    "file is not a database",
    "database disk image is malformed",
    "malformed database schema",
)
# what only this machine knows, in the order it is restored (later tables refer to servers)
SALVAGED: tuple[tuple[type[s.BaseModel], str], ...] = (
    (s.Server, ""),
    (s.Account, ""),
    (s.OutboxItem, "WHERE state != 'sent'"),
    (s.Draft, ""),
)


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error says that the file itself is damaged."""
    text = str(exc).lower()
    return any(marker in text for marker in DAMAGE_MARKERS)


def rebuild_marker(path: Path) -> Path:
    return path.with_name(path.name + ".rebuild")


def mark_for_rebuild(path: Path) -> None:
    """Damage met while running: the next open rebuilds (the open file stays in use)."""
    try:
        rebuild_marker(path).touch(mode=0o600)
    except OSError as exc:
        log.warning("cannot mark the damaged cache for a rebuild: %s", exc.strerror)


@dataclass
class Rebuilt:
    """What a rebuild did: where the damaged copy is, and how many rows were kept."""

    damaged_copy: Path
    kept: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict, repr=False)


def set_aside(path: Path, key: str | None = None) -> Rebuilt:
    """Move the damaged cache aside and read what can be kept from it (with `key`, if it is
    encrypted)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    damaged = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            os.replace(part, damaged.with_name(damaged.name + suffix))
            damaged.with_name(damaged.name + suffix).chmod(0o600)
    rebuild_marker(path).unlink(missing_ok=True)
    rebuilt = Rebuilt(damaged)
    rebuilt.rows = _salvage(damaged, key)
    rebuilt.kept = {table: len(rows) for table, rows in rebuilt.rows.items()}
    log.info("the cache was damaged: set aside as %s, kept %s", damaged.name, rebuilt.kept)
    return rebuilt


def _salvage(damaged: Path, key: str | None) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    uri = f"{damaged.as_uri()}?mode=ro"
    try:
        if key is None:
            conn = sqlite3.connect(uri, uri=True)
        else:
            conn = sqlcipher_connect(damaged, key, uri=uri)
    except (sqlite3.Error, SqlCipherError) as exc:
        log.info("nothing could be read from the damaged cache: %s", exc)
        return out
    try:
        for model, where in SALVAGED:
            table = model._meta.table_name
            try:
                cursor = conn.execute(f'SELECT * FROM "{table}" {where}')
                names = [d[0] for d in cursor.description]
                out[table] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            except (sqlite3.Error, SqlCipherError) as exc:
                log.info("could not read %s from the damaged cache: %s", table, exc)
    finally:
        conn.close()
    return out


def restore(db: pw.Database, rebuilt: Rebuilt) -> None:
    """Write the salvaged rows into the fresh cache (columns it no longer has are dropped;
    a row that does not fit is skipped, never the whole restore)."""
    with db.atomic():
        for model, _where in SALVAGED:
            table = model._meta.table_name
            columns = {f.column_name for f in model._meta.sorted_fields}
            for row in rebuilt.rows.get(table, []):
                values = {k: v for k, v in row.items() if k in columns}
                try:
                    with db.atomic():
                        model.insert(**_by_field(model, values)).execute()
                except pw.DatabaseError as exc:
                    log.info("skipped a salvaged %s row: %s", table, exc)
                    rebuilt.kept[table] -= 1


def _by_field(model: type[s.BaseModel], values: dict[str, object]) -> dict[str, object]:
    """Column names (`server_id`) to peewee field names (`server`)."""
    by_column = {f.column_name: f.name for f in model._meta.sorted_fields}
    return {by_column[column]: value for column, value in values.items()}
