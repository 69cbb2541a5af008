"""§2.5 global search: `…/search` and its conversations, messages and contacts parts.

Followed from Chatwoot's `app/services/search_service.rb` and
`app/views/api/v1/accounts/search/*` where CONTRACT.md is silent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    json_response,
    server_of,
)
from operator_desktop.demo.models import (
    Message,
)

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

from operator_desktop.demo.routes_conversations import (
    ACCOUNT,
    MESSAGE_SEARCH_WINDOW,
    SEARCH_PAGE_SIZE,
    page_number,
    paginate,
    visible_conversations,
)

routes = web.RouteTableDef()


# ---- global search (§2.5 …/search) -------------------------------------------------------
def _ilike(needle: str, *values: str | None) -> bool:
    folded = needle.casefold()
    return any(v is not None and folded in v.casefold() for v in values)


def _search_conversations(server: DemoServer, scope: Scope, q: str, page: int) -> list[Any]:
    """Display id, contact name, email, phone or identifier; newest conversations first."""
    store = server.store
    hits = []
    for conv in visible_conversations(server, scope):
        contact = store.contacts[conv.contact_id]
        if _ilike(
            q,
            str(conv.display_id),
            contact.name,
            contact.email,
            contact.phone_number,
            contact.identifier,
        ):
            hits.append(conv)
    hits.sort(key=lambda c: (c.created_at, c.id), reverse=True)
    return [server.views.search_conversation(c) for c in paginate(hits, page, SEARCH_PAGE_SIZE)]


def _search_messages(server: DemoServer, scope: Scope, q: str, page: int) -> list[Any]:
    """Content ILIKE in the caller's inboxes, the last three months, newest first."""
    inbox_ids = scope.visible_inbox_ids(server)
    since = server.clock.now() - MESSAGE_SEARCH_WINDOW
    hits: list[Message] = [
        m
        for m in server.store.messages.values()
        if m.account_id == scope.account.id
        and m.inbox_id in inbox_ids
        and m.created_at >= since
        and _ilike(q, m.content)
    ]
    hits.sort(key=lambda m: (m.created_at, m.id), reverse=True)
    return [server.views.search_message(m) for m in paginate(hits, page, SEARCH_PAGE_SIZE)]


def _search_contacts(server: DemoServer, scope: Scope, q: str, page: int) -> list[Any]:
    """Name, email, phone or identifier; only `resolved_contacts` (with one of email,
    phone or identifier); by last activity, newest first."""
    hits = [
        c
        for c in server.store.contacts.values()
        if c.account_id == scope.account.id
        and (c.email or c.phone_number or c.identifier)
        and _ilike(q, c.name, c.email, c.phone_number, c.identifier)
    ]
    hits.sort(key=lambda c: (c.last_activity_at or 0.0, c.id), reverse=True)
    return [server.views.search_contact(c) for c in paginate(hits, page, SEARCH_PAGE_SIZE)]


def _search_params(request: web.Request) -> tuple[str, int]:
    return request.query.get("q", "").strip(), page_number(request.query.get("page"))


@routes.get(ACCOUNT + "/search")
async def global_search(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    q, page = _search_params(request)
    return json_response(
        {
            "payload": {
                "conversations": _search_conversations(server, scope, q, page),
                "contacts": _search_contacts(server, scope, q, page),
                "messages": _search_messages(server, scope, q, page),
                "articles": [],  # the demo has no help center
            }
        }
    )


@routes.get(ACCOUNT + "/search/conversations")
async def global_search_conversations(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    q, page = _search_params(request)
    conversations = _search_conversations(server, scope, q, page)
    return json_response({"payload": {"conversations": conversations}})


@routes.get(ACCOUNT + "/search/messages")
async def global_search_messages(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    q, page = _search_params(request)
    return json_response({"payload": {"messages": _search_messages(server, scope, q, page)}})


@routes.get(ACCOUNT + "/search/contacts")
async def global_search_contacts(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    q, page = _search_params(request)
    return json_response({"payload": {"contacts": _search_contacts(server, scope, q, page)}})
