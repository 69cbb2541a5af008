"""Conversations and their contacts: set-based upserts from the server, and reads.

A page of the conversation list is written with a few statements (see `batch`): one query for
the cached rows it replaces, one `executemany` upsert of the rows, one of their contacts, and
their last messages through `MessageStore`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import cache
from typing import Any, NamedTuple

import peewee as pw

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.base import dumps_json
from operator_desktop.storage.cache.batch import chunks, marks, upsert_statement
from operator_desktop.storage.cache.messages import CONVERSATION_TABLE, MessageStore
from operator_desktop.storage.database import FTS_TABLE, QUESTION_FTS
from operator_desktop.storage.records import (
    ContactRecord,
    ConversationRecord,
    record,
    record_or_none,
)

CONVERSATION_FIELDS = (
    "inbox_id", "status", "priority", "snoozed_until", "labels", "unread_count", "can_reply",
    "created_at", "last_activity_at", "updated_at", "agent_last_seen_at",
    "contact_last_seen_at", "waiting_since", "first_reply_created_at", "channel",
    "contact_id", "contact_name", "assignee_id", "assignee_name", "assignee_type", "team_id",
    "team_name", "additional_attributes", "custom_attributes", "present_on_server", "muted",
    "uuid", "last_message_id", "last_message_preview", "last_message_private",
    "last_message_type", "last_message_attachment",
)  # fmt: skip
PREVIEW_FIELDS = CONVERSATION_FIELDS[-5:]
UPSERT_CONVERSATION = upsert_statement(
    CONVERSATION_TABLE,
    ("server_id", "account_id", "display_id", *CONVERSATION_FIELDS, "history_complete",
     "messages_synced"),
    ("server_id", "account_id", "display_id"),
    CONVERSATION_FIELDS,  # sync progress (history_complete, synced_through …) stays
)  # fmt: skip


class CachedRow(NamedTuple):
    """What an upsert needs of the conversation row it replaces."""

    updated_at: float | None
    unread_count: int
    agent_last_seen_at: float | None
    muted: bool | None
    uuid: str | None
    last_message_id: int | None
    last_message_preview: str | None
    last_message_private: bool
    last_message_type: int | None
    last_message_attachment: str | None


CACHED_COLUMNS = CachedRow._fields

CONTACT_TABLE = s.Contact._meta.table_name
CONTACT_FIELDS = (
    "name", "email", "phone_number", "identifier", "blocked", "thumbnail",
    "additional_attributes", "custom_attributes",
)  # fmt: skip
CONTACT_OPTIONAL = ("availability_status", "last_activity_at", "created_at")  # kept when absent
UPSERT_CONTACT = upsert_statement(
    CONTACT_TABLE,
    ("server_id", "account_id", "contact_id", *CONTACT_FIELDS, *CONTACT_OPTIONAL,
     "details_fetched", "labels"),
    ("server_id", "account_id", "contact_id"),
    {
        **{col: f"excluded.{col}" for col in CONTACT_FIELDS},
        **{col: f"coalesce(excluded.{col}, {CONTACT_TABLE}.{col})" for col in CONTACT_OPTIONAL},
        "details_fetched": f"{CONTACT_TABLE}.details_fetched OR excluded.details_fetched",
    },
)  # fmt: skip
RENAME_IN_CONVERSATIONS = (
    f"UPDATE {CONVERSATION_TABLE} SET contact_name = ?"
    " WHERE server_id = ? AND account_id = ? AND contact_id = ? AND contact_name != ?"
)


def _is_older(conv: t.Conversation, known: t.Conversation | CachedRow | None) -> bool:
    """The item is an older copy than one already known (both carry `updated_at`)."""
    if known is None or conv.updated_at is None or known.updated_at is None:
        return False
    return conv.updated_at < known.updated_at


class Expired(NamedTuple):
    """What a retention pass deleted: the change-set, and the downloaded files to delete."""

    change: ChangeSet
    files: list[str]


class ConversationStore(MessageStore):
    def upsert_conversations(
        self, key: AccountKey, conversations: Iterable[t.Conversation]
    ) -> ChangeSet:
        """Store current server state; an item older than the cached row is ignored."""
        change = ChangeSet(key)
        newest: dict[int, t.Conversation] = {}
        for conv in conversations:
            if not _is_older(conv, newest.get(conv.id)):
                newest[conv.id] = conv
        if not newest:
            return change
        sid = self.server_id(key.server_url)
        with self.db.atomic():
            for chunk in chunks(list(newest.values())):
                cached = self._cached_rows((sid, key.account_id), [c.id for c in chunk])
                fresh = [c for c in chunk if not _is_older(c, cached.get(c.id))]
                self._executemany(
                    UPSERT_CONVERSATION,
                    [
                        (sid, key.account_id, c.id, *self._conversation_row(c, cached.get(c.id)),
                         False, False)
                        for c in fresh
                    ],
                )  # fmt: skip
                self._write_contacts(sid, key, [c.contact for c in fresh if c.contact], change)
                self._write_messages(
                    key,
                    [c.last_message for c in fresh if c.last_message],
                    change,
                    touch_conversations=False,
                )
                change.conversations |= {c.id for c in fresh}
        return change

    def _cached_rows(
        self, scope: tuple[int, int], display_ids: Sequence[int]
    ) -> dict[int, CachedRow]:
        rows = self._sql(
            f"SELECT display_id, {', '.join(CACHED_COLUMNS)} FROM {CONVERSATION_TABLE}"
            " WHERE server_id = ? AND account_id = ?"
            f" AND display_id IN ({marks(len(display_ids))})",
            (*scope, *display_ids),
        ).fetchall()
        return {row[0]: CachedRow(*row[1:]) for row in rows}

    def _conversation_row(
        self, conv: t.Conversation, cached: CachedRow | None
    ) -> tuple[object, ...]:
        values = self._conversation_values(conv)
        if cached is not None:
            if self._keeps_local_read(cached, conv):
                values["unread_count"] = 0
                values["agent_last_seen_at"] = cached.agent_last_seen_at
            incoming = conv.last_message.id if conv.last_message else None
            if cached.last_message_id is not None and (
                incoming is None or incoming < cached.last_message_id
            ):
                values.update({field: getattr(cached, field) for field in PREVIEW_FIELDS})
            for field in ("muted", "uuid"):  # absent from a push: the cached value stays
                if values[field] is None:
                    values[field] = getattr(cached, field)
        return tuple(values[field] for field in CONVERSATION_FIELDS)

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
            "muted": conv.muted,
            "uuid": conv.uuid,
            "last_message_id": None,
            "last_message_preview": None,
            "last_message_private": False,
            "last_message_type": None,
            "last_message_attachment": None,
        }
        if conv.last_message is not None:
            values.update(self._preview_values(conv.last_message))
        return values

    def mark_missing_conversations(
        self, key: AccountKey, seen: set[int], active_before: float | None = None
    ) -> ChangeSet:
        """After a full re-list: conversations the server no longer shows are flagged, kept.

        With `active_before`, only those last active before it: one active since may have
        been moved past the listing's cursor while it paged.
        """
        where = self.scoped(s.Conversation, key) & (s.Conversation.present_on_server == True)  # noqa: E712
        if active_before is not None:
            where &= s.Conversation.last_activity_at.is_null() | (
                s.Conversation.last_activity_at < active_before
            )
        rows = s.Conversation.select(s.Conversation.display_id).where(where)
        return self.mark_conversations_gone(key, {r.display_id for r in rows} - seen)

    def mark_conversations_gone(self, key: AccountKey, gone: set[int]) -> ChangeSet:
        """The server no longer has these conversations: flagged (kept) and out of the list."""
        change = ChangeSet(key)
        if gone:
            s.Conversation.update(present_on_server=False).where(
                self.scoped(s.Conversation, key) & (s.Conversation.display_id.in_(gone))
            ).execute()
            change.removed_conversations |= gone
        return change

    def expire_conversations(self, key: AccountKey, before: float) -> Expired:
        """Retention: delete the conversations last active before `before` — their messages,
        index rows, attachments' rows and delivered replies — from the cache (never from the
        server). One with a draft or a reply not yet delivered is kept. The attachments'
        downloaded files are the caller's to delete (`Expired.files`)."""
        c, o, d = s.Conversation, s.OutboxItem, s.Draft
        keep = (o.select(o.conversation_id).where(self.scoped(o, key) & (o.state != "sent"))).union(
            d.select(d.conversation_id).where(self.scoped(d, key) & (d.content != ""))
        )
        ids = [
            row.display_id
            for row in c.select(c.display_id).where(
                self.scoped(c, key)
                & c.last_activity_at.is_null(False)
                & (c.last_activity_at < before)
                & c.display_id.not_in(keep)
            )
        ]
        files: list[str] = []
        with self.db.atomic():
            for chunk in chunks(ids):
                in_chunk = s.Message.conversation_id.in_(list(chunk))
                messages = list(
                    s.Message.select(s.Message.id, s.Message.message_id).where(
                        self.scoped(s.Message, key) & in_chunk
                    )
                )
                for part in chunks(messages):
                    rowids = [m.id for m in part]
                    for index in (FTS_TABLE, QUESTION_FTS):
                        self._sql(f"DELETE FROM {index} WHERE rowid IN ({marks(len(rowids))})",
                                  rowids)  # fmt: skip
                    atts = s.Attachment.select().where(
                        self.scoped(s.Attachment, key)
                        & s.Attachment.message_id.in_([m.message_id for m in part])
                    )
                    for a in atts:
                        files += [f for f in (a.local_path, a.thumb_local_path) if f]
                    s.Attachment.delete().where(
                        self.scoped(s.Attachment, key)
                        & s.Attachment.message_id.in_([m.message_id for m in part])
                    ).execute()
                s.Message.delete().where(self.scoped(s.Message, key) & in_chunk).execute()
                for model in (s.OutboxItem, s.Draft):
                    model.delete().where(
                        self.scoped(model, key) & model.conversation_id.in_(list(chunk))
                    ).execute()
                c.delete().where(self.scoped(c, key) & c.display_id.in_(list(chunk))).execute()
        return Expired(ChangeSet(key, removed_conversations=set(ids)), files)

    def conversation(self, key: AccountKey, display_id: int) -> ConversationRecord | None:
        row = s.Conversation.get_or_none(
            self.scoped(s.Conversation, key) & (s.Conversation.display_id == display_id)
        )
        return record_or_none(ConversationRecord, row)

    def conversations_by_id(
        self, key: AccountKey, display_ids: Sequence[int]
    ) -> dict[int, ConversationRecord]:
        """The cached rows of these conversations (those cached), by display id."""
        # plain SQL: peewee's compiling of a long IN list cost more than the read itself
        columns, flags = _record_columns()
        scope = (self.server_id(key.server_url), key.account_id)
        out: dict[int, ConversationRecord] = {}
        for chunk in chunks(list(display_ids)):
            rows = self._sql(
                f"SELECT {columns} FROM {CONVERSATION_TABLE} WHERE server_id = ?"
                f" AND account_id = ? AND display_id IN ({marks(len(chunk))})",
                (*scope, *chunk),
            )
            for row in rows:
                values = list(row)
                for at in flags:  # SQLite's 0/1, as peewee's BooleanField reads them
                    if values[at] is not None:
                        values[at] = bool(values[at])
                found = ConversationRecord(*values)
                out[found.display_id] = found
        return out

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
            # the newest message shown counts too: its conversation's own update (raising
            # `last_activity_at` to it) may come after this
            newest = (
                s.Message.select(pw.fn.MAX(s.Message.created_at))
                .where(self.scoped(s.Message, key) & (s.Message.conversation_id == display_id))
                .scalar()
            )
            seen = max(conv.last_activity_at, conv.agent_last_seen_at or 0.0, newest or 0.0)
        self.set_conversation_flags(key, display_id, unread_count=0, agent_last_seen_at=seen)
        return ChangeSet(key, conversations={display_id})

    @staticmethod
    def _keeps_local_read(cached: CachedRow, conv: t.Conversation) -> bool:
        """The cached row was read here after the server's copy was made, with no activity
        since: the copy's unread count is stale (`update_last_seen` may not have landed). The
        server's times have whole seconds: a copy seen in the second of the read is stale too."""
        seen = cached.agent_last_seen_at
        return bool(
            seen is not None
            and cached.unread_count == 0
            and (conv.agent_last_seen_at or 0.0) <= seen
            and (conv.last_activity_at or 0.0) <= seen
        )

    def upsert_contacts(self, key: AccountKey, contacts: Iterable[t.Contact]) -> ChangeSet:
        change = ChangeSet(key)
        sid = self.server_id(key.server_url)
        with self.db.atomic():
            self._write_contacts(sid, key, list(contacts), change, details=True)
        return change

    def _write_contacts(
        self,
        sid: int,
        key: AccountKey,
        contacts: Sequence[t.Contact],
        change: ChangeSet,
        *,
        details: bool = False,
    ) -> None:
        """Upsert the contacts (fields a payload lacks keep their cached values) and rename
        them in their conversations' rows."""
        scope = (sid, key.account_id)
        self._executemany(
            UPSERT_CONTACT,
            [
                (*scope, c.id, c.name, c.email, c.phone_number, c.identifier, c.blocked,
                 c.thumbnail, dumps_json(dict(c.additional_attributes)),
                 dumps_json(dict(c.custom_attributes)), c.availability_status,
                 c.last_activity_at, c.created_at, details, "[]")
                for c in contacts
            ],
        )  # fmt: skip
        self._executemany(
            RENAME_IN_CONVERSATIONS, [(c.name, *scope, c.id, c.name) for c in contacts]
        )
        change.contacts |= {c.id for c in contacts}

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

    def note_fetched(
        self,
        key: AccountKey,
        display_id: int,
        *,
        newest: int | None,
        asked_at: float | None,
        latest_page: bool = False,
        history_complete: bool = False,
    ) -> None:
        """One REST page was cached (one statement): every message up to `newest` now is
        (`synced_through`, never lowered); with `asked_at`, the newest messages were whole as
        of that moment (`caught_up_at`, never lowered); a `latest_page` marks the
        conversation's messages fetched once; `history_complete`, every older one cached."""
        c = s.Conversation
        changes: dict[Any, Any] = {}
        if newest is not None:
            changes[c.synced_through] = pw.fn.MAX(pw.fn.COALESCE(c.synced_through, 0), newest)
        if asked_at is not None:
            changes[c.caught_up_at] = pw.fn.MAX(pw.fn.COALESCE(c.caught_up_at, 0.0), asked_at)
        if latest_page:
            changes[c.messages_synced] = True
        if history_complete:
            changes[c.history_complete] = True
        if changes:
            c.update(changes).where(self.scoped(c, key) & (c.display_id == display_id)).execute()


@cache
def _record_columns() -> tuple[str, tuple[int, ...]]:
    """The table's columns for `ConversationRecord`'s fields, in their order, and which of
    them are booleans."""
    by_name = s.Conversation._meta.fields
    found = [by_name[f.name] for f in fields(ConversationRecord)]
    columns = ", ".join(field.column_name for field in found)
    return columns, tuple(n for n, field in enumerate(found) if isinstance(field, pw.BooleanField))
