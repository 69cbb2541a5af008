"""The demo's dialogue generator: the same words for the same seed, one topic and one
language per conversation, seeded conversations that do not repeat each other, and simulated
customers who answer agents on their conversation's topic."""

from __future__ import annotations

import random
import re
from collections import defaultdict

import pytest

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.dialogues import (
    LANGUAGES,
    TOPICS,
    Dialogue,
    Topic,
    is_cyrillic,
    topic_of,
)
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    Conversation,
    DemoStore,
    Message,
)
from operator_desktop.demo.seed import build_store
from operator_desktop.demo.server import DemoServer
from operator_desktop.demo.simulate import CustomerSimulator

SEED: DemoStore = build_store(1, 0.0)
ALL_TOPICS = [topic for language in LANGUAGES for topic in TOPICS[language]]
NAMES = {"en": "Isla King", "ru": "Ольга Кузнецова"}
# a customer who writes twice in a row, an agent who does, private notes in between
TURNS = "ccaacaccnacaccaacnca"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"\w+")


def told(dialogue: Dialogue, turns: str = TURNS) -> list[str]:
    """The dialogue's messages for `turns`: "c" the customer, "a" the agent, "n" a note."""
    say = {"c": dialogue.customer_turn, "a": dialogue.agent_turn, "n": dialogue.note}
    return [say[turn]() for turn in turns]


def chat_messages(store: DemoStore) -> list[Message]:
    """What customers and agents wrote to each other (no notes, no activity)."""
    return [
        m
        for m in store.messages.values()
        if m.message_type in (MESSAGE_INCOMING, MESSAGE_OUTGOING) and not m.private and m.content
    ]


# ---- the generator ------------------------------------------------------------------------
def test_the_same_seed_tells_the_same_dialogue() -> None:
    first = told(Dialogue(random.Random(7), customer_name=NAMES["ru"]))
    again = told(Dialogue(random.Random(7), customer_name=NAMES["ru"]))
    other = told(Dialogue(random.Random(8), customer_name=NAMES["ru"]))
    assert first == again
    assert first != other


@pytest.mark.parametrize("topic", ALL_TOPICS, ids=lambda t: f"{t.language}-{t.key}")
def test_a_dialogue_keeps_to_its_topic_and_language(topic: Topic) -> None:
    assert len(TOPICS[topic.language]) >= 10
    for seed in range(12):
        dialogue = Dialogue(random.Random(seed), topic=topic, customer_name=NAMES[topic.language])
        opening = dialogue.opening()
        assert topic_of(opening) is topic, opening
        request = dialogue.agent_turn()
        detail = dialogue.customer_turn()  # what the agent asked for
        answer = dialogue.agent_turn()
        after = dialogue.customer_turn()  # thanks, or a related question
        assert topic.mentioned_in(detail), detail
        assert topic.mentioned_in(after), after
        messages = [opening, request, detail, answer, after, *told(dialogue)]
        russian = topic.language == "ru"
        assert all(is_cyrillic(m) == russian for m in messages), messages
        assert all("{" not in m and "}" not in m for m in messages), messages


def test_russian_customers_speak_in_their_own_gender() -> None:
    wrong_address = next(t for t in TOPICS["ru"] if t.key == "wrong_address")
    forms: dict[str, set[str]] = {"Ольга Кузнецова": set(), "Иван Смирнов": set()}
    for name, found in forms.items():
        for seed in range(40):
            opening = Dialogue(random.Random(seed), topic=wrong_address, customer_name=name)
            found.update(re.findall(r"ошиб\w+", opening.opening()))
    assert forms == {"Ольга Кузнецова": {"ошиблась"}, "Иван Смирнов": {"ошибся"}}


# ---- the seeded demo data -----------------------------------------------------------------
def test_the_seeded_text_is_the_same_for_a_seed() -> None:
    def texts(store: DemoStore) -> list[str | None]:
        return [store.messages[i].content for i in sorted(store.messages)]

    assert texts(build_store(1, 0.0)) == texts(SEED)
    assert texts(build_store(2, 0.0)) != texts(SEED)


def test_seeded_conversations_do_not_repeat_each_other() -> None:
    messages = chat_messages(SEED)
    assert len(messages) > 1000
    assert len({m.content for m in messages}) / len(messages) > 0.75
    conversations_of: dict[str, set[int]] = defaultdict(set)
    for m in messages:
        for sentence in SENTENCE_END.split(m.content or ""):
            if len(WORD.findall(sentence)) >= 4:  # "Thanks!" and "Hello!" may repeat
                conversations_of[sentence].add(m.conversation_id)
    commonest = max(conversations_of, key=lambda s: len(conversations_of[s]))
    assert len(conversations_of[commonest]) <= 0.1 * len(SEED.conversations), commonest


def test_seeded_russian_conversations_are_in_russian_and_english_ones_in_english() -> None:
    for conv in SEED.conversations.values():
        russian = is_cyrillic(SEED.contacts[conv.contact_id].name)
        texts = [
            m.content
            for m in SEED.messages_of(conv.id)
            if m.content and m.message_type != MESSAGE_ACTIVITY
        ]
        assert texts
        assert all(is_cyrillic(text) == russian for text in texts), (conv.display_id, texts)


def test_seeded_labels_and_subjects_fit_the_conversation_topic() -> None:
    for conv in SEED.conversations.values():
        first = next(m for m in SEED.messages_of(conv.id) if m.message_type == MESSAGE_INCOMING)
        topic = topic_of(first.content)
        assert topic is not None, first.content
        assert set(conv.labels) <= set(topic.labels), (conv.display_id, first.content)
        subject = conv.additional_attributes.get("mail_subject")
        if subject is not None:
            assert is_cyrillic(subject) == (topic.language == "ru"), subject


# ---- simulated customers ------------------------------------------------------------------
def customer_answer(server: DemoServer, sim: CustomerSimulator, conv: Conversation) -> str:
    """What the customer of `conv` writes back, once the server's clock has moved on."""
    for _ in range(200):
        server.clock.advance(0.5)
        sim.react()
        last = server.store.last_message(conv.id, chat_only=True)
        if last is not None and last.message_type == MESSAGE_INCOMING and last.content:
            return last.content
    raise AssertionError("the customer never answered")


def agent_writes(server: DemoServer, conv: Conversation, text: str) -> None:
    agent = server.store.users[1]
    server.service.add_message(
        conv, content=text, message_type=MESSAGE_OUTGOING, sender=agent, performer=agent
    )


def test_simulated_customers_answer_agents_on_their_topic() -> None:
    server = DemoServer(DemoConfig())
    sim = CustomerSimulator(server, seed=3)
    topics = set()
    for _ in range(12):
        conv = sim.new_conversation()
        topic = sim.dialogue(conv).topic
        topics.add(topic.key)
        opening = server.store.messages_of(conv.id)[0].content
        assert topic_of(opening) is topic, opening
        for text in ("Could you give me a few more details, please?", "Done, it is sorted now."):
            agent_writes(server, conv, text)
            reply = customer_answer(server, sim, conv)
            assert topic.mentioned_in(reply), (topic.key, reply)
            assert is_cyrillic(reply) == (topic.language == "ru"), reply
    assert len(topics) > 4


def test_the_customer_of_a_seeded_conversation_keeps_to_its_topic() -> None:
    server = DemoServer(DemoConfig())
    sim = CustomerSimulator(server, seed=5)
    conv = next(c for c in server.store.conversations.values() if c.display_id == 1)
    first = next(m for m in server.store.messages_of(conv.id) if m.message_type == 0)
    topic = topic_of(first.content)
    assert topic is not None and sim.dialogue(conv).topic is topic
    agent_writes(server, conv, "Could you send me the details again, please?")
    reply = customer_answer(server, sim, conv)
    assert topic.mentioned_in(reply), reply
