"""Starting the window from the command line: options, signals, then `run_gui`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from operator_desktop.app.gui import GuiOptions, run_gui
from operator_desktop.ui.common.refcount_guard import protect_singletons
from operator_desktop.ui.common.theme import ThemeMode


def launch_gui(
    *,
    log_file: Path | None = None,
    data_dir: Path | None,
    demo: bool,
    reset: bool,
    screenshot: Path | None,
    theme: str | None,
    language: str | None,
) -> int:
    options = GuiOptions(
        data_dir=data_dir,
        demo=demo,
        reset=reset,
        screenshot=screenshot,
        theme=ThemeMode(theme) if theme else ThemeMode.SYSTEM,
        language=language,
        log_file=log_file,
    )
    protect_singletons()  # PySide6 6.12 on CPython 3.11 (see the module)
    app = QApplication.instance() or QApplication(["operator-desktop"])
    # run_gui routes Ctrl+C and SIGTERM to a clean close; this timer lets Python run the
    # handlers while Qt waits for events.
    heartbeat = QTimer()
    heartbeat.start(300)
    heartbeat.timeout.connect(lambda: None)
    del app
    return run_gui(options)
