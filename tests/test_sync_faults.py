"""Sync under bad server data and a locked cache: malformed pages are errors, never holes.

The client talks to the demo server through `tests.fault_proxy`, with a real SQLite cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.clock import SystemClock
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState, Phase
from tests.conftest import ADMIN, api
from tests.fault_proxy import Fault, FaultProxy, hold_db_lock
from tests.sync_support import (
    FAST_SETTINGS,
    Harness,
    control,
    server_messages,
    until_changed,
)

# no polling: only the catch-up after a drop or a failed start can bring the missed messages
NO_POLL = dataclasses.replace(FAST_SETTINGS, poll_after=3600.0, gap_margin=0.0)
CONVERSATION_LIST = r"/api/v1/accounts/1/conversations"
PORTAL = b"<html><body>Sign in to the hotel Wi-Fi</body></html>"


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


def customer_writes(url: str, conversations: tuple[int, ...], text: str) -> list[int]:
    return [
        int(
            control(
                url, action="act", op="customer_write", conversation_id=cid, content=f"{text} {cid}"
            )["message_id"]
        )
        for cid in conversations
    ]


async def all_cached(harness: Harness, ids: list[int], conversations: tuple[int, ...]) -> bool:
    cached: list[int] = []
    for cid in conversations:
        rows = await harness.worker.run(harness.cache.messages, harness.key, cid)
        cached += [r.message_id for r in rows]
    assert len(cached) == len(set(cached)), "a message cached twice"
    return set(ids) <= set(cached)


def test_a_catch_up_that_fails_is_tried_again_until_the_cache_is_whole(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """The cable drops while customers write and the catch-up's conversation list comes back
    as a captive portal's page, twice: it is tried again until every message is cached."""
    convs = (3, 4, 5)

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        run = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.cable and engine.cable.connect_count > 0)
        control(demo_url, action="stall")  # events written now are never seen live
        written = customer_writes(demo_url, convs, "while the cable is down")
        portal = proxy.add(
            Fault(
                "GET", CONVERSATION_LIST, "mangle", times=2, body=PORTAL, content_type="text/html"
            )
        )
        control(demo_url, action="drop_sockets", how="abort")
        control(demo_url, action="resume")
        await until_changed(harness, lambda: all_cached(harness, written, convs), within=30)
        assert portal.hits == 2
        await engine.stop()
        await run
        await engine.client.aclose()

    asyncio.run(scenario())


def test_a_failed_start_catches_up_from_where_the_last_run_stopped(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """The last run's last event was an hour ago and this start's first request fails: the
    catch-up then still asks for everything since that hour, not since the failed start."""
    convs = (3, 4)

    async def scenario() -> None:
        first = harness.engine(NO_POLL)
        await first.run(live=False)
        await first.client.aclose()
        an_hour_ago = first.clock.now() - 3600
        await harness.worker.run(
            harness.cache.update_sync_state,
            harness.key,
            last_event_at=an_hour_ago,
            disconnected_at=None,
        )
        written = customer_writes(demo_url, convs, "while no client ran")
        portal = proxy.add(
            Fault(
                "GET", CONVERSATION_LIST, "mangle", times=1, body=PORTAL, content_type="text/html"
            )
        )
        engine = harness.engine(NO_POLL)
        run = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: all_cached(harness, written, convs), within=30)
        assert portal.hits == 1
        await engine.stop()
        await run
        await engine.client.aclose()

    asyncio.run(scenario())
    windows = [
        int(m.group(1))
        for path in proxy.stats.paths
        if (m := re.search(r"/conversations\?.*updated_within=(\d+)", path))
    ]
    assert len(windows) >= 2 and all(w >= 3600 for w in windows[:2]), windows


def test_what_changes_while_the_first_sync_runs_is_caught_up_once_live(
    harness: Harness, demo_url: str
) -> None:
    """Messages written during the first sync into conversations it has already fetched,
    before the cable is connected, are neither pushed nor fetched again: the engine catches
    up once the cable is up."""
    convs = (3, 4)
    written: list[int] = []

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        listed = asyncio.Event()
        fetched: set[int] = set()

        def on_change(change: ChangeSet) -> None:
            # a page of messages, not the last message a conversation list item carries
            fetched.update(cid for cid, ids in change.messages.items() if len(ids) > 1)
            if not written and fetched >= set(convs):
                written.extend(customer_writes(demo_url, convs, "during the first sync"))
                listed.set()

        engine.add_listeners(on_change, None)
        run = asyncio.create_task(engine.run(live=True))
        await asyncio.wait_for(listed.wait(), 30)
        await until_changed(harness, lambda: all_cached(harness, written, convs), within=30)
        await engine.stop()
        await run
        await engine.client.aclose()

    asyncio.run(scenario())


def test_a_catch_up_cut_short_by_a_kill_is_resumed_by_the_next_process(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """Messages written during the first sync wait for the catch-up that follows the cable's
    connection; the process dies before that catch-up can finish, after live events moved its
    last-event time on: the gap stays recorded from before those messages, and the next
    process catches up from there."""
    convs = (3, 4)
    written: list[int] = []
    written_at: list[float] = []

    async def scenario() -> None:
        first = harness.engine(NO_POLL)
        fetched: set[int] = set()

        def on_change(change: ChangeSet) -> None:
            fetched.update(cid for cid, ids in change.messages.items() if len(ids) > 1)
            if not written and fetched >= set(convs):
                written_at.append(first.clock.now())
                written.extend(customer_writes(demo_url, convs, "during the first sync"))
                proxy.add(Fault("GET", CONVERSATION_LIST, "mangle", body=PORTAL,
                                content_type="text/html"))  # fmt: skip

        first.add_listeners(on_change, None)
        run = asyncio.create_task(first.run(live=True))
        await until_changed(harness, lambda: first.cable and first.cable.connect_count > 0)
        live = customer_writes(demo_url, (5,), "pushed live")
        await until_changed(harness, lambda: all_cached(harness, live, (5,)))
        await first.stop()  # as a kill: nothing more is written on the way out
        await run
        await first.client.aclose()
        assert written and not await all_cached(harness, written, convs)
        state = await harness.worker.run(harness.cache.sync_state, harness.key)
        assert state.disconnected_at is not None and state.disconnected_at <= written_at[0]
        proxy.clear()
        second = harness.engine(NO_POLL)
        run = asyncio.create_task(second.run(live=True))
        await until_changed(harness, lambda: all_cached(harness, written, convs), within=30)
        await second.stop()
        await run
        await second.client.aclose()

    asyncio.run(scenario())


def server_conversation_ids(url: str) -> set[int]:
    ids: set[int] = set()
    with api(url) as client:
        for page in itertools.count(1):
            items = client.get(
                "/api/v1/accounts/1/conversations", params={"status": "all", "page": page}
            ).json()["data"]["payload"]
            ids |= {int(c["id"]) for c in items}
            if len(items) < 25:
                return ids
    raise AssertionError("unreachable")


def listed_pages(proxy: FaultProxy) -> list[int]:
    return [
        int(m.group(1))
        for path in proxy.stats.paths
        if (m := re.search(r"/conversations\?(?:.*&)?page=(\d+)", path))
    ]


def test_a_first_sync_that_breaks_goes_on_from_where_it_stopped(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """Page 3 of the conversation list comes back as a captive portal's page, and later one
    conversation's messages do: each next try goes on from there (page 3 again, then no
    listing at all), and the cache ends up holding every conversation with its messages."""
    for path, every in ((CONVERSATION_LIST, 3), (CONVERSATION_LIST + r"/\d+/messages", 5)):
        proxy.add(Fault("GET", path, "mangle", every=every, times=1, body=PORTAL,
                        content_type="text/html"))  # fmt: skip

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        for _ in range(2):
            with pytest.raises(OperatorError) as failure:
                await engine.cold_sync()
            assert failure.value.code is ErrorCode.PROTOCOL
        await engine.cold_sync()
        await engine.client.aclose()

    asyncio.run(scenario())
    pages = listed_pages(proxy)
    assert pages[:4] == [1, 2, 3, 3] and len(pages) == len(set(pages)) + 1, pages
    cached = harness.worker.call(harness.cache.conversations, harness.key)
    assert {c.display_id for c in cached} == server_conversation_ids(demo_url)
    assert all(c.messages_synced for c in cached)
    state = harness.worker.call(harness.cache.sync_state, harness.key)
    assert state.cold_sync_done


def test_a_conversation_gone_before_the_first_sync_fetched_it_does_not_stop_it(
    harness: Harness, proxy: FaultProxy
) -> None:
    """Listed, then deleted on the server before its messages were asked for (404): the
    first sync ends, and the conversation leaves the list."""
    gone = 7
    not_found = b'{"error":"Resource could not be found"}'
    proxy.add(Fault("GET", CONVERSATION_LIST + rf"/{gone}/messages", "reject", status=404,
                    body=not_found))  # fmt: skip

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        await engine.cold_sync()
        await engine.client.aclose()

    asyncio.run(scenario())
    state = harness.worker.call(harness.cache.sync_state, harness.key)
    assert state.cold_sync_done
    listed = {c.display_id for c in harness.worker.call(harness.cache.conversations, harness.key)}
    assert gone not in listed and len(listed) > 25


def test_a_first_sync_does_not_wait_for_conversations_opened_after_its_listing(
    harness: Harness, proxy: FaultProxy
) -> None:
    """Customers open conversations faster than the first sync can fetch them: one that
    arrives live after the listing is neither fetched (it comes live, and the catch-up from
    the listing's moment covers it) nor taken for deleted, and the first sync ends."""

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        listing = engine.list_all_conversations

        async def then_one_arrives_live() -> Any:
            done = await listing()
            page = await engine.client.conversations(status="all")
            now = engine.clock.now()
            newcomer = dataclasses.replace(page.items[0], id=99_999, last_activity_at=now)
            await harness.worker.run(harness.cache.upsert_conversations, harness.key, [newcomer])
            return done

        engine.list_all_conversations = then_one_arrives_live  # type: ignore[method-assign]
        await engine.cold_sync()
        await engine.client.aclose()

    asyncio.run(scenario())
    state = harness.worker.call(harness.cache.sync_state, harness.key)
    assert state.cold_sync_done
    assert not any("/conversations/99999/" in p for p in proxy.stats.paths)
    newcomer = harness.worker.call(harness.cache.conversation, harness.key, 99_999)
    assert newcomer is not None and newcomer.present_on_server and not newcomer.messages_synced


class NeverWakes(SystemClock):
    """A clock whose sleeps never end: only `retry_now` can end a pause."""

    async def sleep(self, seconds: float) -> None:  # noqa: ARG002 - it never ends
        await asyncio.Event().wait()


def test_work_paused_by_a_full_disk_is_shown_and_goes_on_at_once_when_asked(
    harness: Harness,
) -> None:
    """A background task that could not write (the disk is full) shows why and waits; the
    operator frees space and presses "Try again": it runs again now, not after its pause."""

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        engine.clock = NeverWakes()
        attempts: list[int] = []
        failed = asyncio.Event()

        async def work() -> None:
            attempts.append(len(attempts))
            if len(attempts) == 1:
                failed.set()
                raise OperatorError(ErrorCode.DISK_FULL, "database or disk is full")

        task = asyncio.create_task(engine._supervised("writes", work))
        await asyncio.wait_for(failed.wait(), 10)  # and the task went into its pause
        assert engine.status.error is not None
        assert engine.status.error.code is ErrorCode.DISK_FULL
        assert not task.done()
        engine.retry_now()
        await asyncio.wait_for(task, 10)
        assert attempts == [0, 1]
        await engine.client.aclose()

    asyncio.run(scenario())


def test_a_failed_start_finished_by_the_catch_up_still_catches_up_what_changed_meanwhile(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """The first sync fails at once and the catch-up task does it, while the cable cannot
    connect; customers write into conversations it has already fetched. Those messages are
    neither pushed nor fetched by the first sync: the engine catches up once it is done and
    the cable is up."""
    convs = (3, 4)
    written: list[int] = []
    proxy.add(Fault("GET", CONVERSATION_LIST, "mangle", times=1, body=PORTAL,
                    content_type="text/html"))  # fmt: skip
    no_cable = proxy.add(Fault("GET", "/cable", "reject", status=503))

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        fetched: set[int] = set()

        def on_change(change: ChangeSet) -> None:
            fetched.update(cid for cid, ids in change.messages.items() if len(ids) > 1)
            if not written and fetched >= set(convs):
                written.extend(customer_writes(demo_url, convs, "during the first sync"))

        engine.add_listeners(on_change, None)
        run = asyncio.create_task(engine.run(live=True))

        async def first_sync_done() -> bool:
            state = await harness.worker.run(harness.cache.sync_state, harness.key)
            return state.cold_sync_done

        await until_changed(harness, first_sync_done, within=30)
        assert written and no_cable.hits > 0
        proxy.clear()  # the cable connects now
        await until_changed(harness, lambda: all_cached(harness, written, convs), within=30)
        await engine.stop()
        await run
        await engine.client.aclose()

    asyncio.run(scenario())


def test_a_catch_up_skips_conversations_unchanged_since_they_were_last_fetched_whole(
    harness: Harness, proxy: FaultProxy, demo_url: str
) -> None:
    """After the first sync every conversation is whole: a catch-up over the last three hours
    asks for the messages of the one a customer wrote to since, not of every conversation
    the server changed in those hours (a killed process's next catch-up does not start
    over)."""

    async def scenario() -> None:
        engine = harness.engine(NO_POLL)
        await engine.cold_sync()
        control(demo_url, action="act", op="customer_write", conversation_id=5, content="Hi")
        asked_before = len(proxy.stats.paths)
        await engine.gap_fill(engine.clock.now() - engine.settings.max_disconnect + 60)
        asked = proxy.stats.paths[asked_before:]
        await engine.client.aclose()
        changed = [p for p in asked if "updated_within" in p]
        assert len(changed) == 1
        fetched = {int(m.group(1)) for p in asked if (m := re.search(r"/(\d+)/messages", p))}
        assert fetched == {5}, asked

    asyncio.run(scenario())


def test_catch_up_work_runs_a_few_at_a_time_and_stops_at_the_first_failure() -> None:
    from operator_desktop.sync.engine import _each_at_most

    async def scenario() -> None:
        running, most, finished = 0, 0, []

        async def work(n: int) -> None:
            nonlocal running, most
            running += 1
            most = max(most, running)
            await asyncio.sleep(0)
            running -= 1
            if n == 5:
                raise OperatorError(ErrorCode.NETWORK_DOWN)
            finished.append(n)

        await _each_at_most(3, list(range(5)), work)
        assert sorted(finished) == [0, 1, 2, 3, 4] and most == 3
        finished.clear()
        with pytest.raises(OperatorError):
            await _each_at_most(3, list(range(20)), work)
        assert 5 not in finished and len(finished) < 19  # the rest was not started

    asyncio.run(scenario())


class SleepsAtOnce(SystemClock):
    """Pauses end at once; their lengths are kept."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        await asyncio.sleep(0)


@pytest.mark.parametrize("progress", [True, False])
def test_a_task_that_fails_after_getting_somewhere_is_tried_again_soon(
    harness: Harness, progress: bool
) -> None:
    """A catch-up under a flaky network fails again and again, but fetches conversations
    each time: its pauses stay short. One that gets nowhere backs off further each time."""

    async def scenario() -> list[float]:
        engine = harness.engine(NO_POLL)
        clock = engine.clock = SleepsAtOnce()
        attempts = 0

        async def work() -> None:
            nonlocal attempts
            attempts += 1
            if attempts > 6:
                return
            if progress:
                engine.fetched += 1
            raise OperatorError(ErrorCode.NETWORK_DOWN)

        await engine._supervised("catch-up", work)
        await engine.client.aclose()
        return clock.slept

    slept = asyncio.run(scenario())
    assert len(slept) == 6
    if progress:
        assert max(slept) <= 1.0, slept  # every one as after a first failure
    else:
        assert slept[-1] >= 16.0, slept  # 2^5 s, half of it at least
