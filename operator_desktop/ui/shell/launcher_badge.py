"""`LauncherBadge`: the waiting count on the app's taskbar or dock entry.

Linux docks and task managers (KDE Plasma, Ubuntu's dock, elementary's Plank, …) read Unity's
`com.canonical.Unity.LauncherEntry.Update` signal on the session bus, keyed by the app's
`.desktop` file: it is sent with dbus-fast (desktop-notifier's own D-Bus library), since Qt's
`setBadgeNumber` names the object path after the application name, which D-Bus refuses when it
has a space. Windows and macOS get Qt's `QGuiApplication.setBadgeNumber` (the taskbar overlay,
the dock tile). Only the latest count is sent, once; a session without a bus shows no badge.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any

from PySide6.QtGui import QGuiApplication

log = logging.getLogger("ui")

OBJECT_PATH = "/org/operatordesktop/OperatorDesktop/LauncherEntry"
INTERFACE = "com.canonical.Unity.LauncherEntry"


class LauncherBadge:
    """`set_count(n)` shows `n` on the launcher entry (nothing for 0)."""

    def __init__(self, app: QGuiApplication, desktop_id: str, *, unity: bool | None = None) -> None:
        self.app = app
        self.app_uri = f"application://{desktop_id}.desktop"
        self.unity = sys.platform.startswith("linux") if unity is None else unity
        self.count = 0
        self._sent: int | None = None
        self._bus: Any = None
        self._broken = False
        self._sender: asyncio.Task[None] | None = None

    def set_count(self, count: int) -> None:
        self.count = max(0, count)
        if not self.unity:
            self.app.setBadgeNumber(self.count)
            return
        if self._broken or self._sent == self.count:
            return
        if self._sender is None or self._sender.done():
            self._sender = asyncio.get_running_loop().create_task(
                self._send_latest(), name="launcher-badge"
            )
            self._sender.add_done_callback(self._sender_done)

    async def _send_latest(self) -> None:
        from dbus_fast.aio import MessageBus

        if self._bus is None:
            self._bus = await MessageBus().connect()
        while self._sent != self.count:
            count = self.count
            await self._bus.send(_update(self.app_uri, count))
            self._sent = count

    def _sender_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:  # no session bus (a bare X session, a container): no badge
            self._broken = True
            log.info("no launcher badge: %s", exc)

    async def aclose(self) -> None:
        """Clear the badge and let the bus go."""
        if not self.unity:
            self.app.setBadgeNumber(0)
            return
        if self._sender is not None:
            self._sender.cancel()
        if self._bus is not None:
            if self._sent:
                try:
                    async with asyncio.timeout(2):
                        await self._bus.send(_update(self.app_uri, 0))
                except (OSError, TimeoutError, EOFError) as exc:
                    log.info("launcher badge not cleared: %s", exc)
            self._bus.disconnect()
            with contextlib.suppress(Exception):  # its socket is closed once it has ended
                await self._bus.wait_for_disconnect()
            self._bus = None
        self._sent = None


def _update(app_uri: str, count: int) -> Any:
    """The LauncherEntry `Update` signal for `count` (hidden for 0)."""
    from dbus_fast import Message, Variant

    return Message.new_signal(
        OBJECT_PATH,
        INTERFACE,
        "Update",
        "sa{sv}",
        [app_uri, {"count": Variant("x", count), "count-visible": Variant("b", count > 0)}],
    )
