"""`ChatListProxy`: which conversations the chat list shows, and in which order.

Filters: the tab (mine / unassigned / all), the status (open by default), an inbox, a team, a
label (None = any) and the set of display ids a search returned (None = no search). Order:
newest activity first, or longest waiting first with the conversations nobody waits on last.

Two stages, both owned by `ChatListProxy`:

    ChatListModel (arrival order) -> ChatOrderModel (sorted) -> ChatListProxy (filtered)

`ChatOrderModel` keeps the order as a Python permutation: a full sort is one `sorted()` over
precomputed keys, a changed row is moved by bisection. `ChatListProxy` is a
`QSortFilterProxyModel` that only filters, so it never calls a Python `lessThan`: with
10,000 rows a Python comparator costs ~130,000 C++→Python calls (~0.7 s) per re-sort, while
the permutation costs a few milliseconds. Filtering compares cached row attributes (no
`data()` round trips, no string building).
"""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from operator_desktop.services.readmodel import ChatRow
from operator_desktop.ui.chat_list.model import ChatListModel, ChatRoles

AnyIndex = QModelIndex | QPersistentModelIndex

STATUSES: tuple[str, ...] = ("open", "pending", "snoozed", "resolved")

# Above this many rows inserted at once, insert them at the end and re-sort in one layout change.
_BULK_INSERT = 32

SortKey = tuple[float, float, int]


class ChatTab(enum.IntEnum):
    MINE = 0
    UNASSIGNED = 1
    ALL = 2


class ChatSort(enum.Enum):
    LAST_ACTIVITY = "last_activity"
    WAITING_TIME = "waiting_time"


@dataclass(frozen=True, slots=True)
class TabCounts:
    mine: int = 0
    unassigned: int = 0
    all: int = 0

    def of(self, tab: ChatTab) -> int:
        if tab is ChatTab.MINE:
            return self.mine
        if tab is ChatTab.UNASSIGNED:
            return self.unassigned
        return self.all


def activity_sort_key(row: ChatRow) -> SortKey:
    """Ascending key for "newest activity first" (newer conversation first among equals)."""
    return (0.0, -row.last_activity_at, -row.display_id)


def waiting_sort_key(row: ChatRow) -> SortKey:
    """Ascending key for "longest waiting first"; rows nobody waits on last, newest first."""
    if row.waiting_since is not None:
        return (0.0, row.waiting_since, -row.display_id)
    return (1.0, -row.last_activity_at, -row.display_id)


_SORT_KEYS = {ChatSort.LAST_ACTIVITY: activity_sort_key, ChatSort.WAITING_TIME: waiting_sort_key}


class ChatOrderModel(QAbstractProxyModel):
    """The rows of a `ChatListModel`, sorted; updated in place as rows change.

    Bookkeeping: `_order` (our row -> source row) and `_okeys` (the sort key of each of our
    rows, ascending and unique thanks to the display id) are always exact; a row is found by
    bisecting its key. `_rank` (source row -> our row) is only needed by `mapFromSource` and is
    refreshed lazily, so a burst of moves costs O(log n) each plus one O(n) pass.

    A row whose sort key changes is moved as a remove plus an insert: the filter proxy above
    then re-checks one row, where a move or layout change would make it re-filter them all.
    """

    def __init__(self, source: ChatListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chats = source
        self._mode = ChatSort.LAST_ACTIVITY
        self._order: list[int] = []  # our row -> source row
        self._okeys: list[SortKey] = []  # sort key of each of our rows (ascending)
        self._skeys: list[SortKey] = []  # sort key of each source row
        self._rank: list[int] = []  # source row -> our row, valid below `_stale_from`
        self._stale_from: int | None = None
        self._removing: int | None = None
        self._batch_reset = False
        super().setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._on_source_reset)
        source.rowsInserted.connect(self._on_rows_inserted)
        source.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed)
        source.rowsRemoved.connect(self._on_rows_removed)
        source.dataChanged.connect(self._on_data_changed)
        source.layoutChanged.connect(self.resort)
        self._rebuild()

    # ---- QAbstractProxyModel ------------------------------------------------------------
    def setSourceModel(self, source: QAbstractItemModel) -> None:  # noqa: ARG002
        raise TypeError("ChatOrderModel's source is fixed at construction")

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or column != 0 or not 0 <= row < len(self._order):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008, ARG002
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._order)

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:
        if not proxy_index.isValid() or proxy_index.model() is not self:
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._order):
            return QModelIndex()
        return self._chats.index(self._order[row], 0)

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        if not 0 <= row < len(self._skeys):
            return QModelIndex()
        return self.createIndex(self.rank_of(row), 0)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        return self._chats.value(self._order[row], role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return self._chats.flags(self.mapToSource(index))

    # ---- direct access ------------------------------------------------------------------
    def chat_at(self, row: int) -> ChatRow:
        return self._chats.row_at(self._order[row])

    def order(self) -> Sequence[int]:
        """Our row -> source row (read-only view)."""
        return self._order

    def rank_of(self, source_row: int) -> int:
        """Our row showing source row `source_row`."""
        if self._stale_from is not None:
            order, rank = self._order, self._rank
            for pos in range(self._stale_from, len(order)):
                rank[order[pos]] = pos
            self._stale_from = None
        return self._rank[source_row]

    @property
    def mode(self) -> ChatSort:
        return self._mode

    def set_mode(self, mode: ChatSort) -> None:
        if mode is not self._mode:
            self._mode = mode
            self.resort()

    def resort(self) -> None:
        """Re-sort every row in one layout change (persistent indexes follow their rows)."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self._order[p.row()] for p in persistent]
        self._rebuild()
        self.changePersistentIndexList(
            persistent, [self.createIndex(self._rank[s], 0) for s in sources]
        )
        self.layoutChanged.emit()

    # ---- bookkeeping --------------------------------------------------------------------
    def _key(self, source_row: int) -> SortKey:
        return _SORT_KEYS[self._mode](self._chats.row_at(source_row))

    def _position(self, source_row: int) -> int:
        """Our row of `source_row`, found by its key (exact: keys are unique)."""
        return bisect_left(self._okeys, self._skeys[source_row])

    def _stale(self, start: int) -> None:
        if self._stale_from is None or start < self._stale_from:
            self._stale_from = start

    def _rebuild(self) -> None:
        key = _SORT_KEYS[self._mode]
        self._skeys = [key(r) for r in self._chats.rows()]
        self._order = sorted(range(len(self._skeys)), key=self._skeys.__getitem__)
        self._okeys = [self._skeys[s] for s in self._order]
        self._rank = [0] * len(self._skeys)
        for pos, src in enumerate(self._order):
            self._rank[src] = pos
        self._stale_from = None

    def _on_source_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    def _insert_sorted(self, source_row: int) -> None:
        key = self._skeys[source_row]
        pos = bisect_right(self._okeys, key)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._order.insert(pos, source_row)
        self._okeys.insert(pos, key)
        self._stale(pos)
        self.endInsertRows()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = last - first + 1
        if first < len(self._skeys):  # inserted in the middle: later source rows shift
            self._order = [s + count if s >= first else s for s in self._order]
            self._stale(0)
        self._skeys[first:first] = [self._key(s) for s in range(first, last + 1)]
        self._rank[first:first] = [0] * count
        if count > _BULK_INSERT:
            start = len(self._order)
            self.beginInsertRows(QModelIndex(), start, start + count - 1)
            self._order.extend(range(first, last + 1))
            self._okeys.extend(self._skeys[first : last + 1])
            self._stale(start)
            self.endInsertRows()
            self.resort()
            return
        for src in range(first, last + 1):
            self._insert_sorted(src)

    def _on_rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        if first != last:  # ChatListModel removes one row at a time; anything else resets
            self._batch_reset = True
            self.beginResetModel()
            return
        pos = self._position(first)
        self._removing = pos
        self.beginRemoveRows(QModelIndex(), pos, pos)

    def _on_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        if self._batch_reset:
            self._batch_reset = False
            self._rebuild()
            self.endResetModel()
            return
        pos = self._removing
        self._removing = None
        if pos is None:
            return
        del self._order[pos]
        del self._okeys[pos]
        del self._skeys[first : last + 1]
        del self._rank[first : last + 1]
        self._order = [s - 1 if s > first else s for s in self._order]
        self._stale(0)
        self.endRemoveRows()

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        reorder = not roles or any(r in _ORDER_ROLES for r in roles)
        for src in range(top_left.row(), bottom_right.row() + 1):
            if reorder:
                self._update_row(src, roles)
            else:
                index = self.createIndex(self._position(src), 0)
                self.dataChanged.emit(index, index, roles)

    def _update_row(self, src: int, roles: Sequence[int]) -> None:
        pos = self._position(src)
        key = self._key(src)
        okeys = self._okeys
        fits = (pos == 0 or okeys[pos - 1] < key) and (
            pos == len(okeys) - 1 or key < okeys[pos + 1]
        )
        if fits:
            okeys[pos] = key
            self._skeys[src] = key
            index = self.createIndex(pos, 0)
            self.dataChanged.emit(index, index, roles)
            return
        # Move: remove, then insert at the new place (the filter proxy re-checks one row).
        self.beginRemoveRows(QModelIndex(), pos, pos)
        del self._order[pos]
        del okeys[pos]
        self._stale(pos)
        self.endRemoveRows()
        self._skeys[src] = key
        self._insert_sorted(src)


# Roles whose change can move a row (anything else only repaints it).
_ORDER_ROLES = frozenset(
    {int(ChatRoles.LastActivity), int(ChatRoles.WaitingSince), int(ChatRoles.Row)}
)


class ChatListProxy(QSortFilterProxyModel):
    """Filters and orders a `ChatListModel` for one signed-in agent (`user_id`)."""

    filtersChanged = Signal()

    def __init__(self, user_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._user_id = user_id
        self._chats: ChatListModel | None = None
        self._ordered: ChatOrderModel | None = None
        self._tab = ChatTab.MINE
        self._status: str | None = "open"
        self._inbox_id: int | None = None
        self._team_id: int | None = None
        self._label: str | None = None
        self._search_ids: frozenset[int] | None = None
        self._verdicts: list[bool] | None = None  # each order row's, while nothing changed
        self.setDynamicSortFilter(True)  # re-filter rows on dataChanged; never sorts itself

    # ---- source -------------------------------------------------------------------------
    def setSourceModel(self, source: QAbstractItemModel) -> None:
        """Show `source` (a `ChatListModel`) through a private `ChatOrderModel`."""
        if not isinstance(source, ChatListModel):
            raise TypeError("ChatListProxy needs a ChatListModel")
        self._chats = source
        ordered = self._ordered = ChatOrderModel(source, self)
        # Connected before Qt's own handlers, so these run first: any change of rows drops
        # the verdicts, and a re-sort decides them all again for Qt's (lazy) re-check.
        for change in (
            ordered.modelAboutToBeReset,
            ordered.rowsAboutToBeInserted,
            ordered.rowsAboutToBeRemoved,
            ordered.dataChanged,
            ordered.layoutAboutToBeChanged,
        ):
            change.connect(self._forget_verdicts)
        ordered.layoutChanged.connect(self._decide_all)
        super().setSourceModel(ordered)

    def chat_model(self) -> ChatListModel | None:
        return self._chats

    def order_model(self) -> ChatOrderModel | None:
        return self._ordered

    # ---- filter state -------------------------------------------------------------------
    @property
    def user_id(self) -> int:
        return self._user_id

    @property
    def tab(self) -> ChatTab:
        return self._tab

    @property
    def status(self) -> str | None:
        return self._status

    @property
    def inbox_id(self) -> int | None:
        return self._inbox_id

    @property
    def team_id(self) -> int | None:
        return self._team_id

    @property
    def label(self) -> str | None:
        return self._label

    @property
    def search_ids(self) -> frozenset[int] | None:
        return self._search_ids

    @property
    def sort_mode(self) -> ChatSort:
        return self._ordered.mode if self._ordered is not None else ChatSort.LAST_ACTIVITY

    def has_narrowing_filters(self) -> bool:
        """True when anything beyond the tab and status narrows the list."""
        return (
            self._inbox_id is not None
            or self._team_id is not None
            or self._label is not None
            or self._search_ids is not None
        )

    def set_tab(self, tab: ChatTab) -> None:
        if tab is not self._tab:
            self._change_filter("_tab", tab)

    def set_status(self, status: str | None) -> None:
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if status != self._status:
            self._change_filter("_status", status)

    def set_inbox(self, inbox_id: int | None) -> None:
        if inbox_id != self._inbox_id:
            self._change_filter("_inbox_id", inbox_id)

    def set_team(self, team_id: int | None) -> None:
        if team_id != self._team_id:
            self._change_filter("_team_id", team_id)

    def set_label(self, label: str | None) -> None:
        if label != self._label:
            self._change_filter("_label", label)

    def set_search_ids(self, ids: Collection[int] | None) -> None:
        frozen = None if ids is None else frozenset(ids)
        if frozen != self._search_ids:
            self._change_filter("_search_ids", frozen)

    def clear_filters(self, *, tab: ChatTab = ChatTab.ALL, status: str | None = None) -> None:
        """Show everything of `status` in `tab` (inbox, team, label and search cleared)."""
        self.beginFilterChange()
        self._tab = tab
        self._status = status
        self._inbox_id = self._team_id = None
        self._label = None
        self._search_ids = None
        self._end_filter_change()

    def set_sort(self, mode: ChatSort) -> None:
        if self._ordered is not None and mode is not self._ordered.mode:
            self._ordered.set_mode(mode)
            self.filtersChanged.emit()

    def _change_filter(self, attr: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, attr, value)
        self._end_filter_change()

    def _end_filter_change(self) -> None:
        self._decide_all()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filtersChanged.emit()

    def _decide_all(self) -> None:
        """Qt re-checks every row after a filter change or a re-sort: decide them all in one
        Python pass first, so that each of its 10,000 `filterAcceptsRow` calls is a list
        lookup (the calls from C++ are what costs, not the comparisons). The verdicts hold
        until the rows or the filters change."""
        ordered, chats = self._ordered, self._chats
        if ordered is not None and chats is not None:
            accepts = self._predicate()
            rows = chats.rows()
            self._verdicts = [accepts(rows[source]) for source in ordered.order()]

    def _forget_verdicts(self, *_change: object) -> None:
        self._verdicts = None

    # ---- filtering ----------------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        verdicts = self._verdicts
        if verdicts is not None and 0 <= source_row < len(verdicts):
            return verdicts[source_row]
        ordered = self._ordered
        if ordered is None or source_parent.isValid():
            return False
        return self._predicate()(ordered.chat_at(source_row))

    def _predicate(self, *, with_tab: bool = True) -> Callable[[ChatRow], bool]:
        """Whether a row passes the current filters (without `with_tab`, every filter but the
        tab), as one closure over locals: a pass over 10,000 rows makes no attribute lookups."""
        uid, tab, status = self._user_id, self._tab, self._status
        inbox, team, label, ids = self._inbox_id, self._team_id, self._label, self._search_ids
        mine = with_tab and tab is ChatTab.MINE
        unassigned = with_tab and tab is ChatTab.UNASSIGNED

        def accepts(row: ChatRow) -> bool:
            if mine and row.assignee_id != uid:
                return False
            if unassigned and row.assignee_id is not None:
                return False
            if status is not None and row.status != status:
                return False
            if inbox is not None and row.inbox_id != inbox:
                return False
            if team is not None and row.team_id != team:
                return False
            if label is not None and label not in row.labels:
                return False
            return ids is None or row.display_id in ids

        return accepts

    def counts(self) -> TabCounts:
        """How many rows each tab would show under the current non-tab filters."""
        if self._chats is None:
            return TabCounts()
        return self.counts_of(self._chats.rows())

    def counts_of(self, rows: Sequence[ChatRow]) -> TabCounts:
        mine = unassigned = total = 0
        uid = self._user_id
        passes = self._predicate(with_tab=False)
        for row in rows:
            if not passes(row):
                continue
            total += 1
            assignee = row.assignee_id
            if assignee is None:
                unassigned += 1
            elif assignee == uid:
                mine += 1
        return TabCounts(mine, unassigned, total)

    def waiting_unread(self) -> int:
        """Conversations waiting for the operator whatever the filters: theirs or unassigned,
        not resolved, with unread messages (the tray's and the title's count)."""
        if self._chats is None:
            return 0
        uid = self._user_id
        return sum(
            1
            for row in self._chats.rows()
            if row.unread_count > 0
            and row.status != "resolved"
            and (row.assignee_id is None or row.assignee_id == uid)
        )

    # ---- lookups ------------------------------------------------------------------------
    def row_of(self, display_id: int) -> int | None:
        """The proxy row showing `display_id`, or None when it is filtered out."""
        chats, ordered = self._chats, self._ordered
        if chats is None or ordered is None:
            return None
        pos = chats.position_of(display_id)
        if pos is None:
            return None
        index = self.mapFromSource(ordered.index(ordered.rank_of(pos), 0))
        return index.row() if index.isValid() else None

    def chat_at(self, row: int) -> ChatRow | None:
        ordered = self._ordered
        if ordered is None or not 0 <= row < self.rowCount():
            return None
        source = self.mapToSource(self.index(row, 0))
        return ordered.chat_at(source.row()) if source.isValid() else None
