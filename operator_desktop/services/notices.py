"""Which new messages deserve a desktop notification (no Qt, no D-Bus: a pure decision).

A notice is due for a customer's message (incoming, not a note, not an activity line) that
has just arrived — not history paged in by a sync — in a conversation that is the operator's
own or nobody's yet, not muted, and not the one they are reading in the active window. Each
message is considered once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from operator_desktop.services.readmodel import ChatRow, MessageRow

FRESH_FOR = 120.0  # seconds: older messages arriving now are history, not news
BODY_LIMIT = 240


@dataclass(frozen=True, slots=True)
class Notice:
    display_id: int
    message_id: int
    title: str  # the customer's name
    body: str  # the message, on one line and shortened; the file name for attachments


class NoticePolicy:
    def __init__(self, user_id: int, *, fresh_for: float = FRESH_FOR) -> None:
        self.user_id = user_id
        self.fresh_for = fresh_for
        self._considered: set[int] = set()

    def pick(
        self,
        messages: Iterable[MessageRow],
        chats: Mapping[int, ChatRow],
        *,
        now: float,
        reading: int | None,
    ) -> list[Notice]:
        """Notices for `messages` (fetched after a change-set), oldest first.

        `reading` is the conversation open in the window while the window is active.
        """
        notices: list[Notice] = []
        for message in sorted(messages, key=lambda m: m.id):
            if message.id <= 0 or message.id in self._considered:
                continue
            self._considered.add(message.id)
            chat = chats.get(message.display_id)
            if chat is None or not self._due(message, chat, now=now, reading=reading):
                continue
            notices.append(
                Notice(
                    display_id=message.display_id,
                    message_id=message.id,
                    title=chat.contact_name or message.sender_name or "",
                    body=_one_line(message),
                )
            )
        return notices

    def _due(self, message: MessageRow, chat: ChatRow, *, now: float, reading: int | None) -> bool:
        if not message.is_incoming or message.private or message.deleted:
            return False
        if now - message.created_at > self.fresh_for:
            return False
        if chat.muted or chat.assignee_id not in (None, self.user_id):
            return False
        return message.display_id != reading


def _one_line(message: MessageRow) -> str:
    text = " ".join((message.content or "").split())
    if not text and message.attachments:
        text = message.attachments[0].name
    if len(text) > BODY_LIMIT:
        text = text[: BODY_LIMIT - 1].rstrip() + "…"
    return text
