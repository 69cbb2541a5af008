"""The cached material of suggested replies: a conversation's open question, earlier questions
like it with the agent reply that followed each, and how common each question word is.

`QUESTION_FTS` indexes the customers' public messages alone (kept by the message writes), so
bm25 ranks questions among questions. An earlier question's answer is the next public reply
an agent (a user, not a bot) wrote in that conversation, read with it in the same statement.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.types import MessageType
from operator_desktop.storage.cache.batch import marks
from operator_desktop.storage.cache.messages import CONVERSATION_TABLE, MESSAGE_TABLE
from operator_desktop.storage.cache.stats import StatsStore
from operator_desktop.storage.database import QUESTION_FTS, QUESTION_VOCAB

QUESTION_COUNT_TTL = 300.0  # seconds a count of the indexed questions is reused (idf only)
TURN_MESSAGES = 5  # the customer's messages since the last reply read as one question

# The next public reply by an agent after question `m` in its conversation: one index seek
# on (server, account, conversation, message id) per question.
NEXT_REPLY = f"""
SELECT a.id FROM {MESSAGE_TABLE} a
WHERE a.server_id = m.server_id AND a.account_id = m.account_id
  AND a.conversation_id = m.conversation_id AND a.message_id > m.message_id
  AND a.message_type = {int(MessageType.OUTGOING)} AND NOT a.private AND NOT a.deleted
  AND lower(coalesce(a.sender_kind, '')) = 'user'
ORDER BY a.message_id LIMIT 1
"""


@dataclass(frozen=True, slots=True)
class AnsweredQuestion:
    """An earlier customer question like the one asked, and the agent reply that followed."""

    conversation_id: int
    question_stems: str  # as indexed: space-separated stems
    bm25: float  # FTS5's rank: lower is better
    answer_id: int  # the reply's message id
    answer: str
    answered_at: float
    contact_name: str  # the customer of that conversation (the reply may greet them)


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """What the customer asked last: their messages since the last public reply, joined."""

    messages: tuple[str, ...]  # oldest first (each is a question in the index too)
    message_id: int  # the newest of them
    contact_name: str

    @property
    def text(self) -> str:
        return "\n".join(self.messages)


class SuggestionStore(StatsStore):
    _question_count: tuple[float, int] | None = None

    def open_question(self, key: AccountKey, display_id: int) -> OpenQuestion | None:
        """The customer's latest messages with text (up to `TURN_MESSAGES`, since the last
        public reply before them), or None when the customer has written nothing."""
        scope = (self.server_id(key.server_url), key.account_id)
        rows = self._sql(
            f"SELECT m.message_type, m.message_id, m.content FROM {MESSAGE_TABLE} m"
            " WHERE m.server_id = ? AND m.account_id = ? AND m.conversation_id = ?"
            " AND NOT m.private AND NOT m.deleted AND m.message_type IN (?, ?)"
            " ORDER BY m.message_id DESC LIMIT 50",
            (*scope, display_id, int(MessageType.INCOMING), int(MessageType.OUTGOING)),
        ).fetchall()
        texts: list[str] = []
        newest: int | None = None
        for kind, message_id, content in rows:
            if kind == MessageType.OUTGOING:
                if texts:
                    break  # the reply before the customer's turn
                continue  # the agent replied after it: still the customer's latest question
            if content and content.strip():
                texts.append(content.strip())
                newest = newest or int(message_id)
            if len(texts) >= TURN_MESSAGES:
                break
        if newest is None:
            return None
        contact = self._sql(
            f"SELECT coalesce(contact_name, '') FROM {CONVERSATION_TABLE}"
            " WHERE server_id = ? AND account_id = ? AND display_id = ?",
            (*scope, display_id),
        ).fetchone()
        return OpenQuestion(tuple(reversed(texts)), newest, contact[0] if contact else "")

    def question_frequencies(self, stems: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many indexed questions hold each stem, and how many there are in all (that
        count is reused for `QUESTION_COUNT_TTL`: it only weighs words)."""
        found: dict[str, int] = {}
        if stems:
            found = dict(
                self._sql(
                    f"SELECT term, doc FROM {QUESTION_VOCAB} WHERE term IN ({marks(len(stems))})",
                    tuple(stems),
                ).fetchall()
            )
        now = time.monotonic()
        if self._question_count is None or now - self._question_count[0] > QUESTION_COUNT_TTL:
            total = self._sql(f"SELECT count(*) FROM {QUESTION_FTS}").fetchone()[0]
            self._question_count = (now, int(total))
        return found, max(self._question_count[1], max(found.values(), default=0))

    def answered_questions(
        self, key: AccountKey, match: str, *, exclude_conversation: int, limit: int
    ) -> list[AnsweredQuestion]:
        """The account's best-ranked (bm25) questions matching the FTS5 expression `match`,
        outside `exclude_conversation`, each with the agent reply that followed it (questions
        never answered are skipped), best first."""
        scope = (self.server_id(key.server_url), key.account_id)
        window = limit * 4
        while True:
            rows = self._sql(
                "SELECT m.conversation_id, q.body, q.score, a.message_id, a.content,"
                " a.created_at, coalesce(c.contact_name, '')"
                f" FROM (SELECT rowid, body, rank AS score FROM {QUESTION_FTS}"
                f" WHERE {QUESTION_FTS} MATCH ? ORDER BY rank LIMIT ?) AS q"
                f" CROSS JOIN {MESSAGE_TABLE} m ON m.id = q.rowid"
                f" JOIN {MESSAGE_TABLE} a ON a.id = ({NEXT_REPLY})"
                f" LEFT JOIN {CONVERSATION_TABLE} c ON c.server_id = m.server_id"
                " AND c.account_id = m.account_id AND c.display_id = m.conversation_id"
                " WHERE m.server_id = ? AND m.account_id = ? AND m.conversation_id != ?"
                " ORDER BY q.score LIMIT ?",
                (match, window, *scope, exclude_conversation, limit),
            ).fetchall()
            if len(rows) >= limit or window >= self._question_matches(match):
                break
            window *= 8
        return [
            AnsweredQuestion(int(conv), body, float(score), int(aid), text or "", float(at), name)
            for conv, body, score, aid, text, at, name in rows
        ]

    def _question_matches(self, match: str) -> int:
        row = self._sql(
            f"SELECT count(*) FROM {QUESTION_FTS} WHERE {QUESTION_FTS} MATCH ?", (match,)
        ).fetchone()
        return int(row[0])
