"""What deserves a desktop notification, and how a burst becomes one (no Qt, no D-Bus).

`NoticePolicy` turns what just changed in the cache — new messages, conversations that are new
or newly assigned, customers waiting past the red threshold, the server's own notifications
(`notification.created`) — into `Notice`s, each kind switched on or off in `NoticeSettings`.
Nothing is noticed for the conversation open in the active window, for muted conversations,
or for history a sync pages in. While the operator is busy only mentions and assignments get
through (do not disturb). `coalesce` makes one notice per conversation of a batch; the
window's notifier replaces a conversation's notification with the next one, so a burst of
messages never stacks up.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from operator_desktop.core.types import Notification
from operator_desktop.services.readmodel import ChatRow, MessageRow

FRESH_FOR = 120.0  # seconds: older messages arriving now are history, not news
BODY_LIMIT = 240
MENTION = re.compile(r"\(mention://(user|team)/(\d+)/(.*?)\)")


class NoticeKind(enum.IntEnum):
    """Why a notice is due; a higher value wins when one conversation has several."""

    INBOX_MESSAGE = 1  # a customer's message in a conversation that is not mine
    MY_MESSAGE = 2  # a customer's message in a conversation assigned to me
    WAITING = 3  # a customer of mine has waited longer than the red threshold
    SERVER = 4  # the server's own notification (notification.created)
    NEW_CONVERSATION = 5  # a new, unassigned conversation in my inboxes
    ASSIGNED = 6  # a conversation was assigned to me (by someone else or the system)
    MENTION = 7  # I was @mentioned in a private note


# kinds that still notify while busy (do not disturb)
URGENT = frozenset({NoticeKind.ASSIGNED, NoticeKind.MENTION})
SERVER_KINDS = {  # the server's notification_type, as the kind it stands for
    "conversation_creation": NoticeKind.NEW_CONVERSATION,
    "conversation_assignment": NoticeKind.ASSIGNED,
    "conversation_mention": NoticeKind.MENTION,
}


@dataclass(frozen=True, slots=True)
class NoticeSettings:
    """Which kinds notify. The defaults follow Chatwoot's: a new user gets push notifications
    for assignments (`AccountUser#create_notification_setting`) and the dashboard's audio
    alert for "mine"; mentions are on too, as they are addressed to me by name."""

    my_messages: bool = True
    inbox_messages: bool = False
    new_conversations: bool = False
    assigned: bool = True
    mentions: bool = True
    waiting: bool = False
    server: bool = False
    red_after: float = 300.0  # seconds, the Preferences' red threshold

    def allows(self, kind: NoticeKind) -> bool:
        return {
            NoticeKind.INBOX_MESSAGE: self.inbox_messages,
            NoticeKind.MY_MESSAGE: self.my_messages,
            NoticeKind.WAITING: self.waiting,
            NoticeKind.SERVER: self.server,
            NoticeKind.NEW_CONVERSATION: self.new_conversations,
            NoticeKind.ASSIGNED: self.assigned,
            NoticeKind.MENTION: self.mentions,
        }[kind]


@dataclass(frozen=True, slots=True)
class Notice:
    display_id: int
    message_id: int  # 0 when no message is behind it (an assignment, a wait)
    title: str  # the customer's name
    body: str  # the message, on one line and shortened; the file name for attachments
    kind: NoticeKind = NoticeKind.MY_MESSAGE
    inbox: str = ""
    unassigned: bool = False  # "Assign to me" makes sense
    contact_id: int | None = None
    waiting_since: float | None = None
    count: int = 1  # how many notices this one stands for (a coalesced burst)
    unread: int = 0  # the conversation's unread count then: back to 0, it has been read


class NoticePolicy:
    def __init__(
        self,
        user_id: int,
        settings: NoticeSettings | None = None,
        *,
        fresh_for: float = FRESH_FOR,
    ) -> None:
        self.user_id = user_id
        self.settings = settings or NoticeSettings()
        self.fresh_for = fresh_for
        self.busy = False  # the operator's availability is "busy": only URGENT kinds
        self._considered: set[int] = set()
        self._assignees: dict[int, int | None] = {}  # display id -> assignee, as last seen
        self._primed = False
        self._own_assignments: set[int] = set()  # assigned to me by me: no notice
        self._waited: set[tuple[int, float]] = set()  # (display id, waiting since) noticed
        self._server_seen: set[int] = set()

    # ---- what the cache already holds -------------------------------------------------
    def prime(self, assignees: Mapping[int, int | None]) -> None:
        """The conversations cached before any change arrived: none of them is new."""
        for display_id, assignee in assignees.items():
            self._assignees.setdefault(display_id, assignee)
        self._primed = True

    def assigning_myself(self, display_id: int) -> None:
        """The operator is taking `display_id` (Assign to me): that is no news to them."""
        self._own_assignments.add(display_id)

    def _allowed(
        self, kind: NoticeKind, chat: ChatRow, reading: int | None, *, always: bool = False
    ) -> bool:
        if not (always or self.settings.allows(kind)):
            return False
        if chat.muted or chat.display_id == reading:
            return False
        return not self.busy or kind in URGENT

    def _notice(self, chat: ChatRow, kind: NoticeKind, body: str, message_id: int = 0) -> Notice:
        return Notice(
            display_id=chat.display_id,
            message_id=message_id,
            title=chat.contact_name,
            body=body,
            kind=kind,
            inbox=chat.inbox_name,
            unassigned=chat.assignee_id is None,
            contact_id=chat.contact_id,
            waiting_since=chat.waiting_since,
            unread=chat.unread_count,
        )

    # ---- new messages -----------------------------------------------------------------
    def pick(
        self,
        messages: Iterable[MessageRow],
        chats: Mapping[int, ChatRow],
        *,
        now: float,
        reading: int | None,
        showing: AbstractSet[int] = frozenset(),
    ) -> list[Notice]:
        """Notices for `messages` (fetched after a change-set), oldest first.

        `reading` is the conversation open in the window while the window is active;
        `showing` those with a notification on screen: a customer's message there updates
        it even when that kind of message would not notify by itself.
        """
        notices: list[Notice] = []
        for message in sorted(messages, key=lambda m: m.id):
            if message.id <= 0 or message.id in self._considered:
                continue
            self._considered.add(message.id)
            chat = chats.get(message.display_id)
            if chat is None or message.deleted or now - message.created_at > self.fresh_for:
                continue
            kind = self._message_kind(message, chat)
            if kind is None:
                continue
            if not self._allowed(kind, chat, reading, always=message.display_id in showing):
                continue
            notices.append(self._notice(chat, kind, one_line(message), message.id))
        return notices

    def _message_kind(self, message: MessageRow, chat: ChatRow) -> NoticeKind | None:
        if message.private:
            return NoticeKind.MENTION if self.mentions_me(message.content) else None
        if not message.is_incoming:
            return None
        if chat.assignee_id == self.user_id:
            return NoticeKind.MY_MESSAGE
        return NoticeKind.INBOX_MESSAGE

    def mentions_me(self, content: str | None) -> bool:
        return any(
            kind == "user" and int(user_id) == self.user_id
            for kind, user_id, _name in MENTION.findall(content or "")
        )

    # ---- conversations: new ones, and ones assigned to me -------------------------------
    def conversations(
        self, chats: Iterable[ChatRow], *, now: float, reading: int | None, syncing: bool = False
    ) -> list[Notice]:
        """Notices for conversations a change-set upserted. While `syncing` (the first sync
        fills the cache) they are only remembered."""
        notices: list[Notice] = []
        for chat in chats:
            known = chat.display_id in self._assignees
            before = self._assignees.get(chat.display_id)
            self._assignees[chat.display_id] = chat.assignee_id
            mine_now = chat.assignee_id == self.user_id
            by_me = chat.display_id in self._own_assignments
            if mine_now or not known or before != chat.assignee_id:
                self._own_assignments.discard(chat.display_id)
            if syncing or not self._primed or chat.status != "open":
                continue
            if known and before == chat.assignee_id:
                continue
            fresh = now - chat.last_activity_at <= self.fresh_for
            if mine_now and not by_me and (known or fresh):
                kind = NoticeKind.ASSIGNED
            elif not known and chat.assignee_id is None and fresh:
                kind = NoticeKind.NEW_CONVERSATION
            else:
                continue
            if self._allowed(kind, chat, reading):
                notices.append(self._notice(chat, kind, chat.preview))
        return notices

    # ---- customers waiting past the red threshold --------------------------------------
    def waiting(self, chats: Iterable[ChatRow], *, now: float, reading: int | None) -> list[Notice]:
        """Once per wait: a customer in a conversation of mine (or nobody's) whose first
        unanswered message is older than the red threshold."""
        notices: list[Notice] = []
        for chat in chats:
            since = chat.waiting_since
            if since is None or chat.status != "open" or now - since < self.settings.red_after:
                continue
            if chat.assignee_id not in (None, self.user_id):
                continue
            if (chat.display_id, since) in self._waited:
                continue
            self._waited.add((chat.display_id, since))
            if self._allowed(NoticeKind.WAITING, chat, reading):
                notices.append(self._notice(chat, NoticeKind.WAITING, chat.preview))
        return notices

    # ---- the server's own notifications -------------------------------------------------
    def server(
        self,
        notes: Iterable[Notification],
        chats: Mapping[int, ChatRow],
        *,
        now: float,
        reading: int | None,
    ) -> list[Notice]:
        """Notices for notifications the server just created (`notification.created`)."""
        notices: list[Notice] = []
        for note in notes:
            if note.id in self._server_seen or not note.unread:
                continue
            self._server_seen.add(note.id)
            display_id = note.conversation_display_id
            chat = chats.get(display_id) if display_id is not None else None
            if chat is None or now - (note.created_at or now) > self.fresh_for:
                continue
            if not self.settings.server or chat.muted or chat.display_id == reading:
                continue
            kind = SERVER_KINDS.get(note.notification_type, NoticeKind.SERVER)
            if self.busy and kind not in URGENT:
                continue
            body = " ".join(note.title.split())
            notices.append(self._notice(chat, kind, _shorten(body)))
        return notices


def coalesce(notices: Iterable[Notice]) -> list[Notice]:
    """One notice per conversation: the most pressing kind, the newest message's text (the
    notices of two change-sets may arrive out of order), the count."""
    merged: dict[int, Notice] = {}
    for notice in notices:
        had = merged.get(notice.display_id)
        if had is None:
            merged[notice.display_id] = notice
            continue
        kind = max(had.kind, notice.kind)
        newer = notice.message_id >= had.message_id or not notice.message_id
        body = (notice.body if newer else had.body) or had.body or notice.body
        message_id = max(notice.message_id, had.message_id)
        merged[notice.display_id] = replace(
            notice, kind=kind, body=body, message_id=message_id, count=had.count + notice.count
        )
    return list(merged.values())


def one_line(message: MessageRow) -> str:
    text = " ".join(MENTION.sub(lambda m: "@" + m.group(3), message.content or "").split())
    if not text and message.attachments:
        text = message.attachments[0].name
    return _shorten(text)


def _shorten(text: str) -> str:
    if len(text) > BODY_LIMIT:
        text = text[: BODY_LIMIT - 1].rstrip() + "…"
    return text
