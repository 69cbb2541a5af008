"""Full-text search over cached messages (the stemmed FTS5 index kept by the message writes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.outbox import OutboxStore
from operator_desktop.storage.database import FTS_TABLE
from operator_desktop.storage.textsearch import Snippet, fts_query, snippet


@dataclass(frozen=True)
class SearchHit:
    key: AccountKey
    conversation_id: int
    message_id: int
    sender: str | None
    contact: str
    created_at: float
    snippet: Snippet


class SearchStore(OutboxStore):
    def search(
        self, query: str, *, key: AccountKey | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Full-text search over content, sender and contact names; best matches first."""
        match = fts_query(query)
        if match is None:
            return []
        sql = (
            f"SELECT m.id, bm25({FTS_TABLE}, 1.0, 0.5, 0.5) AS rank FROM {FTS_TABLE} "
            f"JOIN message m ON m.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? "
        )
        params: list[Any] = [match]
        if key is not None:
            sql += "AND m.server_id = ? AND m.account_id = ? "
            params += [self.server_id(key.server_url), key.account_id]
        sql += "ORDER BY rank LIMIT ?"
        params.append(limit)
        ranked = [int(r[0]) for r in self._sql(sql, params).fetchall()]
        if not ranked:
            return []
        rows = {
            m.id: m
            for m in s.Message.select(s.Message, s.Server)
            .join(s.Server)
            .where(s.Message.id.in_(ranked))
        }
        hits = []
        for rowid in ranked:
            m = rows[rowid]
            mkey = AccountKey(m.server.url, m.account_id)
            conv = self.conversation(mkey, m.conversation_id)
            contact = conv.contact_name if conv is not None else ""
            text = m.content or ""
            snip = snippet(text, query)
            if not snip.spans:
                # matched on sender or contact name: show the name with the match marked
                for name in (m.sender_name or "", contact):
                    named = snippet(name, query)
                    if named.spans:
                        snip = named
                        break
            hits.append(
                SearchHit(
                    key=mkey,
                    conversation_id=m.conversation_id,
                    message_id=m.message_id,
                    sender=m.sender_name,
                    contact=contact,
                    created_at=m.created_at,
                    snippet=snip,
                )
            )
        return hits
