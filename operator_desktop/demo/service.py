"""What happens on the demo server when something changes: the rules and the events.

REST routes, the control endpoint ("act as another agent") and the customer simulator all
change data only through `DemoService`, so each change follows Chatwoot's rules (CONTRACT §3,
§4, §5) and broadcasts exactly the events of §7.4 to exactly the streams of §7.3.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from operator_desktop.demo.hub import Hub, Presence
from operator_desktop.demo.images import image_size, make_thumbnail
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    ROLE_ADMIN,
    ROLE_AGENT,
    Attachment,
    Clock,
    Contact,
    ContactInbox,
    Conversation,
    ConversationParticipant,
    DemoStore,
    Message,
    Notification,
    User,
)
from operator_desktop.demo.views import ViewContext

log = logging.getLogger("demo.service")

MESSAGES_PER_MINUTE_LIMIT = 200
MAX_ATTACHMENTS = 15
MAX_FILE_SIZE = 40 * 1024 * 1024
MAX_CONTENT = 150_000
DELETED_TEXT = "This message was deleted"
LAST_SEEN_THROTTLE = 3600.0  # update_last_seen writes at most once an hour without news
# `Messages::MentionService`: `[@Name](mention://user/ID/Name)`, `[@Team](mention://team/ID/Team)`
USER_MENTION = re.compile(r"\(mention://user/(\d+)/(.+?)\)")
TEAM_MENTION = re.compile(r"\(mention://team/(\d+)/(.+?)\)")


class DemoError(Exception):
    """A rule refused the change; routes turn it into Chatwoot's error response."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status = status
        self.body = body


def unprocessable(text: str) -> DemoError:
    return DemoError(422, {"error": text})


@dataclass
class UploadedFile:
    """One `attachments[]` item: a multipart file, or (with `blob_id`) the blob of a direct
    upload named by its signed id, whose bytes are already in `store.blobs`."""

    file_name: str
    content_type: str
    data: bytes
    blob_id: int | None = None


class DemoService:
    """Mutations of the store, each followed by its cable events."""

    def __init__(
        self, store: DemoStore, clock: Clock, hub: Hub, presence: Presence, views: ViewContext
    ) -> None:
        self.store = store
        self.clock = clock
        self.hub = hub
        self.presence = presence
        self.views = views

    # ---- routing of events (§7.3) ------------------------------------------------------
    def conversation_streams(
        self, conv: Conversation, *, include_contact: bool, exclude: str | None = None
    ) -> set[str]:
        inbox = self.store.inboxes[conv.inbox_id]
        tokens: set[str] = set()
        for au in self.store.members_of(conv.account_id):
            if au.role == ROLE_ADMIN or au.user_id in inbox.member_ids:
                tokens.add(self.store.users[au.user_id].pubsub_token)
        if include_contact:
            tokens.add(self.store.contact_inbox_of(conv).pubsub_token)
        if exclude is not None:
            tokens.discard(exclude)
        return tokens

    def emit_conversation(self, event: str, conv: Conversation) -> None:
        """Re-read conversation events: current state plus account_id, no performer."""
        data = self.views.conversation_push(conv)
        data["account_id"] = conv.account_id
        include_contact = event in (
            "conversation.created",
            "conversation.updated",
            "conversation.status_changed",
        )
        self.hub.broadcast(
            self.conversation_streams(conv, include_contact=include_contact), event, data
        )

    def emit_message(self, event: str, msg: Message, performer: User | None) -> None:
        conv = self.store.conversations[msg.conversation_id]
        data = self.views.message_push(msg)
        data["account_id"] = msg.account_id
        if performer is not None and msg.message_type != MESSAGE_ACTIVITY:
            data["performer"] = self.views.user_push(performer, msg.account_id)
        include_contact = not msg.private and msg.message_type != MESSAGE_ACTIVITY
        self.hub.broadcast(
            self.conversation_streams(conv, include_contact=include_contact), event, data
        )

    def emit_contact(self, event: str, contact: Contact) -> None:
        data = self.views.contact_push(contact)
        data["account_id"] = contact.account_id
        self.hub.broadcast([f"account_{contact.account_id}"], event, data)

    def emit_notification(self, event: str, note: Notification) -> None:
        user = self.store.users[note.user_id]
        unread = self.unread_notifications(note.account_id, note.user_id)
        payload: dict[str, Any]
        if event == "notification.deleted":
            payload = {"id": note.id}
        else:
            payload = self.views.notification(note)
        self.hub.broadcast(
            [user.pubsub_token],
            event,
            {
                "notification": payload,
                "unread_count": unread,
                "count": unread,
                "account_id": note.account_id,
            },
        )

    def emit_cache_invalidated(self, account_id: int, key: str) -> None:
        account = self.store.accounts[account_id]
        account.cache_keys[key] = self.clock.now()
        tokens = {
            self.store.users[au.user_id].pubsub_token for au in self.store.members_of(account_id)
        }
        self.hub.broadcast(tokens, "account.cache_invalidated", self.views.cache_keys(account))

    # ---- helpers ----------------------------------------------------------------------
    def now(self) -> float:
        return self.clock.now()

    def touch(self, conv: Conversation) -> None:
        conv.updated_at = round(self.now(), 4)

    def unread_notifications(self, account_id: int, user_id: int) -> int:
        now = self.now()
        return sum(
            1
            for n in self.store.notifications.values()
            if n.account_id == account_id
            and n.user_id == user_id
            and n.read_at is None
            and (n.snoozed_until is None or n.snoozed_until <= now)
        )

    def user_name(self, user: User | None) -> str:
        return user.name if user is not None else "System"

    # ---- conversations ----------------------------------------------------------------
    def create_contact(
        self,
        account_id: int,
        inbox_id: int,
        *,
        name: str,
        email: str | None,
        phone_number: str | None,
        additional_attributes: dict[str, Any] | None = None,
        simulated: bool = False,
    ) -> tuple[Contact, ContactInbox]:
        now = self.now()
        contact = Contact(
            id=self.store.next_id("contacts"),
            account_id=account_id,
            name=name,
            email=email,
            phone_number=phone_number,
            additional_attributes=additional_attributes or {},
            created_at=now,
            last_activity_at=now,
            simulated=simulated,
        )
        self.store.contacts[contact.id] = contact
        ci = ContactInbox(
            id=self.store.next_id("contact_inboxes"),
            contact_id=contact.id,
            inbox_id=inbox_id,
            source_id=str(uuid.UUID(int=secrets.randbits(128))),
            pubsub_token=secrets.token_urlsafe(18),
            created_at=now,
            updated_at=now,
        )
        self.store.contact_inboxes[ci.id] = ci
        self.emit_contact("contact.created", contact)
        return contact, ci

    def create_conversation(
        self,
        contact: Contact,
        ci: ContactInbox,
        *,
        additional_attributes: dict[str, Any] | None = None,
        simulated: bool = False,
    ) -> Conversation:
        now = self.now()
        inbox = self.store.inboxes[ci.inbox_id]
        conv = Conversation(
            id=self.store.next_id("conversations"),
            display_id=self.store.next_display_id(inbox.account_id),
            account_id=inbox.account_id,
            inbox_id=inbox.id,
            contact_id=contact.id,
            contact_inbox_id=ci.id,
            uuid=str(uuid.UUID(int=secrets.randbits(128))),
            created_at=now,
            last_activity_at=now,
            updated_at=round(now, 4),
            additional_attributes=additional_attributes or {},
            simulated=simulated,
        )
        self.store.conversations[conv.id] = conv
        self.emit_conversation("conversation.created", conv)
        for au in self.store.members_of(conv.account_id):
            if au.role == ROLE_ADMIN or au.user_id in inbox.member_ids:
                self.notify(au.user_id, conv, "conversation_creation", None)
        return conv

    def notify(
        self, user_id: int, conv: Conversation, kind: str, actor: User | None
    ) -> Notification:
        now = self.now()
        note = Notification(
            id=self.store.next_id("notifications"),
            account_id=conv.account_id,
            user_id=user_id,
            notification_type=kind,
            primary_actor_id=conv.id,
            secondary_actor_id=actor.id if actor else None,
            created_at=now,
            last_activity_at=now,
        )
        self.store.notifications[note.id] = note
        self.emit_notification("notification.created", note)
        return note

    # ---- participants (§4 `participants`) ----------------------------------------------
    def can_participate(self, conv: Conversation, user_id: int) -> bool:
        """`ConversationParticipant#ensure_inbox_access`: the user must be one of the inbox's
        `assignable_agents`, i.e. an inbox member or an administrator of the account."""
        if user_id not in self.store.users:
            return False
        au = self.store.membership(conv.account_id, user_id)
        if au is None:
            return False
        return au.role == ROLE_ADMIN or user_id in self.store.inboxes[conv.inbox_id].member_ids

    def add_participant(self, conv: Conversation, user_id: int) -> ConversationParticipant | None:
        """`conversation_participants.find_or_create_by(user_id:)`: the existing row, a new
        one, or None when the record is invalid (unknown user, no inbox access) and so is not
        saved. Chatwoot emits no event for participants."""
        existing = self.store.participant(conv.id, user_id)
        if existing is not None:
            return existing
        if not self.can_participate(conv, user_id):
            return None
        row = ConversationParticipant(
            id=self.store.next_id("conversation_participants"),
            account_id=conv.account_id,
            conversation_id=conv.id,
            user_id=user_id,
            created_at=self.now(),
        )
        self.store.conversation_participants[row.id] = row
        return row

    def remove_participant(self, conv: Conversation, user_id: int) -> bool:
        """`conversation_participants.find_by(user_id:)&.destroy`."""
        existing = self.store.participant(conv.id, user_id)
        if existing is None:
            return False
        del self.store.conversation_participants[existing.id]
        return True

    def _assignee_participates(self, conv: Conversation) -> None:
        """`ParticipationListener#assignee_changed`: a new assignee becomes a participant
        (`find_or_create_by!`, its RecordInvalid rescued: an assignee without inbox access is
        not added); unassigning removes nobody."""
        if conv.assignee_id is not None:
            self.add_participant(conv, conv.assignee_id)

    def _mentioned_participate(self, msg: Message) -> None:
        """`Messages::MentionService` (run for every new message by `NotificationListener`):
        in a private note, the mentioned users and the members of mentioned teams of the
        account who are administrators or inbox members become participants.

        Written from the version with team mentions (chatwoot/chatwoot PR #11758, June 2025,
        so in 4.10.1); the stored source has both that version and later ones that check
        `ConversationPolicy#show?` instead. Each mentioned user of the note (not of a team)
        who may be mentioned also gets a `conversation_mention` notification
        (`generate_notifications_for_mentions`); its primary actor is the conversation as
        the contract's §6.1 says (newer Chatwoot versions point it at the message)."""
        if not msg.private or not msg.content or not msg.content.strip():
            return
        conv = self.store.conversations[msg.conversation_id]
        user_ids = [int(m.group(1)) for m in USER_MENTION.finditer(msg.content)]
        for m in TEAM_MENTION.finditer(msg.content):
            team = self.store.teams.get(int(m.group(1)))
            if team is not None and team.account_id == conv.account_id:
                user_ids.extend(team.member_ids)
        inbox = self.store.inboxes[conv.inbox_id]
        mentioned = {int(m.group(1)) for m in USER_MENTION.finditer(msg.content)}
        author = self.store.users.get(msg.sender_id or -1) if msg.sender_type == "User" else None
        for user_id in dict.fromkeys(user_ids):
            au = self.store.membership(conv.account_id, user_id)
            if au is not None and (au.role == ROLE_ADMIN or user_id in inbox.member_ids):
                if user_id in mentioned:
                    self.notify(user_id, conv, "conversation_mention", author)
                self.add_participant(conv, user_id)

    def add_activity(self, conv: Conversation, text: str) -> Message:
        return self.add_message(
            conv, content=text, message_type=MESSAGE_ACTIVITY, sender=None, performer=None
        )

    def add_message(
        self,
        conv: Conversation,
        *,
        content: str | None,
        message_type: int,
        sender: User | Contact | None,
        performer: User | None,
        private: bool = False,
        content_type: str = "text",
        content_attributes: dict[str, Any] | None = None,
        echo_id: str | None = None,
        files: list[UploadedFile] | None = None,
    ) -> Message:
        """`Messages::MessageBuilder` plus the model callbacks that touch the conversation."""
        files = files or []
        if content is not None and len(content) > MAX_CONTENT:
            raise unprocessable(
                "Validation failed: Content is too long (maximum is 150000 characters)"
            )
        if len(files) > MAX_ATTACHMENTS:
            raise unprocessable("Validation failed: Attachments Too many attachments")
        for upload in files:
            if len(upload.data) > MAX_FILE_SIZE:
                raise unprocessable("Validation failed: Attachments file size is too big")
        now = self.now()
        recent = [m for m in self.store.messages_of(conv.id) if m.created_at > now - 60]
        if len(recent) >= MESSAGES_PER_MINUTE_LIMIT:
            raise unprocessable("Validation failed: Too many messages")
        if isinstance(sender, User):
            sender_type: str | None = "User"
        elif isinstance(sender, Contact):
            sender_type = "Contact"
        else:
            sender_type = None
        msg = Message(
            id=self.store.next_id("messages"),
            account_id=conv.account_id,
            inbox_id=conv.inbox_id,
            conversation_id=conv.id,
            content=content,
            message_type=message_type,
            sender_type=sender_type,
            sender_id=sender.id if sender is not None else None,
            created_at=now,
            updated_at=now,
            content_type=content_type,
            private=private,
            content_attributes=dict(content_attributes or {}),
            echo_id=echo_id,
        )
        for upload in files:
            msg.attachment_ids.append(self._store_attachment(msg, upload).id)
        self.store.add_message(msg)
        self._after_message_created(conv, msg, sender, performer)
        return msg

    def _store_attachment(self, msg: Message, upload: UploadedFile) -> Attachment:
        if upload.blob_id is not None:
            blob_id = upload.blob_id  # a direct upload: the attachment takes its blob
        else:
            blob_id = self.store.next_id("blobs")
            self.store.blobs[blob_id] = upload.data
        content_type = upload.content_type or (
            mimetypes.guess_type(upload.file_name)[0] or "application/octet-stream"
        )
        file_type = "file"
        width = height = None
        thumb_blob_id = None
        major = content_type.split("/", 1)[0]
        if major == "image":
            file_type = "image"
            size = image_size(upload.data)
            if size is not None:
                width, height = size
                thumb = make_thumbnail(upload.data)
                if thumb is not None:
                    thumb_blob_id = self.store.next_id("blobs")
                    self.store.blobs[thumb_blob_id] = thumb
        elif major in ("audio", "video"):
            file_type = major
        extension = upload.file_name.rsplit(".", 1)[-1] if "." in upload.file_name else None
        att = Attachment(
            id=self.store.next_id("attachments"),
            message_id=msg.id,
            account_id=msg.account_id,
            file_type=file_type,
            file_name=upload.file_name,
            content_type=content_type,
            file_size=len(upload.data),
            extension=extension,
            width=width,
            height=height,
            thumb_blob_id=thumb_blob_id,
            blob_id=blob_id,
        )
        self.store.attachments[att.id] = att
        return att

    def _after_message_created(
        self,
        conv: Conversation,
        msg: Message,
        sender: User | Contact | None,
        performer: User | None,
    ) -> None:
        conv_changed = False
        first_reply = False
        if msg.message_type == MESSAGE_INCOMING:
            contact = self.store.contacts[conv.contact_id]
            contact.last_activity_at = msg.created_at
            if conv.waiting_since is None:
                conv.waiting_since = msg.created_at
                conv_changed = True
            if conv.status in ("resolved", "snoozed") and not contact.blocked:
                # Message#reopen_conversation
                conv.status = "open"
                conv.snoozed_until = None
                self.touch(conv)
                self.emit_conversation("conversation.status_changed", conv)
                conv_changed = True
        elif msg.message_type == MESSAGE_OUTGOING and not msg.private and isinstance(sender, User):
            if conv.first_reply_created_at is None:
                conv.first_reply_created_at = msg.created_at
                first_reply = True
            if conv.waiting_since is not None:
                conv.waiting_since = None
            conv_changed = True
        if msg.message_type != MESSAGE_ACTIVITY:
            conv.last_activity_at = msg.created_at
        self.touch(conv)
        self.emit_message("message.created", msg, performer)
        self._mentioned_participate(msg)
        if first_reply:
            data = self.views.message_push(msg)
            data["account_id"] = msg.account_id
            self.hub.broadcast(
                self.conversation_streams(conv, include_contact=False),
                "first.reply.created",
                data,
            )
        if conv_changed:
            self.emit_conversation("conversation.updated", conv)
        if msg.message_type == MESSAGE_INCOMING and conv.assignee_id is not None:
            self.notify(conv.assignee_id, conv, "assigned_conversation_new_message", None)

    def delete_message(self, msg: Message, performer: User) -> None:
        """§3.2 soft delete: the content is replaced, attachments go, `message.updated`."""
        old = msg.content
        msg.content = DELETED_TEXT
        msg.content_attributes = {**msg.content_attributes, "deleted": True}
        for aid in msg.attachment_ids:
            self.store.remove_attachment(aid)
        msg.attachment_ids = []
        msg.updated_at = self.now()
        conv = self.store.conversations[msg.conversation_id]
        self.touch(conv)
        data = self.views.message_push(msg)
        data["account_id"] = msg.account_id
        data["performer"] = self.views.user_push(performer, msg.account_id)
        data["previous_changes"] = {
            "content": [old, DELETED_TEXT],
            "content_attributes": [{}, msg.content_attributes],
        }
        self.hub.broadcast(
            self.conversation_streams(conv, include_contact=not msg.private),
            "message.updated",
            data,
        )

    def set_message_status(self, msg: Message, status: str) -> None:
        old = msg.status
        if old == status:
            return
        msg.status = status
        msg.updated_at = self.now()
        conv = self.store.conversations[msg.conversation_id]
        self.touch(conv)
        data = self.views.message_push(msg)
        data["account_id"] = msg.account_id
        data["previous_changes"] = {"status": [old, status]}
        self.hub.broadcast(
            self.conversation_streams(conv, include_contact=False), "message.updated", data
        )

    # ---- conversation actions (§4) ----------------------------------------------------
    def set_status(
        self,
        conv: Conversation,
        status: str,
        actor: User | None,
        snoozed_until: float | None = None,
    ) -> None:
        if status == "open" and actor is not None:
            au = self.store.membership(conv.account_id, actor.id)
            if au is not None and au.role == ROLE_AGENT and conv.assignee_id != actor.id:
                # §10.8: an agent who opens a conversation gets it assigned.
                self.assign_agent(conv, actor.id, actor, self_assigned=True)
        conv.status = status
        conv.snoozed_until = snoozed_until if status == "snoozed" else None
        self.touch(conv)
        name = self.user_name(actor)
        texts = {
            "resolved": f"Conversation was marked resolved by {name}",
            "open": f"Conversation was reopened by {name}",
            "pending": f"Conversation was marked as pending by {name}",
            "snoozed": f"Conversation was snoozed by {name}",
        }
        self.add_activity(conv, texts[status])
        self.emit_conversation("conversation.status_changed", conv)
        self.emit_conversation("conversation.updated", conv)

    def assign_agent(
        self,
        conv: Conversation,
        user_id: int | None,
        actor: User | None,
        *,
        self_assigned: bool = False,
    ) -> None:
        if conv.assignee_id == user_id:
            return
        conv.assignee_id = user_id
        self.touch(conv)
        name = self.user_name(actor)
        if user_id is None:
            text = f"Conversation unassigned by {name}"
        elif self_assigned or (actor is not None and actor.id == user_id):
            text = f"{name} self-assigned this conversation"
        else:
            text = f"Assigned to {self.store.users[user_id].name} by {name}"
        self.add_activity(conv, text)
        self.emit_conversation("assignee.changed", conv)
        self._assignee_participates(conv)
        self.emit_conversation("conversation.updated", conv)
        if user_id is not None and (actor is None or actor.id != user_id):
            self.notify(user_id, conv, "conversation_assignment", actor)

    def assign_team(self, conv: Conversation, team_id: int | None, actor: User | None) -> None:
        if conv.team_id == team_id:
            return
        old_team = self.store.teams.get(conv.team_id) if conv.team_id is not None else None
        conv.team_id = team_id
        name = self.user_name(actor)
        if team_id is None:
            self.touch(conv)
            if old_team is not None:
                self.add_activity(conv, f"Unassigned from {old_team.name} by {name}")
            self.emit_conversation("team.changed", conv)
            self.emit_conversation("conversation.updated", conv)
            return
        team = self.store.teams[team_id]
        if conv.assignee_id is not None and conv.assignee_id not in team.member_ids:
            conv.assignee_id = None
            self.emit_conversation("assignee.changed", conv)
        if conv.assignee_id is None and team.allow_auto_assign and team.member_ids:
            inbox = self.store.inboxes[conv.inbox_id]
            candidates = [u for u in team.member_ids if u in inbox.member_ids]
            if candidates:
                conv.assignee_id = candidates[conv.display_id % len(candidates)]
                self.emit_conversation("assignee.changed", conv)
                self._assignee_participates(conv)
        self.touch(conv)
        if conv.assignee_id is not None:
            assignee = self.store.users[conv.assignee_id].name
            self.add_activity(conv, f"Assigned to {assignee} via {team.name} by {name}")
        else:
            self.add_activity(conv, f"Assigned to {team.name} by {name}")
        self.emit_conversation("team.changed", conv)
        self.emit_conversation("conversation.updated", conv)

    def set_labels(self, conv: Conversation, labels: list[str], actor: User | None) -> None:
        old = list(conv.labels)
        new: list[str] = []
        for title in labels:
            if title and title not in new:
                new.append(title)
        conv.labels = new
        self.touch(conv)
        added = [t for t in new if t not in old]
        removed = [t for t in old if t not in new]
        name = self.user_name(actor)
        if added:
            self.add_activity(conv, f"{name} added {', '.join(added)}")
        if removed:
            self.add_activity(conv, f"{name} removed {', '.join(removed)}")
        self.emit_conversation("conversation.updated", conv)

    def set_priority(self, conv: Conversation, priority: str | None, actor: User | None) -> None:
        old = conv.priority
        if old == priority:
            return
        conv.priority = priority
        self.touch(conv)
        name = self.user_name(actor)
        if priority is None:
            self.add_activity(conv, f"{name} removed the priority")
        elif old is None:
            self.add_activity(conv, f"{name} set the priority to {priority}")
        else:
            self.add_activity(conv, f"{name} changed the priority from {old} to {priority}")
        self.emit_conversation("conversation.updated", conv)

    def set_custom_attributes(self, conv: Conversation, attrs: dict[str, Any]) -> None:
        conv.custom_attributes = dict(attrs)
        self.touch(conv)
        self.emit_conversation("conversation.updated", conv)

    def mute(self, conv: Conversation, actor: User) -> None:
        """§10.7: mute resolves the conversation and blocks the contact."""
        contact = self.store.contacts[conv.contact_id]
        contact.blocked = True
        self.emit_contact("contact.updated", contact)
        if conv.status != "resolved":
            self.set_status(conv, "resolved", actor)

    def unmute(self, conv: Conversation) -> None:
        contact = self.store.contacts[conv.contact_id]
        contact.blocked = False
        self.emit_contact("contact.updated", contact)

    def typing(
        self,
        conv: Conversation,
        typist: User | Contact,
        on: bool,
        *,
        is_private: bool = False,
    ) -> None:
        event = "conversation.typing_on" if on else "conversation.typing_off"
        if isinstance(typist, User):
            user_data = self.views.user_push(typist, conv.account_id)
            exclude = typist.pubsub_token
            include_contact = True
        else:
            user_data = self.views.contact_push(typist)
            exclude = self.store.contact_inbox_of(conv).pubsub_token
            include_contact = False
        data = {
            "conversation": self.views.conversation_push(conv),
            "user": user_data,
            "is_private": is_private,
            "account_id": conv.account_id,
        }
        self.hub.broadcast(
            self.conversation_streams(conv, include_contact=include_contact, exclude=exclude),
            event,
            data,
        )

    # ---- agent read state, drafts, message status (§3.2, §4; no cable events) ---------
    def update_last_seen(self, conv: Conversation, user: User) -> bool:
        """§4 `update_last_seen`: True when it wrote.

        Writes at once when any message is newer than the caller's last-seen time (the
        assignee's own column for the assignee), otherwise at most once an hour per user.
        Chatwoot writes with `update_columns`: no callbacks, no `updated_at`, no event.
        """
        now = self.now()
        is_assignee = conv.assignee_id == user.id
        seen = conv.assignee_last_seen_at if is_assignee else conv.agent_last_seen_at
        last = self.store.last_message(conv.id)
        newer = last is not None and (seen is None or last.created_at > seen)
        key = str(user.id)
        written = conv.last_seen_write.get(key)
        if not newer and written is not None and now - written < LAST_SEEN_THROTTLE:
            return False
        conv.agent_last_seen_at = now
        if is_assignee:
            conv.assignee_last_seen_at = now
        conv.last_seen_write[key] = now
        return True

    def mark_unread(self, conv: Conversation) -> None:
        """§4 `unread`: both last-seen columns go to 1 s before the last incoming message,
        or are cleared when there is none (`update_columns`: no event, no `updated_at`)."""
        last_incoming: Message | None = None
        for msg in reversed(self.store.messages_of(conv.id)):
            if msg.message_type == MESSAGE_INCOMING:
                last_incoming = msg
                break
        at = last_incoming.created_at - 1 if last_incoming is not None else None
        conv.agent_last_seen_at = at
        conv.assignee_last_seen_at = at

    def set_draft(self, conv: Conversation, user: User, text: str) -> None:
        """§4 `draft_messages` PATCH: one draft per user and conversation (Redis in Chatwoot)."""
        conv.drafts[str(user.id)] = text

    def clear_draft(self, conv: Conversation, user: User) -> None:
        conv.drafts.pop(str(user.id), None)

    def update_message_status(
        self, msg: Message, status: str, external_error: str | None = None
    ) -> None:
        """§3.2 `PATCH …/messages/{id}` (API inboxes): `Messages::StatusUpdateService`."""
        if status == "failed" and external_error is not None:
            msg.content_attributes = {**msg.content_attributes, "external_error": external_error}
        self.set_message_status(msg, status)

    def retry_message(self, msg: Message) -> None:
        """§3.2 `retry`: a failed message goes back to `sent` without its external_error."""
        if msg.status != "failed":
            return
        msg.content_attributes = {
            k: v for k, v in msg.content_attributes.items() if k != "external_error"
        }
        self.set_message_status(msg, "sent")

    def contact_read(self, conv: Conversation) -> None:
        """The customer read the conversation: statuses turn `read`, `conversation.read`."""
        now = self.now()
        conv.contact_last_seen_at = now
        for msg in self.store.messages_of(conv.id):
            if (
                msg.message_type == MESSAGE_OUTGOING
                and not msg.private
                and msg.status in ("sent", "delivered")
            ):
                self.set_message_status(msg, "read")
        self.touch(conv)
        self.emit_conversation("conversation.read", conv)

    def update_contact(self, contact: Contact, changes: dict[str, Any]) -> None:
        """§5.1 update: attributes merge; duplicate email or identifier is a 422."""
        email = changes.get("email")
        if email:
            for other in self.store.contacts.values():
                if (
                    other.id != contact.id
                    and other.account_id == contact.account_id
                    and other.email is not None
                    and other.email.lower() == str(email).lower()
                ):
                    raise DemoError(
                        422, {"message": "Email has already been taken", "attributes": ["email"]}
                    )
        identifier = changes.get("identifier")
        if identifier:
            for other in self.store.contacts.values():
                if (
                    other.id != contact.id
                    and other.account_id == contact.account_id
                    and other.identifier == identifier
                ):
                    raise DemoError(
                        422,
                        {
                            "message": "Identifier has already been taken",
                            "attributes": ["identifier"],
                        },
                    )
        for key in ("name", "email", "phone_number", "identifier"):
            if key in changes:
                value = changes[key]
                setattr(contact, key, None if value in ("", None) else str(value))
        if "blocked" in changes:
            contact.blocked = bool(changes["blocked"])
        if isinstance(changes.get("additional_attributes"), dict):
            contact.additional_attributes = {
                **contact.additional_attributes,
                **changes["additional_attributes"],
            }
        if isinstance(changes.get("custom_attributes"), dict):
            contact.custom_attributes = {
                **contact.custom_attributes,
                **changes["custom_attributes"],
            }
        self.emit_contact("contact.updated", contact)
