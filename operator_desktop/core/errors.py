"""Coded errors of the client core. The CLI and the UI word them for people (and translate).

Every failure the core reports is an `OperatorError` with an `ErrorCode`; `detail` carries the
server's own message where one exists (e.g. a 422 validation text), never a secret.
"""

from __future__ import annotations

import enum


class ErrorCode(enum.Enum):
    SESSION_EXPIRED = "session_expired"  # 401 Invalid Access Token / devise errors shape
    FORBIDDEN = "forbidden"  # other 401s (Pundit, account scoping), 403
    ACCOUNT_SUSPENDED = "account_suspended"
    NOT_FOUND = "not_found"
    VALIDATION = "validation"  # 422 with the server's message
    RATE_LIMITED = "rate_limited"  # 429
    SERVER_ERROR = "server_error"  # 5xx
    NETWORK_DOWN = "network_down"
    TIMEOUT = "timeout"
    TLS = "tls"
    BAD_CREDENTIALS = "bad_credentials"
    BAD_TOKEN = "bad_token"  # an access token given to sign in was refused
    BAD_ADDRESS = "bad_address"  # not an http(s) server address
    MFA_REQUIRED = "mfa_required"
    MFA_INVALID = "mfa_invalid"
    PROTOCOL = "protocol"  # the server sent something that does not parse
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    KEYRING_LOCKED = "keyring_locked"
    NOT_SIGNED_IN = "not_signed_in"
    AMBIGUOUS_ACCOUNT = "ambiguous_account"
    CACHE = "cache"
    CACHE_BUSY = "cache_busy"  # another process held the cache's lock for too long
    DISK_FULL = "disk_full"
    CACHE_READ_ONLY = "cache_read_only"  # the data folder cannot be written
    CACHE_DAMAGED = "cache_damaged"  # SQLite: not a database / malformed; rebuilt at next start
    CACHE_KEY_MISSING = "cache_key_missing"  # encrypted, and the keyring has no key for it
    CACHE_KEY_WRONG = "cache_key_wrong"  # encrypted, and the keyring's key does not open it
    NOT_CACHED = "not_cached"  # asked for something the local cache does not hold
    EXPORT_FAILED = "export_failed"  # an export file could not be written
    BAD_RULES = "bad_rules"  # a chat-rules file that cannot be read or holds a wrong value
    INTERNAL = "internal"  # a bug: logged with its traceback, worded "something went wrong"


# the cache is encrypted and cannot be decrypted: kept as it is until the user rebuilds it
CACHE_KEY_TROUBLE = frozenset({ErrorCode.CACHE_KEY_MISSING, ErrorCode.CACHE_KEY_WRONG})
# the cache cannot be written: what is cached can still be read, nothing new is kept
STORAGE_TROUBLE = frozenset({ErrorCode.DISK_FULL, ErrorCode.CACHE_READ_ONLY})


class OperatorError(Exception):
    """A failure the user can be told about; `code` selects the wording."""

    def __init__(self, code: ErrorCode, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail
        self.status = status


class ProtocolError(OperatorError):
    """A payload field had the wrong type; `path` names it (e.g. `payload[3].meta.sender.id`)."""

    def __init__(self, path: str, expected: str, got: object) -> None:
        super().__init__(
            ErrorCode.PROTOCOL, f"{path}: expected {expected}, got {type(got).__name__}"
        )
        self.path = path
