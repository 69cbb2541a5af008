"""`StatsWindow`: my statistics for a period (Ctrl+Shift+S), from the local cache, so offline
too, with the server's own figures beside them when it can be reached.

The period is today, the last 7 or 30 days, or two chosen days. The figures are computed on
the database thread (`StatsService.local`) while a busy bar runs; a period with nothing
cached says so instead of showing zeros. The server's agent summary report is asked for the
same period; offline, or for an agent (the report is for administrators), the window says
why it is missing. The figures export as CSV, the charts as PNG, each through a
non-blocking file dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QIODevice,
    QLocale,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.stats import MyStats, Period, ServerFigures, StatsService
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.stats.charts import RepliesByHourChart, ResponseTimesChart
from operator_desktop.ui.stats.comparison import ComparisonModel
from operator_desktop.ui.stats.format import duration

OFFLINE = frozenset({ErrorCode.NETWORK_DOWN, ErrorCode.TIMEOUT})
PERIOD_DAYS = {"today": 1, "week": 7, "month": 30}


class StatCard(QFrame):
    """A figure in large type over its caption, with a detail line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.value = QLabel("—", self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(self)
        self.detail = QLabel(self)
        self.detail.setEnabled(False)  # the palette's quieter text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class StatsWindow(QWidget):
    """A window of its own over the controller's account."""

    computed = Signal(object)  # MyStats, shown
    serverShown = Signal()  # the server's part settled (figures, or why there are none)
    exported = Signal(str)  # path written

    def __init__(
        self, controller: AppController, service: StatsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.service = service
        self.resize(1080, 900)
        self.stats: MyStats | None = None
        self.server_figures: ServerFigures | None = None
        self.server_state = ""
        self._server_text: Callable[[], str] = str  # words the server note (again on a switch)
        self.file_dialog: QFileDialog | None = None
        self._generation = 0

        self.period = QComboBox(self)
        for choice in ("today", "week", "month", "custom"):
            self.period.addItem("", choice)
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        today = self._today()
        for edit, day in ((self.since, today - dt.timedelta(days=6)), (self.until, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.refresh_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.png_button = QPushButton(self)
        self.export_note = QLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate while computing
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.cards = {
            key: StatCard(self)
            for key in ("handled", "resolved", "sent", "first", "reply", "waiting")
        }
        self.hours_chart = RepliesByHourChart(self)
        self.times_chart = ResponseTimesChart(self)
        self.comparison = ComparisonModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.comparison)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.comparison.modelReset.connect(self._fit_table)
        self.server_note = QLabel(self)
        self.server_note.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.footer = QLabel(self)
        self.footer.setWordWrap(True)
        self.stack = QStackedWidget(self)

        self._layout()
        self._connect()
        self.retranslate()
        self._period_changed()

    def retranslate(self) -> None:
        """(Re)set every text, and word what is shown again; runs on a language change."""
        self.setWindowTitle(self.tr("My statistics — Operator Desktop"))
        for index, text in enumerate(
            (self.tr("Today"), self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Custom"))
        ):
            self.period.setItemText(index, text)
        for edit in (self.since, self.until):
            edit.setLocale(QLocale())  # the month names of the language in use
        self.period_label.setText(self.tr("Period:"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute again (F5)"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.png_button.setText(self.tr("Export PNG…"))
        captions = {
            "handled": self.tr("Conversations handled"),
            "resolved": self.tr("Resolved"),
            "sent": self.tr("Messages sent"),
            "first": self.tr("First response (median)"),
            "reply": self.tr("Reply time (median)"),
            "waiting": self.tr("Customers waiting now"),
        }
        for key, card in self.cards.items():
            card.caption.setText(captions[key])
        self.server_box.setTitle(self.tr("Beside the server's figures"))
        self.explanation.setText(
            self.tr(
                "Why they differ: the server counts from its own reporting events over the whole"
                " history, while these figures come from what this computer has cached (older"
                " messages of a conversation may not be). The server gives averages, which a"
                " few slow answers pull up; here they are medians and 90th percentiles. Its"
                " first response runs from when the conversation was created, its"
                " conversations are those created in the period and now assigned to you, and"
                " with business hours on it counts working time only."
            )
        )
        self._server_state(self._server_text)
        if self.stats is not None:
            self._render_local(self.stats)
        self.comparison.retranslate()

    def _fit_table(self) -> None:
        """Every row of the comparison shows: the table is as tall as its rows."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.comparison.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(
            rows + self.table.horizontalHeader().sizeHint().height() + frame
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- building ------------------------------------------------------------------------
    def _layout(self) -> None:
        top = QHBoxLayout()
        self.period_label = QLabel(self)
        top.addWidget(self.period_label)
        top.addWidget(self.period)
        top.addWidget(self.since)
        top.addWidget(QLabel("–", self))
        top.addWidget(self.until)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.export_note)
        top.addWidget(self.csv_button)
        top.addWidget(self.png_button)

        grid = QGridLayout()
        for n, card in enumerate(self.cards.values()):
            grid.addWidget(card, n // 3, n % 3)
        self.server_box = server_box = QGroupBox(self)
        server_layout = QVBoxLayout(server_box)
        server_layout.addWidget(self.server_note)
        server_layout.addWidget(self.table)
        server_layout.addWidget(self.explanation)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid)
        body.addWidget(self.hours_chart, 1)
        lower = QHBoxLayout()
        lower.addWidget(self.times_chart, 1)
        lower.addWidget(server_box, 1)
        body.addLayout(lower, 1)
        body.addWidget(self.footer)
        # on a small screen (1366×768) the figures scroll rather than squeeze the table
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateChanged.connect(self._custom_changed)
        self.until.dateChanged.connect(self._custom_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self.choose_csv)
        self.png_button.clicked.connect(self.choose_png)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

    # ---- the period ----------------------------------------------------------------------
    def _today(self) -> dt.date:
        return dt.date.fromtimestamp(self.controller.now())

    def selected_period(self) -> Period:
        choice = str(self.period.currentData())
        if choice in PERIOD_DAYS:
            return Period.last_days(PERIOD_DAYS[choice], self._today())
        first, last = self.since.date().toPython(), self.until.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        return Period(min(first, last), max(first, last))

    def set_period(self, choice: str) -> None:
        """Pick "today", "week", "month" or "custom" (as the combo box does)."""
        self.period.setCurrentIndex(self.period.findData(choice))

    def set_custom(self, first: dt.date, last: dt.date) -> None:
        for edit, day in ((self.since, first), (self.until, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        if self.period.currentData() == "custom":
            self.refresh()
        else:
            self.set_period("custom")

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.since.setEnabled(custom)
        self.until.setEnabled(custom)
        if not custom:  # the dates show the preset's days (and start a custom period there)
            period = self.selected_period()
            for edit, day in ((self.since, period.first), (self.until, period.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.refresh()

    # ---- computing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the local figures for the chosen period, and ask the server for its own."""
        self._generation += 1
        generation = self._generation
        period = self.selected_period()
        self.busy.show()
        self.refresh_button.setEnabled(False)
        self.controller.run(
            self.service.local(period),
            name="stats-local",
            on_done=lambda s: self._show_local(generation, s),
            on_error=lambda e: self._local_failed(generation, e),
        )
        self.server_figures = None
        self._server_state(lambda: self.tr("Asking the server for its figures…"))
        self.controller.run(
            self.service.server(period),
            name="stats-server",
            on_done=lambda f: self._show_server(generation, f),
            on_error=lambda e: self._server_failed(generation, e),
        )

    def _done_computing(self) -> None:
        self.busy.hide()
        self.refresh_button.setEnabled(True)

    def _show_local(self, generation: int, stats: MyStats) -> None:
        if generation != self._generation:
            return
        self._done_computing()
        self.stats = stats
        self._render_local(stats)
        self.csv_button.setEnabled(not stats.empty)
        self.png_button.setEnabled(not stats.empty)
        self.comparison.show(stats, self.server_figures)
        self.computed.emit(stats)

    def _render_local(self, stats: MyStats) -> None:
        period = self._period_text(stats.period)
        if stats.empty:
            self.empty.setText(
                self.tr(
                    "Nothing is cached for %1.\n\nThe statistics are computed from the"
                    " conversations this computer has cached; choose another period, or let"
                    " the app sync while online."
                ).replace("%1", period)
            )
            self.stack.setCurrentIndex(0)
        else:
            self._fill(stats)
            self.stack.setCurrentIndex(1)

    def _fill(self, stats: MyStats) -> None:
        fr, rt = stats.first_response, stats.reply_time
        self.cards["handled"].set(str(stats.handled), self.tr("with a reply of mine"))
        self.cards["resolved"].set(str(stats.resolved), self.tr("marked resolved by me"))
        self.cards["sent"].set(str(stats.messages_sent), self.tr("replies and private notes"))
        self.cards["first"].set(duration(fr.median_s), self._spread(fr.p90_s, fr.count))
        self.cards["reply"].set(duration(rt.median_s), self._spread(rt.p90_s, rt.count))
        self.cards["waiting"].set(str(stats.waiting_now), self.tr("open, mine, awaiting a reply"))
        self.hours_chart.show_hours(stats.by_hour)
        self.times_chart.show_samples(stats.first_response_samples, stats.reply_time_samples)
        since = (
            _local_date(dt.datetime.fromtimestamp(stats.cached_since).date())
            if stats.cached_since is not None
            else "—"
        )
        self.footer.setText(
            self.tr("Computed from %n conversation(s) cached for %1; the cache holds messages"
                    " since %2.", "", stats.conversations)
            .replace("%1", self._period_text(stats.period))
            .replace("%2", since)
        )  # fmt: skip

    def _spread(self, p90: float | None, count: int) -> str:
        if not count:
            return self.tr("nothing measured")
        return self.tr("90% within %1 · %n measured", "", count).replace("%1", duration(p90))

    def _period_text(self, period: Period) -> str:
        if period.first == period.last:
            return _local_date(period.first)
        return f"{_local_date(period.first)} – {_local_date(period.last)}"

    def _local_failed(self, generation: int, error: OperatorError) -> None:
        if generation != self._generation:
            return
        self._done_computing()
        self.stats = None
        self.empty.setText(describe_error(error))
        self.stack.setCurrentIndex(0)
        self.csv_button.setEnabled(False)
        self.png_button.setEnabled(False)

    def _show_server(self, generation: int, figures: ServerFigures | None) -> None:
        if generation != self._generation:
            return
        self.server_figures = figures
        if figures is None:
            self._server_state(lambda: self.tr("The server's report has no row for you."))
        else:
            self._server_state(lambda: self.tr("The server's own figures for the same period."))
        self.comparison.show(self.stats, figures)
        self.serverShown.emit()

    def _server_failed(self, generation: int, error: OperatorError) -> None:
        if generation != self._generation:
            return

        def text() -> str:
            if error.code in OFFLINE:
                return self.tr("Server figures unavailable offline: showing the cached ones only.")
            if error.code is ErrorCode.FORBIDDEN:
                return self.tr("The server shows its reports to administrators only.")
            return self.tr("The server's figures could not be read: %1").replace(
                "%1", describe_error(error)
            )

        self._server_state(text)
        self.comparison.show(self.stats, None)
        self.serverShown.emit()

    def _server_state(self, text: Callable[[], str]) -> None:
        self._server_text = text
        self.server_state = text()
        self.server_note.setText(self.server_state)

    # ---- export ----------------------------------------------------------------------------
    def _dialog(self, title: str, name: str, suffix: str, kind: str) -> QFileDialog:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self, title, str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(f"{kind} (*.{suffix})")
        self.file_dialog = dialog
        return dialog

    def _file_name(self, suffix: str) -> str:
        period = self.stats.period if self.stats is not None else self.selected_period()
        return f"my-statistics-{period.first.isoformat()}-{period.last.isoformat()}.{suffix}"

    def choose_csv(self) -> None:
        dialog = self._dialog(self.tr("Export statistics"), self._file_name("csv"), "csv", "CSV")
        dialog.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        dialog.open()

    def choose_png(self) -> None:
        dialog = self._dialog(self.tr("Export charts"), self._file_name("png"), "png", "PNG")
        dialog.fileSelected.connect(lambda path: self.export_png(Path(path)))
        dialog.open()

    def export_csv(self, path: Path) -> None:
        if self.stats is None:
            return
        self.controller.run(
            self.service.export_csv(self.stats, self.server_figures, path),
            name="stats-export",
            on_done=lambda _: self._exported(path),
            on_error=self._export_failed,
        )

    def export_png(self, path: Path) -> None:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.charts_picture().save(buffer, "PNG")
        buffer.close()
        self.controller.run(
            self.service.export_bytes(bytes(data.data()), path),
            name="stats-export",
            on_done=lambda _: self._exported(path),
            on_error=self._export_failed,
        )

    def _exported(self, path: Path) -> None:
        self.export_note.setText(self.tr("Saved %1").replace("%1", path.name))
        self.export_note.setToolTip(str(path))
        self.exported.emit(str(path))

    def charts_picture(self) -> QPixmap:
        """Both charts, the hours over the response times, on one picture."""
        hours, times = self.hours_chart.grab(), self.times_chart.grab()
        picture = QPixmap(max(hours.width(), times.width()), hours.height() + times.height())
        picture.fill(self.palette().window().color())
        painter = QPainter(picture)
        painter.drawPixmap(0, 0, hours)
        painter.drawPixmap(0, hours.height(), times)
        painter.end()
        return picture

    def _export_failed(self, error: OperatorError) -> None:
        self.export_note.setText(describe_error(error))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.runner.cancel("stats-local")
        self.controller.runner.cancel("stats-server")
        super().closeEvent(event)


def _local_date(day: dt.date) -> str:
    """A day in the operator's language ("8 Nov 2026", "8 нояб. 2026 г.")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")
