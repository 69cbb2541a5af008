"""The conversation pane against the demo server: model, delegate, header, composer, pane.

Waiting: coroutines started from widgets (sends, reads on the database thread, httpx) must
step inside the *running* asyncio loop (httpx/anyio fail otherwise), so conditions are
awaited with `wait_until`, which polls them inside the qasync loop until a deadline, as
`qtbot.waitUntil` does outside it. No test waits a fixed time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import gc
import inspect
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState
from operator_desktop.core.text import is_executable_name
from operator_desktop.services.readmodel import ChatRow, MessageRow
from operator_desktop.ui.conversation.canned import (
    CannedModel,
    CodeRole,
    ContentRole,
    fuzzy_score,
    rank_canned,
)
from operator_desktop.ui.conversation.delegate import human_size
from operator_desktop.ui.conversation.header import snooze_presets, would_self_assign
from operator_desktop.ui.conversation.markdown import MarkdownCache, render_markdown
from operator_desktop.ui.conversation.model import (
    ControllerSource,
    MessageListModel,
    MessageRoles,
)
from operator_desktop.ui.conversation.pane import ConversationPane
from tests.conftest import api, unique_tag
from tests.fault_proxy import hold_db_lock
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread  # noqa: F401 - autouse; guards refcounts

# notices of the offscreen platform plugin, not of the code under test
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


# ---- helpers -------------------------------------------------------------------------------
def settles(test: Callable[..., None]) -> Callable[..., None]:
    """Run the test, then let background work finish inside the loop.

    pytest-qt processes Qt events after each test; asyncio tasks stepped there would run
    outside the loop. So: stop panes' timers and the engine, and drain the task runner.
    """

    @functools.wraps(test)
    def wrapper(*args: object, **kwargs: object) -> None:
        env = kwargs["gui_env"]
        assert isinstance(env, GuiEnv)
        try:
            test(*args, **kwargs)
        finally:
            quiesce(env)

    return wrapper


def quiesce(env: GuiEnv) -> None:
    """Stop timers and tasks, and free Qt objects here, on the GUI thread.

    Left to the garbage collector, a widget in a reference cycle could be destroyed from a
    worker thread that happens to trigger a collection ("Timers cannot be stopped from
    another thread").
    """
    for widget in QApplication.allWidgets():
        if isinstance(widget, ConversationPane):
            widget.shutdown()
    env.run(env.controller.actions.engine.stop())
    runner = env.controller.runner

    async def drain() -> None:
        idle = asyncio.Event()
        runner.busyChanged.connect(lambda busy: None if busy else idle.set())
        while runner.pending():
            idle.clear()
            await idle.wait()

    with contextlib.suppress(TimeoutError):
        env.run(drain(), 10)
    rest = [t for t in asyncio.all_tasks(env.loop) if not t.done()]  # e.g. start_live's task
    for task in rest:
        task.cancel()
    if rest:

        async def finish() -> None:
            await asyncio.gather(*rest, return_exceptions=True)

        env.run(finish())
    gc.collect()  # widgets of this test that sit in reference cycles go now, on this thread


def wait_until(
    env: GuiEnv, condition: Callable[[], bool | Awaitable[bool]], timeout: float = 20.0
) -> None:
    """`qtbot.waitUntil` with the asyncio loop running: re-check after Qt events, to a deadline.

    Every step of the qasync loop (timers, sockets, queued signals) is a Qt event, so the
    condition is re-checked whenever anything could have changed, and never on a clock.
    The condition may be a coroutine function (to read the cache on the database thread).
    """

    async def holds() -> bool:
        result = condition()
        return bool(await result) if inspect.isawaitable(result) else bool(result)

    async def poll() -> None:
        woke = asyncio.Event()
        waker = _EventWaker(woke)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(waker)
        try:
            while not await holds():
                woke.clear()
                await woke.wait()
        finally:
            app.removeEventFilter(waker)

    env.run(poll(), timeout)


class _EventWaker(QObject):
    """Sets an asyncio event whenever the application delivers any Qt event."""

    def __init__(self, woke: asyncio.Event) -> None:
        super().__init__()
        self._woke = woke

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: ARG002
        self._woke.set()
        return False


async def read_chat(env: GuiEnv, display_id: int) -> ChatRow:
    c = env.controller
    rows: list[ChatRow] = await c.read(c.readmodel.chat_rows, c.key, [display_id])
    return rows[0]


def chat_becomes(env: GuiEnv, display_id: int, test: Callable[[ChatRow], bool]) -> None:
    async def check() -> bool:
        return test(await read_chat(env, display_id))

    wait_until(env, check)


def wait_live(env: GuiEnv) -> None:
    """Until the cable subscription is confirmed (events from now on arrive live)."""
    wait_until(env, lambda: env.controller.actions.engine.status.cable is CableState.CONNECTED)


def chats(env: GuiEnv) -> list[ChatRow]:
    c = env.controller
    rows: list[ChatRow] = env.run(c.read(c.readmodel.chat_rows, c.key))
    return rows


def chat(env: GuiEnv, display_id: int) -> ChatRow:
    c = env.controller
    rows: list[ChatRow] = env.run(c.read(c.readmodel.chat_rows, c.key, [display_id]))
    return rows[0]


def model_rows(model: MessageListModel) -> list[MessageRow]:
    out = []
    for i in range(model.rowCount()):
        row = model.row_at(i)
        assert row is not None
        out.append(row)
    return out


def open_pane(env: GuiEnv, qtbot: QtBot, display_id: int, height: int = 800) -> ConversationPane:
    pane = ConversationPane(env.controller)
    qtbot.addWidget(pane)
    pane.resize(900, height)
    pane.show()
    env.run(pane.open_conversation(display_id))
    return pane


def open_chat_with_history(env: GuiEnv) -> int:
    """The open conversation with the most older messages on the server than in the cache."""
    c = env.controller
    best, best_older = 0, 0
    for row in chats(env):
        cached: list[MessageRow] = env.run(c.read(c.readmodel.messages, c.key, row.display_id))
        if row.status != "open" or not cached:
            continue
        older = env.run(c.actions.engine.client.messages(row.display_id, before=cached[0].id))
        if len(older) > best_older:
            best, best_older = row.display_id, len(older)
    assert best_older >= 10, "no conversation with older history in the demo data"
    return best


def open_chat(env: GuiEnv) -> int:
    return next(r.display_id for r in chats(env) if r.status == "open")


# ---- pure helpers --------------------------------------------------------------------------
def test_markdown_is_safe_and_links_are_clickable() -> None:
    html = render_markdown(
        "**bold** <script>alert(1)</script> `x<y` ![pic](http://img/a.png) "
        "[bad](javascript:alert(1)) see https://acme.inc/a?b=1."
    )
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<code>x&lt;y</code>" in html
    assert "<img" not in html and '<a href="http://img/a.png">' in html
    assert 'href="javascript' not in html
    assert '<a href="https://acme.inc/a?b=1">https://acme.inc/a?b=1</a>.' in html


def test_programs_and_scripts_are_recognised_whatever_their_name_hides() -> None:
    for name in ("setup.exe", "Invoice.PDF.exe", "invoice\u202egpj.exe", "run.sh", "x.desktop",
                 "report.js", "tool.exe. ", "Installer.MSI"):  # fmt: skip
        assert is_executable_name(name), name
    for name in ("photo.jpg", "exe", "contract.pdf", "notes.txt", "archive.tar.gz", ""):
        assert not is_executable_name(name), name


def test_markdown_cache_defers_long_texts() -> None:
    cache = MarkdownCache()
    assert cache.html(1, "short *text*") == "<p>short <em>text</em></p>"
    long_text = "word " * 1_000
    assert cache.html(2, long_text) is None
    assert cache.render_pending() == [2]
    assert (cache.html(2, long_text) or "").startswith("<p>word")


def test_fuzzy_ranking_prefers_codes_and_prefixes() -> None:
    assert fuzzy_score("thks", "thanks") is not None
    assert fuzzy_score("xyz", "thanks") is None
    prefix = fuzzy_score("ref", "refund")
    scattered = fuzzy_score("ref", "reply fast")
    assert prefix is not None and scattered is not None and prefix > scattered
    items = [("hello", "Hello!"), ("refund", "Refunds take 14 days"), ("thanks", "Thank you")]
    assert rank_canned("ref", items)[0][0] == "refund"
    assert rank_canned("days", items)[0][0] == "refund"  # by content
    assert [c for c, _ in rank_canned("", items)] == ["hello", "refund", "thanks"]


def test_canned_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CannedModel()
    items = [("thanks", "Thank you for\nwaiting!"), ("refund", "Your refund is on its way.")]
    model.set_items(items)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    first = model.index(0, 0)
    assert first.data() == "/thanks  —  Thank you for waiting!"
    assert first.data(CodeRole) == "thanks" and first.data(ContentRole) == items[0][1]
    model.set_items(rank_canned("ref", items))
    assert model.rowCount() == 1
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_small_helpers() -> None:
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    presets = snooze_presets(dt.datetime(2026, 3, 4, 15, 30))  # a Wednesday
    assert presets["tomorrow"].hour == 9 and presets["tomorrow"].day == 5
    assert presets["next_week"].weekday() == 0 and presets["next_week"].day == 9


# ---- model -----------------------------------------------------------------------------------
@settles
def test_model_passes_the_model_tester(gui_env: GuiEnv, qtmodeltester: object) -> None:
    c = gui_env.controller
    display_id = open_chat_with_history(gui_env)
    model = MessageListModel(ControllerSource(c), c.runner)
    gui_env.run(model.open(display_id))
    assert model.rowCount() > 0
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    first = model.index(0, 0)
    assert isinstance(model.data(first, MessageRoles.DaySeparator), str)
    assert model.data(first, MessageRoles.FirstOfRun) is True
    assert model.data(first, MessageRoles.Kind) in {"incoming", "outgoing", "activity", "private"}
    before = model.rowCount()
    wait_until(gui_env, lambda: model.rowCount() > before and not model.loading)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    ids = [r.id for r in model_rows(model)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


# ---- pane ------------------------------------------------------------------------------------
@settles
def test_open_shows_messages_at_the_bottom(gui_env: GuiEnv, qtbot: QtBot) -> None:
    c = gui_env.controller
    display_id = open_chat(gui_env)
    cached: list[MessageRow] = gui_env.run(c.read(c.readmodel.messages, c.key, display_id))
    pane = open_pane(gui_env, qtbot, display_id)
    assert pane.current_id == display_id
    shown = [r.id for r in model_rows(pane.model)]
    assert [r.id for r in cached] == shown[-len(cached) :]
    assert pane.header.title.text() == chat(gui_env, display_id).contact_name
    bar = pane.view.verticalScrollBar()
    wait_until(gui_env, lambda: bar.value() == bar.maximum())
    # the newest message is painted at the bottom of the viewport
    last = pane.model.index(pane.model.rowCount() - 1, 0)
    assert pane.view.visualRect(last).bottom() <= pane.view.viewport().height() + 1
    image = pane.grab().toImage()
    assert not image.isNull()


@settles
def test_empty_state_until_a_conversation_opens(gui_env: GuiEnv, qtbot: QtBot) -> None:
    pane = ConversationPane(gui_env.controller)
    qtbot.addWidget(pane)
    pane.show()
    assert pane.stack.currentWidget() is pane.empty
    assert pane.current_id is None
    gui_env.run(pane.open_conversation(open_chat(gui_env)))
    assert pane.stack.currentIndex() == 1
    pane.close_conversation()
    assert pane.stack.currentWidget() is pane.empty


@settles
def test_scrolling_back_loads_older_without_moving(gui_env: GuiEnv, qtbot: QtBot) -> None:
    display_id = open_chat_with_history(gui_env)
    pane = open_pane(gui_env, qtbot, display_id, height=560)
    model, view = pane.model, pane.view
    wait_until(gui_env, lambda: not model.loading)
    assert not model.history_complete
    before = model.loaded_count()
    oldest_before = model_rows(model)[0].id
    bar = view.verticalScrollBar()
    bar.setValue(0)  # the user scrolls to the top: this pages older rows in
    anchor = view.indexAt(QPoint(view.viewport().width() // 2, 1))
    anchor_id = model.data(anchor, MessageRoles.Id)
    anchor_top = view.visualRect(anchor).top()
    wait_until(gui_env, lambda: model.loaded_count() > before and not model.loading)
    rows = model_rows(model)
    assert rows[0].id < oldest_before
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    row = model.row_of(anchor_id)
    assert row is not None
    assert abs(view.visualRect(model.index(row, 0)).top() - anchor_top) <= 1
    assert not view.sticking


@settles
def test_reply_shows_pending_then_one_server_row(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    model = pane.model
    text = f"Checking your order now ({unique_tag()})"
    QTest.keyClicks(pane.composer.edit, text)
    QTest.keyClick(pane.composer.edit, Qt.Key.Key_Return)
    assert pane.composer.text() == ""

    def mine() -> list[MessageRow]:
        return [r for r in model_rows(model) if r.content == text]

    wait_until(gui_env, lambda: bool(mine()))
    first = mine()[0]
    if first.outbox_id is not None:
        assert first.status in {"pending", "sending", "sent"}
    wait_until(gui_env, lambda: len(mine()) == 1 and mine()[0].outbox_id is None)
    wait_until(gui_env, lambda: not any(r.outbox_id for r in model_rows(model)))
    row = mine()[0]
    assert len(mine()) == 1 and row.id > 0
    index = model.index(model.row_of(row.id) or 0, 0)
    assert model.data(index, MessageRoles.Kind) == "outgoing"
    assert model.data(index, MessageRoles.Status) in {"sent", "delivered"}
    gui_env.control(action="act", op="customer_read", conversation_id=display_id)
    wait_until(gui_env, lambda: mine()[0].status == "read")
    assert model.data(model.index(model.row_of(row.id) or 0, 0), MessageRoles.Status) == "read"
    bar = pane.view.verticalScrollBar()
    assert bar.value() == bar.maximum()


@settles
def test_private_note(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    pane.composer.set_private(True)
    assert "#composerEdit" in pane.composer.edit.styleSheet()
    text = f"Internal: check the warehouse ({unique_tag()})"
    pane.composer.set_text(text)
    pane.composer.send()

    def note() -> MessageRow | None:
        found = [r for r in model_rows(pane.model) if r.content == text and r.outbox_id is None]
        return found[0] if found else None

    wait_until(gui_env, lambda: note() is not None)
    row = note()
    assert row is not None and row.private
    index = pane.model.index(pane.model.row_of(row.id) or 0, 0)
    assert pane.model.data(index, MessageRoles.Kind) == "private"


@settles
def test_canned_response_from_the_slash_popup(gui_env: GuiEnv, qtbot: QtBot) -> None:
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    canned = dict(gui_env.controller.reference.canned)
    edit = pane.composer.edit
    edit.setFocus()
    QTest.keyClicks(edit, "Hi! /thnk")
    popup = pane.composer.popup
    assert popup.isVisible()
    assert popup.canned.items[0][0] == "thanks"
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert not popup.isVisible()
    assert pane.composer.text() == "Hi! " + canned["thanks"]
    QTest.keyClicks(edit, " /zzzzqq")
    assert not popup.isVisible()


@settles
def test_attachment_is_sent(gui_env: GuiEnv, qtbot: QtBot, tmp_path: Path) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    picture = tmp_path / "screenshot.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(picture))
    pane.composer.add_files([str(picture)])
    assert pane.composer.chips.isVisibleTo(pane.composer)
    text = f"Here is the picture ({unique_tag()})"
    pane.composer.set_text(text)
    pane.composer.send()
    assert pane.composer.files == []

    def sent() -> MessageRow | None:
        found = [r for r in model_rows(pane.model) if r.content == text and r.outbox_id is None]
        return found[0] if found else None

    wait_until(gui_env, lambda: sent() is not None and bool(sent().attachments))  # type: ignore[union-attr]
    row = sent()
    assert row is not None
    assert row.attachments[0].file_type == "image"
    # the thumbnail loads in the background and the row is repainted
    att = row.attachments[0]
    pane.thumbs.pixmap(att)
    wait_until(gui_env, lambda: pane.thumbs.pixmap(att) is not None or pane.thumbs.failed(att.id))
    assert not pane.thumbs.failed(att.id)


class PixelServer:
    """A loopback web server that counts what is asked of it (a tracking pixel's host)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.paths: list[str] = []
        paths = self.paths

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
                return None

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@settles
def test_hostile_message_content_is_inert_and_loads_nothing(gui_env: GuiEnv, qtbot: QtBot) -> None:
    pixel = PixelServer()
    try:
        gui_env.start_live()
        display_id = open_chat(gui_env)
        pane = open_pane(gui_env, qtbot, display_id)
        wait_live(gui_env)
        hostile = (
            f'HOSTILE <img src="{pixel.url}/html.png"> <script>alert(1)</script>'
            f" ![md]({pixel.url}/markdown.png) [open](javascript:alert(1)) [disk](file:///etc/passwd)"
            " \u202eexe.txt \u200bzero\u200dwidth "
        )
        hostile += "x" * (150_000 - len(hostile))  # the longest message Chatwoot accepts
        gui_env.control(
            action="act", op="customer_write", content=hostile, conversation_id=display_id
        )
        wait_until(
            gui_env,
            lambda: any((r.content or "").startswith("HOSTILE") for r in model_rows(pane.model)),
            timeout=30,
        )
        for _ in range(3):  # paint it, and let the long text render in the background
            pane.grab()
            QApplication.processEvents()
        html = render_markdown(hostile)
        assert "<img" not in html and "<script" not in html
        assert 'href="javascript' not in html and 'href="file' not in html
        assert len(html) < 10_000  # a long message shows its start; Copy gives the rest
        assert len(render_markdown(hostile + "y" * 1_000_000)) < 10_000  # a hostile server's 1 MB
        assert pixel.paths == []  # nothing remote was loaded without a click
    finally:
        pixel.close()


@settles
def test_a_program_attachment_is_never_opened_only_saved_after_a_warning(
    gui_env: GuiEnv, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    from operator_desktop.services.readmodel import AttachmentRow

    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    att = AttachmentRow(
        id=1, file_type="file", name="invoice\u202egpj.exe", file_size=10, width=None,
        height=None, data_url="http://127.0.0.1:9/x", thumb_url=None, local_path=None,
        thumb_local_path=None,
    )  # fmt: skip
    box = pane.open_file(att)
    assert box is not None and box.isVisible() and opened == []
    assert "invoicegpj.exe" in box.text() and "\u202e" not in box.text()
    save = next(b for b in box.buttons() if b.text() == "Save As…")
    save.click()
    dialogs = [w for w in pane.findChildren(QFileDialog) if w.isVisible()]
    assert len(dialogs) == 1 and "\u202e" not in dialogs[0].selectedFiles()[0]
    dialogs[0].reject()
    assert opened == []


@settles
def test_header_actions_update_the_cached_chat(gui_env: GuiEnv, qtbot: QtBot) -> None:
    c = gui_env.controller
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    header = pane.header
    assert header.resolve_button.text() == "Resolve"

    pane.resolve()
    chat_becomes(gui_env, display_id, lambda r: r.status == "resolved")
    wait_until(gui_env, lambda: header.resolve_button.text() == "Reopen")

    until = time.time() + 7200
    header.snooze(until)
    chat_becomes(gui_env, display_id, lambda r: r.status == "snoozed")
    assert abs((chat(gui_env, display_id).snoozed_until or 0) - until) < 2

    agent = next(a for a in c.reference.agents if a.name == "Maria Garcia")  # in every inbox
    header.assign(agent.id)
    chat_becomes(gui_env, display_id, lambda r: r.assignee_id == agent.id)
    pane.assign_to_me()
    chat_becomes(gui_env, display_id, lambda r: r.assignee_id == c.user_id)

    label = c.reference.labels[0].name
    had = label in chat(gui_env, display_id).labels
    header.toggle_label(label, not had)
    chat_becomes(gui_env, display_id, lambda r: (label in r.labels) != had)
    wait_until(gui_env, lambda: (label in (header.row.labels if header.row else ())) != had)

    header.set_priority("urgent")
    chat_becomes(gui_env, display_id, lambda r: r.priority == "urgent")


@settles
def test_narrow_header_moves_actions_into_more(gui_env: GuiEnv, qtbot: QtBot) -> None:
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    header = pane.header
    assert header.overflowed() == [] and not header.more_button.isVisible()

    pane.resize(480, 800)  # a 1366 px laptop with wide side columns, or a long translation
    qtbot.waitUntil(lambda: bool(header.overflowed()))
    assert header.more_button.isVisible() and header.resolve_button.isVisible()
    assert all(not b.isVisible() for b in header.overflowed())
    assert pane.minimumSizeHint().width() <= 480
    assert header.subtitle.minimumSizeHint().width() == 0  # elided, with a tooltip
    assert header.subtitle.toolTip() == header.subtitle.text()

    header.more_menu.aboutToShow.emit()
    entries = {a.text(): a for a in header.more_menu.actions()}
    assert {b.text().removesuffix(" ▾") for b in header.overflowed()} == set(entries)
    assert header.pending_button in header.overflowed()
    entries["Pending"].trigger()  # the same action as the button
    chat_becomes(gui_env, display_id, lambda r: r.status == "pending")
    assert entries["Team"].menu() is header.team_menu

    pane.resize(1400, 800)
    qtbot.waitUntil(lambda: not header.overflowed())
    assert not header.more_button.isVisible() and header.team_button.isVisible()


@settles
def test_snooze_dialog_is_not_modal_loop(gui_env: GuiEnv, qtbot: QtBot) -> None:
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    dialog = pane.header.open_snooze_dialog()
    assert dialog.isVisible()  # open() returned at once
    dialog.edit.setDateTime(dialog.edit.dateTime().addSecs(3600))
    dialog.accept()
    chat_becomes(gui_env, display_id, lambda r: r.status == "snoozed")


@settles
def test_agent_is_warned_before_taking_over(gui_env: GuiEnv, qtbot: QtBot) -> None:
    c = gui_env.controller
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    other = next(a for a in c.reference.agents if a.name == "Maria Garcia")  # in every inbox
    pane.header.assign(other.id)
    pane.header.request_status("resolved")
    chat_becomes(
        gui_env, display_id, lambda r: r.status == "resolved" and r.assignee_id == other.id
    )
    wait_until(
        gui_env, lambda: pane.header.row is not None and pane.header.row.status == "resolved"
    )
    row = pane.header.row
    assert row is not None
    assert would_self_assign(row, "open", "agent", c.user_id)
    assert not would_self_assign(row, "open", "administrator", c.user_id)
    c.role = "agent"
    try:
        pane.header.resolve_button.click()  # "Reopen"
        box = pane.header._confirm
        assert isinstance(box, QMessageBox) and box.isVisible()
        pending = next(b for b in box.buttons() if b.text() == "Set pending instead")
        pending.click()
    finally:
        c.role = "administrator"
    chat_becomes(gui_env, display_id, lambda r: r.status == "pending")
    assert chat(gui_env, display_id).assignee_id == other.id


@settles
def test_typing_indicator(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    wait_live(gui_env)
    name = chat(gui_env, display_id).contact_name

    def typing_on() -> bool:
        gui_env.control(action="act", op="customer_typing", on=True, conversation_id=display_id)
        return True

    typing_on()
    wait_until(gui_env, lambda: "typing" in pane.typing_label.text(), timeout=30)
    assert name in pane.typing_label.text()
    gui_env.control(action="act", op="customer_typing", on=False, conversation_id=display_id)
    wait_until(gui_env, lambda: pane.typing_label.text() == "")


@settles
def test_rejected_reply_shows_a_failed_bubble_with_retry(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    pane.composer.set_text("x" * 150_001)
    pane.composer.send()

    def failed() -> MessageRow | None:
        found = [r for r in model_rows(pane.model) if r.status == "failed"]
        return found[0] if found else None

    wait_until(gui_env, lambda: failed() is not None)
    row = failed()
    assert row is not None and row.outbox_id is not None
    assert "too long" in (row.error or "")
    index = pane.model.index(pane.model.row_of(row.id) or 0, 0)
    assert pane.model.data(index, MessageRoles.Error) == row.error
    layout = pane.delegate.layout_for(index)
    assert layout.failure_rect is not None and "retry" in layout.failure_text.lower()
    hit = pane.delegate.hit_test(index, layout.failure_rect.center())
    assert hit is not None and hit.kind == "retry"
    menu = pane.build_menu(row)
    texts = [a.text() for a in menu.actions()]
    assert {"Retry", "Edit…", "Discard"} <= set(texts)
    # edit the text down to size and send again: the failed bubble becomes a server message
    dialog = pane.edit_failed(row.id)
    assert dialog is not None and dialog.isVisible()
    dialog.edit.setPlainText("Shorter text after a failure")
    dialog.accept()
    wait_until(
        gui_env,
        lambda: any(
            r.content == "Shorter text after a failure" and r.outbox_id is None
            for r in model_rows(pane.model)
        ),
    )
    assert failed() is None


@settles
def test_reply_to_a_message_from_the_context_menu(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    target = next(r for r in reversed(model_rows(pane.model)) if r.content and r.is_incoming)
    menu = pane.build_menu(target)
    reply = next(a for a in menu.actions() if a.text() == "Reply")
    reply.trigger()
    assert pane.composer.in_reply_to == target.id
    assert pane.composer.reply_bar.isVisibleTo(pane.composer)
    pane.composer.set_text("Answering your question")
    pane.composer.send()

    def sent() -> MessageRow | None:
        found = [
            r
            for r in model_rows(pane.model)
            if r.content == "Answering your question" and r.outbox_id is None
        ]
        return found[0] if found else None

    wait_until(gui_env, lambda: sent() is not None)
    row = sent()
    assert row is not None and row.in_reply_to == target.id
    assert row.reply_preview and (target.content or "").startswith(row.reply_preview[:20])


@settles
def test_a_reply_that_cannot_be_queued_goes_back_into_the_composer(
    gui_env: GuiEnv, qtbot: QtBot
) -> None:
    """Another process holds the cache past the writer's patience when Send is pressed: the
    reply, its reply-to and its mode come back into the composer with the error shown, and
    sending again once the cache is free delivers it once."""
    gui_env.start_live()
    pane = open_pane(gui_env, qtbot, open_chat(gui_env))
    target = next(r for r in reversed(model_rows(pane.model)) if r.content and r.is_incoming)
    errors: list[OperatorError] = []
    gui_env.controller.errorRaised.connect(errors.append)
    text = "Your parcel left the warehouse today"
    gui_env.workspace.worker.lock_patience = 0.3
    with hold_db_lock(gui_env.workspace.data_dir.cache_file):
        pane.composer.set_reply_to(target.id, target.content or "")
        pane.composer.set_text(text)
        pane.composer.send()
        wait_until(gui_env, lambda: bool(errors))
    assert errors[0].code is ErrorCode.CACHE_BUSY
    assert pane.composer.text() == text
    assert pane.composer.in_reply_to == target.id and not pane.composer.is_private
    pane.composer.send()

    def delivered() -> list[MessageRow]:
        return [r for r in model_rows(pane.model) if r.content == text and r.outbox_id is None]

    wait_until(gui_env, lambda: bool(delivered()))
    assert len(delivered()) == 1 and delivered()[0].in_reply_to == target.id
    assert pane.composer.text() == ""


@settles
def test_draft_is_restored(gui_env: GuiEnv, qtbot: QtBot) -> None:
    ids = [r.display_id for r in chats(gui_env) if r.status == "open"][:2]
    pane = open_pane(gui_env, qtbot, ids[0])
    QTest.keyClicks(pane.composer.edit, "half-written answer")
    gui_env.run(pane.open_conversation(ids[1]))
    assert pane.composer.text() == ""
    gui_env.run(pane.open_conversation(ids[0]))
    assert pane.composer.text() == "half-written answer"


@settles
def test_a_draft_is_saved_while_the_operator_is_still_typing(gui_env: GuiEnv, qtbot: QtBot) -> None:
    """Saved within a second of the first unsaved keystroke, not only after a pause: a kill
    in the middle of a long answer loses under a second of it."""
    display_id = next(r.display_id for r in chats(gui_env) if r.status == "open")
    pane = open_pane(gui_env, qtbot, display_id)
    typist = QTimer()
    typist.setInterval(100)  # a key every 100 ms: never a pause as long as the save delay
    typist.timeout.connect(lambda: QTest.keyClicks(pane.composer.edit, "a"))
    typed_when_saved: list[int] = []

    def on_change(change: ChangeSet) -> None:
        if display_id in change.drafts and typist.isActive():  # saved while typing goes on
            typed_when_saved.append(len(pane.composer.text()))

    gui_env.controller.changed.connect(on_change)
    typist.start()
    try:
        wait_until(gui_env, lambda: bool(typed_when_saved), timeout=10)
    finally:
        typist.stop()
        gui_env.controller.changed.disconnect(on_change)
    assert typed_when_saved[0] <= 12  # within about a second of typing (a key per 100 ms)
    draft = gui_env.run(gui_env.controller.actions.draft(display_id))
    assert draft is not None and draft[0] and set(draft[0]) == {"a"}


@settles
def test_incoming_message_appears_in_place(gui_env: GuiEnv, qtbot: QtBot) -> None:
    gui_env.start_live()
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    wait_live(gui_env)
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    newest = model_rows(pane.model)[-1].id
    gui_env.control(
        action="act", op="customer_write", content="One more thing", conversation_id=display_id
    )
    wait_until(gui_env, lambda: model_rows(pane.model)[-1].id > newest, timeout=30)
    rows = model_rows(pane.model)
    assert rows[-1].content == "One more thing" and rows[-1].is_incoming
    assert [r.content for r in rows].count("One more thing") == 1
    assert resets == []
    bar = pane.view.verticalScrollBar()
    wait_until(gui_env, lambda: bar.value() == bar.maximum())  # it was at the bottom: stays


@pytest.mark.parametrize("dark", [False, True])
@settles
def test_pane_renders_in_both_themes(gui_env: GuiEnv, qtbot: QtBot, dark: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from operator_desktop.ui.common.theme import ThemeMode, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeMode.DARK if dark else ThemeMode.LIGHT)
    try:
        pane = open_pane(gui_env, qtbot, open_chat(gui_env))
        pane.refresh_theme()
        image = pane.grab().toImage()
        assert not image.isNull()
        corner = image.pixelColor(5, image.height() // 2)
        assert (corner.lightness() < 128) == dark
    finally:
        apply_theme(app, ThemeMode.LIGHT)


def test_only_web_links_are_made_from_messages() -> None:
    html = render_markdown(
        "[a](file:///etc/passwd) [b](smb://host/share) [c](vbscript:x) mail me: jo@acme.example "
        "[ok](https://acme.example/x)"
    )
    for scheme in ("file:", "smb:", "vbscript:", "mailto:"):
        assert f'href="{scheme}' not in html, scheme
    assert '<a href="https://acme.example/x">ok</a>' in html


@settles
def test_day_separators_are_relabelled_at_midnight(gui_env: GuiEnv) -> None:
    c = gui_env.controller
    display_id = open_chat_with_history(gui_env)
    model = MessageListModel(ControllerSource(c), c.runner)
    gui_env.run(model.open(display_id))
    last = model.index(model.rowCount() - 1, 0)
    newest_day = QDateTime.fromSecsSinceEpoch(int(model_rows(model)[-1].created_at)).date()
    model.today = lambda: newest_day  # the newest message was written "today"
    model._midnight_timer.timeout.emit()
    start = model.rowCount() - 1
    while start > 0 and model.data(model.index(start, 0), MessageRoles.DaySeparator) is None:
        start -= 1
    separator = model.index(start, 0)
    assert model.data(separator, MessageRoles.DaySeparator) == "Today"
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), b.row())))
    model.today = lambda: newest_day.addDays(1)  # past midnight
    model._midnight_timer.timeout.emit()
    assert changed == [(0, last.row())]
    assert model.data(separator, MessageRoles.DaySeparator) == "Yesterday"
    assert model._midnight_timer.isActive()


@settles
def test_a_message_in_the_open_conversation_is_seen(gui_env: GuiEnv, qtbot: QtBot) -> None:
    """The operator is looking at the chat: no badge, and the server is told it was seen."""
    gui_env.start_live()
    display_id = open_chat(gui_env)
    pane = open_pane(gui_env, qtbot, display_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    wait_live(gui_env)
    newest = model_rows(pane.model)[-1].id
    gui_env.control(
        action="act", op="customer_write", content="Are you there?", conversation_id=display_id
    )
    wait_until(gui_env, lambda: model_rows(pane.model)[-1].id > newest, timeout=30)

    def unread_on_server() -> int:
        with api(gui_env.url) as client:
            conv = client.get(f"/api/v1/accounts/1/conversations/{display_id}").json()
        return int(conv["unread_count"])

    # the server's count can be 0 at once (its seen time has whole seconds, and the message
    # may share the second of the opening), so wait for both: the pane marks it read here
    # and tells the server
    async def read_everywhere() -> bool:
        c = gui_env.controller
        (row,) = await c.read(c.readmodel.chat_rows, c.key, [display_id])
        return row.unread_count == 0 and unread_on_server() == 0

    wait_until(gui_env, read_everywhere, timeout=30)
    assert chat(gui_env, display_id).unread_count == 0
