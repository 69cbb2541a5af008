"""The app icon as a PNG for windows, notifications and the tray, rendered from the one SVG.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

Renders operator_desktop/icons/operator-desktop.svg (the design the bundles' icons come from,
packaging/make_icons.py) into operator_desktop/resources/icons/operator-desktop.png, 256 px:
desktop-notifier hands notification servers a file path, and a PNG is what every one reads.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZE = 256
PACKAGE = Path(__file__).resolve().parent.parent / "operator_desktop"
SOURCE = PACKAGE / "icons" / "operator-desktop.svg"
TARGET = PACKAGE / "resources" / "icons" / "operator-desktop.png"


def render(size: int = SIZE) -> QImage:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icon.py: cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not render().save(str(TARGET)):
        print(f"make_icon.py: cannot write {TARGET}", file=sys.stderr)
        return 1
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
