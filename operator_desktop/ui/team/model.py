"""The Team window's models: agents (with live availability) and canned responses, each a
list keyed by id that updates in place (rows removed, changed and inserted, never a reset),
with a proxy that filters by typed text and sorts, and the delegates that paint the rows."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from operator_desktop.services.team import AgentRow, CannedRow

AnyIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row", AgentRow, CannedRow)

AVAILABILITY_COLOURS = {"online": "#2e9d57", "busy": "#d58a10", "offline": "#9aa0a6"}


class AgentRole(enum.IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    NAME = enum.auto()
    EMAIL = enum.auto()
    ROLE = enum.auto()  # agent | administrator
    AVAILABILITY = enum.auto()  # online | busy | offline
    IS_ME = enum.auto()


class CannedRole(enum.IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    SHORT_CODE = enum.auto()
    CONTENT = enum.auto()


class KeyedListModel(QAbstractListModel, Generic[Row]):
    """Rows keyed by `id`; `set_rows` applies the difference to the old list."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self.rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        wanted = {r.id: r for r in rows}
        for i in range(len(self.rows) - 1, -1, -1):
            if self.rows[i].id not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
        have = {r.id: i for i, r in enumerate(self.rows)}
        for row_id, i in have.items():
            if self.rows[i] != wanted[row_id]:
                self.rows[i] = wanted[row_id]
                self.dataChanged.emit(self.index(i), self.index(i))
        new = [r for r in rows if r.id not in have]
        if new:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()

    def row_of(self, index: AnyIndex) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]


class AgentModel(KeyedListModel[AgentRow]):
    def __init__(self, user_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.user_id = user_id
        self.presence: dict[int, str] = {}

    def set_presence(self, presence: dict[int, str]) -> None:
        """Live availability from the cable's `presence.update` (the cached list otherwise)."""
        if presence == self.presence:
            return
        self.presence = dict(presence)
        if self.rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self.rows) - 1), [AgentRole.AVAILABILITY]
            )

    def availability(self, row: AgentRow) -> str:
        return self.presence.get(row.id, row.availability)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_of(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, AgentRole.NAME):
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name} <{row.email}>" if row.email else row.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}, {row.role}, {self.availability(row)}"
        if role == AgentRole.ID:
            return row.id
        if role == AgentRole.EMAIL:
            return row.email
        if role == AgentRole.ROLE:
            return row.role
        if role == AgentRole.AVAILABILITY:
            return self.availability(row)
        if role == AgentRole.IS_ME:
            return row.id == self.user_id
        return None


class CannedModel(KeyedListModel[CannedRow]):
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_of(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"/{row.short_code}"
        if role in (Qt.ItemDataRole.ToolTipRole, CannedRole.CONTENT):
            return row.content
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"/{row.short_code}: {row.content}"
        if role == CannedRole.ID:
            return row.id
        if role == CannedRole.SHORT_CODE:
            return row.short_code
        return None


class TextFilterProxy(QSortFilterProxyModel):
    """Rows whose `roles` hold the typed text (any case), sorted by `sort_role`."""

    def __init__(self, roles: Sequence[int], sort_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roles = tuple(roles)
        self.needle = ""
        self.setSortRole(sort_role)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self.sort(0)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.needle:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        return any(self.needle in str(model.data(index, r) or "").casefold() for r in self.roles)


# ---- delegates --------------------------------------------------------------------------------
class TwoLineDelegate(QStyledItemDelegate):
    """A title line over a quieter second line, with an optional badge on the right."""

    def __init__(
        self,
        title: Callable[[AnyIndex], str],
        detail: Callable[[AnyIndex], str],
        badge: Callable[[AnyIndex], str] | None = None,
        dot: Callable[[AnyIndex], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.detail = detail
        self.badge = badge
        self.dot = dot

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: ARG002
        line = QFontMetrics(option.font).height()
        return QSize(200, line * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        style = opt.widget.style() if opt.widget is not None else None
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        font = opt.font
        metrics = QFontMetrics(font)
        line = metrics.height()
        left = rect.left() + 10
        if self.dot is not None:
            colour = self.dot(index)
            if colour is not None:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                size = 9
                painter.drawEllipse(left, rect.top() + 7 + (line - size) // 2, size, size)
            left += 18
        right = rect.right() - 10
        if self.badge is not None:
            badge = self.badge(index)
            if badge:
                small = metrics.horizontalAdvance(badge) + 14
                box = QRect(right - small, rect.top() + 7, small, line)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(palette.color(text_role))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box, line / 2, line / 2)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
                right = box.left() - 8
        bold = type(font)(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        width = max(0, right - left)
        title = QFontMetrics(bold).elidedText(self.title(index), Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(left, rect.top() + 7, width, line), Qt.AlignmentFlag.AlignVCenter, title
        )
        painter.setFont(font)
        quiet = palette.color(text_role)
        if not selected:
            quiet = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(quiet)
        detail_width = max(0, rect.right() - 10 - left)
        detail = metrics.elidedText(
            " ".join(self.detail(index).split()), Qt.TextElideMode.ElideRight, detail_width
        )
        painter.drawText(
            QRect(left, rect.top() + 7 + line, detail_width, line),
            Qt.AlignmentFlag.AlignVCenter,
            detail,
        )
        painter.restore()
