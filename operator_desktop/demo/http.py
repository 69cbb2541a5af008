"""HTTP plumbing shared by the demo server's routes: auth, account scoping, errors, bodies.

Error bodies and status codes follow CONTRACT §9.2 exactly; the route modules raise
`DemoError` (or use the helpers here) and the error middleware renders it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web
from aiohttp.typedefs import Handler

from operator_desktop.demo.models import ROLE_ADMIN, Account, AccountUser, Conversation, User
from operator_desktop.demo.service import DemoError

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

SERVER_KEY: web.AppKey[DemoServer] = web.AppKey("demo_server")

INVALID_TOKEN = {"error": "Invalid Access Token"}
DEVISE_UNAUTHORIZED = {"errors": ["You need to sign in or sign up before continuing."]}
NOT_MEMBER = {"error": "You are not authorized to access this account"}
SUSPENDED = {"error": "Account is suspended"}
FORBIDDEN = {"error": "You are not authorized to do this action"}
NOT_FOUND = {"error": "Resource could not be found"}
# what Rails' `ActionDispatch::PublicExceptions` renders for an unrescued exception (JSON)
INTERNAL_ERROR = {"status": 500, "error": "Internal Server Error"}


def server_of(request: web.Request) -> DemoServer:
    return request.app[SERVER_KEY]


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def retry_later() -> web.Response:
    """§9.1: rack-attack's default throttled response, plain text and no Retry-After."""
    return web.Response(status=429, text="Retry later\n", content_type="text/plain")


def not_found() -> DemoError:
    return DemoError(404, NOT_FOUND)


def forbidden() -> DemoError:
    return DemoError(401, FORBIDDEN)


def internal_error() -> DemoError:
    """An exception Chatwoot does not rescue (e.g. `nil - []`): HTTP 500."""
    return DemoError(500, INTERNAL_ERROR)


def missing_param(name: str) -> DemoError:
    return DemoError(422, {"error": f"param is missing or the value is empty: {name}"})


async def read_json(request: web.Request) -> dict[str, Any]:
    """The request body as a dict: JSON, form fields, or empty; query params never mix in."""
    if request.content_type == "application/json":
        raw = await request.read()
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise DemoError(400, {"error": "Invalid JSON body"}) from exc
        if not isinstance(data, dict):
            raise DemoError(400, {"error": "Invalid JSON body"})
        return data
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    return {}


def int_param(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise DemoError(422, {"error": f"Invalid value for {name}"}) from exc


def current_user(request: web.Request) -> User:
    """§1.1: `api_access_token` (skips devise) or the devise session headers."""
    store = server_of(request).store
    token = request.headers.get("api_access_token") or request.headers.get("HTTP_API_ACCESS_TOKEN")
    if token is not None:
        user = store.user_by_token(token)
        if user is None:
            raise DemoError(401, INVALID_TOKEN)
        return user
    access = request.headers.get("access-token")
    client = request.headers.get("client")
    uid = request.headers.get("uid")
    if access and client and uid:
        user = store.user_by_email(uid)
        if user is not None and user.sessions.get(client) == access:
            return user
    raise DemoError(401, DEVISE_UNAUTHORIZED)


@dataclass
class Scope:
    """The caller inside one account: who, where and with which role."""

    user: User
    account: Account
    member: AccountUser

    @property
    def is_admin(self) -> bool:
        return self.member.role == ROLE_ADMIN

    def visible_inbox_ids(self, server: DemoServer) -> set[int]:
        inboxes = [i for i in server.store.inboxes.values() if i.account_id == self.account.id]
        if self.is_admin:
            return {i.id for i in inboxes}
        return {i.id for i in inboxes if self.user.id in i.member_ids}

    def can_see(self, server: DemoServer, conv: Conversation) -> bool:
        """`ConversationPolicy#show?`: admin, inbox member or team member."""
        if conv.account_id != self.account.id:
            return False
        if self.is_admin:
            return True
        if self.user.id in server.store.inboxes[conv.inbox_id].member_ids:
            return True
        team = server.store.teams.get(conv.team_id) if conv.team_id is not None else None
        return team is not None and self.user.id in team.member_ids


def account_scope(request: web.Request) -> Scope:
    """`EnsureCurrentAccountHelper`: find the account, suspended first, then membership."""
    server = server_of(request)
    user = current_user(request)
    account_id = int_param(request.match_info["account_id"], "account_id")
    account = server.store.accounts.get(account_id)
    if account is None:
        raise not_found()
    if account.status != "active":
        raise DemoError(401, SUSPENDED)
    member = server.store.membership(account_id, user.id)
    if member is None:
        raise DemoError(401, NOT_MEMBER)
    return Scope(user=user, account=account, member=member)


def require_admin(scope: Scope) -> None:
    if not scope.is_admin:
        raise forbidden()


def conversation_in_scope(request: web.Request, scope: Scope) -> Conversation:
    server = server_of(request)
    display_id = int_param(request.match_info["conversation_id"], "conversation_id")
    conv = server.store.conversation_by_display(scope.account.id, display_id)
    if conv is None:
        raise not_found()
    if not scope.can_see(server, conv):
        raise forbidden()
    return conv


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except DemoError as exc:
        return json_response(exc.body, status=exc.status)
    except web.HTTPNotFound:
        return json_response(NOT_FOUND, status=404)
