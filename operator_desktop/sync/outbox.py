"""Replies are written locally first and delivered exactly once (the outbox).

Before its POST a sender *claims* the item in one UPDATE (`Cache.claim_outbox`), so of two
processes on one data folder, or two tasks in one, only one sends it; the claim names the
holder ("host:pid:nonce"), and a holder that died is taken over. Every attempt after the
first begins by fetching every server message since the item was queued and looking for the
server's copy (`Cache.find_sent_copy`: the echo id, else the same text from this agent that no
other item owns), so a response lost after the server acted never becomes a duplicate. The
server's message is also matched by `echo_id` from the HTTP reply or the cable event
(`Cache._settle_outbox`). Items go out in order per conversation: one still waiting holds back
the later ones of its conversation, a failed one (kept for the user to edit or retry) does not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.net.client import UploadFile
from operator_desktop.storage.cache import Cache, OutboxEntry
from operator_desktop.storage.database import DbWorker
from operator_desktop.storage.filevault import FileVault

if TYPE_CHECKING:
    from operator_desktop.sync.engine import SyncEngine

log = logging.getLogger("sync.outbox")

PERMANENT = {ErrorCode.VALIDATION, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND}


CLAIM_LEASE = 300.0  # seconds after which a claim is presumed abandoned, wherever its holder
CLOCK_SKEW = 300.0  # how far the server's clock may lag ours when matching by time
HANDOVER_WAIT = 30.0  # how long `deliver_through` waits for another process's attempt
HANDOVER_POLL = 0.25


def new_echo_id() -> str:
    return f"od-{uuid.uuid4()}"


async def enqueue_reply(
    worker: DbWorker,
    cache: Cache,
    key: AccountKey,
    display_id: int,
    content: str,
    *,
    now: float,
    private: bool = False,
    in_reply_to: int | None = None,
    attachments: tuple[dict[str, str], ...] = (),
) -> OutboxEntry:
    entry, _change = await worker.run(
        cache.enqueue,
        key,
        display_id,
        content,
        echo_id=new_echo_id(),
        private=private,
        now=now,
        in_reply_to=in_reply_to,
        attachments=attachments,
    )
    return entry


def _read(files: FileVault | None, path: str) -> bytes:
    """A staged file's bytes (unsealed when the cache's files are sealed)."""
    return files.read(Path(path)) if files is not None else Path(path).read_bytes()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim_abandoned(holder: str, claimed_at: float | None, now: float) -> bool:
    """Whether another sender's claim can be taken over: its process is gone, or it is old."""
    if claimed_at is None or now - claimed_at > CLAIM_LEASE:
        return True
    host, _, rest = holder.partition(":")
    pid, _, _nonce = rest.partition(":")
    return host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid))


class OutboxSender:
    """Delivers one account's outbox; each instance is its own claim holder."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    async def run(self) -> None:
        engine = self.engine
        while not engine.stopped:
            await self.deliver_all()
            engine.outbox_wakeup.clear()
            # asyncio.timeout, not wait_for: Python 3.11's wait_for swallows a cancellation that
            # comes as the wake-up is set, and the engine's stop then waited for ever
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(engine.settings.outbox_retry):
                    await engine.outbox_wakeup.wait()

    async def deliver_all(self) -> bool:
        """Try every waiting item once, in order per conversation; True when none is left.

        An item that stays pending (the server cannot be reached) ends the round; one that
        another sender holds only holds back the later items of its own conversation.
        """
        engine = self.engine
        entries = await engine.worker.run(engine.cache.outbox, engine.key)
        held: set[int] = set()
        for entry in entries:
            if entry.conversation_id in held:
                continue
            state = await self.deliver(entry)
            if state == "pending":
                return False
            if state == "held":
                held.add(entry.conversation_id)
        return not held

    async def deliver_through(self, entry_id: int) -> str:
        """Deliver one item after the older items of its conversation (the CLI's `send`).

        Returns the item's state: `sent`, `failed`, or `pending` when it must wait (offline,
        or another process still holds an older item after `HANDOVER_WAIT`).
        """
        engine = self.engine
        deadline = engine.clock.monotonic() + HANDOVER_WAIT
        while True:
            target = await engine.worker.run(engine.cache.outbox_item, entry_id)
            if target is None:
                return "failed"
            if target.state in ("sent", "failed"):
                return target.state
            queue = await engine.worker.run(
                engine.cache.outbox_for, engine.key, target.conversation_id
            )
            state = "sent"
            for entry in queue:
                if entry.id > entry_id:
                    break
                if entry.state not in ("pending", "sending"):
                    continue
                state = await self.deliver(entry)
                if state not in {"sent", "failed"}:
                    break
            if state == "pending":
                return "pending"
            if state == "held":
                if engine.clock.monotonic() > deadline:
                    return "pending"
                await asyncio.sleep(HANDOVER_POLL)  # another process's attempt; poll its outcome

    async def deliver(self, entry: OutboxEntry) -> str:
        """One attempt: `sent`, `failed`, `pending` (try later) or `held` (another sender's)."""
        engine = self.engine
        cache = engine.cache
        now = engine.clock.now()
        steal = None
        if entry.state == "sending" and entry.claimed_by is not None:
            if entry.claimed_by == self.owner or not claim_abandoned(
                entry.claimed_by, entry.claimed_at, now
            ):
                return "held"
            steal = entry.claimed_by
            log.info("outbox item %d: taking over an abandoned attempt", entry.id)
        claimed = await engine.worker.run(
            cache.claim_outbox, entry.id, self.owner, now, steal_from=steal
        )
        if claimed is None:
            return "held"  # settled or taken meanwhile; the next look at its state tells
        engine.publish(ChangeSet(engine.key, outbox={entry.conversation_id}))
        try:
            if claimed.attempts > 1:
                await engine.fetch_messages_since(
                    claimed.conversation_id,
                    claimed.after_message_id,
                    claimed.created_at - CLOCK_SKEW,
                )
                found = await engine.worker.run(
                    cache.find_sent_copy, engine.key, claimed, engine.user_id
                )
                if found is not None:
                    log.info("outbox item %d was already delivered", entry.id)
                    await engine.write(cache.mark_outbox_sent, entry.id, found)
                    return "sent"
            files = [
                UploadFile(
                    a["name"],
                    a["content_type"],
                    await asyncio.to_thread(_read, engine.files, a["path"]),
                )
                for a in claimed.attachments
            ]
            message = await engine.client.send_message(
                claimed.conversation_id,
                claimed.content,
                private=claimed.private,
                echo_id=claimed.echo_id,
                in_reply_to=claimed.in_reply_to,
                files=files,
            )
        except OperatorError as exc:
            if exc.code in PERMANENT:
                log.info("outbox item %d failed: %s", entry.id, exc.code.value)
                await self._finish(entry.id, "failed", exc.detail or exc.code.value)
                return "failed"
            await self._finish(entry.id, "pending")
            if exc.code is ErrorCode.SESSION_EXPIRED:
                raise
            log.info("outbox item %d not sent yet: %s", entry.id, exc.code.value)
            return "pending"
        except OSError as exc:
            await self._finish(entry.id, "failed", f"attachment unreadable: {exc}")
            return "failed"
        except BaseException:
            await asyncio.shield(self._finish(entry.id, "pending"))
            raise
        await engine.write(cache.record_delivery, engine.key, entry.id, message)
        return "sent"

    async def _finish(self, entry_id: int, state: str, error: str | None = None) -> None:
        engine = self.engine
        await engine.write(engine.cache.finish_attempt, entry_id, self.owner, state, error=error)
