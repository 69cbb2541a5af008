"""Suggested replies: for the customer's latest question, the three best answers from this
team's canned responses and its own earlier replies to questions like it, all from the local
cache (nothing leaves the machine, and it works offline).

How they are found and scored, on the database thread, in a few statements:

- the question is the customer's messages since the last public reply (`open_question`),
  as stems (`textsearch.stem`: Snowball, Russian and English, so word forms match);
- earlier questions come from the questions-only FTS5 index, ranked by bm25 over an OR of
  the question's rarer stems (words in most questions would match everything and say
  nothing), each with the next public reply an agent wrote after it;
- every candidate (an earlier question, or a canned response's short code and text) gets one
  score in [0, 1]: the share of the question's words it has, each word weighed by its
  inverse question frequency (0.7), and the share of the candidate's own words that are the
  question's (0.3, so a long text that mentions everything does not win); an earlier reply
  counts a little less the older it is (down to 0.9 of its score);
- the same text is offered once (canned or earlier reply, near-identical ones merged: the
  canned one and then the best-scored one stand for them, scored higher the more replies
  agree, `agreed`), texts too short to help are left out, and so is anything scoring under
  `MIN_SCORE`;
- an earlier reply that greets its customer by name is given the current customer's name.
"""

from __future__ import annotations

import enum
import logging
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.storage.cache import AnsweredQuestion, Cache
from operator_desktop.storage.database import DbWorker
from operator_desktop.storage.textsearch import WORD, stem

log = logging.getLogger("db")

SUGGESTIONS = 3
CANDIDATES = 40  # earlier questions read per suggestion
MATCH_TERMS = 12  # the rarest stems of the question the index is asked for
COMMON_SHARE = 0.05  # a stem in more of the questions than this is scored, not matched on
ALWAYS_MATCHED = 20  # ... unless it is in this few (a small history)
MIN_SCORE = 0.2
MIN_ANSWER_CHARS = 12
MIN_ANSWER_WORDS = 3
# two replies count as one when most of the shorter one's words are the longer one's and
# most of both are shared (the same answer after another greeting, or for another order)
SAME_CONTAINED = 0.75
SAME_SHARED = 0.5
RECENT_DAYS = 90.0  # an earlier reply's age weighs e^(-age / this) into its last tenth
SUPPORT_WEIGHT = 0.5  # how much each near-identical earlier reply adds (see `agreed`)
QUESTION_WEIGHT = 0.7  # coverage of the question's words, against the candidate's own


class Source(enum.Enum):
    CANNED = "canned"
    HISTORY = "history"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested reply; `conversation_id` and `message_id` say where an earlier reply was
    written, `short_code` which canned response it is."""

    text: str
    source: Source
    score: float
    short_code: str | None = None
    conversation_id: int | None = None
    message_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """What `operator-desktop suggest ID --json` prints for it: exactly these keys."""
        return {"text": self.text, "source": self.source.value, "score": round(self.score, 4)}


@dataclass
class _Candidate:
    suggestion: Suggestion
    words: frozenset[str]  # the reply's own stems (the near-identical test)
    scores: list[float] = field(default_factory=list)  # of the replies it stands for


def terms(text: str | None) -> list[str]:
    """The stems a text is matched and scored on, each once, in order: words of two letters
    or more that are not bare numbers (order numbers and amounts never recur)."""
    seen: dict[str, None] = {}
    for word in WORD.findall(text or ""):
        if len(word) > 1 and not word.isdigit():
            seen.setdefault(stem(word), None)
    return list(seen)


def quoted(stems: Iterable[str]) -> str:
    """An FTS5 OR expression of `stems` (stems are word characters only: quoting is enough)."""
    return " OR ".join(f'"{s}"' for s in stems)


class _Question:
    """The question's stems weighed by inverse question frequency. A word no earlier question
    has weighs only when a candidate has it (a canned text can): what the history cannot
    know lowers no earlier question's score."""

    def __init__(self, stems: Sequence[str], frequencies: dict[str, int], total: int) -> None:
        self.weights = {
            s: math.log(1 + (total - frequencies.get(s, 0) + 0.5) / (frequencies.get(s, 0) + 0.5))
            for s in stems
        }
        known = [s for s in stems if frequencies.get(s, 0) > 0]
        self.known_total = sum(self.weights[s] for s in known)
        common = max(COMMON_SHARE * total, ALWAYS_MATCHED)
        rare = [s for s in known if frequencies[s] <= common]
        rare.sort(key=lambda s: (frequencies[s], s))
        # all its words are common ones: match on the least common two
        self.match = rare[:MATCH_TERMS] or sorted(known, key=lambda s: frequencies[s])[:2]
        self._known = frozenset(known)

    def similarity(self, words: frozenset[str]) -> float:
        if not words:
            return 0.0
        shared = [s for s in self.weights if s in words]
        weight = sum(self.weights[s] for s in shared)
        unknown = sum(self.weights[s] for s in shared if s not in self._known)
        covered = weight / (self.known_total + unknown) if weight else 0.0
        own = len(shared) / len(words)
        return QUESTION_WEIGHT * covered + (1 - QUESTION_WEIGHT) * own


FIRST_NAME = re.compile(r"^[^\W\d_]{2,}$")


def first_name(name: str) -> str:
    """A contact's first name when it looks like one (not an e-mail or a phone number)."""
    parts = name.split()
    return parts[0] if parts and FIRST_NAME.match(parts[0]) else ""


def readdressed(text: str, old_name: str, new_name: str) -> str:
    """An earlier reply for another customer: their name becomes the current customer's (or
    goes, with its comma, when the current one's is not known)."""
    old = first_name(old_name)
    if not old:
        return text
    new = first_name(new_name)
    full_old = re.escape(old_name.strip())
    if new:  # the names as plain text, not as replacement templates (a "\\" in one stays)
        full_new = new_name.strip()
        text = re.sub(rf"\b{full_old}\b", lambda _m: full_new, text)
        return re.sub(rf"\b{re.escape(old)}\b", lambda _m: new, text)
    for name in (full_old, re.escape(old)):
        # "Ольга, здравствуйте!" → "Здравствуйте!"; "Hi Isla!", "Thanks, Isla!" → "Hi!", "Thanks!"
        text = re.sub(rf"^(\W*){name}\b[ \t]*,?[ \t]*", r"\1", text)
        text = re.sub(rf",?[ \t]*\b{name}\b", "", text)
    return text[:1].upper() + text[1:]


def long_enough(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= MIN_ANSWER_CHARS and len(WORD.findall(stripped)) >= MIN_ANSWER_WORDS


def recency(answered_at: float, now: float) -> float:
    age_days = max(0.0, now - answered_at) / 86_400
    return 0.9 + 0.1 * math.exp(-age_days / RECENT_DAYS)


def near_identical(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two replies' word sets say the same (see `SAME_CONTAINED`)."""
    if not a or not b:
        return a == b
    shared = len(a & b)
    return shared >= SAME_CONTAINED * min(len(a), len(b)) and shared >= SAME_SHARED * len(a | b)


class ReplySuggester:
    """Suggested replies for one account (see the module docstring); `suggest*` run on the
    database thread, `for_conversation` awaits them from the event loop."""

    def __init__(
        self,
        worker: DbWorker,
        cache: Cache,
        key: AccountKey,
        *,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.worker = worker
        self.cache = cache
        self.key = key
        self.now = now

    async def for_conversation(self, display_id: int, limit: int = SUGGESTIONS) -> list[Suggestion]:
        return await self.worker.run(self.suggest, display_id, limit)

    def suggest(self, display_id: int, limit: int = SUGGESTIONS) -> list[Suggestion]:
        """On the database thread: the best replies to the conversation's open question."""
        question = self.cache.open_question(self.key, display_id)
        if question is None:
            return []
        return self.suggest_for_text(
            question.text,
            exclude_conversation=display_id,
            contact_name=question.contact_name,
            indexed=question.messages,
            limit=limit,
        )

    def suggest_for_text(
        self,
        text: str,
        *,
        exclude_conversation: int = -1,
        contact_name: str = "",
        indexed: Sequence[str] = (),
        limit: int = SUGGESTIONS,
    ) -> list[Suggestion]:
        """On the database thread: the best replies to `text` (earlier replies from any
        conversation but `exclude_conversation`); `indexed` are its messages the index
        holds (the customer's own: not counted as earlier questions)."""
        stems = terms(text)
        if not stems:
            return []
        frequencies, total = self.cache.question_frequencies(stems)
        for message in indexed:
            for own in terms(message):
                if own in frequencies:
                    frequencies[own] = max(0, frequencies[own] - 1)
        total = max(1, total - len(indexed))
        for stem_, count in frequencies.items():  # the total is cached a while: never above it
            frequencies[stem_] = min(count, total)
        question = _Question(stems, frequencies, total)
        candidates = self._canned(question)
        if question.match:
            answered = self.cache.answered_questions(
                self.key,
                quoted(question.match),
                exclude_conversation=exclude_conversation,
                limit=CANDIDATES,
            )
            candidates += self._history(question, answered, contact_name)
        return self._best(candidates, limit)

    def _canned(self, question: _Question) -> list[_Candidate]:
        out: list[_Candidate] = []
        for canned in self.cache.canned_responses(self.key):
            if not long_enough(canned.content):
                continue
            words = frozenset(terms(canned.content))
            code = frozenset(terms(canned.short_code.replace("_", " ").replace("-", " ")))
            score = question.similarity(words | code)
            if score >= MIN_SCORE:
                found = Suggestion(
                    canned.content, Source.CANNED, score, short_code=canned.short_code
                )
                out.append(_Candidate(found, words))
        return out

    def _history(
        self, question: _Question, answered: Sequence[AnsweredQuestion], contact_name: str
    ) -> list[_Candidate]:
        now = self.now()
        out: list[_Candidate] = []
        for hit in answered:
            if not long_enough(hit.answer):
                continue
            score = question.similarity(frozenset(hit.question_stems.split()))
            score *= recency(hit.answered_at, now)
            if score < MIN_SCORE:
                continue
            text = readdressed(hit.answer.strip(), hit.contact_name, contact_name)
            words = frozenset(terms(hit.answer)) - frozenset(terms(hit.contact_name))
            found = Suggestion(
                text,
                Source.HISTORY,
                score,
                conversation_id=hit.conversation_id,
                message_id=hit.answer_id,
            )
            out.append(_Candidate(found, words))
        return out

    @staticmethod
    def _best(candidates: list[_Candidate], limit: int) -> list[Suggestion]:
        """Near-identical texts merged (a canned one stands for them, else the best-scored),
        each scored by its best with a little for the earlier replies agreeing with it."""
        candidates.sort(
            key=lambda c: (c.suggestion.source is not Source.CANNED, -c.suggestion.score)
        )
        kept: list[_Candidate] = []
        for candidate in candidates:
            same = next((k for k in kept if near_identical(k.words, candidate.words)), None)
            if same is None:
                same = candidate
                kept.append(candidate)
            same.scores.append(candidate.suggestion.score)
        ranked = [replace(k.suggestion, score=agreed(k.scores)) for k in kept]
        ranked.sort(key=lambda s: -s.score)
        return ranked[:limit]


def agreed(scores: list[float]) -> float:
    """A reply's score from those of the near-identical replies it stands for: its best, and
    for each other one a share of what is left (a noisy-or at half weight): an answer the team
    keeps giving to such questions comes first."""
    ordered = sorted(scores, reverse=True)
    doubt = 1 - ordered[0]
    for other in ordered[1:]:
        doubt *= 1 - SUPPORT_WEIGHT * other
    return 1 - doubt
