"""Parsing of every Chatwoot payload, REST or cable, into `core.types` — in one place.

Unknown fields are ignored; a missing optional field becomes None; a field of the wrong type
raises `ProtocolError` naming its path, so the caller can log it and skip that one item.
Timestamps arrive as ints, floats or ISO strings (CONTRACT §10.3); `timestamp()` takes all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from operator_desktop.core.errors import ProtocolError
from operator_desktop.core.text import strip_bidi_controls
from operator_desktop.core.types import (
    AccountMembership,
    Agent,
    AgentSummary,
    Attachment,
    CannedResponse,
    Contact,
    Conversation,
    CustomAttributeDefinition,
    Inbox,
    Label,
    Message,
    MessageType,
    Notification,
    Page,
    Profile,
    Sender,
    Team,
)


class Obj:
    """A JSON object with its path, and typed getters that name the path on failure."""

    __slots__ = ("data", "path")

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ProtocolError(path, "object", data)
        self.data: dict[str, Any] = data
        self.path = path

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError(self._p(key), "integer", value)
        return value

    def opt_int(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError(self._p(key), "integer", value)
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            raise ProtocolError(self._p(key), "string", value)
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ProtocolError(self._p(key), "string", value)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise ProtocolError(self._p(key), "boolean", value)
        return value

    def mapping(self, key: str) -> Mapping[str, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ProtocolError(self._p(key), "object", value)
        return value

    def obj(self, key: str) -> Obj:
        return Obj(self.data.get(key), self._p(key))

    def opt_obj(self, key: str) -> Obj | None:
        value = self.data.get(key)
        return None if value is None else Obj(value, self._p(key))

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ProtocolError(self._p(key), "array", value)
        return value

    def objs(self, key: str) -> list[Obj]:
        return [Obj(item, f"{self._p(key)}[{i}]") for i, item in enumerate(self.array(key))]

    def listing(self, key: str) -> list[Obj]:
        """A response's own collection (`payload`): missing or null is malformed, never empty.

        Treating `{"payload": null}` as an empty page would mark a conversation's history
        complete with nothing cached.
        """
        value = self.data.get(key)
        if not isinstance(value, list):
            raise ProtocolError(self._p(key), "array", value)
        return self.objs(key)

    def label(self, key: str, default: str = "") -> str:
        """A name shown to the operator: text without bidi controls (`core.text`)."""
        return strip_bidi_controls(self.text(key, default))

    def opt_label(self, key: str) -> str | None:
        value = self.opt_text(key)
        return None if value is None else strip_bidi_controls(value)

    def strs(self, key: str) -> tuple[str, ...]:
        items = self.array(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise ProtocolError(f"{self._p(key)}[{i}]", "string", item)
        return tuple(items)

    def time(self, key: str) -> float | None:
        return timestamp(self.data.get(key), self._p(key))


def timestamp(value: Any, path: str = "") -> float | None:
    """Epoch seconds from an int, a float or an ISO 8601 string; 0, "" and None mean unset."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ProtocolError(path, "timestamp", value)
        return None
    if isinstance(value, int | float):
        return float(value) if value else None
    if isinstance(value, str):
        if not value:
            return None
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            try:
                return float(text) or None
            except ValueError:
                raise ProtocolError(path, "timestamp", value) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.timestamp()
    raise ProtocolError(path, "timestamp", value)


def root(data: Any, path: str = "") -> Obj:
    return Obj(data, path)


# ---- people --------------------------------------------------------------------------------
def sender(o: Obj) -> Sender:
    kind = o.opt_text("type") or "user"
    return Sender(
        kind=kind,
        id=o.integer("id"),
        # the full name, as Chatwoot's activity lines ("Assigned to John Doe by …") say it
        name=o.opt_label("name") or o.label("available_name"),
        thumbnail=o.opt_text("thumbnail") or o.opt_text("avatar_url") or "",
        email=o.opt_text("email"),
    )


def contact(o: Obj) -> Contact:
    return Contact(
        id=o.integer("id"),
        name=o.label("name"),
        email=o.opt_text("email"),
        phone_number=o.opt_text("phone_number"),
        identifier=o.opt_text("identifier"),
        blocked=o.flag("blocked"),
        thumbnail=o.opt_text("thumbnail") or "",
        additional_attributes=o.mapping("additional_attributes"),
        custom_attributes=o.mapping("custom_attributes"),
        availability_status=o.opt_text("availability_status"),
        last_activity_at=o.time("last_activity_at"),
        created_at=o.time("created_at"),
    )


def agent(o: Obj) -> Agent:
    return Agent(
        id=o.integer("id"),
        name=o.label("name"),
        available_name=o.opt_label("available_name") or o.label("name"),
        email=o.opt_text("email"),
        role=o.opt_text("role"),
        availability_status=o.opt_text("availability_status"),
        thumbnail=o.opt_text("thumbnail") or "",
    )


def profile(o: Obj) -> Profile:
    return Profile(
        id=o.integer("id"),
        name=o.label("name"),
        available_name=o.opt_label("available_name") or o.label("name"),
        email=o.text("email", ""),
        access_token=o.text("access_token"),
        pubsub_token=o.text("pubsub_token"),
        account_id=o.opt_int("account_id"),
        role=o.opt_text("role"),
        message_signature=o.opt_text("message_signature"),
        accounts=tuple(
            AccountMembership(
                id=a.integer("id"),
                name=a.label("name"),
                status=a.text("status", "active"),
                role=a.text("role", "agent"),
                availability=a.opt_text("availability"),
                availability_status=a.opt_text("availability_status"),
                auto_offline=a.flag("auto_offline", True),
            )
            for a in o.objs("accounts")
        ),
    )


# ---- messages ------------------------------------------------------------------------------
def attachment(o: Obj) -> Attachment:
    return Attachment(
        id=o.integer("id"),
        message_id=o.integer("message_id"),
        file_type=o.text("file_type", "file"),
        data_url=o.opt_text("data_url"),
        thumb_url=o.opt_text("thumb_url") or None,
        file_size=o.opt_int("file_size"),
        extension=o.opt_text("extension"),
        width=o.opt_int("width"),
        height=o.opt_int("height"),
        fallback_title=o.opt_text("fallback_title"),
    )


def message(o: Obj) -> Message:
    """§3.3 REST and §3.4 push format: one union type, extras optional."""
    mtype = o.integer("message_type")
    sender_obj = o.opt_obj("sender")
    content = o.data.get("content")
    if content is not None and not isinstance(content, str):
        raise ProtocolError(f"{o.path}.content", "string", content)
    return Message(
        id=o.integer("id"),
        conversation_id=o.integer("conversation_id"),
        account_id=o.opt_int("account_id"),
        inbox_id=o.opt_int("inbox_id"),
        content=content,
        message_type=mtype,
        content_type=o.text("content_type", "text"),
        status=o.text("status", "sent"),
        private=o.flag("private"),
        created_at=o.time("created_at") or 0.0,
        updated_at=o.time("updated_at"),
        sender=sender(sender_obj) if sender_obj is not None else None,
        attachments=tuple(attachment(a) for a in o.objs("attachments")),
        echo_id=_echo_id(o),
        content_attributes=o.mapping("content_attributes"),
        conversation_unread_count=_pushed_unread_count(o),
    )


def _pushed_unread_count(o: Obj) -> int | None:
    """`conversation.unread_count` of a §3.4 push (REST messages have no `conversation`)."""
    stub = o.opt_obj("conversation")
    return stub.opt_int("unread_count") if stub is not None else None


def _echo_id(o: Obj) -> str | None:
    value = o.data.get("echo_id")
    if value is None:
        return None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise ProtocolError(f"{o.path}.echo_id", "string", value)


# ---- conversations -------------------------------------------------------------------------
def _last_non_activity(o: Obj) -> Message | None:
    """The message a chat row previews: REST names it; a push has only the very last message.

    An activity line ("John Doe added vip") is never the preview: when the push's last
    message is one, the conversation brings no preview and the cached one stays.
    """
    named = o.opt_obj("last_non_activity_message")
    if named is not None:
        return message(named)
    last = [message(m) for m in o.objs("messages")[-1:]]
    if last and last[0].message_type != MessageType.ACTIVITY:
        return last[0]
    return None


def conversation(o: Obj, account_id: int | None = None) -> Conversation:
    """§2.4 REST or §7.5 push: `channel` may sit in `meta` or at the top level."""
    meta = o.opt_obj("meta") or Obj({}, f"{o.path}.meta")
    sender_obj = meta.opt_obj("sender")
    assignee_obj = meta.opt_obj("assignee")
    team_obj = meta.opt_obj("team")
    acc = o.opt_int("account_id") if o.has("account_id") else account_id
    if acc is None:
        raise ProtocolError(f"{o.path}.account_id", "integer", None)
    return Conversation(
        id=o.integer("id"),
        account_id=acc,
        inbox_id=o.integer("inbox_id"),
        status=o.text("status"),
        priority=o.opt_text("priority"),
        snoozed_until=o.time("snoozed_until"),
        labels=o.strs("labels"),
        unread_count=o.opt_int("unread_count") or 0,
        can_reply=o.flag("can_reply", True),
        created_at=o.time("created_at"),
        last_activity_at=o.time("last_activity_at") or o.time("timestamp"),
        updated_at=o.time("updated_at"),
        agent_last_seen_at=o.time("agent_last_seen_at"),
        contact_last_seen_at=o.time("contact_last_seen_at"),
        waiting_since=o.time("waiting_since"),
        first_reply_created_at=o.time("first_reply_created_at"),
        channel=meta.opt_text("channel") or o.opt_text("channel"),
        contact=contact(sender_obj) if sender_obj is not None else None,
        assignee=sender(assignee_obj) if assignee_obj is not None else None,
        assignee_type=meta.opt_text("assignee_type"),
        team_id=team_obj.integer("id") if team_obj is not None else None,
        team_name=team_obj.opt_label("name") if team_obj is not None else None,
        last_message=_last_non_activity(o),
        muted=o.flag("muted") if "muted" in o.data else None,
        uuid=o.opt_text("uuid"),
        additional_attributes=o.mapping("additional_attributes"),
        custom_attributes=o.mapping("custom_attributes"),
    )


def conversation_page(data: Any, account_id: int) -> Page:
    """§2.2 `{data: {meta, payload}}`."""
    top = root(data).obj("data")
    meta = top.opt_obj("meta") or Obj({}, "data.meta")
    return Page(
        items=tuple(conversation(c, account_id) for c in top.listing("payload")),
        mine_count=meta.opt_int("mine_count"),
        assigned_count=meta.opt_int("assigned_count"),
        unassigned_count=meta.opt_int("unassigned_count"),
        all_count=meta.opt_int("all_count"),
    )


# ---- reference data ------------------------------------------------------------------------
def inbox(o: Obj) -> Inbox:
    return Inbox(id=o.integer("id"), name=o.label("name"), channel_type=o.text("channel_type", ""))


def team(o: Obj) -> Team:
    return Team(
        id=o.integer("id"),
        name=o.label("name"),
        description=o.opt_text("description") or "",
        is_member=o.flag("is_member"),
    )


def label(o: Obj) -> Label:
    return Label(
        id=o.integer("id"),
        title=o.text("title"),
        description=o.opt_text("description") or "",
        color=o.opt_text("color") or "#888888",
    )


def canned_response(o: Obj) -> CannedResponse:
    return CannedResponse(
        id=o.integer("id"), short_code=o.text("short_code"), content=o.text("content")
    )


def agent_summary(o: Obj) -> AgentSummary:
    """A row of the agent summary report; a count or average Chatwoot left out reads as
    none (its builder fills counts with 0 and leaves averages nil when there is no data)."""
    return AgentSummary(
        id=o.integer("id"),
        conversations_count=int(_number(o, "conversations_count") or 0),
        resolved_conversations_count=int(_number(o, "resolved_conversations_count") or 0),
        avg_resolution_time=_number(o, "avg_resolution_time"),
        avg_first_response_time=_number(o, "avg_first_response_time"),
        avg_reply_time=_number(o, "avg_reply_time"),
    )


def _number(o: Obj, key: str) -> float | None:
    """A JSON number, or a decimal as Rails renders a BigDecimal (a string); None if absent."""
    value = o.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        raise ProtocolError(o._p(key), "number", value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise ProtocolError(o._p(key), "number", value)


def custom_attribute_definition(o: Obj) -> CustomAttributeDefinition:
    values = o.data.get("attribute_values")
    return CustomAttributeDefinition(
        id=o.integer("id"),
        key=o.text("attribute_key"),
        display_name=o.text("attribute_display_name", ""),
        display_type=o.text("attribute_display_type", "text"),
        model=o.text("attribute_model", ""),
        values=tuple(str(v) for v in values) if isinstance(values, list) else (),
        regex_pattern=o.opt_text("regex_pattern"),
        regex_cue=o.opt_text("regex_cue"),
    )


def notification(o: Obj) -> Notification:
    """§6.1 notification object, also the `notification` of `notification.*` events."""
    actor = o.opt_obj("primary_actor")
    meta = actor.opt_obj("meta") if actor is not None else None
    sender_obj = meta.opt_obj("sender") if meta is not None else None
    secondary = o.opt_obj("secondary_actor")
    return Notification(
        id=o.integer("id"),
        notification_type=o.text("notification_type", ""),
        conversation_display_id=actor.opt_int("id") if actor is not None else None,
        primary_actor_id=o.integer("primary_actor_id"),
        title=o.opt_text("push_message_title") or "",
        read_at=o.time("read_at"),
        created_at=o.time("created_at"),
        account_id=o.opt_int("account_id"),
        last_activity_at=o.time("last_activity_at") or o.time("created_at"),
        snoozed_until=o.time("snoozed_until"),
        contact_name=(sender_obj.opt_text("name") or "") if sender_obj is not None else "",
        inbox_id=actor.opt_int("inbox_id") if actor is not None else None,
        actor_name=(
            (secondary.opt_text("available_name") or secondary.opt_text("name") or "")
            if secondary is not None
            else ""
        ),
    )
