"""The chat-rules guard in the composer, against the demo server: a reply that breaks a rule
is held on Send, its findings marked in the text and listed in a bar, and each of the bar's
choices does what it says (the reply reaches the server through the outbox, as a reply or
as a private note, or goes back to editing untouched)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from operator_desktop.app.bootstrap import chat_rules
from operator_desktop.core.errors import ErrorCode
from operator_desktop.services.chat_rules import RULES_FILE_NAME, default_rules
from operator_desktop.services.readmodel import MessageRow
from operator_desktop.services.reply_guard import GuardRule
from operator_desktop.ui.conversation.pane import ConversationPane
from operator_desktop.ui.shell.preferences import Preferences
from tests.conftest import unique_tag
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import model_rows, open_chat, open_pane, settles, wait_until
from tests.ui_waits import collect_on_main_thread

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread"]  # an autouse fixture


def rude_reply() -> str:
    return f"Вы идиот? Заказ давно у курьера ({unique_tag()})"


def type_and_send(pane: ConversationPane, text: str) -> None:
    edit = pane.composer.edit
    edit.setFocus()
    edit.insertPlainText(text)  # QTest.keyClicks types ASCII only
    QTest.keyClick(edit, Qt.Key.Key_Return)


def delivered(pane: ConversationPane, text: str) -> MessageRow | None:
    """The server's row of `text` in the open conversation, once the outbox delivered it."""
    rows = [r for r in model_rows(pane.model) if r.content == text and r.outbox_id is None]
    return rows[0] if rows else None


def marks(pane: ConversationPane) -> list[tuple[int, int, str]]:
    edit = pane.composer.edit
    out = []
    for selection in edit.extraSelections():
        cursor = selection.cursor
        fmt = selection.format
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        out.append((cursor.selectionStart(), cursor.selectionEnd(), cursor.selectedText()))
    return out


def held(pane: ConversationPane, text: str) -> None:
    """The reply is held: the bar shows, the text is as typed and nothing was queued."""
    composer = pane.composer
    assert composer.guard_bar.isVisible()
    assert composer.text() == text
    assert not [r for r in model_rows(pane.model) if r.content == text]


@settles
def test_a_rude_reply_is_held_and_marked_and_sent_anyway(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    text = rude_reply()
    type_and_send(pane, text)
    held(pane, text)
    bar = pane.composer.guard_bar
    assert [(f.rule, f.text) for f in bar.findings] == [(GuardRule.RUDENESS, "идиот")]
    assert "идиот" in bar.details.text() and "Rude wording" in bar.details.text()
    assert marks(pane) == [(3, 8, "идиот")]
    bar.send_button.click()
    assert not bar.isVisible() and pane.composer.text() == ""
    wait_until(gui_env, lambda: delivered(pane, text) is not None)
    row = delivered(pane, text)
    assert row is not None and not row.private
    assert pane.composer.edit.extraSelections() == []


@settles
def test_enter_again_sends_anyway(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    text = f"ПОЖАЛУЙСТА ЧИТАЙТЕ ВНИМАТЕЛЬНО ({unique_tag()})"
    type_and_send(pane, text)
    held(pane, text)
    assert [f.rule for f in pane.composer.guard_bar.findings] == [GuardRule.SHOUTING]
    QTest.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    wait_until(gui_env, lambda: delivered(pane, text) is not None)


@settles
def test_make_it_a_private_note(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    text = f"@Анна, глянь этот заказ ({unique_tag()})"  # Анна Петрова: a colleague
    type_and_send(pane, text)
    held(pane, text)
    assert [(f.rule, f.text) for f in pane.composer.guard_bar.findings] == [
        (GuardRule.MENTION, "@Анна")
    ]
    pane.composer.guard_bar.private_button.click()
    wait_until(gui_env, lambda: delivered(pane, text) is not None)
    row = delivered(pane, text)
    assert row is not None and row.private


@settles
def test_edit_goes_back_to_the_text_intact(gui_env: GuiEnv, qtbot: QtBot) -> None:
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    pane.window().activateWindow()
    composer = pane.composer
    text = "Call +7 912 345-67-89, ask @Maria 👋 or mail ann@example.com"
    type_and_send(pane, text)
    held(pane, text)
    # offsets in the document: the emoji before the e-mail address takes two UTF-16 units
    start = text.index("ann@")
    assert marks(pane) == [
        (5, 21, "+7 912 345-67-89"),
        (27, 33, "@Maria"),
        (start + 1, start + 16, "ann@example.com"),
    ]
    composer.guard_bar.edit_button.click()
    assert not composer.guard_bar.isVisible()
    qtbot.waitUntil(composer.edit.hasFocus)
    assert composer.text() == text and len(marks(pane)) == 3  # marked until changed
    QTest.keyClick(composer.edit, Qt.Key.Key_End)
    QTest.keyClicks(composer.edit, "!")
    assert composer.edit.extraSelections() == []
    # Escape on the bar is Edit too
    QTest.keyClick(composer.edit, Qt.Key.Key_Return)
    assert composer.guard_bar.isVisible()
    QTest.keyClick(composer.edit, Qt.Key.Key_Escape)
    assert not composer.guard_bar.isVisible() and composer.text() == text + "!"
    assert not [r for r in model_rows(pane.model) if r.content == text + "!"]


@settles
def test_clean_replies_and_private_notes_pass_unless_notes_are_checked(
    gui_env: GuiEnv, qtbot: QtBot, tmp_path: Path
) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    composer = pane.composer
    clean = f"Ваш заказ №123456 привезут 12.03.2025 в 14:30, сумма 1 299,00 ₽ ({unique_tag()})"
    type_and_send(pane, clean)
    assert not composer.guard_bar.isVisible() and composer.text() == ""
    note = rude_reply()
    composer.set_private(True)
    type_and_send(pane, note)
    assert not composer.guard_bar.isVisible() and composer.text() == ""
    wait_until(gui_env, lambda: delivered(pane, clean) is not None)
    wait_until(gui_env, lambda: delivered(pane, note) is not None)

    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    Preferences(check_notes=True).save(settings)
    assert Preferences.load(settings).check_notes is True
    composer.check_notes = True
    composer.set_private(True)
    checked = rude_reply()
    type_and_send(pane, checked)
    held(pane, checked)
    composer.set_private(False)  # switching the mode drops the findings
    assert not composer.guard_bar.isVisible() and composer.edit.extraSelections() == []


@settles
def test_the_bar_renders(gui_env: GuiEnv, qtbot: QtBot, tmp_path: Path) -> None:
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    type_and_send(pane, "Вы идиот! ЗАЧЕМ ВЫ ЭТО ПИШЕТЕ. Карта 4111 1111 1111 1111, @John")
    assert len(pane.composer.guard_bar.findings) == 4
    image = pane.composer.grab().toImage()
    assert image.width() > 0
    image.save(str(tmp_path / "composer-guard.png"))


def test_the_windows_rules_come_from_the_data_folder(gui_env: GuiEnv) -> None:
    root = gui_env.workspace.data_dir.root
    assert chat_rules(gui_env.workspace) == (default_rules(), None)
    (root / RULES_FILE_NAME).write_text("[mention]\nenabled = false\n", encoding="utf-8")
    rules, error = chat_rules(gui_env.workspace)
    assert rules.mention.enabled is False and error is None
    (root / RULES_FILE_NAME).write_text("[mention]\nenabled = 'no'\n", encoding="utf-8")
    rules, error = chat_rules(gui_env.workspace)
    assert rules == default_rules()  # the shipped set applies, and the window says why
    assert error is not None and error.code is ErrorCode.BAD_RULES
    assert "mention.enabled" in error.detail
