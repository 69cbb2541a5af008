"""The GUI entry point and composition root: one QApplication, one qasync loop.

`run_gui` builds everything once and passes it down by constructor: the workspace (cache on
its database thread, keyring), the account's controller, the main window. The window paints
the cached chat list before any network work; the engine then connects in the background.
`--demo` runs the embedded demo server in its own thread (never on this loop) with its
state and the client cache in the demo's own folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.app.controller import AppController
from operator_desktop.app.demo_mode import DemoSession
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.sync.engine import Phase
from operator_desktop.ui.common.theme import ThemeMode, apply_theme
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.sign_in import SignInDialog

log = logging.getLogger("ui")

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SCREENSHOT_TIMEOUT = 120.0


@dataclass
class GuiOptions:
    data_dir: Path | None = None
    demo: bool = False
    reset: bool = False
    screenshot: Path | None = None
    theme: ThemeMode = ThemeMode.SYSTEM
    language: str | None = None


def install_translations(app: QApplication, language: str | None) -> list[QTranslator]:
    locale = QLocale(language) if language else QLocale.system()
    translators: list[QTranslator] = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    own = QTranslator(app)
    if own.load(locale, "operator_desktop", "_", str(TRANSLATIONS)):
        app.installTranslator(own)
        translators.append(own)
    return translators


class GuiApp:
    """The running application: workspace, controller, window; ends with the window."""

    def __init__(self, app: QApplication, options: GuiOptions) -> None:
        self.app = app
        self.options = options
        self.base = DataDir.resolve(options.data_dir)
        self.settings = QSettings(str(self.base.root / "settings.ini"), QSettings.Format.IniFormat)
        self.workspace: Workspace | None = None
        self.controller: AppController | None = None
        self.window: MainWindow | None = None
        self.demo: DemoSession | None = None
        self.engine_task: asyncio.Task[None] | None = None
        self.quit = asyncio.Event()
        self.exit_code = 0
        self._dialog: SignInDialog | None = None

    # ---- startup -------------------------------------------------------------------------
    async def main(self) -> int:
        self.app.aboutToQuit.connect(self.quit.set)
        theme = self.settings.value("ui/theme", self.options.theme.value)
        mode = ThemeMode(theme) if theme in {m.value for m in ThemeMode} else ThemeMode.SYSTEM
        apply_theme(self.app, self.options.theme if self.options.screenshot else mode)
        try:
            if self.options.demo:
                await self._start_demo()
            else:
                await self._start_real()
            if self.options.screenshot is not None:
                await self._screenshot(self.options.screenshot)
                return self.exit_code
            await self.quit.wait()
            return self.exit_code
        finally:
            await self._shutdown()

    async def _start_demo(self) -> None:
        if self.options.reset:
            shutil.rmtree(self.base.root / "demo", ignore_errors=True)
        self.demo = DemoSession(self.base.root / "demo")
        self.workspace, _account = await self.demo.start()
        await self._open_window(account_title=self.app.translate("gui", " — demo"))

    async def _start_real(self) -> None:
        self.workspace = Workspace(self.base)
        if not self.workspace.accounts():
            choice = await self._sign_in()
            if choice == "demo":
                self.workspace.close()
                self.workspace = None
                await self._start_demo()
                return
            if choice != "signed_in":
                self.exit_code = 0
                raise _Cancelled
        await self._open_window(account_title="")

    async def _sign_in(self) -> str:
        """Show the sign-in dialog (open(), not exec()) and wait for its outcome."""
        assert self.workspace is not None
        workspace = self.workspace
        outcome: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        dialog = SignInDialog()
        self._dialog = dialog

        def signed_in(url: str, profile: object, account_id: int) -> None:
            async def save() -> None:
                from operator_desktop.core.types import Profile

                assert isinstance(profile, Profile)
                await workspace.tokens.aset(url, profile.email, profile.access_token)
                await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [account_id])
                if not outcome.done():
                    outcome.set_result("signed_in")

            task = asyncio.get_running_loop().create_task(save())
            task.add_done_callback(lambda t: _propagate(t, outcome))

        def finish(result: str) -> None:
            if not outcome.done():
                outcome.set_result(result)

        dialog.signedIn.connect(signed_in)
        dialog.demoRequested.connect(lambda: finish("demo"))
        dialog.rejected.connect(lambda: finish("cancelled"))
        dialog.open()
        try:
            return await outcome
        finally:
            dialog.close()
            dialog.deleteLater()
            self._dialog = None

    async def _open_window(self, account_title: str) -> None:
        assert self.workspace is not None
        account = self.workspace.resolve()
        self.controller = await build_controller(self.workspace, account)
        self.window = MainWindow(self.controller, self.settings, title_suffix=account_title)
        self.window.themeRequested.connect(self._set_theme)
        self.window.signInAgainRequested.connect(self._sign_in_again)
        self.window.signOutRequested.connect(self._sign_out)
        await self.controller.load_reference()
        await self.window.start()  # the cached list is painted before any network call
        self.window.show()
        self.engine_task = asyncio.get_running_loop().create_task(
            self.controller.engine.run(live=True), name="engine"
        )
        self.engine_task.add_done_callback(self._engine_done)

    def _engine_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and self.controller is not None:
            error = (
                exc if isinstance(exc, OperatorError) else OperatorError(ErrorCode.CACHE, str(exc))
            )
            if not isinstance(exc, OperatorError):
                log.error("sync engine stopped", exc_info=exc)
            self.controller.errorRaised.emit(error)

    def _set_theme(self, mode: ThemeMode) -> None:
        self.settings.setValue("ui/theme", mode.value)
        apply_theme(self.app, mode)
        if self.window is not None:
            self.window.update()

    def _sign_in_again(self) -> None:
        if self.window is not None:
            self.window.close()
        self.quit.set()

    def _sign_out(self) -> None:
        """Ask whether to keep the cached conversations (offline reading) or delete them."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.app.translate("gui", "Sign out"))
        box.setText(self.app.translate("gui", "Sign out of this account?"))
        box.setInformativeText(
            self.app.translate(
                "gui",
                "The access token is removed from the keyring. The cached conversations can "
                "stay on this computer for offline reading, or be deleted.",
            )
        )
        keep = box.addButton(
            self.app.translate("gui", "Sign out, keep cached data"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        wipe = box.addButton(
            self.app.translate("gui", "Sign out and delete cached data"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)

        def chosen(button: QAbstractButton) -> None:
            if button is keep or button is wipe:
                asyncio.get_running_loop().create_task(self._do_sign_out(wipe=button is wipe))

        box.buttonClicked.connect(chosen)
        box.open()  # never exec(): no nested event loop inside the asyncio loop

    async def _do_sign_out(self, *, wipe: bool) -> None:
        if self.workspace is None or self.controller is None:
            return
        account = self.workspace.resolve()
        if account.user_email is not None:
            with contextlib.suppress(OperatorError):
                await self.workspace.tokens.adelete(account.key.server_url, account.user_email)
        await self.controller.engine.stop()
        await self.workspace.worker.run(
            self.workspace.cache.sign_out, account.key.server_url, wipe=wipe
        )
        if self.window is not None:
            self.window.close()
        self.quit.set()

    # ---- --screenshot --------------------------------------------------------------------
    async def _screenshot(self, path: Path) -> None:
        assert self.window is not None and self.controller is not None
        window = self.window
        engine = self.controller.engine
        deadline = time.monotonic() + SCREENSHOT_TIMEOUT
        while True:
            synced = engine.status.phase in (Phase.LIVE, Phase.OFFLINE) and (
                engine.status.last_sync_at is not None or engine.status.phase is Phase.OFFLINE
            )
            if synced and window.chat_list.current_id() is None:
                window.chat_list.select_next()
            pane = window.pane
            ready = pane.current_id is not None and pane.model.rowCount() > 0
            if synced and ready and not pane.model.loading:
                break
            if time.monotonic() > deadline:
                print("operator-desktop: the window was not ready in time", file=sys.stderr)
                self.exit_code = 1
                return
            await asyncio.sleep(0.1)
        window.card.repaint()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path)):
            print(f"operator-desktop: cannot write {path}", file=sys.stderr)
            self.exit_code = 1

    # ---- shutdown ------------------------------------------------------------------------
    async def _shutdown(self) -> None:
        if self.controller is not None:
            self.controller.runner.cancel_all()
            await self.controller.engine.stop()
            await self.controller.engine.client.aclose()
        if self.engine_task is not None:
            self.engine_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.engine_task
        if self.window is not None:
            self.window.close()
        if self.workspace is not None:
            self.workspace.close()
        if self.demo is not None:
            self.demo.stop()


class _Cancelled(Exception):
    pass


def _propagate(task: asyncio.Task[None], outcome: asyncio.Future[str]) -> None:
    if not task.cancelled() and task.exception() is not None and not outcome.done():
        outcome.set_exception(task.exception())  # type: ignore[arg-type]


def run_gui(options: GuiOptions) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Operator Desktop")
    app.setOrganizationName("Operator Desktop")
    app.setQuitOnLastWindowClosed(True)
    install_translations(app, options.language)
    gui = GuiApp(app, options)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            code: int = loop.run_until_complete(gui.main())
            return code
    except _Cancelled:
        return 0
    except OperatorError as exc:
        from operator_desktop.cli.messages import describe

        print(f"operator-desktop: {describe(exc)}", file=sys.stderr)
        return 1
