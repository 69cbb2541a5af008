"""A small ActionCable test client on the `websockets` package, for tests of the demo server.

`CableClient` reads frames into a buffer and waits on conditions with deadlines, never on
sleeps. `drain` is the flush barrier: it sends `update_presence` and collects every frame until
the `presence.update` it causes has come back on each named subscription; since each
subscription's frames leave the server in order, anything broadcast before the barrier has
arrived by then, and anything missing was not sent.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import Callable, Iterable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

PROTOCOLS = [Subprotocol("actioncable-v1-json"), Subprotocol("actioncable-unsupported")]
PRESENCE = json.dumps({"action": "update_presence"})

Frame = dict[str, Any]


def identifier(pubsub_token: str, account_id: int | None, user_id: int | None) -> str:
    """The identifier the official clients build: compact JSON, channel first."""
    params: dict[str, Any] = {"channel": "RoomChannel", "pubsub_token": pubsub_token}
    if account_id is not None:
        params["account_id"] = account_id
    if user_id is not None:
        params["user_id"] = user_id
    return json.dumps(params, separators=(",", ":"))


def cable_url(base_url: str) -> str:
    return base_url.replace("http", "ws", 1) + "/cable"


def event_of(frame: Any) -> str | None:
    if isinstance(frame, dict) and isinstance(frame.get("message"), dict):
        event = frame["message"].get("event")
        return event if isinstance(event, str) else None
    return None


def events(frames: Iterable[Frame], name: str | None = None) -> list[Frame]:
    """The event frames among `frames`, optionally only those named `name`."""
    return [f for f in frames if event_of(f) is not None and (name is None or event_of(f) == name)]


def presence_on(ident: str) -> Callable[[Any], bool]:
    """A predicate: the frame is a `presence.update` on subscription `ident`."""
    return lambda f: event_of(f) == "presence.update" and f.get("identifier") == ident


def names(frames: Iterable[Frame]) -> list[str]:
    return [name for f in frames if (name := event_of(f)) is not None]


class CableClient:
    """One websocket to `/cable` with a buffer of frames received but not yet consumed."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.buffer: list[Any] = []
        self.tokens: dict[str, str] = {}  # confirmed identifier -> its pubsub token

    @classmethod
    async def open(cls, base_url: str, ssl_context: ssl.SSLContext | None = None) -> CableClient:
        ws = await connect(
            cable_url(base_url),
            subprotocols=PROTOCOLS,
            ssl=ssl_context,
            open_timeout=10,
            ping_interval=None,
        )
        client = cls(ws)
        welcome = await client.next_frame(5.0)
        assert welcome == {"type": "welcome"}, welcome
        return client

    async def close(self) -> None:
        await self.ws.close()

    async def __aenter__(self) -> CableClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ---- receiving ----------------------------------------------------------------------
    async def _recv(self, seconds: float) -> str | bytes | None:
        if seconds <= 0:
            return None
        try:
            return await asyncio.wait_for(self.ws.recv(), seconds)
        except TimeoutError:
            return None

    async def next_frame(self, seconds: float) -> Any:
        """The next frame (buffered ones first), decoded when it is JSON text; None on timeout.

        Frames that are not JSON come back as sent: `str` for text, `bytes` for binary.
        """
        if self.buffer:
            return self.buffer.pop(0)
        raw = await self._recv(seconds)
        if raw is None or isinstance(raw, bytes):
            return raw
        try:
            return json.loads(raw)
        except ValueError:
            return raw

    async def wait_for(
        self, predicate: Callable[[Any], bool], seconds: float = 5.0, what: str = "a frame"
    ) -> Any:
        """The first frame matching `predicate`; others (but pings) stay buffered in order."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        skipped: list[Any] = []
        try:
            while True:
                frame = await self.next_frame(deadline - loop.time())
                if frame is None:
                    raise AssertionError(f"timed out after {seconds} s waiting for {what}")
                if predicate(frame):
                    return frame
                if not (isinstance(frame, dict) and frame.get("type") == "ping"):
                    skipped.append(frame)
        finally:
            self.buffer[:0] = skipped

    async def wait_event(self, name: str, seconds: float = 5.0) -> Frame:
        frame: Frame = await self.wait_for(lambda f: event_of(f) == name, seconds, name)
        return frame

    async def frames_within(self, seconds: float) -> list[Any]:
        """Every frame (pings included) that arrives within `seconds`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        frames: list[Any] = []
        while (frame := await self.next_frame(deadline - loop.time())) is not None:
            frames.append(frame)
        return frames

    # ---- commands -----------------------------------------------------------------------
    async def send(self, frame: Any) -> None:
        await self.ws.send(frame if isinstance(frame, str | bytes) else json.dumps(frame))

    async def subscribe(
        self,
        pubsub_token: str,
        account_id: int | None,
        user_id: int | None,
        *,
        ident: str | None = None,
    ) -> str:
        """Subscribe, wait for the confirmation and the first `presence.update`."""
        ident = ident or identifier(pubsub_token, account_id, user_id)
        await self.send({"command": "subscribe", "identifier": ident})
        await self.wait_for(
            lambda f: (
                isinstance(f, dict)
                and f.get("type") == "confirm_subscription"
                and f.get("identifier") == ident
            ),
            what="confirm_subscription",
        )
        self.tokens[ident] = pubsub_token
        # presence goes to the pubsub stream: every subscription with this token gets it
        for each in self.sharing_token(ident):
            await self.wait_for(presence_on(each), what="presence.update after subscribe")
        return ident

    def sharing_token(self, ident: str) -> list[str]:
        """The confirmed subscriptions on the same pubsub stream as `ident` (itself included)."""
        token = self.tokens[ident]
        return [i for i, t in self.tokens.items() if t == token]

    async def unsubscribe(self, ident: str) -> None:
        self.tokens.pop(ident, None)
        await self.send({"command": "unsubscribe", "identifier": ident})

    async def update_presence(self, ident: str) -> None:
        await self.send({"command": "message", "identifier": ident, "data": PRESENCE})

    async def drain(
        self, via: str, identifiers: Iterable[str] | None = None, seconds: float = 5.0
    ) -> list[Frame]:
        """Flush barrier: frames (but pings) that arrived before the presence it triggers.

        The `presence.update` reaches every subscription on the pubsub stream of `via`, so by
        default the barrier waits for it on each of them.
        """
        waiting = set(identifiers) if identifiers is not None else set(self.sharing_token(via))
        await self.update_presence(via)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        frames: list[Frame] = []
        while waiting:
            frame = await self.next_frame(deadline - loop.time())
            if frame is None:
                raise AssertionError(f"no presence.update barrier on {waiting}")
            if isinstance(frame, dict) and frame.get("type") == "ping":
                continue
            if event_of(frame) == "presence.update" and frame.get("identifier") in waiting:
                waiting.discard(frame["identifier"])
                continue
            frames.append(frame)
        return frames
