"""§4 `participants` on the demo server over loopback: the four verbs and their answers,
Chatwoot's `ensure_inbox_access` (not saved, yet answered by POST), the 500s of a bad
`user_ids`, who is added on assignment and on a mention, the `participating` filter built
on them, and the rows surviving `DemoStore.to_json`/`from_json`."""

from __future__ import annotations

from typing import Any

import httpx

from operator_desktop.demo.models import Conversation, DemoStore
from operator_desktop.demo.seed import DEMO_USERS, build_store
from tests.conftest import ADMIN, ANNA, BORIS

SEED: DemoStore = build_store(1, 0.0)
BASE = "/api/v1/accounts/1/conversations"
MARIA = DEMO_USERS[3]
FORBIDDEN = {"error": "You are not authorized to do this action"}
NOT_FOUND = {"error": "Resource could not be found"}
INTERNAL_ERROR = {"status": 500, "error": "Internal Server Error"}
AGENT_KEYS = {
    "id", "account_id", "availability_status", "auto_offline", "confirmed", "email",
    "provider", "available_name", "name", "role", "thumbnail",
}  # fmt: skip


def seed_conv(display_id: int) -> Conversation:
    return next(
        c for c in SEED.conversations.values() if c.account_id == 1 and c.display_id == display_id
    )


def url(display_id: int) -> str:
    return f"{BASE}/{display_id}/participants"


def ids_of(client: httpx.Client, display_id: int) -> list[int]:
    resp = client.get(url(display_id))
    assert resp.status_code == 200, resp.text
    return [agent["id"] for agent in resp.json()]


def participating(client: httpx.Client) -> set[int]:
    out: set[int] = set()
    page = 1
    while True:
        params: dict[str, Any] = {
            "status": "all",
            "conversation_type": "participating",
            "page": page,
        }
        resp = client.get(BASE, params=params)
        assert resp.status_code == 200, resp.text
        batch = [c["id"] for c in resp.json()["data"]["payload"]]
        out |= set(batch)
        if len(batch) < 25:
            return out
        page += 1


# ---- the four verbs ---------------------------------------------------------------------
def test_show_lists_the_seeded_assignee_as_agent_json(admin: httpx.Client) -> None:
    assigned = seed_conv(9)  # Support email, assigned to Boris
    assert assigned.assignee_id == BORIS.id
    resp = admin.get(url(9))
    assert resp.status_code == 200
    (agent,) = resp.json()
    assert set(agent) == AGENT_KEYS
    assert agent["id"] == BORIS.id and agent["account_id"] == 1 and agent["role"] == "agent"
    assert seed_conv(20).assignee_id is None
    assert admin.get(url(20)).json() == []


def test_post_adds_and_answers_only_the_new_ones(admin: httpx.Client) -> None:
    resp = admin.post(url(20), json={"user_ids": [BORIS.id, ANNA.id]})
    assert resp.status_code == 200
    assert [a["id"] for a in resp.json()] == [BORIS.id, ANNA.id]
    assert all(set(a) == AGENT_KEYS for a in resp.json())
    assert ids_of(admin, 20) == [BORIS.id, ANNA.id]
    again = admin.post(url(20), json={"user_ids": [ANNA.id, ADMIN.id]})
    assert [a["id"] for a in again.json()] == [ADMIN.id]  # `params[:user_ids] - current`
    assert ids_of(admin, 20) == [BORIS.id, ANNA.id, ADMIN.id]
    assert admin.post(url(20), json={"user_ids": []}).json() == []
    # `"4" - [4]` keeps the string; `find_or_create_by(user_id: "4")` casts it
    cast = admin.post(url(20), json={"user_ids": [str(MARIA.id)]})
    assert [a["id"] for a in cast.json()] == [MARIA.id]
    assert ids_of(admin, 20) == [BORIS.id, ANNA.id, ADMIN.id, MARIA.id]


def test_post_without_inbox_access_answers_the_agent_but_saves_nothing(
    admin: httpx.Client,
) -> None:
    """The API inbox has only Maria: Anna fails `ensure_inbox_access`; `find_or_create_by`
    returns the unsaved row and the view still renders its user."""
    assert seed_conv(10).inbox_id == 3 and seed_conv(10).assignee_id is None
    resp = admin.post(url(10), json={"user_ids": [ANNA.id, MARIA.id]})
    assert resp.status_code == 200
    assert [a["id"] for a in resp.json()] == [ANNA.id, MARIA.id]
    assert ids_of(admin, 10) == [MARIA.id]
    # administrators always have access
    assert [a["id"] for a in admin.post(url(10), json={"user_ids": [ADMIN.id]}).json()] == [1]
    assert ids_of(admin, 10) == [MARIA.id, ADMIN.id]


def test_bad_user_ids_are_500_as_in_chatwoot(admin: httpx.Client) -> None:
    """`nil - []`, `3 - []` and a participant whose `user` is nil all raise in Rails."""
    bodies: list[dict[str, Any]] = [
        {},
        {"user_ids": None},
        {"user_ids": 3},
        {"user_ids": [999_999]},
    ]
    for body in bodies:
        resp = admin.post(url(20), json=body)
        assert resp.status_code == 500, body
        assert resp.json() == INTERNAL_ERROR
    for body in ({}, {"user_ids": "3"}):
        assert admin.patch(url(20), json=body).status_code == 500
        assert admin.request("DELETE", url(20), json=body).status_code == 500
    assert ids_of(admin, 20) == []


def test_patch_replaces_the_set(admin: httpx.Client) -> None:
    assert ids_of(admin, 13) == [ADMIN.id]  # the seeded assignee
    resp = admin.patch(url(13), json={"user_ids": [BORIS.id, ANNA.id]})
    assert resp.status_code == 200
    assert [a["id"] for a in resp.json()] == [BORIS.id, ANNA.id]
    # ids that cannot be saved (unknown, no inbox access) drop out silently
    resp = admin.put(url(13), json={"user_ids": [ANNA.id, 999_999]})
    assert [a["id"] for a in resp.json()] == [ANNA.id]
    assert admin.patch(url(13), json={"user_ids": []}).json() == []
    assert ids_of(admin, 13) == []


def test_delete_removes_and_answers_an_empty_200(admin: httpx.Client) -> None:
    admin.post(url(16), json={"user_ids": [ANNA.id, BORIS.id]})
    resp = admin.request("DELETE", url(16), json={"user_ids": [ANNA.id, 999_999]})
    assert resp.status_code == 200 and resp.content == b""
    assert ids_of(admin, 16) == [BORIS.id]
    # a form body and the `user_ids[]` key work like JSON
    form = admin.request("DELETE", url(16), data={"user_ids[]": [str(BORIS.id)]})
    assert form.status_code == 200
    assert ids_of(admin, 16) == []


def test_scope_and_authorization(boris: httpx.Client, admin: httpx.Client) -> None:
    """`Conversations::BaseController` authorizes `show?`: a conversation outside the
    caller's inboxes and teams is 401, an unknown one 404; any agent who sees it may act."""
    resp = boris.get(url(5))  # API inbox, no team
    assert resp.status_code == 401 and resp.json() == FORBIDDEN
    assert boris.post(url(5), json={"user_ids": [BORIS.id]}).status_code == 401
    missing = admin.get(url(999))
    assert missing.status_code == 404 and missing.json() == NOT_FOUND
    assert boris.post(url(20), json={"user_ids": [ANNA.id]}).status_code == 200
    assert ids_of(admin, 20) == [ANNA.id]
    with httpx.Client(base_url=str(admin.base_url)) as anonymous:
        assert anonymous.get(url(20)).status_code == 401


# ---- added by Chatwoot itself -----------------------------------------------------------
def test_assignment_adds_the_assignee_unassignment_keeps_them(admin: httpx.Client) -> None:
    """`ParticipationListener#assignee_changed`; an assignee without inbox access fails
    validation and is not added (the listener rescues RecordInvalid)."""
    assign = f"{BASE}/20/assignments"
    assert admin.post(assign, json={"assignee_id": BORIS.id}).status_code == 200
    assert ids_of(admin, 20) == [BORIS.id]
    admin.post(assign, json={"assignee_id": ANNA.id})
    admin.post(assign, json={"assignee_id": None})
    assert ids_of(admin, 20) == [BORIS.id, ANNA.id]
    assert seed_conv(34).inbox_id == 1  # Website: Boris is no member
    admin.post(f"{BASE}/34/assignments", json={"assignee_id": BORIS.id})
    assert ids_of(admin, 34) == []


def test_an_agent_opening_becomes_a_participant(anna: httpx.Client, admin: httpx.Client) -> None:
    """The self-assignment of CONTRACT §10.8 is an assignment like any other."""
    assert seed_conv(48).status == "resolved" and seed_conv(48).assignee_id is None
    anna.post(f"{BASE}/48/toggle_status", json={"status": "open"})
    assert ids_of(admin, 48) == [ANNA.id]


def test_mentions_add_participants(admin: httpx.Client) -> None:
    """`Messages::MentionService`: private notes only; users and the members of mentioned
    teams, if they are administrators or inbox members."""

    def note(display_id: int, content: str, *, private: bool = True) -> None:
        body = {"content": content, "private": private}
        resp = admin.post(f"{BASE}/{display_id}/messages", json=body)
        assert resp.status_code == 200, resp.text

    note(20, f"[@Boris](mention://user/{BORIS.id}/Boris) fyi", private=False)
    assert ids_of(admin, 20) == []
    note(20, f"[@Boris](mention://user/{BORIS.id}/Boris) please look")
    assert ids_of(admin, 20) == [BORIS.id]
    note(20, "[@Billing](mention://team/1/Billing) and [@Tech](mention://team/2/Tech%20support)")
    # Billing = Anna + Boris, Tech support = John (admin) + Maria; all can see Support email
    assert ids_of(admin, 20) == [BORIS.id, ANNA.id, ADMIN.id, MARIA.id]
    # in the API inbox only Maria is a member and John an administrator
    note(10, f"[@Anna](mention://user/{ANNA.id}/Anna) [@Billing](mention://team/1/Billing)")
    assert ids_of(admin, 10) == []
    note(10, "[@Tech](mention://team/2/Tech)")
    assert ids_of(admin, 10) == [ADMIN.id, MARIA.id]


def test_participating_filter_uses_the_stored_rows(
    boris: httpx.Client, admin: httpx.Client
) -> None:
    seeded = {c.display_id for c in SEED.conversations.values() if c.assignee_id == BORIS.id}
    assert participating(boris) == seeded
    # writing in a conversation does not make a participant (the old approximation did)
    assert boris.post(f"{BASE}/20/messages", json={"content": "on it"}).status_code == 200
    assert participating(boris) == seeded
    admin.post(url(20), json={"user_ids": [BORIS.id]})
    assert participating(boris) == seeded | {20}
    admin.request("DELETE", url(9), json={"user_ids": [BORIS.id]})
    assert participating(boris) == (seeded | {20}) - {9}


def test_participants_survive_the_state_file() -> None:
    store = build_store(1, 0.0)
    before = {(p.conversation_id, p.user_id) for p in store.conversation_participants.values()}
    assert len(before) == sum(1 for c in store.conversations.values() if c.assignee_id)
    loaded = DemoStore.from_json(store.to_json())
    after = {(p.conversation_id, p.user_id) for p in loaded.conversation_participants.values()}
    assert after == before
    assert loaded.counters["conversation_participants"] == len(before)
    # a state file written before participants existed still loads
    old = store.to_json()
    del old["conversation_participants"]
    assert DemoStore.from_json(old).conversation_participants == {}
