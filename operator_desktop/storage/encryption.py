"""The cache file encrypted with SQLCipher, and switching a cache file between plain and encrypted.

An encrypted cache is opened through `sqlcipher3` (peewee's `SqlCipherDatabase`) with a raw
256-bit key (`PRAGMA key = "x'…'"`, no key derivation); SQLCipher then encrypts every page of
the database, its WAL and its journal, the FTS5 index included. The key itself comes from the
caller (`services` keeps it in the OS keyring) and is never logged.

`convert` switches a cache file either way with SQLCipher's documented `sqlcipher_export()`:
the file is copied through `ATTACH … KEY` into a temporary file beside it, the copy is verified
(`PRAGMA integrity_check` and the row count of every table), and only then replaces the file.
The switch needs the cache to itself: leaving WAL mode fails while another process has the file
open, and is reported as `CACHE_BUSY` before anything was written. The replaced file is emptied
before it goes, so no plaintext copy is left behind (not even in a process still holding it).
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from operator_desktop.core.errors import ErrorCode, OperatorError

log = logging.getLogger("db")

PLAIN_HEADER = b"SQLite format 3\x00"  # what every unencrypted SQLite file begins with
KEY_HEX = re.compile(r"[0-9a-f]{64}")
SIDE_FILES = ("-wal", "-shm", "-journal")
WINDOWS = sys.platform == "win32"

SqlCipherError = sqlcipher.Error  # shares no base class with the standard `sqlite3.Error`
Progress = Callable[[str], None]  # told each stage of a switch, in words (never the key)


def _quiet_library() -> None:
    """SQLCipher writes its own errors (a failed page check) to stderr by default; the app
    reports them as coded errors instead, so the library's log is switched off (process-wide)."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet_library()


class FileState(enum.Enum):
    MISSING = "missing"  # no file yet, or an empty one: a new cache
    PLAIN = "plain"  # an unencrypted SQLite file
    OPAQUE = "opaque"  # not an SQLite header: encrypted (or not a database at all)


def file_state(path: Path) -> FileState:
    """What the file at `path` is, from its first 16 bytes (an encrypted file starts with
    its random salt, a plain one with SQLite's header)."""
    try:
        with path.open("rb") as file:
            head = file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return FileState.MISSING
    if not head:
        return FileState.MISSING
    return FileState.PLAIN if head == PLAIN_HEADER else FileState.OPAQUE


def key_literal(key: str) -> str:
    """The SQL literal of a raw key (`"x'…'"`); refuses anything but 64 hex digits, so a key
    can never change the statement it is put in."""
    if not KEY_HEX.fullmatch(key):
        raise OperatorError(ErrorCode.CACHE_KEY_WRONG, "the cache key is not 64 hex digits")
    return f"\"x'{key}'\""


def passphrase(key: str) -> str:
    """The key as `SqlCipherDatabase`'s passphrase (it quotes it itself)."""
    key_literal(key)
    return f"x'{key}'"


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def connect(path: Path, key: str | None, *, uri: str | None = None, timeout: float = 5.0) -> Any:
    """A raw SQLCipher connection (the key set first, as SQLCipher requires)."""
    conn = sqlcipher.connect(uri or str(path), isolation_level=None, timeout=timeout, uri=bool(uri))
    try:
        if key is not None:
            conn.execute(f"PRAGMA key = {key_literal(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is checked here
    except BaseException:
        conn.close()
        raise
    return conn


def table_counts(conn: Any, schema_name: str = "main") -> dict[str, int]:
    """Rows of every table (the FTS index and its shadow tables included)."""
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema_name}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM {schema_name}."{name}"').fetchone()[0])
        for name in names
    }


def _fail(exc: BaseException) -> OperatorError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return OperatorError(
            ErrorCode.CACHE_BUSY, "another process has the cache open; close it and try again"
        )
    if "full" in text:
        return OperatorError(ErrorCode.DISK_FULL, str(exc))
    if "not a database" in text:
        return OperatorError(ErrorCode.CACHE_KEY_WRONG, "the cache cannot be decrypted")
    return OperatorError(ErrorCode.CACHE, f"the cache could not be switched: {exc}")


def convert(
    path: Path,
    *,
    key_from: str | None,
    key_to: str | None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Rewrite the cache at `path` encrypted with `key_to` (plain when None), from a file that
    opens with `key_from` (plain when None). Returns the verified row counts. On any failure
    the original file is left as it was and the temporary copy removed."""
    say = progress or (lambda _stage: None)
    target = path.with_name(path.name + ".switching")
    for leftover in (target, *side_files(target)):  # of a switch that was cut short
        leftover.unlink(missing_ok=True)
    try:
        source = connect(path, key_from, timeout=2.0)
    except sqlcipher.Error as exc:
        raise _fail(exc) from exc
    replaced = False
    try:
        try:
            say("locking the cache")
            # Out of WAL mode, holding the file: fails while any other process has it open.
            source.execute("PRAGMA locking_mode = EXCLUSIVE")
            mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise OperatorError(ErrorCode.CACHE_BUSY, "the cache stays in WAL mode")
            source.execute("BEGIN EXCLUSIVE")
            source.execute("COMMIT")  # the exclusive lock stays (locking_mode)
            counts = table_counts(source)
            say("copying the cache")
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
            new_key = key_literal(key_to) if key_to is not None else "''"
            source.execute(f"ATTACH DATABASE ? AS switched KEY {new_key}", (str(target),))
            try:
                source.execute("SELECT sqlcipher_export('switched')")
            finally:
                source.execute("DETACH DATABASE switched")
            say("verifying the copy")
            _verify(target, key_to, counts)
            say("replacing the cache")
            for side in side_files(path)[:2]:  # gone with WAL mode; no process can have them
                side.unlink(missing_ok=True)
            if WINDOWS:  # an open file cannot be replaced there: let go of it first
                source.close()
            _replace(path, target)
            replaced = True
        except sqlcipher.Error as exc:
            raise _fail(exc) from exc
        except OSError as exc:
            code = ErrorCode.DISK_FULL if exc.errno == errno.ENOSPC else ErrorCode.CACHE
            raise OperatorError(code, f"the cache could not be switched: {exc.strerror}") from exc
    finally:
        source.close()
        if not replaced:
            for leftover in (target, *side_files(target)):
                leftover.unlink(missing_ok=True)
    # the old file's rollback journal (never the new file's WAL: another process may have
    # opened the new file by now)
    path.with_name(path.name + "-journal").unlink(missing_ok=True)
    say("done")
    log.info("the cache is now %s (%d tables)", "encrypted" if key_to else "plain", len(counts))
    return counts


def _verify(target: Path, key: str | None, counts: dict[str, int]) -> None:
    conn = connect(target, key)
    try:
        check = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            raise OperatorError(ErrorCode.CACHE, f"the copy failed its check: {check[:3]}")
        got = table_counts(conn)
        if got != counts:
            differ = sorted(n for n in counts.keys() | got.keys() if counts.get(n) != got.get(n))
            raise OperatorError(ErrorCode.CACHE, f"the copy lost rows in {', '.join(differ)}")
    finally:
        conn.close()
    with target.open("rb+") as file:
        os.fsync(file.fileno())


def _replace(path: Path, target: Path) -> None:
    """Put `target` in place of `path` atomically; the old file is emptied after (also for a
    process that still has it open), so that its content does not outlive the switch. (On
    Windows no process can have it open at that point: it is replaced as it is.)"""
    if WINDOWS:
        os.replace(target, path)
        return
    with path.open("rb+") as old:
        os.replace(target, path)
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        old.truncate(0)
        old.flush()
        os.fsync(old.fileno())
