"""The transcript browser (Ctrl+Shift+F) and its export dialog, on a real synced cache with the
server gone: search with word forms and filters, open at the match, step through matches,
export with a redacted preview, cancel leaving nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from operator_desktop.services.transcripts import BrowseOrder, TranscriptHit
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.transcripts.browser import TranscriptBrowser
from operator_desktop.ui.transcripts.results import TranscriptResultsModel, TranscriptResultsProxy
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread, emitted, run_until

__all__ = ["collect_on_main_thread"]

CONVERSATION = 5
WORD = "зонтиком"  # written below as "зонтик": another form of the same word
PLANTED = ("Я забыл у вас зонтик, мой телефон +7 912 345-67-89",
           "И ещё раз про зонтик: он чёрный", "Зонтик нашёлся?")  # fmt: skip


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path) -> Any:
    for text in PLANTED:
        gui_env.control(action="act", op="customer_write", content=text,
                        conversation_id=CONVERSATION)  # fmt: skip
    gui_env.run(gui_env.controller.actions.engine.run(live=False))
    gui_env.control(action="stop_listener", seconds=300)  # from here on, offline
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(gui_env.controller, settings)
    gui_env.run(win.start())
    win.show()
    yield win
    if win.transcripts is not None:
        win.transcripts.close()
    win.pane.shutdown()
    gui_env.controller.runner.cancel_all()
    gui_env.run(asyncio.sleep(0))  # the cancelled tasks end inside the loop
    win.close()


def search(gui_env: GuiEnv, browser: TranscriptBrowser, text: str) -> int:
    def act() -> None:
        browser.query.setText(text)
        browser.search_now()

    (count,) = emitted(gui_env.loop, browser.searched, act)
    return int(count)


def test_search_opens_the_match_and_steps_through_them(gui_env: GuiEnv, window: Any) -> None:
    browser = emitted_browser(gui_env, window)
    assert browser.model.rowCount() > 0, "no words: every cached conversation, newest first"
    assert search(gui_env, browser, WORD) == 1
    hit = browser.model.hit_at(0)
    assert hit.display_id == CONVERSATION and hit.spans
    assert hit.snippet[hit.spans[0][0] : hit.spans[0][1]].casefold().startswith("зонтик")
    run_until(gui_env.loop, browser.conversationOpened, lambda: len(browser._matches) == 3)
    html = browser.transcript.toHtml()
    assert "+7 912 345-67-89" in html, "the browser shows the transcript as it is"
    assert all(text in browser.transcript.toPlainText() for text in PLANTED), "whole messages"
    first = browser.current_match()
    assert first is not None and first == hit.message_id, "opened at the best-ranked match"
    at = browser._matches.index(first) + 1
    assert browser.match_label.text() == f"Match {at} of 3"
    QTest.keyClick(browser, Qt.Key.Key_F3)
    assert browser.current_match() != first
    assert browser.match_label.text() == f"Match {at % 3 + 1} of 3", "on, wrapping around"
    QTest.keyClick(browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert browser.current_match() == first
    for _ in range(3):
        browser.previous_match()
    assert browser.current_match() == first, "back round to where it started"


def emitted_browser(gui_env: GuiEnv, window: Any) -> TranscriptBrowser:
    """Ctrl+Shift+F opens the browser, which lists what the cache holds at once."""
    holder: list[TranscriptBrowser] = []

    def press() -> None:
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
        assert window.transcripts is not None
        holder.append(window.transcripts)

    browser: TranscriptBrowser | None = window.transcripts
    if browser is None:
        press()
        browser = holder[0]
        run_until(gui_env.loop, browser.searched, lambda: browser.model.rowCount() > 0)
    assert browser.isVisible()
    return browser


def test_filters_and_order(gui_env: GuiEnv, window: Any) -> None:
    browser = emitted_browser(gui_env, window)
    everything = search(gui_env, browser, "заказ")
    assert everything > 1
    statuses = {browser.model.hit_at(r).status for r in range(browser.model.rowCount())}
    browser.order.setCurrentIndex(browser.order.findData(BrowseOrder.DATE))
    (by_date,) = emitted(gui_env.loop, browser.searched, browser.search_now)
    times = [browser.model.hit_at(r).message_at or 0 for r in range(browser.model.rowCount())]
    assert times == sorted(times, reverse=True) and by_date == everything
    status = sorted(statuses)[0]
    (narrowed,) = emitted(
        gui_env.loop, browser.searched,
        lambda: browser.status.setCurrentIndex(browser.status.findData(status)),
    )  # fmt: skip
    assert 0 < narrowed <= everything
    assert {browser.model.hit_at(r).status for r in range(narrowed)} == {status}
    emitted(gui_env.loop, browser.searched, lambda: browser.status.setCurrentIndex(0))
    (count,) = emitted(gui_env.loop, browser.searched, lambda: browser.contact.setText("zzzz"))
    assert count == 0 and "No cached transcript matches" in browser.summary.text()
    assert browser.transcript.toPlainText() == ""


def export_dialog_at_a_match(gui_env: GuiEnv, window: Any) -> Any:
    """The export dialog of the browser, opened on a conversation that matched `WORD`."""
    browser = emitted_browser(gui_env, window)
    search(gui_env, browser, WORD)
    run_until(gui_env.loop, browser.conversationOpened, lambda: bool(browser._matches))
    browser.open_export()
    dialog = browser.export_dialog
    assert dialog is not None and dialog.this_one.isChecked()
    return dialog


def test_export_previews_redaction_and_writes_the_file(
    gui_env: GuiEnv, window: Any, tmp_path: Path
) -> None:
    dialog = export_dialog_at_a_match(gui_env, window)
    run_until(gui_env.loop, dialog.previewShown, lambda: "зонтик" in dialog.preview.toPlainText())
    assert "+7 912 345-67-89" in dialog.preview.toPlainText()
    dialog.redact.setChecked(True)
    run_until(gui_env.loop, dialog.previewShown, lambda: "[phone]" in dialog.preview.toPlainText())
    assert "+7 912 345-67-89" not in dialog.preview.toPlainText()
    dialog.format.setCurrentIndex(dialog.format.findText("Plain text"))
    target = tmp_path / "out.txt"
    (result,) = emitted(gui_env.loop, dialog.exported, lambda: dialog.export_to(target))
    assert result.conversations == 1 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert "мой телефон [phone]" in text and "345-67-89" not in text
    assert "Exported 1 conversation" in dialog.message.text()
    dialog.reject()


def test_a_pdf_export_from_the_window_holds_the_text(
    gui_env: GuiEnv, window: Any, tmp_path: Path
) -> None:
    """The window's PDF: Qt lays the pages out in a worker thread (the loop goes on), and the
    file holds the conversation as text."""
    dialog = export_dialog_at_a_match(gui_env, window)
    dialog.format.setCurrentIndex(dialog.format.findText("PDF document"))
    target = tmp_path / "out.pdf"
    (result,) = emitted(gui_env.loop, dialog.exported, lambda: dialog.export_to(target))
    assert result.conversations == 1
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "зонтик" in " ".join(text.split())
    assert list(tmp_path.glob("*.part")) == []
    dialog.reject()


def test_a_stopped_export_writes_nothing(gui_env: GuiEnv, window: Any, tmp_path: Path) -> None:
    browser = emitted_browser(gui_env, window)
    search(gui_env, browser, "")
    browser.open_export()
    dialog = browser.export_dialog
    assert dialog is not None and dialog.all_results.isEnabled()
    dialog.all_results.setChecked(True)
    target = tmp_path / "all.json"
    dialog.format.setCurrentIndex(dialog.format.findText("JSON"))

    def start_and_stop() -> None:
        dialog.export_to(target)
        dialog.cancel_or_close()  # Stop, before the first conversation was read

    emitted(gui_env.loop, dialog.exportEnded, start_and_stop)
    assert "nothing was written" in dialog.message.text()
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
    assert dialog.save_button.isEnabled() and dialog.cancel_button.text() == "Close"
    dialog.reject()


def test_results_model_and_proxy(qtmodeltester: Any) -> None:
    model = TranscriptResultsModel()
    hits = [
        TranscriptHit(display_id=n, contact_name=f"Contact {n}", inbox_name="Inbox",
                      status="resolved" if n % 2 else "open", assignee=None,
                      last_activity_at=1000.0 + n, message_id=None, message_at=None,
                      text="text")
        for n in range(1, 7)
    ]  # fmt: skip
    model.set_hits(hits)
    proxy = TranscriptResultsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_hide_resolved(True)
    assert proxy.rowCount() == 3
    qtmodeltester.check(proxy)
