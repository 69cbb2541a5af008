"""Suggested replies above the composer, against the demo server: shown for the open
conversation, inserted with Alt+1..3 or a click, refreshed by a new customer message, hidden
by the preference."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from operator_desktop.services.suggestions import Suggestion
from operator_desktop.ui.conversation.pane import ConversationPane
from operator_desktop.ui.conversation.suggestions import SuggestionRow
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import chats, open_pane, settles, wait_live, wait_until
from tests.ui_waits import collect_on_main_thread  # noqa: F401 - autouse; guards refcounts

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def texts(row: SuggestionRow) -> list[str]:
    return [s.text for s in row.suggestions]


def suggested(env: GuiEnv, display_id: int) -> list[Suggestion]:
    result: list[Suggestion] = env.run(env.controller.suggest_replies(display_id))
    return result


def chat_with_suggestions(env: GuiEnv) -> int:
    """An open conversation of the demo data whose customer's question has suggestions."""
    for row in chats(env):
        if row.status == "open" and suggested(env, row.display_id):
            return row.display_id
    raise AssertionError("no open demo conversation with suggested replies")


def shown(env: GuiEnv, pane: ConversationPane) -> None:
    wait_until(env, pane.composer.suggestion_row.isVisible)


@settles
def test_suggestions_appear_and_alt_1_inserts_the_first(
    gui_env: GuiEnv, qtbot: QtBot, tmp_path: Path
) -> None:
    display_id = chat_with_suggestions(gui_env)
    expected = [s.text for s in suggested(gui_env, display_id)]
    pane = open_pane(gui_env, qtbot, display_id)
    composer = pane.composer
    shown(gui_env, pane)
    row = composer.suggestion_row
    assert texts(row) == expected and 1 <= len(expected) <= 3
    chips = [c for c in row.chips if c.isVisible()]
    assert len(chips) == len(expected)
    assert all(c.toolTip().startswith(t) for c, t in zip(chips, expected, strict=True))
    assert all(c.width() <= 280 for c in chips)  # elided, not widening the window
    image = pane.grab()
    assert image.save(str(tmp_path / "suggestions.png"))
    composer.edit.setFocus()
    composer.set_text("")
    QTest.keyClick(composer.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert composer.text() == expected[0]  # an empty box takes the whole reply
    # with text already there: at the cursor
    composer.set_text("Hello! ")
    if len(expected) > 1:
        QTest.keyClick(composer.edit, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
        assert composer.text() == "Hello! " + expected[1]
    else:
        QTest.mouseClick(chips[0], Qt.MouseButton.LeftButton)
        assert composer.text() == "Hello! " + expected[0]
    if len(expected) < 3:
        before = composer.text()
        QTest.keyClick(composer.edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
        assert composer.text() == before  # no third suggestion: nothing happens
    # the guard bar, when it shows, sits above the row's line: the box does not move
    top = composer.edit.geometry().top()
    composer.suggestion_row.set_suggestions([])
    qtbot.waitUntil(lambda: composer.edit.geometry().top() == top, timeout=2000)


@settles
def test_a_new_customer_message_refreshes_them(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    display_id = chat_with_suggestions(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    wait_live(gui_env)
    shown(gui_env, pane)
    before = texts(pane.composer.suggestion_row)
    question = (
        "Привет! Час назад оформил заказ и только потом увидел в почте промокод. Его ещё"
        " можно использовать? Промокод не применяется к заказу."
        if before and before[0].isascii()
        else "Hi, I forgot to enter my promo code for my order. Can you still apply the code?"
    )
    gui_env.control(action="act", op="customer_write", content=question, conversation_id=display_id)
    row = pane.composer.suggestion_row

    async def shows_the_new_ones() -> bool:
        # asked again at each look: live traffic may refresh them once more meanwhile
        now = [s.text for s in await gui_env.controller.suggest_replies(display_id)]
        return bool(now) and now != before and texts(row) == now

    wait_until(gui_env, shows_the_new_ones, timeout=30)


@settles
def test_the_preference_hides_them(gui_env: GuiEnv, qtbot: QtBot) -> None:
    display_id = chat_with_suggestions(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    shown(gui_env, pane)
    composer = pane.composer
    composer.set_suggestions_enabled(False)
    assert not composer.suggestion_row.isVisible()
    composer.set_text("")
    QTest.keyClick(composer.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert composer.text() == ""
    composer.set_suggestions_enabled(True)
    shown(gui_env, pane)
