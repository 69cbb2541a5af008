"""TokenStore: the real Secret Service, and a clear error (never plaintext) without one."""

from __future__ import annotations

import uuid

import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.secrets import MemoryKeyring, TokenStore


@pytest.mark.keyring
def test_real_keyring_round_trip() -> None:
    store = TokenStore()
    server = f"https://chat-{uuid.uuid4()}.example.com"
    store.set(server, "ana@example.com", "tok-123")
    assert store.get(server, "ana@example.com") == "tok-123"
    assert store.get(server, "other@example.com") is None
    store.delete(server, "ana@example.com")
    assert store.get(server, "ana@example.com") is None
    store.delete(server, "ana@example.com")  # deleting twice is fine


def test_no_backend_is_a_clear_error() -> None:
    store = TokenStore(fail.Keyring())  # type: ignore[no-untyped-call]
    with pytest.raises(OperatorError) as info:
        store.get("https://x", "u")
    assert info.value.code is ErrorCode.KEYRING_UNAVAILABLE
    assert "Secret Service" in info.value.detail


class LockedKeyring(keyring.backend.KeyringBackend):
    priority = 0  # never chosen by keyring itself: used only when passed explicitly

    def get_password(self, service: str, username: str) -> str | None:  # noqa: ARG002
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:  # noqa: ARG002
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:  # noqa: ARG002
        raise keyring.errors.KeyringLocked("locked")


def test_locked_keyring_is_reported() -> None:
    with pytest.raises(OperatorError) as info:
        TokenStore(LockedKeyring()).set(  # type: ignore[no-untyped-call]
            "https://x", "u", "t"
        )
    assert info.value.code is ErrorCode.KEYRING_LOCKED


def test_the_in_memory_keyring_is_never_picked_by_keyring_itself() -> None:
    """It holds the demo's public tokens; a missing OS keyring must stay a clear error."""
    assert MemoryKeyring not in set(keyring.backend.KeyringBackend.get_viable_backends())
    store = TokenStore(MemoryKeyring())
    store.set("https://x", "u", "t")
    assert store.get("https://x", "u") == "t"
