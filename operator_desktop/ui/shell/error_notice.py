"""`ErrorNotice`: the status bar's error line.

A coded error reads as its sentence. A bug (`ErrorCode.INTERNAL`) reads "Something went
wrong", names the log file, and offers "Copy details" (the traceback, secrets masked) for a
bug report; the traceback itself is logged where it happened.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.logs import mask_secrets
from operator_desktop.ui.common.errors import describe_error

NETWORK_CODES = {
    ErrorCode.NETWORK_DOWN,
    ErrorCode.TIMEOUT,
    ErrorCode.SERVER_ERROR,
    ErrorCode.RATE_LIMITED,
}


class ErrorNotice(QWidget):
    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.label = QLabel()
        self.label.setObjectName("errorLabel")
        self.copy_button = QToolButton()
        self.copy_button.clicked.connect(self.copy_details)
        self.copy_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.copy_button)
        self.details = ""
        self.code: ErrorCode | None = None
        self._error: OperatorError | None = None  # the one shown, worded again on a switch
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set the button and the message; runs again on a language change."""
        self.copy_button.setText(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy what went wrong, to paste into a bug report"))
        if self._error is not None:
            self.show_error(self._error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def text(self) -> str:
        return self.label.text()

    def show_error(self, error: OperatorError) -> None:
        self._error = error
        self.code = error.code
        if error.code is not ErrorCode.INTERNAL:
            self.label.setText(describe_error(error))
            self.copy_button.hide()
            self.details = ""
            return
        if self.log_file is not None:
            self.label.setText(
                self.tr("Something went wrong. The details are in {0}.").format(self.log_file)
            )
        else:
            self.label.setText(self.tr("Something went wrong."))
        cause = error.__cause__
        trace = "".join(traceback.format_exception(cause)) if cause is not None else error.detail
        lines = [trace.rstrip()]
        if self.log_file is not None:
            lines.append(f"Log: {self.log_file}")
        self.details = mask_secrets("\n".join(lines))
        self.copy_button.show()

    def connection_restored(self) -> None:
        """The server answers again: a "cannot reach the server" line is no longer true."""
        if self.code in NETWORK_CODES:
            self.clear()

    def clear(self) -> None:
        self._error = None
        self.code = None
        self.label.clear()
        self.copy_button.hide()
        self.details = ""

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
