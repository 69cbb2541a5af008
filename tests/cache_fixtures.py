"""Fixtures for tests of the cache itself: a database thread and a fresh cache on it.

Import them into a test module (`from tests.cache_fixtures import cache, worker`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from operator_desktop.services import cachekeys
from operator_desktop.services.secrets import TokenStore
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import CacheDatabase, DbWorker
from operator_desktop.storage.encryption import SqlCipherError
from operator_desktop.storage.encryption import connect as sqlcipher_connect

RAW_ERRORS = (sqlite3.Error, SqlCipherError)  # what a raw connection of either kind raises


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


@pytest.fixture
def cache(worker: DbWorker, tmp_path: Path) -> Cache:
    return worker.call(lambda: Cache(CacheDatabase(tmp_path / "cache.sqlite3")))


def raw_connection(
    path: Path, *, tokens: TokenStore | None = None, read_only: bool = False, timeout: float = 5.0
) -> Any:
    """A plain DB-API connection to a cache file, as another process would open it: with the
    key that `tokens` (default: the OS keyring) keeps for its folder when it is encrypted."""
    uri = f"{path.as_uri()}?mode=ro" if read_only else None
    if not cachekeys.is_encrypted(path.parent, path):
        return sqlite3.connect(
            uri or str(path),
            uri=bool(uri),
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
        )
    key = cachekeys.existing_key(path.parent, tokens or TokenStore())
    return sqlcipher_connect(path, key, uri=uri, timeout=timeout)
