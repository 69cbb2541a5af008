"""§3.2 direct uploads: `POST …/conversations/{id}/direct_uploads` makes a blob and answers
its JSON with `signed_id` and `direct_upload: { url, headers }`; the client PUTs the bytes
to that URL (`PUT /rails/active_storage/disk/{token}`, served here) and then sends the
signed id in `attachments[]` of a message create (`routes_messages`).

Chatwoot's `conversations/direct_uploads_controller.rb` subclasses
`ActiveStorage::DirectUploadsController`; the answers follow Rails 7.1 (see `uploads`):

- the conversation is `Current.account.conversations.find_by(display_id:)`, with no
  policy check; when there is none, `create` returns without rendering and Rails answers an
  empty 204;
- `params.require(:blob).permit(:filename, :byte_size, :checksum, :content_type,
  metadata: {})` feeds `create_before_direct_upload!(**args)`: a missing or empty `blob` is a
  missing parameter (422 `{error}`, CONTRACT §9.2); a missing `filename`, `byte_size` or
  `checksum` key (a required keyword), a null `filename` or `byte_size` (NOT NULL) or a
  `blob` that is not an object raises: 500; a blank checksum fails validation: 422
  `{message: "Checksum can't be blank", attributes: ["checksum"]}` (the controller includes
  `RequestExceptionHandler`).

Authentication deliberately differs from 4.10.1: there the controller ran no authentication
at all (chatwoot/chatwoot issue #15072, advisory GHSA-5h82-j98m-7r5c, fixed upstream in
July 2026 by PR #15039, which put it behind the standard account auth). The demo does what
that fix does — `api_access_token` or the devise session, account membership (§1.1, §1.4),
the usual 401 bodies — rather than serve an unauthenticated upload endpoint.

The PUT is `ActiveStorage::DiskController#update`: an invalid or expired token is an empty
404; a `Content-Type` or `Content-Length` other than the blob's, or bytes whose base64 MD5
is not its checksum, an empty 422; stored, an empty 204. The token is the credential; no
auth header is needed.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from operator_desktop.demo import uploads
from operator_desktop.demo.http import (
    account_scope,
    int_param,
    internal_error,
    json_response,
    missing_param,
    server_of,
)
from operator_desktop.demo.routes_conversations import ONE, is_present, request_params
from operator_desktop.demo.service import DemoError

routes = web.RouteTableDef()

BLOB_KEYS = ("filename", "byte_size", "checksum", "content_type", "metadata")
SCALARS = (str, int, float, bool, type(None))


def _integer(value: Any) -> int | None:
    """ActiveModel's integer cast for `byte_size`: `"12"` -> 12, `"x"` -> 0, nil stays."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    digits = ""
    for index, ch in enumerate(text):
        if ch.isdigit() or (index == 0 and ch in "+-"):
            digits += ch
        else:
            break
    try:
        return int(digits)
    except ValueError:
        return 0


def _permitted(blob: dict[str, Any]) -> dict[str, Any]:
    """`permit`: scalars for the four fields, a hash of scalars for `metadata`."""
    out: dict[str, Any] = {}
    for key in BLOB_KEYS:
        if key not in blob:
            continue
        value = blob[key]
        if key == "metadata":
            if isinstance(value, dict):
                out[key] = {k: v for k, v in value.items() if isinstance(v, SCALARS)}
        elif isinstance(value, SCALARS):
            out[key] = value
    return out


@routes.post(ONE + "/direct_uploads")
async def direct_uploads(request: web.Request) -> web.Response:
    server = server_of(request)
    scope = account_scope(request)
    display_id = int_param(request.match_info["conversation_id"], "conversation_id")
    conv = server.store.conversation_by_display(scope.account.id, display_id)
    if conv is None:
        return web.Response(status=204)
    params = await request_params(request)
    blob = params.get("blob")
    if not is_present(blob):
        raise missing_param("blob")
    if not isinstance(blob, dict):
        raise internal_error()  # `"…".permit`: NoMethodError
    args = _permitted(blob)
    if any(key not in args for key in ("filename", "byte_size", "checksum")):
        raise internal_error()  # ArgumentError: missing keyword
    checksum = args["checksum"]
    if checksum is None or (isinstance(checksum, str) and not checksum.strip()):
        raise DemoError(422, {"message": "Checksum can't be blank", "attributes": ["checksum"]})
    byte_size = _integer(args["byte_size"])
    if args["filename"] is None or byte_size is None:
        raise internal_error()  # ActiveRecord::NotNullViolation
    content_type = args.get("content_type")
    now = server.clock.now()
    record = uploads.create_blob(
        server.store,
        scope.account.id,
        filename=str(args["filename"]),
        byte_size=byte_size,
        checksum=str(checksum),
        content_type=None if content_type is None else str(content_type),
        metadata=dict(args.get("metadata") or {}),
        now=now,
    )
    return json_response(uploads.direct_upload_json(server.store, record, server.base_url, now))


@routes.put(uploads.DISK_PATH + "{encoded_token}")
async def disk_upload(request: web.Request) -> web.Response:
    server = server_of(request)
    found = uploads.blob_for_token(
        server.store, request.match_info["encoded_token"], server.clock.now()
    )
    if found is None:
        return web.Response(status=404)
    blob, token = found
    sent_type = request.headers.get("Content-Type")
    mime = sent_type.split(";", 1)[0].strip() if sent_type else None
    if mime != token.get("content_type") or request.content_length != token.get("content_length"):
        return web.Response(status=422)
    data = await request.read()
    if uploads.checksum_of(data) != token.get("checksum"):
        return web.Response(status=422)  # ActiveStorage::IntegrityError
    server.store.blobs[blob.id] = data
    return web.Response(status=204)
