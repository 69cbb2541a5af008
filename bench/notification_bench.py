"""Notification benchmark: a customer's message to the notification handed to the OS.

A private D-Bus session bus (its own `dbus-daemon`) carries a fake
`org.freedesktop.Notifications` server (`tests/fake_notifications.py`) that records when
each `Notify` call arrives. Customers write (`__control` `act customer_write`) into the
conversations assigned to the signed-in agent, one message every `--interval` seconds:

- **project**: the running window's path — cable event, cache write, change-set, the
  notice policy, desktop-notifier's `Notify` over D-Bus — timed from the write to `Notify`;
- **baseline**: desktop-notifier's `send()` of the same text straight from the benchmark,
  timed the same way (the stack's own cost: D-Bus and the library).

p50/p95 and their ratio; the target (issue 11) is project p95 ≤ 200 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/notification_bench.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from bench.live_session import LiveSession
from bench.table import Row, add_json_option, write_rows
from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.ui.common.refcount_guard import protect_singletons

TARGET_MS = 200.0


class ArrivalLog(list[Any]):
    """The fake server's list of shown notifications: when each body arrives, to its waiter."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[str, asyncio.Future[float]] = {}

    def expect(self, body: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[body] = future
        return future

    def append(self, item: Any) -> None:
        # a conversation's notification is replaced in place: "<newest text>\n<n> more"
        future = self.waiting.pop(item.body.split("\n")[0], None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())
        super().append(item)


def private_bus() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


async def serve_notifications() -> tuple[Any, ArrivalLog]:
    from dbus_fast.aio import MessageBus

    from tests.fake_notifications import NAME, PATH, FakeNotificationServer

    server = FakeNotificationServer(["actions", "body", "inline-reply"])
    log = ArrivalLog()
    server.shown = log
    bus = await MessageBus().connect()
    bus.export(PATH, server)
    await bus.request_name(NAME)
    return bus, log


async def baseline(count: int, interval: float, log: ArrivalLog) -> list[float]:
    from desktop_notifier import DesktopNotifier

    notifier = DesktopNotifier(app_name="Operator Desktop bench")
    out = []
    for n in range(count):
        body = f"bare-{n}"
        arrived = log.expect(body)
        started = time.perf_counter()
        await notifier.send(title="Customer", message=body)
        out.append((await asyncio.wait_for(arrived, 10) - started) * 1000)
        await asyncio.sleep(interval)
    return out


async def project(
    url: str, folder: Path, count: int, interval: float, log: ArrivalLog
) -> list[float]:
    from operator_desktop.ui.shell.main_window import MainWindow
    from operator_desktop.ui.shell.notifications import close_notifier, system_notifier

    session = await LiveSession.open(url, folder)
    controller = session.controller
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    notifier = system_notifier("Operator Desktop bench")  # the app's own, as run_gui makes it
    window = MainWindow(controller, settings, notifier=notifier)
    await window.start()
    window.show()
    await session.go_live()
    rows = await controller.read(controller.readmodel.chat_rows, controller.key)
    mine = [
        r.display_id
        for r in rows
        if r.status == "open" and r.assignee_id == controller.user_id
        and r.display_id != window.pane.current_id
    ]  # fmt: skip
    out = []
    async with httpx.AsyncClient(timeout=10) as http:
        for n in range(count):
            body = f"customer-{n}"
            arrived = log.expect(body)
            started = time.perf_counter()
            await http.post(
                f"{url}/__control",
                json={"action": "act", "op": "customer_write", "content": body,
                      "conversation_id": mine[n % len(mine)]},
            )  # fmt: skip
            out.append((await asyncio.wait_for(arrived, 10) - started) * 1000)
            await asyncio.sleep(interval)
    window.close()
    await close_notifier(notifier)
    await session.close()
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--interval", type=float, default=0.25)
    add_json_option(parser)
    args = parser.parse_args()
    bus_proc, address = private_bus()
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    protect_singletons()
    app = QApplication.instance() or QApplication(["notification-bench"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # closing the window ends the run, not the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    server = DemoServerThread(DemoConfig(port=0, control=True))
    url = server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="notification-bench-") as tmp:
            bus, log = loop.run_until_complete(serve_notifications())
            base = loop.run_until_complete(baseline(args.count, args.interval, log))
            proj = loop.run_until_complete(
                project(url, Path(tmp) / "data", args.count, args.interval, log)
            )
            bus.disconnect()
    finally:
        server.stop()
        loop.close()
        bus_proc.terminate()
        bus_proc.wait(timeout=10)
        if bus_proc.stdout is not None:
            bus_proc.stdout.close()
    print(f"notification: {args.count} customer messages, one every {args.interval:.2f} s")
    print(f"  {'':34}{'p50 ms':>9}{'p95 ms':>9}")
    for label, values in (("desktop-notifier send() alone", base),
                          ("app: customer message → Notify", proj)):  # fmt: skip
        print(f"  {label:34}{statistics.median(values):9.1f}{p95(values):9.1f}")
    met = p95(proj) <= TARGET_MS
    print(f"  ratio p95 {p95(proj) / p95(base):.1f}×; target p95 ≤ {TARGET_MS:.0f} ms: "
          + ("met" if met else "MISSED"))  # fmt: skip
    write_rows(
        args.json,
        [Row("notification: customer message → OS, p95", p95(proj), p95(base), "ms",
             f"≤ {TARGET_MS:.0f} ms", met)],
    )  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
