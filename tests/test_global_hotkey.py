"""The global hotkey (X11) and the launcher badge, as the running app uses them.

The hotkey is grabbed on the Xvfb display tests/run.sh starts and pressed through XTEST, as a
keyboard would: the app comes up at the unread conversation of mine that has waited longest. A
combination another program holds is said to be taken. The launcher badge is read back from
the private session bus, as a dock would read it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus
from PySide6.QtCore import QSettings
from Xlib import XK, X, display
from Xlib.ext import xtest

from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.ui.shell.global_hotkey import (
    GlobalHotkey,
    HotkeyState,
    Unavailable,
    parse_sequence,
    unavailable_reason,
)
from operator_desktop.ui.shell.launcher_badge import INTERFACE
from operator_desktop.ui.shell.main_window import MainWindow
from tests.conftest import ANNA, missing_requirement
from tests.test_app_lifecycle import Starter, closed, signed_in_data_dir, start  # noqa: F401
from tests.ui_waits import run_until

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = os.environ.get("OD_XVFB_DISPLAY")
    if name is None:
        missing_requirement("needs the Xvfb display tests/run.sh starts")
    monkeypatch.setenv("DISPLAY", name)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    # a desktop always has clients: an X server left with none resets, and refuses the
    # connections made meanwhile
    desktop = display.Display(name)
    yield name
    desktop.close()


def press(display_name: str, *names: str) -> None:
    """Press and release `names` (X keysym names) through XTEST, as a keyboard would."""
    conn = display.Display(display_name)
    try:
        codes = [conn.keysym_to_keycode(XK.string_to_keysym(n)) for n in names]
        for code in codes:
            xtest.fake_input(conn, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(conn, X.KeyRelease, code)
        conn.sync()
    finally:
        conn.close()


def test_combinations_are_read_as_x_keys() -> None:
    combo = parse_sequence("Ctrl+Alt+O")
    assert combo is not None
    assert combo.keysym == XK.string_to_keysym("o")
    assert combo.modifiers == X.ControlMask | X.Mod1Mask
    spaced = parse_sequence("Meta+Shift+Space")
    assert spaced is not None and spaced.keysym == XK.string_to_keysym("space")
    assert parse_sequence("Ctrl+F5") is not None
    assert parse_sequence("O") is None, "a plain key would steal typing"
    assert parse_sequence("Shift+O") is None, "so would Shift and a key"
    assert parse_sequence("Ctrl+NoSuchKey") is None
    assert parse_sequence("Hyper+O") is None
    assert parse_sequence("") is None


def test_where_there_is_no_hotkey_it_says_why() -> None:
    assert unavailable_reason({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}) is None
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert unavailable_reason(wayland) is Unavailable.WAYLAND
    assert unavailable_reason({}) is Unavailable.NO_DISPLAY


def test_a_press_reaches_the_app_and_a_held_combination_is_taken(x_display: str) -> None:
    async def go() -> None:
        loop = asyncio.get_running_loop()
        pressed = asyncio.Event()
        first = GlobalHotkey(pressed.set, loop)
        second = GlobalHotkey(pressed.set, loop)
        try:
            assert first.start("Ctrl+Alt+O") is HotkeyState.ACTIVE
            assert second.start("Ctrl+Alt+O") is HotkeyState.TAKEN
            await loop.run_in_executor(None, press, x_display, "Alt_L", "o")
            await loop.run_in_executor(None, press, x_display, "Control_L", "o")
            assert not pressed.is_set(), "only the whole combination"
            await loop.run_in_executor(None, press, x_display, "Control_L", "Alt_L", "o")
            async with asyncio.timeout(10):
                await pressed.wait()
            first.stop()
            assert first.state is HotkeyState.OFF
            assert second.start("Ctrl+Alt+O") is HotkeyState.ACTIVE, "let go on stop"
            assert second.start("Ctrl+Alt+NoSuchKey") is HotkeyState.INVALID
            assert second.state is HotkeyState.INVALID
        finally:
            first.stop()
            second.stop()

    asyncio.run(go())


class BadgeListener:
    """The launcher entry's `Update` signals on the session bus, as a dock receives them."""

    def __init__(self) -> None:
        self.counts: list[tuple[str, int, bool]] = []
        self.bus: MessageBus | None = None
        self.changed = asyncio.Event()

    async def start(self) -> None:
        self.bus = await MessageBus().connect()
        rule = f"type='signal',interface='{INTERFACE}',member='Update'"
        reply = await self.bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="AddMatch",
                signature="s",
                body=[rule],
            )
        )
        assert reply is not None and reply.message_type is MessageType.METHOD_RETURN
        self.bus.add_message_handler(self._received)

    def _received(self, message: Message) -> Any:
        if message.interface == INTERFACE and message.member == "Update":
            uri, props = message.body
            self.counts.append((uri, props["count"].value, props["count-visible"].value))
            self.changed.set()
        return None

    def last(self) -> tuple[str, int, bool] | None:
        return self.counts[-1] if self.counts else None


@pytest.fixture
def badge_listener(qloop: qasync.QEventLoop) -> Iterator[BadgeListener]:
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        missing_requirement("needs the private D-Bus session tests/run.sh starts")
    listener = BadgeListener()
    qloop.run_until_complete(listener.start())
    yield listener
    if listener.bus is not None:
        listener.bus.disconnect()
        qloop.run_until_complete(listener.bus.wait_for_disconnect())  # type: ignore[no-untyped-call]


def badge_until(
    loop: qasync.QEventLoop, listener: BadgeListener, predicate: Any, timeout: float = 30
) -> None:
    """Run the loop until `predicate()` holds, re-checked on each signal the listener gets."""

    async def until() -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                listener.changed.clear()
                await listener.changed.wait()

    loop.run_until_complete(until())


def test_the_hotkey_brings_up_the_window_at_my_longest_waiting_unread_conversation(
    qloop: qasync.QEventLoop,
    start: Starter,  # noqa: F811
    tmp_path: Path,
    demo_url: str,
    x_display: str,
    badge_listener: BadgeListener,
) -> None:
    data = tmp_path / "data"
    tokens = TokenStore(MemoryKeyring(durable=True))
    signed_in_data_dir(qloop, data, demo_url, tokens, ANNA.access_token)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("preferences/global_hotkey", True)
    settings.setValue("preferences/hotkey", "Ctrl+Alt+U")
    settings.sync()
    running = start(data, tokens)
    window: MainWindow = running.next_window()
    assert running.gui.hotkey is not None
    assert running.gui.hotkey.state is HotkeyState.ACTIVE
    assert window.hotkey_state is HotkeyState.ACTIVE
    controller = window.controller

    def next_mine(skip: int | None = None) -> int | None:
        found: int | None = qloop.run_until_complete(
            controller.read(
                controller.readmodel.next_unread_assigned, controller.key, controller.user_id, skip
            )
        )
        return found

    expected = next_mine()
    assert expected is not None, "the demo gives Anna unread conversations of her own"
    window.hide()
    run_until(
        qloop,
        window.chat_list.conversationActivated,
        lambda: window.isVisible() and window.chat_list.current_id() == expected,
        lambda: press(x_display, "Control_L", "Alt_L", "u"),
    )

    # the waiting count reached the dock as well
    def badge_shows_unread() -> bool:
        last, waiting = badge_listener.last(), window.chat_list.unread()
        return last is not None and last[1:] == (waiting, waiting > 0)

    badge_until(qloop, badge_listener, badge_shows_unread)
    uri, count, _visible = badge_listener.counts[-1]
    assert uri == "application://org.operatordesktop.OperatorDesktop.desktop"
    assert count > 0

    running.gui.request_quit()
    assert running.finish() == 0
    assert closed(window)
    badge_until(qloop, badge_listener, lambda: badge_listener.last() == (uri, 0, False))
    # the combination is let go at quit: another program may take it
    other = GlobalHotkey(lambda: None, qloop)
    try:
        assert other.start("Ctrl+Alt+U") is HotkeyState.ACTIVE
    finally:
        other.stop()
