"""`SyncEngine`: keeps one account's cache equal to the server (CONTRACT §8).

Cold start fetches reference data, every conversation of every status and then messages,
busiest first, under a request-rate cap. Live, cable events are persisted first and then
published as one `ChangeSet` per batch. After a drop it gap-fills with `updated_within`
(+15 s) and `after=`; after 3 h away it re-lists everything and reconciles (never wipes).
When no event arrives for 60 s it polls. Replies go through the outbox (`sync.outbox`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import math
import ssl
from collections.abc import Awaitable, Callable, Coroutine
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from operator_desktop.core import parse
from operator_desktop.core import types as t
from operator_desktop.core.backoff import Backoff
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.clock import Clock, SystemClock
from operator_desktop.core.errors import STORAGE_TROUBLE, ErrorCode, OperatorError, ProtocolError
from operator_desktop.core.status import CableState, Phase, SyncStatus
from operator_desktop.net.cable import CableClient, CableTimings, cable_url
from operator_desktop.net.client import ChatwootClient
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import DbWorker
from operator_desktop.storage.filevault import FileVault
from operator_desktop.storage.records import ConversationRecord, ReferenceKind
from operator_desktop.sync.limits import RateLimiter
from operator_desktop.sync.outbox import OutboxSender
from operator_desktop.sync.typing import TypingTracker, Typist

log = logging.getLogger("sync")

P = ParamSpec("P")
T = TypeVar("T")

ACTIVE_STATUSES = ("open", "pending", "snoozed")
ERRORS_KEPT = 50
STOP_PATIENCE = 2.0  # seconds a task has to end after its cancellation before it is cancelled again
# failures that pause a background task until the network or the other process lets go
PAUSING = {
    ErrorCode.NETWORK_DOWN,
    ErrorCode.TIMEOUT,
    ErrorCode.SERVER_ERROR,
    ErrorCode.RATE_LIMITED,
    ErrorCode.CACHE_BUSY,
}
# a cache that cannot be written (STORAGE_TROUBLE) is shown and tried again soon, or at
# once when asked (`retry_now`), so that writing resumes when space returns
STORAGE_RETRY_CAP = 15.0
AFTER_PAGE = 100
BEFORE_PAGE = 20
# how often live events record when the last one came (a gap after a kill is caught up from
# the recorded time, so one up to this much older only widens the catch-up)
EVENT_MARK_INTERVAL = 1.0
RETENTION_EVERY = 3600.0  # seconds between retention passes while running
# reference lists Chatwoot keeps no cache key for and sends no event about
UNKEYED_REFERENCE = frozenset({ReferenceKind.AGENTS, ReferenceKind.CANNED})
CONVERSATION_EVENTS = {
    "conversation.created",
    "conversation.updated",
    "conversation.status_changed",
    "conversation.read",
    "conversation.contact_changed",
    "assignee.changed",
    "team.changed",
    "conversation.mentioned",
}


@dataclass(frozen=True)
class SyncSettings:
    request_rate: float = 5.0  # background requests per second
    backfill_days: int = 90
    gap_margin: float = 15.0
    # conversations a catch-up fetches at once; more make live events wait behind its writes
    catch_up_concurrency: int = 1
    max_disconnect: float = 3 * 3600.0
    poll_after: float = 60.0
    tick: float = 1.0  # how often timers are checked
    typing_expiry: float = 30.0
    outbox_retry: float = 15.0
    # agents and canned responses (no cache key, no event) are re-read this often while live
    unkeyed_reference_every: float = 300.0


ChangeListener = Callable[[ChangeSet], None]
StatusListener = Callable[[SyncStatus], None]


class SyncEngine:
    def __init__(
        self,
        *,
        key: AccountKey,
        client: ChatwootClient,
        cache: Cache,
        worker: DbWorker,
        user_id: int,
        pubsub_token: str | None = None,
        clock: Clock | None = None,
        settings: SyncSettings | None = None,
        cable_timings: CableTimings | None = None,
        ssl_context: ssl.SSLContext | None = None,
        on_change: ChangeListener | None = None,
        on_status: StatusListener | None = None,
        retention_days: int | None = None,
        files: FileVault | None = None,
    ) -> None:
        self.key = key
        self.client = client
        self.cache = cache
        self.worker = worker
        self.user_id = user_id
        self.pubsub_token = pubsub_token
        self.clock = clock or SystemClock()
        self.settings = settings or SyncSettings()
        self.cable_timings = cable_timings or CableTimings()
        self.ssl_context = ssl_context
        self._on_change = on_change
        self._on_status = on_status
        self.status = SyncStatus()
        self.typing = TypingTracker(self.settings.typing_expiry)
        self.limiter = RateLimiter(self.clock, self.settings.request_rate)
        self.cable: CableClient | None = None
        self._events: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last_event_at = self.clock.monotonic()
        self._last_poll_at = self.clock.now()
        self._event_marked_at = -math.inf
        self.retention_days = retention_days  # None: keep the cache forever
        self.files = files  # downloaded and staged attachments, sealed like the cache
        self.files_dir = files.root if files else None  # (deleted with expired ones)
        self._expired_at = -math.inf
        self._disconnected_at: float | None = None
        # the cache may miss what happened on the server from this moment on: the catch-up
        # task fills it, retrying until it has (requests made while one runs wait their turn)
        self._catch_up_since: float | None = None
        self._catch_up_next: float | None = None
        self._catching_up = False
        self._catch_up_wakeup = asyncio.Event()
        # the conversations a gap-fill from `since` finished before it failed: not asked again
        self._gap_done: tuple[float, set[int]] | None = None
        # a full re-list that failed part-way resumes where it stopped, not at page 1
        self._listing: ConversationListing | None = None
        self._gap_lock = asyncio.Lock()
        self.outbox_wakeup = asyncio.Event()
        self._pauses: set[asyncio.Future[None]] = set()  # supervised tasks waiting to retry
        self.fetched = 0  # conversations whose newest messages a REST fetch made whole
        self.errors: collections.deque[OperatorError] = collections.deque(maxlen=ERRORS_KEPT)
        self._unapplied_since: float | None = None  # events lost to a failed write, from then
        self._reference_loaded_at = self.clock.monotonic()  # agents and canned, last read
        self._stopped = False

    # ---- plumbing -------------------------------------------------------------------------
    def add_listeners(
        self, on_change: ChangeListener | None, on_status: StatusListener | None
    ) -> None:
        """Also tell these (the window's controller) about changes and status."""
        previous_change, previous_status = self._on_change, self._on_status

        def change_fan_out(change: ChangeSet) -> None:
            if previous_change is not None:
                previous_change(change)
            if on_change is not None:
                on_change(change)

        def status_fan_out(status: SyncStatus) -> None:
            if previous_status is not None:
                previous_status(status)
            if on_status is not None:
                on_status(status)

        self._on_change = change_fan_out
        self._on_status = status_fan_out

    async def ensure_realtime_token(self) -> None:
        """Fetch the profile (user id, pubsub token) when the engine was built offline."""
        if self.pubsub_token is None:
            profile = await self._api(self.client.profile)
            self.pubsub_token = profile.pubsub_token
            self.user_id = profile.id

    def publish(self, change: ChangeSet | None) -> None:
        if change and self._on_change is not None:
            self._on_change(change)

    async def write(
        self, fn: Callable[P, ChangeSet | None], *args: P.args, **kwargs: P.kwargs
    ) -> ChangeSet | None:
        """Run a cache write on the database thread, then publish its change-set."""
        change = await self.worker.run(fn, *args, **kwargs)
        self.publish(change)
        return change

    def _set_status(self, **changes: Any) -> None:
        if self.status.phase is Phase.SIGNED_OUT:
            # a refused sign-in ends this engine: a cable that reconnects or a request that
            # succeeds after the refusal must not bring it back to life (nor hide the reason)
            changes.pop("phase", None)
            changes.pop("error", None)
        for name, value in changes.items():
            setattr(self.status, name, value)
        if self._on_status is not None:
            self._on_status(self.status)

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Start a background task that is kept, and whose failure is recorded and shown."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, OperatorError) and exc.code is ErrorCode.SESSION_EXPIRED:
            self._set_status(phase=Phase.SIGNED_OUT, error=exc)
            return
        err = self._recorded(task.get_name(), exc)
        self._set_status(error=err)

    def _recorded(self, name: str, exc: BaseException) -> OperatorError:
        """Log a task's failure and keep it (bounded); a non-coded one is a bug: INTERNAL."""
        if isinstance(exc, OperatorError):
            log.warning("sync task %s failed: %s", name, exc.code.value)
            err = exc
        else:
            log.error("sync task %s failed", name, exc_info=exc)
            err = OperatorError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}")
            err.__cause__ = exc
        self.errors.append(err)
        return err

    async def _supervised(self, name: str, work: Callable[[], Awaitable[None]]) -> None:
        """Run a long-lived task until it returns; when it fails, restart it after a backoff.

        A lost network or a cache locked by another process only pauses it (logged at INFO);
        a revoked sign-in ends it (the engine signs out); anything else is recorded and shown.
        An attempt that got somewhere (it ran a minute, or fetched a conversation) starts the
        backoff afresh: under flaky networks it is tried again soon, not after minutes.
        """
        delays = Backoff(base=1.0, cap=60.0)
        while not self._stopped:
            started = self.clock.monotonic()
            fetched = self.fetched
            try:
                await work()
                return
            except OperatorError as exc:
                if exc.code is ErrorCode.SESSION_EXPIRED:
                    raise
                if exc.code in PAUSING:
                    log.info("sync task %s paused: %s", name, exc.code.value)
                else:
                    self._set_status(error=self._recorded(name, exc))
                if exc.code in STORAGE_TROUBLE:
                    await self._pause(min(delays.next_delay(), STORAGE_RETRY_CAP))
                    continue
            except Exception as exc:  # a bug: keep syncing, but show it
                self._set_status(error=self._recorded(name, exc))
            if self.clock.monotonic() - started > 60.0 or self.fetched != fetched:
                delays.reset()
            await self._pause(delays.next_delay())

    async def _pause(self, delay: float) -> None:
        """Sleep `delay` seconds, or less if `retry_now` is called meanwhile."""
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pauses.add(woken)
        nap = asyncio.ensure_future(self.clock.sleep(delay))
        try:
            await asyncio.wait({woken, nap}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._pauses.discard(woken)
            nap.cancel()

    def retry_now(self) -> None:
        """Try the paused background work again at once (the operator freed disk space)."""
        for woken in list(self._pauses):
            if not woken.done():
                woken.set_result(None)
        self.outbox_wakeup.set()

    async def _api(self, call: Callable[[], Awaitable[Any]], *, background: bool = False) -> Any:
        if background:
            await self.limiter.acquire()
        try:
            return await call()
        except OperatorError as exc:
            if exc.code is ErrorCode.SESSION_EXPIRED:
                self._set_status(phase=Phase.SIGNED_OUT, error=exc)
            raise

    # ---- reference data ------------------------------------------------------------------
    async def refresh_reference(self, kinds: AbstractSet[ReferenceKind] | None = None) -> None:
        """Re-fetch reference lists (all of them by default), then remember the cache keys."""
        await self.reload_reference(kinds)
        keys = await self._api(self.client.cache_keys)
        await self.worker.run(
            self.cache.update_sync_state, self.key, cache_keys=json.dumps(keys, sort_keys=True)
        )

    async def reload_reference(self, kinds: AbstractSet[ReferenceKind] | None = None) -> None:
        """Re-fetch reference lists and replace them in the cache, leaving the recorded cache
        keys alone (a list without a key, or one just changed here, is not a revalidation:
        the keyed lists it did not fetch may still be stale)."""
        c = self.client
        fetchers: dict[ReferenceKind, Callable[[], Awaitable[list[Any]]]] = {
            ReferenceKind.INBOXES: c.inboxes,
            ReferenceKind.AGENTS: c.agents,
            ReferenceKind.TEAMS: c.teams,
            ReferenceKind.LABELS: c.labels,
            ReferenceKind.CANNED: c.canned_responses,
        }
        for kind, fetch in fetchers.items():
            if kinds is None or kind in kinds:
                items = await self._api(fetch)
                await self.write(self.cache.replace_reference, self.key, kind, items)
        if kinds is None or ReferenceKind.ATTRIBUTES in kinds:
            defs: list[Any] = []
            for model in ("conversation_attribute", "contact_attribute"):
                defs += await self._api(
                    lambda model=model: c.custom_attribute_definitions(model)  # type: ignore[misc]
                )
            await self.write(self.cache.replace_reference, self.key, ReferenceKind.ATTRIBUTES, defs)
        if kinds is None or kinds >= UNKEYED_REFERENCE:
            self._reference_loaded_at = self.clock.monotonic()

    async def reload_unkeyed_reference(self) -> None:
        """Agents and canned responses have no cache key and no cable event in Chatwoot
        4.10.1 (the dashboard re-reads agents on every page load and canned responses each
        time their popup opens); a client that stays open re-reads them now and then."""
        await self.reload_reference(UNKEYED_REFERENCE)

    async def revalidate_reference(self, pushed: dict[str, Any] | None = None) -> None:
        """Re-fetch label, inbox and team lists whose cache key changed (§6 cache_keys)."""
        state = await self.worker.run(self.cache.sync_state, self.key)
        old = json.loads(state.cache_keys or "{}")
        new = (
            {str(k): str(v) for k, v in pushed.items()}
            if pushed is not None
            else await self._api(self.client.cache_keys)
        )
        mapping = {
            "label": ReferenceKind.LABELS,
            "inbox": ReferenceKind.INBOXES,
            "team": ReferenceKind.TEAMS,
        }
        stale = {mapping[k] for k in mapping if old.get(k) != new.get(k)}
        if stale:
            await self.refresh_reference(stale)
        if self._reference_due():  # a catch-up after a while away: the unkeyed lists too
            await self.reload_unkeyed_reference()

    def _reference_due(self) -> bool:
        return (
            self.clock.monotonic() - self._reference_loaded_at
            >= self.settings.unkeyed_reference_every
        )

    # ---- conversations and messages -----------------------------------------------------
    async def list_all_conversations(self) -> ConversationListing:
        """Page through every conversation of every status; returns the listing (the ids
        seen, and when it began). A listing that failed part-way resumes where it stopped,
        and a finished one is kept until the sync using it ends (`_listing_used`)."""
        listing = self._listing or ConversationListing(began=self.clock.now())
        self._listing = listing
        while not listing.complete:
            page_no = listing.next_page
            page = await self._api(
                lambda n=page_no: self.client.conversations(status="all", page=n),  # type: ignore[misc]
                background=page_no > 1,
            )
            if page_no == 1 and page.all_count is not None:
                self._set_status(total=max(self.status.total, page.all_count))
            await self.write(self.cache.upsert_conversations, self.key, page.items)
            listing.seen |= {c.id for c in page.items}
            listing.next_page += 1
            listing.complete = len(page.items) < 25
            self._set_status(done=len(listing.seen))
        return listing

    def _listing_used(self) -> None:
        """The sync that listed every conversation has ended: the next one lists again."""
        self._listing = None

    async def _mark_missing(self, listing: ConversationListing) -> None:
        """Flag what the listing did not show, but not what was active while it ran: a
        conversation that moved up the pages past the listing's cursor is still there."""
        before = listing.began - self.settings.gap_margin
        await self.write(self.cache.mark_missing_conversations, self.key, listing.seen, before)

    async def fetch_latest_messages(self, display_id: int, *, background: bool = True) -> None:
        asked = self.clock.now()
        msgs = await self._api(lambda: self.client.messages(display_id), background=background)
        await self.write(self.cache.upsert_messages, self.key, msgs)
        await self.worker.run(
            self.cache.note_fetched,
            self.key,
            display_id,
            newest=max((m.id for m in msgs), default=None),
            asked_at=asked,
            latest_page=True,
            history_complete=len(msgs) < BEFORE_PAGE,
        )
        self.fetched += 1

    async def load_older(self, display_id: int, *, background: bool = False) -> int:
        """One older page (20) before the oldest cached message; 0 when history is complete."""
        lo, _hi = await self.worker.run(self.cache.message_bounds, self.key, display_id)
        if lo is None:
            await self.fetch_latest_messages(display_id, background=background)
            return BEFORE_PAGE
        msgs = await self._api(
            lambda: self.client.messages(display_id, before=lo), background=background
        )
        await self.write(self.cache.upsert_messages, self.key, msgs)
        if len(msgs) < BEFORE_PAGE:
            await self.worker.run(
                self.cache.set_conversation_flags, self.key, display_id, history_complete=True
            )
        return len(msgs)

    async def fetch_messages_since(
        self, display_id: int, after_message_id: int | None, not_before: float
    ) -> None:
        """Cache every server message newer than `after_message_id` (or, with no such id,
        created from `not_before` on), whatever the cache's sync state: the outbox searches
        them for a reply whose answer was lost."""
        if after_message_id is not None:
            since = after_message_id
            while True:
                msgs = await self._api(lambda s=since: self.client.messages(display_id, after=s))  # type: ignore[misc]
                await self.write(self.cache.upsert_messages, self.key, msgs)
                if len(msgs) < AFTER_PAGE:
                    return
                since = max(m.id for m in msgs)
        msgs = await self._api(lambda: self.client.messages(display_id))
        while msgs:
            await self.write(self.cache.upsert_messages, self.key, msgs)
            oldest = min(msgs, key=lambda m: m.id)
            if len(msgs) < BEFORE_PAGE or oldest.created_at < not_before:
                return
            msgs = await self._api(lambda o=oldest.id: self.client.messages(display_id, before=o))  # type: ignore[misc]

    async def catch_up_messages(self, display_id: int) -> None:
        """`after=` the last contiguously cached message, looping while 100 come back (§8.3)."""
        while True:
            row = await self.worker.run(self.cache.conversation, self.key, display_id)
            since = row.synced_through if row is not None else None
            if since is None:
                await self.fetch_latest_messages(display_id)
                return
            asked = self.clock.now()
            msgs = await self._api(lambda s=since: self.client.messages(display_id, after=s))  # type: ignore[misc]
            await self.write(self.cache.upsert_messages, self.key, msgs)
            whole = len(msgs) < AFTER_PAGE
            await self.worker.run(
                self.cache.note_fetched,
                self.key,
                display_id,
                newest=max((m.id for m in msgs), default=None),
                asked_at=asked if whole else None,
            )
            if whole:
                self.fetched += 1
                return

    async def cold_sync(self) -> None:
        """List every conversation, then fetch the latest messages of each one listed.

        Conversations that appear after the listing (live events) are not waited for: their
        messages come live, and any the cable missed are caught up from the listing's moment.
        """
        self._set_status(phase=Phase.COLD_SYNC, done=0, total=0)
        if self._listing is None:
            await self.refresh_reference()
        listing = await self.list_all_conversations()
        await self._mark_missing(listing)
        began = listing.began  # later changes are caught up from here
        convs = await self.worker.run(self.cache.conversations, self.key)
        pending = [c for c in convs if not c.messages_synced and c.display_id in listing.seen]
        recent = self.clock.now() - 2 * 86400
        pending.sort(
            key=lambda c: (
                c.status not in ACTIVE_STATUSES and (c.last_activity_at or 0) < recent,
                -(c.last_activity_at or 0),
            )
        )
        self._set_status(done=0, total=len(pending))
        for i, conv in enumerate(pending, start=1):
            try:
                await self.fetch_latest_messages(conv.display_id)
            except OperatorError as exc:
                if exc.code is not ErrorCode.NOT_FOUND:
                    raise
                log.info("conversation %d is gone from the server", conv.display_id)
                await self.write(self.cache.mark_conversations_gone, self.key, {conv.display_id})
            self._set_status(done=i)
        await self.worker.run(
            self.cache.update_sync_state,
            self.key,
            cold_sync_done=True,
            last_full_sync_at=began,
            last_event_at=began,
        )
        self._listing_used()
        # what changed since the listing began (conversations opened meanwhile) is caught up
        self._need_catch_up(began)
        await self._save_gap()
        self._synced(self.clock.now())

    async def gap_fill(self, since: float) -> None:
        """Everything changed since `since`: `updated_within` (+margin), then `after=`."""
        async with self._gap_lock:
            now = self.clock.now()
            if now - since > self.settings.max_disconnect:
                await self.full_resync()
                return
            window = int(now - since + self.settings.gap_margin) + 1
            page = await self._api(
                lambda: self.client.conversations(status="all", updated_within=window)
            )
            await self.write(self.cache.upsert_conversations, self.key, page.items)
            if self._gap_done is None or self._gap_done[0] != since:
                self._gap_done = (since, set())
            done = self._gap_done[1]
            began = self.clock.monotonic()
            rows = await self.worker.run(
                self.cache.conversations_by_id, self.key, [c.id for c in page.items]
            )
            todo = [
                c
                for c in page.items
                if c.id not in done and not self._unchanged_since_caught_up(rows.get(c.id), c)
            ]
            log.info(
                "catching up %.0f s: %d conversations changed, %d to fetch",
                now - since,
                len(page.items),
                len(todo),
            )

            async def catch_up(conv: t.Conversation) -> None:
                row = rows.get(conv.id)
                if row is not None and row.messages_synced:
                    await self.catch_up_messages(conv.id)
                else:
                    await self.fetch_latest_messages(conv.id, background=False)
                done.add(conv.id)

            await _each_at_most(self.settings.catch_up_concurrency, todo, catch_up)
            log.info("caught up in %.1f s", self.clock.monotonic() - began)
            self._gap_done = None
            await self.revalidate_reference()
            self._last_poll_at = now
            await self.worker.run(self.cache.update_sync_state, self.key, last_event_at=now)
            self._synced(now)

    def _unchanged_since_caught_up(
        self, row: ConversationRecord | None, conv: t.Conversation
    ) -> bool:
        """The server has not touched the conversation since REST last made its newest
        messages whole (the server's clock may be behind ours by up to `gap_margin`)."""
        if row is None or not row.messages_synced or row.caught_up_at is None:
            return False
        return conv.updated_at is not None and (
            conv.updated_at < row.caught_up_at - self.settings.gap_margin
        )

    async def full_resync(self) -> None:
        """Past 3 h away: re-list and reconcile; drafts and the outbox are untouched."""
        log.info("full resync of %s/%s", self.key.server_url, self.key.account_id)
        if self._listing is None:
            await self.refresh_reference()
        listing = await self.list_all_conversations()
        await self._mark_missing(listing)
        began = listing.began
        for display_id in sorted(listing.seen):
            row = await self.worker.run(self.cache.conversation, self.key, display_id)
            if row is not None and row.messages_synced:
                await self.catch_up_messages(display_id)
        await self.worker.run(
            self.cache.update_sync_state,
            self.key,
            last_full_sync_at=began,
            last_event_at=began,
        )
        self._last_poll_at = began
        self._listing_used()
        self._synced(self.clock.now())

    async def expire_old(self) -> ChangeSet | None:
        """Retention: delete from the cache the conversations inactive for longer than
        `retention_days` (never from the server), and their downloaded files."""
        if self.retention_days is None:
            return None
        now = self.clock.now()
        self._expired_at = now
        expired = await self.worker.run(
            self.cache.expire_conversations, self.key, now - self.retention_days * 86400
        )
        if self.files_dir is not None and expired.files:
            await asyncio.to_thread(_delete_files, self.files_dir, expired.files)
        if expired.change.removed_conversations:
            log.info(
                "retention: %d conversations older than %d days left the cache",
                len(expired.change.removed_conversations),
                self.retention_days,
            )
        self.publish(expired.change)
        return expired.change

    def _retention_cutoff(self) -> float:
        if self.retention_days is None:
            return -math.inf
        return self.clock.now() - self.retention_days * 86400

    async def backfill(self) -> None:
        """Whole transcripts of conversations active in the last N days, in the background."""
        cutoff = max(
            self.clock.now() - self.settings.backfill_days * 86400, self._retention_cutoff()
        )
        convs = await self.worker.run(self.cache.conversations, self.key)
        for conv in convs:
            if (conv.last_activity_at or 0) < cutoff:
                continue
            while True:
                row = await self.worker.run(self.cache.conversation, self.key, conv.display_id)
                if row is None or row.history_complete:
                    break
                try:
                    if await self.load_older(conv.display_id, background=True) == 0:
                        break
                except OperatorError as exc:
                    if exc.code is not ErrorCode.NOT_FOUND:
                        raise
                    log.info("backfill: conversation %d is gone from the server", conv.display_id)
                    break

    # ---- live events ------------------------------------------------------------------------
    async def on_cable_event(self, event: str, data: dict[str, Any]) -> None:
        self._last_event_at = self.clock.monotonic()
        self._events.put_nowait((event, data))

    def on_cable_state(self, state: CableState, detail: str) -> None:
        previous = self.status.cable
        self._set_status(cable=state)
        if state is CableState.CONNECTED:
            self._set_status(phase=Phase.LIVE)
            if self.status.error is not None and self.status.error.code in PAUSING:
                self._set_status(error=None)  # the server answers again
            self._last_event_at = self.clock.monotonic()
            if self._disconnected_at is not None:
                since, self._disconnected_at = self._disconnected_at, None
                self._need_catch_up(since)
            self.outbox_wakeup.set()
        elif state in (CableState.DISCONNECTED, CableState.CONNECTING):
            if previous is CableState.CONNECTED and self._disconnected_at is None:
                self._disconnected_at = self.clock.now()
                self.spawn(self._save_gap(), "record-disconnect")
        elif state is CableState.UNAUTHORIZED:
            log.warning("cable unauthorized: %s", detail)
            self.spawn(self._check_session(), "check-session")

    def _synced(self, now: float) -> None:
        """A sync finished: the server is reachable again, so clear the offline state."""
        phase = self.status.phase
        if phase in (Phase.COLD_SYNC, Phase.OFFLINE, Phase.IDLE):
            phase = Phase.LIVE
        self._set_status(last_sync_at=now, error=None, phase=phase)

    def _need_catch_up(self, since: float) -> None:
        """The cache may miss what happened from `since` on: have the catch-up task fill it."""
        if self._catching_up:
            self._catch_up_next = _earliest(self._catch_up_next, since)
        else:
            self._catch_up_since = _earliest(self._catch_up_since, since)
        self._gap_done = None  # something new may have been missed anywhere
        self._catch_up_wakeup.set()
        self.spawn(self._save_gap(), "record-gap")

    def _gap_since(self) -> float | None:
        """The earliest moment from which the cache may miss server changes, if any."""
        pending = _earliest(self._catch_up_since, self._catch_up_next)
        return _earliest(pending, self._disconnected_at)

    async def _save_gap(self) -> None:
        """Record `_gap_since()` (as `disconnected_at`), so that a process killed before the
        gap is filled starts the next one's catch-up from there, not from its last event."""
        await self.worker.run(
            self.cache.update_sync_state, self.key, disconnected_at=self._gap_since()
        )

    async def _catch_up_loop(self) -> None:
        """Fill each gap `_need_catch_up` reports; a failed attempt is retried by the supervisor
        (the gap is kept, and so are the conversations it finished)."""
        while True:
            if self._catch_up_since is None:
                await self._catch_up_wakeup.wait()
            self._catch_up_wakeup.clear()
            since = self._catch_up_since
            if since is None:
                continue
            self._catching_up = True
            try:
                await self._reconnected(since)
            except BaseException:
                self._catch_up_since = _earliest(since, self._catch_up_next)
                raise
            else:
                self._catch_up_since = self._catch_up_next
            finally:
                self._catching_up = False
                self._catch_up_next = None
            await self._save_gap()

    async def _reconnected(self, since: float) -> None:
        """Back online: catch up, or do the first sync if the app started offline."""
        state = await self.worker.run(self.cache.sync_state, self.key)
        if state.cold_sync_done:
            await self.gap_fill(since)
        else:
            await self.cold_sync()

    async def _check_session(self) -> None:
        """The cable refused us: find out whether the token was revoked."""
        await self._api(self.client.profile)

    async def apply_events(self, batch: list[tuple[str, dict[str, Any]]]) -> ChangeSet:
        """Persist a batch of cable events, then publish one change-set."""
        convs: list[t.Conversation] = []
        msgs: list[t.Message] = []
        contacts: list[t.Contact] = []
        change = ChangeSet(self.key)
        now = self.clock.now()
        refresh_keys: dict[str, Any] | None = None
        for event, data in batch:
            try:
                if event in ("message.created", "message.updated", "first.reply.created"):
                    msgs.append(parse.message(parse.root(data, event)))
                elif event in CONVERSATION_EVENTS:
                    convs.append(parse.conversation(parse.root(data, event), self.key.account_id))
                elif event in ("conversation.typing_on", "conversation.typing_off"):
                    self._apply_typing(event, data, now, change)
                elif event in ("contact.created", "contact.updated", "contact.merged"):
                    contacts.append(parse.contact(parse.root(data, event)))
                elif event == "account.cache_invalidated":
                    keys = parse.root(data, event).mapping("cache_keys")
                    refresh_keys = dict(keys)
                elif event in ("notification.created", "notification.updated"):
                    self._apply_notification(event, data, change)
                elif event == "notification.deleted":
                    o = parse.root(data, event)
                    change.notifications[o.obj("notification").integer("id")] = None
                    change.unread_notifications = o.opt_int("unread_count")
                elif event == "presence.update":
                    users = parse.root(data, event).mapping("users")
                    self.status.presence = {
                        int(k): str(v) for k, v in users.items() if str(k).isdigit()
                    }
            except ProtocolError as exc:
                log.warning("skipped a malformed %s event: %s", event, exc.detail)
        if convs:
            change |= await self.worker.run(self.cache.upsert_conversations, self.key, convs)
        if msgs:
            change |= await self.worker.run(self.cache.upsert_messages, self.key, msgs)
            for msg in msgs:
                if msg.message_type == t.MessageType.INCOMING:
                    self.typing.update(
                        msg.conversation_id, f"contact:{msg.sender.id if msg.sender else 0}", None
                    )
        if contacts:
            change |= await self.worker.run(self.cache.upsert_contacts, self.key, contacts)
        if now - self._event_marked_at >= EVENT_MARK_INTERVAL:
            await self.worker.run(self.cache.update_sync_state, self.key, last_event_at=now)
            self._event_marked_at = now
        self.publish(change)
        if self.status.phase is Phase.LIVE:
            self._set_status(last_sync_at=now)  # live events keep the cache current
        if refresh_keys is not None:
            self.spawn(self.revalidate_reference(refresh_keys), "revalidate-reference")
        return change

    @staticmethod
    def _apply_notification(event: str, data: dict[str, Any], change: ChangeSet) -> None:
        """The bell's entries are not cached: the change-set carries their new state."""
        o = parse.root(data, event)
        note = parse.notification(o.obj("notification"))
        change.notifications[note.id] = note
        if event == "notification.created":
            change.new_notifications.add(note.id)
        change.unread_notifications = o.opt_int("unread_count")

    def _apply_typing(
        self, event: str, data: dict[str, Any], now: float, change: ChangeSet
    ) -> None:
        o = parse.root(data, event)
        conv = o.obj("conversation").integer("id")
        user = o.obj("user")
        kind = user.opt_text("type") or "user"
        who = f"{kind}:{user.integer('id')}"
        if event.endswith("typing_on"):
            typist = Typist(
                name=user.opt_text("name") or user.text("available_name", ""),
                is_contact=kind == "contact",
                is_private=o.flag("is_private"),
                since=now,
            )
            self.typing.update(conv, who, typist)
        else:
            self.typing.update(conv, who, None)
        change.typing.add(conv)

    async def _event_consumer(self) -> None:
        """Apply cable events in batches; a batch that could not be written is recovered by a
        gap-fill from when it failed, before the next batch (the supervisor restarts us)."""
        while True:
            if self._unapplied_since is not None:
                await self.gap_fill(self._unapplied_since)
                self._unapplied_since = None
            first = await self._events.get()
            batch = [first]
            while not self._events.empty() and len(batch) < 200:
                batch.append(self._events.get_nowait())
            try:
                await self.apply_events(batch)
            except BaseException:
                if self._unapplied_since is None:
                    self._unapplied_since = self.clock.now()
                raise

    async def _timers(self) -> None:
        """Typing expiry and the polling fallback when events stop (§10.13)."""
        while True:
            await self.clock.sleep(self.settings.tick)
            now = self.clock.now()
            expired = self.typing.expire(now)
            if expired:
                self.publish(ChangeSet(self.key, typing=expired))
            if self.retention_days is not None and now - self._expired_at >= RETENTION_EVERY:
                await self.expire_old()
            if self._reference_due() and self.status.cable is CableState.CONNECTED:
                self._reference_loaded_at = self.clock.monotonic()  # one at a time
                self.spawn(self.reload_unkeyed_reference(), "reload-reference")
            quiet = self.clock.monotonic() - self._last_event_at
            since_poll = now - self._last_poll_at
            if quiet >= self.settings.poll_after and since_poll >= self.settings.poll_after:
                since = self._last_poll_at
                self._last_poll_at = now
                try:
                    await self.gap_fill(since)
                except OperatorError as exc:
                    if exc.code is ErrorCode.SESSION_EXPIRED:
                        raise
                    log.info("poll failed: %s", exc.code.value)
                    self._set_status(phase=Phase.OFFLINE, error=exc)
                    self._need_catch_up(since)

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start_from_cache(self) -> None:
        """Connect in the background: cold sync the first time, otherwise catch up."""
        state = await self.worker.run(self.cache.sync_state, self.key)
        if not state.cold_sync_done:
            await self.cold_sync()
        else:
            await self.gap_fill(await self._resume_point())

    async def _resume_point(self) -> float:
        """Since when the cache may miss server changes: the recorded gap, else the last event."""
        state = await self.worker.run(self.cache.sync_state, self.key)
        since = state.disconnected_at or state.last_event_at or state.last_full_sync_at or 0.0
        return float(since)

    async def run(self, *, live: bool = True) -> None:
        """Sync, then (with `live`) stay connected until cancelled or signed out.

        Without `live` a failed initial sync raises; live, the app carries on offline from
        the cache and catches up once the server answers.
        """
        self.spawn(self._supervised("events", self._event_consumer), "events")
        outbox = OutboxSender(self)
        # what changes from here until the cable is connected is caught up once it is, also
        # when this first sync fails and the catch-up task does it
        self._disconnected_at = self.clock.now()
        try:
            await self.expire_old()
            await self.start_from_cache()
            await self._save_gap()
        except OperatorError as exc:
            if exc.code is ErrorCode.SESSION_EXPIRED or not live:
                raise  # a one-off sync that failed is a failure, not "synced"
            log.info("initial sync failed: %s", exc.code.value)
            self._set_status(phase=Phase.OFFLINE, error=exc)
            since = 0.0  # the cache cannot say (another process holds it): re-list it all
            with contextlib.suppress(OperatorError):
                since = await self._resume_point()
            self._need_catch_up(since)
        if not live:
            await outbox.deliver_all()
            return
        if self.status.phase is not Phase.OFFLINE:
            self._set_status(phase=Phase.LIVE)
        self.spawn(self._supervised("outbox", outbox.run), "outbox")
        self.spawn(self._supervised("catch-up", self._catch_up_loop), "catch-up")
        self.spawn(self._supervised("timers", self._timers), "timers")
        self.spawn(self._supervised("backfill", self.backfill), "backfill")
        self.spawn(self._start_cable(), "cable-start")
        while self.status.phase is not Phase.SIGNED_OUT and not self._stopped:
            await self.clock.sleep(self.settings.tick)

    async def _start_cable(self) -> None:
        """Start the cable; when the app started offline, first wait for the pubsub token."""
        delays = Backoff(base=2.0, cap=60.0)
        while self.pubsub_token is None:
            try:
                await self.ensure_realtime_token()
            except OperatorError as exc:
                if exc.code is ErrorCode.SESSION_EXPIRED:
                    raise
                log.info("no realtime token yet: %s", exc.code.value)
                await self.clock.sleep(delays.next_delay())
        assert self.pubsub_token is not None
        self.cable = CableClient(
            cable_url(self.client.base_url),
            pubsub_token=self.pubsub_token,
            account_id=self.key.account_id,
            user_id=self.user_id,
            on_event=self.on_cable_event,
            on_state=self.on_cable_state,
            ssl_context=self.ssl_context,
            timings=self.cable_timings,
            clock=self.clock,
        )
        await self.cable.run()

    @property
    def stopped(self) -> bool:
        return self._stopped

    async def stop(self) -> None:
        """End `run()` and every background task it started."""
        self._stopped = True
        if self.cable is not None:
            await self.cable.stop()
        pending = set(self._tasks)
        for task in pending:
            task.cancel()
        while pending:
            done, pending = await asyncio.wait(pending, timeout=STOP_PATIENCE)
            for task in done:
                if not task.cancelled():
                    task.exception()  # retrieved: ended by the stop, not a failure to show
            for task in pending:  # a cancellation swallowed on the way (3.11's wait_for): again
                log.warning(
                    "sync task %s did not stop when asked: cancelled again", task.get_name()
                )
                task.cancel()


@dataclass
class ConversationListing:
    """A full re-list: when it began, the next page to ask, the ids seen, whether done."""

    began: float
    next_page: int = 1
    seen: set[int] = field(default_factory=set)
    complete: bool = False


async def _each_at_most(limit: int, items: list[T], work: Callable[[T], Awaitable[None]]) -> None:
    """`work` on every item, `limit` at a time; the first failure cancels the rest and is
    raised (what finished stays finished)."""
    pending = iter(items)

    async def worker() -> None:
        for item in pending:
            await work(item)

    tasks = [asyncio.ensure_future(worker()) for _ in range(max(1, min(limit, len(items))))]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            if task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _earliest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _delete_files(root: Path, relative: list[str]) -> None:
    """Downloaded files of expired conversations (only inside `root`; gone ones skipped)."""
    base = root.resolve()
    for name in relative:
        path = (base / name).resolve()
        if path.is_relative_to(base):
            with contextlib.suppress(OSError):
                path.unlink()
