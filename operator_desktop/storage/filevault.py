"""Attachment files in the data folder, encrypted with the cache: `FileVault`.

Downloaded attachments and files staged for the outbox live under `files/`. When the cache is
encrypted, every one of them is sealed with AES-256-GCM (`cryptography`'s AEAD): a file is the
8-byte magic, a random 96-bit nonce, then the ciphertext and its tag. The file key is derived
from the cache's key with HKDF-SHA256 (its own `info`), so one keyring entry serves both and a
file can never be opened with the database's key by mistake. Names of sealed files say nothing
about their content (`<attachment id>.bin`): the name a customer gave a file is in the
encrypted database only.

A file that does not start with the magic is plain (written before the cache was encrypted):
it is read as it is, and `convert_tree` rewrites it. Switching either way goes through
`convert_tree`; a marker file (`begin_conversion`, set before the database is switched) stays
until every file is done, so that a switch cut short is finished at the next open
(`needs_conversion`). A sealed file that does not open with the key (a cache rebuilt under a
new key) is `CACHE_KEY_WRONG`; the attachment is then downloaded again.

Opening an attachment with another program needs a plain copy: `viewable` writes it into this
process's private temporary folder (mode 0700), removed by `close()` and, for a process that was
killed, by the next `sweep_viewable`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from operator_desktop.core.errors import ErrorCode, OperatorError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger("db")

MAGIC = b"ODSEAL1\n"
NONCE_BYTES = 12
HKDF_INFO = b"operator-desktop attachment files v1"
CONVERTING_MARKER = ".converting"
TEMP_SUFFIX = ".part"
VIEW_PREFIX = "operator-desktop-view-"
STALE_VIEW_AFTER_S = 24 * 3600
UNSAFE_NAME = re.compile(r"[^\w.\- ]+")

FileProgress = Callable[[int, int], None]  # files done, files in all


def file_key(cache_key: str) -> bytes:
    """The 256-bit key of the folder's files, derived from the cache's hex key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(
        bytes.fromhex(cache_key)
    )


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _io_error(exc: OSError, what: str) -> OperatorError:
    code = ErrorCode.DISK_FULL if exc.errno == errno.ENOSPC else ErrorCode.CACHE
    return OperatorError(code, f"{what}: {exc.strerror}")


class FileVault:
    """The files under `root`, sealed with `key` (32 bytes), or plain without one."""

    def __init__(self, root: Path, key: bytes | None = None) -> None:
        self.root = root
        self._key = key
        self._cache_key: str | None = None
        self._aead_made: AESGCM | None = None
        self._view_dir: Path | None = None

    @classmethod
    def for_cache(cls, root: Path, cache_key: str | None) -> FileVault:
        """The vault of a cache opened with `cache_key` (its file key is derived when first
        used: `cryptography` is not loaded before an attachment is)."""
        vault = cls(root)
        vault._cache_key = cache_key
        return vault

    @property
    def sealed(self) -> bool:
        return self._key is not None or self._cache_key is not None

    @property
    def _aead(self) -> AESGCM | None:
        if self._aead_made is None and self.sealed:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            if self._key is None:
                assert self._cache_key is not None
                self._key = file_key(self._cache_key)
            self._aead_made = AESGCM(self._key)
        return self._aead_made

    def stored_name(self, stem: str, display_name: str) -> str:
        """The file name to store an attachment under: opaque when sealed."""
        if self.sealed:
            return f"{stem}.bin"
        safe = UNSAFE_NAME.sub("_", Path(display_name).name).strip() or "file"
        return f"{stem}-{safe}"

    # ---- one file ----------------------------------------------------------------------
    def seal(self, data: bytes) -> bytes:
        aead = self._aead
        if aead is None:
            return data
        nonce = secrets.token_bytes(NONCE_BYTES)
        return MAGIC + nonce + aead.encrypt(nonce, data, MAGIC)

    def unseal(self, blob: bytes) -> bytes:
        if not blob.startswith(MAGIC):
            return blob  # written before the folder's files were sealed
        aead = self._aead
        if aead is None:
            raise OperatorError(ErrorCode.CACHE_KEY_MISSING, "the file is encrypted")
        start = len(MAGIC)
        nonce = blob[start : start + NONCE_BYTES]
        from cryptography.exceptions import InvalidTag

        try:
            return aead.decrypt(nonce, blob[start + NONCE_BYTES :], MAGIC)
        except InvalidTag:
            raise OperatorError(
                ErrorCode.CACHE_KEY_WRONG, "the file does not open with this key"
            ) from None

    def write(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` (sealed when the vault is), all or nothing."""
        blob = self.seal(data)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise _io_error(exc, "a file could not be written") from exc

    def read(self, path: Path) -> bytes:
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise OperatorError(ErrorCode.NOT_FOUND, "the file is gone") from None
        except OSError as exc:
            raise _io_error(exc, "a file could not be read") from exc
        return self.unseal(blob)

    # ---- a plain copy for another program --------------------------------------------
    def viewable(self, path: Path, display_name: str) -> Path:
        """A path another program can open: the file itself when it is plain and named as
        shown, else a plain copy in this process's private temporary folder."""
        name = UNSAFE_NAME.sub("_", Path(display_name).name).strip() or "file"
        if not is_sealed(path) and path.suffix.lower() == Path(name).suffix.lower():
            return path
        if self._view_dir is None:
            self._view_dir = Path(tempfile.mkdtemp(prefix=f"{VIEW_PREFIX}{os.getpid()}-"))
        folder = self._view_dir / secrets.token_hex(4)
        folder.mkdir(mode=0o700)
        target = folder / name
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(self.read(path))
        return target

    def close(self) -> None:
        """Remove the plain copies made for other programs."""
        if self._view_dir is not None:
            shutil.rmtree(self._view_dir, ignore_errors=True)
            self._view_dir = None

    # ---- switching every file --------------------------------------------------------
    def begin_conversion(self) -> None:
        """Mark the folder's files as being switched (before the database is), so that a
        switch cut short anywhere is finished by the next open (`needs_conversion`)."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.root / CONVERTING_MARKER).touch()

    @property
    def needs_conversion(self) -> bool:
        return (self.root / CONVERTING_MARKER).exists()

    def convert_tree(self, *, old: FileVault, progress: FileProgress | None = None) -> int:
        """Rewrite every file under `root` the way this vault writes (sealed or plain, and
        with this key), reading it with `old`. Returns how many files were rewritten. The
        marker is removed once every file is done; a file that opens with neither vault is
        left as it is (an attachment is downloaded again when needed)."""
        if not self.root.is_dir():
            return 0
        self.begin_conversion()
        paths = list(_stored_files(self.root))
        done = 0
        for n, path in enumerate(paths, 1):
            if self._rewrite(path, old):
                done += 1
            if progress is not None:
                progress(n, len(paths))
        (self.root / CONVERTING_MARKER).unlink(missing_ok=True)
        log.info("%d files are now %s", done, "sealed" if self.sealed else "plain")
        return done

    def _rewrite(self, path: Path, old: FileVault) -> bool:
        sealed = is_sealed(path)
        if sealed == self.sealed:
            if not sealed or old is self:
                return False
            with contextlib.suppress(OperatorError):
                self.read(path)
                return False  # sealed with this key already
        try:
            self.write(path, old.read(path))
        except OperatorError as exc:
            if exc.code is ErrorCode.DISK_FULL:
                raise
            # a file that opens with neither key, cannot be read or is gone: left as it is
            # (downloaded again when needed); one bad file never stops the cache from opening
            log.warning("a stored file was left as it is: %s", exc.code.value)
            return False
        return True


def _stored_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != CONVERTING_MARKER:
            if path.name.endswith(TEMP_SUFFIX):  # a write cut short: never finished, not used
                path.unlink(missing_ok=True)
                continue
            yield path


def sweep_viewable(now: float | None = None) -> None:
    """Remove the plain copies left by processes that are gone (killed before `close`)."""
    now = time.time() if now is None else now
    base = Path(tempfile.gettempdir())
    for folder in base.glob(f"{VIEW_PREFIX}*"):
        pid_text = folder.name[len(VIEW_PREFIX) :].split("-", 1)[0]
        if pid_text == str(os.getpid()):
            continue
        alive = pid_text.isdigit() and _alive(int(pid_text))
        with contextlib.suppress(OSError):
            if not alive or now - folder.stat().st_mtime > STALE_VIEW_AFTER_S:
                shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # no cheap check there: the age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
