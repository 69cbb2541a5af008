"""HTTP responses and transport failures turned into coded `OperatorError`s (CONTRACT §9.2)."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any

from operator_desktop.core.errors import ErrorCode, OperatorError

if TYPE_CHECKING:
    import httpx

SESSION_EXPIRED_BODY = "Invalid Access Token"
SUSPENDED_BODY = "Account is suspended"


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def error_for_response(response: httpx.Response) -> OperatorError:
    """The coded error for a non-2xx response; 401s are split as §9.2 requires."""
    status = response.status_code
    body = _json_or_none(response)
    text = ""
    if isinstance(body, dict):
        raw = body.get("message") or body.get("error")
        if isinstance(raw, str):
            text = raw
        errors = body.get("errors")
        if not text and isinstance(errors, list) and errors:
            text = "; ".join(str(e) for e in errors)
    if status == 401:
        if isinstance(body, dict) and (
            body.get("error") == SESSION_EXPIRED_BODY or isinstance(body.get("errors"), list)
        ):
            return OperatorError(ErrorCode.SESSION_EXPIRED, text, status=status)
        if isinstance(body, dict) and body.get("error") == SUSPENDED_BODY:
            return OperatorError(ErrorCode.ACCOUNT_SUSPENDED, text, status=status)
        return OperatorError(ErrorCode.FORBIDDEN, text, status=status)
    if status == 403:
        return OperatorError(ErrorCode.FORBIDDEN, text, status=status)
    if status == 404:
        return OperatorError(ErrorCode.NOT_FOUND, text, status=status)
    if status in (400, 422):
        return OperatorError(ErrorCode.VALIDATION, text, status=status)
    if status == 429:
        return OperatorError(ErrorCode.RATE_LIMITED, "", status=status)
    if status >= 500:
        return OperatorError(ErrorCode.SERVER_ERROR, text, status=status)
    return OperatorError(ErrorCode.PROTOCOL, f"unexpected HTTP {status}", status=status)


def error_for_transport(exc: httpx.HTTPError) -> OperatorError:
    import httpx  # loaded already: a request failed

    if isinstance(exc, httpx.TimeoutException):
        return OperatorError(ErrorCode.TIMEOUT, type(exc).__name__)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return OperatorError(ErrorCode.TLS, getattr(cause, "reason", None) or str(cause))
        cause = cause.__cause__ or cause.__context__
    return OperatorError(ErrorCode.NETWORK_DOWN, type(exc).__name__)
