"""Active Storage direct uploads on the demo server: blob records, signed ids, upload tokens,
checksums, and turning `attachments[]` signed ids back into files (CONTRACT §3.2).

Written from Rails 7.1 (CONTRACT §0: rails 7.1.5.2): `ActiveStorage::DirectUploadsController`
(`create_before_direct_upload!`, then `blob.as_json(root: false, methods: :signed_id)` merged
with `direct_upload: { url, headers }`), the Disk service (`url_for_direct_upload`,
`headers_for_direct_upload` = `{"Content-Type"}`, `ActiveStorage::DiskController#update`)
and `ActiveStorage::Attached::Changes::CreateOne` (a signed id is looked up with
`find_signed!` and identified, which reads the first bytes, when the attachment is built).

Signed ids and tokens have the shape of `ActiveSupport::MessageVerifier` output (payload,
`--`, HMAC-SHA256 of it) with the store's own `secret_key_base`; the payload is URL-safe
base64 so a token fits in a path segment. They are opaque to clients, as in Rails.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import mimetypes
import secrets
import string
from typing import Any

from operator_desktop.demo.models import DemoStore, UploadBlob
from operator_desktop.demo.service import UploadedFile, unprocessable
from operator_desktop.demo.views import iso

SERVICE_NAME = "local"  # config/storage.yml's Disk service, Chatwoot's default
URL_EXPIRY = 300.0  # ActiveStorage.service_urls_expire_in = 5.minutes
KEY_ALPHABET = string.ascii_lowercase + string.digits
DISK_PATH = "/rails/active_storage/disk/"

INVALID_SIGNATURE = "ActiveSupport::MessageVerifier::InvalidSignature"
FILE_NOT_FOUND = "ActiveStorage::FileNotFoundError"


# ---- signing ----------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _digest(store: DemoStore, payload: str) -> str:
    key = store.secret_key_base.encode("ascii")
    return hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()


def sign(store: DemoStore, data: Any, purpose: str, expires_at: float | None = None) -> str:
    rails: dict[str, Any] = {"data": data, "pur": purpose}
    if expires_at is not None:
        rails["exp"] = iso(expires_at)
        rails["exp_epoch"] = expires_at
    payload = _b64(json.dumps({"_rails": rails}, separators=(",", ":")).encode("utf-8"))
    return f"{payload}--{_digest(store, payload)}"


def verified(store: DemoStore, token: str, purpose: str, now: float) -> Any:
    """The signed data, or None for a bad signature, another purpose or an expired token."""
    if not token.isascii():
        return None
    payload, sep, digest = token.rpartition("--")
    if not sep or not hmac.compare_digest(digest, _digest(store, payload)):
        return None
    try:
        rails = json.loads(_unb64(payload))["_rails"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(rails, dict) or rails.get("pur") != purpose:
        return None
    expires = rails.get("exp_epoch")
    if isinstance(expires, (int, float)) and now >= expires:
        return None
    return rails.get("data")


def signed_id(store: DemoStore, blob: UploadBlob) -> str:
    """`ActiveStorage::Blob#signed_id` (purpose `blob_id`, no expiry)."""
    return sign(store, blob.id, "blob_id")


def find_signed(store: DemoStore, value: str, now: float) -> tuple[bool, int | None]:
    """(signature valid, blob id); the id may name a blob that no longer exists."""
    data = verified(store, value, "blob_id", now)
    if isinstance(data, bool) or not isinstance(data, int):
        return False, None
    return True, data


def checksum_of(data: bytes) -> str:
    """Active Storage's checksum: the base64 of the MD5 digest."""
    return base64.b64encode(hashlib.md5(data).digest()).decode("ascii")


# ---- blobs ------------------------------------------------------------------------------
def create_blob(
    store: DemoStore,
    account_id: int,
    *,
    filename: str,
    byte_size: int,
    checksum: str,
    content_type: str | None,
    metadata: dict[str, Any],
    now: float,
) -> UploadBlob:
    """`ActiveStorage::Blob.create_before_direct_upload!`: a row, no bytes yet."""
    blob = UploadBlob(
        id=store.next_id("blobs"),
        account_id=account_id,
        key="".join(secrets.choice(KEY_ALPHABET) for _ in range(28)),
        filename=filename,
        content_type=content_type,
        byte_size=byte_size,
        checksum=checksum,
        metadata=metadata,
        created_at=now,
    )
    store.upload_blobs[blob.id] = blob
    return blob


def upload_url(store: DemoStore, blob: UploadBlob, base_url: str, now: float) -> str:
    """The Disk service's `update_rails_disk_service_url`, valid for five minutes."""
    token = sign(
        store,
        {
            "key": blob.key,
            "content_type": blob.content_type,
            "content_length": blob.byte_size,
            "checksum": blob.checksum,
            "service_name": SERVICE_NAME,
        },
        "blob_token",
        expires_at=now + URL_EXPIRY,
    )
    return f"{base_url}{DISK_PATH}{token}"


def direct_upload_json(
    store: DemoStore, blob: UploadBlob, base_url: str, now: float
) -> dict[str, Any]:
    """`DirectUploadsController#direct_upload_json`: every blob column, `signed_id` and
    `direct_upload: { url, headers }` (the Disk service's headers: `Content-Type` only)."""
    return {
        "id": blob.id,
        "key": blob.key,
        "filename": blob.filename,
        "content_type": blob.content_type,
        "metadata": blob.metadata,
        "service_name": SERVICE_NAME,
        "byte_size": blob.byte_size,
        "checksum": blob.checksum,
        "created_at": iso(blob.created_at),
        "signed_id": signed_id(store, blob),
        "direct_upload": {
            "url": upload_url(store, blob, base_url, now),
            "headers": {"Content-Type": blob.content_type},
        },
    }


def blob_for_token(
    store: DemoStore, token: str, now: float
) -> tuple[UploadBlob, dict[str, Any]] | None:
    data = verified(store, token, "blob_token", now)
    if not isinstance(data, dict):
        return None
    for blob in store.upload_blobs.values():
        if blob.key == data.get("key"):
            return blob, data
    return None


# ---- attachments[] as signed ids --------------------------------------------------------
def attachment_from_signed_id(store: DemoStore, value: str, now: float) -> UploadedFile:
    """What `attachments.build(file: "<signed id>")` finds, or the error it raises (the
    messages controller answers any of them as 422 `{error: <message>}`)."""
    valid, blob_id = find_signed(store, value, now)
    if not valid or blob_id is None:
        raise unprocessable(INVALID_SIGNATURE)
    blob = store.upload_blobs.get(blob_id)
    if blob is None:
        raise unprocessable(f"Couldn't find ActiveStorage::Blob with 'id'={blob_id}")
    data = store.blobs.get(blob.id)
    if data is None and blob.byte_size > 0:
        # identifying the blob reads its first bytes from the service: never uploaded
        raise unprocessable(FILE_NOT_FOUND)
    content_type = blob.content_type or (
        mimetypes.guess_type(blob.filename)[0] or "application/octet-stream"
    )
    return UploadedFile(
        file_name=blob.filename, content_type=content_type, data=data or b"", blob_id=blob.id
    )
