"""§3 messages of one conversation: list (latest / before / after pages), create (JSON or
multipart with attachments, files or signed ids of direct uploads — `routes_uploads`), soft
delete, retry, translate and the API-inbox status update.

Followed from Chatwoot's source where CONTRACT.md is silent (chatwoot/chatwoot, read through
the `search` tool): `messages_controller.rb` (any create error is a 422 `{error}`; PATCH is
refused with 403 "Message status update is only allowed for API inboxes";
`Messages::StatusUpdateService` ignores unknown statuses and read→delivered),
`app/builders/messages/message_builder.rb` ("Incoming messages are only allowed in Api
inboxes"; the sender of a non-outgoing message is the contact) and `app/finders/message_finder.rb`.
Every change goes through `DemoService`, so the cable events of §7.4 happen.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from operator_desktop.demo import uploads
from operator_desktop.demo.http import (
    Scope,
    account_scope,
    conversation_in_scope,
    json_response,
    not_found,
    read_json,
    server_of,
)
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    MESSAGE_TEMPLATE,
    Contact,
    Conversation,
    Message,
    User,
)
from operator_desktop.demo.routes_conversations import is_present, request_params
from operator_desktop.demo.service import DemoError, UploadedFile, unprocessable

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

routes = web.RouteTableDef()

MESSAGES = "/api/v1/accounts/{account_id:\\d+}/conversations/{conversation_id:\\d+}/messages"
ONE_MESSAGE = MESSAGES + "/{message_id:\\d+}"

LATEST_PAGE = 20
AFTER_PAGE = 100
BETWEEN_PAGE = 1000
MESSAGE_TYPES = {
    "incoming": MESSAGE_INCOMING,
    "outgoing": MESSAGE_OUTGOING,
    "activity": MESSAGE_ACTIVITY,
    "template": MESSAGE_TEMPLATE,
}
CONTENT_TYPES = (
    "text",
    "input_text",
    "input_textarea",
    "input_email",
    "input_select",
    "cards",
    "form",
    "article",
    "incoming_email",
    "input_csat",
    "integrations",
    "sticker",
    "voice_call",
)
MESSAGE_STATUSES = ("sent", "delivered", "read", "failed")
TRUE_VALUES = (True, 1, "1", "true", "t", "TRUE", "True", "on")


def _one(request: web.Request) -> tuple[DemoServer, Scope, Conversation]:
    server = server_of(request)
    scope = account_scope(request)
    return server, scope, conversation_in_scope(request, scope)


def _message_of(request: web.Request, server: DemoServer, conv: Conversation) -> Message:
    """`@conversation.messages.find(id)`: another conversation's message is a 404."""
    msg = server.store.messages.get(int(request.match_info["message_id"]))
    if msg is None or msg.conversation_id != conv.id:
        raise not_found()
    return msg


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _to_i(value: str) -> int:
    """Ruby `to_i`: leading digits, else 0."""
    digits = ""
    for ch in value.strip():
        if ch.isdigit() or (ch == "-" and not digits):
            digits += ch
        else:
            break
    try:
        return int(digits)
    except ValueError:
        return 0


# ---- list (§3.1) ---------------------------------------------------------------------------
@routes.get(MESSAGES)
async def list_messages(request: web.Request) -> web.Response:
    """`MessageFinder`: always oldest first."""
    server, _scope, conv = _one(request)
    query = request.query
    messages = server.store.messages_of(conv.id)
    if _present(query.get("filter_internal_messages")):
        # `present?`: any non-blank value filters, even "false"
        messages = [m for m in messages if not m.private and m.message_type != MESSAGE_ACTIVITY]
    messages = sorted(messages, key=lambda m: (m.created_at, m.id))
    before = _to_i(query["before"]) if _present(query.get("before")) else None
    after = _to_i(query["after"]) if _present(query.get("after")) else None
    if after is not None and before is not None:
        page = [m for m in messages if after <= m.id < before][:BETWEEN_PAGE]
    elif before is not None:
        page = [m for m in messages if m.id < before][-LATEST_PAGE:]
    elif after is not None:
        page = [m for m in messages if m.id > after][:AFTER_PAGE]
    else:
        page = messages[-LATEST_PAGE:]
    return json_response(
        {
            "meta": server.views.messages_meta(conv),
            "payload": [server.views.message(m) for m in page],
        }
    )


# ---- create (§3.2) -------------------------------------------------------------------------
def _nest(params: dict[str, Any], key: str, value: Any) -> None:
    """Rails form keys: `content_attributes[in_reply_to]=5` becomes a nested object."""
    if "[" in key and key.endswith("]") and not key.endswith("[]"):
        outer, inner = key[:-1].split("[", 1)
        target = params.setdefault(outer, {})
        if isinstance(target, dict):
            target[inner] = value
        return
    params[key] = value


async def _create_params(request: web.Request) -> tuple[dict[str, Any], list[Any] | None]:
    """JSON, urlencoded or multipart; with the raw `attachments[]` items in request order.

    In a form, `attachments[]` (or `attachments`) fields are files or, as strings, signed
    blob ids of direct uploads, mixed in one list as Rails parses them; in JSON,
    `attachments` is the list itself (None when absent). Other form fields are params.
    """
    if request.content_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        body = await read_json(request)
        return body, body.pop("attachments", None)
    form = await request.post()
    params: dict[str, Any] = {}
    items: list[Any] = []
    for key, value in form.items():
        if key in ("attachments[]", "attachments"):
            if isinstance(value, web.FileField):
                items.append(
                    UploadedFile(
                        file_name=value.filename,
                        content_type=value.content_type,
                        data=value.file.read(),
                    )
                )
            else:
                items.append(value if isinstance(value, str) else bytes(value).decode())
            continue
        if isinstance(value, web.FileField):
            continue
        _nest(params, key, value if isinstance(value, str) else bytes(value).decode())
    return params, items


RUBY_CLASSES = {str: "String", int: "Integer", float: "Float", bool: "TrueClass"}


def _attachments(server: DemoServer, raw: list[Any] | Any) -> list[UploadedFile]:
    """`MessageBuilder#process_attachments`: `return if @attachments.blank?`, then
    `@attachments.each { attachments.build(file: it) }`: a file, or a signed id that
    `find_signed!` must resolve (`uploads.attachment_from_signed_id`)."""
    if raw is None or raw is False or raw in ("", [], {}):
        return []
    if isinstance(raw, dict):
        raw = [list(pair) for pair in raw.items()]  # Parameters#each yields pairs
    if not isinstance(raw, list):
        name = RUBY_CLASSES.get(type(raw), type(raw).__name__)
        raise unprocessable(f"undefined method 'each' for an instance of {name}")
    files: list[UploadedFile] = []
    now = server.clock.now()
    for item in raw:
        if isinstance(item, UploadedFile):
            files.append(item)
        elif isinstance(item, str):
            files.append(uploads.attachment_from_signed_id(server.store, item, now))
        else:
            got = json.dumps(item)
            raise unprocessable(f"Could not find or build blob: expected attachable, got {got}")
    return files


def _content_attributes(raw: Any) -> dict[str, Any]:
    """An object, or (multipart) a JSON string of one."""
    if raw is None or raw == "":
        return {}
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str):
        try:
            parsed = json.loads(raw)
        except ValueError as exc:
            raise unprocessable(f"unexpected token in content_attributes: {raw!r}") from exc
        if isinstance(parsed, dict):
            return parsed
    raise unprocessable("content_attributes must be an object")


def _build_message(
    server: DemoServer,
    scope: Scope,
    conv: Conversation,
    params: dict[str, Any],
    raw_attachments: list[Any] | None,
) -> Message:
    """`Messages::MessageBuilder#perform`; every failure is a `DemoError`."""
    inbox = server.store.inboxes[conv.inbox_id]
    type_name = str(params.get("message_type") or "outgoing")
    if type_name not in MESSAGE_TYPES:
        raise unprocessable(f"'{type_name}' is not a valid message_type")
    if type_name == "incoming" and inbox.channel_type != "Channel::Api":
        raise unprocessable("Incoming messages are only allowed in Api inboxes")
    content_type = str(params.get("content_type") or "text")
    if content_type not in CONTENT_TYPES:
        raise unprocessable(f"'{content_type}' is not a valid content_type")
    raw_content = params.get("content")
    # Chatwoot validates no presence of content (`Message` checks only its length), so a blank
    # message with no attachment is created like any other; the dashboard is what refuses it.
    content = None if raw_content is None else str(raw_content)
    attributes = _content_attributes(params.get("content_attributes"))
    echo = params.get("echo_id")
    # the builder's `sender`: the agent for outgoing messages, else the contact
    contact = server.store.contacts[conv.contact_id]
    sender: User | Contact = scope.user if type_name == "outgoing" else contact
    files = _attachments(server, raw_attachments)
    return server.service.add_message(
        conv,
        content=content,
        message_type=MESSAGE_TYPES[type_name],
        sender=sender,
        performer=scope.user,
        private=params.get("private") in TRUE_VALUES,
        content_type=content_type,
        content_attributes=attributes,
        echo_id=None if echo is None or echo == "" else str(echo),
        files=files,
    )


@routes.post(MESSAGES)
async def create_message(request: web.Request) -> web.Response:
    """Create a message; the controller rescues every error into 422 `{error}`."""
    server, scope, conv = _one(request)
    # a body that does not parse fails before the action (Rails: 400), like everywhere else
    params, raw_attachments = await _create_params(request)
    try:
        msg = _build_message(server, scope, conv, params, raw_attachments)
    except DemoError as exc:
        text = exc.body.get("error") or exc.body.get("message") or str(exc.body)
        raise unprocessable(str(text)) from exc
    body = server.views.message(msg)
    # Chatwoot's echo_id is a transient attr_accessor on Message: only the create response and
    # the message.created event carry it, never a later list, fetch or message.updated.
    msg.echo_id = None
    return json_response(body)


# ---- one message ---------------------------------------------------------------------------
@routes.delete(ONE_MESSAGE)
async def delete_message(request: web.Request) -> web.Response:
    """Soft delete (`message.updated`); returns the message as it is now."""
    server, scope, conv = _one(request)
    msg = _message_of(request, server, conv)
    server.service.delete_message(msg, scope.user)
    return json_response(server.views.message(msg))


@routes.post(ONE_MESSAGE + "/retry")
async def retry_message(request: web.Request) -> web.Response:
    """A failed message goes back to `sent` (the demo has no channel to send it to)."""
    server, _scope, conv = _one(request)
    msg = _message_of(request, server, conv)
    server.service.retry_message(msg)
    return json_response(server.views.message(msg))


@routes.patch(ONE_MESSAGE)
@routes.put(ONE_MESSAGE)
async def update_message(request: web.Request) -> web.Response:
    """`{status, external_error}`, API inboxes only (403 otherwise)."""
    server, _scope, conv = _one(request)
    if server.store.inboxes[conv.inbox_id].channel_type != "Channel::Api":
        raise DemoError(403, {"error": "Message status update is only allowed for API inboxes"})
    msg = _message_of(request, server, conv)
    params = await read_json(request)
    status = params.get("status")
    error = params.get("external_error")
    valid = status in MESSAGE_STATUSES and not (msg.status == "read" and status == "delivered")
    if valid:
        server.service.update_message_status(
            msg, str(status), None if error is None else str(error)
        )
    return json_response(server.views.message(msg))


@routes.post(ONE_MESSAGE + "/translate")
async def translate_message(request: web.Request) -> web.Response:
    """§3.2 `{ target_language }` -> `{ content }`, as `MessagesController#translate`.

    A translation already stored in `content_attributes.translations[target_language]` is
    answered with an empty 200 (`head :ok`). Otherwise Chatwoot asks
    `Integrations::GoogleTranslate::ProcessorService`, which returns nil when the account
    has no `google_translate` hook; the demo has none, so the answer is
    `{"content": null}` and nothing is stored (both stored versions of the service do so).
    """
    server, _scope, conv = _one(request)
    msg = _message_of(request, server, conv)
    params = await request_params(request)
    target = params.get("target_language")  # `permit(:target_language)`: scalars only
    translations = msg.content_attributes.get("translations")
    already = (
        isinstance(target, str)
        and isinstance(translations, dict)
        and is_present(translations.get(target))
    )
    if already:
        return web.Response(status=200)
    return json_response({"content": None})
