"""The outbox under a real network's faults: responses lost after the server acted, requests
that never arrived, identical replies, and the order of a conversation's queue.

The client talks to the demo server through `tests.fault_proxy`, with a real SQLite cache.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.core.status import CableState
from operator_desktop.storage.cache import OutboxEntry
from operator_desktop.sync.engine import SyncEngine
from operator_desktop.sync.outbox import OutboxSender, enqueue_reply
from tests.conftest import ADMIN
from tests.fault_proxy import Fault, FaultProxy
from tests.sync_support import Harness, server_messages, until_changed

POST_MESSAGES = r"/api/v1/accounts/1/conversations/\d+/messages"


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


def server_contents(url: str, display_id: int) -> list[str]:
    """Every message content of a conversation on the server, oldest first."""
    return [m["content"] for m in server_messages(url, display_id)]


async def queue(h: Harness, display_id: int, text: str) -> OutboxEntry:
    return await enqueue_reply(h.worker, h.cache, h.key, display_id, text, now=time.time())


async def deliver_until_settled(engine: SyncEngine, rounds: int = 20) -> None:
    """What the outbox loop does, without a cable: retry until nothing is left pending."""
    sender = OutboxSender(engine)
    for _ in range(rounds):
        if await sender.deliver_all():
            return
    raise AssertionError("the outbox never settled")


async def outbox_states(h: Harness) -> list[tuple[str, int | None]]:
    entries = await h.worker.run(
        h.cache.outbox, h.key, states=("pending", "sending", "sent", "failed")
    )
    ids = await h.worker.run(h.cache.outbox_server_ids, h.key)
    return [(e.state, ids.get(e.id)) for e in entries]


def test_lost_responses_never_duplicate_without_the_cable(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """Every third POST's response is lost after the server created the message."""

    async def scenario() -> None:
        engine = harness.engine()
        await engine.cold_sync()
        proxy.add(Fault("POST", POST_MESSAGES, "drop", every=3))
        texts = {display_id: [f"lost-{display_id}-{i}" for i in range(6)] for display_id in (3, 4)}
        for display_id, items in texts.items():
            for text in items:
                await queue(harness, display_id, text)
        await deliver_until_settled(engine)
        await engine.client.aclose()
        assert proxy.stats.dropped >= 3
        for display_id, items in texts.items():
            contents = server_contents(demo_url, display_id)
            assert [contents.count(t) for t in items] == [1] * len(items)
            # delivered in the order they were queued
            assert [c for c in contents if c in items] == items
        states = await outbox_states(harness)
        assert {s for s, _ in states} == {"sent"}
        server_ids = [i for _, i in states]
        assert len(set(server_ids)) == len(server_ids) == 12

    asyncio.run(scenario())


def test_identical_replies_each_reach_the_server(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """Two queued "Thanks!": the first's response is lost, the second never arrives."""

    async def scenario() -> None:
        engine = harness.engine()
        await engine.cold_sync()
        before = server_contents(demo_url, 5).count("Thanks!")
        proxy.add(Fault("POST", POST_MESSAGES, "drop", times=1))
        await queue(harness, 5, "Thanks!")
        await queue(harness, 5, "Thanks!")
        sender = OutboxSender(engine)
        await sender.deliver_all()  # the first is created, its answer lost
        proxy.add(Fault("POST", POST_MESSAGES, "fail", times=1))
        await deliver_until_settled(engine)
        await engine.client.aclose()
        assert server_contents(demo_url, 5).count("Thanks!") == before + 2
        states = await outbox_states(harness)
        assert [s for s, _ in states] == ["sent", "sent"]
        assert len({i for _, i in states}) == 2

    asyncio.run(scenario())


def test_identical_replies_both_lost_are_not_sent_a_third_time(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    async def scenario() -> None:
        engine = harness.engine()
        await engine.cold_sync()
        before = server_contents(demo_url, 6).count("On it")
        proxy.add(Fault("POST", POST_MESSAGES, "drop", times=2))
        await queue(harness, 6, "On it")
        await queue(harness, 6, "On it")
        await deliver_until_settled(engine)
        await engine.client.aclose()
        assert proxy.stats.dropped == 2
        assert server_contents(demo_url, 6).count("On it") == before + 2
        states = await outbox_states(harness)
        assert [s for s, _ in states] == ["sent", "sent"]
        assert len({i for _, i in states}) == 2

    asyncio.run(scenario())


def test_lost_responses_while_live_are_settled_by_the_echo(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """Live, 36 replies with every fifth response lost: each arrives once, all are sent."""

    async def scenario() -> None:
        engine = harness.engine()
        run = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.status.cable is CableState.CONNECTED)
        proxy.add(Fault("POST", POST_MESSAGES, "drop", every=5))
        texts = [f"live-{i}" for i in range(36)]
        for i, text in enumerate(texts):
            await queue(harness, 7 + i % 3, text)
        engine.outbox_wakeup.set()

        async def settled() -> bool:
            return all(s == "sent" for s, _ in await outbox_states(harness))

        await until_changed(harness, settled, within=60)
        await engine.stop()
        await run
        await engine.client.aclose()
        assert proxy.stats.dropped >= 7
        for display_id in (7, 8, 9):
            contents = server_contents(demo_url, display_id)
            mine = [t for t in texts[display_id - 7 :: 3]]
            assert [contents.count(t) for t in mine] == [1] * len(mine)
            assert [c for c in contents if c in mine] == mine
        ids = [i for _, i in await outbox_states(harness)]
        assert len(set(ids)) == 36

    asyncio.run(scenario())
