"""§5 contacts on the demo server, over loopback: list, search, show, update, custom
attributes, conversations, labels, notes and contactable inboxes.

Expected values come from the seed (`build_store(1, …)`): everything but the absolute times
is decided by the seed, so ids, names, emails, labels and memberships match the server's.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest

from operator_desktop.demo.models import Contact, DemoStore
from operator_desktop.demo.seed import build_store
from tests.demo_broadcasts import Recorder, record_broadcasts
from tests.shapes import SAMPLES

A1 = "/api/v1/accounts/1"
CONTACT_KEYS = {
    "additional_attributes",
    "availability_status",
    "email",
    "id",
    "name",
    "phone_number",
    "blocked",
    "identifier",
    "thumbnail",
    "custom_attributes",
    "last_activity_at",
    "created_at",
}
PUSH_KEYS = {
    "additional_attributes",
    "custom_attributes",
    "email",
    "id",
    "identifier",
    "name",
    "phone_number",
    "thumbnail",
    "blocked",
    "type",
}
ERRORS: dict[str, Any] = json.loads((SAMPLES / "error_responses.json").read_text("utf-8"))
NOT_FOUND = ERRORS["not_found"]["body"]


@pytest.fixture(scope="module")
def seed() -> DemoStore:
    return build_store(1, time.time())


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_broadcasts(monkeypatch)


def main_contacts(seed: DemoStore) -> list[Contact]:
    return sorted((c for c in seed.contacts.values() if c.account_id == 1), key=lambda c: c.id)


def listed(seed: DemoStore) -> list[Contact]:
    """`resolved_contacts`: an email, a phone number or an identifier."""
    return [c for c in main_contacts(seed) if c.email or c.phone_number or c.identifier]


def all_pages(client: httpx.Client, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get(path, params={**params, "page": page}).json()
        if not body["payload"]:
            return out
        out.extend(body["payload"])
        page += 1


# ---- index -----------------------------------------------------------------------------
def test_index_pages_of_15_with_contact_shape(admin: httpx.Client, seed: DemoStore) -> None:
    expected = listed(seed)
    assert len(expected) < len(main_contacts(seed))  # some contacts have neither
    first = admin.get(f"{A1}/contacts")
    assert first.status_code == 200
    body = first.json()
    assert set(body) == {"meta", "payload"}
    assert body["meta"] == {"count": len(expected), "current_page": 1}
    assert len(body["payload"]) == 15
    contact = body["payload"][0]
    assert set(contact) == CONTACT_KEYS | {"contact_inboxes"}
    assert isinstance(contact["created_at"], int)
    inbox_entry = contact["contact_inboxes"][0]
    assert set(inbox_entry) == {"source_id", "inbox"}
    assert set(inbox_entry["inbox"]) == {
        "id",
        "avatar_url",
        "channel_id",
        "name",
        "channel_type",
        "provider",
    }
    second = admin.get(f"{A1}/contacts", params={"page": "2"}).json()
    assert second["meta"] == {"count": len(expected), "current_page": "2"}  # echoed, a string
    ids = [c["id"] for c in all_pages(admin, f"{A1}/contacts", {})]
    assert ids == [c.id for c in expected]  # no sort: id order, every page 15 or the rest
    beyond = admin.get(f"{A1}/contacts", params={"page": 99}).json()
    assert beyond == {"meta": {"count": len(expected), "current_page": "99"}, "payload": []}
    junk = admin.get(f"{A1}/contacts", params={"page": "abc"}).json()
    assert junk["meta"]["current_page"] == "abc"
    assert [c["id"] for c in junk["payload"]] == ids[:15]


def test_index_include_contact_inboxes_only_absent_or_true(admin: httpx.Client) -> None:
    def has_inboxes(value: str | None) -> bool:
        params = {} if value is None else {"include_contact_inboxes": value}
        payload = admin.get(f"{A1}/contacts", params=params).json()["payload"]
        return all("contact_inboxes" in c for c in payload)

    assert has_inboxes(None) and has_inboxes("true") and has_inboxes("")
    for value in ("false", "1", "TRUE"):
        payload = admin.get(f"{A1}/contacts", params={"include_contact_inboxes": value}).json()
        assert all(set(c) == CONTACT_KEYS for c in payload["payload"])


def test_index_sorting(admin: httpx.Client, seed: DemoStore) -> None:
    by_activity = all_pages(admin, f"{A1}/contacts", {"sort": "-last_activity_at"})
    stamps = [c["last_activity_at"] for c in by_activity]
    assert stamps == sorted(stamps, reverse=True)
    by_name = all_pages(admin, f"{A1}/contacts", {"sort": "name"})
    names = [c["name"].lower() for c in by_name]
    assert names == sorted(names)
    by_email = all_pages(admin, f"{A1}/contacts", {"sort": "email"})
    emails = [c["email"] for c in by_email]
    with_email = [e for e in emails if e is not None]
    assert with_email == sorted(with_email)
    assert emails == [*with_email, *[None] * (len(emails) - len(with_email))]  # NULLs last
    by_email_desc = [c["email"] for c in all_pages(admin, f"{A1}/contacts", {"sort": "-email"})]
    assert by_email_desc[: len(emails) - len(with_email)] == [None] * (
        len(emails) - len(with_email)
    )  # PostgreSQL: NULLs first when descending on a plain column
    unknown = all_pages(admin, f"{A1}/contacts", {"sort": "shoe_size"})
    assert [c["id"] for c in unknown] == [c.id for c in listed(seed)]


def test_index_labels_match_any(admin: httpx.Client, seed: DemoStore) -> None:
    vip = [c.id for c in listed(seed) if "vip" in c.labels]
    either = [c.id for c in listed(seed) if {"vip", "billing"} & set(c.labels)]
    assert vip and len(either) > len(vip)
    got = all_pages(admin, f"{A1}/contacts", {"labels[]": "vip"})
    assert [c["id"] for c in got] == vip
    resp = admin.get(f"{A1}/contacts", params=[("labels[]", "vip"), ("labels[]", "billing")])
    assert resp.json()["meta"]["count"] == len(either)


# ---- access ------------------------------------------------------------------------------
def test_account_scoping(admin: httpx.Client, boris: httpx.Client, seed: DemoStore) -> None:
    suspended = admin.get("/api/v1/accounts/3/contacts")
    assert suspended.status_code == 401 and suspended.json() == {"error": "Account is suspended"}
    outsider = boris.get("/api/v1/accounts/2/contacts/61")
    assert outsider.status_code == 401
    assert outsider.json() == ERRORS["not_member_of_account"]["body"]
    other_account = next(c.id for c in seed.contacts.values() if c.account_id == 2)
    missing = admin.get(f"{A1}/contacts/{other_account}")
    assert missing.status_code == 404 and missing.json() == NOT_FOUND
    assert admin.get(f"{A1}/contacts/99999").json() == NOT_FOUND
    assert admin.get(f"/api/v1/accounts/2/contacts/{other_account}").status_code == 200


# ---- show --------------------------------------------------------------------------------
def test_show(anna: httpx.Client, seed: DemoStore) -> None:
    contact = listed(seed)[0]
    resp = anna.get(f"{A1}/contacts/{contact.id}")
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    assert set(payload) == CONTACT_KEYS | {"contact_inboxes"}
    assert payload["id"] == contact.id
    assert payload["email"] == contact.email
    assert payload["additional_attributes"] == contact.additional_attributes
    assert payload["availability_status"] == "offline"
    assert [ci["source_id"] for ci in payload["contact_inboxes"]] == [
        ci.source_id for ci in seed.contact_inboxes.values() if ci.contact_id == contact.id
    ]
    slim = anna.get(f"{A1}/contacts/{contact.id}", params={"include_contact_inboxes": "false"})
    assert set(slim.json()["payload"]) == CONTACT_KEYS


# ---- update ------------------------------------------------------------------------------
def test_update_merges_attributes_and_emits(
    admin: httpx.Client, seed: DemoStore, events: Recorder
) -> None:
    contact = listed(seed)[0]
    path = f"{A1}/contacts/{contact.id}"
    resp = admin.put(
        path,
        json={
            "name": "Renamed Person",
            "email": "New.Address@Example.ORG",
            "phone_number": "+15550001234",
            "identifier": "crm-42",
            "additional_attributes": {"company_name": "Globex"},
            "custom_attributes": {"tier": "gold"},
        },
    )
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    assert payload["name"] == "Renamed Person"
    assert payload["email"] == "new.address@example.org"  # `prepare_email_attribute`
    assert payload["phone_number"] == "+15550001234"
    assert payload["identifier"] == "crm-42"
    assert payload["additional_attributes"] == {
        **contact.additional_attributes,
        "company_name": "Globex",
    }
    assert payload["custom_attributes"] == {**contact.custom_attributes, "tier": "gold"}
    assert "contact_inboxes" in payload
    updated = events.all("contact.updated")
    assert len(updated) == 1
    assert updated[0].streams == ("account_1",)
    assert set(updated[0].data) == PUSH_KEYS | {"account_id"}
    assert updated[0].data["name"] == "Renamed Person"
    assert updated[0].data["account_id"] == 1
    patched = admin.patch(path, json={"blocked": True, "custom_attributes": {"plan": "pro"}})
    body = patched.json()["payload"]
    assert body["blocked"] is True
    assert body["custom_attributes"] == {**contact.custom_attributes, "tier": "gold", "plan": "pro"}
    assert admin.get(path).json()["payload"]["name"] == "Renamed Person"
    assert len(events.all("contact.updated")) == 2


def test_update_validation_errors(admin: httpx.Client, seed: DemoStore, events: Recorder) -> None:
    first, second = [c for c in listed(seed) if c.email][:2]
    assert second.email is not None
    path = f"{A1}/contacts/{first.id}"
    dup = admin.put(path, json={"email": second.email.upper()})
    assert dup.status_code == 422
    assert dup.json() == ERRORS["validation_failed_record_invalid"]["body"]
    bad = admin.put(path, json={"email": second.email, "phone_number": "0049 30 1234"})
    assert bad.status_code == 422
    assert bad.json() == {
        "message": "Email has already been taken, Phone number should be in e164 format",
        "attributes": ["email", "phone_number"],
    }
    invalid = admin.patch(path, json={"email": "not-an-email"})
    assert invalid.json() == {"message": "Email Invalid email", "attributes": ["email"]}
    assert admin.get(path).json()["payload"]["email"] == first.email
    assert events.all("contact.updated") == []


def test_destroy_custom_attributes(admin: httpx.Client, seed: DemoStore, events: Recorder) -> None:
    contact = listed(seed)[0]
    path = f"{A1}/contacts/{contact.id}"
    admin.put(path, json={"custom_attributes": {"a": 1, "b": 2}})
    events.clear()
    resp = admin.post(f"{path}/destroy_custom_attributes", json={"custom_attributes": ["a", "x"]})
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    assert payload["custom_attributes"] == {**contact.custom_attributes, "b": 2}
    assert "contact_inboxes" in payload  # this view always includes them
    assert [b.event for b in events.all()] == ["contact.updated"]
    unchanged = admin.post(f"{path}/destroy_custom_attributes", json={})
    assert unchanged.json()["payload"]["custom_attributes"] == payload["custom_attributes"]


# ---- conversations -------------------------------------------------------------------------
def test_contact_conversations_follow_inbox_visibility(
    admin: httpx.Client, anna: httpx.Client, boris: httpx.Client, seed: DemoStore
) -> None:
    first = seed.conversation_by_display(1, 1)
    assert first is not None and first.inbox_id == 1 and first.team_id == 1
    path = f"{A1}/contacts/{first.contact_id}/conversations"
    resp = admin.get(path)
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    assert [c["id"] for c in payload] == [1]
    conv = payload[0]
    assert conv["meta"]["sender"]["id"] == first.contact_id
    assert conv["meta"]["team"]["is_member"] is False  # viewer is the admin
    assert {"uuid", "muted", "can_reply", "last_non_activity_message"} <= set(conv)
    assert [c["id"] for c in anna.get(path).json()["payload"]] == [1]
    # Boris reaches conversation 1 through the Billing team, but `assigned_inboxes` counts
    # inbox memberships only.
    assert boris.get(path).json() == {"payload": []}
    in_support = next(
        c for c in seed.conversations.values() if c.account_id == 1 and c.inbox_id == 2
    )
    boris_path = f"{A1}/contacts/{in_support.contact_id}/conversations"
    assert [c["id"] for c in boris.get(boris_path).json()["payload"]] == [in_support.display_id]


# ---- search --------------------------------------------------------------------------------
def test_search(admin: httpx.Client, seed: DemoStore) -> None:
    blank = admin.get(f"{A1}/contacts/search", params={"q": "  "})
    assert blank.status_code == 422
    assert blank.json() == {"error": "Specify search string with parameter q"}
    domain = [c.id for c in main_contacts(seed) if c.email and "example.org" in c.email]
    assert len(domain) > 15
    first = admin.get(f"{A1}/contacts/search", params={"q": "EXAMPLE.org"}).json()
    assert first["meta"] == {"count": 15, "current_page": 1, "has_more": True}
    assert [c["id"] for c in first["payload"]] == domain[:15]
    last_page = (len(domain) - 1) // 15 + 1
    tail = admin.get(f"{A1}/contacts/search", params={"q": "example.org", "page": last_page})
    rest = domain[(last_page - 1) * 15 :]
    assert tail.json()["meta"] == {
        "count": len(rest),
        "current_page": str(last_page),
        "has_more": False,
    }
    # search is not limited to resolved contacts: one with neither email nor phone is found
    hidden = next(c for c in main_contacts(seed) if not (c.email or c.phone_number))
    found = all_pages(admin, f"{A1}/contacts/search", {"q": hidden.name.upper()})
    assert hidden.id in [c["id"] for c in found]
    assert all(hidden.name.lower() in c["name"].lower() for c in found)
    phone = next(c for c in main_contacts(seed) if c.phone_number)
    assert phone.phone_number is not None
    by_phone = admin.get(f"{A1}/contacts/search", params={"q": phone.phone_number[-7:]})
    assert phone.id in [c["id"] for c in by_phone.json()["payload"]]


def test_search_matches_identifier_case_sensitively(admin: httpx.Client, seed: DemoStore) -> None:
    contact = listed(seed)[3]
    admin.put(f"{A1}/contacts/{contact.id}", json={"identifier": "CRM-Zeta-7"})
    hit = admin.get(f"{A1}/contacts/search", params={"q": "Zeta-7"}).json()
    assert [c["id"] for c in hit["payload"]] == [contact.id]
    miss = admin.get(f"{A1}/contacts/search", params={"q": "zeta-7"}).json()
    assert miss == {"meta": {"count": 0, "current_page": 1, "has_more": False}, "payload": []}


# ---- labels --------------------------------------------------------------------------------
def test_contact_labels_replace(admin: httpx.Client, seed: DemoStore, events: Recorder) -> None:
    contact = next(c for c in listed(seed) if c.labels)
    path = f"{A1}/contacts/{contact.id}/labels"
    assert admin.get(path).json() == {"payload": contact.labels}
    resp = admin.post(path, json={"labels": ["support", " urgent ", "support", ""]})
    assert resp.status_code == 200
    assert resp.json() == {"payload": ["support", "urgent"]}
    assert admin.get(path).json() == {"payload": ["support", "urgent"]}
    assert [b.event for b in events.all()] == ["contact.updated"]
    assert admin.post(path, json={"labels": []}).json() == {"payload": []}
    assert admin.post(path, json={}).json() == {"payload": []}


# ---- notes ---------------------------------------------------------------------------------
def test_notes_crud(admin: httpx.Client, anna: httpx.Client, seed: DemoStore) -> None:
    noted = next(c for c in main_contacts(seed) if c.id % 4 == 0)
    path = f"{A1}/contacts/{noted.id}/notes"
    existing = admin.get(path)
    assert existing.status_code == 200
    notes = existing.json()
    assert isinstance(notes, list) and len(notes) == 1
    assert set(notes[0]) == {
        "id",
        "content",
        "account_id",
        "contact_id",
        "user",
        "created_at",
        "updated_at",
    }
    # `_note.json.jbuilder` writes `json.account_id json.account_id`: null in Chatwoot
    assert notes[0]["account_id"] is None and notes[0]["contact_id"] is None
    assert notes[0]["user"]["id"] == 1 and notes[0]["user"]["role"] == "administrator"

    created = anna.post(path, json={"content": "Called back, all fine."})
    assert created.status_code == 200
    note = created.json()
    assert note["content"] == "Called back, all fine."
    assert note["user"]["id"] == 2 and note["user"]["email"] == "anna@acme.inc"
    assert isinstance(note["created_at"], int)
    nested = admin.post(path, json={"note": {"content": "Nested form"}})
    assert nested.json()["content"] == "Nested form"
    listing = [n["id"] for n in admin.get(path).json()]
    assert listing[:2] == [nested.json()["id"], note["id"]]  # newest first

    blank = admin.post(path, json={"content": "  "})
    assert blank.status_code == 422
    assert blank.json() == {"message": "Content can't be blank", "attributes": ["content"]}

    patched = admin.patch(f"{path}/{note['id']}", json={"content": "Edited"})
    assert patched.status_code == 200 and patched.json()["content"] == "Edited"
    assert patched.json()["user"]["id"] == 2  # the author stays
    other = next(c for c in main_contacts(seed) if c.id != noted.id)
    wrong = admin.patch(f"{A1}/contacts/{other.id}/notes/{note['id']}", json={"content": "x"})
    assert wrong.status_code == 404 and wrong.json() == NOT_FOUND

    deleted = admin.delete(f"{path}/{note['id']}")
    assert deleted.status_code == 200
    assert note["id"] not in [n["id"] for n in admin.get(path).json()]
    assert admin.delete(f"{path}/{note['id']}").status_code == 404


# ---- contactable inboxes -------------------------------------------------------------------
def test_contactable_inboxes(admin: httpx.Client, anna: httpx.Client, seed: DemoStore) -> None:
    website = next(
        c
        for c in main_contacts(seed)
        if c.email
        and any(ci.contact_id == c.id and ci.inbox_id == 1 for ci in seed.contact_inboxes.values())
    )
    path = f"{A1}/contacts/{website.id}/contactable_inboxes"
    resp = admin.get(path)
    assert resp.status_code == 200
    payload = resp.json()["payload"]
    # the website contact inbox already has a conversation, so it is not offered
    assert [entry["inbox"]["id"] for entry in payload] == [2, 3]
    assert all(set(entry) == {"inbox", "source_id"} for entry in payload)
    assert payload[0]["source_id"] == website.email
    assert payload[0]["inbox"]["channel_type"] == "Channel::Email"
    uuid.UUID(payload[1]["source_id"])  # API inbox without a contact inbox: a fresh UUID
    # Anna is not a member of the API inbox
    assert [e["inbox"]["id"] for e in anna.get(path).json()["payload"]] == [2]
    no_email = next(c for c in main_contacts(seed) if not c.email)
    offered = admin.get(f"{A1}/contacts/{no_email.id}/contactable_inboxes").json()["payload"]
    assert 2 not in [e["inbox"]["id"] for e in offered]
