"""The window's connection feedback: the status bar widget and the offline banner.

`StatusBarWidget` shows, left to right: a coloured dot with the connection state
("Connected", "Connecting…", "Offline since 14:05", "Sign in again"), the last sync time,
the first sync's progress (a small bar, only while it runs) and, on the right, the
operator's availability (Online / Busy / Offline), which is sent to the server.

`OfflineBanner` is a thin strip above the panes, visible only while the app works from its
cache or the sign-in has expired; the latter offers a "Sign in again" button.

Both follow `AppController.statusChanged` (a `SyncStatus`); `ConnectionTracker` turns the
stream of statuses into one of four states and remembers since when the app is offline.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from html import escape

import shiboken6
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from operator_desktop.core.errors import STORAGE_TROUBLE, ErrorCode, OperatorError
from operator_desktop.core.status import CableState, Phase, SyncStatus
from operator_desktop.core.types import Profile
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.theme import AppColors, Theme, ThemeFollower
from operator_desktop.ui.common.timefmt import list_time, relative_time
from operator_desktop.ui.controller import AppController

log = logging.getLogger("ui")

AVAILABILITIES = ("online", "busy", "offline")
TICK_MS = 30_000  # how often the status bar redraws its "… ago"


class ConnectionState(enum.Enum):
    CONNECTED = "connected"
    CONNECTING = "connecting"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"


def connection_state(status: SyncStatus) -> ConnectionState:
    """The one state the status bar and the banner show for `status`."""
    if status.phase is Phase.SIGNED_OUT or status.cable is CableState.UNAUTHORIZED:
        return ConnectionState.SIGNED_OUT
    if status.phase is Phase.OFFLINE:
        return ConnectionState.OFFLINE
    if status.cable is CableState.CONNECTED:
        return ConnectionState.CONNECTED
    return ConnectionState.CONNECTING


@dataclass
class ConnectionTracker:
    """Follows successive statuses; knows since when the app has been without the server."""

    state: ConnectionState = ConnectionState.CONNECTING
    offline_since: float | None = None
    last_sync_at: float | None = None
    _was_connected: bool = False

    def update(self, status: SyncStatus, now: float) -> ConnectionState:
        self.state = connection_state(status)
        self.last_sync_at = status.last_sync_at
        if self.state is ConnectionState.CONNECTED:
            self._was_connected = True
            self.offline_since = None
        elif self.offline_since is None and (
            self._was_connected or self.state is ConnectionState.OFFLINE
        ):
            # the moment the server was lost (the cable dropped, or the first sync failed)
            self.offline_since = now
        return self.state


def state_color(state: ConnectionState, colors: AppColors) -> str:
    return {
        ConnectionState.CONNECTED: colors.green,
        ConnectionState.CONNECTING: colors.amber,
        ConnectionState.OFFLINE: colors.muted,
        ConnectionState.SIGNED_OUT: colors.red,
    }[state]


def availability_color(availability: str, colors: AppColors) -> str:
    return {"online": colors.green, "busy": colors.amber}.get(availability, colors.muted)


def _clock_time(ts: float, now: float) -> str:
    return list_time(ts, now)


class StatusDot(QWidget):
    """A small filled circle in one colour."""

    def __init__(self, diameter: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor("#888888")
        self._diameter = diameter
        self.setFixedSize(diameter + 4, diameter + 4)

    def color(self) -> QColor:
        return QColor(self._color)

    def set_color(self, color: str | QColor) -> None:
        self._color = QColor(color)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._diameter + 4, self._diameter + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        d = self._diameter
        painter.drawEllipse(QRectF((self.width() - d) / 2, (self.height() - d) / 2, d, d))
        painter.end()


def dot_icon(color: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class StatusBarWidget(QWidget):
    """Connection state, last sync, first-sync progress and the availability selector."""

    availabilityChanged = Signal(str)  # the server's value, after loading or changing it
    availabilityFailed = Signal(object)  # OperatorError; the selector went back
    signInAgainRequested = Signal()  # the "Sign in again" link was clicked

    def __init__(
        self, controller: AppController, parent: QWidget | None = None, *, load_now: bool = True
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.tracker = ConnectionTracker()
        self._status = SyncStatus()
        self._availability: str | None = None  # as the server last confirmed it

        self.dot = StatusDot()
        self.state_label = QLabel()
        self.state_label.setObjectName("connectionState")
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.state_label.linkActivated.connect(lambda _link: self.signInAgainRequested.emit())
        self.sync_label = QLabel()
        self.sync_label.setObjectName("lastSync")
        self.progress = QProgressBar()
        self.progress.setObjectName("firstSyncProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(110, 8)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("firstSyncText")
        self.availability_error = QLabel()
        self.availability_error.setObjectName("availabilityError")
        self.availability_error.hide()
        self.availability = QComboBox()
        self.availability.setObjectName("availability")
        self.availability.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.availability.setEnabled(False)  # until the server says what it is

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.state_label)
        layout.addWidget(self._separator())
        layout.addWidget(self.sync_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addStretch(1)
        layout.addWidget(self.availability_error)
        layout.addWidget(self.availability)

        self._fill_availability()
        self.availability.activated.connect(self._on_availability_chosen)
        controller.statusChanged.connect(self.set_status)
        self._loading = False
        self._theme = ThemeFollower(self, self._restyle)
        if load_now:  # else `start_loading` once the window has painted (no network before)
            self._start_loading()
        self.set_status(controller.status)
        self._ticker = QTimer(self)  # "Synced 5 min ago" keeps up with the clock
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._render)
        self._ticker.start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill_availability()
            self._render()
        super().changeEvent(event)

    @staticmethod
    def _separator() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFixedHeight(12)
        line.setObjectName("statusSeparator")
        return line

    def _labels(self) -> dict[str, str]:
        return {"online": self.tr("Online"), "busy": self.tr("Busy"), "offline": self.tr("Offline")}

    def _fill_availability(self) -> None:
        colors = Theme.current()
        labels = self._labels()
        current = self.availability.currentData()
        self.availability.blockSignals(True)
        self.availability.clear()
        for value in AVAILABILITIES:
            self.availability.addItem(
                dot_icon(availability_color(value, colors)), labels[value], value
            )
        index = self.availability.findData(current if current else self._availability)
        self.availability.setCurrentIndex(max(index, 0))
        self.availability.blockSignals(False)
        self.availability.setToolTip(self.tr("Your availability for this account"))

    # ---- theme ----------------------------------------------------------------------------
    def _restyle(self) -> None:
        colors = Theme.current()
        self.setStyleSheet(
            f"""
            QLabel#lastSync, QLabel#firstSyncText {{ color: {colors.muted}; }}
            QLabel#availabilityError {{ color: {colors.red}; }}
            QFrame#statusSeparator {{ color: {colors.divider}; }}
            QProgressBar#firstSyncProgress {{
                border: none; border-radius: 4px; background: {colors.divider};
            }}
            QProgressBar#firstSyncProgress::chunk {{
                border-radius: 4px; background: {colors.accent};
            }}
            """
        )
        self._fill_availability()
        self._render()

    # ---- sync status ------------------------------------------------------------------------
    def set_status(self, status: SyncStatus) -> None:
        """Show `status` (also connected to `controller.statusChanged`)."""
        self._status = status
        state = self.tracker.update(status, self.controller.now())
        self._render()
        if (
            state is ConnectionState.CONNECTED
            and self._availability is None
            and not (self._loading)
        ):  # started offline: ask again now that the server answers
            self._start_loading()

    def start_loading(self) -> None:
        """Ask the server for the availability now (the window calls it after its first paint)."""
        if not self._loading and self._availability is None:
            self._start_loading()

    def _start_loading(self) -> None:
        self._loading = True
        self.controller.run(self.load_availability(), name="status-availability")

    def state(self) -> ConnectionState:
        return self.tracker.state

    def _render(self) -> None:
        status = self._status
        now = self.controller.now()
        state = self.tracker.state
        self.dot.set_color(state_color(state, Theme.current()))
        if state is ConnectionState.CONNECTED:
            text = self.tr("Connected")
        elif state is ConnectionState.CONNECTING:
            text = self.tr("Connecting…")
        elif state is ConnectionState.SIGNED_OUT:
            link = escape(self.tr("Sign in again"))
            text = f'<a href="#sign-in" style="color:{Theme.current().red}">{link}</a>'
        elif self.tracker.offline_since is not None:
            text = self.tr("Offline since {0}").format(_clock_time(self.tracker.offline_since, now))
        else:
            text = self.tr("Offline")
        if state is not ConnectionState.SIGNED_OUT:
            text = escape(text)
        self.state_label.setText(text)
        self.state_label.setToolTip(describe_error(status.error) if status.error else "")
        if status.last_sync_at:
            self.sync_label.setText(
                self.tr("Synced {0}").format(relative_time(status.last_sync_at, now))
            )
        else:
            self.sync_label.setText(self.tr("Not synced yet"))
        syncing = status.phase is Phase.COLD_SYNC and status.total > 0
        self.progress.setVisible(syncing)
        self.progress_label.setVisible(syncing)
        if syncing:
            self.progress.setRange(0, status.total)
            self.progress.setValue(min(status.done, status.total))
            self.progress_label.setText(
                self.tr("First sync: {0} of {1}").format(
                    min(status.done, status.total), status.total
                )
            )

    # ---- availability -----------------------------------------------------------------------
    def availability_value(self) -> str | None:
        """What the server last confirmed (None until known)."""
        return self._availability

    async def load_availability(self) -> None:
        """Ask the server for this account's configured availability."""
        try:
            profile = await self.controller.actions.profile()
        except OperatorError as exc:  # offline at start: the selector stays disabled
            log.info("availability unknown: %s", exc.code.value)
            return
        finally:
            if shiboken6.isValid(self):
                self._loading = False
        if shiboken6.isValid(self):
            self._availability_saved(profile)

    def _apply_profile(self, profile: Profile) -> None:
        account_id = self.controller.key.account_id
        membership = next((a for a in profile.accounts if a.id == account_id), None)
        value = membership.availability if membership is not None else None
        if value not in AVAILABILITIES:
            return
        assert value is not None
        self._availability = value
        self.availability.setCurrentIndex(self.availability.findData(value))
        self.availability.setEnabled(True)
        self.availability_error.hide()

    @property
    def confirmed_availability(self) -> str | None:
        """The availability the server last confirmed (None: not known yet)."""
        return self._availability

    def set_availability(self, value: str) -> None:
        """Send `value` (online, busy or offline) to the server."""
        if value not in AVAILABILITIES:
            raise ValueError(value)
        self.availability.setCurrentIndex(self.availability.findData(value))
        self.availability.setEnabled(False)
        self.availability_error.hide()
        self.controller.run(
            self.controller.actions.set_availability(value),
            name="status-set-availability",
            on_done=self._availability_saved,
            on_error=self._availability_failed,
        )

    def _on_availability_chosen(self, index: int) -> None:
        value = self.availability.itemData(index)
        if isinstance(value, str) and value != self._availability:
            self.set_availability(value)

    def _availability_saved(self, profile: Profile) -> None:
        if not shiboken6.isValid(self):
            return
        self.controller.publish_profile(profile)
        self._apply_profile(profile)
        self.availability.setEnabled(True)
        if self._availability is not None:
            self.availabilityChanged.emit(self._availability)

    def _availability_failed(self, error: OperatorError) -> None:
        if not shiboken6.isValid(self):
            return
        self.availability.setEnabled(True)
        index = self.availability.findData(self._availability) if self._availability else 0
        self.availability.setCurrentIndex(max(index, 0))
        self.availability_error.setText(self.tr("Availability not changed"))
        self.availability_error.setToolTip(describe_error(error))
        self.availability_error.show()
        self.availabilityFailed.emit(error)


class OfflineBanner(QFrame):
    """ "Offline — showing cached conversations…", "Sign-in expired…" or "The disk is
    full…", else hidden."""

    signInAgain = Signal()

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.trouble: ErrorCode | None = None  # the cache cannot be written: why
        self.controller = controller
        self.tracker = ConnectionTracker()
        self.icon = StatusDot(8)
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("bannerButton")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.signInAgain)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("bannerButton")
        self.retry_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retry_button.clicked.connect(self.controller.actions.retry_now)
        self.retry_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 5, 8, 5)
        layout.setSpacing(8)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.retry_button)
        self._relevant = False
        self.setVisible(False)
        controller.statusChanged.connect(self.set_status)
        self._theme = ThemeFollower(self, self._restyle)
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set the buttons and the message; runs again on a language change."""
        self.button.setText(self.tr("Sign in again"))
        self.retry_button.setText(self.tr("Try again"))
        self.retry_button.setToolTip(self.tr("Try saving again now"))
        self.set_status(self.controller.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def is_relevant(self) -> bool:
        """Whether the banner has something to say (it is shown once it has a parent)."""
        return self._relevant

    def _set_relevant(self, relevant: bool) -> None:
        self._relevant = relevant
        if self.parentWidget() is not None:  # never pop up as a window of its own
            self.setVisible(relevant)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.ParentChange:
            self._set_relevant(self._relevant)
        return handled

    def _restyle(self) -> None:
        colors = Theme.current()
        self.setStyleSheet(
            f"""
            QFrame#offlineBanner {{
                background: {colors.banner}; border-bottom: 1px solid {colors.divider};
            }}
            QLabel#bannerText {{ color: {colors.banner_text}; }}
            QPushButton#bannerButton {{
                color: {colors.banner_text}; background: transparent;
                border: 1px solid {colors.banner_text}; border-radius: 4px; padding: 2px 10px;
            }}
            QPushButton#bannerButton:hover {{ background: {colors.base}; }}
            """
        )
        self.icon.set_color(state_color(self.tracker.state, colors))

    def set_status(self, status: SyncStatus) -> None:
        now = self.controller.now()
        state = self.tracker.update(status, now)
        self.icon.set_color(state_color(state, Theme.current()))
        error = status.error.code if status.error is not None else None
        self.trouble = error if error in STORAGE_TROUBLE else None
        self.retry_button.setVisible(
            self.trouble is not None and state is not ConnectionState.SIGNED_OUT
        )
        if state is ConnectionState.SIGNED_OUT:
            self.label.setText(self.tr("Sign-in expired — sign in again to reconnect."))
            self.button.show()
            self._set_relevant(True)
        elif self.trouble is not None:
            self.icon.set_color(Theme.current().amber)
            if self.trouble is ErrorCode.DISK_FULL:
                text = self.tr(
                    "The disk is full — new messages are not being saved. Everything already "
                    "here can still be read. Free some space: the app catches up by itself."
                )
            else:
                text = self.tr(
                    "The data folder cannot be written — new messages are not being saved. "
                    "Everything already here can still be read."
                )
            self.label.setText(text)
            self.label.setToolTip(describe_error(status.error) if status.error else "")
            self.button.hide()
            self._set_relevant(True)
        elif state is ConnectionState.OFFLINE:
            if status.last_sync_at:
                self.label.setText(
                    self.tr("Offline — showing cached conversations (last synced {0})").format(
                        _clock_time(status.last_sync_at, now)
                    )
                )
            else:
                self.label.setText(self.tr("Offline — showing cached conversations"))
            self.label.setToolTip(describe_error(status.error) if status.error else "")
            self.button.hide()
            self._set_relevant(True)
        else:
            self._set_relevant(False)
