"""Memory benchmark: the window's resident memory after minutes of live traffic.

The demo server runs in its own process (`operator-desktop demo-server --control`); this
process is the app: the main window (offscreen) with its engine live on the server, while
customers write into the seeded conversations at `--rate` messages a second for
`--minutes`. VmRSS is read after the start and at the end, against a bare PySide6 process
painting a 10-row list (as in `launch_bench`). The target (issue 11): RSS ≤ bare + 80 MiB,
after 10 minutes of live traffic.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/memory_bench.py --minutes 10
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from bench.launch_bench import BARE, BARE_MARK, launch, rss_mb
from bench.live_session import LiveSession, demo_server
from bench.table import Row, add_json_option, write_rows
from operator_desktop.ui.common.refcount_guard import protect_singletons
from operator_desktop.ui.shell.main_window import MainWindow

EXTRA_MB = 80.0


async def run(url: str, folder: Path, rate: float, minutes: float) -> tuple[float, float, int]:
    session = await LiveSession.open(url, folder)
    controller = session.controller
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(controller, settings)
    await window.start()
    window.show()
    await session.go_live()
    gc.collect()
    start_rss = rss_mb(os.getpid())
    sent = 0
    deadline = time.monotonic() + minutes * 60
    async with httpx.AsyncClient(timeout=10) as http:
        while time.monotonic() < deadline:
            body = {"action": "act", "op": "customer_write", "conversation_id": 1 + sent % 40,
                    "content": f"Message {sent}: where is my order? " * (1 + sent % 5)}  # fmt: skip
            response = await http.post(f"{url}/__control", json=body)
            if response.status_code == 200:  # 422 once a conversation has 200 a minute
                sent += 1
            await asyncio.sleep(1 / rate)
    gc.collect()
    end_rss = rss_mb(os.getpid())
    window.close()
    await session.close()
    return start_rss, end_rss, sent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=10.0)
    add_json_option(parser)
    args = parser.parse_args()
    bare = launch([sys.executable, "-c", BARE], BARE_MARK).rss_mb
    protect_singletons()
    app = QApplication.instance() or QApplication(["memory-bench"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # closing the window ends the run, not the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    server, url = demo_server()
    try:
        with tempfile.TemporaryDirectory(prefix="memory-bench-") as tmp:
            start, end, sent = loop.run_until_complete(
                run(url, Path(tmp) / "data", args.rate, args.minutes)
            )
    finally:
        loop.close()
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
    met = end - bare <= EXTRA_MB
    print(f"memory: {sent} live messages over {args.minutes:g} min ({args.rate:g}/s)")
    print(f"  RSS after start {start:.1f} MiB, after the traffic {end:.1f} MiB"
          f" ({end - start:+.1f}); bare Qt {bare:.1f} MiB")  # fmt: skip
    print(f"  target ≤ bare + {EXTRA_MB:.0f} MiB: " + ("met" if met else "MISSED"))
    write_rows(
        args.json,
        [Row(f"RSS after {args.minutes:g} min of live traffic", end, bare, "MiB",
             f"≤ bare + {EXTRA_MB:.0f} MiB", met)],
    )  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
