"""Icons painted with QPainter in the theme's colours (no image files, no emoji), so they
follow light and dark themes, stay crisp at any device pixel ratio and never fall back to a
missing-glyph box. Each painter draws into a 16 × 16 box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

IconPainter = Callable[[QPainter, QColor], None]  # paints into a 16 × 16 box


def _pen(color: QColor, width: float = 1.4) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _mail(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(2, 3.5, 12, 9), 1.5, 1.5)
    path = QPainterPath(QPointF(2.5, 4.5))
    path.lineTo(8, 9)
    path.lineTo(13.5, 4.5)
    p.drawPath(path)


def _phone(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(4.5, 1.5, 7, 13), 1.5, 1.5)
    p.drawLine(QPointF(7, 12), QPointF(9, 12))


def _company(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRect(QRectF(3, 2.5, 7, 11))
    p.drawLine(QPointF(10, 6.5), QPointF(13, 6.5))
    p.drawLine(QPointF(13, 6.5), QPointF(13, 13.5))
    p.drawLine(QPointF(1.5, 13.5), QPointF(14.5, 13.5))
    for y in (5.0, 7.5, 10.0):
        p.drawPoint(QPointF(5.3, y))
        p.drawPoint(QPointF(7.7, y))


def _pin(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath(QPointF(8, 14.5))
    path.cubicTo(QPointF(3.5, 9.5), QPointF(3, 8), QPointF(3, 6.5))
    path.arcTo(QRectF(3, 1.5, 10, 10), 180, -180)
    path.cubicTo(QPointF(13, 8), QPointF(12.5, 9.5), QPointF(8, 14.5))
    p.drawPath(path)
    p.drawEllipse(QPointF(8, 6.5), 1.8, 1.8)


def _globe(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawEllipse(QPointF(8, 8), 6, 6)
    p.drawEllipse(QPointF(8, 8), 2.6, 6)
    p.drawLine(QPointF(2, 8), QPointF(14, 8))


def _monitor(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(1.5, 2.5, 13, 8.5), 1.2, 1.2)
    p.drawLine(QPointF(8, 11), QPointF(8, 13.5))
    p.drawLine(QPointF(5, 13.5), QPointF(11, 13.5))


def _link(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath(QPointF(7, 3))
    path.lineTo(3, 3)
    path.lineTo(3, 13)
    path.lineTo(13, 13)
    path.lineTo(13, 9)
    p.drawPath(path)
    p.drawLine(QPointF(8, 8), QPointF(13.5, 2.5))
    p.drawLine(QPointF(9.5, 2.5), QPointF(13.5, 2.5))
    p.drawLine(QPointF(13.5, 2.5), QPointF(13.5, 6.5))


def _copy(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c, 1.3))
    p.drawRoundedRect(QRectF(5.5, 5.5, 8, 8.5), 1.5, 1.5)
    path = QPainterPath(QPointF(3.5, 10.5))
    path.lineTo(2.5, 10.5)
    path.lineTo(2.5, 2)
    path.lineTo(10, 2)
    path.lineTo(10, 3.5)
    p.drawPath(path)


def _check(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c, 1.8))
    path = QPainterPath(QPointF(3, 8.5))
    path.lineTo(6.5, 12)
    path.lineTo(13, 4.5)
    p.drawPath(path)


def _pencil(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c, 1.3))
    path = QPainterPath(QPointF(11, 2.5))
    path.lineTo(13.5, 5)
    path.lineTo(5.5, 13)
    path.lineTo(2.5, 13.5)
    path.lineTo(3, 10.5)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(9.5, 4), QPointF(12, 6.5))


def _tag(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath(QPointF(2, 2.5))
    path.lineTo(8, 2.5)
    path.lineTo(14, 8.5)
    path.lineTo(8.5, 14)
    path.lineTo(2, 7.5)
    path.closeSubpath()
    p.drawPath(path)
    p.drawEllipse(QPointF(5.5, 6), 1, 1)


def _chat(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath()
    path.addRoundedRect(QRectF(2, 2.5, 12, 8.5), 2, 2)
    p.drawPath(path)
    tail = QPainterPath(QPointF(5, 11))
    tail.lineTo(4.5, 14)
    tail.lineTo(8, 11)
    p.drawPath(tail)


def _image(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(1.5, 2.5, 13, 11), 1.5, 1.5)
    path = QPainterPath(QPointF(2, 12.5))
    path.lineTo(6, 8)
    path.lineTo(9, 11)
    path.lineTo(11, 9)
    path.lineTo(14, 12)
    p.drawPath(path)
    p.drawEllipse(QPointF(10.5, 5.8), 1.2, 1.2)


def _audio(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(5.5, 1.5, 5, 8.5), 2.5, 2.5)
    path = QPainterPath(QPointF(3.5, 7.5))
    path.arcTo(QRectF(3.5, 3.5, 9, 9), 180, 180)
    p.drawPath(path)
    p.drawLine(QPointF(8, 12.5), QPointF(8, 14.5))
    p.drawLine(QPointF(5.5, 14.5), QPointF(10.5, 14.5))


def _video(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    p.drawRoundedRect(QRectF(1.5, 4, 9, 8), 1.5, 1.5)
    path = QPainterPath(QPointF(10.5, 7))
    path.lineTo(14.5, 4.5)
    path.lineTo(14.5, 11.5)
    path.lineTo(10.5, 9)
    p.drawPath(path)


def _file(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath(QPointF(9.5, 1.5))
    path.lineTo(3.5, 1.5)
    path.lineTo(3.5, 14.5)
    path.lineTo(12.5, 14.5)
    path.lineTo(12.5, 4.5)
    path.closeSubpath()
    p.drawPath(path)
    corner = QPainterPath(QPointF(9.5, 1.5))
    corner.lineTo(9.5, 4.5)
    corner.lineTo(12.5, 4.5)
    p.drawPath(corner)


def _bell(p: QPainter, c: QColor) -> None:
    p.setPen(_pen(c))
    path = QPainterPath(QPointF(3, 12))
    path.lineTo(4.2, 10.5)
    path.lineTo(4.2, 7)
    path.arcTo(QRectF(4.2, 2.5, 7.6, 8), 180, -180)
    path.lineTo(11.8, 10.5)
    path.lineTo(13, 12)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(8, 1.5), QPointF(8, 2.5))
    p.drawArc(QRectF(6.3, 12, 3.4, 2.8), 180 * 16, 180 * 16)


ICONS: dict[str, IconPainter] = {
    "mail": _mail,
    "phone": _phone,
    "company": _company,
    "pin": _pin,
    "globe": _globe,
    "monitor": _monitor,
    "link": _link,
    "copy": _copy,
    "check": _check,
    "pencil": _pencil,
    "tag": _tag,
    "chat": _chat,
    "image": _image,
    "audio": _audio,
    "video": _video,
    "file": _file,
    "bell": _bell,
}


def icon_pixmap(name: str, color: str | QColor, size: int = 16, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(size / 16.0, size / 16.0)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ICONS[name](painter, QColor(color))
    painter.end()
    return pixmap


def icon(name: str, color: str | QColor, size: int = 16) -> QIcon:
    return QIcon(icon_pixmap(name, color, size))
