"""The cache's tables (peewee models). Every row is keyed by server and account.

The models are bound to a database at open time (`CacheDatabase`), so the database class stays
replaceable (an SQLCipher database through `playhouse.sqlcipher_ext` later). The binding is
per thread: each workspace's `DbWorker` thread binds its own database, so two caches can be
open in one process (the merged multi-account list needs that). Secrets are never
stored here: the access token lives in the OS keyring and the pubsub token only in memory.
"""

from __future__ import annotations

import threading
from typing import Any

import peewee as pw


class ThreadBoundDatabase(pw.DatabaseProxy):
    """A peewee database proxy whose target is set per thread (each DbWorker sets its own)."""

    __slots__ = ("_local",)

    def __init__(self) -> None:
        object.__setattr__(self, "_local", threading.local())
        super().__init__()

    @property
    def obj(self) -> pw.Database | None:
        return getattr(self._local, "database", None)

    @obj.setter
    def obj(self, database: pw.Database | None) -> None:
        self._local.database = database

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("obj", "_callbacks", "_Model"):
            object.__setattr__(self, name, value)
        else:
            super().__setattr__(name, value)


database_proxy = ThreadBoundDatabase()


class BaseModel(pw.Model):
    id = pw.AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Server(BaseModel):
    url = pw.TextField(unique=True)
    user_id = pw.IntegerField(null=True)
    user_email = pw.TextField(null=True)
    user_name = pw.TextField(null=True)


class Account(BaseModel):
    server = pw.ForeignKeyField(Server, on_delete="CASCADE")
    account_id = pw.IntegerField()
    name = pw.TextField(default="")
    role = pw.TextField(default="agent")
    status = pw.TextField(default="active")
    availability = pw.TextField(null=True)
    signed_in = pw.BooleanField(default=True)

    class Meta:
        indexes = ((("server", "account_id"), True),)


class AccountScoped(BaseModel):
    server = pw.ForeignKeyField(Server, on_delete="CASCADE")
    account_id = pw.IntegerField()


class Inbox(AccountScoped):
    inbox_id = pw.IntegerField()
    name = pw.TextField()
    channel_type = pw.TextField()

    class Meta:
        indexes = ((("server", "account_id", "inbox_id"), True),)


class Agent(AccountScoped):
    agent_id = pw.IntegerField()
    name = pw.TextField()
    available_name = pw.TextField()
    email = pw.TextField(null=True)
    role = pw.TextField(null=True)
    availability_status = pw.TextField(null=True)

    class Meta:
        indexes = ((("server", "account_id", "agent_id"), True),)


class Team(AccountScoped):
    team_id = pw.IntegerField()
    name = pw.TextField()
    description = pw.TextField(default="")
    is_member = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("server", "account_id", "team_id"), True),)


class Label(AccountScoped):
    label_id = pw.IntegerField()
    title = pw.TextField()
    description = pw.TextField(default="")
    color = pw.TextField(default="#888888")

    class Meta:
        indexes = ((("server", "account_id", "label_id"), True),)


class CannedResponse(AccountScoped):
    canned_id = pw.IntegerField()
    short_code = pw.TextField()
    content = pw.TextField()

    class Meta:
        indexes = ((("server", "account_id", "canned_id"), True),)


class CustomAttributeDefinition(AccountScoped):
    definition_id = pw.IntegerField()
    key = pw.TextField()
    display_name = pw.TextField()
    display_type = pw.TextField()
    model = pw.TextField()
    values = pw.TextField(default="[]")  # JSON list
    regex_pattern = pw.TextField(null=True)
    regex_cue = pw.TextField(null=True)

    class Meta:
        indexes = ((("server", "account_id", "definition_id"), True),)


class Contact(AccountScoped):
    contact_id = pw.IntegerField()
    name = pw.TextField(default="")
    email = pw.TextField(null=True)
    phone_number = pw.TextField(null=True)
    identifier = pw.TextField(null=True)
    blocked = pw.BooleanField(default=False)
    thumbnail = pw.TextField(default="")
    additional_attributes = pw.TextField(default="{}")
    custom_attributes = pw.TextField(default="{}")
    availability_status = pw.TextField(null=True)
    last_activity_at = pw.FloatField(null=True)
    created_at = pw.FloatField(null=True)
    labels = pw.TextField(default="[]")
    details_fetched = pw.BooleanField(default=False)

    class Meta:
        indexes = ((("server", "account_id", "contact_id"), True),)


class Conversation(AccountScoped):
    display_id = pw.IntegerField()
    inbox_id = pw.IntegerField()
    status = pw.TextField()
    priority = pw.TextField(null=True)
    snoozed_until = pw.FloatField(null=True)
    labels = pw.TextField(default="[]")
    unread_count = pw.IntegerField(default=0)
    can_reply = pw.BooleanField(default=True)
    created_at = pw.FloatField(null=True)
    last_activity_at = pw.FloatField(null=True, index=True)
    updated_at = pw.FloatField(null=True)
    agent_last_seen_at = pw.FloatField(null=True)
    contact_last_seen_at = pw.FloatField(null=True)
    waiting_since = pw.FloatField(null=True)
    first_reply_created_at = pw.FloatField(null=True)
    channel = pw.TextField(null=True)
    contact_id = pw.IntegerField(null=True)
    contact_name = pw.TextField(default="")
    assignee_id = pw.IntegerField(null=True)
    assignee_name = pw.TextField(null=True)
    assignee_type = pw.TextField(null=True)
    team_id = pw.IntegerField(null=True)
    team_name = pw.TextField(null=True)
    last_message_id = pw.IntegerField(null=True)
    last_message_preview = pw.TextField(null=True)
    last_message_private = pw.BooleanField(default=False)
    last_message_type = pw.IntegerField(null=True)
    last_message_attachment = pw.TextField(null=True)  # file_type of its first attachment
    muted = pw.BooleanField(null=True)
    uuid = pw.TextField(null=True)
    additional_attributes = pw.TextField(default="{}")
    custom_attributes = pw.TextField(default="{}")
    history_complete = pw.BooleanField(default=False)  # every older message is cached
    messages_synced = pw.BooleanField(default=False)  # latest page fetched at least once
    # every message up to this id is cached (REST pages are contiguous; live events and the
    # list's last message may leave holes below them, so gap-fill resumes from here)
    synced_through = pw.IntegerField(null=True)
    # this client's clock when REST last made the newest messages whole: a catch-up skips the
    # conversation while the server's `updated_at` for it is older than that
    caught_up_at = pw.FloatField(null=True)
    present_on_server = pw.BooleanField(default=True)  # False after a full re-list misses it

    class Meta:
        indexes = ((("server", "account_id", "display_id"), True),)


class Message(AccountScoped):
    message_id = pw.IntegerField()
    conversation_id = pw.IntegerField()  # display_id
    inbox_id = pw.IntegerField(null=True)
    content = pw.TextField(null=True)
    message_type = pw.IntegerField()
    content_type = pw.TextField(default="text")
    status = pw.TextField(default="sent")
    private = pw.BooleanField(default=False)
    created_at = pw.FloatField()
    updated_at = pw.FloatField(null=True)
    sender_kind = pw.TextField(null=True)
    sender_id = pw.IntegerField(null=True)
    sender_name = pw.TextField(null=True)
    echo_id = pw.TextField(null=True)
    content_attributes = pw.TextField(default="{}")
    in_reply_to = pw.IntegerField(null=True)
    deleted = pw.BooleanField(default=False)

    class Meta:
        indexes = (
            (("server", "account_id", "message_id"), True),
            (("server", "account_id", "conversation_id", "message_id"), False),
        )


class Attachment(AccountScoped):
    attachment_id = pw.IntegerField()
    message_id = pw.IntegerField()
    file_type = pw.TextField()
    data_url = pw.TextField(null=True)
    thumb_url = pw.TextField(null=True)
    file_size = pw.IntegerField(null=True)
    extension = pw.TextField(null=True)
    width = pw.IntegerField(null=True)
    height = pw.IntegerField(null=True)
    local_path = pw.TextField(null=True)  # downloaded bytes, relative to the files folder
    thumb_local_path = pw.TextField(null=True)

    class Meta:
        indexes = (
            (("server", "account_id", "attachment_id"), True),
            (("server", "account_id", "message_id"), False),
        )


class Notification(AccountScoped):
    notification_id = pw.IntegerField()
    notification_type = pw.TextField()
    conversation_display_id = pw.IntegerField(null=True)
    title = pw.TextField(default="")
    read_at = pw.FloatField(null=True)
    created_at = pw.FloatField(null=True)

    class Meta:
        indexes = ((("server", "account_id", "notification_id"), True),)


class Draft(AccountScoped):
    conversation_id = pw.IntegerField()
    content = pw.TextField()
    private = pw.BooleanField(default=False)
    updated_at = pw.FloatField()

    class Meta:
        indexes = ((("server", "account_id", "conversation_id"), True),)


class OutboxItem(AccountScoped):
    conversation_id = pw.IntegerField()
    echo_id = pw.TextField(unique=True)
    content = pw.TextField()
    private = pw.BooleanField(default=False)
    in_reply_to = pw.IntegerField(null=True)
    attachments = pw.TextField(default="[]")  # JSON: [{name, content_type, path}]
    state = pw.TextField(default="pending")  # pending | sending | sent | failed
    error = pw.TextField(null=True)
    attempts = pw.IntegerField(default=0)
    created_at = pw.FloatField()
    after_message_id = pw.IntegerField(null=True)  # newest cached message when queued
    server_message_id = pw.IntegerField(null=True)
    claimed_by = pw.TextField(null=True)  # the sender holding a delivery attempt (v3)
    claimed_at = pw.FloatField(null=True)


class SyncState(AccountScoped):
    cold_sync_done = pw.BooleanField(default=False)
    last_full_sync_at = pw.FloatField(null=True)
    last_event_at = pw.FloatField(null=True)
    disconnected_at = pw.FloatField(null=True)
    cache_keys = pw.TextField(default="{}")

    class Meta:
        indexes = ((("server", "account_id"), True),)


class SchemaVersion(BaseModel):
    version = pw.IntegerField()


ALL_MODELS: list[type[Any]] = [
    Server,
    Account,
    Inbox,
    Agent,
    Team,
    Label,
    CannedResponse,
    CustomAttributeDefinition,
    Contact,
    Conversation,
    Message,
    Attachment,
    Notification,
    Draft,
    OutboxItem,
    SyncState,
    SchemaVersion,
]
