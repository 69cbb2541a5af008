"""Fuzzing the client: every payload parser, and the cable frames a server may send.

Parsers: a real payload of each kind (the contract's samples, and the demo server's answers
for the kinds the samples lack) has one value somewhere replaced by any JSON; the parser
either returns or raises `ProtocolError`, never anything else.

Cable: a websocket server in the test welcomes and confirms the client, then sends any
frames (broken JSON, binary, non-objects, events for another subscription or account, events
whose parts have the wrong types), then one good event. The client hands on exactly the
well-formed events of its own subscription and account, in order, and stays connected.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.server import ServerConnection, serve
from websockets.typing import Subprotocol

from operator_desktop.core import parse
from operator_desktop.core.errors import ProtocolError
from operator_desktop.core.status import CableState
from operator_desktop.net.cable import CableClient, CableTimings
from tests.conftest import ADMIN
from tests.test_core_parse import _mutate, sample
from tests.test_fuzz_demo import JSON

Parser = Callable[[Any], object]


def _each(fn: Callable[[parse.Obj], object], key: str | None = None) -> Parser:
    """Parse every object of a bare array, or of the array under `key`."""

    def run(data: Any) -> object:
        items = parse.root(data).objs(key) if key else parse.root({"": data}).objs("")
        return [fn(item) for item in items]

    return run


SAMPLE_PARSERS: list[tuple[str, Any, Parser]] = [
    ("conversation page", sample("conversations_list_page.json"),
     lambda d: parse.conversation_page(d, 1)),
    ("messages page", sample("messages_page.json"), _each(parse.message, "payload")),
    ("profile", sample("profile.json"), lambda d: parse.profile(parse.root(d))),
    ("pushed message", sample("cable_message_created.json")["message"]["data"],
     lambda d: parse.message(parse.root(d, "message.created"))),
    ("pushed conversation", sample("cable_conversation_status_changed.json")["message"]["data"],
     lambda d: parse.conversation(parse.root(d, "conversation.status_changed"), 1)),
]  # fmt: skip
# the kinds the samples lack, as the demo server answers them (CONTRACT §4–§6)
DEMO_PARSERS: list[tuple[str, str, Parser]] = [
    ("agents", "/agents", _each(parse.agent)),
    ("inboxes", "/inboxes", _each(parse.inbox, "payload")),
    ("teams", "/teams", _each(parse.team)),
    ("labels", "/labels", _each(parse.label, "payload")),
    ("canned responses", "/canned_responses", _each(parse.canned_response)),
    ("attribute definitions", "/custom_attribute_definitions",
     _each(parse.custom_attribute_definition)),
    ("contacts", "/contacts", _each(parse.contact, "payload")),
    ("notifications", "/notifications",
     lambda d: [parse.notification(o) for o in parse.root(d).obj("data").objs("payload")]),
]  # fmt: skip


@pytest.fixture(scope="module")
def payloads() -> Iterator[list[tuple[str, Any, Parser]]]:
    from operator_desktop.demo.config import DemoConfig
    from operator_desktop.demo.server import DemoServerThread

    server = DemoServerThread(DemoConfig(port=0))
    url = server.start()
    try:
        headers = {"api_access_token": ADMIN.access_token}
        with httpx.Client(base_url=f"{url}/api/v1/accounts/1", headers=headers) as client:
            fetched = [(name, client.get(path).json(), fn) for name, path, fn in DEMO_PARSERS]
    finally:
        server.stop()
    every = SAMPLE_PARSERS + fetched
    for name, data, fn in every:  # each is a payload its parser takes as it is
        assert fn(copy.deepcopy(data)), name
    yield every


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    which=st.integers(min_value=0, max_value=1000),
    replacement=JSON,
    path_choice=st.integers(min_value=0, max_value=10_000),
)
def test_every_parser_raises_only_protocol_errors(
    payloads: list[tuple[str, Any, Parser]], which: int, replacement: Any, path_choice: int
) -> None:
    _name, base, fn = payloads[which % len(payloads)]
    data = _mutate(copy.deepcopy(base), replacement, path_choice)
    with contextlib.suppress(ProtocolError):
        fn(data)


# ---- cable frames from the server ----------------------------------------------------------
ACCOUNT = 1
IDENT = json.dumps(
    {"channel": "RoomChannel", "pubsub_token": "p", "account_id": ACCOUNT, "user_id": 1},
    separators=(",", ":"),
)
SENTINEL = {"identifier": IDENT, "message": {"event": "sentinel", "data": {"account_id": 1}}}
EVENT_DATA = st.dictionaries(
    st.sampled_from(["account_id", "id", "content", "conversation_id"]) | st.text(max_size=5),
    JSON,
    max_size=4,
)
EVENT_FRAME = st.fixed_dictionaries(
    {},
    optional={
        "identifier": st.sampled_from([IDENT, IDENT, IDENT, "{}", '{"channel":"RoomChannel"}'])
        | JSON,
        "type": st.sampled_from(["ping", "welcome", "confirm_subscription", "surprise"]) | JSON,
        "message": st.fixed_dictionaries(
            {},
            optional={
                "event": st.sampled_from(["message.created", "conversation.updated"]) | JSON,
                "data": EVENT_DATA
                | st.fixed_dictionaries({"account_id": st.sampled_from([1, 2, "1", None])})
                | JSON,
            },
        )
        | JSON,
    },
)
SERVER_FRAME = st.one_of(
    EVENT_FRAME.map(json.dumps),
    JSON.filter(lambda v: not isinstance(v, dict)).map(json.dumps),
    st.text(max_size=20),
    st.binary(max_size=20),
)


def delivered(frame: str | bytes) -> tuple[str, dict[str, Any]] | None:
    """What a client of this subscription and account must hand on for `frame` (ActionCable's
    frame rules, CONTRACT §7), or None."""
    if isinstance(frame, bytes):
        return None
    try:
        f = json.loads(frame)
    except ValueError:
        return None
    if not isinstance(f, dict) or f.get("type") in ("ping", "welcome", "confirm_subscription"):
        return None
    message = f.get("message")
    if f.get("identifier") != IDENT or not isinstance(message, dict):
        return None
    event, data = message.get("event"), message.get("data")
    if not isinstance(event, str) or not isinstance(data, dict):
        return None
    if data.get("account_id") is not None and data.get("account_id") != ACCOUNT:
        return None
    return event, data


@settings(max_examples=80, deadline=None)
@given(frames=st.lists(SERVER_FRAME, max_size=8))
def test_the_client_hands_on_exactly_the_well_formed_events(frames: list[str | bytes]) -> None:
    frames = [f for f in frames if not _is_disconnect(f)]  # those end the session, on purpose
    expected = [d for f in frames if (d := delivered(f)) is not None]
    got: list[tuple[str, dict[str, Any]]] = []

    async def scenario() -> None:
        done = asyncio.Event()

        async def session(ws: ServerConnection) -> None:
            await ws.send(json.dumps({"type": "welcome"}))
            await ws.recv()  # subscribe
            await ws.send(json.dumps({"identifier": IDENT, "type": "confirm_subscription"}))
            for frame in frames:
                await ws.send(frame)
            await ws.send(json.dumps(SENTINEL))
            await ws.wait_closed()

        async def on_event(event: str, data: dict[str, Any]) -> None:
            assert isinstance(event, str) and isinstance(data, dict)
            if event == "sentinel":
                done.set()
            else:
                got.append((event, data))

        async with serve(
            session, "127.0.0.1", 0, subprotocols=[Subprotocol("actioncable-v1-json")]
        ) as server:
            port = server.sockets[0].getsockname()[1]
            client = CableClient(
                f"ws://127.0.0.1:{port}/cable",
                pubsub_token="p",
                account_id=ACCOUNT,
                user_id=1,
                on_event=on_event,
                timings=CableTimings(confirm_timeout=5.0, watchdog=30.0, presence_interval=30.0),
            )
            run = asyncio.create_task(client.run())
            await asyncio.wait_for(done.wait(), 10)
            assert client.connect_count == 1 and client.state is CableState.CONNECTED
            await client.stop()
            await run

    asyncio.run(scenario())
    assert got == expected


def _is_disconnect(frame: str | bytes) -> bool:
    with contextlib.suppress(ValueError):
        f = json.loads(frame)
        return isinstance(f, dict) and f.get("type") == "disconnect"
    return False
