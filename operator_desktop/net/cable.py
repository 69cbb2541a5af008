"""`CableClient`: Chatwoot's ActionCable stream (CONTRACT §7) on `websockets`.

It subscribes to `RoomChannel`, treats a missing confirm as an auth failure (Chatwoot sends no
reject, §7.2), reconnects when no frame arrives for ~10 s (pings come every 3 s), sends
`update_presence` every 20 s, backs off exponentially with jitter between attempts, and hands
on only events of its own account (§10.5). Malformed frames are logged and skipped.
`websockets` is loaded when the first connection is made (after the window's first paint).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from operator_desktop.core.backoff import Backoff
from operator_desktop.core.clock import Clock, SystemClock
from operator_desktop.core.status import CableState

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

log = logging.getLogger("net.cable")

SUBPROTOCOLS = ["actioncable-v1-json", "actioncable-unsupported"]


@dataclass(frozen=True)
class CableTimings:
    confirm_timeout: float = 8.0
    watchdog: float = 10.0
    presence_interval: float = 20.0
    welcome_timeout: float = 10.0


EventHandler = Callable[[str, dict[str, Any]], Awaitable[None]]
StateHandler = Callable[[CableState, str], None]
FrameHandler = Callable[[dict[str, Any]], None]


def cable_url(base_url: str) -> str:
    """`https://host` → `wss://host/cable` (§7.1)."""
    base = base_url.rstrip("/")
    if base.startswith("https://"):
        return "wss://" + base[len("https://") :] + "/cable"
    if base.startswith("http://"):
        return "ws://" + base[len("http://") :] + "/cable"
    return base + "/cable"


class _Unauthorized(Exception):
    pass


class CableClient:
    def __init__(
        self,
        url: str,
        *,
        pubsub_token: str,
        account_id: int,
        user_id: int,
        on_event: EventHandler,
        on_state: StateHandler | None = None,
        on_frame: FrameHandler | None = None,
        ssl_context: ssl.SSLContext | None = None,
        timings: CableTimings | None = None,
        backoff: Backoff | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.url = url
        self.account_id = account_id
        self._identifier = json.dumps(
            {
                "channel": "RoomChannel",
                "pubsub_token": pubsub_token,
                "account_id": account_id,
                "user_id": user_id,
            },
            separators=(",", ":"),
        )
        self._on_event = on_event
        self._on_state = on_state
        self._on_frame = on_frame  # sees every decoded frame, pings included (tests, diagnostics)
        self._ssl = ssl_context
        self.timings = timings or CableTimings()
        self._backoff = backoff or Backoff(base=1.0, cap=30.0)
        self._clock = clock or SystemClock()
        self.state = CableState.DISCONNECTED
        self._ws: ClientConnection | None = None
        self._stopping = False
        self.connect_count = 0

    def _set_state(self, state: CableState, detail: str = "") -> None:
        if state != self.state:
            log.info("cable %s %s", state.value, detail)
        self.state = state
        if self._on_state is not None:
            self._on_state(state, detail)

    async def run(self) -> None:
        """Connect and stay connected until `stop()` or an auth failure."""
        from websockets.exceptions import WebSocketException

        while not self._stopping:
            try:
                await self._session()
            except _Unauthorized as exc:
                self._set_state(CableState.UNAUTHORIZED, str(exc))
                return
            except (OSError, WebSocketException, TimeoutError, ValueError) as exc:
                log.info("cable dropped: %s", type(exc).__name__)
            if self.stopping():
                break
            self._set_state(CableState.DISCONNECTED, "reconnecting")
            await self._clock.sleep(self._backoff.next_delay())
        self._set_state(CableState.STOPPED)

    def stopping(self) -> bool:
        return self._stopping

    async def stop(self) -> None:
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()

    async def _session(self) -> None:
        import websockets
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

        self._set_state(CableState.CONNECTING)
        try:
            ws = await connect(
                self.url,
                subprotocols=[websockets.Subprotocol(p) for p in SUBPROTOCOLS],
                ssl=self._ssl if self.url.startswith("wss://") else None,
                open_timeout=self.timings.welcome_timeout,
                ping_interval=None,
                max_size=16 * 1024 * 1024,
            )
        except InvalidStatus as exc:
            raise WebSocketException(f"HTTP {exc.response.status_code}") from exc
        self._ws = ws
        presence: asyncio.Task[None] | None = None
        try:
            await self._expect_welcome(ws)
            await ws.send(json.dumps({"command": "subscribe", "identifier": self._identifier}))
            await self._expect_confirm(ws)
            self.connect_count += 1
            self._backoff.reset()
            self._set_state(CableState.CONNECTED)
            presence = asyncio.create_task(self._presence_loop(ws), name="cable-presence")
            await self._read_loop(ws)
        finally:
            if presence is not None:
                presence.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await presence
            self._ws = None
            await ws.close()

    async def _recv(self, ws: ClientConnection, within: float) -> dict[str, Any] | None:
        """One frame as a dict, or None for a frame that is not a JSON object."""
        async with asyncio.timeout(within):  # not wait_for: see sync/outbox.py
            raw = await ws.recv()
        if isinstance(raw, bytes):
            log.warning("cable: ignored a binary frame")
            return None
        try:
            frame = json.loads(raw)
        except ValueError:
            log.warning("cable: ignored a frame that is not JSON")
            return None
        if not isinstance(frame, dict):
            log.warning("cable: ignored a frame that is not an object")
            return None
        if self._on_frame is not None:
            self._on_frame(frame)
        return frame

    async def _expect_welcome(self, ws: ClientConnection) -> None:
        deadline = self._clock.monotonic() + self.timings.welcome_timeout
        while True:
            remaining = max(0.01, deadline - self._clock.monotonic())
            frame = await self._recv(ws, remaining)
            if frame is not None and frame.get("type") == "welcome":
                return
            self._check_disconnect(frame)

    async def _expect_confirm(self, ws: ClientConnection) -> None:
        deadline = self._clock.monotonic() + self.timings.confirm_timeout
        while True:
            remaining = deadline - self._clock.monotonic()
            if remaining <= 0:
                raise _Unauthorized("subscription was not confirmed")
            try:
                frame = await self._recv(ws, remaining)
            except TimeoutError as exc:
                raise _Unauthorized("subscription was not confirmed") from exc
            if frame is None:
                continue
            self._check_disconnect(frame)
            if frame.get("identifier") == self._identifier:
                if frame.get("type") == "confirm_subscription":
                    return
                if frame.get("type") == "reject_subscription":
                    raise _Unauthorized("subscription rejected")

    def _check_disconnect(self, frame: dict[str, Any] | None) -> None:
        if frame is not None and frame.get("type") == "disconnect":
            reason = str(frame.get("reason", ""))
            if frame.get("reconnect") is False:
                raise _Unauthorized(f"server closed the stream: {reason}")
            raise ConnectionError(f"server asked to reconnect: {reason}")

    async def _read_loop(self, ws: ClientConnection) -> None:
        while not self._stopping:
            try:
                frame = await self._recv(ws, self.timings.watchdog)
            except TimeoutError:
                log.info("cable: no frame for %.0f s, reconnecting", self.timings.watchdog)
                return
            if frame is None:
                continue
            self._check_disconnect(frame)
            kind = frame.get("type")
            if kind in ("ping", "welcome", "confirm_subscription"):
                continue
            if frame.get("identifier") != self._identifier:
                continue
            message = frame.get("message")
            if not isinstance(message, dict):
                log.warning("cable: ignored a frame without a message object")
                continue
            event = message.get("event")
            data = message.get("data")
            if not isinstance(event, str) or not isinstance(data, dict):
                log.warning("cable: ignored an event without a name or data")
                continue
            account = data.get("account_id")
            if account is not None and account != self.account_id:
                continue
            try:
                await self._on_event(event, data)
            except Exception:
                log.exception("cable: handler failed for %s", event)

    async def _presence_loop(self, ws: ClientConnection) -> None:
        frame = json.dumps(
            {
                "command": "message",
                "identifier": self._identifier,
                "data": json.dumps({"action": "update_presence"}),
            }
        )
        while True:
            await ws.send(frame)
            await self._clock.sleep(self.timings.presence_interval)
