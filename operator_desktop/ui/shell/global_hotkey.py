"""`GlobalHotkey`: one key combination that reaches the app from any other program (X11).

On an X11 desktop the combination is grabbed on the root window (`XGrabKey`, python-xlib) by a
thread with a display connection of its own; a press calls `on_press` on the asyncio loop. Only
the grabbed combination reaches the app, never other keystrokes. Wayland, Windows and macOS have
no such grab for an ordinary program here: `unavailable_reason()` says so and the preference
stays off (README, "Global hotkey").

The combination is Qt's portable text ("Ctrl+Alt+O"); this module has no Qt import.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import os
import select
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("ui")

DEFAULT_SEQUENCE = "Ctrl+Alt+O"


class HotkeyState(enum.Enum):
    OFF = "off"
    ACTIVE = "active"  # grabbed: a press reaches the app
    TAKEN = "taken"  # another program holds the combination
    INVALID = "invalid"  # no modifier, or a key this keyboard does not have
    UNAVAILABLE = "unavailable"  # not an X11 desktop (or its display does not answer)


class Unavailable(enum.Enum):
    WAYLAND = "wayland"
    NO_DISPLAY = "no_display"
    PLATFORM = "platform"  # Windows, macOS


def unavailable_reason(env: dict[str, str] | None = None) -> Unavailable | None:
    """Why this desktop has no global hotkey for the app, or None when it has one (X11)."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return Unavailable.PLATFORM
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return Unavailable.WAYLAND  # X11 grabs there see only XWayland's windows
    if not env.get("DISPLAY"):
        return Unavailable.NO_DISPLAY
    return None


@dataclass(frozen=True)
class Combination:
    """A key and its modifiers, in X11 terms."""

    keysym: int
    modifiers: int


_MODIFIERS = {"ctrl": "ControlMask", "alt": "Mod1Mask", "shift": "ShiftMask", "meta": "Mod4Mask"}
_KEY_NAMES = {  # Qt's portable names that are not X keysym names
    "space": "space",
    "return": "Return",
    "enter": "Return",
    "esc": "Escape",
    "tab": "Tab",
    "backspace": "BackSpace",
    "ins": "Insert",
    "del": "Delete",
    "home": "Home",
    "end": "End",
    "pgup": "Prior",
    "pgdown": "Next",
    "left": "Left",
    "right": "Right",
    "up": "Up",
    "down": "Down",
}


def parse_sequence(text: str) -> Combination | None:
    """ "Ctrl+Alt+O" as a keysym and a modifier mask; None without a modifier or a known key."""
    from Xlib import XK, X

    parts = [p.strip() for p in text.replace(" ", "").split("+")]
    if len(parts) < 2 or not parts[-1]:
        return None
    modifiers = 0
    for name in parts[:-1]:
        mask = _MODIFIERS.get(name.lower())
        if mask is None:
            return None
        modifiers |= int(getattr(X, mask))
    key = parts[-1]
    name = _KEY_NAMES.get(key.lower(), key.lower() if len(key) == 1 else key)
    keysym = int(XK.string_to_keysym(name))
    if keysym == X.NoSymbol or modifiers & ~int(X.ShiftMask) == 0:
        return None  # Shift alone would steal ordinary typing
    return Combination(keysym, modifiers)


class GlobalHotkey:
    """Grab one combination on the X display; `on_press` runs on `loop` for every press."""

    def __init__(self, on_press: Callable[[], None], loop: asyncio.AbstractEventLoop) -> None:
        self._on_press = on_press
        self._loop = loop
        self._thread: threading.Thread | None = None
        self._wake_w: int | None = None
        self.state = HotkeyState.OFF
        self.sequence = ""

    def start(self, sequence: str, display_name: str | None = None) -> HotkeyState:
        """Grab `sequence` (replacing any grabbed before); says whether it worked."""
        self.stop()
        self.sequence = sequence
        if display_name is None and unavailable_reason() is not None:
            self.state = HotkeyState.UNAVAILABLE
            return self.state
        try:
            from Xlib import X, display, error
        except ImportError:  # pragma: no cover - a bundle built without python-xlib
            self.state = HotkeyState.UNAVAILABLE
            return self.state
        combination = parse_sequence(sequence)
        if combination is None:
            self.state = HotkeyState.INVALID
            return self.state
        try:
            conn = display.Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            log.info("global hotkey: no X display: %s", exc)
            self.state = HotkeyState.UNAVAILABLE
            return self.state
        keycode = conn.keysym_to_keycode(combination.keysym)
        if not keycode:
            conn.close()
            self.state = HotkeyState.INVALID
            return self.state
        root = conn.screen().root
        caught = error.CatchError(error.BadAccess)
        # the same combination with Caps Lock and Num Lock on, which X counts as modifiers
        locks = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)
        for lock in locks:
            root.grab_key(
                keycode,
                combination.modifiers | lock,
                False,
                X.GrabModeAsync,
                X.GrabModeAsync,
                onerror=caught,
            )
        conn.sync()
        if caught.get_error() is not None:
            for lock in locks:
                root.ungrab_key(keycode, combination.modifiers | lock)
            conn.close()
            self.state = HotkeyState.TAKEN
            log.info("global hotkey %s is held by another program", sequence)
            return self.state
        wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(
            target=self._listen,
            args=(conn, keycode, combination.modifiers, wake_r),
            name="global-hotkey",
            daemon=True,
        )
        self._thread.start()
        self.state = HotkeyState.ACTIVE
        log.info("global hotkey %s grabbed", sequence)
        return self.state

    def stop(self) -> None:
        """Let the combination go (the thread ungrabs it and closes its connection)."""
        if self._thread is not None and self._wake_w is not None:
            with contextlib.suppress(OSError):  # a listener that ended has closed its end
                os.write(self._wake_w, b"x")
            self._thread.join(timeout=5)
            os.close(self._wake_w)
        self._thread = None
        self._wake_w = None
        self.state = HotkeyState.OFF

    def _listen(self, conn: Any, keycode: int, modifiers: int, wake_r: int) -> None:
        from Xlib import X

        wanted = modifiers & ~(X.LockMask | X.Mod2Mask)
        try:
            while True:
                ready, _, _ = select.select([conn.fileno(), wake_r], [], [])
                if wake_r in ready:
                    break
                while conn.pending_events():
                    event = conn.next_event()
                    if (
                        event.type == X.KeyPress
                        and event.detail == keycode
                        and event.state & ~(X.LockMask | X.Mod2Mask) & 0xFF == wanted
                    ):
                        with contextlib.suppress(RuntimeError):  # the loop has closed
                            self._loop.call_soon_threadsafe(self._on_press)
        except Exception:  # the display went away: no more presses, said once
            log.warning("global hotkey listener ended", exc_info=True)
        finally:
            os.close(wake_r)
            with contextlib.suppress(Exception):
                root = conn.screen().root
                root.ungrab_key(keycode, X.AnyModifier)
                conn.close()
