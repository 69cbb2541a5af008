"""`ImageViewer`: a plain window showing one image at full size (shown with `show()`).

The image's bytes are decoded in a worker thread (`load`); the window fits large images to the
screen and scrolls when zoomed to 100 % (double-click toggles). Until the image shows, its
label says so ("Loading…", or why it cannot be shown), in the language in use (`retranslate`).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from operator_desktop.ui.conversation.thumbnails import decode_image


class ImageViewer(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.pixmap = QPixmap()
        self.fit = True
        self.error: str | None = None  # why the image cannot be shown
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area = QScrollArea(self)
        self.area.setWidget(self.label)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        self.resize(800, 600)
        self.retranslate()

    def retranslate(self) -> None:
        """The label's text while no image shows; runs again on a language change."""
        if not self.pixmap.isNull():
            return
        if self.error is None:
            self.label.setText(self.tr("Loading…"))
        else:
            text = self.tr("This image cannot be shown: {error}").format(error=self.error)
            self.label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    async def load(self, data: bytes) -> None:
        try:
            image = await asyncio.to_thread(decode_image, data)
        except ValueError as exc:
            self.error = str(exc)
            self.retranslate()
            return
        self.pixmap = QPixmap.fromImage(image)
        screen = QGuiApplication.primaryScreen()
        limit = screen.availableSize() * 0.9 if screen is not None else QSize(1200, 900)
        self.resize(self.pixmap.size().boundedTo(limit).expandedTo(QSize(320, 240)))
        self._show_pixmap()

    def _show_pixmap(self) -> None:
        if self.pixmap.isNull():
            return
        if self.fit:
            self.area.setWidgetResizable(True)
            size = self.area.viewport().size()
            if self.pixmap.width() > size.width() or self.pixmap.height() > size.height():
                self.label.setPixmap(
                    self.pixmap.scaled(
                        size,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                return
        else:
            self.area.setWidgetResizable(False)
            self.label.resize(self.pixmap.size())
        self.label.setPixmap(self.pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self._show_pixmap()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.fit = not self.fit
        self._show_pixmap()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
