"""Custom attributes on the customer card: one editable row per definition.

`parse_attribute_input` and `format_attribute_value` are pure (text ⇄ value per display type,
regex checked with the definition's `regex_cue` as the message). `AttributeRow` is the
label plus the editor that fits the type — a line edit (text, number, currency, percent,
link), a date edit, a combo box (list) or a check box — and emits `commitRequested(key,
value)` when the operator finishes an edit that parses; otherwise it shows the problem under
the editor and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from operator_desktop.services.readmodel import AttributeDefinition

NUMERIC_TYPES = ("number", "currency", "percent")
NO_DATE = QDate(1900, 1, 1)  # the date editor's "not set" value (shown as "—")


class AttributeInputError(ValueError):
    """The typed text does not fit the attribute; `args[0]` is the message to show."""


def format_attribute_value(definition: AttributeDefinition, value: Any) -> str:
    """The text a line edit shows for a stored value."""
    if value is None:
        return ""
    if definition.display_type in NUMERIC_TYPES and isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_number(text: str) -> int | float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    cleaned = cleaned.removesuffix("%")
    number = float(cleaned)
    if not math.isfinite(number):
        raise ValueError(text)
    return int(number) if number.is_integer() and "." not in cleaned else number


def parse_attribute_input(definition: AttributeDefinition, text: str) -> Any:
    """The value to store for `text` (None clears it); raises `AttributeInputError`."""
    stripped = text.strip()
    if not stripped:
        return None
    kind = definition.display_type
    if kind in NUMERIC_TYPES:
        try:
            return parse_number(stripped)
        except ValueError:
            raise AttributeInputError(
                QCoreApplication.translate("AttributeRow", "Enter a number.")
            ) from None
    if kind == "link":
        candidate = stripped if "://" in stripped else "https://" + stripped
        url = QUrl(candidate, QUrl.ParsingMode.StrictMode)
        if not url.isValid() or url.scheme() not in ("http", "https") or "." not in url.host():
            raise AttributeInputError(
                QCoreApplication.translate(
                    "AttributeRow", "Enter a web address, for example https://example.com."
                )
            )
        return candidate
    if kind == "list":
        if stripped not in definition.values:
            raise AttributeInputError(
                QCoreApplication.translate("AttributeRow", "Choose one of the listed values.")
            )
        return stripped
    if kind == "checkbox":
        return stripped.lower() in ("1", "true", "yes", "on")
    if kind == "date":
        try:
            return dt.date.fromisoformat(stripped[:10]).isoformat()
        except ValueError:
            raise AttributeInputError(
                QCoreApplication.translate("AttributeRow", "Enter a date as YYYY-MM-DD.")
            ) from None
    if definition.regex_pattern:
        try:
            matches = re.search(definition.regex_pattern, stripped) is not None
        except re.error:  # a pattern Python cannot read (JavaScript flavour): do not block
            matches = True
        if not matches:
            raise AttributeInputError(
                definition.regex_cue
                or QCoreApplication.translate("AttributeRow", "This value is not in the format.")
            )
    return stripped


def date_of(value: Any) -> QDate:
    """The QDate of a stored date value ("2024-03-01" or an ISO timestamp), else NO_DATE."""
    if isinstance(value, str) and len(value) >= 10:
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return NO_DATE
        return QDate(day.year, day.month, day.day)
    return NO_DATE


def _paint_chevron(widget: QWidget) -> None:
    """A small down chevron at the right edge (the inline style hides the native arrow)."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    color = widget.palette().color(QPalette.ColorRole.PlaceholderText)
    pen = QPen(color, 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    x = widget.width() - 11.0
    y = widget.height() / 2.0
    painter.drawLine(QPointF(x - 3.5, y - 1.5), QPointF(x, y + 2.0))
    painter.drawLine(QPointF(x, y + 2.0), QPointF(x + 3.5, y - 1.5))
    painter.end()


class InlineComboBox(QComboBox):
    """A combo box that looks like text until hovered (role "inline" in the card's style)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_chevron(self)


class InlineDateEdit(QDateEdit):
    """A date edit with the same inline look."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_chevron(self)


class AttributeRow(QWidget):
    """The display name and an editor; `commitRequested(key, value)` after a valid edit."""

    commitRequested = Signal(str, object)

    def __init__(self, definition: AttributeDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self._value: Any = None
        self._saving = False
        self.label = QLabel(definition.display_name)
        self.label.setProperty("role", "fieldLabel")
        self.label.setToolTip(definition.key)
        self.label.setWordWrap(True)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.editor = self._make_editor()
        self.editor.setObjectName(f"attribute-{definition.key}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 92)
        grid.addWidget(self.label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.editor, 0, 1)
        grid.addWidget(self.error, 1, 1)

    # ---- editor ---------------------------------------------------------------------------
    def _make_editor(self) -> QWidget:
        kind = self.definition.display_type
        if kind == "list":
            combo = InlineComboBox()
            combo.setProperty("role", "inline")
            combo.addItem("—", None)
            for value in self.definition.values:
                combo.addItem(value, value)
            combo.activated.connect(self._combo_activated)
            return combo
        if kind == "checkbox":
            box = QCheckBox()
            box.clicked.connect(lambda checked: self._commit(bool(checked)))
            return box
        if kind == "date":
            edit = InlineDateEdit()
            edit.setProperty("role", "inline")
            edit.setCalendarPopup(True)
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText("—")
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(NO_DATE)
            edit.editingFinished.connect(self._date_finished)
            calendar = edit.calendarWidget()
            if calendar is not None:
                calendar.clicked.connect(lambda _day: self._date_finished())
            return edit
        line = QLineEdit()
        line.setProperty("role", "inline")
        line.setPlaceholderText(self._placeholder(kind))
        line.editingFinished.connect(self._line_finished)
        line.textEdited.connect(lambda _text: self.error.hide())
        return line

    def _placeholder(self, kind: str) -> str:
        if kind == "link":
            return self.tr("Add a link")
        if kind in NUMERIC_TYPES:
            return self.tr("Add a number")
        return self.tr("Add a value")

    # ---- value ----------------------------------------------------------------------------
    def value(self) -> Any:
        return self._value

    def is_dirty(self) -> bool:
        """The operator typed something not saved yet (a refresh must not overwrite it)."""
        editor = self.editor
        if isinstance(editor, QLineEdit):
            return editor.text().strip() != format_attribute_value(self.definition, self._value)
        return self._saving

    def set_value(self, value: Any, *, force: bool = False) -> None:
        """Show a stored value, unless an edit is in progress (or `force`)."""
        if not force and self.is_dirty():
            return
        self._value = value
        editor = self.editor
        editor.blockSignals(True)
        if isinstance(editor, QComboBox):
            index = editor.findData(value) if value is not None else 0
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QDateEdit):
            editor.setDate(date_of(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(format_attribute_value(self.definition, value))
            editor.setCursorPosition(0)
        editor.blockSignals(False)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.editor.setEnabled(not saving)

    def saved(self, value: Any) -> None:
        self.set_saving(False)
        self.error.hide()
        self._value = value

    # ---- commits --------------------------------------------------------------------------
    def _commit(self, value: Any) -> None:
        if value == self._value or self._saving:
            return
        self.error.hide()
        self.commitRequested.emit(self.definition.key, value)

    def _combo_activated(self, index: int) -> None:
        assert isinstance(self.editor, QComboBox)
        self._commit(self.editor.itemData(index))

    def _date_finished(self) -> None:
        assert isinstance(self.editor, QDateEdit)
        day = self.editor.date()
        if day == date_of(self._value):  # also when the server keeps a full timestamp
            return
        self._commit(None if day == NO_DATE else day.toString("yyyy-MM-dd"))

    def _line_finished(self) -> None:
        assert isinstance(self.editor, QLineEdit)
        text = self.editor.text()
        if text.strip() == format_attribute_value(self.definition, self._value):
            return
        try:
            value = parse_attribute_input(self.definition, text)
        except AttributeInputError as exc:
            self.show_error(str(exc.args[0]))
            return
        self._commit(value)

    def commit_text(self, text: str) -> None:
        """Type `text` and finish the edit, as the operator would (also used by tests)."""
        assert isinstance(self.editor, QLineEdit)
        self.editor.setText(text)
        self._line_finished()
