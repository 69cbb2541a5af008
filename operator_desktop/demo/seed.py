"""Deterministic demo data: accounts, users, inboxes, teams, contacts, ~60 conversations and
~1,500 messages in Russian and English.

Users, passwords and tokens are fixed (they do not depend on the seed) and listed in the README
and by `operator-desktop demo-server --credentials`. Everything else comes from `random.Random`
seeded with `--seed`; times are laid out backwards from the moment the store is built. Each
conversation's messages are one dialogue of `dialogues` (a topic, in Russian or English), whose
words have random numbers of their own.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any

from operator_desktop.demo.dialogues import Dialogue, Language, Stage, Topic, topics
from operator_desktop.demo.images import make_picture, make_thumbnail
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    PRIORITIES,
    ROLE_ADMIN,
    ROLE_AGENT,
    Account,
    AccountUser,
    Attachment,
    CannedResponse,
    Contact,
    ContactInbox,
    ContactNote,
    Conversation,
    ConversationParticipant,
    CustomAttributeDefinition,
    DemoStore,
    Inbox,
    Label,
    Message,
    Notification,
    Team,
    User,
)

MAIN_ACCOUNT = 1
SECOND_ACCOUNT = 2
SUSPENDED_ACCOUNT = 3
MFA_SECRET = "OPERATORDEMOMFASECRETKEY234567AB"
MFA_BACKUP_CODES = ["demo-backup-1111", "demo-backup-2222", "demo-backup-3333"]


@dataclass(frozen=True)
class DemoUser:
    id: int
    name: str
    display_name: str | None
    email: str
    password: str
    access_token: str
    pubsub_token: str
    note: str
    mfa: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        1,
        "John Doe",
        "John",
        "john@acme.inc",
        "Password1!",
        "demo-token-john-admin-7Hq2xN4pLk9s",
        "demo-pubsub-john-Rt3vW8yB2mQ5",
        "administrator of Acme Support (all inboxes); agent in Acme Sales; "
        "member of the suspended Globex account",
    ),
    DemoUser(
        2,
        "Анна Петрова",
        "Анна",
        "anna@acme.inc",
        "Password2!",
        "demo-token-anna-agent-9Lm4pQ2xK7wZ",
        "demo-pubsub-anna-Fd6sJ1hN8cV3",
        "agent, member of only the Website and Support email inboxes",
    ),
    DemoUser(
        3,
        "Boris Ivanov",
        None,
        "boris@acme.inc",
        "Password3!",
        "demo-token-boris-agent-3Kx8vB5nQ1rT",
        "demo-pubsub-boris-Wp2eY7uI4oA9",
        "agent, member of only the Support email inbox and of the Billing team, so he sees "
        "Billing's Website conversations only through the team (CONTRACT §7.3)",
    ),
    DemoUser(
        4,
        "Maria Garcia",
        "Maria",
        "maria@acme.inc",
        "Password4!",
        "demo-token-maria-mfa-6Yt1cR9wE3zU",
        "demo-pubsub-maria-Gh5kL2mN7bX4",
        "agent with two-factor sign-in (TOTP), member of every inbox",
        mfa=True,
    ),
)

CONTACT_NAMES_EN = [
    "Jonas Weber",
    "Emily Clarke",
    "Oliver Smith",
    "Sophia Turner",
    "Liam Johnson",
    "Ava Brown",
    "Noah Wilson",
    "Mia Thompson",
    "Lucas Martin",
    "Chloe Davies",
    "Ethan Walker",
    "Grace Hall",
    "Henry Young",
    "Isla King",
    "Jack Wright",
]
CONTACT_NAMES_RU = [
    "Иван Смирнов",
    "Ольга Кузнецова",
    "Дмитрий Попов",
    "Екатерина Соколова",
    "Алексей Лебедев",
    "Наталья Козлова",
    "Сергей Новиков",
    "Татьяна Морозова",
    "Михаил Волков",
    "Елена Соловьёва",
    "Андрей Васильев",
    "Юлия Зайцева",
]
CITIES_EN = [
    ("Berlin", "Germany", "DE"),
    ("London", "United Kingdom", "GB"),
    ("New York", "United States", "US"),
    ("Toronto", "Canada", "CA"),
]
CITIES_RU = [
    ("Москва", "Россия", "RU"),
    ("Санкт-Петербург", "Россия", "RU"),
    ("Казань", "Россия", "RU"),
    ("Новосибирск", "Россия", "RU"),
]
COMPANIES = [
    "Northwind",
    "Contoso",
    "Initech",
    "Umbrella",
    "Stark Logistics",
    "Ромашка",
    "Вектор",
    "Северсталь-Сервис",
]
BROWSERS = [
    ("Firefox", "136.0", "Linux"),
    ("Chrome", "131.0", "Windows"),
    ("Safari", "18.2", "macOS"),
    ("Edge", "131.0", "Windows"),
    ("Яндекс Браузер", "24.12", "Windows"),
]

# The seeded structure (which contact, assignee, team, priority and order number each
# conversation has, named by tests and the README) was first drawn while the text came from
# ten fixed topics: (language, customer lines, agent lines) of each, and how many generic
# customer and agent lines a language had to draw from once a topic's lines ran out.
# `_StructureDraws` replays those draws; the text itself now comes from `dialogues`.
_ORIGINAL_TOPICS: tuple[tuple[Language, int, int], ...] = (
    ("en", 5, 4), ("en", 4, 4), ("en", 4, 4), ("en", 4, 3), ("en", 3, 3),
    ("ru", 4, 4), ("ru", 4, 3), ("ru", 3, 3), ("ru", 4, 4), ("ru", 4, 3),
)  # fmt: skip
_ORIGINAL_GENERIC_LINES: dict[Language, tuple[int, int]] = {"en": (6, 4), "ru": (5, 4)}


@dataclass
class _StructureDraws:
    """The random numbers one seeded conversation's text once took from the store's
    generator, drawn again (and thrown away) so that everything drawn after them stays put."""

    rng: random.Random
    language: Language
    customer_lines: int
    agent_lines: int

    @classmethod
    def start(cls, rng: random.Random) -> _StructureDraws:
        language, customer_lines, agent_lines = _ORIGINAL_TOPICS[
            rng.randrange(len(_ORIGINAL_TOPICS))
        ]
        return cls(rng, language, customer_lines, agent_lines)

    def customer_line(self) -> None:
        if self.customer_lines:
            self.customer_lines -= 1
        else:
            self.rng.randrange(_ORIGINAL_GENERIC_LINES[self.language][0])

    def agent_line(self) -> None:
        if self.agent_lines:
            self.agent_lines -= 1
        else:
            self.rng.randrange(_ORIGINAL_GENERIC_LINES[self.language][1])


LABELS = [
    ("billing", "Invoices, payments and VAT", "#1f93ff"),
    ("bug", "Something is broken", "#ff4d4f"),
    ("delivery", "Orders and shipping", "#f5a623"),
    ("feature-request", "Ideas from customers", "#7ed321"),
    ("refund", "Refunds and returns", "#bd10e0"),
    ("vip", "Key accounts", "#d4af37"),
]

CANNED = [
    ("hello", "Hello! Thanks for reaching out. How can I help you today?"),
    ("privet", "Здравствуйте! Спасибо за обращение. Чем могу помочь?"),
    ("thanks", "Thank you for your patience! Is there anything else I can help with?"),
    ("spasibo", "Спасибо за ожидание! Могу ли я ещё чем-нибудь помочь?"),
    ("refund", "Purchases within 14 days are fully refundable. I've started the refund."),
    ("vozvrat", "Возврат возможен в течение 30 дней. Я оформил заявку на возврат."),
    ("delivery", "I've checked with the courier: your parcel is on its way."),
    ("dostavka", "Я уточнил в службе доставки: ваш заказ уже в пути."),
    ("bye", "Have a great day! Feel free to write again any time."),
    ("poka", "Хорошего дня! Обращайтесь в любое время."),
]

STATUS_PLAN = ["open"] * 25 + ["pending"] * 8 + ["snoozed"] * 6 + ["resolved"] * 21


def build_store(seed: int, now: float) -> DemoStore:
    """The whole demo data set for `seed`, with the latest activity just before `now`."""
    return _Builder(seed, now).build()


class _Builder:
    def __init__(self, seed: int, now: float) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        # the text has random numbers of its own: changing the words never moves the structure
        self.text_rng = random.Random(f"demo-text:{seed}")
        self._topic_decks: dict[Language, list[Topic]] = {}
        self.now = now
        self.store = DemoStore()

    def build(self) -> DemoStore:
        self._accounts_and_users()
        self._inboxes_and_teams()
        self._reference_data()
        self._conversations()
        self._participants()
        self._notifications()
        return self.store

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # ---- fixed part ---------------------------------------------------------------------
    def _accounts_and_users(self) -> None:
        s = self.store
        for account in (
            Account(MAIN_ACCOUNT, "Acme Support"),
            Account(SECOND_ACCOUNT, "Acme Sales"),
            Account(SUSPENDED_ACCOUNT, "Globex", status="suspended"),
        ):
            account.cache_keys = {
                "label": self.now - 86400,
                "inbox": self.now - 86400,
                "team": self.now - 86400,
            }
            s.accounts[account.id] = account
        s.counters["accounts"] = SUSPENDED_ACCOUNT
        for du in DEMO_USERS:
            s.users[du.id] = User(
                id=du.id,
                name=du.name,
                display_name=du.display_name,
                email=du.email,
                password=du.password,
                access_token=du.access_token,
                pubsub_token=du.pubsub_token,
                message_signature=f"{du.display_name or du.name} | Acme Support",
                mfa_secret=MFA_SECRET if du.mfa else None,
                mfa_backup_codes=list(MFA_BACKUP_CODES) if du.mfa else [],
                inviter_id=None if du.id == 1 else 1,
            )
        s.counters["users"] = len(DEMO_USERS)
        recent = self.now - 3600
        s.account_users = [
            AccountUser(MAIN_ACCOUNT, 1, ROLE_ADMIN, "online", True, recent),
            AccountUser(MAIN_ACCOUNT, 2, ROLE_AGENT, "online", True, recent),
            AccountUser(MAIN_ACCOUNT, 3, ROLE_AGENT, "busy", True, recent),
            AccountUser(MAIN_ACCOUNT, 4, ROLE_AGENT, "online", False, recent),
            AccountUser(SECOND_ACCOUNT, 1, ROLE_AGENT, "online", True, recent - 86400),
            AccountUser(SECOND_ACCOUNT, 2, ROLE_ADMIN, "busy", True, recent - 86400),
            AccountUser(SUSPENDED_ACCOUNT, 1, ROLE_ADMIN, "online", True, recent - 2 * 86400),
        ]

    def _inboxes_and_teams(self) -> None:
        s = self.store
        s.inboxes = {
            1: Inbox(
                1,
                MAIN_ACCOUNT,
                "Website",
                "Channel::WebWidget",
                1,
                website_url="https://www.acme.example",
                member_ids=[2, 4],
            ),
            2: Inbox(
                2,
                MAIN_ACCOUNT,
                "Support email",
                "Channel::Email",
                1,
                email="support@acme.example",
                member_ids=[2, 3, 4],
            ),
            3: Inbox(3, MAIN_ACCOUNT, "API", "Channel::Api", 1, member_ids=[4]),
            4: Inbox(
                4,
                SECOND_ACCOUNT,
                "Sales website",
                "Channel::WebWidget",
                2,
                website_url="https://sales.acme.example",
                member_ids=[1],
            ),
        }
        s.counters["inboxes"] = 4
        s.teams = {
            1: Team(
                1,
                MAIN_ACCOUNT,
                "Billing",
                "Invoices, payments and refunds",
                allow_auto_assign=False,
                member_ids=[2, 3],
            ),
            2: Team(
                2,
                MAIN_ACCOUNT,
                "Tech support",
                "Bugs and how-to questions",
                allow_auto_assign=True,
                member_ids=[1, 4],
            ),
        }
        s.counters["teams"] = 2

    def _reference_data(self) -> None:
        s = self.store
        created = self.now - 30 * 86400
        for i, (title, description, color) in enumerate(LABELS, start=1):
            s.labels[i] = Label(i, MAIN_ACCOUNT, title, description, color)
        s.labels[len(LABELS) + 1] = Label(
            len(LABELS) + 1, SECOND_ACCOUNT, "lead", "Sales leads", "#1f93ff"
        )
        s.counters["labels"] = len(s.labels)
        for i, (code, content) in enumerate(CANNED, start=1):
            s.canned_responses[i] = CannedResponse(i, MAIN_ACCOUNT, code, content, created, created)
        s.counters["canned_responses"] = len(CANNED)
        defs = [
            CustomAttributeDefinition(
                1,
                MAIN_ACCOUNT,
                "Order number",
                "order_number",
                "conversation_attribute",
                "text",
                "The order the customer asks about",
                regex_pattern="^[0-9]+$",
                regex_cue="Digits only",
            ),
            CustomAttributeDefinition(
                2, MAIN_ACCOUNT, "Order total", "order_total", "conversation_attribute", "currency"
            ),
            CustomAttributeDefinition(
                3, MAIN_ACCOUNT, "Escalated", "escalated", "conversation_attribute", "checkbox"
            ),
            CustomAttributeDefinition(
                4,
                MAIN_ACCOUNT,
                "Plan",
                "plan",
                "contact_attribute",
                "list",
                attribute_values=["free", "pro", "enterprise"],
            ),
            CustomAttributeDefinition(
                5, MAIN_ACCOUNT, "Signed up", "signed_up_at", "contact_attribute", "date"
            ),
            CustomAttributeDefinition(
                6, MAIN_ACCOUNT, "Website", "website", "contact_attribute", "link"
            ),
        ]
        for d in defs:
            d.created_at = d.updated_at = created
            s.custom_attribute_definitions[d.id] = d
        s.counters["custom_attribute_definitions"] = len(defs)

    # ---- conversations ------------------------------------------------------------------
    def _contact(self, lang: str, inbox: Inbox, created: float) -> tuple[Contact, ContactInbox]:
        s = self.store
        rng = self.rng
        names = CONTACT_NAMES_RU if lang == "ru" else CONTACT_NAMES_EN
        name = rng.choice(names)
        cid = s.next_id("contacts")
        slug = "".join(ch for ch in uuid.UUID(int=rng.getrandbits(128)).hex[:6])
        city, country, code = rng.choice(CITIES_RU if lang == "ru" else CITIES_EN)
        attrs: dict[str, Any] = {
            "city": city,
            "country": country,
            "country_code": code,
            "created_at_ip": f"203.0.113.{rng.randrange(1, 254)}",
        }
        if rng.random() < 0.6:
            attrs["company_name"] = rng.choice(COMPANIES)
        email = f"customer{cid}.{slug}@example.org" if rng.random() < 0.85 else None
        phone = (
            f"+7916{rng.randrange(1000000, 9999999)}"
            if lang == "ru"
            else (f"+4915{rng.randrange(10000000, 99999999)}")
        )
        contact = Contact(
            id=cid,
            account_id=inbox.account_id,
            name=name,
            email=email,
            phone_number=phone if rng.random() < 0.7 else None,
            additional_attributes=attrs,
            custom_attributes={"plan": rng.choice(["free", "pro", "enterprise"])},
            created_at=created - rng.randrange(3600, 90 * 86400),
        )
        if rng.random() < 0.3:
            contact.labels = [rng.choice(["vip", "billing"])]
        s.contacts[cid] = contact
        ci = ContactInbox(
            id=s.next_id("contact_inboxes"),
            contact_id=cid,
            inbox_id=inbox.id,
            source_id=self._uuid(),
            pubsub_token=uuid.UUID(int=rng.getrandbits(128)).hex,
            created_at=contact.created_at,
            updated_at=contact.created_at,
        )
        s.contact_inboxes[ci.id] = ci
        return contact, ci

    def _conversations(self) -> None:
        rng = self.rng
        s = self.store
        main_inboxes = [s.inboxes[1], s.inboxes[2], s.inboxes[3]]
        statuses = list(STATUS_PLAN)
        rng.shuffle(statuses)
        # the 60 main-account conversations, then a few in the second account
        plan: list[tuple[Inbox, str]] = [(rng.choice(main_inboxes), st) for st in statuses]
        plan[0] = (s.inboxes[1], "open")  # the team-only case of CONTRACT §7.3
        plan += [(s.inboxes[4], rng.choice(["open", "pending", "resolved"])) for _ in range(6)]
        for index, (inbox, status) in enumerate(plan):
            self._one_conversation(index, inbox, status)
        for cid, contact in s.contacts.items():
            if cid % 4 == 0:
                note_id = s.next_id("contact_notes")
                s.contact_notes[note_id] = ContactNote(
                    note_id,
                    contact.account_id,
                    cid,
                    1,
                    "Prefers email follow-ups." if cid % 8 else "Просит звонить после 18:00.",
                    contact.created_at + 3600,
                    contact.created_at + 3600,
                )

    def _one_conversation(self, index: int, inbox: Inbox, status: str) -> None:
        rng = self.rng
        s = self.store
        draws = _StructureDraws.start(rng)
        lang = draws.language
        # recent conversations are spread over the last 2 days, older ones over 30 days
        age = rng.uniform(300, 2 * 86400) if index % 3 else rng.uniform(2 * 86400, 30 * 86400)
        if status in ("open", "pending") and index % 2 == 0:
            age = rng.uniform(60, 4 * 3600)
        last_at = self.now - age
        count = rng.randrange(12, 38)
        start = last_at - count * rng.uniform(60, 900)
        contact, ci = self._contact(lang, inbox, start)
        dialogue = Dialogue(
            random.Random(f"demo-text:{self.seed}:{index}"),
            topic=self._next_topic(lang),
            customer_name=contact.name,
        )
        conv = Conversation(
            id=s.next_id("conversations"),
            display_id=s.next_display_id(inbox.account_id),
            account_id=inbox.account_id,
            inbox_id=inbox.id,
            contact_id=contact.id,
            contact_inbox_id=ci.id,
            uuid=self._uuid(),
            status=status,
            priority=rng.choice([None, None, *PRIORITIES]),
            labels=list(dialogue.topic.labels) if rng.random() < 0.8 else [],
            created_at=start,
        )
        if inbox.channel_type == "Channel::WebWidget":
            name, version, platform = rng.choice(BROWSERS)
            conv.additional_attributes = {
                "browser": {
                    "browser_name": name,
                    "browser_version": version,
                    "device_name": "Unknown",
                    "platform_name": platform,
                    "platform_version": "0",
                },
                "browser_language": lang,
                "referer": f"{inbox.website_url}/{rng.choice(['billing', 'orders', 'help'])}",
                "initiated_at": {"timestamp": "Mon Mar 02 2026 10:41:12 GMT+0100"},
            }
        elif inbox.channel_type == "Channel::Email":
            conv.additional_attributes = {"mail_subject": dialogue.subject}
        if rng.random() < 0.4:
            conv.custom_attributes = {"order_number": str(rng.randrange(1000, 9999))}
        members = [u for u in inbox.member_ids if s.membership(inbox.account_id, u)]
        if inbox.account_id == MAIN_ACCOUNT:
            members.append(1)
        if rng.random() < 0.75 and members:
            conv.assignee_id = rng.choice(members)
        if inbox.account_id == MAIN_ACCOUNT and rng.random() < 0.35:
            conv.team_id = rng.choice([1, 2])
        if index == 0:  # Billing's Website conversation: Boris sees it only via the team
            conv.team_id = 1
            conv.assignee_id = 2
        if status == "snoozed":
            conv.snoozed_until = self.now + rng.choice([3600, 4 * 3600, 86400, 3 * 86400])
        s.conversations[conv.id] = conv
        self._messages(conv, contact, count, start, last_at, dialogue, draws)
        self._finish(conv, status)

    def _next_topic(self, lang: Language) -> Topic:
        """Every topic of `lang` once, in a shuffled order, before any topic twice."""
        deck = self._topic_decks.setdefault(lang, [])
        if not deck:
            deck.extend(topics(lang))
            self.text_rng.shuffle(deck)
        return deck.pop()

    def _messages(
        self,
        conv: Conversation,
        contact: Contact,
        count: int,
        start: float,
        end: float,
        dialogue: Dialogue,
        draws: _StructureDraws,
    ) -> None:
        rng = self.rng
        agent_id = conv.assignee_id or 1
        step = (end - start) / max(count, 1)
        at = start
        self._add(conv, dialogue.opening(), MESSAGE_INCOMING, "Contact", contact.id, at)
        if conv.team_id is not None:
            team = self.store.teams[conv.team_id]
            at += 5
            self._add(
                conv, f"Assigned to {team.name} by John Doe", MESSAGE_ACTIVITY, None, None, at
            )
        for i in range(1, count):
            at += step * rng.uniform(0.5, 1.5)
            at = min(at, end)
            roll = rng.random()
            if i == count - 1 and conv.status in ("open", "pending") and rng.random() < 0.6:
                roll = 0.0  # customer wrote last: the conversation is waiting
            if roll < 0.42:
                draws.customer_line()
                resolved_at_last = i == count - 1 and conv.status == "resolved"
                if resolved_at_last and dialogue.stage is Stage.ANSWERED:
                    text = dialogue.thanks()
                else:
                    text = dialogue.customer_turn()
                msg = self._add(conv, text, MESSAGE_INCOMING, "Contact", contact.id, at)
                if rng.random() < 0.07:
                    self._attach(msg, image=rng.random() < 0.6)
            elif roll < 0.84:
                draws.agent_line()
                text = dialogue.agent_turn()
                msg = self._add(conv, text, MESSAGE_OUTGOING, "User", agent_id, at)
                msg.status = rng.choice(["sent", "delivered", "read", "read"])
                if conv.first_reply_created_at is None:
                    conv.first_reply_created_at = at
            elif roll < 0.93:
                self._add(
                    conv, dialogue.note(), MESSAGE_OUTGOING, "User", agent_id, at, private=True
                )
            else:
                name = self.store.users[agent_id].name
                self._add(
                    conv,
                    f"{name} self-assigned this conversation",
                    MESSAGE_ACTIVITY,
                    None,
                    None,
                    at,
                )

    def _add(
        self,
        conv: Conversation,
        content: str,
        mtype: int,
        sender_type: str | None,
        sender_id: int | None,
        at: float,
        *,
        private: bool = False,
    ) -> Message:
        msg = Message(
            id=self.store.next_id("messages"),
            account_id=conv.account_id,
            inbox_id=conv.inbox_id,
            conversation_id=conv.id,
            content=content,
            message_type=mtype,
            sender_type=sender_type,
            sender_id=sender_id,
            created_at=at,
            updated_at=at,
            private=private,
        )
        self.store.add_message(msg)
        return msg

    def _attach(self, msg: Message, *, image: bool) -> None:
        s = self.store
        rng = self.rng
        blob_id = s.next_id("blobs")
        thumb_id: int | None = None
        width = height = None
        if image:
            width, height = rng.choice([(320, 240), (480, 360), (360, 480)])
            data = make_picture(rng, width, height)
            name, ctype, ftype, ext = f"photo-{msg.id}.png", "image/png", "image", "png"
            thumb = make_thumbnail(data)
            if thumb is not None:
                thumb_id = s.next_id("blobs")
                s.blobs[thumb_id] = thumb
        else:
            rows = "\n".join(f"{i};item {i};{rng.randrange(1, 500)}.00" for i in range(1, 30))
            data = ("no;item;amount\n" + rows + "\n").encode("utf-8")
            name, ctype, ftype, ext = f"invoice-{msg.id}.csv", "text/csv", "file", "csv"
        s.blobs[blob_id] = data
        att = Attachment(
            id=s.next_id("attachments"),
            message_id=msg.id,
            account_id=msg.account_id,
            file_type=ftype,
            file_name=name,
            content_type=ctype,
            file_size=len(data),
            extension=ext,
            width=width,
            height=height,
            thumb_blob_id=thumb_id,
            blob_id=blob_id,
        )
        s.attachments[att.id] = att
        msg.attachment_ids.append(att.id)
        if msg.content and self.rng.random() < 0.5:
            msg.content = None  # an attachment-only message: content is null (§3.3 sample)

    def _finish(self, conv: Conversation, status: str) -> None:
        s = self.store
        messages = s.messages_of(conv.id)
        last = messages[-1]
        conv.last_activity_at = max(
            m.created_at for m in messages if m.message_type != MESSAGE_ACTIVITY
        )
        conv.updated_at = round(last.created_at + 0.25, 4)
        if status == "resolved":
            name = s.users[conv.assignee_id or 1].name
            msg = self._add(
                conv,
                f"Conversation was marked resolved by {name}",
                MESSAGE_ACTIVITY,
                None,
                None,
                last.created_at + 30,
            )
            conv.updated_at = round(msg.created_at + 0.25, 4)
        # waiting since the first incoming message after the last agent reply
        waiting: float | None = None
        for msg in messages:
            if msg.message_type == MESSAGE_INCOMING and waiting is None:
                waiting = msg.created_at
            elif msg.message_type == MESSAGE_OUTGOING and not msg.private:
                waiting = None
        conv.waiting_since = waiting if status in ("open", "pending") else None
        # agents have read everything but the latest few incoming messages
        incoming = [m for m in messages if m.message_type == MESSAGE_INCOMING]
        unread = self.rng.choice([0, 0, 1, 2, 3, 12]) if status == "open" else 0
        seen_index = max(len(incoming) - unread - 1, 0)
        if incoming and unread < len(incoming):
            conv.agent_last_seen_at = incoming[seen_index].created_at + 1
        elif not incoming:
            conv.agent_last_seen_at = last.created_at
        if conv.assignee_id is not None:
            conv.assignee_last_seen_at = conv.agent_last_seen_at
        conv.contact_last_seen_at = last.created_at - 10
        contact = s.contacts[conv.contact_id]
        contact.last_activity_at = max(contact.last_activity_at or 0, conv.last_activity_at)

    def _participants(self) -> None:
        """Every seeded assignee watches the conversation, as `ParticipationListener` makes
        it on assignment (the seeded assignees are inbox members or administrators). No
        random numbers are drawn, so the rest of the data set does not move."""
        s = self.store
        for conv in sorted(s.conversations.values(), key=lambda c: c.id):
            if conv.assignee_id is None:
                continue
            pid = s.next_id("conversation_participants")
            s.conversation_participants[pid] = ConversationParticipant(
                pid, conv.account_id, conv.id, conv.assignee_id, conv.created_at
            )

    def _notifications(self) -> None:
        s = self.store
        kinds = [
            "conversation_assignment",
            "assigned_conversation_new_message",
            "conversation_mention",
            "conversation_creation",
        ]
        convs = sorted(
            (c for c in s.conversations.values() if c.account_id == MAIN_ACCOUNT),
            key=lambda c: c.last_activity_at,
            reverse=True,
        )
        for i, conv in enumerate(convs[:12]):
            user_id = conv.assignee_id or 1
            nid = s.next_id("notifications")
            s.notifications[nid] = Notification(
                id=nid,
                account_id=conv.account_id,
                user_id=user_id,
                notification_type=kinds[i % len(kinds)],
                primary_actor_id=conv.id,
                secondary_actor_id=1 if user_id != 1 else None,
                created_at=conv.last_activity_at,
                last_activity_at=conv.last_activity_at,
                read_at=conv.last_activity_at + 60 if i % 3 == 2 else None,
            )
