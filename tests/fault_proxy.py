"""A loopback fault proxy between the client and the demo server, for the fault tests.

It forwards HTTP (and the `/cable` websocket) to an upstream server and applies `Fault`s to
the requests they match: drop the response after the upstream acted (the client sees the
connection close), fail before forwarding, answer an error without forwarding (a 500 or a
429 burst), or replace the response with a mangled one; a fault hits every n-th matching
request or, for the chaos run, each one with a seeded probability. A fault matching
`/cable` refuses (reject) or cuts (any other action) the websocket upgrade. It also
holds SQLite's write lock from another connection (`hold_db_lock`), as a second process would.
Everything is counted so that a test can say how many requests each fault hit.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

from tests.cache_fixtures import raw_connection

HOP_HEADERS = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "upgrade",
    "host",
}


@dataclass
class Fault:
    """What to do to the requests matching `method` ("*": any) and the `path` regex.

    `action`: "drop" (forward, then close without answering), "fail" (close without
    forwarding), "reject" (answer `status`/`body` without forwarding) or "mangle" (forward,
    then answer `status`/`body`/`content_type` instead).
    `every`: hit every n-th matching request (1 = all); `chance`: instead, hit each one with
    this probability; `times`: at most this many hits.
    """

    method: str
    path: str
    action: str
    every: int = 1
    chance: float | None = None
    times: int | None = None
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    seen: int = 0
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method) and re.fullmatch(self.path, path) is not None

    def take(self, rng: random.Random) -> bool:
        """Count one matching request; True when the fault applies to it."""
        self.seen += 1
        if self.times is not None and self.hits >= self.times:
            return False
        if self.chance is not None:
            if rng.random() >= self.chance:
                return False
        elif self.seen % self.every != 0:
            return False
        self.hits += 1
        return True

    @property
    def spent(self) -> bool:
        return self.times is not None and self.hits >= self.times


@dataclass
class ProxyStats:
    forwarded: int = 0
    dropped: int = 0
    failed: int = 0
    rejected: int = 0
    mangled: int = 0
    sockets_dropped: int = 0
    unreachable: int = 0
    paths: list[str] = field(default_factory=list)


class FaultProxy:
    """The proxy on its own asyncio loop in a daemon thread; `url` is what clients use."""

    def __init__(self, upstream: str, *, seed: int = 0) -> None:
        self.upstream = upstream.rstrip("/")
        self.rng = random.Random(seed)
        self.url = ""
        self.faults: list[Fault] = []
        self.stats = ProxyStats()
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)

    # ---- control (any thread) ---------------------------------------------------------------
    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def drop_sockets(self) -> None:
        """Close every proxied websocket (the client reconnects through the proxy)."""
        if self._loop is None:
            return

        async def close_all() -> None:
            for ws in list(self._sockets):
                self.stats.sockets_dropped += 1
                await ws.close()

        asyncio.run_coroutine_threadsafe(close_all(), self._loop).result(10)

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, path) and fault.take(self.rng):
                    return fault
            self.faults = [f for f in self.faults if not f.spent]
        return None

    # ---- lifecycle --------------------------------------------------------------------------
    def start(self) -> str:
        self._thread.start()
        if not self._ready.wait(15):
            raise RuntimeError("fault proxy did not start")
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(15)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)
        port = server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self._session = aiohttp.ClientSession(auto_decompress=False)
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            for ws in list(self._sockets):
                await ws.close()
            await self._session.close()
            await runner.cleanup()

    # ---- forwarding -------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        fault = self._fault_for(request.method, request.path)
        if request.headers.get("Upgrade", "").lower() == "websocket":
            if fault is None:
                return await self._websocket(request)
            if fault.action == "reject":  # the upgrade is refused with this status
                self.stats.rejected += 1
                return web.Response(status=fault.status, body=fault.body)
            self.stats.failed += 1  # any other fault: the connection is cut
            return self._abort(request)
        body = await request.read()
        self.stats.paths.append(f"{request.method} {request.path_qs}")
        if fault is not None and fault.action == "fail":
            self.stats.failed += 1
            return self._abort(request)
        if fault is not None and fault.action == "reject":
            self.stats.rejected += 1
            return web.Response(
                status=fault.status, body=fault.body, headers={"Content-Type": fault.content_type}
            )
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        try:
            async with self._session.request(
                request.method,
                self.upstream + request.path_qs,
                headers=headers,
                data=body,
                allow_redirects=False,
            ) as upstream:
                payload = await upstream.read()
                status = upstream.status
                out_headers = {
                    k: v for k, v in upstream.headers.items() if k.lower() not in HOP_HEADERS
                }
        except (aiohttp.ClientError, OSError):  # the upstream is down: what a gateway says
            self.stats.unreachable += 1
            return web.Response(status=502, text="Bad Gateway")
        self.stats.forwarded += 1
        if fault is not None and fault.action == "drop":
            self.stats.dropped += 1
            return self._abort(request)
        if fault is not None and fault.action == "mangle":
            self.stats.mangled += 1
            return web.Response(
                status=fault.status, body=fault.body, headers={"Content-Type": fault.content_type}
            )
        return web.Response(status=status, body=payload, headers=out_headers)

    @staticmethod
    def _abort(request: web.Request) -> web.StreamResponse:
        """Close the client's connection without an answer (a response lost on the way)."""
        transport = request.transport
        if transport is not None:
            transport.abort()
        raise asyncio.CancelledError  # aiohttp ends the handler quietly for a lost peer

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        protocols = [
            p.strip() for p in request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p
        ]
        client_ws = web.WebSocketResponse(protocols=protocols)
        await client_ws.prepare(request)
        self._sockets.add(client_ws)
        target = self.upstream.replace("http", "ws", 1) + request.path_qs
        origin = request.headers.get("Origin")
        try:
            async with self._session.ws_connect(
                target, protocols=protocols, headers={"Origin": origin} if origin else None
            ) as upstream_ws:

                async def pump_up() -> None:
                    async for msg in client_ws:
                        if msg.type is aiohttp.WSMsgType.TEXT:
                            await upstream_ws.send_str(msg.data)

                async def pump_down() -> None:
                    async for msg in upstream_ws:
                        if msg.type is aiohttp.WSMsgType.TEXT:
                            await client_ws.send_str(msg.data)

                tasks = [asyncio.create_task(pump_up()), asyncio.create_task(pump_down())]
                done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                for task in done:  # a side that went away mid-send: nothing more to pump
                    if not task.cancelled():
                        task.exception()
                for task in pending:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
        except (aiohttp.ClientError, OSError):
            pass
        finally:
            self._sockets.discard(client_ws)
            await client_ws.close()
        return client_ws


@contextlib.contextmanager
def hold_db_lock(path: Path) -> Iterator[None]:
    """Hold the cache's write lock from another connection until the block ends (with the
    OS keyring's key when the cache is encrypted)."""
    conn = raw_connection(path, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("COMMIT")
    finally:
        conn.close()
