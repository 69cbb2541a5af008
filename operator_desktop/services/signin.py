"""`SignInService`: the sign-in steps of §1 for the sign-in dialog, each on a short-lived client.

Password, the two-factor answer, or a pasted access token; each step opens its own
`ChatwootClient` (nothing is signed in yet, so there is no account's client to reuse) and
closes it when the step is answered. Sign-in is never retried (§9.1).
"""

from __future__ import annotations

from operator_desktop.core.types import Profile, SignInResult
from operator_desktop.net.client import ChatwootClient

SIGN_IN_TIMEOUT = 20.0


class SignInService:
    def __init__(self, ca_bundle: str | None = None, timeout: float = SIGN_IN_TIMEOUT) -> None:
        self.ca_bundle = ca_bundle
        self.timeout = timeout

    def _client(self, server: str, token: str | None = None) -> ChatwootClient:
        return ChatwootClient(server, token=token, ca_bundle=self.ca_bundle, timeout=self.timeout)

    async def with_password(self, server: str, email: str, password: str) -> SignInResult:
        async with self._client(server) as client:
            return await client.sign_in(email, password)

    async def with_code(
        self, server: str, mfa_token: str, code: str, *, backup: bool = False
    ) -> SignInResult:
        """Answer the two-factor challenge with an authenticator code or a backup code."""
        async with self._client(server) as client:
            if backup:
                return await client.sign_in_mfa(mfa_token, backup_code=code)
            return await client.sign_in_mfa(mfa_token, otp_code=code)

    async def with_token(self, server: str, token: str) -> Profile:
        async with self._client(server, token) as client:
            return await client.profile()
