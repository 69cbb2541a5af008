"""The client's domain records: one type per Chatwoot entity, whatever shape it arrived in.

REST and cable payloads differ (CONTRACT §2.4/§7.5, §3.3/§3.4); `core.parse` turns both into
these. Times are float epoch seconds (or None when unset), whatever format the server used.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class MessageType(enum.IntEnum):
    INCOMING = 0
    OUTGOING = 1
    ACTIVITY = 2
    TEMPLATE = 3


class ConversationStatus(enum.Enum):
    OPEN = "open"
    RESOLVED = "resolved"
    PENDING = "pending"
    SNOOZED = "snoozed"


@dataclass(frozen=True, slots=True)
class Sender:
    kind: str  # "user" | "contact" | "agent_bot" | other server-defined types
    id: int
    name: str
    thumbnail: str = ""
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    message_id: int
    file_type: str
    data_url: str | None
    thumb_url: str | None
    file_size: int | None
    extension: str | None = None
    width: int | None = None
    height: int | None = None
    fallback_title: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    conversation_id: int  # display_id
    account_id: int | None  # absent in REST §3.3
    inbox_id: int | None
    content: str | None
    message_type: int
    content_type: str
    status: str
    private: bool
    created_at: float
    updated_at: float | None
    sender: Sender | None
    attachments: tuple[Attachment, ...] = ()
    echo_id: str | None = None
    content_attributes: Mapping[str, Any] = field(default_factory=dict)
    # §3.4 push only: the conversation's unread count right after this message
    conversation_unread_count: int | None = None

    @property
    def in_reply_to(self) -> int | None:
        value = self.content_attributes.get("in_reply_to")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def deleted(self) -> bool:
        return bool(self.content_attributes.get("deleted"))


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    name: str
    email: str | None
    phone_number: str | None
    identifier: str | None
    blocked: bool
    thumbnail: str
    additional_attributes: Mapping[str, Any]
    custom_attributes: Mapping[str, Any]
    availability_status: str | None = None
    last_activity_at: float | None = None
    created_at: float | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int  # display_id
    account_id: int
    inbox_id: int
    status: str
    priority: str | None
    snoozed_until: float | None
    labels: tuple[str, ...]
    unread_count: int
    can_reply: bool
    created_at: float | None
    last_activity_at: float | None
    updated_at: float | None
    agent_last_seen_at: float | None
    contact_last_seen_at: float | None
    waiting_since: float | None
    first_reply_created_at: float | None
    channel: str | None
    contact: Contact | None
    assignee: Sender | None
    assignee_type: str | None
    team_id: int | None
    team_name: str | None
    last_message: Message | None
    muted: bool | None = None  # REST only
    uuid: str | None = None  # REST only
    additional_attributes: Mapping[str, Any] = field(default_factory=dict)
    custom_attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AccountMembership:
    id: int
    name: str
    status: str
    role: str
    availability: str | None
    availability_status: str | None
    auto_offline: bool


@dataclass(frozen=True, slots=True)
class Profile:
    id: int
    name: str
    available_name: str
    email: str
    access_token: str
    pubsub_token: str
    account_id: int | None
    role: str | None
    message_signature: str | None
    accounts: tuple[AccountMembership, ...]


@dataclass(frozen=True, slots=True)
class SignInResult:
    """Either the profile (with the access token) or an MFA challenge to answer (§1.1)."""

    profile: Profile | None
    mfa_token: str | None = None


@dataclass(frozen=True, slots=True)
class Agent:
    id: int
    name: str
    available_name: str
    email: str | None
    role: str | None
    availability_status: str | None
    thumbnail: str = ""


@dataclass(frozen=True, slots=True)
class Inbox:
    id: int
    name: str
    channel_type: str


@dataclass(frozen=True, slots=True)
class Team:
    id: int
    name: str
    description: str
    is_member: bool


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    title: str
    description: str
    color: str


@dataclass(frozen=True, slots=True)
class CannedResponse:
    id: int
    short_code: str
    content: str


@dataclass(frozen=True, slots=True)
class CustomAttributeDefinition:
    id: int
    key: str
    display_name: str
    display_type: str
    model: str
    values: tuple[str, ...] = ()
    regex_pattern: str | None = None
    regex_cue: str | None = None


@dataclass(frozen=True, slots=True)
class Notification:
    """§6.1: one entry of the user's notification list (the bell)."""

    id: int
    notification_type: str
    conversation_display_id: int | None
    primary_actor_id: int  # the conversation's database id (`read_all` takes it)
    title: str  # push_message_title: the message text or "A conversation (#3) has been …"
    read_at: float | None
    created_at: float | None
    account_id: int | None = None
    last_activity_at: float | None = None  # the list's order (a new message moves one up)
    snoozed_until: float | None = None
    contact_name: str = ""  # of the conversation (primary_actor.meta.sender)
    inbox_id: int | None = None
    actor_name: str = ""  # secondary_actor: who assigned or mentioned, "" for the system

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True, slots=True)
class NotificationPage:
    """One page of `GET …/notifications`: its items and the list's counts (§6.1)."""

    items: list[Notification]
    count: int
    unread_count: int


@dataclass(frozen=True, slots=True)
class AgentSummary:
    """One agent's row of `GET /api/v2/accounts/{id}/summary_reports/agent`: counts and
    averages in seconds (None: nothing to average)."""

    id: int
    conversations_count: int
    resolved_conversations_count: int
    avg_resolution_time: float | None
    avg_first_response_time: float | None
    avg_reply_time: float | None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of conversations plus the list counts (§2.2)."""

    items: tuple[Conversation, ...]
    mine_count: int | None = None
    assigned_count: int | None = None
    unassigned_count: int | None = None
    all_count: int | None = None
