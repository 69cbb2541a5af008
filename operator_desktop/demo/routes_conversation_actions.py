"""§4 one conversation: show, update, attachments and the actions (status, assignment,
labels, priority, typing, read state, mute, custom attributes, drafts).

Followed from Chatwoot's `conversations_controller.rb`, `conversations/assignments_controller.rb`,
`conversations/draft_messages_controller.rb` and the `custom_attributes`/`attachments`
jbuilder views where CONTRACT.md is silent. Every change goes through `DemoService`, so the
rules and the cable events of §7.4 happen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo.http import (
    Scope,
    account_scope,
    conversation_in_scope,
    json_response,
    server_of,
)
from operator_desktop.demo.models import (
    CONVERSATION_STATUSES,
    PRIORITIES,
    ROLE_AGENT,
    Conversation,
)
from operator_desktop.demo.service import unprocessable
from operator_desktop.demo.views import iso

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

from operator_desktop.demo.routes_conversations import (
    ATTACHMENTS_PAGE_SIZE,
    ONE,
    is_present,
    maybe_int,
    page_number,
    paginate,
    request_params,
)

routes = web.RouteTableDef()


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
    params = await request_params(request)
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
    page = paginate(atts, page_number(request.query.get("page")), ATTACHMENTS_PAGE_SIZE)
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
    params = await request_params(request)
    service = server.service
    raw_status = params.get("status")
    snoozed_until = conv.snoozed_until
    if is_present(raw_status):
        status = str(raw_status)
        if status not in CONVERSATION_STATUSES:
            raise unprocessable(f"'{status}' is not a valid status")
        if params.get("snoozed_until") is not None:
            # `DateTime.strptime(value.to_s, '%s')`: epoch seconds only
            seconds = maybe_int(params["snoozed_until"])
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
    params = await request_params(request)
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
    params = await request_params(request)
    store = server.store
    service = server.service
    if "assignee_id" in params:
        user_id = maybe_int(params["assignee_id"])
        is_bot = str(params.get("assignee_type") or "") == "AgentBot"
        member = (
            store.membership(scope.account.id, user_id)
            if user_id is not None and not is_bot
            else None
        )
        service.assign_agent(conv, member.user_id if member is not None else None, scope.user)
        return json_response(server.views.agent(member) if member is not None else None)
    if "team_id" in params:
        team_id = maybe_int(params["team_id"])
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
    params = await request_params(request)
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
    params = await request_params(request)
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
    params = await request_params(request)
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
    params = await request_params(request)
    draft = params.get("draft_message")
    text = draft.get("message") if isinstance(draft, dict) else None
    server.service.set_draft(conv, scope.user, "" if text is None else str(text))
    return web.Response(status=200)


@routes.delete(ONE + "/draft_messages")
async def delete_draft(request: web.Request) -> web.Response:
    server, scope, conv = _one(request)
    server.service.clear_draft(conv, scope.user)
    return web.Response(status=200)
