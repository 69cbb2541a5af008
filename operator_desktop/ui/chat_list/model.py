"""`ChatListModel`: the conversations of one account as a flat list of `ChatRow`s.

The model holds plain rows (read on the database thread) and answers `data()` from them; it
never touches the database while painting. Loading reads the newest screenful first (one
reset, painted at once) and then inserts the rest; after that the model is only updated
in place: a change-set names the conversations that changed, the model fetches just those
rows (several change-sets arriving meanwhile become one fetch) and emits one `dataChanged`
per changed row, `rowsInserted` for new ones and `rowsRemoved` for gone ones. Typing state
lives next to the rows and changes only the `Typing` role. Ordering and filtering belong to
`ChatListProxy`; the rows here are in arrival order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.services.readmodel import ChatRow
from operator_desktop.ui.common.attachment_kinds import kind_text
from operator_desktop.ui.common.avatars import initials
from operator_desktop.ui.common.language import texts_changed

if TYPE_CHECKING:
    from operator_desktop.ui.controller import AppController

log = logging.getLogger("ui")

AnyIndex = QModelIndex | QPersistentModelIndex

FIRST_SCREEN_ROWS = 50  # read before the rest, so that the window paints at once


class ChatRoles(IntEnum):
    """Data roles of the chat list; delegates and proxies read rows only through these."""

    DisplayId = Qt.ItemDataRole.UserRole + 1
    ContactName = DisplayId + 1
    Initials = DisplayId + 2
    Channel = DisplayId + 3
    InboxName = DisplayId + 4
    Preview = DisplayId + 5
    PreviewPrivate = DisplayId + 6
    LastActivity = DisplayId + 7
    WaitingSince = DisplayId + 8
    Unread = DisplayId + 9
    Status = DisplayId + 10
    Priority = DisplayId + 11
    Assignee = DisplayId + 12
    AssigneeId = DisplayId + 13
    TeamId = DisplayId + 14
    Labels = DisplayId + 15
    InboxId = DisplayId + 16
    Typing = DisplayId + 17  # who is typing (contacts only), "" when nobody
    HasOutbox = DisplayId + 18
    HasDraft = DisplayId + 19
    Row = DisplayId + 20  # the whole ChatRow, for the delegate's single lookup per paint


def _spoken_preview(row: ChatRow) -> str:
    """The preview as a screen reader says it: an attachment is named, never an icon."""
    if row.preview_attachment is None:
        return row.preview
    word = kind_text(row.preview_attachment)
    return f"{word}: {row.preview}" if row.preview else word


_ROW_GETTERS: dict[int, Callable[[ChatRow], Any]] = {
    ChatRoles.DisplayId: lambda r: r.display_id,
    ChatRoles.ContactName: lambda r: r.contact_name,
    ChatRoles.Initials: lambda r: initials(r.contact_name),
    ChatRoles.Channel: lambda r: r.channel or "",
    ChatRoles.InboxName: lambda r: r.inbox_name,
    ChatRoles.Preview: lambda r: r.preview,
    ChatRoles.PreviewPrivate: lambda r: r.preview_private,
    ChatRoles.LastActivity: lambda r: r.last_activity_at,
    ChatRoles.WaitingSince: lambda r: r.waiting_since,
    ChatRoles.Unread: lambda r: r.unread_count,
    ChatRoles.Status: lambda r: r.status,
    ChatRoles.Priority: lambda r: r.priority,
    ChatRoles.Assignee: lambda r: r.assignee_name,
    ChatRoles.AssigneeId: lambda r: r.assignee_id,
    ChatRoles.TeamId: lambda r: r.team_id,
    ChatRoles.Labels: lambda r: list(r.labels),
    ChatRoles.InboxId: lambda r: r.inbox_id,
    ChatRoles.HasOutbox: lambda r: r.has_outbox,
    ChatRoles.HasDraft: lambda r: r.has_draft,
    ChatRoles.Row: lambda r: r,
    Qt.ItemDataRole.DisplayRole: lambda r: r.contact_name,
    Qt.ItemDataRole.ToolTipRole: lambda r: f"#{r.display_id} · {r.inbox_name}",
    Qt.ItemDataRole.AccessibleTextRole: lambda r: f"{r.contact_name}: {_spoken_preview(r)}",
}

_ROLE_NAMES = {
    int(role): QByteArray((role.name[:1].lower() + role.name[1:]).encode()) for role in ChatRoles
}


class ChatListModel(QAbstractListModel):
    """Rows of the chat list for `controller.key`, kept current from `controller.changed`.

    Without a controller the model is static: fill it with `set_rows` (benchmarks, tests).
    """

    updated = Signal()  # queued change-sets were fetched and applied (rows changed or not)

    def __init__(self, controller: AppController | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[ChatRow] = []
        self._positions: dict[int, int] = {}  # display id -> row
        self._typing: dict[int, str] = {}  # display id -> names of typing contacts
        self._loaded = False
        self._loading = False
        self._pending: set[int] = set()
        self._pending_all = False
        self._draining = False
        self._removed_while_fetching: set[int] = set()
        self.fetches = 0  # how many incremental fetches ran (tests check coalescing)

    def retranslate(self) -> None:
        """The language changed: the rows' texts (and the delegate's painting) read anew."""
        texts_changed(self, [ChatRoles.Row])

    # ---- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0:
            return None
        return self.value(index.row(), role)

    def value(self, row: int, role: int) -> Any:
        """`data()` for model row `row`, without a QModelIndex (for proxies stacked on it)."""
        if not 0 <= row < len(self._rows):
            return None
        chat = self._rows[row]
        if role == ChatRoles.Typing:
            return self._typing.get(chat.display_id, "")
        getter = _ROW_GETTERS.get(role)
        return getter(chat) if getter is not None else None

    def roleNames(self) -> dict[int, QByteArray]:
        return dict(_ROLE_NAMES)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # ---- direct access for the proxy and the widget (no QVariant round trips) --------
    def row_at(self, row: int) -> ChatRow:
        return self._rows[row]

    def rows(self) -> Sequence[ChatRow]:
        """The rows in model order (read-only view; do not keep it across updates)."""
        return self._rows

    def typing_at(self, row: int) -> str:
        return self._typing.get(self._rows[row].display_id, "")

    def position_of(self, display_id: int) -> int | None:
        return self._positions.get(display_id)

    def chat(self, display_id: int) -> ChatRow | None:
        pos = self._positions.get(display_id)
        return None if pos is None else self._rows[pos]

    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def busy(self) -> bool:
        """True while a load or an incremental fetch is pending or running."""
        return self._loading or self._draining or bool(self._pending) or self._pending_all

    # ---- loading ------------------------------------------------------------------------
    async def load(self) -> None:
        """Fill the model from the cache (call once after construction)."""
        await self.load_first_screen()
        await self.load_rest()

    async def load_first_screen(self) -> None:
        """The newest `FIRST_SCREEN_ROWS` conversations: the only reset this model ever does.

        A list of thousands paints at once this way; `load_rest` then adds the others.
        """
        c = self._need_controller()
        self._loading = True
        self._pending.clear()
        self._pending_all = False
        try:
            rows = await c.read(c.readmodel.chat_rows, c.key, limit=FIRST_SCREEN_ROWS)
        except BaseException:
            self._loading = False
            raise
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self._typing = {}
        for row in self._rows:
            names = self._typing_names(row.display_id)
            if names:
                self._typing[row.display_id] = names
        self.endResetModel()
        if len(rows) < FIRST_SCREEN_ROWS:
            self._finish_loading()

    async def load_rest(self) -> None:
        """Every other conversation, inserted after the first screen (no reset)."""
        if not self._loading:
            return  # the first screen held them all
        c = self._need_controller()
        try:
            rows = await c.read(c.readmodel.chat_rows, c.key)
            self.merge_rows(rows, asked=None)
        finally:
            self._finish_loading()

    def _finish_loading(self) -> None:
        self._loading = False
        self._loaded = True
        self._schedule()  # change-sets that arrived while loading

    def set_rows(self, rows: Iterable[ChatRow]) -> None:
        """Replace every row without a database (benchmarks and tests of the proxy)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self._typing = {}
        self._loaded = True
        self.endResetModel()

    # ---- incremental updates ----------------------------------------------------------
    def apply(self, change: ChangeSet) -> None:
        """Slot for `AppController.changed`: queue the named rows for one coalesced fetch."""
        if self._controller is None or change.key != self._controller.key:
            return
        for display_id in change.typing:
            self._update_typing(display_id)
        for display_id in change.removed_conversations:
            self._remove(display_id)
            self._pending.discard(display_id)
            if self._draining:
                self._removed_while_fetching.add(display_id)
        wanted = change.conversations | change.outbox | change.drafts | set(change.messages)
        wanted -= change.removed_conversations
        self._pending |= wanted
        if "inboxes" in change.reference:  # inbox names are part of every row
            self._pending_all = True
        self._schedule()

    def refresh(self) -> None:
        """Re-read every row and update in place (no reset)."""
        self._pending_all = True
        self._schedule()

    def _schedule(self) -> None:
        if not self._loaded or self._loading or self._draining:
            return
        if not self._pending and not self._pending_all:
            return
        self._draining = True
        self._need_controller().run(self._drain())

    async def _drain(self) -> None:
        c = self._need_controller()
        try:
            while self._pending or self._pending_all:
                everything = self._pending_all
                ids = sorted(self._pending)
                self._pending = set()
                self._pending_all = False
                self._removed_while_fetching = set()
                self.fetches += 1
                if everything:
                    rows = await c.read(c.readmodel.chat_rows, c.key)
                    self.merge_rows(rows, asked=None)
                else:
                    rows = await c.read(c.readmodel.chat_rows, c.key, ids)
                    self.merge_rows(rows, asked=set(ids))
        finally:
            self._draining = False
        self.updated.emit()

    def merge_rows(self, rows: Sequence[ChatRow], asked: set[int] | None) -> None:
        """Apply fetched rows: `asked` ids (or all, when None) not returned are gone."""
        skip = self._removed_while_fetching
        returned = {r.display_id for r in rows}
        gone = (set(self._positions) if asked is None else asked) - returned
        for display_id in gone:
            self._remove(display_id)
        fresh: list[ChatRow] = []
        for row in rows:
            if row.display_id in skip:
                continue
            pos = self._positions.get(row.display_id)
            if pos is None:
                fresh.append(row)
            elif self._rows[pos] != row:
                self._rows[pos] = row
                index = self.index(pos, 0)
                self.dataChanged.emit(index, index)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for offset, row in enumerate(fresh):
                self._rows.append(row)
                self._positions[row.display_id] = first + offset
                names = self._typing_names(row.display_id)
                if names:
                    self._typing[row.display_id] = names
            self.endInsertRows()

    def _remove(self, display_id: int) -> None:
        pos = self._positions.get(display_id)
        if pos is None:
            return
        self.beginRemoveRows(QModelIndex(), pos, pos)
        del self._rows[pos]
        del self._positions[display_id]
        for later in self._rows[pos:]:
            self._positions[later.display_id] -= 1
        self._typing.pop(display_id, None)
        self.endRemoveRows()

    def _update_typing(self, display_id: int) -> None:
        names = self._typing_names(display_id)
        if names == self._typing.get(display_id, ""):
            return
        if names:
            self._typing[display_id] = names
        else:
            self._typing.pop(display_id, None)
        pos = self._positions.get(display_id)
        if pos is not None:
            index = self.index(pos, 0)
            self.dataChanged.emit(index, index, [ChatRoles.Typing])

    def _need_controller(self) -> AppController:
        if self._controller is None:
            raise RuntimeError("this ChatListModel has no controller; use set_rows()")
        return self._controller

    def _typing_names(self, display_id: int) -> str:
        if self._controller is None:
            return ""
        typists = self._controller.actions.typists(display_id)
        return ", ".join(t.name for t in typists if t.is_contact)

    def _reindex(self) -> None:
        self._positions = {row.display_id: pos for pos, row in enumerate(self._rows)}
