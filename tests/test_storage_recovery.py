"""A damaged cache: a clear message and a rebuild, never a traceback, and nothing that only
this machine had is lost (sign-ins, unsent replies, drafts)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bench.dataset import Dataset
from bench.startup_bench import profile
from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.recovery import rebuild_marker

SERVER = "https://chat.example.com"
KEY = AccountKey(SERVER, 1)


def workspace(folder: Path) -> Workspace:
    return Workspace(DataDir(folder), tokens=TokenStore(MemoryKeyring()))


def fill(folder: Path) -> None:
    """A signed-in cache with messages, one unsent reply, one sent one, and a draft."""
    ws = workspace(folder)
    try:
        cache, call = ws.cache, ws.worker.call
        call(cache.save_sign_in, SERVER, profile(), [1])
        data = Dataset(30, 40)
        for items in data.list_pages():
            convs = [parse.conversation(parse.root(o), 1) for o in items]
            call(cache.upsert_conversations, KEY, convs)
        for page in data.message_pages():
            msgs = [parse.message(o) for o in parse.root(page).objs("payload")]
            call(cache.upsert_messages, KEY, msgs)
        reply = "Your refund is on its way"
        call(cache.enqueue, KEY, 3, reply, echo_id="e-1", private=False, now=1.0)
        sent, _ = call(cache.enqueue, KEY, 4, "Done", echo_id="e-2", private=False, now=2.0)
        call(cache.mark_outbox_sent, sent.id, 999)
        call(cache.save_draft, KEY, 5, "Half-written answer", False, 3.0)
    finally:
        ws.close()


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage (the file stays a database)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with path.open("r+b") as file:
        file.seek(page_size * (root[0] - 1))
        file.write(b"\xa5" * page_size)


def test_a_file_that_is_no_database_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "cache.sqlite3").write_bytes(b"certainly not SQLite " * 200)
    ws = workspace(folder)
    try:
        assert ws.rebuilt is not None
        damaged = ws.rebuilt.damaged_copy
        assert damaged.read_bytes().startswith(b"certainly not SQLite")
        assert stat.S_IMODE(damaged.stat().st_mode) == 0o600
        assert ws.accounts() == []  # nothing could be kept: sign in again
        ws.worker.call(ws.cache.save_sign_in, SERVER, profile(), [1])  # the new cache works
    finally:
        ws.close()
    again = workspace(folder)
    try:
        assert again.rebuilt is None and [a.key for a in again.accounts()] == [KEY]
    finally:
        again.close()


def test_damage_met_while_running_rebuilds_at_the_next_start_keeping_what_was_local(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    fill(folder)
    damage_table(folder / "cache.sqlite3", "message")
    ws = workspace(folder)
    try:
        assert ws.rebuilt is None  # opening reads no message
        with pytest.raises(OperatorError) as read:
            ws.worker.call(ws.cache.messages, KEY, 3)
        assert read.value.code is ErrorCode.CACHE_DAMAGED
        assert rebuild_marker(folder / "cache.sqlite3").exists()
    finally:
        ws.close()
    ws = workspace(folder)
    try:
        assert ws.rebuilt is not None and ws.rebuilt.damaged_copy.exists()
        assert not rebuild_marker(folder / "cache.sqlite3").exists()
        assert [a.key for a in ws.accounts()] == [KEY]  # still signed in
        pending = ws.worker.call(ws.cache.outbox, KEY)
        assert [(p.conversation_id, p.content, p.echo_id) for p in pending] == [
            (3, "Your refund is on its way", "e-1")
        ]  # the unsent reply is kept (the sent one is on the server)
        assert ws.worker.call(ws.cache.draft, KEY, 5) == ("Half-written answer", False)
        assert ws.worker.call(ws.cache.conversation, KEY, 3) is None  # comes back with a sync
        assert ws.rebuilt.kept == {"server": 1, "account": 1, "outbox_item": 1, "draft": 1}
    finally:
        ws.close()


def test_the_command_line_says_so_in_one_line_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "cache.sqlite3").write_bytes(os.urandom(8192))
    done = subprocess.run(
        [sys.executable, "-m", "operator_desktop", "search", "refund", "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert "damaged and has been rebuilt" in lines[0] and "Traceback" not in done.stderr
    assert "cache.sqlite3.damaged-" in lines[0]
