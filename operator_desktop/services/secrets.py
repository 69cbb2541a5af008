"""`TokenStore`: the access token in the OS keyring, and nowhere else.

Service name `operator-desktop`; the entry is keyed by server URL and user email. The cache's
SQLCipher key is kept there too, one per data folder (entry `cache-key|<the folder's id>`).
Calls are blocking (D-Bus), so async code uses the `a*` methods, which run them in a thread. When no
usable backend exists the error says what to install — there is never a plaintext fallback.
"""

from __future__ import annotations

import asyncio
import logging

import keyring
import keyring.backend
import keyring.errors
from jaraco.classes import properties

from operator_desktop.core.errors import ErrorCode, OperatorError

log = logging.getLogger("keyring")

SERVICE = "operator-desktop"
INSECURE_BACKENDS = ("keyrings.alt", "PlaintextKeyring", "fail.Keyring", "null.Keyring")

HOW_TO_FIX = (
    "no usable OS keyring: on Linux install and unlock a Secret Service provider "
    "(gnome-keyring or KWallet) in your desktop session; on Windows and macOS the system "
    "keychain is used"
)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets held in this process only: for the demo's public tokens, tests and benchmarks.

    Used only when passed to `TokenStore`: its priority raises, which makes keyring deem it
    not viable, so it can never be picked in place of a missing OS keyring. What it holds is
    gone with the process, so no cache is encrypted with a key kept here (`keeps_secrets`)
    unless `durable=True` says it stands for an OS keyring (in tests).
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("MemoryKeyring is used only when passed explicitly")

    def __init__(self, *, durable: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}
        self.durable = durable

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def _entry(server_url: str, user: str) -> str:
    return f"{server_url.rstrip('/')}|{user}"


def _cache_entry(cache_id: str) -> str:
    return f"cache-key|{cache_id}"


class TokenStore:
    """get/set/delete the access token of (server, user)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    def _keyring(self) -> keyring.backend.KeyringBackend:
        try:
            backend = self._backend or keyring.get_keyring()
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            raise OperatorError(ErrorCode.KEYRING_UNAVAILABLE, HOW_TO_FIX) from exc
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        if any(bad in name for bad in INSECURE_BACKENDS):
            raise OperatorError(ErrorCode.KEYRING_UNAVAILABLE, f"{HOW_TO_FIX} (found {name})")
        return backend

    def _call(self, what: str, fn: object, *args: str) -> str | None:
        backend = self._keyring()
        method = getattr(backend, str(fn))
        try:
            result = method(*args)
        except keyring.errors.KeyringLocked as exc:
            raise OperatorError(ErrorCode.KEYRING_LOCKED, "the keyring is locked") from exc
        except keyring.errors.InitError as exc:
            raise OperatorError(ErrorCode.KEYRING_LOCKED, "the keyring was not unlocked") from exc
        except keyring.errors.PasswordDeleteError:
            return None
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            raise OperatorError(ErrorCode.KEYRING_UNAVAILABLE, HOW_TO_FIX) from exc
        log.debug("keyring %s done", what)
        return result if isinstance(result, str) else None

    def get(self, server_url: str, user: str) -> str | None:
        return self._call("get", "get_password", SERVICE, _entry(server_url, user))

    def set(self, server_url: str, user: str, token: str) -> None:
        self._call("set", "set_password", SERVICE, _entry(server_url, user), token)

    def delete(self, server_url: str, user: str) -> None:
        self._call("delete", "delete_password", SERVICE, _entry(server_url, user))

    @property
    def keeps_secrets(self) -> bool:
        """Whether what is stored here outlives this process (an OS keyring does)."""
        backend = self._backend
        return not isinstance(backend, MemoryKeyring) or backend.durable

    def cache_key(self, cache_id: str) -> str | None:
        """The SQLCipher key of the data folder whose id is `cache_id` (never logged)."""
        return self._call("get cache key", "get_password", SERVICE, _cache_entry(cache_id))

    def set_cache_key(self, cache_id: str, key: str) -> None:
        self._call("set cache key", "set_password", SERVICE, _cache_entry(cache_id), key)

    def delete_cache_key(self, cache_id: str) -> None:
        self._call("delete cache key", "delete_password", SERVICE, _cache_entry(cache_id))

    def check(self) -> None:
        """Raise the keyring's coded error now, before the user types a password for nothing."""
        self._call("check", "get_password", SERVICE, "operator-desktop-probe")

    async def acheck(self) -> None:
        await asyncio.to_thread(self.check)

    async def aget(self, server_url: str, user: str) -> str | None:
        return await asyncio.to_thread(self.get, server_url, user)

    async def aset(self, server_url: str, user: str, token: str) -> None:
        await asyncio.to_thread(self.set, server_url, user, token)

    async def adelete(self, server_url: str, user: str) -> None:
        await asyncio.to_thread(self.delete, server_url, user)
