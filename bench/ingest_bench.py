"""Ingest benchmark: the sync engine's persistence path vs raw `sqlite3.executemany`.

Both sides start from the same cache file holding the dataset's conversations (stored by
`Cache.upsert_conversations`, untimed) and write the same message pages — each conversation's
`before` pages of 20, parsed from the JSON a Chatwoot server sends (`bench/dataset.py`):

- **project**: `Cache.upsert_messages(key, page)`, one call (one transaction) per page, exactly
  what `SyncEngine.load_older` / `fetch_latest_messages` run on the database thread;
- **baseline**: a bare `sqlite3` connection with the same pragmas, one transaction per page:
  `executemany` of the page's rows into the same `message` table, its stemmed rows into the same
  FTS5 index, its attachments, and one `UPDATE` of the conversation's preview.

Parsing (JSON objects → `Message`) is timed on its own and is the same for both. The printed
ratio is project/baseline throughput; the target (issue 11) is ≥ 0.5.

    .venv/bin/python bench/ingest_bench.py                 # 10,000 conversations, 200,000 messages
    .venv/bin/python bench/ingest_bench.py --conversations 500
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dataset import Dataset
from bench.table import Row, add_json_option, write_rows
from operator_desktop.core import parse
from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import FTS_TABLE, CacheDatabase
from operator_desktop.storage.textsearch import stems_of

SERVER = "https://chat.example.com"
KEY = AccountKey(SERVER, 1)
TARGET_RATIO = 0.5


@dataclass(frozen=True)
class Result:
    seconds: float
    messages: int

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else float("inf")


def parsed_pages(data: Dataset) -> tuple[list[list[t.Message]], float]:
    started = time.perf_counter()
    pages = [
        [parse.message(o) for o in parse.root(page).listing("payload")]
        for page in data.message_pages()
    ]
    return pages, time.perf_counter() - started


def seed_cache(path: Path, data: Dataset) -> None:
    """The cache after the conversation list was synced: every conversation, no messages (the
    list items' last messages are left out, so that both sides insert every message)."""
    from bench.startup_bench import profile

    database = CacheDatabase(path)
    cache = Cache(database)
    cache.save_sign_in(SERVER, profile(), [1])
    for page in data.list_pages():
        bare = [{**o, "messages": [], "last_non_activity_message": None} for o in page]
        convs = [parse.conversation(parse.root(o), 1) for o in bare]
        cache.upsert_conversations(KEY, convs)
    database.close()


def project_ingest(path: Path, pages: list[list[t.Message]]) -> Result:
    database = CacheDatabase(path)
    cache = Cache(database)
    started = time.perf_counter()
    for page in pages:
        cache.upsert_messages(KEY, page)
    seconds = time.perf_counter() - started
    database.close()
    return Result(seconds, sum(len(p) for p in pages))


MESSAGE_COLUMNS = (
    "id, server_id, account_id, message_id, conversation_id, inbox_id, content, message_type,"
    " content_type, status, private, created_at, updated_at, sender_kind, sender_id,"
    " sender_name, echo_id, content_attributes, in_reply_to, deleted"
)


def raw_ingest(path: Path, pages: list[list[t.Message]]) -> Result:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=normal", "cache_size=-16000"):
        conn.execute(f"PRAGMA {pragma}")
    sid = conn.execute("SELECT id FROM server WHERE url = ?", (SERVER,)).fetchone()[0]
    contacts = dict(
        conn.execute("SELECT display_id, contact_name FROM conversation WHERE account_id = 1")
    )
    next_id = (conn.execute("SELECT max(id) FROM message").fetchone()[0] or 0) + 1
    insert_message = f"INSERT INTO message ({MESSAGE_COLUMNS}) VALUES ({','.join('?' * 20)})"
    insert_fts = f"INSERT INTO {FTS_TABLE}(rowid, body, sender, contact) VALUES (?,?,?,?)"
    insert_attachment = (
        "INSERT INTO attachment (server_id, account_id, attachment_id, message_id, file_type,"
        " data_url, thumb_url, file_size, extension, width, height) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    update_preview = (
        "UPDATE conversation SET last_message_id = ?, last_message_preview = ?,"
        " last_activity_at = max(coalesce(last_activity_at, 0), ?)"
        " WHERE server_id = ? AND account_id = 1 AND display_id = ?"
        " AND coalesce(last_message_id, 0) <= ?"
    )
    started = time.perf_counter()
    for page in pages:
        rows: list[tuple[object, ...]] = []
        fts: list[tuple[object, ...]] = []
        attachments: list[tuple[object, ...]] = []
        for msg in page:
            sender = msg.sender
            rows.append(
                (next_id, sid, 1, msg.id, msg.conversation_id, msg.inbox_id, msg.content,
                 msg.message_type, msg.content_type, msg.status, msg.private, msg.created_at,
                 msg.updated_at, sender.kind if sender else None, sender.id if sender else None,
                 sender.name if sender else None, msg.echo_id, "{}", msg.in_reply_to, False)
            )  # fmt: skip
            fts.append(
                (next_id, stems_of(msg.content), stems_of(sender.name if sender else None),
                 stems_of(contacts.get(msg.conversation_id, "")))
            )  # fmt: skip
            attachments.extend(
                (sid, 1, a.id, msg.id, a.file_type, a.data_url, a.thumb_url, a.file_size,
                 a.extension, a.width, a.height)
                for a in msg.attachments
            )  # fmt: skip
            next_id += 1
        newest = max(page, key=lambda m: m.id)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(insert_message, rows)
        conn.executemany(insert_fts, fts)
        conn.executemany(insert_attachment, attachments)
        conn.execute(
            update_preview,
            (newest.id, (newest.content or "")[:200], newest.created_at, sid,
             newest.conversation_id, newest.id),
        )  # fmt: skip
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return Result(seconds, sum(len(p) for p in pages))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--per-conversation", type=int, default=20)
    add_json_option(parser)
    args = parser.parse_args()
    data = Dataset(args.conversations, args.per_conversation)
    pages, parse_seconds = parsed_pages(data)
    total = sum(len(p) for p in pages)
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        seeded = Path(tmp) / "seeded.sqlite3"
        seed_cache(seeded, data)
        project_file = Path(tmp) / "project" / "cache.sqlite3"
        raw_file = Path(tmp) / "raw" / "cache.sqlite3"
        for target in (project_file, raw_file):
            target.parent.mkdir()
            shutil.copy(seeded, target)
        project = project_ingest(project_file, pages)
        raw = raw_ingest(raw_file, pages)
    ratio = project.rate / raw.rate
    print(
        f"ingest of {total:,} messages in {len(pages):,} pages"
        f" ({args.conversations:,} conversations)"
    )
    print(f"  parse JSON → Message     {total / parse_seconds:>10,.0f} msg/s")
    print(f"  project upsert_messages  {project.rate:>10,.0f} msg/s  ({project.seconds:.1f} s)")
    print(f"  raw executemany          {raw.rate:>10,.0f} msg/s  ({raw.seconds:.1f} s)")
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(f"  ratio project/raw        {ratio:>10.2f}×   target ≥ {TARGET_RATIO} × raw: {verdict}")
    write_rows(
        args.json,
        [
            Row(f"ingest {total:,} messages", project.rate, raw.rate, "msg/s",
                f"≥ {TARGET_RATIO}× raw executemany", ratio >= TARGET_RATIO)
        ],
    )  # fmt: skip
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
