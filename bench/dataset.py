"""A deterministic Chatwoot-shaped dataset for the benchmarks: conversations and message pages.

`Dataset(conversations, messages_per_conversation, seed)` yields the JSON a Chatwoot 4.10.1
server returns (CONTRACT §2 conversation list items, §3 message pages: oldest first, 20 to a
`before` page), with contacts, labels, assignees, attachment metadata and mixed Russian and
English text of varied length built from topic vocabularies, so that the full-text index sees
a realistic spread of words rather than a few repeated sentences. The same seed always gives
the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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

EN = {
    "subject": [
        "my order",
        "the parcel",
        "the invoice",
        "my account",
        "the refund",
        "the subscription",
        "the app",
        "my payment",
        "the delivery",
        "the courier",
        "the warranty",
        "my password",
        "the discount code",
        "the tracking number",
    ],
    "problem": [
        "has not arrived yet",
        "was charged twice",
        "shows the wrong address",
        "does not open on my phone",
        "is still pending",
        "was cancelled by mistake",
        "arrived damaged",
        "keeps asking me to sign in",
        "is missing an item",
        "has the wrong VAT number",
        "expired yesterday",
        "cannot be found",
    ],
    "opener": ["Hello,", "Hi,", "Good morning,", "Hi there,", "Hello again,", "Dear support,"],
    "ask": [
        "Could you check what happened?",
        "What should I do now?",
        "Can you help me with this?",
        "When can I expect an answer?",
        "Is there anything I can do on my side?",
        "Please tell me the next steps.",
    ],
    "detail": [
        "I ordered it on Monday",
        "the number is {n}",
        "I tried twice already",
        "my colleague had the same issue",
        "I use the latest version",
        "the email came from your billing team",
        "I paid by card",
        "it worked fine last week",
        "I live in {city}",
        "the box was opened",
    ],
    "agent": [
        "Thanks for reaching out, I am checking it now.",
        "I can see {subject} in our system; it {status}.",
        "Sorry for the trouble. I have asked the warehouse about it.",
        "Could you send me a photo or a screenshot, please?",
        "I have issued a refund; it takes three to five working days.",
        "The courier will call you tomorrow between 10 and 14.",
        "I have updated the address on {subject}.",
        "Please try signing out and in again, then tell me what you see.",
    ],
    "status": [
        "left the warehouse yesterday",
        "is waiting for the courier",
        "was approved this morning",
        "is being reviewed by our team",
    ],
    "thanks": [
        "Thank you!",
        "Great, thanks a lot.",
        "Perfect, that helped.",
        "Thanks, have a nice day.",
        "OK, I will wait.",
    ],
    "city": ["Berlin", "London", "Dublin", "Lisbon", "Warsaw", "Riga", "Prague"],
}
RU = {
    "subject": ["мой заказ", "посылка", "счёт", "мой аккаунт", "возврат", "подписка",
                "приложение", "мой платёж", "доставка", "курьер", "гарантия", "пароль",
                "промокод", "трек-номер"],
    "problem": ["до сих пор не пришёл", "списан дважды", "показывает неверный адрес",
                "не открывается на телефоне", "всё ещё в обработке", "отменён по ошибке",
                "пришёл повреждённым", "постоянно просит войти заново",
                "пришёл без одного товара", "оформлен на другую компанию", "истёк вчера",
                "не находится в системе"],
    "opener": ["Здравствуйте,", "Добрый день,", "Привет,", "Доброе утро,", "Ещё раз здравствуйте,"],
    "ask": ["Подскажите, что случилось?", "Что мне теперь делать?", "Можете помочь?",
            "Когда ждать ответа?", "Могу ли я что-то сделать со своей стороны?",
            "Напишите, пожалуйста, что дальше."],
    "detail": ["заказывал в понедельник", "номер {n}", "пробовал уже два раза",
               "у коллеги такая же проблема", "стоит последняя версия",
               "письмо пришло из бухгалтерии", "платил картой",
               "на прошлой неделе всё работало", "я живу в городе {city}",
               "коробка была вскрыта"],
    "agent": ["Спасибо за обращение, уже проверяю.",
              "Вижу {subject} в системе, статус: {status}.",
              "Извините за неудобства, я написал на склад.",
              "Пришлите, пожалуйста, фото или скриншот.",
              "Оформил возврат, деньги придут в течение трёх–пяти рабочих дней.",
              "Курьер позвонит завтра с 10 до 14.",
              "Обновил адрес, теперь всё верно.",
              "Попробуйте выйти и войти снова, и напишите, что видите."],
    "status": ["передан в доставку", "ждёт курьера", "одобрен сегодня утром",
               "на проверке у коллег"],
    "thanks": ["Спасибо!", "Отлично, большое спасибо.", "Помогло, спасибо.",
               "Спасибо, хорошего дня.", "Хорошо, подожду."],
    "city": ["Москва", "Казань", "Пермь", "Самара", "Тверь", "Омск", "Сочи"],
}  # fmt: skip
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
            "additional_attributes": {"city": rng.choice((RU if russian else EN)["city"])},
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
        words = RU if n % 2 == 0 else EN
        contact = self.contact(n)
        agent_id, agent_name = AGENTS[n % len(AGENTS)]
        created = START + n * 60
        out = []
        for i in range(self.messages_per_conversation):
            created += rng.randint(20, 4000)
            incoming = i % 2 == 0 if i < self.messages_per_conversation - 1 else True
            if i == self.messages_per_conversation - 1:
                content = rng.choice(words["thanks"])
            elif incoming:
                content = _customer_text(rng, words)
            else:
                content = _agent_text(rng, words)
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


def _customer_text(rng: random.Random, words: dict[str, list[str]]) -> str:
    parts = [rng.choice(words["opener"])]
    subject = rng.choice(words["subject"])
    parts.append(f"{subject} {rng.choice(words['problem'])}.")
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        parts.append(_detail(rng, words) + ".")
    parts.append(rng.choice(words["ask"]))
    if rng.random() < 0.08:  # the odd long message: a pasted story
        parts.extend(_filler(rng, words) for _ in range(rng.randint(4, 12)))
    return " ".join(parts)


def _agent_text(rng: random.Random, words: dict[str, list[str]]) -> str:
    text = rng.choice(words["agent"])
    return text.format(subject=rng.choice(words["subject"]), status=rng.choice(words["status"]))


def _detail(rng: random.Random, words: dict[str, list[str]]) -> str:
    detail = rng.choice(words["detail"])
    return detail.format(n=rng.randint(10_000, 99_999), city=rng.choice(words["city"]))


def _filler(rng: random.Random, words: dict[str, list[str]]) -> str:
    return f"{rng.choice(words['subject'])} {rng.choice(words['problem'])}, {_detail(rng, words)}."
