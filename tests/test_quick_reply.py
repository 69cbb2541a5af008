"""The quick-reply window on its own, against the demo server: the conversation's draft is
restored when it opens and what is left unsent is kept as the draft when it turns to another
conversation or closes (the same `save_draft` as the composer's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from operator_desktop.services.readmodel import ChatRow, MessageRow
from operator_desktop.ui.shell.quick_reply import QuickReplyWindow
from tests.conftest import unique_tag
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import chats, settles, wait_until
from tests.ui_waits import collect_on_main_thread

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread"]  # an autouse fixture


@pytest.fixture
def quick(gui_env: GuiEnv) -> Iterator[QuickReplyWindow]:
    window = QuickReplyWindow(gui_env.controller)
    yield window
    window.close()
    window.deleteLater()


def two_open(env: GuiEnv) -> tuple[ChatRow, ChatRow]:
    first, second, *_ = [r for r in chats(env) if r.status == "open"]
    return first, second


def draft_of(env: GuiEnv, display_id: int) -> tuple[str, bool] | None:
    found: tuple[str, bool] | None = env.run(env.controller.actions.draft(display_id))
    return found


def draft_is(env: GuiEnv, display_id: int, expected: tuple[str, bool]) -> None:
    async def stored() -> bool:
        return await env.controller.actions.draft(display_id) == expected

    wait_until(env, stored)


def opened(env: GuiEnv, quick: QuickReplyWindow, display_id: int) -> None:
    env.run(quick.open_for(display_id))
    assert quick.isVisible() and quick.display_id == display_id


@settles
def test_unsent_text_is_kept_as_the_draft_and_restored(
    gui_env: GuiEnv, quick: QuickReplyWindow
) -> None:
    first, second = two_open(gui_env)
    actions = gui_env.controller.actions
    note = f"Check the refund with accounting first ({unique_tag()})"
    gui_env.run(actions.save_draft(second.display_id, note, True))

    opened(gui_env, quick, first.display_id)
    assert (quick.edit.toPlainText(), quick.private) == ("", False)
    typed = f"Let me look at your order {unique_tag()}"
    quick.edit.setFocus()
    QTest.keyClicks(quick.edit, typed)

    # a Reply for another conversation reuses the window: the text is that one's draft now
    opened(gui_env, quick, second.display_id)
    draft_is(gui_env, first.display_id, (typed, False))
    assert (quick.edit.toPlainText(), quick.private) == (note, True)  # its own draft, a note
    assert draft_of(gui_env, second.display_id) == (note, True)  # untouched

    opened(gui_env, quick, first.display_id)  # back: the kept text is restored
    assert (quick.edit.toPlainText(), quick.private) == (typed, False)
    assert draft_of(gui_env, second.display_id) == (note, True)  # nothing changed there

    more = " and the tracking number"
    QTest.keyClicks(quick.edit, more)
    QTest.keyClick(quick.edit, Qt.Key.Key_Escape)  # closed: kept too
    assert not quick.isVisible()
    draft_is(gui_env, first.display_id, (typed + more, False))


@settles
def test_a_sent_quick_reply_takes_its_draft_with_it(
    gui_env: GuiEnv, quick: QuickReplyWindow
) -> None:
    first, _second = two_open(gui_env)
    c = gui_env.controller
    text = f"Your parcel left today {unique_tag()}"
    gui_env.run(c.actions.save_draft(first.display_id, text, False))
    opened(gui_env, quick, first.display_id)
    assert quick.edit.toPlainText() == text
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)
    assert not quick.isVisible()

    async def queued() -> bool:
        rows = await c.read(c.readmodel.outbox_rows, c.key, first.display_id)
        return any(r.content == text for r in rows)

    wait_until(gui_env, queued)
    assert draft_of(gui_env, first.display_id) is None


def queued(env: GuiEnv, display_id: int, text: str) -> list[MessageRow]:
    c = env.controller
    rows: list[MessageRow] = env.run(c.read(c.readmodel.outbox_rows, c.key, display_id))
    return [r for r in rows if r.content == text]


def once_queued(env: GuiEnv, display_id: int, text: str) -> MessageRow:
    """The one outbox entry of `text`, once the send (a background task) queued it."""
    c = env.controller

    async def there() -> bool:
        rows = await c.read(c.readmodel.outbox_rows, c.key, display_id)
        return any(r.content == text for r in rows)

    wait_until(env, there)
    (row,) = queued(env, display_id, text)
    return row


@settles
def test_the_chat_rules_hold_a_quick_reply_until_the_operator_chooses(
    gui_env: GuiEnv, quick: QuickReplyWindow
) -> None:
    first, second = two_open(gui_env)
    opened(gui_env, quick, first.display_id)
    rude = f"Вы идиот? Заказ давно у курьера ({unique_tag()})"
    quick.edit.setFocus()
    quick.edit.insertPlainText(rude)  # QTest.keyClicks types ASCII only
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)
    bar = quick.guard_bar
    assert bar.isVisible() and [f.text for f in bar.findings] == ["идиот"]
    assert bar.send_button.text() == "Send anyway"
    assert quick.isVisible() and queued(gui_env, first.display_id, rude) == []

    QTest.keyClick(quick.edit, Qt.Key.Key_Escape)  # Edit: back to the text, as it was
    assert not bar.isVisible() and quick.isVisible() and quick.edit.toPlainText() == rude
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)  # held again
    assert bar.isVisible() and queued(gui_env, first.display_id, rude) == []
    bar.private_button.click()  # Make it a private note
    assert not quick.isVisible()
    assert once_queued(gui_env, first.display_id, rude).private

    # a note is not checked unless Preferences say so; with it on, it is held too
    opened(gui_env, quick, second.display_id)
    quick.note_button.setChecked(True)
    quick.check_notes = True
    quick.edit.insertPlainText(rude)
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)
    assert bar.isVisible() and queued(gui_env, second.display_id, rude) == []
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)  # Enter again sends anyway
    assert not quick.isVisible() and once_queued(gui_env, second.display_id, rude).private
    quick.check_notes = False
    unchecked = f"Он идиот? Уточню у коллег ({unique_tag()})"
    opened(gui_env, quick, first.display_id)
    quick.note_button.setChecked(True)
    quick.edit.insertPlainText(unchecked)
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)
    assert not quick.isVisible() and once_queued(gui_env, first.display_id, unchecked).private


@settles
def test_a_canned_response_and_the_signature_go_out_with_a_quick_reply(
    gui_env: GuiEnv, quick: QuickReplyWindow
) -> None:
    """ "/" and a short code offer the team's canned responses (Enter takes the first), and
    the signature Preferences keep is added to the reply sent (as the main window sets it)."""
    first, _second = two_open(gui_env)
    canned = gui_env.controller.reference.canned
    assert canned, "the demo account has canned responses"
    short_code, content = canned[0]
    quick.signature = f"John | Acme Support {unique_tag()}"
    opened(gui_env, quick, first.display_id)
    assert "signature added" in quick.hint.text()
    quick.activateWindow()
    quick.edit.setFocus()
    wait_until(gui_env, quick.edit.hasFocus)
    QTest.keyClicks(quick.edit, "/" + short_code)
    assert quick.popup.isVisible()
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)  # takes the canned response, sends nothing
    assert quick.isVisible() and not quick.popup.isVisible()
    body = quick.edit.toPlainText().strip()
    assert body == content.strip()
    QTest.keyClick(quick.edit, Qt.Key.Key_Return)
    assert not quick.isVisible(), "sent (the canned text passes the chat rules)"
    once_queued(gui_env, first.display_id, f"{body}\n\n{quick.signature}")
