"""§4 `POST …/conversations/{id}/transcript` on the demo server over loopback: the empty 200,
the 422 for a blank e-mail, the recorded (not sent) mail and its log line without the
address, scope errors, and the §9.1 throttle of 30 an hour per account."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

BASE = "/api/v1/accounts/1/conversations"
EMAIL_MISSING = {"error": "email param missing"}


def control(client: httpx.Client, **body: Any) -> dict[str, Any]:
    resp = client.post("/__control", json=body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def recorded(client: httpx.Client) -> int:
    return int(control(client, action="stats")["transcript_emails"])


def test_transcript_is_recorded_and_answered_with_an_empty_200(
    admin: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="demo.mail")
    resp = admin.post(f"{BASE}/7/transcript", json={"email": "customer@example.com"})
    assert resp.status_code == 200 and resp.content == b""
    assert recorded(admin) == 1
    lines = [r.getMessage() for r in caplog.records if r.name == "demo.mail"]
    assert len(lines) == 1 and "conversation 7" in lines[0]
    assert "customer@example.com" not in caplog.text
    # Chatwoot checks only `blank?`: a malformed address is queued (and fails in the job)
    assert admin.post(f"{BASE}/7/transcript", json={"email": "not an address"}).status_code == 200
    # `params` merges the query string
    assert admin.post(f"{BASE}/7/transcript", params={"email": "a@b.example"}).status_code == 200
    assert admin.post(f"{BASE}/7/transcript", data={"email": "a@b.example"}).status_code == 200
    assert recorded(admin) == 4


def test_a_blank_email_is_422(admin: httpx.Client) -> None:
    bodies: list[dict[str, Any]] = [{}, {"email": ""}, {"email": "   "}, {"email": None}]
    for body in bodies:
        resp = admin.post(f"{BASE}/7/transcript", json=body)
        assert resp.status_code == 422, body
        assert resp.json() == EMAIL_MISSING
    assert admin.post(f"{BASE}/7/transcript").status_code == 422
    assert recorded(admin) == 0


def test_scope(admin: httpx.Client, boris: httpx.Client) -> None:
    body = {"email": "x@example.com"}
    outside = boris.post(f"{BASE}/5/transcript", json=body)  # API inbox, no team
    assert outside.status_code == 401
    assert outside.json() == {"error": "You are not authorized to do this action"}
    missing = admin.post(f"{BASE}/999/transcript", json=body)
    assert missing.status_code == 404
    assert missing.json() == {"error": "Resource could not be found"}
    with httpx.Client(base_url=str(admin.base_url)) as anonymous:
        assert anonymous.post(f"{BASE}/7/transcript", json=body).status_code == 401
    assert admin.get(f"{BASE}/7/transcript").status_code == 404  # POST only
    assert recorded(admin) == 0


def test_loopback_is_not_throttled_by_default(admin: httpx.Client) -> None:
    for _ in range(32):
        resp = admin.post(f"{BASE}/7/transcript", json={"email": "x@example.com"})
        assert resp.status_code == 200
    assert recorded(admin) == 32


def test_thirty_an_hour_per_account(admin: httpx.Client) -> None:
    """rack-attack counts every request to the path, before authentication and whatever
    its answer; the 31st in the hour is refused with its plain-text 429."""
    control(admin, action="throttle", on=True)
    with httpx.Client(base_url=str(admin.base_url)) as anonymous:
        for _ in range(5):
            assert anonymous.post(f"{BASE}/7/transcript").status_code == 401
    for _ in range(5):
        assert admin.post(f"{BASE}/7/transcript", json={}).status_code == 422
    assert admin.get(f"{BASE}/7/transcript").status_code == 404
    for _ in range(19):
        resp = admin.post(f"{BASE}/8/transcript", json={"email": "x@example.com"})
        assert resp.status_code == 200
    throttled = admin.post(f"{BASE}/9/transcript", json={"email": "x@example.com"})
    assert throttled.status_code == 429
    assert throttled.text == "Retry later\n"
    assert throttled.headers["content-type"].startswith("text/plain")
    assert "retry-after" not in throttled.headers
    assert recorded(admin) == 19
    # per account: account 2 has its own budget
    other = admin.post(
        "/api/v1/accounts/2/conversations/1/transcript", json={"email": "x@example.com"}
    )
    assert other.status_code == 200, other.text
    # other endpoints are not affected, and the hour passes
    assert admin.get(f"{BASE}/7").status_code == 200
    control(admin, action="advance_clock", seconds=3601)
    resp = admin.post(f"{BASE}/9/transcript", json={"email": "x@example.com"})
    assert resp.status_code == 200
