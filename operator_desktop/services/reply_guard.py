"""`ReplyGuard`: checks a reply against the chat rules before it goes to a customer.

Four rules, each finding a span of the text (`text == reply[start:end]`, offsets in
characters, as Python strings count them):

- **rudeness**: rude or offensive words in Russian and English. Words match by stem (the
  same Snowball stems as the search index, `storage.textsearch.stem`), so every form of a
  listed word counts; profanity matches by word beginning after a prefix; phrases match
  word by word. Only the words that could match are stemmed (stemming is most of the cost).
- **personal-data**: e-mail addresses, phone numbers, cards, IBANs and passport numbers,
  found by `core.personal_data` (the detectors the redaction uses). A phone or passport
  number (no checksum) right after a reference word of the rules ("ИНН", "трек-номер",
  "order") is a company's or a parcel's number, not a person's, and so is one that holds
  a date; a card number written without groups must be in a card issuer's range.
- **shouting**: a run of words in capitals; common abbreviations do not count.
- **mention**: "@name" of a colleague, in a reply that was probably meant as a private note.

The rules come from `services.chat_rules`. A 2,000-character reply is checked in a few
milliseconds (bench/reply_guard_bench.py), so the composer checks synchronously.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from operator_desktop.core.personal_data import PersonalDataKind, find_personal_data
from operator_desktop.services.chat_rules import ChatRules, default_rules
from operator_desktop.storage.textsearch import stem


class GuardRule(StrEnum):
    RUDENESS = "rudeness"
    PERSONAL_DATA = "personal-data"
    SHOUTING = "shouting"
    MENTION = "mention"


_RULE_ORDER = {rule: index for index, rule in enumerate(GuardRule)}


@dataclass(frozen=True, slots=True)
class GuardFinding:
    """One finding: `rule` found `text`, which is `reply[start:end]`.

    `detail` says what exactly: the personal-data kind ("card"), the listed word or phrase
    that matched, or the colleague's name.
    """

    rule: GuardRule
    start: int
    end: int
    text: str
    detail: str = ""


_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+")
# "@" that does not end the local part of an e-mail address, before a letter
_AT = re.compile(r"(?<![\w.%+-])@(?=[^\W\d_])")
_HANDLE = re.compile(r"[^\W_][\w.-]*")
# two capitals in a row (Latin, Cyrillic, Greek): fewer such places than a run needs words
# means no run, without looking at every word
_TWO_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]{2}")
_STEM_PREFIX = 3  # a word is stemmed only when it starts as a listed stem does
# phone and passport numbers have no checksum: these are the ones a reference word can excuse
_NUMBER_KINDS = frozenset({PersonalDataKind.PHONE, PersonalDataKind.PASSPORT})
_DATE_IN_NUMBER = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.\d{4}(?!\d)|\d{4}-\d{2}-\d{2}")
# Issuers' number ranges (IIN prefix, lengths) of the cards in use: a bare run of digits that
# passes the Luhn check (one in ten does) is taken for a card only in one of these, since an
# order number or a code is far more likely in a reply than a card written without groups.
_CARD_RANGES: tuple[tuple[tuple[int, int], int, frozenset[int]], ...] = (
    ((4, 4), 1, frozenset({13, 16, 19})),  # Visa
    ((51, 55), 2, frozenset({16})),  # Mastercard
    ((2221, 2720), 4, frozenset({16})),  # Mastercard 2-series
    ((2200, 2204), 4, frozenset({16, 17, 18, 19})),  # Mir
    ((34, 34), 2, frozenset({15})),  # American Express
    ((37, 37), 2, frozenset({15})),
    ((62, 62), 2, frozenset({16, 17, 18, 19})),  # UnionPay
    ((3528, 3589), 4, frozenset({16, 17, 18, 19})),  # JCB
    ((6011, 6011), 4, frozenset({16, 17, 18, 19})),  # Discover
    ((644, 649), 3, frozenset({16, 17, 18, 19})),
    ((65, 65), 2, frozenset({16, 17, 18, 19})),
)
_CARD_WORD = re.compile(r"(?:карт|card)\w{0,4}(?:\s+\w+)?[\s:№#.,-]{0,4}\Z", re.IGNORECASE)
_NUMBER_WORD = r"(?:number|num|no|nr|номер|номера|номеру)"
_REFERENCE_WINDOW = 40  # characters before a number where its reference word may be


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


class ReplyGuard:
    """Checks replies against one set of `ChatRules` (compiled once, at the first check)."""

    def __init__(self, rules: ChatRules | None = None) -> None:
        self.rules = rules if rules is not None else default_rules()
        self._compiled = False

    def _compile(self) -> None:
        """Stem the lists and build the patterns (at the first check: the stemmer is not
        loaded before the window's first paint)."""
        self._compiled = True
        rude = self.rules.rudeness
        self._rude_stems: dict[str, str] = {}  # stem -> the listed word
        for word in rude.words:
            for token in _LETTERS.findall(word):
                self._rude_stems.setdefault(stem(token), word)
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in rude.phrases:
            stems = tuple(stem(token) for token in _LETTERS.findall(phrase))
            if stems:
                self._phrases.setdefault(stems[0], []).append((stems, phrase))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda item: -len(item[0]))  # the longest phrase first
        listed = (*self._rude_stems, *self._phrases)
        self._stem_prefixes = {s[:_STEM_PREFIX] for s in listed if len(s) >= _STEM_PREFIX}
        self._short_stems = tuple(s for s in listed if len(s) < _STEM_PREFIX)
        self._exceptions = frozenset(_fold(word) for word in rude.exceptions)
        self._word_start: re.Pattern[str] | None = None
        if rude.word_starts:
            prefixes = "|".join(re.escape(_fold(p)) for p in sorted(rude.prefixes, key=len))
            starts = "|".join(re.escape(_fold(s)) for s in sorted(rude.word_starts, key=len))
            self._word_start = re.compile(rf"(?:{prefixes})?(?:{starts})" if prefixes else starts)
        self._acronyms = frozenset(word.upper() for word in self.rules.shouting.acronyms)
        self._reference_before: re.Pattern[str] | None = None
        references = self.rules.personal_data.reference_words
        if references:
            # the word with an ending of up to three letters ("заказа", not "заказчика"), a
            # hyphenated or slashed second word ("трек-номер", "ИНН/КПП"), then at most a few
            # spaces or signs ("№", "#", ":") right up to the number; "number" may come between
            # ("tracking number", "заказ номер"), and "is" ("your tracking number is")
            words = "|".join(re.escape(_fold(w)) for w in sorted(references, key=len, reverse=True))
            self._reference_before = re.compile(
                rf"(?<!\w)(?:{words})(?:\w{{0,3}}|-\w+)(?:/\w+)?(?:\s+{_NUMBER_WORD})?(?:\s+(?:is|was))?"
                r"[\s:№#.,-]{0,4}\Z",
                re.IGNORECASE,
            )

    def check(self, text: str, agent_names: Iterable[str] | None = None) -> list[GuardFinding]:
        """The findings in `text`, sorted by position. `agent_names` are the account's agents
        (for "mention"); None or none: any "@name" outside an e-mail address is a mention."""
        if not self._compiled:
            self._compile()
        rules = self.rules
        found: list[GuardFinding] = []
        if rules.rudeness.enabled:
            found += self._rudeness(text)
        if rules.personal_data.enabled and rules.personal_data.kinds:
            found += self._personal_data(text)
        if rules.shouting.enabled:
            found += self._shouting(text)
        if rules.mention.enabled:
            found += self._mentions(text, agent_names)
        found.sort(key=lambda f: (f.start, _RULE_ORDER[f.rule], f.end))
        return found

    # ---- rudeness -----------------------------------------------------------------------------
    def _rudeness(self, text: str) -> list[GuardFinding]:
        found: list[GuardFinding] = []
        words = list(_LETTERS.finditer(text))
        folded = [_fold(m.group()) for m in words]
        stems: list[str | None] = [None] * len(words)

        def stem_at(index: int) -> str:
            value = stems[index]
            if value is None:
                value = stems[index] = stem(folded[index])
            return value

        index = 0
        while index < len(words):
            word = folded[index]
            if word in self._exceptions:
                index += 1
                continue
            if word[:_STEM_PREFIX] in self._stem_prefixes or word.startswith(self._short_stems):
                phrase = self._phrase_at(index, folded, stem_at)
                if phrase is not None:
                    last, listed = phrase
                    start, end = words[index].start(), words[last].end()
                    found.append(
                        GuardFinding(GuardRule.RUDENESS, start, end, text[start:end], listed)
                    )
                    index = last + 1
                    continue
                listed_word = self._rude_stems.get(stem_at(index))
                if listed_word is not None:
                    match = words[index]
                    found.append(
                        GuardFinding(
                            GuardRule.RUDENESS,
                            match.start(),
                            match.end(),
                            match.group(),
                            listed_word,
                        )
                    )
                    index += 1
                    continue
            if self._word_start is not None and (beginning := self._word_start.match(word)):
                match = words[index]
                found.append(
                    GuardFinding(
                        GuardRule.RUDENESS,
                        match.start(),
                        match.end(),
                        match.group(),
                        beginning.group(),
                    )
                )
            index += 1
        return found

    def _phrase_at(
        self, index: int, folded: list[str], stem_at: Callable[[int], str]
    ) -> tuple[int, str] | None:
        """(index of the last word, the listed phrase) of a phrase starting at word `index`."""
        candidates = self._phrases.get(stem_at(index))
        if not candidates:
            return None
        for stems, phrase in candidates:
            last = index + len(stems) - 1
            if len(stems) < 2 or last >= len(folded):
                continue
            if all(stem_at(index + offset) == s for offset, s in enumerate(stems)):
                return last, phrase
        return None

    # ---- personal data ------------------------------------------------------------------------
    def _personal_data(self, text: str) -> list[GuardFinding]:
        found: list[GuardFinding] = []
        for f in find_personal_data(text, self.rules.personal_data.kinds):
            if f.kind in _NUMBER_KINDS and self._is_reference(text, f.start, f.text):
                continue
            if f.kind is PersonalDataKind.CARD and not _looks_like_a_card(text, f.start, f.text):
                continue
            found.append(
                GuardFinding(GuardRule.PERSONAL_DATA, f.start, f.end, f.text, f.kind.value)
            )
        return found

    def _is_reference(self, text: str, start: int, number: str) -> bool:
        """A number that dials but is a date with a number before it ("д. 30. 27.11.2025"),
        or comes right after a reference word ("ИНН 7182097207", "трек-номер 4740708362")."""
        if _DATE_IN_NUMBER.search(number):
            return True
        if self._reference_before is None:
            return False
        return (
            self._reference_before.search(text, max(0, start - _REFERENCE_WINDOW), start)
            is not None
        )

    # ---- shouting -----------------------------------------------------------------------------
    def _shouting(self, text: str) -> list[GuardFinding]:
        rules = self.rules.shouting
        found: list[GuardFinding] = []
        if len(_TWO_CAPITALS.findall(text)) < rules.min_words:
            return found
        run: list[re.Match[str]] = []  # the words in capitals of the current run
        counted = letters = 0

        def close() -> None:
            if counted >= rules.min_words and letters >= rules.min_letters:
                start, end = run[0].start(), run[-1].end()
                found.append(GuardFinding(GuardRule.SHOUTING, start, end, text[start:end]))

        for token in _TOKEN.finditer(text):
            word = token.group()
            if any(char.isdigit() for char in word) or "_" in word:
                continue  # a code ("RA123456789CN"): neither counts nor ends a run
            if not word.isupper():
                close()
                run, counted, letters = [], 0, 0
                continue
            run.append(token)  # "I" and "OK" are part of a run, but do not make one
            if len(word) >= 2 and word not in self._acronyms:
                counted += 1
                letters += len(word)
        close()
        return found

    # ---- mentions -----------------------------------------------------------------------------
    def _mentions(self, text: str, agent_names: Iterable[str] | None) -> list[GuardFinding]:
        if "@" not in text:
            return []
        names = _mention_names(agent_names)
        found: list[GuardFinding] = []
        for at in _AT.finditer(text):
            after = at.end()
            if not names:
                handle = _HANDLE.match(text, after)
                if handle is None:
                    continue
                end = handle.end()
                while text[end - 1] in ".-":
                    end -= 1
                found.append(
                    GuardFinding(GuardRule.MENTION, at.start(), end, text[at.start() : end])
                )
                continue
            for name, agent in names:
                end = after + len(name)
                if _fold(text[after:end]) != name:
                    continue
                if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                    continue
                found.append(
                    GuardFinding(GuardRule.MENTION, at.start(), end, text[at.start() : end], agent)
                )
                break
        return found


def _looks_like_a_card(text: str, start: int, number: str) -> bool:
    """A card found by its checksum: written in groups ("4111 1111 1111 1111"), after the
    word "карта"/"card" (and perhaps one more word), or a bare number of an issuer's range
    and length."""
    if not number.isdigit():
        return True
    if _CARD_WORD.search(text, max(0, start - _REFERENCE_WINDOW), start):
        return True
    for (low, high), digits, lengths in _CARD_RANGES:
        if len(number) in lengths and low <= int(number[:digits]) <= high:
            return True
    return False


def _mention_names(agent_names: Iterable[str] | None) -> list[tuple[str, str]]:
    """(folded name, the agent's name) to look for after "@", the longest first: each full
    name and its first word ("@Maria" for "Maria Ivanova")."""
    if agent_names is None:
        return []
    names: dict[str, str] = {}
    for given in agent_names:
        agent = " ".join(given.split())
        if not agent:
            continue
        names.setdefault(_fold(agent), agent)
        first = agent.split()[0].strip(".,")
        if first:
            names.setdefault(_fold(first), agent)
    return sorted(names.items(), key=lambda item: -len(item[0]))
