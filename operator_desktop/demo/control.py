"""The test-only fault and puppet endpoint, `POST /__control` (only with `--control`).

Body: `{"action": NAME, ...}`. Actions:

- `drop_sockets` `{how: close|abort|disconnect}`: end every cable socket.
- `stall` / `resume`: hold cable events (pings go on) as when Sidekiq is down; resume delivers.
- `stop_listener` `{seconds}`: go down for a while: no listening socket, no open connections.
- `malformed_frames`: send every cable socket a burst of malformed frames.
- `fail_next` `{count, status: 500|429}`: the next REST requests fail.
- `latency` `{seconds}`: delay every REST request.
- `advance_clock` `{seconds}`: move the server's clock forward.
- `throttle` `{on}`: apply the §9 throttles (sign-in, MFA, transcript) to loopback too.
- `act` `{account_id, conversation_id, as_user_id?, op, ...}`: another agent or the customer
  acts: `assign {assignee_id}`, `team {team_id}`, `status {status, snoozed_until?}`,
  `write {content, private?}`, `edit_contact {changes}`, `typing {on}`, `customer_write
  {content}`, `customer_read`, `customer_typing {on}`, `delete_message {message_id}`,
  `message_status {message_id, status}`, `labels {labels}`, `priority {priority}`.
- `reset`: fresh seed data, counters and faults.
- `stats`: counters (requests, broadcasts, sockets, transcript emails recorded).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from operator_desktop.demo.http import int_param, json_response, not_found, read_json, server_of
from operator_desktop.demo.models import MESSAGE_INCOMING, MESSAGE_OUTGOING
from operator_desktop.demo.service import DemoError

routes = web.RouteTableDef()


@routes.post("/__control")
async def control(request: web.Request) -> web.Response:
    server = server_of(request)
    if not server.config.control:
        raise not_found()
    body = await read_json(request)
    action = str(body.get("action", ""))
    result: dict[str, Any] = {"ok": True}
    if action == "drop_sockets":
        await server.drop_sockets(str(body.get("how", "close")))
    elif action == "stall":
        server.hub.stall()
    elif action == "resume":
        server.hub.resume()
    elif action == "stop_listener":
        await server.stop_listener_for(float(body.get("seconds", 5)), serving=request.protocol)
    elif action == "malformed_frames":
        from operator_desktop.demo.cable import send_malformed_frames

        result["sent"] = await send_malformed_frames(server)
    elif action == "fail_next":
        status = int_param(body.get("status", 500), "status")
        if status not in (429, 500, 502, 503):
            raise DemoError(422, {"error": "status must be 429, 500, 502 or 503"})
        server.faults.fail_status = status
        server.faults.fail_remaining = int_param(body.get("count", 1), "count")
    elif action == "latency":
        server.faults.latency = float(body.get("seconds", 0))
    elif action == "advance_clock":
        server.clock.advance(float(body.get("seconds", 0)))
    elif action == "throttle":
        server.faults.throttle_sign_in = bool(body.get("on", True))
    elif action == "act":
        result.update(_act(request, body))
    elif action == "reset":
        server.reset()
    elif action == "stats":
        result.update(
            requests=server.request_count,
            message_posts=server.message_posts,
            broadcasts=server.hub.broadcast_count,
            sockets=len(server.websockets),
            subscriptions=len(server.hub.subscribers()),
            stalled=server.hub.stalled,
            transcript_emails=len(server.transcript_emails),
        )
    else:
        raise DemoError(422, {"error": f"unknown control action: {action!r}"})
    return json_response(result)


def _act(request: web.Request, body: dict[str, Any]) -> dict[str, Any]:
    server = server_of(request)
    store = server.store
    service = server.service
    account_id = int_param(body.get("account_id", 1), "account_id")
    conv = store.conversation_by_display(
        account_id, int_param(body.get("conversation_id"), "conversation_id")
    )
    if conv is None:
        raise not_found()
    actor = store.users.get(int_param(body.get("as_user_id", 1), "as_user_id"))
    contact = store.contacts[conv.contact_id]
    op = str(body.get("op", ""))
    out: dict[str, Any] = {}
    if op == "assign":
        assignee = body.get("assignee_id")
        service.assign_agent(conv, int(assignee) if assignee is not None else None, actor)
    elif op == "team":
        team = body.get("team_id")
        service.assign_team(conv, int(team) if team is not None else None, actor)
    elif op == "status":
        until = body.get("snoozed_until")
        service.set_status(
            conv, str(body["status"]), actor, float(until) if until is not None else None
        )
    elif op == "write":
        msg = service.add_message(
            conv,
            content=str(body.get("content", "")),
            message_type=MESSAGE_OUTGOING,
            sender=actor,
            performer=actor,
            private=bool(body.get("private", False)),
        )
        out["message_id"] = msg.id
    elif op == "customer_write":
        msg = service.add_message(
            conv,
            content=str(body.get("content", "")),
            message_type=MESSAGE_INCOMING,
            sender=contact,
            performer=None,
        )
        out["message_id"] = msg.id
    elif op == "customer_read":
        service.contact_read(conv)
    elif op == "customer_typing":
        service.typing(conv, contact, bool(body.get("on", True)))
    elif op == "typing":
        if actor is None:
            raise not_found()
        service.typing(
            conv, actor, bool(body.get("on", True)), is_private=bool(body.get("is_private", False))
        )
    elif op == "edit_contact":
        service.update_contact(contact, dict(body.get("changes", {})))
    elif op == "delete_message" and actor is not None:
        target = store.messages.get(int_param(body.get("message_id"), "message_id"))
        if target is None:
            raise not_found()
        service.delete_message(target, actor)
    elif op == "message_status":
        target = store.messages.get(int_param(body.get("message_id"), "message_id"))
        if target is None:
            raise not_found()
        service.set_message_status(target, str(body.get("status")))
    elif op == "labels":
        service.set_labels(conv, [str(x) for x in body.get("labels", [])], actor)
    elif op == "priority":
        priority = body.get("priority")
        service.set_priority(conv, str(priority) if priority else None, actor)
    else:
        raise DemoError(422, {"error": f"unknown act op: {op!r}"})
    return out
