"""`CacheBase`: the cache's database, server ids and the account scope every query uses.

The entity modules build on it in one line (accounts < drafts < messages < conversations <
outbox < search < stats < suggestions), each seeing what it needs of the ones before; `Cache`
is the last.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

import peewee as pw

from operator_desktop.core.changes import AccountKey
from operator_desktop.storage import schema as s
from operator_desktop.storage.database import CacheDatabase

log = logging.getLogger("db")

PREVIEW_LENGTH = 200
# sqlite3's exceptions raised as peewee's (what `execute_sql` does), so that the database
# thread's retry and error coding see a raw cursor's failures too
SQLITE_ERRORS_AS_PEEWEE: Any = pw.__exception_wrapper__  # type: ignore[attr-defined]
BATCH_ROWS = 100  # rows per multi-row INSERT (SQLite allows 32,766 parameters)


def dumps_json(value: Any) -> str:
    """JSON text for a JSON column (stable key order, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class CacheBase:
    def __init__(self, database: CacheDatabase) -> None:
        self.database = database
        self.db = database.db
        self._server_ids: dict[str, int] = {}

    def server_id(self, url: str, *, create: bool = True) -> int:
        if url in self._server_ids:
            return self._server_ids[url]
        row = s.Server.get_or_none(s.Server.url == url)
        if row is None:
            if not create:
                raise KeyError(url)
            row = s.Server.create(url=url)
        self._server_ids[url] = int(row.id)
        return int(row.id)

    def _sql(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = self.db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
        return cursor

    def _executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            with SQLITE_ERRORS_AS_PEEWEE:
                self.db.cursor().executemany(sql, rows)  # type: ignore[no-untyped-call]

    def scoped(self, model: type[s.AccountScoped], key: AccountKey) -> pw.Expression:
        sid = self.server_id(key.server_url)
        return (model.server == sid) & (model.account_id == key.account_id)
