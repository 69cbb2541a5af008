"""The transcript browser (Ctrl+Shift+F) and its export dialog, on a real synced cache with the
server gone: search with word forms and filters, open at the match, step through matches,
export with a redacted preview, cancel leaving nothing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from operator_desktop.services.transcripts import BrowseOrder, TranscriptHit
from operator_desktop.ui.common.language import LanguageSwitcher
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


def test_the_transcript_and_its_preview_follow_the_language(
    gui_env: GuiEnv, window: Any, qapp: QApplication
) -> None:
    """Headings, facts and tags of the open transcript and of the export preview are the
    window's language, and switch with it."""
    dialog = export_dialog_at_a_match(gui_env, window)
    browser = window.transcripts
    pane = browser.transcript
    assert f"Conversation #{CONVERSATION} with" in pane.toPlainText()
    run_until(gui_env.loop, dialog.previewShown, lambda: "Status: " in dialog.preview.toPlainText())
    languages = LanguageSwitcher(qapp)
    try:
        run_until(gui_env.loop, dialog.previewShown,
                  lambda: f"Диалог №{CONVERSATION} с" in dialog.preview.toPlainText(),
                  lambda: languages.apply("ru"))  # fmt: skip
        preview = dialog.preview.toPlainText()
        assert "Статус: " in preview and "Канал: " in preview and "Status" not in preview
        shown = pane.toPlainText()
        assert f"Диалог №{CONVERSATION} с" in shown and "Conversation #" not in shown
        assert "Начат" in shown and "Started" not in shown
        assert browser.current_match() is not None, "still at the match after the switch"
    finally:
        run_until(gui_env.loop, dialog.previewShown,
                  lambda: f"Conversation #{CONVERSATION} with" in dialog.preview.toPlainText(),
                  languages.remove)  # fmt: skip
    assert f"Conversation #{CONVERSATION} with" in pane.toPlainText()
    dialog.reject()


def test_a_stopped_export_writes_nothing(gui_env: GuiEnv, window: Any, tmp_path: Path) -> None:
    browser = emitted_browser(gui_env, window)
    search(gui_env, browser, "")
    dialog = opened_export(gui_env, browser)
    assert dialog.everything.isEnabled()
    dialog.everything.setChecked(True)
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


def opened_export(gui_env: GuiEnv, browser: TranscriptBrowser) -> Any:
    """The browser's export dialog (Export…), once it has counted everything matching."""
    browser.export_button.click()
    dialog = browser.export_dialog
    assert dialog is not None
    (count,) = emitted(gui_env.loop, dialog.matchingCounted)
    assert dialog.matching_count == count
    return dialog


def exported_ids(path: Path) -> list[int]:
    return [c["id"] for c in json.loads(path.read_text(encoding="utf-8"))["conversations"]]


def test_the_selected_results_are_exported_together(
    gui_env: GuiEnv, window: Any, tmp_path: Path
) -> None:
    browser = emitted_browser(gui_env, window)
    assert search(gui_env, browser, "") >= 3
    chosen = [browser.result_ids()[r] for r in (0, 2)]
    browser.results.selectionModel().clearSelection()

    def ctrl_click_two() -> None:
        for row in (0, 2):
            rect = browser.results.visualRect(browser.proxy.index(row, 0))
            QTest.mouseClick(browser.results.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.ControlModifier, rect.center())  # fmt: skip

    run_until(gui_env.loop, browser.conversationOpened, lambda: browser.current_id() == chosen[1],
              ctrl_click_two)  # fmt: skip
    assert browser.selected_ids() == chosen
    dialog = opened_export(gui_env, browser)
    assert dialog.selection.isChecked() and dialog.selection.text() == "2 selected"
    dialog.format.setCurrentIndex(dialog.format.findText("JSON"))
    target = tmp_path / "two.json"
    (result,) = emitted(gui_env.loop, dialog.exported, lambda: dialog.export_to(target))
    assert result.conversations == 2 and exported_ids(target) == chosen
    assert dialog.file_name() == "transcripts.json"
    dialog.reject()


def test_everything_matching_is_more_than_the_listed_results(
    gui_env: GuiEnv, window: Any, tmp_path: Path
) -> None:
    """The list shows the best few; "Everything matching" exports every conversation the
    words and filters match, counted from the cache (here the list is cut to 2)."""
    browser = emitted_browser(gui_env, window)
    browser.limit = 2
    status = browser.status
    status.setCurrentIndex(status.findData("open"))  # a filter the export must keep
    listed = search(gui_env, browser, "")
    ws = gui_env.workspace
    cached = gui_env.run(ws.worker.run(ws.cache.conversations, gui_env.controller.key))
    expected = [c.display_id for c in cached if c.status == "open" and c.present_on_server]
    assert listed == 2 < len(expected), "the demo has more open conversations than listed"
    dialog = opened_export(gui_env, browser)
    assert dialog.matching_count == len(expected)
    assert dialog.everything.text() == f"Everything matching ({len(expected)})"
    dialog.everything.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findText("JSON"))
    target = tmp_path / "open.json"
    (result,) = emitted(gui_env.loop, dialog.exported, lambda: dialog.export_to(target))
    assert result.conversations == len(expected)
    assert sorted(exported_ids(target)) == sorted(expected)
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
