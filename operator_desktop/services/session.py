"""Where the app keeps its data, and the signed-in accounts in it.

`DataDir` resolves the data folder (platformdirs, or `--data-dir`). `Workspace` opens the
cache on its database thread and builds what one account needs: its token from the keyring,
a `ChatwootClient`, a `SyncEngine`. The CLI and the window both compose from here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.clock import Clock, SystemClock
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.net.cable import CableTimings
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.retention import RetentionSettings
from operator_desktop.services.secrets import TokenStore
from operator_desktop.storage.cache import Cache, SignedInAccount
from operator_desktop.storage.database import CacheDatabase, DbWorker, is_writable
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
    loop keeps running (and can show progress).
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
    ) -> None:
        self.data_dir = data_dir
        self.reading_only = reading_only
        self.tokens = tokens or TokenStore()
        self.clock = clock or SystemClock()
        self.ca_bundle = ca_bundle
        self.worker = DbWorker(on_damage=lambda: mark_for_rebuild(data_dir.cache_file))
        self.rebuilt: Rebuilt | None = None  # set when the open found the cache damaged
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
    ) -> Workspace:
        """A workspace whose cache was opened and migrated without blocking the caller's loop."""
        workspace = cls(data_dir, tokens=tokens, clock=clock, ca_bundle=ca_bundle, open_cache=False)
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
        """Open the cache; in a folder that cannot be written, read-only for a caller that only
        reads (`reading_only`), else the coded read-only error. A damaged cache (found now, or
        marked while running) is rebuilt (`recovery`)."""
        path = self.data_dir.cache_file
        if not is_writable(path):
            if not self.reading_only:
                raise OperatorError(ErrorCode.CACHE_READ_ONLY, str(path.parent))
            log.info(
                "the data folder %s cannot be written: reading the cache as it is", path.parent
            )
            return Cache(CacheDatabase(path, read_only=True))
        if rebuild_marker(path).exists():
            return self._rebuild(path)
        try:
            return Cache(CacheDatabase(path))
        except OperatorError as exc:
            if exc.code is not ErrorCode.CACHE_DAMAGED:
                raise
            return self._rebuild(path)

    def _rebuild(self, path: Path) -> Cache:
        """A damaged cache: set aside, and a fresh one made with what could be salvaged."""
        self.rebuilt = set_aside(path)
        database = CacheDatabase(path)
        restore(database.db, self.rebuilt)
        return Cache(database)

    @property
    def read_only(self) -> bool:
        return self.cache.database.read_only

    def close(self) -> None:
        if self._cache is not None:
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
            files_dir=self.data_dir.files_dir,
        )

    def key(self, server_url: str, account_id: int) -> AccountKey:
        return AccountKey(server_url.rstrip("/"), account_id)
