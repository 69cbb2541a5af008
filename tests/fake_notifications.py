# dbus-fast reads D-Bus signatures ("as", "u", ...) from the annotations, which are not Python
# types: this one module is exempt from those checks.
# mypy: ignore-errors
# ruff: noqa: F821, F722, ARG002
"""A fake `org.freedesktop.Notifications` server on the session bus (dbus-fast), for tests.

It records every notification (a replacement, sent with `replaces_id`, keeps the id it
replaces, unless that one was closed: then it is a new one, as the spec says) and lets a test
play the user: click one (`ActionInvoked` with "default"), press a button, type an inline
reply (`NotificationReplied`, KDE's extension), or let one go (`close`: dismissed, expired).
No `from __future__ import annotations` here: dbus-fast reads the D-Bus type signatures from
the annotations themselves.
"""

from dataclasses import dataclass, field

from dbus_fast.service import ServiceInterface, method, signal

PATH = "/org/freedesktop/Notifications"
NAME = "org.freedesktop.Notifications"


@dataclass
class Shown:
    id: int
    summary: str
    body: str
    actions: list = field(default_factory=list)  # flat: key, label, key, label, ...
    replaces_id: int = 0
    app_icon: str = ""

    def action_keys(self) -> list:
        return self.actions[0::2]


class FakeNotificationServer(ServiceInterface):
    def __init__(self, capabilities: list) -> None:
        super().__init__(NAME)
        self.capabilities = capabilities
        self.shown: list = []
        self.closed: list = []  # ids, in the order they were closed

    @method()
    def GetCapabilities(self) -> "as":
        return self.capabilities

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["fake-notifications", "operator-desktop tests", "1.0", "1.2"]

    @method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        # a replacement keeps the id it replaces (the spec's `replaces_id`)
        known = (
            replaces_id
            and replaces_id not in self.closed
            and any(n.id == replaces_id for n in self.shown)
        )
        shown_id = replaces_id if known else max((n.id for n in self.shown), default=0) + 1
        shown = Shown(shown_id, summary, body, list(actions), replaces_id, app_icon)
        self.shown.append(shown)
        return shown.id

    def distinct(self) -> list:
        """The notifications as the user sees them: the latest state of each id."""
        latest: dict = {}
        for shown in self.shown:
            latest[shown.id] = shown
        return list(latest.values())

    def close(self, id: int, reason: int) -> None:
        """The notification goes: 1 expired, 2 dismissed by the user, 3 closed by the app."""
        if id not in self.closed:
            self.closed.append(id)
            self.NotificationClosed(id, reason)

    def is_open(self, id: int) -> bool:
        return id not in self.closed and any(n.id == id for n in self.shown)

    @method()
    def CloseNotification(self, id: "u") -> None:
        self.close(id, 3)

    @signal()
    def ActionInvoked(self, id: int, action_key: str) -> "us":
        return [id, action_key]

    @signal()
    def NotificationClosed(self, id: int, reason: int) -> "uu":
        return [id, reason]

    @signal()
    def NotificationReplied(self, id: int, text: str) -> "us":
        return [id, text]
