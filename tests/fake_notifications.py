# dbus-fast reads D-Bus signatures ("as", "u", ...) from the annotations, which are not Python
# types: this one module is exempt from those checks.
# mypy: ignore-errors
# ruff: noqa: F821, F722, ARG002
"""A fake `org.freedesktop.Notifications` server on the session bus (dbus-fast), for tests.

It records every notification and lets a test play the user: click one (`ActionInvoked`
with "default"), press a button, or type an inline reply (`NotificationReplied`, KDE's
extension). No `from __future__ import annotations` here: dbus-fast reads the D-Bus type
signatures from the annotations themselves.
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

    def action_keys(self) -> list:
        return self.actions[0::2]


class FakeNotificationServer(ServiceInterface):
    def __init__(self, capabilities: list) -> None:
        super().__init__(NAME)
        self.capabilities = capabilities
        self.shown: list = []

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
        shown = Shown(len(self.shown) + 1, summary, body, list(actions))
        self.shown.append(shown)
        return shown.id

    @method()
    def CloseNotification(self, id: "u") -> None:
        return None

    @signal()
    def ActionInvoked(self, id: int, action_key: str) -> "us":
        return [id, action_key]

    @signal()
    def NotificationClosed(self, id: int, reason: int) -> "uu":
        return [id, reason]

    @signal()
    def NotificationReplied(self, id: int, text: str) -> "us":
        return [id, text]
