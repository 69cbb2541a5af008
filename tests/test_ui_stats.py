"""The statistics window (Ctrl+Shift+S) on a real synced cache and the demo server: the
hand-made conversation set shows its hand-worked figures, the periods switch, an empty period
says so, the server's figures stand beside the cached ones (or why they cannot), and CSV and
PNG exports write what is shown."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.stats import Durations, MyStats, Period, ServerFigures, StatsService
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.stats.charts import band_counts
from operator_desktop.ui.stats.comparison import Column, ComparisonModel, ComparisonRole
from operator_desktop.ui.stats.window import StatsWindow
from tests import stats_data as sd
from tests.conftest import ADMIN, ANNA
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread, emitted, run_until

__all__ = ["collect_on_main_thread"]

OFFSET = 1000  # the hand-made conversations' ids, clear of the demo's


@pytest.fixture
def main_window(gui_env: GuiEnv, tmp_path: Path) -> Iterator[MainWindow]:
    cache, key = gui_env.workspace.cache, gui_env.controller.key
    gui_env.run(gui_env.workspace.worker.run(sd.seed, cache, key, OFFSET))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(gui_env.controller, settings)
    gui_env.run(win.start())
    win.show()
    yield win
    win.pane.shutdown()
    gui_env.controller.runner.cancel_all()
    gui_env.run(asyncio.sleep(0))
    win.close()


def anas_service(gui_env: GuiEnv, client: ChatwootClient | None = None) -> StatsService:
    """Statistics for Ana (user 7), whose replies the hand-made set holds."""
    ws = gui_env.workspace
    return StatsService(
        ws.worker, ws.cache, gui_env.controller.key, sd.ME, sd.MY_NAME, client=client
    )


def computed_for(gui_env: GuiEnv, window: StatsWindow, period: Period, action: Any) -> MyStats:
    run_until(
        gui_env.loop,
        window.computed,
        lambda: window.stats is not None and window.stats.period == period,
        action,
    )
    assert window.stats is not None
    return window.stats


def test_the_window_shows_the_hand_worked_figures_and_switches_periods(
    gui_env: GuiEnv, main_window: MainWindow
) -> None:
    window = StatsWindow(gui_env.controller, anas_service(gui_env), main_window)
    window.show()
    period = Period(sd.FIRST_DAY, sd.LAST_DAY)
    stats = computed_for(
        gui_env, window, period, lambda: window.set_custom(sd.FIRST_DAY, sd.LAST_DAY)
    )
    assert stats.to_json() == sd.EXPECTED
    assert window.stack.currentIndex() == 1
    cards = {name: card.value.text() for name, card in window.cards.items()}
    assert cards == {
        "handled": "4",
        "resolved": "1",
        "sent": "10",
        "first": "5 min",
        "reply": "12 min",
        "waiting": "1",
    }  # fmt: skip  (750 s is 12.5 min, shown rounded)
    assert window.cards["first"].detail.text() == "90% within 9 min · 3 measured"
    assert window.hours_chart.values == sd.BY_HOUR
    # first responses 120, 300, 600 s and reply times 180, 600, 900, 3600 s in the bands
    # < 1 min, 1-5, 5-15, 15-60 min, 1-4 h, > 4 h (a band holds its lower bound)
    assert window.times_chart.first == [0, 1, 2, 0, 0, 0]
    assert window.times_chart.replies == [0, 1, 1, 1, 1, 0]
    assert "Computed from 5 conversation" in window.footer.text()  # (no translator: "(s)")
    assert window.comparison.data(window.comparison.index(0, Column.LOCAL)) == "4 handled"
    run_until(gui_env.loop, window.serverShown, lambda: "no row" in window.server_state)

    # an empty period says so, and offers no export
    nothing = Period(dt.date(2020, 1, 6), dt.date(2020, 1, 12))
    empty = computed_for(
        gui_env, window, nothing, lambda: window.set_custom(nothing.first, nothing.last)
    )
    assert empty.empty and window.stack.currentIndex() == 0
    assert "Nothing is cached for 6 Jan 2020 – 12 Jan 2020" in window.empty.text()
    assert not window.csv_button.isEnabled() and not window.png_button.isEnabled()

    # today, 7 and 30 days end today; the demo's data is recent, so there is something
    today = dt.date.fromtimestamp(gui_env.controller.now())
    for choice, days in (("today", 1), ("week", 7), ("month", 30)):
        shown = computed_for(
            gui_env, window, Period.last_days(days, today), lambda c=choice: window.set_period(c)
        )
        assert not window.since.isEnabled()
    assert shown.conversations > 0 and window.stack.currentIndex() == 1
    window.close()


def test_the_server_figures_stand_beside_the_cached_ones(
    gui_env: GuiEnv, main_window: MainWindow
) -> None:
    window = main_window.open_stats()
    assert window is not None
    month = Period.last_days(30, dt.date.fromtimestamp(gui_env.controller.now()))
    computed_for(gui_env, window, month, lambda: window.set_period("month"))
    run_until(gui_env.loop, window.serverShown, lambda: window.server_figures is not None)
    report = httpx.get(
        f"{gui_env.url}/api/v2/accounts/1/summary_reports/agent",
        params={"since": int(month.since), "until": int(month.until)},
        headers={"api_access_token": ADMIN.access_token},
        timeout=10,
    ).json()
    john = next(r for r in report if r["id"] == ADMIN.id)
    assert window.server_figures == ServerFigures(
        john["conversations_count"], john["resolved_conversations_count"],
        john["avg_first_response_time"], john["avg_reply_time"], john["avg_resolution_time"],
    )  # fmt: skip
    model = window.comparison
    assert model.data(model.index(0, Column.SERVER)) == f"{john['conversations_count']} assigned"
    assert (
        model.data(model.index(2, Column.SERVER), ComparisonRole.SERVER_VALUE)
        == (john["avg_first_response_time"])
    )
    assert "averages" in window.explanation.text() and "business hours" in window.explanation.text()

    # offline: the cached figures stay, the server's part says why it is missing
    gui_env.control(action="stop_listener", seconds=300)
    run_until(
        gui_env.loop,
        window.serverShown,
        lambda: "unavailable offline" in window.server_state,
        window.refresh,
    )
    assert model.data(model.index(1, Column.SERVER)) == "—"
    assert model.data(model.index(2, Column.SERVER), ComparisonRole.SERVER_VALUE) is None
    assert window.stats is not None and not window.stats.empty


def test_an_agent_is_told_the_report_is_for_administrators(
    gui_env: GuiEnv, main_window: MainWindow
) -> None:
    client = ChatwootClient(gui_env.url, token=ANNA.access_token, account_id=1)
    try:
        window = StatsWindow(gui_env.controller, anas_service(gui_env, client), main_window)
        run_until(
            gui_env.loop,
            window.serverShown,
            lambda: "administrators only" in window.server_state,
        )
        window.close()
    finally:
        gui_env.run(client.aclose())


def test_csv_and_png_exports(gui_env: GuiEnv, main_window: MainWindow, tmp_path: Path) -> None:
    window = StatsWindow(gui_env.controller, anas_service(gui_env), main_window)
    window.show()
    period = Period(sd.FIRST_DAY, sd.LAST_DAY)
    computed_for(gui_env, window, period, lambda: window.set_custom(sd.FIRST_DAY, sd.LAST_DAY))

    def choose(open_dialog: Any, path: Path) -> None:
        open_dialog()
        dialog = window.file_dialog
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # open(), not exec()
        assert dialog.selectedFiles()[0].endswith(window._file_name(path.suffix[1:]))
        dialog.selectFile(str(path))
        dialog.accept()

    target = tmp_path / "mine.csv"
    (written,) = emitted(gui_env.loop, window.exported, lambda: choose(window.choose_csv, target))
    assert written == str(target)
    figures, hours = target.read_text(encoding="utf-8").split("\n\n")
    rows = dict(list(csv.reader(figures.splitlines()))[1:])
    assert (rows["handled"], rows["resolved"], rows["messages_sent"]) == ("4", "1", "10")
    assert rows["reply_time_median_s"] == "750.0" and rows["first_response_p90_s"] == "540.0"
    assert [int(r[1]) for r in list(csv.reader(hours.splitlines()))[1:]] == sd.BY_HOUR
    assert "Saved mine.csv" in window.export_note.text()

    picture = tmp_path / "charts.png"
    emitted(gui_env.loop, window.exported, lambda: choose(window.choose_png, picture))
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(picture))
    assert not image.isNull() and image.width() >= 700 and image.height() >= 200
    window.close()


def test_the_menu_opens_the_window(main_window: MainWindow) -> None:
    action = next(a for a in main_window.actions() if a.text() == "My statistics…")
    assert action.shortcut().toString() == "Ctrl+Shift+S"
    action.trigger()
    assert main_window.stats_window is not None and main_window.stats_window.isVisible()
    main_window.stats_window.close()


def test_comparison_model(qtmodeltester: Any) -> None:
    model = ComparisonModel()
    qtmodeltester.check(model)
    stats = MyStats(
        period=Period(sd.FIRST_DAY, sd.LAST_DAY), handled=4, resolved=1, messages_sent=10,
        first_response=Durations(300.0, 540.0, 3), reply_time=Durations(None, None, 0),
        waiting_now=1, by_hour=tuple(sd.BY_HOUR), conversations=5, cached_since=None,
    )  # fmt: skip
    model.show(stats, None)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.data(model.index(2, Column.LOCAL)) == "median 5 min, 90% within 9 min"
    assert model.data(model.index(3, Column.LOCAL)) == "—"
    model.show(stats, ServerFigures(7, 2, 400.0, None, 7200.0))
    qtmodeltester.check(model)
    assert model.data(model.index(0, Column.SERVER)) == "7 assigned"
    assert model.data(model.index(4, Column.SERVER)) == "average 2 h 00 min"
    assert model.data(model.index(3, Column.SERVER)) == "—"


def test_band_counts() -> None:
    assert band_counts([0.0, 59.9, 60.0, 299.0, 300.0, 3600.0, 14400.0, 99999.0]) == [
        2, 2, 1, 0, 1, 2,
    ]  # fmt: skip
