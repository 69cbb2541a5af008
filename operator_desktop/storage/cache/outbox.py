"""The outbox: replies queued offline, claimed by one process at a time, settled once sent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.base import dumps_json
from operator_desktop.storage.cache.conversations import ConversationStore


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    key: AccountKey
    conversation_id: int
    echo_id: str
    content: str
    private: bool
    in_reply_to: int | None
    attachments: tuple[dict[str, str], ...]
    state: str
    error: str | None
    attempts: int
    created_at: float
    after_message_id: int | None
    claimed_by: str | None = None
    claimed_at: float | None = None


class OutboxStore(ConversationStore):
    def enqueue(
        self,
        key: AccountKey,
        display_id: int,
        content: str,
        *,
        echo_id: str,
        private: bool,
        now: float,
        in_reply_to: int | None = None,
        attachments: Sequence[dict[str, str]] = (),
    ) -> tuple[OutboxEntry, ChangeSet]:
        """Write a reply locally first; it is visible at once and sent when online."""
        sid = self.server_id(key.server_url)
        _lo, hi = self.message_bounds(key, display_id)
        row = s.OutboxItem.create(
            server=sid,
            account_id=key.account_id,
            conversation_id=display_id,
            echo_id=echo_id,
            content=content,
            private=private,
            in_reply_to=in_reply_to,
            attachments=dumps_json(list(attachments)),
            created_at=now,
            after_message_id=hi,
        )
        return self._outbox_entry(row, key), ChangeSet(key, outbox={display_id})

    def _outbox_entry(self, row: Any, key: AccountKey) -> OutboxEntry:
        return OutboxEntry(
            id=int(row.id),
            key=key,
            conversation_id=row.conversation_id,
            echo_id=row.echo_id,
            content=row.content,
            private=bool(row.private),
            in_reply_to=row.in_reply_to,
            attachments=tuple(json.loads(row.attachments or "[]")),
            state=row.state,
            error=row.error,
            attempts=row.attempts,
            created_at=row.created_at,
            after_message_id=row.after_message_id,
            claimed_by=row.claimed_by,
            claimed_at=row.claimed_at,
        )

    def outbox(
        self, key: AccountKey | None = None, *, states: Sequence[str] = ("pending", "sending")
    ) -> list[OutboxEntry]:
        query = (
            s.OutboxItem.select(s.OutboxItem, s.Server)
            .join(s.Server)
            .where(s.OutboxItem.state.in_(list(states)))
            .order_by(s.OutboxItem.id)
        )
        if key is not None:
            query = query.where(self.scoped(s.OutboxItem, key))
        return [self._outbox_entry(r, AccountKey(r.server.url, r.account_id)) for r in query]

    def outbox_item(self, entry_id: int) -> OutboxEntry | None:
        item = s.OutboxItem
        row = item.select(item, s.Server).join(s.Server).where(item.id == entry_id).first()
        return (
            None
            if row is None
            else self._outbox_entry(row, AccountKey(row.server.url, row.account_id))
        )

    def outbox_for(self, key: AccountKey, display_id: int) -> list[OutboxEntry]:
        query = (
            s.OutboxItem.select()
            .where(
                self.scoped(s.OutboxItem, key)
                & (s.OutboxItem.conversation_id == display_id)
                & (s.OutboxItem.state != "sent")
            )
            .order_by(s.OutboxItem.id)
        )
        return [self._outbox_entry(r, key) for r in query]

    def set_outbox_state(
        self, entry_id: int, state: str, *, only_from: tuple[str, ...] = ()
    ) -> ChangeSet | None:
        """Move an item to `state` (a retry or an undo); with `only_from`, only from those."""
        row = s.OutboxItem.get_or_none(s.OutboxItem.id == entry_id)
        if row is None or (only_from and row.state not in only_from):
            return None
        row.state = state
        row.error = None
        row.save()
        key = AccountKey(row.server.url, row.account_id)
        return ChangeSet(key, outbox={row.conversation_id})

    def claim_outbox(
        self, entry_id: int, owner: str, now: float, *, steal_from: str | None = None
    ) -> OutboxEntry | None:
        """Take an item for one delivery attempt in one UPDATE, so only one sender wins.

        A pending item, or one left `sending` with no holder (a crash before v3), is free;
        `steal_from` also takes it from a holder the caller found dead. The attempt is counted.
        """
        item = s.OutboxItem
        free = (item.state == "pending") | ((item.state == "sending") & item.claimed_by.is_null())
        if steal_from is not None:
            free |= (item.state == "sending") & (item.claimed_by == steal_from)
        won = (
            item.update(
                state="sending",
                attempts=item.attempts + 1,
                claimed_by=owner,
                claimed_at=now,
                error=None,
            )
            .where((item.id == entry_id) & free)
            .execute()
        )
        if not won:
            return None
        row = item.select(item, s.Server).join(s.Server).where(item.id == entry_id).get()
        return self._outbox_entry(row, AccountKey(row.server.url, row.account_id))

    def finish_attempt(
        self, entry_id: int, owner: str, state: str, *, error: str | None = None
    ) -> ChangeSet | None:
        """End `owner`'s attempt as pending or failed, unless the item was settled meanwhile."""
        item = s.OutboxItem
        row = item.get_or_none(
            (item.id == entry_id) & (item.state == "sending") & (item.claimed_by == owner)
        )
        if row is None:
            return None
        item.update(state=state, error=error, claimed_by=None, claimed_at=None).where(
            item.id == entry_id
        ).execute()
        return ChangeSet(AccountKey(row.server.url, row.account_id), outbox={row.conversation_id})

    def update_outbox_content(self, entry_id: int, content: str) -> ChangeSet | None:
        row = s.OutboxItem.get_or_none(s.OutboxItem.id == entry_id)
        if row is None or row.state not in ("failed", "pending"):
            return None
        row.content = content
        row.state = "pending"
        row.error = None
        row.save()
        return ChangeSet(AccountKey(row.server.url, row.account_id), outbox={row.conversation_id})

    def discard_outbox(self, entry_id: int) -> ChangeSet | None:
        row = s.OutboxItem.get_or_none(s.OutboxItem.id == entry_id)
        if row is None:
            return None
        key = AccountKey(row.server.url, row.account_id)
        row.delete_instance()
        return ChangeSet(key, outbox={row.conversation_id})

    def find_sent_copy(
        self, key: AccountKey, entry: OutboxEntry, user_id: int | None
    ) -> int | None:
        """The server's copy of an item whose answer was lost, if the server has it.

        The message carrying the item's echo_id wins; otherwise the oldest message from this
        agent with the same content and privacy, newer than the conversation's newest message
        when the item was queued, that no other outbox item already owns — so two identical
        replies ("Thanks!") map to two messages, never both to the first.
        """
        scope = self.scoped(s.Message, key) & (s.Message.conversation_id == entry.conversation_id)
        echoed = s.Message.get_or_none(scope & (s.Message.echo_id == entry.echo_id))
        if echoed is not None:
            return int(echoed.message_id)
        owned = s.OutboxItem.select(s.OutboxItem.server_message_id).where(
            self.scoped(s.OutboxItem, key)
            & (s.OutboxItem.conversation_id == entry.conversation_id)
            & (s.OutboxItem.id != entry.id)
            & s.OutboxItem.server_message_id.is_null(False)
        )
        query = s.Message.select(s.Message.message_id).where(
            scope
            & (s.Message.content == entry.content)
            & (s.Message.private == entry.private)
            & (s.Message.message_type == int(t.MessageType.OUTGOING))
            & s.Message.message_id.not_in(owned)
        )
        if entry.after_message_id is not None:
            query = query.where(s.Message.message_id > entry.after_message_id)
        if user_id is not None:
            query = query.where(s.Message.sender_id == user_id)
        row = query.order_by(s.Message.message_id).first()
        return int(row.message_id) if row is not None else None

    def outbox_server_ids(self, key: AccountKey) -> dict[int, int | None]:
        """Each outbox item's server message id (None until it is known to be delivered)."""
        query = s.OutboxItem.select(s.OutboxItem.id, s.OutboxItem.server_message_id).where(
            self.scoped(s.OutboxItem, key)
        )
        return {int(r.id): r.server_message_id for r in query}

    def record_delivery(self, key: AccountKey, entry_id: int, message: t.Message) -> ChangeSet:
        """The server answered a send: its message and the item's sent state, in one commit."""
        with self.db.atomic():
            change = self.upsert_messages(key, [message])
            sent = self.mark_outbox_sent(entry_id, message.id)
            if sent is not None:
                change |= sent
        return change

    def mark_outbox_sent(self, entry_id: int, server_message_id: int) -> ChangeSet | None:
        row = s.OutboxItem.get_or_none(s.OutboxItem.id == entry_id)
        if row is None:
            return None
        row.state = "sent"
        row.server_message_id = server_message_id
        row.error = None
        row.claimed_by = None
        row.claimed_at = None
        row.save()
        return ChangeSet(AccountKey(row.server.url, row.account_id), outbox={row.conversation_id})
