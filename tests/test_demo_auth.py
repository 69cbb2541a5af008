"""§1 authentication and profile on the demo server, over loopback."""

from __future__ import annotations

import httpx
import pyotp

from operator_desktop.demo.seed import MFA_SECRET
from tests.conftest import ADMIN, MARIA, api


def test_sign_in_returns_profile_and_session_headers(demo_url: str) -> None:
    with api(demo_url, None) as client:
        resp = client.post("/auth/sign_in", json={"email": ADMIN.email, "password": ADMIN.password})
        assert resp.status_code == 200
        data = resp.json()["data"]
        assert data["access_token"] == ADMIN.access_token
        assert data["pubsub_token"] == ADMIN.pubsub_token
        assert data["role"] == "administrator" and data["account_id"] == 1
        assert {a["id"] for a in data["accounts"]} == {1, 2, 3}
        for header in ("access-token", "client", "uid", "expiry", "token-type"):
            assert header in resp.headers
        devise = {k: resp.headers[k] for k in ("access-token", "client", "uid")}
        profile = client.get("/api/v1/profile", headers=devise)
        assert profile.status_code == 200 and profile.json()["id"] == ADMIN.id
        assert client.get("/auth/validate_token", headers=devise).json()["payload"]["success"]
        assert client.delete("/auth/sign_out", headers=devise).json() == {"success": True}
        again = client.get("/api/v1/profile", headers=devise)
        assert again.status_code == 401
        assert again.json() == {"errors": ["You need to sign in or sign up before continuing."]}


def test_bad_credentials_and_bad_token(demo_url: str) -> None:
    with api(demo_url, None) as client:
        resp = client.post("/auth/sign_in", json={"email": ADMIN.email, "password": "nope"})
        assert resp.status_code == 401
        assert resp.json() == {
            "success": False,
            "errors": ["Invalid login credentials. Please try again."],
        }
    with api(demo_url, "wrong-token") as client:
        resp = client.get("/api/v1/profile")
        assert resp.status_code == 401 and resp.json() == {"error": "Invalid Access Token"}


def test_mfa_flow(demo_url: str) -> None:
    with api(demo_url, None) as client:
        first = client.post(
            "/auth/sign_in", json={"email": MARIA.email, "password": MARIA.password}
        )
        assert first.status_code == 206
        body = first.json()
        assert body["mfa_required"] is True
        token = body["mfa_token"]
        bad = client.post("/auth/sign_in", json={"mfa_token": token, "otp_code": "000000"})
        assert bad.status_code == 400 and "error" in bad.json()
        wrong = client.post("/auth/sign_in", json={"mfa_token": "x", "otp_code": "000000"})
        assert wrong.status_code == 401 and "error" in wrong.json()
        code = pyotp.TOTP(MFA_SECRET).now()
        ok = client.post("/auth/sign_in", json={"mfa_token": token, "otp_code": code})
        assert ok.status_code == 200
        assert ok.json()["data"]["access_token"] == MARIA.access_token


def test_sign_in_throttle_through_control(demo_url: str) -> None:
    with api(demo_url, None) as client:
        assert client.post("/__control", json={"action": "throttle", "on": True}).status_code == 200
        statuses = [
            client.post("/auth/sign_in", json={"email": "x@y.z", "password": "p"}).status_code
            for _ in range(6)
        ]
        assert statuses == [401] * 5 + [429]
        last = client.post("/auth/sign_in", json={"email": ADMIN.email, "password": ADMIN.password})
        assert last.status_code == 429 and last.text == "Retry later\n"


def test_profile_actions(admin: httpx.Client) -> None:
    resp = admin.post(
        "/api/v1/profile/availability", json={"profile": {"account_id": 1, "availability": "busy"}}
    )
    assert resp.status_code == 200
    account = next(a for a in resp.json()["accounts"] if a["id"] == 1)
    assert account["availability"] == "busy"
    resp = admin.post(
        "/api/v1/profile/auto_offline", json={"profile": {"account_id": 1, "auto_offline": False}}
    )
    account = next(a for a in resp.json()["accounts"] if a["id"] == 1)
    assert account["auto_offline"] is False and account["availability_status"] == "busy"
    assert (
        admin.put(
            "/api/v1/profile/set_active_account", json={"profile": {"account_id": 2}}
        ).status_code
        == 200
    )
    assert admin.get("/api/v1/profile").json()["account_id"] == 2
    resp = admin.put(
        "/api/v1/profile", json={"profile": {"display_name": "Johnny", "ui_settings": {"a": 1}}}
    )
    assert resp.json()["available_name"] == "Johnny"
    missing = admin.put("/api/v1/profile", json={})
    assert missing.status_code == 422
    assert missing.json() == {"error": "param is missing or the value is empty: profile"}
    new = admin.post("/api/v1/profile/reset_access_token").json()["access_token"]
    assert new != ADMIN.access_token
    assert admin.get("/api/v1/profile").status_code == 401
