"""`BellButton` in the status bar (a bell with the unread count) and the `BellPanel` it pops up.

The panel lists the user's notifications from the server, unread first. Clicking one (or
Enter) opens its conversation and marks it read; the context menu and the keys mark it read
or unread (R) and delete it (Delete); "Mark all read" reads them all. The list and the count
follow the live `notification.*` events and every change made here, through the
controller's change-sets; back online, the list is read again. A language switch retranslates
the bell, the panel and the rows (`retranslate`, on `QEvent.LanguageChange`).
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.errors import OperatorError
from operator_desktop.core.types import Notification
from operator_desktop.services.bell import BellPage
from operator_desktop.ui.bell.model import BellDelegate, BellModel, BellProxy
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.icons import icon
from operator_desktop.ui.common.theme import Theme, ThemeFollower
from operator_desktop.ui.controller import AppController

log = logging.getLogger("ui")


class BellList(QListView):
    """Enter opens, R toggles read, Delete deletes."""

    keyAction = Signal(str, QModelIndex)  # "open" | "toggle" | "delete", proxy index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        actions = {
            Qt.Key.Key_Return: "open",
            Qt.Key.Key_Enter: "open",
            Qt.Key.Key_R: "toggle",
            Qt.Key.Key_Delete: "delete",
        }
        action = actions.get(Qt.Key(event.key()))
        if action is not None and index.isValid():
            self.keyAction.emit(action, index)
            return
        super().keyPressEvent(event)


class BellPanel(QFrame):
    """The list, a popup under the bell."""

    openRequested = Signal(int)  # display id

    def __init__(self, controller: AppController, model: BellModel, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("bellPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.controller = controller
        self.model = model
        self.proxy = BellProxy(self)
        self.proxy.setSourceModel(model)
        self.more_page: int | None = None  # the next page to read, if any
        self._error: OperatorError | None = None  # the one shown, if any

        self.title = title = QLabel()
        title.setObjectName("bellTitle")
        self.read_all_button = QPushButton()
        self.read_all_button.setObjectName("bellReadAll")
        self.read_all_button.setFlat(True)
        self.read_all_button.clicked.connect(self.mark_all_read)
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 8, 4)
        header.addWidget(title, 1)
        header.addWidget(self.read_all_button)

        self.view = BellList()
        self.view.setObjectName("bellList")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(BellDelegate(controller.now, self.view))
        self.view.setUniformItemSizes(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(self.open_index)
        self.view.keyAction.connect(self._key_action)
        self.empty = QLabel()
        self.empty.setObjectName("bellEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel()
        self.error.setObjectName("bellError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.view, self.empty, self.error):
            self.stack.addWidget(widget)
        self.more_button = QPushButton()
        self.more_button.setFlat(True)
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.more_button)
        self.resize(380, 440)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_state)
        self._update_state()
        self.retranslate()
        self._theme = ThemeFollower(self, self._restyle)

    def retranslate(self) -> None:
        """(Re)set the panel's texts; runs again on a language change."""
        self.title.setText(self.tr("Notifications"))
        self.read_all_button.setText(self.tr("Mark all read"))
        self.empty.setText(self.tr("No notifications"))
        self.more_button.setText(self.tr("Show more"))
        if self._error is not None:
            self._describe_error(self._error)
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _restyle(self) -> None:
        c = Theme.current()
        self.setStyleSheet(
            f"""
            QFrame#bellPanel {{ background: {c.base}; border: 1px solid {c.divider}; }}
            QLabel#bellTitle {{ font-weight: 600; }}
            QLabel#bellEmpty {{ color: {c.muted}; }}
            QLabel#bellError {{ color: {c.red}; }}
            QListView#bellList {{ background: {c.base}; }}
            """
        )

    def _update_state(self, *_args: object) -> None:
        if not shiboken6.isValid(self):
            return
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.view)
        elif self.stack.currentWidget() is not self.error:
            self.stack.setCurrentWidget(self.empty)
        self.read_all_button.setEnabled(self.model.unread_count > 0)

    def show_error(self, error: OperatorError) -> None:
        self._error = error
        self._describe_error(error)
        self.stack.setCurrentWidget(self.error)

    def _describe_error(self, error: OperatorError) -> None:
        self.error.setText(
            self.tr("The notifications could not be read: {reason}").format(
                reason=describe_error(error)
            )
        )

    def show_page(self, page: BellPage, number: int, asked_at: int | None = None) -> None:
        """Show a page read from the server; `asked_at`: the model's generation when it was
        asked for (what changed live since is kept)."""
        if number == 1:
            self.model.set_notes(page.items, page.unread_count, asked_at)
        else:
            self.model.add_notes(page.items, page.unread_count, asked_at)
        self.more_page = number + 1 if page.more else None
        self.more_button.setVisible(page.more)
        self._error = None
        if self.stack.currentWidget() is self.error:
            self.stack.setCurrentWidget(self.empty)
        self._update_state()

    def popup_below(self, anchor: QWidget) -> None:
        """Show above `anchor` (the bell sits in the status bar), inside its screen."""
        at = anchor.mapToGlobal(QPoint(anchor.width(), 0))
        x = at.x() - self.width()
        y = at.y() - self.height() - 4
        screen = anchor.screen().availableGeometry()
        x = max(screen.left(), min(x, screen.right() - self.width()))
        y = max(screen.top(), y)
        self.move(x, y)
        self.show()
        self.view.setFocus(Qt.FocusReason.PopupFocusReason)
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    # ---- actions --------------------------------------------------------------------------
    def _run(self, coro: object, what: str) -> None:
        """An action on one entry; unnamed, so that one on another entry never cancels it
        (a named task replaces the one running under its name). `what` is for the log."""
        log.debug("bell: %s", what)
        self.controller.run(coro)  # type: ignore[arg-type]

    def open_index(self, index: QModelIndex) -> None:
        note = self.proxy.note(index)
        if note is None:
            return
        bell = self.controller.bell
        if note.unread and bell is not None:
            self._run(bell.mark_read(note), "bell-read")
        self.hide()
        if note.conversation_display_id is not None:
            self.openRequested.emit(note.conversation_display_id)

    def mark_read(self, note: Notification) -> None:
        if self.controller.bell is not None:
            self._run(self.controller.bell.mark_read(note), "bell-read")

    def mark_unread(self, note: Notification) -> None:
        if self.controller.bell is not None:
            self._run(self.controller.bell.mark_unread(note), "bell-unread")

    def delete(self, note: Notification) -> None:
        if self.controller.bell is not None:
            self._run(self.controller.bell.delete(note), "bell-delete")

    def mark_all_read(self) -> None:
        if self.controller.bell is not None:
            self._run(self.controller.bell.mark_all_read(self.model.unread_notes()), "bell-all")

    def load_more(self) -> None:
        bell, number = self.controller.bell, self.more_page
        if bell is None or number is None:
            return
        self.more_button.setEnabled(False)
        asked_at = self.model.generation

        def done(page: BellPage) -> None:
            if shiboken6.isValid(self):
                self.more_button.setEnabled(True)
                self.show_page(page, number, asked_at)

        def failed(error: OperatorError) -> None:
            if shiboken6.isValid(self):
                self.more_button.setEnabled(True)
                self.show_error(error)

        self.controller.run(bell.page(number), name="bell-more", on_done=done, on_error=failed)

    def _key_action(self, action: str, index: QModelIndex) -> None:
        note = self.proxy.note(index)
        if note is None:
            return
        if action == "open":
            self.open_index(index)
        elif action == "toggle":
            (self.mark_unread if not note.unread else self.mark_read)(note)
        elif action == "delete":
            self.delete(note)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        note = self.proxy.note(index)
        if note is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open conversation"), lambda: self.open_index(index))
        if note.unread:
            menu.addAction(self.tr("Mark as read"), lambda: self.mark_read(note))
        else:
            menu.addAction(self.tr("Mark as unread"), lambda: self.mark_unread(note))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.delete(note))
        menu.popup(self.view.viewport().mapToGlobal(pos))


class BellButton(QToolButton):
    """The bell with the server's unread count; opens the panel."""

    openRequested = Signal(int)  # display id, from the panel

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bellButton")
        self.controller = controller
        self.model = BellModel(self)
        self.setAutoRaise(True)
        self.setIconSize(QSize(16, 16))
        self.setFixedSize(QSize(34, 24))
        self.panel = BellPanel(controller, self.model, self)
        self.panel.openRequested.connect(self.openRequested)
        self.clicked.connect(self.open_panel)
        self.model.unreadChanged.connect(self._count_changed)
        controller.changed.connect(self._on_change)
        controller.connectionRestored.connect(self.load)  # also the first connection
        self._theme = ThemeFollower(self, self._restyle)
        self._count_changed(0)

    @property
    def unread_count(self) -> int:
        return self.model.unread_count

    def _restyle(self) -> None:
        self.setIcon(icon("bell", Theme.current().text))
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._count_changed(self.model.unread_count)  # the tooltip, in the new language
        super().changeEvent(event)

    def _count_changed(self, count: int) -> None:
        if count:
            self.setToolTip(self.tr("%n unread notification(s)", "", count))
        else:
            self.setToolTip(self.tr("Notifications"))
        self.setAccessibleName(self.toolTip())
        self.update()

    def _on_change(self, change: ChangeSet) -> None:
        if change.key == self.controller.key and (
            change.notifications or change.unread_notifications is not None
        ):
            self.model.apply(change)
            self.panel._update_state()

    def load(self) -> None:
        """Read the first page from the server (at start and back online)."""
        bell = self.controller.bell
        if bell is None:
            return
        asked_at = self.model.generation

        def done(page: BellPage) -> None:
            if shiboken6.isValid(self):
                self.panel.show_page(page, 1, asked_at)

        def failed(error: OperatorError) -> None:
            if shiboken6.isValid(self):
                log.info("notifications not read: %s", error.code.value)
                self.panel.show_error(error)

        self.controller.run(bell.page(1), name="bell-load", on_done=done, on_error=failed)

    def open_panel(self) -> None:
        if self.panel.isVisible():
            self.panel.hide()
            return
        self.panel.popup_below(self)
        self.load()  # fresh from the server each time it opens

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        count = self.model.unread_count
        if not count:
            return
        colors = Theme.current()
        text = str(count) if count < 100 else "99+"
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = QFont(self.font())
        font.setPixelSize(9)
        font.setBold(True)
        painter.setFont(font)
        width = max(14.0, painter.fontMetrics().horizontalAdvance(text) + 6.0)
        badge = QRectF(self.width() - width - 1, 1, width, 13)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.badge))
        painter.drawRoundedRect(badge, 6.5, 6.5)
        painter.setPen(QColor(colors.badge_text))
        painter.drawText(badge.translated(QPointF(0, 0)), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
