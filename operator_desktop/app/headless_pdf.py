"""The CLI's PDF writer: Qt's text layout without a window, on the offscreen platform when no
application exists yet (an export from a script needs no display)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from operator_desktop.ui.transcripts.pdf import write_pdf


def headless_pdf_writer() -> Callable[[str, Mapping[str, bytes], Path], None]:
    """`write_pdf`, once a Qt application exists (made here, on the calling thread: the
    export draws its pages in a worker thread, where none may be made)."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["operator-desktop"])

    def write(html_text: str, images: Mapping[str, bytes], path: Path) -> None:
        assert app is not None  # held by the writer for as long as it may draw
        write_pdf(html_text, images, path)

    return write
