"""Starting with the server unreachable: the window opens from the cache and browses it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from operator_desktop.core.status import Phase
from operator_desktop.ui.shell.main_window import MainWindow
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread, run_until

__all__ = ["collect_on_main_thread"]


def test_start_offline_and_browse_cached_chats(gui_env: GuiEnv, tmp_path: Path) -> None:
    gui_env.control(action="stop_listener", seconds=300)  # the server is gone
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # closed at the end rather than by qtbot (see the `window` fixture of test_ui_preferences)
    window = MainWindow(gui_env.controller, settings)
    gui_env.run(window.start())
    window.show()
    assert window.chat_list.proxy.rowCount() > 0
    assert window.chat_list.select_next()
    current = window.chat_list.current_id()
    assert current is not None
    gui_env.run(window.pane.open_conversation(current))
    assert window.pane.model.rowCount() > 0  # the cached transcript
    window.chat_list.select_next()
    assert window.chat_list.current_id() not in (None, current)
    engine = gui_env.controller.actions.engine
    gui_env.start_live()
    run_until(
        gui_env.loop,
        gui_env.controller.statusChanged,
        lambda: engine.status.phase is Phase.OFFLINE,
        timeout=60,
    )
    assert window.banner.isVisible()
    window.pane.shutdown()
    gui_env.run(engine.stop())
    gui_env.controller.runner.cancel_all()
    window.close()


def test_after_reconnecting_stale_errors_go_and_failed_notes_load(
    gui_env: GuiEnv, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(gui_env.controller, settings)
    gui_env.run(window.start())
    window.show()
    controller = gui_env.controller
    engine = controller.actions.engine
    gui_env.start_live()
    run_until(gui_env.loop, controller.statusChanged, lambda: engine.status.phase is Phase.LIVE)
    gui_env.control(action="stop_listener", seconds=4)  # the server goes away for a while
    card = window.card
    run_until(
        gui_env.loop,
        card.failed,
        lambda: "could not be loaded" in card.notes.status.text(),
        action=window.chat_list.select_next,
        timeout=30,
    )
    assert "Cannot reach the server" in window.error_notice.text()
    run_until(
        gui_env.loop,
        card.notesLoaded,
        lambda: "could not be loaded" not in card.notes.status.text(),
        timeout=60,
    )
    assert window.error_notice.text() == ""
    assert engine.status.error is None
    window.pane.shutdown()
    gui_env.run(engine.stop())
    controller.runner.cancel_all()
    window.close()
