"""§2 and §4 conversations: list, counts, show, search, filter, attachments, global search
and the conversation actions (status, assignment, labels, priority, typing, read state,
mute, custom attributes, drafts).

Followed from Chatwoot's source where CONTRACT.md is silent (chatwoot/chatwoot, read through
the `search` tool): `app/finders/conversation_finder.rb` (filters, SORT_OPTIONS, counts,
`updated_within`), `app/models/concerns/sort_handler.rb` (sort orders),
`app/services/filters/filter_service.rb` + `lib/filters/filter_keys.yml` (filter keys,
operators and the `errors.custom_filters.*` texts of `config/locales/en.yml`),
`app/services/search_service.rb` and `app/views/api/v1/accounts/search/*` (global search),
`conversations_controller.rb` (toggle_status, update, attachments, mute, unread),
`conversations/assignments_controller.rb`, `conversations/draft_messages_controller.rb`,
`conversations/custom_attributes.json.jbuilder` and `conversations/attachments.json.jbuilder`.

Every change goes through `DemoService`, so the rules and the cable events of §7.4 happen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    conversation_in_scope,
    json_response,
    missing_param,
    not_found,
    read_json,
    server_of,
)
from operator_desktop.demo.models import (
    CONVERSATION_STATUSES,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    PRIORITIES,
    ROLE_AGENT,
    Conversation,
    Message,
)
from operator_desktop.demo.service import DemoError, unprocessable
from operator_desktop.demo.views import iso

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
async def _params(request: web.Request) -> dict[str, Any]:
    """Rails `params`: the query string, overlaid by the body."""
    merged: dict[str, Any] = {k: v for k, v in request.query.items()}
    merged.update(await read_json(request))
    return merged


def _page(value: Any) -> int:
    """Kaminari: `page` is 1-based; anything that is not a positive integer means page 1."""
    try:
        page = int(str(value))
    except (TypeError, ValueError):
        return 1
    return max(page, 1)


def _paginate(items: list[Any], page: int, size: int) -> list[Any]:
    start = (page - 1) * size
    return items[start : start + size]


def _present(value: Any) -> bool:
    """Rails `present?` for a request value."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, dict)):
        return len(value) > 0
    return True


def _maybe_int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# ---- the finder (§2.2) ------------------------------------------------------------------
def _sort_key_last_activity(conv: Conversation) -> tuple[float, ...]:
    return (conv.last_activity_at, conv.id)


def _sort(convs: list[Conversation], sort_by: str | None, now: float) -> list[Conversation]:
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


def _is_participant(server: DemoServer, conv: Conversation, user_id: int) -> bool:
    """The demo has no conversation_participants table: the assignee, every agent who wrote
    in the conversation and every mentioned agent count as participants."""
    if conv.assignee_id == user_id:
        return True
    for msg in server.store.messages_of(conv.id):
        if msg.sender_type == "User" and msg.sender_id == user_id:
            return True
    return _is_mentioned(server, conv, user_id)


def _matches_query(server: DemoServer, conv: Conversation, q: str) -> bool:
    """`filter_by_query`: ILIKE on incoming or outgoing message content."""
    needle = q.casefold()
    return any(
        m.message_type in (MESSAGE_INCOMING, MESSAGE_OUTGOING)
        and m.content is not None
        and needle in m.content.casefold()
        for m in server.store.messages_of(conv.id)
    )


def _counts(convs: Iterable[Conversation], user_id: int) -> dict[str, int]:
    items = list(convs)
    mine = sum(1 for c in items if c.assignee_id == user_id)
    unassigned = sum(1 for c in items if c.assignee_id is None)
    return {
        "mine_count": mine,
        "assigned_count": len(items) - unassigned,
        "unassigned_count": unassigned,
        "all_count": len(items),
    }


def _visible(server: DemoServer, scope: Scope) -> list[Conversation]:
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
        team_id = _maybe_int(query["team_id"])
        team = store.teams.get(team_id) if team_id is not None else None
        if team is None or team.account_id != scope.account.id:
            raise not_found()
    convs = _visible(server, scope)
    if "inbox_id" in query:
        # `assigned_inboxes.where(id: inbox_id)`: an inbox the caller cannot see is empty
        wanted = _maybe_int(query["inbox_id"])
        convs = [c for c in convs if c.inbox_id == wanted]
    conversation_type = query.get("conversation_type")
    user_id = scope.user.id
    if conversation_type == "mention":
        convs = [c for c in convs if _is_mentioned(server, c, user_id)]
    elif conversation_type == "participating":
        # Chatwoot replaces the whole scope with `current_user.participating_conversations`
        # of the account (no inbox filter, no permission filter) — followed here.
        convs = [
            c
            for c in store.conversations.values()
            if c.account_id == scope.account.id and _is_participant(server, c, user_id)
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
    meta = _counts(found, scope.user.id)
    convs = _filter_assignee(found, query.get("assignee_type"), scope.user.id)
    now = server.clock.now()
    convs = _sort(convs, query.get("sort_by"), now)
    if _present(query.get("updated_within")):
        seconds = _maybe_int(query["updated_within"]) or 0
        threshold = now - seconds
        convs = [c for c in convs if c.updated_at > threshold]
    else:
        convs = _paginate(convs, _page(query.get("page")), PAGE_SIZE)
    payload = [server.views.conversation(c, scope.user.id) for c in convs]
    return json_response({"data": {"meta": meta, "payload": payload}})


@routes.get(BASE + "/meta")
async def conversations_meta(request: web.Request) -> web.Response:
    """§2.3 `GET …/conversations/meta`: the list's counts only."""
    scope = account_scope(request)
    return json_response({"meta": _counts(_find(request, scope), scope.user.id)})


@routes.get(BASE + "/search")
async def search_conversations_slim(request: web.Request) -> web.Response:
    """§2.5 `GET …/conversations/search?q=`: the finder with `q`, the slim search view."""
    server = server_of(request)
    scope = account_scope(request)
    query = request.query
    found = _find(request, scope)
    counts = _counts(found, scope.user.id)
    convs = _filter_assignee(found, query.get("assignee_type"), scope.user.id)
    convs = _sort(convs, query.get("sort_by"), server.clock.now())
    convs = _paginate(convs, _page(query.get("page")), PAGE_SIZE)
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


# ---- custom filter (§2.5 POST …/conversations/filter) -----------------------------------
EQ = "equal_to"
NEQ = "not_equal_to"
CONTAINS = "contains"
NOT_CONTAINS = "does_not_contain"
PRESENT = "is_present"
NOT_PRESENT = "is_not_present"
GREATER = "is_greater_than"
LESS = "is_less_than"
DAYS_BEFORE = "days_before"

# lib/filters/filter_keys.yml (conversations): key -> (kind, allowed operators).
# Demo extension: `labels` also takes contains / does_not_contain (same as equal / not equal).
FILTER_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "status": ("standard", (EQ, NEQ)),
    "assignee_id": ("standard", (EQ, NEQ, PRESENT, NOT_PRESENT)),
    "inbox_id": ("standard", (EQ, NEQ, PRESENT, NOT_PRESENT)),
    "team_id": ("standard", (EQ, NEQ, PRESENT, NOT_PRESENT)),
    "priority": ("standard", (EQ, NEQ)),
    "display_id": ("standard", (EQ, NEQ, CONTAINS, NOT_CONTAINS)),
    "campaign_id": ("standard", (EQ, NEQ, PRESENT, NOT_PRESENT)),
    "labels": ("labels", (EQ, NEQ, PRESENT, NOT_PRESENT, CONTAINS, NOT_CONTAINS)),
    "browser_language": ("additional", (EQ, NEQ)),
    "conversation_language": ("additional", (EQ, NEQ)),
    "referer": ("additional", (EQ, NEQ, CONTAINS, NOT_CONTAINS)),
    "created_at": ("date", (GREATER, LESS, DAYS_BEFORE)),
    "last_activity_at": ("date", (GREATER, LESS, DAYS_BEFORE)),
    "mail_subject": ("additional", (EQ, NEQ, CONTAINS, NOT_CONTAINS)),
}
CUSTOM_OPERATORS = (EQ, NEQ, CONTAINS, NOT_CONTAINS, PRESENT, NOT_PRESENT, GREATER, LESS)

Predicate = Callable[[Conversation], bool]


def _invalid_attribute(key: str) -> DemoError:
    return unprocessable(
        f"Invalid attribute key - [{key}]. The key should be one of "
        f"[{','.join(FILTER_KEYS)}] or a custom attribute defined in the account."
    )


def _invalid_operator(key: str, allowed: Iterable[str]) -> DemoError:
    return unprocessable(
        f"Invalid operator. The allowed operators for {key} are [{','.join(allowed)}]."
    )


def _invalid_value(key: str) -> DemoError:
    return unprocessable(f"Invalid value. The values provided for {key} are invalid")


def _values(raw: Any) -> list[Any]:
    if raw is None:
        return []
    if isinstance(raw, list):
        return raw
    return [raw]


def _parse_date(key: str, value: Any) -> float:
    text = str(value).strip()
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _invalid_value(key) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _equal_any(actual: Any, values: list[Any], *, fold: bool = False) -> bool:
    """SQL `IN`: a NULL column matches nothing."""
    if actual is None:
        return False
    if fold:
        return str(actual).casefold() in {str(v).casefold() for v in values}
    return str(actual) in {str(v) for v in values}


def _compare(actual: Any, operator: str, values: list[Any], *, fold: bool) -> bool:
    """One condition on a scalar column, with SQL's NULL semantics (NULL fails `NOT IN`)."""
    if operator == PRESENT:
        return actual is not None and actual != ""
    if operator == NOT_PRESENT:
        return actual is None or actual == ""
    if actual is None:
        return False
    if operator == EQ:
        return _equal_any(actual, values, fold=fold)
    if operator == NEQ:
        return not _equal_any(actual, values, fold=fold)
    text = str(actual).casefold()
    if operator == CONTAINS:
        return any(str(v).casefold() in text for v in values)
    if operator == NOT_CONTAINS:
        return not any(str(v).casefold() in text for v in values)
    numbers = [_maybe_int(v) for v in values]
    try:
        number = float(actual)
    except (TypeError, ValueError):
        return False
    if operator == GREATER:
        return any(n is not None and number > n for n in numbers)
    if operator == LESS:
        return any(n is not None and number < n for n in numbers)
    return False


def _standard_value(conv: Conversation, key: str) -> Any:
    if key == "campaign_id":
        return None  # the demo has no campaigns
    return getattr(conv, key)


def _condition(server: DemoServer, scope: Scope, cond: dict[str, Any]) -> Predicate:
    """Validate one payload item (`FilterService#build_condition_query`) and compile it."""
    key = str(cond.get("attribute_key") or "")
    operator = str(cond.get("filter_operator") or "")
    values = _values(cond.get("values"))
    spec = FILTER_KEYS.get(key)
    custom = None
    if spec is None:
        custom = next(
            (
                d
                for d in server.store.custom_attribute_definitions.values()
                if d.account_id == scope.account.id
                and d.attribute_model == "conversation_attribute"
                and d.attribute_key == key
            ),
            None,
        )
        if custom is None:
            raise _invalid_attribute(key)
        allowed: tuple[str, ...] = CUSTOM_OPERATORS
    else:
        allowed = spec[1]
    if operator not in allowed:
        raise _invalid_operator(key, allowed)
    if operator not in (PRESENT, NOT_PRESENT) and not [v for v in values if _present(v)]:
        raise _invalid_value(key)
    if custom is not None:
        return lambda c: _compare(c.custom_attributes.get(key), operator, values, fold=True)
    assert spec is not None
    kind = spec[0]
    if kind == "labels":
        wanted = {str(v) for v in values}
        if operator == PRESENT:
            return lambda c: bool(c.labels)
        if operator == NOT_PRESENT:
            return lambda c: not c.labels
        if operator in (EQ, CONTAINS):
            return lambda c: bool(wanted.intersection(c.labels))
        return lambda c: not wanted.intersection(c.labels)
    if kind == "date":
        now = server.clock.now()
        if operator == DAYS_BEFORE:
            days = _maybe_int(values[0])
            if days is None:
                raise _invalid_value(key)
            limit = now - days * 86400
            return lambda c: float(getattr(c, key)) < limit
        moment = _parse_date(key, values[0])
        if operator == GREATER:
            return lambda c: float(getattr(c, key)) > moment
        return lambda c: float(getattr(c, key)) < moment
    if kind == "additional":
        return lambda c: _compare(c.additional_attributes.get(key), operator, values, fold=True)
    if key == "status":
        statuses = list(CONVERSATION_STATUSES) if "all" in values else values
        return lambda c: _compare(c.status, operator, statuses, fold=False)
    return lambda c: _compare(_standard_value(c, key), operator, values, fold=False)


def _compile_filter(server: DemoServer, scope: Scope, payload: Any) -> Predicate:
    """The payload as SQL reads it: each item's `query_operator` joins it to the next one,
    and AND binds tighter than OR."""
    if not isinstance(payload, list) or not payload:
        raise missing_param("payload")
    groups: list[list[Predicate]] = [[]]
    for index, cond in enumerate(payload):
        if not isinstance(cond, dict):
            raise unprocessable("Invalid filter condition")
        joiner = cond.get("query_operator")
        if joiner is not None and str(joiner) != "" and str(joiner).upper() not in ("AND", "OR"):
            raise unprocessable('Query operator must be either "AND" or "OR".')
        groups[-1].append(_condition(server, scope, cond))
        last = index == len(payload) - 1
        if not last and joiner is not None and str(joiner).upper() == "OR":
            groups.append([])

    def matches(conv: Conversation) -> bool:
        return any(all(p(conv) for p in group) for group in groups)

    return matches


@routes.post(BASE + "/filter")
async def filter_conversations(request: web.Request) -> web.Response:
    """§2.5 `POST …/conversations/filter?page=`: 25 a page, by last activity."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    predicate = _compile_filter(server, scope, body.get("payload"))
    found = [c for c in _visible(server, scope) if predicate(c)]
    counts = _counts(found, scope.user.id)
    ordered = _sort(found, "last_activity_at_desc", server.clock.now())
    page = _page(request.query.get("page", body.get("page")))
    payload = [
        server.views.conversation(c, scope.user.id) for c in _paginate(ordered, page, PAGE_SIZE)
    ]
    return json_response(
        {
            "meta": {
                "mine_count": counts["mine_count"],
                "unassigned_count": counts["unassigned_count"],
                "all_count": counts["all_count"],
            },
            "payload": payload,
        }
    )


# ---- global search (§2.5 …/search) -------------------------------------------------------
def _ilike(needle: str, *values: str | None) -> bool:
    folded = needle.casefold()
    return any(v is not None and folded in v.casefold() for v in values)


def _search_conversations(server: DemoServer, scope: Scope, q: str, page: int) -> list[Any]:
    """Display id, contact name, email, phone or identifier; newest conversations first."""
    store = server.store
    hits = []
    for conv in _visible(server, scope):
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
    return [server.views.search_conversation(c) for c in _paginate(hits, page, SEARCH_PAGE_SIZE)]


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
    return [server.views.search_message(m) for m in _paginate(hits, page, SEARCH_PAGE_SIZE)]


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
    return [server.views.search_contact(c) for c in _paginate(hits, page, SEARCH_PAGE_SIZE)]


def _search_params(request: web.Request) -> tuple[str, int]:
    return request.query.get("q", "").strip(), _page(request.query.get("page"))


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


# ---- one conversation -------------------------------------------------------------------
def _one(request: web.Request) -> tuple[DemoServer, Scope, Conversation]:
    server = server_of(request)
    scope = account_scope(request)
    return server, scope, conversation_in_scope(request, scope)


def _conversation_json(server: DemoServer, scope: Scope, conv: Conversation) -> web.Response:
    return json_response(server.views.conversation(conv, scope.user.id))


def _priority(value: Any) -> str | None:
    """`priority.presence`; `none` (the swagger's name for no priority) also clears it."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "none")):
        return None
    if value not in PRIORITIES:
        raise unprocessable(f"'{value}' is not a valid priority")
    return str(value)


@routes.get(ONE)
async def show_conversation(request: web.Request) -> web.Response:
    server, scope, conv = _one(request)
    return _conversation_json(server, scope, conv)


@routes.patch(ONE)
@routes.put(ONE)
async def update_conversation(request: web.Request) -> web.Response:
    """§4 `PATCH …/conversations/{id}` `{priority}`: returns the conversation."""
    server, scope, conv = _one(request)
    params = await _params(request)
    if "priority" in params:
        server.service.set_priority(conv, _priority(params["priority"]), scope.user)
    return _conversation_json(server, scope, conv)


@routes.get(ONE + "/attachments")
async def conversation_attachments(request: web.Request) -> web.Response:
    """§2.5 attachments: 100 a page, newest first, with `meta.total_count`."""
    server, _scope, conv = _one(request)
    store = server.store
    atts = [
        store.attachments[aid]
        for msg in store.messages_of(conv.id)
        for aid in msg.attachment_ids
        if aid in store.attachments
    ]
    atts.sort(key=lambda a: (store.messages[a.message_id].created_at, a.id), reverse=True)
    page = _paginate(atts, _page(request.query.get("page")), ATTACHMENTS_PAGE_SIZE)
    return json_response(
        {
            "meta": {"total_count": len(atts)},
            "payload": [server.views.conversation_attachment(a) for a in page],
        }
    )


@routes.post(ONE + "/toggle_status")
async def toggle_status(request: web.Request) -> web.Response:
    """§4 toggle_status. Response has no `meta` key; `snoozed_until` is the model's time
    value, rendered by Rails as an ISO string (or null)."""
    server, scope, conv = _one(request)
    params = await _params(request)
    service = server.service
    raw_status = params.get("status")
    snoozed_until = conv.snoozed_until
    if _present(raw_status):
        status = str(raw_status)
        if status not in CONVERSATION_STATUSES:
            raise unprocessable(f"'{status}' is not a valid status")
        if params.get("snoozed_until") is not None:
            # `DateTime.strptime(value.to_s, '%s')`: epoch seconds only
            seconds = _maybe_int(params["snoozed_until"])
            if seconds is None:
                raise unprocessable("invalid date")
            snoozed_until = float(seconds)
    else:
        # Conversation#toggle_status: open <-> resolved, pending/snoozed -> open
        status = "resolved" if conv.status == "open" else "open"
    if status != "snoozed":
        snoozed_until = None
    if status != conv.status or snoozed_until != conv.snoozed_until:
        service.set_status(conv, status, scope.user, snoozed_until)
    elif status == "open" and scope.member.role == ROLE_AGENT and conv.assignee_id != scope.user.id:
        # nothing changed, but `assign_conversation` still runs for an agent (§10.8)
        service.assign_agent(conv, scope.user.id, scope.user, self_assigned=True)
    return json_response(
        {
            "payload": {
                "success": True,
                "conversation_id": conv.display_id,
                "current_status": conv.status,
                "snoozed_until": iso(conv.snoozed_until),
            }
        }
    )


@routes.post(ONE + "/toggle_priority")
async def toggle_priority(request: web.Request) -> web.Response:
    server, scope, conv = _one(request)
    params = await _params(request)
    server.service.set_priority(conv, _priority(params.get("priority")), scope.user)
    return web.Response(status=200)


@routes.post(ONE + "/assignments")
async def assignments(request: web.Request) -> web.Response:
    """§4 assignments, as Chatwoot's `AssignmentsController`.

    The assignee is looked up with `Current.account.users.find_by(id:)` (or
    `agent_bots.find_by` with `assignee_type: "AgentBot"`; the demo has no bots): one that is
    not found unassigns the conversation and the body is `null`. Inbox membership is not
    checked (CONTRACT §4). A team is `Current.account.teams.find_by(id:)`: unknown or null
    clears the team, body `null`. Neither key: body `null`.
    """
    server, scope, conv = _one(request)
    params = await _params(request)
    store = server.store
    service = server.service
    if "assignee_id" in params:
        user_id = _maybe_int(params["assignee_id"])
        is_bot = str(params.get("assignee_type") or "") == "AgentBot"
        member = (
            store.membership(scope.account.id, user_id)
            if user_id is not None and not is_bot
            else None
        )
        service.assign_agent(conv, member.user_id if member is not None else None, scope.user)
        return json_response(server.views.agent(member) if member is not None else None)
    if "team_id" in params:
        team_id = _maybe_int(params["team_id"])
        team = store.teams.get(team_id) if team_id is not None else None
        if team is not None and team.account_id != scope.account.id:
            team = None
        service.assign_team(conv, team.id if team is not None else None, scope.user)
        return json_response(server.views.team_record(team) if team is not None else None)
    return json_response(None)


@routes.get(ONE + "/labels")
async def get_labels(request: web.Request) -> web.Response:
    _server, _scope, conv = _one(request)
    return json_response({"payload": list(conv.labels)})


@routes.post(ONE + "/labels")
async def set_labels(request: web.Request) -> web.Response:
    """§4 labels: the posted list replaces the whole set."""
    server, scope, conv = _one(request)
    params = await _params(request)
    raw = params.get("labels")
    if raw is None:
        labels: list[str] = []
    elif isinstance(raw, list):
        labels = [str(x) for x in raw]
    else:
        labels = [part.strip() for part in str(raw).split(",")]
    server.service.set_labels(conv, labels, scope.user)
    return json_response({"payload": list(conv.labels)})


@routes.post(ONE + "/toggle_typing_status")
async def toggle_typing_status(request: web.Request) -> web.Response:
    """§4: `on` / `off` broadcast typing events; any other value does nothing."""
    server, scope, conv = _one(request)
    params = await _params(request)
    typing_status = params.get("typing_status")
    is_private = params.get("is_private") in (True, "true", "1", 1)
    if typing_status in ("on", "off"):
        server.service.typing(conv, scope.user, typing_status == "on", is_private=is_private)
    return web.Response(status=200)


@routes.post(ONE + "/update_last_seen")
async def update_last_seen(request: web.Request) -> web.Response:
    """§4 update_last_seen: throttled, no cable event; returns the conversation."""
    server, scope, conv = _one(request)
    server.service.update_last_seen(conv, scope.user)
    return _conversation_json(server, scope, conv)


@routes.post(ONE + "/unread")
async def mark_unread(request: web.Request) -> web.Response:
    server, scope, conv = _one(request)
    server.service.mark_unread(conv)
    return _conversation_json(server, scope, conv)


@routes.post(ONE + "/mute")
async def mute(request: web.Request) -> web.Response:
    """§10.7: resolve + block the contact."""
    server, scope, conv = _one(request)
    server.service.mute(conv, scope.user)
    return web.Response(status=200)


@routes.post(ONE + "/unmute")
async def unmute(request: web.Request) -> web.Response:
    server, _scope, conv = _one(request)
    server.service.unmute(conv)
    return web.Response(status=200)


@routes.post(ONE + "/custom_attributes")
async def custom_attributes(request: web.Request) -> web.Response:
    """§4 custom_attributes: replaces them; `custom_attributes.json.jbuilder`."""
    server, _scope, conv = _one(request)
    params = await _params(request)
    attrs = params.get("custom_attributes")
    if attrs is None:
        attrs = {}
    if not isinstance(attrs, dict):
        raise unprocessable("custom_attributes must be an object")
    server.service.set_custom_attributes(conv, attrs)
    return json_response({"custom_attributes": conv.custom_attributes})


@routes.get(ONE + "/draft_messages")
async def get_draft(request: web.Request) -> web.Response:
    """`draft_messages_controller.rb#show`: `{has_draft: false}` or the stored text."""
    _server, scope, conv = _one(request)
    key = str(scope.user.id)
    if key not in conv.drafts:
        return json_response({"has_draft": False})
    return json_response({"has_draft": True, "message": conv.drafts[key]})


@routes.patch(ONE + "/draft_messages")
@routes.put(ONE + "/draft_messages")
async def update_draft(request: web.Request) -> web.Response:
    """`#update`: body `{draft_message: {message}}`; a missing message stores ''."""
    server, scope, conv = _one(request)
    params = await _params(request)
    draft = params.get("draft_message")
    text = draft.get("message") if isinstance(draft, dict) else None
    server.service.set_draft(conv, scope.user, "" if text is None else str(text))
    return web.Response(status=200)


@routes.delete(ONE + "/draft_messages")
async def delete_draft(request: web.Request) -> web.Response:
    server, scope, conv = _one(request)
    server.service.clear_draft(conv, scope.user)
    return web.Response(status=200)
