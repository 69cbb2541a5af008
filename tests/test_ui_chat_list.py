"""The chat list: model, order/filter proxies, painted delegate and the widget.

GUI tests run against the demo server's seeded account 1 (60 conversations) through a real
controller and SQLite cache (`gui_env`); live updates come from the demo server's control
endpoint (a customer writes or types) over the real cable. Pure helpers (waiting colours,
badge text, time labels, avatars) are tested without Qt widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, SignalInstance
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.status import CableState
from operator_desktop.services.readmodel import ChatRow, NamedItem, Reference
from operator_desktop.storage import schema as s
from operator_desktop.ui.chat_list.delegate import (
    ChatListDelegate,
    WaitingLevel,
    channel_kind,
    unread_badge_text,
    waiting_level,
)
from operator_desktop.ui.chat_list.model import FIRST_SCREEN_ROWS, ChatListModel, ChatRoles
from operator_desktop.ui.chat_list.proxy import (
    ChatListProxy,
    ChatSort,
    ChatTab,
    activity_sort_key,
    waiting_sort_key,
)
from operator_desktop.ui.chat_list.widget import ChatListWidget
from operator_desktop.ui.common.avatars import avatar_color_name, initials
from operator_desktop.ui.common.theme import DARK, LIGHT, AppColors, Theme, ThemeMode, apply_theme
from operator_desktop.ui.common.timefmt import list_time, short_duration
from tests.gui_support import GuiEnv
from tests.rows import chat
from tests.ui_waits import collect_on_main_thread  # noqa: F401 - autouse: GC on the GUI thread

T = TypeVar("T")


# ---- helpers ------------------------------------------------------------------------------
def proxy_ids(proxy: ChatListProxy) -> list[int]:
    return [proxy.index(r, 0).data(ChatRoles.DisplayId) for r in range(proxy.rowCount())]


def all_rows(env: GuiEnv) -> list[ChatRow]:
    c = env.controller
    rows: list[ChatRow] = run(env, c.read(c.readmodel.chat_rows, c.key))
    return rows


def conversations_mentioning(env: GuiEnv, stem: str) -> set[int]:
    """Display ids whose cached messages contain `stem` (case-insensitive, any script)."""
    c = env.controller

    def contents() -> list[tuple[int, str]]:
        query = s.Message.select(s.Message.conversation_id, s.Message.content).where(
            c.actions.engine.cache.scoped(s.Message, c.key)
        )
        return [(m.conversation_id, m.content or "") for m in query]

    pairs = run(env, c.actions.worker.run(contents))
    return {conv for conv, text in pairs if stem.casefold() in text.casefold()}


def run(env: GuiEnv, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
    """Like `GuiEnv.run`, but never runs loop callbacks while no asyncio loop is running.

    WORKAROUND (qasync 0.28): `QEventLoop.run_until_complete` ends with one more
    `processEvents()` after it has cleared the running loop; a task step queued at that moment
    (the live engine's cable reader) then fails with "no running event loop" and dies. Here the
    loop is stopped instead, and what is queued runs at the next `run`.
    """
    loop = env.loop
    future = asyncio.ensure_future(asyncio.wait_for(coro, timeout), loop=loop)
    future.add_done_callback(lambda _f: loop.stop())
    loop.run_forever()
    return future.result()


async def until(
    predicate: Callable[[], bool], *signals: SignalInstance, limit: float = 45.0
) -> None:
    """Wait (inside `GuiEnv.run`, so tasks run) until `predicate()`; re-check on `signals`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TimeoutError("condition not met")
        woken: asyncio.Future[None] = loop.create_future()

        def wake(*_args: object, fut: asyncio.Future[None] = woken) -> None:
            if not fut.done():
                fut.set_result(None)

        for signal in signals:
            signal.connect(wake)
        try:
            await asyncio.wait_for(woken, remaining)
        except TimeoutError:
            if not predicate():
                raise
        finally:
            for signal in signals:
                signal.disconnect(wake)


async def next_emission(signal: SignalInstance, limit: float = 10.0) -> list[Any]:
    """The arguments of `signal`'s next emission (await inside `GuiEnv.run`)."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[list[Any]] = loop.create_future()

    def got(*args: Any) -> None:
        if not fut.done():
            fut.set_result(list(args))

    signal.connect(got)
    try:
        return await asyncio.wait_for(fut, limit)
    finally:
        signal.disconnect(got)


def label_filter(widget: ChatListWidget) -> str | None:
    return widget.proxy.label


@contextlib.contextmanager
def live_engine(env: GuiEnv) -> Iterator[None]:
    """The engine runs live (cable, polling) inside the block and is fully stopped after."""
    c = env.controller
    task = env.start_live()

    async def finish() -> None:
        await c.actions.engine.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    try:
        run(
            env,
            until(lambda: c.actions.engine.status.cable is CableState.CONNECTED, c.statusChanged),
        )
        yield
    finally:
        run(env, finish())


@pytest.fixture
def loaded_widget(gui_env: GuiEnv, qtbot: Any) -> Iterator[ChatListWidget]:
    widget = ChatListWidget(gui_env.controller)
    qtbot.addWidget(widget)
    widget.resize(380, 720)
    run(gui_env, widget.load())
    yield widget


# ---- pure helpers -------------------------------------------------------------------------
def test_waiting_level_thresholds() -> None:
    assert waiting_level(0) is WaitingLevel.NORMAL
    assert waiting_level(119.9) is WaitingLevel.NORMAL
    assert waiting_level(120) is WaitingLevel.AMBER
    assert waiting_level(299) is WaitingLevel.AMBER
    assert waiting_level(300) is WaitingLevel.RED
    assert waiting_level(86_400) is WaitingLevel.RED
    assert waiting_level(50, amber_after=30, red_after=60) is WaitingLevel.AMBER
    assert waiting_level(61, amber_after=30, red_after=60) is WaitingLevel.RED
    assert WaitingLevel.AMBER.value == "amber" and hasattr(LIGHT, WaitingLevel.RED.value)


def test_unread_badge_caps_at_ten() -> None:
    assert unread_badge_text(0) == ""
    assert unread_badge_text(3) == "3"
    assert unread_badge_text(9) == "9"
    assert unread_badge_text(10) == "10+"
    assert unread_badge_text(57) == "10+"


def test_channel_kinds() -> None:
    assert channel_kind("Channel::WebWidget") == "web"
    assert channel_kind("Channel::Email") == "email"
    assert channel_kind("Channel::Api") == "api"
    assert channel_kind("Channel::Telegram") == "other"
    assert channel_kind(None) == "other"


def test_time_labels() -> None:
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    now = time.mktime((2026, 3, 12, 15, 30, 0, 0, 0, -1))  # a Thursday, local time
    assert list_time(now - 600, now, english) == "15:20"
    assert list_time(now - 86_400, now, english) == "Wed"
    assert list_time(now - 10 * 86_400, now, english) == "2 Mar"
    assert list_time(now - 400 * 86_400, now, english).endswith("2025")
    assert [short_duration(x) for x in (5, 240, 7_300, 200_000)] == ["5s", "4m", "2h", "2d"]


def test_avatars_are_stable() -> None:
    assert initials("Екатерина Соколова") == "ЕС"
    assert initials("Isla  Maria King") == "IK"
    assert initials("cher") == "C"
    assert initials("") == "?"
    assert avatar_color_name("Isla King") == avatar_color_name("isla king ")


# ---- order and filter proxies without a server -------------------------------------------
def test_order_model_moves_rows_in_place(qtmodeltester: Any) -> None:
    model = ChatListModel(None)
    model.set_rows([chat(i) for i in range(1, 21)])
    proxy = ChatListProxy(user_id=7)
    proxy.setSourceModel(model)
    proxy.clear_filters(tab=ChatTab.ALL, status=None)
    qtmodeltester.check(proxy)
    ordered = proxy.order_model()
    assert ordered is not None
    qtmodeltester.check(ordered)
    assert proxy_ids(proxy) == list(range(20, 0, -1))  # newest activity first
    resets: list[int] = []
    proxy.modelAboutToBeReset.connect(lambda: resets.append(1))

    model.merge_rows([chat(3, last_activity_at=1_800_000_000.0, unread_count=2)], asked={3})
    assert proxy_ids(proxy)[0] == 3
    model.merge_rows([], asked={5})  # gone from the cache
    assert 5 not in proxy_ids(proxy)
    model.merge_rows([chat(40), chat(41, last_activity_at=1.0)], asked={40, 41})
    assert proxy_ids(proxy)[-1] == 41 and 40 in proxy_ids(proxy)
    model.merge_rows([chat(i, last_activity_at=2_000_000_000.0 - i) for i in range(100, 150)], None)
    assert proxy_ids(proxy)[:3] == [100, 101, 102]  # a bulk insert is sorted in too
    proxy.set_sort(ChatSort.WAITING_TIME)
    proxy.set_sort(ChatSort.LAST_ACTIVITY)
    assert resets == []


def test_order_and_filter_stay_exact_under_random_updates(qtmodeltester: Any) -> None:
    rnd = random.Random(3)

    def random_row(display_id: int) -> ChatRow:
        return chat(
            display_id,
            status=rnd.choice(["open", "open", "pending", "resolved"]),
            last_activity_at=float(rnd.randint(0, 500)),  # ties on purpose
            waiting_since=rnd.choice([None, float(rnd.randint(0, 500))]),
            assignee_id=rnd.choice([None, 1, 2]),
        )

    model = ChatListModel(None)
    model.set_rows([random_row(i) for i in range(1, 80)])
    proxy = ChatListProxy(user_id=1)
    proxy.setSourceModel(model)
    proxy.set_tab(ChatTab.ALL)
    qtmodeltester.check(proxy)
    ordered = proxy.order_model()
    assert ordered is not None
    next_id = 1000
    for step in range(400):
        ids = [r.display_id for r in model.rows()]
        dice = rnd.random()
        if dice < 0.6:
            picked = rnd.sample(ids, min(len(ids), rnd.randint(1, 5)))
            model.merge_rows([random_row(i) for i in picked], asked=set(picked))
        elif dice < 0.8:
            count = rnd.choice([1, 2, 40])  # 40: the bulk insert path
            fresh = [random_row(next_id + k) for k in range(count)]
            next_id += count
            model.merge_rows(fresh, asked={r.display_id for r in fresh})
        elif ids:
            model.merge_rows([], asked={rnd.choice(ids)})  # gone from the cache
        if step % 7 == 0:  # often: the proxy keeps each row's verdict until rows change
            mode = rnd.choice(list(ChatSort))
            proxy.set_sort(mode)
            proxy.set_tab(rnd.choice(list(ChatTab)))
        key = activity_sort_key if proxy.sort_mode is ChatSort.LAST_ACTIVITY else waiting_sort_key
        wanted = [
            r
            for r in model.rows()
            if r.status == "open"
            and (
                proxy.tab is ChatTab.ALL
                or (proxy.tab is ChatTab.MINE and r.assignee_id == 1)
                or (proxy.tab is ChatTab.UNASSIGNED and r.assignee_id is None)
            )
        ]
        assert proxy_ids(proxy) == [r.display_id for r in sorted(wanted, key=key)]
        for source_row in range(model.rowCount()):
            mapped = ordered.mapFromSource(model.index(source_row, 0))
            assert ordered.mapToSource(mapped).row() == source_row


def test_sort_keys_order_waiting_first() -> None:
    rows = [
        chat(1, waiting_since=None, last_activity_at=50.0),
        chat(2, waiting_since=10.0),
        chat(3, waiting_since=5.0),
        chat(4, waiting_since=None, last_activity_at=90.0),
    ]
    assert [r.display_id for r in sorted(rows, key=waiting_sort_key)] == [3, 2, 4, 1]
    assert [r.display_id for r in sorted(rows, key=activity_sort_key)] == [3, 2, 4, 1]


def test_model_coalesces_change_sets(gui_env: GuiEnv) -> None:
    c = gui_env.controller
    model = ChatListModel(c)
    run(gui_env, model.load())
    ids = [r.display_id for r in model.rows()[:3]]
    for display_id in ids:
        model.apply(ChangeSet(c.key, conversations={display_id}))
    model.apply(ChangeSet(AccountKey("https://elsewhere", 9), conversations={ids[0]}))
    assert model.busy
    run(gui_env, until(lambda: not model.busy, model.updated))
    assert model.fetches == 1


# ---- the model and proxies on real data ---------------------------------------------------
def test_model_and_proxy_pass_the_model_tester(gui_env: GuiEnv, qtmodeltester: Any) -> None:
    c = gui_env.controller
    model = ChatListModel(c)
    resets: list[int] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    run(gui_env, model.load())
    assert model.rowCount() == 60 and resets == [1]  # the initial load is the only reset
    qtmodeltester.check(model)
    proxy = ChatListProxy(c.user_id)
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.clear_filters(tab=ChatTab.ALL, status=None)
    assert proxy.rowCount() == 60
    first = proxy.index(0, 0)
    row = first.data(ChatRoles.Row)
    assert isinstance(row, ChatRow)
    assert first.data(ChatRoles.ContactName) == row.contact_name
    assert first.data(ChatRoles.Initials) == initials(row.contact_name)
    assert first.data(ChatRoles.Labels) == list(row.labels)
    assert first.data(ChatRoles.Typing) == ""
    assert first.data(Qt.ItemDataRole.DisplayRole) == row.contact_name
    assert b"contactName" in model.roleNames().values()


def test_first_screen_paints_before_the_rest_is_read(
    gui_env: GuiEnv, qtbot: Any, qtmodeltester: Any
) -> None:
    """60 cached conversations: the newest 50 first (one reset), then 10 inserted."""
    assert FIRST_SCREEN_ROWS == 50
    widget = ChatListWidget(gui_env.controller)
    qtbot.addWidget(widget)
    model = widget.model
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    run(gui_env, widget.load_first_screen())
    whole = model.loaded
    assert model.rowCount() == FIRST_SCREEN_ROWS and not whole
    newest = max(r.last_activity_at for r in all_rows(gui_env))
    assert max(r.last_activity_at for r in model.rows()) == newest
    assert widget.tab_bar.tabText(int(ChatTab.ALL)) == "All"  # no count until it is whole
    qtmodeltester.check(model)
    run(gui_env, widget.load_rest())
    assert model.rowCount() == 60 and model.loaded
    assert resets == [1] and inserted == [(50, 59)]
    assert widget.tab_bar.tabText(int(ChatTab.ALL)).startswith("All")
    assert any(ch.isdigit() for ch in widget.tab_bar.tabText(int(ChatTab.ALL)))
    qtmodeltester.check(model)


def test_proxy_filters_on_real_data(gui_env: GuiEnv) -> None:
    c = gui_env.controller
    rows = all_rows(gui_env)
    model = ChatListModel(c)
    run(gui_env, model.load())
    proxy = ChatListProxy(c.user_id)
    proxy.setSourceModel(model)

    def expect(pred: Any) -> set[int]:
        return {r.display_id for r in rows if pred(r)}

    # defaults: my open conversations
    assert proxy.tab is ChatTab.MINE and proxy.status == "open"
    mine_open = expect(lambda r: r.status == "open" and r.assignee_id == c.user_id)
    assert set(proxy_ids(proxy)) == mine_open and mine_open
    proxy.set_tab(ChatTab.UNASSIGNED)
    assert set(proxy_ids(proxy)) == expect(lambda r: r.status == "open" and r.assignee_id is None)
    proxy.set_tab(ChatTab.ALL)
    assert set(proxy_ids(proxy)) == expect(lambda r: r.status == "open")
    for status in ("pending", "snoozed", "resolved"):
        proxy.set_status(status)
        assert set(proxy_ids(proxy)) == expect(lambda r, st=status: r.status == st)
    proxy.set_status(None)
    assert len(proxy_ids(proxy)) == 60
    with pytest.raises(ValueError):
        proxy.set_status("closed")

    proxy.set_inbox(2)
    assert set(proxy_ids(proxy)) == expect(lambda r: r.inbox_id == 2)
    proxy.set_inbox(None)
    proxy.set_team(1)
    assert set(proxy_ids(proxy)) == expect(lambda r: r.team_id == 1)
    proxy.set_team(None)
    proxy.set_label("billing")
    assert set(proxy_ids(proxy)) == expect(lambda r: "billing" in r.labels)
    proxy.set_label(None)
    proxy.set_search_ids({1, 2, 3, 999})
    assert set(proxy_ids(proxy)) == {1, 2, 3}
    proxy.set_search_ids(None)

    # order: newest activity first; by waiting time, longest waiting first, others last
    shown = [model.chat(i) for i in proxy_ids(proxy)]
    assert [r.last_activity_at for r in shown if r] == sorted(
        (r.last_activity_at for r in rows), reverse=True
    )
    proxy.set_sort(ChatSort.WAITING_TIME)
    by_wait = [r for r in (model.chat(i) for i in proxy_ids(proxy)) if r is not None]
    waits = [r.waiting_since for r in by_wait if r.waiting_since is not None]
    assert waits == sorted(waits)
    first_idle = next(i for i, r in enumerate(by_wait) if r.waiting_since is None)
    assert all(r.waiting_since is None for r in by_wait[first_idle:])

    # tab counts under the other filters
    proxy.set_status("open")
    proxy.set_label("billing")
    counts = proxy.counts()
    billing_open = [r for r in rows if r.status == "open" and "billing" in r.labels]
    assert counts.all == len(billing_open)
    assert counts.mine == sum(r.assignee_id == c.user_id for r in billing_open)
    assert counts.unassigned == sum(r.assignee_id is None for r in billing_open)
    assert counts.of(ChatTab.ALL) == proxy.rowCount()


# ---- the widget ---------------------------------------------------------------------------
def test_widget_tabs_filters_and_empty_state(
    gui_env: GuiEnv, loaded_widget: ChatListWidget
) -> None:
    w = loaded_widget
    c = gui_env.controller
    rows = all_rows(gui_env)
    open_rows = [r for r in rows if r.status == "open"]
    counts = w.counts()
    assert counts.mine == sum(r.assignee_id == c.user_id for r in open_rows)
    assert w.tab_bar.tabText(0).endswith(str(counts.mine))
    assert w.tab_bar.tabText(2).endswith(str(len(open_rows)))
    assert w.search_box.placeholderText() == "Search conversations and messages"
    assert w.view.uniformItemSizes()

    w.tab_bar.setCurrentIndex(int(ChatTab.ALL))
    assert w.proxy.tab is ChatTab.ALL and w.proxy.rowCount() == len(open_rows)
    w.status_combo.setCurrentIndex(w.status_combo.findData("resolved"))
    assert w.proxy.status == "resolved"
    # combos come from the reference data
    assert w.inbox_combo.count() == 1 + len(c.reference.inboxes)
    assert w.team_combo.count() == 1 + len(c.reference.teams)
    assert w.label_combo.count() == 1 + len(c.reference.labels)
    w.inbox_combo.setCurrentIndex(w.inbox_combo.findData(2))
    assert w.proxy.inbox_id == 2
    w.team_combo.setCurrentIndex(w.team_combo.findData(1))
    assert w.proxy.team_id == 1
    w.label_combo.setCurrentIndex(w.label_combo.findData("vip"))
    assert w.proxy.label == "vip"
    expected = {
        r.display_id
        for r in rows
        if r.status == "resolved" and r.inbox_id == 2 and r.team_id == 1 and "vip" in r.labels
    }
    assert set(proxy_ids(w.proxy)) == expected
    if not expected:
        assert w.view.empty_text() == "Nothing matches"
    w.sort_combo.setCurrentIndex(w.sort_combo.findData(ChatSort.WAITING_TIME.value))
    assert w.proxy.sort_mode is ChatSort.WAITING_TIME

    # a label that vanishes from the reference data falls back to "all labels"
    labels = tuple(x for x in c.reference.labels if x.name != "vip")
    c.referenceChanged.emit(replace(c.reference, labels=labels))
    assert label_filter(w) is None and w.label_combo.currentIndex() == 0

    # nothing of mine resolved with no other filter -> the plain empty state
    w.inbox_combo.setCurrentIndex(0)
    w.team_combo.setCurrentIndex(0)
    c.referenceChanged.emit(Reference(inboxes=(NamedItem(1, "Website", "Channel::WebWidget"),)))
    assert w.inbox_combo.count() == 2
    w.proxy.clear_filters(tab=ChatTab.MINE, status="snoozed")
    if w.proxy.rowCount() == 0:
        assert w.view.empty_text() == "No conversations here"
    assert w._waiting_timer.isActive() and w._waiting_timer.interval() == 15_000


def test_widget_search_russian_and_english_forms(
    gui_env: GuiEnv, loaded_widget: ChatListWidget, qtbot: Any
) -> None:
    w = loaded_widget
    w.status_combo.setCurrentIndex(w.status_combo.findData(None))
    w.tab_bar.setCurrentIndex(int(ChatTab.ALL))

    def search(text: str) -> set[int]:
        w.search_box.setText(text)
        assert run(gui_env, next_emission(w.searchApplied)) == [text]
        return set(proxy_ids(w.proxy))

    with_zakaz = conversations_mentioning(gui_env, "заказ")
    assert with_zakaz
    found = search("заказа")  # genitive finds the nominative "заказ"
    assert with_zakaz <= found
    for display_id in with_zakaz:  # each row shows the matching words, not its last message
        snippet = w.delegate.search_snippet(display_id)
        assert snippet is not None
        text, spans = snippet
        assert spans and all(text[a:b].casefold().startswith("заказ") for a, b in spans)
    with_order = conversations_mentioning(gui_env, "order")
    assert with_order
    assert with_order <= search("orders")  # plural finds "order"
    name = next(r for r in w.model.rows() if r.contact_name.startswith("Екатерина"))
    assert name.display_id in search("екатерина")  # contact names, any case
    assert search(f"#{name.display_id}") >= {name.display_id}
    assert search("zzqqxx") == set()
    assert w.view.empty_text() == "Nothing matches"
    w.search_box.setFocus()
    with qtbot.waitSignal(w.searchApplied, timeout=1_000) as cleared:
        qtbot.keyClick(w.search_box, Qt.Key.Key_Escape)
    assert cleared.args == [""]
    assert w.search_box.text() == "" and w.proxy.search_ids is None
    assert all(w.delegate.search_snippet(i) is None for i in with_zakaz)
    assert w.proxy.rowCount() == 60


def test_widget_selection_and_navigation(loaded_widget: ChatListWidget, qtbot: Any) -> None:
    w = loaded_widget
    w.tab_bar.setCurrentIndex(int(ChatTab.ALL))
    ids = proxy_ids(w.proxy)
    assert w.current_id() is None
    with qtbot.waitSignal(w.conversationActivated) as first:
        assert w.select_next()
    assert first.args == [ids[0]] and w.current_id() == ids[0]
    with qtbot.waitSignal(w.conversationActivated) as second:
        qtbot.keyClick(w.view, Qt.Key.Key_Down)
    assert second.args == [ids[1]]
    with qtbot.waitSignal(w.conversationActivated) as back:
        w.select_previous()
    assert back.args == [ids[0]]
    assert not w.select_previous()  # already at the top
    with qtbot.waitSignal(w.conversationActivated) as unread:
        assert w.select_next_unread()
    chosen = w.model.chat(unread.args[0])
    assert chosen is not None and chosen.unread_count > 0

    # a filter hiding the open conversation does not switch conversations
    activated: list[int] = []
    w.conversationActivated.connect(activated.append)
    open_id = w.current_id()
    w.status_combo.setCurrentIndex(w.status_combo.findData("resolved"))
    qtbot.waitUntil(lambda: not w.view.currentIndex().isValid())
    assert activated == [] and w.current_id() == open_id
    w.status_combo.setCurrentIndex(w.status_combo.findData("open"))
    qtbot.waitUntil(lambda: w.view.currentIndex().data(ChatRoles.DisplayId) == open_id)
    assert activated == []

    # selecting a hidden conversation relaxes just the filters that hide it
    resolved = next(r for r in w.model.rows() if r.status == "resolved")
    w.label_combo.setCurrentIndex(w.label_combo.findData("billing"))
    with qtbot.waitSignal(w.conversationActivated) as opened:
        assert w.select_conversation(resolved.display_id)
    assert opened.args == [resolved.display_id]
    assert w.proxy.status == "resolved" and w.status_combo.currentData() == "resolved"
    if "billing" not in resolved.labels:
        assert w.proxy.label is None and w.label_combo.currentIndex() == 0
    assert not w.select_conversation(99_999)
    w.focus_search()
    assert w.search_box.hasFocus() or not w.isVisible()


def test_live_customer_message_updates_the_row_in_place(
    gui_env: GuiEnv, loaded_widget: ChatListWidget, qtmodeltester: Any, qtbot: Any
) -> None:
    w = loaded_widget
    w.tab_bar.setCurrentIndex(int(ChatTab.ALL))
    w.status_combo.setCurrentIndex(w.status_combo.findData(None))
    ordered = [w.proxy.chat_at(r) for r in range(w.proxy.rowCount())]
    # the oldest open conversation, so the new message must move it to the top
    target = next(r for r in reversed(ordered) if r and r.status == "open" and r.unread_count < 5)
    assert w.select_conversation(target.display_id)
    start_row = w.proxy.row_of(target.display_id)
    assert start_row is not None and start_row > 0
    activated: list[int] = []
    w.conversationActivated.connect(activated.append)
    qtmodeltester.check(w.proxy)
    resets: list[int] = []
    changed_rows: list[int] = []
    w.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    w.proxy.modelAboutToBeReset.connect(lambda: resets.append(2))
    w.model.dataChanged.connect(
        lambda tl, _br, _roles=(): changed_rows.append(tl.data(ChatRoles.DisplayId))
    )
    content = f"Где мой заказ? {uuid.uuid4().hex[:8]}"

    def updated() -> bool:
        row = w.model.chat(target.display_id)
        return row is not None and content in row.preview and row.unread_count > target.unread_count

    with live_engine(gui_env):
        gui_env.control(
            action="act", op="customer_write", conversation_id=target.display_id, content=content
        )
        run(gui_env, until(updated, w.model.dataChanged))
    assert target.display_id in changed_rows
    assert resets == []
    assert w.proxy.row_of(target.display_id) == 0  # newest activity moves it to the top
    assert w.proxy.index(0, 0).data(ChatRoles.Preview).startswith("Где мой заказ?")
    # the moved row stays the selected one, and the open conversation does not switch
    qtbot.waitUntil(lambda: w.view.currentIndex().row() == 0)
    assert w.view.currentIndex().data(ChatRoles.DisplayId) == target.display_id
    assert activated == [] and w.current_id() == target.display_id


def test_live_typing_indicator(gui_env: GuiEnv, loaded_widget: ChatListWidget) -> None:
    w = loaded_widget
    w.tab_bar.setCurrentIndex(int(ChatTab.ALL))
    target = w.proxy.chat_at(0)
    assert target is not None
    typing_roles: list[list[int]] = []
    w.model.dataChanged.connect(lambda _tl, _br, roles=(): typing_roles.append(list(roles)))

    def typing_text() -> str:
        row = w.proxy.row_of(target.display_id)
        assert row is not None
        value: str = w.proxy.index(row, 0).data(ChatRoles.Typing)
        return value

    def act(**body: Any) -> None:
        gui_env.control(action="act", conversation_id=target.display_id, **body)

    with live_engine(gui_env):
        act(op="customer_typing", on=True)
        run(gui_env, until(lambda: typing_text() == target.contact_name, w.model.dataChanged))
        assert [int(ChatRoles.Typing)] in typing_roles
        act(op="customer_typing", on=False)
        run(gui_env, until(lambda: typing_text() == "", w.model.dataChanged))
        # another agent typing is not shown in the list; only the contact is named
        act(op="typing", as_user_id=2, on=True)
        act(op="customer_typing", on=True)
        run(gui_env, until(lambda: typing_text() == target.contact_name, w.model.dataChanged))


def test_unread_badge_for_capped_rows(gui_env: GuiEnv) -> None:
    capped = [r for r in all_rows(gui_env) if r.unread_count >= 10]
    assert capped, "the seed has conversations at Chatwoot's unread cap"
    assert {unread_badge_text(r.unread_count) for r in capped} == {"10+"}


def _grab_and_check(widget: ChatListWidget, path: Path) -> QImage:
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5_000
    image = QImage(str(path))
    assert not image.isNull() and image.width() == widget.width()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 400, 7)}
    assert len(colours) > 20  # avatars, text and badges, not a blank list
    return image


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen show()
def test_delegate_paints_light_and_dark(
    gui_env: GuiEnv, qapp: QApplication, qtbot: Any, tmp_path: Path
) -> None:
    old_palette, old_style = qapp.palette(), qapp.style().name()
    old_colors, old_dark = Theme._colors, Theme._dark
    try:
        for mode in (ThemeMode.LIGHT, ThemeMode.DARK):
            apply_theme(qapp, mode)
            widget = ChatListWidget(gui_env.controller)
            qtbot.addWidget(widget)
            widget.resize(380, 760)
            run(gui_env, widget.load())
            widget.tab_bar.setCurrentIndex(int(ChatTab.ALL))
            widget.model._typing[widget.proxy.chat_at(1).display_id] = "Someone"  # type: ignore[union-attr]
            widget.show()
            assert widget.select_conversation(widget.proxy.chat_at(2).display_id)  # type: ignore[union-attr]
            qtbot.waitExposed(widget)
            _grab_and_check(widget, tmp_path / f"chatlist-{mode.value}.png")
            widget.close()
    finally:
        qapp.setStyle(old_style)
        qapp.setPalette(old_palette)
        Theme._colors, Theme._dark = old_colors, old_dark


def test_delegate_size_and_custom_thresholds(qtbot: Any) -> None:
    delegate = ChatListDelegate(now=lambda: 1_000.0, amber_after=10, red_after=20)
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    assert delegate.sizeHint(option, QModelIndex()).height() == 72
    assert (delegate.amber_after, delegate.red_after) == (10, 20)
    model = ChatListModel(None)
    model.set_rows([chat(1, waiting_since=985.0, unread_count=12, labels=("a", "b", "c"))])
    from PySide6.QtWidgets import QListView

    view = QListView()
    qtbot.addWidget(view)
    view.setItemDelegate(delegate)
    view.setModel(model)
    view.resize(300, 100)
    image = view.grab().toImage()
    assert not image.isNull()


def _render_row(
    qtbot: Any, row: ChatRow, path: Path | None = None, colors: AppColors = LIGHT
) -> QImage:
    from PySide6.QtWidgets import QListView

    model = ChatListModel(None)
    model.set_rows([row])
    view = QListView()
    qtbot.addWidget(view)
    delegate = ChatListDelegate(view, now=lambda: row.last_activity_at + 60, colors=colors)
    view.setItemDelegate(delegate)
    view.setModel(model)
    view.resize(320, 80)
    image = view.grab().toImage()
    if path is not None:
        image.save(str(path))
    return image


def test_the_delegate_paints_with_the_colours_it_is_given(qtbot: Any) -> None:
    """No global theme in paint(): the colours come in through the constructor."""
    row = chat(7, unread_count=3)
    light, dark = _render_row(qtbot, row), _render_row(qtbot, row, colors=DARK)
    text_at = QColor(DARK.text).rgb(), QColor(LIGHT.text).rgb()
    dark_pixels = {dark.pixel(x, y) for x in range(60, 300, 2) for y in range(8, 30, 2)}
    light_pixels = {light.pixel(x, y) for x in range(60, 300, 2) for y in range(8, 30, 2)}
    assert text_at[0] in dark_pixels and text_at[0] not in light_pixels  # the name's colour
    assert text_at[1] in light_pixels


def test_an_attachment_preview_is_a_painted_icon_and_a_word(qtbot: Any, tmp_path: Path) -> None:
    voice = chat(5, preview="", preview_attachment="audio")
    model = ChatListModel(None)
    model.set_rows([voice, chat(6, preview="see the scan", preview_attachment="image")])
    spoken = Qt.ItemDataRole.AccessibleTextRole
    assert model.index(0, 0).data(spoken) == "Customer 5: Audio message"
    assert model.index(1, 0).data(spoken) == "Customer 6: Photo: see the scan"
    with_icon = _render_row(qtbot, voice, tmp_path / "voice.png")
    words_only = _render_row(qtbot, chat(5, preview="Audio message"))
    assert with_icon != words_only  # the icon is drawn before the word
    drafted = _render_row(qtbot, replace(voice, has_draft=True, draft="Hello"))
    assert drafted == _render_row(qtbot, chat(5, has_draft=True, draft="Hello"))  # no icon


def test_a_draft_shows_in_its_row_as_it_is_typed_and_goes_when_cleared(
    loaded_widget: ChatListWidget, gui_env: GuiEnv
) -> None:
    """Saving a draft publishes a change-set: the row says "Draft:" with the draft's text."""
    model = loaded_widget.model
    target = model.rows()[0].display_id

    def row() -> ChatRow:
        return next(r for r in model.rows() if r.display_id == target)

    assert not row().has_draft
    actions = gui_env.controller.actions
    run(gui_env, actions.save_draft(target, "Checking your\norder now", False))
    run(gui_env, until(lambda: row().has_draft, model.updated))
    assert row().draft == "Checking your order now"
    run(gui_env, actions.save_draft(target, "", False))
    run(gui_env, until(lambda: not row().has_draft, model.updated))
