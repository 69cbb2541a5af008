"""§3.3 attachment bytes: the `data_url` and `thumb_url` that `views.attachment` produces.

`GET /rails/active_storage/blobs/{blob_id}/{filename}` serves the original file and
`GET /rails/active_storage/representations/{blob_id}/{filename}` the JPEG thumbnail, both
from `store.blobs`. Like Chatwoot's Active Storage URLs they need no auth header. Chatwoot's
are signed (`…/blobs/redirect/<signed id>/<filename>`, redirecting on to the storage
service); the demo's carry the plain blob id, which is enough for a demo server and not a
security boundary. As in Active Storage, only the id selects the file; the file name in the
URL is cosmetic.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from aiohttp import web

from operator_desktop.demo.http import int_param, not_found, server_of
from operator_desktop.demo.models import Attachment, DemoStore

routes = web.RouteTableDef()

THUMBNAIL_TYPE = "image/jpeg"
INLINE_MAJOR_TYPES = ("image", "audio", "video")
CACHE_CONTROL = "max-age=3155695200, private"  # blobs never change under the same id


def _attachment_for(store: DemoStore, blob_id: int) -> tuple[Attachment | None, bool]:
    """The attachment whose original (False) or thumbnail (True) is `blob_id`."""
    for att in store.attachments.values():
        if att.blob_id == blob_id:
            return att, False
        if att.thumb_blob_id == blob_id:
            return att, True
    return None, False


def _disposition(kind: str, file_name: str) -> str:
    """Active Storage's `inline`/`attachment` header with an RFC 6266 `filename*`."""
    ascii_name = file_name.encode("ascii", "replace").decode("ascii").replace('"', "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"


def _serve(request: web.Request, *, thumbnail: bool) -> web.Response:
    store = server_of(request).store
    blob_id = int_param(request.match_info["blob_id"], "blob_id")
    data = store.blobs.get(blob_id)
    if data is None:
        raise not_found()
    att, is_thumb = _attachment_for(store, blob_id)
    if thumbnail and not is_thumb:  # a representation is always a thumbnail blob
        raise not_found()
    file_name = request.match_info["filename"]
    if att is None:
        content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    else:
        content_type = THUMBNAIL_TYPE if is_thumb else att.content_type
        file_name = att.file_name
    inline = content_type.split("/", 1)[0] in INLINE_MAJOR_TYPES
    return web.Response(
        body=data,
        headers={
            "Content-Type": content_type,
            "Content-Disposition": _disposition("inline" if inline else "attachment", file_name),
            "Cache-Control": CACHE_CONTROL,
        },
    )


@routes.get(r"/rails/active_storage/blobs/{blob_id:\d+}/{filename}")
async def blob(request: web.Request) -> web.Response:
    return _serve(request, thumbnail=False)


@routes.get(r"/rails/active_storage/representations/{blob_id:\d+}/{filename}")
async def representation(request: web.Request) -> web.Response:
    return _serve(request, thumbnail=True)
