"""Fuzzing the demo server: every route it serves, and the cable, with hypothesis.

Each REST example picks one of the server's own routes (read off its router, so a new route
is fuzzed without being listed here), fills its path with real ids or junk, and sends junk
query parameters and bodies (JSON of any shape, broken JSON, form data) with an admin's, an
agent's, a wrong or no token. Whatever the status, the answer must be one the server meant:
a 5xx only as the JSON Chatwoot itself answers (its unrescued errors), never aiohttp's page
for an exception that escaped a handler, and no handler may log a traceback. The cable gets
sequences of malformed client frames and must still deliver events on the same socket.

The invariants are the server's own; the statuses are not checked here (the contract tests
do that), so the demo is never made stricter or kinder than the contract by these tests.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.server import DemoServerThread
from tests.cable_peer import CableClient, names
from tests.conftest import ADMIN, ANNA

# routes whose success would end the fuzzing itself (the admin's token reset, John deleted)
LEFT_OUT = {
    ("POST", "/api/v1/profile/reset_access_token"),
    ("DELETE", "/api/v1/accounts/{account_id}/agents/{agent_id}"),
}
IDS = st.sampled_from(["1", "2", "3", "4", "7", "12", "0", "-1", "999999", "abc", "1.5", "%20",
                       "9" * 30, "null", "[]", "1;2"])  # fmt: skip
KEYS = st.sampled_from(["content", "status", "message_type", "private", "page", "q", "before",
                        "after", "assignee_id", "team_id", "labels", "priority", "name", "email",
                        "phone_number", "custom_attributes", "payload", "attribute_key",
                        "filter_operator", "values", "query_operator", "echo_id", "snoozed_until",
                        "availability", "user_ids", "content_attributes", "sort_by",
                        "updated_within", "inbox_id", "type", "since", "until"])  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(KEYS | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=16,
)
QUERY = st.dictionaries(
    KEYS | st.text(min_size=1, max_size=6),
    st.text(max_size=10) | st.integers().map(str) | st.sampled_from(["open", "all", "mine"]),
    max_size=4,
)
BODY = st.one_of(
    st.tuples(st.just("application/json"), JSON.map(lambda v: json.dumps(v).encode())),
    st.tuples(st.just("application/json"), st.binary(max_size=40)),
    st.tuples(
        st.just("application/x-www-form-urlencoded"),
        QUERY.map(lambda q: str(httpx.QueryParams(q)).encode()),
    ),
    st.tuples(st.just("text/plain"), st.binary(max_size=20)),
)
TOKENS = st.sampled_from([ADMIN.access_token, ADMIN.access_token, ANNA.access_token, "wrong", None])


class TracebackCatcher(logging.Handler):
    """Every log record at ERROR or above: a handler's exception that escaped."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def fuzzed() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """One demo server for the whole module, with its routes."""
    server = DemoServerThread(DemoConfig(port=0, control=True))
    url = server.start()
    routes = sorted(
        {
            (route.method, route.resource.canonical)
            for route in server.server.app.router.routes()
            if route.resource is not None
            and route.method not in ("HEAD", "*")
            and route.resource.canonical.startswith(("/api/", "/auth/", "/rails/"))
        }
        - LEFT_OUT
    )
    try:
        yield url, routes
    finally:
        server.stop()


@pytest.fixture
def tracebacks() -> Iterator[TracebackCatcher]:
    catcher = TracebackCatcher()
    root = logging.getLogger()
    root.addHandler(catcher)
    try:
        yield catcher
    finally:
        root.removeHandler(catcher)


def fill(path: str, ids: list[str]) -> str:
    out, rest = "", path
    for value in ids:
        head, brace, tail = rest.partition("{")
        if not brace:
            break
        out += head + value
        rest = tail.partition("}")[2]
    return out + rest


@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_lets_an_exception_escape(
    fuzzed: tuple[str, list[tuple[str, str]]], tracebacks: TracebackCatcher, data: Any
) -> None:
    url, routes = fuzzed
    method, template = data.draw(st.sampled_from(routes), label="route")
    ids = data.draw(st.lists(IDS, min_size=4, max_size=4), label="ids")
    path = fill(template, ids)
    query = data.draw(QUERY, label="query")
    content_type, body = data.draw(BODY, label="body")
    token = data.draw(TOKENS, label="token")
    headers = {"content-type": content_type}
    if token is not None:
        headers["api_access_token"] = token
    with httpx.Client(base_url=url, timeout=10.0) as client:
        response = client.request(
            method, path, params=query, content=None if method == "GET" else body, headers=headers
        )
    if response.status_code >= 500:
        assert response.headers.get("content-type", "").startswith("application/json"), (
            f"{method} {path} -> {response.status_code}: {response.text[:200]}"
        )
        json.loads(response.text)  # Chatwoot's own 500 is JSON
    assert not tracebacks.records, [r.getMessage() for r in tracebacks.records]


CABLE_COMMANDS = st.sampled_from(["subscribe", "unsubscribe", "message", "dance", ""]) | st.text(
    max_size=6
)
CABLE_FRAME = st.one_of(
    st.text(max_size=30),
    st.binary(max_size=30),
    JSON.map(json.dumps),
    st.fixed_dictionaries(
        {"command": CABLE_COMMANDS},
        optional={
            "identifier": JSON.map(json.dumps) | st.text(max_size=20) | JSON,
            "data": JSON.map(json.dumps) | JSON,
        },
    ).map(json.dumps),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frames=st.lists(CABLE_FRAME, min_size=1, max_size=8))
def test_malformed_cable_frames_never_cost_the_socket_its_events(
    fuzzed: tuple[str, list[tuple[str, str]]], tracebacks: TracebackCatcher, frames: list[Any]
) -> None:
    """After any frames a client sends, the same socket still gets its events."""
    url, _routes = fuzzed

    async def scenario() -> None:
        async with await CableClient.open(url) as cable:
            ident = await cable.subscribe(ADMIN.pubsub_token, 1, ADMIN.id)
            for frame in frames:
                await cable.send(frame)
            await cable.drain(ident)
            async with httpx.AsyncClient(
                base_url=url, headers={"api_access_token": ADMIN.access_token}
            ) as client:
                await client.post(
                    "/__control",
                    json={"action": "act", "op": "write", "conversation_id": 1, "content": "ok"},
                )
            assert "message.created" in names(await cable.drain(ident))

    asyncio.run(scenario())
    assert not tracebacks.records, [r.getMessage() for r in tracebacks.records]
