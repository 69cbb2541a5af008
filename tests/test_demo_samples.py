"""Every contract sample (CONTRACT §11) is reproduced on the demo server.

This module is the one place that proves each file of `tests/contract_samples/` is covered:
`COVERAGE` names, per sample, the test that brings about the same situation on the demo
server and compares the server's output with the sample by shape (`tests/shapes.py`: field
names, nesting, JSON types). Samples already exercised elsewhere (the conversation list, the
messages page and three cable events) are covered by those tests, which this module checks
still load the sample; the profile, the whole cable session and every error scenario are
checked here.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests import test_demo_cable, test_demo_conversations, test_demo_messages
from tests.cable_peer import PROTOCOLS, CableClient, cable_url, event_of
from tests.conftest import ADMIN, ANNA, BORIS, MARIA, api
from tests.shapes import FREEFORM, NULLABLE, SAMPLES, assert_same_shape, load_sample

A1 = "/api/v1/accounts/1"
CONTROL = "/__control"
# §1.3: `available_name` is "display_name or name", so `display_name` may be null (Boris has
# none); `inviter_id` is null for a user nobody invited (John created the account).
PROFILE_NULLABLE = NULLABLE | {"display_name", "inviter_id"}


def control(client: httpx.Client, action: str, **body: Any) -> dict[str, Any]:
    resp = client.post(CONTROL, json={"action": action, **body})
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


# ---- profile.json (§1.3) ------------------------------------------------------------------
def test_profile_sample(demo_url: str) -> None:
    """`GET /api/v1/profile`, the sign-in `data` and the profile actions' answers (§1.3: the
    same object) have the sample's shape."""
    sample = load_sample("profile.json")

    def check(body: Any) -> None:
        assert_same_shape(body, sample, nullable=PROFILE_NULLABLE)

    with api(demo_url, ANNA.access_token) as anna:
        profile = anna.get("/api/v1/profile").json()
        assert_same_shape(profile, sample)  # Anna has every field set, as in the sample
        body = {"profile": {"account_id": 1, "availability": "busy"}}
        check(anna.post("/api/v1/profile/availability", json=body).json())
        body = {"profile": {"account_id": 1, "auto_offline": False}}
        check(anna.post("/api/v1/profile/auto_offline", json=body).json())
        body = {"profile": {"message_signature": "Anna | Acme"}}
        check(anna.put("/api/v1/profile", json=body).json())
        check(anna.post("/api/v1/profile/reset_access_token").json())
    with api(demo_url, None) as client:
        resp = client.post("/auth/sign_in", json={"email": BORIS.email, "password": BORIS.password})
        assert resp.status_code == 200
        check(resp.json()["data"])
    with api(demo_url) as admin:
        check(admin.get("/api/v1/profile").json())


# ---- cable_session_frames.json (§7.2) -------------------------------------------------------
def _frame_kind(frame: dict[str, Any]) -> str:
    return event_of(frame) or str(frame.get("type") or frame.get("command"))


def _client_frame(frame: dict[str, Any], ident: str) -> dict[str, Any]:
    """A client frame of the sample with the demo's identifier in place of the sample's."""
    return {**frame, "identifier": ident}


def test_cable_session_sample(demo_url: str) -> None:
    """The sample session, played against the demo: the client sends the sample's own frames
    (with John's token in the identifier) and every server frame of the sample comes back
    with the sample's shape, the identifier echoed byte for byte."""
    frames = load_sample("cable_session_frames.json")["frames"]
    server_frames = {_frame_kind(f["frame"]): f["frame"] for f in frames if f["dir"] == "S->C"}
    client_frames = {_frame_kind(f["frame"]): f["frame"] for f in frames if f["dir"] == "C->S"}
    assert set(server_frames) == {
        "welcome",
        "confirm_subscription",
        "presence.update",
        "ping",
        "contact.updated",
        "disconnect",
    }
    assert set(client_frames) == {"subscribe", "message"}
    params = json.loads(client_frames["subscribe"]["identifier"])
    params.update(pubsub_token=ADMIN.pubsub_token, account_id=1, user_id=ADMIN.id)
    ident = json.dumps(params, separators=(",", ":"))  # the sample's key order and spacing

    def is_kind(kind: str) -> Callable[[Any], bool]:
        return lambda f: isinstance(f, dict) and _frame_kind(f) == kind

    async def scenario() -> None:
        ws = await connect(
            cable_url(demo_url), subprotocols=PROTOCOLS, open_timeout=10, ping_interval=None
        )
        async with CableClient(ws) as cable, httpx.AsyncClient(base_url=demo_url) as rest:
            got: dict[str, Any] = {"welcome": await cable.next_frame(5.0)}
            await cable.send(_client_frame(client_frames["subscribe"], ident))
            got["confirm_subscription"] = await cable.wait_for(is_kind("confirm_subscription"))
            await cable.wait_for(is_kind("presence.update"), what="presence after subscribe")
            got["ping"] = await cable.wait_for(is_kind("ping"), what="a ping (every 3 s)")
            await cable.send(_client_frame(client_frames["message"], ident))
            got["presence.update"] = await cable.wait_for(is_kind("presence.update"))
            act = {"account_id": 1, "conversation_id": 1, "op": "edit_contact"}
            changes = {"changes": {"name": "Sample Session"}}
            resp = await rest.post(CONTROL, json={"action": "act", **act, **changes})
            assert resp.status_code == 200, resp.text
            got["contact.updated"] = await cable.wait_for(is_kind("contact.updated"))
            resp = await rest.post(CONTROL, json={"action": "drop_sockets", "how": "disconnect"})
            assert resp.status_code == 200, resp.text
            got["disconnect"] = await cable.wait_for(is_kind("disconnect"))

        for kind, sample in server_frames.items():
            # presence keys are ids, so the sample's `users` / `contacts` are data, not schema
            ids = {"users", "contacts"} if kind == "presence.update" else set()
            assert_same_shape(got[kind], sample, freeform=FREEFORM | ids)
            if "identifier" in sample:
                assert got[kind]["identifier"] == ident, kind
        assert got["welcome"] == {"type": "welcome"}
        assert got["disconnect"] == server_frames["disconnect"]

    asyncio.run(scenario())


# ---- error_responses.json (§9) ----------------------------------------------------------------
ERRORS: dict[str, Any] = {
    k: v for k, v in load_sample("error_responses.json").items() if k[0] != "_"
}
Scenario = Callable[[str], httpx.Response]
SCENARIOS: dict[str, list[Scenario]] = {}


def scenario(name: str) -> Callable[[Scenario], Scenario]:
    """Register `fn` as one way of producing the error scenario `name` on the demo server."""

    def register(fn: Scenario) -> Scenario:
        SCENARIOS.setdefault(name, []).append(fn)
        return fn

    return register


@scenario("invalid_api_access_token")
def _bad_token(url: str) -> httpx.Response:
    with api(url, "not-a-token") as client:
        return client.get("/api/v1/profile")


@scenario("devise_session_missing_or_expired")
def _no_credentials(url: str) -> httpx.Response:
    with api(url, None) as client:
        return client.get("/api/v1/profile")


@scenario("devise_session_missing_or_expired")
def _signed_out_session(url: str) -> httpx.Response:
    with api(url, None) as client:
        signed_in = client.post(
            "/auth/sign_in", json={"email": ANNA.email, "password": ANNA.password}
        )
        session = {k: signed_in.headers[k] for k in ("access-token", "client", "uid")}
        assert client.delete("/auth/sign_out", headers=session).status_code == 200
        return client.get("/api/v1/profile", headers=session)


@scenario("sign_in_bad_credentials")
def _bad_password(url: str) -> httpx.Response:
    with api(url, None) as client:
        return client.post("/auth/sign_in", json={"email": ANNA.email, "password": "wrong"})


@scenario("sign_in_mfa_required")
def _mfa(url: str) -> httpx.Response:
    with api(url, None) as client:
        return client.post("/auth/sign_in", json={"email": MARIA.email, "password": MARIA.password})


@scenario("not_member_of_account")
def _other_account(url: str) -> httpx.Response:
    with api(url, BORIS.access_token) as boris:  # Boris is only in account 1
        return boris.get("/api/v1/accounts/2/conversations")


@scenario("pundit_forbidden_conversation")
def _outside_inboxes(url: str) -> httpx.Response:
    with api(url) as admin, api(url, BORIS.access_token) as boris:
        everything = admin.get(f"{A1}/conversations", params={"status": "all"}).json()
        mine = boris.get(f"{A1}/conversations", params={"status": "all"}).json()
        visible = {c["id"] for c in mine["data"]["payload"]}
        other = next(c["id"] for c in everything["data"]["payload"] if c["id"] not in visible)
        return boris.get(f"{A1}/conversations/{other}")


@scenario("not_found")
def _no_such_conversation(url: str) -> httpx.Response:
    with api(url) as admin:
        return admin.get(f"{A1}/conversations/999999")


@scenario("validation_failed_record_invalid")
def _duplicate_email(url: str) -> httpx.Response:
    with api(url) as admin:
        contacts = admin.get(f"{A1}/contacts").json()["payload"]
        first, second = [c for c in contacts if c["email"]][:2]
        return admin.put(f"{A1}/contacts/{first['id']}", json={"email": second["email"]})


@scenario("message_create_failed")
def _too_many_messages(url: str) -> httpx.Response:
    """§3.2: the 201st message within a minute (CONVERSATION_MESSAGE_PER_MINUTE_LIMIT)."""
    with api(url) as admin:
        for index in range(200):
            control(admin, "act", conversation_id=5, op="write", content=f"burst {index}")
        return admin.post(f"{A1}/conversations/5/messages", json={"content": "one too many"})


@scenario("missing_param")
def _profile_without_profile(url: str) -> httpx.Response:
    with api(url) as admin:
        return admin.put("/api/v1/profile", json={})


@scenario("rate_limited_rack_attack")
def _fail_next(url: str) -> httpx.Response:
    with api(url) as admin:
        control(admin, "fail_next", count=1, status=429)
        return admin.get(f"{A1}/conversations")


@scenario("rate_limited_rack_attack")
def _sign_in_throttle(url: str) -> httpx.Response:
    """§9.1: 5 sign-ins per IP per 5 minutes (loopback is exempt unless throttled)."""
    with api(url, None) as client:
        control(client, "throttle", on=True)
        wrong = {"email": ANNA.email, "password": "wrong"}
        assert [client.post("/auth/sign_in", json=wrong).status_code for _ in range(5)] == [401] * 5
        return client.post("/auth/sign_in", json={"email": ANNA.email, "password": ANNA.password})


def test_every_error_scenario_has_a_producer() -> None:
    """Every scenario of error_responses.json can be brought about on the demo server."""
    assert set(SCENARIOS) == set(ERRORS)


@pytest.mark.parametrize(
    "name, produce",
    [(name, fn) for name, fns in SCENARIOS.items() for fn in fns],
    ids=[f"{name}-{fn.__name__.strip('_')}" for name, fns in SCENARIOS.items() for fn in fns],
)
def test_error_response_sample(demo_url: str, name: str, produce: Scenario) -> None:
    """The scenario's status and body are those of error_responses.json, exactly (the MFA
    token is random, so that body is compared by shape)."""
    expected = ERRORS[name]
    resp = produce(demo_url)
    assert resp.status_code == expected["status"], resp.text
    content_type = resp.headers["content-type"].split(";")[0]
    if "body_text" in expected:
        assert content_type == expected["content_type"]
        assert resp.text == expected["body_text"]
        assert "retry-after" not in resp.headers  # §9.1: rack-attack sends none
        return
    assert content_type == "application/json"
    body = resp.json()
    if name == "sign_in_mfa_required":  # the token is random: same shape, same flag
        assert_same_shape(body, expected["body"])
        assert body["mfa_required"] is True and body["mfa_token"]
    else:
        assert body == expected["body"]


# ---- the map: every sample, the test that reproduces it ---------------------------------------
COVERAGE: dict[str, tuple[Callable[..., None], ...]] = {
    "profile.json": (test_profile_sample,),
    "conversations_list_page.json": (
        test_demo_conversations.test_list_page_has_the_shape_of_the_contract_sample,
    ),
    "messages_page.json": (
        test_demo_messages.test_messages_page_has_the_shape_of_the_contract_sample,
    ),
    "cable_message_created.json": (
        test_demo_cable.test_frames_have_the_shapes_of_the_samples,
        test_demo_cable.test_rest_message_create_echoes_echo_id_on_the_socket,
    ),
    "cable_conversation_status_changed.json": (
        test_demo_cable.test_frames_have_the_shapes_of_the_samples,
    ),
    "cable_typing_on.json": (test_demo_cable.test_frames_have_the_shapes_of_the_samples,),
    "cable_session_frames.json": (test_cable_session_sample,),
    "error_responses.json": (test_every_error_scenario_has_a_producer, test_error_response_sample),
}


def test_every_sample_is_covered() -> None:
    """Each sample file has a test here or elsewhere, and that test still names the file."""
    samples = {p.name for p in SAMPLES.glob("*.json")} - {"application_swagger.json"}
    assert set(COVERAGE) == samples
    for name, tests in COVERAGE.items():
        for test in tests:
            assert name in inspect.getsource(test), f"{test.__module__}.{test.__name__}: {name}"
