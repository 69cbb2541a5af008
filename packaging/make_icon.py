"""The app icon: a speech bubble with three dots on a rounded blue square, painted with Qt.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

Writes operator_desktop/resources/icons/operator-desktop.png (256 px; the window, the
notifications and, later, the tray use it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

SIZE = 256
TARGET = (
    Path(__file__).resolve().parent.parent
    / "operator_desktop"
    / "resources"
    / "icons"
    / "operator-desktop.png"
)


def paint(size: int = SIZE) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.scale(size / 256, size / 256)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, 256))
    gradient.setColorAt(0.0, QColor("#3e7bfa"))
    gradient.setColorAt(1.0, QColor("#1f4fc7"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(44, 56, 168, 118), 40, 40)
    tail = QPainterPath(QPointF(82, 164))
    tail.lineTo(QPointF(66, 210))
    tail.lineTo(QPointF(124, 170))
    tail.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(bubble.united(tail))
    p.setBrush(QColor("#2a62e6"))
    for x in (90.0, 128.0, 166.0):
        p.drawEllipse(QPointF(x, 115), 12, 12)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - QPainter needs one
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not paint().save(str(TARGET)):
        print(f"could not write {TARGET}", file=sys.stderr)
        return 1
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
