"""The contact's notes on the customer card: the list (newest first) and the box to add one.

The section only shows; the card loads notes (`AccountActions.contact_notes`) and adds them
(`add_note`). `NoteItem` reads the note JSON leniently (author and time may be missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.ui.common.timefmt import list_time


@dataclass(frozen=True)
class NoteItem:
    id: int
    content: str
    author: str
    created_at: float | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NoteItem:
        user = data.get("user")
        author = ""
        if isinstance(user, dict):
            author = str(user.get("name") or user.get("available_name") or "")
        created = data.get("created_at")
        return cls(
            id=int(data.get("id") or 0),
            content=str(data.get("content") or ""),
            author=author,
            created_at=float(created) if isinstance(created, int | float) else None,
        )


class _NoteEdit(QPlainTextEdit):
    """Ctrl+Enter adds the note."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class NotesSection(QWidget):
    """Notes as small cards, an empty or error line, and an add box."""

    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notes: list[NoteItem] = []
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(6)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.edit = _NoteEdit()
        self.edit.setObjectName("noteEdit")
        self.edit.setFixedHeight(58)
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.submitted.connect(self._submit)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.add_button = QPushButton()
        self.add_button.setProperty("role", "primary")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list_box)
        layout.addWidget(self.status)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._busy = False
        self._state = "loading"  # what the status line says: "loading", "notes" or "failed"
        self._now = 0.0
        self.set_loading()
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.edit.setPlaceholderText(self.tr("Add a note about this contact…"))
        self.add_button.setToolTip(self.tr("Add the note (Ctrl+Enter)"))
        self.add_button.setText(self.tr("Adding…") if self._busy else self.tr("Add note"))
        if self._state == "loading":
            self.status.setText(self.tr("Loading notes…"))
        elif self._state == "notes":
            self.set_notes(list(self._notes), self._now)  # the times in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- list ----------------------------------------------------------------------------
    def notes(self) -> list[NoteItem]:
        return list(self._notes)

    def set_loading(self) -> None:
        self._clear_list()
        self._state = "loading"
        self.status.setText(self.tr("Loading notes…"))
        self.status.show()

    def set_failed(self, text: str) -> None:
        self._clear_list()
        self._state = "failed"
        self.status.setText(text)
        self.status.show()

    def set_notes(self, notes: list[NoteItem], now: float) -> None:
        self._clear_list()
        self._state = "notes"
        self._now = now
        self._notes = list(notes)
        for note in notes:
            self.list_layout.addWidget(self._note_widget(note, now))
        self.status.setText(self.tr("No notes yet."))
        self.status.setVisible(not notes)

    def _clear_list(self) -> None:
        self._notes = []
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _note_widget(self, note: NoteItem, now: float) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "note")
        text = QLabel(note.content)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        parts = [
            p
            for p in (note.author, list_time(note.created_at, now) if note.created_at else "")
            if p
        ]
        meta = QLabel(" · ".join(parts))
        meta.setProperty("role", "muted")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(9, 7, 9, 7)
        layout.setSpacing(2)
        layout.addWidget(text)
        if parts:
            layout.addWidget(meta)
        return frame

    # ---- adding ---------------------------------------------------------------------------
    def _text_changed(self) -> None:
        self.add_button.setEnabled(bool(self.edit.toPlainText().strip()) and not self._busy)
        self.error.hide()

    def _submit(self) -> None:
        text = self.edit.toPlainText().strip()
        if text and not self._busy:
            self.addRequested.emit(text)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.edit.setReadOnly(busy)
        self.add_button.setText(self.tr("Adding…") if busy else self.tr("Add note"))
        self.add_button.setEnabled(not busy and bool(self.edit.toPlainText().strip()))

    def added(self) -> None:
        self.set_busy(False)
        self.edit.clear()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
