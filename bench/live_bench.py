"""Live benchmark: a server event to the updated chat-list row, at 200 events a second.

The demo server runs on loopback in its own process, as a real server is; a sender process has
customers write (`__control` `act customer_write`, one `message.created` each) into the seeded
conversations at `--rate` events a second for `--seconds`, so neither competes with the app
for this process's interpreter. Measured, from the moment each write is sent (both processes
read the same monotonic clock):

- **project**: the running app's path — the sync engine's cable client receives the event,
  persists it on the database thread and publishes its change-set, the controller hands it to
  the `ChatListModel`, which re-reads the row and emits `dataChanged`; the time is taken when
  the row shows the written text;
- **baseline**: a bare `websockets` client subscribed to the same ActionCable channel, timed
  when the frame holding the text arrives (the stack's own limit: server, loopback, JSON).

p50/p95 of both and their ratio; the target (issue 11) is project p95 ≤ 50 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/live_bench.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import qasync
import websockets
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from bench.live_session import LiveSession, demo_server
from bench.table import Row, add_json_option, write_rows
from operator_desktop.demo.seed import DEMO_USERS
from operator_desktop.ui.chat_list.model import ChatListModel
from operator_desktop.ui.common.refcount_guard import protect_singletons

TARGET_MS = 50.0
ADMIN = DEMO_USERS[0]
CONVERSATIONS = range(1, 41)  # seeded conversations of account 1 the customers write into


def send_events(url: str, rate: float, seconds: float) -> dict[str, float]:
    """Customer messages "live-<n>" at `rate` a second, round robin over the conversations:
    when each was sent."""
    count = int(rate * seconds)
    ids = list(CONVERSATIONS)
    sent: dict[str, float] = {}
    with httpx.Client(timeout=10) as client:
        start = time.monotonic()
        for n in range(count):
            due = start + n / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # pacing the load, in the sender's own process
            text = f"live-{n}"
            sent[text] = time.monotonic()
            body = {"action": "act", "op": "customer_write", "content": text,
                    "conversation_id": ids[n % len(ids)]}  # fmt: skip
            client.post(f"{url}/__control", json=body).raise_for_status()
    return sent


def start_sender(url: str, rate: float, seconds: float) -> subprocess.Popen[str]:
    """`send_events` in a child process; its stdout ends with the send times as JSON."""
    args = [sys.executable, __file__, "--send-to", url, "--rate", str(rate),
            "--seconds", str(seconds)]  # fmt: skip
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True)


def sent_times(sender: subprocess.Popen[str]) -> dict[str, float]:
    out, _ = sender.communicate(timeout=60)
    if sender.returncode != 0:
        raise RuntimeError(f"the sender failed with exit code {sender.returncode}")
    times: dict[str, float] = json.loads(out)
    return times


async def raw_receiver(url: str, expected: int, seen: dict[str, float]) -> None:
    """A bare ActionCable subscriber: when each "live-<n>" frame arrives."""
    identifier = json.dumps(
        {"channel": "RoomChannel", "pubsub_token": ADMIN.pubsub_token, "account_id": 1,
         "user_id": ADMIN.id},
        separators=(",", ":"),
    )  # fmt: skip
    cable = "ws://" + url.removeprefix("http://") + "/cable"
    async with websockets.connect(
        cable, subprotocols=[websockets.Subprotocol("actioncable-v1-json")]
    ) as ws:
        await ws.send(json.dumps({"command": "subscribe", "identifier": identifier}))
        while len(seen) < expected:
            frame = json.loads(await ws.recv())
            message = frame.get("message")
            if isinstance(message, dict) and message.get("event") == "message.created":
                content = message.get("data", {}).get("content", "")
                if isinstance(content, str) and content.startswith("live-"):
                    seen.setdefault(content, time.monotonic())


def run_baseline(url: str, rate: float, seconds: float) -> list[float]:
    seen: dict[str, float] = {}
    expected = int(rate * seconds)
    ready = threading.Event()

    def receive() -> None:
        async def main() -> None:
            task = asyncio.create_task(raw_receiver(url, expected, seen))
            await asyncio.sleep(0.5)  # subscribed before the first event
            ready.set()
            await asyncio.wait_for(task, seconds + 30)

        asyncio.run(main())

    thread = threading.Thread(target=receive)
    thread.start()
    ready.wait(10)
    sent = sent_times(start_sender(url, rate, seconds))
    thread.join()
    return [(seen[k] - sent[k]) * 1000 for k in sent if k in seen]


async def run_project(url: str, folder: Path, rate: float, seconds: float) -> list[float]:
    session = await LiveSession.open(url, folder)
    controller = session.controller
    model = ChatListModel(controller)
    await model.load()
    controller.changed.connect(model.apply)
    shown: dict[str, float] = {}
    expected = int(rate * seconds)
    done = asyncio.get_running_loop().create_future()

    def on_changed(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        now = time.monotonic()
        for row in range(top.row(), bottom.row() + 1):
            preview = model.row_at(row).preview
            if preview.startswith("live-") and preview not in shown:
                shown[preview] = now
        if len(shown) >= expected and not done.done():
            done.set_result(None)

    model.dataChanged.connect(on_changed)
    await session.go_live()
    sender = start_sender(url, rate, seconds)
    try:
        await asyncio.wait_for(done, seconds + 60)
    except TimeoutError:
        print(f"  the chat list showed {len(shown)} of {expected} events", file=sys.stderr)
    sent = sent_times(sender)
    await session.close()
    # a row shows only its newest message: an event overtaken before it was painted is
    # not a latency; the figures are over the events the list did show
    return [(shown[k] - sent[k]) * 1000 for k in sent if k in shown]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--send-to", metavar="URL", help=argparse.SUPPRESS)  # the sender
    add_json_option(parser)
    args = parser.parse_args()
    if args.send_to:
        print(json.dumps(send_events(args.send_to, args.rate, args.seconds)))
        return 0
    protect_singletons()
    app = QApplication.instance() or QApplication(["live-bench"])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="live-bench-") as tmp:
        for name in ("baseline", "project"):
            server, url = demo_server()
            try:
                if name == "baseline":
                    results[name] = run_baseline(url, args.rate, args.seconds)
                else:
                    coro = run_project(url, Path(tmp) / "data", args.rate, args.seconds)
                    results[name] = loop.run_until_complete(coro)
            finally:
                server.terminate()
                server.wait(10)
    loop.close()  # and its executor's threads
    base, proj = results["baseline"], results["project"]
    total = int(args.rate * args.seconds)
    print(f"live: {total} customer messages at {args.rate:.0f}/s over loopback")
    print(f"  {'':28}{'events':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for label, values in (("raw ActionCable client", base), ("app: event → chat-list row", proj)):
        print(f"  {label:28}{len(values):>8}{statistics.median(values):9.1f}{p95(values):9.1f}")
    met = p95(proj) <= TARGET_MS
    print(f"  ratio p95 {p95(proj) / p95(base):.1f}×; target p95 ≤ {TARGET_MS:.0f} ms: "
          + ("met" if met else "MISSED"))  # fmt: skip
    write_rows(
        args.json,
        [Row(f"live: event → chat-list row p95, {args.rate:.0f}/s", p95(proj), p95(base), "ms",
             f"≤ {TARGET_MS:.0f} ms", met)],
    )  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
