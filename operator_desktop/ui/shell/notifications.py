"""Desktop notifications: what happened, with Reply, Open, Assign to me and Resolve on them.

`DesktopNotifications` watches the controller's change-sets (new messages, conversations,
the server's own notifications), reads what it needs on the database thread, lets
`NoticePolicy` decide, and shows each notice through desktop-notifier (D-Bus on Linux, the
native centres on Windows and macOS). A conversation has one notification at a time: the next
notice for it replaces it (the same identifier; on D-Bus `ReplacingDBusBackend` passes the
old id as `replaces_id`), so a burst of messages is one notification that updates. What is
on screen is remembered per conversation until the notification goes: dismissed, expired or
closed (the notifier's `get_current_notifications` no longer lists it), or its conversation
opened or read (its notification is withdrawn then); at most `MAX_SHOWN` are remembered. The
next notice after that is a fresh notification.

The notice's title is "contact · inbox", its icon the contact's letter avatar (the app's icon
when there is no name), its body the message ("New message" when the privacy preference hides
texts). Clicking it, or Open, shows the conversation in the window. Where the notification
server offers a reply field (KDE, Windows), a reply typed there is sent through the outbox
once it passes the chat-rules check — one that does not is held and opened in the quick-reply
window with its findings (`replyHeld`), for the operator to choose; elsewhere Reply asks for
the quick-reply window (`replyRequested`). Assign to me (for
unassigned conversations) and Resolve act at once. Every action works with the window hidden.
No notification server is not an error: it is logged once (category `notify`).

The notifier is the app's (one per `GuiApp`, given to each window it builds): `close` withdraws
this window's notices and lets go of it, without closing it for the next window.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QRectF, QTemporaryDir, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPainter, Qt

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.status import Phase
from operator_desktop.services.notices import (
    Notice,
    NoticeKind,
    NoticePolicy,
    NoticeSettings,
    coalesce,
)
from operator_desktop.services.readmodel import ChatRow, MessageRow
from operator_desktop.ui.common.app_icon import APP_ICON_PATH
from operator_desktop.ui.common.avatars import paint_letter_avatar
from operator_desktop.ui.controller import AppController

if TYPE_CHECKING:
    from operator_desktop.ui.shell.sounds import SoundAlerts

log = logging.getLogger("notify")

WAITING_CHECK_MS = 30_000  # how often customers past the red threshold are looked for
SOUND_AGAIN_AFTER = 10.0  # seconds: a burst in one conversation chimes once
AVATAR_SIZE = 96
MAX_SHOWN = 64  # conversations whose notification is remembered (the oldest are forgotten)


class Notifier(Protocol):
    """The part of `desktop_notifier.DesktopNotifier` used here."""

    async def send_notification(self, notification: Any) -> str: ...

    async def get_capabilities(self) -> frozenset[Any]: ...

    async def get_current_notifications(self) -> list[str]: ...

    async def clear(self, identifier: str) -> None: ...

    async def clear_all(self) -> None: ...


class DesktopNotifications(QObject):
    """Sends notices while `enabled`; `opened` asks the window to show a conversation."""

    sent = Signal(object)  # Notice, once handed to the notification server
    opened = Signal(int, bool)  # display id, and whether to focus the composer
    replyRequested = Signal(int)  # display id: Reply without an inline field (quick reply)
    replyHeld = Signal(int, str)  # display id, an inline reply the chat-rules check held

    def __init__(
        self,
        controller: AppController,
        notifier: Notifier,
        reading: Callable[[], int | None],
        parent: QObject | None = None,
        *,
        sounds: SoundAlerts | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.notifier: Notifier | None = notifier  # the app's; None once this window closed
        self.reading = reading
        self.sounds = sounds
        self.enabled = True
        self.private_bodies = False  # "New message" instead of the text
        self.signature: str | None = None  # appended to replies typed in a notification
        self.policy = NoticePolicy(controller.user_id)
        self._closed = False
        self._failed = False
        self._inline_reply: bool | None = None  # known after the first notice
        # display id -> what its notification shows, oldest first (at most MAX_SHOWN)
        self._shown: dict[int, Notice] = {}
        self._sounded: dict[int, float] = {}  # display id -> when it last chimed
        self._lock = asyncio.Lock()  # one notice at a time: a replacement follows its original
        self._avatars = QTemporaryDir()
        self._avatar_paths: dict[str, Path] = {}
        self._waiting = QTimer(self)
        self._waiting.setInterval(WAITING_CHECK_MS)
        self._waiting.timeout.connect(self.check_waiting)
        controller.changed.connect(self._on_change)

    # ---- settings ----------------------------------------------------------------------
    @property
    def settings(self) -> NoticeSettings:
        return self.policy.settings

    def apply(self, settings: NoticeSettings) -> None:
        self.policy.settings = settings
        if settings.waiting and self.enabled:
            self._waiting.start()
        else:
            self._waiting.stop()

    def set_availability(self, availability: str | None) -> None:
        """My availability as the server confirmed it: busy lets only mentions and
        assignments through, and silences the sounds."""
        busy = availability == "busy"
        self.policy.busy = busy
        if self.sounds is not None:
            self.sounds.busy = busy

    @property
    def showing(self) -> dict[int, Notice]:
        """Conversations with a notification on screen, and what it says."""
        return dict(self._shown)

    # ---- lifecycle ---------------------------------------------------------------------
    async def prime(self) -> None:
        """Remember the cached conversations (and their assignees) before changes arrive."""
        c = self.controller
        self.policy.prime(await c.read(c.readmodel.assignees, c.key))

    async def close(self) -> None:
        """The window is going: withdraw its notices (their actions would reach nothing) and
        let go of the notifier, which stays open for the app's next window."""
        self._closed = True
        self.enabled = False
        self._waiting.stop()
        notifier, self.notifier = self.notifier, None
        try:
            if notifier is not None:
                async with self._lock:  # after a notice on its way
                    await notifier.clear_all()
        except Exception as exc:
            log.info("notices not withdrawn: %s", type(exc).__name__)
        finally:
            self._shown.clear()

    def _live(self) -> bool:
        return not self._closed and shiboken6.isValid(self)

    # ---- what changed ------------------------------------------------------------------
    def _on_change(self, change: ChangeSet) -> None:
        if change.key != self.controller.key or self._closed:
            return
        if change.messages or change.conversations or change.new_notifications:
            self.controller.run(self._notify(change), name=None)

    async def _notify(self, change: ChangeSet) -> None:
        c = self.controller
        ids = sorted({m for ms in change.messages.values() for m in ms if m > 0})
        messages: list[MessageRow] = []
        if ids:
            messages = await c.read(c.readmodel.messages_by_id, c.key, ids)
        notes = [
            note
            for note_id in sorted(change.new_notifications)
            if (note := change.notifications.get(note_id)) is not None
        ]
        wanted = {m.display_id for m in messages} | change.conversations
        wanted |= {n.conversation_display_id for n in notes if n.conversation_display_id}
        if not wanted:
            return
        rows: list[ChatRow] = await c.read(c.readmodel.chat_rows, c.key, sorted(wanted))
        chats = {chat.display_id: chat for chat in rows}
        now, reading = c.now(), self.reading()
        syncing = c.status.phase is Phase.COLD_SYNC
        policy = self.policy
        notices = policy.conversations(
            [chats[d] for d in sorted(change.conversations) if d in chats],
            now=now,
            reading=reading,
            syncing=syncing,
        )
        await self._forget_closed()  # what is still on screen lets more messages through
        notices += policy.pick(messages, chats, now=now, reading=reading, showing=set(self._shown))
        notices += policy.server(notes, chats, now=now, reading=reading)
        noticed = {notice.display_id for notice in notices}
        for chat in rows:  # read here or elsewhere since its notification came: old news
            shown = self._shown.get(chat.display_id)
            read = shown is not None and shown.unread and not chat.unread_count
            if read and chat.display_id not in noticed:
                self.withdraw(chat.display_id)
        await self._show_all(notices)

    def check_waiting(self) -> None:
        """Look for customers waiting past the red threshold (every 30 s while switched on)."""
        if self.enabled and self.settings.waiting and self._live():
            self.controller.run(self._check_waiting(), name=None)

    async def _check_waiting(self) -> None:
        c = self.controller
        now = c.now()
        rows = await c.read(
            c.readmodel.waiting_rows, c.key, now - self.settings.red_after, c.user_id
        )
        await self._show_all(self.policy.waiting(rows, now=now, reading=self.reading()))

    async def _show_all(self, notices: list[Notice]) -> None:
        if not notices or not self.enabled or not self._live():
            return
        async with self._lock:
            await self._forget_closed()
            for notice in coalesce(notices):
                await self._send(notice)

    async def _forget_closed(self) -> None:
        """Forget the notifications the server no longer shows (expired, closed, dismissed
        without a word): the next notice for their conversation is a fresh one."""
        notifier = self.notifier
        if not self._shown or notifier is None:
            return
        try:
            current = set(await notifier.get_current_notifications())
        except Exception as exc:
            log.debug("current notifications not known: %s", type(exc).__name__)
            return
        for display_id in list(self._shown):
            if self.identifier(display_id) not in current:
                del self._shown[display_id]

    # ---- one notification per conversation ---------------------------------------------
    async def _send(self, notice: Notice) -> None:
        from desktop_notifier import Button, Capability, Icon, ReplyField
        from desktop_notifier import Notification as DesktopNotification

        notifier = self.notifier
        if notifier is None:  # the window closed
            return
        display_id = notice.display_id
        had = self._shown.get(display_id)
        if had is not None:
            (notice,) = coalesce([had, notice])
        try:
            if self._inline_reply is None:
                capabilities = await notifier.get_capabilities()
                self._inline_reply = Capability.REPLY_FIELD in capabilities
            buttons = []
            reply_field = None
            if self._inline_reply:  # typed in the notification, sent through the outbox
                reply_field = ReplyField(
                    title=self.tr("Reply"),
                    button_title=self.tr("Send"),
                    on_replied=lambda text: self._reply(display_id, text),
                )
            else:  # GNOME, dunst: the quick-reply window
                buttons.append(
                    Button(self.tr("Reply"), lambda: self._quick_reply(display_id), "reply")
                )
            buttons.append(Button(self.tr("Open"), lambda: self._open(display_id, False), "open"))
            if notice.unassigned:
                buttons.append(
                    Button(self.tr("Assign to me"), lambda: self._assign(display_id), "assign")
                )
            buttons.append(Button(self.tr("Resolve"), lambda: self._resolve(display_id), "resolve"))
            avatar = self._avatar(notice.title)
            await notifier.send_notification(
                DesktopNotification(
                    title=self.title(notice),
                    message=self.body(notice),
                    icon=Icon(path=avatar) if avatar is not None else None,
                    buttons=tuple(buttons),
                    reply_field=reply_field,
                    on_clicked=lambda: self._open(display_id, False),
                    on_dismissed=lambda: self._forget(display_id),
                    thread=f"conversation-{display_id}",
                    identifier=self.identifier(display_id),
                )
            )
        except Exception as exc:
            if not self._failed:
                log.warning("desktop notifications are unavailable: %s", type(exc).__name__)
            self._failed = True
            return
        self._remember(notice)
        log.debug("notified of %s in %s", notice.kind.name, display_id)
        self._chime(notice, had)
        self.sent.emit(notice)

    def _remember(self, notice: Notice) -> None:
        """`notice` is on screen now: the newest of at most `MAX_SHOWN`."""
        self._shown.pop(notice.display_id, None)
        self._shown[notice.display_id] = notice
        while len(self._shown) > MAX_SHOWN:
            del self._shown[next(iter(self._shown))]
        if len(self._sounded) > MAX_SHOWN:  # only the recent chimes matter
            now = time.monotonic()
            for display_id, at in list(self._sounded.items()):
                if now - at >= SOUND_AGAIN_AFTER:
                    del self._sounded[display_id]

    def identifier(self, display_id: int) -> str:
        key = self.controller.key
        return f"{key.server_url}#{key.account_id}/conversation/{display_id}"

    def title(self, notice: Notice) -> str:
        name = notice.title or self.tr("Customer")
        return f"{name} · {notice.inbox}" if notice.inbox else name

    def body(self, notice: Notice) -> str:
        if self.private_bodies or not notice.body:
            text = {
                NoticeKind.NEW_CONVERSATION: self.tr("New conversation"),
                NoticeKind.ASSIGNED: self.tr("Assigned to you"),
                NoticeKind.MENTION: self.tr("You were mentioned"),
                NoticeKind.WAITING: self.tr("The customer is waiting for an answer"),
            }.get(notice.kind, self.tr("New message"))
        else:
            text = notice.body
        if notice.count > 1:
            text += "\n" + self.tr("%n more", "", notice.count - 1)
        return text

    def _chime(self, notice: Notice, had: Notice | None) -> None:
        if self.sounds is None:
            return
        now = time.monotonic()
        last = self._sounded.get(notice.display_id)
        louder = had is not None and notice.kind > had.kind
        if last is None or louder or now - last >= SOUND_AGAIN_AFTER:
            self._sounded[notice.display_id] = now
            self.sounds.noticed(notice.kind)

    def _avatar(self, name: str) -> Path | None:
        """A PNG of the contact's letter avatar (as the chat list shows it), made once."""
        name = name.strip()
        if not name:
            return APP_ICON_PATH
        path = self._avatar_paths.get(name)
        if path is None and self._avatars.isValid():
            path = Path(self._avatars.path()) / f"avatar-{len(self._avatar_paths)}.png"
            image = QImage(AVATAR_SIZE, AVATAR_SIZE, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            font = QFont()
            font.setPixelSize(AVATAR_SIZE * 2 // 5)
            font.setBold(True)
            paint_letter_avatar(painter, QRectF(0, 0, AVATAR_SIZE, AVATAR_SIZE), name, font)
            painter.end()
            if not image.save(str(path)):
                return APP_ICON_PATH
            self._avatar_paths[name] = path
        return path if path is not None else APP_ICON_PATH

    # ---- what the operator does with one -------------------------------------------------
    def _forget(self, display_id: int) -> None:
        self._shown.pop(display_id, None)

    def withdraw(self, display_id: int) -> None:
        """The conversation was opened or read: its notification (if any) is taken down."""
        self._shown.pop(display_id, None)
        if self._live():  # one forgotten (MAX_SHOWN) may still be on screen: asked, too
            self.controller.run(self._withdraw(display_id), name=None)

    async def _withdraw(self, display_id: int) -> None:
        identifier = self.identifier(display_id)
        async with self._lock:  # after a notice being sent, which may be for it
            notifier = self.notifier
            if display_id in self._shown or notifier is None:  # a newer notice stays
                return
            try:
                if identifier in await notifier.get_current_notifications():
                    await notifier.clear(identifier)
            except Exception as exc:
                log.info("notification not withdrawn: %s", type(exc).__name__)

    def _open(self, display_id: int, focus_composer: bool) -> None:
        self._forget(display_id)
        if self._live():
            self.opened.emit(display_id, focus_composer)

    def _quick_reply(self, display_id: int) -> None:
        self._forget(display_id)
        if self._live():
            self.replyRequested.emit(display_id)

    def _assign(self, display_id: int) -> None:
        self._forget(display_id)
        if not self._live():
            return
        c = self.controller
        self.policy.assigning_myself(display_id)
        c.run(c.actions.assign_agent(display_id, c.user_id))  # unnamed: two never cancel

    def _resolve(self, display_id: int) -> None:
        self._forget(display_id)
        if not self._live():
            return
        c = self.controller
        c.run(c.actions.set_status(display_id, "resolved"))

    def _reply(self, display_id: int, text: str) -> None:
        self._forget(display_id)
        text = text.strip()
        if not text:
            return
        if not self._live():  # the window (and its account) is gone
            log.warning("a reply typed in an old notification was not sent")
            return
        findings = self.controller.send_reply(
            display_id, text, guarded=True, signature=self.signature, clear_draft=False
        )
        if findings:  # never sent without the operator's choice
            log.info("a reply typed in a notification was held by the chat rules")
            self.replyHeld.emit(display_id, text)


def system_notifier(app_name: str) -> Notifier:
    """The platform's notification centre through desktop-notifier, with the app's icon."""
    from desktop_notifier import DesktopNotifier, Icon

    notifier = DesktopNotifier(app_name=app_name, app_icon=Icon(path=APP_ICON_PATH))
    if platform.system() == "Linux":
        from operator_desktop.ui.shell.dbus_replacing import ReplacingDBusBackend

        # desktop-notifier 6.2 has no way to replace a notification on D-Bus: its backend
        # is swapped for one that does (Windows and macOS replace by identifier already)
        notifier._backend = ReplacingDBusBackend(app_name, Icon(path=APP_ICON_PATH))
    return notifier


async def close_notifier(notifier: Notifier) -> None:
    """Let the notifier from `system_notifier` go for good: its D-Bus connection is closed.
    (The app does this once, at its end; a window only lets go of it.)"""
    backend = getattr(notifier, "_backend", None)
    aclose = getattr(backend, "aclose", None)
    if aclose is not None:
        try:
            await aclose()
        except Exception as exc:
            log.info("notifier not closed: %s", type(exc).__name__)
