"""What the window shows, read from the cache as small immutable rows (no Qt).

`ReadModel` methods run on the database thread (`DbWorker.run`); views get plain frozen
dataclasses and never touch the database from `data()` or `paint()`.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.text import strip_bidi_controls
from operator_desktop.core.types import MessageType
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache import Cache

TRANSCRIPT_CHUNK = 5000  # messages read per attachments query


@dataclass(frozen=True, slots=True)
class ChatRow:
    key: AccountKey
    display_id: int
    contact_id: int | None
    contact_name: str
    channel: str | None
    inbox_id: int
    inbox_name: str
    status: str
    priority: str | None
    unread_count: int
    preview: str
    preview_private: bool
    preview_type: int | None
    last_activity_at: float
    waiting_since: float | None
    assignee_id: int | None
    assignee_name: str | None
    team_id: int | None
    team_name: str | None
    labels: tuple[str, ...]
    snoozed_until: float | None
    muted: bool
    has_outbox: bool = False
    has_draft: bool = False
    draft: str = ""  # the unsent reply's text, shown after "Draft:" instead of the preview
    preview_attachment: str | None = None  # the previewed message's attachment kind (§3.3)


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    id: int
    file_type: str
    name: str
    file_size: int | None
    width: int | None
    height: int | None
    data_url: str | None
    thumb_url: str | None
    local_path: str | None
    thumb_local_path: str | None


@dataclass(frozen=True, slots=True)
class MessageRow:
    """A cached message, or (with `outbox_id`) a reply not yet confirmed by the server."""

    id: int  # server message id; for outbox rows a negative number
    display_id: int
    message_type: int
    private: bool
    content: str | None
    created_at: float
    sender_name: str | None
    sender_kind: str | None
    status: str  # sent | delivered | read | failed | pending | sending
    attachments: tuple[AttachmentRow, ...] = ()
    in_reply_to: int | None = None
    reply_preview: str | None = None
    deleted: bool = False
    outbox_id: int | None = None
    error: str | None = None

    @property
    def is_activity(self) -> bool:
        return self.message_type == MessageType.ACTIVITY

    @property
    def is_incoming(self) -> bool:
        return self.message_type == MessageType.INCOMING


@dataclass(frozen=True, slots=True)
class NamedItem:
    id: int
    name: str
    extra: str = ""  # channel type for inboxes, colour for labels, role for agents


@dataclass(frozen=True, slots=True)
class AttributeDefinition:
    key: str
    display_name: str
    display_type: str
    model: str
    values: tuple[str, ...]
    regex_pattern: str | None
    regex_cue: str | None


@dataclass(frozen=True)
class Reference:
    inboxes: tuple[NamedItem, ...] = ()
    agents: tuple[NamedItem, ...] = ()
    teams: tuple[NamedItem, ...] = ()
    labels: tuple[NamedItem, ...] = ()
    canned: tuple[tuple[str, str], ...] = ()  # (short_code, content)
    attributes: tuple[AttributeDefinition, ...] = ()


@dataclass(frozen=True)
class CustomerCardData:
    key: AccountKey
    contact_id: int
    name: str
    email: str | None
    phone_number: str | None
    identifier: str | None
    company: str | None
    city: str | None
    country: str | None
    blocked: bool
    labels: tuple[str, ...]
    custom_attributes: dict[str, Any]
    browser: str | None  # from the open conversation
    os: str | None
    referer: str | None
    conversation_attributes: dict[str, Any] = field(default_factory=dict)
    previous: tuple[ChatRow, ...] = ()


def _loads(text: str | None, default: Any) -> Any:
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def attachment_name(data_url: str | None, attachment_id: int) -> str:
    """The file name an attachment's URL ends in, decoded, without bidi controls."""
    path = urllib.parse.urlsplit(data_url or "").path
    name = strip_bidi_controls(urllib.parse.unquote(path.rsplit("/", 1)[-1])).strip()
    return name or f"file-{attachment_id}"


class ReadModel:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    # ---- chat list ----------------------------------------------------------------------
    def chat_rows(
        self, key: AccountKey, ids: Sequence[int] | None = None, *, limit: int | None = None
    ) -> list[ChatRow]:
        """Rows of the chat list (all, only `ids`, or the newest `limit`), newest first."""
        c, inbox = s.Conversation, s.Inbox
        same_inbox = (
            (inbox.server == c.server)
            & (inbox.account_id == c.account_id)
            & (inbox.inbox_id == c.inbox_id)
        )
        query = (
            c.select(c, inbox.name.alias("inbox_name"))
            .join(inbox, pw.JOIN.LEFT_OUTER, on=same_inbox)
            .where(self.cache.scoped(c, key) & (c.present_on_server == True))  # noqa: E712 - peewee expression
        )
        if ids is not None:
            query = query.where(s.Conversation.display_id.in_(list(ids)))
        query = query.order_by(s.Conversation.last_activity_at.desc())
        if limit is not None:
            query = query.limit(limit)
        rows = list(query.namedtuples())  # tuples: a third faster than model instances
        if not rows:
            return []
        outbox_query = s.OutboxItem.select(s.OutboxItem.conversation_id).where(
            self.cache.scoped(s.OutboxItem, key) & (s.OutboxItem.state != "sent")
        )
        drafts_query = s.Draft.select(s.Draft.conversation_id, s.Draft.content).where(
            self.cache.scoped(s.Draft, key)
        )
        if ids is not None or limit is not None:  # all rows: no id list (SQLite caps its size)
            wanted = [r.display_id for r in rows]
            outbox_query = outbox_query.where(s.OutboxItem.conversation_id.in_(wanted))
            drafts_query = drafts_query.where(s.Draft.conversation_id.in_(wanted))
        outbox = {o.conversation_id for o in outbox_query}
        drafts = {d.conversation_id: d.content for d in drafts_query}
        return [self._chat_row(key, r, outbox, drafts) for r in rows]

    @staticmethod
    def _chat_row(
        key: AccountKey,
        r: Any,
        outbox: set[int],
        drafts: dict[int, str],
    ) -> ChatRow:
        draft = " ".join((drafts.get(r.display_id) or "").split())
        return ChatRow(
            key=key,
            display_id=r.display_id,
            contact_id=r.contact_id,
            contact_name=r.contact_name or "",
            channel=r.channel,
            inbox_id=r.inbox_id,
            inbox_name=r.inbox_name or "",
            status=r.status,
            priority=r.priority,
            unread_count=r.unread_count or 0,
            preview=(r.last_message_preview or "").replace("\n", " "),
            preview_private=bool(r.last_message_private),
            preview_type=r.last_message_type,
            preview_attachment=r.last_message_attachment,
            last_activity_at=r.last_activity_at or 0.0,
            waiting_since=r.waiting_since,
            assignee_id=r.assignee_id,
            assignee_name=r.assignee_name,
            team_id=r.team_id,
            team_name=r.team_name,
            labels=tuple(_loads(r.labels, [])),
            snoozed_until=r.snoozed_until,
            muted=bool(r.muted),
            has_outbox=r.display_id in outbox,
            has_draft=bool(draft),
            draft=draft,
        )

    def assignees(self, key: AccountKey) -> dict[int, int | None]:
        """Display id -> assignee of every cached conversation (what notices start from)."""
        c = s.Conversation
        query = c.select(c.display_id, c.assignee_id).where(
            self.cache.scoped(c, key) & (c.present_on_server == True)  # noqa: E712
        )
        return {r.display_id: r.assignee_id for r in query.namedtuples()}

    def waiting_rows(self, key: AccountKey, waiting_before: float, user_id: int) -> list[ChatRow]:
        """Open conversations of `user_id` or nobody's whose customer waits since before
        `waiting_before`."""
        c = s.Conversation
        query = c.select(c.display_id).where(
            self.cache.scoped(c, key)
            & (c.present_on_server == True)  # noqa: E712
            & (c.status == "open")
            & c.waiting_since.is_null(False)
            & (c.waiting_since < waiting_before)
            & (c.assignee_id.is_null() | (c.assignee_id == user_id))
        )
        ids = [r.display_id for r in query.namedtuples()]
        return self.chat_rows(key, ids) if ids else []

    def _unread_mine(self, key: AccountKey, user_id: int) -> Any:
        """Open conversations assigned to `user_id` with unread messages, not muted."""
        c = s.Conversation
        return (
            self.cache.scoped(c, key)
            & (c.present_on_server == True)  # noqa: E712
            & (c.status == "open")
            & (c.assignee_id == user_id)
            & (c.unread_count > 0)
            & (c.muted.is_null() | (c.muted == False))  # noqa: E712
        )

    def unread_assigned(self, key: AccountKey, user_id: int) -> int:
        """Open conversations assigned to `user_id` with unread customer messages."""
        c = s.Conversation
        return int(c.select().where(self._unread_mine(key, user_id)).count())

    def next_unread_assigned(
        self, key: AccountKey, user_id: int, skip: int | None = None
    ) -> int | None:
        """The unread open conversation assigned to `user_id` that has waited longest (other
        than `skip`, the one on screen, when there is another), or None."""
        c = s.Conversation
        rows = (
            c.select(c.display_id)
            .where(self._unread_mine(key, user_id))
            .order_by(
                pw.fn.COALESCE(c.waiting_since, c.last_activity_at, 0).asc(), c.display_id.asc()
            )
            .limit(2)
        )
        ids = [int(r.display_id) for r in rows]
        others = [i for i in ids if i != skip]
        return others[0] if others else (ids[0] if ids else None)

    def removed_ids(self, key: AccountKey, ids: Sequence[int]) -> set[int]:
        """Of `ids`, those no longer on the server (or never cached)."""
        present = {
            r.display_id
            for r in s.Conversation.select(s.Conversation.display_id).where(
                self.cache.scoped(s.Conversation, key)
                & (s.Conversation.present_on_server == True)  # noqa: E712
                & (s.Conversation.display_id.in_(list(ids)))
            )
        }
        return set(ids) - present

    # ---- messages -----------------------------------------------------------------------
    def messages(
        self,
        key: AccountKey,
        display_id: int,
        *,
        before_id: int | None = None,
        limit: int = 60,
        include_outbox: bool = True,
    ) -> list[MessageRow]:
        """The newest `limit` cached messages (before `before_id`), oldest first."""
        query = s.Message.select().where(
            self.cache.scoped(s.Message, key) & (s.Message.conversation_id == display_id)
        )
        if before_id is not None:
            query = query.where(s.Message.message_id < before_id)
        rows = list(reversed(list(query.order_by(s.Message.message_id.desc()).limit(limit))))
        out = self._message_rows(key, rows)
        if include_outbox and before_id is None:
            out += self.outbox_rows(key, display_id)
        return out

    def transcript_messages(
        self,
        key: AccountKey,
        display_id: int,
        start: float | None = None,
        end: float | None = None,
    ) -> list[MessageRow]:
        """Every cached message of the conversation created in [start, end), oldest first
        (the outbox is not part of a transcript)."""
        where = self.cache.scoped(s.Message, key) & (s.Message.conversation_id == display_id)
        if start is not None:
            where &= s.Message.created_at >= start
        if end is not None:
            where &= s.Message.created_at < end
        rows = list(s.Message.select().where(where).order_by(s.Message.message_id))
        out: list[MessageRow] = []
        for first in range(0, len(rows), TRANSCRIPT_CHUNK):  # SQLite caps an IN list's size
            out += self._message_rows(key, rows[first : first + TRANSCRIPT_CHUNK])
        return out

    def messages_by_id(self, key: AccountKey, ids: Sequence[int]) -> list[MessageRow]:
        rows = list(
            s.Message.select().where(
                self.cache.scoped(s.Message, key) & (s.Message.message_id.in_(list(ids)))
            )
        )
        return self._message_rows(key, rows)

    def _message_rows(self, key: AccountKey, rows: list[Any]) -> list[MessageRow]:
        atts: dict[int, list[AttachmentRow]] = {}
        for a in self.cache.attachments_of(key, [r.message_id for r in rows]):
            name = attachment_name(a.data_url, a.attachment_id)
            atts.setdefault(a.message_id, []).append(
                AttachmentRow(
                    id=a.attachment_id,
                    file_type=a.file_type,
                    name=name,
                    file_size=a.file_size,
                    width=a.width,
                    height=a.height,
                    data_url=a.data_url,
                    thumb_url=a.thumb_url,
                    local_path=a.local_path,
                    thumb_local_path=a.thumb_local_path,
                )
            )
        replies = {r.in_reply_to for r in rows if r.in_reply_to}
        quoted: dict[int, str] = {}
        if replies:
            for q in s.Message.select(s.Message.message_id, s.Message.content).where(
                self.cache.scoped(s.Message, key) & (s.Message.message_id.in_(list(replies)))
            ):
                quoted[q.message_id] = (q.content or "")[:140]
        return [
            MessageRow(
                id=r.message_id,
                display_id=r.conversation_id,
                message_type=r.message_type,
                private=bool(r.private),
                content=r.content,
                created_at=r.created_at,
                sender_name=r.sender_name,
                sender_kind=r.sender_kind,
                status=r.status,
                attachments=tuple(atts.get(r.message_id, ())),
                in_reply_to=r.in_reply_to,
                reply_preview=quoted.get(r.in_reply_to) if r.in_reply_to else None,
                deleted=bool(r.deleted),
            )
            for r in rows
        ]

    def outbox_rows(self, key: AccountKey, display_id: int) -> list[MessageRow]:
        return [
            MessageRow(
                id=-entry.id,
                display_id=display_id,
                message_type=int(MessageType.OUTGOING),
                private=entry.private,
                content=entry.content,
                created_at=entry.created_at,
                sender_name=None,
                sender_kind="user",
                status=entry.state,
                in_reply_to=entry.in_reply_to,
                outbox_id=entry.id,
                error=entry.error,
            )
            for entry in self.cache.outbox_for(key, display_id)
        ]

    def history_complete(self, key: AccountKey, display_id: int) -> bool:
        conv = self.cache.conversation(key, display_id)
        return bool(conv is not None and conv.history_complete)

    # ---- reference data -----------------------------------------------------------------
    def reference(self, key: AccountKey) -> Reference:
        c = self.cache
        return Reference(
            inboxes=tuple(NamedItem(i.inbox_id, i.name, i.channel_type) for i in c.inboxes(key)),
            agents=tuple(
                NamedItem(a.agent_id, a.name or a.available_name, a.role or "")
                for a in c.agents(key)
            ),
            teams=tuple(NamedItem(t.team_id, t.name) for t in c.teams(key)),
            labels=tuple(NamedItem(lab.label_id, lab.title, lab.color) for lab in c.labels(key)),
            canned=tuple((x.short_code, x.content) for x in c.canned_responses(key)),
            attributes=tuple(
                AttributeDefinition(
                    key=d.key,
                    display_name=d.display_name,
                    display_type=d.display_type,
                    model=d.model,
                    values=tuple(_loads(d.values, [])),
                    regex_pattern=d.regex_pattern,
                    regex_cue=d.regex_cue,
                )
                for d in c.attribute_definitions(key)
            ),
        )

    # ---- customer card ------------------------------------------------------------------
    def customer_card(self, key: AccountKey, display_id: int) -> CustomerCardData | None:
        conv = self.cache.conversation(key, display_id)
        if conv is None or conv.contact_id is None:
            return None
        contact = self.cache.contact(key, conv.contact_id)
        if contact is None:
            return None
        extra = _loads(contact.additional_attributes, {})
        conv_attrs = _loads(conv.additional_attributes, {})
        browser = conv_attrs.get("browser") if isinstance(conv_attrs, dict) else None
        browser_text = os_text = None
        if isinstance(browser, dict):
            browser_text = " ".join(
                str(browser.get(k)) for k in ("browser_name", "browser_version") if browser.get(k)
            )
            os_text = " ".join(
                str(browser.get(k))
                for k in ("platform_name", "platform_version")
                if browser.get(k) and browser.get(k) != "0"
            )
        previous_ids = [
            r.display_id
            for r in s.Conversation.select(s.Conversation.display_id).where(
                self.cache.scoped(s.Conversation, key)
                & (s.Conversation.contact_id == conv.contact_id)
                & (s.Conversation.display_id != display_id)
            )
        ]
        return CustomerCardData(
            key=key,
            contact_id=contact.contact_id,
            name=contact.name,
            email=contact.email,
            phone_number=contact.phone_number,
            identifier=contact.identifier,
            company=extra.get("company_name") if isinstance(extra, dict) else None,
            city=extra.get("city") if isinstance(extra, dict) else None,
            country=extra.get("country") if isinstance(extra, dict) else None,
            blocked=bool(contact.blocked),
            labels=tuple(_loads(contact.labels, [])),
            custom_attributes=dict(_loads(contact.custom_attributes, {})),
            browser=browser_text or None,
            os=os_text or None,
            referer=conv_attrs.get("referer") if isinstance(conv_attrs, dict) else None,
            conversation_attributes=dict(_loads(conv.custom_attributes, {})),
            previous=tuple(self.chat_rows(key, previous_ids)) if previous_ids else (),
        )
