"""A small conversation set with every timestamp known, for the statistics tests, and the
figures it gives worked out by hand (see `EXPECTED` and the comments beside each message).

Me: user 7 ("Ana Operator"); a colleague: user 8. The period is 2026-03-02 and 2026-03-03
(local days). Times are local wall-clock times.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from operator_desktop.core import parse
from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey
from operator_desktop.storage.cache import Cache
from tests.test_core_parse import sample

ME, COLLEAGUE = 7, 8
MY_NAME = "Ana Operator"
RESOLVED_BY_ME = f"Conversation was marked resolved by {MY_NAME}"
FIRST_DAY, LAST_DAY = dt.date(2026, 3, 2), dt.date(2026, 3, 3)

IN, OUT, ACTIVITY = 0, 1, 2


def at(day: dt.date, hh: int, mm: int) -> float:
    return dt.datetime.combine(day, dt.time(hh, mm)).astimezone().timestamp()


D1, D2, BEFORE, AFTER = FIRST_DAY, LAST_DAY, dt.date(2026, 3, 1), dt.date(2026, 3, 4)

# (conversation, message id, type, who, private, when, content)
# who: "me", "colleague", "customer" or None (activity)
MESSAGES: list[tuple[int, int, int, str | None, bool, float, str]] = [
    # A: first response 09:00 -> 09:05 = 300 s (the colleague's 09:02 reply does not count)
    (1, 101, IN, "customer", False, at(D1, 9, 0), "hello"),
    (1, 102, IN, "customer", False, at(D1, 9, 1), "anyone?"),
    (1, 103, OUT, "colleague", False, at(D1, 9, 2), "a colleague answers"),
    (1, 104, OUT, "me", False, at(D1, 9, 5), "I answer"),
    (1, 105, OUT, "me", True, at(D1, 9, 6), "a private note"),
    # A: a customer turn 09:10 -> 09:20 = 600 s; 09:21 follows my own reply: no turn
    (1, 106, IN, "customer", False, at(D1, 9, 10), "one more thing"),
    (1, 107, IN, "customer", False, at(D1, 9, 12), "and another"),
    (1, 108, OUT, "me", False, at(D1, 9, 20), "both done"),
    (1, 109, OUT, "me", False, at(D1, 9, 21), "anything else?"),
    (1, 110, ACTIVITY, None, False, at(D1, 9, 30), RESOLVED_BY_ME),
    # B: first response 13:00 -> 13:02 = 120 s, turns 13:30 -> 14:30 = 3600 s, 15:00 -> 15:03
    (2, 201, IN, "customer", False, at(D1, 13, 0), "question"),
    (2, 202, OUT, "me", False, at(D1, 13, 2), "answer"),
    (2, 203, IN, "customer", False, at(D1, 13, 30), "next question"),
    (2, 204, OUT, "me", False, at(D1, 14, 30), "next answer"),
    (2, 205, IN, "customer", False, at(D1, 15, 0), "last question"),
    (2, 206, OUT, "me", False, at(D1, 15, 3), "last answer"),
    # C: I wrote first (10:00); first response 10:40 -> 10:50 = 600 s; resolved by someone else
    (3, 301, OUT, "me", False, at(D2, 10, 0), "we noticed a problem"),
    (3, 302, IN, "customer", False, at(D2, 10, 40), "thanks, what now?"),
    (3, 303, OUT, "me", False, at(D2, 10, 50), "it is fixed"),
    (3, 304, ACTIVITY, None, False, at(D2, 11, 0), "Conversation was marked resolved by Bob Other"),
    # D: its first response was before the period; a turn 08:00 -> 08:15 = 900 s in it;
    # the customer wrote last, and D is open and mine: waiting now
    (4, 401, IN, "customer", False, at(BEFORE, 23, 0), "late question"),
    (4, 402, OUT, "me", False, at(BEFORE, 23, 10), "late answer"),
    (4, 403, IN, "customer", False, at(D1, 8, 0), "morning question"),
    (4, 404, OUT, "me", False, at(D1, 8, 15), "morning answer"),
    (4, 405, IN, "customer", False, at(D2, 16, 0), "still there?"),
    # E: the colleague's conversation, waiting on them (not on me)
    (5, 501, IN, "customer", False, at(D1, 11, 0), "hello?"),
    # F: after the period
    (6, 601, IN, "customer", False, at(AFTER, 9, 0), "tomorrow's question"),
    (6, 602, OUT, "me", False, at(AFTER, 9, 1), "tomorrow's answer"),
]

# conversation -> (status, assignee, waiting_since)
CONVERSATIONS: dict[int, tuple[str, int | None, float | None]] = {
    1: ("resolved", ME, None),
    2: ("open", ME, None),
    3: ("resolved", ME, None),
    4: ("open", ME, at(D2, 16, 0)),
    5: ("open", COLLEAGUE, at(D1, 11, 0)),
    6: ("open", ME, None),
}

# Worked out by hand from the table above:
# - handled: A, B, C, D have a public reply of mine in the period (F's is after it) = 4
# - resolved: A only (C's resolution names someone else) = 1
# - messages sent: public replies A 3 + B 3 + C 2 + D 1 = 9, plus A's private note = 10
# - first responses: A 300, B 120, C 600 -> sorted 120, 300, 600: median 300;
#   p90 at rank (3 - 1) * 0.9 = 1.8: 300 + 0.8 * (600 - 300) = 540
# - reply times: A 600, B 3600 and 180, D 900 -> sorted 180, 600, 900, 3600:
#   median (600 + 900) / 2 = 750; p90 at rank 3 * 0.9 = 2.7: 900 + 0.7 * 2700 = 2790
# - by hour (my public replies): 08 D; 09 A x3; 10 C x2; 13, 14, 15 B
# - waiting now: D (E waits on the colleague) = 1
# - conversations with a message in the period: A, B, C, D, E = 5
BY_HOUR = [0] * 24
for hour, count in ((8, 1), (9, 3), (10, 2), (13, 1), (14, 1), (15, 1)):
    BY_HOUR[hour] = count
EXPECTED: dict[str, Any] = {
    "handled": 4,
    "resolved": 1,
    "messages_sent": 10,
    "first_response": {"median_s": 300.0, "p90_s": 540.0, "count": 3},
    "reply_time": {"median_s": 750.0, "p90_s": 2790.0, "count": 4},
    "by_hour": BY_HOUR,
}
WAITING_NOW = 1
CONVERSATIONS_IN_PERIOD = 5
CACHED_SINCE = at(BEFORE, 23, 0)


def _sender(who: str | None) -> dict[str, Any] | None:
    if who == "me":
        return {"id": ME, "name": MY_NAME, "type": "user"}
    if who == "colleague":
        return {"id": COLLEAGUE, "name": "Bob Other", "type": "user"}
    if who == "customer":
        return {"id": 311, "name": "Jonas Weber", "type": "contact"}
    return None


def conversations(offset: int = 0) -> list[t.Conversation]:
    template = sample("conversations_list_page.json")["data"]["payload"][0]
    out = []
    for display_id, (status, assignee, waiting) in CONVERSATIONS.items():
        body = copy.deepcopy(template)
        body["id"] = display_id + offset
        body["status"] = status
        body["messages"] = []
        body.pop("last_non_activity_message", None)
        body["waiting_since"] = int(waiting) if waiting else None
        body["meta"]["assignee"] = (
            {**body["meta"]["assignee"], "id": assignee, "name": MY_NAME}
            if assignee is not None
            else None
        )
        out.append(parse.conversation(parse.root(body), 1))
    return out


def messages(offset: int = 0) -> list[t.Message]:
    out = []
    for conv, mid, mtype, who, private, when, content in MESSAGES:
        body: dict[str, Any] = {
            "id": mid + offset * 1000,
            "content": content,
            "conversation_id": conv + offset,
            "message_type": mtype,
            "private": private,
            "created_at": when,
        }
        sender = _sender(who)
        if sender is not None:
            body["sender"] = sender
        out.append(parse.message(parse.root(body)))
    return out


def seed(cache: Cache, key: AccountKey, offset: int = 0) -> None:
    """Write the set through the cache's own upserts (call on the database thread)."""
    cache.upsert_conversations(key, conversations(offset))
    cache.upsert_messages(key, messages(offset))
