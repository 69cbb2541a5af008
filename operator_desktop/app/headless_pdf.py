"""The CLI's PDF writer: Qt's text layout without a window, on the offscreen platform when no
application exists yet (an export from a script needs no display)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from operator_desktop.ui.transcripts.pdf import write_pdf


def write_pdf_headless(html_text: str, images: Mapping[str, bytes], path: Path) -> None:
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["operator-desktop"])
    write_pdf(html_text, images, path)
