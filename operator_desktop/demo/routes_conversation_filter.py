"""§2.5 `POST …/conversations/filter`: the custom filter's keys, operators and errors.

Followed from Chatwoot's `app/services/filters/filter_service.rb` and
`lib/filters/filter_keys.yml` (keys, operators, the `errors.custom_filters.*` texts of
`config/locales/en.yml`) where CONTRACT.md is silent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    json_response,
    missing_param,
    read_json,
    server_of,
)
from operator_desktop.demo.models import (
    CONVERSATION_STATUSES,
    Conversation,
)
from operator_desktop.demo.service import DemoError, unprocessable

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

from operator_desktop.demo.routes_conversations import (
    BASE,
    PAGE_SIZE,
    assignee_counts,
    is_present,
    maybe_int,
    page_number,
    paginate,
    sort_conversations,
    visible_conversations,
)

routes = web.RouteTableDef()


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
    numbers = [maybe_int(v) for v in values]
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
    if operator not in (PRESENT, NOT_PRESENT) and not [v for v in values if is_present(v)]:
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
            days = maybe_int(values[0])
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
    found = [c for c in visible_conversations(server, scope) if predicate(c)]
    counts = assignee_counts(found, scope.user.id)
    ordered = sort_conversations(found, "last_activity_at_desc", server.clock.now())
    page = page_number(request.query.get("page", body.get("page")))
    payload = [
        server.views.conversation(c, scope.user.id) for c in paginate(ordered, page, PAGE_SIZE)
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
