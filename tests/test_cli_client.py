"""The headless CLI end to end: the real demo server (subprocess), real SQLite, real keyring.

Needs the Secret Service (tests/run.sh runs pytest inside dbus-run-session with an unlocked
gnome-keyring).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import keyring
import pyotp
import pytest

from operator_desktop.core.errors import OperatorError
from operator_desktop.demo.seed import MFA_SECRET
from operator_desktop.services.logs import DEBUG_ENV
from operator_desktop.services.secrets import SERVICE
from tests.cache_fixtures import RAW_ERRORS, raw_connection
from tests.conftest import ADMIN, MARIA, read_only_folder
from tests.demo_process import CLI, DemoProcess
from tests.fault_proxy import Fault, FaultProxy, hold_db_lock

pytestmark = pytest.mark.keyring


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoProcess]:
    server = DemoProcess(tmp_path / "server-state.json")
    server.start()
    yield server
    server.stop()


_SPAWNED: list[subprocess.Popen[Any]] = []


def spawn(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
    """`subprocess.Popen`, killed after the test if it still runs (a failed test's too)."""
    proc: subprocess.Popen[Any] = subprocess.Popen(*args, **kwargs)
    _SPAWNED.append(proc)
    return proc


@pytest.fixture(autouse=True)
def _reap_spawned() -> Iterator[None]:
    yield
    while _SPAWNED:
        proc = _SPAWNED.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:  # a failed test's open pipe would warn in a later test
                stream.close()


def run(
    data: Path, *args: str, stdin: str = "", check: int | None = 0
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*CLI, *args, "--data-dir", str(data)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    if check is not None:
        assert result.returncode == check, (result.returncode, result.stdout, result.stderr)
    return result


def server_messages(url: str, display_id: int) -> list[dict[str, Any]]:
    headers = {"api_access_token": ADMIN.access_token}
    path = f"{url}/api/v1/accounts/1/conversations/{display_id}/messages"
    return list(httpx.get(path, headers=headers, timeout=10).json()["payload"])


def test_login_sync_search_transcript_send_logout(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = run(
        data,
        "login",
        "--server",
        demo.url,
        "--email",
        ADMIN.email,
        "--password-stdin",
        stdin=ADMIN.password + "\n",
    )
    assert ADMIN.email in out.stdout
    run(data, "sync", "--once")
    hits = json.loads(run(data, "search", "заказом", "--json").stdout)
    assert hits, "a Russian word form finds other forms"
    assert {
        "server",
        "account",
        "conversation_id",
        "message_id",
        "sender",
        "created_at",
        "snippet",
    } <= set(hits[0])
    assert any("заказ" in h["snippet"].lower() for h in hits)
    english = json.loads(run(data, "search", "ordered", "--json").stdout)
    assert any("order" in h["snippet"].lower() for h in english)
    conv_id = hits[0]["conversation_id"]
    transcript = json.loads(run(data, "transcript", str(conv_id), "--format", "json").stdout)
    assert transcript["conversation"]["id"] == conv_id
    assert any(m["content"] for m in transcript["messages"])
    text = run(data, "transcript", str(conv_id)).stdout
    assert f"Conversation #{conv_id}" in text
    sent = run(data, "send", str(conv_id), "--text-stdin", stdin="Ответ из командной строки")
    assert sent.returncode == 0
    contents = [m["content"] for m in server_messages(demo.url, conv_id)]
    assert contents.count("Ответ из командной строки") == 1
    # secrets never land in the data folder or in the output
    for path in data.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert ADMIN.access_token.encode() not in blob, path
            assert ADMIN.pubsub_token.encode() not in blob, path
    run(data, "logout", "--wipe")
    assert run(data, "search", "заказом", "--json").stdout.strip() == "[]"
    again = run(data, "sync", "--once", check=1)
    assert "not signed in" in again.stderr and "Traceback" not in again.stderr


def test_tokens_never_logged(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    login = run(
        data, "-vv", "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n"
    )
    synced = run(data, "-vv", "sync", "--once")
    for out in (login, synced):
        for secret in (ADMIN.access_token, ADMIN.pubsub_token):
            assert secret not in out.stdout and secret not in out.stderr


def test_no_token_reaches_any_output_or_file_with_every_debug_logger_on(
    demo: DemoProcess, tmp_path: Path
) -> None:
    """-vv and every third-party logger at DEBUG (httpx, httpcore, websockets, asyncio,
    peewee, keyring…): a live sync connects its cable, receives events and is stopped; neither
    its output nor any file it wrote (the log, the cache, its WAL) holds either token."""
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    every = "httpx,httpcore,websockets,asyncio,qasync,peewee,keyring,PIL,aiohttp.access"
    env = {**os.environ, "PYTHONWARNINGS": "error", DEBUG_ENV: every}
    first = subprocess.run(
        [*CLI, "-vv", "sync", "--once", "--data-dir", str(data)],
        capture_output=True,
        env=env,
        timeout=300,
        check=True,
    )
    out_file, err_file = tmp_path / "live.out", tmp_path / "live.err"  # a pipe would fill up
    with out_file.open("wb") as out, err_file.open("wb") as err:
        live = spawn(
            [*CLI, "-vv", "sync", "--data-dir", str(data)], stdout=out, stderr=err, env=env
        )
    control = f"{demo.url}/__control"

    def subscribed() -> bool:
        return bool(httpx.post(control, json={"action": "stats"}).json()["subscriptions"])

    deadline = time.monotonic() + 60
    while not subscribed():
        assert time.monotonic() < deadline and live.poll() is None, "the live sync never connected"
    httpx.post(control, json={"action": "act", "op": "customer_write", "conversation_id": 2,
                              "content": "pushed to the live sync"})  # fmt: skip
    httpx.post(control, json={"action": "drop_sockets", "how": "abort"})  # it reconnects
    deadline = time.monotonic() + 60
    while not subscribed() or b"cable connected" not in _after_drop(err_file):
        assert time.monotonic() < deadline and live.poll() is None, "it never reconnected"
    live.terminate()
    assert live.wait(60) == 0
    logged = err_file.read_bytes()
    assert b"DEBUG" in logged and b"websockets" in logged  # the third-party loggers did log
    secrets = (ADMIN.access_token.encode(), ADMIN.pubsub_token.encode())
    places = {"first sync's stdout": first.stdout, "first sync's stderr": first.stderr}
    written = [out_file, err_file, *data.rglob("*")]  # not the server's own state file
    places |= {str(p): p.read_bytes() for p in written if p.is_file()}
    leaks = [name for name, blob in places.items() if any(s in blob for s in secrets)]
    assert not leaks, leaks


def _after_drop(log: Path) -> bytes:
    """The live sync's log from the dropped cable on."""
    return log.read_bytes().partition(b"cable dropped")[2]


def test_a_live_sync_stopped_during_its_first_sync_ends_cleanly(
    demo: DemoProcess, tmp_path: Path
) -> None:
    """SIGTERM while the first sync is still fetching (every request slowed down): exit 0,
    and no task goes on to use the closed connection ("Task exception was never retrieved")."""
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    httpx.post(f"{demo.url}/__control", json={"action": "latency", "seconds": 0.3})
    err_file = tmp_path / "live.err"
    with err_file.open("wb") as err:
        live = spawn([*CLI, "-v", "sync", "--data-dir", str(data)], stderr=err)
    deadline = time.monotonic() + 60
    while not _first_sync_fetching(data / "cache.sqlite3"):
        assert time.monotonic() < deadline and live.poll() is None, err_file.read_text()
    live.terminate()
    assert live.wait(60) == 0, err_file.read_text()
    logged = err_file.read_text()
    assert "Traceback" not in logged and "never retrieved" not in logged, logged


def _first_sync_fetching(cache: Path) -> bool:
    """Conversations are listed and some messages fetched, but the first sync is not done."""
    if not cache.exists():
        return False
    with contextlib.suppress(*RAW_ERRORS, OperatorError):
        db = raw_connection(cache, read_only=True)
        try:
            fetched = db.execute(
                "SELECT COUNT(*) FROM conversation WHERE messages_synced"
            ).fetchone()
            done = db.execute("SELECT MAX(cold_sync_done) FROM sync_state").fetchone()
            return bool(fetched[0]) and not done[0]
        finally:
            db.close()
    return False


def test_mfa_login_and_usage_errors(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    need = run(
        data,
        "login",
        "--server",
        demo.url,
        "--email",
        MARIA.email,
        "--password-stdin",
        stdin=MARIA.password + "\n",
        check=1,
    )
    assert "two-factor" in need.stderr
    code = pyotp.TOTP(MFA_SECRET).now()
    run(
        data,
        "login",
        "--server",
        demo.url,
        "--email",
        MARIA.email,
        "--password-stdin",
        "--otp",
        code,
        stdin=MARIA.password + "\n",
    )
    wrong = run(
        data,
        "login",
        "--server",
        demo.url,
        "--email",
        ADMIN.email,
        "--password-stdin",
        stdin="wrong\n",
        check=1,
    )
    assert wrong.stderr.count("\n") == 1 and "wrong email or password" in wrong.stderr
    usage = run(data, "transcript", check=2)
    assert "Traceback" not in usage.stderr


def test_outbox_survives_server_down_and_never_doubles(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    demo.stop()
    queued = run(data, "send", "8", "--text-stdin", stdin="sent while offline", check=3)
    assert "Queued" in queued.stderr
    pending = json.loads(run(data, "transcript", "8", "--format", "json").stdout)["outbox"]
    assert [p["state"] for p in pending] == ["pending"]
    demo.start()
    run(data, "sync", "--once")
    contents = [m["content"] for m in server_messages(demo.url, 8)]
    assert contents.count("sent while offline") == 1
    run(data, "sync", "--once")
    assert [m["content"] for m in server_messages(demo.url, 8)].count("sent while offline") == 1


def test_send_interrupted_by_a_crash_is_reconciled(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    control = f"{demo.url}/__control"
    before = httpx.post(control, json={"action": "stats"}).json()["message_posts"]
    httpx.post(control, json={"action": "latency", "seconds": 3.0})
    proc = spawn(
        [*CLI, "send", "9", "--text-stdin", "--data-dir", str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write("crash in the middle")
    proc.stdin.close()
    # wait until the POST has reached the server (held there by the latency), then crash
    deadline = time.monotonic() + 60
    while httpx.post(control, json={"action": "stats"}).json()["message_posts"] == before:
        assert time.monotonic() < deadline, "the send never reached the server"
    proc.kill()
    proc.wait()
    httpx.post(control, json={"action": "latency", "seconds": 0})
    run(data, "sync", "--once")
    contents = [m["content"] for m in server_messages(demo.url, 9)]
    assert contents.count("crash in the middle") == 1


def test_validation_failure_is_kept_visible(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    failed = run(data, "send", "10", "--text-stdin", stdin="x" * 150_001, check=1)
    assert "the server refused it" in failed.stderr and "too long" in failed.stderr
    outbox = json.loads(run(data, "transcript", "10", "--format", "json").stdout)["outbox"]
    assert [o["state"] for o in outbox] == ["failed"] and "too long" in outbox[0]["error"]


def test_keyring_entry_is_removed_on_logout(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    entry = f"{demo.url}|{ADMIN.email}"
    assert keyring.get_password(SERVICE, entry) == ADMIN.access_token
    run(data, "logout")
    assert keyring.get_password(SERVICE, entry) is None


def outbox_order(data: Path, display_id: int) -> list[str]:
    """The replies queued for a conversation, in queue order, from the cache itself."""
    con = raw_connection(data / "cache.sqlite3")
    try:
        rows = con.execute(
            "SELECT content FROM outbox_item WHERE conversation_id = ? ORDER BY id", (display_id,)
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def test_concurrent_sends_beside_a_live_sync_deliver_each_once_in_order(
    demo: DemoProcess, tmp_path: Path
) -> None:
    """Six `send`s at once while a live `sync` runs on the same data folder, POSTs slowed."""
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    live = spawn(
        [*CLI, "sync", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    httpx.post(f"{demo.url}/__control", json={"action": "latency", "seconds": 0.3})
    texts = {
        display_id: [f"together-{display_id}-{i}" for i in range(3)] for display_id in (11, 12)
    }
    sends = []
    for i in range(3):
        for display_id, items in texts.items():
            proc = spawn(
                [*CLI, "send", str(display_id), "--text-stdin", "--data-dir", str(data)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert proc.stdin is not None
            proc.stdin.write(items[i])
            proc.stdin.close()
            sends.append(proc)
    outcomes = []
    for proc in sends:
        assert proc.stderr is not None
        outcomes.append((proc.wait(timeout=120), proc.stderr.read()))
        proc.stderr.close()
    live.send_signal(signal.SIGINT)
    live.wait(timeout=30)
    assert live.stderr is not None
    live_err = live.stderr.read()
    live.stderr.close()
    httpx.post(f"{demo.url}/__control", json={"action": "latency", "seconds": 0})
    assert [code for code, _ in outcomes] == [0] * 6, outcomes
    assert all(err.strip() == "Sent." for _, err in outcomes), outcomes
    assert "Traceback" not in live_err, live_err
    for display_id, items in texts.items():
        contents = [m["content"] for m in server_messages(demo.url, display_id)]
        assert [contents.count(t) for t in items] == [1, 1, 1], contents
        queued = outbox_order(data, display_id)
        assert [c for c in contents if c in items] == queued


def test_send_waits_out_another_process_holding_the_cache_lock(
    demo: DemoProcess, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    with hold_db_lock(data / "cache.sqlite3"):
        proc = spawn(
            [*CLI, "send", "13", "--text-stdin", "--data-dir", str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdin is not None
        proc.stdin.write("after the lock")
        proc.stdin.close()
        # the lock outlives sqlite's own 5 s busy timeout
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=7)
    assert proc.wait(timeout=60) == 0
    assert proc.stderr is not None
    assert proc.stderr.read().strip() == "Sent."
    proc.stderr.close()
    contents = [m["content"] for m in server_messages(demo.url, 13)]
    assert contents.count("after the lock") == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json at all", "application/json"),
        (b"<html><body>Bad gateway</body></html>", "text/html"),
        (b'{"data": {"meta": {}, "payload": "oops"}}', "application/json"),
    ],
)
def test_a_failed_one_off_sync_says_so(
    demo: DemoProcess, tmp_path: Path, body: bytes, content_type: str
) -> None:
    proxy = FaultProxy(demo.url)
    proxy.start()
    try:
        data = tmp_path / "data"
        run(data, "login", "--server", proxy.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
        proxy.add(
            Fault(
                "GET",
                r"/api/v1/accounts/1/conversations",
                "mangle",
                body=body,
                content_type=content_type,
            )
        )
        failed = run(data, "sync", "--once", check=1)
        assert "Synced." not in failed.stderr
        assert failed.stderr.count("\n") == 1, failed.stderr
        assert "does not understand" in failed.stderr
    finally:
        proxy.stop()


def test_live_sync_ends_with_an_error_when_the_token_is_revoked(
    demo: DemoProcess, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    live = spawn(
        [*CLI, "sync", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    control = f"{demo.url}/__control"
    deadline = time.monotonic() + 60
    while not httpx.post(control, json={"action": "stats"}).json()["subscriptions"]:
        assert time.monotonic() < deadline and live.poll() is None, "the live sync never connected"
    reset = httpx.post(
        f"{demo.url}/api/v1/profile/reset_access_token",
        headers={"api_access_token": ADMIN.access_token},
    )
    assert reset.status_code == 200
    demo.stop()  # the connection drops; on reconnecting, the old token is refused
    demo.start()
    assert live.wait(timeout=120) == 1
    assert live.stderr is not None
    err = live.stderr.read()
    live.stderr.close()
    assert err.count("\n") == 1 and "sign in again" in err, err


class LineWatch:
    """Reads a child's stream in a thread; `wait_for(text)` until a line containing it."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._stream = stream
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def close(self) -> None:
        """After the child has exited: the rest of its output, then the stream closed."""
        self._reader.join(30)
        self._stream.close()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: any(text in line for line in self.lines), timeout)


def test_live_sync_started_while_the_server_is_down_syncs_once_it_is_back(
    demo: DemoProcess, tmp_path: Path
) -> None:
    """The laptop wakes before the VPN is up: `sync` waits instead of giving up, then catches
    up and stays live."""
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    demo.stop()
    live = spawn(
        [*CLI, "-v", "sync", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert live.stderr is not None
    log = LineWatch(live.stderr)
    try:
        assert log.wait_for("initial sync failed: network_down", 60), log.lines
        assert live.poll() is None, log.lines
        demo.start()
        written = httpx.post(
            f"{demo.url}/__control",
            json={"action": "act", "op": "customer_write", "conversation_id": 3, "content": "back"},
        ).json()["message_id"]
        deadline = time.monotonic() + 90
        while True:
            shown = json.loads(run(data, "transcript", "3", "--format", "json").stdout)
            if written in [m["id"] for m in shown["messages"]]:
                break
            assert live.poll() is None, log.lines
            assert time.monotonic() < deadline, "the message never reached the cache"
    finally:
        live.send_signal(signal.SIGINT)
        code = live.wait(timeout=60)
        log.close()
    assert code == 0, log.lines


def test_output_into_a_closed_pipe_ends_quietly(demo: DemoProcess, tmp_path: Path) -> None:
    """`transcript … | head`: the reader is gone before the first line is written."""
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    for args in (("transcript", "2"), ("search", "заказ")):
        proc = spawn(
            [*CLI, *args, "--data-dir", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.wait(timeout=60) == 0, err
        assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_a_read_only_data_folder_still_searches_and_shows_transcripts(
    demo: DemoProcess, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=ADMIN.access_token + "\n")
    run(data, "sync", "--once")
    before = run(data, "transcript", "2").stdout
    with read_only_folder(data):
        shown = run(data, "transcript", "2")
        assert shown.stdout == before
        assert "read-only; only reading works" in shown.stderr
        hits = json.loads(run(data, "search", "заказ", "--json").stdout)
        assert hits and all("заказ" in h["snippet"].lower() for h in hits[:3])
        for args, stdin in ((("send", "2", "--text-stdin"), "Hello"), (("sync", "--once"), "")):
            refused = run(data, *args, stdin=stdin, check=1)
            assert refused.stderr.strip().count("\n") == 0, refused.stderr  # one line
            assert "read-only" in refused.stderr and "Traceback" not in refused.stderr
    assert "Hello" not in [m["content"] for m in server_messages(demo.url, 2)]


def test_login_wording_for_a_bad_address_and_a_bad_token(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    for address in ("ftp://chat.example.com", "https://host:port", "not a url"):
        bad = run(data, "login", "--server", address, "--token-stdin", stdin="x\n", check=1)
        assert bad.stderr.count("\n") == 1 and "not a valid server address" in bad.stderr
    token = run(data, "login", "--server", demo.url, "--token-stdin", stdin="nope\n", check=1)
    assert "did not accept this access token" in token.stderr
    assert "cached conversations" not in token.stderr
