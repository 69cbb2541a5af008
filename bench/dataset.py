"""A deterministic Chatwoot-shaped dataset for the benchmarks: conversations and message pages.

`Dataset(conversations, messages_per_conversation, seed)` yields the JSON a Chatwoot 4.10.1
server returns (CONTRACT §2 conversation list items, §3 message pages: oldest first, 20 to a
`before` page), with contacts, labels, assignees, attachment metadata and mixed Russian and
English text: each conversation is one dialogue on one topic from the demo's generator
(`operator_desktop.demo.dialogues`, the same words the demo server's customers write), so that
the full-text index sees a realistic spread of words rather than a few repeated sentences. The
same seed always gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from operator_desktop.demo.dialogues import CITIES, Dialogue

PAGE = 20  # a `before` page (CONTRACT §3.1)
START = 1_760_000_000  # 2025-10-09, the oldest message

FIRST_EN = ["Isla", "Lucas", "Liam", "Ava", "Mia", "Noah", "Ethan", "Sophia", "Jonas",
            "Chloe", "Oliver", "Emma", "Harper", "Mason", "Amelia", "Logan"]  # fmt: skip
LAST_EN = ["King", "Martin", "Johnson", "Brown", "Thompson", "Wilson", "Walker", "Turner",
           "Weber", "Clarke", "Hughes", "Patel", "Lopez", "Nguyen"]  # fmt: skip
FIRST_RU = ["Дмитрий", "Юлия", "Екатерина", "Михаил", "Татьяна", "Иван", "Ольга", "Наталья",
            "Алексей", "Светлана", "Павел", "Анна", "Сергей", "Марина"]  # fmt: skip
LAST_RU = ["Попов", "Зайцев", "Соколов", "Волков", "Морозов", "Смирнов", "Кузнецов", "Орлов",
           "Лебедев", "Новиков", "Фёдоров", "Козлов"]  # fmt: skip
FEMALE_RU = {"Юлия", "Екатерина", "Татьяна", "Ольга", "Наталья", "Светлана", "Анна", "Марина"}
LABELS = ["billing", "delivery", "refund", "vip", "bug", "feedback", "urgent", "b2b"]
AGENTS = [(1, "Ana Operator"), (2, "Boris Petrov"), (3, "Chen Li"), (4, "Дарья Иванова")]

FILES = [("image", "jpg"), ("file", "pdf"), ("audio", "ogg"), ("video", "mp4"), ("image", "png")]


@dataclass(frozen=True)
class Dataset:
    """`conversations` conversations of `messages_per_conversation` messages each."""

    conversations: int = 10_000
    messages_per_conversation: int = 20
    seed: int = 7
    account_id: int = 1

    @property
    def messages(self) -> int:
        return self.conversations * self.messages_per_conversation

    def contact(self, n: int) -> dict[str, Any]:
        rng = random.Random(self.seed * 1_000_003 + n)
        russian = n % 2 == 0
        first = rng.choice(FIRST_RU if russian else FIRST_EN)
        last = rng.choice(LAST_RU if russian else LAST_EN)
        if first in FEMALE_RU:
            last += "а"  # Попов → Попова
        return {
            "id": 10_000 + n,
            "name": f"{first} {last}",
            "email": f"customer{n}@example.org",
            "phone_number": f"+7916{n:07d}" if russian else None,
            "identifier": None,
            "thumbnail": "",
            "blocked": False,
            "additional_attributes": {"city": rng.choice(CITIES["ru" if russian else "en"])},
            "custom_attributes": {},
            "type": "contact",
        }

    def conversation(self, n: int) -> dict[str, Any]:
        """List item of conversation `n` (1-based display id), its last message included."""
        rng = random.Random(self.seed * 7_000_003 + n)
        last = self.messages_of(n)[-1]
        assignee = AGENTS[n % len(AGENTS)] if n % 3 else None
        return {
            "id": n,
            "account_id": self.account_id,
            "inbox_id": 1 + n % 4,
            "status": ("open", "pending", "resolved", "snoozed")[n % 4],
            "priority": None,
            "labels": rng.sample(LABELS, k=n % 3),
            "unread_count": n % 5,
            "can_reply": True,
            "created_at": START + n * 60,
            "timestamp": last["created_at"],
            "last_activity_at": last["created_at"],
            "updated_at": float(last["created_at"]),
            "agent_last_seen_at": 0,
            "contact_last_seen_at": 0,
            "waiting_since": 0,
            "muted": False,
            "snoozed_until": None,
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "additional_attributes": {},
            "custom_attributes": {},
            "messages": [last],
            "last_non_activity_message": last,
            "meta": {
                "sender": self.contact(n),
                "assignee": (
                    {"id": assignee[0], "name": assignee[1], "available_name": assignee[1]}
                    if assignee
                    else None
                ),
                "channel": "Channel::WebWidget",
                "hmac_verified": False,
            },
        }

    def list_pages(self) -> Iterator[list[dict[str, Any]]]:
        """The conversation list, 25 to a page (CONTRACT §2.1)."""
        for start in range(1, self.conversations + 1, 25):
            stop = min(start + 25, self.conversations + 1)
            yield [self.conversation(n) for n in range(start, stop)]

    def message_id(self, conversation: int, index: int) -> int:
        return 1 + (conversation - 1) * self.messages_per_conversation + index

    def messages_of(self, n: int) -> list[dict[str, Any]]:
        """Every message of conversation `n`, oldest first."""
        rng = random.Random(self.seed * 9_000_011 + n)
        contact = self.contact(n)
        dialogue = Dialogue(rng, "ru" if n % 2 == 0 else "en", customer_name=contact["name"])
        agent_id, agent_name = AGENTS[n % len(AGENTS)]
        created = START + n * 60
        out = []
        for i in range(self.messages_per_conversation):
            created += rng.randint(20, 4000)
            incoming = i % 2 == 0 if i < self.messages_per_conversation - 1 else True
            if i == self.messages_per_conversation - 1:
                content = dialogue.thanks()
            elif incoming:
                content = dialogue.customer_turn()
            else:
                content = dialogue.agent_turn()
            msg: dict[str, Any] = {
                "id": self.message_id(n, i),
                "content": content,
                "inbox_id": 1 + n % 4,
                "conversation_id": n,
                "message_type": 0 if incoming else 1,
                "content_type": "text",
                "status": "sent",
                "content_attributes": {},
                "created_at": created,
                "private": False,
                "source_id": None,
                "sender": (
                    contact
                    if incoming
                    else {"id": agent_id, "name": agent_name, "type": "user", "thumbnail": ""}
                ),
                "attachments": [],
            }
            if incoming and rng.random() < 0.06:
                kind, ext = rng.choice(FILES)
                att_id = msg["id"]
                msg["attachments"] = [
                    {
                        "id": att_id,
                        "message_id": msg["id"],
                        "file_type": kind,
                        "account_id": self.account_id,
                        "extension": ext,
                        "data_url": f"https://files.example.org/{att_id}.{ext}",
                        "thumb_url": f"https://files.example.org/{att_id}_thumb.{ext}",
                        "file_size": rng.randint(10_000, 4_000_000),
                        "width": 1280 if kind == "image" else None,
                        "height": 960 if kind == "image" else None,
                    }
                ]
            out.append(msg)
        return out

    def message_pages(self) -> Iterator[dict[str, Any]]:
        """Each conversation's messages as the `before` pages the sync engine fetches."""
        for n in range(1, self.conversations + 1):
            messages = self.messages_of(n)
            for stop in range(len(messages), 0, -PAGE):
                yield {"meta": {}, "payload": messages[max(0, stop - PAGE) : stop]}
