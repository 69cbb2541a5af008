"""The SQLite cache: migrations, upserts keyed by server + account, search, outbox."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import (
    SCHEMA_VERSION,
    CacheDatabase,
    DbWorker,
    is_writable,
)
from operator_desktop.storage.records import ConversationRecord
from operator_desktop.storage.textsearch import stems_of
from tests.conftest import read_only_folder
from tests.small_disk import small_disk
from tests.test_core_parse import sample

KEY = AccountKey("https://chat.example.com", 1)
OTHER = AccountKey("https://other.example.org", 1)


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


def open_cache(worker: DbWorker, path: Path, migrate_to: int = SCHEMA_VERSION) -> Cache:
    return worker.call(lambda: Cache(CacheDatabase(path, migrate_to=migrate_to)))


def cached(worker: DbWorker, cache: Cache, display_id: int) -> ConversationRecord:
    row = worker.call(cache.conversation, KEY, display_id)
    assert row is not None, f"conversation {display_id} is not cached"
    return row


def messages_from_sample() -> list[Any]:
    return [parse.message(o) for o in parse.root(sample("messages_page.json")).objs("payload")]


def test_upsert_search_and_isolation(worker: DbWorker, tmp_path: Path) -> None:
    cache = open_cache(worker, tmp_path / "cache.sqlite3")
    page = parse.conversation_page(sample("conversations_list_page.json"), 1)
    change = worker.call(cache.upsert_conversations, KEY, page.items)
    assert change.conversations == {1042, 1039}
    worker.call(cache.upsert_conversations, OTHER, page.items[:1])
    msgs = messages_from_sample()
    change = worker.call(cache.upsert_messages, KEY, msgs)
    assert change.messages[1042] == {m.id for m in msgs}
    hits = worker.call(cache.search, "invoices")  # English stem: invoice
    assert [h.message_id for h in hits][:1] == [88102]
    assert hits[0].snippet.marked() == "Hello! I need help with an [invoice]."
    assert hits[0].key == KEY
    by_contact = worker.call(cache.search, "jonas")
    assert {h.key for h in by_contact} == {KEY, OTHER}  # OTHER cached one message of Jonas
    scoped = worker.call(cache.search, "jonas", key=OTHER)
    assert {h.key for h in scoped} == {OTHER} and len(scoped) == 1
    # the same display id on another server is a different row
    assert worker.call(cache.conversation, OTHER, 1042) is not None
    assert len(worker.call(cache.messages, OTHER, 1042)) == 1  # only the last message
    assert len(worker.call(cache.messages, KEY, 1042)) == 6  # 5 + the list's last message


def test_older_state_never_overwrites_newer(worker: DbWorker, tmp_path: Path) -> None:
    cache = open_cache(worker, tmp_path / "c.sqlite3")
    data = sample("conversations_list_page.json")
    newer = parse.conversation_page(data, 1).items[0]
    worker.call(cache.upsert_conversations, KEY, [newer])
    data["data"]["payload"][0]["updated_at"] = 1.0
    data["data"]["payload"][0]["status"] = "resolved"
    older = parse.conversation_page(data, 1).items[0]
    worker.call(cache.upsert_conversations, KEY, [older])
    assert cached(worker, cache, 1042).status == "open"


def test_migration_from_every_earlier_version(worker: DbWorker, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    for version in range(1, SCHEMA_VERSION):
        target = path.with_name(f"v{version}.sqlite3")
        cache = open_cache(worker, target, migrate_to=version)
        worker.call(cache.database.close)
        # rows written by that version (v1 has no FTS index yet)
        con = sqlite3.connect(target)
        con.execute("INSERT INTO server(url) VALUES (?)", (KEY.server_url,))
        con.execute(
            "INSERT INTO message(server_id, account_id, message_id, conversation_id, content,"
            " message_type, content_type, status, private, created_at, content_attributes,"
            " deleted) VALUES (1, 1, 7, 1042, 'Где мой заказ?', 0, 'text', 'sent', 0, 1, '{}', 0)"
        )
        if version >= 2:  # that version indexed what it cached
            con.execute(
                "INSERT INTO message_fts(rowid, body, sender, contact)"
                " SELECT id, ?, '', '' FROM message WHERE message_id = 7",
                (stems_of("Где мой заказ?"),),
            )
        # a reply queued by that version (before v3 without claim columns), left mid-send
        for column in ("claimed_by", "claimed_at") if version < 3 else ():
            con.execute(f"ALTER TABLE outbox_item DROP COLUMN {column}")
        # a chat row previewing an audio message the way v1-v3 wrote it (v4: as a kind)
        if version < 5:
            con.execute("ALTER TABLE conversation DROP COLUMN caught_up_at")  # v5 added it
        old_preview = version < 4
        if old_preview:
            con.execute("ALTER TABLE conversation DROP COLUMN last_message_attachment")
        row_values: dict[str, object] = {
            "server_id": 1, "account_id": 1, "display_id": 1042, "inbox_id": 1,
            "status": "open", "labels": "[]", "unread_count": 0, "can_reply": 1,
            "contact_name": "Вера", "last_message_private": 0, "additional_attributes": "{}",
            "custom_attributes": "{}", "history_complete": 0, "messages_synced": 0,
            "present_on_server": 1,
        }  # fmt: skip
        if old_preview:
            row_values["last_message_preview"] = "\N{PAPERCLIP} audio"
        else:
            row_values |= {"last_message_preview": "", "last_message_attachment": "audio"}
        con.execute(
            f"INSERT INTO conversation({', '.join(row_values)})"
            f" VALUES ({', '.join('?' for _ in row_values)})",
            tuple(row_values.values()),
        )
        con.execute(
            "INSERT INTO outbox_item(server_id, account_id, conversation_id, echo_id, content,"
            " private, attachments, state, attempts, created_at)"
            " VALUES (1, 1, 1042, 'od-old', 'Проверяю', 0, '[]', 'sending', 1, 1)"
        )
        con.commit()
        con.close()
        upgraded = open_cache(worker, target)
        hits = worker.call(upgraded.search, "заказами")
        assert [h.message_id for h in hits] == [7], f"from v{version}"
        assert hits[0].snippet.marked() == "Где мой [заказ]?"
        # v6: the customer's question is in the questions' index (suggested replies)
        counts, questions = worker.call(upgraded.question_frequencies, ["заказ", "где"])
        assert counts == {"заказ": 1, "где": 1} and questions == 1, f"from v{version}"
        (old,) = worker.call(upgraded.outbox, KEY)
        claimed = worker.call(upgraded.claim_outbox, old.id, "host:1:a", 2.0)
        assert claimed is not None and claimed.attempts == 2, f"from v{version}"
        row = cached(worker, upgraded, 1042)
        assert (row.last_message_preview, row.last_message_attachment) == ("", "audio")
        assert row.caught_up_at is None  # never caught up by this version: not skipped
        worker.call(upgraded.note_fetched, KEY, 1042, newest=None, asked_at=5.0)
        assert cached(worker, upgraded, 1042).caught_up_at == 5.0
        worker.call(upgraded.database.close)


def test_outbox_lifecycle(worker: DbWorker, tmp_path: Path) -> None:
    cache = open_cache(worker, tmp_path / "o.sqlite3")
    page = parse.conversation_page(sample("conversations_list_page.json"), 1)
    worker.call(cache.upsert_conversations, KEY, page.items)
    entry, change = worker.call(
        cache.enqueue, KEY, 1042, "Thanks Jonas", echo_id="echo-1", private=False, now=10.0
    )
    assert change.outbox == {1042} and entry.state == "pending"
    assert [e.echo_id for e in worker.call(cache.outbox)] == ["echo-1"]
    frame = sample("cable_message_created.json")["message"]["data"]
    frame["echo_id"] = "echo-1"
    msg = parse.message(parse.root(frame))
    change = worker.call(cache.upsert_messages, KEY, [msg])
    assert change.outbox == {1042}
    assert worker.call(cache.outbox) == []
    draft = worker.call(cache.draft, KEY, 1042)
    assert draft is None
    worker.call(cache.save_draft, KEY, 1042, "half a reply", False, 11.0)
    assert worker.call(cache.draft, KEY, 1042) == ("half a reply", False)
    assert json.loads(cached(worker, cache, 1042).labels) == ["billing", "vat"]


def test_the_cache_is_private_to_its_owner(worker: DbWorker, tmp_path: Path) -> None:
    fresh = open_cache(worker, tmp_path / "new" / "cache.sqlite3")
    worker.call(fresh.upsert_conversations, KEY, [])
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    for name in ("cache.sqlite3", "cache.sqlite3-wal", "cache.sqlite3-shm"):
        assert stat.S_IMODE((tmp_path / "new" / name).stat().st_mode) == 0o600, name
    worker.call(fresh.database.close)
    # an older version left them readable by everyone: tightened on open
    old = tmp_path / "old"
    old.mkdir(mode=0o755)
    (old / "cache.sqlite3").touch(mode=0o644)
    (old / "cache.sqlite3").chmod(0o644)
    old.chmod(0o755)
    reopened = open_cache(worker, old / "cache.sqlite3")
    assert stat.S_IMODE(old.stat().st_mode) == 0o700
    assert stat.S_IMODE((old / "cache.sqlite3").stat().st_mode) == 0o600
    worker.call(reopened.database.close)


def test_a_read_only_folder_is_read_as_it_is_and_refuses_writes(
    worker: DbWorker, tmp_path: Path
) -> None:
    path = tmp_path / "ro" / "cache.sqlite3"
    cache = open_cache(worker, path)
    page = parse.conversation_page(sample("conversations_list_page.json"), 1)
    worker.call(cache.upsert_conversations, KEY, page.items)
    worker.call(cache.upsert_messages, KEY, messages_from_sample())
    worker.call(cache.database.close)
    with read_only_folder(path.parent):
        assert not is_writable(path)
        with pytest.raises(OperatorError) as opened:
            Workspace(DataDir(path.parent), tokens=TokenStore(MemoryKeyring()))
        assert opened.value.code is ErrorCode.CACHE_READ_ONLY  # one that writes is told so
        ws = Workspace(DataDir(path.parent), tokens=TokenStore(MemoryKeyring()), reading_only=True)
        try:
            assert ws.read_only
            assert ws.worker.call(ws.cache.conversation, KEY, 1042) is not None
            hits = ws.worker.call(ws.cache.search, "invoices")
            assert hits and hits[0].message_id == 88102
            with pytest.raises(OperatorError) as wrote:
                ws.worker.call(ws.cache.upsert_conversations, KEY, page.items)
            assert wrote.value.code is ErrorCode.CACHE_READ_ONLY
        finally:
            ws.close()
    # permissions are tightened by taking bits away, never by making a folder writable
    path.parent.chmod(0o555)
    reopened = open_cache(worker, path)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o500
    worker.call(reopened.database.close)
    path.parent.chmod(0o700)


def test_a_stale_server_copy_does_not_bring_a_read_badge_back(
    worker: DbWorker, tmp_path: Path
) -> None:
    cache = open_cache(worker, tmp_path / "u.sqlite3")
    data = sample("conversations_list_page.json")
    data["data"]["payload"][0]["unread_count"] = 12
    before_read = parse.conversation_page(data, 1).items[0]
    worker.call(cache.upsert_conversations, KEY, [before_read])
    assert cached(worker, cache, 1042).unread_count == 12
    worker.call(cache.mark_read_locally, KEY, 1042, 1.0)
    # a refresh answered before update_last_seen reached the server: the old count
    worker.call(cache.upsert_conversations, KEY, [before_read])
    assert cached(worker, cache, 1042).unread_count == 0
    # a customer wrote since: the server's count is news
    newer = dict(data["data"]["payload"][0])
    newer["unread_count"] = 1
    newer["last_activity_at"] = int(before_read.last_activity_at or 0) + 60
    newer["timestamp"] = newer["last_activity_at"]
    newer["updated_at"] = (before_read.updated_at or 0) + 60
    data["data"]["payload"][0] = newer
    worker.call(cache.upsert_conversations, KEY, parse.conversation_page(data, 1).items)
    assert cached(worker, cache, 1042).unread_count == 1


def test_contact_labels_publish_a_change_only_when_they_change(
    worker: DbWorker, tmp_path: Path
) -> None:
    cache = open_cache(worker, tmp_path / "l.sqlite3")
    page = parse.conversation_page(sample("conversations_list_page.json"), 1)
    worker.call(cache.upsert_conversations, KEY, page.items)
    contact = page.items[0].contact
    assert contact is not None
    contact_id = contact.id
    change = worker.call(cache.set_contact_labels, KEY, contact_id, ["vip"])
    assert change.contacts == {contact_id}
    assert not worker.call(cache.set_contact_labels, KEY, contact_id, ["vip"])  # no news
    assert not worker.call(cache.set_contact_labels, OTHER, contact_id, ["vip"])  # not cached


def test_an_activity_message_keeps_the_customers_preview(worker: DbWorker, tmp_path: Path) -> None:
    cache = open_cache(worker, tmp_path / "p.sqlite3")
    page = parse.conversation_page(sample("conversations_list_page.json"), 1)
    worker.call(cache.upsert_conversations, KEY, page.items)
    before = cached(worker, cache, 1042)
    data = sample("messages_page.json")["payload"][1]  # an activity message
    data.update(id=(before.last_message_id or 0) + 100, conversation_id=1042)
    activity = parse.message(parse.root(data))
    assert activity.message_type == 2
    worker.call(cache.upsert_messages, KEY, [activity])
    after = cached(worker, cache, 1042)
    assert after.last_message_preview == before.last_message_preview
    assert after.last_activity_at == before.last_activity_at


def test_the_window_opens_the_cache_without_blocking_its_loop(tmp_path: Path) -> None:
    """`Workspace.opened` migrates on the DB thread: the caller's loop runs meanwhile."""
    loop_ran = threading.Event()
    opened_on: list[str] = []
    real_open = Workspace._open

    def slow_open(self: Workspace) -> Cache:
        opened_on.append(threading.current_thread().name)
        assert loop_ran.wait(10), "the event loop was blocked while the cache opened"
        return real_open(self)

    async def scenario() -> Workspace:
        asyncio.get_running_loop().call_soon(loop_ran.set)
        return await Workspace.opened(DataDir(tmp_path), tokens=TokenStore(MemoryKeyring()))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Workspace, "_open", slow_open)
        workspace = asyncio.run(scenario())
    try:
        assert opened_on and opened_on[0] != threading.main_thread().name
        assert workspace.accounts() == []
    finally:
        workspace.close()


def test_a_cache_that_cannot_open_leaves_no_thread_behind(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "cache.sqlite3")  # a cache from a newer app version
    conn.execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    before = threading.active_count()
    with pytest.raises(OperatorError):
        asyncio.run(Workspace.opened(DataDir(tmp_path), tokens=TokenStore(MemoryKeyring())))
    with pytest.raises(OperatorError):
        Workspace(DataDir(tmp_path), tokens=TokenStore(MemoryKeyring()))
    assert threading.active_count() == before


def test_two_caches_open_in_one_process_keep_their_own_rows(tmp_path: Path) -> None:
    """Each DbWorker thread binds its own database (no process-wide peewee binding)."""
    first, second = DbWorker(), DbWorker()
    try:
        a = open_cache(first, tmp_path / "a.sqlite3")
        b = open_cache(second, tmp_path / "b.sqlite3")
        page = parse.conversation_page(sample("conversations_list_page.json"), 1)
        first.call(a.upsert_conversations, KEY, page.items)
        second.call(b.upsert_conversations, KEY, page.items[:1])
        first.call(a.upsert_messages, KEY, messages_from_sample())  # a write on A after B opened
        assert len(first.call(a.conversations, KEY)) == 2
        assert len(second.call(b.conversations, KEY)) == 1
        assert len(second.call(b.messages, KEY, 1042)) == 1  # only the list's last message
    finally:
        for worker in (first, second):
            worker.shutdown()


def test_a_full_disk_refuses_a_write_as_such_and_loses_nothing_once_space_returns(
    worker: DbWorker, tmp_path: Path
) -> None:
    """SQLite rolls a transaction back itself when the disk fills: the error still says
    "disk full" (not peewee's failed rollback), what was committed reads as it was, and the
    same write succeeds once space is freed."""
    with small_disk(tmp_path / "disk", size_mb=8) as disk:
        cache = open_cache(worker, disk.path / "cache.sqlite3")
        page = parse.conversation_page(sample("conversations_list_page.json"), 1)
        worker.call(cache.upsert_conversations, KEY, page.items)
        before = worker.call(cache.messages, KEY, 1042)  # the list's last message
        worker.call(cache.database.db.execute_sql, "PRAGMA wal_checkpoint(TRUNCATE)")
        disk.fill()
        msgs = messages_from_sample()
        with pytest.raises(OperatorError) as full:
            worker.call(cache.upsert_messages, KEY, msgs)
        assert full.value.code is ErrorCode.DISK_FULL, full.value
        assert {c.display_id for c in worker.call(cache.conversations, KEY)} == {1042, 1039}
        assert worker.call(cache.messages, KEY, 1042) == before  # nothing half-written
        disk.free()
        worker.call(cache.upsert_messages, KEY, msgs)
        assert len(worker.call(cache.messages, KEY, 1042)) == 6  # 5 + the list's last message
        check = worker.call(cache.database.db.execute_sql, "PRAGMA integrity_check")
        assert check.fetchall() == [("ok",)]
        worker.call(cache.database.close)
