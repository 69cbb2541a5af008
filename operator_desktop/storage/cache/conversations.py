"""Conversations, their contacts, messages and attachments: upserts from the server and reads.

A message carrying an outbox item's echo_id settles that item here, in the same write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import peewee as pw

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.base import PREVIEW_LENGTH, dumps_json
from operator_desktop.storage.cache.drafts import DraftStore
from operator_desktop.storage.database import FTS_TABLE
from operator_desktop.storage.records import (
    AttachmentRecord,
    ContactRecord,
    ConversationRecord,
    MessageRecord,
    record,
    record_or_none,
)
from operator_desktop.storage.textsearch import stems_of


class ConversationStore(DraftStore):
    def upsert_conversations(
        self, key: AccountKey, conversations: Iterable[t.Conversation]
    ) -> ChangeSet:
        """Store current server state; an item older than the cached row is ignored."""
        change = ChangeSet(key)
        sid = self.server_id(key.server_url)
        with self.db.atomic():
            for conv in conversations:
                existing = s.Conversation.get_or_none(
                    self.scoped(s.Conversation, key) & (s.Conversation.display_id == conv.id)
                )
                if (
                    existing is not None
                    and existing.updated_at is not None
                    and conv.updated_at is not None
                    and conv.updated_at < existing.updated_at
                ):
                    continue
                values = self._conversation_values(conv)
                if existing is not None and self._keeps_local_read(existing, conv):
                    values["unread_count"] = 0
                    values["agent_last_seen_at"] = existing.agent_last_seen_at
                if existing is None:
                    s.Conversation.create(
                        server=sid, account_id=key.account_id, display_id=conv.id, **values
                    )
                else:
                    incoming = conv.last_message.id if conv.last_message else None
                    if existing.last_message_id is not None and (
                        incoming is None or incoming < existing.last_message_id
                    ):
                        for field in (
                            "last_message_id",
                            "last_message_preview",
                            "last_message_private",
                            "last_message_type",
                            "last_message_attachment",
                        ):
                            values.pop(field, None)
                    s.Conversation.update(**values).where(
                        s.Conversation.id == existing.id
                    ).execute()
                if conv.contact is not None:
                    self._upsert_contact(sid, key, conv.contact, change)
                if conv.last_message is not None:
                    self._upsert_message(sid, key, conv.last_message, change, touch_conv=False)
                change.conversations.add(conv.id)
        return change

    def _conversation_values(self, conv: t.Conversation) -> dict[str, object]:
        values: dict[str, object] = {
            "inbox_id": conv.inbox_id,
            "status": conv.status,
            "priority": conv.priority,
            "snoozed_until": conv.snoozed_until,
            "labels": dumps_json(list(conv.labels)),
            "unread_count": conv.unread_count,
            "can_reply": conv.can_reply,
            "created_at": conv.created_at,
            "last_activity_at": conv.last_activity_at,
            "updated_at": conv.updated_at,
            "agent_last_seen_at": conv.agent_last_seen_at,
            "contact_last_seen_at": conv.contact_last_seen_at,
            "waiting_since": conv.waiting_since,
            "first_reply_created_at": conv.first_reply_created_at,
            "channel": conv.channel,
            "contact_id": conv.contact.id if conv.contact else None,
            "contact_name": conv.contact.name if conv.contact else "",
            "assignee_id": conv.assignee.id if conv.assignee else None,
            "assignee_name": conv.assignee.name if conv.assignee else None,
            "assignee_type": conv.assignee_type,
            "team_id": conv.team_id,
            "team_name": conv.team_name,
            "additional_attributes": dumps_json(dict(conv.additional_attributes)),
            "custom_attributes": dumps_json(dict(conv.custom_attributes)),
            "present_on_server": True,
        }
        if conv.muted is not None:
            values["muted"] = conv.muted
        if conv.uuid is not None:
            values["uuid"] = conv.uuid
        last = conv.last_message
        if last is not None:
            values.update(self._preview_values(last))
        return values

    @staticmethod
    def _preview_values(msg: t.Message) -> dict[str, object]:
        first = msg.attachments[0] if msg.attachments else None
        return {
            "last_message_id": msg.id,
            "last_message_preview": (msg.content or "")[:PREVIEW_LENGTH],
            "last_message_private": msg.private,
            "last_message_type": msg.message_type,
            "last_message_attachment": (first.file_type or "file") if first else None,
        }

    def mark_missing_conversations(self, key: AccountKey, seen: set[int]) -> ChangeSet:
        """After a full re-list: conversations the server no longer shows are flagged, kept."""
        change = ChangeSet(key)
        rows = s.Conversation.select(s.Conversation.display_id).where(
            self.scoped(s.Conversation, key) & (s.Conversation.present_on_server == True)  # noqa: E712
        )
        missing = {r.display_id for r in rows} - seen
        if missing:
            s.Conversation.update(present_on_server=False).where(
                self.scoped(s.Conversation, key) & (s.Conversation.display_id.in_(missing))
            ).execute()
            change.removed_conversations |= missing
        return change

    def conversation(self, key: AccountKey, display_id: int) -> ConversationRecord | None:
        row = s.Conversation.get_or_none(
            self.scoped(s.Conversation, key) & (s.Conversation.display_id == display_id)
        )
        return record_or_none(ConversationRecord, row)

    def conversations(
        self, key: AccountKey, *, include_missing: bool = False
    ) -> list[ConversationRecord]:
        query = s.Conversation.select().where(self.scoped(s.Conversation, key))
        if not include_missing:
            query = query.where(s.Conversation.present_on_server == True)  # noqa: E712
        ordered = query.order_by(s.Conversation.last_activity_at.desc())
        return [record(ConversationRecord, row) for row in ordered]

    def set_conversation_flags(self, key: AccountKey, display_id: int, **flags: Any) -> None:
        s.Conversation.update(**flags).where(
            self.scoped(s.Conversation, key) & (s.Conversation.display_id == display_id)
        ).execute()

    def mark_read_locally(self, key: AccountKey, display_id: int, now: float) -> ChangeSet:
        """Read here: no badge. The seen time is the newest activity known (the server's
        clock), so a server copy from before the read (`_keeps_local_read`) cannot bring the
        badge back, while anything newer can."""
        conv = self.conversation(key, display_id)
        seen = now
        if conv is not None and conv.last_activity_at:
            seen = max(conv.last_activity_at, conv.agent_last_seen_at or 0.0)
        self.set_conversation_flags(key, display_id, unread_count=0, agent_last_seen_at=seen)
        return ChangeSet(key, conversations={display_id})

    @staticmethod
    def _keeps_local_read(existing: Any, conv: t.Conversation) -> bool:
        """The cached row was read here after the server's copy was made, with no activity
        since: the copy's unread count is stale (`update_last_seen` may not have landed)."""
        seen = existing.agent_last_seen_at
        return bool(
            seen is not None
            and existing.unread_count == 0
            and (conv.agent_last_seen_at or 0.0) < seen
            and (conv.last_activity_at or 0.0) <= seen
        )

    def upsert_contacts(self, key: AccountKey, contacts: Iterable[t.Contact]) -> ChangeSet:
        change = ChangeSet(key)
        sid = self.server_id(key.server_url)
        with self.db.atomic():
            for contact in contacts:
                self._upsert_contact(sid, key, contact, change, details=True)
        return change

    def _upsert_contact(
        self,
        sid: int,
        key: AccountKey,
        contact: t.Contact,
        change: ChangeSet,
        *,
        details: bool = False,
    ) -> None:
        values: dict[str, Any] = {
            "name": contact.name,
            "email": contact.email,
            "phone_number": contact.phone_number,
            "identifier": contact.identifier,
            "blocked": contact.blocked,
            "thumbnail": contact.thumbnail,
            "additional_attributes": dumps_json(dict(contact.additional_attributes)),
            "custom_attributes": dumps_json(dict(contact.custom_attributes)),
        }
        if contact.availability_status is not None:
            values["availability_status"] = contact.availability_status
        if contact.last_activity_at is not None:
            values["last_activity_at"] = contact.last_activity_at
        if contact.created_at is not None:
            values["created_at"] = contact.created_at
        if details:
            values["details_fetched"] = True
        updated = (
            s.Contact.update(**values)
            .where(self.scoped(s.Contact, key) & (s.Contact.contact_id == contact.id))
            .execute()
        )
        if not updated:
            s.Contact.create(server=sid, account_id=key.account_id, contact_id=contact.id, **values)
        s.Conversation.update(contact_name=contact.name).where(
            self.scoped(s.Conversation, key) & (s.Conversation.contact_id == contact.id)
        ).execute()
        change.contacts.add(contact.id)

    def contact(self, key: AccountKey, contact_id: int) -> ContactRecord | None:
        row = s.Contact.get_or_none(
            self.scoped(s.Contact, key) & (s.Contact.contact_id == contact_id)
        )
        return record_or_none(ContactRecord, row)

    def set_contact_labels(
        self, key: AccountKey, contact_id: int, labels: Sequence[str]
    ) -> ChangeSet:
        change = ChangeSet(key)
        dumped = dumps_json(list(labels))
        updated = (
            s.Contact.update(labels=dumped)
            .where(
                self.scoped(s.Contact, key)
                & (s.Contact.contact_id == contact_id)
                & (s.Contact.labels != dumped)
            )
            .execute()
        )
        if updated:
            change.contacts.add(contact_id)
        return change

    def upsert_messages(self, key: AccountKey, messages: Iterable[t.Message]) -> ChangeSet:
        change = ChangeSet(key)
        sid = self.server_id(key.server_url)
        with self.db.atomic():
            for msg in messages:
                self._upsert_message(sid, key, msg, change, touch_conv=True)
        return change

    def _upsert_message(
        self, sid: int, key: AccountKey, msg: t.Message, change: ChangeSet, *, touch_conv: bool
    ) -> None:
        sender = msg.sender
        values: dict[str, Any] = {
            "conversation_id": msg.conversation_id,
            "inbox_id": msg.inbox_id,
            "content": msg.content,
            "message_type": msg.message_type,
            "content_type": msg.content_type,
            "status": msg.status,
            "private": msg.private,
            "created_at": msg.created_at,
            "updated_at": msg.updated_at,
            "sender_kind": sender.kind if sender else None,
            "sender_id": sender.id if sender else None,
            "sender_name": sender.name if sender else None,
            "content_attributes": dumps_json(dict(msg.content_attributes)),
            "in_reply_to": msg.in_reply_to,
            "deleted": msg.deleted,
        }
        if msg.echo_id is not None:
            values["echo_id"] = msg.echo_id
        existing = s.Message.get_or_none(
            self.scoped(s.Message, key) & (s.Message.message_id == msg.id)
        )
        if existing is None:
            row = s.Message.create(
                server=sid, account_id=key.account_id, message_id=msg.id, **values
            )
            rowid = int(row.id)
        else:
            s.Message.update(**values).where(s.Message.id == existing.id).execute()
            rowid = int(existing.id)
        self._index_message(key, rowid, msg)
        self._replace_attachments(sid, key, msg)
        if msg.echo_id is not None:
            self._settle_outbox(key, msg, change)
        if touch_conv:
            conv = self.conversation(key, msg.conversation_id)
            if conv is not None and (
                conv.last_message_id is None or msg.id >= conv.last_message_id
            ):
                row_values: dict[str, Any] = {}
                if msg.message_type != t.MessageType.ACTIVITY:  # an activity line is no preview
                    row_values = self._preview_values(msg)
                    row_values["last_activity_at"] = max(conv.last_activity_at or 0, msg.created_at)
                if msg.conversation_unread_count is not None:  # the badge moves with the event
                    row_values["unread_count"] = msg.conversation_unread_count
                if row_values:
                    s.Conversation.update(**row_values).where(
                        s.Conversation.id == conv.id
                    ).execute()
                    change.conversations.add(msg.conversation_id)
        change.add_message(msg.conversation_id, msg.id)

    def _index_message(self, key: AccountKey, rowid: int, msg: t.Message) -> None:
        conv = self.conversation(key, msg.conversation_id)
        contact = conv.contact_name if conv is not None else ""
        self._sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (rowid,))
        self._sql(
            f"INSERT INTO {FTS_TABLE}(rowid, body, sender, contact) VALUES (?,?,?,?)",
            (
                rowid,
                stems_of(msg.content),
                stems_of(msg.sender.name if msg.sender else None),
                stems_of(contact),
            ),
        )

    def _replace_attachments(self, sid: int, key: AccountKey, msg: t.Message) -> None:
        existing = {
            a.attachment_id: a
            for a in s.Attachment.select().where(
                self.scoped(s.Attachment, key) & (s.Attachment.message_id == msg.id)
            )
        }
        keep = {a.id for a in msg.attachments}
        gone = [a for aid, a in existing.items() if aid not in keep]
        for row in gone:
            row.delete_instance()
        for att in msg.attachments:
            values = {
                "message_id": msg.id,
                "file_type": att.file_type,
                "data_url": att.data_url,
                "thumb_url": att.thumb_url,
                "file_size": att.file_size,
                "extension": att.extension,
                "width": att.width,
                "height": att.height,
            }
            if att.id in existing:
                s.Attachment.update(**values).where(
                    s.Attachment.id == existing[att.id].id
                ).execute()
            else:
                s.Attachment.create(
                    server=sid, account_id=key.account_id, attachment_id=att.id, **values
                )

    def messages(
        self, key: AccountKey, display_id: int, *, limit: int | None = None
    ) -> list[MessageRecord]:
        query = (
            s.Message.select()
            .where(self.scoped(s.Message, key) & (s.Message.conversation_id == display_id))
            .order_by(s.Message.message_id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [record(MessageRecord, row) for row in reversed(list(query))]

    def attachments_of(self, key: AccountKey, message_ids: Sequence[int]) -> list[AttachmentRecord]:
        if not message_ids:
            return []
        rows = s.Attachment.select().where(
            self.scoped(s.Attachment, key) & (s.Attachment.message_id.in_(list(message_ids)))
        )
        return [record(AttachmentRecord, row) for row in rows]

    def set_attachment_file(
        self, key: AccountKey, attachment_id: int, *, path: str, thumb: bool = False
    ) -> None:
        field = "thumb_local_path" if thumb else "local_path"
        s.Attachment.update(**{field: path}).where(
            self.scoped(s.Attachment, key) & (s.Attachment.attachment_id == attachment_id)
        ).execute()

    def advance_synced_through(self, key: AccountKey, display_id: int, message_id: int) -> None:
        """Every message up to `message_id` is cached (after a contiguous REST page)."""
        conv = self.conversation(key, display_id)
        if conv is not None and (conv.synced_through or 0) < message_id:
            s.Conversation.update(synced_through=message_id).where(
                s.Conversation.id == conv.id
            ).execute()

    def message_bounds(self, key: AccountKey, display_id: int) -> tuple[int | None, int | None]:
        where = self.scoped(s.Message, key) & (s.Message.conversation_id == display_id)
        bounds: tuple[int | None, int | None] = (
            s.Message.select(pw.fn.MIN(s.Message.message_id), pw.fn.MAX(s.Message.message_id))
            .where(where)
            .scalar(as_tuple=True)
        )
        return bounds

    def _settle_outbox(self, key: AccountKey, msg: t.Message, change: ChangeSet) -> None:
        """The server's message carries our echo_id: the outbox item is delivered."""
        updated = (
            s.OutboxItem.update(
                state="sent", server_message_id=msg.id, error=None, claimed_by=None, claimed_at=None
            )
            .where(
                self.scoped(s.OutboxItem, key)
                & (s.OutboxItem.echo_id == msg.echo_id)
                & (s.OutboxItem.state != "sent")
            )
            .execute()
        )
        if updated:
            change.outbox.add(msg.conversation_id)
