"""Chatwoot's JSON shapes, written from CONTRACT.md: REST views (jbuilder) and push data (cable).

Every function takes records from `models.py` and returns plain dicts. The section of the
contract each one follows is named in its docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    ROLE_ADMIN,
    Account,
    AccountUser,
    Attachment,
    CannedResponse,
    Contact,
    ContactInbox,
    ContactNote,
    Conversation,
    CustomAttributeDefinition,
    DemoStore,
    Inbox,
    Label,
    Message,
    Notification,
    Team,
    User,
)

UNREAD_CAP = 10


def iso(ts: float | None) -> str | None:
    """Rails' JSON time format: ISO 8601 in UTC with milliseconds and a Z."""
    if ts is None:
        return None
    moment = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def epoch(ts: float | None) -> int:
    """Integer epoch seconds, 0 when unset (as `to_i` on nil-guarded columns)."""
    return int(ts) if ts else 0


@dataclass
class ViewContext:
    """What views need besides the record: the store, public base URL and presence."""

    store: DemoStore
    base_url: str
    is_user_present: Callable[[int, int], bool]  # (account_id, user_id)
    is_contact_present: Callable[[int, int], bool]  # (account_id, contact_id)

    # ---- users -------------------------------------------------------------------------
    def availability_status(self, au: AccountUser) -> str:
        """§7.6: presence counts only with auto_offline; otherwise the configured value."""
        if not au.auto_offline:
            return au.availability
        if self.is_user_present(au.account_id, au.user_id):
            return au.availability
        return "offline"

    def avatar_url(self, user: User) -> str:  # noqa: ARG002 - no avatars in the demo
        return ""

    def user_profile(self, user: User) -> dict[str, Any]:
        """§1.3: `GET /api/v1/profile`, the sign-in `data` and the profile actions."""
        memberships = sorted(
            self.store.memberships_of(user.id), key=lambda au: au.active_at, reverse=True
        )
        active = memberships[0] if memberships else None
        out: dict[str, Any] = {
            "access_token": user.access_token,
            "account_id": active.account_id if active else None,
            "available_name": user.available_name,
            "avatar_url": self.avatar_url(user),
            "confirmed": user.confirmed,
            "display_name": user.display_name,
            "message_signature": user.message_signature,
            "email": user.email,
            "id": user.id,
            "inviter_id": user.inviter_id,
            "name": user.name,
            "provider": "email",
            "pubsub_token": user.pubsub_token,
            "role": active.role if active else None,
            "ui_settings": user.ui_settings,
            "uid": user.email,
            "type": None,
            "accounts": [self._profile_account(au) for au in memberships],
        }
        if user.custom_attributes:
            out["custom_attributes"] = user.custom_attributes
        return out

    def _profile_account(self, au: AccountUser) -> dict[str, Any]:
        account = self.store.accounts[au.account_id]
        return {
            "id": account.id,
            "name": account.name,
            "status": account.status,
            "active_at": iso(au.active_at),
            "role": au.role,
            "permissions": [au.role],
            "availability": au.availability,
            "availability_status": self.availability_status(au),
            "auto_offline": au.auto_offline,
        }

    def agent(self, au: AccountUser) -> dict[str, Any]:
        """§2.4 `meta.assignee` and §6 agents: `_agent.json.jbuilder`."""
        user = self.store.users[au.user_id]
        out: dict[str, Any] = {
            "id": user.id,
            "account_id": au.account_id,
            "availability_status": self.availability_status(au),
            "auto_offline": au.auto_offline,
            "confirmed": user.confirmed,
            "email": user.email,
            "provider": "email",
            "available_name": user.available_name,
            "name": user.name,
            "role": au.role,
            "thumbnail": self.avatar_url(user),
        }
        if user.custom_attributes:
            out["custom_attributes"] = user.custom_attributes
        return out

    def agent_of_user(self, user: User, account_id: int) -> dict[str, Any]:
        """`_agent.json.jbuilder` for any user in `account_id` (participants): the
        membership's fields (`availability_status`, `auto_offline`, `role`, read through
        `current_account_user&.`) are null for a user who is no longer in the account."""
        au = self.store.membership(account_id, user.id)
        if au is not None:
            return self.agent(au)
        out: dict[str, Any] = {
            "id": user.id,
            "account_id": account_id,
            "availability_status": None,
            "auto_offline": None,
            "confirmed": user.confirmed,
            "email": user.email,
            "provider": "email",
            "available_name": user.available_name,
            "name": user.name,
            "role": None,
            "thumbnail": self.avatar_url(user),
        }
        if user.custom_attributes:
            out["custom_attributes"] = user.custom_attributes
        return out

    def user_push(self, user: User, account_id: int) -> dict[str, Any]:
        """§3.3 sender of agent messages, `performer`, cable assignee: `User#push_event_data`."""
        au = self.store.membership(account_id, user.id)
        return {
            "id": user.id,
            "name": user.name,
            "available_name": user.available_name,
            "avatar_url": self.avatar_url(user),
            "type": "user",
            "availability_status": self.availability_status(au) if au else "offline",
            "thumbnail": self.avatar_url(user),
        }

    # ---- contacts ----------------------------------------------------------------------
    def contact_push(self, contact: Contact) -> dict[str, Any]:
        """§7.4 contact events and §3.3 contact sender: `Contact#push_event_data`."""
        return {
            "additional_attributes": contact.additional_attributes,
            "custom_attributes": contact.custom_attributes,
            "email": contact.email,
            "id": contact.id,
            "identifier": contact.identifier,
            "name": contact.name,
            "phone_number": contact.phone_number,
            "thumbnail": "",
            "blocked": contact.blocked,
            "type": "contact",
        }

    def contact(self, contact: Contact, *, with_inboxes: bool = False) -> dict[str, Any]:
        """§5.2: `_contact.json.jbuilder`."""
        present = self.is_contact_present(contact.account_id, contact.id)
        out: dict[str, Any] = {
            "additional_attributes": contact.additional_attributes,
            "availability_status": "online" if present else "offline",
            "email": contact.email,
            "id": contact.id,
            "name": contact.name,
            "phone_number": contact.phone_number,
            "blocked": contact.blocked,
            "identifier": contact.identifier,
            "thumbnail": "",
            "custom_attributes": contact.custom_attributes,
            "last_activity_at": epoch(contact.last_activity_at) or None,
            "created_at": epoch(contact.created_at),
        }
        if with_inboxes:
            out["contact_inboxes"] = [
                self.contact_inbox_slim(ci)
                for ci in self.store.contact_inboxes.values()
                if ci.contact_id == contact.id
            ]
        return out

    def contact_inbox_slim(self, ci: ContactInbox) -> dict[str, Any]:
        inbox = self.store.inboxes[ci.inbox_id]
        return {
            "source_id": ci.source_id,
            "inbox": {
                "id": inbox.id,
                "avatar_url": "",
                "channel_id": inbox.channel_id,
                "name": inbox.name,
                "channel_type": inbox.channel_type,
                "provider": None,
            },
        }

    def contact_inbox_full(self, ci: ContactInbox) -> dict[str, Any]:
        """§7.5 `contact_inbox`: the whole record, including the customer's widget token."""
        return {
            "id": ci.id,
            "contact_id": ci.contact_id,
            "inbox_id": ci.inbox_id,
            "source_id": ci.source_id,
            "created_at": iso(ci.created_at),
            "updated_at": iso(ci.updated_at),
            "hmac_verified": ci.hmac_verified,
            "pubsub_token": ci.pubsub_token,
        }

    def contact_note(self, note: ContactNote) -> dict[str, Any]:
        """§5.1 notes: `api/v1/models/_note.json.jbuilder` (4.x).

        The partial says `json.account_id json.account_id` (and the same for contact_id):
        the inner call sets nothing and returns nil, so Chatwoot sends both as null. `user`
        is the `_agent` partial and is left out when the author no longer exists.
        """
        out: dict[str, Any] = {
            "id": note.id,
            "content": note.content,
            "account_id": None,
            "contact_id": None,
        }
        au = self.store.membership(note.account_id, note.user_id)
        if au is not None and note.user_id in self.store.users:
            out["user"] = self.agent(au)
        out["created_at"] = epoch(note.created_at)
        out["updated_at"] = epoch(note.updated_at)
        return out

    # ---- messages ----------------------------------------------------------------------
    def _sender(self, msg: Message) -> dict[str, Any] | None:
        if msg.sender_type == "User" and msg.sender_id in self.store.users:
            return self.user_push(self.store.users[msg.sender_id], msg.account_id)
        if msg.sender_type == "Contact" and msg.sender_id in self.store.contacts:
            return self.contact_push(self.store.contacts[msg.sender_id])
        return None

    def attachment(self, att: Attachment) -> dict[str, Any]:
        """§3.3 attachments: file-like types with absolute URLs this server serves."""
        data_url = f"{self.base_url}/rails/active_storage/blobs/{att.blob_id}/{att.file_name}"
        thumb_url = ""
        if att.thumb_blob_id is not None:
            thumb_url = (
                f"{self.base_url}/rails/active_storage/representations/"
                f"{att.thumb_blob_id}/{att.file_name}"
            )
        return {
            "id": att.id,
            "message_id": att.message_id,
            "file_type": att.file_type,
            "account_id": att.account_id,
            "extension": att.extension,
            "data_url": data_url,
            "thumb_url": thumb_url,
            "file_size": att.file_size,
            "width": att.width,
            "height": att.height,
        }

    def _conversation_of(self, msg: Message) -> Conversation:
        return self.store.conversations[msg.conversation_id]

    def message(self, msg: Message) -> dict[str, Any]:
        """§3.3: `_message.json.jbuilder` (REST)."""
        conv = self._conversation_of(msg)
        out: dict[str, Any] = {
            "id": msg.id,
            "content": msg.content,
            "inbox_id": msg.inbox_id,
            "conversation_id": conv.display_id,
            "message_type": msg.message_type,
            "content_type": msg.content_type,
            "status": msg.status,
            "content_attributes": msg.content_attributes,
            "created_at": epoch(msg.created_at),
            "private": msg.private,
            "source_id": msg.source_id,
        }
        sender = self._sender(msg)
        if sender is not None:
            out["sender"] = sender
        if msg.attachment_ids:
            out["attachments"] = [
                self.attachment(self.store.attachments[a])
                for a in msg.attachment_ids
                if a in self.store.attachments
            ]
        if msg.echo_id is not None:
            out["echo_id"] = msg.echo_id
        return out

    def message_push(self, msg: Message) -> dict[str, Any]:
        """§3.4: `Message#push_event_data` (cable, and conversation `messages[]`)."""
        conv = self._conversation_of(msg)
        ci = self.store.contact_inbox_of(conv)
        out: dict[str, Any] = {
            "id": msg.id,
            "content": msg.content,
            "account_id": msg.account_id,
            "inbox_id": msg.inbox_id,
            "conversation_id": conv.display_id,
            "message_type": msg.message_type,
            "created_at": epoch(msg.created_at),
            "updated_at": iso(msg.updated_at),
            "private": msg.private,
            "status": msg.status,
            "source_id": msg.source_id,
            "content_type": msg.content_type,
            "content_attributes": msg.content_attributes,
            "sender_type": msg.sender_type,
            "sender_id": msg.sender_id,
            "external_source_ids": {},
            "additional_attributes": msg.additional_attributes,
            "processed_message_content": msg.content,
            "sentiment": {},
            "conversation": {
                "assignee_id": conv.assignee_id,
                "unread_count": self.unread_count(conv),
                "last_activity_at": epoch(conv.last_activity_at),
                "contact_inbox": {"source_id": ci.source_id},
            },
        }
        if msg.attachment_ids:
            out["attachments"] = [
                self.attachment(self.store.attachments[a])
                for a in msg.attachment_ids
                if a in self.store.attachments
            ]
        if msg.echo_id is not None:
            out["echo_id"] = msg.echo_id
        sender = self._sender(msg)
        if sender is not None:
            out["sender"] = sender
        return out

    # ---- conversations -----------------------------------------------------------------
    def unread_count(self, conv: Conversation) -> int:
        """§2.4: incoming messages newer than agent_last_seen_at, capped at 10."""
        seen = conv.agent_last_seen_at
        count = 0
        for msg in reversed(self.store.messages_of(conv.id)):
            if msg.message_type != MESSAGE_INCOMING:
                continue
            if seen is not None and msg.created_at <= seen:
                break
            count += 1
            if count >= UNREAD_CAP:
                break
        return count

    def _assignee_agent(self, conv: Conversation) -> dict[str, Any] | None:
        if conv.assignee_id is None:
            return None
        au = self.store.membership(conv.account_id, conv.assignee_id)
        return self.agent(au) if au else None

    def _team_full(self, team: Team, viewer_id: int | None) -> dict[str, Any]:
        return {
            "id": team.id,
            "name": team.name,
            "description": team.description,
            "allow_auto_assign": team.allow_auto_assign,
            "account_id": team.account_id,
            "is_member": viewer_id in team.member_ids,
        }

    def conversation(self, conv: Conversation, viewer_id: int | None) -> dict[str, Any]:
        """§2.4: `_conversation.json.jbuilder` (REST)."""
        contact = self.store.contacts[conv.contact_id]
        inbox = self.store.inboxes[conv.inbox_id]
        meta: dict[str, Any] = {
            "sender": self.contact(contact),
            "channel": inbox.channel_type,
        }
        assignee = self._assignee_agent(conv)
        if assignee is not None:
            meta["assignee"] = assignee
            meta["assignee_type"] = "User"
        if conv.team_id is not None and conv.team_id in self.store.teams:
            meta["team"] = self._team_full(self.store.teams[conv.team_id], viewer_id)
        meta["hmac_verified"] = self.store.contact_inbox_of(conv).hmac_verified
        last = self.store.last_message(conv.id)
        last_non_activity = self.store.last_message(conv.id, non_activity=True)
        return {
            "meta": meta,
            "id": conv.display_id,
            "messages": [self.message_push(last)] if last else [],
            "account_id": conv.account_id,
            "uuid": conv.uuid,
            "additional_attributes": conv.additional_attributes,
            "agent_last_seen_at": epoch(conv.agent_last_seen_at),
            "assignee_last_seen_at": epoch(conv.assignee_last_seen_at),
            "can_reply": True,
            "contact_last_seen_at": epoch(conv.contact_last_seen_at),
            "custom_attributes": conv.custom_attributes,
            "inbox_id": conv.inbox_id,
            "labels": list(conv.labels),
            "muted": contact.blocked,
            "snoozed_until": iso(conv.snoozed_until),
            "status": conv.status,
            "created_at": epoch(conv.created_at),
            "updated_at": conv.updated_at,
            "timestamp": epoch(conv.last_activity_at),
            "first_reply_created_at": epoch(conv.first_reply_created_at),
            "unread_count": self.unread_count(conv),
            "last_non_activity_message": (
                self.message_push(last_non_activity) if last_non_activity else None
            ),
            "last_activity_at": epoch(conv.last_activity_at),
            "priority": conv.priority,
            "waiting_since": epoch(conv.waiting_since),
            "sla_policy_id": None,
        }

    def conversation_push(self, conv: Conversation) -> dict[str, Any]:
        """§7.5: `Conversations::EventDataPresenter#push_data` (without `account_id`)."""
        contact = self.store.contacts[conv.contact_id]
        inbox = self.store.inboxes[conv.inbox_id]
        assignee: dict[str, Any] | None = None
        if conv.assignee_id is not None and conv.assignee_id in self.store.users:
            assignee = self.user_push(self.store.users[conv.assignee_id], conv.account_id)
        team = self.store.teams.get(conv.team_id) if conv.team_id is not None else None
        last_chat = self.store.last_message(conv.id, chat_only=True)
        return {
            "additional_attributes": conv.additional_attributes,
            "can_reply": True,
            "channel": inbox.channel_type,
            "contact_inbox": self.contact_inbox_full(self.store.contact_inbox_of(conv)),
            "id": conv.display_id,
            "inbox_id": conv.inbox_id,
            "messages": [self.message_push(last_chat)] if last_chat else [],
            "labels": list(conv.labels),
            "meta": {
                "sender": self.contact_push(contact),
                "assignee": assignee,
                "assignee_type": "User" if assignee else None,
                "team": {"id": team.id, "name": team.name} if team else None,
                "hmac_verified": self.store.contact_inbox_of(conv).hmac_verified,
            },
            "status": conv.status,
            "custom_attributes": conv.custom_attributes,
            "snoozed_until": iso(conv.snoozed_until),
            "unread_count": self.unread_count(conv),
            "first_reply_created_at": iso(conv.first_reply_created_at),
            "priority": conv.priority,
            "waiting_since": epoch(conv.waiting_since),
            "agent_last_seen_at": epoch(conv.agent_last_seen_at),
            "contact_last_seen_at": epoch(conv.contact_last_seen_at),
            "last_activity_at": epoch(conv.last_activity_at),
            "timestamp": epoch(conv.last_activity_at),
            "created_at": epoch(conv.created_at),
            "updated_at": conv.updated_at,
        }

    def conversation_search_item(self, conv: Conversation) -> dict[str, Any]:
        """§2.5 `conversations/search.json.jbuilder`: the slim conversation."""
        contact = self.store.contacts[conv.contact_id]
        inbox = self.store.inboxes[conv.inbox_id]
        return {
            "id": conv.display_id,
            "uuid": conv.uuid,
            "created_at": epoch(conv.created_at),
            "contact": {"id": contact.id, "name": contact.name},
            "inbox": {"id": inbox.id, "name": inbox.name, "channel_type": inbox.channel_type},
            "messages": [
                {
                    "content": m.content,
                    "id": m.id,
                    "sender_name": self._sender_name(m),
                    "message_type": m.message_type,
                    "created_at": epoch(m.created_at),
                }
                for m in self.store.messages_of(conv.id)
                if m.message_type != MESSAGE_ACTIVITY
            ][-5:],
            "account_id": conv.account_id,
        }

    def _sender_name(self, msg: Message) -> str | None:
        sender = self._sender(msg)
        return str(sender["name"]) if sender else None

    def messages_meta(self, conv: Conversation) -> dict[str, Any]:
        """§3.1 `messages/index.json.jbuilder` meta: last-seen values as ISO strings."""
        out: dict[str, Any] = {
            "labels": list(conv.labels),
            "additional_attributes": conv.additional_attributes,
            "contact": self.contact_push(self.store.contacts[conv.contact_id]),
        }
        if conv.assignee_id is not None and conv.assignee_id in self.store.users:
            out["assignee"] = self.user_push(self.store.users[conv.assignee_id], conv.account_id)
        out["agent_last_seen_at"] = iso(conv.agent_last_seen_at)
        out["assignee_last_seen_at"] = iso(conv.assignee_last_seen_at)
        return out

    def conversation_attachment(self, att: Attachment) -> dict[str, Any]:
        """§2.5 `conversations/attachments.json.jbuilder`: the attachment's push data plus
        the message's `created_at` and sender push data."""
        out = self.attachment(att)
        msg = self.store.messages.get(att.message_id)
        if msg is not None:
            out["created_at"] = epoch(msg.created_at)
            sender = self._sender(msg)
            if sender is not None:
                out["sender"] = sender
        return out

    def team_record(self, team: Team) -> dict[str, Any]:
        """§4 team assignment: `render json: @team`, the bare record (model `as_json`).

        The demo keeps no per-team timestamps; the team list's cache key stands in.
        """
        changed = self.store.accounts[team.account_id].cache_keys.get("team")
        return {
            "id": team.id,
            "name": team.name,
            "description": team.description,
            "allow_auto_assign": team.allow_auto_assign,
            "account_id": team.account_id,
            "created_at": iso(changed),
            "updated_at": iso(changed),
        }

    # ---- global search (§2.5, `api/v1/accounts/search/*.json.jbuilder`) ----------------
    def search_inbox(self, inbox: Inbox) -> dict[str, Any]:
        return {
            "id": inbox.id,
            "channel_id": inbox.channel_id,
            "name": inbox.name,
            "channel_type": inbox.channel_type,
        }

    def search_contact(self, contact: Contact) -> dict[str, Any]:
        return {
            "email": contact.email,
            "id": contact.id,
            "name": contact.name,
            "phone_number": contact.phone_number,
            "identifier": contact.identifier,
            "additional_attributes": contact.additional_attributes,
            "last_activity_at": epoch(contact.last_activity_at) or None,
        }

    def search_message(self, msg: Message) -> dict[str, Any]:
        conv = self._conversation_of(msg)
        out: dict[str, Any] = {
            "id": msg.id,
            "content": msg.content,
            "message_type": msg.message_type,
            "content_type": msg.content_type,
            "source_id": msg.source_id,
            "inbox_id": msg.inbox_id,
            "conversation_id": conv.display_id,
            "created_at": epoch(msg.created_at),
        }
        sender = self._sender(msg)
        if sender is not None:
            out["sender"] = sender
        out["inbox"] = self.search_inbox(self.store.inboxes[msg.inbox_id])
        return out

    def search_conversation(self, conv: Conversation) -> dict[str, Any]:
        """`search/_conversation_search_result`: empty blocks (no message, no assignee)
        are left out, as jbuilder does."""
        out: dict[str, Any] = {
            "id": conv.display_id,
            "account_id": conv.account_id,
            "created_at": epoch(conv.created_at),
        }
        messages = self.store.messages_of(conv.id)
        if messages:
            out["message"] = self.search_message(messages[0])
        out["contact"] = self.search_contact(self.store.contacts[conv.contact_id])
        out["inbox"] = self.search_inbox(self.store.inboxes[conv.inbox_id])
        if conv.assignee_id is not None and conv.assignee_id in self.store.users:
            user = self.store.users[conv.assignee_id]
            au = self.store.membership(conv.account_id, user.id)
            out["agent"] = {
                "id": user.id,
                "available_name": user.available_name,
                "email": user.email,
                "name": user.name,
                "role": au.role if au is not None else None,
            }
        return out

    # ---- reference data ----------------------------------------------------------------
    def inbox(self, inbox: Inbox) -> dict[str, Any]:
        """§6 inboxes: the fields of `inboxes/_inbox.json.jbuilder` a client uses."""
        out: dict[str, Any] = {
            "id": inbox.id,
            "avatar_url": "",
            "channel_id": inbox.channel_id,
            "name": inbox.name,
            "channel_type": inbox.channel_type,
            "greeting_enabled": inbox.greeting_enabled,
            "greeting_message": inbox.greeting_message,
            "working_hours_enabled": False,
            "enable_email_collect": True,
            "csat_survey_enabled": False,
            "enable_auto_assignment": inbox.enable_auto_assignment,
            "auto_assignment_config": {},
            "out_of_office_message": None,
            "working_hours": [],
            "timezone": inbox.timezone,
            "callback_webhook_url": None,
            "allow_messages_after_resolved": True,
            "lock_to_single_conversation": False,
            "sender_name_type": "friendly",
            "business_name": None,
        }
        if inbox.channel_type == "Channel::WebWidget":
            out.update(
                {
                    "website_url": inbox.website_url,
                    "widget_color": "#1f93ff",
                    "website_token": f"demo-website-token-{inbox.id}",
                    "welcome_title": "Hi there!",
                    "welcome_tagline": "We usually reply within minutes.",
                    "web_widget_script": "",
                    "hmac_mandatory": False,
                    "reply_time": "in_a_few_minutes",
                }
            )
        elif inbox.channel_type == "Channel::Email":
            out.update({"email": inbox.email, "forward_to_email": inbox.email})
        elif inbox.channel_type == "Channel::Api":
            out.update({"webhook_url": None, "inbox_identifier": f"demo-api-{inbox.id}"})
        return out

    def team(self, team: Team, viewer_id: int) -> dict[str, Any]:
        return self._team_full(team, viewer_id)

    def label(self, label: Label) -> dict[str, Any]:
        return {
            "id": label.id,
            "title": label.title,
            "description": label.description,
            "color": label.color,
            "show_on_sidebar": label.show_on_sidebar,
        }

    def canned_response(self, canned: CannedResponse) -> dict[str, Any]:
        return {
            "id": canned.id,
            "account_id": canned.account_id,
            "short_code": canned.short_code,
            "content": canned.content,
            "created_at": iso(canned.created_at),
            "updated_at": iso(canned.updated_at),
        }

    def custom_attribute_definition(self, d: CustomAttributeDefinition) -> dict[str, Any]:
        return {
            "id": d.id,
            "attribute_display_name": d.attribute_display_name,
            "attribute_display_type": d.attribute_display_type,
            "attribute_description": d.attribute_description,
            "attribute_key": d.attribute_key,
            "regex_pattern": d.regex_pattern,
            "regex_cue": d.regex_cue,
            "attribute_values": d.attribute_values,
            "attribute_model": d.attribute_model,
            "default_value": d.default_value,
            "created_at": iso(d.created_at),
            "updated_at": iso(d.updated_at),
        }

    def cache_keys(self, account: Account) -> dict[str, Any]:
        return {
            "cache_keys": {
                key: str(int(account.cache_keys.get(key, 0) * 1000))
                for key in ("label", "inbox", "team")
            }
        }

    # ---- notifications -----------------------------------------------------------------
    def notification(self, note: Notification) -> dict[str, Any]:
        """§6.1 notification object (also the `notification` of notification.* events)."""
        conv = self.store.conversations.get(note.primary_actor_id)
        secondary = self.store.users.get(note.secondary_actor_id or -1)
        user = self.store.users[note.user_id]
        title = self._notification_title(note, conv)
        return {
            "id": note.id,
            "notification_type": note.notification_type,
            "push_message_title": title,
            "push_message_body": title,
            "primary_actor_type": "Conversation",
            "primary_actor_id": note.primary_actor_id,
            "primary_actor": self.conversation_push(conv) if conv else None,
            "read_at": iso(note.read_at),
            "secondary_actor": (
                self.user_push(secondary, note.account_id) if secondary is not None else None
            ),
            "user": self.user_push(user, note.account_id),
            "created_at": epoch(note.created_at),
            "last_activity_at": epoch(note.last_activity_at),
            "snoozed_until": iso(note.snoozed_until),
            "meta": note.meta,
            "account_id": note.account_id,
        }

    def notification_record(self, note: Notification, updated_at: float) -> dict[str, Any]:
        """§6.1 PATCH/unread/snooze: `render json: @notification`, the model's `as_json`.

        Every column with Rails' JSON time format; the enum column comes out as its name.
        """
        return {
            "id": note.id,
            "account_id": note.account_id,
            "user_id": note.user_id,
            "notification_type": note.notification_type,
            "primary_actor_type": "Conversation",
            "primary_actor_id": note.primary_actor_id,
            "secondary_actor_type": "User" if note.secondary_actor_id is not None else None,
            "secondary_actor_id": note.secondary_actor_id,
            "read_at": iso(note.read_at),
            "created_at": iso(note.created_at),
            "updated_at": iso(updated_at),
            "snoozed_until": iso(note.snoozed_until),
            "last_activity_at": iso(note.last_activity_at),
            "meta": note.meta,
        }

    def _notification_title(self, note: Notification, conv: Conversation | None) -> str:
        if conv is None:
            return ""
        if note.notification_type in (
            "assigned_conversation_new_message",
            "participating_conversation_new_message",
            "conversation_mention",
        ):
            last = self.store.last_message(conv.id, non_activity=True)
            if last is not None and last.content:
                return last.content
        templates = {
            "conversation_creation": "A conversation (#{id}) has been created in {inbox}",
            "conversation_assignment": "A conversation (#{id}) has been assigned to you",
        }
        inbox = self.store.inboxes[conv.inbox_id].name
        return templates.get(note.notification_type, "Conversation #{id}").format(
            id=conv.display_id, inbox=inbox
        )


def is_admin(au: AccountUser | None) -> bool:
    return au is not None and au.role == ROLE_ADMIN
