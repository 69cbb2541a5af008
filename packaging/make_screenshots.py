"""Render the README's screenshots from the demo data: light and dark, and the sign-in dialog.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_screenshots.py
Each run starts the demo fresh in a temporary folder (same seed, so the same data) and
writes resources/screenshots/main-light.png and main-dark.png (through the app's own
`--screenshot`), then sign-in.png (the first-run dialog, rendered here).
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
    return render_sign_in(OUT / "sign-in.png")


def render_sign_in(target: Path) -> int:
    """The dialog a new user meets first, in the light theme and English."""
    from PySide6.QtWidgets import QApplication

    from operator_desktop.app.gui import install_translations
    from operator_desktop.ui.common.refcount_guard import protect_singletons
    from operator_desktop.ui.common.theme import ThemeMode, apply_theme
    from operator_desktop.ui.shell.sign_in import SignInDialog

    protect_singletons()
    app = QApplication(["operator-desktop"])
    install_translations(app, "en")
    apply_theme(app, ThemeMode.LIGHT)
    dialog = SignInDialog(server_url="https://chat.example.com", email="anna@example.com")
    dialog.show()
    dialog.adjustSize()
    app.processEvents()
    if not dialog.grab().save(str(target)):
        print(f"cannot write {target}", file=sys.stderr)
        return 1
    dialog.close()
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
