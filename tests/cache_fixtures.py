"""Fixtures for tests of the cache itself: a database thread and a fresh cache on it.

Import them into a test module (`from tests.cache_fixtures import cache, worker`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import CacheDatabase, DbWorker


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


@pytest.fixture
def cache(worker: DbWorker, tmp_path: Path) -> Cache:
    return worker.call(lambda: Cache(CacheDatabase(tmp_path / "cache.sqlite3")))
