"""Messages, their attachments and their full-text rows: set-based upserts from the server, reads.

A page of messages is written with a handful of statements whatever its length (see `batch`):
the rows and their attachments by `executemany` upserts, the search index by one delete of the
replaced rows and one insert, and each touched conversation's preview by one update. A message
carrying an outbox item's echo_id settles that item here, in the same write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.base import PREVIEW_LENGTH, dumps_json
from operator_desktop.storage.cache.batch import chunks, marks, upsert_statement
from operator_desktop.storage.cache.drafts import DraftStore
from operator_desktop.storage.database import FTS_TABLE, QUESTION_FTS
from operator_desktop.storage.records import AttachmentRecord, MessageRecord, record
from operator_desktop.storage.textsearch import stems_of

MESSAGE_TABLE = s.Message._meta.table_name
ATTACHMENT_TABLE = s.Attachment._meta.table_name
CONVERSATION_TABLE = s.Conversation._meta.table_name

MESSAGE_FIELDS = (
    "conversation_id", "inbox_id", "content", "message_type", "content_type", "status",
    "private", "created_at", "updated_at", "sender_kind", "sender_id", "sender_name",
    "content_attributes", "in_reply_to", "deleted", "echo_id",
)  # fmt: skip
UPSERT_MESSAGE = upsert_statement(
    MESSAGE_TABLE,
    ("server_id", "account_id", "message_id", *MESSAGE_FIELDS),
    ("server_id", "account_id", "message_id"),
    {
        **{col: f"excluded.{col}" for col in MESSAGE_FIELDS},
        # a copy without our echo id (a later edit, a REST page) keeps the one we know
        "echo_id": f"coalesce(excluded.echo_id, {MESSAGE_TABLE}.echo_id)",
    },
)
ATTACHMENT_FIELDS = (
    "message_id", "file_type", "data_url", "thumb_url", "file_size", "extension", "width",
    "height",
)  # fmt: skip
UPSERT_ATTACHMENT = upsert_statement(
    ATTACHMENT_TABLE,
    ("server_id", "account_id", "attachment_id", *ATTACHMENT_FIELDS),
    ("server_id", "account_id", "attachment_id"),
    ATTACHMENT_FIELDS,  # a downloaded file's local path stays
)
INSERT_FTS = f"INSERT INTO {FTS_TABLE}(rowid, body, sender, contact) VALUES (?,?,?,?)"
DELETE_FTS = f"DELETE FROM {FTS_TABLE} WHERE rowid = ?"
INSERT_QUESTION = f"INSERT INTO {QUESTION_FTS}(rowid, body) VALUES (?,?)"
DELETE_QUESTION = f"DELETE FROM {QUESTION_FTS} WHERE rowid = ?"


def is_question(msg: t.Message) -> bool:
    """A customer's public message: what suggested replies look up (`QUESTION_FTS`)."""
    return msg.message_type == t.MessageType.INCOMING and not msg.private and not msg.deleted


@dataclass
class _ConversationState:
    """What a page of messages needs of its conversation's row, updated as the page applies."""

    rowid: int
    contact_name: str
    last_message_id: int | None
    last_activity_at: float | None
    changes: dict[str, Any]
    seen_at: float | None = None  # the operator's last read (here or on the server)


class MessageStore(DraftStore):
    def upsert_messages(self, key: AccountKey, messages: Iterable[t.Message]) -> ChangeSet:
        change = ChangeSet(key)
        with self.db.atomic():
            self._write_messages(key, messages, change, touch_conversations=True)
        return change

    def _write_messages(
        self,
        key: AccountKey,
        messages: Iterable[t.Message],
        change: ChangeSet,
        *,
        touch_conversations: bool,
    ) -> None:
        """Upsert `messages` (the last copy of an id wins) with their attachments and search
        rows; with `touch_conversations`, newer messages also move their conversation's preview,
        activity time and pushed unread count."""
        latest = {m.id: m for m in messages}
        if not latest:
            return
        sid = self.server_id(key.server_url)
        for chunk in chunks(list(latest.values())):
            self._write_chunk(sid, key, chunk, change, touch_conversations)

    def _write_chunk(
        self,
        sid: int,
        key: AccountKey,
        msgs: Sequence[t.Message],
        change: ChangeSet,
        touch_conversations: bool,
    ) -> None:
        scope = (sid, key.account_id)
        ids = [m.id for m in msgs]
        before = dict(
            self._sql(
                f"SELECT message_id, id FROM {MESSAGE_TABLE} WHERE server_id = ? AND account_id = ?"
                f" AND message_id IN ({marks(len(ids))})",
                (*scope, *ids),
            ).fetchall()
        )
        self._executemany(UPSERT_MESSAGE, [(*scope, m.id, *self._message_values(m)) for m in msgs])
        rowids = before | dict(
            self._sql(
                f"SELECT message_id, id FROM {MESSAGE_TABLE} WHERE server_id = ? AND account_id = ?"
                f" AND message_id IN ({marks(len(ids) - len(before))})",
                (*scope, *(i for i in ids if i not in before)),
            ).fetchall()
            if len(before) < len(ids)
            else ()
        )
        conversations = self._conversation_states(scope, {m.conversation_id for m in msgs})
        replaced = [(rowid,) for rowid in before.values()]
        self._executemany(DELETE_FTS, replaced)
        self._executemany(DELETE_QUESTION, replaced)
        bodies = {m.id: stems_of(m.content) for m in msgs}
        self._executemany(
            INSERT_FTS,
            [
                (
                    rowids[m.id],
                    bodies[m.id],
                    stems_of(m.sender.name if m.sender else None),
                    stems_of(
                        state.contact_name
                        if (state := conversations.get(m.conversation_id))
                        else ""
                    ),
                )
                for m in msgs
            ],
        )
        self._executemany(
            INSERT_QUESTION,
            [(rowids[m.id], bodies[m.id]) for m in msgs if bodies[m.id] and is_question(m)],
        )
        self._replace_attachments(scope, msgs, existing=[m.id for m in msgs if m.id in before])
        for msg in msgs:
            if msg.echo_id is not None:
                self._settle_outbox(key, msg, change)
            if touch_conversations and (state := conversations.get(msg.conversation_id)):
                self._move_preview(state, msg)
            change.add_message(msg.conversation_id, msg.id)
        for display_id, state in conversations.items():
            if state.changes:
                s.Conversation.update(**state.changes).where(
                    s.Conversation.id == state.rowid
                ).execute()
                change.conversations.add(display_id)

    @staticmethod
    def _message_values(msg: t.Message) -> tuple[object, ...]:
        sender = msg.sender
        return (
            msg.conversation_id,
            msg.inbox_id,
            msg.content,
            msg.message_type,
            msg.content_type,
            msg.status,
            msg.private,
            msg.created_at,
            msg.updated_at,
            sender.kind if sender else None,
            sender.id if sender else None,
            sender.name if sender else None,
            dumps_json(dict(msg.content_attributes)),
            msg.in_reply_to,
            msg.deleted,
            msg.echo_id,
        )

    def _conversation_states(
        self, scope: tuple[int, int], display_ids: set[int]
    ) -> dict[int, _ConversationState]:
        rows = self._sql(
            "SELECT display_id, id, contact_name, last_message_id, last_activity_at,"
            f" agent_last_seen_at FROM {CONVERSATION_TABLE}"
            " WHERE server_id = ? AND account_id = ?"
            f" AND display_id IN ({marks(len(display_ids))})",
            (*scope, *display_ids),
        ).fetchall()
        return {
            display_id: _ConversationState(rowid, contact or "", last_id, activity, {}, seen)
            for display_id, rowid, contact, last_id, activity, seen in rows
        }

    @staticmethod
    def _move_preview(state: _ConversationState, msg: t.Message) -> None:
        """A message at least as new as the row's last one becomes its preview (an activity line
        never does), and a pushed unread count moves the badge — unless the operator read the
        conversation after the message (the count was made before that read: a copy of the
        message delivered again, or an event that overtook `update_last_seen`)."""
        if state.last_message_id is not None and msg.id < state.last_message_id:
            return
        if msg.message_type != t.MessageType.ACTIVITY:
            state.changes.update(MessageStore._preview_values(msg))
            state.last_message_id = msg.id
            state.last_activity_at = max(state.last_activity_at or 0, msg.created_at)
            state.changes["last_activity_at"] = state.last_activity_at
        if msg.conversation_unread_count is not None:
            if msg.conversation_unread_count and (state.seen_at or 0.0) >= msg.created_at:
                return
            state.changes["unread_count"] = msg.conversation_unread_count

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

    def _replace_attachments(
        self, scope: tuple[int, int], msgs: Sequence[t.Message], *, existing: Sequence[int]
    ) -> None:
        """The messages' attachments become exactly the ones they carry now."""
        if existing:
            keep = [a.id for m in msgs for a in m.attachments]
            self._sql(
                f"DELETE FROM {ATTACHMENT_TABLE} WHERE server_id = ? AND account_id = ?"
                f" AND message_id IN ({marks(len(existing))})"
                f" AND attachment_id NOT IN ({marks(len(keep))})",
                (*scope, *existing, *keep),
            )
        self._executemany(
            UPSERT_ATTACHMENT,
            [
                (*scope, a.id, m.id, a.file_type, a.data_url, a.thumb_url, a.file_size,
                 a.extension, a.width, a.height)
                for m in msgs
                for a in m.attachments
            ],
        )  # fmt: skip

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

    # ---- reads ----------------------------------------------------------------------------
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

    def conversations_with_messages_between(
        self, key: AccountKey, start: float | None, end: float | None
    ) -> set[int]:
        """Display ids of conversations with a cached message created in [start, end)."""
        where = self.scoped(s.Message, key)
        if start is not None:
            where &= s.Message.created_at >= start
        if end is not None:
            where &= s.Message.created_at < end
        query = s.Message.select(s.Message.conversation_id).where(where).distinct()
        return {row.conversation_id for row in query}

    def message_bounds(self, key: AccountKey, display_id: int) -> tuple[int | None, int | None]:
        where = self.scoped(s.Message, key) & (s.Message.conversation_id == display_id)
        bounds: tuple[int | None, int | None] = (
            s.Message.select(pw.fn.MIN(s.Message.message_id), pw.fn.MAX(s.Message.message_id))
            .where(where)
            .scalar(as_tuple=True)
        )
        return bounds
