"""The status bar widget and the offline banner: sync status in, availability out."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState, Phase, SyncStatus
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.common.timefmt import list_time
from operator_desktop.ui.shell.status import (
    ConnectionState,
    ConnectionTracker,
    OfflineBanner,
    StatusBarWidget,
    connection_state,
)
from tests.conftest import ADMIN
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread, emitted, run_until

__all__ = ["collect_on_main_thread"]  # an autouse fixture

# Qt's offscreen platform plugin says so whenever a shown top-level window re-lays out.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_connection_states() -> None:
    assert connection_state(SyncStatus()) is ConnectionState.CONNECTING
    live = SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED)
    assert connection_state(live) is ConnectionState.CONNECTED
    assert connection_state(SyncStatus(phase=Phase.OFFLINE)) is ConnectionState.OFFLINE
    assert connection_state(SyncStatus(phase=Phase.SIGNED_OUT)) is ConnectionState.SIGNED_OUT
    rejected = SyncStatus(phase=Phase.LIVE, cable=CableState.UNAUTHORIZED)
    assert connection_state(rejected) is ConnectionState.SIGNED_OUT


def test_tracker_remembers_when_the_server_was_lost() -> None:
    tracker = ConnectionTracker()
    assert tracker.update(SyncStatus(phase=Phase.COLD_SYNC), now=100.0) is (
        ConnectionState.CONNECTING
    )
    assert tracker.offline_since is None  # never connected yet: just connecting
    tracker = ConnectionTracker(state=tracker.state)
    tracker.update(SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED), now=200.0)
    tracker.update(SyncStatus(phase=Phase.LIVE, cable=CableState.DISCONNECTED), now=300.0)
    assert tracker.offline_since == 300.0
    tracker.update(SyncStatus(phase=Phase.OFFLINE, cable=CableState.CONNECTING), now=400.0)
    assert (tracker.state, tracker.offline_since) == (ConnectionState.OFFLINE, 300.0)
    tracker.update(SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED), now=500.0)
    assert not tracker.offline_since


def test_status_widget_follows_sync_status(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    widget = StatusBarWidget(controller)
    qtbot.addWidget(widget)
    now = controller.actions.engine.clock.now()
    colors = Theme.current()

    controller.on_engine_status(SyncStatus(phase=Phase.COLD_SYNC, done=12, total=60))
    assert widget.state_label.text() == "Connecting…"
    assert widget.dot.color().name() == colors.amber
    assert not widget.progress.isHidden()
    assert (widget.progress.value(), widget.progress.maximum()) == (12, 60)
    assert widget.progress_label.text() == "First sync: 12 of 60"
    assert widget.sync_label.text() == "Not synced yet"

    synced = now - 60
    live = SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED, last_sync_at=synced)
    controller.on_engine_status(live)
    assert widget.state() is ConnectionState.CONNECTED
    assert widget.state_label.text() == "Connected"
    assert widget.dot.color().name() == colors.green
    assert widget.progress.isHidden()
    assert widget.sync_label.text() == "Synced 1 min ago"

    error = OperatorError(ErrorCode.NETWORK_DOWN, "ConnectError")
    controller.on_engine_status(
        SyncStatus(phase=Phase.LIVE, cable=CableState.DISCONNECTED, last_sync_at=synced)
    )
    since = widget.tracker.offline_since
    assert since is not None
    controller.on_engine_status(
        SyncStatus(
            phase=Phase.OFFLINE, cable=CableState.CONNECTING, last_sync_at=synced, error=error
        )
    )
    assert widget.state_label.text() == f"Offline since {list_time(since, now)}"
    assert widget.dot.color().name() == colors.muted
    assert "Cannot reach the server" in widget.state_label.toolTip()

    controller.on_engine_status(SyncStatus(phase=Phase.SIGNED_OUT))
    assert ">Sign in again</a>" in widget.state_label.text()  # a link
    assert widget.dot.color().name() == colors.red
    with qtbot.waitSignal(widget.signInAgainRequested):
        widget.state_label.linkActivated.emit("#sign-in")


def test_offline_banner_shows_only_when_relevant(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    host = QWidget()
    layout = QVBoxLayout(host)
    banner = OfflineBanner(controller)
    layout.addWidget(banner)
    qtbot.addWidget(host)
    host.show()
    now = controller.actions.engine.clock.now()

    controller.on_engine_status(SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED))
    assert not banner.isVisible()
    synced = now - 300
    controller.on_engine_status(SyncStatus(phase=Phase.OFFLINE, last_sync_at=synced))
    assert banner.isVisible()
    assert banner.label.text() == (
        f"Offline — showing cached conversations (last synced {list_time(synced, now)})"
    )
    assert banner.button.isHidden()
    controller.on_engine_status(SyncStatus(phase=Phase.SIGNED_OUT))
    assert banner.isVisible()
    assert "Sign-in expired" in banner.label.text()
    with qtbot.waitSignal(banner.signInAgain):
        QTest.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    controller.on_engine_status(SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED))
    assert not banner.isVisible()


def test_banner_never_pops_up_as_a_window(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    controller.actions.engine.status.phase = Phase.OFFLINE
    host = QWidget()
    qtbot.addWidget(host)  # closes (and deletes) the banner too, once it is inside
    banner = OfflineBanner(controller)  # no parent yet, already relevant
    assert banner.is_relevant() and not banner.isVisible()
    QVBoxLayout(host).addWidget(banner)
    host.show()
    assert banner.isVisible()


def test_availability_reaches_the_server(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    widget = StatusBarWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    # the server's current value is loaded first
    assert emitted(gui_env.loop, widget.availabilityChanged) == ("online",)
    assert widget.availability.isEnabled()
    assert widget.availability.currentData() == "online"

    widget.availability.setFocus()
    (value,) = emitted(
        gui_env.loop,
        widget.availabilityChanged,
        lambda: QTest.keyClick(widget.availability, Qt.Key.Key_Down),  # Online → Busy
    )
    assert value == "busy"
    with httpx.Client(headers={"api_access_token": ADMIN.access_token}) as api:
        profile = api.get(f"{gui_env.url}/api/v1/profile").json()
    account = next(a for a in profile["accounts"] if a["id"] == 1)
    assert account["availability"] == "busy"


def test_availability_failure_is_shown_and_undone(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    widget = StatusBarWidget(controller)
    qtbot.addWidget(widget)
    emitted(gui_env.loop, widget.availabilityChanged)
    client = controller.actions.engine.client
    token = client.token
    client.token = "revoked"
    try:
        (error,) = emitted(
            gui_env.loop, widget.availabilityFailed, lambda: widget.set_availability("offline")
        )
    finally:
        client.token = token
    assert error.code is ErrorCode.SESSION_EXPIRED
    assert widget.availability.currentData() == "online"  # back to what the server has
    assert widget.availability.isEnabled()
    assert not widget.availability_error.isHidden()
    assert "no longer accepts" in widget.availability_error.toolTip()


def test_availability_is_loaded_once_the_server_answers(gui_env: GuiEnv, qtbot: QtBot) -> None:
    controller = gui_env.controller
    client = controller.actions.engine.client
    token = client.token
    client.token = "revoked"  # the first request fails, as it would offline
    try:
        widget = StatusBarWidget(controller)
        qtbot.addWidget(widget)
        run_until(gui_env.loop, controller.runner.busyChanged, lambda: not widget._loading)
    finally:
        client.token = token
    assert widget.availability_value() is None
    assert not widget.availability.isEnabled()
    connected = SyncStatus(phase=Phase.LIVE, cable=CableState.CONNECTED)
    assert emitted(
        gui_env.loop, widget.availabilityChanged, lambda: controller.on_engine_status(connected)
    ) == ("online",)
    assert widget.availability.isEnabled()
