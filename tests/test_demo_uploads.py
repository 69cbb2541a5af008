"""§3.2 direct uploads on the demo server over loopback: `POST …/direct_uploads` (the blob
JSON with `signed_id` and `direct_upload`), the PUT of the bytes (checksum = base64 MD5,
type and length as declared, token expiry), and messages created with `attachments[]` as
signed ids (JSON, urlencoded, mixed with multipart files), their errors, the 15-attachment
and size limits, and blobs surviving the state file."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.models import DemoStore
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.demo.uploads import attachment_from_signed_id
from tests.conftest import BORIS, api

BASE = "/api/v1/accounts/1/conversations"
BLOB_KEYS = {
    "id", "key", "filename", "content_type", "metadata", "service_name", "byte_size",
    "checksum", "created_at", "signed_id", "direct_upload",
}  # fmt: skip
MAX_FILE_SIZE = 40 * 1024 * 1024


def checksum(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode("ascii")


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 9), (20, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def control(client: httpx.Client, **body: Any) -> dict[str, Any]:
    resp = client.post("/__control", json=body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def create_blob(
    client: httpx.Client,
    data: bytes,
    *,
    filename: str = "photo.png",
    content_type: str | None = "image/png",
    display_id: int = 7,
    **overrides: Any,
) -> dict[str, Any]:
    blob: dict[str, Any] = {
        "filename": filename,
        "byte_size": len(data),
        "checksum": checksum(data),
        "content_type": content_type,
        **overrides,
    }
    resp = client.post(f"{BASE}/{display_id}/direct_uploads", json={"blob": blob})
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def put_bytes(blob: dict[str, Any], data: bytes, **headers: str) -> httpx.Response:
    sent = {**blob["direct_upload"]["headers"], **headers}
    return httpx.put(blob["direct_upload"]["url"], content=data, headers=sent, timeout=10.0)


def upload(client: httpx.Client, data: bytes, **kwargs: Any) -> str:
    blob = create_blob(client, data, **kwargs)
    assert put_bytes(blob, data).status_code == 204
    signed: str = blob["signed_id"]
    return signed


# ---- the direct upload ------------------------------------------------------------------
def test_direct_upload_answers_the_blob_and_accepts_the_bytes(
    admin: httpx.Client, demo_url: str
) -> None:
    data = png_bytes()
    blob = create_blob(admin, data, metadata={"identified": True})
    assert set(blob) == BLOB_KEYS
    assert blob["filename"] == "photo.png" and blob["content_type"] == "image/png"
    assert blob["byte_size"] == len(data) and blob["checksum"] == checksum(data)
    assert blob["service_name"] == "local" and blob["metadata"] == {"identified": True}
    assert isinstance(blob["id"], int) and len(blob["key"]) == 28
    assert blob["created_at"].endswith("Z")
    assert blob["direct_upload"]["headers"] == {"Content-Type": "image/png"}
    assert blob["direct_upload"]["url"].startswith(f"{demo_url}/rails/active_storage/disk/")
    resp = put_bytes(blob, data)  # no auth header: the token is the credential
    assert resp.status_code == 204 and resp.content == b""
    sent = admin.post(
        f"{BASE}/7/messages", json={"content": "a photo", "attachments": [blob["signed_id"]]}
    )
    assert sent.status_code == 200, sent.text
    (att,) = sent.json()["attachments"]
    assert att["file_type"] == "image" and att["extension"] == "png"
    assert (att["width"], att["height"], att["file_size"]) == (12, 9, len(data))
    assert att["thumb_url"].startswith("http")
    assert httpx.get(att["data_url"]).content == data


def test_the_put_is_checked_like_the_disk_controller(admin: httpx.Client) -> None:
    data = b"hello, world\n"
    blob = create_blob(admin, data, filename="notes.txt", content_type="text/plain")
    assert put_bytes(blob, b"hello, World\n").status_code == 422  # checksum
    assert put_bytes(blob, data, **{"Content-Type": "text/csv"}).status_code == 422
    assert put_bytes(blob, data + b"!").status_code == 422  # Content-Length
    url = blob["direct_upload"]["url"]
    tampered = httpx.put(url[:-1] + ("0" if url[-1] != "0" else "1"), content=data,
                         headers={"Content-Type": "text/plain"})  # fmt: skip
    assert tampered.status_code == 404
    garbage = httpx.put(url.rsplit("/", 1)[0] + "/nonsense", content=data)
    assert garbage.status_code == 404
    assert put_bytes(blob, data).status_code == 204
    # the URL is good for five minutes
    late = create_blob(admin, data, filename="late.txt", content_type="text/plain")
    control(admin, action="advance_clock", seconds=301)
    assert put_bytes(late, data).status_code == 404


def test_direct_upload_errors(admin: httpx.Client) -> None:
    path = f"{BASE}/7/direct_uploads"
    no_blob: list[dict[str, Any]] = [{}, {"blob": {}}, {"blob": ""}]
    for body in no_blob:
        resp = admin.post(path, json=body)
        assert resp.status_code == 422, body
        assert resp.json() == {"error": "param is missing or the value is empty: blob"}
    good = {"filename": "a.txt", "byte_size": 1, "checksum": checksum(b"a")}
    blank = admin.post(path, json={"blob": {**good, "checksum": ""}})
    assert blank.status_code == 422
    assert blank.json() == {"message": "Checksum can't be blank", "attributes": ["checksum"]}
    # missing keywords, NOT NULL columns and a blob that is no object raise in Rails
    for blob in (
        {"byte_size": 1, "checksum": good["checksum"]},
        {"filename": "a.txt", "checksum": good["checksum"]},
        {**good, "filename": None},
        {**good, "byte_size": None},
        "a.txt",
    ):
        resp = admin.post(path, json={"blob": blob})
        assert resp.status_code == 500, blob
        assert resp.json() == {"status": 500, "error": "Internal Server Error"}
    # no content type is allowed (the Disk headers carry null)
    typeless = create_blob(admin, b"a", filename="a", content_type=None)
    assert typeless["direct_upload"]["headers"] == {"Content-Type": None}
    # an unknown conversation: `create` returns without rendering, Rails answers 204
    missing = admin.post(f"{BASE}/999/direct_uploads", json={"blob": good})
    assert missing.status_code == 204 and missing.content == b""


def test_direct_upload_needs_an_account_member(demo_url: str) -> None:
    """4.10.1 ran no authentication here (issue #15072); the demo uses the standard
    account auth that upstream adopted (PR #15039), so these are the usual 401s."""
    body = {"blob": {"filename": "a.txt", "byte_size": 1, "checksum": checksum(b"a")}}
    path = f"{BASE}/7/direct_uploads"
    with api(demo_url, None) as anonymous:
        resp = anonymous.post(path, json=body)
        assert resp.status_code == 401
        assert resp.json() == {"errors": ["You need to sign in or sign up before continuing."]}
    with api(demo_url, "not-a-token") as stranger:
        resp = stranger.post(path, json=body)
        assert resp.json() == {"error": "Invalid Access Token"}
    with api(demo_url, BORIS.access_token) as boris:
        resp = boris.post("/api/v1/accounts/2/conversations/1/direct_uploads", json=body)
        assert resp.status_code == 401  # Boris is not in Acme Sales
        assert resp.json() == {"error": "You are not authorized to access this account"}
        suspended = boris.post("/api/v1/accounts/3/conversations/1/direct_uploads", json=body)
        assert suspended.status_code == 401
        # no policy check on the conversation in Chatwoot: Boris may upload to the API
        # inbox's conversation 5, but not post the message there
        signed = upload(boris, b"a", filename="a.txt", content_type="text/plain", display_id=5)
        denied = boris.post(f"{BASE}/5/messages", json={"attachments": [signed]})
        assert denied.status_code == 401


# ---- attachments[] as signed ids --------------------------------------------------------
def test_signed_ids_in_form_bodies_and_mixed_with_files(admin: httpx.Client) -> None:
    first = upload(admin, b"first\n", filename="first.txt", content_type="text/plain")
    second = upload(admin, png_bytes())
    form = admin.post(
        f"{BASE}/9/messages", data={"content": "two", "attachments[]": [first, second]}
    )
    assert form.status_code == 200, form.text
    assert [a["file_type"] for a in form.json()["attachments"]] == ["file", "image"]
    mixed = admin.post(
        f"{BASE}/9/messages",
        data={"content": "three", "attachments[]": [second]},
        files=[("attachments[]", ("inline.txt", b"inline", "text/plain"))],
    )
    assert mixed.status_code == 200, mixed.text
    assert {a["file_size"] for a in mixed.json()["attachments"]} == {6, len(png_bytes())}


def test_signed_id_errors_are_422(admin: httpx.Client) -> None:
    path = f"{BASE}/7/messages"
    signed = upload(admin, b"abc", filename="abc.txt", content_type="text/plain")
    tampered = signed[:-1] + ("0" if signed[-1] != "0" else "1")
    cases: list[tuple[Any, str]] = [
        (["not-a-signed-id"], "ActiveSupport::MessageVerifier::InvalidSignature"),
        (["ünïcode--ff"], "ActiveSupport::MessageVerifier::InvalidSignature"),
        ([tampered], "ActiveSupport::MessageVerifier::InvalidSignature"),
        ([signed, 5], "Could not find or build blob: expected attachable, got 5"),
        (signed, "undefined method 'each' for an instance of String"),
    ]
    for attachments, error in cases:
        resp = admin.post(path, json={"content": "x", "attachments": attachments})
        assert resp.status_code == 422, attachments
        assert resp.json() == {"error": error}
    never_put = create_blob(admin, b"abc", filename="never.txt", content_type="text/plain")
    resp = admin.post(path, json={"attachments": [never_put["signed_id"]]})
    assert resp.status_code == 422
    assert resp.json() == {"error": "ActiveStorage::FileNotFoundError"}
    # blank lists mean no attachments
    blanks: list[Any] = [[], "", None]
    for blank in blanks:
        resp = admin.post(path, json={"content": "plain", "attachments": blank})
        assert resp.status_code == 200 and "attachments" not in resp.json()


def test_the_fifteen_attachment_limit_counts_signed_ids(admin: httpx.Client) -> None:
    signed = upload(admin, b"x", filename="x.txt", content_type="text/plain")
    fifteen = admin.post(f"{BASE}/7/messages", json={"attachments": [signed] * 15})
    assert fifteen.status_code == 200 and len(fifteen.json()["attachments"]) == 15
    sixteen = admin.post(f"{BASE}/7/messages", json={"attachments": [signed] * 16})
    assert sixteen.status_code == 422
    assert sixteen.json() == {"error": "Validation failed: Attachments Too many attachments"}


def test_one_blob_in_two_messages_survives_one_deletion(admin: httpx.Client) -> None:
    data = b"shared bytes"
    signed = upload(admin, data, filename="shared.txt", content_type="text/plain")
    one = admin.post(f"{BASE}/7/messages", json={"attachments": [signed]}).json()
    two = admin.post(f"{BASE}/8/messages", json={"attachments": [signed]}).json()
    assert one["attachments"][0]["data_url"] == two["attachments"][0]["data_url"]
    assert admin.delete(f"{BASE}/7/messages/{one['id']}").status_code == 200
    assert httpx.get(two["attachments"][0]["data_url"]).content == data
    assert admin.delete(f"{BASE}/8/messages/{two['id']}").status_code == 200
    assert httpx.get(two["attachments"][0]["data_url"]).status_code == 404
    gone = admin.post(f"{BASE}/7/messages", json={"attachments": [signed]})
    assert gone.status_code == 422
    assert gone.json()["error"].startswith("Couldn't find ActiveStorage::Blob with 'id'=")


@pytest.fixture
def running() -> Iterator[DemoServerThread]:
    """A demo server whose store the test may touch (through `call`)."""
    server = DemoServerThread(DemoConfig(port=0, control=True))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_size_limit_counts_signed_ids(running: DemoServerThread) -> None:
    with api(running.url) as admin:
        small = create_blob(admin, b"x", filename="big.bin", content_type="application/zip")

        def grow() -> None:  # as if a 40 MB + 1 file had been PUT
            store = running.server.store
            store.blobs[small["id"]] = bytes(MAX_FILE_SIZE + 1)
            store.upload_blobs[small["id"]].byte_size = MAX_FILE_SIZE + 1

        running.call(grow)
        resp = admin.post(f"{BASE}/7/messages", json={"attachments": [small["signed_id"]]})
        assert resp.status_code == 422
        assert resp.json() == {"error": "Validation failed: Attachments file size is too big"}


def test_blobs_and_signed_ids_survive_the_state_file(running: DemoServerThread) -> None:
    with api(running.url) as admin:
        signed = upload(admin, b"kept", filename="kept.txt", content_type="text/plain")
    saved = running.call(running.server.store.to_json)
    loaded = DemoStore.from_json(saved)
    assert loaded.secret_key_base == saved["secret_key_base"]
    (blob,) = loaded.upload_blobs.values()
    assert blob.filename == "kept.txt" and loaded.blobs[blob.id] == b"kept"
    restored = attachment_from_signed_id(loaded, signed, 0.0)
    assert restored.blob_id == blob.id and restored.data == b"kept"
