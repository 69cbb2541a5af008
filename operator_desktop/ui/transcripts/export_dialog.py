"""`ExportDialog`: the open conversation, the selected results or everything the search and
filters match (counted when it opens, not only the listed results) to PDF, HTML, TXT or JSON,
optionally with personal data replaced — previewed before anything is written — with progress
and Stop.

The file is chosen with a non-blocking `QFileDialog` (`open()`, no nested event loop); the
export itself is the service's (`TranscriptExporter`), which writes a temporary file and
renames it, so Cancel or a failure leaves nothing half-written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.services.transcripts import (
    ExportFormat,
    ExportResult,
    TranscriptExporter,
    TranscriptFilter,
    redacted,
    render_txt,
)
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.transcripts.pdf import write_pdf
from operator_desktop.ui.transcripts.wording import transcript_wording

PREVIEW_MESSAGES = 40  # messages of the preview (the export has them all)


class ExportScope(Enum):
    CURRENT = "current"  # the open conversation
    SELECTED = "selected"  # the results selected in the list
    MATCHING = "matching"  # every cached conversation the search and filters match


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult
    previewShown = Signal()  # the preview shows the current choice
    exportEnded = Signal()  # written, failed or stopped: the dialog says which
    matchingCounted = Signal(int)  # how many conversations "everything matching" holds

    def __init__(
        self,
        controller: AppController,
        exporter: TranscriptExporter,
        current: int | None,
        selected: list[int],
        matching: TranscriptFilter,
        listed: list[int],
        parent: QWidget | None = None,
    ) -> None:
        """`current` is the open conversation, `selected` the selected results, `matching`
        what the search and filters select (beyond the `listed` results)."""
        super().__init__(parent)
        self.controller = controller
        self.exporter = exporter
        self.current = current
        self.selected = selected
        self.matching = matching
        self.listed = listed
        self.matching_ids: list[int] | None = None  # selected when the dialog opens
        self._cancel: asyncio.Event | None = None
        self.resize(640, 560)

        self.this_one = QRadioButton(self)
        self.selection = QRadioButton(self)
        self.everything = QRadioButton(self)
        scope = QButtonGroup(self)
        self.scopes = {
            ExportScope.CURRENT: self.this_one,
            ExportScope.SELECTED: self.selection,
            ExportScope.MATCHING: self.everything,
        }
        for button in self.scopes.values():
            scope.addButton(button)
        self.everything.setEnabled(False)  # until counted
        self._enable_scopes(True)
        if len(selected) > 1:
            self.selection.setChecked(True)
        elif current is not None:
            self.this_one.setChecked(True)
        else:
            self.everything.setChecked(True)
        self.format = QComboBox(self)
        for fmt in (ExportFormat.PDF, ExportFormat.HTML, ExportFormat.TXT, ExportFormat.JSON):
            self.format.addItem("", fmt)
        self.redact = QCheckBox(self)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)

        form = QFormLayout()
        scope_row = QHBoxLayout()
        for button in self.scopes.values():
            scope_row.addWidget(button)
        scope_row.addStretch(1)
        self.scope_label = QLabel(self)
        self.format_label = QLabel(self)
        form.addRow(self.scope_label, scope_row)
        form.addRow(self.format_label, self.format)
        form.addRow("", self.redact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.preview_label = QLabel(self)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self.redact.toggled.connect(self.update_preview)
        scope.buttonToggled.connect(self._scope_toggled)
        self.save_button.clicked.connect(self.choose_file)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self._message: Callable[[], str] = str  # words the message line (again on a switch)
        self.retranslate()
        self.update_preview()
        self._count_matching()

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.setWindowTitle(self.tr("Export transcripts"))
        self.this_one.setText(self.tr("This conversation"))
        self.selection.setText(self.tr("%n selected", "", len(self.selected)))
        self._word_everything()
        names = {
            ExportFormat.PDF: self.tr("PDF document"),
            ExportFormat.HTML: self.tr("Web page (HTML)"),
            ExportFormat.TXT: self.tr("Plain text"),
            ExportFormat.JSON: self.tr("JSON"),
        }
        for index in range(self.format.count()):
            self.format.setItemText(index, names[ExportFormat(self.format.itemData(index))])
        self.redact.setText(self.tr("Replace personal data (e-mails, phones, cards, IBANs)"))
        self.save_button.setText(self.tr("Export…"))
        busy = self._cancel is not None
        self.cancel_button.setText(self.tr("Stop") if busy else self.tr("Close"))
        self.scope_label.setText(self.tr("Export:"))
        self.format_label.setText(self.tr("Format:"))
        self.preview_label.setText(self.tr("Preview:"))
        self._say(self._message)
        if self.isVisible():  # the transcript's own words, in the new language too
            self.update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, words: Callable[[], str]) -> None:
        self._message = words
        self.message.setText(words())

    # ---- scope and preview ---------------------------------------------------------------
    def scope(self) -> ExportScope:
        return next(k for k, button in self.scopes.items() if button.isChecked())

    def _scope_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.update_preview()

    def _enable_scopes(self, enabled: bool) -> None:
        self.this_one.setEnabled(enabled and self.current is not None)
        self.selection.setEnabled(enabled and bool(self.selected))
        self.everything.setEnabled(enabled and bool(self.matching_count))

    def _count_matching(self) -> None:
        async def count() -> list[int]:
            return await self.exporter.select(self.controller.key, self.matching)

        self.controller.run(
            count(), name="export-count", on_done=self._counted, on_error=self._read_failed
        )

    @property
    def matching_count(self) -> int | None:
        return None if self.matching_ids is None else len(self.matching_ids)

    def _word_everything(self) -> None:
        if self.matching_count is None:
            self.everything.setText(self.tr("Everything matching…"))
        else:
            self.everything.setText(self.tr("Everything matching (%n)", "", self.matching_count))

    def _counted(self, ids: list[int]) -> None:
        self.matching_ids = ids
        self._enable_scopes(self._cancel is None)
        self._word_everything()
        if self.scope() is ExportScope.MATCHING:
            if not ids and self.selected:  # nothing matches: what is selected, if anything
                self.selection.setChecked(True)
            self.update_preview()
        self.matchingCounted.emit(len(ids))

    def _filter(self) -> TranscriptFilter:
        scope = self.scope()
        if scope is ExportScope.CURRENT and self.current is not None:
            return TranscriptFilter(ids=(self.current,))
        if scope is ExportScope.SELECTED and self.selected:
            return TranscriptFilter(ids=tuple(self.selected))
        if self.matching_ids is None:
            return self.matching
        # what was counted (a sync since adds nothing unseen), its days trimming the messages
        m = self.matching
        return TranscriptFilter(ids=tuple(self.matching_ids), since=m.since, until=m.until)

    def _first(self) -> int | None:
        """The conversation the preview shows: the scope's first."""
        scope = self.scope()
        if scope is ExportScope.CURRENT:
            return self.current
        if scope is ExportScope.SELECTED:
            return self.selected[0] if self.selected else None
        if self.matching_ids is not None:
            return self.matching_ids[0] if self.matching_ids else None
        return self.listed[0] if self.listed else self.current

    def update_preview(self) -> None:
        first = self._first()
        self.save_button.setEnabled(first is not None and self._cancel is None)
        if first is None:
            self.preview.setPlainText(self.tr("Nothing to export."))
            return
        reader = self.exporter.reader
        key = self.controller.key
        hide = self.redact.isChecked()
        wording = transcript_wording()
        days = self._filter()  # the days of "Everything matching" trim the messages, as exported
        flt = TranscriptFilter(since=days.since, until=days.until)

        async def load() -> str:
            t = await self.controller.read(reader.read, key, first, flt)
            if t is None:
                return ""
            t = redacted(t) if hide else t
            shown = t.messages[-PREVIEW_MESSAGES:]
            return render_txt([replace(t, messages=shown)], wording)

        self.controller.run(
            load(), name="export-preview", on_done=self._show_preview, on_error=self._read_failed
        )

    def _show_preview(self, text: str) -> None:
        self.preview.setPlainText(text)
        self.previewShown.emit()

    # ---- writing -------------------------------------------------------------------------
    def choose_file(self) -> None:
        fmt = ExportFormat(self.format.currentData())
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(self, self.tr("Export to"), str(Path(folder) / self.file_name()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt.value)
        dialog.setNameFilter(f"{self.format.currentText()} (*.{fmt.value})")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def file_name(self) -> str:
        """The name the file dialog proposes."""
        fmt = ExportFormat(self.format.currentData())
        one = self.current if self.scope() is ExportScope.CURRENT else None
        return f"conversation-{one}.{fmt.value}" if one is not None else f"transcripts.{fmt.value}"

    def export_to(self, path: Path) -> None:
        fmt = ExportFormat(self.format.currentData())
        cancel = asyncio.Event()
        self._cancel = cancel
        self._busy(True)
        self._say(lambda: self.tr("Exporting…"))

        def progress(done: int, total: int) -> None:
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(done)

        async def run() -> ExportResult | None:
            try:
                return await self.exporter.export(
                    self.controller.key, self._filter(), fmt, path,
                    redact_data=self.redact.isChecked(), pdf_writer=write_pdf,
                    progress=progress, cancel=cancel, wording=transcript_wording(),
                )  # fmt: skip
            except asyncio.CancelledError:
                if not cancel.is_set():
                    raise
                return None  # stopped by the user before anything was written

        self.controller.run(run(), name="export", on_done=self._done, on_error=self._failed)

    def _done(self, result: ExportResult | None) -> None:
        self._cancel = None
        self._busy(False)
        if result is None:
            self._say(lambda: self.tr("Export stopped; nothing was written."))
            self.exportEnded.emit()
            return
        self._say(
            lambda: self.tr("Exported %n conversation(s) to %1.", "", result.conversations).replace(
                "%1", str(result.path)
            )
        )
        self.exported.emit(result)
        self.exportEnded.emit()

    def _read_failed(self, error: OperatorError) -> None:
        """The count or the preview failed: said, and an export under way goes on."""
        self._say(lambda: describe_error(error))

    def done(self, result: int) -> None:
        for name in ("export-count", "export-preview"):
            self.controller.runner.cancel(name)
        super().done(result)

    def _failed(self, error: OperatorError) -> None:
        self._cancel = None
        self._busy(False)
        self._say(lambda: describe_error(error))
        self.exportEnded.emit()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.save_button.setEnabled(not busy)
        self._enable_scopes(not busy)
        self.format.setEnabled(not busy)
        self.redact.setEnabled(not busy)
        self.cancel_button.setText(self.tr("Stop") if busy else self.tr("Close"))

    def cancel_or_close(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        else:
            self.reject()
