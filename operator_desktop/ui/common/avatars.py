"""Letter avatars: initials in a circle whose colour is derived from the name.

The colour is stable across runs and machines (CRC-32 of the name, not Python's salted
`hash`), so a customer keeps the same colour in the chat list, the conversation header and the
customer card. Pure helpers plus one painter; no widgets.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

# Mid-saturation colours that carry white text on both light and dark backgrounds.
AVATAR_PALETTE: tuple[str, ...] = (
    "#e5484d",
    "#e3702b",
    "#c28a00",
    "#3e9b4f",
    "#12a594",
    "#0d8fbf",
    "#3e63dd",
    "#6e56cf",
    "#ab4aba",
    "#d6409f",
    "#7a7f87",
    "#8d6748",
)


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """Up to two upper-case letters: first letters of the first and last word ("?" if none)."""
    words = [w for w in name.replace("_", " ").replace(".", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


@lru_cache(maxsize=4096)
def avatar_color_name(name: str) -> str:
    """The palette colour (``#rrggbb``) for `name`; the same name always gets the same one."""
    index = zlib.crc32(name.strip().casefold().encode("utf-8")) % len(AVATAR_PALETTE)
    return AVATAR_PALETTE[index]


@lru_cache(maxsize=4096)
def avatar_color(name: str) -> QColor:
    """`avatar_color_name` as a QColor (cached; treat the result as read-only)."""
    return QColor(avatar_color_name(name))


def paint_letter_avatar(
    painter: QPainter,
    rect: QRectF,
    name: str,
    font: QFont,
    text_color: QColor | None = None,
) -> None:
    """Paint a filled circle in `rect` with the initials of `name` centred in `font`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(name))
    painter.drawEllipse(rect)
    painter.setFont(font)
    painter.setPen(text_color if text_color is not None else QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
