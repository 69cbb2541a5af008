"""Small building blocks of the customer card: an eliding label, a flow layout for label
chips, the letter avatar, section headers, icon rows and copy buttons (the icons themselves
are painted by `ui.common.icons`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMargins, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from operator_desktop.core.links import is_web_link
from operator_desktop.ui.common.avatars import paint_letter_avatar
from operator_desktop.ui.common.icons import icon, icon_pixmap


# ---- labels ------------------------------------------------------------------------------------
class ElidedLabel(QLabel):
    """A one-line label that elides its text to the width it gets; `full_text()` is the text."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(16, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self._full) + 2
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        available = max(self.width(), 16)
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, available))


class LinkLabel(QLabel):
    """A one-line link to `url`, its text elided in the middle to the width it gets; a URL
    that is not http(s) is shown as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def url(self) -> str:
        return self._url

    def set_url(self, url: str) -> None:
        self._url = url
        self.setToolTip(url)
        self._render()

    def minimumSizeHint(self) -> QSize:
        return QSize(16, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        shown = self._url.removeprefix("https://").removeprefix("http://")
        elided = self.fontMetrics().elidedText(
            shown, Qt.TextElideMode.ElideMiddle, max(self.width(), 40)
        )
        if not is_web_link(self._url):  # a customer-controlled value: never a javascript: link
            self.setText(escape(elided))
            return
        href = escape(self._url, quote=True)
        color = self.palette().color(QPalette.ColorRole.Link).name()
        self.setText(f'<a href="{href}" style="color:{color}">{escape(elided)}</a>')


class AvatarWidget(QWidget):
    """The contact's initials in a circle whose colour follows the name."""

    def __init__(self, diameter: int = 44, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = ""
        self.setFixedSize(diameter, diameter)

    def set_name(self, name: str) -> None:
        self._name = name
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        font = QFont(self.font())
        font.setPixelSize(max(10, round(self.height() * 0.38)))
        font.setWeight(QFont.Weight.DemiBold)
        paint_letter_avatar(painter, QRectF(self.rect()), self._name or "?", font)
        painter.end()


class Chip(QLabel):
    """A rounded label chip with a coloured dot (label colours come from the server)."""

    def __init__(self, text: str, dot: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "chip")
        self.title = text
        self.dot = dot
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFixedHeight(max(18, self.fontMetrics().height() + 4))
        self.refresh()

    def refresh(self) -> None:
        dot = f'<span style="color:{escape(self.dot)}">●</span>&nbsp;' if self.dot else ""
        self.setText(f"{dot}{escape(self.title)}")


class SectionHeader(QLabel):
    """A small, upper-case, muted section title."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text.upper(), parent)
        self.setProperty("role", "section")
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
        self.setFont(font)

    def set_title(self, text: str) -> None:
        self.setText(text.upper())


def divider() -> QFrame:
    line = QFrame()
    line.setProperty("role", "divider")
    line.setFixedHeight(1)
    return line


class IconLabel(QLabel):
    """A 16 px icon, repainted in the current muted colour by `set_color`."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setFixedSize(16, 16)

    def set_color(self, color: str) -> None:
        self.setPixmap(icon_pixmap(self.name, color))


class CopyButton(QToolButton):
    """Copies a value to the clipboard; shows a tick for a moment after a click."""

    copied = Signal(str)

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = ""
        self._color = "#888888"
        self._done_color = "#188038"
        self.setAutoRaise(True)
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setIconSize(QSize(14, 14))
        self.setFixedSize(24, 22)
        self.clicked.connect(self._copy)
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.setInterval(1200)
        self._reset.timeout.connect(self._show_copy_icon)

    def set_colors(self, color: str, done: str) -> None:
        self._color, self._done_color = color, done
        self._show_copy_icon()

    def _show_copy_icon(self) -> None:
        self.setIcon(icon("copy", self._color, 14))

    def _copy(self) -> None:
        if not self.value:
            return
        QGuiApplication.clipboard().setText(self.value)
        self.setIcon(icon("check", self._done_color, 14))
        self._reset.start()
        self.copied.emit(self.value)


class InfoRow(QWidget):
    """An icon, a value (elided, selectable) and optional trailing buttons."""

    def __init__(self, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = IconLabel(icon_name)
        self.value = ElidedLabel()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 1, 0, 1)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout.addWidget(self.value, 1)

    def replace_value(self, widget: QWidget) -> None:
        """Show `widget` instead of the plain value label (links)."""
        self._layout.replaceWidget(self.value, widget)
        self.value.hide()

    def add_trailing(self, widget: QWidget) -> None:
        self._layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_value(self, text: str | None) -> None:
        self.value.set_full_text(text or "")
        self.setVisible(bool(text))


class ClickableFrame(QFrame):
    """A frame that emits `clicked` on a left click (rows of the previous-conversations list)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)


# ---- flow layout ----------------------------------------------------------------------------
class FlowLayout(QLayout):
    """Lays items out left to right, wrapping to new lines (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def clear(self) -> None:
        while self._items:
            item = self._items.pop()
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
