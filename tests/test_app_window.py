"""The whole app as a user starts it: `operator-desktop --demo --screenshot FILE.png`,
offscreen and on a real X display (Xvfb, Qt's xcb plugin, as on a Linux desktop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import missing_requirement


def platform_env(platform: str) -> dict[str, str]:
    if platform == "offscreen":
        return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    display = os.environ.get("OD_XVFB_DISPLAY")
    if display is None:
        missing_requirement("needs the Xvfb display tests/run.sh starts")
    return {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}


@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
def test_demo_window_screenshot(tmp_path: Path, platform: str) -> None:
    env = platform_env(platform)
    target = tmp_path / "window.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "operator_desktop",
            "--demo",
            "--data-dir",
            str(tmp_path / "d"),
            "--screenshot",
            str(target),
            "--theme",
            "light",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 600
    # a restarted demo keeps its history: the demo's own folder holds both sides' data
    assert (tmp_path / "d" / "demo" / "server-state.json").exists()
    assert (tmp_path / "d" / "demo" / "client" / "cache.sqlite3").exists()
