"""Replies are written locally first and delivered exactly once (the outbox).

An item is marked `sending` (with its attempt counted) *before* the POST, so a crash mid-send
is detected on the next run: the conversation's newer messages are fetched and searched for
the same content from this agent, and the item is resent only if absent. The server's
message is matched by `echo_id` (HTTP reply or cable event, `Cache._settle_outbox`). A 422
marks the item failed with the server's message, kept for the user to edit or retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.net.client import UploadFile
from operator_desktop.storage.cache import Cache, OutboxEntry
from operator_desktop.storage.database import DbWorker

if TYPE_CHECKING:
    from operator_desktop.sync.engine import SyncEngine

log = logging.getLogger("sync.outbox")

SENDING = ("sending",)
PERMANENT = {ErrorCode.VALIDATION, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND}


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


def _read(path: str) -> bytes:
    return Path(path).read_bytes()


class OutboxSender:
    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine

    async def run(self) -> None:
        engine = self.engine
        while True:
            await self.deliver_all()
            engine.outbox_wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(engine.outbox_wakeup.wait(), engine.settings.outbox_retry)

    async def deliver_all(self) -> bool:
        """Try every pending item once, oldest first; True when none is left pending."""
        engine = self.engine
        entries = await engine.worker.run(engine.cache.outbox, engine.key)
        for entry in entries:
            state = await self.deliver(entry)
            if state == "pending":
                return False  # offline: keep the order, try again later
        return True

    async def deliver(self, entry: OutboxEntry) -> str:
        engine = self.engine
        cache = engine.cache
        try:
            if entry.state == "sending" or entry.attempts > 0:
                await engine.catch_up_messages(entry.conversation_id)
                found = await engine.worker.run(
                    cache.find_sent_copy, engine.key, entry, engine.user_id
                )
                if found is not None:
                    log.info("outbox item %d was already delivered", entry.id)
                    await engine.write(cache.mark_outbox_sent, entry.id, found)
                    return "sent"
            claimed = await engine.write(
                cache.set_outbox_state,
                entry.id,
                "sending",
                attempt=True,
                only_from=("pending", "sending"),
            )
            if claimed is None:
                return "sent"  # settled by the cable's echo meanwhile, or discarded
            files = [
                UploadFile(a["name"], a["content_type"], await asyncio.to_thread(_read, a["path"]))
                for a in entry.attachments
            ]
            message = await engine.client.send_message(
                entry.conversation_id,
                entry.content,
                private=entry.private,
                echo_id=entry.echo_id,
                in_reply_to=entry.in_reply_to,
                files=files,
            )
        except OperatorError as exc:
            if exc.code in PERMANENT:
                log.info("outbox item %d failed: %s", entry.id, exc.code.value)
                await engine.write(
                    cache.set_outbox_state,
                    entry.id,
                    "failed",
                    error=exc.detail or exc.code.value,
                    only_from=SENDING,
                )
                return "failed"
            if exc.code is ErrorCode.SESSION_EXPIRED:
                await engine.write(cache.set_outbox_state, entry.id, "pending", only_from=SENDING)
                raise
            log.info("outbox item %d not sent yet: %s", entry.id, exc.code.value)
            await engine.write(cache.set_outbox_state, entry.id, "pending", only_from=SENDING)
            return "pending"
        except OSError as exc:
            await engine.write(
                cache.set_outbox_state,
                entry.id,
                "failed",
                error=f"attachment unreadable: {exc}",
                only_from=SENDING,
            )
            return "failed"
        await engine.write(cache.record_delivery, engine.key, entry.id, message)
        return "sent"
