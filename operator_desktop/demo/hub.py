"""Realtime fan-out of the demo server: streams, presence, and the stall switch.

A cable subscription listens on named streams (a user's pubsub token and `account_<id>`,
CONTRACT §7.3). `Hub.broadcast` puts one event on streams; while stalled (control endpoint,
"Sidekiq down") events wait in a backlog and pings go on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from operator_desktop.demo.models import Clock

log = logging.getLogger("demo.hub")

PRESENCE_DURATION = 20.0


@dataclass(eq=False)
class Subscriber:
    """One subscription: frames for it are queued and written by its connection."""

    identifier: str
    user_id: int
    account_id: int
    streams: frozenset[str]
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


class Presence:
    """`OnlineStatusTracker`: who sent `update_presence` within the last 20 s."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._users: dict[tuple[int, int], float] = {}
        self._contacts: dict[tuple[int, int], float] = {}

    def touch_user(self, account_id: int, user_id: int) -> None:
        self._users[(account_id, user_id)] = self._clock.now()

    def touch_contact(self, account_id: int, contact_id: int) -> None:
        self._contacts[(account_id, contact_id)] = self._clock.now()

    def drop_contact(self, account_id: int, contact_id: int) -> None:
        self._contacts.pop((account_id, contact_id), None)

    def is_user_present(self, account_id: int, user_id: int) -> bool:
        seen = self._users.get((account_id, user_id))
        return seen is not None and self._clock.now() - seen <= PRESENCE_DURATION

    def is_contact_present(self, account_id: int, contact_id: int) -> bool:
        seen = self._contacts.get((account_id, contact_id))
        return seen is not None and self._clock.now() - seen <= PRESENCE_DURATION

    def present_contacts(self, account_id: int) -> list[int]:
        return [
            cid
            for (acc, cid) in list(self._contacts)
            if acc == account_id and self.is_contact_present(acc, cid)
        ]

    def reset(self) -> None:
        self._users.clear()
        self._contacts.clear()


class Hub:
    """Streams to subscribers; a stall switch; a log of what was broadcast (for tests)."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()
        self.stalled = False
        self._backlog: list[tuple[tuple[str, ...], str, dict[str, Any]]] = []
        self.broadcast_count = 0

    def add(self, sub: Subscriber) -> None:
        self._subscribers.add(sub)

    def remove(self, sub: Subscriber) -> None:
        self._subscribers.discard(sub)

    def subscribers(self) -> list[Subscriber]:
        return list(self._subscribers)

    def broadcast(self, streams: Iterable[str], event: str, data: dict[str, Any]) -> None:
        wanted = tuple(sorted(set(streams)))
        if not wanted:
            return
        if self.stalled:
            self._backlog.append((wanted, event, data))
            return
        self._deliver(wanted, event, data)

    def broadcast_direct(self, streams: Iterable[str], event: str, data: dict[str, Any]) -> None:
        """What a channel broadcasts itself (presence): not through Sidekiq, so never stalled."""
        wanted = set(streams)
        for sub in list(self._subscribers):
            if sub.streams & wanted:
                self.send_to_subscriber(sub, event, data)

    def send_to_subscriber(self, sub: Subscriber, event: str, data: dict[str, Any]) -> None:
        sub.queue.put_nowait(
            {"identifier": sub.identifier, "message": {"event": event, "data": data}}
        )

    def _deliver(self, streams: tuple[str, ...], event: str, data: dict[str, Any]) -> None:
        self.broadcast_count += 1
        wanted = set(streams)
        for sub in list(self._subscribers):
            if sub.streams & wanted:
                self.send_to_subscriber(sub, event, data)
        log.debug("broadcast %s to %d streams", event, len(wanted))

    def stall(self) -> None:
        self.stalled = True

    def resume(self) -> None:
        self.stalled = False
        backlog, self._backlog = self._backlog, []
        for streams, event, data in backlog:
            self._deliver(streams, event, data)

    def reset(self) -> None:
        self.stalled = False
        self._backlog.clear()
        self.broadcast_count = 0
