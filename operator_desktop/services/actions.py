"""What an operator can do to a conversation or contact, as Qt-free async operations.

Each action calls the server, then writes the server's answer to the cache through the sync
engine (so the change-set reaches every view). Labels are read, merged and written (§10.11).
Replies go through the outbox. Attachments are downloaded once into the cache's files folder,
sealed like the cache (`FileVault`): the window gets their bytes, or a plain copy to open with
another program, never the stored file.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import mimetypes
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import SyncStatus
from operator_desktop.core.types import Profile
from operator_desktop.services.readmodel import AttachmentRow, ReadModel
from operator_desktop.services.retention import RetentionSettings
from operator_desktop.services.search import ConversationMatches
from operator_desktop.storage.cache import OutboxEntry
from operator_desktop.storage.filevault import FileVault
from operator_desktop.sync.engine import SyncEngine
from operator_desktop.sync.outbox import enqueue_reply
from operator_desktop.sync.typing import Typist

log = logging.getLogger("services")

P = ParamSpec("P")
R = TypeVar("R")


class AccountActions:
    def __init__(
        self,
        engine: SyncEngine,
        readmodel: ReadModel,
        files: FileVault,
        retention: RetentionSettings | None = None,
    ) -> None:
        self.engine = engine
        self.readmodel = readmodel
        self.files = files
        self.retention = retention
        self.key = engine.key
        self.client = engine.client
        self.cache = engine.cache
        self.worker = engine.worker
        self.user_id = engine.user_id

    @property
    def status(self) -> SyncStatus:
        return self.engine.status

    def now(self) -> float:
        """The account's clock (injectable in tests)."""
        return self.engine.clock.now()

    # ---- retention ------------------------------------------------------------------------
    @property
    def retention_days(self) -> int | None:
        """Days a conversation stays cached after its last activity (None: forever)."""
        return self.engine.retention_days

    async def set_retention(self, days: int | None) -> None:
        """Keep conversations forever (None) or `days` after their last activity; applied at
        once (what is older leaves the cache, never the server)."""
        if self.retention is not None:
            await asyncio.to_thread(self.retention.set_days, self.key, days)
        self.engine.retention_days = days
        await self.engine.expire_old()

    def retry_now(self) -> None:
        """Try paused background work again at once (space was freed on a full disk)."""
        self.engine.retry_now()

    async def read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a read-model query on the database thread."""
        return await self.worker.run(fn, *args, **kwargs)

    async def _refresh(self, display_id: int) -> None:
        conv = await self.client.conversation(display_id)
        await self.engine.write(self.cache.upsert_conversations, self.key, [conv])

    # ---- reading ----------------------------------------------------------------------------
    async def open_conversation(self, display_id: int) -> None:
        """Mark read locally and on the server; make sure the latest messages are cached."""
        await self.mark_seen(display_id)
        row = await self.worker.run(self.cache.conversation, self.key, display_id)
        if row is not None and not row.messages_synced:
            await self.engine.fetch_latest_messages(display_id, background=False)
        elif row is not None:
            await self.engine.catch_up_messages(display_id)
        if row is not None and row.contact_id is not None:
            contact = await self.client.contact(row.contact_id)
            await self.engine.write(self.cache.upsert_contacts, self.key, [contact])

    async def mark_seen(self, display_id: int) -> None:
        """The operator saw the conversation (opened it, or a message came while it is open)."""
        await self.engine.write(
            self.cache.mark_read_locally, self.key, display_id, self.engine.clock.now()
        )
        await self.client.update_last_seen(display_id)

    async def load_older(self, display_id: int) -> int:
        return await self.engine.load_older(display_id)

    def typists(self, display_id: int) -> list[Typist]:
        return self.engine.typing.typists(display_id, self.engine.clock.now())

    # ---- replies ---------------------------------------------------------------------------
    async def send_reply(
        self,
        display_id: int,
        text: str,
        *,
        private: bool = False,
        in_reply_to: int | None = None,
        files: Sequence[Path] = (),
        clear_draft: bool = True,
    ) -> OutboxEntry:
        staged = [await asyncio.to_thread(self._stage_upload, Path(f)) for f in files]
        entry = await enqueue_reply(
            self.worker,
            self.cache,
            self.key,
            display_id,
            text,
            now=self.engine.clock.now(),
            private=private,
            in_reply_to=in_reply_to,
            attachments=tuple(staged),
        )
        self.engine.publish(ChangeSet(self.key, outbox={display_id}))
        self.engine.outbox_wakeup.set()
        if clear_draft:  # sent from the composer; a reply from a notification keeps the draft
            try:
                await self.engine.write(
                    self.cache.save_draft, self.key, display_id, "", private, 0.0
                )
            except OperatorError as exc:  # the reply is queued all the same: not an error
                log.warning("the draft of %d stays: %s", display_id, exc.code.value)
        return entry

    def _stage_upload(self, path: Path) -> dict[str, str]:
        """Copy an attachment into the data folder so the outbox survives restarts."""
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = self.files.root / "outbox" / self.files.stored_name(digest, path.name)
        if not target.exists():
            self.files.write(target, data)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return {"name": path.name, "content_type": content_type, "path": str(target)}

    async def retry_outbox(self, outbox_id: int, text: str | None = None) -> None:
        if text is not None:
            await self.engine.write(self.cache.update_outbox_content, outbox_id, text)
        else:
            await self.engine.write(
                self.cache.set_outbox_state, outbox_id, "pending", only_from=("failed", "pending")
            )
        self.engine.outbox_wakeup.set()

    async def discard_outbox(self, outbox_id: int) -> None:
        await self.engine.write(self.cache.discard_outbox, outbox_id)

    async def save_draft(self, display_id: int, text: str, private: bool) -> None:
        await self.engine.write(
            self.cache.save_draft, self.key, display_id, text, private, self.engine.clock.now()
        )

    async def draft(self, display_id: int) -> tuple[str, bool] | None:
        return await self.worker.run(self.cache.draft, self.key, display_id)

    async def typing(self, display_id: int, on: bool, *, private: bool) -> None:
        try:
            await self.client.set_typing(display_id, on, private=private)
        except OperatorError as exc:  # typing is best effort
            log.debug("typing update failed: %s", exc.code.value)

    # ---- conversation actions (§4) ---------------------------------------------------------
    async def set_status(
        self, display_id: int, status: str, snoozed_until: float | None = None
    ) -> None:
        until = int(snoozed_until) if snoozed_until is not None else None
        await self.client.toggle_status(display_id, status, until)
        await self._refresh(display_id)

    async def assign_agent(self, display_id: int, agent_id: int | None) -> None:
        await self.client.assign_agent(display_id, agent_id)
        await self._refresh(display_id)

    async def assign_team(self, display_id: int, team_id: int | None) -> None:
        await self.client.assign_team(display_id, team_id)
        await self._refresh(display_id)

    async def set_priority(self, display_id: int, priority: str | None) -> None:
        await self.client.set_priority(display_id, priority)
        await self._refresh(display_id)

    async def change_labels(
        self, display_id: int, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> tuple[str, ...]:
        """Read the current set, merge, write (POST replaces the set, §10.11)."""
        current = list(await self.client.labels_of(display_id))
        merged = [x for x in current if x not in remove]
        merged += [x for x in add if x not in merged]
        result = await self.client.set_labels(display_id, merged)
        await self._refresh(display_id)
        return result

    async def set_custom_attributes(self, display_id: int, attrs: dict[str, Any]) -> None:
        await self.client.set_custom_attributes(display_id, attrs)
        await self._refresh(display_id)

    # ---- contacts (§5) --------------------------------------------------------------------
    async def update_contact(self, contact_id: int, changes: dict[str, Any]) -> None:
        """Raises OperatorError(VALIDATION) with the server's message (e.g. a taken email)."""
        contact = await self.client.update_contact(contact_id, changes)
        await self.engine.write(self.cache.upsert_contacts, self.key, [contact])

    async def contact_notes(self, contact_id: int) -> list[dict[str, Any]]:
        return await self.client.contact_notes(contact_id)

    async def add_note(self, contact_id: int, text: str) -> None:
        await self.client.add_contact_note(contact_id, text)

    async def refresh_contact_labels(self, contact_id: int) -> tuple[str, ...]:
        labels = await self.client.contact_labels(contact_id)
        await self.engine.write(self.cache.set_contact_labels, self.key, contact_id, labels)
        return labels

    async def refresh_contact_conversations(self, contact_id: int) -> None:
        convs = await self.client.contact_conversations(contact_id)
        await self.engine.write(self.cache.upsert_conversations, self.key, convs)

    # ---- search ----------------------------------------------------------------------------
    async def search_cached(self, text: str) -> ConversationMatches:
        """This account's conversations whose cached transcripts match `text`, with the
        snippet of each one's newest matching message."""
        hits = await self.worker.run(self.cache.search_conversations, text, key=self.key)
        return ConversationMatches(hits)

    async def search_server(self, text: str) -> list[int]:
        """Display ids of the server's matches (§2.5 conversation search)."""
        return await self.client.search_conversations(text)

    # ---- profile (§1) ----------------------------------------------------------------------
    async def profile(self) -> Profile:
        return await self.client.profile()

    async def set_signature(self, signature: str) -> Profile:
        return await self.client.set_signature(signature)

    async def set_availability(self, availability: str) -> Profile:
        return await self.client.set_availability(availability)

    # ---- files ---------------------------------------------------------------------------
    async def attachment_bytes(self, att: AttachmentRow, *, thumb: bool = False) -> bytes:
        """The attachment's bytes, downloaded once (cache bytes, not URLs, §10.14)."""
        return (await self._stored(att, thumb=thumb))[1]

    async def viewable_attachment(self, att: AttachmentRow) -> Path:
        """A file another program can open (a plain copy when the files are sealed)."""
        path, _data = await self._stored(att)
        return await asyncio.to_thread(self.files.viewable, path, att.name)

    async def save_attachment(self, att: AttachmentRow, target: Path) -> None:
        """Write the attachment's plain bytes where the operator chose."""
        _path, data = await self._stored(att)
        await asyncio.to_thread(_write, target, data)

    async def _stored(self, att: AttachmentRow, *, thumb: bool = False) -> tuple[Path, bytes]:
        """The stored file and its bytes; downloaded (again) when missing or when it no longer
        opens (a cache rebuilt under a new key)."""
        have = att.thumb_local_path if thumb else att.local_path
        if have:
            path = self.files.root / have
            try:
                return path, await asyncio.to_thread(self.files.read, path)
            except OperatorError as exc:
                if exc.code not in UNREADABLE_FILE:
                    raise
                log.info("attachment %d is downloaded again (%s)", att.id, exc.code.value)
        url = att.thumb_url if thumb and att.thumb_url else att.data_url
        if not url:
            raise OperatorError(ErrorCode.NOT_FOUND, "attachment has no address")
        data = await self.client.download(url)
        stem = "thumb" if thumb else "file"
        relative = f"{self.key.account_id}/{att.id}/{self.files.stored_name(stem, att.name)}"
        target = self.files.root / relative
        await asyncio.to_thread(self.files.write, target, data)
        await self.worker.run(
            self.cache.set_attachment_file, self.key, att.id, path=relative, thumb=thumb
        )
        return target, data


UNREADABLE_FILE = (ErrorCode.NOT_FOUND, ErrorCode.CACHE_KEY_WRONG, ErrorCode.CACHE_KEY_MISSING)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
