"""`operator-desktop demo-server` and `operator-desktop --demo` as real processes.

Each test starts the console entry point with `python -m operator_desktop`, waits for its output
lines with deadlines (never sleeps), talks to the server over HTTP and stops it with SIGTERM.
"""

from __future__ import annotations

import json
import queue
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest

from operator_desktop.demo.seed import DEMO_USERS, MFA_BACKUP_CODES, MFA_SECRET
from tests.conftest import ADMIN, api

READY = re.compile(r"^READY (http://127\.0\.0\.1:\d+)$")
URL = re.compile(r"(https?://[\w.\-\[\]:]+)")
DEADLINE = 60.0


class Proc:
    """The console script in a subprocess; its stdout lines are read by a thread into a queue."""

    def __init__(self, args: list[str], tmp_path: Path) -> None:
        self.stderr_path = tmp_path / f"stderr-{time.monotonic_ns()}.txt"
        self._stderr = self.stderr_path.open("w", encoding="utf-8")
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "operator_desktop", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    @property
    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8")

    def wait_line(self, predicate: Callable[[str], bool], seconds: float = DEADLINE) -> str:
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self.lines.get(timeout=max(remaining, 0.001))
            except queue.Empty:
                raise AssertionError(
                    f"no such line within {seconds} s; stdout {self.seen}, stderr {self.stderr}"
                ) from None
            if line is None:
                raise AssertionError(
                    f"process ended ({self.popen.wait()}); stdout {self.seen}, stderr {self.stderr}"
                )
            self.seen.append(line)
            if predicate(line):
                return line

    def ready_url(self) -> str:
        line = self.wait_line(lambda text: text.startswith("READY "))
        match = READY.match(line)
        assert match, line
        return match.group(1)

    def terminate(self, seconds: float = 30.0) -> int:
        """SIGTERM, then the exit status; the rest of stdout goes to `seen`."""
        self.popen.send_signal(signal.SIGTERM)
        code = self.popen.wait(seconds)
        while (line := self.lines.get(timeout=seconds)) is not None:
            self.seen.append(line)
        return code

    def finish(self, seconds: float = DEADLINE) -> int:
        code = self.popen.wait(seconds)
        while (line := self.lines.get(timeout=seconds)) is not None:
            self.seen.append(line)
        return code

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(10)
        self._reader.join(10)
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        self._stderr.close()


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Proc]]:
    started: list[Proc] = []

    def start(*args: str) -> Proc:
        proc = Proc(list(args), tmp_path)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.kill()


def control(url: str, **body: Any) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=10.0) as client:
        resp = client.post("/__control", json=body)
        assert resp.status_code == 200, resp.text
        data: dict[str, Any] = resp.json()
        return data


def messages_of(url: str, display_id: int) -> list[dict[str, Any]]:
    with api(url) as admin:
        resp = admin.get(f"/api/v1/accounts/1/conversations/{display_id}/messages")
        assert resp.status_code == 200, resp.text
        payload: list[dict[str, Any]] = resp.json()["payload"]
        return payload


def test_demo_server_serves_until_sigterm_and_keeps_state(
    spawn: Callable[..., Proc], tmp_path: Path
) -> None:
    state = tmp_path / "tmp" / "state.json"
    proc = spawn("demo-server", "--port", "0", "--control", "--state", "tmp/state.json")
    url = proc.ready_url()
    with api(url) as admin:
        assert admin.get("/api/v1/profile").json()["email"] == ADMIN.email
    first = control(
        url,
        action="act",
        account_id=1,
        conversation_id=1,
        op="customer_write",
        content="Survives a restart",
    )["message_id"]
    assert proc.terminate() == 0
    assert proc.seen == [f"READY {url}"]  # exactly one line on stdout
    assert state.exists()
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert any(m["id"] == first for m in saved["store"]["messages"])

    # options in another order, same state file
    again = spawn("demo-server", "--state", str(state), "--control", "--port", "0", "-v")
    url = again.ready_url()
    contents = {m["id"]: m["content"] for m in messages_of(url, 1)}
    assert contents[first] == "Survives a restart"
    second = control(
        url,
        action="act",
        account_id=1,
        conversation_id=1,
        op="customer_write",
        content="Written after the restart",
    )["message_id"]
    assert second > first  # no id reuse
    assert again.terminate() == 0
    saved = json.loads(state.read_text(encoding="utf-8"))
    ids = [m["id"] for m in saved["store"]["messages"]]
    assert first in ids and second in ids and len(ids) == len(set(ids))


def test_credentials_are_printed_as_json(spawn: Callable[..., Proc]) -> None:
    proc = spawn("demo-server", "--credentials")
    assert proc.finish() == 0
    data = json.loads("\n".join(proc.seen))
    users = {u["email"]: u for u in data["users"]}
    assert set(users) == {du.email for du in DEMO_USERS}
    for du in DEMO_USERS:
        user = users[du.email]
        assert user["id"] == du.id and user["name"] == du.name
        assert user["password"] == du.password
        assert user["access_token"] == du.access_token
        assert user["pubsub_token"] == du.pubsub_token
        assert user["note"] == du.note
        assert any(a["account_id"] == 1 for a in user["accounts"])
    assert users["john@acme.inc"]["accounts"][0]["role"] == "administrator"
    assert data["mfa"]["totp_secret"] == MFA_SECRET
    assert data["mfa"]["backup_codes"] == MFA_BACKUP_CODES
    assert data["mfa"]["email"] == next(du.email for du in DEMO_USERS if du.mfa)
    assert pyotp.TOTP(data["mfa"]["totp_secret"]).now().isdigit()


@pytest.mark.parametrize(
    "args",
    [
        ["demo-server", "--bogus"],
        ["demo-server", "--port", "http"],
        ["demo-server", "--port", "70000"],
        ["demo-server", "--simulate-interval", "0"],
        ["demo-server", "--cert-file", "cert.pem"],
        ["demo-server", "--public-url", "ftp://example"],
        ["no-such-command"],
        ["--reset"],
    ],
)
def test_bad_usage_exits_2_with_one_line(spawn: Callable[..., Proc], args: list[str]) -> None:
    proc = spawn(*args)
    assert proc.finish() == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "error:" in lines[0], lines
    assert proc.seen == []


def test_busy_port_is_a_clear_error(spawn: Callable[..., Proc]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = spawn("demo-server", "--port", str(port))
        assert proc.finish() == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0], lines


def test_tls_writes_its_certificate_and_serves_https(
    spawn: Callable[..., Proc], tmp_path: Path
) -> None:
    proc = spawn("demo-server", "--tls", "--port", "0", "--cert-file", "certs/demo.pem")
    line = proc.wait_line(lambda text: text.startswith("READY "))
    match = re.match(r"^READY (https://127\.0\.0\.1:\d+)$", line)
    assert match, line
    cert = tmp_path / "certs" / "demo.pem"
    context = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(
        base_url=match.group(1), verify=context, headers={"api_access_token": ADMIN.access_token}
    ) as client:
        assert client.get("/api/v1/profile").status_code == 200
    assert proc.terminate() == 0
