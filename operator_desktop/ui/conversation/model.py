"""`MessageListModel`: the open conversation's messages, oldest first, for a `QListView`.

Rows are plain `MessageRow`s read on the database thread (`MessageSource`); `data()` only
looks them up. Loaded server messages sit in a list sorted by id with a parallel id list
(bisect: O(log n) positions) and a dict (id → row); outbox rows (negative ids) follow them.

A view lays out every row it is shown on each insertion, so the model shows the view a
*window* of at most `MAX_WINDOW` loaded rows: `fetchMore` widens it upwards (from memory,
then from the cache, then from the server via `load_older`), `fetch_newer` widens it
downwards, and the far end is trimmed. With the window at the newest row (`following`), new
messages are inserted in place; otherwise `newBeyondWindow` tells the pane to offer a jump.

Change-sets never reset the model: `apply(change)` re-reads only the named messages (and the
outbox) and emits one insert or `dataChanged` per row.
"""

from __future__ import annotations

import bisect
import enum
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.types import MessageType
from operator_desktop.services.readmodel import MessageRow
from operator_desktop.ui.common.language import texts_changed
from operator_desktop.ui.common.tasks import TaskRunner
from operator_desktop.ui.conversation.markdown import MarkdownCache

PAGE = 60  # rows read from the cache at a time
SHOW_PAGE = 30  # rows a scroll step adds to the view's window from memory
MAX_WINDOW = 240
RUN_GAP = 10 * 60  # seconds: a new sender label after this pause

AnyIndex = QModelIndex | QPersistentModelIndex


class MessageRoles(enum.IntEnum):
    Id = Qt.ItemDataRole.UserRole + 1
    Kind = enum.auto()  # "incoming" | "outgoing" | "activity" | "private"
    Content = enum.auto()
    Html = enum.auto()  # rendered markdown, or None while a long text renders
    Sender = enum.auto()
    CreatedAt = enum.auto()
    Status = enum.auto()  # sent | delivered | read | failed | pending | sending
    Attachments = enum.auto()  # tuple[AttachmentRow, ...]
    ReplyPreview = enum.auto()
    DaySeparator = enum.auto()  # date text when this message starts a new day, else None
    Error = enum.auto()
    Row = enum.auto()  # the MessageRow itself
    FirstOfRun = enum.auto()  # show the sender label above this bubble
    TimeText = enum.auto()
    OutboxId = enum.auto()
    LayoutInfo = enum.auto()  # (row, day separator, first of run, html, time text, kind)


LayoutInfo = tuple[MessageRow, str | None, bool, str | None, str, str]


class MessageSource(Protocol):
    """Where the model reads rows from (the cache through the controller, or a bench)."""

    async def latest(self, display_id: int, limit: int) -> list[MessageRow]: ...
    async def older(self, display_id: int, before_id: int, limit: int) -> list[MessageRow]: ...
    async def by_id(self, ids: Sequence[int]) -> list[MessageRow]: ...
    async def outbox(self, display_id: int) -> list[MessageRow]: ...
    async def history_complete(self, display_id: int) -> bool: ...
    async def load_older(self, display_id: int) -> int: ...


class ControllerSource:
    """`MessageSource` over the read model (database thread) and the account's actions."""

    def __init__(self, controller: Any) -> None:
        self.c = controller  # AppController (typed loosely to keep this module light)

    async def latest(self, display_id: int, limit: int) -> list[MessageRow]:
        c = self.c
        rows: list[MessageRow] = await c.read(c.readmodel.messages, c.key, display_id, limit=limit)
        return rows

    async def older(self, display_id: int, before_id: int, limit: int) -> list[MessageRow]:
        c = self.c
        rows: list[MessageRow] = await c.read(
            c.readmodel.messages, c.key, display_id, before_id=before_id, limit=limit
        )
        return rows

    async def by_id(self, ids: Sequence[int]) -> list[MessageRow]:
        c = self.c
        rows: list[MessageRow] = await c.read(c.readmodel.messages_by_id, c.key, list(ids))
        return rows

    async def outbox(self, display_id: int) -> list[MessageRow]:
        c = self.c
        rows: list[MessageRow] = await c.read(c.readmodel.outbox_rows, c.key, display_id)
        return rows

    async def history_complete(self, display_id: int) -> bool:
        c = self.c
        done: bool = await c.read(c.readmodel.history_complete, c.key, display_id)
        return done

    async def load_older(self, display_id: int) -> int:
        count: int = await self.c.actions.load_older(display_id)
        return count


def kind_of(row: MessageRow) -> str:
    if row.message_type == MessageType.ACTIVITY:
        return "activity"
    if row.private:
        return "private"
    if row.message_type == MessageType.INCOMING:
        return "incoming"
    return "outgoing"


@dataclass
class _Pending:
    ids: set[int]
    outbox: bool


class MessageListModel(QAbstractListModel):
    """Messages of one conversation; see the module docstring for the window."""

    loadingChanged = Signal(bool)  # an older page is being fetched
    newBeyondWindow = Signal()  # messages arrived below the window (the view is scrolled up)
    opened = Signal(int)  # display id, after `open` loaded the first rows

    def __init__(
        self,
        source: MessageSource,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        markdown: MarkdownCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.runner = runner
        self.markdown = markdown or MarkdownCache()
        self.display_id: int | None = None
        self._msgs: list[MessageRow] = []
        self._ids: list[int] = []
        self._outbox: list[MessageRow] = []
        self._by_id: dict[int, MessageRow] = {}
        self._att_owner: dict[int, int] = {}
        self._lo = 0
        self._hi = 0
        self._complete = False
        self._loading = False
        self._generation = 0
        self._pending = _Pending(set(), False)
        self._draining = False
        self._opening: int | None = None
        self._day_text: dict[int, str] = {}
        self._infos: dict[int, LayoutInfo] = {}  # per message id; dropped when a row changes
        self._time_text: dict[int, str] = {}
        self._html_timer = QTimer(self)
        self._html_timer.setSingleShot(True)
        self._html_timer.setInterval(0)
        self._html_timer.timeout.connect(self._render_pending_html)
        self._locale = QLocale()
        # "Today" becomes "Yesterday" at midnight: relabel the separators then
        self.today: Callable[[], QDate] = QDate.currentDate
        self._midnight_timer = QTimer(self)
        self._midnight_timer.setSingleShot(True)
        self._midnight_timer.timeout.connect(self._day_changed)
        self._arm_midnight()
        # Views fetch "more" when their *last* row shows (Qt's fetchMore contract is for
        # appending); older rows belong at the top, so a view may say when paging is wanted.
        self.fetch_guard: Callable[[], bool] | None = None

    # ---- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else self._hi - self._lo

    def roleNames(self) -> dict[int, QByteArray]:
        return {int(r): QByteArray((r.name[0].lower() + r.name[1:]).encode()) for r in MessageRoles}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pos = self._lo + index.row()
        if not self._lo <= pos < self._hi:
            return None
        row = self._at(pos)
        if role == MessageRoles.LayoutInfo:
            return self.layout_info(pos)
        if role == MessageRoles.Row:
            return row
        if role in (MessageRoles.Content, Qt.ItemDataRole.DisplayRole):
            return row.content or ""
        if role == MessageRoles.Id:
            return row.id
        if role == MessageRoles.Kind:
            return kind_of(row)
        if role == MessageRoles.Html:
            return self._html(row)
        if role == MessageRoles.Sender:
            return row.sender_name or ""
        if role == MessageRoles.CreatedAt:
            return row.created_at
        if role == MessageRoles.Status:
            return row.status
        if role == MessageRoles.Attachments:
            return row.attachments
        if role == MessageRoles.ReplyPreview:
            return row.reply_preview
        if role == MessageRoles.DaySeparator:
            return self._day_separator(pos)
        if role == MessageRoles.Error:
            return row.error
        if role == MessageRoles.FirstOfRun:
            return self._first_of_run(pos)
        if role == MessageRoles.TimeText:
            return self._time(row)
        if role == MessageRoles.OutboxId:
            return row.outbox_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.error
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() or self.display_id is None:
            return False
        if self.fetch_guard is not None and not self.fetch_guard():
            return False
        return self._lo > 0 or (not self._complete and not self._loading)

    def fetchMore(self, parent: AnyIndex) -> None:
        """Older rows at the top: from memory first, then the cache, then the server."""
        if not self.canFetchMore(parent):
            return
        if self._lo > 0:
            count = min(SHOW_PAGE, self._lo)
            self.beginInsertRows(QModelIndex(), 0, count - 1)
            self._lo -= count
            self.endInsertRows()
            self._trim_bottom()
            return
        if self._complete or self._loading or self.display_id is None:
            return
        self._set_loading(True)
        self.runner.run(
            self._load_older(self._generation, self.display_id),
            on_done=lambda _n: self._set_loading(False),
            on_error=self._older_failed,
        )

    # ---- public API ------------------------------------------------------------------------
    @property
    def following(self) -> bool:
        """The window ends at the newest row: new messages appear in the view."""
        return self._hi == self._total()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def history_complete(self) -> bool:
        return self._complete

    def loaded_count(self) -> int:
        """Rows held in memory (shown or not)."""
        return self._total()

    async def open(self, display_id: int) -> None:
        """Show `display_id`: its latest `PAGE` cached rows (plus unsent replies).

        Change-sets for it that arrive while the rows are read are kept and applied after.
        """
        self._generation += 1
        generation = self._generation
        self._opening = display_id
        self._pending = _Pending(set(), False)
        rows = await self.source.latest(display_id, PAGE)
        complete = await self.source.history_complete(display_id)
        if generation != self._generation:
            return
        pending = self._pending
        self.set_rows(display_id, rows, complete=complete)
        self._opening = None
        self._pending = pending
        self._kick_drain()
        self.opened.emit(display_id)

    def set_rows(
        self, display_id: int | None, rows: Iterable[MessageRow], *, complete: bool = False
    ) -> None:
        """Replace everything (switching conversations); shows the newest `SHOW_PAGE` rows."""
        self.beginResetModel()
        self.display_id = display_id
        self._msgs = sorted((r for r in rows if r.outbox_id is None), key=lambda r: r.id)
        self._outbox = sorted(
            (r for r in rows if r.outbox_id is not None), key=lambda r: r.outbox_id or 0
        )
        self._ids = [r.id for r in self._msgs]
        self._by_id = {r.id: r for r in self._msgs}
        self._by_id.update((r.id, r) for r in self._outbox)
        self._att_owner = {a.id: r.id for r in self._msgs for a in r.attachments}
        self._hi = self._total()
        self._lo = max(0, self._hi - max(SHOW_PAGE, len(self._outbox)))
        self._complete = complete
        self._loading = False
        self._pending = _Pending(set(), False)
        self._time_text.clear()
        self._infos.clear()
        self.endResetModel()

    def clear(self) -> None:
        self._generation += 1
        self._opening = None
        self.set_rows(None, ())

    def fetch_newer(self) -> bool:
        """Widen the window downwards (after scrolling back down); False at the end."""
        total = self._total()
        if self._hi >= total:
            return False
        count = min(SHOW_PAGE, total - self._hi)
        first = self._hi - self._lo
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        self._hi += count
        self.endInsertRows()
        excess = (self._hi - self._lo) - MAX_WINDOW
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            self._lo += excess
            self.endRemoveRows()
        return True

    def jump_to_latest(self) -> None:
        """Show the newest page again (a user navigation, so a reset is fine here)."""
        if self.following:
            return
        self.beginResetModel()
        self._hi = self._total()
        self._lo = max(0, self._hi - PAGE)
        self.endResetModel()

    def layout_info(self, pos: int) -> LayoutInfo:
        """What the delegate lays out for the row at list position `pos` (one call)."""
        row = self._at(pos)
        cached = self._infos.get(row.id)
        if cached is not None and cached[0] is row:
            return cached
        info = (
            row,
            self._day_separator(pos),
            self._first_of_run(pos),
            self._html(row),
            self._time(row),
            kind_of(row),
        )
        self._infos[row.id] = info
        return info

    def upcoming(self, count: int = PAGE) -> Iterator[LayoutInfo]:
        """Rows just outside the window (above it, then below), to lay out ahead of time."""
        for pos in range(self._lo - 1, max(-1, self._lo - 1 - count), -1):
            yield self.layout_info(pos)
        for pos in range(self._hi, min(self._total(), self._hi + count)):
            yield self.layout_info(pos)

    def row_of(self, message_id: int) -> int | None:
        """The view row of a message, or None when it is not in the window."""
        pos = self._pos_of(message_id)
        if pos is None or not self._lo <= pos < self._hi:
            return None
        return pos - self._lo

    def message(self, message_id: int) -> MessageRow | None:
        return self._by_id.get(message_id)

    def row_at(self, row: int) -> MessageRow | None:
        pos = self._lo + row
        return self._at(pos) if self._lo <= pos < self._hi else None

    def apply(self, change: ChangeSet) -> None:
        """Take the messages and outbox rows a change-set names for the open conversation."""
        target = self._opening if self._opening is not None else self.display_id
        if target is None:
            return
        ids = change.messages.get(target)
        outbox = target in change.outbox
        if not ids and not outbox:
            return
        self._pending.ids |= ids or set()
        self._pending.outbox |= outbox
        if self._opening is None:
            self._kick_drain()

    def attachment_loaded(self, attachment_id: int) -> None:
        """A thumbnail arrived: repaint the row that shows it."""
        owner = self._att_owner.get(attachment_id)
        if owner is not None:
            self._changed(owner, [MessageRoles.Attachments])

    def merge(self, rows: Sequence[MessageRow], outbox: Sequence[MessageRow] | None) -> None:
        """Insert or update server rows in place; replace the outbox rows when given."""
        for row in sorted(rows, key=lambda r: r.id):
            if row.display_id == self.display_id and row.outbox_id is None:
                self._merge_one(row)
        if outbox is not None:
            self._merge_outbox(list(outbox))

    # ---- loading ---------------------------------------------------------------------------
    async def _load_older(self, generation: int, display_id: int) -> int:
        before = self._ids[0] if self._ids else None
        rows: list[MessageRow] = []
        if before is not None:
            rows = await self.source.older(display_id, before, PAGE)
        if not rows and not self._complete:
            fetched = await self.source.load_older(display_id)
            complete = await self.source.history_complete(display_id)
            if generation != self._generation:
                return 0
            self._complete = complete or fetched == 0
            if before is None:
                rows = await self.source.latest(display_id, PAGE)
            else:
                rows = await self.source.older(display_id, before, PAGE)
        if generation != self._generation:
            return 0
        self._prepend([r for r in rows if r.outbox_id is None])
        return len(rows)

    def _older_failed(self, error: Any) -> None:
        self._set_loading(False)
        self.runner.failed.emit(error)

    def _prepend(self, rows: list[MessageRow]) -> None:
        oldest = self._ids[0] if self._ids else None
        fresh = sorted(
            (r for r in rows if r.id not in self._by_id and (oldest is None or r.id < oldest)),
            key=lambda r: r.id,
        )
        if not fresh:
            return
        count = len(fresh)
        shown = self._lo == 0
        if shown:
            self.beginInsertRows(QModelIndex(), 0, count - 1)
        self._msgs[0:0] = fresh
        self._ids[0:0] = [r.id for r in fresh]
        for r in fresh:
            self._by_id[r.id] = r
            for a in r.attachments:
                self._att_owner[a.id] = r.id
        if shown:
            self._hi += count
            self.endInsertRows()
            self._trim_bottom()
        else:
            self._lo += count
            self._hi += count
        if not shown:
            return
        # the row that used to be first may lose its day separator or sender label
        old_first = self._pos_of(fresh[-1].id)
        if old_first is not None and old_first + 1 < self._hi:
            self._emit_pos(old_first + 1, [])

    def _trim_bottom(self) -> None:
        excess = (self._hi - self._lo) - MAX_WINDOW
        if excess <= 0:
            return
        count = self._hi - self._lo
        self.beginRemoveRows(QModelIndex(), count - excess, count - 1)
        self._hi -= excess
        self.endRemoveRows()

    def _set_loading(self, on: bool) -> None:
        if self._loading != on:
            self._loading = on
            self.loadingChanged.emit(on)

    # ---- change-sets -----------------------------------------------------------------------
    async def _drain(self, generation: int) -> None:
        display_id = self.display_id
        while display_id is not None and (self._pending.ids or self._pending.outbox):
            pending, self._pending = self._pending, _Pending(set(), False)
            rows = await self.source.by_id(sorted(pending.ids)) if pending.ids else []
            outbox = await self.source.outbox(display_id) if pending.outbox else None
            if generation != self._generation:
                return
            self.merge(rows, outbox)

    def _kick_drain(self) -> None:
        if self._draining or not (self._pending.ids or self._pending.outbox):
            return
        self._draining = True
        self.runner.run(
            self._drain(self._generation), on_done=self._drained, on_error=self._drain_failed
        )

    def _drained(self, _result: None) -> None:
        self._draining = False
        self._kick_drain()

    def _drain_failed(self, error: Any) -> None:
        self._draining = False
        self.runner.failed.emit(error)

    def _merge_one(self, row: MessageRow) -> None:
        old = self._by_id.get(row.id)
        if old is not None:
            pos = bisect.bisect_left(self._ids, row.id)
            self._msgs[pos] = row
            self._by_id[row.id] = row
            for a in row.attachments:
                self._att_owner[a.id] = row.id
            self._time_text.pop(row.id, None)
            self._emit_pos(pos, [])
            return
        if self._ids and row.id < self._ids[0] and not self._complete:
            return  # older than what is loaded: `fetchMore` brings it in order
        pos = bisect.bisect_left(self._ids, row.id)
        if pos < self._lo or (pos == self._lo and self._lo > 0):
            self._store(pos, row)  # above the window: shown by `fetchMore`
            self._lo += 1
            self._hi += 1
            return
        if not (pos < self._hi or (pos == self._hi and self.following)):
            self._store(pos, row)  # below a window the user scrolled away from
            self.newBeyondWindow.emit()
            return
        first = pos - self._lo
        self.beginInsertRows(QModelIndex(), first, first)
        self._store(pos, row)
        self._hi += 1
        self.endInsertRows()
        if pos + 1 < self._hi:
            self._emit_pos(pos + 1, [])  # its sender label or day separator may go

    def _store(self, pos: int, row: MessageRow) -> None:
        self._msgs.insert(pos, row)
        self._ids.insert(pos, row.id)
        self._by_id[row.id] = row
        for a in row.attachments:
            self._att_owner[a.id] = row.id

    def _merge_outbox(self, rows: list[MessageRow]) -> None:
        new_ids = {r.id for r in rows}
        base = len(self._msgs)
        # removals (delivered or discarded), from the end so positions stay valid
        for i in range(len(self._outbox) - 1, -1, -1):
            old = self._outbox[i]
            if old.id in new_ids:
                continue
            pos = base + i
            visible = self._lo <= pos < self._hi
            if visible:
                self.beginRemoveRows(QModelIndex(), pos - self._lo, pos - self._lo)
            del self._outbox[i]
            self._by_id.pop(old.id, None)
            self._infos.pop(old.id, None)
            if visible:
                self._hi -= 1
                self.endRemoveRows()
            elif pos < self._lo:
                self._lo -= 1
                self._hi -= 1
            if pos < self._total():
                self._emit_pos(pos, [])  # the next row may now start a run
        # updates in place
        current = {r.id: i for i, r in enumerate(self._outbox)}
        for row in rows:
            at = current.get(row.id)
            if at is not None and self._outbox[at] != row:
                self._outbox[at] = row
                self._by_id[row.id] = row
                self._emit_pos(base + at, [])
        # additions at the end
        for row in rows:
            if row.id in current:
                continue
            pos = self._total()
            following = self.following
            if following:
                self.beginInsertRows(QModelIndex(), pos - self._lo, pos - self._lo)
            self._outbox.append(row)
            self._by_id[row.id] = row
            if following:
                self._hi += 1
                self.endInsertRows()
            else:
                self.newBeyondWindow.emit()

    # ---- helpers ---------------------------------------------------------------------------
    def _total(self) -> int:
        return len(self._msgs) + len(self._outbox)

    def _at(self, pos: int) -> MessageRow:
        n = len(self._msgs)
        return self._msgs[pos] if pos < n else self._outbox[pos - n]

    def _pos_of(self, message_id: int) -> int | None:
        if message_id < 0:
            for i, r in enumerate(self._outbox):
                if r.id == message_id:
                    return len(self._msgs) + i
            return None
        pos = bisect.bisect_left(self._ids, message_id)
        if pos < len(self._ids) and self._ids[pos] == message_id:
            return pos
        return None

    def _changed(self, message_id: int, roles: list[int]) -> None:
        pos = self._pos_of(message_id)
        if pos is not None:
            self._emit_pos(pos, roles)

    def _emit_pos(self, pos: int, roles: list[int]) -> None:
        if 0 <= pos < self._total():
            self._infos.pop(self._at(pos).id, None)
        if self._lo <= pos < self._hi:
            index = self.index(pos - self._lo, 0)
            self.dataChanged.emit(index, index, roles)

    def _html(self, row: MessageRow) -> str | None:
        if row.is_activity or row.deleted or not row.content:
            return None
        html = self.markdown.html(row.id, row.content)
        if html is None and not self._html_timer.isActive():
            self._html_timer.start()
        return html

    def _render_pending_html(self) -> None:
        for message_id in self.markdown.render_pending():
            self._changed(message_id, [MessageRoles.Html])
        if self.markdown.has_pending():
            self._html_timer.start()

    def _arm_midnight(self) -> None:
        now = QDateTime.currentDateTime()
        midnight = QDateTime(now.date().addDays(1), QTime(0, 0))
        self._midnight_timer.start(max(1000, now.msecsTo(midnight) + 1000))

    def retranslate(self) -> None:
        """The language changed: day separators and times are worded and formatted again."""
        self._locale = QLocale()
        self._time_text.clear()
        self._day_text.clear()
        self._infos.clear()
        texts_changed(
            self, [MessageRoles.DaySeparator, MessageRoles.LayoutInfo, MessageRoles.TimeText]
        )

    def _day_changed(self) -> None:
        self._day_text.clear()
        self._infos.clear()
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0),
                self.index(self.rowCount() - 1),
                [int(MessageRoles.DaySeparator), int(MessageRoles.LayoutInfo)],
            )
        self._arm_midnight()

    @staticmethod
    def _day_key(ts: float) -> int:
        t = time.localtime(ts)
        return t.tm_year * 1000 + t.tm_yday

    def _day_separator(self, pos: int) -> str | None:
        row = self._at(pos)
        key = self._day_key(row.created_at)
        if pos > 0 and self._day_key(self._at(pos - 1).created_at) == key:
            return None
        text = self._day_text.get(key)
        if text is None:
            text = self._format_day(row.created_at)
            self._day_text[key] = text
        return text

    def _format_day(self, ts: float) -> str:
        day = QDateTime.fromSecsSinceEpoch(int(ts)).date()
        today = self.today()
        if day == today:
            return self.tr("Today")
        if day == today.addDays(-1):
            return self.tr("Yesterday")
        fmt = "dddd, d MMMM" if day.year() == today.year() else "d MMMM yyyy"
        return self._locale.toString(day, fmt)

    def _first_of_run(self, pos: int) -> bool:
        if pos == 0:
            return True
        row, prev = self._at(pos), self._at(pos - 1)
        if row.is_activity:
            return False
        if prev.is_activity or prev.private != row.private:
            return True
        if prev.message_type != row.message_type or prev.sender_name != row.sender_name:
            return True
        if row.created_at - prev.created_at > RUN_GAP:
            return True
        return self._day_key(row.created_at) != self._day_key(prev.created_at)

    def _time(self, row: MessageRow) -> str:
        text = self._time_text.get(row.id)
        if text is None:
            when = QDateTime.fromSecsSinceEpoch(int(row.created_at)).time()
            text = self._locale.toString(when, QLocale.FormatType.ShortFormat)
            self._time_text[row.id] = text
        return text
