"""`MessageListView`: a bottom-anchored, per-pixel scrolling list of message bubbles.

- At the bottom it stays at the bottom when rows arrive or change size; scrolled up, it keeps
  the message under the top edge where it was (rows inserted above, heights changing).
- Scrolling near the top asks the model for older rows (`fetchMore`); near the bottom of a
  trimmed window it asks for newer ones (`fetch_newer`).
- `atBottomChanged(bool)` lets the pane show or hide its "New messages ↓" button.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from operator_desktop.ui.conversation.delegate import MessageDelegate
from operator_desktop.ui.conversation.model import MessageListModel, MessageRoles

NEAR_EDGE = 400  # pixels from the top or bottom that trigger paging
STICK_SLACK = 8
WARM_BUDGET_MS = 6.0  # idle layout work per event loop pass

AnyIndex = QModelIndex | QPersistentModelIndex


class MessageListView(QListView):
    atBottomChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.verticalScrollBar().setSingleStep(24)
        self._stick = True
        self._at_bottom = True
        self._adjusting = False
        self._anchor: tuple[int, int] | None = None
        self._settled = False
        self._batching = False
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._settle_timer.timeout.connect(self.settle)
        self._page_timer = QTimer(self)
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(0)
        self._page_timer.timeout.connect(self._page)
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)

    # ---- model wiring ------------------------------------------------------------------------
    def messages(self) -> MessageListModel | None:
        model = self.model()
        return model if isinstance(model, MessageListModel) else None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if isinstance(model, MessageListModel):
            model.fetch_guard = self._paging_wanted
            model.rowsAboutToBeInserted.connect(self._before_change)
            model.rowsAboutToBeRemoved.connect(self._before_change)
            model.rowsInserted.connect(self._after_rows)
            model.rowsRemoved.connect(self._after_rows)
            model.dataChanged.connect(self._data_changed)
            model.modelReset.connect(self._reset)

    # ---- public ------------------------------------------------------------------------------
    @property
    def sticking(self) -> bool:
        return self._stick

    def stick_to_bottom(self) -> None:
        """Follow new messages again (after sending, or the jump button)."""
        self._stick = True
        self.settle()

    def row_changed_size(self) -> None:
        """A row's height may have changed (HTML, thumbnail): relayout, keeping the anchor."""
        self._capture_anchor()
        self.scheduleDelayedItemsLayout()
        self._settle_timer.start()

    def settle(self) -> None:
        """Lay out now and restore the position: the bottom, or the anchored message."""
        self._adjusting = True
        try:
            self.executeDelayedItemsLayout()
            bar = self.verticalScrollBar()
            if self._stick:
                bar.setValue(bar.maximum())
            elif self._anchor is not None:
                message_id, top = self._anchor
                model = self.messages()
                row = model.row_of(message_id) if model is not None else None
                if row is not None and model is not None:
                    now = self.visualRect(model.index(row, 0)).top()
                    bar.setValue(bar.value() + now - top)
            self._anchor = None
            self._settled = True
        finally:
            self._adjusting = False
        self._update_at_bottom()
        self._page_timer.start()
        self._warm_timer.start()

    def page_now(self) -> None:
        """Page older (or newer) rows in now if the scroll position asks for it."""
        self._page()

    def _warm(self) -> None:
        """Lay out the rows just outside the window in idle time, a few ms per pass."""
        model = self.messages()
        delegate = self.itemDelegate()
        if model is None or not isinstance(delegate, MessageDelegate):
            return
        if not delegate.warm(model.upcoming(), WARM_BUDGET_MS):
            self._warm_timer.start()

    # ---- reactions ---------------------------------------------------------------------------
    def _capture_anchor(self) -> None:
        if self._stick or self._anchor is not None:
            return
        model = self.messages()
        if model is None:
            return
        index = self.indexAt(QPoint(self.viewport().width() // 2, 1))
        if not index.isValid():
            return
        message_id = model.data(index, MessageRoles.Id)
        if isinstance(message_id, int):
            self._anchor = (message_id, self.visualRect(index).top())

    def _before_change(self, _parent: AnyIndex, _first: int, _last: int) -> None:
        self._capture_anchor()

    def _after_rows(self, _parent: AnyIndex, _first: int, _last: int) -> None:
        if self._batching:
            return  # `_page` settles once after all its inserts and removals
        self.settle()

    def _data_changed(self, top_left: AnyIndex, bottom_right: AnyIndex, _roles: object) -> None:
        self._capture_anchor()
        delegate = self.itemDelegate()
        if delegate is not None:
            for row in range(top_left.row(), bottom_right.row() + 1):
                delegate.sizeHintChanged.emit(self.model().index(row, 0))
        self._settle_timer.start()

    def _reset(self) -> None:
        self._settled = False
        self._anchor = None
        self._stick = True
        self._settle_timer.start()

    def _scrolled(self, _value: int) -> None:
        if self._adjusting:
            return
        bar = self.verticalScrollBar()
        self._stick = bar.value() >= bar.maximum() - STICK_SLACK and self._model_following()
        self._update_at_bottom()
        self._page_timer.start()

    def _range_changed(self, _lo: int, _hi: int) -> None:
        if self._stick and not self._adjusting:
            self._settle_timer.start()

    def _paging_wanted(self) -> bool:
        """Older rows only when the top is near (never because the newest row is visible)."""
        bar = self.verticalScrollBar()
        return self._settled and (bar.value() <= NEAR_EDGE or bar.maximum() == 0)

    def _model_following(self) -> bool:
        model = self.messages()
        return model is None or model.following

    def _update_at_bottom(self) -> None:
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - STICK_SLACK and self._model_following()
        if at_bottom != self._at_bottom:
            self._at_bottom = at_bottom
            self.atBottomChanged.emit(at_bottom)

    def _page(self) -> None:
        model = self.messages()
        if model is None or model.display_id is None:
            return
        bar = self.verticalScrollBar()
        self._batching = True
        try:
            if bar.value() <= NEAR_EDGE and model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            elif bar.value() >= bar.maximum() - NEAR_EDGE and not model.following:
                model.fetch_newer()
            else:
                return
        finally:
            self._batching = False
        self.settle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._capture_anchor()
        super().resizeEvent(event)
        self._settle_timer.start()
