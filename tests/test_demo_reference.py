"""§6 reference data, §6.1 notifications, the v2 agent summary report and attachment files on
the demo server, over loopback.

Expected values come from the seed (`build_store(1, …)`), whose ids, names, memberships and
durations do not depend on the moment the store is built.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import httpx
import pytest

from operator_desktop.demo.models import DemoStore
from operator_desktop.demo.seed import build_store
from operator_desktop.demo.views import ViewContext
from tests.conftest import ADMIN, ANNA, BORIS, api
from tests.demo_broadcasts import Recorder, record_broadcasts
from tests.shapes import SAMPLES

A1 = "/api/v1/accounts/1"
A2 = "/api/v1/accounts/2"
ERRORS: dict[str, Any] = json.loads((SAMPLES / "error_responses.json").read_text("utf-8"))
NOT_FOUND = ERRORS["not_found"]["body"]
FORBIDDEN = {"error": "You are not authorized to do this action"}
AGENT_KEYS = {
    "id",
    "account_id",
    "availability_status",
    "auto_offline",
    "confirmed",
    "email",
    "provider",
    "available_name",
    "name",
    "role",
    "thumbnail",
}
NOTIFICATION_KEYS = {
    "id",
    "notification_type",
    "push_message_title",
    "push_message_body",
    "primary_actor_type",
    "primary_actor_id",
    "primary_actor",
    "read_at",
    "secondary_actor",
    "user",
    "created_at",
    "last_activity_at",
    "snoozed_until",
    "meta",
    "account_id",
}
RECORD_KEYS = {
    "id",
    "account_id",
    "user_id",
    "notification_type",
    "primary_actor_type",
    "primary_actor_id",
    "secondary_actor_type",
    "secondary_actor_id",
    "read_at",
    "created_at",
    "updated_at",
    "snoozed_until",
    "last_activity_at",
    "meta",
}


@pytest.fixture(scope="module")
def seed() -> DemoStore:
    return build_store(1, time.time())


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_broadcasts(monkeypatch)


def ids(items: list[dict[str, Any]]) -> list[int]:
    return [int(item["id"]) for item in items]


def control(url: str, **body: Any) -> None:
    with api(url, None) as client:
        assert client.post("/__control", json=body).status_code == 200


# ---- access ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "agents",
        "teams",
        "inboxes",
        "labels",
        "canned_responses",
        "custom_attribute_definitions",
        "cache_keys",
        "notifications",
        "notifications/unread_count",
        "inbox_members/4",
    ],
)
def test_account_scoping(demo_url: str, path: str) -> None:
    with api(demo_url) as admin, api(demo_url, BORIS.access_token) as boris:
        suspended = admin.get(f"/api/v1/accounts/3/{path}")
        assert suspended.status_code == 401
        assert suspended.json() == {"error": "Account is suspended"}
        outsider = boris.get(f"{A2}/{path}")
        assert outsider.status_code == 401
        assert outsider.json() == ERRORS["not_member_of_account"]["body"]
    with api(demo_url, "nope") as stranger:
        bad = stranger.get(f"{A1}/{path}")
        assert bad.status_code == 401 and bad.json() == {"error": "Invalid Access Token"}


# ---- agents ------------------------------------------------------------------------------
def test_agents_index(admin: httpx.Client, anna: httpx.Client) -> None:
    resp = admin.get(f"{A1}/agents")
    assert resp.status_code == 200
    agents = resp.json()
    assert isinstance(agents, list)
    assert ids(agents) == [3, 1, 4, 2]  # lower(name): boris, john, maria, анна
    assert all(set(a) == AGENT_KEYS for a in agents)
    john = agents[1]
    assert john == {
        "id": 1,
        "account_id": 1,
        "availability_status": "offline",  # auto_offline and no presence
        "auto_offline": True,
        "confirmed": True,
        "email": "john@acme.inc",
        "provider": "email",
        "available_name": "John",
        "name": "John Doe",
        "role": "administrator",
        "thumbnail": "",
    }
    maria = agents[2]
    assert maria["auto_offline"] is False and maria["availability_status"] == "online"
    assert anna.get(f"{A1}/agents").json() == agents  # any role may list
    second = anna.get(f"{A2}/agents").json()
    assert [(a["id"], a["role"]) for a in second] == [(1, "agent"), (2, "administrator")]


def test_agents_create(admin: httpx.Client, anna: httpx.Client) -> None:
    resp = admin.post(f"{A1}/agents", json={"name": "Zoe New", "email": "Zoe@Acme.inc"})
    assert resp.status_code == 200
    zoe = resp.json()
    assert set(zoe) == AGENT_KEYS
    assert zoe["email"] == "zoe@acme.inc" and zoe["name"] == "Zoe New"
    assert zoe["confirmed"] is False  # invited, not yet confirmed
    assert zoe["role"] == "agent" and zoe["auto_offline"] is True
    assert zoe["availability_status"] == "offline"
    listing = ids(admin.get(f"{A1}/agents").json())
    assert listing == [3, 1, 4, zoe["id"], 2]

    nested = admin.post(
        f"{A1}/agents",
        json={
            "agent": {
                "name": "Yuri",
                "email": "yuri@acme.inc",
                "role": "administrator",
                "availability": "busy",
                "auto_offline": False,
            }
        },
    ).json()
    assert nested["role"] == "administrator" and nested["availability_status"] == "busy"
    # `availability_status` (as the OpenAPI file names it) is not a permitted param
    xena = admin.post(
        f"{A1}/agents",
        json={
            "name": "Xena",
            "email": "xena@acme.inc",
            "auto_offline": False,
            "availability_status": "busy",
        },
    ).json()
    assert xena["availability_status"] == "online"

    taken = admin.post(f"{A1}/agents", json={"name": "John", "email": "JOHN@acme.inc"})
    assert taken.status_code == 422
    assert taken.json() == {"message": "User has already been taken", "attributes": ["user_id"]}
    nameless = admin.post(f"{A1}/agents", json={"email": "who@acme.inc"})
    assert nameless.status_code == 422
    assert nameless.json() == {"message": "Name can't be blank", "attributes": ["name"]}
    empty = admin.post(f"{A1}/agents", json={})
    assert empty.status_code == 422
    assert empty.json() == {"error": "param is missing or the value is empty: agent"}
    bad_role = admin.post(f"{A1}/agents", json={"name": "R", "email": "r@x.io", "role": "boss"})
    assert bad_role.status_code == 422

    denied = anna.post(f"{A1}/agents", json={"name": "Eve", "email": "eve@acme.inc"})
    assert denied.status_code == 401 and denied.json() == FORBIDDEN
    # an existing user joins another account as they are (Anna administers account 2)
    maria = anna.post(
        f"{A2}/agents", json={"name": "ignored", "email": "maria@acme.inc", "role": "agent"}
    ).json()
    assert maria["id"] == 4 and maria["name"] == "Maria Garcia" and maria["confirmed"] is True
    assert maria["account_id"] == 2


def test_agents_update(admin: httpx.Client, anna: httpx.Client) -> None:
    resp = admin.patch(
        f"{A1}/agents/3",
        json={"role": "administrator", "availability": "online", "auto_offline": False},
    )
    assert resp.status_code == 200
    boris = resp.json()
    assert boris["role"] == "administrator"
    assert boris["auto_offline"] is False and boris["availability_status"] == "online"
    renamed = admin.put(f"{A1}/agents/3", json={"agent": {"name": "Boris I."}}).json()
    assert renamed["name"] == "Boris I." and renamed["role"] == "administrator"
    assert admin.patch(f"{A1}/agents/99", json={"role": "agent"}).json() == NOT_FOUND
    assert anna.patch(f"{A1}/agents/99", json={"role": "agent"}).status_code == 404
    denied = anna.patch(f"{A1}/agents/3", json={"role": "agent"})
    assert denied.status_code == 401 and denied.json() == FORBIDDEN


def test_agents_destroy(demo_url: str, admin: httpx.Client, seed: DemoStore) -> None:
    with api(demo_url, ANNA.access_token) as anna:
        denied = anna.delete(f"{A1}/agents/3")
        assert denied.status_code == 401 and denied.json() == FORBIDDEN
    borises = [c for c in seed.conversations.values() if c.assignee_id == 3]
    assert borises
    resp = admin.delete(f"{A1}/agents/3")
    assert resp.status_code == 200 and resp.content == b""
    assert 3 not in ids(admin.get(f"{A1}/agents").json())
    assert ids(admin.get(f"{A1}/inbox_members/2").json()["payload"]) == [2, 4]
    assert ids(admin.get(f"{A1}/teams/1/team_members").json()) == [2]
    conv = borises[0]
    listed = admin.get(f"{A1}/contacts/{conv.contact_id}/conversations").json()["payload"]
    assert "assignee" not in next(c for c in listed if c["id"] == conv.display_id)["meta"]
    # Boris belonged to this account only: the user is gone, and so is his token
    with api(demo_url, BORIS.access_token) as boris:
        gone = boris.get("/api/v1/profile")
        assert gone.status_code == 401 and gone.json() == {"error": "Invalid Access Token"}
    assert admin.delete(f"{A1}/agents/3").status_code == 404


# ---- inbox members, assignable agents --------------------------------------------------------
def test_inbox_members(admin: httpx.Client, anna: httpx.Client, boris: httpx.Client) -> None:
    resp = admin.get(f"{A1}/inbox_members/1")
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    assert ids(payload) == [2, 4] and all(set(a) == AGENT_KEYS for a in payload)
    assert ids(boris.get(f"{A1}/inbox_members/2").json()["payload"]) == [2, 3, 4]
    denied = anna.get(f"{A1}/inbox_members/3")
    assert denied.status_code == 401 and denied.json() == FORBIDDEN
    assert admin.get(f"{A1}/inbox_members/4").json() == NOT_FOUND  # account 2's inbox
    assert admin.get(f"{A1}/inbox_members/99").status_code == 404


def test_assignable_agents(admin: httpx.Client, anna: httpx.Client) -> None:
    both = admin.get(f"{A1}/assignable_agents", params=[("inbox_ids[]", 1), ("inbox_ids[]", 2)])
    assert both.status_code == 200
    assert ids(both.json()["payload"]) == [2, 4, 1]  # members of both, then administrators
    assert ids(
        admin.get(f"{A1}/assignable_agents", params={"inbox_ids[]": 3}).json()["payload"]
    ) == [
        4,
        1,
    ]
    assert ids(admin.get(f"{A1}/inboxes/2/assignable_agents").json()["payload"]) == [2, 3, 4, 1]
    denied = anna.get(f"{A1}/assignable_agents", params={"inbox_ids[]": 3})
    assert denied.status_code == 401 and denied.json() == FORBIDDEN
    assert admin.get(f"{A1}/assignable_agents").json() == NOT_FOUND
    assert admin.get(f"{A1}/assignable_agents", params={"inbox_ids[]": 4}).status_code == 404


# ---- teams, inboxes, labels ------------------------------------------------------------------
def test_teams(admin: httpx.Client, anna: httpx.Client) -> None:
    teams = admin.get(f"{A1}/teams").json()
    assert teams == [
        {
            "id": 1,
            "name": "Billing",
            "description": "Invoices, payments and refunds",
            "allow_auto_assign": False,
            "account_id": 1,
            "is_member": False,
        },
        {
            "id": 2,
            "name": "Tech support",
            "description": "Bugs and how-to questions",
            "allow_auto_assign": True,
            "account_id": 1,
            "is_member": True,
        },
    ]
    assert [t["is_member"] for t in anna.get(f"{A1}/teams").json()] == [True, False]
    assert anna.get(f"{A1}/teams/1").json() == {**teams[0], "is_member": True}
    members = anna.get(f"{A1}/teams/1/team_members").json()
    assert ids(members) == [2, 3] and all(set(a) == AGENT_KEYS for a in members)
    assert admin.get(f"{A1}/teams/99").json() == NOT_FOUND
    assert admin.get(f"{A1}/teams/99/team_members").status_code == 404
    assert anna.get(f"{A2}/teams").json() == []


def test_inboxes(
    admin: httpx.Client, anna: httpx.Client, boris: httpx.Client, seed: DemoStore
) -> None:
    def names(client: httpx.Client) -> list[str]:
        body = client.get(f"{A1}/inboxes").json()
        assert set(body) == {"payload"}
        return [i["name"] for i in body["payload"]]

    assert names(admin) == ["API", "Support email", "Website"]  # lower(name)
    assert names(anna) == ["Support email", "Website"]
    assert names(boris) == ["Support email"]
    widget = admin.get(f"{A1}/inboxes/1").json()
    assert widget["channel_type"] == "Channel::WebWidget"
    assert widget["website_url"] == seed.inboxes[1].website_url
    assert {"id", "name", "channel_id", "avatar_url", "working_hours", "timezone"} <= set(widget)
    denied = anna.get(f"{A1}/inboxes/3")
    assert denied.status_code == 401 and denied.json() == FORBIDDEN
    assert admin.get(f"{A1}/inboxes/4").json() == NOT_FOUND


def test_labels(admin: httpx.Client, anna: httpx.Client, seed: DemoStore) -> None:
    body = admin.get(f"{A1}/labels").json()
    expected = [lb for lb in sorted(seed.labels.values(), key=lambda x: x.id) if lb.account_id == 1]
    assert body == {
        "payload": [
            {
                "id": lb.id,
                "title": lb.title,
                "description": lb.description,
                "color": lb.color,
                "show_on_sidebar": lb.show_on_sidebar,
            }
            for lb in expected
        ]
    }
    assert [lb["title"] for lb in anna.get(f"{A2}/labels").json()["payload"]] == ["lead"]


# ---- canned responses ------------------------------------------------------------------------
def test_canned_responses_index_and_search(anna: httpx.Client, seed: DemoStore) -> None:
    everything = anna.get(f"{A1}/canned_responses").json()
    assert isinstance(everything, list) and len(everything) == len(seed.canned_responses)
    assert set(everything[0]) == {
        "id",
        "account_id",
        "short_code",
        "content",
        "created_at",
        "updated_at",
    }
    assert everything[0]["created_at"].endswith("Z")

    def rank(item: dict[str, Any]) -> float:
        code = item["short_code"].lower()
        return 1.0 if code.startswith("re") else 0.5 if "re" in code else 0.2

    found = anna.get(f"{A1}/canned_responses", params={"search": "RE"}).json()
    assert found[0]["short_code"] == "refund"
    assert all("re" in f["short_code"].lower() or "re" in f["content"].lower() for f in found)
    assert [rank(f) for f in found] == sorted((rank(f) for f in found), reverse=True)
    expected = [
        c
        for c in seed.canned_responses.values()
        if "re" in (c.short_code + "\0" + c.content).lower()
    ]
    assert len(found) == len(expected)
    assert anna.get(f"{A1}/canned_responses", params={"search": "zzz"}).json() == []


def test_canned_responses_admin_writes(admin: httpx.Client, anna: httpx.Client) -> None:
    created = admin.post(
        f"{A1}/canned_responses",
        json={"canned_response": {"short_code": "wait", "content": "One moment."}},
    )
    assert created.status_code == 200
    item = created.json()
    assert item["short_code"] == "wait" and item["content"] == "One moment."
    assert item["account_id"] == 1
    flat = admin.post(f"{A1}/canned_responses", json={"short_code": "flat", "content": "Flat."})
    assert flat.status_code == 200  # ParamsWrapper wraps a flat JSON body
    taken = admin.post(
        f"{A1}/canned_responses", json={"canned_response": {"short_code": "wait", "content": "x"}}
    )
    assert taken.status_code == 422
    assert taken.json() == {
        "message": "Short code has already been taken",
        "attributes": ["short_code"],
    }
    blank = admin.post(
        f"{A1}/canned_responses", json={"canned_response": {"short_code": "", "content": ""}}
    )
    assert blank.json() == {
        "message": "Content can't be blank, Short code can't be blank",
        "attributes": ["content", "short_code"],
    }
    missing = admin.post(f"{A1}/canned_responses", json={})
    assert missing.json() == {"error": "param is missing or the value is empty: canned_response"}

    updated = admin.patch(
        f"{A1}/canned_responses/{item['id']}", json={"canned_response": {"content": "Just a sec."}}
    )
    assert updated.status_code == 200
    assert updated.json()["content"] == "Just a sec." and updated.json()["short_code"] == "wait"
    for call in (
        anna.post(f"{A1}/canned_responses", json={"canned_response": {"short_code": "a"}}),
        anna.patch(f"{A1}/canned_responses/{item['id']}", json={"content": "x"}),
        anna.delete(f"{A1}/canned_responses/{item['id']}"),
    ):
        assert call.status_code == 401 and call.json() == FORBIDDEN
    assert admin.delete(f"{A1}/canned_responses/{item['id']}").status_code == 200
    codes = [c["short_code"] for c in admin.get(f"{A1}/canned_responses").json()]
    assert "wait" not in codes and "flat" in codes
    assert admin.delete(f"{A1}/canned_responses/{item['id']}").json() == NOT_FOUND


# ---- custom attribute definitions, cache keys ------------------------------------------------
def test_custom_attribute_definitions(anna: httpx.Client) -> None:
    everything = anna.get(f"{A1}/custom_attribute_definitions").json()
    assert ids(everything) == [1, 2, 3, 4, 5, 6]  # no attribute_model: every definition
    assert set(everything[0]) == {
        "id",
        "attribute_display_name",
        "attribute_display_type",
        "attribute_description",
        "attribute_key",
        "regex_pattern",
        "regex_cue",
        "attribute_values",
        "attribute_model",
        "default_value",
        "created_at",
        "updated_at",
    }
    conversation = anna.get(
        f"{A1}/custom_attribute_definitions", params={"attribute_model": "conversation_attribute"}
    ).json()
    assert ids(conversation) == [1, 2, 3]
    assert {d["attribute_model"] for d in conversation} == {"conversation_attribute"}
    contact = anna.get(
        f"{A1}/custom_attribute_definitions", params={"attribute_model": "contact_attribute"}
    ).json()
    assert ids(contact) == [4, 5, 6]
    assert contact[0]["attribute_values"] == ["free", "pro", "enterprise"]
    assert (
        anna.get(f"{A1}/custom_attribute_definitions", params={"attribute_model": "x"}).json() == []
    )
    assert anna.get(f"{A1}/custom_attribute_definitions/4").json() == contact[0]
    assert anna.get(f"{A1}/custom_attribute_definitions/99").json() == NOT_FOUND


def test_cache_keys(anna: httpx.Client) -> None:
    resp = anna.get(f"{A1}/cache_keys")
    assert resp.status_code == 200
    keys = resp.json()
    assert set(keys) == {"cache_keys"}
    assert set(keys["cache_keys"]) == {"label", "inbox", "team"}
    assert all(isinstance(v, str) and v.isdigit() for v in keys["cache_keys"].values())
    assert "max-age=10" in resp.headers["Cache-Control"]


# ---- notifications (§6.1) --------------------------------------------------------------------
def admin_unread(seed: DemoStore) -> list[int]:
    notes = [
        n
        for n in seed.notifications.values()
        if n.user_id == ADMIN.id and n.account_id == 1 and n.read_at is None
    ]
    return [n.id for n in sorted(notes, key=lambda n: (n.last_activity_at, n.id), reverse=True)]


def test_notifications_list(admin: httpx.Client, anna: httpx.Client, seed: DemoStore) -> None:
    unread = admin_unread(seed)
    all_mine = [n for n in seed.notifications.values() if n.user_id == ADMIN.id]
    resp = admin.get(f"{A1}/notifications")
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == {"data"}
    assert body["data"]["meta"] == {
        "unread_count": len(unread),
        "count": len(unread),
        "current_page": 1,
    }
    payload = body["data"]["payload"]
    assert ids(payload) == unread  # by last activity, newest first
    assert all(set(n) == NOTIFICATION_KEYS for n in payload)
    assert all(n["read_at"] is None and n["primary_actor_type"] == "Conversation" for n in payload)
    with_read = admin.get(f"{A1}/notifications", params={"includes[]": "read", "page": "1"})
    meta = with_read.json()["data"]["meta"]
    assert meta == {"unread_count": len(unread), "count": len(all_mine), "current_page": "1"}
    ascending = admin.get(f"{A1}/notifications", params={"sort_order": "asc"}).json()
    assert ids(ascending["data"]["payload"]) == unread[::-1]
    assert admin.get(f"{A1}/notifications", params={"page": 2}).json()["data"]["payload"] == []
    count = admin.get(f"{A1}/notifications/unread_count")
    assert count.status_code == 200 and count.json() == len(unread) and count.text.isdigit()
    annas = anna.get(f"{A1}/notifications").json()["data"]["payload"]
    assert ids(annas) == [n.id for n in seed.notifications.values() if n.user_id == ANNA.id]


def test_notification_read_unread_and_events(
    admin: httpx.Client, anna: httpx.Client, seed: DemoStore, events: Recorder
) -> None:
    unread = admin_unread(seed)
    target = unread[0]
    resp = admin.patch(f"{A1}/notifications/{target}")
    assert resp.status_code == 200
    record = resp.json()
    assert set(record) == RECORD_KEYS
    assert record["id"] == target and record["user_id"] == ADMIN.id
    assert isinstance(record["read_at"], str) and record["read_at"].endswith("Z")
    [updated] = events.all("notification.updated")
    assert updated.streams == (ADMIN.pubsub_token,)
    assert updated.data["unread_count"] == updated.data["count"] == len(unread) - 1
    assert updated.data["account_id"] == 1
    assert updated.data["notification"]["id"] == target
    assert updated.data["notification"]["read_at"] is not None
    assert admin.get(f"{A1}/notifications/unread_count").json() == len(unread) - 1

    again = admin.post(f"{A1}/notifications/{target}/unread")
    assert again.status_code == 200 and again.json()["read_at"] is None
    assert events.all("notification.updated")[-1].data["unread_count"] == len(unread)
    # someone else's notification is not found
    assert anna.patch(f"{A1}/notifications/{target}").json() == NOT_FOUND
    assert admin.patch(f"{A1}/notifications/99999").status_code == 404


def test_notification_snooze_and_wake(
    demo_url: str, admin: httpx.Client, seed: DemoStore, events: Recorder
) -> None:
    unread = admin_unread(seed)
    target = unread[-1]
    now = int(time.time())
    resp = admin.post(f"{A1}/notifications/{target}/snooze", json={"snoozed_until": now + 3600})
    assert resp.status_code == 200
    record = resp.json()
    assert record["snoozed_until"] is not None and record["meta"] == {"last_snoozed_at": None}
    assert len(events.all("notification.updated")) == 1
    listed = admin.get(f"{A1}/notifications").json()["data"]
    assert target not in ids(listed["payload"]) and listed["meta"]["count"] == len(unread) - 1
    snoozed = admin.get(f"{A1}/notifications", params={"includes[]": "snoozed"}).json()["data"]
    assert target in ids(snoozed["payload"])
    assert admin.get(f"{A1}/notifications/unread_count").json() == len(unread) - 1
    control(demo_url, action="advance_clock", seconds=3700)
    woken = admin.get(f"{A1}/notifications").json()["data"]
    assert ids(woken["payload"])[0] == target  # back, and on top (ReopenSnoozedNotificationsJob)
    assert admin.get(f"{A1}/notifications/unread_count").json() == len(unread)
    unchanged = admin.post(f"{A1}/notifications/{target}/snooze", json={})
    assert unchanged.status_code == 200 and unchanged.json()["snoozed_until"] is None


def test_notifications_read_all(admin: httpx.Client, seed: DemoStore, events: Recorder) -> None:
    unread = admin_unread(seed)
    actor = seed.notifications[unread[0]].primary_actor_id
    same_actor = [i for i in unread if seed.notifications[i].primary_actor_id == actor]
    one = admin.post(
        f"{A1}/notifications/read_all",
        json={"primary_actor_type": "Conversation", "primary_actor_id": actor},
    )
    assert one.status_code == 200 and one.content == b""
    left = admin.get(f"{A1}/notifications").json()["data"]
    assert ids(left["payload"]) == [i for i in unread if i not in same_actor]
    assert admin.post(f"{A1}/notifications/read_all").status_code == 200
    assert admin.get(f"{A1}/notifications/unread_count").json() == 0
    assert events.all() == []  # update_all skips callbacks: nothing on the cable


def test_notifications_delete(admin: httpx.Client, seed: DemoStore, events: Recorder) -> None:
    unread = admin_unread(seed)
    target = unread[0]
    resp = admin.delete(f"{A1}/notifications/{target}")
    assert resp.status_code == 200
    [deleted] = events.all("notification.deleted")
    assert deleted.streams == (ADMIN.pubsub_token,)
    assert deleted.data == {
        "notification": {"id": target},
        "unread_count": len(unread) - 1,
        "count": len(unread) - 1,
        "account_id": 1,
    }
    assert admin.delete(f"{A1}/notifications/{target}").json() == NOT_FOUND

    read = [
        n.id for n in seed.notifications.values() if n.user_id == ADMIN.id and n.read_at is not None
    ]
    assert read
    events.clear()
    assert admin.post(f"{A1}/notifications/destroy_all", json={"type": "read"}).status_code == 200
    assert sorted(b.data["notification"]["id"] for b in events.all("notification.deleted")) == (
        sorted(read)
    )
    everything = admin.get(f"{A1}/notifications", params={"includes[]": "read"}).json()["data"]
    assert ids(everything["payload"]) == unread[1:]
    assert admin.post(f"{A1}/notifications/destroy_all").status_code == 200
    assert admin.get(f"{A1}/notifications/unread_count").json() == 0


# ---- v2 agent summary report -----------------------------------------------------------------
REPORT = "/api/v2/accounts/1/summary_reports/agent"


def test_agent_summary_report(admin: httpx.Client, anna: httpx.Client, seed: DemoStore) -> None:
    resp = admin.get(REPORT, params={"since": 0, "until": 2**40})
    assert resp.status_code == 200
    rows = resp.json()
    assert ids(rows) == [1, 2, 3, 4]  # one row per account user
    convs = [c for c in seed.conversations.values() if c.account_id == 1]
    for row in rows:
        user = row["id"]
        assert set(row) == {
            "id",
            "conversations_count",
            "resolved_conversations_count",
            "avg_resolution_time",
            "avg_first_response_time",
            "avg_reply_time",
        }
        assert row["conversations_count"] == sum(1 for c in convs if c.assignee_id == user)
        resolved = [c for c in convs if c.status == "resolved" and c.assignee_id == user]
        assert row["resolved_conversations_count"] == len(resolved)
        # the seed's replies come from the assignee, or John when nobody is assigned
        firsts = [
            c.first_reply_created_at - c.created_at
            for c in convs
            if c.first_reply_created_at is not None and (c.assignee_id or 1) == user
        ]
        if firsts:
            assert row["avg_first_response_time"] == pytest.approx(statistics.fmean(firsts))
        else:
            assert row["avg_first_response_time"] is None
        assert row["avg_reply_time"] is None or row["avg_reply_time"] > 0
        assert (row["avg_resolution_time"] is None) == (not resolved)

    no_range = admin.get(REPORT).json()
    assert all(
        r["conversations_count"] == 0
        and r["resolved_conversations_count"] == 0
        and r["avg_first_response_time"] is None
        for r in no_range
    )
    now = int(time.time())
    empty = admin.get(REPORT, params={"since": now, "until": now}).json()
    assert all(r["conversations_count"] == 0 for r in empty)
    denied = anna.get(REPORT, params={"since": 0, "until": 2**40})
    assert denied.status_code == 401 and denied.json() == FORBIDDEN


# ---- attachment files ------------------------------------------------------------------------
def test_attachment_files(demo_url: str, seed: DemoStore) -> None:
    views = ViewContext(
        store=seed,
        base_url=demo_url,
        is_user_present=lambda _a, _u: False,
        is_contact_present=lambda _a, _c: False,
    )
    image = next(a for a in seed.attachments.values() if a.thumb_blob_id is not None)
    sheet = next(a for a in seed.attachments.values() if a.file_type == "file")
    with httpx.Client(timeout=10.0) as client:  # no auth header: the URLs are the secret
        original = client.get(views.attachment(image)["data_url"])
        assert original.status_code == 200
        assert original.headers["Content-Type"] == "image/png"
        assert original.content == seed.blobs[image.blob_id]
        assert int(original.headers["Content-Length"]) == image.file_size
        assert original.headers["Content-Disposition"].startswith("inline;")
        thumb = client.get(views.attachment(image)["thumb_url"])
        assert thumb.status_code == 200
        assert thumb.headers["Content-Type"] == "image/jpeg"
        assert thumb.content.startswith(b"\xff\xd8")
        assert thumb.content == seed.blobs[image.thumb_blob_id or 0]
        csv = client.get(views.attachment(sheet)["data_url"])
        assert csv.headers["Content-Type"].startswith("text/csv")
        assert csv.content == seed.blobs[sheet.blob_id]
        assert csv.headers["Content-Disposition"].startswith("attachment;")
        missing = client.get(f"{demo_url}/rails/active_storage/blobs/999999/x.png")
        assert missing.status_code == 404
        not_a_thumb = client.get(
            f"{demo_url}/rails/active_storage/representations/{image.blob_id}/{image.file_name}"
        )
        assert not_a_thumb.status_code == 404


def test_a_mention_in_a_private_note_notifies_the_mentioned_user(
    demo_url: str, admin: httpx.Client, events: Recorder
) -> None:
    """`Messages::MentionService#generate_notifications_for_mentions`: one
    `conversation_mention` per mentioned user who may be mentioned, to that user alone."""
    conv = admin.get(f"{A1}/conversations").json()["data"]["payload"][0]
    before = admin.get(f"{A1}/notifications/unread_count").json()
    note = f"(mention://user/{ADMIN.id}/John) and (mention://user/999/Nobody) have a look"
    control(
        demo_url, action="act", account_id=1, conversation_id=conv["id"], op="write",
        content=note, private=True, as_user_id=ANNA.id,
    )  # fmt: skip
    [created] = events.all("notification.created")
    assert created.streams == (ADMIN.pubsub_token,)
    notification = created.data["notification"]
    assert notification["notification_type"] == "conversation_mention"
    assert notification["primary_actor_type"] == "Conversation"
    assert notification["primary_actor"]["id"] == conv["id"]
    assert notification["secondary_actor"]["id"] == ANNA.id
    assert created.data["unread_count"] == before + 1
    assert admin.get(f"{A1}/notifications/unread_count").json() == before + 1
    plain = f"a note without mentions ({conv['id']})"
    control(
        demo_url, action="act", account_id=1, conversation_id=conv["id"], op="write",
        content=plain, private=True, as_user_id=ANNA.id,
    )  # fmt: skip
    assert len(events.all("notification.created")) == 1
