"""Render the README's screenshots from the demo data: light and dark.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_screenshots.py
Each run starts the demo fresh in a temporary folder (same seed, so the same data) and
writes resources/screenshots/main-light.png and main-dark.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for theme in ("light", "dark"):
        with tempfile.TemporaryDirectory() as data:
            target = OUT / f"main-{theme}.png"
            cmd = [
                sys.executable,
                "-m",
                "operator_desktop",
                "--demo",
                "--reset",
                "--data-dir",
                data,
                "--theme",
                theme,
                "--language",
                "en",
                "--screenshot",
                str(target),
            ]
            result = subprocess.run(cmd, env=env, check=False)
            if result.returncode != 0:
                print(f"screenshot {theme} failed with {result.returncode}", file=sys.stderr)
                return result.returncode
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
