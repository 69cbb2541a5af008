"""Simulated customers of the demo server (`demo-server --simulate`).

Customers in Russian and English open new conversations in a random inbox of the main account,
write follow-ups while they wait, read what agents write, type and answer every agent reply
some time later, and show up as present (CONTRACT §7.6). What they write comes from one
`dialogues.Dialogue` per conversation: a question on a topic, the details an agent asks for,
thanks or a related question — always on that conversation's topic and in its language.
Everything goes through `DemoService`, so each action broadcasts exactly the cable events a
real Chatwoot would.

Pacing uses real `asyncio.sleep` with exponential delays (mean `DemoConfig.simulate_interval`)
drawn from a `random.Random(seed)`; timestamps and the due times of pending replies come from
the server's clock, so the control endpoint's `advance_clock` also hurries customers along.
`CustomerSimulator.step()` performs one action synchronously, so tests drive it without timers.

Memory stays bounded: beyond `DemoConfig.simulate_cap` simulated conversations, the least
recently active ones are resolved and removed together with their simulated contacts. Seeded
data is never removed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from operator_desktop.demo.dialogues import LANGUAGES, Dialogue, Language, is_cyrillic, topic_of
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    Contact,
    Conversation,
    Inbox,
    Message,
)
from operator_desktop.demo.seed import (
    BROWSERS,
    CITIES_EN,
    CITIES_RU,
    COMPANIES,
    CONTACT_NAMES_EN,
    CONTACT_NAMES_RU,
    MAIN_ACCOUNT,
)

if TYPE_CHECKING:
    from operator_desktop.demo.server import DemoServer

log = logging.getLogger("demo.simulate")

POLL_SECONDS = 0.5  # how often the loop looks for agent replies and due customer actions
MIN_INTERVAL = 0.001  # seconds between customer actions at the fastest
MAX_CATCH_UP = 50  # actions taken in one wake-up at most
FOLLOW_UP_TRIES = 24  # waiting conversations looked at for one that may follow up
ONLINE_SECONDS = 120.0  # clock seconds a customer stays present after acting

ACTIONS = ("new_conversation", "follow_up", "read", "return", "wait")


@dataclass
class _PendingReply:
    """A customer about to answer an agent: read, then type, then reply (clock times)."""

    agent_message_id: int
    read_at: float
    typing_at: float
    reply_at: float
    read: bool = False
    typing: bool = False


class CustomerSimulator:
    """Customers that act on a `DemoServer` through its `DemoService`."""

    def __init__(self, server: DemoServer, seed: int) -> None:
        self.server = server
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        # conversation db id -> what its customer talks about and has said so far
        self._dialogues: dict[int, Dialogue] = {}
        self._pending: dict[int, _PendingReply] = {}  # conversation db id -> reply
        self._online: dict[tuple[int, int], float] = {}  # (account, contact) -> active at
        # agent messages up to this id are history: customers answer only newer ones
        self._watermark = self.server.store.counters.get("messages", 0)
        self._messages_seen = self._watermark
        self._presence_at = float("-inf")

    # ---- the timer ----------------------------------------------------------------------
    @property
    def interval(self) -> float:
        return max(self.server.config.simulate_interval, MIN_INTERVAL)

    def next_delay(self) -> float:
        """Seconds until the next customer action: exponential with the configured mean."""
        return self.rng.expovariate(1.0 / self.interval)

    async def run(self) -> None:
        """Act forever: one action after each random delay, agent replies answered between."""
        loop = asyncio.get_running_loop()
        log.info("simulated customers: one action every %.1f s on average", self.interval)
        next_action = loop.time() + self.next_delay()
        poll = min(POLL_SECONDS, self.interval)
        while True:
            await asyncio.sleep(max(0.0, min(next_action - loop.time(), poll)))
            try:
                self.react()
                acted = 0
                # every action that fell due while the loop slept, so that a short interval
                # gives its rate even when one wake-up takes longer than the interval
                while loop.time() >= next_action and acted < MAX_CATCH_UP:
                    next_action += self.next_delay()
                    acted += 1
                    self.act()
            except Exception:
                log.exception("simulated customer action failed")
            if loop.time() >= next_action:  # too far behind (or failing): start afresh
                next_action = loop.time() + self.next_delay()

    # ---- one step -----------------------------------------------------------------------
    def step(self, action: str | None = None) -> str:
        """React to agents (what is due), then one customer action; returns the action taken."""
        self.react()
        return self.act(action)

    def act(self, action: str | None = None) -> str:
        """One customer action, chosen at random unless `action` (one of ACTIONS) is given."""
        if action is None:
            action = self._choose()
        elif action not in ACTIONS:
            raise ValueError(f"unknown simulator action: {action!r}")
        done = False
        if action == "new_conversation":
            self.new_conversation()
            done = True
        elif action == "follow_up":
            done = self.follow_up()
            if not done and self.server.config.simulate_new_share is not None:
                self.new_conversation()  # nobody left to follow up: a customer writes in anew
                action, done = "new_conversation", True
        elif action == "read":
            done = self.read_something()
        elif action == "return":
            done = self.come_back()
        if not done:
            action = "wait"
        self.counts[action] += 1
        self.enforce_cap()
        return action

    def _choose(self) -> str:
        share = self.server.config.simulate_new_share
        if share is not None:  # a load of customer messages, `share` of them new conversations
            return "new_conversation" if self.rng.random() < share else "follow_up"
        open_simulated = sum(
            1
            for c in self.server.store.conversations.values()
            if c.simulated and c.status == "open"
        )
        weights = {
            "new_conversation": 4.0 if open_simulated < 5 else 2.0,
            "follow_up": 2.0,
            "read": 1.5,
            "return": 0.3,
            "wait": 2.0,
        }
        names = list(weights)
        return self.rng.choices(names, weights=[weights[n] for n in names])[0]

    # ---- reacting to agents ---------------------------------------------------------------
    def react(self) -> None:
        """Answer agents: schedule replies to new agent messages, then do what is due."""
        store = self.server.store
        created = store.counters.get("messages", 0)
        if created < self._messages_seen:
            self._forget_everything()  # the control endpoint reset the store
        seen, self._messages_seen = self._messages_seen, created
        now = self.server.clock.now()
        # only conversations with a message since the last look can have a new agent reply
        touched = {
            msg.conversation_id
            for mid in range(seen + 1, created + 1)
            if (msg := store.messages.get(mid)) is not None
        }
        for conv_id in sorted(touched):
            conv = store.conversations.get(conv_id)
            if conv is None or conv.status != "open":
                continue
            last = store.last_message(conv.id, chat_only=True)
            if (
                last is None
                or last.message_type != MESSAGE_OUTGOING
                or last.sender_type != "User"
                or last.id <= self._watermark
            ):
                continue
            if store.contacts[conv.contact_id].blocked:
                continue
            pending = self._pending.get(conv.id)
            if pending is not None:
                pending.agent_message_id = last.id
                continue
            self._pending[conv.id] = self._schedule_reply(last, now)
        for conv_id, pending in list(self._pending.items()):
            self._advance_reply(conv_id, pending, now)
        self._keep_present(now)

    def _schedule_reply(self, agent_message: Message, now: float) -> _PendingReply:
        scale = min(self.interval, 4.0)
        read_at = now + self.rng.expovariate(1.0 / (0.4 * self.interval))
        typing_at = read_at + self.rng.uniform(0.2, 1.0) * scale
        reply_at = typing_at + self.rng.uniform(0.5, 1.5) * scale
        return _PendingReply(agent_message.id, read_at, typing_at, reply_at)

    def _advance_reply(self, conv_id: int, pending: _PendingReply, now: float) -> None:
        conv = self.server.store.conversations.get(conv_id)
        if conv is None or conv.status != "open":
            self._pending.pop(conv_id, None)
            return
        contact = self.server.store.contacts[conv.contact_id]
        if contact.blocked:
            self._pending.pop(conv_id, None)
            return
        service = self.server.service
        if not pending.read and now >= pending.read_at:
            pending.read = True
            self._present(contact, now)
            service.contact_read(conv)
            self.counts["conversation_read"] += 1
        if pending.read and not pending.typing and now >= pending.typing_at:
            pending.typing = True
            self._present(contact, now)
            service.typing(conv, contact, True)
            self.counts["typing_on"] += 1
        if pending.typing and now >= pending.reply_at:
            del self._pending[conv_id]
            service.typing(conv, contact, False)
            self.counts["typing_off"] += 1
            agent_message = self.server.store.messages.get(pending.agent_message_id)
            agent_text = agent_message.content if agent_message is not None else None
            text = self.dialogue(conv).reply_to(agent_text)
            self._write(conv, contact, text, now)
            self.counts["reply"] += 1

    # ---- customer actions -----------------------------------------------------------------
    def new_conversation(self) -> Conversation:
        """A new visitor: contact, contact inbox, conversation and the first message."""
        store = self.server.store
        service = self.server.service
        rng = self.rng
        now = self.server.clock.now()
        inboxes = sorted(
            (i for i in store.inboxes.values() if i.account_id == MAIN_ACCOUNT),
            key=lambda i: i.id,
        )
        inbox = rng.choice(inboxes)
        lang = rng.choice(LANGUAGES)
        name = rng.choice(CONTACT_NAMES_RU if lang == "ru" else CONTACT_NAMES_EN)
        dialogue = Dialogue(self._dialogue_rng(), lang, customer_name=name)
        number = store.counters.get("contacts", 0) + 1
        email: str | None = f"visitor{number}.{rng.getrandbits(24):06x}@example.org"
        if inbox.channel_type != "Channel::Email" and rng.random() < 0.25:
            email = None  # an anonymous website visitor
        phone = None
        if rng.random() < 0.4:
            phone = (
                f"+7916{rng.randrange(1000000, 9999999)}"
                if lang == "ru"
                else f"+4915{rng.randrange(10000000, 99999999)}"
            )
        city, country, code = rng.choice(CITIES_RU if lang == "ru" else CITIES_EN)
        contact_attrs: dict[str, Any] = {
            "city": city,
            "country": country,
            "country_code": code,
            "created_at_ip": f"198.51.100.{rng.randrange(1, 254)}",
        }
        if rng.random() < 0.4:
            contact_attrs["company_name"] = rng.choice(COMPANIES)
        contact, ci = service.create_contact(
            MAIN_ACCOUNT,
            inbox.id,
            name=name,
            email=email,
            phone_number=phone,
            additional_attributes=contact_attrs,
            simulated=True,
        )
        conv = service.create_conversation(
            contact,
            ci,
            additional_attributes=self._conversation_attributes(inbox, dialogue, now),
            simulated=True,
        )
        self._dialogues[conv.id] = dialogue
        self._write(conv, contact, dialogue.opening(), now)
        self.counts[f"lang_{lang}"] += 1
        log.debug("new simulated conversation %d in %s (%s)", conv.display_id, inbox.name, lang)
        return conv

    def _conversation_attributes(
        self, inbox: Inbox, dialogue: Dialogue, now: float
    ) -> dict[str, Any]:
        rng = self.rng
        if inbox.channel_type == "Channel::WebWidget":
            browser, version, platform = rng.choice(BROWSERS)
            started = time.strftime("%a %b %d %Y %H:%M:%S GMT+0000", time.gmtime(now))
            page = rng.choice(["pricing", "orders", "help", "account"])
            return {
                "browser": {
                    "browser_name": browser,
                    "browser_version": version,
                    "device_name": "Unknown",
                    "platform_name": platform,
                    "platform_version": "0",
                },
                "browser_language": dialogue.language,
                "referer": f"{inbox.website_url or 'https://www.acme.example'}/{page}",
                "initiated_at": {"timestamp": started},
            }
        if inbox.channel_type == "Channel::Email":
            return {"mail_subject": dialogue.subject}
        return {}

    def follow_up(self) -> bool:
        """A waiting customer writes again (at most `simulate_patience` messages unanswered)."""
        store = self.server.store
        waiting = [
            c
            for c in store.conversations.values()
            if c.simulated and c.status in ("open", "pending") and c.id not in self._pending
        ]
        # a few at random, not every one: `_unanswered` walks a transcript
        patience = self.server.config.simulate_patience
        tried = self.rng.sample(waiting, min(len(waiting), FOLLOW_UP_TRIES))
        candidates = [c for c in tried if self._unanswered(c) < patience]
        if not candidates:
            return False
        conv = candidates[0]
        contact = store.contacts[conv.contact_id]
        dialogue = self.dialogue(conv)
        last = store.last_message(conv.id, chat_only=True)
        if last is not None and last.message_type == MESSAGE_OUTGOING:
            text = dialogue.reply_to(last.content)
        else:
            text = dialogue.customer_turn()  # news asked for, a detail more, or thanks again
        now = self.server.clock.now()
        self.server.service.typing(conv, contact, True)
        self.server.service.typing(conv, contact, False)
        self._write(conv, contact, text, now)
        return True

    def read_something(self) -> bool:
        """A customer opens the widget and reads agent messages not read yet."""
        store = self.server.store
        candidates = []
        for conv in store.conversations.values():
            if conv.account_id != MAIN_ACCOUNT or conv.status != "open":
                continue
            last = store.last_message(conv.id, chat_only=True)
            if (
                last is not None
                and last.message_type == MESSAGE_OUTGOING
                and last.status in ("sent", "delivered")
                and conv.id not in self._pending
            ):
                candidates.append(conv)
        if not candidates:
            return False
        conv = self.rng.choice(sorted(candidates, key=lambda c: c.id))
        contact = store.contacts[conv.contact_id]
        self._present(contact, self.server.clock.now())
        self.server.service.contact_read(conv)
        self.counts["conversation_read"] += 1
        return True

    def come_back(self) -> bool:
        """A customer of a resolved simulated conversation writes again (it reopens)."""
        candidates = [c for c in self._simulated() if c.status == "resolved"]
        if not candidates:
            return False
        conv = self.rng.choice(candidates)
        contact = self.server.store.contacts[conv.contact_id]
        if contact.blocked:
            return False
        text = self.dialogue(conv).coming_back()
        self._write(conv, contact, text, self.server.clock.now())
        return True

    # ---- bounds -------------------------------------------------------------------------
    def enforce_cap(self) -> int:
        """Resolve and remove the least recently active simulated conversations over the cap."""
        cap = max(self.server.config.simulate_cap, 0)
        simulated = [c for c in self.server.store.conversations.values() if c.simulated]
        excess = len(simulated) - cap
        if excess <= 0:
            return 0
        oldest = sorted(simulated, key=lambda c: (c.last_activity_at, c.id))[:excess]
        for conv in oldest:
            if conv.status != "resolved":
                self.server.service.set_status(conv, "resolved", None)
            self._prune(conv)
        self.counts["pruned"] += len(oldest)
        return len(oldest)

    def _prune(self, conv: Conversation) -> None:
        store = self.server.store
        service = self.server.service
        notes = [n for n in store.notifications.values() if n.primary_actor_id == conv.id]
        store.remove_conversation(conv)
        for note in notes:
            service.emit_notification("notification.deleted", note)
        self._dialogues.pop(conv.id, None)
        self._pending.pop(conv.id, None)
        contact = store.contacts.get(conv.contact_id)
        if contact is None or not contact.simulated:
            return
        if any(c.contact_id == contact.id for c in store.conversations.values()):
            return
        for ci_id in [
            ci.id for ci in store.contact_inboxes.values() if ci.contact_id == contact.id
        ]:
            del store.contact_inboxes[ci_id]
        for note_id in [n.id for n in store.contact_notes.values() if n.contact_id == contact.id]:
            del store.contact_notes[note_id]
        del store.contacts[contact.id]
        self._online.pop((contact.account_id, contact.id), None)
        self.server.presence.drop_contact(contact.account_id, contact.id)
        service.emit_contact("contact.deleted", contact)

    # ---- helpers ------------------------------------------------------------------------
    def _unanswered(self, conv: Conversation) -> int:
        """Customer messages since the last agent reply."""
        count = 0
        for msg in self.server.store.newest_first(conv.id):
            if msg.private or msg.message_type == MESSAGE_ACTIVITY:
                continue
            if msg.message_type != MESSAGE_INCOMING:
                break
            count += 1
        return count

    def _simulated(self) -> list[Conversation]:
        return sorted(
            (c for c in self.server.store.conversations.values() if c.simulated),
            key=lambda c: c.id,
        )

    def dialogue(self, conv: Conversation) -> Dialogue:
        """The dialogue the customer of `conv` follows. For a conversation the simulator did
        not open (seeded, or from before a restart), the language and the topic are read from
        its first message."""
        dialogue = self._dialogues.get(conv.id)
        if dialogue is None:
            store = self.server.store
            first = next(
                (
                    m.content
                    for m in store.messages_of(conv.id)
                    if m.message_type == MESSAGE_INCOMING and m.content
                ),
                None,
            )
            lang: Language = "ru" if is_cyrillic(first) else "en"
            dialogue = Dialogue(
                self._dialogue_rng(),
                lang,
                topic_of(first, lang),
                customer_name=store.contacts[conv.contact_id].name,
                opened=True,
            )
            self._dialogues[conv.id] = dialogue
        return dialogue

    def _dialogue_rng(self) -> random.Random:
        """Random numbers of one conversation's words, apart from the simulator's own."""
        return random.Random(self.rng.getrandbits(64))

    def _write(self, conv: Conversation, contact: Contact, text: str, now: float) -> Message:
        self._present(contact, now)
        return self.server.service.add_message(
            conv,
            content=text,
            message_type=MESSAGE_INCOMING,
            sender=contact,
            performer=None,
        )

    def _present(self, contact: Contact, now: float) -> None:
        self._online[(contact.account_id, contact.id)] = now
        self.server.presence.touch_contact(contact.account_id, contact.id)

    def _keep_present(self, now: float) -> None:
        """Customers who acted recently keep their widget open: presence stays fresh (looked
        at once a second, not at every step)."""
        if now - self._presence_at < 1.0:
            return
        self._presence_at = now
        for key, since in list(self._online.items()):
            if now - since > ONLINE_SECONDS or key[1] not in self.server.store.contacts:
                del self._online[key]
            else:
                self.server.presence.touch_contact(*key)

    def _forget_everything(self) -> None:
        self._dialogues.clear()
        self._pending.clear()
        self._online.clear()
        self._watermark = self.server.store.counters.get("messages", 0)
