"""Typed rows read from the cache: frozen dataclasses, one per table that callers read.

`Cache` converts peewee model instances into these at its boundary (`record`), so nothing
outside `storage/` sees a peewee object or an `Any`. Field names are the column names; JSON
columns stay text here and are decoded by the read model. `server` is the server row's id.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol, TypeVar


class ReferenceKind(enum.StrEnum):
    """The account's reference data, replaced as a whole on refresh (`ChangeSet.reference`)."""

    INBOXES = "inboxes"
    AGENTS = "agents"
    TEAMS = "teams"
    LABELS = "labels"
    CANNED = "canned"
    ATTRIBUTES = "attributes"


class _Row(Protocol):
    __data__: dict[str, Any]


R = TypeVar("R")
_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def record(cls: type[R], row: _Row) -> R:
    """The typed copy of a peewee row (all columns selected)."""
    return record_of(cls, row.__data__)


def record_of(cls: type[R], data: Mapping[str, Any]) -> R:
    """The typed copy of a row read as a dict (`query.dicts()`: no model instances, which
    cost most of a read of many rows)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return cls(**{name: data.get(name) for name in names})


def record_or_none(cls: type[R], row: _Row | None) -> R | None:
    return None if row is None else record(cls, row)


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A cached conversation (one chat row): state, contact, assignee and the previewed message."""

    id: int
    server: int
    account_id: int
    display_id: int
    inbox_id: int
    status: str
    priority: str | None
    snoozed_until: float | None
    labels: str
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
    contact_id: int | None
    contact_name: str
    assignee_id: int | None
    assignee_name: str | None
    assignee_type: str | None
    team_id: int | None
    team_name: str | None
    last_message_id: int | None
    last_message_preview: str | None
    last_message_private: bool
    last_message_type: int | None
    last_message_attachment: str | None
    muted: bool | None
    uuid: str | None
    additional_attributes: str
    custom_attributes: str
    history_complete: bool
    messages_synced: bool
    synced_through: int | None
    caught_up_at: float | None
    present_on_server: bool


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """A cached message; `content_attributes` is JSON text."""

    id: int
    server: int
    account_id: int
    message_id: int
    conversation_id: int
    inbox_id: int | None
    content: str | None
    message_type: int
    content_type: str
    status: str
    private: bool
    created_at: float
    updated_at: float | None
    sender_kind: str | None
    sender_id: int | None
    sender_name: str | None
    echo_id: str | None
    content_attributes: str
    in_reply_to: int | None
    deleted: bool


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """A cached contact; `labels` and the attribute columns are JSON text."""

    id: int
    server: int
    account_id: int
    contact_id: int
    name: str
    email: str | None
    phone_number: str | None
    identifier: str | None
    blocked: bool
    thumbnail: str
    additional_attributes: str
    custom_attributes: str
    availability_status: str | None
    last_activity_at: float | None
    created_at: float | None
    labels: str
    details_fetched: bool


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """A cached attachment, with where its bytes are on disk once downloaded."""

    id: int
    server: int
    account_id: int
    attachment_id: int
    message_id: int
    file_type: str
    data_url: str | None
    thumb_url: str | None
    file_size: int | None
    extension: str | None
    width: int | None
    height: int | None
    local_path: str | None
    thumb_local_path: str | None


@dataclass(frozen=True, slots=True)
class SyncStateRecord:
    """What the sync engine remembers about one account between runs."""

    id: int
    server: int
    account_id: int
    cold_sync_done: bool
    last_full_sync_at: float | None
    last_event_at: float | None
    disconnected_at: float | None
    cache_keys: str


@dataclass(frozen=True, slots=True)
class InboxRecord:
    """An inbox of the account (reference data)."""

    id: int
    server: int
    account_id: int
    inbox_id: int
    name: str
    channel_type: str


@dataclass(frozen=True, slots=True)
class AgentRecord:
    """An agent of the account (reference data)."""

    id: int
    server: int
    account_id: int
    agent_id: int
    name: str
    available_name: str
    email: str | None
    role: str | None
    availability_status: str | None


@dataclass(frozen=True, slots=True)
class TeamRecord:
    """A team of the account (reference data)."""

    id: int
    server: int
    account_id: int
    team_id: int
    name: str
    description: str
    is_member: bool


@dataclass(frozen=True, slots=True)
class LabelRecord:
    """A label of the account (reference data)."""

    id: int
    server: int
    account_id: int
    label_id: int
    title: str
    description: str
    color: str


@dataclass(frozen=True, slots=True)
class CannedResponseRecord:
    """A canned response of the account (reference data)."""

    id: int
    server: int
    account_id: int
    canned_id: int
    short_code: str
    content: str


@dataclass(frozen=True, slots=True)
class AttributeDefinitionRecord:
    """A custom attribute definition; `values` is JSON text."""

    id: int
    server: int
    account_id: int
    definition_id: int
    key: str
    display_name: str
    display_type: str
    model: str
    values: str
    regex_pattern: str | None
    regex_cue: str | None
