"""The demo server's simulated customers, driven step by step (no timers, no sleeps)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.models import MESSAGE_INCOMING
from operator_desktop.demo.server import DemoServer, DemoServerThread
from operator_desktop.demo.simulate import CustomerSimulator
from tests.cable_peer import CableClient, event_of, names
from tests.conftest import ADMIN, api

SEEDED_CONVERSATIONS = 66


class Driven:
    """A demo server in its thread with a simulator whose steps the test takes."""

    def __init__(self, config: DemoConfig, seed: int = 7) -> None:
        self.thread = DemoServerThread(config)
        self.url = self.thread.start()
        self.server = self.thread.server
        self.sim = self.thread.call(lambda: CustomerSimulator(self.server, seed=seed))

    def step(self, action: str | None = None) -> str:
        return self.thread.call(lambda: self.sim.step(action))

    def steps(self, count: int, action: str | None = None) -> list[str]:
        return self.thread.call(lambda: [self.sim.step(action) for _ in range(count)])

    def react_later(self, seconds: float) -> None:
        """Move the server's clock on and let customers do what has become due."""

        def run() -> None:
            self.server.clock.advance(seconds)
            self.sim.react()

        self.thread.call(run)

    def simulated(self) -> list[dict[str, Any]]:
        """(display id, status, contact id) of every simulated conversation, oldest first."""
        return self.thread.call(
            lambda: [
                {"id": c.display_id, "db_id": c.id, "status": c.status, "contact": c.contact_id}
                for c in sorted(self.server.store.conversations.values(), key=lambda c: c.id)
                if c.simulated
            ]
        )

    def control(self, **body: Any) -> dict[str, Any]:
        with httpx.Client(base_url=self.url, timeout=10.0) as client:
            resp = client.post("/__control", json=body)
            resp.raise_for_status()
            data: dict[str, Any] = resp.json()
            return data

    def stop(self) -> None:
        self.thread.stop()


@pytest.fixture
def driven() -> Iterator[Driven]:
    d = Driven(DemoConfig(port=0, control=True, simulate_interval=1.0))
    try:
        yield d
    finally:
        d.stop()


def list_conversations(client: httpx.Client) -> list[dict[str, Any]]:
    """Every conversation of account 1 (all statuses) over REST, page by page."""
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        resp = client.get(
            "/api/v1/accounts/1/conversations", params={"status": "all", "page": page}
        )
        assert resp.status_code == 200, resp.text
        payload = resp.json()["data"]["payload"]
        out.extend(payload)
        if len(payload) < 25:
            return out
        page += 1


def test_new_conversations_show_up_over_rest(driven: Driven) -> None:
    actions = driven.steps(12, "new_conversation")
    assert actions == ["new_conversation"] * 12
    simulated = driven.simulated()
    assert len(simulated) == 12
    with api(driven.url) as admin:
        listed = {c["id"]: c for c in list_conversations(admin)}
        for conv in simulated:
            item = listed[conv["id"]]
            assert item["status"] == "open"
            assert item["inbox_id"] in (1, 2, 3)
            assert item["unread_count"] == 1
            assert item["meta"]["sender"]["id"] == conv["contact"]
            if item["meta"]["channel"] == "Channel::WebWidget":
                assert item["additional_attributes"]["browser"]["browser_name"]
            messages = admin.get(f"/api/v1/accounts/1/conversations/{conv['id']}/messages")
            assert messages.status_code == 200
            payload = messages.json()["payload"]
            assert [m["message_type"] for m in payload] == [MESSAGE_INCOMING]
            assert payload[0]["sender"]["id"] == conv["contact"]
            contact = admin.get(f"/api/v1/accounts/1/contacts/{conv['contact']}")
            assert contact.status_code == 200
            assert contact.json()["payload"]["availability_status"] == "online"


def test_customers_write_in_russian_and_english(driven: Driven) -> None:
    driven.steps(20, "new_conversation")
    openings = driven.thread.call(
        lambda: [
            driven.server.store.messages_of(c.id)[0].content or ""
            for c in driven.server.store.conversations.values()
            if c.simulated
        ]
    )
    cyrillic = [t for t in openings if any("а" <= ch.lower() <= "я" for ch in t)]
    assert cyrillic and len(cyrillic) < len(openings)
    assert driven.sim.counts["lang_ru"] == len(cyrillic)
    assert driven.sim.counts["lang_en"] == len(openings) - len(cyrillic)


def test_random_steps_follow_up_wait_and_read(driven: Driven) -> None:
    actions = driven.steps(150)
    assert {"new_conversation", "follow_up", "wait", "read"} <= set(actions)
    follow_ups = driven.thread.call(
        lambda: max(
            sum(
                1
                for m in driven.server.store.messages_of(c.id)
                if m.message_type == MESSAGE_INCOMING
            )
            for c in driven.server.store.conversations.values()
            if c.simulated
        )
    )
    assert follow_ups >= 2


async def _agent_reply_round(driven: Driven, display_id: int) -> list[dict[str, Any]]:
    """An agent writes; the customer reads, types and answers. Returns John's events."""
    async with await CableClient.open(driven.url) as cable:
        ident = await cable.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
        await cable.drain(ident)
        written = driven.control(
            action="act",
            account_id=1,
            conversation_id=display_id,
            as_user_id=ADMIN.id,
            op="write",
            content="Could you tell me your order number?",
        )
        agent_message = written["message_id"]
        for _ in range(200):  # the reply is due within a few clock seconds
            driven.react_later(0.5)
            last = driven.thread.call(
                lambda: driven.server.store.last_message(
                    driven.server.store.conversation_by_display(1, display_id).id  # type: ignore[union-attr]
                )
            )
            assert last is not None
            if last.id != agent_message and last.message_type == MESSAGE_INCOMING:
                break
        else:
            raise AssertionError("the customer never answered")
        frames = await cable.drain(ident)
    return [f for f in frames if event_of(f) is not None]


def test_customer_reads_types_and_answers_an_agent(driven: Driven) -> None:
    driven.step("new_conversation")
    conv = driven.simulated()[0]
    frames = asyncio.run(_agent_reply_round(driven, conv["id"]))
    order = [
        n
        for n in names(frames)
        if n
        in (
            "conversation.read",
            "conversation.typing_on",
            "conversation.typing_off",
            "message.created",
        )
    ]
    assert order == [
        "message.created",  # the agent's
        "conversation.read",
        "conversation.typing_on",
        "conversation.typing_off",
        "message.created",  # the customer's answer
    ]
    read = next(f for f in frames if event_of(f) == "conversation.read")
    assert read["message"]["data"]["contact_last_seen_at"] > 0
    typing = next(f for f in frames if event_of(f) == "conversation.typing_on")
    assert typing["message"]["data"]["user"]["type"] == "contact"
    assert typing["message"]["data"]["is_private"] is False
    created = [f for f in frames if event_of(f) == "message.created"][-1]["message"]["data"]
    assert created["message_type"] == MESSAGE_INCOMING
    assert created["conversation_id"] == conv["id"]
    assert created["sender"]["id"] == conv["contact"]
    statuses = [f["message"]["data"]["status"] for f in frames if event_of(f) == "message.updated"]
    assert statuses == ["read"]  # the agent's message, read by the customer
    assert driven.thread.call(lambda: driven.server.presence.is_contact_present(1, conv["contact"]))


def test_customer_of_a_seeded_conversation_answers_too(driven: Driven) -> None:
    # conversation 1 of the seed is open in the Website inbox
    frames = asyncio.run(_agent_reply_round(driven, 1))
    assert "conversation.typing_on" in names(frames)
    assert driven.sim.counts["reply"] == 1


def test_simulated_conversations_stay_under_the_cap() -> None:
    d = Driven(DemoConfig(port=0, control=True, simulate_cap=5), seed=3)
    try:
        for _ in range(30):
            d.steps(10)
            d.react_later(5.0)
            assert len(d.simulated()) <= 5
        assert d.sim.counts["new_conversation"] > 10
        assert d.sim.counts["pruned"] == d.sim.counts["new_conversation"] - len(d.simulated())

        def census() -> tuple[set[int], int, int, int]:
            store = d.server.store
            seeded = {c.id for c in store.conversations.values() if not c.simulated}
            sim_contacts = sum(1 for c in store.contacts.values() if c.simulated)
            dangling = sum(
                1
                for n in store.notifications.values()
                if n.primary_actor_id not in store.conversations
            )
            orphans = sum(
                1 for ci in store.contact_inboxes.values() if ci.contact_id not in store.contacts
            )
            return seeded, sim_contacts, dangling, orphans

        seeded, sim_contacts, dangling, orphans = d.thread.call(census)
        assert seeded == set(range(1, SEEDED_CONVERSATIONS + 1))
        assert sim_contacts == len(d.simulated())
        assert dangling == 0 and orphans == 0
    finally:
        d.stop()


def test_pruned_conversations_are_resolved_first() -> None:
    d = Driven(DemoConfig(port=0, control=True, simulate_cap=2))

    async def watch() -> list[str]:
        async with await CableClient.open(d.url) as cable:
            ident = await cable.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
            await cable.drain(ident)
            d.steps(3, "new_conversation")
            return names(await cable.drain(ident))

    try:
        seen = asyncio.run(watch())
        assert seen.count("conversation.created") == 3
        assert "conversation.status_changed" in seen
        assert "contact.deleted" in seen
        assert "notification.deleted" in seen
        assert len(d.simulated()) == 2
    finally:
        d.stop()


def test_simulated_data_survives_a_restart_and_ids_go_on(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    first = Driven(DemoConfig(port=0, control=True, state_file=state))
    try:
        first.steps(5, "new_conversation")
        before = first.simulated()
        max_message = first.thread.call(lambda: max(first.server.store.messages))
    finally:
        first.stop()
    assert state.exists()
    second = Driven(DemoConfig(port=0, control=True, state_file=state))
    try:
        assert second.simulated() == before
        second.step("new_conversation")
        after = second.simulated()
        assert len(after) == len(before) + 1
        newest = after[-1]
        assert newest["db_id"] > before[-1]["db_id"] and newest["id"] > before[-1]["id"]
        assert second.thread.call(lambda: max(second.server.store.messages)) > max_message
    finally:
        second.stop()


def test_the_loop_logs_errors_and_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> int:
        server = DemoServer(DemoConfig(simulate_interval=0.01))
        sim = CustomerSimulator(server, seed=1)
        calls = 0
        done = asyncio.Event()
        real_act = sim.act

        def flaky(action: str | None = None) -> str:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise RuntimeError("boom")
            if calls >= 3:
                done.set()
            return real_act(action)

        sim.act = flaky  # type: ignore[method-assign]
        task = asyncio.get_running_loop().create_task(sim.run())
        try:
            await asyncio.wait_for(done.wait(), 10)
        finally:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        return calls

    with caplog.at_level(logging.ERROR, logger="demo.simulate"):
        assert asyncio.run(main()) >= 3
    errors = [r for r in caplog.records if r.name == "demo.simulate"]
    assert len(errors) == 1 and errors[0].exc_info is not None


def test_simulate_flag_starts_customers() -> None:
    thread = DemoServerThread(DemoConfig(port=0, simulate=True, simulate_interval=0.02))
    url = thread.start()

    async def first_new_conversation() -> dict[str, Any]:
        async with await CableClient.open(url) as cable:
            await cable.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
            frame: dict[str, Any] = await cable.wait_event("conversation.created", 15.0)
            return frame

    try:
        frame = asyncio.run(first_new_conversation())
        assert frame["message"]["data"]["account_id"] == 1
    finally:
        thread.stop()


def test_a_load_mix_has_its_share_of_new_conversations_and_patient_customers() -> None:
    """`simulate_new_share` 0.1: about one customer message in ten opens a conversation, the
    others follow up, and no customer writes more than `simulate_patience` unanswered."""
    config = DemoConfig(port=0, control=True, simulate_new_share=0.1, simulate_patience=12,
                        simulate_cap=1000)  # fmt: skip
    d = Driven(config, seed=5)
    try:
        for _ in range(8):
            d.steps(50)
        new, follow = d.sim.counts["new_conversation"], d.sim.counts["follow_up"]
        assert new + follow == 400 and 0.05 < new / 400 < 0.2, d.sim.counts

        def most_unanswered() -> int:
            simulated = [c for c in d.server.store.conversations.values() if c.simulated]
            return max(d.sim._unanswered(c) for c in simulated)

        assert 3 < d.thread.call(most_unanswered) <= 12
    finally:
        d.stop()
