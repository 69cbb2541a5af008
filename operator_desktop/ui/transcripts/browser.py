"""`TranscriptBrowser`: every cached transcript searchable offline (Ctrl+Shift+F).

Words are searched in the stemmed index (a word form finds the others), narrowed by date
range, inbox, status, agent, label and contact; the results are conversations, best match or
newest match first, each with its snippet. Opening one shows the whole transcript with the
matched words marked, scrolled to the matching message; F3 / Shift+F3 step through the
conversation's matches. Everything reads the local cache through the controller, so it works
with the server unreachable. Export… writes the open conversation, the selected results or
everything the search and filters match (not only the conversations listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.services.transcripts import (
    BROWSE_LIMIT,
    BrowseFilter,
    BrowseOrder,
    Transcript,
    TranscriptExporter,
    TranscriptFilter,
    TranscriptHit,
    render_html,
)
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.transcripts.export_dialog import ExportDialog
from operator_desktop.ui.transcripts.results import (
    TranscriptResultDelegate,
    TranscriptResultsModel,
    TranscriptResultsProxy,
)
from operator_desktop.ui.transcripts.wording import transcript_wording

SEARCH_DELAY_MS = 250  # typing pauses this long before the search runs
STATUSES = ("open", "pending", "snoozed", "resolved")


class TranscriptBrowser(QWidget):
    """A window of its own over the controller's account."""

    conversationOpened = Signal(int)  # display id shown in the transcript pane
    searched = Signal(int)  # how many conversations the latest search found

    def __init__(
        self, controller: AppController, exporter: TranscriptExporter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.exporter = exporter
        self.resize(1100, 720)
        self._hit: TranscriptHit | None = None
        self._transcript: Transcript | None = None
        self._shown_query = ""  # the words marked in the open transcript
        self._matches: list[int] = []
        self._match_pos = -1
        self.export_dialog: ExportDialog | None = None
        self.limit = BROWSE_LIMIT  # conversations listed at most (export takes them all)
        self._listed_filter = BrowseFilter()  # the search whose results are listed

        self.query = QLineEdit(self)
        self.query.setClearButtonEnabled(True)
        self.order = QComboBox(self)
        self.order.addItem("", BrowseOrder.RANK)
        self.order.addItem("", BrowseOrder.DATE)
        self.since_on = QCheckBox(self)
        self.since = QDateEdit(self)
        self.until_on = QCheckBox(self)
        self.until = QDateEdit(self)
        today = QDate.currentDate()
        for edit, day in ((self.since, today.addDays(-30)), (self.until, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(day)
            edit.setEnabled(False)
        self.inbox = QComboBox(self)
        self.status = QComboBox(self)
        self.agent = QComboBox(self)
        self.label = QComboBox(self)
        for combo in (self.inbox, self.status, self.agent, self.label):
            # follows a language switch; a long inbox or agent name is cut, not the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(240)
        self.contact = QLineEdit(self)
        self.contact.setClearButtonEnabled(True)
        self.contact.setMinimumWidth(120)
        self.hide_resolved = QCheckBox(self)

        self.model = TranscriptResultsModel(self)
        self.proxy = TranscriptResultsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.results = QListView(self)
        self.results.setModel(self.proxy)
        self.results.setItemDelegate(TranscriptResultDelegate(controller.now, self.results))
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setMinimumWidth(320)
        self.results.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.transcript = QTextBrowser(self)
        self.transcript.setOpenLinks(False)  # a transcript's links are text, never followed
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.match_label = QLabel(self)
        self.export_button = QPushButton(self)
        self._summary: Callable[[], str] = str  # words the summary line (again on a switch)

        self._layout()
        self._connect()
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set every text and word what is shown again; runs on a language change."""
        self.setWindowTitle(self.tr("Transcripts — Operator Desktop"))
        self.query.setPlaceholderText(self.tr("Search every cached transcript…"))
        self.order.setItemText(0, self.tr("Best match first"))
        self.order.setItemText(1, self.tr("Newest first"))
        self.since_on.setText(self.tr("From"))
        self.until_on.setText(self.tr("to"))
        for edit in (self.since, self.until):
            edit.setLocale(QLocale())  # the month names of the language in use
        self.contact.setPlaceholderText(self.tr("Contact"))
        self.hide_resolved.setText(self.tr("Hide resolved"))
        self.transcript.setPlaceholderText(self.tr("Open a conversation from the results."))
        self.previous_button.setText(self.tr("Previous match"))
        self.next_button.setText(self.tr("Next match"))
        self.export_button.setText(self.tr("Export…"))
        self._fill_filters()
        self._set_summary(self._summary)
        self._update_match_controls()
        self.model.retranslate()
        if self._transcript is not None:  # its headings and facts in the new language
            self._render_transcript()
            self._scroll_to_match()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_summary(self, words: Callable[[], str]) -> None:
        self._summary = words
        self.summary.setText(words())

    # ---- building ------------------------------------------------------------------------
    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.order)
        filters = QHBoxLayout()
        for widget in (self.since_on, self.since, self.until_on, self.until, self.inbox,
                       self.status, self.agent, self.label):  # fmt: skip
            filters.addWidget(widget)
        filters.addWidget(self.contact, 1)
        filters.addWidget(self.hide_resolved)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.results, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.transcript, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.match_label, 1)
        bar.addWidget(self.export_button)
        right_layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _fill_filters(self) -> None:
        ref = self.controller.reference
        for combo, anything, items in (
            (self.inbox, self.tr("Every inbox"), [(i.name, i.id) for i in ref.inboxes]),
            (self.agent, self.tr("Any agent"), [(a.name, a.id) for a in ref.agents]),
            (self.label, self.tr("Any label"), [(x.name, x.name) for x in ref.labels]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for name, value in items:
                combo.addItem(name, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        names = {
            None: self.tr("Any status"),
            "open": self.tr("Open"),
            "pending": self.tr("Pending"),
            "snoozed": self.tr("Snoozed"),
            "resolved": self.tr("Resolved"),
        }
        if self.status.count() == 0:
            for status in (None, *STATUSES):
                self.status.addItem("", status)
        for index in range(self.status.count()):
            self.status.setItemText(index, names[self.status.itemData(index)])

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(self._timer.start)
        self.contact.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.search_now)
        for combo in (self.order, self.inbox, self.status, self.agent, self.label):
            combo.currentIndexChanged.connect(self.search_now)
        for box, edit in ((self.since_on, self.since), (self.until_on, self.until)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.search_now)
            edit.dateChanged.connect(self.search_now)
        self.hide_resolved.toggled.connect(self.proxy.set_hide_resolved)
        self.results.selectionModel().currentChanged.connect(self._on_current)
        self.results.activated.connect(self._on_activated)
        self.previous_button.clicked.connect(self.previous_match)
        self.next_button.clicked.connect(self.next_match)
        self.export_button.clicked.connect(self.open_export)
        self.controller.referenceChanged.connect(lambda _ref: self._fill_filters())
        for keys, slot in (
            (QKeySequence.StandardKey.FindNext, self.next_match),
            (QKeySequence.StandardKey.FindPrevious, self.previous_match),
            (QKeySequence("Ctrl+L"), self.focus_search),
            (QKeySequence.StandardKey.Close, self.close),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    # ---- searching -----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def current_filter(self) -> BrowseFilter:
        def day(box: QCheckBox, edit: QDateEdit) -> dt.date | None:
            if not box.isChecked():
                return None
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return BrowseFilter(
            query=self.query.text().strip(),
            since=day(self.since_on, self.since),
            until=day(self.until_on, self.until),
            inbox_id=self.inbox.currentData(),
            contact=self.contact.text().strip(),
            agent_id=self.agent.currentData(),
            status=self.status.currentData(),
            label=self.label.currentData(),
            order=BrowseOrder(self.order.currentData() or BrowseOrder.RANK),
        )

    def search_now(self) -> None:
        self._timer.stop()
        flt = self.current_filter()
        self._set_summary(lambda: self.tr("Searching…"))

        async def browse() -> list[TranscriptHit]:
            reader = self.exporter.reader
            return await self.controller.read(reader.browse, self.controller.key, flt, self.limit)

        self.controller.run(
            browse(),
            name="transcript-browse",  # a newer search replaces one still running
            on_done=lambda hits: self._show_hits(flt, hits),
            on_error=self._show_error,
        )

    def _show_hits(self, flt: BrowseFilter, hits: list[TranscriptHit]) -> None:
        self._listed_filter = flt
        self.model.set_hits(hits)
        found = len(hits)

        def text() -> str:
            if found >= self.limit:
                return self.tr("The best %n conversations; add words or filters to narrow them.",
                               "", found)  # fmt: skip
            if found:
                return self.tr("%n conversation(s)", "", found)
            if flt.query:
                return self.tr("No cached transcript matches. Try other words or fewer filters.")
            return self.tr("No cached conversation passes these filters.")

        self._set_summary(text)
        self.searched.emit(len(hits))
        if self.proxy.rowCount() > 0:
            self.results.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self._clear_transcript()
        self._update_match_controls()  # Export… as soon as there are results

    def _show_error(self, error: OperatorError) -> None:
        self._set_summary(lambda: describe_error(error))

    # ---- the transcript ------------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_hit(self.model.hit_at(self.proxy.mapToSource(current).row()))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.transcript.setFocus()

    def open_hit(self, hit: TranscriptHit) -> None:
        self._hit = hit
        query = self.query.text().strip()
        key = self.controller.key
        reader = self.exporter.reader

        async def load() -> tuple[Transcript | None, list[int]]:
            t = await self.controller.read(reader.read, key, hit.display_id, TranscriptFilter())
            matches = await self.controller.read(reader.matches, key, hit.display_id, query)
            return t, matches

        self.controller.run(
            load(),
            name="transcript-open",
            on_done=lambda loaded: self._show_transcript(hit, query, *loaded),
            on_error=self._show_error,
        )

    def _show_transcript(
        self, hit: TranscriptHit, query: str, transcript: Transcript | None, matches: list[int]
    ) -> None:
        if transcript is None:  # gone from the cache since the search
            self._clear_transcript()
            return
        self._transcript = transcript
        self._shown_query = query
        shown = {m.id for m in transcript.messages}
        self._matches = [m for m in matches if m in shown]
        self._render_transcript()
        at = hit.message_id if hit.message_id in self._matches else None
        self._match_pos = self._matches.index(at) if at is not None else -1
        if self._match_pos < 0 and self._matches:
            self._match_pos = len(self._matches) - 1
        self._scroll_to_match()
        self.conversationOpened.emit(transcript.display_id)

    def _render_transcript(self) -> None:
        if self._transcript is None:
            return
        page = render_html(
            [self._transcript], title="", highlight=self._shown_query or None, anchors=True,
            wording=transcript_wording(),
        )  # fmt: skip
        self.transcript.setHtml(page)

    def _clear_transcript(self) -> None:
        self._hit = None
        self._transcript = None
        self._matches = []
        self._match_pos = -1
        self.transcript.clear()
        self._update_match_controls()

    def next_match(self) -> None:
        if self._matches:
            self._match_pos = (self._match_pos + 1) % len(self._matches)
            self._scroll_to_match()

    def previous_match(self) -> None:
        if self._matches:
            self._match_pos = (self._match_pos - 1) % len(self._matches)
            self._scroll_to_match()

    def current_id(self) -> int | None:
        """The display id of the transcript shown (None: none is)."""
        return self._transcript.display_id if self._transcript is not None else None

    def current_match(self) -> int | None:
        """The message id the transcript is scrolled to (None: no match to show)."""
        if 0 <= self._match_pos < len(self._matches):
            return self._matches[self._match_pos]
        return None

    def _scroll_to_match(self) -> None:
        target = self.current_match()
        if target is not None:
            self.transcript.scrollToAnchor(f"m{target}")
        else:
            self.transcript.verticalScrollBar().setValue(
                self.transcript.verticalScrollBar().maximum()
            )
        self._update_match_controls()

    def _update_match_controls(self) -> None:
        many = len(self._matches) > 0
        self.previous_button.setEnabled(many)
        self.next_button.setEnabled(many)
        if many:
            self.match_label.setText(
                self.tr("Match %1 of %2").replace("%1", str(self._match_pos + 1))
                .replace("%2", str(len(self._matches)))
            )  # fmt: skip
        else:
            self.match_label.setText("")
        self.export_button.setEnabled(self._transcript is not None or self.proxy.rowCount() > 0)

    # ---- export --------------------------------------------------------------------------
    def result_ids(self) -> list[int]:
        return [self._id_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[int]:
        """The selected results (Ctrl/Shift+click, Ctrl+A), in the list's order."""
        rows = sorted(self.results.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self._id_at(index) for index in rows]

    def _id_at(self, index: QModelIndex) -> int:
        return self.model.hit_at(self.proxy.mapToSource(index).row()).display_id

    def open_export(self) -> None:
        current = self.current_id()
        matching = TranscriptFilter.matching(  # the results listed, not words still typed
            self._listed_filter, hide_resolved=self.hide_resolved.isChecked()
        )
        dialog = ExportDialog(
            self.controller, self.exporter, current, self.selected_ids(), matching,
            self.result_ids(), self,
        )  # fmt: skip
        self.export_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        for name in ("transcript-browse", "transcript-open"):
            self.controller.runner.cancel(name)
        super().closeEvent(event)
