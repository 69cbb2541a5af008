"""`ComparisonModel`: my figures from the cache beside the server's own for the same period,
one row per figure (the server's column empty while its figures are unavailable)."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from operator_desktop.services.stats import MyStats, ServerFigures
from operator_desktop.ui.common.language import texts_changed
from operator_desktop.ui.stats.format import duration

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    FIGURE = 0
    LOCAL = 1
    SERVER = 2


class ComparisonRole(enum.IntEnum):
    LOCAL_VALUE = Qt.ItemDataRole.UserRole + 1  # the number behind the cache's column
    SERVER_VALUE = Qt.ItemDataRole.UserRole + 2  # ... and behind the server's (None: none)


class ComparisonModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, float | None, float | None]] = []
        self._shown: tuple[MyStats | None, ServerFigures | None] = (None, None)

    def retranslate(self) -> None:
        """The language changed: the rows are worded again, the views told."""
        stats, server = self._shown
        if stats is not None:
            self._rows = self._build(stats, server)
        texts_changed(self)

    def show(self, stats: MyStats | None, server: ServerFigures | None) -> None:
        self._shown = (stats, server)
        self.beginResetModel()
        self._rows = [] if stats is None else self._build(stats, server)
        self.endResetModel()

    def _build(
        self, stats: MyStats, server: ServerFigures | None
    ) -> list[tuple[str, str, str, float | None, float | None]]:
        def both(median: float | None, p90: float | None) -> str:
            if median is None:
                return "—"
            return (
                self.tr("median %1, 90% within %2")
                .replace("%1", duration(median))
                .replace("%2", duration(p90))
            )

        def average(value: float | None) -> str:
            return "—" if value is None else self.tr("average %1").replace("%1", duration(value))

        def count(value: int | None) -> str:
            return "—" if value is None else str(value)

        fr, rt = stats.first_response, stats.reply_time
        s = server
        return [
            (
                self.tr("Conversations"),
                self.tr("%1 handled").replace("%1", str(stats.handled)),
                "—" if s is None else self.tr("%1 assigned").replace("%1", str(s.conversations)),
                float(stats.handled),
                None if s is None else float(s.conversations),
            ),
            (
                self.tr("Resolved"),
                count(stats.resolved),
                count(None if s is None else s.resolved),
                float(stats.resolved),
                None if s is None else float(s.resolved),
            ),
            (
                self.tr("First response"),
                both(fr.median_s, fr.p90_s),
                average(None if s is None else s.avg_first_response_s),
                fr.median_s,
                None if s is None else s.avg_first_response_s,
            ),
            (
                self.tr("Reply time"),
                both(rt.median_s, rt.p90_s),
                average(None if s is None else s.avg_reply_s),
                rt.median_s,
                None if s is None else s.avg_reply_s,
            ),
            (
                self.tr("Resolution time"),
                "—",
                average(None if s is None else s.avg_resolution_s),
                None,
                None if s is None else s.avg_resolution_s,
            ),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == ComparisonRole.LOCAL_VALUE:
            return row[3]
        if role == ComparisonRole.SERVER_VALUE:
            return row[4]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != Column.FIGURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return (self.tr("Figure"), self.tr("From the cache"), self.tr("Server"))[section]
