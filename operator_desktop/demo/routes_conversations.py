"""§2 conversations: the finder (list, counts, the slim search) and what the other
conversation route modules share (paths, paging, scope, sorting).

Followed from Chatwoot's source where CONTRACT.md is silent (chatwoot/chatwoot, read through
the `search` tool): `app/finders/conversation_finder.rb` (filters, SORT_OPTIONS, counts,
`updated_within`) and `app/models/concerns/sort_handler.rb` (sort orders). The custom
filter, global search and one conversation's actions are in `routes_conversation_filter`,
`routes_search` and `routes_conversation_actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    json_response,
    not_found,
    read_json,
    server_of,
)
from operator_desktop.demo.models import (
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    Conversation,
)

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer


routes = web.RouteTableDef()

ACCOUNT = "/api/v1/accounts/{account_id:\\d+}"
BASE = ACCOUNT + "/conversations"
ONE = BASE + "/{conversation_id:\\d+}"

PAGE_SIZE = 25  # CONVERSATION_RESULTS_PER_PAGE
SEARCH_PAGE_SIZE = 15  # SearchService
ATTACHMENTS_PAGE_SIZE = 100  # ConversationsController::ATTACHMENT_RESULTS_PER_PAGE
MESSAGE_SEARCH_WINDOW = 90 * 86400  # SearchService: messages of the last 3 months
PRIORITY_RANK = {None: 0, "low": 1, "medium": 2, "high": 3, "urgent": 4}
MENTION_PATTERN = "mention://user/{user_id}/"


# ---- params -----------------------------------------------------------------------------
async def request_params(request: web.Request) -> dict[str, Any]:
    """Rails `params`: the query string, overlaid by the body."""
    merged: dict[str, Any] = {k: v for k, v in request.query.items()}
    merged.update(await read_json(request))
    return merged


def page_number(value: Any) -> int:
    """Kaminari: `page` is 1-based; anything that is not a positive integer means page 1."""
    try:
        page = int(str(value))
    except (TypeError, ValueError):
        return 1
    return max(page, 1)


def paginate(items: list[Any], page: int, size: int) -> list[Any]:
    start = (page - 1) * size
    return items[start : start + size]


def is_present(value: Any) -> bool:
    """Rails `present?` for a request value."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, dict)):
        return len(value) > 0
    return True


def maybe_int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# ---- the finder (§2.2) ------------------------------------------------------------------
def _sort_key_last_activity(conv: Conversation) -> tuple[float, ...]:
    return (conv.last_activity_at, conv.id)


def sort_conversations(
    convs: list[Conversation], sort_by: str | None, now: float
) -> list[Conversation]:
    """`ConversationFinder::SORT_OPTIONS` with the orders of `SortHandler`.

    The legacy aliases map as in Chatwoot: `latest` = last_activity_at desc,
    `sort_on_created_at` = created_at asc, `sort_on_priority` = priority desc,
    `sort_on_waiting_since` = waiting_since asc. Anything else: last_activity_at desc.
    Priority sorts NULL as 0 then by last_activity_at in the same direction; waiting_since
    sorts NULL as now() then by created_at in the same direction.
    """
    options: dict[str, tuple[str, bool]] = {
        "last_activity_at_asc": ("last_activity_at", False),
        "last_activity_at_desc": ("last_activity_at", True),
        "created_at_asc": ("created_at", False),
        "created_at_desc": ("created_at", True),
        "priority_asc": ("priority", False),
        "priority_desc": ("priority", True),
        "waiting_since_asc": ("waiting_since", False),
        "waiting_since_desc": ("waiting_since", True),
        "latest": ("last_activity_at", True),
        "sort_on_created_at": ("created_at", False),
        "sort_on_priority": ("priority", True),
        "sort_on_waiting_since": ("waiting_since", False),
    }
    field, desc = options.get(sort_by or "", options["last_activity_at_desc"])
    key: Callable[[Conversation], tuple[float, ...]]
    if field == "created_at":

        def key(c: Conversation) -> tuple[float, ...]:
            return (c.created_at, c.id)

    elif field == "priority":

        def key(c: Conversation) -> tuple[float, ...]:
            return (PRIORITY_RANK.get(c.priority, 0), c.last_activity_at, c.id)

    elif field == "waiting_since":

        def key(c: Conversation) -> tuple[float, ...]:
            waiting = c.waiting_since if c.waiting_since is not None else now
            return (waiting, c.created_at, c.id)

    else:
        key = _sort_key_last_activity
    return sorted(convs, key=key, reverse=desc)


def _labels_param(getall: Callable[[str, list[str]], list[str]]) -> list[str]:
    """`labels[]=a&labels[]=b` or `labels=a,b` (acts-as-taggable parses a comma list)."""
    titles: list[str] = []
    for raw in getall("labels[]", []):
        titles.append(raw.strip())
    for raw in getall("labels", []):
        titles.extend(part.strip() for part in raw.split(","))
    return [t for t in titles if t]


def _is_mentioned(server: DemoServer, conv: Conversation, user_id: int) -> bool:
    """A private note that mentions the user (`[@Name](mention://user/ID/Name)`)."""
    needle = MENTION_PATTERN.format(user_id=user_id)
    return any(
        m.private and m.content and needle in m.content for m in server.store.messages_of(conv.id)
    )


def _matches_query(server: DemoServer, conv: Conversation, q: str) -> bool:
    """`filter_by_query`: ILIKE on incoming or outgoing message content."""
    needle = q.casefold()
    return any(
        m.message_type in (MESSAGE_INCOMING, MESSAGE_OUTGOING)
        and m.content is not None
        and needle in m.content.casefold()
        for m in server.store.messages_of(conv.id)
    )


def assignee_counts(convs: Iterable[Conversation], user_id: int) -> dict[str, int]:
    items = list(convs)
    mine = sum(1 for c in items if c.assignee_id == user_id)
    unassigned = sum(1 for c in items if c.assignee_id is None)
    return {
        "mine_count": mine,
        "assigned_count": len(items) - unassigned,
        "unassigned_count": unassigned,
        "all_count": len(items),
    }


def visible_conversations(server: DemoServer, scope: Scope) -> list[Conversation]:
    """`Conversations::PermissionFilterService`: admins all, agents their inboxes only."""
    inbox_ids = scope.visible_inbox_ids(server)
    return [
        c
        for c in server.store.conversations.values()
        if c.account_id == scope.account.id and c.inbox_id in inbox_ids
    ]


def _find(request: web.Request, scope: Scope) -> list[Conversation]:
    """`ConversationFinder#set_up`: everything but the assignee filter and the order."""
    server = server_of(request)
    query = request.query
    store = server.store
    # set_team first: an unknown team is a 404 whatever else is asked
    team_id: int | None = None
    if "team_id" in query:
        team_id = maybe_int(query["team_id"])
        team = store.teams.get(team_id) if team_id is not None else None
        if team is None or team.account_id != scope.account.id:
            raise not_found()
    convs = visible_conversations(server, scope)
    if "inbox_id" in query:
        # `assigned_inboxes.where(id: inbox_id)`: an inbox the caller cannot see is empty
        wanted = maybe_int(query["inbox_id"])
        convs = [c for c in convs if c.inbox_id == wanted]
    conversation_type = query.get("conversation_type")
    user_id = scope.user.id
    if conversation_type == "mention":
        convs = [c for c in convs if _is_mentioned(server, c, user_id)]
    elif conversation_type == "participating":
        # Chatwoot replaces the whole scope with `current_user.participating_conversations`
        # of the account (no inbox filter, no permission filter) — followed here. The rows are
        # the stored `conversation_participants` (routes_participants, assignment, mentions).
        watched = {
            p.conversation_id
            for p in store.conversation_participants.values()
            if p.user_id == user_id
        }
        convs = [
            c
            for c in store.conversations.values()
            if c.account_id == scope.account.id and c.id in watched
        ]
    elif conversation_type == "unattended":
        # `Conversation.unattended`: no first reply yet, or waiting for a reply
        convs = [
            c for c in convs if c.first_reply_created_at is None or c.waiting_since is not None
        ]
    if "q" not in query:
        status = query.get("status") or "open"
        if status != "all":
            convs = [c for c in convs if c.status == status]
    if team_id is not None:
        convs = [c for c in convs if c.team_id == team_id]
    if "labels[]" in query or "labels" in query:
        wanted_labels = set(_labels_param(query.getall))
        if wanted_labels:
            convs = [c for c in convs if wanted_labels.intersection(c.labels)]
    if "q" in query:
        q = query["q"]
        convs = [c for c in convs if _matches_query(server, c, q)]
    if "source_id" in query:
        source_id = query["source_id"]
        convs = [c for c in convs if store.contact_inbox_of(c).source_id == source_id]
    return convs


def _filter_assignee(
    convs: list[Conversation], assignee_type: str | None, user_id: int
) -> list[Conversation]:
    if assignee_type == "me":
        return [c for c in convs if c.assignee_id == user_id]
    if assignee_type == "unassigned":
        return [c for c in convs if c.assignee_id is None]
    if assignee_type == "assigned":
        return [c for c in convs if c.assignee_id is not None]
    return convs


@routes.get(BASE)
async def list_conversations(request: web.Request) -> web.Response:
    """§2.2 `GET …/conversations`."""
    server = server_of(request)
    scope = account_scope(request)
    query = request.query
    found = _find(request, scope)
    meta = assignee_counts(found, scope.user.id)
    convs = _filter_assignee(found, query.get("assignee_type"), scope.user.id)
    now = server.clock.now()
    convs = sort_conversations(convs, query.get("sort_by"), now)
    if is_present(query.get("updated_within")):
        seconds = maybe_int(query["updated_within"]) or 0
        threshold = now - seconds
        convs = [c for c in convs if c.updated_at > threshold]
    else:
        convs = paginate(convs, page_number(query.get("page")), PAGE_SIZE)
    payload = [server.views.conversation(c, scope.user.id) for c in convs]
    return json_response({"data": {"meta": meta, "payload": payload}})


@routes.get(BASE + "/meta")
async def conversations_meta(request: web.Request) -> web.Response:
    """§2.3 `GET …/conversations/meta`: the list's counts only."""
    scope = account_scope(request)
    return json_response({"meta": assignee_counts(_find(request, scope), scope.user.id)})


@routes.get(BASE + "/search")
async def search_conversations_slim(request: web.Request) -> web.Response:
    """§2.5 `GET …/conversations/search?q=`: the finder with `q`, the slim search view."""
    server = server_of(request)
    scope = account_scope(request)
    query = request.query
    found = _find(request, scope)
    counts = assignee_counts(found, scope.user.id)
    convs = _filter_assignee(found, query.get("assignee_type"), scope.user.id)
    convs = sort_conversations(convs, query.get("sort_by"), server.clock.now())
    convs = paginate(convs, page_number(query.get("page")), PAGE_SIZE)
    return json_response(
        {
            "meta": {
                "mine_count": counts["mine_count"],
                "unassigned_count": counts["unassigned_count"],
                "all_count": counts["all_count"],
            },
            "payload": [server.views.conversation_search_item(c) for c in convs],
        }
    )
