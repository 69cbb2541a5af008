"""§5 contacts: list, search, show, update, custom attributes, conversations, labels, notes
and contactable inboxes under `/api/v1/accounts/{account_id}/contacts`.

Where CONTRACT.md is silent this follows Chatwoot's source (4.x):
`app/controllers/api/v1/accounts/contacts_controller.rb` (Sift sorting, `resolved_contacts`,
`RESULTS_PER_PAGE = 15`, `set_include_contact_inboxes`, `fetch_contacts_with_has_more`),
`contacts/{conversations,labels,notes}_controller.rb`, `concerns/label_concern.rb`,
`app/services/contacts/contactable_inboxes_service.rb` and the `Contact` model validations.
Every contact change goes through `DemoService` so `contact.updated` reaches `account_<id>`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    json_response,
    not_found,
    read_json,
    server_of,
)
from operator_desktop.demo.models import Contact, ContactNote, Conversation
from operator_desktop.demo.service import DemoError

routes = web.RouteTableDef()

BASE = "/api/v1/accounts/{account_id}/contacts"
ONE = BASE + r"/{contact_id:\d+}"
RESULTS_PER_PAGE = 15
CONVERSATIONS_LIMIT = 20
# `Contact` validations: Devise.email_regexp and the e164 check (which has no start anchor).
EMAIL_RE = re.compile(r"\A[^@\s]+@[^@\s]+\Z")
PHONE_RE = re.compile(r"\+[1-9]\d{1,14}\Z")
SEARCH_NEEDS_Q = {"error": "Specify search string with parameter q"}


# ---- helpers --------------------------------------------------------------------------
def ruby_to_i(raw: str | None) -> int:
    """Ruby's `String#to_i`: leading integer or 0 (what Kaminari does with `page`)."""
    match = re.match(r"\s*([+-]?\d+)", raw or "")
    return int(match.group(1)) if match else 0


def page_of(request: web.Request) -> tuple[Any, int]:
    """`@current_page = params[:page] || 1` (echoed as sent) and the 0-based page index."""
    raw = request.query.get("page")
    if raw is None:
        return 1, 0
    return raw, max(ruby_to_i(raw) - 1, 0)


def include_contact_inboxes(request: web.Request) -> bool:
    """`set_include_contact_inboxes`: true unless the param is present and not `true`."""
    raw = request.query.get("include_contact_inboxes")
    if not raw:  # Rails `present?`: absent or empty means the default
        return True
    return raw == "true"


def contact_in_scope(request: web.Request, scope: Scope) -> Contact:
    server = server_of(request)
    contact = server.store.contacts.get(int(request.match_info["contact_id"]))
    if contact is None or contact.account_id != scope.account.id:
        raise not_found()
    return contact


def query_list(request: web.Request, name: str) -> list[str]:
    """A Rails array param: `name[]=a&name[]=b`, or a single `name=a`."""
    values = request.query.getall(f"{name}[]", [])
    if not values:
        values = request.query.getall(name, [])
    return [str(v) for v in values]


def _nulls_last(
    contacts: list[Contact], value: Callable[[Contact], Any], descending: bool
) -> list[Contact]:
    present = [c for c in contacts if value(c) not in (None, "")]
    missing = [c for c in contacts if value(c) in (None, "")]
    present.sort(key=value, reverse=descending)
    return present + missing


def _attr(key: str) -> Callable[[Contact], Any]:
    def get(contact: Contact) -> Any:
        raw = contact.additional_attributes.get(key)
        return str(raw).lower() if raw not in (None, "") else None

    return get


def sort_contacts(contacts: list[Contact], sort: str | None) -> list[Contact]:
    """Sift `sort_on`: `name`, `-name`, ...; unknown keys leave the (id) order alone.

    The scope sorts (`order_on_*`) put NULLs last both ways; the plain string columns
    (email, phone_number) use PostgreSQL's default, NULLs last ascending, first descending.
    """
    ordered = sorted(contacts, key=lambda c: c.id)
    if not sort:
        return ordered
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key in ("email", "phone_number"):
        present = [c for c in ordered if getattr(c, key)]
        missing = [c for c in ordered if not getattr(c, key)]
        present.sort(key=lambda c: str(getattr(c, key)), reverse=descending)
        return missing + present if descending else present + missing
    if key == "name":
        return sorted(ordered, key=lambda c: c.name.lower(), reverse=descending)
    if key == "last_activity_at":
        return _nulls_last(ordered, lambda c: c.last_activity_at, descending)
    if key == "created_at":
        return _nulls_last(ordered, lambda c: c.created_at, descending)
    if key == "company_name":
        return _nulls_last(ordered, _attr("company_name"), descending)
    if key == "city":
        return _nulls_last(ordered, _attr("city"), descending)
    if key == "country":
        return _nulls_last(ordered, _attr("country"), descending)
    return ordered


def account_contacts(request: web.Request, scope: Scope) -> list[Contact]:
    store = server_of(request).store
    return [c for c in store.contacts.values() if c.account_id == scope.account.id]


# ---- index, search, show ---------------------------------------------------------------
@routes.get(BASE)
async def index(request: web.Request) -> web.Response:
    """`{meta: {count, current_page}, payload}`; only contacts with an email, phone or
    identifier (`Contact.resolved_contacts`), `labels[]` matches any (`tagged_with any`)."""
    server = server_of(request)
    scope = account_scope(request)
    contacts = [
        c for c in account_contacts(request, scope) if c.email or c.phone_number or c.identifier
    ]
    labels = query_list(request, "labels")
    if labels:
        contacts = [c for c in contacts if set(c.labels) & set(labels)]
    contacts = sort_contacts(contacts, request.query.get("sort"))
    current_page, index = page_of(request)
    page = contacts[index * RESULTS_PER_PAGE : (index + 1) * RESULTS_PER_PAGE]
    with_inboxes = include_contact_inboxes(request)
    return json_response(
        {
            "meta": {"count": len(contacts), "current_page": current_page},
            "payload": [server.views.contact(c, with_inboxes=with_inboxes) for c in page],
        }
    )


def _matches(contact: Contact, q: str) -> bool:
    """`search_conditions`: ILIKE on name, email, phone; LIKE (case-sensitive) on the
    identifier; and the contact id when `q` is all digits."""
    needle = q.lower()
    for value in (contact.name, contact.email, contact.phone_number):
        if value and needle in value.lower():
            return True
    if contact.identifier and q in contact.identifier:
        return True
    return q.isdigit() and contact.id == int(q)


@routes.get(BASE + "/search")
async def search(request: web.Request) -> web.Response:
    """`{meta: {count, current_page, has_more}, payload}`. As `fetch_contacts_with_has_more`
    does, `count` is the number of contacts on this page (one extra row decides has_more)."""
    server = server_of(request)
    scope = account_scope(request)
    q = request.query.get("q", "")
    if not q.strip():
        raise DemoError(422, SEARCH_NEEDS_Q)
    q = q.strip()
    found = [c for c in account_contacts(request, scope) if _matches(c, q)]
    found = sort_contacts(found, request.query.get("sort"))
    current_page, index = page_of(request)
    window = found[index * RESULTS_PER_PAGE : (index + 1) * RESULTS_PER_PAGE + 1]
    has_more = len(window) > RESULTS_PER_PAGE
    page = window[:RESULTS_PER_PAGE]
    with_inboxes = include_contact_inboxes(request)
    return json_response(
        {
            "meta": {"count": len(page), "current_page": current_page, "has_more": has_more},
            "payload": [server.views.contact(c, with_inboxes=with_inboxes) for c in page],
        }
    )


@routes.get(ONE)
async def show(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    with_inboxes = include_contact_inboxes(request)
    return json_response({"payload": server.views.contact(contact, with_inboxes=with_inboxes)})


# ---- update ----------------------------------------------------------------------------
UPDATABLE = ("name", "email", "phone_number", "identifier", "blocked")


def _as_bool(value: Any) -> bool:
    """ActiveModel's boolean cast for the JSON and form values a client may send."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "f", "false", "off", "no")
    return bool(value)


def _validate(contact: Contact, changes: dict[str, Any], request: web.Request) -> None:
    """The `Contact` validations, all at once as RecordInvalid renders them (§9.2)."""
    store = server_of(request).store
    others = [
        c
        for c in store.contacts.values()
        if c.account_id == contact.account_id and c is not contact
    ]
    messages: list[str] = []
    attributes: list[str] = []

    def fail(attribute: str, message: str) -> None:
        messages.append(message)
        if attribute not in attributes:
            attributes.append(attribute)

    email = changes.get("email")
    if email:
        if any(o.email and o.email.lower() == email.lower() for o in others):
            fail("email", "Email has already been taken")
        if not EMAIL_RE.match(email):
            fail("email", "Email Invalid email")
    identifier = changes.get("identifier")
    if identifier and any(o.identifier == identifier for o in others):
        fail("identifier", "Identifier has already been taken")
    phone = changes.get("phone_number")
    if phone:
        if any(o.phone_number == phone for o in others):
            fail("phone_number", "Phone number has already been taken")
        if not PHONE_RE.search(phone):
            fail("phone_number", "Phone number should be in e164 format")
    name = changes.get("name")
    if isinstance(name, str) and len(name) > 255:
        fail("name", "Name is too long (maximum is 255 characters)")
    if messages:
        raise DemoError(422, {"message": ", ".join(messages), "attributes": attributes})


@routes.put(ONE)
@routes.patch(ONE)
async def update(request: web.Request) -> web.Response:
    """Body `name, email, phone_number, identifier, blocked, additional_attributes{},
    custom_attributes{}` (flat, `permitted_params`); the two attribute hashes merge."""
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    body = await read_json(request)
    changes: dict[str, Any] = {}
    for key in UPDATABLE:
        if key not in body:
            continue
        value = body[key]
        if key == "blocked":
            changes[key] = _as_bool(value)
        elif value is None or value == "":
            changes[key] = None
        else:
            changes[key] = str(value).strip() if key != "name" else str(value)
    if changes.get("email"):
        changes["email"] = str(changes["email"]).lower()  # `prepare_email_attribute`
    for key in ("additional_attributes", "custom_attributes"):
        if isinstance(body.get(key), dict):
            changes[key] = body[key]
    _validate(contact, changes, request)
    if "name" in changes and changes["name"] is None:
        # `contacts.name` is a string that is never null; the service would store None.
        del changes["name"]
        contact.name = ""
    server.service.update_contact(contact, changes)
    with_inboxes = include_contact_inboxes(request)
    return json_response({"payload": server.views.contact(contact, with_inboxes=with_inboxes)})


@routes.post(ONE + "/destroy_custom_attributes")
async def destroy_custom_attributes(request: web.Request) -> web.Response:
    """`custom_attributes.excluding(params[:custom_attributes])`, then `save!` (which fires
    `contact.updated`); the view always includes `contact_inboxes`."""
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    body = await read_json(request)
    keys = body.get("custom_attributes")
    if isinstance(keys, str):
        keys = [keys]
    drop = {str(k) for k in keys} if isinstance(keys, list) else set()
    contact.custom_attributes = {
        k: v for k, v in contact.custom_attributes.items() if k not in drop
    }
    server.service.emit_contact("contact.updated", contact)
    return json_response({"payload": server.views.contact(contact, with_inboxes=True)})


# ---- conversations ---------------------------------------------------------------------
@routes.get(ONE + "/conversations")
async def conversations(request: web.Request) -> web.Response:
    """The contact's conversations in the caller's inboxes (`assigned_inboxes`: all for an
    administrator, memberships for an agent; team access does not count), latest 20 by
    last activity (CONTRACT §5.1), not paginated."""
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    visible = scope.visible_inbox_ids(server)
    found: list[Conversation] = [
        conv
        for conv in server.store.conversations.values()
        if conv.account_id == scope.account.id
        and conv.contact_id == contact.id
        and conv.inbox_id in visible
    ]
    found.sort(key=lambda conv: (conv.last_activity_at, conv.id), reverse=True)
    return json_response(
        {
            "payload": [
                server.views.conversation(conv, scope.user.id)
                for conv in found[:CONVERSATIONS_LIMIT]
            ]
        }
    )


# ---- labels ----------------------------------------------------------------------------
@routes.get(ONE + "/labels")
async def labels_index(request: web.Request) -> web.Response:
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    return json_response({"payload": list(contact.labels)})


@routes.post(ONE + "/labels")
async def labels_update(request: web.Request) -> web.Response:
    """`LabelConcern#create`: `update_labels(params[:labels])` replaces the whole list
    (acts-as-taggable strips, drops blanks and duplicates; no labels clears it)."""
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    body = await read_json(request)
    raw = body.get("labels")
    if isinstance(raw, str):
        raw = raw.split(",")
    new: list[str] = []
    for item in raw if isinstance(raw, list) else []:
        title = str(item).strip()
        if title and title not in new:
            new.append(title)
    contact.labels = new
    server.service.emit_contact("contact.updated", contact)
    return json_response({"payload": list(contact.labels)})


# ---- notes -----------------------------------------------------------------------------
def _note_content(body: dict[str, Any]) -> Any:
    """`params[:note].present? ? params.require(:note) : params`, then `:content`."""
    nested = body.get("note")
    source = nested if isinstance(nested, dict) and nested else body
    return source.get("content")


def _require_content(content: Any) -> str:
    if content is None or not str(content).strip():
        raise DemoError(422, {"message": "Content can't be blank", "attributes": ["content"]})
    return str(content)


def _note_in_scope(request: web.Request, contact: Contact) -> ContactNote:
    server = server_of(request)
    note = server.store.contact_notes.get(int(request.match_info["note_id"]))
    if note is None or note.contact_id != contact.id:
        raise not_found()
    return note


@routes.get(ONE + "/notes")
async def notes_index(request: web.Request) -> web.Response:
    """Bare array, newest first (`notes.latest`)."""
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    notes = [n for n in server.store.contact_notes.values() if n.contact_id == contact.id]
    notes.sort(key=lambda n: (n.created_at, n.id), reverse=True)
    return json_response([server.views.contact_note(n) for n in notes])


@routes.post(ONE + "/notes")
async def notes_create(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    content = _require_content(_note_content(await read_json(request)))
    now = server.clock.now()
    note = ContactNote(
        id=server.store.next_id("contact_notes"),
        account_id=scope.account.id,
        contact_id=contact.id,
        user_id=scope.user.id,
        content=content,
        created_at=now,
        updated_at=now,
    )
    server.store.contact_notes[note.id] = note
    return json_response(server.views.contact_note(note))


@routes.get(ONE + r"/notes/{note_id:\d+}")
async def notes_show(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    note = _note_in_scope(request, contact_in_scope(request, scope))
    return json_response(server.views.contact_note(note))


@routes.patch(ONE + r"/notes/{note_id:\d+}")
@routes.put(ONE + r"/notes/{note_id:\d+}")
async def notes_update(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    note = _note_in_scope(request, contact_in_scope(request, scope))
    content = _note_content(await read_json(request))
    if content is not None:
        note.content = _require_content(content)
        note.updated_at = server.clock.now()
    return json_response(server.views.contact_note(note))


@routes.delete(ONE + r"/notes/{note_id:\d+}")
async def notes_destroy(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    note = _note_in_scope(request, contact_in_scope(request, scope))
    del server.store.contact_notes[note.id]
    return web.Response(status=200)


# ---- contactable inboxes ---------------------------------------------------------------
@routes.get(ONE + "/contactable_inboxes")
async def contactable_inboxes(request: web.Request) -> web.Response:
    """`Contacts::ContactableInboxesService` per channel, then only inboxes the caller may
    show (`InboxPolicy#show?`): `{payload: [{inbox, source_id}]}`.

    Web widget: the latest contact inbox, unless it already has a conversation. API: the
    latest contact inbox's source id or a fresh UUID. Email: the contact's email, if any.
    """
    server = server_of(request)
    scope = account_scope(request)
    contact = contact_in_scope(request, scope)
    store = server.store
    visible = scope.visible_inbox_ids(server)
    out: list[dict[str, Any]] = []
    for inbox in sorted(store.inboxes.values(), key=lambda i: i.id):
        if inbox.account_id != scope.account.id or inbox.id not in visible:
            continue
        latest = max(
            (
                ci
                for ci in store.contact_inboxes.values()
                if ci.contact_id == contact.id and ci.inbox_id == inbox.id
            ),
            key=lambda ci: ci.id,
            default=None,
        )
        source_id: str | None = None
        if inbox.channel_type == "Channel::WebWidget":
            if latest is not None and not any(
                conv.contact_inbox_id == latest.id for conv in store.conversations.values()
            ):
                source_id = latest.source_id
        elif inbox.channel_type == "Channel::Api":
            source_id = latest.source_id if latest is not None else str(uuid.uuid4())
        elif inbox.channel_type == "Channel::Email":
            source_id = contact.email
        if source_id is not None:
            out.append({"inbox": server.views.inbox(inbox), "source_id": source_id})
    return json_response({"payload": out})
