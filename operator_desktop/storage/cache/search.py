"""Full-text search over cached messages (the stemmed FTS5 index kept by the message writes).

Each search is one SQL statement, joined with the messages and conversations of the hits it
keeps: `search` ranks (bm25, the body weighted over the sender's and the contact's names) and
cuts; `search_conversations` groups every match by conversation, unranked; `matching_messages`
lists one conversation's matches (a transcript's next and previous match).
A hit's snippet is cut from its text only when asked for (`SearchHit.snippet`): the chat
list asks for the rows it paints, not for every match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.batch import marks
from operator_desktop.storage.cache.messages import CONVERSATION_TABLE, MESSAGE_TABLE
from operator_desktop.storage.cache.outbox import OutboxStore
from operator_desktop.storage.database import FTS_TABLE
from operator_desktop.storage.textsearch import Snippet, fts_query, snippet

# FTS5's rank column, configured per query: bm25 weighting the body over the names (a column,
# unlike a bm25() call, keeps working when SQLite flattens the subquery into the join)
RANKED_MATCH = f"{FTS_TABLE} MATCH ? AND rank MATCH 'bm25(1.0, 0.5, 0.5)'"
HIT_COLUMNS = (
    "m.server_id, m.account_id, m.conversation_id, m.message_id, m.content, m.sender_name,"
    " m.created_at, coalesce(c.contact_name, '')"
)
CONVERSATION_OF_MESSAGE = (
    f"LEFT JOIN {CONVERSATION_TABLE} c ON c.server_id = m.server_id"
    " AND c.account_id = m.account_id AND c.display_id = m.conversation_id"
)
CONVERSATION_MATCHES = 5000  # conversations a chat-list search returns at most


@dataclass(frozen=True)
class SearchHit:
    key: AccountKey
    conversation_id: int
    message_id: int
    sender: str | None
    contact: str
    created_at: float
    text: str
    query: str

    @cached_property
    def snippet(self) -> Snippet:
        """The matched words marked in the message; in the sender's or the contact's name
        when the match was there."""
        found = snippet(self.text, self.query)
        if not found.spans:
            for name in (self.sender or "", self.contact):
                named = snippet(name, self.query)
                if named.spans:
                    return named
        return found


class SearchStore(OutboxStore):
    def search(
        self, query: str, *, key: AccountKey | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """The best-ranked matching messages (content, sender and contact names), best first."""
        match = fts_query(query)
        if match is None:
            return []
        scope, params = self._scope_filter(key)
        # FTS5 ranks and cuts first; the joins then touch only the hits kept. With an account
        # filter the cut is widened until it holds `limit` of the account's hits (or all).
        window = limit
        while True:
            rows = self._sql(
                f"SELECT {HIT_COLUMNS} FROM (SELECT rowid, rank AS score FROM {FTS_TABLE}"
                f" WHERE {RANKED_MATCH} ORDER BY rank LIMIT ?) AS f"
                f" CROSS JOIN {MESSAGE_TABLE} m ON m.id = f.rowid {CONVERSATION_OF_MESSAGE}"
                f" WHERE 1 {scope} ORDER BY f.score LIMIT ?",
                (match, window, *params, limit),
            ).fetchall()
            if len(rows) >= limit or not scope or window >= self._matches(match):
                return self._hits(rows, query)
            window *= 8

    def search_best_per_conversation(
        self, query: str, key: AccountKey, *, window: int | None, limit: int | None = None
    ) -> tuple[list[SearchHit], bool]:
        """Among the `window` best-ranked matching messages (every match: None), each
        conversation's best one, the best first (the transcript browser's ranked list; the
        first `limit` conversations when given), and whether that window held every match.
        Only the winners' texts are read."""
        match = fts_query(query)
        if match is None:
            return [], True
        scope, params = self._scope_filter(key)
        # every match unsorted costs less than sorting them for a top `window`
        cut, bound = ("", ()) if window is None else (" ORDER BY rank LIMIT ?", (window,))
        # SQLite's min() gives the bare m.id of each conversation's best-ranked row
        rows = self._sql(
            f"WITH top AS MATERIALIZED (SELECT rowid, rank AS score FROM {FTS_TABLE}"
            f" WHERE {RANKED_MATCH}{cut})"
            f" SELECT {HIT_COLUMNS}, (SELECT count(*) FROM top) FROM"
            " (SELECT m.id AS best_id, min(top.score) AS best"
            f" FROM top CROSS JOIN {MESSAGE_TABLE} m ON m.id = top.rowid WHERE 1 {scope}"
            " GROUP BY m.server_id, m.account_id, m.conversation_id"
            " ORDER BY best LIMIT ?) AS g"
            f" JOIN {MESSAGE_TABLE} m ON m.id = g.best_id {CONVERSATION_OF_MESSAGE}"
            " ORDER BY g.best",
            (match, *bound, *params, -1 if limit is None else limit),
        ).fetchall()
        if window is None:
            every = True
        else:
            ranked = int(rows[0][-1]) if rows else 0
            every = ranked < window or (not rows and self._matches(match) <= window)
        return self._hits([row[:-1] for row in rows], query), every

    def count_matches(self, query: str) -> int:
        """How many messages (of every account) match `query`: no ranking, the index only."""
        match = fts_query(query)
        return 0 if match is None else self._matches(match)

    def search_conversations(
        self, query: str, *, key: AccountKey | None = None, limit: int = CONVERSATION_MATCHES
    ) -> list[SearchHit]:
        """Every conversation with a matching message (up to `limit`), each with its newest
        matching message, the most recent first: what the chat list filters and highlights.

        No ranking: the list orders its rows itself, and bm25 over every match would cost
        more than the whole rest of the search (it is what a ranked top 50 pays for).
        """
        match = fts_query(query)
        if match is None:
            return []
        scope, params = self._scope_filter(key)
        # Group the matches by conversation reading only the message rows' keys (SQLite's
        # max() gives the bare m.id of the newest row), then fetch the winners' texts.
        # CROSS JOIN keeps the FTS scan outside: else the planner may loop over the account's
        # messages (its index serves the scope filter) and run the MATCH for each.
        rows = self._sql(
            f"SELECT {HIT_COLUMNS} FROM (SELECT m.id AS newest_id, max(m.message_id) AS newest"
            f" FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?) AS f"
            f" CROSS JOIN {MESSAGE_TABLE} m ON m.id = f.rowid WHERE 1 {scope}"
            " GROUP BY m.server_id, m.account_id, m.conversation_id"
            " ORDER BY newest DESC LIMIT ?) AS g"
            f" JOIN {MESSAGE_TABLE} m ON m.id = g.newest_id {CONVERSATION_OF_MESSAGE}"
            " ORDER BY g.newest DESC",
            (match, *params, limit),
        ).fetchall()
        return self._hits(rows, query)

    def conversations_matching(
        self, query: str, key: AccountKey, start: float | None = None, end: float | None = None
    ) -> set[int]:
        """Display ids of the account's conversations with a message matching `query`
        (created in [start, end) when given): everything an export by words selects."""
        match = fts_query(query)
        if match is None:
            return set()
        scope, params = self._scope_filter(key)
        days, bounds = "", []
        if start is not None:
            days += " AND m.created_at >= ?"
            bounds.append(start)
        if end is not None:
            days += " AND m.created_at < ?"
            bounds.append(end)
        rows = self._sql(
            f"SELECT DISTINCT m.conversation_id FROM (SELECT rowid FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH ?) AS f CROSS JOIN {MESSAGE_TABLE} m ON m.id = f.rowid"
            f" WHERE 1 {scope}{days}",
            (match, *params, *bounds),
        ).fetchall()
        return {int(row[0]) for row in rows}

    def matching_messages(self, query: str, key: AccountKey, display_id: int) -> list[int]:
        """Ids of the conversation's messages that match `query`, oldest first (a transcript's
        next and previous match)."""
        match = fts_query(query)
        if match is None:
            return []
        scope, params = self._scope_filter(key)
        rows = self._sql(
            f"SELECT m.message_id FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
            f" AS f CROSS JOIN {MESSAGE_TABLE} m ON m.id = f.rowid"
            f" WHERE m.conversation_id = ? {scope} ORDER BY m.message_id",
            (match, display_id, *params),
        ).fetchall()
        return [int(row[0]) for row in rows]

    def _scope_filter(self, key: AccountKey | None) -> tuple[str, tuple[object, ...]]:
        if key is None:
            return "", ()
        return "AND m.server_id = ? AND m.account_id = ?", (
            self.server_id(key.server_url),
            key.account_id,
        )

    def _matches(self, match: str) -> int:
        row = self._sql(
            f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
            (match,),
        ).fetchone()
        return int(row[0])

    def _hits(self, rows: list[Any], query: str) -> list[SearchHit]:
        """Hits from rows of `HIT_COLUMNS`."""
        urls = self._server_urls({row[0] for row in rows})
        return [
            SearchHit(
                key=AccountKey(urls[sid], account),
                conversation_id=conversation,
                message_id=message,
                sender=sender,
                contact=contact,
                created_at=created,
                text=text or "",
                query=query,
            )
            for sid, account, conversation, message, text, sender, created, contact in rows
        ]

    def _server_urls(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        rows = self._sql(
            f'SELECT id, url FROM "{s.Server._meta.table_name}" WHERE id IN ({marks(len(ids))})',
            tuple(ids),
        ).fetchall()
        return dict(rows)
