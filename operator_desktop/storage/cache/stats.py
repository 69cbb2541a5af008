"""The cached figures behind "my statistics": one agent's replies, turns and resolutions in a
period, each read by a set-based statement over the cached messages (no row-by-row loop).

Time spans are measured on the cached messages' own timestamps and ordered by message id
(Chatwoot's ids grow with time; its REST timestamps are whole seconds, so ties are common).
What the definitions mean and what the cache cannot know is said in `services.stats`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.types import MessageType
from operator_desktop.storage.cache.batch import marks
from operator_desktop.storage.cache.messages import CONVERSATION_TABLE, MESSAGE_TABLE
from operator_desktop.storage.cache.search import SearchStore

MINE = "m.message_type = ? AND lower(coalesce(m.sender_kind, '')) = 'user' AND m.sender_id = ?"
SCOPE = "m.server_id = ? AND m.account_id = ?"
IN_PERIOD = "m.created_at >= ? AND m.created_at < ?"

# For each of my public replies: the first customer message after my previous public reply in
# that conversation (NULL when the customer wrote nothing in between), and the reply's rank
# among my replies that ended such a turn; rank 1 is the conversation's first response.
TURNS = f"""
WITH mine AS (
    SELECT m.conversation_id, m.message_id, m.created_at,
           lag(m.message_id) OVER (PARTITION BY m.conversation_id ORDER BY m.message_id)
               AS previous_id
    FROM {MESSAGE_TABLE} m
    WHERE {SCOPE} AND {MINE} AND NOT m.private
), turns AS (
    SELECT r.conversation_id, r.message_id, r.created_at AS reply_at,
           (SELECT i.created_at FROM {MESSAGE_TABLE} i
             WHERE i.server_id = ? AND i.account_id = ? AND i.conversation_id = r.conversation_id
               AND i.message_type = ? AND i.message_id > coalesce(r.previous_id, -1)
               AND i.message_id < r.message_id
             ORDER BY i.message_id LIMIT 1) AS turn_start
    FROM mine r
), ranked AS (
    SELECT reply_at, turn_start,
           row_number() OVER (PARTITION BY conversation_id ORDER BY message_id) AS turn
    FROM turns WHERE turn_start IS NOT NULL
)
SELECT turn = 1, max(reply_at - turn_start, 0) FROM ranked
WHERE reply_at >= ? AND reply_at < ? ORDER BY reply_at
"""


@dataclass(frozen=True)
class CachedStats:
    """Raw figures of one agent over [since, until), as the cache holds them."""

    handled: int
    resolved: int
    messages_sent: int
    first_responses: tuple[float, ...]  # seconds, in the order the replies were sent
    reply_times: tuple[float, ...]
    by_hour: tuple[int, ...]  # 24 counts of public replies by local hour of day
    waiting_now: int
    conversations: int  # conversations with any cached message in the period
    cached_since: float | None  # the oldest cached message of the account


class StatsStore(SearchStore):
    def agent_stats(
        self,
        key: AccountKey,
        user_id: int,
        since: float,
        until: float,
        resolved_texts: Sequence[str],
    ) -> CachedStats:
        """`user_id`'s figures over [since, until); a conversation counts as resolved by
        them when a cached activity message in the period is one of `resolved_texts`."""
        scope = (self.server_id(key.server_url), key.account_id)
        outgoing = int(MessageType.OUTGOING)
        period = (since, until)
        handled, sent = self._sql(
            f"SELECT count(DISTINCT CASE WHEN NOT m.private THEN m.conversation_id END),"
            f" count(*) FROM {MESSAGE_TABLE} m WHERE {SCOPE} AND {MINE} AND {IN_PERIOD}",
            (*scope, outgoing, user_id, *period),
        ).fetchone()
        resolved = 0
        if resolved_texts:
            resolved = self._sql(
                f"SELECT count(DISTINCT m.conversation_id) FROM {MESSAGE_TABLE} m"
                f" WHERE {SCOPE} AND m.message_type = ? AND {IN_PERIOD}"
                f" AND m.content IN ({marks(len(resolved_texts))})",
                (*scope, int(MessageType.ACTIVITY), *period, *resolved_texts),
            ).fetchone()[0]
        first: list[float] = []
        replies: list[float] = []
        for is_first, seconds in self._sql(
            TURNS, (*scope, outgoing, user_id, *scope, int(MessageType.INCOMING), *period)
        ):
            (first if is_first else replies).append(float(seconds))
        hours = [0] * 24
        for hour, count in self._sql(
            "SELECT CAST(strftime('%H', m.created_at, 'unixepoch', 'localtime') AS INTEGER),"
            f" count(*) FROM {MESSAGE_TABLE} m WHERE {SCOPE} AND {MINE} AND NOT m.private"
            f" AND {IN_PERIOD} GROUP BY 1",
            (*scope, outgoing, user_id, *period),
        ):
            hours[int(hour)] = int(count)
        waiting = self._sql(
            f"SELECT count(*) FROM {CONVERSATION_TABLE} c WHERE c.server_id = ?"
            " AND c.account_id = ? AND c.status = 'open' AND c.assignee_id = ?"
            " AND c.waiting_since IS NOT NULL AND c.present_on_server",
            (*scope, user_id),
        ).fetchone()[0]
        conversations = self._sql(
            f"SELECT count(DISTINCT m.conversation_id) FROM {MESSAGE_TABLE} m"
            f" WHERE {SCOPE} AND {IN_PERIOD}",
            (*scope, *period),
        ).fetchone()[0]
        oldest = self._sql(
            f"SELECT min(m.created_at) FROM {MESSAGE_TABLE} m WHERE {SCOPE}", scope
        ).fetchone()[0]
        return CachedStats(
            handled=int(handled),
            resolved=int(resolved),
            messages_sent=int(sent),
            first_responses=tuple(first),
            reply_times=tuple(replies),
            by_hour=tuple(hours),
            waiting_now=int(waiting),
            conversations=int(conversations),
            cached_since=float(oldest) if oldest is not None else None,
        )
