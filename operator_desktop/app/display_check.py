"""Before the window opens on Linux/X11: are the system libraries Qt's xcb plugin needs there?

Without them Qt aborts the process with "Could not load the Qt platform plugin xcb" and names
a package that is not the one missing. This check names the missing libraries and the
Debian/Ubuntu packages that carry them, so the app can say so and exit cleanly.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# the libraries PySide6's libqxcb.so / libQt6XcbQpa.so.6 link against -> Debian 12 package
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


@dataclass(frozen=True)
class MissingLibraries:
    libraries: tuple[str, ...]
    packages: tuple[str, ...]

    def message(self) -> str:
        return (
            "the window needs system libraries that are not installed: "
            + ", ".join(self.libraries)
            + ". On Debian or Ubuntu: sudo apt install "
            + " ".join(self.packages)
        )


def uses_xcb(environ: Mapping[str, str], platform: str | None = None) -> bool:
    """Whether Qt will pick its xcb plugin (Linux, no other platform asked for or preferred)."""
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and bool(environ.get("WAYLAND_DISPLAY"))
    return not wayland


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_xcb_libraries(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    loads: Callable[[str], bool] | None = None,
) -> MissingLibraries | None:
    """The libraries the xcb plugin would fail on, or None when all load (or xcb is not used)."""
    if not uses_xcb(os.environ if environ is None else environ, platform):
        return None
    can_load = loads or _loads
    missing = [name for name in XCB_LIBRARIES if not can_load(name)]
    if not missing:
        return None
    return MissingLibraries(tuple(missing), tuple(XCB_LIBRARIES[name] for name in missing))
