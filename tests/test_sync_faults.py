"""Sync under bad server data and a locked cache: malformed pages are errors, never holes.

The client talks to the demo server through `tests.fault_proxy`, with a real SQLite cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState, Phase
from tests.conftest import ADMIN
from tests.fault_proxy import Fault, FaultProxy, hold_db_lock
from tests.sync_support import Harness, control, server_messages, until_changed


@pytest.fixture
def proxy(demo_url: str) -> Iterator[FaultProxy]:
    p = FaultProxy(demo_url)
    p.start()
    yield p
    p.stop()


@pytest.fixture
def harness(proxy: FaultProxy, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(proxy.url, ADMIN.access_token, ADMIN.id, ADMIN.pubsub_token, tmp_path / "c.db")
    yield h
    h.close()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"payload": null}', "application/json"),
        (b'{"payload": {"id": 1}}', "application/json"),
        (b"{}", "application/json"),
        (b"<html><body>502 Bad Gateway</body></html>", "text/html"),
    ],
)
def test_a_malformed_message_list_leaves_no_hole(
    harness: Harness, proxy: FaultProxy, body: bytes, content_type: str
) -> None:
    """The history is only complete from a well-formed short page; the next sync fills it."""
    target = 2
    proxy.add(
        Fault(
            "GET",
            rf"/api/v1/accounts/1/conversations/{target}/messages",
            "mangle",
            body=body,
            content_type=content_type,
        )
    )

    async def scenario() -> None:
        engine = harness.engine()
        with pytest.raises(OperatorError) as failure:
            await engine.cold_sync()
        assert failure.value.code is ErrorCode.PROTOCOL
        row = await harness.worker.run(harness.cache.conversation, harness.key, target)
        assert row is not None and not row.messages_synced and not row.history_complete
        proxy.clear()
        await engine.cold_sync()
        await engine.backfill()
        await engine.client.aclose()

    asyncio.run(scenario())
    remote = [m["id"] for m in server_messages(harness.url, target)]
    cached = [
        r.message_id for r in harness.worker.call(harness.cache.messages, harness.key, target)
    ]
    assert remote and cached == remote


@contextlib.contextmanager
def logged(logger: str, text: str) -> Iterator[asyncio.Event]:
    """An event set when `logger` logs a message containing `text` (nothing else signals it)."""
    loop = asyncio.get_running_loop()
    seen = asyncio.Event()

    class Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if text in record.getMessage():
                loop.call_soon_threadsafe(seen.set)

    handler = Watch()
    logging.getLogger(logger).addHandler(handler)
    try:
        yield seen
    finally:
        logging.getLogger(logger).removeHandler(handler)


def test_live_sync_outlives_a_cache_lock_longer_than_its_patience(
    demo_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another process holds the write lock past the retries: the tasks pause, then recover
    every message that arrived meanwhile and keep applying new ones."""
    path = tmp_path / "c.db"
    h = Harness(demo_url, ADMIN.access_token, ADMIN.id, ADMIN.pubsub_token, path)
    h.worker.lock_patience = 0.5
    caplog.set_level(logging.INFO, logger="sync")

    def write(text: str) -> int:
        done = control(demo_url, action="act", op="customer_write", conversation_id=3, content=text)
        return int(done["message_id"])

    async def cached(ids: list[int]) -> bool:
        rows = await h.worker.run(h.cache.messages, h.key, 3)
        return set(ids) <= {r.message_id for r in rows}

    async def scenario() -> None:
        engine = h.engine()
        run = asyncio.create_task(engine.run(live=True))
        await until_changed(h, lambda: engine.status.cable is CableState.CONNECTED)
        with logged("sync", "paused: cache_busy") as paused, hold_db_lock(path):
            during = [write(f"during the lock {i}") for i in range(13)]
            await asyncio.wait_for(paused.wait(), 30)
        await until_changed(h, lambda: cached(during), within=60)
        after = [write(f"after the lock {i}") for i in range(13)]
        await until_changed(h, lambda: cached(after), within=60)
        assert engine.status.phase is Phase.LIVE
        await engine.stop()
        await run
        await engine.client.aclose()

    try:
        asyncio.run(scenario())
    finally:
        h.close()
    assert "Traceback" not in caplog.text
