"""§1 authentication and the profile: sign-in (with MFA and the §9 throttle), devise sessions,
`/api/v1/profile` and its availability, auto_offline, active account and token actions."""

from __future__ import annotations

import secrets
from typing import Any

import pyotp
from aiohttp import web

from operator_desktop.demo.http import (
    DEVISE_UNAUTHORIZED,
    current_user,
    int_param,
    json_response,
    missing_param,
    read_json,
    retry_later,
    server_of,
)
from operator_desktop.demo.models import User
from operator_desktop.demo.service import DemoError

routes = web.RouteTableDef()

BAD_CREDENTIALS = {"success": False, "errors": ["Invalid login credentials. Please try again."]}
MFA_TOKEN_TTL = 300.0
SESSION_LIFESPAN = 60 * 24 * 3600  # token_lifespan = 2.months


def _sign_in_response(request: web.Request, user: User) -> web.Response:
    server = server_of(request)
    client = secrets.token_urlsafe(16)
    token = secrets.token_urlsafe(16)
    user.sessions[client] = token
    if len(user.sessions) > 25:  # max_number_of_devices
        oldest = next(iter(user.sessions))
        del user.sessions[oldest]
    response = json_response({"data": server.views.user_profile(user)})
    response.headers["access-token"] = token
    response.headers["token-type"] = "Bearer"
    response.headers["client"] = client
    response.headers["expiry"] = str(int(server.clock.now()) + SESSION_LIFESPAN)
    response.headers["uid"] = user.email
    return response


@routes.post("/auth/sign_in")
async def sign_in(request: web.Request) -> web.StreamResponse:
    server = server_of(request)
    body = await read_json(request)
    now = server.clock.now()
    remote = request.remote
    throttled = server.throttle_applies(remote)
    mfa_token = body.get("mfa_token")
    if mfa_token:
        if throttled and not server.mfa_by_ip.hit(remote or "", now):
            return retry_later()
        return await _mfa_step(request, str(mfa_token), body)
    email = str(body.get("email") or "")
    if throttled:
        ip_ok = server.sign_in_by_ip.hit(remote or "", now)
        email_ok = server.sign_in_by_email.hit(email.strip().lower(), now) if email else True
        if not (ip_ok and email_ok):
            return retry_later()
    user = server.store.user_by_email(email) if email else None
    if user is None or not secrets.compare_digest(user.password, str(body.get("password", ""))):
        return json_response(BAD_CREDENTIALS, status=401)
    if user.mfa_secret:
        token = secrets.token_urlsafe(24)
        server.mfa_tokens[token] = (user.id, now + MFA_TOKEN_TTL)
        return json_response({"mfa_required": True, "mfa_token": token}, status=206)
    return _sign_in_response(request, user)


async def _mfa_step(request: web.Request, token: str, body: dict[str, Any]) -> web.Response:
    server = server_of(request)
    entry = server.mfa_tokens.get(token)
    if entry is None or entry[1] < server.clock.now():
        return json_response({"error": "Invalid or expired MFA token"}, status=401)
    user = server.store.users[entry[0]]
    otp = str(body.get("otp_code") or "")
    backup = str(body.get("backup_code") or "")
    ok = False
    if otp and user.mfa_secret:
        ok = pyotp.TOTP(user.mfa_secret).verify(otp, for_time=server.clock.now(), valid_window=1)
    elif backup and backup in user.mfa_backup_codes:
        user.mfa_backup_codes.remove(backup)
        ok = True
    if not ok:
        return json_response({"error": "Invalid verification code"}, status=400)
    del server.mfa_tokens[token]
    return _sign_in_response(request, user)


def _devise_user(request: web.Request) -> tuple[User, str]:
    server = server_of(request)
    client = request.headers.get("client", "")
    uid = request.headers.get("uid", "")
    access = request.headers.get("access-token", "")
    user = server.store.user_by_email(uid) if uid else None
    if user is None or not client or user.sessions.get(client) != access:
        raise DemoError(401, DEVISE_UNAUTHORIZED)
    return user, client


@routes.delete("/auth/sign_out")
async def sign_out(request: web.Request) -> web.Response:
    server = server_of(request)
    try:
        user, client = _devise_user(request)
    except DemoError:
        return json_response(
            {"success": False, "errors": ["User was not found or was not logged in."]}, 404
        )
    user.sessions.pop(client, None)
    del server  # nothing else to do
    return json_response({"success": True})


@routes.get("/auth/validate_token")
async def validate_token(request: web.Request) -> web.Response:
    server = server_of(request)
    user, _client = _devise_user(request)
    data = server.views.user_profile(user)
    data["created_at"] = None
    return json_response({"payload": {"success": True, "data": data}})


# ---- /api/v1/profile --------------------------------------------------------------------
def _profile_params(body: dict[str, Any]) -> dict[str, Any]:
    profile = body.get("profile")
    if not isinstance(profile, dict) or not profile:
        raise missing_param("profile")
    return profile


@routes.get("/api/v1/profile")
async def show_profile(request: web.Request) -> web.Response:
    server = server_of(request)
    return json_response(server.views.user_profile(current_user(request)))


@routes.put("/api/v1/profile")
@routes.patch("/api/v1/profile")
async def update_profile(request: web.Request) -> web.Response:
    server = server_of(request)
    user = current_user(request)
    params = _profile_params(await read_json(request))
    if params.get("password"):
        if not secrets.compare_digest(user.password, str(params.get("current_password", ""))):
            raise DemoError(422, {"error": "Invalid current password"})
        if params.get("password") != params.get("password_confirmation"):
            raise DemoError(
                422,
                {
                    "message": "Password confirmation doesn't match Password",
                    "attributes": ["password_confirmation"],
                },
            )
        user.password = str(params["password"])
    email = params.get("email")
    if email and str(email).lower() != user.email.lower():
        other = server.store.user_by_email(str(email))
        if other is not None:
            raise DemoError(
                422, {"message": "Email has already been taken", "attributes": ["email"]}
            )
        user.email = str(email)
    if "name" in params:
        name = str(params["name"] or "").strip()
        if not name:
            raise DemoError(422, {"message": "Name can't be blank", "attributes": ["name"]})
        user.name = name
    if "display_name" in params:
        user.display_name = params["display_name"] or None
    if "message_signature" in params:
        user.message_signature = params["message_signature"]
    if "phone_number" in params:
        user.phone_number = params["phone_number"]
    if isinstance(params.get("ui_settings"), dict):
        user.ui_settings = {**user.ui_settings, **params["ui_settings"]}
    return json_response(server.views.user_profile(user))


def _membership_param(request: web.Request, params: dict[str, Any]) -> Any:
    server = server_of(request)
    user = current_user(request)
    account_id = int_param(params.get("account_id"), "account_id")
    member = server.store.membership(account_id, user.id)
    if member is None:
        raise DemoError(404, {"error": "Resource could not be found"})
    return user, member


@routes.post("/api/v1/profile/availability")
async def set_availability(request: web.Request) -> web.Response:
    server = server_of(request)
    params = _profile_params(await read_json(request))
    user, member = _membership_param(request, params)
    availability = params.get("availability")
    if availability not in ("online", "busy", "offline"):
        raise DemoError(422, {"error": f"'{availability}' is not a valid availability"})
    member.availability = str(availability)
    return json_response(server.views.user_profile(user))


@routes.post("/api/v1/profile/auto_offline")
async def set_auto_offline(request: web.Request) -> web.Response:
    server = server_of(request)
    params = _profile_params(await read_json(request))
    user, member = _membership_param(request, params)
    member.auto_offline = params.get("auto_offline") in (True, "true", "1", 1)
    return json_response(server.views.user_profile(user))


@routes.put("/api/v1/profile/set_active_account")
async def set_active_account(request: web.Request) -> web.Response:
    server = server_of(request)
    params = _profile_params(await read_json(request))
    _user, member = _membership_param(request, params)
    member.active_at = server.clock.now()
    return web.Response(status=200)


@routes.post("/api/v1/profile/reset_access_token")
async def reset_access_token(request: web.Request) -> web.Response:
    server = server_of(request)
    user = current_user(request)
    user.access_token = secrets.token_urlsafe(18)
    return json_response(server.views.user_profile(user))
