"""Render the README's screenshots from the demo data: light and dark, and the sign-in dialog.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_screenshots.py
Each run starts the demo fresh in a temporary folder (same seed, so the same data) and
writes resources/screenshots/main-light.png and main-dark.png (through the app's own
`--screenshot`), then sign-in.png (the first-run dialog) and transcripts.png (the transcript
browser searching the synced demo cache), rendered here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/live_session signs the browser in to the demo
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
    from PySide6.QtWidgets import QApplication

    from operator_desktop.ui.common.language import LanguageSwitcher
    from operator_desktop.ui.common.refcount_guard import protect_singletons
    from operator_desktop.ui.common.theme import ThemeMode, apply_theme

    protect_singletons()
    app = QApplication(["operator-desktop"])
    LanguageSwitcher(app).apply("en")
    apply_theme(app, ThemeMode.LIGHT)
    return render_sign_in(app, OUT / "sign-in.png") or render_transcripts(
        app, OUT / "transcripts.png"
    )


def render_sign_in(app: QApplication, target: Path) -> int:
    """The dialog a new user meets first, in the light theme and English."""
    from operator_desktop.ui.shell.sign_in import SignInDialog

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


def render_transcripts(app: QApplication, target: Path) -> int:
    """The transcript browser over a demo cache, searching a word form, offline."""
    import asyncio

    import qasync

    from bench.live_session import LiveSession
    from operator_desktop.demo.config import DemoConfig
    from operator_desktop.demo.server import DemoServerThread
    from operator_desktop.ui.transcripts.browser import TranscriptBrowser

    server = DemoServerThread(DemoConfig(port=0))
    url = server.start()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def shoot(folder: Path) -> bool:
        session = await LiveSession.open(url, folder)
        try:
            controller = session.controller
            browser = TranscriptBrowser(controller, controller.transcripts)
            browser.resize(1200, 720)
            browser.show()
            opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def on_opened(_display_id: int) -> None:
                if not opened.done():
                    opened.set_result(None)

            browser.conversationOpened.connect(on_opened)
            browser.query.setText("заказ")
            browser.search_now()
            await asyncio.wait_for(opened, 30)
            await asyncio.sleep(0.2)  # the transcript's layout settles
            return browser.grab().save(str(target))
        finally:
            await session.close()

    try:
        with tempfile.TemporaryDirectory() as data:
            saved = loop.run_until_complete(shoot(Path(data)))
    finally:
        loop.close()
        server.stop()
    if not saved:
        print(f"cannot write {target}", file=sys.stderr)
        return 1
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
