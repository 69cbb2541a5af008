"""Preferences: waiting thresholds, the Enter key and the signature, from the window's menu.

Against the demo server: the signature is saved in the user's Chatwoot profile and a reply
sent afterwards carries it; a refused save keeps the dialog open with the reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from operator_desktop.ui.chat_list.delegate import WaitingLevel, waiting_level
from operator_desktop.ui.shell.global_hotkey import HotkeyState
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.preferences import Preferences, PreferencesDialog
from tests.conftest import ADMIN, unique_tag
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import open_chat, settles, wait_until
from tests.ui_waits import collect_on_main_thread, emitted, run_until

# notices of the offscreen platform plugin, not of the code under test
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread"]  # an autouse fixture


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(gui_env.controller, settings)
    gui_env.run(win.start())
    win.show()
    yield win
    # closed here rather than by qtbot, whose hook runs after `collect_on_main_thread`:
    # the window must be freed on this thread, not by a later test's server thread
    win.close()


def server_signature(env: GuiEnv) -> str | None:
    response = httpx.get(
        f"{env.url}/api/v1/profile", headers={"api_access_token": ADMIN.access_token}
    )
    response.raise_for_status()
    value = response.json().get("message_signature")
    return value if isinstance(value, str) else None


def test_preferences_survive_a_restart_and_bad_values(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    assert Preferences.load(settings) == Preferences()  # 2 and 5 minutes, Enter sends
    chosen = Preferences(
        amber_minutes=3, red_minutes=10, enter_sends=False, signature="Ann", notify=False,
        notify_inbox_messages=True, notify_mentions=False, notify_hide_text=True,
        sounds=False, sound_volume=35, sound_repeat=True,
    )  # fmt: skip
    chosen.save(settings)
    assert Preferences.load(settings) == chosen
    notices = chosen.notice_settings()
    assert notices.inbox_messages and not notices.mentions and notices.red_after == 600.0
    settings.setValue("preferences/sound_volume", 250)  # out of range: the default
    assert Preferences.load(settings).sound_volume == 70
    settings.setValue("preferences/amber_minutes", "soon")  # a hand-edited file
    settings.setValue("preferences/red_minutes", 0)
    loaded = Preferences.load(settings)
    assert (loaded.amber_minutes, loaded.red_minutes) == (2, 5)
    assert loaded.enter_sends is False and loaded.signature == "Ann"


@settles
def test_red_must_come_after_amber(
    gui_env: GuiEnv,  # noqa: ARG001 - @settles quiesces it
    window: MainWindow,
) -> None:
    dialog = window.open_preferences()
    if os.environ.get("OD_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["OD_SCREENSHOTS"]) / "preferences.png"))
    dialog.amber_spin.setValue(10)
    dialog.red_spin.setValue(10)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "red threshold" in dialog.error_text()
    assert dialog.isVisible() and saved == []
    dialog.reject()


@settles
def test_thresholds_enter_key_and_signature_apply_at_once(
    gui_env: GuiEnv, window: MainWindow, tmp_path: Path
) -> None:
    gui_env.start_live()
    display_id = open_chat(gui_env)
    window.chat_list.select_conversation(display_id)
    wait_until(gui_env, lambda: window.pane.current_id == display_id)
    composer = window.pane.composer
    assert composer.enter_sends and "signature" not in composer.hint.text()

    dialog = window.open_preferences()
    assert isinstance(dialog, PreferencesDialog) and window.open_preferences() is dialog
    dialog.amber_spin.setValue(1)
    dialog.red_spin.setValue(3)
    dialog.ctrl_enter_radio.setChecked(True)
    dialog.append_check.setChecked(True)
    signature = f"Anna, Acme Support ({unique_tag()})"
    dialog.signature_edit.setPlainText(signature)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    (preferences,) = emitted(gui_env.loop, window.preferencesChanged, save.click)
    assert isinstance(preferences, Preferences)
    assert server_signature(gui_env) == signature  # kept in the Chatwoot profile
    assert preferences.signature == signature
    assert window.preferences == preferences

    delegate = window.chat_list.delegate
    assert (delegate.amber_after, delegate.red_after) == (60.0, 180.0)
    assert waiting_level(120.0, delegate.amber_after, delegate.red_after) is WaitingLevel.AMBER
    assert composer.edit.enter_sends is False and "Ctrl+Enter" in composer.hint.text()
    assert "signature added" in composer.hint.text()
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # kept for the next start; the signature for this account only
    assert Preferences.load(again, window.preferences_account) == preferences
    assert Preferences.load(again, "https://elsewhere#1").signature == ""

    text = f"Your refund is on its way ({unique_tag()})"
    QTest.keyClicks(composer.edit, text)
    QTest.keyClick(composer.edit, Qt.Key.Key_Return)  # Enter now starts a new line
    assert composer.text().startswith(text) and composer.text().endswith("\n")
    QTest.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert composer.text() == ""

    async def sent_with_signature() -> bool:
        messages = await gui_env.controller.actions.engine.client.messages(display_id)
        return any(m.content == f"{text}\n\n{signature}" for m in messages)

    wait_until(gui_env, sent_with_signature)


@settles
def test_a_refused_signature_keeps_the_dialog_open(gui_env: GuiEnv, window: MainWindow) -> None:
    before = server_signature(gui_env)
    assert before  # the demo's John has a signature in his profile
    wait_until(gui_env, lambda: window.preferences.signature == before)  # copied on connect
    gui_env.control(action="fail_next", count=50, status=500)  # the server is broken
    dialog = window.open_preferences()
    dialog.signature_edit.setPlainText("Boris from Billing")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    (text,) = emitted(gui_env.loop, dialog.errorShown, save.click, timeout=60)
    assert "signature was not saved" in str(text)
    assert dialog.isVisible() and not dialog.is_busy()
    assert dialog.signature_edit.toPlainText() == "Boris from Billing"  # nothing lost
    assert window.preferences.signature == before
    dialog.reject()


@settles
def test_retention_is_a_preference_applied_at_once(
    gui_env: GuiEnv, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.open_preferences()
    assert dialog.retention_spin.text() == "forever"
    dialog.retention_spin.setValue(30)
    controller = gui_env.controller
    run_until(
        gui_env.loop,
        controller.runner.busyChanged,
        lambda: controller.actions.retention_days == 30 and not controller.runner.pending(),
        action=dialog.buttons.button(dialog.buttons.StandardButton.Save).click,
    )
    saved = json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8"))
    assert list(saved["retention_days"].values()) == [30]
    again = window.open_preferences()
    assert again.retention_spin.value() == 30
    again.reject()


@settles
def test_the_global_hotkey_is_chosen_checked_and_explained(
    gui_env: GuiEnv,  # noqa: ARG001 - @settles quiesces it
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # an X11 desktop, as far as the dialog can tell
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    window.hotkey_state = HotkeyState.TAKEN
    dialog = window.open_preferences()
    assert not dialog.hotkey_check.isChecked(), "off by default"
    assert "Another program holds Ctrl+Alt+O" in dialog.hotkey_note.text()
    dialog.hotkey_check.setChecked(True)
    dialog.hotkey_edit.setKeySequence(QKeySequence("O"))
    saved: list[Preferences] = []
    dialog.saved.connect(saved.append)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "cannot be a global hotkey" in dialog.error_text() and saved == []
    dialog.hotkey_edit.setKeySequence(QKeySequence("Ctrl+Shift+F9"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert [(p.global_hotkey, p.hotkey) for p in saved] == [(True, "Ctrl+Shift+F9")]
    reread = Preferences.load(window.settings, window.preferences_account)
    assert (reread.global_hotkey, reread.hotkey) == (True, "Ctrl+Shift+F9")

    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    dialog = window.open_preferences()
    assert not dialog.hotkey_check.isEnabled() and "Wayland" in dialog.hotkey_note.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    kept = Preferences.load(window.settings, window.preferences_account)
    assert kept.global_hotkey, "kept for the X11 session of another day"
