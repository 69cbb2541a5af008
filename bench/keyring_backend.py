"""Keyrings for benchmark subprocesses, which run without a Secret Service.

`PYTHON_KEYRING_BACKEND=bench.keyring_backend.BenchKeyring` with `OD_BENCH_KEYRING=<file>`:
every token lookup finds the benchmark's token, so that the app can start from a benchmark's
data folder in a fresh process; what the app stores (the cache's key: the first start
encrypts the folder's cache, as on a real keyring) is kept in the file for the next start.

`PYTHON_KEYRING_BACKEND=bench.keyring_backend.FileKeyring` with `OD_BENCH_KEYRING=<file>`: a
JSON file shared by every process of one run (the chaos run signs in once and then starts,
kills and restarts clients), written atomically so that a killed process never corrupts it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

TOKEN = "bench-token"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["OD_BENCH_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def _save(self, entries: dict[str, str]) -> None:
        path = self._path()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\n{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(entries)


class BenchKeyring(FileKeyring):
    """The file keyring, where every token lookup not stored finds the benchmark's token."""

    def get_password(self, service: str, username: str) -> str | None:
        stored = super().get_password(service, username)
        if stored is not None or username.startswith("cache-key|"):
            return stored
        return TOKEN
