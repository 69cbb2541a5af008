"""The demo server's process: configuration, the aiohttp application, faults, TLS and state.

`DemoServer` owns the store, clock, hub, presence, service and views and runs them on one
asyncio loop. `DemoServerThread` runs a `DemoServer` on its own loop in a thread, so a GUI
never serves HTTP on its own event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.http import SERVER_KEY, error_middleware
from operator_desktop.demo.hub import Hub, Presence
from operator_desktop.demo.models import Clock, DemoStore
from operator_desktop.demo.service import DemoService
from operator_desktop.demo.views import ViewContext

log = logging.getLogger("demo.server")

SIGN_IN_IP_LIMIT = 5
SIGN_IN_IP_PERIOD = 300.0
SIGN_IN_EMAIL_LIMIT = 10
SIGN_IN_EMAIL_PERIOD = 900.0
MFA_LIMIT = 10
MFA_PERIOD = 60.0
TRANSCRIPT_LIMIT = 30  # rack-attack: …/conversations/{id}/transcript, per account
TRANSCRIPT_PERIOD = 3600.0
LOOPBACK = {"127.0.0.1", "::1"}
STATE_SAVE_INTERVAL = 2.0

_T = TypeVar("_T")


@dataclass
class Faults:
    """What the control endpoint switched on; all off after `reset`."""

    fail_status: int = 0
    fail_remaining: int = 0
    latency: float = 0.0
    throttle_sign_in: bool = False
    malformed_frames: int = 0

    def reset(self) -> None:
        self.fail_status = 0
        self.fail_remaining = 0
        self.latency = 0.0
        self.throttle_sign_in = False
        self.malformed_frames = 0


@dataclass
class TranscriptEmail:
    """A transcript Chatwoot would have mailed (`ConversationReplyMailer#conversation_transcript`
    via `deliver_later`); the demo sends no mail and keeps the request here instead."""

    account_id: int
    conversation_id: int  # display id
    user_id: int
    to_email: str
    requested_at: float


@dataclass
class RateWindow:
    """A fixed-window counter per key, as rack-attack's throttle."""

    limit: int
    period: float
    hits: dict[str, deque[float]] = field(default_factory=dict)

    def hit(self, key: str, now: float) -> bool:
        """Count one request; False when the key is over its limit."""
        window = self.hits.setdefault(key, deque())
        while window and window[0] <= now - self.period:
            window.popleft()
        window.append(now)
        return len(window) <= self.limit

    def clear(self) -> None:
        self.hits.clear()


class DemoServer:
    """One Chatwoot-compatible server: data, rules, HTTP, cable, control and simulation."""

    def __init__(self, config: DemoConfig, store: DemoStore | None = None) -> None:
        from operator_desktop.demo.seed import build_store

        self.config = config
        self.clock = Clock()
        self.store = store or self._load_or_seed(build_store)
        self.hub = Hub()
        self.presence = Presence(self.clock)
        self.faults = Faults(throttle_sign_in=config.throttle)
        self.sign_in_by_ip = RateWindow(SIGN_IN_IP_LIMIT, SIGN_IN_IP_PERIOD)
        self.sign_in_by_email = RateWindow(SIGN_IN_EMAIL_LIMIT, SIGN_IN_EMAIL_PERIOD)
        self.mfa_by_ip = RateWindow(MFA_LIMIT, MFA_PERIOD)
        self.transcript_by_account = RateWindow(TRANSCRIPT_LIMIT, TRANSCRIPT_PERIOD)
        self.transcript_emails: list[TranscriptEmail] = []  # the mail the demo did not send
        self.base_url = ""
        self.views = ViewContext(
            store=self.store,
            base_url="",
            is_user_present=self.presence.is_user_present,
            is_contact_present=self.presence.is_contact_present,
        )
        self.service = DemoService(self.store, self.clock, self.hub, self.presence, self.views)
        self.mfa_tokens: dict[str, tuple[int, float]] = {}  # mfa_token -> (user id, expiry)
        self.request_count = 0
        self.message_posts = 0  # message creates received (counted before any latency)
        self.websockets: set[web.WebSocketResponse] = set()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._ssl: ssl.SSLContext | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._state_digest = ""
        self.app = self._build_app()

    # ---- construction -----------------------------------------------------------------
    def _load_or_seed(self, build_store: Any) -> DemoStore:
        path = self.config.state_file
        if path is not None and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            self.clock.offset = float(data.get("clock_offset", 0.0))
            return DemoStore.from_json(data["store"])
        store: DemoStore = build_store(self.config.seed, self.clock.now())
        return store

    def _build_app(self) -> web.Application:
        from operator_desktop.demo import (
            cable,
            control,
            routes_auth,
            routes_contacts,
            routes_conversation_actions,
            routes_conversation_filter,
            routes_conversations,
            routes_files,
            routes_messages,
            routes_participants,
            routes_reference,
            routes_search,
            routes_transcript,
            routes_uploads,
        )

        app = web.Application(
            middlewares=[self._fault_middleware, error_middleware],
            client_max_size=64 * 1024 * 1024,
        )
        app[SERVER_KEY] = self
        for module in (
            routes_auth,
            routes_conversations,
            routes_conversation_filter,
            routes_search,
            routes_conversation_actions,
            routes_participants,
            routes_transcript,
            routes_messages,
            routes_contacts,
            routes_reference,
            routes_files,
            routes_uploads,
            cable,
            control,
        ):
            app.add_routes(module.routes)
        return app

    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.request_count += 1
        if request.path.startswith("/__control") or request.path == "/cable":
            return await handler(request)
        if request.method == "POST" and request.path.endswith("/messages"):
            self.message_posts += 1
        if self.faults.latency > 0:
            await asyncio.sleep(self.faults.latency)
        if self.faults.fail_remaining > 0:
            self.faults.fail_remaining -= 1
            if self.faults.fail_status == 429:
                return web.Response(status=429, text="Retry later\n", content_type="text/plain")
            return web.json_response(
                {"status": self.faults.fail_status, "error": "Internal Server Error"},
                status=self.faults.fail_status,
            )
        return await handler(request)

    def throttle_applies(self, remote: str | None) -> bool:
        """§9.1: loopback is exempt from the rack-attack throttles (sign-in, MFA,
        transcript) unless `--throttle` (or the control endpoint) says not."""
        return self.faults.throttle_sign_in or (remote or "") not in LOOPBACK

    # ---- lifecycle ----------------------------------------------------------------------
    @property
    def scheme(self) -> str:
        return "https" if self.config.tls else "http"

    async def start(self) -> str:
        if self.config.tls:
            from operator_desktop.demo.tls import make_server_context

            self._ssl = make_server_context(self.config.host, self.config.cert_file)
        self._runner = web.AppRunner(self.app, handle_signals=False, access_log=None)
        await self._runner.setup()
        await self._listen(self.config.port)
        self.base_url = self.config.public_url or self._own_url()
        self.views.base_url = self.base_url
        self._spawn(self._state_saver())
        if self.config.simulate:
            from operator_desktop.demo.simulate import CustomerSimulator

            simulator = CustomerSimulator(self, seed=self.config.seed)
            self._spawn(simulator.run())
        return self.base_url

    def _own_url(self) -> str:
        host = self.config.host
        if ":" in host:
            host = f"[{host}]"
        return f"{self.scheme}://{host}:{self.config.port}"

    async def _listen(self, port: int) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(
            self._runner, self.config.host, port, ssl_context=self._ssl, reuse_address=True
        )
        await self._site.start()
        server = self._site._server
        if port == 0 and server is not None:
            sockets = getattr(server, "sockets", None) or []
            self.config.port = sockets[0].getsockname()[1]

    async def stop_listener_for(self, seconds: float, serving: object = None) -> None:
        """Control: go down for a while, as a crashed server does.

        The listening socket closes, every websocket is aborted and every open HTTP
        connection is closed (a client's keep-alive connection must not outlive the server);
        `serving`, the connection this control request came on, closes once answered.
        """
        await self.drop_sockets("abort")
        if self._site is not None:
            await self._site.stop()
            self._site = None
        if self._runner is not None and self._runner.server is not None:
            for handler in self._runner.server.connections:
                if handler is serving:
                    handler.close()
                else:
                    handler.force_close()

        async def reopen() -> None:
            await asyncio.sleep(seconds)
            await self._listen(self.config.port)

        self._spawn(reopen())

    async def drop_sockets(self, how: str) -> None:
        """Control: close every cable socket cleanly, abort it, or send `disconnect` first."""
        for ws in list(self.websockets):
            if how == "disconnect":
                await ws.send_json(
                    {"type": "disconnect", "reason": "server_restart", "reconnect": True}
                )
                await ws.close()
            elif how == "abort":
                transport = ws._req.transport if ws._req is not None else None
                if transport is not None:
                    transport.abort()
                await ws.close()
            else:
                await ws.close()
        self.websockets.clear()

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("demo server task failed", exc_info=task.exception())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.drop_sockets("disconnect")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self.save_state()

    # ---- state --------------------------------------------------------------------------
    def save_state(self) -> None:
        path = self.config.state_file
        if path is None:
            return
        payload = json.dumps(
            {"clock_offset": self.clock.offset, "store": self.store.to_json()},
            ensure_ascii=False,
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        if digest == self._state_digest:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(payload, encoding="utf-8")
        os.replace(tmp, path)
        self._state_digest = digest

    async def _state_saver(self) -> None:
        while True:
            await asyncio.sleep(STATE_SAVE_INTERVAL)
            self.save_state()

    def reset(self) -> None:
        """Control: fresh seed data, counters and faults."""
        from operator_desktop.demo.seed import build_store

        fresh = build_store(self.config.seed, self.clock.now())
        for name in vars(fresh):
            setattr(self.store, name, getattr(fresh, name))
        self.faults.reset()
        self.faults.throttle_sign_in = self.config.throttle
        self.sign_in_by_ip.clear()
        self.sign_in_by_email.clear()
        self.mfa_by_ip.clear()
        self.transcript_by_account.clear()
        self.transcript_emails.clear()
        self.hub.resume()
        self.hub.reset()
        self.presence.reset()
        self.request_count = 0


class DemoServerThread:
    """A `DemoServer` on its own asyncio loop in a daemon thread."""

    def __init__(self, config: DemoConfig) -> None:
        self.config = config
        self.url = ""
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._server: DemoServer | None = None
        self._thread = threading.Thread(target=self._run, name="demo-server", daemon=True)

    @property
    def server(self) -> DemoServer:
        """The running server; touch its store only through `call`."""
        if self._server is None:
            raise RuntimeError("demo server is not running")
        return self._server

    def call(self, fn: Callable[[], _T], timeout: float = 10.0) -> _T:
        """Run `fn` on the server's own loop thread and return its result (tests, the GUI)."""
        if self._loop is None:
            raise RuntimeError("demo server is not running")

        async def invoke() -> _T:
            return fn()

        return asyncio.run_coroutine_threadsafe(invoke(), self._loop).result(timeout)

    def start(self, timeout: float = 30.0) -> str:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("demo server did not start in time")
        if self.error is not None:
            raise RuntimeError(f"demo server failed to start: {self.error}") from self.error
        return self.url

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            server = DemoServer(self.config)
            self._server = server
            self.url = await server.start()
        except BaseException as exc:  # reported to the starting thread
            self.error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await server.stop()

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)


async def serve_forever(config: DemoConfig) -> None:
    """`operator-desktop demo-server`: print READY, serve until SIGINT/SIGTERM."""
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = DemoServer(config)
    await server.start()
    # the listening address (not --public-url): whoever reads READY connects to it
    print(f"READY {server._own_url()}", flush=True)
    started = time.monotonic()
    try:
        await stop.wait()
    finally:
        log.info("stopping after %.0f s", time.monotonic() - started)
        await server.stop()
