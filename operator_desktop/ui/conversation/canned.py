"""Canned responses: a small fuzzy matcher and the "/" popup the composer shows.

`fuzzy_score(query, text)` is a subsequence match with bonuses (prefix, word starts,
consecutive letters) and a penalty for gaps; `None` when the query is not a subsequence.
`rank_canned` scores a reply by its short code (weighted higher) and its content.
`slash_token` finds the "/word" typed at a text box's cursor and `insert_canned` puts the
chosen reply in its place (the composer and the quick-reply window both use them).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QListView, QPlainTextEdit, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex

CodeRole = Qt.ItemDataRole.UserRole + 1
ContentRole = Qt.ItemDataRole.UserRole + 2


def fuzzy_score(query: str, text: str) -> float | None:
    """How well `query` matches `text` as a subsequence (higher is better), or None."""
    q = query.casefold()
    t = text.casefold()
    if not q:
        return 0.0
    if t.startswith(q):
        return 100.0 + len(q) * 2 - len(t) * 0.01
    score = 0.0
    pos = -1
    run = 0
    for ch in q:
        found = t.find(ch, pos + 1)
        if found < 0:
            return None
        gap = found - pos - 1
        if found == 0 or not t[found - 1].isalnum():
            score += 8  # start of a word
        if gap == 0 and pos >= 0:
            run += 1
            score += 5 + run  # consecutive letters
        else:
            run = 0
            score -= min(gap, 10) * 0.5
        score += 1
        pos = found
    whole = t.find(q)
    if whole >= 0:
        score += 20 + (10 if whole == 0 or not t[whole - 1].isalnum() else 0)
    return score - len(t) * 0.01


def rank_canned(
    query: str, items: Sequence[tuple[str, str]], limit: int = 8
) -> list[tuple[str, str]]:
    """Canned (short_code, content) pairs matching `query`, best first."""
    if not query:
        return sorted(items, key=lambda x: x[0])[:limit]
    scored: list[tuple[float, str, str]] = []
    for code, content in items:
        by_code = fuzzy_score(query, code)
        by_content = fuzzy_score(query, content)
        best = max(
            (by_code * 2 + 10) if by_code is not None else -1e9,
            by_content if by_content is not None else -1e9,
        )
        if best > -1e9:
            scored.append((best, code, content))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [(code, content) for _s, code, content in scored[:limit]]


def slash_token(edit: QPlainTextEdit) -> tuple[int, str] | None:
    """(start position, query) of a "/word" ending at `edit`'s cursor, or None."""
    cursor = edit.textCursor()
    if cursor.hasSelection():
        return None
    block = cursor.block()
    before = block.text()[: cursor.positionInBlock()]
    start = max(before.rfind(" "), before.rfind("\t")) + 1
    token = before[start:]
    if not token.startswith("/") or any(c.isspace() for c in token):
        return None
    return block.position() + start, token[1:]


def insert_canned(edit: QPlainTextEdit, content: str) -> None:
    """Put `content` at `edit`'s cursor, in place of the "/word" typed there (if any)."""
    token = slash_token(edit)
    cursor = edit.textCursor()
    if token is not None:
        cursor.setPosition(token[0], QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(content)
    edit.setTextCursor(cursor)


class CannedModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, str]] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        code, content = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"/{code}  —  {' '.join(content.split())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return content
        if role == CodeRole:
            return code
        if role == ContentRole:
            return content
        return None


class CannedPopup(QListView):
    """A list of matching canned responses above the composer; keys come from the editor."""

    chosen = Signal(str)  # content

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.canned = CannedModel(self)
        self.setModel(self.canned)
        self.clicked.connect(self._choose_index)

    def show_matches(self, items: list[tuple[str, str]], anchor: QWidget, at: QPoint) -> None:
        """Show `items` above `at` (a point in `anchor`); hide when empty."""
        self.canned.set_items(items)
        if not items:
            self.hide()
            return
        self.setCurrentIndex(self.canned.index(0, 0))
        fm = QFontMetrics(self.font())
        row_h = fm.height() + 8
        height = min(len(items), 8) * row_h + 6
        width = max(360, min(640, anchor.width()))
        top_left = anchor.mapToGlobal(QPoint(at.x(), at.y() - height - 4))
        self.setGeometry(top_left.x(), top_left.y(), width, height)
        self.show()

    def move_selection(self, step: int) -> None:
        count = self.canned.rowCount()
        if not count:
            return
        row = (self.currentIndex().row() + step) % count
        self.setCurrentIndex(self.canned.index(row, 0))

    def accept_current(self) -> bool:
        index = self.currentIndex()
        if not self.isVisible() or not index.isValid():
            return False
        self._choose_index(index)
        return True

    def _choose_index(self, index: AnyIndex) -> None:
        content = self.canned.data(index, ContentRole)
        self.hide()
        if isinstance(content, str):
            self.chosen.emit(content)
