"""CONTRACT §7 on the demo server: ActionCable frames, RoomChannel, event routing, faults, TLS.

The peer is the `websockets` package (tests/cable_peer.py). Absence of an event is checked with
a flush barrier (`CableClient.drain`), never with a sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import ipaddress
import json
import ssl
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from cryptography import x509

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.models import Conversation, DemoStore
from operator_desktop.demo.seed import build_store
from operator_desktop.demo.server import DemoServerThread
from tests.cable_peer import (
    PROTOCOLS,
    CableClient,
    Frame,
    cable_url,
    event_of,
    events,
    identifier,
    names,
)
from tests.conftest import ADMIN, ANNA, BORIS, MARIA
from tests.shapes import assert_same_shape, load_sample

ACCOUNT = 1


# ---- seed facts (the server runs seed 1; the seed is deterministic) ----------------------
@functools.cache
def seed_store() -> DemoStore:
    return build_store(1, time.time())


def conversation(display_id: int) -> Conversation:
    conv = seed_store().conversation_by_display(ACCOUNT, display_id)
    assert conv is not None
    return conv


def first_in_inbox(inbox_id: int) -> int:
    """The display id of the first seeded conversation of an inbox."""
    store = seed_store()
    return min(
        c.display_id
        for c in store.conversations.values()
        if c.account_id == ACCOUNT and c.inbox_id == inbox_id
    )


def widget_token(display_id: int) -> str:
    """The customer's widget pubsub token of a conversation (`contact_inbox.pubsub_token`)."""
    store = seed_store()
    return store.contact_inbox_of(conversation(display_id)).pubsub_token


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(scenario())


# ---- control and REST ---------------------------------------------------------------------
def http(url: str, token: str | None = ADMIN.access_token) -> httpx.AsyncClient:
    headers = {"api_access_token": token} if token is not None else {}
    return httpx.AsyncClient(base_url=url, headers=headers, timeout=10.0)


async def control(client: httpx.AsyncClient, action: str, **body: Any) -> dict[str, Any]:
    resp = await client.post("/__control", json={"action": action, **body})
    assert resp.status_code == 200, resp.text
    data: dict[str, Any] = resp.json()
    return data


async def act(client: httpx.AsyncClient, conversation_id: int, op: str, **body: Any) -> None:
    await control(client, "act", account_id=ACCOUNT, conversation_id=conversation_id, op=op, **body)


async def drain_all(peers: dict[str, tuple[CableClient, str]]) -> dict[str, list[Frame]]:
    """The barrier on every peer at once: what each one got since the last barrier."""
    results = await asyncio.gather(*(client.drain(ident) for client, ident in peers.values()))
    return dict(zip(peers, results, strict=True))


@contextlib.asynccontextmanager
async def agents_and_widget(url: str) -> AsyncIterator[dict[str, tuple[CableClient, str]]]:
    """John (admin), Anna, Boris and the customer of conversation 1, each subscribed."""
    async with contextlib.AsyncExitStack() as stack:
        peers: dict[str, tuple[CableClient, str]] = {}
        for name, user in (("john", ADMIN), ("anna", ANNA), ("boris", BORIS)):
            client = await stack.enter_async_context(await CableClient.open(url))
            peers[name] = (client, await client.subscribe(user.pubsub_token, ACCOUNT, user.id))
        widget = await stack.enter_async_context(await CableClient.open(url))
        peers["widget"] = (widget, await widget.subscribe(widget_token(1), None, None))
        yield peers


def data_of(frame: Frame) -> dict[str, Any]:
    data: dict[str, Any] = frame["message"]["data"]
    return data


def is_type(kind: str) -> Callable[[Any], bool]:
    return lambda f: isinstance(f, dict) and f.get("type") == kind


# ---- protocol -----------------------------------------------------------------------------
def test_welcome_confirm_presence_and_ping(demo_url: str) -> None:
    async def scenario() -> None:
        async with await CableClient.open(demo_url) as cable:
            assert cable.ws.subprotocol == "actioncable-v1-json"
            # odd spacing and key order: the identifier must come back byte for byte
            ident = (
                '{"channel":"RoomChannel", "account_id": 1,"user_id":1 ,'
                f'"pubsub_token":"{ADMIN.pubsub_token}"}}'
            )
            await cable.send({"command": "subscribe", "identifier": ident})
            confirm = await cable.wait_for(is_type("confirm_subscription"))
            assert confirm == {"identifier": ident, "type": "confirm_subscription"}
            presence = await cable.wait_event("presence.update")
            assert presence["identifier"] == ident
            # John is present now; Maria has auto_offline off; Anna and Boris are away
            assert data_of(presence) == {
                "account_id": 1,
                "users": {"1": "online", "4": "online"},
                "contacts": {},
            }
            first = await cable.wait_for(is_type("ping"), seconds=5)
            second = await cable.wait_for(is_type("ping"), seconds=5)
            for ping in (first, second):
                assert set(ping) == {"type", "message"}
                assert type(ping["message"]) is int
                assert abs(ping["message"] - time.time()) < 10
            assert 2 <= second["message"] - first["message"] <= 4

    run(scenario)


def test_raw_frames_are_encoded_like_rails(demo_url: str) -> None:
    """Compact JSON, UTF-8, `<` `>` `&` escaped (ActiveSupport::JSON); no permessage-deflate."""

    async def scenario() -> None:
        async with (
            websockets.connect(cable_url(demo_url), subprotocols=PROTOCOLS) as ws,
            http(demo_url) as client,
        ):
            assert ws.response is not None
            assert "Sec-WebSocket-Extensions" not in ws.response.headers
            assert await ws.recv() == '{"type":"welcome"}'
            ident = identifier(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            await ws.send(json.dumps({"command": "subscribe", "identifier": ident}))
            confirm = json.dumps(
                {"identifier": ident, "type": "confirm_subscription"}, separators=(",", ":")
            )
            assert await ws.recv() == confirm
            await act(client, 1, "write", content="<b>Tom & Jerry</b> — Анна")
            while "message.created" not in (raw := str(await asyncio.wait_for(ws.recv(), 5))):
                pass
            assert "\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e — Анна" in raw
            assert ": " not in raw.split('"message"', 1)[0]
            data = json.loads(raw)["message"]["data"]
            assert data["content"] == "<b>Tom & Jerry</b> — Анна"

    run(scenario)


def test_plain_http_request_to_cable_is_404(demo_url: str) -> None:
    resp = httpx.get(demo_url + "/cable")
    assert resp.status_code == 404


def test_bad_subscriptions_get_no_answer_at_all(demo_url: str) -> None:
    bad = [
        identifier("no-such-token", 1, 1),
        identifier(ADMIN.pubsub_token, 1, ANNA.id),  # the token is John's
        identifier(ANNA.pubsub_token, 3, ANNA.id),  # Anna is not in account 3
        identifier(ADMIN.pubsub_token, 99, ADMIN.id),
        identifier("", 1, 1),
        identifier("no-such-widget-token", None, None),
        json.dumps({"channel": "NoSuchChannel", "pubsub_token": ADMIN.pubsub_token}),
    ]

    async def scenario() -> None:
        async with await CableClient.open(demo_url) as cable:
            for ident in bad:
                await cable.send({"command": "subscribe", "identifier": ident})
            frames = await cable.frames_within(1.0)
            assert all(f.get("type") == "ping" for f in frames), frames
            # the socket is fine; a suspended account still confirms (`accounts.find`)
            good = await cable.subscribe(ADMIN.pubsub_token, 3, ADMIN.id)
            # subscribing again to the same identifier is ignored, as in ActionCable
            await cable.send({"command": "subscribe", "identifier": good})
            assert not [f for f in await cable.drain(good) if f.get("type")], "second confirm"

    run(scenario)


def test_presence_reaches_every_subscription_of_the_user(demo_url: str) -> None:
    conv = conversation(1)

    async def scenario() -> None:
        async with (
            await CableClient.open(demo_url) as anna,
            await CableClient.open(demo_url) as widget,
            await CableClient.open(demo_url) as john,
        ):
            await anna.subscribe(ANNA.pubsub_token, ACCOUNT, ANNA.id)
            widget_ident = await widget.subscribe(widget_token(1), None, None)
            one = await john.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
            two = await john.subscribe(ADMIN.pubsub_token, 2, ADMIN.id)
            await john.update_presence(one)
            got: dict[str, dict[str, Any]] = {}
            for _ in range(2):
                frame = await john.wait_event("presence.update")
                got[frame["identifier"]] = data_of(frame)
            assert set(got) == {one, two}  # one pubsub stream, every subscription
            for data in got.values():
                assert data == {
                    "account_id": 1,
                    "users": {"1": "online", "2": "online", "4": "online"},
                    "contacts": {str(conv.contact_id): "online"},
                }
                assert all(isinstance(k, str) for k in data["users"])
            await widget.update_presence(widget_ident)
            own = await widget.wait_event("presence.update")
            assert set(data_of(own)) == {"account_id", "users"}  # contacts see agents only
            assert data_of(own)["account_id"] == ACCOUNT

    run(scenario)


# ---- routing (§7.3, §7.4) -----------------------------------------------------------------
def test_message_events_reach_inbox_members_admins_and_the_customer(demo_url: str) -> None:
    api_conv = first_in_inbox(3)
    email_conv = first_in_inbox(2)

    async def scenario() -> None:
        async with agents_and_widget(demo_url) as peers, http(demo_url) as client:
            await act(client, 1, "write", content="Public reply", as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna", "widget"):
                (created,) = events(got[name], "message.created")
                data = data_of(created)
                assert data["content"] == "Public reply"
                assert data["conversation_id"] == 1 and data["account_id"] == ACCOUNT
                assert data["sender"]["id"] == ADMIN.id and data["sender"]["type"] == "user"
                assert data["performer"]["id"] == ADMIN.id
            assert got["boris"] == []  # team-only access gets nothing (§7.3)

            await act(client, 1, "write", content="Secret note", private=True)
            got = await drain_all(peers)
            for name in ("john", "anna"):
                (note,) = events(got[name], "message.created")
                assert data_of(note)["private"] is True
            assert "message.created" not in names(got["widget"])
            assert got["boris"] == []

            await act(client, api_conv, "write", content="API inbox reply")
            got = await drain_all(peers)
            assert "message.created" in names(got["john"])  # admins get every inbox
            assert got["anna"] == [] and got["boris"] == [] and got["widget"] == []

            await act(client, email_conv, "customer_write", content="Email from customer")
            got = await drain_all(peers)
            for name in ("john", "anna", "boris"):
                (created,) = events(got[name], "message.created")
                assert data_of(created)["message_type"] == 0
                assert "performer" not in data_of(created)
            assert got["widget"] == []

    run(scenario)


def test_conversation_events(demo_url: str) -> None:
    async def scenario() -> None:
        async with agents_and_widget(demo_url) as peers, http(demo_url) as client:
            await act(client, 1, "status", status="resolved", as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna"):
                assert names(got[name]) == [
                    "message.created",  # the activity line
                    "conversation.status_changed",
                    "conversation.updated",
                ]
                (activity,) = events(got[name], "message.created")
                assert data_of(activity)["message_type"] == 2
                assert "performer" not in data_of(activity)
            assert names(got["widget"]) == ["conversation.status_changed", "conversation.updated"]
            (changed,) = events(got["john"], "conversation.status_changed")
            data = data_of(changed)
            assert data["status"] == "resolved" and data["id"] == 1
            assert data["account_id"] == ACCOUNT and "performer" not in data
            assert got["boris"] == []

            await act(client, 1, "assign", assignee_id=MARIA.id, as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna"):
                assert "assignee.changed" in names(got[name])
                assert "notification.created" not in names(got[name])  # Maria's alone
                (changed,) = events(got[name], "assignee.changed")
                assert data_of(changed)["meta"]["assignee"]["id"] == MARIA.id
            assert "assignee.changed" not in names(got["widget"])
            assert got["boris"] == []

            await act(client, 1, "team", team_id=2, as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna"):
                (changed,) = events(got[name], "team.changed")
                assert data_of(changed)["meta"]["team"] == {"id": 2, "name": "Tech support"}
            assert "team.changed" not in names(got["widget"])
            # Boris lost even team access now; he got nothing before either
            assert got["boris"] == []

            await act(client, 1, "labels", labels=["billing", "vip"], as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna", "widget"):
                updated = events(got[name], "conversation.updated")
                assert updated and data_of(updated[-1])["labels"] == ["billing", "vip"]
            assert got["boris"] == []

            await act(client, 1, "customer_read")
            got = await drain_all(peers)
            for name in ("john", "anna"):
                (read,) = events(got[name], "conversation.read")
                assert data_of(read)["contact_last_seen_at"] > 0
            assert "conversation.read" not in names(got["widget"])
            assert got["boris"] == []

    run(scenario)


def test_typing_reaches_everyone_but_the_typist(demo_url: str) -> None:
    async def scenario() -> None:
        async with agents_and_widget(demo_url) as peers, http(demo_url) as client:
            for on, event in ((True, "conversation.typing_on"), (False, "conversation.typing_off")):
                await act(client, 1, "typing", on=on, as_user_id=ADMIN.id)
                got = await drain_all(peers)
                assert got["john"] == []  # the typist never receives its own typing
                assert got["boris"] == []
                for name in ("anna", "widget"):
                    (typing,) = events(got[name], event)
                    data = data_of(typing)
                    assert data["user"]["id"] == ADMIN.id and data["user"]["type"] == "user"
                    assert data["is_private"] is False and data["account_id"] == ACCOUNT
                    assert data["conversation"]["id"] == 1

            await act(client, 1, "customer_typing", on=True)
            got = await drain_all(peers)
            assert got["widget"] == []  # the customer typed
            for name in ("john", "anna"):
                (typing,) = events(got[name], "conversation.typing_on")
                assert data_of(typing)["user"]["type"] == "contact"
            assert got["boris"] == []

    run(scenario)


def test_contact_and_notification_events(demo_url: str) -> None:
    email_conv = first_in_inbox(2)
    contact_id = conversation(1).contact_id

    async def scenario() -> None:
        async with agents_and_widget(demo_url) as peers, http(demo_url) as client:
            await act(client, 1, "edit_contact", changes={"name": "Renamed Customer"})
            got = await drain_all(peers)
            for name in ("john", "anna", "boris"):  # account_1 stream: every agent
                (updated,) = events(got[name], "contact.updated")
                data = data_of(updated)
                assert data["id"] == contact_id and data["name"] == "Renamed Customer"
                assert data["account_id"] == ACCOUNT and data["type"] == "contact"
            assert got["widget"] == []

            await act(client, email_conv, "assign", assignee_id=ANNA.id, as_user_id=ADMIN.id)
            got = await drain_all(peers)
            for name in ("john", "anna", "boris"):
                assert "assignee.changed" in names(got[name])
            (note,) = events(got["anna"], "notification.created")
            data = data_of(note)
            assert data["notification"]["notification_type"] == "conversation_assignment"
            assert data["notification"]["user"]["id"] == ANNA.id
            assert data["unread_count"] == data["count"] and data["account_id"] == ACCOUNT
            assert "notification.created" not in names(got["john"])
            assert "notification.created" not in names(got["boris"])
            assert got["widget"] == []

    run(scenario)


def test_user_stream_spans_accounts_and_unsubscribe_stops_events(demo_url: str) -> None:
    async def scenario() -> None:
        async with await CableClient.open(demo_url) as john, http(demo_url) as client:
            one = await john.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
            two = await john.subscribe(ADMIN.pubsub_token, 2, ADMIN.id)
            await act(client, 1, "write", content="Both subscriptions")
            got = await john.drain(one)
            for ident in (one, two):  # the pubsub stream is per user, not per account
                (created,) = [f for f in events(got, "message.created") if f["identifier"] == ident]
                assert data_of(created)["account_id"] == 1

            await act(client, 1, "edit_contact", changes={"name": "Account stream"})
            got = await john.drain(one)
            assert [f["identifier"] for f in events(got, "contact.updated")] == [one]

            await john.unsubscribe(one)
            await act(client, 1, "write", content="Only the second")
            got = await john.drain(two)
            assert {f["identifier"] for f in got} == {two}
            assert names(got).count("message.created") == 1

    run(scenario)


# ---- samples (§11) ------------------------------------------------------------------------
def test_frames_have_the_shapes_of_the_samples(demo_url: str) -> None:
    async def scenario() -> None:
        async with await CableClient.open(demo_url) as john, http(demo_url) as client:
            ident = await john.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            await act(client, 1, "write", content="Shape check", as_user_id=ADMIN.id)
            created = await john.wait_event("message.created")
            assert_same_shape(
                created, load_sample("cable_message_created.json"), optional={"echo_id"}
            )

            # The samples leave `account_id` out of the conversation's `messages[0]`, but
            # §3.4 lists it among the push format's columns (`Message#push_event_data` is
            # every attribute), so the server sends it; it is optional for these comparisons.
            nested = {"account_id"}
            await act(client, 1, "status", status="resolved", as_user_id=ADMIN.id)
            changed = await john.wait_event("conversation.status_changed")
            sample = load_sample("cable_conversation_status_changed.json")
            assert_same_shape(changed, sample, optional=nested)
            assert data_of(changed)["account_id"] == ACCOUNT
            assert list(changed) == ["identifier", "message"]
            assert list(changed["message"]) == ["event", "data"]

            await act(client, 1, "customer_typing", on=True)
            typing = await john.wait_event("conversation.typing_on")
            assert_same_shape(typing, load_sample("cable_typing_on.json"), optional=nested)
            assert data_of(typing)["account_id"] == ACCOUNT

            await john.update_presence(ident)
            presence = await john.wait_event("presence.update")
            session = load_sample("cable_session_frames.json")["frames"]
            sample_presence = next(f["frame"] for f in session if event_of(f["frame"]))
            assert_same_shape(presence, sample_presence, freeform={"users", "contacts"})

    run(scenario)


def test_rest_message_create_echoes_echo_id_on_the_socket(demo_url: str) -> None:
    async def scenario() -> None:
        async with agents_and_widget(demo_url) as peers, http(demo_url) as client:
            john, _ = peers["john"]
            path = f"/api/v1/accounts/{ACCOUNT}/conversations/1/messages"
            resp = await client.post(path, json={"content": "Via REST", "echo_id": "echo-42"})
            assert resp.status_code == 200, resp.text
            assert resp.json()["echo_id"] == "echo-42"
            created = await john.wait_for(
                lambda f: (
                    event_of(f) == "message.created" and data_of(f).get("echo_id") == "echo-42"
                ),
                what="message.created with the echo_id",
            )
            data = data_of(created)
            assert data["content"] == "Via REST" and data["conversation_id"] == 1
            assert data["performer"]["id"] == ADMIN.id and data["sender"]["id"] == ADMIN.id
            assert_same_shape(created, load_sample("cable_message_created.json"))
            got = await drain_all(peers)
            widget_created = events(got["widget"], "message.created")
            assert [data_of(f)["echo_id"] for f in widget_created] == ["echo-42"]

            note = {"content": "Private via REST", "private": True, "echo_id": "echo-43"}
            assert (await client.post(path, json=note)).status_code == 200
            got = await drain_all(peers)
            (mine,) = events(got["john"], "message.created")
            assert data_of(mine)["echo_id"] == "echo-43"
            assert "message.created" not in names(got["widget"])

    run(scenario)


# ---- faults -------------------------------------------------------------------------------
def test_stall_holds_events_but_not_pings(demo_url: str) -> None:
    async def scenario() -> None:
        async with await CableClient.open(demo_url) as john, http(demo_url) as client:
            ident = await john.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            await control(client, "stall")
            await act(client, 1, "write", content="Held back", as_user_id=ADMIN.id)
            await john.wait_for(is_type("ping"), seconds=5)
            assert await john.drain(ident) == []  # presence is not Sidekiq's: it still comes
            assert (await control(client, "stats"))["stalled"] is True
            await control(client, "resume")
            created = await john.wait_event("message.created")
            assert data_of(created)["content"] == "Held back"
            await john.wait_event("conversation.updated")

    run(scenario)


@pytest.mark.parametrize("how", ["close", "abort", "disconnect"])
def test_drop_sockets(demo_url: str, how: str) -> None:
    async def scenario() -> None:
        async with http(demo_url) as client, await CableClient.open(demo_url) as cable:
            await cable.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            assert (await control(client, "stats"))["sockets"] == 1
            await control(client, "drop_sockets", how=how)
            if how == "disconnect":
                frame = await cable.wait_for(lambda f: not is_type("ping")(f))
                assert frame == {
                    "type": "disconnect",
                    "reason": "server_restart",
                    "reconnect": True,
                }
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    await cable.ws.recv()
            if how == "abort":
                assert closed.value.rcvd is None  # no close frame: the TCP link just died
            else:
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000
            stats = await control(client, "stats")
            assert stats["sockets"] == 0 and stats["subscriptions"] == 0
            async with await CableClient.open(demo_url) as again:  # reconnecting works
                await again.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)

    run(scenario)


def test_malformed_client_frames_do_not_hurt_the_server(demo_url: str) -> None:
    garbage: list[str | bytes] = [
        "not json at all",
        b"\x00\x01\x02 binary",
        "[1, 2, 3]",
        "42",
        json.dumps({"command": "subscribe"}),
        json.dumps({"command": "subscribe", "identifier": "not json"}),
        json.dumps({"command": "subscribe", "identifier": "[1]"}),
        json.dumps({"command": "subscribe", "identifier": 12}),
        json.dumps({"command": "dance", "identifier": "{}"}),
        json.dumps({"command": "unsubscribe", "identifier": '{"channel":"RoomChannel"}'}),
        json.dumps({"command": "message", "identifier": '{"channel":"RoomChannel"}', "data": "{}"}),
    ]

    async def scenario() -> None:
        async with await CableClient.open(demo_url) as cable, http(demo_url) as client:
            ident = await cable.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            for frame in [
                *garbage,
                json.dumps({"command": "message", "identifier": ident, "data": "not json"}),
                json.dumps({"command": "message", "identifier": ident, "data": {"action": 1}}),
                json.dumps({"command": "message", "identifier": ident, "data": '{"action":"x"}'}),
                json.dumps({"command": "message", "identifier": ident, "data": "[]"}),
            ]:
                await cable.send(frame)
            assert await cable.drain(ident) == []
            await act(client, 1, "write", content="Still alive")
            assert "message.created" in names(await cable.drain(ident))
            assert (await control(client, "stats"))["sockets"] == 1

    run(scenario)


def test_malformed_frames_from_the_server(demo_url: str) -> None:
    async def scenario() -> None:
        async with await CableClient.open(demo_url) as cable, http(demo_url) as client:
            ident = await cable.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            sent = (await control(client, "malformed_frames"))["sent"]
            assert sent >= 7
            frames: list[Any] = []
            while not frames or not isinstance(frames[-1], bytes):  # the binary one is last
                frame = await cable.next_frame(5.0)
                assert frame is not None, f"the burst stopped after {frames}"
                if not (is_type("ping")(frame) and isinstance(frame["message"], int)):
                    frames.append(frame)
            assert len(frames) == sent
            assert "this is not JSON {" in frames
            assert any(isinstance(f, bytes) for f in frames)
            assert [1, 2, 3] in frames
            assert any(isinstance(f, dict) and f.get("type") == "surprise" for f in frames)
            bad = [
                f for f in frames if event_of(f) == "message.created" and f["identifier"] == ident
            ]
            assert data_of(bad[0])["id"] == "abc" and data_of(bad[0])["account_id"] is None
            await act(client, 1, "write", content="After the burst")
            assert "message.created" in names(await cable.drain(ident))

    run(scenario)


# ---- TLS ----------------------------------------------------------------------------------
def test_tls_with_the_written_certificate(tmp_path: Path) -> None:
    cert_file = tmp_path / "demo-cert.pem"
    server = DemoServerThread(DemoConfig(port=0, tls=True, cert_file=cert_file))
    url = server.start()
    try:
        assert url.startswith("https://127.0.0.1:")
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert "localhost" in san.get_values_for_type(x509.DNSName)
        assert set(san.get_values_for_type(x509.IPAddress)) >= {
            ipaddress.ip_address("127.0.0.1"),
            ipaddress.ip_address("::1"),
        }
        lifetime = cert.not_valid_after_utc - dt.datetime.now(dt.UTC)
        assert dt.timedelta(days=29) < lifetime <= dt.timedelta(days=30)

        trusted = ssl.create_default_context(cafile=str(cert_file))
        port = url.rsplit(":", 1)[1]
        for base in (url, f"https://localhost:{port}"):
            with httpx.Client(base_url=base, verify=trusted, headers=_john()) as client:
                assert client.get("/api/v1/profile").json()["id"] == ADMIN.id
        with (
            httpx.Client(base_url=url, headers=_john()) as client,
            pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            client.get("/api/v1/profile")

        async def scenario() -> None:
            async with await CableClient.open(url, trusted) as cable:
                await cable.subscribe(ADMIN.pubsub_token, ACCOUNT, ADMIN.id)
            with pytest.raises(ssl.SSLCertVerificationError):
                await CableClient.open(url, ssl.create_default_context())

        run(scenario)
    finally:
        server.stop()


def _john() -> dict[str, str]:
    return {"api_access_token": ADMIN.access_token}
