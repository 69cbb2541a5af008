"""§4 `participants` of one conversation: `GET/POST/PATCH/DELETE …/conversations/{id}/participants`
with `{ user_ids: [...] }`, the watchers behind the `participating` conversation filter.

Followed from Chatwoot's `conversations/participants_controller.rb` and the
`participants/{show,create}.json.jbuilder` views (an array of `_agent` objects) where
CONTRACT.md is silent. The stored controller exists in two versions: the one followed here,
and a later one that only adds an unread-count notifier behind two feature flags (CONTRACT §0
names that notifier as newer than 4.10.1); neither emits a cable event.

`ConversationParticipant` validates `ensure_inbox_access`: the user must be an inbox member
or an administrator of the account. The controller uses `find_or_create_by` (no bang), so an
invalid row is simply not saved:

- `POST` answers the participants it tried to add (`params[:user_ids] - current ids`), each
  rendered through `participant.user` — also a user whose row was not saved; a user id that
  names no user leaves `user` nil and the view raises (HTTP 500);
- `PATCH`/`PUT` adds `params - current`, then removes `current - params`, and answers every
  saved participant (invalid ids drop out silently);
- `DELETE` destroys the listed ones and answers an empty 200.

`params[:user_ids]` that is not an array (missing, null, a scalar) raises in Ruby
(`nil - []`, `nil.map`): HTTP 500. The array difference compares Ruby values, so `"3"` is
not `3` there, while `find_or_create_by(user_id: "3")` casts it to 3 — both kept as in Rails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    conversation_in_scope,
    internal_error,
    json_response,
    read_json,
    server_of,
)
from operator_desktop.demo.models import Conversation
from operator_desktop.demo.routes_conversations import ONE

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

routes = web.RouteTableDef()

PARTICIPANTS = ONE + "/participants"


def _one(request: web.Request) -> tuple[DemoServer, Scope, Conversation]:
    server = server_of(request)
    scope = account_scope(request)
    return server, scope, conversation_in_scope(request, scope)


async def _user_ids(request: web.Request) -> list[Any]:
    """`params[:user_ids]`: the JSON value, `user_ids[]` form or query fields, or a 500."""
    body = await read_json(request)
    if "user_ids" in body:
        value = body["user_ids"]
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        value = [v for v in form.getall("user_ids[]", []) if isinstance(v, str)] or None
    else:
        value = request.query.getall("user_ids[]", []) or request.query.get("user_ids")
    if not isinstance(value, list):
        raise internal_error()
    return value


def _ruby_eq(a: Any, b: Any) -> bool:
    """Ruby's `eql?` as `Array#-` uses it: 3 and "3" differ, so do 1 and true."""
    return type(a) is type(b) and a == b


def _minus(left: list[Any], right: list[Any]) -> list[Any]:
    return [x for x in left if not any(_ruby_eq(x, y) for y in right)]


def cast_user_id(value: Any) -> int | None:
    """ActiveModel's integer cast of a `user_id` condition (`"3"` -> 3, `"x"` -> 0)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = ""
        for index, ch in enumerate(text):
            if ch.isdigit() or (index == 0 and ch in "+-"):
                digits += ch
            else:
                break
        try:
            return int(digits)
        except ValueError:
            return 0 if text else None
    return None


def _participant_json(server: DemoServer, conv: Conversation, user_id: int) -> dict[str, Any]:
    user = server.store.users[user_id]
    return server.views.agent_of_user(user, conv.account_id)


def _show(server: DemoServer, conv: Conversation) -> web.Response:
    rows = [p for p in server.store.participants_of(conv.id) if p.user_id in server.store.users]
    return json_response([_participant_json(server, conv, p.user_id) for p in rows])


@routes.get(PARTICIPANTS)
async def show_participants(request: web.Request) -> web.Response:
    server, _scope, conv = _one(request)
    return _show(server, conv)


@routes.post(PARTICIPANTS)
async def add_participants(request: web.Request) -> web.Response:
    server, _scope, conv = _one(request)
    wanted = await _user_ids(request)
    current = [p.user_id for p in server.store.participants_of(conv.id)]
    out: list[dict[str, Any]] = []
    for raw in _minus(wanted, current):
        user_id = cast_user_id(raw)
        if user_id is not None:
            server.service.add_participant(conv, user_id)
        # the view renders `participant.user`, saved or not: nil raises in the partial
        if user_id is None or user_id not in server.store.users:
            raise internal_error()
        out.append(_participant_json(server, conv, user_id))
    return json_response(out)


@routes.patch(PARTICIPANTS)
@routes.put(PARTICIPANTS)
async def replace_participants(request: web.Request) -> web.Response:
    server, _scope, conv = _one(request)
    wanted = await _user_ids(request)
    current: list[Any] = [p.user_id for p in server.store.participants_of(conv.id)]
    to_add = _minus(wanted, current)
    to_remove = _minus(current, wanted)
    for raw in to_add:
        user_id = cast_user_id(raw)
        if user_id is not None:
            server.service.add_participant(conv, user_id)
    for user_id in to_remove:
        server.service.remove_participant(conv, int(user_id))
    return _show(server, conv)


@routes.delete(PARTICIPANTS)
async def remove_participants(request: web.Request) -> web.Response:
    server, _scope, conv = _one(request)
    for raw in await _user_ids(request):
        user_id = cast_user_id(raw)
        if user_id is not None:
            server.service.remove_participant(conv, user_id)
    return web.Response(status=200)
