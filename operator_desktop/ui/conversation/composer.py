"""`Composer`: write a reply or a private note, with canned responses, files and drafts.

- Reply / Private note toggle (the note mode is yellow, like note bubbles).
- Enter sends and Shift+Enter starts a new line (`enter_sends`; when off, Ctrl+Enter sends).
- "/" at the start of a word opens the canned-response popup (fuzzy match on short code and
  content); Enter or Tab inserts the reply, Escape closes it.
- Files by button (a non-modal `QFileDialog` shown with `open()`), by pasting images or
  files, or by drag and drop; each shows as a chip with a remove button.
- A draft per conversation, saved after a pause and restored when the conversation opens.
- Typing events: on at the first keystroke, off after 5 s idle, on send or when leaving.
- Replying to a message shows a "Replying to …" bar with a cancel button.
- Optionally appends the user's signature to replies (not to private notes).
- Suggested replies to the customer's latest question (canned responses and the team's
  earlier replies, from the cache) sit as chips in the top line; Alt+1..3 or a click puts
  one into an empty box, or at the cursor; refreshed when the conversation opens and when a
  message arrives in it (`refresh_suggestions`), off the UI thread; Preferences can hide them.
- The chat-rules guard checks a reply (a private note too when `check_notes` is on) on Send:
  findings are marked in the text and listed in a bar with "Send anyway" (or Enter again),
  "Make it a private note" and "Edit" (or Escape); any change to the text clears them.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTemporaryDir, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.services.reply_guard import GuardFinding
from operator_desktop.services.suggestions import Suggestion
from operator_desktop.ui.common.elided import ElidedLabel
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.conversation.canned import (
    CannedPopup,
    insert_canned,
    rank_canned,
    slash_token,
)
from operator_desktop.ui.conversation.guard_bar import GuardBar, GuardMarks
from operator_desktop.ui.conversation.suggestions import CHIPS, SuggestionRow

log = logging.getLogger("ui")

TYPING_IDLE_MS = 5_000
DRAFT_DELAY_MS = 700
MAX_FILES = 15  # Chatwoot's NUMBER_OF_PERMITTED_ATTACHMENTS
SUGGEST_DELAY_MS = 150  # a burst of messages asks for suggestions once
SUGGESTION_KEYS = {int(Qt.Key.Key_1) + n: n + 1 for n in range(CHIPS)}  # Alt+1..3: chip 1..3


class ComposerEdit(QPlainTextEdit):
    """The text box: send keys, popup keys, and pasted or dropped files."""

    submitted = Signal()
    filesAdded = Signal(list)  # list[str] of local paths

    def __init__(self, popup_owner: Composer) -> None:
        super().__init__(popup_owner)
        self.owner = popup_owner
        self.enter_sends = True
        self._paste_dir = QTemporaryDir()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self.owner.popup
        if popup.isVisible():
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return
            accept_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
            if key in accept_keys and popup.accept_current():
                return
            if key == Qt.Key.Key_Escape:
                popup.hide()
                return
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and key in SUGGESTION_KEYS:
            self.owner.suggestion_row.choose(SUGGESTION_KEYS[key])
            return  # Alt+1..3 never types the digit, with or without a suggestion
        if key == Qt.Key.Key_Escape and self.owner.guard_bar.isVisible():
            self.owner.edit_after_findings()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if (self.enter_sends and not shift) or (not self.enter_sends and ctrl):
                self.submitted.emit()
                return
            if shift:
                self.insertPlainText("\n")
                return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            source.hasImage() or _local_files(source) != [] or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = _local_files(source)
        if files:
            self.filesAdded.emit(files)
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                path = Path(self._paste_dir.path()) / f"pasted-{uuid.uuid4().hex[:8]}.png"
                if image.save(str(path)):
                    self.filesAdded.emit([str(path)])
                    return
        super().insertFromMimeData(source)


def _local_files(source: QMimeData) -> list[str]:
    if not source.hasUrls():
        return []
    paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()]
    return [p for p in paths if p and Path(p).is_file()]


class AttachmentChip(QFrame):
    removed = Signal(str)

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("attachmentChip")
        colors = Theme.current()
        self.setStyleSheet(
            f"#attachmentChip {{ background: {colors.chip}; border-radius: 10px; }}"
            f" #attachmentChip QLabel {{ color: {colors.chip_text}; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.setSpacing(2)
        self.label = QLabel(Path(path).name, self)
        self.label.setToolTip(path)
        self.remove = QToolButton(self)
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(lambda: self.removed.emit(self.path))
        layout.addWidget(self.label)
        layout.addWidget(self.remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.remove.setToolTip(self.tr("Remove"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Composer(QWidget):
    """See the module docstring."""

    sent = Signal(int)  # display id, after a reply was queued
    modeChanged = Signal(bool)  # private note mode

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.display_id: int | None = None
        self.in_reply_to: int | None = None
        self.files: list[str] = []
        self.signature: str | None = None
        self.append_signature = False
        self.check_notes = False  # private notes go through the chat-rules guard too
        self._typing_on = False
        self._typing_private = False
        self._restoring = False
        self._file_dialog: QFileDialog | None = None
        self.suggestions_enabled = True
        self._suggest_asked = 0  # the newest request: an older answer arriving late is dropped
        self.setAcceptDrops(True)

        self.popup = CannedPopup(self)
        self.popup.chosen.connect(self.insert_canned)

        self.guard_bar = GuardBar(self)
        self.guard_bar.sendAnyway.connect(self.send_anyway)
        self.guard_bar.makePrivate.connect(self.send_as_private_note)
        self.guard_bar.editRequested.connect(self.edit_after_findings)

        self.reply_bar = QFrame(self)
        self.reply_bar.setObjectName("replyBar")
        self.reply_label = ElidedLabel(self.reply_bar)
        self.reply_cancel = QToolButton(self.reply_bar)
        self.reply_cancel.setText("×")
        self.reply_cancel.setAutoRaise(True)
        self.reply_cancel.clicked.connect(self.clear_reply_to)
        bar = QHBoxLayout(self.reply_bar)
        bar.setContentsMargins(10, 4, 4, 4)
        bar.addWidget(self.reply_label, 1)
        bar.addWidget(self.reply_cancel)
        self.reply_bar.hide()

        self.chips = QWidget(self)
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(6)
        self.chips_layout.addStretch(1)
        self.chips.hide()

        self.reply_mode = QPushButton(self)
        self.note_mode = QPushButton(self)
        for button in (self.reply_mode, self.note_mode):
            button.setCheckable(True)
            button.setFlat(True)
        self.reply_mode.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.setExclusive(True)
        self.modes.addButton(self.reply_mode)
        self.modes.addButton(self.note_mode)
        self.note_mode.toggled.connect(self._mode_toggled)

        self.suggestion_row = SuggestionRow(self)
        self.suggestion_row.chosen.connect(self.insert_suggestion)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self._ask_suggestions)

        self.edit = ComposerEdit(self)
        self.edit.setObjectName("composerEdit")
        self.edit.setTabChangesFocus(False)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()
        self.edit.submitted.connect(self.send)
        self.edit.filesAdded.connect(self.add_files)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.cursorPositionChanged.connect(self._update_popup)
        self.guard = GuardMarks(self.guard_bar, self.edit)

        self.attach_button = QToolButton(self)
        self.attach_button.clicked.connect(self.choose_files)
        self.hint = ElidedLabel(self)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.reply_mode)
        top.addWidget(self.note_mode)
        top.addWidget(self.suggestion_row, 1)
        top.addStretch(0)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.attach_button)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(self.guard_bar)
        layout.addLayout(top)
        layout.addWidget(self.reply_bar)
        layout.addWidget(self.edit)
        layout.addWidget(self.chips)
        layout.addLayout(bottom)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_IDLE_MS)
        self._typing_timer.timeout.connect(self.stop_typing)
        self.retranslate()
        self._apply_mode_style()

    def retranslate(self) -> None:
        self.reply_mode.setText(self.tr("Reply"))
        self.note_mode.setText(self.tr("Private note"))
        self.attach_button.setText(self.tr("Attach"))
        self.attach_button.setToolTip(self.tr("Attach files"))
        self.send_button.setText(self.tr("Send"))
        self.guard_bar.retranslate()
        self.suggestion_row.retranslate()
        self._update_hint()

    # ---- properties -----------------------------------------------------------------------
    @property
    def enter_sends(self) -> bool:
        return self.edit.enter_sends

    @enter_sends.setter
    def enter_sends(self, value: bool) -> None:
        self.edit.enter_sends = value
        self._update_hint()

    @property
    def is_private(self) -> bool:
        return self.note_mode.isChecked()

    def set_private(self, on: bool) -> None:
        (self.note_mode if on else self.reply_mode).setChecked(True)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_signature(self, text: str | None, enabled: bool) -> None:
        self.signature = text
        self.append_signature = enabled
        self._update_hint()

    def signs_replies(self) -> bool:
        """The next reply (not a private note) gets the signature appended."""
        return bool(self.append_signature and self.signature and not self.is_private)

    # ---- conversation switching -------------------------------------------------------------
    async def load(self, display_id: int | None) -> None:
        """Leave the current conversation (saving its draft) and restore `display_id`'s."""
        self.leave()
        self.display_id = display_id
        self.setEnabled(display_id is not None)
        if display_id is None:
            return
        draft = await self.controller.actions.draft(display_id)
        if self.display_id != display_id:
            return
        self._restoring = True
        try:
            if draft is not None:
                text, private = draft
                self.set_private(private)
                self.set_text(text)
        finally:
            self._restoring = False
        self.refresh_suggestions(now=True)

    def leave(self) -> None:
        """Save the draft now, stop typing, and clear the box."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.flush_draft()
        self.stop_typing()
        self._restoring = True
        try:
            self.edit.clear()
            self.set_private(False)
        finally:
            self._restoring = False
        self.clear_files()
        self.clear_reply_to()
        self.clear_findings()
        self.popup.hide()
        self._suggest_timer.stop()
        self._suggest_asked += 1
        self.suggestion_row.set_suggestions(())

    def stop_timers(self) -> None:
        """Drop scheduled draft saves and typing updates (the window is closing)."""
        self._draft_timer.stop()
        self._typing_timer.stop()
        self._suggest_timer.stop()
        self._typing_on = False

    async def save_pending_draft(self) -> None:
        """Save a draft whose delayed save has not run yet, and wait for it (before closing)."""
        if not self._draft_timer.isActive() or self.display_id is None:
            return
        self._draft_timer.stop()
        await self.controller.actions.save_draft(self.display_id, self.text(), self.is_private)

    def flush_draft(self) -> None:
        if self.display_id is None:
            return
        actions = self.controller.actions
        self.controller.run(actions.save_draft(self.display_id, self.text(), self.is_private))

    # ---- replying to a message ------------------------------------------------------------
    def set_reply_to(self, message_id: int, preview: str) -> None:
        self.in_reply_to = message_id
        text = " ".join(preview.split())
        self.reply_label.setText(self.tr("Replying to: {text}").format(text=text))
        self.reply_bar.show()
        self.edit.setFocus()

    def clear_reply_to(self) -> None:
        self.in_reply_to = None
        self.reply_bar.hide()

    # ---- files ------------------------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.add_files)
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()
        return dialog

    def add_files(self, paths: list[str]) -> None:
        for path in paths:
            if path in self.files or len(self.files) >= MAX_FILES:
                continue
            self.files.append(path)
            chip = AttachmentChip(path, self.chips)
            chip.removed.connect(self.remove_file)
            self.chips_layout.insertWidget(self.chips_layout.count() - 1, chip)
        self.chips.setVisible(bool(self.files))

    def remove_file(self, path: str) -> None:
        if path in self.files:
            self.files.remove(path)
        for chip in self.chips.findChildren(AttachmentChip):
            if chip.path == path:
                chip.deleteLater()
        self.chips.setVisible(bool(self.files))

    def clear_files(self) -> None:
        for path in list(self.files):
            self.remove_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            self.add_files(files)
            event.acceptProposedAction()

    # ---- sending ----------------------------------------------------------------------------
    def send(self) -> None:
        """Send, unless the chat-rules guard finds something (shown until the operator picks);
        sending again while the findings are shown sends anyway."""
        self._send(checked=self.guard_bar.isVisible())

    def send_anyway(self) -> None:
        self._send(checked=True)

    def send_as_private_note(self) -> None:
        self.set_private(True)
        self._send(checked=True)

    @property
    def findings(self) -> list[GuardFinding]:
        """What the chat-rules guard found in the reply as it was sent (shown in the bar)."""
        return self.guard.findings

    def edit_after_findings(self) -> None:
        """Back to the text, as it was, with the findings still marked until it changes."""
        self.guard.back_to_editing()

    def clear_findings(self) -> None:
        self.guard.clear()

    def _guarded(self, private: bool) -> bool:
        return not private or self.check_notes

    def _send(self, *, checked: bool) -> None:
        display_id = self.display_id
        typed = self.text()
        if display_id is None or (not typed.strip() and not self.files):
            return
        private = self.is_private
        files = [Path(f) for f in self.files]
        in_reply_to = self.in_reply_to
        reply_label = self.reply_label.text()

        def not_queued(error: OperatorError) -> None:
            """Nothing reached the outbox (the disk is full, another process holds the cache):
            the reply goes back into the composer, to send again, and the error is shown."""
            if self.display_id == display_id and not self.text() and not self.files:
                self._restoring = True
                try:
                    self.set_text(typed)
                finally:
                    self._restoring = False
                self.set_private(private)
                self.add_files([str(f) for f in files])
                if in_reply_to is not None:
                    self.in_reply_to = in_reply_to
                    self.reply_label.setText(reply_label)
                    self.reply_bar.show()
            self.controller.errorRaised.emit(error)

        findings = self.controller.send_reply(
            display_id,
            typed,
            guarded=not checked and self._guarded(private),
            private=private,
            signature=self.signature if self.append_signature else None,
            in_reply_to=in_reply_to,
            files=files,
            on_error=not_queued,
        )
        if findings:
            self._show_findings(findings)
            return
        self.clear_findings()
        self._draft_timer.stop()
        self.stop_typing()
        self._restoring = True
        try:
            self.edit.clear()
        finally:
            self._restoring = False
        self.clear_files()
        self.clear_reply_to()
        self.popup.hide()
        self.sent.emit(display_id)

    def _show_findings(self, findings: list[GuardFinding]) -> None:
        self.popup.hide()
        self.guard.show(findings)

    # ---- typing -------------------------------------------------------------------------------
    def _text_changed(self) -> None:
        self.clear_findings()  # they were for the text as it was
        if self._restoring or self.display_id is None:
            return
        self._schedule_draft()
        if not self.text():
            self.stop_typing()
            return
        if not self._typing_on:
            self._typing_on = True
            self._typing_private = self.is_private
            actions = self.controller.actions
            self.controller.run(actions.typing(self.display_id, True, private=self.is_private))
        self._typing_timer.start()

    def stop_typing(self) -> None:
        self._typing_timer.stop()
        if not self._typing_on or self.display_id is None:
            self._typing_on = False
            return
        self._typing_on = False
        actions = self.controller.actions
        self.controller.run(actions.typing(self.display_id, False, private=self._typing_private))

    # ---- canned responses -------------------------------------------------------------------
    def _update_popup(self) -> None:
        token = slash_token(self.edit) if self.edit.hasFocus() or self.isVisible() else None
        if token is None:
            self.popup.hide()
            return
        _start, query = token
        matches = rank_canned(query, self.controller.reference.canned)
        rect = self.edit.cursorRect()
        self.popup.show_matches(matches, self.edit, QPoint(rect.left(), rect.top()))

    def insert_canned(self, content: str) -> None:
        insert_canned(self.edit, content)
        self.popup.hide()

    # ---- suggested replies ----------------------------------------------------------------
    def set_suggestions_enabled(self, enabled: bool) -> None:
        """Show suggested replies (Preferences); off, none is asked for or shown."""
        self.suggestions_enabled = enabled
        if enabled:
            self.refresh_suggestions(now=True)
        else:
            self._suggest_asked += 1
            self.suggestion_row.set_suggestions(())

    def refresh_suggestions(self, *, now: bool = False) -> None:
        """Ask again for the open conversation's suggestions (after a short delay unless
        `now`: the messages of one sync arrive in bursts)."""
        if not self.suggestions_enabled or self.display_id is None:
            return
        if now:
            self._suggest_timer.stop()
            self._ask_suggestions()
        else:
            self._suggest_timer.start()

    def _ask_suggestions(self) -> None:
        display_id = self.display_id
        if display_id is None or not self.suggestions_enabled:
            return
        self._suggest_asked += 1
        asked = self._suggest_asked

        def show(found: list[Suggestion]) -> None:
            if asked == self._suggest_asked and self.display_id == display_id:
                self.suggestion_row.set_suggestions(found)

        def failed(error: OperatorError) -> None:
            log.info("no suggested replies: %s", error.code.value)
            show([])

        self.controller.run(
            self.controller.suggest_replies(display_id),
            name="suggestions",
            on_done=show,
            on_error=failed,
        )

    def insert_suggestion(self, text: str) -> None:
        """Into an empty box as the whole reply, else at the cursor (replacing a selection)."""
        if not self.text().strip():
            self.set_text(text)
        else:
            self.edit.insertPlainText(text)
        self.popup.hide()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- look ---------------------------------------------------------------------------------
    def _mode_toggled(self, _on: bool) -> None:
        self.clear_findings()
        if self._typing_on:
            self.stop_typing()
        self._apply_mode_style()
        self._update_hint()
        self.modeChanged.emit(self.is_private)
        if not self._restoring and self.display_id is not None:
            self._schedule_draft()

    def _schedule_draft(self) -> None:
        """Save the draft `DRAFT_DELAY_MS` after the first unsaved change, not after the last:
        an operator typing on without a pause still has it saved every fraction of a second,
        so a crash or a kill loses under a second of typing."""
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    def _apply_mode_style(self) -> None:
        colors = Theme.current()
        if self.is_private:
            self.edit.setPlaceholderText(
                self.tr("Private note: only your team sees it. Type / for canned responses")
            )
            self.edit.setStyleSheet(
                f"#composerEdit {{ background: {colors.private_bubble}; color: {colors.text};"
                f" border: 1px solid {colors.private_border}; border-radius: 8px; padding: 4px; }}"
            )
        else:
            self.edit.setPlaceholderText(
                self.tr("Reply to the customer. Type / for canned responses")
            )
            self.edit.setStyleSheet(
                f"#composerEdit {{ background: {colors.base}; color: {colors.text};"
                f" border: 1px solid {colors.divider}; border-radius: 8px; padding: 4px; }}"
            )
        accent = colors.private_border if self.is_private else colors.accent
        checked = f"QPushButton:checked {{ color: {accent};"
        checked += f" border-bottom: 2px solid {accent}; }}"
        for button in (self.reply_mode, self.note_mode):
            button.setStyleSheet(
                f"QPushButton {{ border: none; padding: 3px 8px; color: {colors.muted}; }} "
                + checked
            )
        self.reply_bar.setStyleSheet(
            f"#replyBar {{ background: {colors.alt_base}; border-left: 3px solid {colors.accent};"
            f" border-radius: 4px; }}"
        )

    def _fit_height(self, *_args: object) -> None:
        """Grow with the text from 3 to 9 lines."""
        line = self.edit.fontMetrics().lineSpacing()
        lines = max(3, min(9, int(self.edit.document().size().height())))
        margins = self.edit.contentsMargins()
        frame = int(self.edit.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.edit.setFixedHeight(lines * line + frame + 10)

    def refresh_theme(self) -> None:
        self._apply_mode_style()
        self.guard.refresh_theme()
        self.suggestion_row.refresh_theme()

    def _update_hint(self) -> None:
        if self.edit.enter_sends:
            text = self.tr("Enter to send · Shift+Enter for a new line")
        else:
            text = self.tr("Ctrl+Enter to send")
        if self.signs_replies():
            text += " · " + self.tr("signature added")
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {Theme.current().muted};")
