"""Desktop notifications for new customer messages, with a reply from the notification.

`DesktopNotifications` watches the controller's change-sets, reads the new messages on the
database thread, lets `NoticePolicy` decide, and sends each notice through desktop-notifier
(D-Bus on Linux, the native centres on Windows and macOS). Clicking a notice opens its
conversation in the window; where the notification server offers a reply field (KDE,
Windows), a reply typed there is sent through the outbox like any other; elsewhere a
"Reply" button opens the conversation with the composer focused. No notification server is
not an error: it is logged once (category `notify`) and the window works as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal

from operator_desktop.core.changes import ChangeSet
from operator_desktop.services.notices import Notice, NoticePolicy
from operator_desktop.services.readmodel import ChatRow, MessageRow
from operator_desktop.ui.controller import AppController

log = logging.getLogger("notify")


class Notifier(Protocol):
    """The part of `desktop_notifier.DesktopNotifier` used here."""

    async def send(
        self,
        title: str,
        message: str,
        *,
        buttons: Sequence[Any] = (),
        reply_field: Any = None,
        on_clicked: Callable[[], Any] | None = None,
        thread: str | None = None,
    ) -> str: ...

    async def get_capabilities(self) -> frozenset[Any]: ...

    async def clear_all(self) -> None: ...


class DesktopNotifications(QObject):
    """Sends notices while `enabled`; `opened` asks the window to show a conversation."""

    sent = Signal(object)  # Notice, once handed to the notification server
    opened = Signal(int, bool)  # display id, and whether to focus the composer

    def __init__(
        self,
        controller: AppController,
        notifier: Notifier,
        reading: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.notifier = notifier
        self.reading = reading
        self.enabled = True
        self.signature: str | None = None  # appended to replies typed in a notification
        self.policy = NoticePolicy(controller.user_id)
        self._closed = False
        self._failed = False
        self._inline_reply: bool | None = None  # known after the first notice
        controller.changed.connect(self._on_change)

    async def close(self) -> None:
        """The window is going: withdraw its notices (their actions would reach nothing)."""
        self._closed = True
        self.enabled = False
        try:
            await self.notifier.clear_all()
        except Exception as exc:
            log.info("notices not withdrawn: %s", type(exc).__name__)

    def _live(self) -> bool:
        return not self._closed and shiboken6.isValid(self)

    def _open(self, display_id: int, focus_composer: bool) -> None:
        if self._live():
            self.opened.emit(display_id, focus_composer)

    def _on_change(self, change: ChangeSet) -> None:
        if change.key != self.controller.key or not change.messages or not self.enabled:
            return
        self.controller.run(self._notify(change), name=None)

    async def _notify(self, change: ChangeSet) -> None:
        c = self.controller
        ids = sorted({m for ms in change.messages.values() for m in ms if m > 0})
        if not ids:
            return
        messages: list[MessageRow] = await c.read(c.readmodel.messages_by_id, c.key, ids)
        chats: list[ChatRow] = await c.read(
            c.readmodel.chat_rows, c.key, sorted({m.display_id for m in messages})
        )
        notices = self.policy.pick(
            messages,
            {chat.display_id: chat for chat in chats},
            now=c.now(),
            reading=self.reading(),
        )
        for notice in notices:
            await self._send(notice)

    async def _send(self, notice: Notice) -> None:
        from desktop_notifier import Button, Capability, ReplyField

        display_id = notice.display_id
        try:
            if self._inline_reply is None:
                capabilities = await self.notifier.get_capabilities()
                self._inline_reply = Capability.REPLY_FIELD in capabilities
            reply: dict[str, Any] = {}
            if self._inline_reply:  # typed in the notification, sent through the outbox
                reply["reply_field"] = ReplyField(
                    title=self.tr("Reply"),
                    button_title=self.tr("Send"),
                    on_replied=lambda text: self._reply(display_id, text),
                )
            else:  # GNOME, dunst: open the conversation with the composer focused
                reply["buttons"] = (
                    Button(
                        title=self.tr("Reply"),
                        on_pressed=lambda: self._open(display_id, True),
                    ),
                )
            await self.notifier.send(
                title=notice.title or self.tr("New message"),
                message=notice.body,
                on_clicked=lambda: self._open(display_id, False),
                thread=f"conversation-{display_id}",
                **reply,
            )
        except Exception as exc:
            if not self._failed:
                log.warning("desktop notifications are unavailable: %s", type(exc).__name__)
            self._failed = True
            return
        log.debug("notified of message %s in %s", notice.message_id, display_id)
        self.sent.emit(notice)

    def _reply(self, display_id: int, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if not self._live():  # the window (and its account) is gone
            log.warning("a reply typed in an old notification was not sent")
            return
        if self.signature:
            text = f"{text}\n\n{self.signature}"
        actions = self.controller.actions
        self.controller.run(actions.send_reply(display_id, text, clear_draft=False))


def system_notifier(app_name: str) -> Notifier:
    """The platform's notification centre through desktop-notifier."""
    from desktop_notifier import DesktopNotifier

    notifier: Notifier = DesktopNotifier(app_name=app_name)
    return notifier
