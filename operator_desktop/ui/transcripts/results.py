"""The transcript browser's result list: `TranscriptResultsModel` (one row per conversation,
a role enum), `TranscriptResultsProxy` (narrows the rows to the open/resolved choice without a
new search) and `TranscriptResultDelegate`, which paints the contact, the inbox, the time and
the snippet with the matched words in the accent colour."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from operator_desktop.services.transcripts import TranscriptHit
from operator_desktop.ui.common.language import texts_changed
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.common.timefmt import list_time

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 58
PAD = 10
_WHITESPACE = re.compile(r"\s+")


class ResultRole(enum.IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    DISPLAY_ID = Qt.ItemDataRole.UserRole + 2
    MESSAGE_ID = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4


class TranscriptResultsModel(QAbstractListModel):
    """The latest search's conversations; replaced as a whole by each new search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[TranscriptHit] = []

    def set_hits(self, hits: Sequence[TranscriptHit]) -> None:
        self.beginResetModel()  # a new search is a new list, not an update of the old one
        self._hits = list(hits)
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: the views paint the rows again (dates, "resolved")."""
        texts_changed(self, [ResultRole.HIT])

    def hit_at(self, row: int) -> TranscriptHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"#{hit.display_id} {hit.contact_name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == ResultRole.HIT:
            return hit
        if role == ResultRole.DISPLAY_ID:
            return hit.display_id
        if role == ResultRole.MESSAGE_ID:
            return hit.message_id
        if role == ResultRole.STATUS:
            return hit.status
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class TranscriptResultsProxy(QSortFilterProxyModel):
    """Keeps the search's order; hides resolved conversations when asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hide_resolved = False

    def set_hide_resolved(self, hide: bool) -> None:
        if hide != self._hide_resolved:
            self.beginFilterChange()
            self._hide_resolved = hide
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._hide_resolved:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(ResultRole.STATUS) != "resolved")


class TranscriptResultDelegate(QStyledItemDelegate):
    """Two lines: "#12 Contact · Inbox" with the time at the right, then the snippet."""

    def __init__(self, now: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: ARG002
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        hit = index.data(ResultRole.HIT)
        if not isinstance(hit, TranscriptHit):
            return
        rect = QRectF(option.rect)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, Theme.color("selection" if selected else "base"))
        font = QFont(option.font)
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        left, right = rect.left() + PAD, rect.right() - PAD
        top = rect.top() + 6
        when = list_time(hit.message_at or hit.last_activity_at or 0.0, self._now())
        painter.setFont(small)
        painter.setPen(Theme.color("muted"))
        small_m = QFontMetricsF(small)
        when_w = small_m.horizontalAdvance(when)
        line1 = QRectF(right - when_w, top, when_w, 20)
        painter.drawText(line1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        title = f"#{hit.display_id} {hit.contact_name}"
        room = right - when_w - 8 - left
        bold_m = QFontMetricsF(bold)
        title = bold_m.elidedText(title, Qt.TextElideMode.ElideRight, room)
        painter.setFont(bold)
        painter.setPen(Theme.color("text"))
        title_w = bold_m.horizontalAdvance(title)
        painter.drawText(QRectF(left, top, title_w + 1, 20), Qt.AlignmentFlag.AlignVCenter, title)
        inbox = f"  · {hit.inbox_name}" if hit.inbox_name else ""
        if hit.status == "resolved":
            inbox += "  · " + self.tr("resolved")
        painter.setFont(small)
        painter.setPen(Theme.color("muted"))
        rest = small_m.elidedText(inbox, Qt.TextElideMode.ElideRight, room - title_w)
        painter.drawText(
            QRectF(left + title_w, top, room - title_w, 20), Qt.AlignmentFlag.AlignVCenter, rest
        )
        self._paint_snippet(painter, hit, font, left, right, top + 24)
        painter.setPen(Theme.color("divider"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def _paint_snippet(
        self,
        painter: QPainter,
        hit: TranscriptHit,
        font: QFont,
        left: float,
        right: float,
        top: float,
    ) -> None:
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        pieces: list[tuple[str, bool]] = []
        pos = 0
        for start, end in hit.spans:
            pieces += [(hit.snippet[pos:start], False), (hit.snippet[start:end], True)]
            pos = end
        pieces.append((hit.snippet[pos:], False))
        x = left
        for raw, matched in pieces:
            piece = _WHITESPACE.sub(" ", raw)
            room = right - x
            if not piece or room <= 8:
                continue
            shown = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
            painter.setPen(Theme.color("accent" if matched else "text"))
            width = metrics.horizontalAdvance(shown)
            painter.drawText(QRectF(x, top, width + 1, 20), Qt.AlignmentFlag.AlignVCenter, shown)
            x += width
            if shown != piece:
                break
