"""`BellService`: the user's notification list on the server (Chatwoot's bell, §6.1).

The server keeps the list; nothing of it is cached. Reading returns pages, unread entries
first; each change (read, unread, all read, delete) is sent to the server and then published
as a change-set carrying the entries' new state and the server's unread count, exactly as the
live `notification.created/updated/deleted` events are (the engine turns those into the same
change-sets), so the bell's model has one way of being updated.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.types import Notification
from operator_desktop.sync.engine import SyncEngine

log = logging.getLogger("services")

PAGE_SIZE = 15  # the server's (NotificationFinder)


@dataclass(frozen=True, slots=True)
class BellPage:
    items: list[Notification]
    unread_count: int
    more: bool  # another page may follow


def bell_order(note: Notification) -> tuple[bool, float, int]:
    """Sort key: unread first, then the latest activity first."""
    return (not note.unread, -(note.last_activity_at or note.created_at or 0.0), -note.id)


class BellService:
    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self.client = engine.client
        self.key = engine.key

    async def page(self, page: int = 1) -> BellPage:
        """One page of read and unread notifications (the server orders by last activity)."""
        listing = await self.client.notifications(page, include_read=True)
        unread = await self.client.unread_notifications()
        items = sorted(listing.items, key=bell_order)
        return BellPage(items, unread, more=len(listing.items) >= PAGE_SIZE)

    async def mark_read(self, note: Notification) -> None:
        await self.client.mark_notification_read(note.id)
        await self._publish([replace(note, read_at=self.engine.clock.now())])

    async def mark_unread(self, note: Notification) -> None:
        await self.client.mark_notification_unread(note.id)
        await self._publish([replace(note, read_at=None)])

    async def mark_all_read(self, notes: Sequence[Notification]) -> None:
        """Everything unread on the server; `notes` are the entries shown (Chatwoot sends no
        event for this one, so their new state is published here)."""
        await self.client.mark_all_notifications_read()
        now = self.engine.clock.now()
        await self._publish([replace(n, read_at=now) for n in notes if n.unread])

    async def mark_conversation_read(self, notes: Sequence[Notification]) -> None:
        """The notifications of one conversation (it was opened from the bell)."""
        unread = [n for n in notes if n.unread]
        if not unread:
            return
        await self.client.mark_all_notifications_read(unread[0].primary_actor_id)
        now = self.engine.clock.now()
        await self._publish([replace(n, read_at=now) for n in unread])

    async def delete(self, note: Notification) -> None:
        await self.client.delete_notification(note.id)
        change = ChangeSet(self.key)
        change.notifications[note.id] = None
        await self._publish_change(change)

    async def _publish(self, notes: Sequence[Notification]) -> None:
        change = ChangeSet(self.key)
        for note in notes:
            change.notifications[note.id] = note
        await self._publish_change(change)

    async def _publish_change(self, change: ChangeSet) -> None:
        change.unread_notifications = await self.client.unread_notifications()
        self.engine.publish(change)
