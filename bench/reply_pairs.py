"""Held-out question → answer pairs from the demo's dialogues, for suggested replies.

The index is the team's history: conversations of `bench/dataset.py` (dialogues of
`operator_desktop.demo.dialogues`, a customer's question answered by the agent's next
message) with the demo's canned responses. The held-out questions are new dialogues of other
random states, so the index has never seen their text (other order numbers, names, cities,
greetings, other sentences around the question), and each is then reworded (`reworded`):
synonyms and other word forms for a share of its words, its sentences in another order.

Two kinds of pairs, as the dialogues answer them:

- a customer's first question → the agent's request for the detail the case needs (any of
  the case's requests is right: "could you confirm the delivery address?" for a late parcel).
  These are asked in *unseen wording*: one way of asking of each case (one opening template)
  is held out, and the index keeps no conversation that starts with it (`HeldOut.indexed`),
  so the history knows the problem only as other customers put it;
- a later question on the topic → its own answer (that question is asked in one way only,
  so the history has seen its template, though not this text nor this rewording).

A suggestion is right when it says what the right answer's template says (`Pair.is_right`:
the template as a pattern, its slots matching anything), or is the demo's canned response
for the question's topic (its refund and delivery replies).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.dataset import FIRST_EN, FIRST_RU, LAST_EN, LAST_RU, Dataset
from operator_desktop.demo.dialogues import LANGUAGES, Dialogue, Language, Stage, Topic, topics
from operator_desktop.demo.seed import CANNED

SLOT = re.compile(r"\{([^{}]*)\}")
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
SWAP_SHARE = 0.6  # of the words that have a synonym or another form, this many are changed
CANNED_TOPICS = {"refund": "refund", "vozvrat": "refund", "delivery": "late_parcel",
                 "dostavka": "late_parcel"}  # fmt: skip

# what another customer would write instead: synonyms, and other forms of the same word
# (the stemmer should take those; a synonym the history never used is a word lost)
REWORDINGS: dict[Language, dict[str, tuple[str, ...]]] = {
    "en": {
        "order": ("purchase", "orders"), "parcel": ("package", "parcels"),
        "arrived": ("come", "arrive", "turned up"), "hasn't": ("has not",),
        "still": ("yet",), "delivery": ("shipment", "deliveries"), "received": ("got",),
        "charged": ("billed", "charging"), "twice": ("two times",), "payment": ("payments",),
        "refund": ("refunds", "my money back"), "return": ("returning", "send back"),
        "password": ("passwords",), "reset": ("resetting",), "account": ("accounts",),
        "email": ("e-mail", "emails"), "app": ("application",), "crashes": ("crashing",),
        "closes": ("shuts",), "wrong": ("incorrect",), "address": ("addresses",),
        "subscription": ("subscriptions", "membership"), "cancel": ("cancelled", "stop"),
        "invoice": ("invoices", "bill"), "warranty": ("guarantee",), "broken": ("faulty",),
        "damaged": ("broken", "damage"), "discount": ("discounts",), "code": ("codes",),
        "promised": ("promise",), "tracking": ("tracked",), "since": ("from",),
        "bought": ("purchased",), "working": ("works",), "need": ("want", "needed"),
        "could": ("can",), "would": ("will",), "please": ("kindly",), "plan": ("plans",),
        "business": ("company",), "feature": ("features", "function"), "help": ("assist",),
    },
    "ru": {
        "заказ": ("заказа", "заказом"), "посылку": ("посылка", "посылки"),
        "доставлен": ("доставили", "привезли"), "оплатил": ("заплатил", "оплатила"),
        "оплатила": ("заплатила",), "жду": ("ожидаю", "ждём"), "статус": ("статуса",),
        "деньги": ("денег", "средства"), "списали": ("сняли", "списание"),
        "дважды": ("два раза",), "возврат": ("возврата", "вернуть деньги"),
        "товар": ("товара", "вещь"), "пароль": ("пароля",), "войти": ("зайти",),
        "аккаунт": ("аккаунта", "профиль"), "приложение": ("приложения", "программа"),
        "вылетает": ("падает", "закрывается"), "адрес": ("адреса",),
        "подписку": ("подписка", "подписки"), "тариф": ("тарифа", "план"),
        "счёт": ("счета", "счёте"), "гарантии": ("гарантия", "гарантийный"),
        "промокод": ("промокода", "код"), "скидка": ("скидку", "скидки"),
        "подскажите": ("скажите", "расскажите"), "можно": ("получится", "могу"),
        "хочу": ("хотел бы", "хотела бы"), "сразу": ("тут же",), "сегодня": ("сейчас",),
        "пришёл": ("пришла", "прислали"), "курьер": ("курьера", "доставщик"),
        "ошибка": ("ошибку", "сбой"), "нужно": ("надо",), "почту": ("почта", "email"),
        "письмо": ("письма", "сообщение"), "уведомления": ("уведомлений", "оповещения"),
        "сломался": ("сломалась", "не работает"), "добавьте": ("добавить", "сделайте"),
    },
}  # fmt: skip
NAMES: dict[Language, tuple[Sequence[str], Sequence[str]]] = {
    "en": (FIRST_EN, LAST_EN),
    "ru": (FIRST_RU, LAST_RU),
}


def pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: its text as it is, a slot as anything, a `{m|f}` as either."""
    parts: list[str] = []
    position = 0
    for slot in SLOT.finditer(template):
        parts.append(re.escape(template[position : slot.start()]))
        inner = slot.group(1)
        parts.append(f"(?:{'|'.join(map(re.escape, inner.split('|')))})" if "|" in inner else ".+?")
        position = slot.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Pair:
    """A held-out question (reworded) and what a right answer to it says."""

    question: str
    original: str  # the question as the dialogue said it
    language: Language
    kind: str  # "first question" | "later question"
    topic: str
    answers: tuple[re.Pattern[str], ...]

    def is_right(self, text: str, short_code: str | None = None) -> bool:
        if short_code is not None:
            return CANNED_TOPICS.get(short_code) == self.topic and self.kind == "first question"
        return any(p.search(text) for p in self.answers)


def reworded(text: str, language: Language, rng: random.Random) -> str:
    """`text` as another customer would put it: a share of the words that have a synonym or
    another form changed (`REWORDINGS`), and the sentences in another order."""
    table = REWORDINGS[language]

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        options = table.get(word.lower())
        if options is None or rng.random() >= SWAP_SHARE:
            return word
        choice = rng.choice(options)
        return choice.capitalize() if word[:1].isupper() else choice

    sentences = [re.sub(r"[\w']+", swap, s) for s in SENTENCE.split(text.strip()) if s]
    if len(sentences) > 1:
        first = sentences.pop(0)
        sentences.insert(rng.randrange(1, len(sentences) + 1), first)
    return " ".join(sentences)


def _name(rng: random.Random, language: Language) -> str:
    first, last = NAMES[language]
    return f"{rng.choice(first)} {rng.choice(last)}"


def _related_answer(topic: Topic, question: str) -> re.Pattern[str] | None:
    for asked, answer in topic.related:
        if pattern(asked).search(question):
            return pattern(answer)
    return None


def _opening_patterns() -> list[tuple[Topic, int, int, re.Pattern[str]]]:
    """(topic, case index, opening index, pattern) of every opening template, fixed order."""
    return [
        (topic, c, o, pattern(opening))
        for language in LANGUAGES
        for topic in topics(language)
        for c, case in enumerate(topic.cases)
        for o, opening in enumerate(case.openings)
    ]


class HeldOut:
    """The held-out pairs and the ways of asking kept out of the index (same seed, same)."""

    def __init__(self, count: int, seed: int = 2024) -> None:
        rng = random.Random(f"held-out:{seed}")
        self.hidden: dict[tuple[str, str, int], int] = {}  # (language, topic, case) → opening
        for language in LANGUAGES:
            for topic in topics(language):
                for c, case in enumerate(topic.cases):
                    self.hidden[(language, topic.key, c)] = rng.randrange(len(case.openings))
        self._patterns = _opening_patterns()
        self.pairs = self._pairs(count, rng)

    def _opening_of(self, text: str, topic: Topic) -> tuple[int, int] | None:
        """(case, opening) of the template a first question was written from."""
        for t, c, o, p in self._patterns:
            if t is topic and p.search(text):
                return c, o
        return None

    def is_hidden(self, first_message: str) -> bool:
        """Whether a conversation starts with a held-out way of asking."""
        for t, c, o, p in self._patterns:
            if self.hidden[(t.language, t.key, c)] == o and p.search(first_message):
                return True
        return False

    def indexed(self, data: Dataset) -> list[int]:
        """The dataset's conversations the index may hold: those not opened in a held-out way."""
        return [
            n
            for n in range(1, data.conversations + 1)
            if not self.is_hidden(str(data.messages_of(n)[0]["content"]))
        ]

    def _pairs(self, count: int, rng: random.Random) -> list[Pair]:
        out: list[Pair] = []
        while len(out) < count:
            language: Language = "ru" if len(out) % 2 else "en"
            dialogue = Dialogue(rng, language, customer_name=_name(rng, language))
            topic = dialogue.topic
            if len(out) % 3 != 2:
                question = dialogue.opening()
                found = self._opening_of(question, topic)
                if found is None or self.hidden[(language, topic.key, found[0])] != found[1]:
                    continue  # asked in a way the index has seen
                answers = tuple(pattern(request) for request, _detail in dialogue.case.details)
                kind = "first question"
            else:
                dialogue.opening()
                dialogue.agent_turn()
                dialogue.customer_turn()
                dialogue.agent_turn()
                question = dialogue.customer_turn()
                if dialogue.stage is not Stage.RELATED_QUESTION:
                    question = dialogue.customer_turn()  # after the thanks, the question
                related = _related_answer(topic, question)
                if dialogue.stage is not Stage.RELATED_QUESTION or related is None:
                    continue
                answers = (related,)
                kind = "later question"
            out.append(
                Pair(
                    question=reworded(question, language, rng),
                    original=question,
                    language=language,
                    kind=kind,
                    topic=topic.key,
                    answers=answers,
                )
            )
        return out


def canned_responses() -> list[tuple[str, str]]:
    """The demo's canned responses, (short code, text)."""
    return list(CANNED)
