"""Start-up benchmark: from a cache of 10,000 conversations to the first painted chat list.

Writes a real cache (SQLite, the app's own schema) with synthetic conversations, then builds
the real window for it (no server: nothing here touches the network) and times, with
`time.perf_counter`:

- `first screen`: reading the newest screenful and painting the window (`MainWindow.start`
  up to its `on_first_screen` callback, plus one `grab()` of the window);
- `whole list`: the same until every conversation is in the list.

Both are also measured on a baseline cache of 100 conversations in the same run; the table
shows both times and their ratio. The first screen should cost about the same for 10,000 as
for 100 conversations (ratio near 1), since it reads a fixed number of rows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup_bench.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup_bench.py --rows 50000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.core.types import AccountMembership, Profile
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage import schema
from operator_desktop.ui.common.refcount_guard import protect_singletons
from operator_desktop.ui.common.theme import ThemeMode, apply_theme
from operator_desktop.ui.shell.main_window import MainWindow

SERVER = "https://chat.example.com"
NAMES = ["Isla King", "Liam Johnson", "Дмитрий Попов", "Ольга Смирнова", "Chloe Davies"]


def profile() -> Profile:
    membership = AccountMembership(
        id=1,
        name="Acme",
        status="active",
        role="administrator",
        availability="online",
        availability_status="online",
        auto_offline=False,
    )
    return Profile(
        id=1,
        name="Bench",
        available_name="Bench",
        email="bench@example.com",
        access_token="bench-token",
        pubsub_token="bench-pubsub",
        account_id=1,
        role="administrator",
        message_signature=None,
        accounts=(membership,),
    )


def write_cache(workspace: Workspace, rows: int, server: str = SERVER) -> None:
    cache = workspace.cache
    cache.save_sign_in(server, profile(), [1])
    sid = cache.server_id(server)
    now = time.time()
    batch = [
        {
            "server": sid,
            "account_id": 1,
            "display_id": i + 1,
            "inbox_id": 1 + i % 4,
            "status": ("open", "pending", "resolved")[i % 3],
            "labels": '["billing", "vip"]' if i % 5 == 0 else "[]",
            "unread_count": i % 12,
            "last_activity_at": now - i * 37.0,
            "waiting_since": now - i * 11.0 if i % 2 else None,
            "contact_name": f"{NAMES[i % len(NAMES)]} {i}",
            "assignee_id": 1 if i % 3 == 0 else None,
            "assignee_name": "Bench" if i % 3 == 0 else None,
            "last_message_preview": "Sorry, one more question about my order, please.",
            "channel": "Channel::WebWidget",
        }
        for i in range(rows)
    ]
    with cache.db.atomic():
        for start in range(0, rows, 500):
            schema.Conversation.insert_many(batch[start : start + 500]).execute()


@dataclass
class Timing:
    first_screen: float
    whole_list: float


async def measure(app: QApplication, folder: Path, rows: int) -> Timing:
    tokens = TokenStore(MemoryKeyring())
    tokens.set(SERVER, "bench@example.com", "bench-token")
    workspace = Workspace(DataDir(folder), tokens=tokens)
    try:
        workspace.worker.call(write_cache, workspace, rows)
        account = workspace.resolve(SERVER, 1)
        controller = await build_controller(workspace, account)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, settings)
        marks: dict[str, float] = {}

        def first_screen() -> None:
            window.show()
            window.grab()  # paints every visible row
            marks["first"] = time.perf_counter()

        start = time.perf_counter()
        await window.start(on_first_screen=first_screen)
        window.grab()
        end = time.perf_counter()
        assert window.chat_list.model.rowCount() == rows
        controller.runner.cancel_all()
        window.pane.shutdown()
        window.close()
        await controller.actions.engine.client.aclose()
        app.processEvents()
        return Timing(marks["first"] - start, end - start)
    finally:
        workspace.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    protect_singletons()
    app = QApplication(["startup-bench"])
    apply_theme(app, ThemeMode.LIGHT)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    results: dict[int, list[Timing]] = {args.baseline: [], args.rows: []}
    with loop:
        for _ in range(args.repeat):
            for rows, timings in results.items():
                with tempfile.TemporaryDirectory() as folder:
                    timings.append(loop.run_until_complete(measure(app, Path(folder), rows)))
    best = {rows: (min(t.first_screen for t in ts), min(t.whole_list for t in ts))
            for rows, ts in results.items()}  # fmt: skip
    base, big = best[args.baseline], best[args.rows]
    print(f"{'':14}{args.baseline:>10} rows{args.rows:>10} rows{'ratio':>10}")
    for label, index in (("first screen", 0), ("whole list", 1)):
        print(
            f"{label:14}{base[index] * 1000:>11.1f} ms{big[index] * 1000:>11.1f} ms"
            f"{big[index] / base[index]:>10.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
