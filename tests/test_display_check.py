"""The window's start on Linux/X11 names missing xcb libraries instead of Qt aborting."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from operator_desktop import main as entry
from operator_desktop.app import display_check
from operator_desktop.app.display_check import XCB_LIBRARIES, missing_xcb_libraries, uses_xcb


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_xcb_is_checked_only_where_qt_would_use_it(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    assert uses_xcb(environ, platform) is expected


def test_every_library_of_this_machine_loads() -> None:
    # tests/run.sh installs what the window needs; a fresh desktop has the rest
    assert missing_xcb_libraries({"QT_QPA_PLATFORM": "xcb"}, platform="linux") is None


def test_missing_libraries_name_their_packages() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    found = missing_xcb_libraries({}, platform="linux", loads=lambda name: name not in absent)
    assert found is not None
    assert found.packages == ("libxcb-icccm4", "libxcb-keysyms1")
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in found.message()
    assert set(XCB_LIBRARIES) >= absent


def test_the_window_command_says_what_to_install_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(display_check, "_loads", lambda name: name != "libxcb-cursor.so.0")
    assert entry.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("operator-desktop: the window needs system libraries")
    assert "libxcb-cursor.so.0" in err and "sudo apt install libxcb-cursor0" in err
