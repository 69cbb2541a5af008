"""A process killed (SIGKILL) in the middle of heavy cache writes leaves a database that passes
its integrity checks, the search index included, and keeps every transaction it committed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from operator_desktop.storage.database import FTS_TABLE

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys
from pathlib import Path
from bench.dataset import Dataset
from bench.startup_bench import profile
from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import CacheDatabase

key = AccountKey("https://chat.example.com", 1)
cache = Cache(CacheDatabase(Path(sys.argv[1])))
cache.save_sign_in(key.server_url, profile(), [1])
data = Dataset(400, 20, seed=int(sys.argv[2]))
for items in data.list_pages():
    cache.upsert_conversations(key, [parse.conversation(parse.root(o), 1) for o in items])
for n, page in enumerate(data.message_pages(), 1):
    cache.upsert_messages(key, [parse.message(o) for o in parse.root(page).objs("payload")])
    print(n, flush=True)  # this page is committed
"""


def test_sigkill_during_heavy_writes_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    rnd = random.Random(5)
    for round_no in range(4):
        kill_after = rnd.randint(3, 150)  # committed pages before the kill
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(round_no)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.stdout is not None
        committed = 0
        for line in proc.stdout:
            committed = int(line)
            if committed >= kill_after:
                proc.send_signal(signal.SIGKILL)  # mid-write of the next page
                break
        proc.wait(timeout=60)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL, f"round {round_no} ended on its own"

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')")
            messages = conn.execute("SELECT count(*) FROM message").fetchone()[0]
            indexed = conn.execute(f"SELECT count(*) FROM {FTS_TABLE}").fetchone()[0]
        finally:
            conn.close()
        # every page reported committed is there (each page is one conversation's 20)
        assert messages >= committed * 20, (round_no, messages, committed)
        assert indexed == messages  # the search rows were written in the same transactions
