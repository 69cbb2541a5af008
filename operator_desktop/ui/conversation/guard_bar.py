"""`GuardBar`: the chat-rules findings of a reply about to be sent, above the composer.

It lists what the guard found (rude wording, personal data, shouting, a colleague's
@mention) and offers "Send anyway", "Make it a private note" and "Edit"; `GuardMarks` marks
the same spans in the text box (`finding_selections`) and shows and clears both together, for
the composer and the quick-reply window alike. Nothing is blocked for good: the operator
decides. Keys are the text box's: Enter again sends anyway, Escape goes back to editing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.services.reply_guard import GuardFinding, GuardRule
from operator_desktop.ui.common.theme import AppColors, Theme

MAX_QUOTE = 40  # characters of a finding quoted in the bar
MAX_LISTED = 4  # findings listed by name; the rest are counted


def rule_name(rule: GuardRule, detail: str = "") -> str:
    # spelled out as `QCoreApplication.translate("GuardBar", "…")` so pyside6-lupdate finds them
    if rule is GuardRule.RUDENESS:
        return QCoreApplication.translate("GuardBar", "Rude wording")
    if rule is GuardRule.SHOUTING:
        return QCoreApplication.translate("GuardBar", "Shouting in capitals")
    if rule is GuardRule.MENTION:
        return QCoreApplication.translate("GuardBar", "A colleague's @mention")
    kinds = {
        "email": QCoreApplication.translate("GuardBar", "an e-mail address"),
        "phone": QCoreApplication.translate("GuardBar", "a phone number"),
        "card": QCoreApplication.translate("GuardBar", "a card number"),
        "iban": QCoreApplication.translate("GuardBar", "an IBAN"),
        "passport": QCoreApplication.translate("GuardBar", "a passport number"),
    }
    kind = kinds.get(detail)
    if kind is None:
        return QCoreApplication.translate("GuardBar", "Personal data")
    return QCoreApplication.translate("GuardBar", "Personal data: {kind}").format(kind=kind)


def rule_color(rule: GuardRule, colors: AppColors) -> str:
    if rule is GuardRule.PERSONAL_DATA:
        return colors.amber
    if rule is GuardRule.MENTION:
        return colors.accent
    return colors.red


def _utf16_offsets(text: str) -> list[int]:
    """For each character offset of `text` (and its end), the QTextDocument position: Qt
    counts UTF-16 units, so a character beyond the BMP (an emoji) takes two."""
    offsets = [0] * (len(text) + 1)
    position = 0
    for index, char in enumerate(text):
        offsets[index] = position
        position += 2 if ord(char) > 0xFFFF else 1
    offsets[len(text)] = position
    return offsets


def finding_selections(
    edit: QPlainTextEdit, findings: Sequence[GuardFinding], colors: AppColors
) -> list[QTextEdit.ExtraSelection]:
    """A wavy underline on a tinted background for each finding, in `edit`'s document
    (whose plain text the findings' offsets refer to)."""
    offsets = _utf16_offsets(edit.toPlainText())
    selections: list[QTextEdit.ExtraSelection] = []
    for finding in findings:
        if finding.end > len(offsets) - 1:
            continue
        color = QColor(rule_color(finding.rule, colors))
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(color)
        tint = QColor(color)
        tint.setAlpha(48)
        fmt.setBackground(tint)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(offsets[finding.start])
        cursor.setPosition(offsets[finding.end], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    return selections


class GuardBar(QFrame):
    """See the module docstring."""

    sendAnyway = Signal()
    makePrivate = Signal()
    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guardBar")
        self.findings: tuple[GuardFinding, ...] = ()
        self.title = QLabel(self)
        self.title.setObjectName("guardTitle")
        self.details = QLabel(self)
        self.details.setObjectName("guardDetails")
        self.details.setWordWrap(True)
        self.send_button = QPushButton(self)
        self.private_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.send_button.clicked.connect(self.sendAnyway)
        self.private_button.clicked.connect(self.makePrivate)
        self.edit_button.clicked.connect(self.editRequested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.private_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.retranslate()
        self.refresh_theme()
        self.hide()

    def retranslate(self) -> None:
        self.send_button.setText(self.tr("Send anyway"))
        self.send_button.setToolTip(self.tr("Send the reply as it is (Enter)"))
        self.private_button.setText(self.tr("Make it a private note"))
        self.private_button.setToolTip(self.tr("Send it to your team only, not to the customer"))
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Back to the reply to change it (Esc)"))
        self._describe()

    def show_findings(self, findings: Sequence[GuardFinding]) -> None:
        self.findings = tuple(findings)
        self._describe()
        self.show()

    def clear(self) -> None:
        self.findings = ()
        self.hide()

    def _describe(self) -> None:
        count = len(self.findings)
        self.title.setText(
            self.tr("This reply may break the chat rules (%n finding(s)):", "", count)
        )
        lines: list[str] = []
        for finding in self.findings[:MAX_LISTED]:
            quote = " ".join(finding.text.split())
            if len(quote) > MAX_QUOTE:
                quote = quote[: MAX_QUOTE - 1] + "…"
            lines.append(f"{rule_name(finding.rule, finding.detail)}: «{quote}»")
        if count > MAX_LISTED:
            lines.append(self.tr("and %n more", "", count - MAX_LISTED))
        self.details.setText("\n".join(lines))

    def refresh_theme(self) -> None:
        colors = Theme.current()
        self.setStyleSheet(
            f"#guardBar {{ background: {colors.alt_base}; border-left: 3px solid {colors.red};"
            f" border-radius: 4px; }} #guardTitle {{ font-weight: bold; color: {colors.text}; }}"
            f" #guardDetails {{ color: {colors.text}; }}"
        )


class GuardMarks:
    """The findings of one text box: listed in its `GuardBar`, marked in its text."""

    def __init__(self, bar: GuardBar, edit: QPlainTextEdit) -> None:
        self.bar = bar
        self.edit = edit
        self.findings: list[GuardFinding] = []

    def show(self, findings: Sequence[GuardFinding]) -> None:
        self.findings = list(findings)
        self.edit.setExtraSelections(finding_selections(self.edit, findings, Theme.current()))
        self.bar.show_findings(findings)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_editing(self) -> None:
        """The bar goes; the text stays as it was, marked until it changes."""
        self.bar.clear()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        if self.findings or self.bar.isVisible():
            self.findings = []
            self.bar.clear()
            self.edit.setExtraSelections([])

    def refresh_theme(self) -> None:
        self.bar.refresh_theme()
        if self.findings:
            self.edit.setExtraSelections(
                finding_selections(self.edit, self.findings, Theme.current())
            )
