"""Typed change-sets: what one write to the cache changed, published after it is persisted.

Views update exactly the rows named here (one `dataChanged` per row), never reset a model.
Change-sets of one batch merge with `|=`. The bell's notifications are not cached (the server
keeps them): their change-sets carry the new states themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from operator_desktop.core.types import Notification


@dataclass(frozen=True, slots=True)
class AccountKey:
    """One account on one server: the key of every cached row."""

    server_url: str
    account_id: int


@dataclass
class ChangeSet:
    key: AccountKey
    conversations: set[int] = field(default_factory=set)  # display ids upserted
    removed_conversations: set[int] = field(default_factory=set)
    messages: dict[int, set[int]] = field(default_factory=dict)  # display id -> message ids
    outbox: set[int] = field(default_factory=set)  # display ids whose outbox changed
    contacts: set[int] = field(default_factory=set)
    reference: set[str] = field(default_factory=set)  # inboxes, agents, teams, labels, ...
    typing: set[int] = field(default_factory=set)  # display ids whose typing state changed
    drafts: set[int] = field(default_factory=set)  # display ids whose local draft changed
    # the bell (§6.1, not cached): notification id -> its new state, None when deleted
    notifications: dict[int, Notification | None] = field(default_factory=dict)
    new_notifications: set[int] = field(default_factory=set)  # announced by notification.created
    unread_notifications: int | None = None  # the server's count after these changes

    def __bool__(self) -> bool:
        return bool(
            self.conversations
            or self.removed_conversations
            or self.messages
            or self.outbox
            or self.contacts
            or self.reference
            or self.typing
            or self.drafts
            or self.notifications
            or self.unread_notifications is not None
        )

    def add_message(self, conversation_id: int, message_id: int) -> None:
        self.messages.setdefault(conversation_id, set()).add(message_id)

    def __ior__(self, other: ChangeSet) -> ChangeSet:
        self.conversations |= other.conversations
        self.removed_conversations |= other.removed_conversations
        for conv, ids in other.messages.items():
            self.messages.setdefault(conv, set()).update(ids)
        self.outbox |= other.outbox
        self.contacts |= other.contacts
        self.reference |= other.reference
        self.typing |= other.typing
        self.drafts |= other.drafts
        self.notifications.update(other.notifications)
        self.new_notifications |= other.new_notifications
        if other.unread_notifications is not None:
            self.unread_notifications = other.unread_notifications
        return self
