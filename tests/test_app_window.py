"""The whole app as a user starts it: `operator-desktop --demo --screenshot FILE.png`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_demo_window_screenshot(tmp_path: Path) -> None:
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
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
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
