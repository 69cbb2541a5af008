"""`CableClient` against a real Rails ActionCable server (Debian's ruby-actioncable 6.1 on puma).

`tests/rails_cable/config.ru` is a Chatwoot-like `RoomChannel` that nobody here wrote the
protocol side of: Rails itself sends `welcome`, pings, confirms, rejects and `disconnect`
frames. Each test starts its own puma on a free port, drives the client through
`asyncio.run(...)` and waits on conditions (events, states, pings) with deadlines, never on
sleeps.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from operator_desktop.core.backoff import Backoff
from operator_desktop.core.status import CableState
from operator_desktop.net.cable import CableClient, CableTimings, cable_url
from tests.conftest import missing_requirement

CONFIG_RU = Path(__file__).resolve().parent / "rails_cable" / "config.ru"
TOKEN = "token-1"
OTHER_TOKEN = "token-2"
ACCOUNT_ID = 1
USER_ID = 7
TIMINGS = CableTimings(
    confirm_timeout=2.0, watchdog=5.0, presence_interval=60.0, welcome_timeout=5.0
)
WAIT = 15.0  # deadline for any single condition
RAILS_BEAT = 3.0  # ActionCable::Server::Connections::BEAT_INTERVAL
assert 2 * RAILS_BEAT > TIMINGS.watchdog > RAILS_BEAT  # without pings the watchdog fires


def _rails_available() -> bool:
    if shutil.which("puma") is None or shutil.which("ruby") is None:
        return False
    probe = subprocess.run(
        ["ruby", "-e", 'require "action_cable"'], capture_output=True, check=False
    )
    return probe.returncode == 0


RAILS_AVAILABLE = _rails_available()


@pytest.fixture(autouse=True)
def _needs_rails() -> None:
    if not RAILS_AVAILABLE:
        missing_requirement("needs apt ruby-actioncable and puma (tests/run.sh installs them)")


LISTENING = re.compile(rb"Listening on http://127\.0\.0\.1:(\d+)")


class Puma:
    """One puma process serving config.ru; it can be killed and started again on its port.

    The first start binds port 0 and reads the port puma reports, so no other process can
    take a port picked in advance; later starts reuse that port (the restart tests need it).
    """

    def __init__(self, log_dir: Path) -> None:
        self.port: int | None = None
        self._log_dir = log_dir
        self._starts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, deadline: float = 30.0) -> None:
        assert self._process is None
        self._starts += 1
        log_path = self._log_dir / f"puma-{self._starts}.log"
        self._log = log_path.open("wb")
        self._process = subprocess.Popen(
            ["puma", "-b", f"tcp://127.0.0.1:{self.port or 0}", str(CONFIG_RU)],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={
                "PATH": "/usr/local/bin:/usr/bin:/bin",
                "CABLE_TOKENS": f"{TOKEN},{OTHER_TOKEN}",
                "CABLE_LOG_LEVEL": "warn",
            },
        )
        end = time.monotonic() + deadline
        with httpx.Client(timeout=1.0) as http:
            while True:
                if self.port is None:
                    found = LISTENING.search(log_path.read_bytes())
                    self.port = int(found.group(1)) if found else None
                try:
                    if self.port is not None and http.get(f"{self.base_url}/stats").is_success:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > end:
                    self.stop()
                    pytest.fail(f"puma did not answer within {deadline} s:\n{log_path.read_text()}")
                try:  # the pause between polls doubles as a check that puma is still alive
                    self._process.wait(timeout=0.05)
                except subprocess.TimeoutExpired:
                    continue
                self.stop()
                pytest.fail(f"puma exited during start:\n{log_path.read_text()}")

    @property
    def base_url(self) -> str:
        assert self.port is not None, "puma has not started yet"
        return f"http://127.0.0.1:{self.port}"

    def stop(self, *, kill: bool = False) -> None:
        """Stop puma: SIGTERM (graceful) or SIGKILL (a crash)."""
        process, self._process = self._process, None
        if process is not None:
            if kill:
                process.kill()
            else:
                process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


@pytest.fixture
def rails(tmp_path: Path) -> Iterator[Puma]:
    server = Puma(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class RecordingBackoff(Backoff):
    """A fast `Backoff` that remembers every delay it handed out."""

    delays: list[float] = field(default_factory=list)

    def next_delay(self) -> float:
        delay = super().next_delay()
        self.delays.append(delay)
        return delay


class Probe:
    """Collects what the client reports and lets a test wait for a condition on it."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.states: list[CableState] = []
        self.details: list[str] = []
        self.pings = 0
        self._changed = asyncio.Event()

    async def on_event(self, name: str, data: dict[str, Any]) -> None:
        self.events.append((name, data))
        self._changed.set()

    def on_state(self, state: CableState, detail: str) -> None:
        self.states.append(state)
        self.details.append(detail)
        self._changed.set()

    def on_frame(self, frame: dict[str, Any]) -> None:
        if frame.get("type") == "ping":
            self.pings += 1
            self._changed.set()

    def named(self, name: str) -> list[dict[str, Any]]:
        return [data for event, data in self.events if event == name]

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        async def watch() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        try:
            await asyncio.wait_for(watch(), WAIT)
        except TimeoutError:
            pytest.fail(f"timed out waiting for {what}; states {self.states}, events {self.events}")


def make_client(
    server: Puma,
    probe: Probe,
    *,
    token: str = TOKEN,
    timings: CableTimings = TIMINGS,
    backoff: Backoff | None = None,
) -> CableClient:
    return CableClient(
        cable_url(server.base_url),
        pubsub_token=token,
        account_id=ACCOUNT_ID,
        user_id=USER_ID,
        on_event=probe.on_event,
        on_state=probe.on_state,
        on_frame=probe.on_frame,
        timings=timings,
        backoff=backoff or Backoff(base=0.05, cap=0.5),
    )


@contextlib.asynccontextmanager
async def running(client: CableClient) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(client.run(), name="cable-under-test")
    try:
        yield task
    finally:
        await client.stop()
        await asyncio.wait_for(task, WAIT)
    assert client.state is CableState.STOPPED


def connected(client: CableClient, count: int = 1) -> Callable[[], bool]:
    return lambda: client.state is CableState.CONNECTED and client.connect_count == count


def control(server: Puma) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=server.base_url, timeout=10.0)


async def broadcast(http: httpx.AsyncClient, stream: str, event: str, data: dict[str, Any]) -> None:
    response = await http.post(
        "/broadcast", json={"stream": stream, "message": {"event": event, "data": data}}
    )
    response.raise_for_status()


def test_subscribes_and_hands_on_only_its_accounts_events(rails: Puma) -> None:
    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe)
        async with control(rails) as http, running(client):
            await probe.until(connected(client), "the subscription")
            await broadcast(http, TOKEN, "message.created", {"id": 1, "account_id": 2})
            await broadcast(http, OTHER_TOKEN, "message.created", {"id": 2, "account_id": 1})
            await broadcast(http, TOKEN, "message.created", {"id": 3, "account_id": ACCOUNT_ID})
            await probe.until(lambda: bool(probe.named("message.created")), "message.created")
            # One stream delivers in order: ids 1 (other account) and 2 (other stream) came
            # earlier or never, and neither reached on_event.
            assert probe.named("message.created") == [{"id": 3, "account_id": ACCOUNT_ID}]
        assert probe.states[:2] == [CableState.CONNECTING, CableState.CONNECTED]

    asyncio.run(scenario())


def test_pings_keep_the_watchdog_quiet(rails: Puma) -> None:
    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe)
        async with running(client):
            await probe.until(connected(client), "the subscription")
            pings = probe.pings
            # Rails pings every RAILS_BEAT seconds: three pings outlast the watchdog
            await probe.until(lambda: probe.pings >= pings + 3, "three pings")
            assert client.state is CableState.CONNECTED
            assert client.connect_count == 1
            assert CableState.DISCONNECTED not in probe.states

    asyncio.run(scenario())


def test_update_presence_reaches_the_server_and_comes_back(rails: Puma) -> None:
    timings = CableTimings(
        confirm_timeout=2.0, watchdog=5.0, presence_interval=0.2, welcome_timeout=5.0
    )

    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe, timings=timings)
        async with control(rails) as http, running(client):
            await probe.until(lambda: len(probe.named("presence.update")) >= 3, "presence")
            stats = (await http.get("/stats")).json()
        assert stats["update_presence"] >= 3
        assert probe.named("presence.update")[0] == {
            "account_id": ACCOUNT_ID,
            "users": {str(USER_ID): "online"},
            "contacts": {},
        }

    asyncio.run(scenario())


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_rejected_subscription_is_unauthorized(rails: Puma, token: str) -> None:
    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe, token=token)
        await asyncio.wait_for(client.run(), WAIT)  # returns by itself
        assert client.state is CableState.UNAUTHORIZED
        assert probe.states == [CableState.CONNECTING, CableState.UNAUTHORIZED]
        assert probe.details[-1] == "subscription rejected"
        assert client.connect_count == 0

    asyncio.run(scenario())


def test_server_restart_reconnects_by_itself(rails: Puma) -> None:
    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe)
        async with control(rails) as http, running(client):
            await probe.until(connected(client), "the subscription")
            (await http.post("/restart")).raise_for_status()
            await probe.until(connected(client, 2), "the second subscription")
            assert CableState.DISCONNECTED in probe.states
            await broadcast(http, TOKEN, "conversation.updated", {"id": 9, "account_id": 1})
            await probe.until(lambda: bool(probe.named("conversation.updated")), "the event")

    asyncio.run(scenario())


def test_disconnect_without_reconnect_is_unauthorized(rails: Puma) -> None:
    async def scenario() -> None:
        probe = Probe()
        client = make_client(rails, probe)
        task = asyncio.create_task(client.run())
        async with control(rails) as http:
            await probe.until(connected(client), "the subscription")
            closed = (await http.post("/disconnect_unauthorized")).json()["closed"]
        await asyncio.wait_for(task, WAIT)  # run() returns by itself
        assert closed == 1
        assert client.state is CableState.UNAUTHORIZED
        assert probe.details[-1] == "server closed the stream: unauthorized"
        assert client.connect_count == 1

    asyncio.run(scenario())


def test_reconnects_with_backoff_after_the_server_dies(rails: Puma) -> None:
    async def scenario() -> None:
        probe = Probe()
        backoff = RecordingBackoff(base=0.05, cap=0.5)
        client = make_client(rails, probe, backoff=backoff)
        async with control(rails) as http, running(client):
            await probe.until(connected(client), "the subscription")
            rails.stop(kill=True)
            await probe.until(lambda: client.state is not CableState.CONNECTED, "the drop")
            await asyncio.to_thread(rails.start)  # same port
            await probe.until(connected(client, 2), "the second subscription")
            # At least the retry after the drop and one after a refused connect.
            assert len(backoff.delays) >= 2
            assert all(0.0 < delay <= 0.5 for delay in backoff.delays)
            assert backoff.attempt == 0  # reset by the confirmed subscription
            await broadcast(http, TOKEN, "message.created", {"id": 4, "account_id": 1})
            await probe.until(lambda: bool(probe.named("message.created")), "the event")

    asyncio.run(scenario())
