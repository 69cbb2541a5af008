"""desktop-notifier's D-Bus backend, made to replace a notification sent again.

desktop-notifier 6.2 always calls `Notify` with `replaces_id` 0, so a notification sent again
under the same identifier would appear a second time (and its id map would refuse the
duplicate). Here a notification whose identifier is still on screen is sent with that
notification's D-Bus id as `replaces_id`: the server updates it in place
(org.freedesktop.Notifications, "Notify"). Everything else is the library's own code, but
for `aclose`: the library never closes its session-bus connection (the app does, at its end).
"""

from __future__ import annotations

from typing import Any

from desktop_notifier.backends.dbus import DBusDesktopNotifier
from desktop_notifier.common import Notification


class ReplacingDBusBackend(DBusDesktopNotifier):
    async def _send(self, notification: Notification) -> None:
        ids = self._platform_to_interface_notification_identifier
        previous = ids.inverse.get(notification.identifier)
        if previous is None:
            await super()._send(notification)
            return
        if not self.interface:
            self.interface = await self._init_dbus()
        interface: Any = self.interface
        notify = interface.call_notify

        async def notify_replacing(app_name: str, _replaces_id: int, *rest: Any) -> Any:
            return await notify(app_name, previous, *rest)

        del ids[previous]
        interface.call_notify = notify_replacing
        try:
            await super()._send(notification)
        finally:
            interface.call_notify = notify

    async def aclose(self) -> None:
        """Close the session-bus connection (opened by the first notification), if any."""
        bus = getattr(self, "bus", None)
        self.interface = None
        if bus is not None and bus.connected:
            bus.disconnect()
            await bus.wait_for_disconnect()
