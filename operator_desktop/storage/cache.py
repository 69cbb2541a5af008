"""`Cache`: every read and write of cached Chatwoot data, as synchronous methods.

Call them only on the database thread (`DbWorker.run`). Each write returns the `ChangeSet`
it caused. Server URLs map to `Server` rows here; everything else is keyed by `AccountKey`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import peewee as pw

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.database import FTS_TABLE, CacheDatabase
from operator_desktop.storage.records import (
    AgentRecord,
    AttachmentRecord,
    AttributeDefinitionRecord,
    CannedResponseRecord,
    ContactRecord,
    ConversationRecord,
    InboxRecord,
    LabelRecord,
    MessageRecord,
    ReferenceKind,
    SyncStateRecord,
    TeamRecord,
    record,
    record_or_none,
)
from operator_desktop.storage.textsearch import Snippet, fts_query, snippet, stems_of

log = logging.getLogger("db")

PREVIEW_LENGTH = 200
R = TypeVar("R")
BATCH_ROWS = 100  # rows per multi-row INSERT (SQLite allows 32,766 parameters)


@dataclass(frozen=True)
class SignedInAccount:
    key: AccountKey
    name: str
    role: str
    user_id: int | None
    user_email: str | None
    user_name: str | None


@dataclass(frozen=True)
class SearchHit:
    key: AccountKey
    conversation_id: int
    message_id: int
    sender: str | None
    contact: str
    created_at: float
    snippet: Snippet


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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Cache:
    def __init__(self, database: CacheDatabase) -> None:
        self.database = database
        self.db = database.db
        self._server_ids: dict[str, int] = {}

    # ---- servers and accounts --------------------------------------------------------------
    def server_id(self, url: str, *, create: bool = True) -> int:
        if url in self._server_ids:
            return self._server_ids[url]
        row = s.Server.get_or_none(s.Server.url == url)
        if row is None:
            if not create:
                raise KeyError(url)
            row = s.Server.create(url=url)
        self._server_ids[url] = int(row.id)
        return int(row.id)

    def save_sign_in(
        self, url: str, profile: t.Profile, account_ids: Iterable[int]
    ) -> list[AccountKey]:
        """Remember the user and the chosen accounts (never the tokens)."""
        chosen = set(account_ids)
        with self.db.atomic():
            sid = self.server_id(url)
            s.Server.update(
                user_id=profile.id, user_email=profile.email, user_name=profile.available_name
            ).where(s.Server.id == sid).execute()
            keys = []
            for membership in profile.accounts:
                if membership.id not in chosen:
                    continue
                s.Account.insert(
                    server=sid,
                    account_id=membership.id,
                    name=membership.name,
                    role=membership.role,
                    status=membership.status,
                    availability=membership.availability,
                    signed_in=True,
                ).on_conflict(
                    conflict_target=[s.Account.server, s.Account.account_id],
                    update={
                        s.Account.name: membership.name,
                        s.Account.role: membership.role,
                        s.Account.status: membership.status,
                        s.Account.availability: membership.availability,
                        s.Account.signed_in: True,
                    },
                ).execute()
                keys.append(AccountKey(url, membership.id))
        return keys

    def rename_server(self, old_url: str, new_url: str) -> None:
        """Keep a server's cached data when its address changes (the demo's port)."""
        if old_url == new_url:
            return
        with self.db.atomic():
            if s.Server.get_or_none(s.Server.url == new_url) is not None:
                return
            s.Server.update(url=new_url).where(s.Server.url == old_url).execute()
        self._server_ids.pop(old_url, None)

    def signed_in_accounts(self) -> list[SignedInAccount]:
        rows = (
            s.Account.select(s.Account, s.Server)
            .join(s.Server)
            .where(s.Account.signed_in == True)  # noqa: E712 - peewee expression
            .order_by(s.Server.url, s.Account.account_id)
        )
        return [
            SignedInAccount(
                key=AccountKey(r.server.url, r.account_id),
                name=r.name,
                role=r.role,
                user_id=r.server.user_id,
                user_email=r.server.user_email,
                user_name=r.server.user_name,
            )
            for r in rows
        ]

    def sign_out(self, url: str, *, wipe: bool) -> None:
        """Forget the sign-in; with `wipe`, delete every cached row of that server too."""
        with self.db.atomic():
            sid = self.server_id(url, create=False)
            if wipe:
                ids = [m.id for m in s.Message.select(s.Message.id).where(s.Message.server == sid)]
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ",".join("?" for _ in chunk)
                    self._sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
                s.Server.delete().where(s.Server.id == sid).execute()
                self._server_ids.pop(url, None)
            else:
                s.Account.update(signed_in=False).where(s.Account.server == sid).execute()

    def _sql(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = self.db.execute_sql(sql, params)  # type: ignore[no-untyped-call]
        return cursor

    def scoped(self, model: type[s.AccountScoped], key: AccountKey) -> pw.Expression:
        sid = self.server_id(key.server_url)
        return (model.server == sid) & (model.account_id == key.account_id)

    # ---- reference data ------------------------------------------------------------------------
    def replace_reference(
        self, key: AccountKey, kind: ReferenceKind, items: Sequence[Any]
    ) -> ChangeSet:
        """Replace one reference list (inboxes, agents, teams, labels, canned, attributes)."""
        sid = self.server_id(key.server_url)
        model, rows = self._reference_rows(kind, items)
        with self.db.atomic():
            model.delete().where(self.scoped(model, key)).execute()
            scoped_rows = [{"server": sid, "account_id": key.account_id, **row} for row in rows]
            for start in range(0, len(scoped_rows), BATCH_ROWS):  # one statement per batch
                model.insert_many(scoped_rows[start : start + BATCH_ROWS]).execute()
        return ChangeSet(key, reference={kind})

    def _reference_rows(
        self, kind: ReferenceKind, items: Sequence[Any]
    ) -> tuple[type[s.AccountScoped], list[dict[str, object]]]:
        if kind is ReferenceKind.INBOXES:
            return s.Inbox, [
                {"inbox_id": i.id, "name": i.name, "channel_type": i.channel_type} for i in items
            ]
        if kind is ReferenceKind.AGENTS:
            return s.Agent, [
                {
                    "agent_id": a.id,
                    "name": a.name,
                    "available_name": a.available_name,
                    "email": a.email,
                    "role": a.role,
                    "availability_status": a.availability_status,
                }
                for a in items
            ]
        if kind is ReferenceKind.TEAMS:
            return s.Team, [
                {
                    "team_id": x.id,
                    "name": x.name,
                    "description": x.description,
                    "is_member": x.is_member,
                }
                for x in items
            ]
        if kind is ReferenceKind.LABELS:
            return s.Label, [
                {
                    "label_id": x.id,
                    "title": x.title,
                    "description": x.description,
                    "color": x.color,
                }
                for x in items
            ]
        if kind is ReferenceKind.CANNED:
            return s.CannedResponse, [
                {"canned_id": x.id, "short_code": x.short_code, "content": x.content} for x in items
            ]
        if kind is ReferenceKind.ATTRIBUTES:
            return s.CustomAttributeDefinition, [
                {
                    "definition_id": x.id,
                    "key": x.key,
                    "display_name": x.display_name,
                    "display_type": x.display_type,
                    "model": x.model,
                    "values": _dumps(list(x.values)),
                    "regex_pattern": x.regex_pattern,
                    "regex_cue": x.regex_cue,
                }
                for x in items
            ]
        raise ValueError(kind)

    def _reference(self, key: AccountKey, model: type[s.AccountScoped], cls: type[R]) -> list[R]:
        return [record(cls, row) for row in model.select().where(self.scoped(model, key))]

    def inboxes(self, key: AccountKey) -> list[InboxRecord]:
        return self._reference(key, s.Inbox, InboxRecord)

    def agents(self, key: AccountKey) -> list[AgentRecord]:
        return self._reference(key, s.Agent, AgentRecord)

    def teams(self, key: AccountKey) -> list[TeamRecord]:
        return self._reference(key, s.Team, TeamRecord)

    def labels(self, key: AccountKey) -> list[LabelRecord]:
        return self._reference(key, s.Label, LabelRecord)

    def canned_responses(self, key: AccountKey) -> list[CannedResponseRecord]:
        return self._reference(key, s.CannedResponse, CannedResponseRecord)

    def attribute_definitions(self, key: AccountKey) -> list[AttributeDefinitionRecord]:
        return self._reference(key, s.CustomAttributeDefinition, AttributeDefinitionRecord)

    # ---- conversations ---------------------------------------------------------------------------
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
            "labels": _dumps(list(conv.labels)),
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
            "additional_attributes": _dumps(dict(conv.additional_attributes)),
            "custom_attributes": _dumps(dict(conv.custom_attributes)),
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

    # ---- contacts ------------------------------------------------------------------------------
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
            "additional_attributes": _dumps(dict(contact.additional_attributes)),
            "custom_attributes": _dumps(dict(contact.custom_attributes)),
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
        dumped = _dumps(list(labels))
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

    # ---- messages ------------------------------------------------------------------------------
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
            "content_attributes": _dumps(dict(msg.content_attributes)),
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

    # ---- search --------------------------------------------------------------------------------
    def search(
        self, query: str, *, key: AccountKey | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Full-text search over content, sender and contact names; best matches first."""
        match = fts_query(query)
        if match is None:
            return []
        sql = (
            f"SELECT m.id, bm25({FTS_TABLE}, 1.0, 0.5, 0.5) AS rank FROM {FTS_TABLE} "
            f"JOIN message m ON m.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? "
        )
        params: list[Any] = [match]
        if key is not None:
            sql += "AND m.server_id = ? AND m.account_id = ? "
            params += [self.server_id(key.server_url), key.account_id]
        sql += "ORDER BY rank LIMIT ?"
        params.append(limit)
        ranked = [int(r[0]) for r in self._sql(sql, params).fetchall()]
        if not ranked:
            return []
        rows = {
            m.id: m
            for m in s.Message.select(s.Message, s.Server)
            .join(s.Server)
            .where(s.Message.id.in_(ranked))
        }
        hits = []
        for rowid in ranked:
            m = rows[rowid]
            mkey = AccountKey(m.server.url, m.account_id)
            conv = self.conversation(mkey, m.conversation_id)
            contact = conv.contact_name if conv is not None else ""
            text = m.content or ""
            snip = snippet(text, query)
            if not snip.spans:
                # matched on sender or contact name: show the name with the match marked
                for name in (m.sender_name or "", contact):
                    named = snippet(name, query)
                    if named.spans:
                        snip = named
                        break
            hits.append(
                SearchHit(
                    key=mkey,
                    conversation_id=m.conversation_id,
                    message_id=m.message_id,
                    sender=m.sender_name,
                    contact=contact,
                    created_at=m.created_at,
                    snippet=snip,
                )
            )
        return hits

    # ---- drafts ------------------------------------------------------------------------------
    def save_draft(
        self, key: AccountKey, display_id: int, content: str, private: bool, now: float
    ) -> ChangeSet:
        """Keep (or, when blank, drop) the unsent reply of a conversation."""
        sid = self.server_id(key.server_url)
        where = self.scoped(s.Draft, key) & (s.Draft.conversation_id == display_id)
        change = ChangeSet(key, drafts={display_id})
        if not content.strip():
            s.Draft.delete().where(where).execute()
            return change
        updated = s.Draft.update(content=content, private=private, updated_at=now).where(where)
        if not updated.execute():
            s.Draft.create(
                server=sid,
                account_id=key.account_id,
                conversation_id=display_id,
                content=content,
                private=private,
                updated_at=now,
            )
        return change

    def draft(self, key: AccountKey, display_id: int) -> tuple[str, bool] | None:
        row = s.Draft.get_or_none(
            self.scoped(s.Draft, key) & (s.Draft.conversation_id == display_id)
        )
        return (row.content, bool(row.private)) if row is not None else None

    # ---- outbox --------------------------------------------------------------------------------
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
            attachments=_dumps(list(attachments)),
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

    # ---- sync state ----------------------------------------------------------------------------
    def sync_state(self, key: AccountKey) -> SyncStateRecord:
        sid = self.server_id(key.server_url)
        row = s.SyncState.get_or_none(self.scoped(s.SyncState, key))
        if row is None:
            row = s.SyncState.create(server=sid, account_id=key.account_id)
        return record(SyncStateRecord, row)

    def update_sync_state(self, key: AccountKey, **fields: Any) -> None:
        self.sync_state(key)
        s.SyncState.update(**fields).where(self.scoped(s.SyncState, key)).execute()
