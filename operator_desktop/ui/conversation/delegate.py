"""`MessageDelegate`: paints message bubbles from role data, in small named steps.

Each row is laid out once per (message id, width) into a `RowLayout` (a `QTextDocument` for
the text plus the rectangles of every part); `sizeHint`, `paint` and hit testing all use
that same layout, kept in a bounded LRU cache and rebuilt only when the row object, its
day/sender flags, its HTML or the theme change. Painting never reads the database or
decodes images: thumbnails come from `ThumbnailStore` (a placeholder box until loaded).
"""

from __future__ import annotations

import html as html_lib
import math
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from operator_desktop.services.readmodel import AttachmentRow, MessageRow
from operator_desktop.ui.common.theme import LIGHT, AppColors
from operator_desktop.ui.conversation.markdown import DISPLAY_LIMIT, plain_to_html
from operator_desktop.ui.conversation.model import LayoutInfo, MessageRoles
from operator_desktop.ui.conversation.thumbnails import ThumbnailStore, fit_box

AnyIndex = QModelIndex | QPersistentModelIndex

SIDE = 14  # outer margin left and right
PAD_X = 11  # bubble padding
PAD_Y = 7
RADIUS = 12
GAP_RUN = 10  # space above the first bubble of a run
GAP = 3  # space between bubbles of one run
FILE_H = 44
MAX_BUBBLE = 640
READ_BLUE = "#34b7f1"
READ_ON_ACCENT = "#a8e6ff"


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@dataclass(frozen=True, slots=True)
class Hit:
    """What is under the mouse in a row."""

    kind: str  # link | image | file | retry | bubble
    href: str = ""
    attachment: AttachmentRow | None = None
    message_id: int = 0


@dataclass(slots=True)
class RowLayout:
    row: MessageRow
    key: tuple[Any, ...]
    width: int
    height: int = 0
    kind: str = "incoming"
    day_text: str | None = None
    day_rect: QRect | None = None
    activity_rect: QRect | None = None
    bubble: QRect = field(default_factory=QRect)
    sender_text: str = ""
    sender_rect: QRect | None = None
    private_rect: QRect | None = None
    reply_rect: QRect | None = None
    reply_text: str = ""
    doc: QTextDocument | None = None
    text_origin: QPoint = field(default_factory=QPoint)
    images: list[tuple[QRect, AttachmentRow]] = field(default_factory=list)
    files: list[tuple[QRect, AttachmentRow]] = field(default_factory=list)
    footer_rect: QRect = field(default_factory=QRect)
    time_text: str = ""
    failure_rect: QRect | None = None
    failure_text: str = ""


class MessageDelegate(QStyledItemDelegate):
    """Bubbles for `MessageListModel` rows; see the module docstring."""

    def __init__(
        self,
        view: QListView,
        thumbs: ThumbnailStore,
        parent: QObject | None = None,
        *,
        colors: AppColors = LIGHT,
    ) -> None:
        super().__init__(parent or view)
        self.view = view
        self.thumbs = thumbs
        self.colors = colors
        self._layouts: OrderedDict[tuple[int, int], RowLayout] = OrderedDict()
        self.capacity = 1_500
        self._fonts_for: tuple[str, bool] | None = None
        self._dark = False
        self._base = QFont()
        self._small = QFont()
        self._small_bold = QFont()

    # ---- Qt interface ----------------------------------------------------------------------
    def sizeHint(self, _option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self._width()
        layout = self.layout_for(index, width)
        return QSize(width, layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect: QRect = option.rect
        layout = self.layout_for(index, self._width())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.translate(rect.topLeft())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        self._draw_day(painter, layout)
        if layout.kind == "activity":
            self._draw_activity(painter, layout)
        else:
            self._draw_sender(painter, layout)
            self._draw_bubble(painter, layout, selected)
            self._draw_private_label(painter, layout)
            self._draw_reply(painter, layout)
            self._draw_images(painter, layout)
            self._draw_files(painter, layout)
            self._draw_text(painter, layout)
            self._draw_footer(painter, layout)
            self._draw_failure(painter, layout)
        painter.restore()

    # ---- public helpers --------------------------------------------------------------------
    def clear_cache(self) -> None:
        """Forget every layout (theme or font change)."""
        self._layouts.clear()
        self._fonts_for = None

    def set_colors(self, colors: AppColors) -> None:
        """Paint with `colors` from now on (the pane passes the theme's on every change)."""
        self.colors = colors
        self.clear_cache()

    def _color(self, name: str) -> QColor:
        return QColor(getattr(self.colors, name))  # a fresh copy: callers may set its alpha

    def hit_test(self, index: AnyIndex, pos: QPoint) -> Hit | None:
        """What lies at `pos` (relative to the row's top-left corner)."""
        if not index.isValid():
            return None
        layout = self.layout_for(index, self._width())
        row = layout.row
        if layout.failure_rect is not None and layout.failure_rect.contains(pos):
            return Hit("retry", message_id=row.id)
        for rect, att in layout.images:
            if rect.contains(pos):
                return Hit("image", attachment=att, message_id=row.id)
        for rect, att in layout.files:
            if rect.contains(pos):
                return Hit("file", attachment=att, message_id=row.id)
        if layout.doc is not None:
            local = QPointF(pos - layout.text_origin)
            anchor = layout.doc.documentLayout().anchorAt(local)
            if anchor:
                return Hit("link", href=anchor, message_id=row.id)
        if layout.bubble.contains(pos) or (
            layout.activity_rect is not None and layout.activity_rect.contains(pos)
        ):
            return Hit("bubble", message_id=row.id)
        return None

    def layout_for(self, index: AnyIndex, width: int | None = None) -> RowLayout:
        """The row's layout at `width` (the viewport's by default), from the cache if valid."""
        info: LayoutInfo = index.data(MessageRoles.LayoutInfo)
        return self.layout_row(info, width or self._width())

    def layout_row(self, info: LayoutInfo, width: int) -> RowLayout:
        row, day, first, html, _time, _kind = info
        dark = self.colors.dark
        if dark != self._dark or self._fonts_for is None:
            self._ensure_fonts(self.view.font(), dark)
        failed = 0
        if row.attachments:
            failed = sum(1 for a in row.attachments if self.thumbs.failed(a.id))
        key = (day, first, html is not None, failed)
        cache_key = (row.id, width)
        found = self._layouts.get(cache_key)
        if found is not None and found.row is row and found.key == key:
            return found
        layout = self._build(info, width, key)
        self._layouts[cache_key] = layout
        if len(self._layouts) > self.capacity:
            self._layouts.popitem(last=False)
        return layout

    def has_layout(self, message_id: int, width: int | None = None) -> bool:
        return (message_id, width or self._width()) in self._layouts

    def warm(self, infos: Iterator[LayoutInfo], budget_ms: float) -> bool:
        """Lay out upcoming rows until the time budget is spent; True when all were done."""
        deadline = time.perf_counter() + budget_ms / 1000
        width = self._width()
        for info in infos:
            self.layout_row(info, width)
            if time.perf_counter() >= deadline:
                return False
        return True

    # ---- layout ------------------------------------------------------------------------------
    def _width(self) -> int:
        return max(200, self.view.viewport().width())

    def _ensure_fonts(self, font: QFont, dark: bool) -> None:
        tag = (font.toString(), dark)
        self._dark = dark
        if self._fonts_for == tag:
            return
        self._fonts_for = tag
        self._layouts.clear()
        self._base = QFont(font)
        self._small = QFont(font)
        size = font.pointSizeF()
        if size > 0:
            self._small.setPointSizeF(max(7.0, size * 0.86))
        else:
            self._small.setPixelSize(max(9, int(font.pixelSize() * 0.86)))
        self._small_bold = QFont(self._small)
        self._small_bold.setBold(True)

    def _thumb_state(self, row: MessageRow) -> int:
        return sum(1 for a in row.attachments if self.thumbs.failed(a.id))

    def _build(self, info: LayoutInfo, width: int, key: tuple[Any, ...]) -> RowLayout:
        row, day, first, html, time_text, kind = info
        out = RowLayout(row=row, key=key, width=width, kind=kind, day_text=day)
        small = QFontMetrics(self._small)
        y = 0
        if day:
            h = small.height() + 8
            out.day_rect = QRect(0, y + 8, width, h)
            y += h + 14
        if kind == "activity":
            text = row.content or ""
            avail = QRect(0, 0, max(100, width - 120), 10_000)
            box = small.boundingRect(avail, int(Qt.AlignmentFlag.AlignHCenter) | _WRAP, text)
            w, h = box.width() + 20, box.height() + 6
            out.activity_rect = QRect((width - w) // 2, y + 6, w, h)
            out.height = y + h + 12
            return out
        y += GAP_RUN if first else GAP
        if first:
            out.sender_text = self._sender_text(row, kind)
            if out.sender_text:
                out.sender_rect = QRect(0, y, width, small.height())
                y += small.height() + 2
        max_w = min(int(width * 0.74), MAX_BUBBLE)
        inner_max = max(80, max_w - 2 * PAD_X)
        parts_w = 0
        inner_y = PAD_Y
        if kind == "private":
            out.private_rect = QRect(PAD_X, inner_y, 0, small.height())
            parts_w = max(parts_w, small.horizontalAdvance(self.tr("Private note")) + 20)
            inner_y += small.height() + 3
        if row.reply_preview:
            text = " ".join(row.reply_preview.split())
            lines = min(2, max(1, math.ceil(small.horizontalAdvance(text) / (inner_max - 14))))
            h = lines * small.lineSpacing() + 10
            w = min(inner_max, small.horizontalAdvance(text) + 18)
            out.reply_rect = QRect(PAD_X, inner_y, max(w, 120), h)
            out.reply_text = text
            parts_w = max(parts_w, out.reply_rect.width())
            inner_y += h + 6
        for att in row.attachments:
            if att.file_type == "image":
                size = fit_box(att.width, att.height)
                if size.width() > inner_max:
                    size = size.scaled(QSize(inner_max, 10_000), Qt.AspectRatioMode.KeepAspectRatio)
                out.images.append((QRect(PAD_X, inner_y, size.width(), size.height()), att))
                parts_w = max(parts_w, size.width())
                inner_y += size.height() + 4
            else:
                w = min(inner_max, 300)
                out.files.append((QRect(PAD_X, inner_y, w, FILE_H), att))
                parts_w = max(parts_w, w)
                inner_y += FILE_H + 4
        out.time_text = time_text
        footer_w = small.horizontalAdvance(out.time_text) + (22 if _has_tick(row, kind) else 0)
        footer_h = small.height()
        doc = self._document(row, kind, html, inner_max)
        footer_inline = False
        if doc is not None:
            out.doc = doc
            text_w = min(inner_max, math.ceil(doc.idealWidth()))
            text_h = math.ceil(doc.size().height())
            out.text_origin = QPoint(PAD_X, inner_y)
            last = _last_line_width(doc)
            if last + footer_w + 10 <= max(text_w, parts_w):
                footer_inline = True
            elif last + footer_w + 10 <= inner_max and not row.attachments:
                text_w = max(text_w, last + footer_w + 10)
                footer_inline = True
            parts_w = max(parts_w, text_w)
            inner_y += text_h
        content_w = max(parts_w, footer_w)
        if footer_inline:
            footer_top = inner_y - footer_h
        else:
            footer_top = inner_y + (2 if doc is not None else 0)
            inner_y = footer_top + footer_h
        bubble_w = content_w + 2 * PAD_X
        bubble_h = inner_y + PAD_Y
        x = SIDE if kind == "incoming" else width - SIDE - bubble_w
        out.bubble = QRect(x, y, bubble_w, bubble_h)
        _shift(out, x, y)
        out.footer_rect = QRect(x + bubble_w - PAD_X - footer_w, y + footer_top, footer_w, footer_h)
        if out.private_rect is not None:
            out.private_rect.setWidth(content_w)
        if out.sender_rect is not None:
            out.sender_rect = QRect(
                SIDE + 4, out.sender_rect.y(), width - 2 * SIDE - 8, out.sender_rect.height()
            )
        y += bubble_h
        if row.status == "failed":
            out.failure_text = self._failure_text(row)
            bold = QFontMetrics(self._small_bold)
            room = min(width - 2 * SIDE, max_w) - 22
            fail_box = bold.boundingRect(QRect(0, 0, room, 1_000), _WRAP, out.failure_text)
            fw = fail_box.width() + 24
            out.failure_rect = QRect(width - SIDE - fw, y + 3, fw, fail_box.height() + 4)
            y += fail_box.height() + 8
        out.height = y + 2
        return out

    def _sender_text(self, row: MessageRow, kind: str) -> str:
        name = row.sender_name or ""
        if row.outbox_id is not None:
            return self.tr("You")
        if not name and row.sender_kind == "agent_bot":
            return self.tr("Bot")
        if kind == "incoming":
            return name
        return name

    def _failure_text(self, row: MessageRow) -> str:
        error = (row.error or self.tr("Not sent")).strip()
        if len(error) > 120:
            error = error[:117] + "…"
        return self.tr("{error} · Tap to retry").format(error=error)

    def _document(
        self, row: MessageRow, kind: str, html: str | None, text_width: int
    ) -> QTextDocument | None:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self._base)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        link = self._link_color(kind)
        doc.setDefaultStyleSheet(
            f"a {{ color: {link}; }} p {{ margin-top: 0px; margin-bottom: 6px; }}"
            " ul, ol { margin-top: 0px; margin-bottom: 4px; }"
            " pre, code { font-family: monospace; }"
        )
        if row.deleted:
            deleted = html_lib.escape(self.tr("This message was deleted"))
            doc.setHtml(f"<i>{deleted}</i>")
        elif html is not None:
            doc.setHtml(html)
        elif row.content:
            doc.setHtml(plain_to_html(row.content))
        else:
            return None
        if row.content and len(row.content) > DISPLAY_LIMIT and not row.deleted:
            more = len(row.content) - DISPLAY_LIMIT
            note = self.tr("… %n more characters (Copy takes the whole text)", "", more)
            cursor = QTextCursor(doc)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock()
            cursor.insertHtml(f"<i>{html_lib.escape(note)}</i>")
        cursor = QTextCursor(doc.lastBlock())
        fmt = cursor.blockFormat()
        fmt.setBottomMargin(0)
        cursor.setBlockFormat(fmt)
        doc.setTextWidth(text_width)
        return doc

    def _link_color(self, kind: str) -> str:
        if kind == "outgoing":
            return self.colors.outgoing_text
        return self.colors.accent

    # ---- painting steps ------------------------------------------------------------------
    def _draw_day(self, p: QPainter, layout: RowLayout) -> None:
        if layout.day_rect is None or not layout.day_text:
            return
        fm = QFontMetrics(self._small_bold)
        w = fm.horizontalAdvance(layout.day_text) + 24
        r = layout.day_rect
        pill = QRect((r.width() - w) // 2, r.y(), w, r.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._color("chip"))
        p.drawRoundedRect(pill, r.height() / 2, r.height() / 2)
        p.setFont(self._small_bold)
        p.setPen(self._color("muted"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, layout.day_text)

    def _draw_activity(self, p: QPainter, layout: RowLayout) -> None:
        r = layout.activity_rect
        if r is None:
            return
        p.setFont(self._small)
        p.setPen(self._color("activity_text"))
        p.drawText(r, int(Qt.AlignmentFlag.AlignCenter) | _WRAP, layout.row.content or "")

    def _draw_sender(self, p: QPainter, layout: RowLayout) -> None:
        if layout.sender_rect is None:
            return
        p.setFont(self._small_bold)
        p.setPen(self._color("muted"))
        align = (
            Qt.AlignmentFlag.AlignLeft if layout.kind == "incoming" else Qt.AlignmentFlag.AlignRight
        )
        p.drawText(
            layout.sender_rect, int(align | Qt.AlignmentFlag.AlignVCenter), layout.sender_text
        )

    def _draw_bubble(self, p: QPainter, layout: RowLayout, selected: bool) -> None:
        fill, border = self._bubble_colors(layout)
        if layout.row.outbox_id is not None and layout.row.status != "failed":
            fill.setAlphaF(0.75)
        p.setBrush(fill)
        if border is not None:
            p.setPen(QPen(border, 1.2))
        else:
            p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(layout.bubble).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        if selected:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(self._color("accent"), 2))
            p.drawRoundedRect(QRectF(layout.bubble).adjusted(-1.5, -1.5, 1.5, 1.5), RADIUS, RADIUS)

    def _bubble_colors(self, layout: RowLayout) -> tuple[QColor, QColor | None]:
        if layout.kind == "private":
            return self._color("private_bubble"), self._color("private_border")
        if layout.kind == "outgoing":
            border = self._color("red") if layout.row.status == "failed" else None
            return self._color("outgoing_bubble"), border
        return self._color("incoming_bubble"), None

    def _text_color(self, layout: RowLayout) -> QColor:
        if layout.kind == "outgoing":
            return self._color("outgoing_text")
        return self._color("text")

    def _muted_color(self, layout: RowLayout) -> QColor:
        if layout.kind == "outgoing":
            color = self._color("outgoing_text")
            color.setAlphaF(0.75)
            return color
        return self._color("muted")

    def _draw_private_label(self, p: QPainter, layout: RowLayout) -> None:
        r = layout.private_rect
        if r is None:
            return
        color = self._color("amber")
        _draw_lock(p, QRectF(r.x(), r.y() + 1, 10, r.height() - 2), color)
        p.setFont(self._small_bold)
        p.setPen(color)
        p.drawText(
            r.adjusted(15, 0, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.tr("Private note"),
        )

    def _draw_reply(self, p: QPainter, layout: RowLayout) -> None:
        r = layout.reply_rect
        if r is None:
            return
        overlay = QColor(0, 0, 0, 28) if layout.kind != "outgoing" else QColor(255, 255, 255, 40)
        if self.colors.dark and layout.kind != "outgoing":
            overlay = QColor(255, 255, 255, 22)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(overlay)
        p.drawRoundedRect(QRectF(r), 6, 6)
        bar = self._text_color(layout) if layout.kind == "outgoing" else self._color("accent")
        p.setBrush(bar)
        p.drawRoundedRect(QRectF(r.x(), r.y(), 3, r.height()), 1.5, 1.5)
        p.setFont(self._small)
        p.setPen(self._muted_color(layout))
        text_rect = r.adjusted(10, 5, -6, -5)
        fm = QFontMetrics(self._small)
        lines = max(1, text_rect.height() // fm.lineSpacing())
        text = layout.reply_text
        if lines == 1:
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
        else:
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width() * lines - 20)
        p.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft) | _WRAP, text)

    def _draw_images(self, p: QPainter, layout: RowLayout) -> None:
        for rect, att in layout.images:
            pixmap = self.thumbs.pixmap(att)
            path = QPainterPath()
            path.addRoundedRect(QRectF(rect), 8, 8)
            if pixmap is not None and not pixmap.isNull():
                p.save()
                p.setClipPath(path)
                p.drawPixmap(rect, pixmap)
                p.restore()
                continue
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._color("divider"))
            p.drawPath(path)
            _draw_picture_icon(p, rect, self._color("muted"))
            p.setFont(self._small)
            p.setPen(self._color("muted"))
            label = (
                self.tr("Image unavailable") if self.thumbs.failed(att.id) else self.tr("Loading…")
            )
            p.drawText(
                rect.adjusted(6, 0, -6, -8),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                label,
            )

    def _draw_files(self, p: QPainter, layout: RowLayout) -> None:
        fm = QFontMetrics(self._base)
        for rect, att in layout.files:
            overlay = (
                QColor(0, 0, 0, 22) if layout.kind != "outgoing" else QColor(255, 255, 255, 36)
            )
            if self.colors.dark and layout.kind != "outgoing":
                overlay = QColor(255, 255, 255, 18)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(overlay)
            p.drawRoundedRect(QRectF(rect), 8, 8)
            icon = QRect(rect.x() + 6, rect.y() + 6, 32, rect.height() - 12)
            p.setBrush(self._color("accent") if layout.kind != "outgoing" else QColor("#ffffff"))
            p.drawRoundedRect(QRectF(icon), 5, 5)
            ext = (att.name.rsplit(".", 1)[-1] if "." in att.name else att.file_type)[:4].upper()
            p.setFont(self._small_bold)
            p.setPen(
                self._color("accent_text") if layout.kind != "outgoing" else self._color("accent")
            )
            p.drawText(icon, Qt.AlignmentFlag.AlignCenter, ext)
            text_x = icon.right() + 8
            text_w = rect.right() - text_x - 6
            p.setFont(self._base)
            p.setPen(self._text_color(layout))
            name = fm.elidedText(att.name, Qt.TextElideMode.ElideMiddle, text_w)
            p.drawText(QRect(text_x, rect.y() + 4, text_w, fm.height()), 0, name)
            p.setFont(self._small)
            p.setPen(self._muted_color(layout))
            p.drawText(
                QRect(text_x, rect.y() + 6 + fm.height(), text_w, rect.height()),
                0,
                human_size(att.file_size),
            )

    def _draw_text(self, p: QPainter, layout: RowLayout) -> None:
        doc = layout.doc
        if doc is None:
            return
        p.save()
        p.translate(layout.text_origin)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(ctx.palette)
        palette.setColor(QPalette.ColorRole.Text, self._text_color(layout))
        ctx.palette = palette
        doc.documentLayout().draw(p, ctx)
        p.restore()

    def _draw_footer(self, p: QPainter, layout: RowLayout) -> None:
        r = layout.footer_rect
        p.setFont(self._small)
        p.setPen(self._muted_color(layout))
        if not _has_tick(layout.row, layout.kind):
            p.drawText(
                r,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                layout.time_text,
            )
            return
        p.drawText(
            r.adjusted(0, 0, -22, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            layout.time_text,
        )
        icon = QRectF(r.right() - 17, r.y() + 1, 17, r.height() - 2)
        status = layout.row.status
        muted = self._muted_color(layout)
        if status in ("pending", "sending"):
            _draw_clock(p, icon, muted)
        elif status == "failed":
            _draw_warning(p, icon, self._color("red"))
        elif status == "sent":
            _draw_ticks(p, icon, 1, muted)
        elif status == "delivered":
            _draw_ticks(p, icon, 2, muted)
        elif status == "read":
            blue = READ_ON_ACCENT if layout.kind == "outgoing" else READ_BLUE
            _draw_ticks(p, icon, 2, QColor(blue))

    def _draw_failure(self, p: QPainter, layout: RowLayout) -> None:
        r = layout.failure_rect
        if r is None:
            return
        red = self._color("red")
        _draw_warning(p, QRectF(r.x() + 2, r.y() + 3, 14, 14), red)
        p.setFont(self._small_bold)
        p.setPen(red)
        p.drawText(r.adjusted(22, 2, 0, 0), _WRAP, layout.failure_text)


_WRAP = int(Qt.TextFlag.TextWordWrap)


def _has_tick(row: MessageRow, kind: str) -> bool:
    """Delivery state is shown for replies, and for unsent notes (pending or failed)."""
    if kind == "outgoing":
        return True
    return kind == "private" and row.outbox_id is not None


def _shift(layout: RowLayout, dx: int, dy: int) -> None:
    """Move the bubble's inner parts from bubble coordinates to row coordinates."""
    offset = QPoint(dx, dy)
    if layout.private_rect is not None:
        layout.private_rect.translate(offset)
    if layout.reply_rect is not None:
        layout.reply_rect.translate(offset)
    for rect, _att in layout.images:
        rect.translate(offset)
    for rect, _att in layout.files:
        rect.translate(offset)
    layout.text_origin += offset


def _last_line_width(doc: QTextDocument) -> int:
    block = doc.lastBlock()
    text_layout = block.layout()
    if text_layout is None or text_layout.lineCount() == 0:
        return 0
    line = text_layout.lineAt(text_layout.lineCount() - 1)
    indent = int(doc.documentLayout().blockBoundingRect(block).x())
    return indent + math.ceil(line.naturalTextWidth())


def _draw_ticks(p: QPainter, r: QRectF, count: int, color: QColor) -> None:
    pen = QPen(color, 1.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    cy = r.center().y()
    for i in range(count):
        x = r.x() + 1 + i * 5
        path = QPainterPath(QPointF(x, cy))
        path.lineTo(x + 3, cy + 3)
        path.lineTo(x + 9, cy - 4)
        p.drawPath(path)


def _draw_clock(p: QPainter, r: QRectF, color: QColor) -> None:
    d = min(r.width(), r.height()) - 2
    c = QPointF(r.x() + d / 2 + 2, r.center().y())
    p.setPen(QPen(color, 1.2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(c, d / 2, d / 2)
    p.drawLine(c, QPointF(c.x(), c.y() - d / 2 + 2))
    p.drawLine(c, QPointF(c.x() + d / 2 - 2, c.y()))


def _draw_warning(p: QPainter, r: QRectF, color: QColor) -> None:
    s = min(r.width(), r.height())
    x, y = r.x(), r.center().y() - s / 2
    path = QPainterPath(QPointF(x + s / 2, y))
    path.lineTo(x + s, y + s)
    path.lineTo(x, y + s)
    path.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawPath(path)
    p.setPen(QPen(QColor("#ffffff"), 1.4))
    p.drawLine(QPointF(x + s / 2, y + s * 0.35), QPointF(x + s / 2, y + s * 0.68))
    p.drawPoint(QPointF(x + s / 2, y + s * 0.84))


def _draw_lock(p: QPainter, r: QRectF, color: QColor) -> None:
    w = min(r.width(), 9.0)
    body = QRectF(r.x(), r.y() + r.height() * 0.45, w, r.height() * 0.55)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(body, 1.5, 1.5)
    p.setPen(QPen(color, 1.4))
    p.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QRectF(r.x() + w * 0.2, r.y() + 1, w * 0.6, r.height() * 0.7)
    p.drawArc(shackle, 0, 180 * 16)
    p.drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top()))
    p.drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top()))


def _draw_picture_icon(p: QPainter, rect: QRect, color: QColor) -> None:
    c = rect.center()
    frame = QRectF(c.x() - 16, c.y() - 16, 32, 24)
    p.setPen(QPen(color, 1.5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(frame, 3, 3)
    path = QPainterPath(QPointF(frame.left() + 3, frame.bottom() - 3))
    path.lineTo(frame.left() + 12, frame.top() + 10)
    path.lineTo(frame.left() + 19, frame.bottom() - 6)
    path.lineTo(frame.left() + 23, frame.top() + 14)
    path.lineTo(frame.right() - 3, frame.bottom() - 3)
    p.drawPath(path)
    p.drawEllipse(QPointF(frame.right() - 8, frame.top() + 7), 2.5, 2.5)
