"""Helpers for client-core tests: a workspace-free engine on a temp cache, and waiting."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from operator_desktop.core.backoff import Backoff
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.status import SyncStatus
from operator_desktop.net.cable import CableTimings
from operator_desktop.net.client import ChatwootClient
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import CacheDatabase, DbWorker
from operator_desktop.sync.engine import SyncEngine, SyncSettings
from tests.conftest import api

FAST_SETTINGS = SyncSettings(request_rate=200.0, poll_after=0.5, tick=0.05, outbox_retry=0.2)
FAST_CABLE = CableTimings(confirm_timeout=2.0, watchdog=4.0, presence_interval=1.0)


@dataclass
class Harness:
    url: str
    token: str
    user_id: int
    pubsub: str
    path: Path
    account_id: int = 1
    changes: list[ChangeSet] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.worker = DbWorker()
        self.cache: Cache = self.worker.call(lambda: Cache(CacheDatabase(self.path)))
        self.key = AccountKey(self.url, self.account_id)
        self.changed = asyncio.Event()

    def _on_change(self, change: ChangeSet) -> None:
        self.changes.append(change)
        self.changed.set()

    def engine(self, settings: SyncSettings = FAST_SETTINGS) -> SyncEngine:
        client = ChatwootClient(
            self.url,
            token=self.token,
            account_id=self.account_id,
            backoff=Backoff(base=0.05, cap=0.2),
        )

        def on_status(status: SyncStatus) -> None:
            self.statuses.append(status.phase.value)
            self.changed.set()

        return SyncEngine(
            key=self.key,
            client=client,
            cache=self.cache,
            worker=self.worker,
            user_id=self.user_id,
            pubsub_token=self.pubsub,
            settings=settings,
            cable_timings=FAST_CABLE,
            on_change=self._on_change,
            on_status=on_status,
        )

    def close(self) -> None:
        self.worker.call(self.cache.database.close)
        self.worker.shutdown()


async def until_changed(harness: Harness, check: Callable[[], Any], *, within: float = 15.0) -> Any:
    """Wait until `check()` (sync or async) is truthy, re-checking after every change-set."""
    deadline = time.monotonic() + within
    while True:
        harness.changed.clear()
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"condition not met within {within} s")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(harness.changed.wait(), remaining)


def control(url: str, **body: Any) -> dict[str, Any]:
    response = httpx.post(f"{url}/__control", json=body, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def server_messages(url: str, display_id: int) -> list[dict[str, Any]]:
    """The whole transcript, paged backwards with before=."""
    with api(url) as client:
        path = f"/api/v1/accounts/1/conversations/{display_id}/messages"
        batch = client.get(path).json()["payload"]
        messages = list(batch)
        while len(batch) == 20:
            batch = client.get(path, params={"before": messages[0]["id"]}).json()["payload"]
            messages = batch + messages
        return messages
