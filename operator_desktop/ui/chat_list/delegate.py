"""`ChatListDelegate`: paints one conversation row of the chat list.

A row is 72 px high and painted in small steps, all from role data (never the database):

    ┌────────────────────────────────────────────────────────────┐
    │ (AB)  Contact name (bold)                    ◷  14:05      │
    │  ◉    Preview of the last message, elided…           (3)   │
    │       [Urgent] [● billing] [● vip] +1      Anna   ◷ 4m     │
    └────────────────────────────────────────────────────────────┘

Painting is cheap enough for 60 fps scrolling: fonts and metrics are built once per view
font, colours once per theme; texts are drawn as cached `QStaticText` (laid out once), and the
avatar, channel glyph, chips, badges and timer pills as cached pixmaps. Every cache is keyed
by what it depends on (text, font, theme, device pixel ratio) and bounded.

The waiting timer's colour comes from `waiting_level`, a pure function with configurable
thresholds (amber after 2 min, red after 5 min by default).
"""

from __future__ import annotations

import enum
import math
import re
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from operator_desktop.services.readmodel import ChatRow
from operator_desktop.ui.chat_list.model import ChatRoles
from operator_desktop.ui.common.attachment_kinds import kind_icon, kind_text
from operator_desktop.ui.common.avatars import paint_letter_avatar
from operator_desktop.ui.common.icons import icon_pixmap
from operator_desktop.ui.common.theme import LIGHT, AppColors
from operator_desktop.ui.common.timefmt import list_time, short_duration

AnyIndex = QModelIndex | QPersistentModelIndex

ROW_HEIGHT = 72
UNREAD_CAP = 10  # Chatwoot stops counting unread messages at 10
PAD = 12
AVATAR = 40
GLYPH = 17
GAP = 8
CHIP_H = 16
ATTACHMENT_ICON = 14
LINE1_TOP = 9
LINE2_TOP = 30
LINE3_TOP = 50
_CACHE_LIMIT = 2048
_WHITESPACE = re.compile(r"\s+")

# A search hit shown in place of the preview: text and the (start, end) of matched words.
SearchSnippet = tuple[str, tuple[tuple[int, int], ...]]

# font slots
NAME, BODY, ITALIC, SMALL, SMALL_BOLD = range(5)


class WaitingLevel(enum.Enum):
    NORMAL = "muted"
    AMBER = "amber"
    RED = "red"


def waiting_level(
    waited: float, amber_after: float = 120.0, red_after: float = 300.0
) -> WaitingLevel:
    """How urgent a customer's wait of `waited` seconds is."""
    if waited >= red_after:
        return WaitingLevel.RED
    if waited >= amber_after:
        return WaitingLevel.AMBER
    return WaitingLevel.NORMAL


def unread_badge_text(count: int) -> str:
    """The unread badge: the count, or "10+" at Chatwoot's cap; "" when nothing is unread."""
    if count <= 0:
        return ""
    return f"{UNREAD_CAP}+" if count >= UNREAD_CAP else str(count)


def channel_kind(channel: str | None) -> str:
    """`web`, `email`, `api` or `other` for a Chatwoot channel type (``Channel::Email``…)."""
    name = (channel or "").removeprefix("Channel::").lower()
    if name in ("webwidget", "web_widget", "website"):
        return "web"
    if name == "email":
        return "email"
    if name == "api":
        return "api"
    return "other"


@dataclass
class _Fonts:
    key: str
    fonts: tuple[QFont, ...]  # by slot: NAME, BODY, ITALIC, SMALL, SMALL_BOLD
    metrics: tuple[QFontMetricsF, ...]
    heights: tuple[float, ...]
    avatar: QFont
    glyph: QFont


@dataclass
class _Colors:
    source: AppColors
    text: QColor
    muted: QColor
    accent: QColor
    selection: QColor
    hover: QColor
    base: QColor
    badge: QColor
    badge_text: QColor
    amber: QColor
    red: QColor
    divider: QColor
    chip: QColor
    chip_text: QColor
    private: QColor
    priority: dict[str, QColor]


def _tint(color: QColor, alpha: int) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


class ChatListDelegate(QStyledItemDelegate):
    """Paints chat rows; `now` is the clock for relative times (tests may pass a fixed one)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        now: Callable[[], float] = time.time,
        amber_after: float = 120.0,
        red_after: float = 300.0,
        colors: AppColors = LIGHT,
    ) -> None:
        super().__init__(parent)
        self.app_colors = colors  # the theme's colours, passed in (see `set_colors`)
        self._now = now
        self.amber_after = amber_after
        self.red_after = red_after
        self._fonts: _Fonts | None = None
        self._colors: _Colors | None = None
        self._label_colors: dict[str, QColor] = {}
        self._elided: dict[tuple[str, int, int], str] = {}
        self._statics: dict[tuple[str, int], tuple[QStaticText, float]] = {}
        self._pixmaps: dict[Hashable, QPixmap] = {}
        self._snippets: Mapping[int, SearchSnippet] = {}
        self.retranslate()

    # ---- configuration ----------------------------------------------------------------
    def set_label_colors(self, colors: Mapping[str, str]) -> None:
        """Label title -> ``#rrggbb`` (from the reference data's labels)."""
        self._label_colors = {title: QColor(value) for title, value in colors.items() if value}
        self._pixmaps.clear()

    def set_colors(self, colors: AppColors) -> None:
        """Paint with `colors` from now on (the chat list passes the theme's on every change)."""
        self.app_colors = colors

    def set_search_snippets(self, snippets: Mapping[int, SearchSnippet]) -> None:
        """While a search narrows the list: the matching text to show instead of the preview
        (a mapping that may cut each snippet when it is first asked for)."""
        self._snippets = snippets

    def search_snippet(self, display_id: int) -> SearchSnippet | None:
        return self._snippets.get(display_id)

    def retranslate(self) -> None:
        self._priority_text = {
            "urgent": self.tr("Urgent"),
            "high": self.tr("High"),
            "medium": self.tr("Medium"),
            "low": self.tr("Low"),
        }
        self._note_prefix = self.tr("Note:")
        self._draft_prefix = self.tr("Draft:")
        self._typing_text = self.tr("typing…")
        self._pixmaps.clear()

    # ---- QStyledItemDelegate ------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: ARG002
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row = index.data(ChatRoles.Row)
        if not isinstance(row, ChatRow):
            super().paint(painter, option, index)
            return
        typing = index.data(ChatRoles.Typing) or ""
        fonts = self._fonts_for(option.font)
        colors = self._theme_colors()
        dpr = painter.device().devicePixelRatioF()
        rect = QRectF(option.rect)
        left = rect.left() + PAD + AVATAR + PAD
        right = rect.right() - PAD
        now = self._now()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self._paint_background(painter, option, rect, left, colors)
        self._paint_avatar(painter, rect, row, dpr, fonts, colors)
        waiting_left = self._paint_waiting(painter, rect, row, now, right, dpr, fonts, colors)
        self._paint_texts(painter, rect, row, typing, now, left, right, dpr, fonts, colors)
        self._paint_badges(painter, rect, row, left, waiting_left, dpr, fonts, colors)
        painter.restore()

    # ---- painting steps -----------------------------------------------------------------
    def _paint_background(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRectF,
        left: float,
        colors: _Colors,
    ) -> None:
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, colors.selection)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, colors.hover)
        painter.fillRect(QRectF(left, rect.bottom(), rect.right() - left + 1, 1), colors.divider)
        if selected:
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), colors.accent)

    def _paint_avatar(
        self,
        painter: QPainter,
        rect: QRectF,
        row: ChatRow,
        dpr: float,
        fonts: _Fonts,
        colors: _Colors,
    ) -> None:
        name = row.contact_name or "?"
        x = rect.left() + PAD
        y = rect.top() + (rect.height() - AVATAR) / 2
        avatar = self._pixmap(
            ("avatar", name, dpr),
            AVATAR,
            AVATAR,
            dpr,
            lambda p: paint_letter_avatar(p, QRectF(0, 0, AVATAR, AVATAR), name, fonts.avatar),
        )
        painter.drawPixmap(QPointF(x, y), avatar)
        kind = channel_kind(row.channel)
        letter = (row.channel or "?").removeprefix("Channel::")[:1].upper() or "?"
        glyph = self._pixmap(
            ("glyph", kind, letter if kind == "other" else "", dpr),
            GLYPH,
            GLYPH,
            dpr,
            lambda p: self._draw_channel_glyph(p, kind, letter, fonts, colors),
        )
        painter.drawPixmap(QPointF(x + AVATAR - GLYPH + 3, y + AVATAR - GLYPH + 3), glyph)

    def _paint_texts(
        self,
        painter: QPainter,
        rect: QRectF,
        row: ChatRow,
        typing: str,
        now: float,
        left: float,
        right: float,
        dpr: float,
        fonts: _Fonts,
        colors: _Colors,
    ) -> None:
        # line 1: name … [outbox clock] time
        top = rect.top() + LINE1_TOP
        line1_h = fonts.heights[NAME]
        stamp = list_time(row.last_activity_at, now) if row.last_activity_at else ""
        stamp_w = self._text_at(
            painter,
            stamp,
            SMALL,
            right,
            top,
            line1_h,
            colors.accent if row.unread_count else colors.muted,
            fonts,
            align_right=True,
        )
        name_right = right - stamp_w - GAP
        if row.has_outbox:
            clock = self._clock(colors.muted, dpr)
            name_right -= 11
            painter.drawPixmap(QPointF(name_right, top + (line1_h - 11) / 2), clock)
            name_right -= 6
        name = self._elide(row.contact_name or "—", NAME, name_right - left, fonts)
        self._text_at(painter, name, NAME, left, top, line1_h, colors.text, fonts)
        # line 2: preview (or typing…) … unread badge
        top = rect.top() + LINE2_TOP
        line2_h = fonts.heights[BODY]
        preview_right = right
        badge = unread_badge_text(row.unread_count)
        if badge:
            pill = self._badge(badge, row.muted, dpr, fonts, colors)
            width = pill.width() / pill.devicePixelRatio()
            painter.drawPixmap(QPointF(right - width, top + (line2_h - 18) / 2), pill)
            preview_right = right - width - GAP
        width = preview_right - left
        if typing:
            text = self._elide(self._typing_text, ITALIC, width, fonts)
            self._text_at(painter, text, ITALIC, left, top, line2_h, colors.accent, fonts)
            return
        snippet = self._snippets.get(row.display_id)
        if snippet is not None:
            self._paint_snippet(painter, snippet, left, preview_right, top, line2_h, fonts, colors)
            return
        slot = ITALIC if row.preview_private and not row.has_draft else BODY
        x = left
        prefix = ""
        preview = row.draft if row.has_draft else row.preview
        if row.has_draft:
            prefix, prefix_color = self._draft_prefix, colors.red
        elif row.preview_private:
            prefix, prefix_color = self._note_prefix, colors.private
        kind = None if row.has_draft else row.preview_attachment
        if kind is not None and not preview:
            preview = kind_text(kind)
        if prefix and preview:
            x += self._text_at(painter, prefix, slot, x, top, line2_h, prefix_color, fonts)
            x += fonts.metrics[slot].horizontalAdvance(" ")
        if kind is not None and preview_right - x > ATTACHMENT_ICON + 8:
            glyph = self._attachment_icon(kind_icon(kind), colors.muted, dpr)
            painter.drawPixmap(QPointF(x, top + (line2_h - ATTACHMENT_ICON) / 2), glyph)
            x += ATTACHMENT_ICON + 4
        rest = preview_right - x
        if rest > 8:
            text = self._elide(preview, slot, rest, fonts)
            color = colors.text if row.unread_count else colors.muted
            self._text_at(painter, text, slot, x, top, line2_h, color, fonts)

    def _paint_snippet(
        self,
        painter: QPainter,
        snippet: SearchSnippet,
        left: float,
        right: float,
        top: float,
        height: float,
        fonts: _Fonts,
        colors: _Colors,
    ) -> None:
        """The matching words in the accent colour, the text around them as usual."""
        text, spans = snippet
        pieces: list[tuple[str, bool]] = []
        pos = 0
        for start, end in spans:
            pieces += [(text[pos:start], False), (text[start:end], True)]
            pos = end
        pieces.append((text[pos:], False))
        x = left
        for raw, matched in pieces:
            piece = _WHITESPACE.sub(" ", raw)  # one line: newlines and runs become a space
            if not piece:
                continue
            room = right - x
            if room <= 8:
                break
            shown = self._elide(piece, BODY, room, fonts)
            color = colors.accent if matched else colors.text
            x += self._text_at(painter, shown, BODY, x, top, height, color, fonts)
            if shown != piece:
                break

    def _paint_badges(
        self,
        painter: QPainter,
        rect: QRectF,
        row: ChatRow,
        left: float,
        end: float,
        dpr: float,
        fonts: _Fonts,
        colors: _Colors,
    ) -> None:
        """Line 3: priority and label chips from the left, the assignee's name at the right."""
        top = rect.top() + LINE3_TOP
        if row.assignee_name:
            fm = fonts.metrics[SMALL]
            width = min(fm.horizontalAdvance(row.assignee_name), (end - left) * 0.4)
            name = self._elide(row.assignee_name, SMALL, width, fonts)
            shown = self._text_at(
                painter, name, SMALL, end, top, CHIP_H, colors.muted, fonts, align_right=True
            )
            end -= shown + GAP
        x = left
        if row.priority:
            chip = self._priority_chip(row.priority, dpr, fonts, colors)
            width = chip.width() / chip.devicePixelRatio()
            if x + width <= end:
                painter.drawPixmap(QPointF(x, top), chip)
                x += width + 4
        labels = row.labels
        for shown, label in enumerate(labels):
            chip = self._label_chip(label, dpr, fonts, colors)
            width = chip.width() / chip.devicePixelRatio()
            more = len(labels) - shown
            more_text = f"+{more}"
            more_w = fonts.metrics[SMALL].horizontalAdvance(more_text)
            reserve = 0.0 if more == 1 else more_w + 6
            if x + width + reserve > end:
                if x + more_w <= end:
                    self._text_at(painter, more_text, SMALL, x, top, CHIP_H, colors.muted, fonts)
                break
            painter.drawPixmap(QPointF(x, top), chip)
            x += width + 4

    def _paint_waiting(
        self,
        painter: QPainter,
        rect: QRectF,
        row: ChatRow,
        now: float,
        right: float,
        dpr: float,
        fonts: _Fonts,
        colors: _Colors,
    ) -> float:
        """The waiting timer at the right of line 3; returns where the space left of it ends."""
        if row.waiting_since is None:
            return right
        waited = max(0.0, now - row.waiting_since)
        level = waiting_level(waited, self.amber_after, self.red_after)
        pill = self._waiting_pill(short_duration(waited), level, dpr, fonts, colors)
        width = pill.width() / pill.devicePixelRatio()
        painter.drawPixmap(QPointF(right - width, rect.top() + LINE3_TOP), pill)
        return right - width - GAP

    # ---- cached pieces ------------------------------------------------------------------
    def _pixmap(
        self,
        key: Hashable,
        width: float,
        height: float,
        dpr: float,
        draw: Callable[[QPainter], None],
    ) -> QPixmap:
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) >= _CACHE_LIMIT:
                self._pixmaps.clear()
            pixmap = QPixmap(math.ceil(width * dpr), math.ceil(height * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            draw(painter)
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap

    def _draw_channel_glyph(
        self, painter: QPainter, kind: str, letter: str, fonts: _Fonts, colors: _Colors
    ) -> None:
        painter.setPen(QPen(colors.base, 2.0))
        painter.setBrush(colors.chip)
        painter.drawEllipse(QRectF(1, 1, GLYPH - 2, GLYPH - 2))
        box = QRectF(4.5, 4.5, GLYPH - 9, GLYPH - 9)
        pen = QPen(colors.chip_text, 1.1)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if kind == "web":  # a globe
            painter.drawEllipse(box)
            painter.drawEllipse(box.adjusted(box.width() * 0.28, 0, -box.width() * 0.28, 0))
            mid = box.center().y()
            painter.drawLine(QPointF(box.left(), mid), QPointF(box.right(), mid))
        elif kind == "email":  # an envelope
            env = box.adjusted(-0.5, 1.2, 0.5, -1.2)
            painter.drawRect(env)
            path = QPainterPath(env.topLeft())
            path.lineTo(QPointF(env.center().x(), env.center().y() + 0.5))
            path.lineTo(env.topRight())
            painter.drawPath(path)
        elif kind == "api":  # </>
            cy, w = box.center().y(), box.width()
            for edge, inner in (
                (box.left(), box.left() + w * 0.3),
                (box.right(), box.right() - w * 0.3),
            ):
                path = QPainterPath(QPointF(inner, box.top() + 1))
                path.lineTo(QPointF(edge, cy))
                path.lineTo(QPointF(inner, box.bottom() - 1))
                painter.drawPath(path)
        else:
            painter.setFont(fonts.glyph)
            painter.drawText(box.adjusted(-2, -2, 2, 2), Qt.AlignmentFlag.AlignCenter, letter)

    def _clock(self, color: QColor, dpr: float) -> QPixmap:
        def draw(p: QPainter) -> None:
            pen = QPen(color, 1.2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            box = QRectF(0.6, 0.6, 9.8, 9.8)
            p.drawEllipse(box)
            c = box.center()
            p.drawLine(c, QPointF(c.x(), c.y() - 2.8))
            p.drawLine(c, QPointF(c.x() + 2.3, c.y()))

        return self._pixmap(("clock", color.rgba(), dpr), 11, 11, dpr, draw)

    def _attachment_icon(self, name: str, color: QColor, dpr: float) -> QPixmap:
        key = ("attachment", name, color.rgba(), dpr)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = icon_pixmap(name, color, ATTACHMENT_ICON, dpr)
            self._pixmaps[key] = pixmap
        return pixmap

    def _badge(self, text: str, muted: bool, dpr: float, fonts: _Fonts, colors: _Colors) -> QPixmap:
        width = max(20.0, fonts.metrics[SMALL_BOLD].horizontalAdvance(text) + 12)

        def draw(p: QPainter) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors.muted if muted else colors.badge)
            p.drawRoundedRect(QRectF(0, 0, width, 18), 9, 9)
            p.setFont(fonts.fonts[SMALL_BOLD])
            p.setPen(colors.badge_text)
            p.drawText(QRectF(0, 0, width, 18), Qt.AlignmentFlag.AlignCenter, text)

        return self._pixmap(("badge", text, muted, dpr), width, 18, dpr, draw)

    def _priority_chip(self, priority: str, dpr: float, fonts: _Fonts, colors: _Colors) -> QPixmap:
        color = colors.priority.get(priority, colors.muted)
        text = self._priority_text.get(priority, priority)
        width = fonts.metrics[SMALL].horizontalAdvance(text) + 10

        def draw(p: QPainter) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_tint(color, 40))
            p.drawRoundedRect(QRectF(0, 0, width, CHIP_H), 4, 4)
            p.setFont(fonts.fonts[SMALL])
            p.setPen(color)
            p.drawText(QRectF(0, 0, width, CHIP_H), Qt.AlignmentFlag.AlignCenter, text)

        return self._pixmap(("priority", priority, dpr), width, CHIP_H, dpr, draw)

    def _label_chip(self, label: str, dpr: float, fonts: _Fonts, colors: _Colors) -> QPixmap:
        width = fonts.metrics[SMALL].horizontalAdvance(label) + 20
        dot = self._label_colors.get(label, colors.muted)

        def draw(p: QPainter) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colors.chip)
            p.drawRoundedRect(QRectF(0, 0, width, CHIP_H), CHIP_H / 2, CHIP_H / 2)
            p.setBrush(dot)
            p.drawEllipse(QRectF(6, CHIP_H / 2 - 3, 6, 6))
            p.setFont(fonts.fonts[SMALL])
            p.setPen(colors.chip_text)
            p.drawText(
                QRectF(15, 0, width - 20, CHIP_H),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )

        return self._pixmap(("label", label, dpr), width, CHIP_H, dpr, draw)

    def _waiting_pill(
        self, text: str, level: WaitingLevel, dpr: float, fonts: _Fonts, colors: _Colors
    ) -> QPixmap:
        color = {
            WaitingLevel.NORMAL: colors.muted,
            WaitingLevel.AMBER: colors.amber,
            WaitingLevel.RED: colors.red,
        }[level]
        slot = SMALL if level is WaitingLevel.NORMAL else SMALL_BOLD
        text_w = fonts.metrics[slot].horizontalAdvance(text)
        inset = 0.0 if level is WaitingLevel.NORMAL else 6.0
        width = inset + 11 + 4 + text_w + 1 + inset
        clock = self._clock(color, dpr)

        def draw(p: QPainter) -> None:
            if inset:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_tint(color, 38))
                p.drawRoundedRect(QRectF(0, 0, width, CHIP_H), CHIP_H / 2, CHIP_H / 2)
            p.drawPixmap(QPointF(inset, (CHIP_H - 11) / 2), clock)
            p.setFont(fonts.fonts[slot])
            p.setPen(color)
            p.drawText(
                QRectF(inset + 15, 0, text_w + 1, CHIP_H),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )

        return self._pixmap(("waiting", text, level, dpr), width, CHIP_H, dpr, draw)

    # ---- text ---------------------------------------------------------------------------
    def _text_at(
        self,
        painter: QPainter,
        text: str,
        slot: int,
        x: float,
        top: float,
        height: float,
        color: QColor,
        fonts: _Fonts,
        *,
        align_right: bool = False,
    ) -> float:
        """Draw one line of `text` vertically centred in [top, top+height]; its width.

        With `align_right`, `x` is the right edge.
        """
        if not text:
            return 0.0
        static, width = self._static(text, slot, fonts)
        if align_right:
            x -= width
        painter.setFont(fonts.fonts[slot])
        painter.setPen(color)
        painter.drawStaticText(QPointF(x, top + (height - fonts.heights[slot]) / 2), static)
        return width

    def _static(self, text: str, slot: int, fonts: _Fonts) -> tuple[QStaticText, float]:
        key = (text, slot)
        cached = self._statics.get(key)
        if cached is None:
            if len(self._statics) >= _CACHE_LIMIT:
                self._statics.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=fonts.fonts[slot])
            cached = (static, fonts.metrics[slot].horizontalAdvance(text))
            self._statics[key] = cached
        return cached

    def _elide(self, text: str, slot: int, width: float, fonts: _Fonts) -> str:
        key = (text, slot, int(width))
        cached = self._elided.get(key)
        if cached is None:
            if len(self._elided) >= _CACHE_LIMIT:
                self._elided.clear()
            cached = fonts.metrics[slot].elidedText(
                text, Qt.TextElideMode.ElideRight, math.ceil(width)
            )
            self._elided[key] = cached
        return cached

    # ---- fonts and colours --------------------------------------------------------------
    def _fonts_for(self, base: QFont) -> _Fonts:
        key = base.key()
        fonts = self._fonts
        if fonts is not None and fonts.key == key:
            return fonts
        self._elided.clear()
        self._statics.clear()
        self._pixmaps.clear()
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        name = QFont(base)
        name.setBold(True)
        name.setPointSizeF(size + 0.5)
        body = QFont(base)
        italic = QFont(base)
        italic.setItalic(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, size - 1.5))
        small_bold = QFont(small)
        small_bold.setBold(True)
        avatar = QFont(base)
        avatar.setBold(True)
        avatar.setPointSizeF(size + 1)
        glyph = QFont(small_bold)
        glyph.setPointSizeF(max(6.0, size - 3))
        slots = (name, body, italic, small, small_bold)
        metrics = tuple(QFontMetricsF(f) for f in slots)
        fonts = _Fonts(
            key=key,
            fonts=slots,
            metrics=metrics,
            heights=tuple(m.height() for m in metrics),
            avatar=avatar,
            glyph=glyph,
        )
        self._fonts = fonts
        return fonts

    def _theme_colors(self) -> _Colors:
        current = self.app_colors
        colors = self._colors
        if colors is not None and colors.source is current:
            return colors
        self._pixmaps.clear()
        q = QColor
        colors = _Colors(
            source=current,
            text=q(current.text),
            muted=q(current.muted),
            accent=q(current.accent),
            selection=q(current.selection),
            hover=q(current.alt_base),
            base=q(current.base),
            badge=q(current.badge),
            badge_text=q(current.badge_text),
            amber=q(current.amber),
            red=q(current.red),
            divider=q(current.divider),
            chip=q(current.chip),
            chip_text=q(current.chip_text),
            private=q(current.amber),
            priority={
                "urgent": q(current.red),
                "high": q(current.amber),
                "medium": q(current.accent),
                "low": q(current.muted),
            },
        )
        self._colors = colors
        return colors


__all__ = [
    "ROW_HEIGHT",
    "UNREAD_CAP",
    "ChatListDelegate",
    "WaitingLevel",
    "channel_kind",
    "unread_badge_text",
    "waiting_level",
]
