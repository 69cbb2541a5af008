"""§3 messages on the demo server over loopback: pages (latest / before / after / between),
create (JSON and multipart), errors, soft delete, retry and the API-inbox status update."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.models import MESSAGE_ACTIVITY, Conversation, DemoStore, Message
from operator_desktop.demo.seed import build_store
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.demo.views import iso
from tests.conftest import ADMIN, ANNA, BORIS, api
from tests.shapes import NULLABLE, assert_same_shape, load_sample

SEED: DemoStore = build_store(1, 0.0)
BASE = "/api/v1/accounts/1/conversations"
MESSAGE_KEYS = {
    "id", "content", "inbox_id", "conversation_id", "message_type", "content_type", "status",
    "content_attributes", "created_at", "private", "source_id",
}  # fmt: skip


def seed_conv(display_id: int) -> Conversation:
    return next(
        c for c in SEED.conversations.values() if c.account_id == 1 and c.display_id == display_id
    )


def seed_messages(display_id: int) -> list[Message]:
    return SEED.messages_of(seed_conv(display_id).id)


def page(client: httpx.Client, display_id: int, **params: Any) -> dict[str, Any]:
    resp = client.get(f"{BASE}/{display_id}/messages", params=params)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    assert set(body) == {"meta", "payload"}
    return body


def control(client: httpx.Client, **body: Any) -> dict[str, Any]:
    resp = client.post("/__control", json=body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def png_bytes(width: int = 8, height: int = 6) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


# ---- list ---------------------------------------------------------------------------------
def test_latest_before_after_between(admin: httpx.Client) -> None:
    seeded = [m.id for m in seed_messages(7)]
    assert len(seeded) > 20
    latest = page(admin, 7)
    assert [m["id"] for m in latest["payload"]] == seeded[-20:]
    older = page(admin, 7, before=seeded[-20])
    assert [m["id"] for m in older["payload"]] == seeded[-40:-20]
    assert page(admin, 7, before=seeded[0])["payload"] == []
    after = page(admin, 7, after=seeded[4])
    assert [m["id"] for m in after["payload"]] == seeded[5:]
    between = page(admin, 7, after=seeded[3], before=seeded[10])
    assert [m["id"] for m in between["payload"]] == seeded[3:10]  # after <= id < before
    created = [m["created_at"] for m in latest["payload"]]
    assert created == sorted(created)


def test_after_returns_at_most_100_oldest_first(admin: httpx.Client) -> None:
    last_seeded = seed_messages(13)[-1].id
    new_ids = [
        control(admin, action="act", conversation_id=13, op="write", content=f"m{i}")["message_id"]
        for i in range(110)
    ]
    got = page(admin, 13, after=last_seeded)
    assert [m["id"] for m in got["payload"]] == new_ids[:100]
    rest = page(admin, 13, after=new_ids[99])
    assert [m["id"] for m in rest["payload"]] == new_ids[100:]
    both = page(admin, 13, after=new_ids[0], before=new_ids[105])
    assert [m["id"] for m in both["payload"]] == new_ids[:105]


def test_filter_internal_messages(admin: httpx.Client) -> None:
    public = [
        m.id for m in seed_messages(7) if not m.private and m.message_type != MESSAGE_ACTIVITY
    ]
    internal = [m for m in seed_messages(7) if m.private or m.message_type == MESSAGE_ACTIVITY]
    assert internal
    for value in ("1", "true", "false"):  # `present?`: any non-blank value filters
        got = page(admin, 7, filter_internal_messages=value, after=0)
        assert [m["id"] for m in got["payload"]] == public
    unfiltered = page(admin, 7, filter_internal_messages="", after=0)
    assert len(unfiltered["payload"]) == len(seed_messages(7))


def test_messages_meta_and_message_shape(admin: httpx.Client) -> None:
    admin.post(f"{BASE}/13/update_last_seen")
    conv = admin.get(f"{BASE}/13").json()
    body = page(admin, 13)
    meta = body["meta"]
    seed = seed_conv(13)
    contact = SEED.contacts[seed.contact_id]
    assert set(meta) == {
        "labels", "additional_attributes", "contact", "assignee", "agent_last_seen_at",
        "assignee_last_seen_at",
    }  # fmt: skip
    assert meta["labels"] == seed.labels
    assert meta["additional_attributes"] == seed.additional_attributes
    assert meta["contact"]["id"] == contact.id and meta["contact"]["type"] == "contact"
    assert meta["assignee"]["id"] == ADMIN.id and meta["assignee"]["type"] == "user"
    assert set(meta["assignee"]) == {
        "id", "name", "available_name", "avatar_url", "type", "availability_status", "thumbnail",
    }  # fmt: skip
    assert isinstance(meta["agent_last_seen_at"], str) and meta["agent_last_seen_at"].endswith("Z")
    # the same moment as the conversation's int, but as an ISO string (§3.1)
    expected = iso(float(conv["agent_last_seen_at"]))
    assert expected is not None and meta["agent_last_seen_at"][:19] == expected[:19]
    assert meta["assignee_last_seen_at"] == meta["agent_last_seen_at"]
    for msg in body["payload"]:
        assert set(msg) - {"sender", "attachments"} == MESSAGE_KEYS
        assert msg["conversation_id"] == 13
        if msg["message_type"] == 0:
            assert msg["sender"]["type"] == "contact"
        if msg["message_type"] == MESSAGE_ACTIVITY:
            assert "sender" not in msg
    unassigned = next(
        c for c in SEED.conversations.values() if c.account_id == 1 and c.assignee_id is None
    )
    meta2 = page(admin, unassigned.display_id)["meta"]
    assert "assignee" not in meta2


def test_visibility(boris: httpx.Client) -> None:
    assert page(boris, 1)["payload"]  # team access
    outside = next(
        c
        for c in SEED.conversations.values()
        if c.account_id == 1 and c.inbox_id == 3 and c.team_id is None
    )
    resp = boris.get(f"{BASE}/{outside.display_id}/messages")
    assert resp.status_code == 401
    assert resp.json() == {"error": "You are not authorized to do this action"}
    missing = boris.get(f"{BASE}/999/messages")
    assert missing.status_code == 404
    assert missing.json() == {"error": "Resource could not be found"}
    post = boris.post(f"{BASE}/{outside.display_id}/messages", json={"content": "x"})
    assert post.status_code == 401


# ---- create -------------------------------------------------------------------------------
def test_create_json_outgoing_with_echo_and_reply(anna: httpx.Client) -> None:
    quoted = seed_messages(7)[0].id
    resp = anna.post(
        f"{BASE}/7/messages",
        json={
            "content": "Здравствуйте! Проверяю.",
            "echo_id": "tmp-42",
            "content_attributes": {"in_reply_to": quoted},
        },
    )
    assert resp.status_code == 200, resp.text
    msg = resp.json()
    assert set(msg) == MESSAGE_KEYS | {"sender", "echo_id"}
    assert msg["content"] == "Здравствуйте! Проверяю."
    assert msg["message_type"] == 1 and msg["private"] is False
    assert msg["content_type"] == "text" and msg["status"] == "sent"
    assert msg["echo_id"] == "tmp-42"
    assert msg["content_attributes"] == {"in_reply_to": quoted}
    assert msg["sender"]["id"] == ANNA.id and msg["sender"]["type"] == "user"
    assert msg["conversation_id"] == 7 and msg["inbox_id"] == 1
    latest = page(anna, 7)["payload"]
    assert latest[-1]["id"] == msg["id"]
    assert latest[-1]["content_attributes"] == {"in_reply_to": quoted}
    conv = anna.get(f"{BASE}/7").json()
    assert conv["messages"][0]["id"] == msg["id"]
    # echo_id is a transient attribute in Chatwoot: a later fetch never carries it
    assert "echo_id" not in conv["messages"][0]
    assert "echo_id" not in latest[-1]


def test_create_private_note(admin: httpx.Client) -> None:
    resp = admin.post(f"{BASE}/7/messages", json={"content": "internal", "private": True})
    assert resp.status_code == 200
    assert resp.json()["private"] is True and resp.json()["message_type"] == 1
    assert "echo_id" not in resp.json()


def test_create_multipart_with_attachments(admin: httpx.Client) -> None:
    quoted = seed_messages(9)[-1].id
    resp = admin.post(
        f"{BASE}/9/messages",
        data={
            "content": "Two files",
            "private": "false",
            "echo_id": "e-1",
            "content_attributes": json.dumps({"in_reply_to": quoted}),
        },
        files=[
            ("attachments[]", ("photo.png", png_bytes(), "image/png")),
            ("attachments[]", ("notes.txt", b"hello world", "text/plain")),
        ],
    )
    assert resp.status_code == 200, resp.text
    msg = resp.json()
    assert msg["content"] == "Two files" and msg["private"] is False
    assert msg["echo_id"] == "e-1"
    assert msg["content_attributes"] == {"in_reply_to": quoted}
    image, text = msg["attachments"]
    assert image["file_type"] == "image" and image["extension"] == "png"
    assert (image["width"], image["height"]) == (8, 6)
    assert text["file_type"] == "file" and text["file_size"] == 11
    for att in (image, text):
        assert att["message_id"] == msg["id"] and att["account_id"] == 1
        assert att["data_url"].startswith("http")
    attachment_only = admin.post(
        f"{BASE}/9/messages", files=[("attachments[]", ("a.txt", b"a", "text/plain"))]
    )
    assert attachment_only.status_code == 200
    assert attachment_only.json()["content"] is None


def test_incoming_only_in_api_inboxes(admin: httpx.Client) -> None:
    web = admin.post(f"{BASE}/7/messages", json={"content": "hi", "message_type": "incoming"})
    assert web.status_code == 422
    assert web.json() == {"error": "Incoming messages are only allowed in Api inboxes"}
    api_conv = next(c for c in SEED.conversations.values() if c.account_id == 1 and c.inbox_id == 3)
    resp = admin.post(
        f"{BASE}/{api_conv.display_id}/messages",
        json={"content": "from the customer", "message_type": "incoming"},
    )
    assert resp.status_code == 200
    msg = resp.json()
    assert msg["message_type"] == 0
    assert msg["sender"]["type"] == "contact" and msg["sender"]["id"] == api_conv.contact_id


def test_a_blank_message_is_created_as_chatwoot_does(admin: httpx.Client) -> None:
    """`Message` validates only the content's length: the API creates a blank message (the
    dashboard is what refuses to send one), so a client must not rely on a 422 here."""
    for body, content in (({"content": ""}, ""), ({}, None), ({"content": "   "}, "   ")):
        resp = admin.post(f"{BASE}/7/messages", json=body)
        assert resp.status_code == 200, resp.text
        assert resp.json()["content"] == content and resp.json()["message_type"] == 1


def test_create_errors_are_422(admin: httpx.Client) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"content": "x", "message_type": "shout"}, "'shout' is not a valid message_type"),
        ({"content": "x", "content_type": "poem"}, "'poem' is not a valid content_type"),
        (
            {"content": "x" * 150_001},
            "Validation failed: Content is too long (maximum is 150000 characters)",
        ),
    ]
    for body, error in cases:
        resp = admin.post(f"{BASE}/7/messages", json=body)
        assert resp.status_code == 422, body
        assert resp.json() == {"error": error}
    bad_attrs = admin.post(
        f"{BASE}/7/messages", data={"content": "x", "content_attributes": "{not json"}
    )
    assert bad_attrs.status_code == 422 and "error" in bad_attrs.json()
    too_many = [("attachments[]", (f"{i}.txt", b"x", "text/plain")) for i in range(16)]
    resp = admin.post(f"{BASE}/7/messages", data={"content": "x"}, files=too_many)
    assert resp.status_code == 422
    assert resp.json() == {"error": "Validation failed: Attachments Too many attachments"}


def test_too_many_messages_per_minute(admin: httpx.Client) -> None:
    for i in range(200):
        control(admin, action="act", conversation_id=5, op="write", content=f"spam {i}")
    resp = admin.post(f"{BASE}/5/messages", json={"content": "one more"})
    assert resp.status_code == 422
    assert resp.json() == {"error": "Validation failed: Too many messages"}
    control(admin, action="advance_clock", seconds=61)
    assert admin.post(f"{BASE}/5/messages", json={"content": "one more"}).status_code == 200


# ---- one message --------------------------------------------------------------------------
def test_soft_delete(admin: httpx.Client) -> None:
    with_file = next(m for m in seed_messages(4) if m.attachment_ids)
    resp = admin.delete(f"{BASE}/4/messages/{with_file.id}")
    assert resp.status_code == 200
    msg = resp.json()
    assert msg["id"] == with_file.id
    assert msg["content"] == "This message was deleted"
    assert msg["content_attributes"]["deleted"] is True
    assert "attachments" not in msg
    listed = page(admin, 4, after=with_file.id, before=with_file.id + 1)["payload"]
    assert [m["id"] for m in listed] == [with_file.id]
    assert listed[0]["content"] == "This message was deleted"
    assert admin.get(f"{BASE}/4/attachments").json()["meta"]["total_count"] == sum(
        len(m.attachment_ids) for m in seed_messages(4)
    ) - len(with_file.attachment_ids)
    other = seed_messages(7)[0].id  # belongs to another conversation
    wrong = admin.delete(f"{BASE}/4/messages/{other}")
    assert wrong.status_code == 404
    assert wrong.json() == {"error": "Resource could not be found"}


def test_patch_status_only_in_api_inboxes(admin: httpx.Client) -> None:
    web_msg = seed_messages(7)[-1].id
    refused = admin.patch(f"{BASE}/7/messages/{web_msg}", json={"status": "read"})
    assert refused.status_code == 403
    assert refused.json() == {"error": "Message status update is only allowed for API inboxes"}
    api_conv = next(c for c in SEED.conversations.values() if c.account_id == 1 and c.inbox_id == 3)
    created = admin.post(f"{BASE}/{api_conv.display_id}/messages", json={"content": "out"})
    msg_id = created.json()["id"]
    url = f"{BASE}/{api_conv.display_id}/messages/{msg_id}"
    failed = admin.patch(url, json={"status": "failed", "external_error": "gateway down"})
    assert failed.status_code == 200
    assert failed.json()["status"] == "failed"
    assert failed.json()["content_attributes"]["external_error"] == "gateway down"
    ignored = admin.patch(url, json={"status": "lost"})  # StatusUpdateService ignores it
    assert ignored.status_code == 200 and ignored.json()["status"] == "failed"
    retried = admin.post(f"{url}/retry")
    assert retried.status_code == 200
    assert retried.json()["status"] == "sent"
    assert "external_error" not in retried.json()["content_attributes"]
    admin.patch(url, json={"status": "read"})
    no_downgrade = admin.patch(url, json={"status": "delivered"})
    assert no_downgrade.json()["status"] == "read"


def test_retry_of_a_failed_message_from_another_agent(admin: httpx.Client) -> None:
    mid = control(admin, action="act", conversation_id=7, as_user_id=ANNA.id, op="write",
                  content="will fail")["message_id"]  # fmt: skip
    control(admin, action="act", conversation_id=7, op="message_status", message_id=mid,
            status="failed")  # fmt: skip
    resp = admin.post(f"{BASE}/7/messages/{mid}/retry")
    assert resp.status_code == 200 and resp.json()["status"] == "sent"
    unchanged = admin.post(f"{BASE}/7/messages/{mid}/retry")
    assert unchanged.status_code == 200 and unchanged.json()["status"] == "sent"


def test_messages_page_has_the_shape_of_the_contract_sample(admin: httpx.Client) -> None:
    """Each message is checked against the sample message of its own kind."""
    sample = load_sample("messages_page.json")

    def kind(msg: dict[str, Any]) -> tuple[Any, ...]:
        sender = msg.get("sender", {}).get("type")
        return (msg["message_type"], msg["private"], sender, "attachments" in msg)

    samples = {kind(m): m for m in sample["payload"]}
    admin.post(f"{BASE}/4/update_last_seen")
    body = page(admin, 4, after=0)
    assert_same_shape(body["meta"], sample["meta"])
    seen_kinds = set()
    for msg in body["payload"]:
        if kind(msg) in samples:
            seen_kinds.add(kind(msg))
            # a csv has no size in pixels, an image no null extension: both are nullable
            nullable = NULLABLE | {"extension", "width", "height"}
            assert_same_shape(msg, samples[kind(msg)], nullable=nullable)
    assert len(seen_kinds) >= 4  # incoming, activity, outgoing, with attachments, note


# ---- translate ----------------------------------------------------------------------------
@pytest.fixture
def running() -> Iterator[DemoServerThread]:
    """A demo server whose store the test may touch (through `call`)."""
    server = DemoServerThread(DemoConfig(port=0, control=True))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_translate_without_a_google_translate_hook(running: DemoServerThread) -> None:
    """`Integrations::GoogleTranslate::ProcessorService` returns nil with no hook: the answer
    is `{content: null}` and nothing is stored; a stored translation is an empty 200."""
    msg = seed_messages(7)[-1]
    path = f"{BASE}/7/messages/{msg.id}/translate"
    with api(running.url) as admin:
        for body in ({"target_language": "de"}, {}, {"target_language": ["de"]}):
            resp = admin.post(path, json=body)
            assert resp.status_code == 200, body
            assert resp.json() == {"content": None}
        shown = page(admin, 7)["payload"][-1]
        assert shown["id"] == msg.id and "translations" not in shown["content_attributes"]

        def store_translation() -> None:
            stored = running.server.store.messages[msg.id]
            stored.content_attributes = {
                **stored.content_attributes,
                "translations": {"de": "Hallo"},
            }

        running.call(store_translation)
        already = admin.post(path, params={"target_language": "de"})
        assert already.status_code == 200 and already.content == b""
        other = admin.post(path, json={"target_language": "ru"})
        assert other.json() == {"content": None}
        # the message must belong to the conversation; the conversation must be visible
        wrong = admin.post(f"{BASE}/8/messages/{msg.id}/translate", json={"target_language": "de"})
        assert wrong.status_code == 404
        assert wrong.json() == {"error": "Resource could not be found"}
    with api(running.url, BORIS.access_token) as boris:
        api_conv = next(c for c in SEED.conversations.values() if c.inbox_id == 3)
        api_msg = SEED.messages_of(api_conv.id)[-1]
        outside = boris.post(
            f"{BASE}/{api_conv.display_id}/messages/{api_msg.id}/translate",
            json={"target_language": "de"},
        )
        assert outside.status_code == 401
