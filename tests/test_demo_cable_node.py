"""The official `@rails/actioncable` client (run by Node) against the demo server's cable.

A peer nobody here wrote: if it connects, subscribes and receives `message.created`, the demo
server speaks the protocol the way real clients expect. Needs `node` and `npm ci` in tests/node
(tests/run.sh does both).
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from tests.conftest import ADMIN, missing_requirement

NODE_DIR = Path(__file__).with_name("node")
SCRIPT = NODE_DIR / "cable_client.js"

pytestmark = pytest.mark.node


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


class NodePeer:
    """The Node process and its stdout, one JSON object per line."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        assert proc.stdout is not None and proc.stderr is not None
        threading.Thread(target=_pump, args=(proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._errors, args=(proc.stderr,), daemon=True).start()

    def _errors(self, stream: IO[str]) -> None:
        self.stderr.extend(stream)

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], seconds: float) -> Any:
        """The first printed object matching `predicate`, read with a deadline."""
        deadline = time.monotonic() + seconds
        seen: list[Any] = []
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self.lines.get(timeout=remaining) if remaining > 0 else None
            except queue.Empty:
                line = None
            if line is None:
                raise AssertionError(f"Node peer: nothing matched; saw {seen}; {self.stderr}")
            item = json.loads(line)
            if predicate(item):
                return item
            seen.append(item)


@pytest.fixture
def node_peer(demo_url: str) -> Iterator[NodePeer]:
    node = shutil.which("node")
    if node is None:
        missing_requirement("node is not on PATH")
    if not (NODE_DIR / "node_modules" / "@rails" / "actioncable").is_dir():
        missing_requirement("tests/node/node_modules is missing: run `npm ci` in tests/node")
    cable = demo_url.replace("http", "ws", 1) + "/cable"
    args = [node, str(SCRIPT), cable, ADMIN.pubsub_token, "1", str(ADMIN.id)]
    with subprocess.Popen(
        args,
        cwd=NODE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as proc:
        try:
            yield NodePeer(proc)
        finally:
            assert proc.stdin is not None
            proc.stdin.close()  # the script exits when stdin closes
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_official_client_receives_message_created(demo_url: str, node_peer: NodePeer) -> None:
    connected = node_peer.wait_for(lambda item: item["type"] == "connected", seconds=15)
    assert connected == {"type": "connected", "reconnected": False}

    with httpx.Client(
        base_url=demo_url, headers={"api_access_token": ADMIN.access_token}, timeout=10
    ) as client:
        resp = client.post(
            "/api/v1/accounts/1/conversations/1/messages",
            json={"content": "Hello from REST", "echo_id": "node-echo-1"},
        )
        assert resp.status_code == 200, resp.text

    received = node_peer.wait_for(
        lambda item: (
            item["type"] == "received"
            and item["data"].get("event") == "message.created"
            and item["data"]["data"].get("echo_id") == "node-echo-1"
        ),
        seconds=10,
    )
    data = received["data"]["data"]
    assert data["content"] == "Hello from REST"
    assert data["conversation_id"] == 1 and data["account_id"] == 1
    assert data["sender"]["id"] == ADMIN.id and data["sender"]["type"] == "user"
    assert data["performer"]["id"] == ADMIN.id
    assert data["message_type"] == 1 and data["private"] is False


def test_official_client_follows_the_disconnect_frame(demo_url: str, node_peer: NodePeer) -> None:
    node_peer.wait_for(lambda item: item["type"] == "connected", seconds=15)
    resp = httpx.post(demo_url + "/__control", json={"action": "drop_sockets", "how": "disconnect"})
    assert resp.status_code == 200
    gone = node_peer.wait_for(lambda item: item["type"] == "disconnected", seconds=10)
    assert gone == {"type": "disconnected", "willAttemptReconnect": True}  # reconnect: true
    again = node_peer.wait_for(lambda item: item["type"] == "connected", seconds=30)
    assert again == {"type": "connected", "reconnected": True}
