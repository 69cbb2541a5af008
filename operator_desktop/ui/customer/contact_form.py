"""Inline editing of the contact's name, email and phone, with the server's answer per field.

`split_validation` spreads a 422 message ("Email has already been taken, Phone number should
be in e164 format") over the fields it names; `ContactForm` shows each part under its field,
anything else under the form, and never clears what the operator typed when a save fails.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

FIELDS = ("name", "email", "phone_number")

# How Rails' full messages start for each field (`errors.full_messages`).
_PREFIXES = {"Name": "name", "Email": "email", "Phone number": "phone_number"}
_SPLIT = re.compile(r",\s+(?=(?:Name|Email|Phone number|Identifier)\b)")


def split_validation(detail: str) -> tuple[dict[str, str], list[str]]:
    """Per-field messages and the rest, from a server validation message."""
    per_field: dict[str, str] = {}
    rest: list[str] = []
    for part in (p.strip() for p in _SPLIT.split(detail)):
        if not part:
            continue
        field = next((f for prefix, f in _PREFIXES.items() if part.startswith(prefix + " ")), None)
        if field is None:
            rest.append(part)
        elif field in per_field:
            per_field[field] += "; " + part
        else:
            per_field[field] = part
    return per_field, rest


class _FormEdit(QLineEdit):
    """Escape cancels the form (a line edit swallows it otherwise)."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class ContactForm(QWidget):
    """Name, email and phone editors with Save/Cancel and inline errors."""

    saveRequested = Signal(dict)  # only the changed fields
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactForm")
        self._original: dict[str, str] = dict.fromkeys(FIELDS, "")
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        for row, field in enumerate(FIELDS):
            label = QLabel()
            self.labels[field] = label
            label.setProperty("role", "fieldLabel")
            edit = _FormEdit()
            edit.setObjectName(f"edit-{field}")
            edit.returnPressed.connect(self.submit)
            edit.escaped.connect(self.cancelled)
            edit.textEdited.connect(lambda _t, f=field: self._clear_error(f))
            error = QLabel()
            error.setObjectName(f"error-{field}")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            label.setBuddy(edit)
            grid.addWidget(label, row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
            self.edits[field] = edit
            self.errors[field] = error
        self.general_error = QLabel()
        self.general_error.setObjectName("error-general")
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set the labels, placeholders and buttons; runs again on a language change."""
        labels = {
            "name": self.tr("Name"),
            "email": self.tr("Email"),
            "phone_number": self.tr("Phone"),
        }
        placeholders = {
            "name": self.tr("Full name"),
            "email": self.tr("name@example.com"),
            "phone_number": self.tr("+4915112345678"),
        }
        for field in FIELDS:
            self.labels[field].setText(labels[field])
            self.edits[field].setPlaceholderText(placeholders[field])
        self.cancel_button.setText(self.tr("Cancel"))
        busy = not self.save_button.isEnabled()
        self.save_button.setText(self.tr("Saving…") if busy else self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self, name: str, email: str | None, phone: str | None) -> None:
        """Fill the editors with the current values and focus the name."""
        self._original = {"name": name, "email": email or "", "phone_number": phone or ""}
        for field, edit in self.edits.items():
            edit.setText(self._original[field])
        self.clear_errors()
        self.set_busy(False)
        self.edits["name"].setFocus()
        self.edits["name"].selectAll()

    def values(self) -> dict[str, str]:
        return {field: edit.text().strip() for field, edit in self.edits.items()}

    def changes(self) -> dict[str, str | None]:
        """Fields that differ from the values the form started with (blank clears email/phone)."""
        out: dict[str, str | None] = {}
        for field, value in self.values().items():
            if value != self._original[field].strip():
                out[field] = value or None
        return out

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.clear_errors()
        if not self.values()["name"]:
            self.show_field_error("name", self.tr("Enter a name."))
            return
        self.saveRequested.emit(self.changes())

    def set_busy(self, busy: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(busy)
        self.save_button.setEnabled(not busy)
        self.save_button.setText(self.tr("Saving…") if busy else self.tr("Save"))

    def show_field_error(self, field: str, text: str) -> None:
        self.errors[field].setText(text)
        self.errors[field].show()
        self.edits[field].setProperty("invalid", True)
        self._repolish(self.edits[field])

    def show_validation(self, detail: str, fallback: str) -> None:
        """Spread a server validation message over the fields; the rest goes below them."""
        per_field, rest = split_validation(detail)
        for field, text in per_field.items():
            self.show_field_error(field, text)
        if rest or not per_field:
            self.show_general_error("; ".join(rest) if rest else fallback)
        first = next((f for f in FIELDS if f in per_field), None)
        if first is not None:
            self.edits[first].setFocus()

    def show_general_error(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()

    def clear_errors(self) -> None:
        for field in FIELDS:
            self._clear_error(field)
        self.general_error.clear()
        self.general_error.hide()

    def _clear_error(self, field: str) -> None:
        self.errors[field].clear()
        self.errors[field].hide()
        if self.edits[field].property("invalid"):
            self.edits[field].setProperty("invalid", False)
            self._repolish(self.edits[field])

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
