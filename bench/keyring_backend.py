"""A keyring for benchmark subprocesses: every lookup finds the benchmark's token.

Selected with `PYTHON_KEYRING_BACKEND=bench.keyring_backend.BenchKeyring`, so that the app can
start from a benchmark's data folder in a fresh process without a Secret Service.
"""

from __future__ import annotations

import keyring.backend

TOKEN = "bench-token"


class BenchKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:  # noqa: ARG002
        return TOKEN

    def set_password(self, service: str, username: str, password: str) -> None:  # noqa: ARG002
        return None

    def delete_password(self, service: str, username: str) -> None:  # noqa: ARG002
        return None
