"""`TrayIcon`: the app in the system tray — the unread count drawn on the icon, and a menu.

The menu has Open, the operator's availability (online / busy / offline) and Quit; a click on
the icon opens the window. The count is of conversations waiting for the operator (theirs or
unassigned, not resolved, with unread messages), drawn as a red badge on the app's icon and said
in the tooltip. The tray outlives the windows of one run (a new sign-in builds a new window):
`GuiApp` owns it and points it at each window's controller.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

ICON_SIZE = 64
AVAILABILITIES = ("online", "busy", "offline")


def badge_icon(base: QIcon, count: int) -> QIcon:
    """`base` with `count` in a red circle at its top right (none for 0; "99+" above 99)."""
    pixmap = base.pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(QColor("#1f6feb"))
    if count <= 0:
        return QIcon(pixmap)
    text = str(count) if count < 100 else "99+"
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    diameter = int(ICON_SIZE * (0.55 if len(text) < 3 else 0.7))
    circle = QRect(ICON_SIZE - diameter, 0, diameter, diameter)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d1242f"))
    painter.drawEllipse(circle)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(diameter * (0.62 if len(text) == 1 else 0.5)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QObject):
    """The tray icon and its menu; `openRequested`, `availabilityChosen`, `quitRequested`."""

    openRequested = Signal()
    availabilityChosen = Signal(str)  # "online" | "busy" | "offline"
    quitRequested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = icon
        self.count = 0
        self.tray = QSystemTrayIcon(badge_icon(icon, 0), self)
        self.menu = QMenu()
        self.open_action = QAction(self.menu)
        self.open_action.triggered.connect(self.openRequested)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.availability_group = QActionGroup(self.menu)
        self.availability_actions: dict[str, QAction] = {}
        for value in AVAILABILITIES:
            action = QAction(self.menu)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, v=value: self.availabilityChosen.emit(v))
            self.availability_group.addAction(action)
            self.menu.addAction(action)
            self.availability_actions[value] = action
        self.menu.addSeparator()
        self.quit_action = QAction(self.menu)
        self.quit_action.triggered.connect(self.quitRequested)
        self.menu.addAction(self.quit_action)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.set_availability(None)
        self.retranslate()
        self.menu.installEventFilter(self)  # the menu, a window, is told of a language change

    def retranslate(self) -> None:
        """(Re)set the menu's and the tooltip's texts; runs again on a language change."""
        self.open_action.setText(self.tr("Open Operator Desktop"))
        names = {
            "online": self.tr("Online"),
            "busy": self.tr("Busy (only mentions and assignments notify)"),
            "offline": self.tr("Offline"),
        }
        for value, action in self.availability_actions.items():
            action.setText(names[value])
        self.quit_action.setText(self.tr("Quit"))
        self._update_tooltip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.tray.show()

    def hide(self) -> None:
        self.tray.hide()

    def set_unread(self, count: int) -> None:
        if count == self.count:
            return
        self.count = count
        self.tray.setIcon(badge_icon(self.base, count))
        self._update_tooltip()

    def set_availability(self, availability: str | None) -> None:
        """Tick the operator's availability (None: not known yet, nothing ticked)."""
        for value, action in self.availability_actions.items():
            action.setEnabled(availability is not None)
            action.setChecked(value == availability)

    def _update_tooltip(self) -> None:
        if self.count:
            text = self.tr("Operator Desktop: %n conversation(s) waiting", "", self.count)
        else:
            text = self.tr("Operator Desktop: nothing waiting")
        self.tray.setToolTip(text)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()
