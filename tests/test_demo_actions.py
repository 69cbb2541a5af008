"""§4 conversation actions on the demo server over loopback: status (with the agent
self-assign quirk), assignments, labels, priority, typing, read state (with the one-hour
throttle, driven by the control clock), mute, custom attributes and drafts."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from operator_desktop.demo.models import MESSAGE_INCOMING, Conversation, DemoStore
from operator_desktop.demo.seed import build_store
from operator_desktop.demo.views import iso
from tests.conftest import ADMIN, ANNA, BORIS

SEED: DemoStore = build_store(1, 0.0)
BASE = "/api/v1/accounts/1/conversations"
FORBIDDEN = {"error": "You are not authorized to do this action"}
NOT_FOUND = {"error": "Resource could not be found"}
AGENT_KEYS = {
    "id", "account_id", "availability_status", "auto_offline", "confirmed", "email",
    "provider", "available_name", "name", "role", "thumbnail",
}  # fmt: skip


def seed_conv(display_id: int) -> Conversation:
    return next(
        c for c in SEED.conversations.values() if c.account_id == 1 and c.display_id == display_id
    )


def first_conv(**where: Any) -> Conversation:
    return next(
        c
        for c in sorted(SEED.conversations.values(), key=lambda c: c.display_id)
        if c.account_id == 1 and all(getattr(c, k) == v for k, v in where.items())
    )


def show(client: httpx.Client, display_id: int) -> dict[str, Any]:
    resp = client.get(f"{BASE}/{display_id}")
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def control(client: httpx.Client, **body: Any) -> dict[str, Any]:
    resp = client.post("/__control", json=body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def broadcasts(client: httpx.Client) -> int:
    return int(control(client, action="stats")["broadcasts"])


# ---- toggle_status ------------------------------------------------------------------------
def test_toggle_status_without_status_flips(admin: httpx.Client) -> None:
    conv = first_conv(status="open", inbox_id=2)
    resp = admin.post(f"{BASE}/{conv.display_id}/toggle_status")
    assert resp.status_code == 200
    assert resp.json() == {
        "payload": {
            "success": True,
            "conversation_id": conv.display_id,
            "current_status": "resolved",
            "snoozed_until": None,
        }
    }
    again = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={})
    assert again.json()["payload"]["current_status"] == "open"
    # an administrator reopening does not take the conversation
    assert show(admin, conv.display_id)["meta"]["assignee"]["id"] == conv.assignee_id
    pending = first_conv(status="pending")
    resp = admin.post(f"{BASE}/{pending.display_id}/toggle_status")
    assert resp.json()["payload"]["current_status"] == "open"
    snoozed = first_conv(status="snoozed")
    resp = admin.post(f"{BASE}/{snoozed.display_id}/toggle_status")
    assert resp.json()["payload"]["current_status"] == "open"
    assert show(admin, snoozed.display_id)["snoozed_until"] is None


def test_toggle_status_explicit_and_snooze(admin: httpx.Client) -> None:
    conv = first_conv(status="open", inbox_id=3)
    until = 2_000_000_000
    resp = admin.post(
        f"{BASE}/{conv.display_id}/toggle_status",
        json={"status": "snoozed", "snoozed_until": until},
    )
    assert resp.status_code == 200
    body = resp.json()
    assert "meta" not in body
    assert body["payload"] == {
        "success": True,
        "conversation_id": conv.display_id,
        "current_status": "snoozed",
        "snoozed_until": iso(float(until)),
    }
    assert body["payload"]["snoozed_until"] == "2033-05-18T03:33:20.000Z"
    shown = show(admin, conv.display_id)
    assert shown["status"] == "snoozed" and shown["snoozed_until"] == "2033-05-18T03:33:20.000Z"
    # `snoozed_until` is only assigned when sent: re-snoozing keeps the old time
    resp = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": "snoozed"})
    assert resp.json()["payload"]["snoozed_until"] == "2033-05-18T03:33:20.000Z"
    # leaving `snoozed` clears it; snoozed with no time waits for the customer's reply
    resp = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": "pending"})
    assert resp.json()["payload"]["snoozed_until"] is None
    resp = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": "snoozed"})
    assert resp.json()["payload"]["snoozed_until"] is None
    control(admin, action="act", conversation_id=conv.display_id, op="customer_write",
            content="hello?")  # fmt: skip
    assert show(admin, conv.display_id)["status"] == "open"
    for status in ("pending", "resolved", "open"):
        resp = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": status})
        assert resp.json()["payload"]["current_status"] == status
    bad = admin.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": "closed"})
    assert bad.status_code == 422 and "error" in bad.json()


def test_agent_opening_takes_the_conversation(anna: httpx.Client, admin: httpx.Client) -> None:
    conv = first_conv(status="resolved", inbox_id=2, assignee_id=3)
    resp = anna.post(f"{BASE}/{conv.display_id}/toggle_status", json={"status": "open"})
    assert resp.json()["payload"]["current_status"] == "open"
    assert show(admin, conv.display_id)["meta"]["assignee"]["id"] == ANNA.id
    # pending does not assign
    other = first_conv(status="open", inbox_id=2, assignee_id=4)
    anna.post(f"{BASE}/{other.display_id}/toggle_status", json={"status": "pending"})
    assert show(admin, other.display_id)["meta"]["assignee"]["id"] == 4
    # already open: the agent still gets it (assign_conversation runs on every call)
    still_open = first_conv(status="open", inbox_id=1, assignee_id=4)
    resp = anna.post(f"{BASE}/{still_open.display_id}/toggle_status", json={"status": "open"})
    assert resp.json()["payload"]["current_status"] == "open"
    assert show(admin, still_open.display_id)["meta"]["assignee"]["id"] == ANNA.id


# ---- assignments --------------------------------------------------------------------------
def test_assign_agent(admin: httpx.Client) -> None:
    conv = first_conv(inbox_id=2, assignee_id=1)
    url = f"{BASE}/{conv.display_id}/assignments"
    resp = admin.post(url, json={"assignee_id": BORIS.id})
    assert resp.status_code == 200
    agent = resp.json()
    assert set(agent) == AGENT_KEYS
    assert agent["id"] == BORIS.id and agent["role"] == "agent" and agent["account_id"] == 1
    assert show(admin, conv.display_id)["meta"]["assignee"]["id"] == BORIS.id
    unassigned = admin.post(url, json={"assignee_id": None})
    assert unassigned.status_code == 200 and unassigned.text == "null"
    meta = show(admin, conv.display_id)["meta"]
    assert "assignee" not in meta and "assignee_type" not in meta
    admin.post(url, json={"assignee_id": BORIS.id})
    # Chatwoot: a user not in the account (find_by gives nil) unassigns, body null
    missing = admin.post(url, json={"assignee_id": 99})
    assert missing.status_code == 200 and missing.text == "null"
    assert "assignee" not in show(admin, conv.display_id)["meta"]
    bot = admin.post(url, json={"assignee_id": 1, "assignee_type": "AgentBot"})
    assert bot.status_code == 200 and bot.text == "null"
    api_conv = first_conv(inbox_id=3)
    api_url = f"{BASE}/{api_conv.display_id}/assignments"
    # inbox membership is not checked (CONTRACT §4)
    not_in_inbox = admin.post(api_url, json={"assignee_id": BORIS.id})
    assert not_in_inbox.status_code == 200 and not_in_inbox.json()["id"] == BORIS.id
    assert show(admin, api_conv.display_id)["meta"]["assignee"]["id"] == BORIS.id
    admin_ok = admin.post(api_url, json={"assignee_id": ADMIN.id})
    assert admin_ok.status_code == 200 and admin_ok.json()["role"] == "administrator"
    nothing = admin.post(url, json={})
    assert nothing.status_code == 200 and nothing.text == "null"


def test_assign_team(admin: httpx.Client) -> None:
    conv = first_conv(inbox_id=2, team_id=None, assignee_id=4)
    url = f"{BASE}/{conv.display_id}/assignments"
    resp = admin.post(url, json={"team_id": 1})
    assert resp.status_code == 200
    team = resp.json()
    assert set(team) == {
        "id", "name", "description", "allow_auto_assign", "account_id", "created_at",
        "updated_at",
    }  # fmt: skip
    assert team["id"] == 1 and team["name"] == "Billing" and team["account_id"] == 1
    shown = show(admin, conv.display_id)["meta"]
    assert shown["team"]["id"] == 1
    # Maria is not in Billing: she is dropped (Billing does not auto-assign)
    assert "assignee" not in shown
    cleared = admin.post(url, json={"team_id": None})
    assert cleared.status_code == 200 and cleared.text == "null"
    assert "team" not in show(admin, conv.display_id)["meta"]
    admin.post(url, json={"team_id": 1})
    unknown = admin.post(url, json={"team_id": 77})  # find_by gives nil: the team is cleared
    assert unknown.status_code == 200 and unknown.text == "null"
    assert "team" not in show(admin, conv.display_id)["meta"]


# ---- labels, priority, custom attributes --------------------------------------------------
def test_labels_replace_the_set(admin: httpx.Client) -> None:
    conv = seed_conv(1)
    url = f"{BASE}/1/labels"
    assert admin.get(url).json() == {"payload": conv.labels}
    resp = admin.post(url, json={"labels": ["bug", "delivery"]})
    assert resp.status_code == 200 and resp.json() == {"payload": ["bug", "delivery"]}
    assert admin.get(url).json() == {"payload": ["bug", "delivery"]}
    assert show(admin, 1)["labels"] == ["bug", "delivery"]
    assert admin.post(url, json={"labels": []}).json() == {"payload": []}


def test_priority(admin: httpx.Client) -> None:
    url = f"{BASE}/5/toggle_priority"
    resp = admin.post(url, json={"priority": "high"})
    assert resp.status_code == 200 and resp.content == b""
    assert show(admin, 5)["priority"] == "high"
    admin.post(url, json={"priority": None})
    assert show(admin, 5)["priority"] is None
    bad = admin.post(url, json={"priority": "critical"})
    assert bad.status_code == 422 and "error" in bad.json()
    patched = admin.patch(f"{BASE}/5", json={"priority": "low"})
    assert patched.status_code == 200
    assert patched.json()["id"] == 5 and patched.json()["priority"] == "low"
    none = admin.patch(f"{BASE}/5", json={"priority": "none"})
    assert none.json()["priority"] is None


def test_custom_attributes_are_replaced(admin: httpx.Client) -> None:
    assert seed_conv(13).custom_attributes == {"order_number": "9401"}
    resp = admin.post(
        f"{BASE}/13/custom_attributes", json={"custom_attributes": {"escalated": True}}
    )
    assert resp.status_code == 200
    assert resp.json() == {"custom_attributes": {"escalated": True}}
    assert show(admin, 13)["custom_attributes"] == {"escalated": True}


# ---- typing, mute -------------------------------------------------------------------------
def test_typing(admin: httpx.Client) -> None:
    before = broadcasts(admin)
    on = admin.post(f"{BASE}/7/toggle_typing_status", json={"typing_status": "on"})
    assert on.status_code == 200 and on.content == b""
    off = admin.post(
        f"{BASE}/7/toggle_typing_status", json={"typing_status": "off", "is_private": True}
    )
    assert off.status_code == 200
    assert broadcasts(admin) == before + 2
    admin.post(f"{BASE}/7/toggle_typing_status", json={"typing_status": "recording"})
    assert broadcasts(admin) == before + 2


def test_mute_resolves_and_blocks(admin: httpx.Client) -> None:
    conv = first_conv(status="open", inbox_id=1)
    resp = admin.post(f"{BASE}/{conv.display_id}/mute")
    assert resp.status_code == 200 and resp.content == b""
    shown = show(admin, conv.display_id)
    assert shown["status"] == "resolved" and shown["muted"] is True
    assert shown["meta"]["sender"]["blocked"] is True
    # a blocked contact's message does not reopen the conversation
    control(admin, action="act", conversation_id=conv.display_id, op="customer_write",
            content="still there?")  # fmt: skip
    assert show(admin, conv.display_id)["status"] == "resolved"
    resp = admin.post(f"{BASE}/{conv.display_id}/unmute")
    assert resp.status_code == 200
    shown = show(admin, conv.display_id)
    assert shown["muted"] is False and shown["status"] == "resolved"


# ---- read state ---------------------------------------------------------------------------
def test_update_last_seen_throttle(admin: httpx.Client) -> None:
    conv = first_conv(inbox_id=2, assignee_id=1)
    url = f"{BASE}/{conv.display_id}/update_last_seen"
    events = broadcasts(admin)
    first = admin.post(url)
    assert first.status_code == 200
    body = first.json()
    assert body["id"] == conv.display_id and "meta" in body
    t1 = body["agent_last_seen_at"]
    assert t1 >= body["last_activity_at"] and body["assignee_last_seen_at"] == t1
    assert body["unread_count"] == 0
    control(admin, action="advance_clock", seconds=1200)
    assert admin.post(url).json()["agent_last_seen_at"] == t1  # nothing new: throttled
    control(admin, action="advance_clock", seconds=2500)
    t2 = admin.post(url).json()["agent_last_seen_at"]
    assert t2 >= t1 + 3700  # more than an hour since the last write
    control(admin, action="advance_clock", seconds=100)
    assert admin.post(url).json()["agent_last_seen_at"] == t2
    control(admin, action="advance_clock", seconds=100)
    control(admin, action="act", conversation_id=conv.display_id, op="customer_write",
            content="new question")  # fmt: skip
    assert show(admin, conv.display_id)["unread_count"] == 1
    events = broadcasts(admin)
    third = admin.post(url).json()
    assert third["agent_last_seen_at"] >= t2 + 200  # a newer message: written at once
    assert third["unread_count"] == 0
    assert broadcasts(admin) == events  # update_last_seen emits nothing


def test_update_last_seen_by_a_non_assignee(admin: httpx.Client, anna: httpx.Client) -> None:
    conv = first_conv(inbox_id=2, assignee_id=1)
    url = f"{BASE}/{conv.display_id}/update_last_seen"
    mine = admin.post(url).json()
    control(admin, action="advance_clock", seconds=4000)
    theirs = anna.post(url).json()
    assert theirs["agent_last_seen_at"] >= mine["agent_last_seen_at"] + 4000
    assert theirs["assignee_last_seen_at"] == mine["assignee_last_seen_at"]


def test_unread(admin: httpx.Client) -> None:
    conv = first_conv(inbox_id=2, assignee_id=1)
    admin.post(f"{BASE}/{conv.display_id}/update_last_seen")
    events = broadcasts(admin)
    resp = admin.post(f"{BASE}/{conv.display_id}/unread")
    assert resp.status_code == 200
    body = resp.json()
    incoming = [m for m in SEED.messages_of(conv.id) if m.message_type == MESSAGE_INCOMING]
    listed = admin.get(f"{BASE}/{conv.display_id}/messages", params={"after": 0}).json()
    last_incoming = [m for m in listed["payload"] if m["message_type"] == 0][-1]
    assert last_incoming["id"] == incoming[-1].id
    assert body["agent_last_seen_at"] == last_incoming["created_at"] - 1
    assert body["assignee_last_seen_at"] == body["agent_last_seen_at"]
    assert body["unread_count"] >= 1
    assert broadcasts(admin) == events


# ---- drafts -------------------------------------------------------------------------------
def test_drafts_are_per_user(admin: httpx.Client, anna: httpx.Client) -> None:
    url = f"{BASE}/7/draft_messages"
    assert admin.get(url).json() == {"has_draft": False}
    saved = admin.patch(url, json={"draft_message": {"message": "Черновик ответа"}})
    assert saved.status_code == 200 and saved.content == b""
    assert admin.get(url).json() == {"has_draft": True, "message": "Черновик ответа"}
    assert anna.get(url).json() == {"has_draft": False}
    assert admin.patch(url, json={}).status_code == 200  # no message: an empty draft
    assert admin.get(url).json() == {"has_draft": True, "message": ""}
    assert admin.delete(url).status_code == 200
    assert admin.get(url).json() == {"has_draft": False}


# ---- visibility ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "action", "body"),
    [
        ("post", "toggle_status", {}),
        ("post", "assignments", {"assignee_id": 3}),
        ("get", "labels", None),
        ("post", "labels", {"labels": []}),
        ("post", "toggle_priority", {"priority": "low"}),
        ("post", "toggle_typing_status", {"typing_status": "on"}),
        ("post", "update_last_seen", None),
        ("post", "unread", None),
        ("post", "mute", None),
        ("post", "unmute", None),
        ("post", "custom_attributes", {"custom_attributes": {}}),
        ("get", "draft_messages", None),
        ("get", "attachments", None),
    ],
)
def test_actions_need_access(
    boris: httpx.Client, method: str, action: str, body: dict[str, Any] | None
) -> None:
    outside = first_conv(inbox_id=3, team_id=None)
    resp = boris.request(method.upper(), f"{BASE}/{outside.display_id}/{action}", json=body)
    assert resp.status_code == 401 and resp.json() == FORBIDDEN
    missing = boris.request(method.upper(), f"{BASE}/4242/{action}", json=body)
    assert missing.status_code == 404 and missing.json() == NOT_FOUND


def test_team_member_can_act_on_team_conversation(boris: httpx.Client) -> None:
    resp = boris.post(f"{BASE}/1/toggle_status", json={"status": "pending"})
    assert resp.status_code == 200
    assert resp.json()["payload"]["current_status"] == "pending"
    assert boris.get(f"{BASE}/1/labels").status_code == 200
