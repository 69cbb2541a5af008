"""The demo server's own data model: plain records and the in-memory store that holds them.

Written from CONTRACT.md, independently of the client's types. The store is the single source
of truth; `views.py` turns records into Chatwoot's JSON shapes. `DemoStore.to_json` and
`DemoStore.from_json` make the whole state persistable for `--state FILE`.
"""

from __future__ import annotations

import base64
import dataclasses
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

ROLE_AGENT = "agent"
ROLE_ADMIN = "administrator"

MESSAGE_INCOMING = 0
MESSAGE_OUTGOING = 1
MESSAGE_ACTIVITY = 2
MESSAGE_TEMPLATE = 3

CONVERSATION_STATUSES = ("open", "resolved", "pending", "snoozed")
PRIORITIES = ("low", "medium", "high", "urgent")


class Clock:
    """Wall time plus an offset that the control endpoint can advance."""

    def __init__(self, offset: float = 0.0) -> None:
        self.offset = offset

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@dataclass
class Account:
    id: int
    name: str
    status: str = "active"  # "active" | "suspended"
    locale: str = "en"
    cache_keys: dict[str, float] = field(default_factory=dict)  # label / inbox / team


@dataclass
class User:
    id: int
    name: str
    display_name: str | None
    email: str
    password: str
    access_token: str
    pubsub_token: str
    message_signature: str | None = None
    ui_settings: dict[str, Any] = field(default_factory=dict)
    custom_attributes: dict[str, Any] = field(default_factory=dict)
    mfa_secret: str | None = None
    mfa_backup_codes: list[str] = field(default_factory=list)
    phone_number: str | None = None
    inviter_id: int | None = None
    confirmed: bool = True
    sessions: dict[str, str] = field(default_factory=dict)  # devise: client -> access-token

    @property
    def available_name(self) -> str:
        return self.display_name or self.name


@dataclass
class AccountUser:
    account_id: int
    user_id: int
    role: str  # ROLE_AGENT | ROLE_ADMIN
    availability: str = "online"  # online | busy | offline (configured)
    auto_offline: bool = True
    active_at: float = 0.0


@dataclass
class Inbox:
    id: int
    account_id: int
    name: str
    channel_type: str  # Channel::WebWidget | Channel::Email | Channel::Api
    channel_id: int
    greeting_enabled: bool = False
    greeting_message: str | None = None
    enable_auto_assignment: bool = True
    timezone: str = "UTC"
    website_url: str | None = None
    email: str | None = None
    member_ids: list[int] = field(default_factory=list)


@dataclass
class Team:
    id: int
    account_id: int
    name: str
    description: str
    allow_auto_assign: bool = False
    member_ids: list[int] = field(default_factory=list)


@dataclass
class Contact:
    id: int
    account_id: int
    name: str
    email: str | None
    phone_number: str | None
    identifier: str | None = None
    blocked: bool = False
    additional_attributes: dict[str, Any] = field(default_factory=dict)
    custom_attributes: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    created_at: float = 0.0
    last_activity_at: float | None = None
    simulated: bool = False


@dataclass
class ContactInbox:
    id: int
    contact_id: int
    inbox_id: int
    source_id: str
    pubsub_token: str
    hmac_verified: bool = False
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass
class ContactNote:
    id: int
    account_id: int
    contact_id: int
    user_id: int
    content: str
    created_at: float
    updated_at: float


@dataclass
class Conversation:
    id: int  # database id (notification primary_actor_id)
    display_id: int  # the id clients see
    account_id: int
    inbox_id: int
    contact_id: int
    contact_inbox_id: int
    uuid: str
    status: str = "open"
    priority: str | None = None
    snoozed_until: float | None = None
    labels: list[str] = field(default_factory=list)
    assignee_id: int | None = None
    team_id: int | None = None
    agent_last_seen_at: float | None = None
    assignee_last_seen_at: float | None = None
    contact_last_seen_at: float | None = None
    first_reply_created_at: float | None = None
    waiting_since: float | None = None
    created_at: float = 0.0
    last_activity_at: float = 0.0
    updated_at: float = 0.0
    additional_attributes: dict[str, Any] = field(default_factory=dict)
    custom_attributes: dict[str, Any] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)  # str(user_id) -> draft text
    last_seen_write: dict[str, float] = field(default_factory=dict)  # throttle of update_last_seen
    simulated: bool = False


@dataclass
class Attachment:
    id: int
    message_id: int
    account_id: int
    file_type: str  # image | file | audio | video ...
    file_name: str
    content_type: str
    file_size: int
    extension: str | None = None
    width: int | None = None
    height: int | None = None
    thumb_blob_id: int | None = None
    blob_id: int = 0


@dataclass
class Message:
    id: int
    account_id: int
    inbox_id: int
    conversation_id: int  # database id of the conversation
    content: str | None
    message_type: int
    sender_type: str | None  # "User" | "Contact" | None (activity)
    sender_id: int | None
    created_at: float
    updated_at: float
    content_type: str = "text"
    status: str = "sent"
    private: bool = False
    content_attributes: dict[str, Any] = field(default_factory=dict)
    additional_attributes: dict[str, Any] = field(default_factory=dict)
    source_id: str | None = None
    echo_id: str | None = None
    attachment_ids: list[int] = field(default_factory=list)


@dataclass
class UploadBlob:
    """An Active Storage blob made by a direct upload (`create_before_direct_upload!`): the
    declared file, before and after its bytes are PUT (`store.blobs[id]` once they are).
    Its id comes from the same `blobs` sequence as the attachment blobs, so the attachment
    made from it points at the same blob."""

    id: int
    account_id: int
    key: str
    filename: str
    content_type: str | None
    byte_size: int
    checksum: str
    metadata: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0


@dataclass
class ConversationParticipant:
    """A watcher of a conversation (`conversation_participants`): one row per user and
    conversation, added by the participants endpoint, on assignment and on a mention."""

    id: int
    account_id: int
    conversation_id: int  # database id of the conversation
    user_id: int
    created_at: float = 0.0


@dataclass
class Label:
    id: int
    account_id: int
    title: str
    description: str
    color: str
    show_on_sidebar: bool = True


@dataclass
class CannedResponse:
    id: int
    account_id: int
    short_code: str
    content: str
    created_at: float
    updated_at: float


@dataclass
class CustomAttributeDefinition:
    id: int
    account_id: int
    attribute_display_name: str
    attribute_key: str
    attribute_model: str  # conversation_attribute | contact_attribute
    attribute_display_type: str  # text number currency percent link date list checkbox
    attribute_description: str = ""
    attribute_values: list[str] = field(default_factory=list)
    default_value: Any = None
    regex_pattern: str | None = None
    regex_cue: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0


@dataclass
class Notification:
    id: int
    account_id: int
    user_id: int
    notification_type: str
    primary_actor_id: int  # conversation database id
    secondary_actor_id: int | None
    created_at: float
    last_activity_at: float
    read_at: float | None = None
    snoozed_until: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)


_TABLES: dict[str, type[Any]] = {
    "accounts": Account,
    "users": User,
    "account_users": AccountUser,
    "inboxes": Inbox,
    "teams": Team,
    "contacts": Contact,
    "contact_inboxes": ContactInbox,
    "contact_notes": ContactNote,
    "conversations": Conversation,
    "messages": Message,
    "attachments": Attachment,
    "conversation_participants": ConversationParticipant,
    "upload_blobs": UploadBlob,
    "labels": Label,
    "canned_responses": CannedResponse,
    "custom_attribute_definitions": CustomAttributeDefinition,
    "notifications": Notification,
}


@dataclass
class DemoStore:
    """Every record of the demo server, keyed by database id."""

    accounts: dict[int, Account] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    account_users: list[AccountUser] = field(default_factory=list)
    inboxes: dict[int, Inbox] = field(default_factory=dict)
    teams: dict[int, Team] = field(default_factory=dict)
    contacts: dict[int, Contact] = field(default_factory=dict)
    contact_inboxes: dict[int, ContactInbox] = field(default_factory=dict)
    contact_notes: dict[int, ContactNote] = field(default_factory=dict)
    conversations: dict[int, Conversation] = field(default_factory=dict)
    messages: dict[int, Message] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    conversation_participants: dict[int, ConversationParticipant] = field(default_factory=dict)
    upload_blobs: dict[int, UploadBlob] = field(default_factory=dict)
    labels: dict[int, Label] = field(default_factory=dict)
    canned_responses: dict[int, CannedResponse] = field(default_factory=dict)
    custom_attribute_definitions: dict[int, CustomAttributeDefinition] = field(default_factory=dict)
    notifications: dict[int, Notification] = field(default_factory=dict)
    blobs: dict[int, bytes] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    # display_id sequence per account
    display_counters: dict[int, int] = field(default_factory=dict)
    # signs the blob ids and upload tokens of direct uploads (Rails' secret_key_base)
    secret_key_base: str = field(default_factory=lambda: secrets.token_hex(32))
    # messages per conversation, in id order (an index, rebuilt on load)
    _by_conversation: dict[int, list[int]] = field(default_factory=dict, repr=False)

    # ---- ids ---------------------------------------------------------------------------
    def next_id(self, table: str, start: int = 1) -> int:
        value = self.counters.get(table, start - 1) + 1
        self.counters[table] = value
        return value

    def next_display_id(self, account_id: int) -> int:
        value = self.display_counters.get(account_id, 0) + 1
        self.display_counters[account_id] = value
        return value

    # ---- lookups -----------------------------------------------------------------------
    def user_by_token(self, token: str) -> User | None:
        for user in self.users.values():
            if user.access_token == token:
                return user
        return None

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        for user in self.users.values():
            if user.email.lower() == wanted:
                return user
        return None

    def user_by_pubsub(self, token: str) -> User | None:
        for user in self.users.values():
            if user.pubsub_token == token:
                return user
        return None

    def membership(self, account_id: int, user_id: int) -> AccountUser | None:
        for au in self.account_users:
            if au.account_id == account_id and au.user_id == user_id:
                return au
        return None

    def memberships_of(self, user_id: int) -> list[AccountUser]:
        return [au for au in self.account_users if au.user_id == user_id]

    def members_of(self, account_id: int) -> list[AccountUser]:
        return [au for au in self.account_users if au.account_id == account_id]

    def conversation_by_display(self, account_id: int, display_id: int) -> Conversation | None:
        for conv in self.conversations.values():
            if conv.account_id == account_id and conv.display_id == display_id:
                return conv
        return None

    def add_message(self, message: Message) -> None:
        self.messages[message.id] = message
        self._by_conversation.setdefault(message.conversation_id, []).append(message.id)

    def remove_attachment(self, attachment_id: int) -> None:
        """Destroy an attachment and purge its blobs, as `dependent: :purge_later` does: a
        blob another attachment still uses stays (Active Storage refuses to purge it)."""
        att = self.attachments.pop(attachment_id, None)
        if att is None:
            return
        for blob_id in (att.blob_id, att.thumb_blob_id):
            if blob_id is None:
                continue
            if any(blob_id in (a.blob_id, a.thumb_blob_id) for a in self.attachments.values()):
                continue
            self.blobs.pop(blob_id, None)
            self.upload_blobs.pop(blob_id, None)

    def remove_conversation(self, conv: Conversation) -> None:
        for mid in self._by_conversation.pop(conv.id, []):
            msg = self.messages.pop(mid, None)
            if msg is None:
                continue
            for aid in msg.attachment_ids:
                self.remove_attachment(aid)
        self.conversations.pop(conv.id, None)
        for participant in self.participants_of(conv.id):
            del self.conversation_participants[participant.id]
        for note_id in [n.id for n in self.notifications.values() if n.primary_actor_id == conv.id]:
            del self.notifications[note_id]

    def participants_of(self, conversation_db_id: int) -> list[ConversationParticipant]:
        """`conversation.conversation_participants`, oldest first."""
        return sorted(
            (
                p
                for p in self.conversation_participants.values()
                if p.conversation_id == conversation_db_id
            ),
            key=lambda p: p.id,
        )

    def participant(self, conversation_db_id: int, user_id: int) -> ConversationParticipant | None:
        for p in self.conversation_participants.values():
            if p.conversation_id == conversation_db_id and p.user_id == user_id:
                return p
        return None

    def messages_of(self, conversation_db_id: int) -> list[Message]:
        ids = self._by_conversation.get(conversation_db_id, [])
        return [self.messages[i] for i in ids if i in self.messages]

    def newest_first(self, conversation_db_id: int) -> Iterator[Message]:
        """The conversation's messages from the newest back, read only as far as asked."""
        for mid in reversed(self._by_conversation.get(conversation_db_id, [])):
            msg = self.messages.get(mid)
            if msg is not None:
                yield msg

    def last_message(
        self, conversation_db_id: int, *, chat_only: bool = False, non_activity: bool = False
    ) -> Message | None:
        for mid in reversed(self._by_conversation.get(conversation_db_id, [])):
            msg = self.messages.get(mid)
            if msg is None:
                continue
            if chat_only and (msg.private or msg.message_type == MESSAGE_ACTIVITY):
                continue
            if non_activity and msg.message_type == MESSAGE_ACTIVITY:
                continue
            return msg
        return None

    def contact_inbox_of(self, conv: Conversation) -> ContactInbox:
        return self.contact_inboxes[conv.contact_inbox_id]

    # ---- persistence -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _TABLES:
            value = getattr(self, name)
            rows = value.values() if isinstance(value, dict) else value
            out[name] = [dataclasses.asdict(r) for r in rows]
        out["blobs"] = {str(k): base64.b64encode(v).decode("ascii") for k, v in self.blobs.items()}
        out["counters"] = dict(self.counters)
        out["display_counters"] = {str(k): v for k, v in self.display_counters.items()}
        out["secret_key_base"] = self.secret_key_base
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DemoStore:
        store = cls()
        for name, record_type in _TABLES.items():
            rows = [record_type(**row) for row in data.get(name, [])]
            if name == "account_users":
                store.account_users = rows
            else:
                setattr(store, name, {row.id: row for row in rows})
        store.blobs = {int(k): base64.b64decode(v) for k, v in data.get("blobs", {}).items()}
        store.counters = {str(k): int(v) for k, v in data.get("counters", {}).items()}
        store.display_counters = {
            int(k): int(v) for k, v in data.get("display_counters", {}).items()
        }
        store.secret_key_base = str(data.get("secret_key_base") or store.secret_key_base)
        for msg in sorted(store.messages.values(), key=lambda m: m.id):
            store._by_conversation.setdefault(msg.conversation_id, []).append(msg.id)
        return store
