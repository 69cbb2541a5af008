"""The tray and the single instance: the unread count on the icon and in the title, closing to
the tray, the tray's menu, and a second launch that raises the first.

The tray's own drawing and menu run offscreen; the app-level tests pretend a tray exists
(offscreen has none, `isSystemTrayAvailable()` is False there); tests/test_tray_host.py runs the
app in a real tray host. The single-instance guard is
tried across real processes: a second `operator-desktop` on the same data folder raises the
first and exits 0; one on another folder is an app of its own.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import qasync
import shiboken6
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from pytestqt.qtbot import QtBot

from operator_desktop.app.single_instance import InstanceGuard
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.ui.shell.tray import ICON_SIZE, TrayIcon, badge_icon
from tests.conftest import ANNA
from tests.test_app_lifecycle import Starter, closed, signed_in_data_dir, start  # noqa: F401
from tests.ui_waits import run_until

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CLI = [sys.executable, "-m", "operator_desktop"]


def plain_icon() -> QIcon:
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(QColor("#1f6feb"))
    return QIcon(pixmap)


def top_right(icon: QIcon) -> QColor:
    image: QImage = icon.pixmap(ICON_SIZE, ICON_SIZE).toImage()
    return image.pixelColor(ICON_SIZE - ICON_SIZE // 8, ICON_SIZE // 4)


def test_the_count_is_drawn_on_the_icon_and_said_in_the_tooltip(qapp: object) -> None:  # noqa: ARG001
    base = plain_icon()
    assert top_right(badge_icon(base, 0)) == QColor("#1f6feb"), "no badge for nothing waiting"
    assert top_right(badge_icon(base, 3)).red() > 180, "a red badge"
    tray = TrayIcon(base)
    assert tray.tray.toolTip() == "Operator Desktop: nothing waiting"
    tray.set_unread(3)
    assert "3 conversation" in tray.tray.toolTip()
    assert top_right(tray.tray.icon()).red() > 180
    tray.set_unread(0)
    assert top_right(tray.tray.icon()) == QColor("#1f6feb")


def test_the_menu_opens_sets_availability_and_quits(qtbot: QtBot) -> None:
    tray = TrayIcon(plain_icon())
    assert not tray.availability_actions["busy"].isEnabled(), "unknown until the server says"
    tray.set_availability("online")
    assert tray.availability_actions["online"].isChecked()
    with qtbot.waitSignal(tray.availabilityChosen) as chosen:
        tray.availability_actions["busy"].trigger()
    assert chosen.args == ["busy"]
    with qtbot.waitSignal(tray.openRequested):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.quitRequested):
        tray.quit_action.trigger()


def test_closing_hides_to_the_tray_and_the_tray_brings_it_back_and_quits(
    qloop: qasync.QEventLoop,
    start: Starter,  # noqa: F811
    tmp_path: Path,
    demo_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(TrayIcon, "available", staticmethod(lambda: True))
    monkeypatch.setattr(TrayIcon, "show", lambda _self: None)  # offscreen has no tray to show in
    data = tmp_path / "data"
    tokens = TokenStore(MemoryKeyring(durable=True))
    signed_in_data_dir(qloop, data, demo_url, tokens, ANNA.access_token)
    running = start(data, tokens)
    window = running.next_window()
    tray = running.gui.tray
    assert tray is not None and window.tray_exists
    run_until(qloop, window.chat_list.unreadChanged, lambda: window.chat_list.unread() > 0)
    unread = window.chat_list.unread()
    assert tray.count == unread and window.windowTitle().startswith(f"({unread}) ")
    window.close()
    assert shiboken6.isValid(window) and not window.isVisible(), "hidden, not closed"
    qloop.run_until_complete(asyncio.sleep(0))
    assert not running.task.done(), "the app keeps running in the tray"
    tray.open_action.trigger()
    assert window.isVisible()
    tray.quit_action.trigger()
    assert running.finish() == 0
    assert closed(window)


def launch(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "--data-dir", str(data), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def wait_listening(data: Path, process: subprocess.Popen[str], qtbot: QtBot) -> None:
    guard = InstanceGuard(data)
    qtbot.waitUntil(lambda: process.poll() is not None or guard.raise_running(), timeout=60_000)
    assert process.poll() is None, process.communicate()


def test_a_second_launch_raises_the_first_and_exits(tmp_path: Path, qtbot: QtBot) -> None:
    data, other = tmp_path / "data", tmp_path / "other"
    first = launch(data, "--demo")
    try:
        wait_listening(data, first, qtbot)
        second = subprocess.run(
            [*CLI, "--data-dir", str(data), "--demo"],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        assert InstanceGuard(other).raise_running() is False, "another folder: another app"
    finally:
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err  # it answered "raised" (the second said so) and ran on


def test_a_socket_left_by_a_killed_app_does_not_stop_the_next(
    tmp_path: Path,
    qapp: object,  # noqa: ARG001
) -> None:
    data = tmp_path / "data"
    killed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path;"
            "from PySide6.QtCore import QCoreApplication;"
            "from operator_desktop.app.single_instance import InstanceGuard;"
            "app = QCoreApplication([]); g = InstanceGuard(Path(sys.argv[1]));"
            "print(g.listen(), flush=True); sys.stdin.read()",  # holds it until killed
            str(data),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "True"
    killed.kill()
    killed.wait()
    killed.stdout.close()
    assert killed.stdin is not None
    killed.stdin.close()
    guard = InstanceGuard(data)
    assert guard.raise_running() is False
    assert guard.listen()
    guard.close()
