"""Believable support dialogues in Russian and English: the one generator of the words the
demo's customers and agents write.

This module owns the text: the topics (a late parcel, a double charge, a refund, a password
reset, a crashing app …), each in both languages with its own vocabulary; the facts one
conversation keeps to (an order number, a city, an amount, a date …); and `Dialogue`, which
turns a `random.Random` into one coherent conversation on one topic in one language — the
customer's question (now and then a long pasted story), the agent asking for a detail, the
customer's answer, the agent's answer on the topic, a thank-you or a related question later.

The seeded demo data (`seed.py`), the simulated customers (`simulate.py`) and the benchmark
data set (`bench/dataset.py`) all take their message text from here. Pure Python without I/O:
the same random state always gives the same words.
"""

from __future__ import annotations

import enum
import functools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "ru"]
LANGUAGES: tuple[Language, ...] = ("en", "ru")

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# `{order}` is a fact of the conversation; `{ошибся|ошиблась}` the customer's gendered form
_SLOT = re.compile(r"\{([^{}]*)\}")
_THANKS = re.compile(r"thank|спасибо", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    """One situation of a topic (the parcel is late; the reset email never comes): how the
    customer asks, what the agent asks back and the customer answers, how the agent resolves
    it and how the customer thanks. Every answer fits every opening and detail of its case.

    Texts are templates: `{name}` is one of the conversation's facts (see `_facts_en`,
    `_facts_ru`), `{male|female}` the form that agrees with the customer. Openings are written
    to follow a greeting that ends in a comma, so they start in lower case.
    """

    subjects: tuple[str, ...]  # an email's subject line
    openings: tuple[str, ...]  # the customer's question
    context: tuple[str, ...]  # what else the customer tells (with the question, or later)
    details: tuple[tuple[str, str], ...]  # (what the agent asks for, the customer's answer)
    answers: tuple[str, ...]  # the agent's answer: the status and what happens next
    updates: tuple[str, ...]  # news the agent sends later without being asked
    thanks: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """What one kind of support conversation is about, in one language."""

    key: str  # the same in both languages: "late_parcel"
    language: Language
    labels: tuple[str, ...]  # the demo's conversation labels that fit
    keywords: tuple[str, ...]  # lower-case word beginnings (or phrases) that mark the topic
    about: tuple[str, ...]  # ways to name what it is about: "order #{order}", "the parcel"
    cases: tuple[Case, ...]
    related: tuple[tuple[str, str], ...]  # a later question on the topic (any case), answered
    notes: tuple[str, ...]  # an agent's private note
    inquiry: bool = False  # a question rather than a complaint: no "what should I do?"

    def mentioned_in(self, text: str) -> bool:
        """Whether `text` uses a word of this topic."""
        return _keyword_hits(self, text) > 0


@dataclass(frozen=True)
class Phrases:
    """The words of one language that every topic shares."""

    greetings: tuple[str, ...]  # ending in "," (lower case follows) or "!" / "."
    asks: tuple[str, ...]  # the question that closes an opening
    story_starts: tuple[str, ...]  # how a long pasted story begins
    story: tuple[str, ...]  # what such a story tells besides the topic's own context
    sign_offs: tuple[str, ...]  # with {first_name}
    nudges: tuple[str, ...]  # with {about}: the customer is still waiting
    more_detail: tuple[str, ...]  # how the customer adds a detail unasked (a sentence of its own)
    agent_greetings: tuple[str, ...]  # with {first_name}
    agent_greetings_plain: tuple[str, ...]
    agent_reminders: tuple[str, ...]  # the agent still waits for the detail
    agent_closings: tuple[str, ...]
    agent_goodbyes: tuple[str, ...]  # after the customer's thanks; may use {first_name}
    agent_check_ins: tuple[str, ...]  # with {about}: the agent writes again after goodbye
    rating_requests: tuple[str, ...]  # with {about}: please rate the conversation
    thanks_for_answers: tuple[str, ...]  # with {about}: after the answer to a later question
    acknowledgements: tuple[str, ...]  # the customer's last short word
    comebacks: tuple[str, ...]  # how a returning customer starts
    one_more_thing: tuple[str, ...]  # how a related question follows straight on
    problem_back: tuple[str, ...]  # with {about}: the same problem again
    notes: tuple[str, ...]  # private notes any topic may get


class Stage(enum.Enum):
    """Where a dialogue is: what the next customer or agent message answers."""

    NEW = "new"  # nothing said yet
    QUESTION = "question"  # the customer asked; the agent has not written yet
    DETAIL_ASKED = "detail_asked"  # the agent asked for a detail
    DETAIL_GIVEN = "detail_given"  # the customer gave it; the agent's answer is due
    ANSWERED = "answered"  # the agent answered; thanks or a related question next
    THANKED = "thanked"
    RELATED_QUESTION = "related_question"  # a later question waits for its answer
    CLOSED = "closed"  # the agent said goodbye


class Dialogue:
    """One conversation on one topic in one language, told turn by turn.

    `customer_turn()` and `agent_turn()` say the next message of either side given what was
    said so far, in any order (a customer may write three times before an agent answers).
    For a real agent's message, `reply_to(text)` is the customer's answer. Every random
    choice comes from `rng`; the same state and the same calls give the same dialogue.
    """

    def __init__(
        self,
        rng: random.Random,
        language: Language | None = None,
        topic: Topic | None = None,
        *,
        customer_name: str | None = None,
        opened: bool = False,
    ) -> None:
        """A new dialogue, on `topic` or a random one (of `language`, if given).

        `customer_name` picks the Russian forms that agree with the customer and the first
        name agents greet; `opened` says the question was already asked (a conversation
        that exists, whose opening is not told again).
        """
        self.rng = rng
        if topic is None:
            lang: Language = language if language is not None else rng.choice(LANGUAGES)
            topic = rng.choice(TOPICS[lang])
        self.topic = topic
        self.case = rng.choice(topic.cases)
        self.language: Language = topic.language
        self.phrases = PHRASES[self.language]
        first_name = (customer_name or "").split(" ")[0]
        self.female = self.language == "ru" and is_female_name(customer_name or "")
        self.facts = (_facts_ru if self.language == "ru" else _facts_en)(rng)
        self.facts["first_name"] = first_name
        self.named = bool(first_name) and _script_fits(first_name, self.language)
        self.stage = Stage.QUESTION if opened else Stage.NEW
        self.informal = rng.random() < 0.15  # no greeting, no closing question: just the point
        self._left: dict[str, list[int]] = {}
        self._last: dict[str, int] = {}
        self._agent_wrote = False
        self._pending_detail: str | None = None  # what answers the agent's last request
        self._pending_answer: str | None = None  # the answer to the related question asked
        self._answer_was_related = False  # the last answer was to a later question
        self._agent_closed = False  # the agent asked whether there is anything else
        self._rating_asked = False
        self.subject = _capitalized(self._say("subjects", self.case.subjects))

    # ---- the two sides ------------------------------------------------------------------
    def customer_turn(self) -> str:
        """The customer's next message."""
        stage = self.stage
        if stage is Stage.NEW:
            return self.opening()
        if stage is Stage.DETAIL_ASKED:
            self.stage = Stage.DETAIL_GIVEN
            detail = self._pending_detail or self._detail_exchange()[1]
            self._pending_detail = None
            return detail
        if stage is Stage.ANSWERED:
            if self._related_left() and self.rng.random() < 0.4:
                return self._related_question("one_more_thing", self.phrases.one_more_thing)
            return self.thanks()
        if stage is Stage.THANKED:
            if self._related_left():
                return self._related_question("one_more_thing", self.phrases.one_more_thing)
            self.stage = Stage.CLOSED
            return self.acknowledgement()
        if stage is Stage.CLOSED:
            return self.coming_back()
        return self.follow_up()

    def agent_turn(self) -> str:
        """The agent's next message."""
        stage = self.stage
        if stage is Stage.THANKED:
            self.stage = Stage.CLOSED
            return self._say("agent_goodbyes", self._goodbyes())
        if stage in (Stage.NEW, Stage.QUESTION):
            self.stage = Stage.DETAIL_ASKED
            body, self._pending_detail = self._detail_exchange()
        elif stage is Stage.DETAIL_ASKED:
            body = self._say("agent_reminders", self.phrases.agent_reminders)
        elif stage is Stage.DETAIL_GIVEN:
            self.stage = Stage.ANSWERED
            self._answer_was_related = False
            body = self._say("answers", self.case.answers)
            if self.rng.random() < 0.35:
                body = _join(body, self._closing())
        elif stage is Stage.RELATED_QUESTION:
            self.stage = Stage.ANSWERED
            self._answer_was_related = True
            body = self._pending_answer or self._answer_again()
        else:
            body = self._agent_writes_again()
        return _join(self._agent_greeting(body), body)

    def reply_to(self, agent_text: str | None) -> str:
        """The customer's answer to an agent's message (`agent_text`, written by anyone)."""
        asked = "?" in (agent_text or "")
        if self.stage in (Stage.NEW, Stage.QUESTION, Stage.DETAIL_ASKED):
            self.stage = Stage.DETAIL_ASKED
        elif self.stage in (Stage.DETAIL_GIVEN, Stage.RELATED_QUESTION):
            if asked:
                return self._more_detail()
            self._answer_was_related = self.stage is Stage.RELATED_QUESTION
            self.stage = Stage.ANSWERED
        elif self.stage in (Stage.THANKED, Stage.CLOSED):
            self.stage = Stage.CLOSED
            return self.acknowledgement()
        elif asked:
            return self._more_detail()
        return self.customer_turn()

    # ---- customer lines -----------------------------------------------------------------
    def opening(self) -> str:
        """The customer's question that starts the conversation."""
        self.stage = Stage.QUESTION
        rng = self.rng
        question = self._say("openings", self.case.openings)
        parts = [self._greeted(question)]
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            parts.append(self._say("context", self.case.context))
        complaint = not self.topic.inquiry
        if complaint and not self.informal and rng.random() < 0.45:
            parts.append(self._say("asks", self.phrases.asks))
        if complaint and rng.random() < 0.08:  # the odd long message: all that happened, pasted
            parts.append(self._say("story_starts", self.phrases.story_starts))
            for _ in range(rng.randint(3, 6)):
                if self._unused("context") and rng.random() < 0.5:
                    parts.append(self._say("context", self.case.context))
                elif self._unused("story"):
                    parts.append(self._say("story", self.phrases.story))
            if self.named:
                parts.append("\n\n" + self._say("sign_offs", self.phrases.sign_offs))
        return _join(*parts)

    def follow_up(self) -> str:
        """The customer writes again while waiting: a detail more, or asks for news."""
        if self.stage is Stage.NEW:
            return self.opening()
        if self.stage is Stage.QUESTION and self._unused("context") and self.rng.random() < 0.5:
            return self._more_detail()
        return _capitalized(self._say("nudges", self.phrases.nudges))

    def thanks(self) -> str:
        """The customer's thank-you on the topic (or for the answer to a later question)."""
        self.stage = Stage.THANKED
        if self._answer_was_related:
            return self._say("thanks_for_answers", self.phrases.thanks_for_answers)
        return self._say("thanks", self.case.thanks)

    def acknowledgement(self) -> str:
        """A short last word ("Have a nice day!")."""
        return self._say("acknowledgements", self.phrases.acknowledgements)

    def coming_back(self) -> str:
        """The customer comes back later with a related question, or the problem again."""
        if self._related_left():
            return self._related_question("comebacks", self.phrases.comebacks)
        self.stage = Stage.RELATED_QUESTION
        self._pending_answer = None
        return _lead(
            self._say("comebacks", self.phrases.comebacks),
            self._say("problem_back", self.phrases.problem_back),
        )

    # ---- agent lines --------------------------------------------------------------------
    def note(self) -> str:
        """An agent's private note on the conversation: mostly on the topic, none twice
        while another is left."""
        pools = [("notes", self.topic.notes), ("generic_notes", self.phrases.notes)]
        if self.rng.random() >= 0.7:
            pools.reverse()
        pool, notes = next(((p, n) for p, n in pools if self._unused(p)), pools[0])
        return self._say(pool, notes)

    # ---- helpers ------------------------------------------------------------------------
    def _related_left(self) -> bool:
        return bool(self.topic.related) and self._unused("related")

    def _related_question(self, lead_in_pool: str, lead_ins: Sequence[str]) -> str:
        index = self._index("related", len(self.topic.related))
        question, answer = self.topic.related[index]
        self.stage = Stage.RELATED_QUESTION
        self._pending_answer = self._render(answer)
        return _lead(self._say(lead_in_pool, lead_ins), self._render(question))

    def _answer_again(self) -> str:
        return self._say("answers", self.case.answers)

    def _detail_exchange(self) -> tuple[str, str]:
        request, detail = self.case.details[self._index("details", len(self.case.details))]
        return self._render(request), self._render(detail)

    def _more_detail(self) -> str:
        """Something the customer has not told yet: context, else one more detail."""
        lead_in = self._say("more_detail", self.phrases.more_detail)
        if self._unused("context"):
            return _lead(lead_in, self._say("context", self.case.context))
        return _lead(lead_in, self._detail_exchange()[1])

    def _agent_writes_again(self) -> str:
        """After the answer, with no word from the customer: news, "anything else?", a
        request to rate the conversation once it is closed, then a check-in."""
        if self._unused("updates"):
            return self._say("updates", self.case.updates)
        if not self._agent_closed:
            return self._closing()
        if self.stage is Stage.CLOSED and not self._rating_asked:
            self._rating_asked = True
            return self._say("rating_requests", self.phrases.rating_requests)
        return self._say("agent_check_ins", self.phrases.agent_check_ins)

    def _closing(self) -> str:
        self._agent_closed = True
        return self._say("agent_closings", self.phrases.agent_closings)

    def _agent_greeting(self, body: str) -> str:
        """How the agent's first message starts; it thanks only once ("Hi, thanks for
        writing. Thanks for reporting it!" is one thanks too many)."""
        if self._agent_wrote:
            return ""
        self._agent_wrote = True
        pool = "agent_greetings" if self.named else "agent_greetings_plain"
        greetings = (
            self.phrases.agent_greetings if self.named else self.phrases.agent_greetings_plain
        )
        if _THANKS.match(body):
            pool += ":without_thanks"
            greetings = tuple(g for g in greetings if not _THANKS.search(g))
        return self._say(pool, greetings)

    def _goodbyes(self) -> Sequence[str]:
        goodbyes = self.phrases.agent_goodbyes
        return goodbyes if self.named else [g for g in goodbyes if "{first_name}" not in g]

    def _greeted(self, question: str) -> str:
        if self.informal or self.rng.random() < 0.12:
            return _capitalized(question)
        return _lead(self._say("greetings", self.phrases.greetings), question)

    def _say(self, pool: str, templates: Sequence[str]) -> str:
        """One of `templates`, rendered; none twice until all were used."""
        return self._render(templates[self._index(pool, len(templates))])

    def _unused(self, pool: str) -> bool:
        """Whether `pool` has a template not said yet (before the first pick, all are new)."""
        return pool not in self._left or bool(self._left[pool])

    def _index(self, pool: str, size: int) -> int:
        left = self._left.get(pool)
        if not left:
            left = list(range(size))
            if size > 1 and pool in self._last:
                left.remove(self._last[pool])  # a refilled pool does not repeat the last one
            self._left[pool] = left
        index = left.pop(self.rng.randrange(len(left)))
        self._last[pool] = index
        return index

    def _render(self, template: str) -> str:
        return _SLOT.sub(self._fill, template)

    def _fill(self, match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner == "about":
            return self._say("about", self.topic.about)
        if "|" in inner:
            male, female = inner.split("|", 1)
            return female if self.female else male
        return self.facts[inner]


# ---- what callers ask about text ---------------------------------------------------------
def is_cyrillic(text: str | None) -> bool:
    """Whether `text` has any Russian letter."""
    return bool(_CYRILLIC.search(text or ""))


_MALE_NAMES_IN_A = {"Никита", "Илья", "Кузьма", "Фома", "Лука", "Савва", "Данила"}


def is_female_name(name: str) -> bool:
    """Whether a Russian "First Last" name is a woman's (Ольга Кузнецова, Юлия Зайцева)."""
    first = name.strip().split(" ")[0] if name.strip() else ""
    return is_cyrillic(first) and first[-1:] in ("а", "я") and first not in _MALE_NAMES_IN_A


def topics(language: Language) -> tuple[Topic, ...]:
    """Every topic of `language`, in a fixed order."""
    return TOPICS[language]


def topic_of(text: str | None, language: Language | None = None) -> Topic | None:
    """The topic (of `language`, or of the text's script) whose keywords `text` uses most; a
    keyword counts less the more topics' own texts use it ("delivery" is everywhere)."""
    if not text:
        return None
    lang: Language = language or ("ru" if is_cyrillic(text) else "en")
    weights = _keyword_weights(lang)
    best: Topic | None = None
    best_score = 0.0
    for topic in TOPICS[lang]:
        score = sum(weights[k] for k in topic.keywords if _uses(text, k))
        if score > best_score:
            best, best_score = topic, score
    return best


def _keyword_hits(topic: Topic, text: str) -> int:
    return sum(_uses(text, keyword) for keyword in topic.keywords)


def _uses(text: str, keyword: str) -> bool:
    """Whether `text` has a word starting with `keyword` (or, for a phrase, the phrase)."""
    lowered = text.lower().replace("ё", "е")
    if " " in keyword or "-" in keyword:
        return keyword in lowered
    return any(word.startswith(keyword) for word in _WORD.findall(lowered))


@functools.cache
def _keyword_weights(language: Language) -> dict[str, float]:
    """1 / the number of topics of `language` whose templates use the keyword."""
    texts = [" ".join(_templates(topic)) for topic in TOPICS[language]]
    keywords = {k for topic in TOPICS[language] for k in topic.keywords}
    return {k: 1.0 / max(1, sum(_uses(text, k) for text in texts)) for k in keywords}


def _templates(topic: Topic) -> list[str]:
    out = [*topic.about, *topic.notes, *(line for pair in topic.related for line in pair)]
    for case in topic.cases:
        out += [*case.subjects, *case.openings, *case.context, *case.answers, *case.thanks]
        out += [line for pair in case.details for line in pair]
    return out


def _script_fits(name: str, language: Language) -> bool:
    return is_cyrillic(name) == (language == "ru")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lead(lead_in: str, text: str) -> str:
    """`text` after `lead_in`: in lower case after a comma or a colon, else capitalised."""
    return f"{lead_in} {text if lead_in.endswith((',', ':')) else _capitalized(text)}"


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p).replace(" \n", "\n")


# ---- the facts one conversation keeps to ---------------------------------------------------
CITIES_EN = ("Berlin", "London", "Dublin", "Manchester", "Leeds", "Bristol", "Edinburgh",
             "Lisbon", "Amsterdam", "Toronto", "Boston", "Riga", "Prague")  # fmt: skip
# (nominative, "in …", "to …")
CITIES_RU = (
    ("Москва", "в Москве", "в Москву"),
    ("Санкт-Петербург", "в Санкт-Петербурге", "в Санкт-Петербург"),
    ("Казань", "в Казани", "в Казань"),
    ("Новосибирск", "в Новосибирске", "в Новосибирск"),
    ("Екатеринбург", "в Екатеринбурге", "в Екатеринбург"),
    ("Нижний Новгород", "в Нижнем Новгороде", "в Нижний Новгород"),
    ("Самара", "в Самаре", "в Самару"),
    ("Пермь", "в Перми", "в Пермь"),
    ("Тверь", "в Твери", "в Тверь"),
    ("Омск", "в Омске", "в Омск"),
    ("Сочи", "в Сочи", "в Сочи"),
    ("Воронеж", "в Воронеже", "в Воронеж"),
    ("Краснодар", "в Краснодаре", "в Краснодар"),
)
CITIES: dict[Language, tuple[str, ...]] = {
    "en": CITIES_EN,
    "ru": tuple(nominative for nominative, _, _ in CITIES_RU),
}
_STREETS_EN = ("Mill Lane", "Station Road", "Church Street", "Park Avenue", "Elm Grove",
               "Victoria Road", "King Street", "Oak Drive", "Harbour View",
               "Willow Close")  # fmt: skip
_STREETS_RU = ("Ленина", "Гагарина", "Садовая", "Мира", "Пушкина", "Лесная", "Советская",
               "Чехова", "Молодёжная", "Заречная")  # fmt: skip
# singular things a shop sells, without an article ("a …" must fit: no vowel first)
_ITEMS_EN = ("coffee grinder", "kettle", "desk lamp", "blender", "hair dryer", "robot vacuum",
             "toaster", "Bluetooth speaker", "table fan", "slow cooker", "steam iron",
             "coffee machine", "smartwatch")  # fmt: skip
# (nominative, accusative, genitive); only singular things, so that "не включается" agrees
_ITEMS_RU = (
    ("кофемолка", "кофемолку", "кофемолки"),
    ("электрочайник", "электрочайник", "электрочайника"),
    ("настольная лампа", "настольную лампу", "настольной лампы"),
    ("блендер", "блендер", "блендера"),
    ("фен", "фен", "фена"),
    ("робот-пылесос", "робот-пылесос", "робота-пылесоса"),
    ("тостер", "тостер", "тостера"),
    ("портативная колонка", "портативную колонку", "портативной колонки"),
    ("вентилятор", "вентилятор", "вентилятора"),
    ("мультиварка", "мультиварку", "мультиварки"),
    ("утюг", "утюг", "утюга"),
    ("кофеварка", "кофеварку", "кофеварки"),
)
_DEVICES = ("iPhone 13", "iPhone 15", "Samsung Galaxy S23", "Pixel 8", "Xiaomi Redmi Note 12",
            "OnePlus 11", "Samsung Galaxy A54", "iPad Air")  # fmt: skip
_COURIERS_EN = ("DPD", "DHL", "UPS", "Royal Mail", "Evri", "GLS")
_COURIERS_RU = ("СДЭК", "Boxberry", "DPD", "5Post")  # names that need no declension
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# ("в …", "с …", "до …")
_WEEKDAYS_RU = (
    ("в понедельник", "с понедельника", "до понедельника"),
    ("во вторник", "со вторника", "до вторника"),
    ("в среду", "со среды", "до среды"),
    ("в четверг", "с четверга", "до четверга"),
    ("в пятницу", "с пятницы", "до пятницы"),
    ("в субботу", "с субботы", "до субботы"),
    ("в воскресенье", "с воскресенья", "до воскресенья"),
)
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip
# (genitive for dates, "в …", "за …")
_MONTHS_RU = (
    ("января", "в январе", "за январь"),
    ("февраля", "в феврале", "за февраль"),
    ("марта", "в марте", "за март"),
    ("апреля", "в апреле", "за апрель"),
    ("мая", "в мае", "за май"),
    ("июня", "в июне", "за июнь"),
    ("июля", "в июле", "за июль"),
    ("августа", "в августе", "за август"),
    ("сентября", "в сентябре", "за сентябрь"),
    ("октября", "в октябре", "за октябрь"),
    ("ноября", "в ноябре", "за ноябрь"),
    ("декабря", "в декабре", "за декабрь"),
)
_COMPANIES_EN = ("Northwind Ltd", "Contoso GmbH", "Blue Harbour Studio", "Fenwick & Daughters",
                 "Initech Ltd", "Stark Logistics", "Greenleaf Bakery")  # fmt: skip
_COMPANIES_RU = ("ООО «Вектор»", "ООО «Ромашка»", "ООО «Северный ветер»", "АО «Техносфера»",
                 "ООО «Лад»", "ООО «Сибирский кедр»", "ООО «Городские окна»")  # fmt: skip
_CODES = ("SPRING15", "WELCOME10", "AUTUMN20", "FREESHIP", "LETO15", "SALE25", "HELLO5")
_PLANS_EN = ("Pro", "Plus", "Team", "Family")
_PLANS_RU = ("«Стандарт»", "«Премиум»", "«Семейный»", "«Про»")
_WAITS_EN = ("two weeks", "ten days", "over a week", "almost three weeks")
_WAITS_RU = ("две недели", "десять дней", "больше недели", "почти три недели")
_TEAMS = ("12", "15", "18", "25", "30", "40", "50")  # all take the genitive plural in Russian
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def _common_facts(rng: random.Random) -> dict[str, str]:
    major = rng.randint(4, 6)
    minor = rng.randint(0, 9)
    patch = rng.randint(0, 8)
    return {
        "order": str(rng.randint(10_000, 99_999)),
        "card": f"{rng.randint(0, 9999):04d}",
        "ticket": str(rng.randint(1000, 99_999)),
        "serial": "SN" + "".join(rng.choice(_ALNUM) for _ in range(8)),
        "version": f"{major}.{minor}.{patch}",
        "new_version": f"{major}.{minor}.{patch + 1}",
        "device": rng.choice(_DEVICES),
        "code": rng.choice(_CODES),
        "code2": "ACME-" + "".join(rng.choice(_ALNUM) for _ in range(6)),
        "percent": rng.choice(("10", "15", "20")),
        "team": rng.choice(_TEAMS),
        "invoice": f"{rng.randint(2024, 2026)}-{rng.randint(1, 9999):04d}",
    }


def _two_weekdays(rng: random.Random) -> tuple[int, int]:
    """A day in the past and a later one."""
    past = rng.randrange(7)
    return past, (past + rng.randint(2, 4)) % 7


def _facts_en(rng: random.Random) -> dict[str, str]:
    facts = _common_facts(rng)
    past, future = _two_weekdays(rng)
    currency = rng.choice(("€", "£", "$"))
    cents = rng.randint(9, 249) * 100 + rng.choice((0, 0, 50, 90, 99))
    shipping = rng.choice((399, 495, 599))
    facts.update(
        city=rng.choice(CITIES_EN),
        address=f"{rng.randint(1, 120)} {rng.choice(_STREETS_EN)}",
        new_address=f"{rng.randint(1, 120)} {rng.choice(_STREETS_EN)}, flat {rng.randint(1, 40)}",
        amount=f"{currency}{cents / 100:.2f}",
        amount2=f"{currency}{(cents - shipping) / 100:.2f}",
        item=rng.choice(_ITEMS_EN),
        courier=rng.choice(_COURIERS_EN),
        tracking="1Z" + "".join(rng.choice(_ALNUM) for _ in range(6)) + _digits(rng, 10),
        weekday=_WEEKDAYS_EN[past],
        next_weekday=_WEEKDAYS_EN[future],
        date=f"{rng.randint(1, 28)} {rng.choice(_MONTHS_EN)}",
        month=rng.choice(_MONTHS_EN),
        plan=rng.choice(_PLANS_EN),
        company=rng.choice(_COMPANIES_EN),
        vat=rng.choice(("DE", "IE", "NL", "GB")) + _digits(rng, 9),
        wait=rng.choice(_WAITS_EN),
    )  # fmt: skip
    return facts


def _facts_ru(rng: random.Random) -> dict[str, str]:
    facts = _common_facts(rng)
    past, future = _two_weekdays(rng)
    city, in_city, to_city = rng.choice(CITIES_RU)
    item, item_acc, item_gen = rng.choice(_ITEMS_RU)
    rubles = rng.randint(49, 2499) * 10
    month_gen, in_month, for_month = rng.choice(_MONTHS_RU)
    facts.update(
        city=city,
        in_city=in_city,
        to_city=to_city,
        address=f"ул. {rng.choice(_STREETS_RU)}, д. {rng.randint(1, 90)}",
        new_address=(
            f"ул. {rng.choice(_STREETS_RU)}, д. {rng.randint(1, 90)}, кв. {rng.randint(1, 200)}"
        ),
        amount=_rubles(rubles),
        amount2=_rubles(rubles - rng.choice((290, 350, 490))),
        item=item,
        item_acc=item_acc,
        item_gen=item_gen,
        courier=rng.choice(_COURIERS_RU),
        tracking=_digits(rng, 10),
        day=_WEEKDAYS_RU[past][0],
        since_day=_WEEKDAYS_RU[past][1],
        next_day=_WEEKDAYS_RU[future][0],
        by_day=_WEEKDAYS_RU[future][2],
        date=f"{rng.randint(1, 28)} {month_gen}",
        in_month=in_month,
        for_month=for_month,
        plan=rng.choice(_PLANS_RU),
        company=rng.choice(_COMPANIES_RU),
        vat=_digits(rng, 10),
        wait=rng.choice(_WAITS_RU),
    )
    return facts


def _digits(rng: random.Random, count: int) -> str:
    """A number of `count` digits, the first not 0."""
    return str(rng.randint(10 ** (count - 1), 10**count - 1))


def _rubles(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " ₽"


# ---- English ------------------------------------------------------------------------------
PHRASES_EN = Phrases(
    greetings=("Hi,", "Hello,", "Hi there,", "Good morning,", "Good afternoon,", "Hello!",
               "Hi!", "Dear Acme support,", "Hey,", "Hello there,", "Good evening,"),
    asks=("Could you check what's going on?", "What should I do now?",
          "Can you help me with this?", "Please let me know what I can do.",
          "Could you look into it, please?", "Do you know what happened?",
          "I'd appreciate a quick answer.", "What are my options?"),
    story_starts=("Sorry for the long message, but here is everything that has happened so far.",
                  "Let me explain the whole story, because this is the third time I'm writing.",
                  "I'll paste what I already wrote in the contact form, since nobody answered."),
    story=("I called your hotline on {weekday} and waited on hold for forty minutes before the "
           "line dropped.",
           "Then I wrote to you on Facebook and only got an automatic reply.",
           "I've been ordering from you for years and this has never happened before.",
           "To be honest, I'm starting to lose patience.",
           "I would really appreciate a proper answer this time, not a template.",
           "My partner says I should just dispute it with the bank, but I'd rather sort it out "
           "with you.",
           "The chat bot on your website kept sending me to the FAQ page.",
           "I'm writing from work, so I may not answer straight away."),
    sign_offs=("Thanks, {first_name}", "Best regards,\n{first_name}", "Kind regards, {first_name}",
               "Cheers, {first_name}"),
    nudges=("Any news about {about}?", "Hello, I'm still waiting to hear about {about}.",
            "Just checking in on {about} — is there any update?",
            "Sorry to bother you again, but is there any news about {about}?",
            "Is anyone looking at {about} at all?",
            "Could someone get back to me about {about}, please?",
            "Still nothing about {about} — should I call instead?",
            "It's been a while: what's happening with {about}?"),
    more_detail=("One more thing.", "Forgot to mention this.", "In case it helps.", "PS:",
                 "Oh, and another thing."),
    agent_greetings=("Hi {first_name}!", "Hello {first_name}!", "Hi {first_name}, thanks for "
                     "getting in touch.", "Thanks for reaching out, {first_name}!",
                     "Good to hear from you, {first_name}."),
    agent_greetings_plain=("Hi!", "Hello, and thanks for your message.",
                           "Thanks for reaching out!", "Hi there, thanks for writing in."),
    agent_reminders=("Just following up on {about}: could you send me those details when you "
                     "have a moment?",
                     "Whenever you're ready, reply here with the details about {about} and I'll "
                     "take it from there.",
                     "I'm keeping {about} open for you — I only need those details to go on."),
    agent_closings=("Is there anything else I can help with besides {about}?",
                    "If anything else comes up about {about}, just reply here.",
                    "If anything changes with {about}, reply here — it comes straight to me.",
                    "I'll keep an eye on {about} and write again if I hear anything new.",
                    "Feel free to reply here if you have more questions about {about}."),
    agent_goodbyes=("You're welcome, {first_name} — have a great day!",
                    "Glad I could help, {first_name}!", "My pleasure — take care!",
                    "Happy to help, {first_name}; enjoy the rest of your week!",
                    "Anytime, {first_name}, and have a lovely evening.",
                    "Great, I'll close the conversation about {about} then — bye for now!",
                    "You're welcome, glad {about} is sorted!",
                    "Good to hear {about} is settled; have a nice day!"),
    agent_check_ins=("Just checking in: is everything sorted with {about}?",
                     "Following up on {about}: let me know if you need anything else.",
                     "Quick check on {about} — did everything work out?",
                     "I wanted to make sure {about} is all settled now.",
                     "If you have any questions left about {about}, I'm happy to help."),
    rating_requests=("If you have a moment, please rate how we handled {about} — it's one "
                     "click in the email we've just sent.",
                     "We'd love to hear how we did with {about}: there's a two-question survey "
                     "in your inbox."),
    thanks_for_answers=("Thanks, that answers my question about {about}.",
                        "Great, thank you for explaining how that works with {about}!",
                        "OK, good to know about {about}, thanks!",
                        "Perfect, that's all I needed to know about {about}.",
                        "Thanks for the quick answer about {about}!",
                        "Ah, that makes sense for {about} now, thank you.",
                        "Brilliant, thanks for clearing that up about {about}.",
                        "Good to know for {about}, cheers."),
    acknowledgements=("Thanks, you too!", "Have a nice day!", "OK, bye!", "Cheers!",
                      "Thanks again, bye.", "Will do, thanks."),
    comebacks=("Hi again,", "Hello again,", "Sorry, me again:", "Hi, it's me again:",
               "Hello, back with another question:", "Hi!", "Good morning, me again:"),
    one_more_thing=("Oh, and one more thing:", "Also, a quick question:", "While I have you:",
                    "One more question, if I may:", "By the way,"),
    problem_back=("there's still a problem with {about} — could you have another look?",
                  "something still isn't right with {about}.",
                  "I need to come back to {about} — I still have a question about it."),
    notes=("Customer is in {city}, prefers email follow-ups.",
           "Asked the same thing in the contact form; answered here instead.",
           "Waiting for the customer's reply before escalating.",
           "Polite but in a hurry; keep answers short."),
)  # fmt: skip


TOPICS_EN: tuple[Topic, ...] = (
    Topic(
        key="late_parcel",
        language="en",
        labels=("delivery",),
        keywords=("parcel", "tracking", "courier", "deliver", "arriv", "shipp", "transit", "order"),
        about=("order #{order}", "the parcel", "the delivery"),
        cases=(Case(
            subjects=("Order #{order} has not arrived", "Where is my parcel?",
                      "Parcel stuck in transit (order #{order})"),
            openings=(
                "my order #{order} still hasn't arrived. It's been {wait} since I paid for it.",
                "I'm waiting for a parcel with a {item}, order #{order}. The tracking page "
                "hasn't changed since {weekday}.",
                "where is my parcel? Order {order}, placed on {weekday}; the estimated delivery "
                "date has passed.",
                "the tracking for order #{order} has said 'in transit' for over a week now. Is "
                "it lost?",
                "I ordered a {item} last {weekday} and was promised delivery in three days, but "
                "nothing has arrived yet.",
            ),
            context=("I need it for a birthday on Saturday, so it's a bit urgent.",
                     "The tracking number is {tracking}, but the {courier} website doesn't "
                     "recognise it.",
                     "Nobody called me and there was no card in the letterbox.",
                     "I've been at home all week, so I doubt I missed the courier.",
                     "My neighbour ordered from you after me and got her parcel yesterday.",
                     "I live in {city}, in case that matters."),
            details=(
                ("I'm sorry about the wait. Could you confirm the delivery address, please?",
                 "Sure, it goes to {address}, {city}. The order is #{order}."),
                ("Let me look into it. Do you have the tracking number from the shipping email?",
                 "Yes, it's {tracking}. The parcel went with {courier}."),
                ("Thanks for your patience. Which email address did you use for the order?",
                 "The one I'm writing from. The order number is {order}."),
                ("Sorry to hear that! Could you send me the order number and the delivery "
                 "address?",
                 "It's order #{order}, going to {address}, {city}."),
            ),
            answers=("Thanks! I checked with {courier}: the parcel was held at the sorting "
                     "centre and left it this morning. It should reach you within two working "
                     "days.",
                     "The parcel is at the local depot in {city} and goes out for delivery "
                     "tomorrow. The courier will call you between 10 and 2.",
                     "It looks like the parcel was damaged in transit, so the warehouse is "
                     "sending a replacement today at no cost. You'll get a new tracking number "
                     "by email.",
                     "I've opened a claim with {courier} and sent a replacement by express "
                     "delivery. If it hasn't arrived by {next_weekday}, we'll refund the order "
                     "in full."),
            updates=("Quick update on order #{order}: {courier} has confirmed it's on today's van.",
                     "Update: the parcel has left the depot and is out for delivery to {city}.",
                     "Good news — {courier} scanned the parcel this morning, so it's moving "
                     "again."),
            thanks=("Great, thanks for checking on the parcel!",
                    "Thank you, I'll keep an eye on the tracking then.",
                    "OK, I'll wait for the delivery. Thanks for your help.",
                    "Perfect, thanks for chasing the courier!"),
        ),),
        related=(
            ("the parcel for order #{order} arrived, but the box had been opened. Everything "
             "seems to be there — should I keep the packaging just in case?",
             "Thanks for letting us know! Yes, please keep the box for a week; if anything "
             "turns out to be missing, we'll sort it out."),
            ("can I have the next order delivered to a pickup point instead?",
             "Of course — at checkout you can choose any pickup point near you instead of home "
             "delivery."),
            ("the tracking page now says 'delivered', but there's no parcel at my door. What "
             "now?",
             "I'm sorry! I've asked {courier} for the proof of delivery. Could you check with "
             "your neighbours in the meantime? Couriers sometimes leave parcels with them."),
            ("do you also deliver to {city}? My sister wants to order the same thing.",
             "Yes, we deliver to {city} as well, usually within three to five working days."),
        ),
        notes=("Courier ticket opened with {courier}, ref CR-{ticket}.",
               "Offer a 10% voucher if the parcel misses {next_weekday}.",
               "Parcel scanned at the sorting centre on {weekday}, no movement since."),
    ),
    Topic(
        key="double_charge",
        language="en",
        labels=("billing",),
        keywords=("charge", "twice", "double", "duplicate", "payment", "statement", "card"),
        about=("the double charge of {amount}", "the double charge", "the second payment"),
        cases=(Case(
            subjects=("Charged twice for order #{order}", "Double payment on my card"),
            openings=(
                "I was charged twice for order #{order}: two payments of {amount} went through "
                "on my card ending {card}.",
                "my bank statement shows the same payment of {amount} twice, but I only placed "
                "one order.",
                "I tried to pay, got an error, tried again — and now I see two charges of "
                "{amount} on my card.",
                "there are two identical charges from your shop on my card today, {amount} "
                "each.",
            ),
            context=("The first attempt said 'payment failed', so I paid again.",
                     "My bank says it can't cancel the charge and I should contact the "
                     "merchant.",
                     "It's the card I get my salary on, so I'd really like the money back "
                     "before the weekend.",
                     "Only one order shows up in my account.",
                     "This is the second time a payment of mine has gone through twice."),
            details=(
                ("I'm sorry about this! Could you tell me the last four digits of the card and "
                 "when the payments were made?",
                 "The card ends in {card}; both payments were on {weekday}, a minute apart."),
                ("Let me check the payments. Which email address is the order on?",
                 "It's the email I'm writing from. The order with the double payment is "
                 "#{order}."),
                ("Could you send a screenshot of the statement with both charges? Please hide "
                 "the full card number.",
                 "Here it is: two lines of {amount}, card ending {card}."),
            ),
            answers=("Thanks, I found it: the second payment of {amount} was a duplicate. I've "
                     "refunded it, and your bank should show it within three to five working "
                     "days.",
                     "You're right, the payment provider captured the amount twice. The "
                     "duplicate has been cancelled; depending on your bank, it disappears "
                     "within a week.",
                     "On our side only one payment was captured; the second charge is a pending "
                     "authorisation that your bank releases within seven days. If it's still "
                     "there after that, write to us and we'll chase it."),
            updates=("Update: the refund of {amount} has left us today; the bank reference is "
                     "RF-{ticket}.",
                     "Quick update: the payment provider has confirmed the duplicate of {amount} "
                     "is cancelled."),
            thanks=("Thank you, I'll keep an eye on my card statement.",
                    "Great, thanks for sorting out the double charge!",
                    "Thanks for explaining what happened with the payment."),
        ),),
        related=(
            ("the second charge of {amount} still isn't back on my card, and it's been a week.",
             "I'm sorry it's taking so long. I've asked the payment provider to release it "
             "today; here is the reference for your bank: RF-{ticket}."),
            ("will I get a corrected receipt showing a single payment for order #{order}?",
             "Yes, the receipt in your account already shows a single payment, and I've emailed "
             "you a copy."),
            ("can I pay by invoice next time to avoid a double charge?",
             "Yes, business customers can choose 'Pay by invoice' at checkout."),
        ),
        notes=("Duplicate capture confirmed in the payment dashboard, refund RF-{ticket}.",
               "Second double charge today, reported to the payments team."),
    ),
    Topic(
        key="refund",
        language="en",
        labels=("refund",),
        keywords=("refund", "return", "send it back", "send back"),
        about=("the refund for order #{order}", "the return", "the refund"),
        cases=(Case(
            subjects=("Return and refund for order #{order}", "How do I return an item?"),
            openings=(
                "I'd like to return the {item} from order #{order}; the colour is nothing like "
                "the photos.",
                "how do I return a {item} for a refund? It arrived on {weekday} and I've "
                "changed my mind; it's still sealed.",
                "I'd like to send back order #{order} and get a refund. I don't need it anymore "
                "and haven't opened it.",
                "can I still return the {item} I bought {wait} ago? It's not what I expected.",
            ),
            context=("I still have the receipt and the original box.",
                     "The return form in your email doesn't open.",
                     "I paid {amount} by card.",
                     "The website says returns are free, but it asks me for a shipping fee."),
            details=(
                ("Of course! Could you tell me the order number and whether the packaging is "
                 "intact?",
                 "It's order #{order}, and the box for the return is still sealed."),
                ("Sure. Is the {item} unused and in its original packaging?",
                 "Yes, unused, in the original box with all the accessories, ready to return."),
                ("I can help with that. Which email address is the order on?",
                 "This one. It's order #{order}, paid by card, so please refund it there."),
            ),
            answers=("Thanks! I've created a return for order #{order}, and the prepaid label "
                     "is in your inbox. Once the warehouse receives the parcel, the refund of "
                     "{amount} takes three to five working days.",
                     "All set: returns within 30 days are free. Drop the parcel at any {courier} "
                     "point — no printing needed, the QR code in the email is enough. We refund "
                     "{amount} as soon as it's scanned in.",
                     "I've approved the return. A courier from {courier} will pick up the "
                     "parcel on {next_weekday} between 9 and 5, and the refund of {amount} "
                     "follows once it reaches us."),
            updates=("Update: the warehouse has scanned your return for order #{order}.",
                     "Quick update: the refund of {amount} for order #{order} is approved and on "
                     "its way."),
            thanks=("Thanks, that's easy enough. I'll get the return ready.",
                    "Great, thanks for sorting out the return so quickly!",
                    "Perfect, thank you. I'll look out for the refund."),
        ),),
        related=(
            ("I sent the return on {weekday}, and the tracking says you've received it, but "
             "there's no refund yet.",
             "I can see it arrived. The refund of {amount} was issued today; banks usually take "
             "three to five working days to show it."),
            ("the refund for order #{order} came, but it's {amount2} instead of {amount}. Was "
             "the shipping deducted?",
             "Yes: the original shipping fee isn't refunded when you change your mind. If the "
             "item had been faulty, we'd refund that too."),
            ("could I exchange it for another colour instead of a refund?",
             "Yes! Reply with the colour you'd like and I'll reserve it; the exchange ships as "
             "soon as your return is scanned."),
        ),
        notes=("Return label RT-{ticket} sent.", "Return within 30 days, full refund approved."),
    ),
    Topic(
        key="password_reset",
        language="en",
        labels=("bug",),
        keywords=("password", "sign in", "sign-in", "signing in", "signed in", "log in", "reset",
                  "locked", "account"),
        about=("the sign-in problem on the {device}", "the sign-in problem"),
        cases=(
            Case(
                subjects=("Can't sign in to my account", "Account locked"),
                openings=(
                    "I can't sign in to my account. It says my password is wrong, but I'm sure "
                    "it isn't.",
                    "my account got locked after a few wrong passwords. How do I unlock it?",
                    "the app keeps telling me my password is incorrect, although I haven't "
                    "changed it.",
                ),
                context=("I use the app on my {device}.",
                         "Signing in worked fine until {weekday}.",
                         "I need to download an invoice from my account today."),
                details=(
                    ("Sorry for the trouble! Which email address is the account registered to?",
                     "The account is under the email I'm writing from."),
                    ("Let me check the account. When did you last manage to sign in?",
                     "I last signed in on {weekday}, on my {device}."),
                    ("Do you sign in with email and password, or with Google or Apple?",
                     "With a password, I think — at least that's how I signed up for the "
                     "account."),
                ),
                answers=("Thanks! Your account was locked after too many attempts. I've "
                         "unlocked it and sent you a password reset link, valid for one hour.",
                         "Your account is linked to Google sign-in, which is why the password "
                         "doesn't work. Use 'Continue with Google' on the sign-in page; I've "
                         "also unlocked the account."),
                updates=("Quick update: I've also signed your account out on all other devices, "
                         "just to be safe.",
                         "Update: the lock on your account is fully cleared now, so you can sign "
                         "in any time."),
                thanks=("That worked, I'm back in my account, thank you!",
                        "Thanks, signing in works again!",
                        "Great, thanks for unlocking the account."),
            ),
            Case(
                subjects=("Password reset email never arrives", "Reset link has expired"),
                openings=(
                    "I've asked for a password reset three times, but the email never arrives.",
                    "the password reset link in your email says it has expired, even though I "
                    "clicked it straight away.",
                ),
                context=("I've checked the spam folder too.",
                         "I need to download an invoice from my account today.",
                         "Other emails from you arrive fine."),
                details=(
                    ("Sorry for the trouble! Which email address is the account registered to?",
                     "The account is under the email I'm writing from."),
                    ("Let me check. When did you ask for the last reset email?",
                     "I asked for a reset about twenty minutes ago, and twice on {weekday} before "
                     "that."),
                ),
                answers=("Our password reset emails were delayed this morning. I've sent a new "
                         "one; if it's not in your inbox in five minutes, please check the Spam "
                         "folder.",
                         "A reset link stops working as soon as a newer one is requested, so "
                         "only the latest email works. I've sent a fresh link — please use that "
                         "one within the hour."),
                updates=("Update: the delay with our password reset emails is fixed; new ones "
                         "arrive within a minute.",
                         "Quick update: I've checked the logs, and the latest reset email reached "
                         "your inbox."),
                thanks=("Got the new reset email and changed the password, thanks!",
                        "The latest link worked, password changed. Thank you!",
                        "Thanks, I've found the reset email and I'm back in my account."),
            ),
        ),
        related=(
            ("the app on my {device} keeps asking me to sign in every day. Is that normal?",
             "It shouldn't. Please update the app to version {new_version} — it fixes the "
             "session being forgotten on some phones."),
            ("can I turn on two-factor authentication for my account?",
             "Yes: Settings → Security → Two-factor authentication. Keep the backup codes "
             "somewhere safe."),
            ("how do I change the email address on my account?",
             "Under Settings → Profile; we'll send a confirmation link to the new address."),
        ),
        notes=("Account checked, no suspicious sign-ins.",
               "Reset emails were queued for about 40 minutes this morning, incident "
               "INC-{ticket}."),
    ),
    Topic(
        key="app_crash",
        language="en",
        labels=("bug",),
        keywords=("app", "crash", "version", "update", "screen", "freez", "reinstall"),
        about=("the app crashing on the {device}", "the crash", "the app"),
        cases=(Case(
            subjects=("The app crashes on start", "App closes at checkout"),
            openings=(
                "the app crashes every time I open my order history. I'm on a {device}, "
                "version {version}.",
                "since the last update, the app closes as soon as I tap 'Checkout'.",
                "the app freezes on a white screen after the logo and then closes.",
                "the app says 'Something went wrong' and closes whenever I try to upload a "
                "photo.",
            ),
            context=("I've already reinstalled the app twice.",
                     "The website works fine, it's only the app.",
                     "It started right after the update on {weekday}.",
                     "My phone has plenty of free space."),
            details=(
                ("Thanks for reporting it! Which phone and app version are you on?",
                 "It's a {device} with app version {version}, the latest from the store."),
                ("Sorry about that. Could you describe exactly what happens, or send a short "
                 "screen recording?",
                 "It freezes for a few seconds, then the app just closes. That's on version "
                 "{version}."),
                ("Does it happen on Wi-Fi and on mobile data, or only on one of them?",
                 "On both Wi-Fi and mobile data. I've also restarted the phone; the app still "
                 "crashes."),
            ),
            answers=("Thanks, we could reproduce it: it's a bug in version {version} on some "
                     "phones. The fix is in version {new_version}, due on {next_weekday}. Until "
                     "then, the website works as a workaround.",
                     "Please clear the app's cache (Settings → Apps → Acme → Storage → Clear "
                     "cache) and sign in again — that fixes the crash for most people with a "
                     "{device}.",
                     "Our developers found the cause and released a fix. Please update the app "
                     "to {new_version} and let me know if it still crashes."),
            updates=("Update: version {new_version} with the fix is now live in the app stores.",
                     "Quick update: our developers confirmed the crash only affected {version}; "
                     "{new_version} is rolling out today."),
            thanks=("Thanks, I'll try that with the app right away.",
                    "Great, thanks for looking into the crash!",
                    "OK, thanks — I'll let you know if the app still crashes."),
        ),),
        related=(
            ("the app works now, but notifications have stopped coming.",
             "Please check that notifications are allowed for Acme in your phone's settings; "
             "the update sometimes resets that permission."),
            ("do I have to update the app right away?",
             "It's best to: older versions keep working, but only {new_version} has the fix."),
            ("will the app work on my tablet too?",
             "Yes, it runs on any tablet with Android 10 or iOS 15 and newer."),
        ),
        notes=("Reproduced on a {device}, bug APP-{ticket}.",
               "Crash log attached to APP-{ticket}; only {version} is affected."),
    ),
    Topic(
        key="wrong_address",
        language="en",
        labels=("delivery",),
        keywords=("address", "flat", "moved", "postcode", "redirect", "mistake", "old address",
                  "correct address"),
        about=("the delivery address for order #{order}", "the address change"),
        cases=(Case(
            subjects=("Wrong delivery address on order #{order}", "Please change my address"),
            openings=(
                "I made a mistake in the delivery address for order #{order}. Can you still "
                "change it?",
                "I've just noticed my order is going to my old address — I moved last month!",
                "the confirmation email for order #{order} shows the wrong flat number.",
            ),
            context=("According to my account, the order hasn't shipped yet.",
                     "The correct address is in my profile, but the old one was used somehow.",
                     "If it's too late, could the courier bring it to my office instead?"),
            details=(
                ("No problem, as long as it hasn't left the warehouse. What's the correct "
                 "address?",
                 "The correct address is {new_address}, {city}."),
                ("Let me check whether it has shipped. Could you send the full new address?",
                 "It should go to {new_address}, {city}. Same phone number."),
            ),
            answers=("Done: the order now goes to {new_address}, {city}. The delivery date "
                     "stays the same.",
                     "The parcel had already been handed to {courier}, so I've asked them to "
                     "redirect it to {new_address}. It may take one extra day.",
                     "I've stopped the shipment to the old address, and the warehouse will send "
                     "it to {new_address} today."),
            updates=("Update: {courier} has confirmed the new address, {new_address}.",
                     "Quick update: the parcel for order #{order} is on its way to {new_address}."),
            thanks=("Great, thank you for changing the address!",
                    "Thanks, glad the address could still be changed!",
                    "Thanks, that's a relief — I was worried it would go to the wrong address."),
        ),),
        related=(
            ("could you also update the address in my account so this doesn't happen again?",
             "I've made {new_address} your default address and removed the old one."),
            ("will the courier call before coming to the new address?",
             "Yes, {courier} sends a text with a two-hour window on the morning of delivery."),
        ),
        notes=("Address changed before dispatch.",
               "Redirect requested with {courier}, ref RD-{ticket}."),
    ),
    Topic(
        key="subscription",
        language="en",
        labels=("billing",),
        keywords=("subscri", "plan", "renew", "cancel", "monthly", "annual", "upgrade"),
        about=("the {plan} subscription", "the subscription"),
        cases=(
            Case(
                subjects=("Subscription renewed after cancelling",
                          "Charged for a renewal I cancelled"),
                openings=(
                    "my subscription renewed today and I was charged {amount}, but I cancelled "
                    "it last month.",
                    "I was charged {amount} for a subscription renewal, even though I turned off "
                    "auto-renewal.",
                ),
                context=("I cancelled in the app, I even got a confirmation screen.",
                         "I don't use the service anymore."),
                details=(
                    ("I'm sorry for the confusion. Which email is the subscription on?",
                     "It's the email I'm writing from; I subscribed on the website."),
                    ("Did you subscribe on our website, or through the App Store or Google "
                     "Play?",
                     "On the website, paying for the subscription with the card ending {card}."),
                ),
                answers=("The cancellation didn't go through because of a glitch on our side. "
                         "I've cancelled the subscription now and refunded the renewal of "
                         "{amount}.",
                         "I can see auto-renewal was switched back on by an app update, sorry "
                         "about that. The subscription is cancelled, and the {amount} is on its "
                         "way back to your card."),
                updates=("Update: the refund of {amount} for the renewal has been sent to your "
                         "card.",
                         "Quick update: I've also switched off auto-renewal, so nothing more will "
                         "be charged."),
                thanks=("Thanks for cancelling the subscription and for the refund!",
                        "Great, thanks for refunding the renewal so quickly."),
            ),
            Case(
                subjects=("Change my plan to monthly billing", "Question about my {plan} plan"),
                openings=(
                    "how do I switch my {plan} subscription from annual to monthly billing?",
                    "can I move my {plan} subscription to monthly payments? Paying for the year "
                    "at once is too much.",
                ),
                context=("We're a small team of five, if that matters for the plan.",
                         "I'd like to keep all my data."),
                details=(
                    ("Sure, could you tell me the email on the account so I can find your "
                     "subscription?",
                     "It's this one, and the plan is {plan}."),
                    ("Happy to help. Did you subscribe on our website or in the app?",
                     "On the website; the subscription is paid with the card ending {card}."),
                ),
                answers=("Done: from the next billing period you'll be billed monthly, and you "
                         "keep the {plan} plan until then.",
                         "I've switched the subscription to monthly billing from {date}; "
                         "nothing changes in your account until then."),
                updates=("Update: your next invoice will be the monthly one, dated {date}.",
                         "Quick update: the change to monthly billing is confirmed on the {plan} "
                         "plan."),
                thanks=("Perfect, monthly billing suits me better. Thanks.",
                        "Great, thanks for switching the subscription to monthly."),
            ),
            Case(
                subjects=("Upgrade to {plan} not applied",
                          "Paid for {plan}, still on the old plan"),
                openings=(
                    "I upgraded to the {plan} plan, but my account still shows the old plan.",
                    "I paid {amount} for the {plan} upgrade an hour ago, but nothing has changed "
                    "in my account.",
                ),
                context=("The payment has already left my card.",
                         "I've signed out and in again, no change."),
                details=(
                    ("Sorry about that! Which email is the account on?",
                     "This one. The upgrade to {plan} was paid with the card ending {card}."),
                    ("Let me find the payment. When did you upgrade?",
                     "Today, about an hour ago; I paid {amount} for the {plan} plan."),
                ),
                answers=("Your upgrade was paid, but the plan wasn't switched on. I've moved the "
                         "account to {plan} — please sign out and in again.",
                         "Sorry, the upgrade got stuck in our billing system. The {plan} plan is "
                         "active now, and I've added an extra week to your subscription for the "
                         "trouble."),
                updates=("Update: all the {plan} features are active on your account now.",
                         "Quick update: I've emailed you a receipt for the {plan} upgrade."),
                thanks=("Yes, I can see the {plan} plan now, thank you!",
                        "It works now, thanks for the extra week on the subscription!"),
            ),
        ),
        related=(
            ("if I cancel and come back later, will my data still be there?",
             "Yes, we keep your data for 12 months after the subscription ends."),
            ("do you have a subscription discount for charities?",
             "We do — 30% off any annual plan. Send us a document confirming the status and "
             "I'll apply it."),
            ("can I get an invoice for the subscription in my company's name?",
             "Of course: add your company details under Billing → Invoices, and the invoice is "
             "issued again with them."),
        ),
        notes=("Subscription on the {plan} plan; billing history checked.",
               "Pays with the card ending {card}; keep an eye on the next billing run."),
    ),
    Topic(
        key="warranty",
        language="en",
        labels=(),
        keywords=("warranty", "repair", "faulty", "service centre", "serial", "switch"),
        about=("the warranty claim for the {item}", "the warranty claim"),
        cases=(Case(
            subjects=("Warranty claim: {item}", "Faulty {item}, still under warranty?"),
            openings=(
                "my {item} stopped working after four months. Is it still under warranty?",
                "the {item} I bought from you in {month} has a faulty switch. How do I get it "
                "repaired under warranty?",
                "I'd like to make a warranty claim: the {item} from order #{order} won't switch "
                "on anymore.",
            ),
            context=("I still have the receipt and the box.",
                     "I haven't dropped it or got it wet.",
                     "The serial number is {serial}."),
            details=(
                ("Sorry to hear that! Could you send me the serial number from the label "
                 "underneath, please?",
                 "Sure, the serial number is {serial}, and it's still under warranty, I think."),
                ("That should be covered by the warranty. When did you buy it, and what happens "
                 "when you switch it on?",
                 "I bought it on {date}, order #{order}. When I switch it on, the light blinks "
                 "red three times and that's it."),
            ),
            answers=("Thanks! It's covered by the two-year warranty. I've booked a free pickup "
                     "by {courier} on {next_weekday}; the repair usually takes ten working "
                     "days.",
                     "This model has a known fault in the power board, so instead of a repair "
                     "we'll send you a new {item} straight away. Please keep the old one until "
                     "the courier collects it.",
                     "The warranty is valid. Please take it to our service centre in {city} — "
                     "no appointment needed, just bring the receipt."),
            updates=("Update: the warranty case WR-{ticket} is confirmed, and you'll get emails "
                     "at every step.",
                     "Quick update: everything for the {item} is booked in; I'll write if "
                     "anything changes."),
            thanks=("Thanks for sorting out the warranty so quickly!",
                    "Great, glad it's covered by the warranty, thanks!",
                    "Thank you, that's much easier than I expected for a warranty claim."),
        ),),
        related=(
            ("how long does the whole warranty process take?",
             "Usually about two weeks from the moment we have the {item}; you'll get an email at "
             "every step, and the case number is WR-{ticket}."),
            ("if the {item} gets replaced, is the new one under warranty too?",
             "Yes, a replacement gets a new two-year warranty from the day it's delivered."),
        ),
        notes=("Check whether this batch has the known power board fault.",
               "Warranty case WR-{ticket} opened."),
    ),
    Topic(
        key="invoice",
        language="en",
        labels=("billing",),
        keywords=("invoice", "vat", "company", "accountant", "receipt", "resend"),
        about=("invoice {invoice}", "the invoice"),
        cases=(
            Case(
                subjects=("Wrong VAT number on invoice {invoice}",
                          "Invoice in my company's name"),
                openings=(
                    "the invoice for order #{order} has the wrong VAT number. Could you correct "
                    "it?",
                    "I need an invoice in my company's name for order #{order}; the receipt "
                    "only has my name on it.",
                ),
                context=("Our VAT number changed in January.",
                         "The invoice must include the company's address, otherwise our "
                         "accounting won't accept it.",
                         "It's invoice number {invoice}."),
                details=(
                    ("Sure! Could you send the company name, address and VAT number for the "
                     "invoice?",
                     "The company is {company}, VAT number {vat}, same address as on the "
                     "order."),
                    ("Of course. Which company details should be on the invoice?",
                     "Please put {company}, VAT {vat}, and send the invoice to this email."),
                ),
                answers=("Thanks! I've issued a corrected invoice in the name of {company} with "
                         "VAT number {vat} and cancelled invoice {invoice}. It's in your inbox "
                         "now.",
                         "Done — the new invoice for {company}, VAT {vat}, is attached to your "
                         "order under Orders → Invoices."),
                updates=("Update: the cancelled invoice {invoice} is marked void in our system "
                         "too.",
                         "Quick update: the corrected invoice for {company} is also under Orders "
                         "→ Invoices."),
                thanks=("Got the corrected invoice, thank you!",
                        "Perfect, our accountant will be happy with the invoice. Thanks."),
            ),
            Case(
                subjects=("Invoice for {month} missing", "Please resend the {month} invoice"),
                openings=(
                    "we haven't received the invoice for {month} yet, and our accountant is "
                    "asking for it.",
                    "the invoice for {month} never arrived. Could you resend it?",
                ),
                context=("All the earlier invoices came on the first of the month.",
                         "Our accountant closes the books on Friday."),
                details=(
                    ("Sorry about that! Which email should the invoice go to?",
                     "Please send the invoice to this email; the account is under {company}."),
                    ("Let me check. Is the account in the name of your company?",
                     "Yes, it's {company}, VAT number {vat}; the invoices always came to this "
                     "email."),
                ),
                answers=("The invoice for {month} was stuck in our system. I've sent it again, "
                         "and from now on invoices will arrive automatically.",
                         "I've resent the {month} invoice to this email; you can also find it "
                         "under Billing → Invoices."),
                updates=("Update: I've checked, and the {month} invoice reached your inbox this "
                         "time.",
                         "Quick update: I've fixed the setting that held back the {month} "
                         "invoice."),
                thanks=("Great, thanks for resending the invoice.",
                        "Got the {month} invoice, thank you!"),
            ),
        ),
        related=(
            ("could you also check the invoices for the two months before?",
             "Yes — both are issued again with the right details and sent to the same email."),
            ("can the invoices go straight to our accountant's email?",
             "Sure: add it under Billing → Invoice recipients, and they'll get a copy of every "
             "invoice."),
        ),
        notes=("Finance confirmed the company details; credit note CN-{ticket} if needed.",
               "Check whether the Q1 invoices need credit notes too."),
    ),
    Topic(
        key="damaged_item",
        language="en",
        labels=("delivery", "refund"),
        keywords=("damage", "broken", "crack", "dent", "crushed", "replacement"),
        about=("the damaged {item}", "the broken {item}", "the damaged delivery"),
        cases=(Case(
            subjects=("Damaged item in order #{order}", "{item} arrived broken"),
            openings=(
                "order #{order} arrived today, but the {item} is damaged: there's a big crack "
                "on the side.",
                "the box was crushed and the {item} inside is broken. What can I do?",
                "I've received a damaged {item}. The courier left before I could open the "
                "parcel.",
            ),
            context=("I took photos of the box and the {item}.",
                     "It's a present, so I need it sorted quickly."),
            details=(
                ("I'm so sorry! Could you send a photo of the damage and of the box, please?",
                 "Here are the photos of the damaged {item} and the box."),
                ("That shouldn't happen. Was the outer box damaged too?",
                 "Yes, one corner of the box was crushed, and the {item} is cracked right "
                 "there."),
            ),
            answers=("Thank you! A replacement {item} leaves the warehouse today, "
                     "and you don't need to send the broken one back.",
                     "Thank you. We're out of stock, so I've refunded {amount} to your card; it "
                     "shows within three to five working days. Please keep or recycle the "
                     "damaged one."),
            updates=("Update: the damage claim with {courier} is filed, so there's nothing more "
                     "you need to do.",
                     "Quick update: after the damaged {item}, the warehouse adds extra padding to "
                     "your orders."),
            thanks=("Thanks for sorting out the damaged {item} so quickly!",
                    "Thank you, that's very fair for a damaged delivery.",
                    "Thanks, I'll recycle the broken {item} then."),
        ),),
        related=(
            ("could you pack it better next time? This is the second box that's arrived "
             "crushed.",
             "Absolutely. I've added a note to your account so the warehouse uses extra "
             "padding for your orders."),
            ("do I need to fill in anything for the courier's damage claim?",
             "No, we handle the claim with {courier} ourselves; your photos are enough."),
        ),
        notes=("Damage claim DC-{ticket} opened with {courier}.",
               "Second damaged delivery for this customer; add a packing note."),
    ),
    Topic(
        key="promo_code",
        language="en",
        labels=(),
        keywords=("code", "discount", "promo", "voucher", "coupon", "checkout"),
        about=("the discount code {code}", "the code", "the discount"),
        cases=(
            Case(
                subjects=("Discount code {code} not working", "Promo code rejected at checkout"),
                openings=(
                    "the discount code {code} says it's invalid at checkout, but the email says "
                    "it's valid until {date}.",
                    "your newsletter promised {percent}% off, but the code {code} doesn't work "
                    "on the {item}.",
                ),
                context=("I copied the code exactly from the email.",
                         "The basket total is {amount}.",
                         "I'm not a new customer, if that matters."),
                details=(
                    ("Let me check the code. What exactly does the error at checkout say?",
                     "It says 'This code can't be applied to the items in your basket'. There's "
                     "only the {item}."),
                    ("Sure — what's in your basket? Some codes don't apply to items that are "
                     "already discounted.",
                     "Just the {item}, total {amount}, no other discount."),
                ),
                answers=("The {item} was already on sale, and codes don't combine with sale "
                         "prices. As an exception, I've refunded {percent}% to your card.",
                         "That code was limited to the first 500 orders and has run out, sorry. "
                         "I've made a personal code for you instead: {code2}, valid for seven "
                         "days."),
                updates=("Update: I've let our marketing team know the code {code} caused trouble.",
                         "Quick update: the discount for the {item} now shows in your account."),
                thanks=("Thanks for sorting out the discount!",
                        "Thanks for explaining how the discount codes work!"),
            ),
            Case(
                subjects=("Forgot my promo code on order #{order}", "Apply a discount code "
                          "afterwards?"),
                openings=(
                    "I forgot to enter my promo code {code} for order #{order}. Can you still "
                    "apply it?",
                    "I placed order #{order} an hour ago and only then noticed the discount code "
                    "{code} in my inbox. Can it still be used?",
                ),
                context=("The code is from your newsletter.", "I paid {amount} by card."),
                details=(
                    ("Sure, let me check. Which discount does the code give you?",
                     "The code gives {percent}% off; it came with the newsletter on {weekday}."),
                    ("Of course. Could you confirm the order total?",
                     "The total was {amount}, paid by card, without the code."),
                ),
                answers=("I've applied the {percent}% discount to order #{order} afterwards; "
                         "the difference goes back to your card in a few days.",
                         "Done — the {percent}% from the code {code} is refunded to your card; "
                         "you'll see it within three to five working days."),
                updates=("Update: the discount refund for order #{order} has left us today.",
                         "Quick update: your account now shows the {percent}% discount on order "
                         "#{order}."),
                thanks=("Great, thanks for applying the discount afterwards!",
                        "Thank you, that's really kind with the code."),
            ),
        ),
        related=(
            ("can I use a discount code on sale items at all?",
             "No, codes don't combine with sale prices, but they work on everything else in the "
             "basket."),
            ("do you have a student discount?",
             "Yes, 10% with a student email — verify it under Account → Discounts."),
        ),
        notes=("Checked the code {code} in the promotions tool.",
               "Newsletter codes are limited to 500 uses; marketing informed."),
    ),
    Topic(
        key="business_plan",
        inquiry=True,
        language="en",
        labels=("vip", "billing"),
        keywords=("team", "business", "seats", "pricing", "integration", "quote"),
        about=("the Business plan for {company}", "the Business plan", "the quote"),
        cases=(Case(
            subjects=("Business plan for a team of {team}", "Pricing question from {company}"),
            openings=(
                "we're a team of {team} looking at your business plans. Which one would suit "
                "us?",
                "does the Business plan include a Salesforce integration and report exports?",
                "I'm evaluating your service for {company}; we'd need {team} seats. What would "
                "that cost?",
            ),
            context=("We're using another tool at the moment, but we're not happy with it.",
                     "We'd like to start with a trial if possible."),
            details=(
                ("Thanks for your interest! How many people would use it, and do you need any "
                 "integrations?",
                 "{team} people in the team, and the Salesforce integration is a must."),
                ("Happy to help. What would your team use it for: sales, support, or both?",
                 "Mostly customer support for the whole team, plus report exports for management."),
            ),
            answers=("For a team of {team}, the Business plan fits best: the Salesforce "
                     "integration and report exports are included, and paying yearly saves "
                     "20%.",
                     "I've emailed you a quote for {team} seats on the Business plan. The trial "
                     "is 14 days, no card needed.",
                     "The integration is part of the Business plan, and we set it up for free. "
                     "An account manager will call you tomorrow to show you around."),
            updates=("Update: the quote for {team} seats on the Business plan is valid for 30 "
                     "days.",
                     "Quick update: your account manager will call tomorrow about the Business "
                     "plan for {company}."),
            thanks=("Thanks, that's very helpful — we'll discuss the Business plan with the "
                    "team.",
                    "Great, please send an invoice for a year of the Business plan. Thanks!",
                    "Thanks, that answers my question about the pricing."),
        ),),
        related=(
            ("can we add five more seats halfway through the year?",
             "Yes, the extra seats are charged for the remaining months only."),
            ("do you offer a contract and invoices for companies on the Business plan?",
             "Of course: a contract and monthly or yearly invoices in your company's name."),
        ),
        notes=("Large prospect, hand over to sales after payment.",
               "Quote for {team} seats sent on {weekday}."),
    ),
    Topic(
        key="feature_request",
        inquiry=True,
        language="en",
        labels=("feature-request",),
        keywords=("dark mode", "feature", "suggest", "export", "idea", "roadmap"),
        about=("the feature suggestion", "the suggestion"),
        cases=(
            Case(
                subjects=("Feature request: dark mode", "Dark mode for the app?"),
                openings=(
                    "could you add a dark mode to the app? I use it late in the evening a lot.",
                    "is a dark mode coming to the app at some point? The white screen is really "
                    "bright at night.",
                ),
                context=("I use your app every day.", "Other shops already have this feature."),
                details=(
                    ("Thanks for the idea! Do you mostly use the app or the website?",
                     "Mostly the app on my {device}, in the evening, so dark mode would help a "
                     "lot."),
                ),
                answers=("I've passed it on to our product team and added your vote. Dark mode "
                         "is planned for this quarter.",
                         "Good news: dark mode is being tested right now and should come in "
                         "version {new_version}."),
                updates=("Update: dark mode is now in beta — you can switch it on under Settings "
                         "→ Labs.",
                         "Quick update: the product team has scheduled dark mode for version "
                         "{new_version}."),
                thanks=("Good to know dark mode is planned, thanks!",
                        "Great, I'll look out for dark mode in version {new_version}, thanks!"),
            ),
            Case(
                subjects=("Feature request: export my orders", "Order history export"),
                openings=(
                    "is there a way to export my order history to Excel? I'd love that feature.",
                    "could you add an export of all my orders? I need them for my expenses every "
                    "month.",
                ),
                context=("I use your website every week.", "Other shops already have this "
                         "feature."),
                details=(
                    ("Thanks for the suggestion! What would you use the export for?",
                     "I order for our office, and our accountant needs the order history every "
                     "month, so an export feature would save time."),
                ),
                answers=("You can already export your orders as a CSV file under Orders → "
                         "Export, which Excel opens fine. A proper Excel export is on our list.",
                         "I've added your vote for the export feature; for now, the CSV export "
                         "under Orders → Export should do the job."),
                updates=("Update: the Excel export has made it onto our roadmap for next quarter.",
                         "Quick update: the CSV export of your orders now includes delivery "
                         "addresses too."),
                thanks=("Oh, I didn't know about the CSV export. Thank you!",
                        "The CSV export will do for now, thanks!"),
            ),
            Case(
                subjects=("Idea: several delivery addresses", "Feature request: saved addresses"),
                openings=(
                    "it would be great to save several delivery addresses in my account — just "
                    "an idea.",
                    "could I have more than one delivery address in my account? It would be a "
                    "handy feature.",
                ),
                context=("I order both to my home and to my office.",
                         "Other shops already have this feature."),
                details=(
                    ("Thanks for the idea! How many addresses would you need?",
                     "Two or three: home, work and my parents' place, so the feature would really "
                     "help."),
                ),
                answers=("Several delivery addresses are coming in version {new_version}, due "
                         "within a month.",
                         "Thanks! Saved addresses are on our roadmap for the next release; I've "
                         "added your vote."),
                updates=("Update: saved addresses are being tested for version {new_version}.",
                         "Quick update: the product team has put your idea about several "
                         "addresses into the next release plan."),
                thanks=("I'll look out for the new version with that feature, thanks!",
                        "Great, thanks for passing on the suggestion!"),
            ),
        ),
        related=(
            ("any news about that feature?",
             "It's being tested now and comes in version {new_version}."),
            ("can I suggest other features somewhere?",
             "Sure, there's an ideas board under Help → Suggest a feature; votes there go "
             "straight to the product team."),
        ),
        notes=("Feature request logged as FR-{ticket}.",
               "Third request for this feature this week."),
    ),
)  # fmt: skip


# ---- Russian ------------------------------------------------------------------------------
PHRASES_RU = Phrases(
    greetings=("Здравствуйте!", "Добрый день!", "Здравствуйте,", "Добрый день,", "Доброе утро!",
               "Добрый вечер!", "Привет!", "Здравствуйте, подскажите, пожалуйста:",
               "Доброго времени суток!", "Добрый вечер,"),
    asks=("Подскажите, пожалуйста, что делать?", "Можете проверить, в чём дело?",
          "Помогите, пожалуйста, разобраться.", "Что посоветуете?",
          "Можно как-то это решить?", "Буду благодар{ен|на} за быстрый ответ.",
          "Какие есть варианты?", "Жду ответа."),
    story_starts=("Извините за длинное сообщение, но опишу всё по порядку.",
                  "Пишу уже третий раз, поэтому расскажу всю историю целиком.",
                  "Скопирую сюда то, что писал{|а} в форму обратной связи, — ответа так и не "
                  "было."),
    story=("{day} я звонил{|а} на горячую линию и сорок минут ждал{|а} на линии, а потом "
           "звонок оборвался.",
           "Потом писал{|а} вам в соцсетях, но пришёл только автоматический ответ.",
           "Покупаю у вас уже несколько лет, и такое впервые.",
           "Честно говоря, терпение уже заканчивается.",
           "Очень прошу ответить по существу, а не шаблоном.",
           "Знакомые советуют оспорить платёж через банк, но хочется решить всё с вами.",
           "Чат-бот на сайте всё время отправлял меня в раздел «Вопросы и ответы».",
           "Пишу с работы, так что могу ответить не сразу."),
    sign_offs=("Спасибо, {first_name}", "С уважением,\n{first_name}", "{first_name}, заранее "
               "спасибо"),
    nudges=("Есть новости {about}?", "Здравствуйте, я всё ещё жду ответа {about}.",
            "Напомню о себе: что там {about}?",
            "Извините, что снова пишу, но есть ли новости {about}?",
            "Кто-нибудь вообще занимается моим вопросом {about}?",
            "Ответьте, пожалуйста, {about}.",
            "{about} по-прежнему ничего — может, лучше позвонить?",
            "Прошло уже много времени, что {about}?"),
    more_detail=("Забыл{|а} написать.", "На всякий случай уточню.", "Добавлю ещё.", "P.S."),
    agent_greetings=("Здравствуйте, {first_name}!", "Добрый день, {first_name}!",
                     "{first_name}, здравствуйте!",
                     "{first_name}, добрый день, спасибо, что написали!",
                     "Здравствуйте, {first_name}, спасибо за обращение!"),
    agent_greetings_plain=("Здравствуйте!", "Добрый день, спасибо, что написали!",
                           "Здравствуйте, спасибо за обращение!"),
    agent_reminders=("Напомню {about}: пришлите, пожалуйста, данные, когда будет минутка.",
                     "Как только пришлёте детали {about}, сразу всё проверим.",
                     "Обращение {about} остаётся открытым — нам не хватает только этих данных."),
    agent_closings=("Могу ли я ещё чем-нибудь помочь {about}?",
                    "Если {about} что-то ещё понадобится — пишите.",
                    "Если {about} будут вопросы, просто ответьте на это сообщение.",
                    "Мы следим за ситуацией {about} и напишем, если будут новости.",
                    "Если {about} что-то изменится, дайте знать здесь, в чате."),
    agent_goodbyes=("Рады помочь, {first_name}, хорошего дня!",
                    "Пожалуйста, {first_name}, обращайтесь.",
                    "Всегда рады помочь {about} — всего доброго!", "Пожалуйста, хорошей недели!",
                    "{first_name}, рады, что всё решилось, хорошего вечера!",
                    "Тогда закрываем обращение {about} — до свидания!",
                    "Рады, что {about} всё решилось!",
                    "Пожалуйста! Хорошо, что {about} всё в порядке."),
    agent_check_ins=("Хотели уточнить: вопрос {about} решён?",
                     "Напишите, пожалуйста, если {about} остались вопросы.",
                     "Проверяем, всё ли в порядке {about}: дайте знать, если нужна помощь.",
                     "Подскажите, {about} всё в порядке?",
                     "Если {about} нужна ещё помощь, мы на связи."),
    rating_requests=("Если будет минутка, оцените, пожалуйста, как мы решили вопрос {about}, — "
                     "это один клик в письме, которое мы только что отправили.",
                     "Будем рады отзыву о том, как мы помогли {about}: короткий опрос уже у "
                     "вас на почте."),
    thanks_for_answers=("Спасибо, теперь понятно!", "Отлично, спасибо за ответ {about}.",
                        "Понял{|а}, спасибо!", "Спасибо за быстрый ответ {about}!",
                        "Хорошо, это всё, что я хотел{|а} узнать {about}.",
                        "А, теперь {about} всё ясно, спасибо.",
                        "Спасибо, что так подробно объяснили {about}!",
                        "Понятно, значит, {about} вопросов больше нет, спасибо."),
    acknowledgements=("И вам хорошего дня!", "Спасибо, до свидания!", "Всего доброго!",
                      "Ок, спасибо!", "Ещё раз спасибо!", "Договорились, спасибо."),
    comebacks=("Здравствуйте ещё раз,", "Снова здравствуйте!", "Извините, это снова я:",
               "Добрый день, снова пишу вам:", "Здравствуйте, у меня ещё вопрос:",
               "Добрый вечер, это опять я:"),
    one_more_thing=("И ещё вопрос:", "Кстати,", "Пока вы на связи:", "Заодно спрошу:",
                    "Можно ещё один вопрос:"),
    problem_back=("{about} по-прежнему что-то не так — посмотрите, пожалуйста, ещё раз.",
                  "{about} всё ещё есть проблема.",
                  "извините, что возвращаюсь к вопросу {about}, но мне не всё понятно."),
    notes=("Клиент {in_city}, просит отвечать на почту.",
           "Уже писал{|а} в форму обратной связи, ответили здесь.",
           "Ждём ответа клиента, потом эскалируем.",
           "Вежлив{ый|ая}, но торопится — отвечать коротко."),
)  # fmt: skip


TOPICS_RU: tuple[Topic, ...] = (
    Topic(
        key="late_parcel",
        language="ru",
        labels=("delivery",),
        keywords=("посылк", "достав", "трек", "курьер", "отслеживан", "в пути", "заказ"),
        about=("по заказу №{order}", "по посылке", "по доставке"),
        cases=(Case(
            subjects=("Где мой заказ №{order}?", "Заказ №{order} не доставлен",
                      "Посылка застряла в пути"),
            openings=(
                "мой заказ №{order} до сих пор не доставлен. Прошло уже {wait}, как я "
                "оплатил{|а}.",
                "жду посылку с заказом №{order}, но статус не меняется {since_day}.",
                "подскажите, где мой заказ №{order}? Я оформил{|а} его {day}, срок доставки уже "
                "прошёл.",
                "по трек-номеру {tracking} уже неделю висит «В пути». Посылка не потерялась?",
                "{day} я заказал{|а} {item_acc}, обещали доставить за три дня, но курьер так и "
                "не приехал.",
            ),
            context=("Это подарок на день рождения, нужен к субботе.",
                     "Трек-номер {tracking}, но на сайте {courier} он не находится.",
                     "Мне никто не звонил, и извещений тоже не было.",
                     "Я всю неделю дома, так что пропустить курьера не мог{|ла}.",
                     "Соседка заказывала у вас позже меня и уже получила свою посылку.",
                     "Я живу {in_city}, если это важно."),
            details=(
                ("Приносим извинения за ожидание. Уточните, пожалуйста, адрес доставки.",
                 "Адрес доставки: {city}, {address}. Заказ №{order}."),
                ("Сейчас разберёмся. Подскажите трек-номер из письма об отправке?",
                 "Трек-номер {tracking}, посылку везёт {courier}."),
                ("Проверим. На какую почту оформлен заказ?",
                 "На ту же, с которой пишу. Номер заказа {order}."),
                ("Жаль, что так вышло. Пришлите, пожалуйста, номер заказа и город доставки.",
                 "Заказ №{order}, доставка {to_city}, {address}."),
            ),
            answers=("Спасибо! Уточнили в {courier}: посылка задержалась на сортировочном "
                     "центре и сегодня утром поехала дальше. Ожидайте её в течение двух рабочих "
                     "дней.",
                     "Посылка уже {in_city}, на складе службы доставки. Завтра её привезёт "
                     "курьер и заранее позвонит; доставка с 10 до 14.",
                     "К сожалению, посылку повредили при перевозке, поэтому склад сегодня "
                     "отправит вам новую за наш счёт. Новый трек-номер придёт на почту.",
                     "Мы открыли претензию в {courier} и отправили замену экспресс-доставкой. "
                     "Если заказ не придёт {by_day}, вернём деньги полностью."),
            updates=("Обновление по заказу №{order}: в {courier} подтвердили, что посылка сегодня "
                     "у курьера.",
                     "Посылка выехала со склада {in_city} и уже едет к вам.",
                     "Хорошие новости: сегодня утром посылку отсканировали, она снова в пути."),
            thanks=("Спасибо, что проверили посылку!",
                    "Понял{|а}, буду следить за трек-номером. Спасибо!",
                    "Хорошо, подожду доставку. Спасибо за помощь!",
                    "Отлично, спасибо, что поторопили курьера!"),
        ),),
        related=(
            ("посылку получил{|а}, но коробка была вскрыта. Вроде всё на месте — упаковку "
             "сохранить на всякий случай?",
             "Спасибо, что сообщили! Да, сохраните, пожалуйста, коробку на неделю: если чего-то "
             "не окажется, мы всё решим."),
            ("можно следующий заказ доставить в пункт выдачи, а не домой?",
             "Конечно: при оформлении заказа выберите любой пункт выдачи рядом с вами."),
            ("в отслеживании написано «Вручено», но посылки у меня нет. Что делать?",
             "Нам очень жаль! Мы запросили у {courier} подтверждение вручения. Уточните пока, "
             "пожалуйста, у соседей — курьеры иногда оставляют посылку им."),
            ("а доставка {to_city} у вас есть? Сестра хочет заказать то же самое.",
             "Да, доставляем {to_city} тоже, обычно за три–пять рабочих дней."),
        ),
        notes=("Открыта заявка в {courier}, номер СД-{ticket}.",
               "Если посылка не придёт {by_day} — предложить скидку 10%.",
               "Посылка стоит на сортировке {since_day}, движения нет."),
    ),
    Topic(
        key="double_charge",
        language="ru",
        labels=("billing",),
        keywords=("списа", "списан", "дважды", "двойн", "дубл", "платеж", "выписк", "карт"),
        about=("по двойному списанию {amount}", "по двойному списанию", "по второму платежу"),
        cases=(Case(
            subjects=("Двойное списание по заказу №{order}", "Деньги списали два раза"),
            openings=(
                "с моей карты дважды списали {amount} за заказ №{order}.",
                "в банковском приложении вижу два одинаковых платежа по {amount}, хотя заказ я "
                "оформлял{|а} один.",
                "при оплате выскочила ошибка, я оплатил{|а} ещё раз — и теперь деньги "
                "списались дважды.",
                "сегодня с карты, которая заканчивается на {card}, прошли два списания от "
                "вашего магазина по {amount}.",
            ),
            context=("Первая попытка показала «Платёж не прошёл», поэтому я повторил{|а} "
                     "оплату.",
                     "В банке сказали, что отменить списание не могут и нужно обращаться к "
                     "продавцу.",
                     "Это зарплатная карта, хотелось бы вернуть деньги до выходных.",
                     "В личном кабинете при этом только один заказ.",
                     "У меня уже второй раз платёж проходит дважды."),
            details=(
                ("Извините за неудобства! Назовите, пожалуйста, последние четыре цифры карты и "
                 "дату платежей.",
                 "Карта заканчивается на {card}, оба платежа {day}, с разницей в минуту."),
                ("Сейчас проверим платежи. На какую почту оформлен заказ?",
                 "Почта та же, с которой пишу. Заказ с двойным списанием — №{order}."),
                ("Пришлите, пожалуйста, скриншот выписки с обоими списаниями. Номер карты лучше "
                 "скрыть.",
                 "Вот выписка: две строки по {amount}, карта *{card}."),
            ),
            answers=("Спасибо, нашли: второй платёж на {amount} — дубль. Мы вернули его, деньги "
                     "придут на карту в течение трёх–пяти рабочих дней.",
                     "Вы правы, платёжная система списала сумму дважды. Лишний платёж отменён; "
                     "в зависимости от банка деньги вернутся в течение недели.",
                     "С нашей стороны прошёл только один платёж, второй — временная блокировка "
                     "суммы. Банк снимет её сам в течение семи дней, а если нет — напишите нам, "
                     "разберёмся."),
            updates=("Обновление: возврат {amount} отправлен сегодня, номер операции для банка — "
                     "ВЗ-{ticket}.",
                     "Платёжная система подтвердила, что дубль платежа на {amount} отменён."),
            thanks=("Спасибо, буду следить за выпиской по карте.",
                    "Отлично, спасибо, что разобрались с двойным списанием!",
                    "Спасибо, что объяснили, что случилось с платежом."),
        ),),
        related=(
            ("второе списание на {amount} так и не вернулось, прошла уже неделя.",
             "Извините, что так долго. Мы сегодня же попросили платёжную систему вернуть "
             "деньги; вот номер операции для банка: ВЗ-{ticket}."),
            ("а исправленный чек с одним платежом по заказу №{order} будет?",
             "Да, в личном кабинете чек уже с одним платежом, копию мы отправили вам на почту."),
            ("можно в следующий раз оплатить по счёту, чтобы деньги не списались дважды?",
             "Да, для юрлиц при оформлении заказа можно выбрать «Оплата по счёту»."),
        ),
        notes=("Двойное списание подтверждено в кабинете эквайера, возврат ВЗ-{ticket}.",
               "Второе двойное списание за день, сообщили в отдел платежей."),
    ),
    Topic(
        key="refund",
        language="ru",
        labels=("refund",),
        keywords=("возврат", "возвращ", "вернут", "вернул", "верн", "обратно"),
        about=("по возврату заказа №{order}", "по возврату"),
        cases=(Case(
            subjects=("Возврат заказа №{order}", "Как оформить возврат?"),
            openings=(
                "хочу вернуть {item_acc} из заказа №{order}: цвет совсем не такой, как на фото.",
                "как оформить возврат? Я получил{|а} {item_acc} {day}, но передумал{|а}, "
                "упаковка даже не вскрыта.",
                "хочу оформить возврат заказа №{order}, товар не понадобился.",
                "можно ещё вернуть {item_acc}? Купил{|а} {wait} назад, но вещь оказалась не "
                "такой, как я ожидал{|а}.",
            ),
            context=("Чек и упаковка сохранились.",
                     "Ссылка на бланк возврата в письме не открывается.",
                     "Оплачивал{|а} картой, {amount}.",
                     "На сайте написано, что возврат бесплатный, а с меня просят деньги за "
                     "доставку."),
            details=(
                ("Конечно, поможем. Подскажите, пожалуйста, номер заказа и цела ли упаковка?",
                 "Заказ №{order}, коробка для возврата не вскрыта."),
                ("Хорошо. Товаром не пользовались, упаковка оригинальная?",
                 "Не пользовал{ся|ась}, всё в родной коробке, комплект полный — можно "
                 "возвращать."),
                ("Давайте оформим. На какую почту оформлен заказ?",
                 "На эту. Заказ №{order}, оплачивал{|а} картой — деньги верните, пожалуйста, "
                 "на неё."),
            ),
            answers=("Спасибо! Возврат по заказу №{order} оформлен, этикетка для отправки уже у "
                     "вас на почте. Как только склад получит товар, {amount} вернутся на карту "
                     "в течение трёх–пяти рабочих дней.",
                     "Готово: возврат в течение 30 дней бесплатный. Отнесите посылку в любой "
                     "пункт {courier} — распечатывать ничего не нужно, достаточно QR-кода из "
                     "письма. {amount} вернём, как только посылку примут.",
                     "Возврат одобрен. Курьер {courier} заберёт посылку {next_day} с 9 до 18, "
                     "а {amount} вернутся на карту, когда товар приедет к нам."),
            updates=("Обновление: склад принял ваш возврат по заказу №{order}.",
                     "Возврат {amount} по заказу №{order} одобрен, деньги уже в пути."),
            thanks=("Спасибо, всё просто. Подготовлю посылку с возвратом.",
                    "Отлично, спасибо, что так быстро оформили возврат!",
                    "Спасибо! Буду ждать, когда деньги вернутся на карту."),
        ),),
        related=(
            ("отправил{|а} возврат {day}, по трек-номеру он у вас, а денег всё нет.",
             "Видим, посылка пришла. Деньги ({amount}) мы вернули сегодня, банки обычно "
             "зачисляют их в течение трёх–пяти рабочих дней."),
            ("деньги за возврат по заказу №{order} пришли, но {amount2} вместо {amount}. Удержали "
             "доставку?",
             "Да: если товар возвращают не из-за брака, стоимость доставки не возвращается. "
             "Если товар был с дефектом, вернём и её."),
            ("а можно вместо возврата денег обменять товар на другой цвет?",
             "Конечно! Напишите, какой цвет нужен, — мы отложим товар и отправим его, как "
             "только получим ваш возврат."),
        ),
        notes=("Отправили этикетку возврата ВТ-{ticket}.",
               "Возврат в пределах 30 дней, одобрен полностью."),
    ),
    Topic(
        key="password_reset",
        language="ru",
        labels=("bug",),
        keywords=("парол", "войти", "вход", "аккаунт", "кабинет", "сброс", "заблокир"),
        about=("по входу в личный кабинет с {device}", "по входу в кабинет", "по аккаунту"),
        cases=(
            Case(
                subjects=("Не могу войти в личный кабинет", "Аккаунт заблокирован"),
                openings=(
                    "не могу войти в личный кабинет: пишет «неверный пароль», хотя я точно "
                    "ввожу правильный.",
                    "после нескольких попыток ввести пароль аккаунт заблокировали. Как его "
                    "разблокировать?",
                    "приложение пишет, что пароль неверный, хотя я его не менял{|а}.",
                ),
                context=("Пользуюсь приложением на {device}.",
                         "Ещё {day} вход работал нормально.",
                         "Мне сегодня нужно скачать из кабинета закрывающие документы."),
                details=(
                    ("Извините за неудобства! На какую почту зарегистрирован аккаунт?",
                     "Аккаунт на ту же почту, с которой пишу."),
                    ("Сейчас проверим аккаунт. Когда вам в последний раз удалось войти?",
                     "Последний раз входил{|а} {day}, с {device}."),
                    ("Подскажите, вы входите по почте и паролю или через Яндекс ID?",
                     "По паролю, кажется, — по крайней мере, регистрировал{ся|ась} в аккаунте "
                     "так."),
                ),
                answers=("Спасибо! Аккаунт заблокировался после нескольких неудачных попыток. "
                         "Мы сняли блокировку и отправили ссылку для сброса пароля, она "
                         "действует час.",
                         "Ваш аккаунт привязан ко входу через Яндекс ID, поэтому пароль и не "
                         "подходит. На странице входа нажмите «Войти с Яндекс ID»; блокировку "
                         "мы тоже сняли."),
                updates=("Обновление: на всякий случай мы завершили сеансы аккаунта на других "
                         "устройствах.",
                         "Блокировка аккаунта полностью снята, войти можно в любое время."),
                thanks=("Получилось, я в личном кабинете. Спасибо!",
                        "Спасибо, вход снова работает!",
                        "Отлично, спасибо, что разблокировали аккаунт."),
            ),
            Case(
                subjects=("Не приходит письмо для сброса пароля", "Ссылка для сброса устарела"),
                openings=(
                    "три раза запрашивал{|а} сброс пароля, но письмо так и не пришло.",
                    "ссылка для сброса пароля из письма пишет, что устарела, хотя я "
                    "{перешёл|перешла} по ней сразу.",
                ),
                context=("Папку «Спам» я тоже проверил{|а}.",
                         "Мне сегодня нужно скачать из кабинета закрывающие документы.",
                         "Другие письма от вас приходят нормально."),
                details=(
                    ("Извините за неудобства! На какую почту зарегистрирован аккаунт?",
                     "Аккаунт на ту же почту, с которой пишу."),
                    ("Сейчас проверим. Когда вы запрашивали последнее письмо для сброса?",
                     "Сброс запрашивал{|а} минут двадцать назад, а до этого ещё два раза {day}."),
                ),
                answers=("Сегодня утром письма для сброса пароля приходили с задержкой. Мы "
                         "отправили новое; если через пять минут его не будет, проверьте, "
                         "пожалуйста, папку «Спам».",
                         "Ссылка перестаёт работать, как только запрошена новая, поэтому "
                         "действует только последнее письмо. Мы отправили свежую ссылку — "
                         "воспользуйтесь ею в течение часа."),
                updates=("Обновление: задержку писем для сброса пароля устранили, теперь они "
                         "приходят за минуту.",
                         "Проверили журнал: последнее письмо для сброса пароля доставлено вам на "
                         "почту."),
                thanks=("Письмо пришло, пароль сменил{|а}. Спасибо!",
                        "Последняя ссылка сработала, пароль поменял{|а}. Спасибо!",
                        "Спасибо, письмо нашлось, я снова в личном кабинете."),
            ),
        ),
        related=(
            ("приложение на {device} каждый день просит войти заново. Так и должно быть?",
             "Нет, так быть не должно. Обновите, пожалуйста, приложение до версии "
             "{new_version} — в ней эта ошибка исправлена."),
            ("можно ли включить для аккаунта двухфакторную аутентификацию?",
             "Да: «Настройки» → «Безопасность» → «Двухфакторная аутентификация». Резервные коды "
             "сохраните в надёжном месте."),
            ("как поменять почту в аккаунте?",
             "В разделе «Профиль»; на новый адрес придёт письмо для подтверждения."),
        ),
        notes=("Аккаунт проверили, подозрительных входов нет.",
               "Утром письма для сброса пароля задерживались на 40 минут, инцидент ИН-{ticket}."),
    ),
    Topic(
        key="app_crash",
        language="ru",
        labels=("bug",),
        keywords=("приложени", "вылета", "верси", "обновлени", "экран", "переустанав", "зависа"),
        about=("по приложению на {device}", "по приложению", "по ошибке в приложении"),
        cases=(Case(
            subjects=("Приложение вылетает при запуске", "Приложение закрывается при оформлении"),
            openings=(
                "приложение вылетает каждый раз, когда открываю историю заказов. Телефон "
                "{device}, версия {version}.",
                "после последнего обновления приложение закрывается, как только нажимаю "
                "«Оформить заказ».",
                "приложение после заставки зависает на белом экране, а потом закрывается.",
                "при попытке загрузить фото приложение пишет «Что-то пошло не так» и "
                "закрывается.",
            ),
            context=("Я уже дважды переустанавливал{|а} приложение.",
                     "На сайте всё работает, проблема только в приложении.",
                     "Началось сразу после обновления {day}.",
                     "Память на телефоне свободна."),
            details=(
                ("Спасибо, что сообщили! Подскажите модель телефона и версию приложения?",
                 "{device}, версия приложения {version}, последняя из магазина."),
                ("Извините за неудобства. Опишите, пожалуйста, что именно происходит, или "
                 "пришлите короткую запись экрана.",
                 "Экран на несколько секунд зависает, и приложение закрывается. Версия "
                 "{version}."),
                ("Ошибка появляется и по Wi-Fi, и в мобильной сети или только в одном случае?",
                 "И по Wi-Fi, и в мобильной сети. Телефон перезагружал{|а}, приложение всё "
                 "равно вылетает."),
            ),
            answers=("Спасибо, ошибку воспроизвели: это баг версии {version} на некоторых "
                     "телефонах. Исправление выйдет {next_day} в версии {new_version}, а пока "
                     "можно пользоваться сайтом.",
                     "Очистите, пожалуйста, кэш приложения («Настройки» → «Приложения» → Acme → "
                     "«Хранилище» → «Очистить кэш») и войдите заново — на {device} это обычно "
                     "помогает.",
                     "Разработчики нашли причину и выпустили исправление. Обновите приложение до "
                     "версии {new_version} и напишите, если оно всё ещё вылетает."),
            updates=("Обновление: версия {new_version} с исправлением уже доступна в магазинах "
                     "приложений.",
                     "Разработчики подтвердили: приложение падало только в версии {version}, "
                     "обновление {new_version} выходит сегодня."),
            thanks=("Спасибо, сейчас попробую в приложении.",
                    "Отлично, спасибо, что разобрались с приложением!",
                    "Хорошо, спасибо! Напишу, если приложение снова вылетит."),
        ),),
        related=(
            ("приложение теперь работает, но перестали приходить уведомления.",
             "Проверьте, пожалуйста, что уведомления для Acme разрешены в настройках телефона: "
             "обновление иногда сбрасывает это разрешение."),
            ("обязательно обновлять приложение сразу?",
             "Лучше да: старые версии продолжат работать, но исправление есть только в "
             "{new_version}."),
            ("приложение будет работать на планшете?",
             "Да, на любом планшете с Android 10 или iOS 15 и новее."),
        ),
        notes=("Воспроизводится на {device}, баг ПР-{ticket}.",
               "Лог падения приложен к ПР-{ticket}, затронута только версия {version}."),
    ),
    Topic(
        key="wrong_address",
        language="ru",
        labels=("delivery",),
        keywords=("адрес", "квартир", "переех", "переадрес", "индекс", "ошиб", "старый адрес",
                  "исправ"),
        about=("по адресу доставки заказа №{order}", "по смене адреса"),
        cases=(Case(
            subjects=("Неверный адрес в заказе №{order}", "Прошу изменить адрес доставки"),
            openings=(
                "я {ошибся|ошиблась} в адресе доставки заказа №{order}. Ещё можно исправить?",
                "только что заметил{|а}, что заказ едет на мой старый адрес, а я переехал{|а} "
                "в прошлом месяце!",
                "в письме с подтверждением заказа №{order} указан неправильный номер квартиры.",
            ),
            context=("В личном кабинете заказ пока в статусе «Собирается».",
                     "Правильный адрес есть в профиле, но почему-то подставился старый.",
                     "Если уже поздно, может курьер привезти заказ ко мне на работу?"),
            details=(
                ("Конечно, если заказ ещё не передан в доставку. Напишите, пожалуйста, "
                 "правильный адрес.",
                 "Правильный адрес: {city}, {new_address}."),
                ("Сейчас проверим, отправлен ли заказ. Пришлите, пожалуйста, полный новый "
                 "адрес.",
                 "Доставить нужно по адресу {city}, {new_address}. Телефон тот же."),
            ),
            answers=("Готово: заказ поедет по адресу {city}, {new_address}. Дата доставки не "
                     "изменится.",
                     "Заказ уже передан в {courier}, поэтому мы попросили перенаправить его на "
                     "новый адрес. Доставка может сдвинуться на день.",
                     "Мы отменили отправку на старый адрес, склад сегодня же отправит заказ по "
                     "новому."),
            updates=("Обновление: в {courier} подтвердили новый адрес доставки.",
                     "Заказ №{order} уже едет по новому адресу: {new_address}."),
            thanks=("Спасибо, что поменяли адрес!",
                    "Отлично, хорошо, что адрес ещё можно было исправить. Спасибо!",
                    "Спасибо, прямо камень с души: я боял{ся|ась}, что заказ уедет не по тому "
                    "адресу."),
        ),),
        related=(
            ("можете ещё обновить адрес в профиле, чтобы такого больше не было?",
             "Новый адрес ({new_address}) теперь указан в профиле по умолчанию, а старый мы "
             "удалили."),
            ("курьер позвонит перед тем, как приехать на новый адрес?",
             "Да, утром в день доставки {courier} пришлёт СМС с двухчасовым интервалом."),
        ),
        notes=("Адрес изменён до отправки.",
               "Запрошена переадресация в {courier}, заявка ПА-{ticket}."),
    ),
    Topic(
        key="subscription",
        language="ru",
        labels=("billing",),
        keywords=("подписк", "тариф", "продлен", "продлил", "отмен", "ежемесячн", "годов",
                  "переход", "перешл", "перешел", "подключ"),
        about=("по подписке {plan}", "по подписке"),
        cases=(
            Case(
                subjects=("Подписка продлилась после отмены", "Списали деньги за продление"),
                openings=(
                    "сегодня продлилась подписка и списалось {amount}, хотя я отменил{|а} её в "
                    "прошлом месяце.",
                    "с меня списали {amount} за продление подписки, хотя автопродление я "
                    "отключал{|а}.",
                ),
                context=("Отменял{|а} в приложении, даже видел{|а} экран с подтверждением.",
                         "Сервисом я больше не пользуюсь."),
                details=(
                    ("Извините за путаницу. На какую почту оформлена подписка?",
                     "Почта та же, с которой пишу. Подписку оформлял{|а} на сайте."),
                    ("Сейчас посмотрим. Вы оформляли подписку на сайте или через App Store или "
                     "Google Play?",
                     "На сайте, подписка оплачивалась с карты *{card}."),
                ),
                answers=("Видим, что отмена не сработала из-за сбоя на нашей стороне. Мы "
                         "отменили подписку и вернули {amount} за продление.",
                         "Автопродление снова включилось после обновления приложения — "
                         "извините. Подписка отменена, {amount} уже возвращаются на карту."),
                updates=("Обновление: деньги за продление подписки ({amount}) отправлены на вашу "
                         "карту.",
                         "Мы также отключили автопродление подписки, больше списаний не будет."),
                thanks=("Спасибо, что отменили подписку и вернули деньги!",
                        "Отлично, спасибо, что так быстро вернули деньги за продление."),
            ),
            Case(
                subjects=("Перевести подписку на ежемесячную оплату", "Вопрос по тарифу {plan}"),
                openings=(
                    "как перевести подписку на тарифе {plan} с годовой оплаты на ежемесячную?",
                    "можно платить за подписку {plan} помесячно? Сразу за год выходит "
                    "дороговато.",
                ),
                context=("У нас небольшая команда, пять человек, если это важно для тарифа.",
                         "Хотелось бы сохранить все данные."),
                details=(
                    ("Подскажите, пожалуйста, почту аккаунта — найдём вашу подписку.",
                     "Почта эта, тариф {plan}."),
                    ("С удовольствием поможем. Вы оформляли подписку на сайте или в приложении?",
                     "На сайте, подписка оплачивается с карты *{card}."),
                ),
                answers=("Готово: со следующего периода оплата будет ежемесячной, а до конца "
                         "текущего тариф {plan} остаётся за вами.",
                         "Мы перевели подписку на ежемесячную оплату с {date}; до этой даты в "
                         "аккаунте ничего не изменится."),
                updates=("Обновление: следующий платёж по подписке будет ежемесячным, с {date}.",
                         "Переход на ежемесячную оплату тарифа {plan} подтверждён."),
                thanks=("Ежемесячная оплата мне удобнее, спасибо.",
                        "Отлично, спасибо, что перевели подписку на помесячную оплату."),
            ),
            Case(
                subjects=("Не подключился тариф {plan}", "Оплатил{|а} {plan}, а тариф старый"),
                openings=(
                    "я {перешёл|перешла} на тариф {plan}, но в аккаунте всё ещё старый "
                    "тариф.",
                    "час назад оплатил{|а} {amount} за переход на тариф {plan}, но в аккаунте "
                    "ничего не изменилось.",
                ),
                context=("Деньги с карты уже списались.",
                         "Выходил{|а} из аккаунта и заходил{|а} снова — без изменений."),
                details=(
                    ("Извините! На какую почту оформлен аккаунт?",
                     "На эту. Переход на тариф {plan} оплачивал{|а} картой *{card}."),
                    ("Сейчас найдём платёж. Когда вы переходили на новый тариф?",
                     "Сегодня, около часа назад, заплатил{|а} {amount} за тариф {plan}."),
                ),
                answers=("Оплата за переход прошла, но тариф не подключился. Мы включили {plan} "
                         "вручную — выйдите из аккаунта и войдите снова.",
                         "Извините, переход застрял в платёжной системе. Тариф {plan} уже "
                         "действует, а за неудобства мы добавили неделю к подписке."),
                updates=("Обновление: все возможности тарифа {plan} в аккаунте уже работают.",
                         "Отправили вам на почту чек за переход на тариф {plan}."),
                thanks=("Да, теперь вижу тариф {plan}. Спасибо!",
                        "Всё работает, спасибо за лишнюю неделю подписки!"),
            ),
        ),
        related=(
            ("если я отменю подписку, а потом вернусь, мои данные сохранятся?",
             "Да, после окончания подписки мы храним данные 12 месяцев."),
            ("есть ли у вас скидка на подписку для некоммерческих организаций?",
             "Есть — 30% на любой годовой тариф. Пришлите документ, подтверждающий статус, и мы "
             "применим скидку."),
            ("можно получить счёт за подписку на юрлицо?",
             "Конечно: укажите реквизиты компании в разделе «Оплата» → «Счета», и счёт "
             "сформируется заново."),
        ),
        notes=("Подписка на тарифе {plan}, историю платежей проверили.",
               "Оплата с карты *{card}; проверить следующее списание."),
    ),
    Topic(
        key="warranty",
        language="ru",
        labels=(),
        keywords=("гарант", "ремонт", "сервисн", "серийн", "не включается", "неисправн"),
        about=("по гарантии на {item_acc}", "по гарантийному случаю"),
        cases=(Case(
            subjects=("Гарантийный случай: {item}", "Ремонт по гарантии"),
            openings=(
                "через четыре месяца после покупки {item} не включается. Это гарантийный "
                "случай?",
                "хочу отремонтировать по гарантии {item_acc} из заказа №{order}: через пять "
                "минут работы всё выключается.",
                "{item} из заказа №{order} сильно греется и отключается. Можно сдать по "
                "гарантии?",
            ),
            context=("Чек и коробка сохранились.",
                     "Я ничего не ронял{|а} и не заливал{|а}.",
                     "Серийный номер {serial}."),
            details=(
                ("Жаль это слышать! Пришлите, пожалуйста, серийный номер с наклейки на дне.",
                 "Серийный номер {serial}, гарантия, по-моему, ещё действует."),
                ("Это должен быть гарантийный случай. Когда была покупка и что происходит при "
                 "включении?",
                 "Покупка {date}, заказ №{order}, гарантия ещё действует. При включении "
                 "индикатор три раза мигает красным, и всё."),
            ),
            answers=("Спасибо! Случай гарантийный, гарантия два года. Мы заказали бесплатный "
                     "забор курьером {courier} {next_day}; ремонт обычно занимает десять рабочих "
                     "дней.",
                     "У этой модели известная неисправность платы питания, поэтому вместо "
                     "ремонта мы сразу отправим вам новый экземпляр. Старый, пожалуйста, "
                     "сохраните до приезда курьера.",
                     "Гарантия действует. Принесите, пожалуйста, устройство в наш сервисный "
                     "центр {in_city} — без записи, только возьмите чек."),
            updates=("Обновление: гарантийное обращение ГР-{ticket} подтверждено, письма будут "
                     "приходить на каждом этапе.",
                     "По гарантии всё оформлено; если что-то изменится, мы напишем."),
            thanks=("Спасибо, что так быстро решили вопрос по гарантии!",
                    "Отлично, хорошо, что это гарантийный случай. Спасибо!",
                    "Спасибо, с гарантией всё оказалось проще, чем я думал{|а}."),
        ),),
        related=(
            ("сколько вообще длится гарантийное обслуживание?",
             "Обычно около двух недель с момента, как устройство у нас. На каждом этапе придёт "
             "письмо, номер обращения — ГР-{ticket}."),
            ("если устройство заменят, на новое тоже будет гарантия?",
             "Да, на новый экземпляр действует своя гарантия — два года со дня доставки."),
        ),
        notes=("Проверить, нет ли в этой партии известной неисправности платы питания.",
               "Открыто гарантийное обращение ГР-{ticket}."),
    ),
    Topic(
        key="invoice",
        language="ru",
        labels=("billing",),
        keywords=("счет", "реквизит", "инн", "бухгалтер", "документ", "юрлиц"),
        about=("по счёту №{invoice}", "по счёту"),
        cases=(
            Case(
                subjects=("Ошибка в счёте по заказу №{order}", "Нужен счёт на организацию"),
                openings=(
                    "в счёте по заказу №{order} указан неверный ИНН. Можно исправить?",
                    "нужен счёт на организацию по заказу №{order}, а в чеке только моё имя.",
                ),
                context=("У нас в январе сменились реквизиты.",
                         "В счёте обязательно должен быть юридический адрес, иначе бухгалтерия "
                         "не примет.",
                         "Номер счёта {invoice}."),
                details=(
                    ("Конечно! Пришлите, пожалуйста, название организации, юридический адрес и "
                     "ИНН для счёта.",
                     "Организация {company}, ИНН {vat}, адрес как в заказе."),
                    ("Хорошо. Какие реквизиты указать в счёте?",
                     "Реквизиты: {company}, ИНН {vat}. Счёт пришлите на эту почту."),
                ),
                answers=("Спасибо! Мы выставили исправленный счёт на {company} с ИНН {vat}, а "
                         "счёт №{invoice} аннулировали. Новый уже у вас на почте.",
                         "Готово: счёт на {company}, ИНН {vat}, прикреплён к заказу в личном "
                         "кабинете, в разделе «Заказы» → «Документы»."),
                updates=("Обновление: аннулированный счёт №{invoice} помечен недействительным и в "
                         "нашей системе.",
                         "Исправленный счёт на {company} также есть в разделе «Заказы» → "
                         "«Документы»."),
                thanks=("Исправленный счёт получили, спасибо!",
                        "Отлично, бухгалтерия будет довольна. Спасибо за счёт!"),
            ),
            Case(
                subjects=("Не пришёл счёт {for_month}", "Пришлите, пожалуйста, счёт повторно"),
                openings=(
                    "мы до сих пор не получили счёт {for_month}, бухгалтерия уже спрашивает.",
                    "не пришёл счёт {for_month}. Можете отправить повторно?",
                ),
                context=("Все прошлые счета приходили первого числа.",
                         "Бухгалтерия закрывает месяц в пятницу."),
                details=(
                    ("Извините! На какую почту отправить счёт?",
                     "Счёт пришлите, пожалуйста, на эту почту; аккаунт оформлен на {company}."),
                    ("Сейчас проверим. Аккаунт оформлен на организацию?",
                     "Да, на {company}, ИНН {vat}; счета всегда приходили на эту почту."),
                ),
                answers=("Счёт {for_month} застрял в системе, мы отправили его повторно. Дальше "
                         "счета будут приходить автоматически.",
                         "Отправили счёт {for_month} повторно на эту почту; он также есть в "
                         "разделе «Оплата» → «Счета»."),
                updates=("Обновление: проверили — счёт {for_month} на этот раз доставлен вам на "
                         "почту.",
                         "Мы исправили настройку, из-за которой задержался счёт {for_month}."),
                thanks=("Спасибо, что отправили счёт повторно.",
                        "Счёт получили, спасибо!"),
            ),
        ),
        related=(
            ("можно заодно проверить счета за два предыдущих месяца?",
             "Да, оба счёта перевыставлены с верными реквизитами и отправлены на ту же почту."),
            ("можно, чтобы счета сразу приходили нашему бухгалтеру?",
             "Конечно: добавьте его почту в разделе «Оплата» → «Получатели счетов», и он будет "
             "получать копию каждого счёта."),
        ),
        notes=("Бухгалтерия подтвердила реквизиты; при необходимости корректировка КС-{ticket}.",
               "Проверить, нужны ли корректировки к счетам за первый квартал."),
    ),
    Topic(
        key="damaged_item",
        language="ru",
        labels=("delivery", "refund"),
        keywords=("поврежд", "разбит", "трещин", "вмятин", "мят", "треснул", "замен"),
        about=("по повреждённому товару из заказа №{order}", "по повреждённому товару"),
        cases=(Case(
            subjects=("Повреждённый товар в заказе №{order}", "Пришёл разбитый товар"),
            openings=(
                "сегодня пришёл заказ №{order}, но у {item_gen} трещина на корпусе.",
                "коробка пришла смятой, корпус у {item_gen} треснул. Что теперь делать?",
                "мне привезли повреждённый товар: {item} с вмятиной на боку. Курьер уехал "
                "раньше, чем я успел{|а} открыть посылку.",
            ),
            context=("Я сфотографировал{|а} коробку и повреждения.",
                     "Это подарок, так что решить нужно побыстрее."),
            details=(
                ("Нам очень жаль! Пришлите, пожалуйста, фото повреждений и коробки.",
                 "Вот фото повреждений и коробки."),
                ("Такого быть не должно. Внешняя коробка тоже была повреждена?",
                 "Да, угол коробки смят, и трещина на корпусе как раз в этом месте."),
            ),
            answers=("Спасибо! Замена уже собирается на складе и уедет сегодня; "
                     "повреждённый товар возвращать не нужно.",
                     "Спасибо. Этой модели сейчас нет в наличии, поэтому мы вернули {amount} на "
                     "карту — деньги придут в течение трёх–пяти рабочих дней. Повреждённый "
                     "товар можно оставить себе или утилизировать."),
            updates=("Обновление: претензия в {courier} за повреждение оформлена, от вас больше "
                     "ничего не нужно.",
                     "После повреждённой посылки склад добавил дополнительную упаковку для ваших "
                     "заказов."),
            thanks=("Спасибо, что так быстро решили с повреждённым товаром!",
                    "Спасибо, для разбитой посылки это очень честно.",
                    "Спасибо, тогда повреждённый товар утилизирую."),
        ),),
        related=(
            ("можно в следующий раз упаковать получше? Уже второй раз коробка приходит мятой.",
             "Конечно. Мы добавили пометку в ваш профиль: склад будет упаковывать ваши заказы "
             "с дополнительной защитой."),
            ("мне нужно что-то заполнять для претензии по повреждению?",
             "Нет, претензию в {courier} мы оформляем сами, ваших фото достаточно."),
        ),
        notes=("Претензия к {courier} за повреждение, номер ПП-{ticket}.",
               "Второй повреждённый заказ у клиента, добавить пометку об упаковке."),
    ),
    Topic(
        key="promo_code",
        language="ru",
        labels=(),
        keywords=("промокод", "скид", "код", "купон", "рассылк"),
        about=("по промокоду {code}", "по промокоду", "по скидке"),
        cases=(
            Case(
                subjects=("Не работает промокод {code}", "Промокод не применяется"),
                openings=(
                    "промокод {code} при оформлении пишет «недействителен», хотя в письме "
                    "сказано, что он действует до {date}.",
                    "в рассылке обещали скидку {percent}%, но код {code} не срабатывает на "
                    "{item_acc}.",
                ),
                context=("Копировал{|а} код прямо из письма.", "Сумма корзины {amount}.",
                         "Покупаю у вас не впервые, если это важно."),
                details=(
                    ("Сейчас проверим промокод. Что именно пишет при оформлении?",
                     "Пишет «Промокод нельзя применить к товарам в корзине». А в корзине только "
                     "{item}."),
                    ("Подскажите, что в корзине? Некоторые коды не действуют на товары со "
                     "скидкой.",
                     "Только {item}, сумма {amount}, других скидок нет."),
                ),
                answers=("Товар уже участвовал в распродаже, а промокоды со скидками не "
                         "суммируются. В виде исключения мы вернули вам {percent}% на карту.",
                         "Промокод действовал только на первые 500 заказов и закончился, "
                         "извините. Вместо него мы создали для вас персональный код {code2}, он "
                         "действует семь дней."),
                updates=("Обновление: мы сообщили маркетингу, что с промокодом {code} были "
                         "проблемы.",
                         "Скидка на {item_acc} уже видна в вашем личном кабинете."),
                thanks=("Спасибо, что разобрались со скидкой!",
                        "Понял{|а}, спасибо, что объяснили, как работают промокоды."),
            ),
            Case(
                subjects=("Забыл{|а} ввести промокод", "Применить промокод к заказу №{order}"),
                openings=(
                    "забыл{|а} ввести промокод {code} в заказе №{order}. Можно применить его "
                    "сейчас?",
                    "час назад оформил{|а} заказ №{order} и только потом увидел{|а} в почте "
                    "промокод {code}. Его ещё можно использовать?",
                ),
                context=("Промокод из вашей рассылки.", "Оплатил{|а} {amount} картой."),
                details=(
                    ("Конечно, проверим. Какую скидку даёт промокод?",
                     "Скидку {percent}%, он пришёл в рассылке {day}."),
                    ("Хорошо. Подтвердите, пожалуйста, сумму заказа.",
                     "Сумма {amount}, оплачено картой, без промокода."),
                ),
                answers=("Мы применили скидку {percent}% к заказу №{order} задним числом, "
                         "разница вернётся на карту в течение нескольких дней.",
                         "Готово: {percent}% по промокоду {code} возвращаются на карту, деньги "
                         "придут в течение трёх–пяти рабочих дней."),
                updates=("Обновление: возврат разницы по скидке для заказа №{order} отправлен "
                         "сегодня.",
                         "В личном кабинете у заказа №{order} теперь видна скидка {percent}%."),
                thanks=("Отлично, спасибо, что применили скидку задним числом!",
                        "Спасибо, очень приятно, что промокод всё-таки сработал."),
            ),
        ),
        related=(
            ("а промокоды вообще действуют на товары со скидкой?",
             "Нет, с ценами распродажи промокоды не суммируются, но на остальные товары в "
             "корзине действуют."),
            ("есть ли скидка для студентов?",
             "Да, 10% после подтверждения студенческой почты в разделе «Профиль» → «Скидки»."),
        ),
        notes=("Проверили промокод {code} в системе акций.",
               "Коды из рассылки ограничены 500 использованиями, сообщили маркетингу."),
    ),
    Topic(
        key="business_plan",
        inquiry=True,
        language="ru",
        labels=("vip", "billing"),
        keywords=("тариф", "бизнес", "команд", "сотрудник", "интеграц", "1с", "рабочих мест",
                  "коммерческ"),
        about=("по тарифу «Бизнес» для {company}", "по тарифу «Бизнес»",
               "по коммерческому предложению"),
        cases=(Case(
            subjects=("Тариф для команды из {team} человек",
                      "Коммерческое предложение для {company}"),
            openings=(
                "подскажите, пожалуйста, по тарифам для бизнеса: у нас команда из {team} "
                "человек.",
                "рассматриваем ваш сервис для {company}, нужно {team} рабочих мест. Какой тариф "
                "подойдёт?",
                "нам нужна интеграция с 1С и выгрузка отчётов — это есть в тарифе «Бизнес»?",
            ),
            context=("Сейчас пользуемся другим сервисом, но он нас не устраивает.",
                     "Хотим начать с пробного периода."),
            details=(
                ("Подскажите, сколько сотрудников будет работать в сервисе и нужна ли "
                 "интеграция с 1С?",
                 "Работать будут {team} сотрудников, интеграция с 1С нужна обязательно."),
                ("С удовольствием поможем. Для каких задач команде нужен сервис: продажи, "
                 "поддержка или и то и другое?",
                 "В основном поддержка клиентов силами всей команды, плюс выгрузка отчётов для "
                 "руководства."),
            ),
            answers=("Для команды из {team} человек подойдёт тариф «Бизнес»: интеграция с 1С и "
                     "выгрузка отчётов входят в него, а при оплате за год — скидка 20%.",
                     "Мы подготовили коммерческое предложение на {team} рабочих мест по тарифу "
                     "«Бизнес» и отправили его вам на почту. Пробный период — 14 дней.",
                     "Интеграция с 1С есть в тарифе «Бизнес», настройка бесплатная. Завтра с "
                     "вами свяжется менеджер и всё покажет."),
            updates=("Обновление: коммерческое предложение на {team} рабочих мест действует 30 "
                     "дней.",
                     "Менеджер позвонит вам завтра по тарифу «Бизнес» для {company}."),
            thanks=("Спасибо, очень помогли — обсудим тариф «Бизнес» с командой.",
                    "Отлично, пришлите, пожалуйста, счёт за год по тарифу «Бизнес». Спасибо!",
                    "Спасибо, на вопрос по тарифу вы ответили."),
        ),),
        related=(
            ("можно ли добавить ещё пять сотрудников в середине года?",
             "Да, доплата считается пропорционально оставшимся месяцам."),
            ("есть ли у вас договор и закрывающие документы для юрлиц на тарифе «Бизнес»?",
             "Конечно: договор, счёт и акт — через ЭДО или на почту."),
        ),
        notes=("Крупный клиент, после оплаты передать в отдел продаж.",
               "Запросили КП на {team} рабочих мест, отправили {day}."),
    ),
    Topic(
        key="feature_request",
        inquiry=True,
        language="ru",
        labels=("feature-request",),
        keywords=("темн", "функци", "предложени", "выгруз", "иде", "добавьте", "в планах"),
        about=("по предложению о новой функции",),
        cases=(
            Case(
                subjects=("Предложение: тёмная тема", "Тёмная тема в приложении"),
                openings=(
                    "добавьте, пожалуйста, тёмную тему в приложение — по вечерам белый экран "
                    "слепит.",
                    "планируется ли в приложении тёмная тема? Ночью экран очень яркий.",
                ),
                context=("Пользуюсь вашим приложением каждый день.",
                         "У других магазинов такая функция уже есть."),
                details=(
                    ("Спасибо за идею! Чем вы пользуетесь чаще — приложением или сайтом?",
                     "В основном приложением на {device}, по вечерам, поэтому тёмная тема очень "
                     "нужна."),
                ),
                answers=("Передали идею команде продукта и учли ваш голос. Тёмная тема "
                         "запланирована на этот квартал.",
                         "Хорошие новости: тёмная тема сейчас в тестировании и появится в версии "
                         "{new_version}."),
                updates=("Обновление: тёмная тема уже в бета-версии — включить её можно в разделе "
                         "«Настройки» → «Эксперименты».",
                         "Команда продукта запланировала тёмную тему на версию {new_version}."),
                thanks=("Здорово, что тёмная тема в планах, спасибо!",
                        "Отлично, буду ждать тёмную тему в версии {new_version}. Спасибо!"),
            ),
            Case(
                subjects=("Предложение: выгрузка заказов", "Выгрузка истории заказов"),
                openings=(
                    "можно ли выгрузить историю заказов в Excel? Очень не хватает такой функции.",
                    "добавьте, пожалуйста, выгрузку всех заказов — каждый месяц нужна для "
                    "отчёта о расходах.",
                ),
                context=("Заказываю у вас каждую неделю.",
                         "У других магазинов такая функция уже есть."),
                details=(
                    ("Спасибо за предложение! Для чего вам нужна выгрузка?",
                     "Я заказываю для офиса, и каждый месяц бухгалтерии нужна выгрузка истории "
                     "заказов."),
                ),
                answers=("Историю заказов уже можно выгрузить в CSV в разделе «Заказы» → "
                         "«Экспорт», Excel его открывает. Полноценную выгрузку в Excel мы тоже "
                         "планируем.",
                         "Учли ваш голос за эту функцию; пока можно пользоваться выгрузкой в CSV "
                         "в разделе «Заказы» → «Экспорт»."),
                updates=("Обновление: выгрузка в Excel попала в план на следующий квартал.",
                         "В выгрузку заказов в CSV теперь попадают и адреса доставки."),
                thanks=("Не знал{|а} про выгрузку в CSV, спасибо!",
                        "Выгрузки в CSV пока хватит, спасибо!"),
            ),
            Case(
                subjects=("Идея: несколько адресов доставки", "Предложение: сохранённые адреса"),
                openings=(
                    "было бы здорово сохранять в профиле несколько адресов доставки. Такая вот "
                    "идея.",
                    "можно ли добавить в профиль больше одного адреса доставки? Была бы удобная "
                    "функция.",
                ),
                context=("Заказываю и домой, и на работу.",
                         "У других магазинов такая функция уже есть."),
                details=(
                    ("Спасибо за идею! Сколько адресов вам нужно?",
                     "Два-три: дом, работа и иногда дача, так что функция очень пригодится."),
                ),
                answers=("Несколько адресов доставки появятся в версии {new_version}, она выйдет "
                         "в течение месяца.",
                         "Спасибо! Сохранённые адреса уже в планах на следующий релиз, мы учли "
                         "ваш голос."),
                updates=("Обновление: сохранённые адреса уже тестируются в версии {new_version}.",
                         "Команда продукта включила вашу идею про несколько адресов в план "
                         "следующего релиза."),
                thanks=("Буду ждать новую версию с этой функцией, спасибо!",
                        "Отлично, спасибо, что передали идею!"),
            ),
        ),
        related=(
            ("есть новости про эту функцию?",
             "Она сейчас в тестировании и появится в версии {new_version}."),
            ("а где можно предложить другие идеи?",
             "В разделе «Помощь» → «Предложить идею»: голоса оттуда сразу попадают к команде "
             "продукта."),
        ),
        notes=("Запрос функции записан как FR-{ticket}.",
               "Уже третий запрос этой функции за неделю."),
    ),
)  # fmt: skip

PHRASES: dict[Language, Phrases] = {"en": PHRASES_EN, "ru": PHRASES_RU}
TOPICS: dict[Language, tuple[Topic, ...]] = {"en": TOPICS_EN, "ru": TOPICS_RU}
