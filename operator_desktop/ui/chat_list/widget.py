"""`ChatListWidget`: the left column of the window — search, tabs, filters and the list.

It wires a `ChatListModel` (kept current from `AppController.changed`), a `ChatListProxy`
(tabs, filters, order) and a painted `ChatListDelegate` into a `QListView`. Search runs the
local full-text index (Russian and English word forms) plus, when online, the server's
conversation search, and narrows the proxy to the ids found; a row found by a message
shows that message's matching words (highlighted) in place of its last-message preview.
Selecting a row emits `conversationActivated(display_id)`; rows moving or disappearing under
a sync burst never switch the open conversation by themselves.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.core.status import Phase
from operator_desktop.services.readmodel import ChatRow, Reference
from operator_desktop.ui.chat_list.delegate import ChatListDelegate
from operator_desktop.ui.chat_list.model import ChatListModel, ChatRoles
from operator_desktop.ui.chat_list.proxy import ChatListProxy, ChatSort, ChatTab, TabCounts
from operator_desktop.ui.common.elided import ElidedComboBox
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.controller import AppController

log = logging.getLogger("ui")

AnyIndex = QModelIndex | QPersistentModelIndex

SEARCH_DEBOUNCE_MS = 250
WAITING_REPAINT_MS = 15_000
COUNTS_DELAY_MS = 50


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    return text.casefold()


class ChatListView(QListView):
    """The list itself, with the empty state painted in the middle of the viewport."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""

    def empty_text(self) -> str:
        return self._empty_text

    def set_empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0 or not self._empty_text:
            return
        painter = QPainter(self.viewport())
        painter.setPen(Theme.color("muted"))
        area = self.viewport().rect().adjusted(16, 0, -16, 0)
        area.setHeight(min(area.height(), 160))
        painter.drawText(
            area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text
        )
        painter.end()


def _dot_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRect(2, 2, 8, 8))
    painter.end()
    return QIcon(pixmap)


class ChatListWidget(QWidget):
    """Search box, Mine/Unassigned/All tabs, filter combos and the conversation list."""

    conversationActivated = Signal(int)  # display id the operator moved to
    countsChanged = Signal(object)  # TabCounts, after filters or rows change
    unreadChanged = Signal(int)  # conversations waiting for me with unread messages
    searchApplied = Signal(str)  # the query whose results now narrow the list

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._active_id: int | None = None
        self._restructuring = 0
        self._syncing = 0
        self._counts = TabCounts()
        self._unread = 0
        self._search_task: asyncio.Task[None] | None = None

        self.model = ChatListModel(controller, self)
        self.proxy = ChatListProxy(controller.user_id, self)
        self.proxy.setSourceModel(self.model)
        self.delegate = ChatListDelegate(self, now=controller.now, colors=Theme.current())

        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.tab_bar = QTabBar(self)
        self.tab_bar.setDocumentMode(True)
        self.tab_bar.setExpanding(True)
        self.tab_bar.setDrawBase(False)
        # a long translation ("Неназначенные") is shortened in the middle, keeping the count
        self.tab_bar.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.tab_bar.setUsesScrollButtons(False)
        for _ in ChatTab:
            self.tab_bar.addTab("")
        self.status_combo = ElidedComboBox(self)
        self.sort_combo = ElidedComboBox(self)
        self.inbox_combo = ElidedComboBox(self)
        self.team_combo = ElidedComboBox(self)
        self.label_combo = ElidedComboBox(self)

        self.view = ChatListView(self)
        self._connect_proxy_guards()  # before setModel: our handlers must run first
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMouseTracking(True)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)

        self._build_layout()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self._update_counts)
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(0)
        self._restore_timer.timeout.connect(self._restore_selection)
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setInterval(WAITING_REPAINT_MS)
        self._waiting_timer.timeout.connect(self.view.viewport().update)
        self._waiting_timer.start()

        self.retranslate_ui()
        self._wire()
        self._on_reference(controller.reference)
        self._update_empty_text()

    # ---- construction -------------------------------------------------------------------
    def _combos(self) -> tuple[ElidedComboBox, ...]:
        return (
            self.status_combo,
            self.sort_combo,
            self.inbox_combo,
            self.team_combo,
            self.label_combo,
        )

    def _build_layout(self) -> None:
        top = QVBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.setSpacing(6)
        top.addWidget(self.search_box)
        row1 = QHBoxLayout()
        row1.setSpacing(6)
        row1.addWidget(self.status_combo)
        row1.addWidget(self.sort_combo)
        top.addLayout(row1)
        row2 = QHBoxLayout()
        row2.setSpacing(6)
        row2.addWidget(self.inbox_combo)
        row2.addWidget(self.team_combo)
        row2.addWidget(self.label_combo)
        top.addLayout(row2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.tab_bar)
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.HLine)
        divider.setFrameShadow(QFrame.Shadow.Plain)
        divider.setForegroundRole(QPalette.ColorRole.Mid)  # the theme's divider colour
        layout.addWidget(divider)
        layout.addWidget(self.view, 1)

    def _connect_proxy_guards(self) -> None:
        p = self.proxy
        p.rowsAboutToBeRemoved.connect(self._begin_restructure)
        p.layoutAboutToBeChanged.connect(self._begin_restructure)
        p.modelAboutToBeReset.connect(self._begin_restructure)
        p.rowsRemoved.connect(self._end_restructure)
        p.layoutChanged.connect(self._end_restructure)
        p.modelReset.connect(self._end_restructure)
        p.rowsInserted.connect(self._after_rows_inserted)

    def _wire(self) -> None:
        c = self._controller
        c.changed.connect(self.model.apply)
        c.referenceChanged.connect(self._on_reference)
        self.search_box.textChanged.connect(self._on_search_text)
        self.tab_bar.currentChanged.connect(self._on_tab)
        self.status_combo.currentIndexChanged.connect(self._on_status)
        self.sort_combo.currentIndexChanged.connect(self._on_sort)
        self.inbox_combo.currentIndexChanged.connect(self._on_inbox)
        self.team_combo.currentIndexChanged.connect(self._on_team)
        self.label_combo.currentIndexChanged.connect(self._on_label)
        self.proxy.filtersChanged.connect(self._update_counts)
        self.proxy.filtersChanged.connect(self._update_empty_text)
        m = self.model
        m.dataChanged.connect(self._schedule_counts)
        m.rowsInserted.connect(self._schedule_counts)
        m.rowsRemoved.connect(self._schedule_counts)
        m.modelReset.connect(self._schedule_counts)
        m.modelReset.connect(self._update_empty_text)
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._on_current_changed)

    def retranslate_ui(self) -> None:
        """(Re)set every user-visible string; runs again on a language change."""
        self.search_box.setPlaceholderText(self.tr("Search conversations and messages"))
        self.view.setAccessibleName(self.tr("Conversations"))
        self._tab_names = {
            ChatTab.MINE: self.tr("Mine"),
            ChatTab.UNASSIGNED: self.tr("Unassigned"),
            ChatTab.ALL: self.tr("All"),
        }
        self._refresh_tab_texts()
        with _Blocked(self.status_combo):
            current = self.proxy.status
            self.status_combo.clear()
            for text, value in (
                (self.tr("Open"), "open"),
                (self.tr("Pending"), "pending"),
                (self.tr("Snoozed"), "snoozed"),
                (self.tr("Resolved"), "resolved"),
                (self.tr("All statuses"), None),
            ):
                self.status_combo.addItem(text, value)
            self.status_combo.setCurrentIndex(self.status_combo.findData(current))
        with _Blocked(self.sort_combo):
            self.sort_combo.clear()
            self.sort_combo.addItem(self.tr("Last activity"), ChatSort.LAST_ACTIVITY.value)
            self.sort_combo.addItem(self.tr("Waiting time"), ChatSort.WAITING_TIME.value)
            self.sort_combo.setCurrentIndex(self.sort_combo.findData(self.proxy.sort_mode.value))
        self.status_combo.set_field_name(self.tr("Status"))
        self.sort_combo.set_field_name(self.tr("Sort order"))
        self.inbox_combo.set_field_name(self.tr("Inbox"))
        self.team_combo.set_field_name(self.tr("Team"))
        self.label_combo.set_field_name(self.tr("Label"))
        self.delegate.retranslate()
        self.model.retranslate()
        self._on_reference(self._controller.reference)
        self._update_empty_text()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.delegate.set_colors(Theme.current())
            self.view.viewport().update()
        super().changeEvent(event)

    # ---- public API ---------------------------------------------------------------------
    async def load(self) -> None:
        """Read every conversation from the cache (call once after construction)."""
        await self.load_first_screen()
        await self.load_rest()

    async def load_first_screen(self) -> None:
        """The newest conversations, enough to paint the list (see `ChatListModel`)."""
        await self.model.load_first_screen()
        self._update_counts()
        self._update_empty_text()

    async def load_rest(self) -> None:
        await self.model.load_rest()
        self._update_counts()
        self._refresh_tab_texts()
        self._update_empty_text()

    def current_id(self) -> int | None:
        """The conversation the operator last moved to (even if now filtered out)."""
        return self._active_id

    def select_next(self) -> bool:
        return self._move(1)

    def select_previous(self) -> bool:
        return self._move(-1)

    def select_next_unread(self) -> bool:
        """Move to the next row (wrapping around) with unread messages."""
        count = self.proxy.rowCount()
        if count == 0:
            return False
        current = self.view.currentIndex()
        start = current.row() if current.isValid() else -1
        for step in range(1, count + 1):
            row = (start + step) % count
            chat = self.proxy.chat_at(row)
            if chat is not None and chat.unread_count > 0 and row != start:
                self._set_current_row(row)
                return True
        return False

    def select_conversation(self, display_id: int) -> bool:
        """Select `display_id`, relaxing the filters that hide it; False if not cached."""
        row = self.proxy.row_of(display_id)
        if row is None:
            chat = self.model.chat(display_id)
            if chat is None:
                return False
            self._reveal(chat)
            row = self.proxy.row_of(display_id)
            if row is None:
                return False
        self._set_current_row(row)
        return True

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def counts(self) -> TabCounts:
        return self._counts

    # ---- selection ----------------------------------------------------------------------
    def _move(self, step: int) -> bool:
        count = self.proxy.rowCount()
        if count == 0:
            return False
        current = self.view.currentIndex()
        if current.isValid():
            row = min(max(current.row() + step, 0), count - 1)
        else:
            row = 0 if step > 0 else count - 1
        if current.isValid() and row == current.row():
            return False
        self._set_current_row(row)
        return True

    def _set_current_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or self._restructuring or not current.isValid():
            return
        display_id = current.data(ChatRoles.DisplayId)
        if isinstance(display_id, int) and display_id != self._active_id:
            self._active_id = display_id
            self.conversationActivated.emit(display_id)

    def _begin_restructure(self) -> None:
        self._restructuring += 1

    def _end_restructure(self) -> None:
        self._restructuring = max(0, self._restructuring - 1)
        self._restore_timer.start()
        self._update_empty_text()

    def _after_rows_inserted(self) -> None:
        self._restore_timer.start()
        self._update_empty_text()

    def _restore_selection(self) -> None:
        """Keep the highlighted row on the open conversation after rows moved or vanished."""
        selection = self.view.selectionModel()
        current = self.view.currentIndex()
        current_id = current.data(ChatRoles.DisplayId) if current.isValid() else None
        if current_id == self._active_id:
            return
        self._syncing += 1
        try:
            row = None if self._active_id is None else self.proxy.row_of(self._active_id)
            if row is None:
                selection.clearSelection()
                selection.clearCurrentIndex()
            else:
                selection.setCurrentIndex(
                    self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        finally:
            self._syncing -= 1

    def _reveal(self, chat: ChatRow) -> None:
        """Relax exactly the filters that hide `chat`, keeping the rest."""
        p = self.proxy
        tab = p.tab
        if (tab is ChatTab.MINE and chat.assignee_id != p.user_id) or (
            tab is ChatTab.UNASSIGNED and chat.assignee_id is not None
        ):
            tab = ChatTab.ALL
        status = p.status if p.status in (None, chat.status) else chat.status
        keep_inbox = p.inbox_id in (None, chat.inbox_id)
        keep_team = p.team_id in (None, chat.team_id)
        keep_label = p.label is None or p.label in chat.labels
        keep_search = p.search_ids is None or chat.display_id in p.search_ids
        self._syncing += 1
        try:
            with _Blocked(self.search_box):
                if not keep_search:
                    self._cancel_search()
                    self.search_box.clear()
                    p.set_search_ids(None)
            p.set_tab(tab)
            p.set_status(status)
            if not keep_inbox:
                p.set_inbox(None)
            if not keep_team:
                p.set_team(None)
            if not keep_label:
                p.set_label(None)
            self._sync_controls()
        finally:
            self._syncing -= 1

    def _sync_controls(self) -> None:
        """Make tabs and combos show the proxy's filters (signals blocked)."""
        p = self.proxy
        with _Blocked(self.tab_bar):
            self.tab_bar.setCurrentIndex(int(p.tab))
        for combo, value in (
            (self.status_combo, p.status),
            (self.inbox_combo, p.inbox_id),
            (self.team_combo, p.team_id),
            (self.label_combo, p.label),
            (self.sort_combo, p.sort_mode.value),
        ):
            with _Blocked(combo):
                combo.setCurrentIndex(max(0, combo.findData(value)))

    # ---- filters ------------------------------------------------------------------------
    def _on_tab(self, index: int) -> None:
        if 0 <= index < len(ChatTab):
            self.proxy.set_tab(ChatTab(index))

    def _on_status(self, _index: int) -> None:
        self.proxy.set_status(self.status_combo.currentData())

    def _on_sort(self, _index: int) -> None:
        self.proxy.set_sort(ChatSort(self.sort_combo.currentData()))

    def _on_inbox(self, _index: int) -> None:
        self.proxy.set_inbox(self.inbox_combo.currentData())

    def _on_team(self, _index: int) -> None:
        self.proxy.set_team(self.team_combo.currentData())

    def _on_label(self, _index: int) -> None:
        self.proxy.set_label(self.label_combo.currentData())

    def _on_reference(self, reference: Reference) -> None:
        self._fill_combo(
            self.inbox_combo,
            self.tr("All inboxes"),
            [(item.name, item.id, None) for item in reference.inboxes],
            self.proxy.set_inbox,
        )
        self._fill_combo(
            self.team_combo,
            self.tr("All teams"),
            [(item.name, item.id, None) for item in reference.teams],
            self.proxy.set_team,
        )
        self._fill_combo(
            self.label_combo,
            self.tr("All labels"),
            [(item.name, item.name, item.extra or None) for item in reference.labels],
            self.proxy.set_label,
        )
        self.delegate.set_label_colors({item.name: item.extra for item in reference.labels})
        self.view.viewport().update()

    def _fill_combo(
        self,
        combo: ElidedComboBox,
        any_text: str,
        items: list[tuple[str, int | str, str | None]],
        apply: Callable[[Any], None],
    ) -> None:
        """Refill `combo` keeping its choice; an item that vanished falls back to "any"."""
        current = combo.currentData()
        with _Blocked(combo):
            combo.clear()
            combo.addItem(any_text, None)
            for text, value, color in items:
                if color:
                    combo.addItem(_dot_icon(color), text, value)
                else:
                    combo.addItem(text, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, found))
        apply(combo.currentData())

    # ---- counts and empty state -------------------------------------------------------
    def _schedule_counts(self) -> None:
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def _update_counts(self) -> None:
        counts = self.proxy.counts()
        if counts != self._counts:
            self._counts = counts
            self._refresh_tab_texts()
            self.countsChanged.emit(counts)
        unread = self.proxy.waiting_unread()
        if unread != self._unread:
            self._unread = unread
            self.unreadChanged.emit(unread)

    def unread(self) -> int:
        return self._unread

    def _refresh_tab_texts(self) -> None:
        for tab in ChatTab:
            name = self._tab_names[tab]
            # counts of a partly loaded list would be wrong: the names alone until it is whole
            text = f"{name}  {self._counts.of(tab)}" if self.model.loaded else name
            if self.tab_bar.tabText(int(tab)) != text:
                self.tab_bar.setTabText(int(tab), text)
                self.tab_bar.setTabToolTip(int(tab), text)

    def _update_empty_text(self) -> None:
        if not self.model.loaded:
            text = self.tr("Loading conversations…")
        elif self.proxy.has_narrowing_filters():
            text = self.tr("Nothing matches")
        else:
            text = self.tr("No conversations here")
        self.view.set_empty_text(text)

    # ---- search -------------------------------------------------------------------------
    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
            return
        self._cancel_search()
        self.delegate.set_search_snippets({})
        self.proxy.set_search_ids(None)
        self.searchApplied.emit("")

    def _cancel_search(self) -> None:
        self._search_timer.stop()
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None

    def _run_search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        if self._search_task is not None:
            self._search_task.cancel()
        self._search_task = self._controller.runner.run(self._search(text))

    async def _search(self, text: str) -> None:
        c = self._controller
        ids = self._local_matches(text)
        matches = await c.actions.search_cached(text)
        ids |= set(matches)
        if self.search_box.text().strip() != text:
            return
        self.delegate.set_search_snippets(matches)  # each one's best hit, cut when painted
        self.proxy.set_search_ids(ids)
        self.view.viewport().update()
        if self._online():
            try:
                found = await c.actions.search_server(text)
            except OperatorError as exc:
                log.info("server search failed, showing local results: %s", exc)
            else:
                if self.search_box.text().strip() != text:
                    return
                ids |= set(found)
                self.proxy.set_search_ids(ids)
        self.searchApplied.emit(text)

    def _local_matches(self, text: str) -> set[int]:
        """Conversations whose contact name contains `text`, or whose number it is."""
        needle = text.casefold()
        number = needle.removeprefix("#")
        ids: set[int] = set()
        if number.isdigit() and self.model.chat(int(number)) is not None:
            ids.add(int(number))
        for row in self.model.rows():
            if needle in _folded(row.contact_name):
                ids.add(row.display_id)
        return ids

    def _online(self) -> bool:
        return self._controller.status.phase not in (Phase.OFFLINE, Phase.SIGNED_OUT)

    # ---- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
            if key == Qt.Key.Key_Down:
                self.select_next()
                return True
            if key == Qt.Key.Key_Up:
                self.select_previous()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)


class _Blocked:
    """`with _Blocked(obj):` — no signals from `obj` inside the block."""

    def __init__(self, obj: QObject) -> None:
        self._obj = obj
        self._was = False

    def __enter__(self) -> None:
        self._was = self._obj.blockSignals(True)

    def __exit__(self, *exc: object) -> None:
        self._obj.blockSignals(self._was)
