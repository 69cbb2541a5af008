"""The sync engine against the demo server over loopback, with a real SQLite cache (§8)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from operator_desktop.core.clock import SystemClock
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState, Phase
from operator_desktop.net.client import ChatwootClient
from operator_desktop.storage.records import ReferenceKind
from operator_desktop.sync.engine import EVENT_MARK_INTERVAL
from operator_desktop.sync.typing import TypingTracker, Typist
from tests.conftest import ADMIN, api
from tests.sync_support import Harness, control, server_messages, until_changed


@pytest.fixture
def harness(demo_url: str, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(demo_url, ADMIN.access_token, ADMIN.id, ADMIN.pubsub_token, tmp_path / "c.db")
    yield h
    h.close()


def server_conversations(url: str) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    with api(url) as client:
        page = 1
        while True:
            data = client.get(
                "/api/v1/accounts/1/conversations", params={"status": "all", "page": page}
            ).json()["data"]["payload"]
            out.update({c["id"]: c for c in data})
            if len(data) < 25:
                return out
            page += 1


def test_cold_sync_equals_server_field_by_field(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        await engine.client.aclose()

    asyncio.run(go())
    remote = server_conversations(harness.url)
    cached = {
        c.display_id: c for c in harness.worker.call(harness.cache.conversations, harness.key)
    }
    assert set(cached) == set(remote)
    for display_id, r in remote.items():
        c = cached[display_id]
        assert c.status == r["status"]
        assert c.priority == r["priority"]
        assert json.loads(c.labels) == r["labels"]
        assert c.inbox_id == r["inbox_id"]
        assert c.unread_count == r["unread_count"]
        assert c.assignee_id == (r["meta"].get("assignee") or {}).get("id")
        assert c.team_id == (r["meta"].get("team") or {}).get("id")
        assert c.contact_name == r["meta"]["sender"]["name"]
        assert c.updated_at == pytest.approx(r["updated_at"])
        previewed = r["last_non_activity_message"]  # an activity line is never the preview
        assert c.last_message_id == (previewed["id"] if previewed else None)
    # the latest 20 messages of every conversation are cached, equal to the server's
    for display_id in list(remote)[:10]:
        latest = server_messages(harness.url, display_id)[-20:]
        rows = harness.worker.call(harness.cache.messages, harness.key, display_id)
        got = {m.message_id: m for m in rows}
        for m in latest:
            row = got[m["id"]]
            assert row.content == m["content"]
            assert row.message_type == m["message_type"]
            assert bool(row.private) == m["private"]
            assert row.status == m["status"]
            assert row.created_at == m["created_at"]
    kinds = {k for change in harness.changes for k in change.reference}
    assert kinds == {"inboxes", "agents", "teams", "labels", "canned", "attributes"}


def test_live_events_reach_the_cache(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        runner = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.cable and engine.cable.connect_count > 0)
        sent = control(
            harness.url,
            action="act",
            op="customer_write",
            conversation_id=2,
            content="Где мой заказ? Live event",
        )

        async def arrived() -> bool:
            rows = await harness.worker.run(harness.cache.messages, harness.key, 2)
            return any(r.message_id == sent["message_id"] for r in rows)

        await until_changed(harness, arrived)
        control(harness.url, action="act", op="customer_typing", conversation_id=2, on=True)
        await until_changed(harness, lambda: engine.typing.typists(2, engine.clock.now()))
        await engine.stop()
        runner.cancel()
        await engine.client.aclose()

    asyncio.run(go())


def test_gap_fill_after_dropped_sockets(harness: Harness) -> None:
    """Sockets drop while customers write; after reconnect the cache equals the server."""

    async def go() -> None:
        engine = harness.engine()
        runner = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.cable and engine.cable.connect_count > 0)
        control(harness.url, action="stall")  # events written now are never seen live
        written = [
            control(
                harness.url,
                action="act",
                op="customer_write",
                conversation_id=cid,
                content=f"while away {cid}",
            )["message_id"]
            for cid in (3, 4, 5, 3)
        ]
        control(harness.url, action="drop_sockets", how="abort")
        control(harness.url, action="resume")

        async def all_there() -> bool:
            cached: list[int] = []
            for cid in (3, 4, 5):
                rows = await harness.worker.run(harness.cache.messages, harness.key, cid)
                cached += [r.message_id for r in rows]
            assert len(cached) == len(set(cached)), "duplicate messages in the cache"
            return set(written) <= set(cached)

        await until_changed(harness, all_there, within=30)
        await engine.stop()
        runner.cancel()
        await engine.client.aclose()

    asyncio.run(go())
    for cid in (3, 4, 5):
        remote = [m["id"] for m in server_messages(harness.url, cid)]
        cached = [
            r.message_id for r in harness.worker.call(harness.cache.messages, harness.key, cid)
        ]
        assert cached == sorted(set(cached))
        assert set(remote[-20:]) <= set(cached)


def test_stalled_stream_is_covered_by_polling(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        runner = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.cable and engine.cable.connect_count > 0)
        control(harness.url, action="stall")  # pings go on, events do not
        sent = control(
            harness.url,
            action="act",
            op="customer_write",
            conversation_id=6,
            content="stalled stream",
        )["message_id"]

        async def arrived() -> bool:
            rows = await harness.worker.run(harness.cache.messages, harness.key, 6)
            return any(r.message_id == sent for r in rows)

        await until_changed(harness, arrived, within=20)
        control(harness.url, action="resume")
        await engine.stop()
        runner.cancel()
        await engine.client.aclose()

    asyncio.run(go())


def test_bursts_of_500_and_429_are_survived(harness: Harness) -> None:
    control(harness.url, action="fail_next", count=3, status=500)

    async def go() -> None:
        engine = harness.engine()
        await engine.refresh_reference({ReferenceKind.LABELS})
        control(harness.url, action="fail_next", count=3, status=429)
        page = await engine.client.conversations(status="all")
        assert page.items
        await engine.client.aclose()

    asyncio.run(go())


def test_revoked_token_means_sign_in_again_and_keeps_cache(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        with api(harness.url) as admin:
            assert admin.post("/api/v1/profile/reset_access_token").status_code == 200
        with pytest.raises(OperatorError) as info:
            await engine.gap_fill(engine.clock.now() - 30)
        assert info.value.code is ErrorCode.SESSION_EXPIRED
        assert engine.status.phase is Phase.SIGNED_OUT
        # the cable coming back after the refusal (its reconnect raced the REST call) and a
        # later sync leave the engine signed out: a live run would otherwise go on forever
        engine.on_cable_state(CableState.CONNECTED, "")
        engine._synced(engine.clock.now())
        assert engine.status.phase is Phase.SIGNED_OUT
        assert engine.status.error is not None
        assert engine.status.error.code is ErrorCode.SESSION_EXPIRED
        await engine.client.aclose()

    asyncio.run(go())
    assert len(harness.worker.call(harness.cache.conversations, harness.key)) > 50


FRAME = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=12), c, max_size=4),
    max_leaves=12,
)
EVENTS = st.sampled_from(
    [
        "message.created",
        "message.updated",
        "conversation.updated",
        "conversation.status_changed",
        "conversation.typing_on",
        "contact.updated",
        "presence.update",
        "account.cache_invalidated",
        "unknown.event",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batch=st.lists(
        st.tuples(EVENTS, st.dictionaries(st.text(max_size=12), FRAME, max_size=5)), max_size=5
    )
)
def test_malformed_events_never_crash_or_corrupt(tmp_path: Path, batch: list[Any]) -> None:
    h = Harness("http://127.0.0.1:9", "t", 1, "p", tmp_path / "fuzz.db")
    try:

        async def go() -> None:
            engine = h.engine()
            await engine.apply_events([(e, d) for e, d in batch])
            await engine.client.aclose()

        asyncio.run(go())
        assert (
            h.worker.call(h.cache.database.db.execute_sql, "PRAGMA integrity_check").fetchone()[0]
            == "ok"
        )
    finally:
        h.close()


class SetClock(SystemClock):
    def __init__(self, now: float) -> None:
        self.wall = now

    def now(self) -> float:
        return self.wall


def test_live_events_record_their_time_at_most_once_a_second(harness: Harness) -> None:
    """A burst of events writes the last-event time once, never a time later than the last
    event's (the gap after a kill is caught up from it)."""
    clock = SetClock(1_000_000.0)
    presence = [("presence.update", {"account_id": 1, "users": {}})]

    async def go() -> list[float | None]:
        engine = harness.engine()
        engine.clock = clock
        marks: list[float | None] = []
        for step in (0.0, EVENT_MARK_INTERVAL / 2, EVENT_MARK_INTERVAL * 1.2):
            clock.wall = 1_000_000.0 + step
            await engine.apply_events(presence)
            state = await harness.worker.run(harness.cache.sync_state, harness.key)
            marks.append(state.last_event_at)
        await engine.client.aclose()
        return marks

    first, within, after = asyncio.run(go())
    assert first == within == 1_000_000.0
    assert after == 1_000_000.0 + EVENT_MARK_INTERVAL * 1.2


def test_malformed_cable_frames_from_the_server(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        runner = asyncio.create_task(engine.run(live=True))
        await until_changed(harness, lambda: engine.cable and engine.cable.connect_count > 0)
        control(harness.url, action="malformed_frames")
        sent = control(
            harness.url,
            action="act",
            op="customer_write",
            conversation_id=7,
            content="after the junk",
        )["message_id"]

        async def arrived() -> bool:
            rows = await harness.worker.run(harness.cache.messages, harness.key, 7)
            return any(r.message_id == sent for r in rows)

        await until_changed(harness, arrived)
        assert not runner.done()
        await engine.stop()
        runner.cancel()
        await engine.client.aclose()

    asyncio.run(go())


def test_typing_expires_locally() -> None:
    tracker = TypingTracker(expiry=30)
    tracker.update(5, "contact:1", Typist("Jonas", True, False, since=100.0))
    assert tracker.typists(5, 129.9)
    assert tracker.expire(129.9) == set()
    assert tracker.expire(130.0) == {5}
    assert tracker.typists(5, 130.0) == []


def test_http_errors_are_coded(demo_url: str) -> None:
    async def go() -> None:
        async with ChatwootClient(demo_url, token="nope", account_id=1) as bad:
            with pytest.raises(OperatorError) as info:
                await bad.profile()
            assert info.value.code is ErrorCode.SESSION_EXPIRED
        async with ChatwootClient(demo_url, token=ADMIN.access_token, account_id=3) as c:
            with pytest.raises(OperatorError) as info:
                await c.labels()
            assert info.value.code is ErrorCode.ACCOUNT_SUSPENDED
        async with ChatwootClient(demo_url, token=ADMIN.access_token, account_id=1) as c:
            with pytest.raises(OperatorError) as info:
                await c.conversation(999999)
            assert info.value.code is ErrorCode.NOT_FOUND
            with pytest.raises(OperatorError) as info:
                await c.send_message(1, "x" * 150_001)
            assert info.value.code is ErrorCode.VALIDATION and info.value.detail
        async with ChatwootClient("http://127.0.0.1:9", token="t", account_id=1) as down:
            with pytest.raises(OperatorError) as info:
                await down.profile()
            assert info.value.code is ErrorCode.NETWORK_DOWN

    asyncio.run(go())


def test_over_three_hours_away_re_lists_and_reconciles(harness: Harness) -> None:
    """Past `max_disconnect` the gap-fill becomes a full re-list that keeps drafts/outbox."""

    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        before = await harness.worker.run(harness.cache.sync_state, harness.key)
        await harness.worker.run(harness.cache.save_draft, harness.key, 2, "half", False, 1.0)
        requests: list[str] = []
        original = engine.client.conversations

        async def counting(**kwargs: Any) -> Any:
            requests.append("updated_within" if kwargs.get("updated_within") else "page")
            return await original(**kwargs)

        engine.client.conversations = counting  # type: ignore[method-assign]
        await engine.gap_fill(engine.clock.now() - engine.settings.max_disconnect - 60)
        after = await harness.worker.run(harness.cache.sync_state, harness.key)
        assert "updated_within" not in requests and requests.count("page") >= 3
        assert (after.last_full_sync_at or 0) > (before.last_full_sync_at or 0)
        assert await harness.worker.run(harness.cache.draft, harness.key, 2) == ("half", False)
        await engine.client.aclose()

    asyncio.run(go())


def test_backfill_caches_whole_transcripts(harness: Harness) -> None:
    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        await engine.backfill()
        await engine.client.aclose()

    asyncio.run(go())
    convs = harness.worker.call(harness.cache.conversations, harness.key)
    assert all(c.history_complete for c in convs)
    longest = max(convs, key=lambda c: len(server_messages(harness.url, c.display_id)))
    remote = [m["id"] for m in server_messages(harness.url, longest.display_id)]
    rows = harness.worker.call(harness.cache.messages, harness.key, longest.display_id)
    assert len(remote) > 20 and [r.message_id for r in rows] == remote


def test_tls_is_verified_and_a_ca_bundle_can_be_added(tmp_path: Path) -> None:
    from operator_desktop.demo.config import DemoConfig
    from operator_desktop.demo.server import DemoServerThread

    cert = tmp_path / "demo-cert.pem"
    server = DemoServerThread(DemoConfig(port=0, tls=True, cert_file=cert))
    url = server.start()
    try:

        async def go() -> None:
            async with ChatwootClient(url, token=ADMIN.access_token) as untrusted:
                with pytest.raises(OperatorError) as info:
                    await untrusted.profile()
                assert info.value.code is ErrorCode.TLS
            async with ChatwootClient(url, token=ADMIN.access_token, ca_bundle=cert) as trusted:
                assert (await trusted.profile()).id == ADMIN.id

        asyncio.run(go())
    finally:
        server.stop()


def test_first_start_offline_connects_when_the_server_appears(harness: Harness) -> None:
    control(harness.url, action="stop_listener", seconds=1.5)

    async def go() -> None:
        engine = harness.engine()
        runner = asyncio.create_task(engine.run(live=True))

        async def synced() -> bool:
            convs = await harness.worker.run(harness.cache.conversations, harness.key)
            connected = engine.cable is not None and engine.cable.connect_count > 0
            return connected and len(convs) == 60 and engine.status.phase is Phase.LIVE

        await until_changed(harness, synced, within=60)
        assert engine.status.error is None
        await engine.stop()
        runner.cancel()
        await engine.client.aclose()

    asyncio.run(go())
