"""The Team window's forms: invite an agent, write a canned response.

A form never closes on its own when its request fails: the server's message is shown under
the fields, what was typed stays, and the operator can correct it and try again. It is opened
with `open()` (window-modal, no nested event loop); `submitted` asks the window to send it,
and the window answers with `succeed()` or `fail(error)`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.services.team import ROLE_ADMIN, ROLE_AGENT
from operator_desktop.ui.common.errors import validation_message


class RequestDialog(QDialog):
    """A form whose OK sends a request; it closes only when the request succeeded."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def complete(self) -> bool:
        """Whether the fields hold enough to send."""
        return True

    def update_ok(self) -> None:
        self.ok_button.setEnabled(self.complete() and not self.busy.isVisible())

    def _submit(self) -> None:
        if not self.complete() or self.busy.isVisible():
            return
        self.error.hide()
        self.busy.show()
        self.update_ok()
        self.submitted.emit()

    def succeed(self) -> None:
        self.busy.hide()
        self.accept()

    def fail(self, error: OperatorError) -> None:
        """Show why, keep what was typed, let them try again."""
        self.busy.hide()
        self.error.setText(validation_message(error))
        self.error.show()
        self.update_ok()


class InviteDialog(RequestDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem("", ROLE_AGENT)
        self.role.addItem("", ROLE_ADMIN)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.name, self.email, self.role), strict=True):
            self.form.addRow(label, field)
        self.form.addRow(self.note)
        for edit in (self.name, self.email):
            edit.textChanged.connect(self.update_ok)
        self.retranslate()
        self.resize(440, self.sizeHint().height())
        self.update_ok()

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.setWindowTitle(self.tr("Invite an agent"))
        self.name.setPlaceholderText(self.tr("Full name"))
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.role.setItemText(0, self.tr("Agent"))
        self.role.setItemText(1, self.tr("Administrator"))
        self.note.setText(
            self.tr(
                "A new address gets an invitation from the server to set a password."
                " Someone who already has an account joins this one as they are."
            )
        )
        for label, text in zip(
            self.labels, (self.tr("Name:"), self.tr("Email:"), self.tr("Role:")), strict=True
        ):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def complete(self) -> bool:
        email = self.email.text().strip()
        return bool(self.name.text().strip()) and "@" in email and " " not in email

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.email.text().strip(), str(self.role.currentData())


class CannedDialog(RequestDialog):
    """A new canned response, or an edit of one (`canned_id`)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        canned_id: int | None = None,
        short_code: str = "",
        content: str = "",
    ) -> None:
        super().__init__(parent)
        self.canned_id = canned_id
        self.short_code = QLineEdit(short_code, self)
        self.content = QPlainTextEdit(content, self)
        self.content.setTabChangesFocus(True)
        self.code_label = QLabel(self)
        self.text_label = QLabel(self)
        self.form.addRow(self.code_label, self.short_code)
        self.form.addRow(self.text_label, self.content)
        self.short_code.textChanged.connect(self.update_ok)
        self.content.textChanged.connect(self.update_ok)
        self.retranslate()
        self.resize(520, 360)
        self.update_ok()

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.setWindowTitle(
            self.tr("New canned response")
            if self.canned_id is None
            else self.tr("Edit canned response")
        )
        self.short_code.setPlaceholderText(self.tr("e.g. refund"))
        self.short_code.setToolTip(self.tr("Typed after / in the reply box to insert the text"))
        self.content.setPlaceholderText(self.tr("The text inserted into the reply"))
        self.code_label.setText(self.tr("Short code:"))
        self.text_label.setText(self.tr("Text:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def complete(self) -> bool:
        return bool(self.code()) and bool(self.content.toPlainText().strip())

    def code(self) -> str:
        return self.short_code.text().strip().removeprefix("/")

    def values(self) -> tuple[str, str]:
        return self.code(), self.content.toPlainText().strip()
