"""`SuggestionRow`: up to three suggested replies as chips beside the composer's mode buttons.

Each chip shows its number and the reply elided to the width it gets (the whole text, and
where it comes from, in its tooltip); a click or Alt+1..3 (the composer's shortcuts) inserts
it. The row sits in the composer's top line, so it never moves the chat-rules bar above it
or the text box below; with nothing to suggest it shows nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)

from operator_desktop.services.suggestions import Source, Suggestion
from operator_desktop.ui.common.theme import Theme

CHIPS = 3
MAX_CHIP_WIDTH = 280
MIN_CHIP_WIDTH = 60


class SuggestionChip(QToolButton):
    """One suggestion: "1  Hi Ava! Sorry about…", elided to its width."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.suggestion: Suggestion | None = None
        self.setObjectName("suggestionChip")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text box keeps the focus
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(MAX_CHIP_WIDTH)

    def label(self) -> str:
        text = " ".join(self.suggestion.text.split()) if self.suggestion else ""
        return f"{self.number}  {text}"

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance(self.label()) + 20
        return QSize(min(MAX_CHIP_WIDTH, width), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_CHIP_WIDTH, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - all of it is repainted
        painter = QPainter(self)
        option = QStyleOptionButton()
        option.initFrom(self)
        colors = Theme.current()
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.accent if hovered else colors.chip))
        rect = self.rect().adjusted(0, 1, 0, -1)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor(colors.accent_text if hovered else colors.chip_text))
        inner = rect.adjusted(10, 0, -10, 0)
        text = self.fontMetrics().elidedText(
            self.label(), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(
            inner, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text
        )


class SuggestionRow(QWidget):
    """See the module docstring; `chosen` carries the text to insert."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionRow")
        self.suggestions: tuple[Suggestion, ...] = ()
        self.title = QLabel(self)
        self.title.setObjectName("suggestionTitle")
        self.chips = [SuggestionChip(n + 1, self) for n in range(CHIPS)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        for chip in self.chips:
            chip.clicked.connect(lambda _checked=False, c=chip: self.choose(c.number))
            layout.addWidget(chip, 1)
        layout.addStretch(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()
        self.refresh_theme()
        self.set_suggestions(())

    def retranslate(self) -> None:
        self.title.setText(self.tr("Suggested:"))
        self._tooltips()

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.suggestions = tuple(suggestions[:CHIPS])
        for index, chip in enumerate(self.chips):
            chip.suggestion = self.suggestions[index] if index < len(self.suggestions) else None
            chip.setVisible(chip.suggestion is not None)
            chip.updateGeometry()
            chip.update()
        self._tooltips()
        self.setVisible(bool(self.suggestions))

    def choose(self, number: int) -> bool:
        """Insert suggestion `number` (1-based); False when there is none."""
        if not 1 <= number <= len(self.suggestions) or not self.isVisible():
            return False
        self.chosen.emit(self.suggestions[number - 1].text)
        return True

    def _tooltips(self) -> None:
        for chip in self.chips:
            s = chip.suggestion
            if s is None:
                chip.setToolTip("")
                continue
            if s.source is Source.CANNED:
                where = self.tr("Canned response /{code}").format(code=s.short_code or "")
            else:
                where = self.tr("Your team's earlier reply to a similar question")
            keys = self.tr("Alt+{n} or click inserts it").format(n=chip.number)
            chip.setToolTip(f"{s.text}\n\n— {where}. {keys}")

    def refresh_theme(self) -> None:
        self.title.setStyleSheet(f"color: {Theme.current().muted};")
        for chip in self.chips:
            chip.update()
