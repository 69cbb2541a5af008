"""§6 reference data and §6.1 notifications: agents, inbox members, assignable agents, teams,
inboxes, labels, canned responses, custom attribute definitions, cache keys, notifications
and the v2 agent summary report.

Where CONTRACT.md is silent this follows Chatwoot's source (4.x): `agents_controller.rb` +
`AgentBuilder` + `UserPolicy` (admin-only writes), `inbox_members_controller.rb` and
`assignable_agents_controller.rb` (`authorize inbox, :show?`), `inboxes_controller.rb`
(`order_by_name`, `policy_scope`), `canned_responses_controller.rb` (`order_by_search`),
`custom_attribute_definitions_controller.rb` (`with_attribute_model`: no filter when the
param is blank), `notifications_controller.rb` + `notification_finder.rb`,
`Notification::DeleteNotificationJob`, and `v2/accounts/summary_reports_controller.rb` with
`V2::Reports::AgentSummaryBuilder` (`ReportPolicy#view?` is admin-only).
"""

from __future__ import annotations

import secrets
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    forbidden,
    int_param,
    json_response,
    missing_param,
    not_found,
    read_json,
    require_admin,
    server_of,
)
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    ROLE_ADMIN,
    ROLE_AGENT,
    AccountUser,
    CannedResponse,
    DemoStore,
    Inbox,
    Notification,
    Team,
    User,
)
from operator_desktop.demo.routes_contacts import page_of
from operator_desktop.demo.service import DemoError

routes = web.RouteTableDef()

ACCOUNT = "/api/v1/accounts/{account_id}"
NOTIFICATIONS_PER_PAGE = 15
ROLES = (ROLE_AGENT, ROLE_ADMIN)
AVAILABILITIES = ("online", "offline", "busy")
RESOLVED_PREFIX = "Conversation was marked resolved"


# ---- helpers --------------------------------------------------------------------------
def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "f", "false", "off", "no")
    return bool(value)


def _query_ints(request: web.Request, name: str) -> list[int]:
    values = request.query.getall(f"{name}[]", []) or request.query.getall(name, [])
    out: list[int] = []
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                out.append(int_param(part.strip(), name))
    return out


def _wrapped(body: dict[str, Any], key: str, attributes: Iterable[str] | None) -> dict[str, Any]:
    """`params.require(key)` with Rails' ParamsWrapper: a flat JSON body is wrapped under the
    controller's key (only the model's attributes when there is a model, else everything)."""
    if key in body:
        nested = body[key]
        if isinstance(nested, dict) and nested:
            return nested
        raise missing_param(key)
    wanted = set(attributes) if attributes is not None else None
    flat = {k: v for k, v in body.items() if wanted is None or k in wanted}
    if not flat:
        raise missing_param(key)
    return flat


def _members(store: DemoStore, account_id: int, user_ids: Iterable[int]) -> list[AccountUser]:
    """`Current.account.users.where(id: ...)`: account members among `user_ids`, id order."""
    wanted = set(user_ids)
    found = [au for au in store.members_of(account_id) if au.user_id in wanted]
    return sorted(found, key=lambda au: au.user_id)


def _inbox_in_scope(request: web.Request, scope: Scope, raw_id: Any) -> Inbox:
    """`Current.account.inboxes.find(id)` (404), then `InboxPolicy#show?` (401)."""
    server = server_of(request)
    inbox = server.store.inboxes.get(int_param(raw_id, "inbox_id"))
    if inbox is None or inbox.account_id != scope.account.id:
        raise not_found()
    if inbox.id not in scope.visible_inbox_ids(server):
        raise forbidden()
    return inbox


def _team_in_scope(request: web.Request, scope: Scope) -> Team:
    store = server_of(request).store
    team = store.teams.get(int_param(request.match_info["team_id"], "team_id"))
    if team is None or team.account_id != scope.account.id:
        raise not_found()
    return team


def _record_invalid(messages: list[tuple[str, str]]) -> DemoError:
    attributes: list[str] = []
    for attribute, _message in messages:
        if attribute not in attributes:
            attributes.append(attribute)
    return DemoError(422, {"message": ", ".join(m for _a, m in messages), "attributes": attributes})


# ---- agents -----------------------------------------------------------------------------
def _agents_sorted(store: DemoStore, account_id: int) -> list[AccountUser]:
    """`Current.account.users.order_by_full_name`: `lower(name)`."""
    members = [au for au in store.members_of(account_id) if au.user_id in store.users]
    return sorted(members, key=lambda au: (store.users[au.user_id].name.lower(), au.user_id))


def _agent_in_scope(request: web.Request, scope: Scope) -> AccountUser:
    store = server_of(request).store
    user_id = int_param(request.match_info["agent_id"], "id")
    member = store.membership(scope.account.id, user_id)
    if member is None or user_id not in store.users:
        raise not_found()
    return member


def _check_enum(value: Any, allowed: tuple[str, ...], name: str) -> str:
    if str(value) not in allowed:
        raise DemoError(422, {"error": f"'{value}' is not a valid {name}"})
    return str(value)


@routes.get(ACCOUNT + "/agents")
async def agents_index(request: web.Request) -> web.Response:
    """Bare array of `_agent` objects, every account user whatever the role."""
    server = server_of(request)
    scope = account_scope(request)
    return json_response(
        [server.views.agent(au) for au in _agents_sorted(server.store, scope.account.id)]
    )


@routes.post(ACCOUNT + "/agents")
async def agents_create(request: web.Request) -> web.Response:
    """`AgentBuilder`: find or create the user by email, then the account membership.

    Chatwoot permits `email, name, role, availability, auto_offline` (`availability_status`,
    which the OpenAPI file shows, is not permitted and so is ignored). Unset values take the
    column defaults: role agent, availability online, auto_offline true. A new user is
    unconfirmed (`confirmed: false`) until they accept the invitation.
    """
    server = server_of(request)
    scope = account_scope(request)
    require_admin(scope)
    params = _wrapped(await read_json(request), "agent", None)
    store = server.store
    email = str(params.get("email") or "").strip()
    name = str(params.get("name") or "").strip()
    role = _check_enum(params.get("role") or ROLE_AGENT, ROLES, "role")
    availability = _check_enum(
        params.get("availability") or "online", AVAILABILITIES, "availability"
    )
    auto_offline = _as_bool(params["auto_offline"]) if "auto_offline" in params else True
    user = store.user_by_email(email) if email else None
    if user is None:
        errors: list[tuple[str, str]] = []
        if not name:
            errors.append(("name", "Name can't be blank"))
        if not email:
            errors.append(("email", "Email can't be blank"))
        elif "@" not in email or " " in email:
            errors.append(("email", "Email is invalid"))
        if errors:
            raise _record_invalid(errors)
        user = User(
            id=store.next_id("users"),
            name=name,
            display_name=None,
            email=email.lower(),
            password=secrets.token_urlsafe(12),
            access_token=secrets.token_urlsafe(18),
            pubsub_token=secrets.token_urlsafe(18),
            inviter_id=scope.user.id,
            confirmed=False,
        )
        store.users[user.id] = user
    elif store.membership(scope.account.id, user.id) is not None:
        raise _record_invalid([("user_id", "User has already been taken")])
    member = AccountUser(
        account_id=scope.account.id,
        user_id=user.id,
        role=role,
        availability=availability,
        auto_offline=auto_offline,
        active_at=server.clock.now(),
    )
    store.account_users.append(member)
    return json_response(server.views.agent(member))


@routes.patch(ACCOUNT + r"/agents/{agent_id:\d+}")
@routes.put(ACCOUNT + r"/agents/{agent_id:\d+}")
async def agents_update(request: web.Request) -> web.Response:
    """`name` on the user; `role, availability, auto_offline` on the membership (nil ones
    are dropped by `compact`). The agent is looked up before the admin check (404 first)."""
    server = server_of(request)
    scope = account_scope(request)
    member = _agent_in_scope(request, scope)
    require_admin(scope)
    params = _wrapped(await read_json(request), "agent", None)
    user = server.store.users[member.user_id]
    role = params.get("role")
    availability = params.get("availability")
    if role is not None:
        member.role = _check_enum(role, ROLES, "role")
    if availability is not None:
        member.availability = _check_enum(availability, AVAILABILITIES, "availability")
    if params.get("auto_offline") is not None:
        member.auto_offline = _as_bool(params["auto_offline"])
    if params.get("name") is not None:
        name = str(params["name"]).strip()
        if not name:
            raise _record_invalid([("name", "Name can't be blank")])
        user.name = name
    return json_response(server.views.agent(member))


@routes.delete(ACCOUNT + r"/agents/{agent_id:\d+}")
async def agents_destroy(request: web.Request) -> web.Response:
    """The membership goes; `Agents::DestroyJob` takes the user out of the account's inboxes
    and teams and unassigns their conversations (`update_all`, so no events). A user left
    without accounts is deleted with their notifications (`DeleteObjectJob`)."""
    server = server_of(request)
    scope = account_scope(request)
    member = _agent_in_scope(request, scope)
    require_admin(scope)
    store = server.store
    account_id = scope.account.id
    user_id = member.user_id
    store.account_users.remove(member)
    for inbox in store.inboxes.values():
        if inbox.account_id == account_id and user_id in inbox.member_ids:
            inbox.member_ids.remove(user_id)
    for team in store.teams.values():
        if team.account_id == account_id and user_id in team.member_ids:
            team.member_ids.remove(user_id)
    for conv in store.conversations.values():
        if conv.account_id == account_id and conv.assignee_id == user_id:
            conv.assignee_id = None
    if not store.memberships_of(user_id):
        for note_id in [n.id for n in store.notifications.values() if n.user_id == user_id]:
            del store.notifications[note_id]
        # `User has_many :conversation_participants, dependent: :destroy_async`
        for row in [p for p in store.conversation_participants.values() if p.user_id == user_id]:
            del store.conversation_participants[row.id]
        del store.users[user_id]
    return web.Response(status=200)


# ---- inbox members, assignable agents -----------------------------------------------------
@routes.get(ACCOUNT + r"/inbox_members/{inbox_id:\d+}")
async def inbox_members(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    inbox = _inbox_in_scope(request, scope, request.match_info["inbox_id"])
    members = _members(server.store, scope.account.id, inbox.member_ids)
    return json_response({"payload": [server.views.agent(au) for au in members]})


def _inbox_for_members(request: web.Request, scope: Scope, body: dict[str, Any]) -> Inbox:
    """`InboxMembersController#fetch_inbox`: `Current.account.inboxes.find(params[:inbox_id])`,
    before any authorization (404 for an inbox of another account, or none given)."""
    store = server_of(request).store
    raw = body.get("inbox_id", request.query.get("inbox_id"))
    try:
        inbox_id = int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise not_found() from None
    inbox = store.inboxes.get(inbox_id)
    if inbox is None or inbox.account_id != scope.account.id:
        raise not_found()
    return inbox


def _member_ids_param(store: DemoStore, account_id: int, body: dict[str, Any]) -> list[int]:
    """`validate_member_id_params` (a before_action, so before `authorize`): `user_ids` must be
    an array (else ParameterMissing, 422) of integers of the account's users (else 422
    `Invalid User IDs`); duplicates are dropped."""
    raw = body.get("user_ids")
    if not isinstance(raw, list):
        raise missing_param("user_ids")
    ids: list[int] = []
    members = {au.user_id for au in store.members_of(account_id)}
    for value in raw:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DemoError(422, {"error": "Invalid User IDs"}) from None
        if number not in members:
            raise DemoError(422, {"error": "Invalid User IDs"})
        if number not in ids:
            ids.append(number)
    return ids


def _members_payload(request: web.Request, scope: Scope, inbox: Inbox) -> web.Response:
    server = server_of(request)
    members = _members(server.store, scope.account.id, inbox.member_ids)
    return json_response({"payload": [server.views.agent(au) for au in members]})


@routes.post(ACCOUNT + "/inbox_members")
async def inbox_members_create(request: web.Request) -> web.Response:
    """Add `user_ids` to the inbox (`authorize @inbox, :create?`: administrators). Like every
    membership change it goes through `Inbox#add_members`, which calls
    `update_account_cache`: the inbox cache key moves and `account.cache_invalidated` goes to
    the account's agents."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    inbox = _inbox_for_members(request, scope, body)
    wanted = _member_ids_param(server.store, scope.account.id, body)
    require_admin(scope)
    inbox.member_ids.extend(i for i in wanted if i not in inbox.member_ids)
    server.service.emit_cache_invalidated(scope.account.id, "inbox")
    return _members_payload(request, scope, inbox)


@routes.patch(ACCOUNT + "/inbox_members")
@routes.put(ACCOUNT + "/inbox_members")
async def inbox_members_update(request: web.Request) -> web.Response:
    """Make `user_ids` the inbox's members: the missing are added, the others removed
    (`add_members` then `remove_members`, each revalidating the account cache)."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    inbox = _inbox_for_members(request, scope, body)
    wanted = _member_ids_param(server.store, scope.account.id, body)
    require_admin(scope)
    inbox.member_ids[:] = [i for i in inbox.member_ids if i in wanted] + [
        i for i in wanted if i not in inbox.member_ids
    ]
    server.service.emit_cache_invalidated(scope.account.id, "inbox")
    return _members_payload(request, scope, inbox)


@routes.delete(ACCOUNT + "/inbox_members")
async def inbox_members_destroy(request: web.Request) -> web.Response:
    """`remove_members(params[:user_ids])` without validation: ids that are not members are
    ignored (and none given removes nothing), head 200."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    inbox = _inbox_for_members(request, scope, body)
    require_admin(scope)
    raw = body.get("user_ids")
    doomed: set[int] = set()
    for value in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        try:
            doomed.add(int(value))
        except (TypeError, ValueError):
            continue
    inbox.member_ids[:] = [i for i in inbox.member_ids if i not in doomed]
    server.service.emit_cache_invalidated(scope.account.id, "inbox")
    return web.Response(status=200)


def _assignable(store: DemoStore, account_id: int, inboxes: list[Inbox]) -> list[AccountUser]:
    """Members of every given inbox (`inject(:&)`) plus the account's administrators."""
    common: set[int] = set(inboxes[0].member_ids)
    for inbox in inboxes[1:]:
        common &= set(inbox.member_ids)
    out = _members(store, account_id, common)
    admins = sorted(
        (au for au in store.members_of(account_id) if au.role == ROLE_ADMIN),
        key=lambda au: au.user_id,
    )
    for au in admins:
        if au not in out:
            out.append(au)
    return [au for au in out if au.user_id in store.users]


@routes.get(ACCOUNT + "/assignable_agents")
async def assignable_agents(request: web.Request) -> web.Response:
    """`inbox_ids[]`: every inbox must exist in the account (404, also when none is given)
    and be visible to the caller (401)."""
    server = server_of(request)
    scope = account_scope(request)
    ids = _query_ints(request, "inbox_ids")
    if not ids:
        raise not_found()
    inboxes = [_inbox_in_scope(request, scope, i) for i in ids]
    agents = _assignable(server.store, scope.account.id, inboxes)
    return json_response({"payload": [server.views.agent(au) for au in agents]})


# ---- teams ------------------------------------------------------------------------------
@routes.get(ACCOUNT + "/teams")
async def teams_index(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    teams = sorted(
        (t for t in server.store.teams.values() if t.account_id == scope.account.id),
        key=lambda t: t.id,
    )
    return json_response([server.views.team(t, scope.user.id) for t in teams])


@routes.get(ACCOUNT + r"/teams/{team_id:\d+}")
async def teams_show(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    return json_response(server.views.team(_team_in_scope(request, scope), scope.user.id))


@routes.get(ACCOUNT + r"/teams/{team_id:\d+}/team_members")
async def team_members(request: web.Request) -> web.Response:
    """Bare array of `_agent` objects, in membership order (`team_members.map(&:user)`)."""
    server = server_of(request)
    scope = account_scope(request)
    team = _team_in_scope(request, scope)
    store = server.store
    out: list[dict[str, Any]] = []
    for user_id in team.member_ids:
        member = store.membership(scope.account.id, user_id)
        if member is not None and user_id in store.users:
            out.append(server.views.agent(member))
    return json_response(out)


# ---- inboxes, labels ----------------------------------------------------------------------
@routes.get(ACCOUNT + "/inboxes")
async def inboxes_index(request: web.Request) -> web.Response:
    """`{payload}` ordered by `lower(name)`; agents get only the inboxes they belong to."""
    server = server_of(request)
    scope = account_scope(request)
    visible = scope.visible_inbox_ids(server)
    inboxes = sorted(
        (server.store.inboxes[i] for i in visible), key=lambda i: (i.name.lower(), i.id)
    )
    return json_response({"payload": [server.views.inbox(i) for i in inboxes]})


@routes.get(ACCOUNT + r"/inboxes/{inbox_id:\d+}")
async def inboxes_show(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    inbox = _inbox_in_scope(request, scope, request.match_info["inbox_id"])
    return json_response(server.views.inbox(inbox))


@routes.get(ACCOUNT + r"/inboxes/{inbox_id:\d+}/assignable_agents")
async def inbox_assignable_agents(request: web.Request) -> web.Response:
    """`InboxesController#assignable_agents`: the inbox's members plus administrators."""
    server = server_of(request)
    scope = account_scope(request)
    inbox = _inbox_in_scope(request, scope, request.match_info["inbox_id"])
    agents = _assignable(server.store, scope.account.id, [inbox])
    return json_response({"payload": [server.views.agent(au) for au in agents]})


@routes.get(ACCOUNT + "/labels")
async def labels_index(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    labels = sorted(
        (lb for lb in server.store.labels.values() if lb.account_id == scope.account.id),
        key=lambda lb: lb.id,
    )
    return json_response({"payload": [server.views.label(lb) for lb in labels]})


# ---- canned responses -------------------------------------------------------------------
CANNED_ATTRIBUTES = ("id", "account_id", "short_code", "content", "created_at", "updated_at")


def _search_rank(canned: CannedResponse, search: str) -> float:
    """`CannedResponse.order_by_search`: 1 short_code prefix, 0.5 short_code, 0.2 content."""
    needle = search.lower()
    if canned.short_code.lower().startswith(needle):
        return 1.0
    if needle in canned.short_code.lower():
        return 0.5
    if needle in canned.content.lower():
        return 0.2
    return 0.0


def _canned_in_scope(request: web.Request, scope: Scope) -> CannedResponse:
    store = server_of(request).store
    canned = store.canned_responses.get(int_param(request.match_info["canned_id"], "id"))
    if canned is None or canned.account_id != scope.account.id:
        raise not_found()
    return canned


def _validate_canned(store: DemoStore, canned: CannedResponse) -> None:
    errors: list[tuple[str, str]] = []
    if not canned.content.strip():
        errors.append(("content", "Content can't be blank"))
    if not canned.short_code.strip():
        errors.append(("short_code", "Short code can't be blank"))
    elif any(
        other.account_id == canned.account_id
        and other.id != canned.id
        and other.short_code == canned.short_code
        for other in store.canned_responses.values()
    ):
        errors.append(("short_code", "Short code has already been taken"))
    if errors:
        raise _record_invalid(errors)


@routes.get(ACCOUNT + "/canned_responses")
async def canned_index(request: web.Request) -> web.Response:
    """Bare array; `?search=` matches short_code or content (ILIKE), best match first."""
    server = server_of(request)
    scope = account_scope(request)
    canned = sorted(
        (c for c in server.store.canned_responses.values() if c.account_id == scope.account.id),
        key=lambda c: c.id,
    )
    search = request.query.get("search")
    if search is not None:
        needle = search.lower()
        canned = [
            c for c in canned if needle in c.short_code.lower() or needle in c.content.lower()
        ]
        canned.sort(key=lambda c: _search_rank(c, search), reverse=True)
    return json_response([server.views.canned_response(c) for c in canned])


@routes.post(ACCOUNT + "/canned_responses")
async def canned_create(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    require_admin(scope)
    params = _wrapped(await read_json(request), "canned_response", CANNED_ATTRIBUTES)
    now = server.clock.now()
    canned = CannedResponse(
        id=0,
        account_id=scope.account.id,
        short_code=str(params.get("short_code") or ""),
        content=str(params.get("content") or ""),
        created_at=now,
        updated_at=now,
    )
    _validate_canned(server.store, canned)
    canned.id = server.store.next_id("canned_responses")
    server.store.canned_responses[canned.id] = canned
    return json_response(server.views.canned_response(canned))


@routes.patch(ACCOUNT + r"/canned_responses/{canned_id:\d+}")
@routes.put(ACCOUNT + r"/canned_responses/{canned_id:\d+}")
async def canned_update(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    canned = _canned_in_scope(request, scope)
    require_admin(scope)
    params = _wrapped(await read_json(request), "canned_response", CANNED_ATTRIBUTES)
    candidate = CannedResponse(
        id=canned.id,
        account_id=canned.account_id,
        short_code=(
            str(params.get("short_code") or "") if "short_code" in params else canned.short_code
        ),
        content=str(params.get("content") or "") if "content" in params else canned.content,
        created_at=canned.created_at,
        updated_at=server.clock.now(),
    )
    _validate_canned(server.store, candidate)
    if (candidate.short_code, candidate.content) != (canned.short_code, canned.content):
        canned.short_code = candidate.short_code
        canned.content = candidate.content
        canned.updated_at = candidate.updated_at
    return json_response(server.views.canned_response(canned))


@routes.delete(ACCOUNT + r"/canned_responses/{canned_id:\d+}")
async def canned_destroy(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    canned = _canned_in_scope(request, scope)
    require_admin(scope)
    del server.store.canned_responses[canned.id]
    return web.Response(status=200)


# ---- custom attribute definitions, cache keys -----------------------------------------------
@routes.get(ACCOUNT + "/custom_attribute_definitions")
async def custom_attribute_definitions(request: web.Request) -> web.Response:
    """Bare array. `with_attribute_model(params[:attribute_model])` is `nil` for a blank
    param, and a scope returning nil means `all`: without the param every definition comes
    back (the controller's `DEFAULT_ATTRIBUTE_MODEL` is never used). Unknown models match
    nothing."""
    server = server_of(request)
    scope = account_scope(request)
    model = request.query.get("attribute_model", "")
    defs = sorted(
        (
            d
            for d in server.store.custom_attribute_definitions.values()
            if d.account_id == scope.account.id and (not model or d.attribute_model == model)
        ),
        key=lambda d: d.id,
    )
    return json_response([server.views.custom_attribute_definition(d) for d in defs])


@routes.get(ACCOUNT + r"/custom_attribute_definitions/{definition_id:\d+}")
async def custom_attribute_definition_show(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    definition = server.store.custom_attribute_definitions.get(
        int_param(request.match_info["definition_id"], "id")
    )
    if definition is None or definition.account_id != scope.account.id:
        raise not_found()
    return json_response(server.views.custom_attribute_definition(definition))


@routes.get(ACCOUNT + "/cache_keys")
async def cache_keys(request: web.Request) -> web.Response:
    """`AccountsController#cache_keys` (with its `expires_in 10.seconds` header)."""
    server = server_of(request)
    scope = account_scope(request)
    response = json_response(server.views.cache_keys(scope.account))
    response.headers["Cache-Control"] = "max-age=10, private, stale-while-revalidate=300"
    return response


# ---- notifications (§6.1) ---------------------------------------------------------------------
def _reopen_snoozed(store: DemoStore, now: float) -> None:
    """`Notification::ReopenSnoozedNotificationsJob` (a cron job in Chatwoot), run lazily:
    a snooze that has run out is cleared and the notification moves up (`update_all`,
    so no events)."""
    for note in store.notifications.values():
        if note.snoozed_until is not None and note.snoozed_until <= now:
            note.last_activity_at = max(note.last_activity_at, note.snoozed_until)
            note.snoozed_until = None


def _user_notification(request: web.Request, scope: Scope) -> Notification:
    """`current_user.notifications.find(params[:id])`: the user's, in any account."""
    store = server_of(request).store
    note = store.notifications.get(int_param(request.match_info["notification_id"], "id"))
    if note is None or note.user_id != scope.user.id:
        raise not_found()
    return note


@routes.get(ACCOUNT + "/notifications")
async def notifications_index(request: web.Request) -> web.Response:
    """`NotificationFinder`: the user's notifications in this account; without
    `includes[]=snoozed` / `includes[]=read` the snoozed / read ones are left out. `count`
    and `unread_count` are taken after those filters; 15 per page by last activity."""
    server = server_of(request)
    scope = account_scope(request)
    store = server.store
    _reopen_snoozed(store, server.clock.now())
    includes = set(request.query.getall("includes[]", []) or request.query.getall("includes", []))
    notes = [
        n
        for n in store.notifications.values()
        if n.account_id == scope.account.id and n.user_id == scope.user.id
    ]
    if "snoozed" not in includes:
        notes = [n for n in notes if n.snoozed_until is None]
    if "read" not in includes:
        notes = [n for n in notes if n.read_at is None]
    descending = request.query.get("sort_order", "desc").lower() != "asc"
    notes.sort(key=lambda n: (n.last_activity_at, n.id), reverse=descending)
    current_page, index = page_of(request)
    page = notes[index * NOTIFICATIONS_PER_PAGE : (index + 1) * NOTIFICATIONS_PER_PAGE]
    return json_response(
        {
            "data": {
                "meta": {
                    "unread_count": sum(1 for n in notes if n.read_at is None),
                    "count": len(notes),
                    "current_page": current_page,
                },
                "payload": [server.views.notification(n) for n in page],
            }
        }
    )


@routes.get(ACCOUNT + "/notifications/unread_count")
async def notifications_unread_count(request: web.Request) -> web.Response:
    """A bare integer: unread, non-snoozed notifications of the user in this account."""
    server = server_of(request)
    scope = account_scope(request)
    _reopen_snoozed(server.store, server.clock.now())
    return json_response(server.service.unread_notifications(scope.account.id, scope.user.id))


@routes.patch(ACCOUNT + r"/notifications/{notification_id:\d+}")
@routes.put(ACCOUNT + r"/notifications/{notification_id:\d+}")
async def notifications_read(request: web.Request) -> web.Response:
    """Mark read; `render json: @notification` (the record) and `notification.updated`."""
    server = server_of(request)
    scope = account_scope(request)
    note = _user_notification(request, scope)
    now = server.clock.now()
    note.read_at = now
    server.service.emit_notification("notification.updated", note)
    return json_response(server.views.notification_record(note, now))


@routes.post(ACCOUNT + r"/notifications/{notification_id:\d+}/unread")
async def notifications_unread(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    note = _user_notification(request, scope)
    note.read_at = None
    server.service.emit_notification("notification.updated", note)
    return json_response(server.views.notification_record(note, server.clock.now()))


@routes.post(ACCOUNT + r"/notifications/{notification_id:\d+}/snooze")
async def notifications_snooze(request: web.Request) -> web.Response:
    """`snoozed_until` in unix seconds (`strptime('%s')`); `meta.last_snoozed_at` is reset.
    Without `snoozed_until` nothing changes and the record comes back as it is."""
    server = server_of(request)
    scope = account_scope(request)
    note = _user_notification(request, scope)
    body = await read_json(request)
    raw = body.get("snoozed_until", request.query.get("snoozed_until"))
    if raw is not None and raw != "":
        note.snoozed_until = float(int_param(raw, "snoozed_until"))
        note.meta = {**note.meta, "last_snoozed_at": None}
        server.service.emit_notification("notification.updated", note)
    return json_response(server.views.notification_record(note, server.clock.now()))


@routes.post(ACCOUNT + "/notifications/read_all")
async def notifications_read_all(request: web.Request) -> web.Response:
    """Marks the unread ones read, all of them or those of one conversation
    (`primary_actor_type: "Conversation"`, `primary_actor_id`: the conversation's
    database id). An unknown conversation id leaves the actor nil, so everything is read.
    Chatwoot does this with `update_all`, which skips callbacks: no cable events."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    store = server.store
    actor_id: int | None = None
    if body.get("primary_actor_type") == "Conversation":
        try:
            wanted = int(body.get("primary_actor_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            wanted = -1
        if wanted in store.conversations:
            actor_id = wanted
    now = server.clock.now()
    for note in store.notifications.values():
        if (
            note.account_id == scope.account.id
            and note.user_id == scope.user.id
            and note.read_at is None
            and (actor_id is None or note.primary_actor_id == actor_id)
        ):
            note.read_at = now
    return web.Response(status=200)


@routes.delete(ACCOUNT + r"/notifications/{notification_id:\d+}")
async def notifications_destroy(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    note = _user_notification(request, scope)
    del server.store.notifications[note.id]
    server.service.emit_notification("notification.deleted", note)
    return web.Response(status=200)


@routes.post(ACCOUNT + "/notifications/destroy_all")
async def notifications_destroy_all(request: web.Request) -> web.Response:
    """`Notification::DeleteNotificationJob`: `{type: "read"}` deletes the read ones, anything
    else all of them. The job works on `user.notifications`, so every account of the user
    is cleared; `destroy_all` runs callbacks, so each sends `notification.deleted`."""
    server = server_of(request)
    scope = account_scope(request)
    body = await read_json(request)
    only_read = body.get("type", request.query.get("type")) == "read"
    store = server.store
    doomed = sorted(
        (
            n
            for n in store.notifications.values()
            if n.user_id == scope.user.id and (not only_read or n.read_at is not None)
        ),
        key=lambda n: n.id,
    )
    for note in doomed:
        del store.notifications[note.id]
        server.service.emit_notification("notification.deleted", note)
    return web.Response(status=200)


# ---- v2 agent summary report -----------------------------------------------------------------
@dataclass(frozen=True)
class ReportingEvent:
    """One row of Chatwoot's `reporting_events`, derived from the store's messages."""

    name: str  # first_response | reply_time | conversation_resolved
    user_id: int | None
    value: float
    at: float


def reporting_events(store: DemoStore, account_id: int) -> list[ReportingEvent]:
    """What `ReportingEventListener` would have recorded, replayed from the messages.

    `first_response`: the first human, public outgoing reply (value: seconds since the
    conversation was created). `reply_time`: later replies while the contact waited
    (seconds since `waiting_since`, i.e. the first incoming message after the last reply).
    `conversation_resolved`: each "Conversation was marked resolved" activity, for the
    current assignee (seconds since creation).
    """
    events: list[ReportingEvent] = []
    for conv in store.conversations.values():
        if conv.account_id != account_id:
            continue
        waiting: float | None = None
        replied = False
        for msg in store.messages_of(conv.id):
            if msg.message_type == MESSAGE_INCOMING:
                if waiting is None:
                    waiting = msg.created_at
            elif (
                msg.message_type == MESSAGE_OUTGOING
                and not msg.private
                and msg.sender_type == "User"
            ):
                if not replied:
                    replied = True
                    events.append(
                        ReportingEvent(
                            "first_response",
                            msg.sender_id,
                            msg.created_at - conv.created_at,
                            msg.created_at,
                        )
                    )
                elif waiting is not None:
                    events.append(
                        ReportingEvent(
                            "reply_time", msg.sender_id, msg.created_at - waiting, msg.created_at
                        )
                    )
                waiting = None
            elif msg.message_type == MESSAGE_ACTIVITY and (msg.content or "").startswith(
                RESOLVED_PREFIX
            ):
                events.append(
                    ReportingEvent(
                        "conversation_resolved",
                        conv.assignee_id,
                        msg.created_at - conv.created_at,
                        msg.created_at,
                    )
                )
    return events


def _average(values: list[float]) -> float | None:
    return float(statistics.fmean(values)) if values else None


@routes.get("/api/v2/accounts/{account_id}/summary_reports/agent")
async def agent_summary(request: web.Request) -> web.Response:
    """`V2::Reports::AgentSummaryBuilder`: one row per account user (the swagger
    `agent_summary`). `since`/`until` are unix seconds and the range excludes `until`;
    without both, `range` is nil and `where(created_at: nil)` matches nothing, so every
    count is 0 and every average null, as in Chatwoot."""
    server = server_of(request)
    scope = account_scope(request)
    require_admin(scope)
    store = server.store
    since_raw = request.query.get("since", "")
    until_raw = request.query.get("until", "")
    window: tuple[float, float] | None = None
    if since_raw and until_raw:
        window = (
            float(int_param(since_raw, "since")),
            float(int_param(until_raw, "until")),
        )

    def in_range(at: float) -> bool:
        return window is not None and window[0] <= at < window[1]

    conversations: dict[int | None, int] = {}
    for conv in store.conversations.values():
        if conv.account_id == scope.account.id and in_range(conv.created_at):
            conversations[conv.assignee_id] = conversations.get(conv.assignee_id, 0) + 1
    events = [e for e in reporting_events(store, scope.account.id) if in_range(e.at)]
    rows: list[dict[str, Any]] = []
    for member in store.members_of(scope.account.id):
        mine = [e for e in events if e.user_id == member.user_id]
        resolved = [e.value for e in mine if e.name == "conversation_resolved"]
        rows.append(
            {
                "id": member.user_id,
                "conversations_count": conversations.get(member.user_id, 0),
                "resolved_conversations_count": len(resolved),
                "avg_resolution_time": _average(resolved),
                "avg_first_response_time": _average(
                    [e.value for e in mine if e.name == "first_response"]
                ),
                "avg_reply_time": _average([e.value for e in mine if e.name == "reply_time"]),
            }
        )
    return json_response(rows)
