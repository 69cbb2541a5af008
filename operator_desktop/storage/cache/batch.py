"""Set-based SQL for the cache's hot writes: one statement per batch, not an ORM call per row.

Peewee builds a query object per call, which cost most of the time of a sync (issue 11's
profile: 78% of ingest in query building, eight statements per message). The writes that run
per page or per event therefore use plain statements prepared once here and run with
`executemany` or with one `IN (…)` list per chunk of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

CHUNK = 400  # rows per batch: its `IN (…)` lists stay far below SQLite's 32,766 parameters


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`?,?,…` for an `IN (…)` list or a VALUES row."""
    return ",".join("?" * count)


def upsert_statement(
    table: str,
    columns: Sequence[str],
    conflict: Sequence[str],
    updates: Iterable[str] | Mapping[str, str],
) -> str:
    """`INSERT … ON CONFLICT (conflict) DO UPDATE SET …` for one row of `columns`.

    `updates` names the columns an existing row takes from the new one (`excluded.<col>`), or
    maps a column to its own SQL expression (for example keeping a value the new row lacks).
    """
    assignments = (
        [f"{col} = {expr}" for col, expr in updates.items()]
        if isinstance(updates, Mapping)
        else [f"{col} = excluded.{col}" for col in updates]
    )
    return (
        f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks(len(columns))})'
        f" ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {', '.join(assignments)}"
    )
