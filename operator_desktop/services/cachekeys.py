"""Which key the cache of a data folder opens with: encrypted by default where the keyring works.

A data folder is known by a random id in its plain file `cache-id` (not by its path: folders
move); the cache's 256-bit SQLCipher key is kept in the OS keyring under that id
(`TokenStore.cache_key`). A new cache is encrypted when the keyring can keep a key; a plain one
is switched to encrypted at the next start (`storage.encryption.convert`), unless the user chose
a plain cache (`operator-desktop cache decrypt` leaves the file `cache-plain`). Without a usable
keyring the cache stays plain, and the log says why. An encrypted cache whose key is missing or
wrong is a coded error (`CACHE_KEY_MISSING`, `CACHE_KEY_WRONG`): the file is kept as it is until
the user asks for a rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.secrets import TokenStore
from operator_desktop.storage.encryption import FileState, file_state

log = logging.getLogger("db")

CACHE_ID_FILE = "cache-id"
PLAIN_CHOICE_FILE = "cache-plain"  # the user chose an unencrypted cache
KEYRING_TROUBLE = (ErrorCode.KEYRING_UNAVAILABLE, ErrorCode.KEYRING_LOCKED)


@dataclass(frozen=True)
class Opening:
    """How to open the cache: with `key` (None: plain); `encrypt_first`: a plain cache to be
    switched to `key` before it is opened; `plain_reason`: why a plain cache stays plain."""

    key: str | None
    encrypt_first: bool = False
    plain_reason: str | None = None


def read_id(root: Path) -> str | None:
    try:
        text = (root / CACHE_ID_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def publish_id(root: Path, cache_id: str, *, replace: bool = False) -> str:
    """Write the folder's id; without `replace`, the id already there (another process's, made
    at the same moment) wins and is returned."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = root / f"{CACHE_ID_FILE}.{uuid.uuid4().hex}"
    fd = os.open(staged, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(cache_id + "\n")
        file.flush()
        os.fsync(file.fileno())
    try:
        if replace:
            os.replace(staged, root / CACHE_ID_FILE)
            return cache_id
        try:
            os.link(staged, root / CACHE_ID_FILE)  # atomic, and never over an existing id
        except FileExistsError:
            return read_id(root) or cache_id
        return cache_id
    finally:
        staged.unlink(missing_ok=True)


def plain_chosen(root: Path) -> bool:
    return (root / PLAIN_CHOICE_FILE).exists()


def choose_plain(root: Path, plain: bool) -> None:
    marker = root / PLAIN_CHOICE_FILE
    if plain:
        marker.touch(mode=0o600)
    else:
        marker.unlink(missing_ok=True)


def new_key() -> str:
    return secrets.token_hex(32)  # 256 bits


def ensure_key(root: Path, tokens: TokenStore) -> str:
    """The key of the folder's cache, made (with the folder's id) if there is none yet. The key
    is in the keyring before the id is published, so a process that reads the id finds it."""
    cache_id = read_id(root)
    if cache_id is not None:
        key = tokens.cache_key(cache_id)
        if key is None:  # only for a cache not encrypted yet (the caller knows)
            key = new_key()
            tokens.set_cache_key(cache_id, key)
        return key
    cache_id, key = uuid.uuid4().hex, new_key()
    tokens.set_cache_key(cache_id, key)
    winner = publish_id(root, cache_id)
    if winner != cache_id:
        with contextlib.suppress(OperatorError):
            tokens.delete_cache_key(cache_id)
        return ensure_key(root, tokens)
    return key


def renew_key(root: Path, tokens: TokenStore) -> str:
    """A new id and key for a cache made anew (the old id's key, if any, is left alone)."""
    cache_id, key = uuid.uuid4().hex, new_key()
    tokens.set_cache_key(cache_id, key)
    publish_id(root, cache_id, replace=True)
    return key


def existing_key(root: Path, tokens: TokenStore) -> str:
    """The key of an encrypted cache: `CACHE_KEY_MISSING` when the keyring has none."""
    cache_id = read_id(root)
    key = tokens.cache_key(cache_id) if cache_id is not None else None
    if key is None:
        raise OperatorError(
            ErrorCode.CACHE_KEY_MISSING, "the OS keyring holds no key for this data folder"
        )
    return key


def is_encrypted(root: Path, cache_file: Path) -> bool:
    """An encrypted cache: not a plain SQLite file, in a folder that has an id (a file that is
    not SQLite in a folder without one was never encrypted here: it is damaged)."""
    return file_state(cache_file) is FileState.OPAQUE and read_id(root) is not None


def plan(root: Path, cache_file: Path, tokens: TokenStore, *, writable: bool) -> Opening:
    """How to open the folder's cache (see the module)."""
    state = file_state(cache_file)
    if is_encrypted(root, cache_file):
        return Opening(existing_key(root, tokens))  # a keyring error is raised as it is
    if state is FileState.OPAQUE:
        return Opening(None)  # damaged: the open finds it so, and the cache is rebuilt
    if not writable:
        return Opening(None, plain_reason="the data folder cannot be written")
    if plain_chosen(root):
        return Opening(None, plain_reason="an unencrypted cache was chosen (cache decrypt)")
    if not tokens.keeps_secrets:
        return Opening(None, plain_reason="the keyring in use keeps no key after this process")
    try:
        key = ensure_key(root, tokens)
    except OperatorError as exc:
        if exc.code not in KEYRING_TROUBLE:
            raise
        reason = f"the OS keyring cannot be used ({exc.code.value})"
        log.warning("%s: the cache is not encrypted", reason)
        return Opening(None, plain_reason=reason)
    return Opening(key, encrypt_first=state is FileState.PLAIN)


@dataclass(frozen=True)
class Protection:
    """What the window shows of the open cache: whether it is encrypted, whether it could be
    (a keyring that keeps keys), and why a plain one is plain."""

    encrypted: bool = False
    can_encrypt: bool = False
    plain_reason: str | None = None


@dataclass(frozen=True)
class CacheStatus:
    """What `operator-desktop cache status` says: read from the file and the keyring only."""

    exists: bool
    encrypted: bool
    key_found: bool | None  # None: not asked (a plain cache) or the keyring cannot be used
    keyring_problem: ErrorCode | None
    plain_chosen: bool

    def describe(self) -> str:
        if self.encrypted:
            if self.key_found:
                return "encrypted (its key is in the OS keyring)"
            if self.keyring_problem is not None:
                problem = self.keyring_problem.value
                return f"encrypted, but the OS keyring cannot be used ({problem})"
            return "encrypted, but its key is not in the OS keyring (see `cache rebuild`)"
        what = "not encrypted" if self.exists else "no cache yet"
        if self.plain_chosen:
            return f"{what} (an unencrypted cache was chosen with `cache decrypt`)"
        if self.keyring_problem is not None:
            return f"{what} (the OS keyring cannot be used: {self.keyring_problem.value})"
        return f"{what} (it is encrypted the next time a command or the app starts)"


def status(root: Path, cache_file: Path, tokens: TokenStore) -> CacheStatus:
    encrypted = is_encrypted(root, cache_file)
    key_found: bool | None = None
    problem: ErrorCode | None = None
    cache_id = read_id(root)
    try:
        if encrypted and cache_id is not None:
            key_found = tokens.cache_key(cache_id) is not None
        else:
            tokens.check()
    except OperatorError as exc:
        problem = exc.code
    return CacheStatus(
        exists=file_state(cache_file) is not FileState.MISSING,
        encrypted=encrypted,
        key_found=key_found,
        keyring_problem=problem,
        plain_chosen=plain_chosen(root),
    )
