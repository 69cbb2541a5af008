"""Light and dark themes: the Qt palette plus the few app colours delegates paint with.

`Theme.current()` is read by delegates at paint time; `apply_theme` switches the whole app
(following the system by default, or forced light/dark from the settings). Widgets styled
with the theme's colours in a style sheet keep them current through `ThemeFollower`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class ThemeMode(enum.Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class AppColors:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    selection: str
    incoming_bubble: str
    outgoing_bubble: str
    outgoing_text: str
    private_bubble: str
    private_border: str
    activity_text: str
    badge: str
    badge_text: str
    amber: str
    red: str
    green: str
    divider: str
    chip: str
    chip_text: str
    banner: str
    banner_text: str
    dark: bool = False


LIGHT = AppColors(
    window="#f4f5f7",
    base="#ffffff",
    alt_base="#f7f8fa",
    text="#1f2430",
    muted="#6b7280",
    accent="#1f6feb",
    accent_text="#ffffff",
    selection="#e3edfd",
    incoming_bubble="#f0f2f5",
    outgoing_bubble="#1f6feb",
    outgoing_text="#ffffff",
    private_bubble="#fff6d6",
    private_border="#f0c541",
    activity_text="#6b7280",
    badge="#1f6feb",
    badge_text="#ffffff",
    amber="#d98e04",
    red="#d93025",
    green="#188038",
    divider="#e3e5e8",
    chip="#eef1f5",
    chip_text="#374151",
    banner="#fff4e5",
    banner_text="#7a4b00",
)

DARK = AppColors(
    window="#16181d",
    base="#1d2026",
    alt_base="#22262d",
    text="#e6e8eb",
    muted="#9aa3af",
    accent="#4c8dff",
    accent_text="#ffffff",
    selection="#26364f",
    incoming_bubble="#2a2f37",
    outgoing_bubble="#2f6fe0",
    outgoing_text="#ffffff",
    private_bubble="#3b3420",
    private_border="#a8892c",
    activity_text="#9aa3af",
    badge="#4c8dff",
    badge_text="#ffffff",
    amber="#f0a92e",
    red="#ff6b5e",
    green="#4cc27a",
    divider="#2e333b",
    chip="#2a2f37",
    chip_text="#d1d5db",
    banner="#3a2e12",
    banner_text="#f6d58e",
    dark=True,
)


class Theme:
    """The active colours; set by `apply_theme`."""

    _colors: AppColors = LIGHT
    _dark: bool = False

    @classmethod
    def current(cls) -> AppColors:
        return cls._colors

    @classmethod
    def is_dark(cls) -> bool:
        return cls._dark

    @classmethod
    def color(cls, name: str) -> QColor:
        return QColor(getattr(cls._colors, name))


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, mode: ThemeMode = ThemeMode.SYSTEM) -> None:
    dark = system_prefers_dark() if mode is ThemeMode.SYSTEM else mode is ThemeMode.DARK
    colors = DARK if dark else LIGHT
    Theme._colors = colors
    Theme._dark = dark
    app.setStyle("Fusion")
    palette = QPalette()
    c = QColor
    palette.setColor(QPalette.ColorRole.Window, c(colors.window))
    palette.setColor(QPalette.ColorRole.WindowText, c(colors.text))
    palette.setColor(QPalette.ColorRole.Base, c(colors.base))
    palette.setColor(QPalette.ColorRole.AlternateBase, c(colors.alt_base))
    palette.setColor(QPalette.ColorRole.Text, c(colors.text))
    palette.setColor(QPalette.ColorRole.Button, c(colors.base))
    palette.setColor(QPalette.ColorRole.ButtonText, c(colors.text))
    palette.setColor(QPalette.ColorRole.Highlight, c(colors.accent))
    palette.setColor(QPalette.ColorRole.HighlightedText, c(colors.accent_text))
    palette.setColor(QPalette.ColorRole.ToolTipBase, c(colors.base))
    palette.setColor(QPalette.ColorRole.ToolTipText, c(colors.text))
    palette.setColor(QPalette.ColorRole.PlaceholderText, c(colors.muted))
    palette.setColor(QPalette.ColorRole.Link, c(colors.accent))
    palette.setColor(QPalette.ColorRole.Mid, c(colors.divider))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, c(colors.muted))
    app.setPalette(palette)


class ThemeFollower(QObject):
    """Runs a widget's `restyle` now and again whenever the app's theme has changed.

    `apply_theme` changes the style, then the palette; the palette change reaches the widget
    as a `PaletteChange` event, and `restyle` runs once that has settled (next loop turn),
    only if the colours really changed.
    """

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self._restyle = restyle
        self._styled_for: AppColors | None = None
        widget.installEventFilter(self)
        self.restyle_now()

    def restyle_now(self) -> None:
        self._styled_for = Theme.current()
        self._restyle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: ARG002
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self, self._follow)
        return False

    def _follow(self) -> None:
        if self._styled_for is not Theme.current():
            self.restyle_now()
