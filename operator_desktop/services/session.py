"""Where the app keeps its data, and the signed-in accounts in it.

`DataDir` resolves the data folder (platformdirs, or `--data-dir`). `Workspace` opens the
cache on its database thread and builds what one account needs: its token from the keyring,
a `ChatwootClient`, a `SyncEngine`. The CLI and the window both compose from here.
The cache is encrypted where the keyring can keep its key (`cachekeys`); `encrypted` says
whether it is, and `plain_reason` why not.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.clock import Clock, SystemClock
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.net.cable import CableTimings
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services import cachekeys
from operator_desktop.services.retention import RetentionSettings
from operator_desktop.services.secrets import TokenStore
from operator_desktop.storage.cache import Cache, SignedInAccount
from operator_desktop.storage.database import CacheDatabase, DbWorker, is_writable
from operator_desktop.storage.encryption import FileState, convert, file_state
from operator_desktop.storage.filevault import FileVault
from operator_desktop.storage.recovery import (
    Rebuilt,
    mark_for_rebuild,
    rebuild_marker,
    restore,
    set_aside,
)
from operator_desktop.sync.engine import StatusListener, SyncEngine, SyncSettings

APP_NAME = "operator-desktop"
CACHE_FILE = "cache.sqlite3"

log = logging.getLogger("db")

# Told each stage of opening that takes long (in words, never a key) and, for the files, how
# many are done out of how many (0, 0: no count).
OpenProgress = Callable[[str, int, int], None]


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDir:
    root: Path

    @classmethod
    def resolve(cls, override: str | Path | None) -> DataDir:
        return cls(Path(override).expanduser() if override else default_data_dir())

    @property
    def cache_file(self) -> Path:
        return self.root / CACHE_FILE

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def files_dir(self) -> Path:
        """Downloaded attachments and files staged for the outbox."""
        return self.root / "files"


class Workspace:
    """The cache of one data folder, plus the keyring; builds clients for its accounts.

    The constructor opens (and migrates) the cache, waiting for it: right for the CLI. The
    window uses `Workspace.opened`, which does the same on the database thread while the Qt
    loop keeps running (and can show progress). `on_progress` is told the stages of a switch
    to an encrypted cache and of sealing the attachment files, on the database thread.
    `rebuild` sets the cache aside and makes a new one (keeping what can be read of it): the
    way out of a cache that cannot be decrypted.
    """

    def __init__(
        self,
        data_dir: DataDir,
        *,
        tokens: TokenStore | None = None,
        clock: Clock | None = None,
        ca_bundle: str | None = None,
        open_cache: bool = True,
        reading_only: bool = False,
        rebuild: bool = False,
        on_progress: OpenProgress | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.reading_only = reading_only
        self.rebuild_requested = rebuild
        self.on_progress = on_progress
        self.plain_reason: str | None = None  # why the cache is not encrypted
        self.tokens = tokens or TokenStore()
        self.clock = clock or SystemClock()
        self.ca_bundle = ca_bundle
        self.worker = DbWorker(on_damage=lambda: mark_for_rebuild(data_dir.cache_file))
        self.rebuilt: Rebuilt | None = None  # set when the open found the cache damaged
        self._rekeyed = False  # a rebuild: files are sealed anew, from the old cache's key
        self._rekeyed_from: str | None = None
        self.retention = RetentionSettings(data_dir.settings_file)
        self._cache: Cache | None = None
        if open_cache:
            try:
                self._cache = self.worker.call(self._open)
            except BaseException:
                self.worker.shutdown()
                raise

    @classmethod
    async def opened(
        cls,
        data_dir: DataDir,
        *,
        tokens: TokenStore | None = None,
        clock: Clock | None = None,
        ca_bundle: str | None = None,
        rebuild: bool = False,
        on_progress: OpenProgress | None = None,
    ) -> Workspace:
        """A workspace whose cache was opened and migrated without blocking the caller's loop."""
        workspace = cls(
            data_dir,
            tokens=tokens,
            clock=clock,
            ca_bundle=ca_bundle,
            open_cache=False,
            rebuild=rebuild,
            on_progress=on_progress,
        )
        try:
            workspace._cache = await workspace.worker.run(workspace._open)
        except BaseException:
            workspace.worker.shutdown()
            raise
        return workspace

    @property
    def cache(self) -> Cache:
        if self._cache is None:
            raise RuntimeError("the workspace's cache is not open")
        return self._cache

    def _open(self) -> Cache:
        """Open the cache (`_open_cache`), then finish switching the attachment files to the
        cache's encryption if a switch was cut short or has just begun."""
        cache = self._open_cache()
        files = cache.database.files
        if files.needs_conversion and not cache.database.read_only:
            old_key = self._rekeyed_from if self._rekeyed else self._keyring_key()
            files.convert_tree(
                old=FileVault.for_cache(files.root, old_key), progress=self._say_files
            )
        return cache

    def _keyring_key(self) -> str | None:
        """The key the keyring holds for the folder, if any (what its sealed files open with)."""
        cache_id = cachekeys.read_id(self.data_dir.root)
        if cache_id is None:
            return None
        try:
            return self.tokens.cache_key(cache_id)
        except OperatorError:
            return None

    def _say_files(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress("sealing the attachment files", done, total)

    def _open_cache(self) -> Cache:
        """Open the cache; in a folder that cannot be written, read-only for a caller that only
        reads (`reading_only`), else the coded read-only error. A damaged cache (found now, or
        marked while running) is rebuilt (`recovery`); one that cannot be decrypted is a coded
        error, and kept, unless a rebuild was asked for. A plain cache is encrypted first when
        the keyring can keep its key (`cachekeys.plan`)."""
        path, root = self.data_dir.cache_file, self.data_dir.root
        if not is_writable(path):
            if not self.reading_only:
                raise OperatorError(ErrorCode.CACHE_READ_ONLY, str(path.parent))
            log.info(
                "the data folder %s cannot be written: reading the cache as it is", path.parent
            )
            opening = cachekeys.plan(root, path, self.tokens, writable=False)
            self.plain_reason = opening.plain_reason
            return Cache(CacheDatabase(path, read_only=True, key=opening.key))
        if self.rebuild_requested:
            return self._rebuild(path, self._readable_key(), self._fresh_key())
        opening = cachekeys.plan(root, path, self.tokens, writable=True)
        key = opening.key
        self.plain_reason = opening.plain_reason
        if opening.encrypt_first and not rebuild_marker(path).exists():
            self._files(None).begin_conversion()
            key = self._encrypt(path, opening.key)  # None: it stays plain (and says why)
        if rebuild_marker(path).exists():
            return self._rebuild(path, key, opening.key)
        try:
            return Cache(CacheDatabase(path, key=key))
        except OperatorError as exc:
            if exc.code is not ErrorCode.CACHE_DAMAGED:
                raise
            return self._rebuild(path, key, opening.key)

    def _say(self, stage: str) -> None:
        log.info("encrypting the cache: %s", stage)
        if self.on_progress is not None:
            self.on_progress(stage, 0, 0)

    def _encrypt(self, path: Path, key: str | None) -> str | None:
        """Switch a plain cache to encrypted; on failure it stays plain for now (the next start
        tries again) — unless the switch was done and only what followed failed."""
        assert key is not None
        try:
            convert(path, key_from=None, key_to=key, progress=self._say)
        except OperatorError as exc:
            if file_state(path) is FileState.OPAQUE:
                return key
            log.warning(
                "the cache could not be encrypted now (%s: %s); it stays unencrypted until a"
                " later start",
                exc.code.value,
                exc.detail,
            )
            self.plain_reason = f"encrypting it failed ({exc.code.value})"
            return None
        return key

    def _readable_key(self) -> str | None:
        """The key of the cache being rebuilt, when the keyring has one (to salvage with)."""
        root, path = self.data_dir.root, self.data_dir.cache_file
        if not cachekeys.is_encrypted(root, path):
            return None
        try:
            return cachekeys.existing_key(root, self.tokens)
        except OperatorError:
            return None

    def _fresh_key(self) -> str | None:
        """The key of a cache made anew, under a new id (None: plain, and why)."""
        root = self.data_dir.root
        if cachekeys.plain_chosen(root) or not self.tokens.keeps_secrets:
            self.plain_reason = "an unencrypted cache was chosen, or no keyring keeps its key"
            return None
        try:
            return cachekeys.renew_key(root, self.tokens)
        except OperatorError as exc:
            if exc.code not in cachekeys.KEYRING_TROUBLE:
                raise
            self.plain_reason = f"the OS keyring cannot be used ({exc.code.value})"
            log.warning("%s: the new cache is not encrypted", self.plain_reason)
            return None

    def _rebuild(self, path: Path, old_key: str | None, new_key: str | None) -> Cache:
        """A damaged cache: set aside, and a fresh one made with what could be salvaged."""
        self.rebuilt = set_aside(path, old_key)
        self._rekeyed, self._rekeyed_from = True, old_key  # files are sealed anew with new_key
        self._files(None).begin_conversion()
        database = CacheDatabase(path, key=new_key)
        restore(database.db, self.rebuilt)
        return Cache(database)

    def switch_encryption(self, *, encrypt: bool) -> bool:
        """`cache encrypt` / `cache decrypt`, on the database thread with the cache closed:
        whether the file was switched (False: it already was so). Decrypting also records the
        choice, so that the next start does not encrypt it again; encrypting undoes that."""
        if self._cache is not None:
            raise RuntimeError("switch the cache's encryption before opening it")
        path, root = self.data_dir.cache_file, self.data_dir.root
        if not is_writable(path):
            raise OperatorError(ErrorCode.CACHE_READ_ONLY, str(path.parent))
        encrypted = cachekeys.is_encrypted(root, path)
        if not encrypt:
            if not encrypted:
                cachekeys.choose_plain(root, True)
                return False
            key = cachekeys.existing_key(root, self.tokens)
            self._files(None).begin_conversion()
            convert(path, key_from=key, key_to=None, progress=self._say)
            cachekeys.choose_plain(root, True)  # only once done: a failed switch chose nothing
            self._files(None).convert_tree(old=self._files(key), progress=self._say_files)
            cache_id = cachekeys.read_id(root)
            if cache_id is not None:
                with contextlib.suppress(OperatorError):
                    self.tokens.delete_cache_key(cache_id)
            return True
        if not self.tokens.keeps_secrets:
            raise OperatorError(
                ErrorCode.KEYRING_UNAVAILABLE, "the keyring in use keeps no key after this process"
            )
        cachekeys.choose_plain(root, False)
        if encrypted:
            return False
        state = file_state(path)
        if state is FileState.OPAQUE:
            raise OperatorError(ErrorCode.CACHE_DAMAGED, "the cache file is not a database")
        key = cachekeys.ensure_key(root, self.tokens)
        self._files(key).begin_conversion()
        if state is FileState.MISSING:
            CacheDatabase(path, key=key).close()
        else:
            convert(path, key_from=None, key_to=key, progress=self._say)
        self._files(key).convert_tree(old=self._files(key), progress=self._say_files)
        return True

    def _files(self, key: str | None) -> FileVault:
        return FileVault.for_cache(self.data_dir.files_dir, key)

    @property
    def encrypted(self) -> bool:
        """Whether the open cache is encrypted (for the window to show)."""
        return self.cache.database.encrypted

    @property
    def read_only(self) -> bool:
        return self.cache.database.read_only

    @property
    def protection(self) -> cachekeys.Protection:
        return cachekeys.Protection(
            encrypted=self.encrypted,
            can_encrypt=self.tokens.keeps_secrets and not self.read_only,
            plain_reason=self.plain_reason,
        )

    @property
    def files(self) -> FileVault:
        """The attachment files, sealed like the cache."""
        return self.cache.database.files

    def close(self) -> None:
        if self._cache is not None:
            self._cache.database.files.close()
            self.worker.call(self._cache.database.close)
        self.worker.shutdown()

    def accounts(self) -> list[SignedInAccount]:
        return self.worker.call(self.cache.signed_in_accounts)

    def resolve(self, server: str | None = None, account: int | None = None) -> SignedInAccount:
        """The one account meant: the only one signed in, or the one `--server/--account` name."""
        candidates = self.accounts()
        if server is not None:
            wanted = server.rstrip("/")
            candidates = [a for a in candidates if a.key.server_url == wanted]
        if account is not None:
            candidates = [a for a in candidates if a.key.account_id == account]
        if not candidates:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN)
        if len(candidates) > 1:
            names = ", ".join(f"{a.key.server_url} #{a.key.account_id}" for a in candidates)
            raise OperatorError(ErrorCode.AMBIGUOUS_ACCOUNT, names)
        return candidates[0]

    async def client_for(self, account: SignedInAccount) -> ChatwootClient:
        if account.user_email is None:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN)
        token = await self.tokens.aget(account.key.server_url, account.user_email)
        if token is None:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN, account.key.server_url)
        return ChatwootClient(
            account.key.server_url,
            token=token,
            account_id=account.key.account_id,
            ca_bundle=self.ca_bundle,
            clock=self.clock,
        )

    async def engine_for(
        self,
        account: SignedInAccount,
        *,
        settings: SyncSettings | None = None,
        cable_timings: CableTimings | None = None,
        on_status: StatusListener | None = None,
    ) -> SyncEngine:
        """The account's sync engine. Needs no network: the user id comes from the cache and
        the pubsub token is fetched when the engine first reaches the server, so that a
        client started while the server cannot be reached syncs once it can."""
        return SyncEngine(
            key=account.key,
            client=await self.client_for(account),
            cache=self.cache,
            worker=self.worker,
            user_id=account.user_id or 0,
            clock=self.clock,
            settings=settings,
            cable_timings=cable_timings,
            on_status=on_status,
            retention_days=self.retention.days(account.key),
            files=self.files,
        )

    def key(self, server_url: str, account_id: int) -> AccountKey:
        return AccountKey(server_url.rstrip("/"), account_id)
