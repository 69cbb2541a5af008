"""My statistics: one agent's work over a period, computed from the local cache (so offline
too), beside the server's own figures when it can be reached.

The local figures, for the signed-in agent ("me") and a period [since, until):

- handled: conversations with at least one public reply of mine in the period;
- resolved: conversations with a cached "Conversation was marked resolved by <my name>"
  activity message in the period. The cache keeps no resolution events, only these activity
  lines, so a resolution counts when the line names me in the wording of Chatwoot's English
  locale (what the server writes depends on the account's language);
- messages sent: my outgoing messages in the period, public replies and private notes both;
- first response, per conversation: from its first cached incoming message to my first
  public reply after it (counted in the period of that reply);
- reply time, per later customer turn: from the first incoming message after my previous
  public reply to my next public reply (in the period of that reply);
- waiting now: open conversations assigned to me whose customer waits for an answer;
- by hour: my public replies per local hour of day.

Medians and 90th percentiles interpolate between the closest ranks (`statistics.quantiles`,
"inclusive": the median of an even count is the mean of the middle two). Everything is
stated for what the cache holds: `cached_since` is its oldest message, and a conversation
whose earlier messages were never fetched starts, here, at its oldest cached one.

The server's figures (`GET /api/v2/accounts/{id}/summary_reports/agent`) differ by design:
they are averages, not medians; counted from the server's reporting events over its whole
history; its first response runs from the conversation's creation (or bot hand-off), its
"conversations" are those created in the period and now assigned to me, and with business
hours on it counts only working time.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import logging
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.types import AgentSummary
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.transcripts import write_atomically
from operator_desktop.storage.cache import Cache, CachedStats
from operator_desktop.storage.database import DbWorker

log = logging.getLogger("db")

# Chatwoot's `conversations.activity.status.resolved` in its English locale
RESOLVED_BY = "Conversation was marked resolved by {name}"


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days `first` to `last`, both included: [since, until) in epoch seconds."""

    first: dt.date
    last: dt.date

    @property
    def since(self) -> float:
        return dt.datetime.combine(self.first, dt.time.min).astimezone().timestamp()

    @property
    def until(self) -> float:
        after = self.last + dt.timedelta(days=1)
        return dt.datetime.combine(after, dt.time.min).astimezone().timestamp()

    @classmethod
    def last_days(cls, days: int, today: dt.date) -> Period:
        """The `days` days ending with `today` (1: today only)."""
        return cls(today - dt.timedelta(days=max(days, 1) - 1), today)


@dataclass(frozen=True, slots=True)
class Durations:
    """Seconds: median, 90th percentile and how many were measured (None when none)."""

    median_s: float | None
    p90_s: float | None
    count: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Durations:
        if not samples:
            return cls(None, None, 0)
        if len(samples) == 1:
            return cls(_seconds(samples[0]), _seconds(samples[0]), 1)
        deciles = statistics.quantiles(samples, n=10, method="inclusive")
        return cls(_seconds(statistics.median(samples)), _seconds(deciles[8]), len(samples))

    def to_json(self) -> dict[str, Any]:
        return {"median_s": self.median_s, "p90_s": self.p90_s, "count": self.count}


def _seconds(value: float) -> float:
    return round(float(value), 3)


@dataclass(frozen=True)
class MyStats:
    """The local figures of one period (see the module docstring for what each means)."""

    period: Period
    handled: int
    resolved: int
    messages_sent: int
    first_response: Durations
    reply_time: Durations
    waiting_now: int
    by_hour: tuple[int, ...]
    conversations: int
    cached_since: float | None
    first_response_samples: tuple[float, ...] = ()
    reply_time_samples: tuple[float, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing cached in the period: no figure can be stated."""
        return self.conversations == 0 and self.messages_sent == 0

    def to_json(self) -> dict[str, Any]:
        """What `operator-desktop stats --json` prints: exactly these keys."""
        return {
            "handled": self.handled,
            "resolved": self.resolved,
            "messages_sent": self.messages_sent,
            "first_response": self.first_response.to_json(),
            "reply_time": self.reply_time.to_json(),
            "by_hour": list(self.by_hour),
        }

    @classmethod
    def of(cls, period: Period, raw: CachedStats) -> MyStats:
        return cls(
            period=period,
            handled=raw.handled,
            resolved=raw.resolved,
            messages_sent=raw.messages_sent,
            first_response=Durations.of(raw.first_responses),
            reply_time=Durations.of(raw.reply_times),
            waiting_now=raw.waiting_now,
            by_hour=raw.by_hour,
            conversations=raw.conversations,
            cached_since=raw.cached_since,
            first_response_samples=raw.first_responses,
            reply_time_samples=raw.reply_times,
        )


@dataclass(frozen=True, slots=True)
class ServerFigures:
    """The server's own row for me in its agent summary report, for the same period."""

    conversations: int
    resolved: int
    avg_first_response_s: float | None
    avg_reply_s: float | None
    avg_resolution_s: float | None

    @classmethod
    def of(cls, row: AgentSummary) -> ServerFigures:
        return cls(
            conversations=row.conversations_count,
            resolved=row.resolved_conversations_count,
            avg_first_response_s=row.avg_first_response_time,
            avg_reply_s=row.avg_reply_time,
            avg_resolution_s=row.avg_resolution_time,
        )


class StatsService:
    """Computes my statistics on the database thread, and asks the server for its figures
    (`client` None: local figures only, as the CLI's)."""

    def __init__(
        self,
        worker: DbWorker,
        cache: Cache,
        key: AccountKey,
        user_id: int,
        user_name: str | None,
        client: ChatwootClient | None = None,
    ) -> None:
        self.worker = worker
        self.cache = cache
        self.key = key
        self.user_id = user_id
        self.user_name = user_name
        self.client = client

    async def local(self, period: Period) -> MyStats:
        raw = await self.worker.run(self._read, period.since, period.until)
        return MyStats.of(period, raw)

    def _read(self, since: float, until: float) -> CachedStats:
        """On the database thread: my names (for the resolution lines), then the figures."""
        names = [self.user_name or ""]
        names += [a.name for a in self.cache.agents(self.key) if a.agent_id == self.user_id]
        texts = [RESOLVED_BY.format(name=n) for n in dict.fromkeys(names) if n]
        return self.cache.agent_stats(self.key, self.user_id, since, until, texts)

    async def export_csv(self, stats: MyStats, server: ServerFigures | None, path: Path) -> None:
        """Write `stats_csv` to `path` (a temporary file renamed into place)."""
        await self.export_bytes(stats_csv(stats, server).encode("utf-8"), path)

    async def export_bytes(self, data: bytes, path: Path) -> None:
        """Write `data` (a chart's PNG, say) to `path`, all or nothing."""
        await asyncio.to_thread(write_atomically, path, data)
        log.info("statistics exported (%d bytes)", len(data))

    async def server(self, period: Period) -> ServerFigures | None:
        """The server's figures for me (None: the report has no row for me); raises the
        client's coded errors (offline, not an administrator, ...)."""
        if self.client is None:
            return None
        rows = await self.client.agent_summary(period.since, period.until)
        mine = next((r for r in rows if r.id == self.user_id), None)
        return ServerFigures.of(mine) if mine is not None else None


def stats_csv(stats: MyStats, server: ServerFigures | None = None) -> str:
    """The figures and the replies by hour as CSV (`figure,value` rows, then `hour,replies`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["figure", "value"])
    rows: list[tuple[str, object]] = [
        ("period_first_day", stats.period.first.isoformat()),
        ("period_last_day", stats.period.last.isoformat()),
        ("handled", stats.handled),
        ("resolved", stats.resolved),
        ("messages_sent", stats.messages_sent),
        ("first_response_median_s", stats.first_response.median_s),
        ("first_response_p90_s", stats.first_response.p90_s),
        ("first_response_count", stats.first_response.count),
        ("reply_time_median_s", stats.reply_time.median_s),
        ("reply_time_p90_s", stats.reply_time.p90_s),
        ("reply_time_count", stats.reply_time.count),
        ("waiting_now", stats.waiting_now),
        ("conversations_cached", stats.conversations),
    ]
    if server is not None:
        rows += [
            ("server_conversations", server.conversations),
            ("server_resolved", server.resolved),
            ("server_avg_first_response_s", server.avg_first_response_s),
            ("server_avg_reply_s", server.avg_reply_s),
            ("server_avg_resolution_s", server.avg_resolution_s),
        ]
    for name, value in rows:
        writer.writerow([name, "" if value is None else value])
    writer.writerow([])
    writer.writerow(["hour", "replies"])
    for hour, count in enumerate(stats.by_hour):
        writer.writerow([hour, count])
    return out.getvalue()
