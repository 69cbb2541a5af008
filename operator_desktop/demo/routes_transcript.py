"""§4 `POST …/conversations/{id}/transcript` `{ email }` and its §9.1 throttle.

Chatwoot (`conversations_controller.rb#transcript`) answers 422
`{"error": "email param missing"}` when `params[:email]` is blank, else enqueues
`ConversationReplyMailer#conversation_transcript` with `deliver_later` and answers an empty
200. The address is not validated: a malformed one is accepted and fails later in the mail
job. The demo sends no mail: it records the request on the server
(`DemoServer.transcript_emails`, counted by the control endpoint's `stats`) and logs it at
INFO without the address.

rack-attack throttles every request whose path matches
`/api/v1/accounts/(\\d+)/conversations/(\\d+)/transcript` at 30 an hour per account
(`config/initializers/rack_attack.rb`, CONTRACT §9.1): it counts before authentication and
for any method, and loopback is exempt unless `--throttle` is given (`throttle_applies`).
A throttled request gets 429 `Retry later` as text.

Newer stored versions of the controller (from February 2026, possibly in 4.10.1) add a plan
check (402 `{error}` when `email_transcript_enabled?` is false) and a daily per-account
e-mail cap (an empty 429 unless `within_email_rate_limit?`). On a self-hosted installation
without `CHATWOOT_CLOUD_PLANS` the first is always true, and the cap defaults to
`ChatwootApp.max_limit` unless `ACCOUNT_EMAILS_LIMIT` is configured; the demo, which has
neither setting, never gives those answers.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from operator_desktop.demo.http import (
    account_scope,
    conversation_in_scope,
    json_response,
    not_found,
    retry_later,
    server_of,
)
from operator_desktop.demo.routes_conversations import ONE, request_params
from operator_desktop.demo.server import TranscriptEmail

log = logging.getLogger("demo.mail")

routes = web.RouteTableDef()

TRANSCRIPT = ONE + "/transcript"
EMAIL_MISSING = {"error": "email param missing"}


def is_blank(value: Any) -> bool:
    """Ruby `blank?`: nil, false, whitespace-only strings and empty collections."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


@routes.route("*", TRANSCRIPT)
async def transcript(request: web.Request) -> web.Response:
    server = server_of(request)
    account_key = request.match_info["account_id"]
    if server.throttle_applies(request.remote) and not server.transcript_by_account.hit(
        account_key, server.clock.now()
    ):
        return retry_later()
    if request.method != "POST":
        raise not_found()  # the route is POST only; rack-attack counted it all the same
    scope = account_scope(request)
    conv = conversation_in_scope(request, scope)
    params = await request_params(request)
    email = params.get("email")
    if is_blank(email):
        return json_response(EMAIL_MISSING, status=422)
    server.transcript_emails.append(
        TranscriptEmail(
            account_id=conv.account_id,
            conversation_id=conv.display_id,
            user_id=scope.user.id,
            to_email=str(email),
            requested_at=server.clock.now(),
        )
    )
    log.info(
        "transcript of conversation %s (account %s) queued for e-mail by user %s",
        conv.display_id,
        conv.account_id,
        scope.user.id,
    )
    return web.Response(status=200)
