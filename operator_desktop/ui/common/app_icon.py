"""The app's own icon (packaging/make_icon.py renders it from the SVG) for windows, notifications
and the tray."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
APP_ICON_PATH = RESOURCES / "icons" / "operator-desktop.png"


def app_icon() -> QIcon:
    return QIcon(str(APP_ICON_PATH))
