"""The GUI entry point and composition root: one QApplication, one qasync loop.

`run_gui` builds `GuiApp`, which builds everything and passes it down by constructor: the
workspace (cache on its database thread, keyring), the account's controller, the main window.
The window paints the cached chat list before any network work; the engine then connects in
the background. Signing out returns to the sign-in dialog; a refused token is renewed over
the window. `--demo` runs the embedded demo server in its own thread (never on this loop)
with its state and the client cache in the demo's own folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import faulthandler
import logging
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMessageBox,
    QProgressDialog,
    QSystemTrayIcon,
    QWidget,
)

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.app.single_instance import InstanceGuard
from operator_desktop.core.errors import CACHE_KEY_TROUBLE, ErrorCode, OperatorError
from operator_desktop.core.status import Phase
from operator_desktop.core.types import Profile
from operator_desktop.net.cable import CableTimings
from operator_desktop.services.secrets import TokenStore
from operator_desktop.services.session import DataDir, OpenProgress, Workspace
from operator_desktop.services.signin import SignInService
from operator_desktop.storage.cache import SignedInAccount
from operator_desktop.storage.filevault import sweep_viewable
from operator_desktop.sync.engine import SyncSettings
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.language import LanguageSwitcher, stored_language
from operator_desktop.ui.common.tasks import TaskRunner
from operator_desktop.ui.common.theme import ThemeMode, apply_theme
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.shell.global_hotkey import GlobalHotkey, HotkeyState
from operator_desktop.ui.shell.launcher_badge import LauncherBadge
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.notifications import Notifier, close_notifier, system_notifier
from operator_desktop.ui.shell.preferences import Preferences
from operator_desktop.ui.shell.sign_in import SignInDialog
from operator_desktop.ui.shell.sounds import EffectPlayer
from operator_desktop.ui.shell.tray import TrayIcon

if TYPE_CHECKING:  # the demo server (aiohttp) is imported only when the demo starts
    from operator_desktop.app.demo_mode import DemoSession

log = logging.getLogger("ui")

APP_ICON = Path(__file__).resolve().parent.parent / "icons" / "operator-desktop.svg"
# the name of the installed .desktop entry (packaging/linux): Wayland's app id, the taskbar icon
DESKTOP_FILE_NAME = "org.operatordesktop.OperatorDesktop"
SCREENSHOT_TIMEOUT = 120.0
NOTIFICATIONS_CLOSE_PATIENCE = 3.0  # seconds to withdraw the shown notifications at most
SHUTDOWN_PATIENCE = 60.0  # seconds a --screenshot run may take to shut down
ACCOUNT_KEY = "ui/account"  # "server_url#account_id" of the account opened last
WORKSPACE_PROGRESS_AFTER_MS = 400  # a quick open shows nothing; a long migration a dialog


@dataclass
class GuiOptions:
    data_dir: Path | None = None
    demo: bool = False
    reset: bool = False
    screenshot: Path | None = None
    theme: ThemeMode = ThemeMode.SYSTEM
    language: str | None = None
    log_file: Path | None = None  # named by the window when something goes wrong


class WindowEnd(enum.Enum):
    """Why the main window ended."""

    QUIT = "quit"  # closed by the operator, Ctrl+C or SIGTERM
    SIGNED_OUT = "signed_out"  # back to the sign-in dialog
    REOPEN = "reopen"  # signed in again (a new token): the window is rebuilt
    SWITCH_ENCRYPTION = "switch_encryption"  # Preferences: the cache is switched, then reopened


class GuiApp(QObject):
    """The running application: workspace, controller and window, through every sign-in.

    The lifecycle: sign in (or open the remembered account from the cache), run the window
    until it ends, then either quit, sign in again with a fresh token, or — after signing
    out — show the sign-in dialog again. Every dialog is shown with `open()`, never `exec()`.
    """

    signInShown = Signal(object)  # the SignInDialog, once open
    workspaceProgress = Signal(object)  # the QProgressDialog of opening the cache
    windowOpened = Signal(object)  # the MainWindow, once it shows the cached list
    signOutAsked = Signal(object)  # the QMessageBox asking to keep or delete the cache
    fatalShown = Signal(object)  # the QMessageBox saying why the app cannot start

    def __init__(
        self,
        app: QApplication,
        options: GuiOptions,
        *,
        tokens: TokenStore | None = None,
        sync_settings: SyncSettings | None = None,
        cable_timings: CableTimings | None = None,
        notifier: Notifier | None = None,
        instance: InstanceGuard | None = None,
        languages: LanguageSwitcher | None = None,
    ) -> None:
        super().__init__()
        # the one notifier every window shows its notices with (None: no notifications);
        # a window lets go of it when it closes, and the next window is given the same one
        self.notifier = notifier
        self.app = app
        self.options = options
        self.base = DataDir.resolve(options.data_dir)
        self.base.root.mkdir(parents=True, exist_ok=True)
        self.settings = QSettings(str(self.base.root / "settings.ini"), QSettings.Format.IniFormat)
        # the language of Preferences (or the system's); `--language` overrides it at start
        self.languages = languages or LanguageSwitcher(app)
        self.languages.apply(options.language or stored_language(self.settings) or None)
        self._tokens = tokens
        self._sync_settings = sync_settings
        self._cable_timings = cable_timings
        self.workspace: Workspace | None = None
        self.account: SignedInAccount | None = None
        self.controller: AppController | None = None
        self.window: MainWindow | None = None
        self.demo: DemoSession | None = None
        self.engine_task: asyncio.Task[None] | None = None
        self.exit_code = 0
        self.theme_mode = options.theme
        self._end: asyncio.Future[WindowEnd] | None = None
        self._quitting = False
        self._wipe_on_sign_out = False
        self._encrypt_to = True  # what a SWITCH_ENCRYPTION end switches the cache to
        self._dialog: SignInDialog | None = None
        self._fatal_box: QMessageBox | None = None
        self._rebuilt_box: QMessageBox | None = None
        self.runner = TaskRunner(self)  # the app's own background work (sign-out, renewal)
        self.runner.failed.connect(self._report)
        self.tray: TrayIcon | None = None
        self._told_about_tray = False
        # the waiting count on the taskbar or dock entry, and the global hotkey: both outlive
        # the windows of one run, like the tray
        self.badge: LauncherBadge | None = None
        self.hotkey: GlobalHotkey | None = None
        if instance is not None:
            instance.raiseRequested.connect(self.show_window)

    # ---- lifecycle -----------------------------------------------------------------------
    async def main(self) -> int:
        sweep_viewable()  # plain copies of attachments left by a process that was killed
        theme = self.settings.value("ui/theme", self.options.theme.value)
        mode = ThemeMode(theme) if theme in {m.value for m in ThemeMode} else ThemeMode.SYSTEM
        self.theme_mode = self.options.theme if self.options.screenshot else mode
        apply_theme(self.app, self.theme_mode)
        if self.options.screenshot is None:
            if TrayIcon.available():
                self._show_tray()
            self.badge = LauncherBadge(self.app, DESKTOP_FILE_NAME)
            self.hotkey = GlobalHotkey(self._hotkey_pressed, asyncio.get_running_loop())
        # the app ends when its window ends: closing the sign-in dialog on the way from one
        # window to the next must not quit Qt's loop
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        try:
            opened = await (self._start_demo() if self.options.demo else self._start_real())
            if opened and self.options.screenshot is not None:
                await self._screenshot(self.options.screenshot)
                return self.exit_code
            while opened:
                end = await self._window_end()
                if end is WindowEnd.QUIT:
                    break
                await self._close_account()
                if end is WindowEnd.SIGNED_OUT:
                    await self._forget_account()
                if end is WindowEnd.SWITCH_ENCRYPTION:
                    await self._switch_encryption(self._encrypt_to)
                if end in (WindowEnd.REOPEN, WindowEnd.SWITCH_ENCRYPTION):
                    opened = await self._open_remembered()
                else:
                    opened = await self._start_real()
            return self.exit_code
        except OperatorError as exc:
            from operator_desktop.cli.messages import describe

            print(f"operator-desktop: {describe(exc)}", file=sys.stderr)
            if self.options.screenshot is None and not self._quitting:
                await self._show_fatal(exc)  # started from a desktop icon: stderr is unseen
            return 1
        finally:
            await self._shutdown()
            self.app.setQuitOnLastWindowClosed(quit_on_close)

    def request_quit(self) -> None:
        """End the app: the window (if any) closes, an open dialog is cancelled."""
        self._quitting = True
        self._finish_window(WindowEnd.QUIT)
        if self._dialog is not None:
            self._dialog.reject()
        if self._fatal_box is not None:
            self._fatal_box.reject()

    def _progress_dialog(self, text: str) -> tuple[QProgressDialog, OpenProgress]:
        """A busy dialog (shown once the work takes a while) and a reporter for it that any
        thread may call: stages in words, and counts for the attachment files."""
        progress = QProgressDialog(text, "", 0, 0)
        progress.setWindowTitle(self.app.translate("gui", "Operator Desktop"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(WORKSPACE_PROGRESS_AFTER_MS)
        loop = asyncio.get_running_loop()

        def show(stage: str, done: int, total: int) -> None:
            if not shiboken6.isValid(progress):
                return
            encrypting = self._encrypt_to
            if total:
                files = (
                    self.app.translate("gui", "Encrypting attachment files: {done} of {total}")
                    if encrypting
                    else self.app.translate("gui", "Decrypting attachment files: {done} of {total}")
                )
                progress.setLabelText(files.format(done=done, total=total))
                progress.setRange(0, total)
                progress.setValue(done)
            elif stage == "copying the cache":
                progress.setLabelText(
                    self.app.translate("gui", "Encrypting the local cache…")
                    if encrypting
                    else self.app.translate("gui", "Decrypting the local cache…")
                )

        def report(stage: str, done: int, total: int) -> None:
            loop.call_soon_threadsafe(show, stage, done, total)

        return progress, report

    async def _open_workspace(self, data_dir: DataDir, tokens: TokenStore | None) -> Workspace:
        """Open (and migrate) the cache on the database thread; a long migration shows a
        busy dialog with its stages instead of a frozen app."""
        self._encrypt_to = True  # the only switch an open makes is to encrypted
        progress, report = self._progress_dialog(
            self.app.translate("gui", "Opening the local cache…")
        )
        self.workspaceProgress.emit(progress)
        try:
            try:
                workspace = await Workspace.opened(data_dir, tokens=tokens, on_progress=report)
            except OperatorError as exc:
                if exc.code not in CACHE_KEY_TROUBLE or not await self._ask_rebuild(exc):
                    raise
                workspace = await Workspace.opened(
                    data_dir, tokens=tokens, rebuild=True, on_progress=report
                )
        finally:
            progress.reset()
            progress.deleteLater()
        if workspace.rebuilt is not None:
            self._tell_rebuilt(workspace.rebuilt.damaged_copy)
        return workspace

    def _request_encryption(self, encrypt: bool) -> None:
        if self.demo is not None:  # the demo's cache has no keyring to keep a key
            return
        self._encrypt_to = encrypt
        self._finish_window(WindowEnd.SWITCH_ENCRYPTION)

    async def _switch_encryption(self, encrypt: bool) -> None:
        """Close the cache, switch it (database and files) with a progress dialog, and open it
        again; a switch that cannot be done now (another process has the cache open, no
        keyring) is explained and the cache opens as it was."""
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self._encrypt_to = encrypt
        progress, report = self._progress_dialog(
            self.app.translate("gui", "Encrypting the local cache…")
            if encrypt
            else self.app.translate("gui", "Decrypting the local cache…")
        )
        self.workspaceProgress.emit(progress)
        switching = Workspace(self.base, tokens=self._tokens, open_cache=False, on_progress=report)
        try:
            await switching.worker.run(switching.switch_encryption, encrypt=encrypt)
        except OperatorError as exc:
            log.warning("the cache's encryption was not switched: %s", exc.code.value)
            self._tell_not_switched(exc)
        finally:
            switching.close()
            progress.reset()
            progress.deleteLater()
        self.workspace = await self._open_workspace(self.base, self._tokens)

    def _tell_not_switched(self, error: OperatorError) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.app.translate("gui", "Operator Desktop"),
            self.app.translate("gui", "The local cache was not switched; it stays as it was."),
            QMessageBox.StandardButton.Ok,
        )
        box.setInformativeText(describe_error(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._rebuilt_box = box
        box.open()
        self.fatalShown.emit(box)

    def _tell_rebuilt(self, damaged_copy: Path) -> None:
        """The cache was damaged and rebuilt: say so, without holding the start up."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.app.translate("gui", "Operator Desktop"),
            self.app.translate(
                "gui",
                "The local cache was damaged and has been rebuilt. Sign-ins, drafts and"
                " replies not sent yet were kept; conversations come back with the next sync.",
            ),
            QMessageBox.StandardButton.Ok,
        )
        box.setInformativeText(
            self.app.translate("gui", "The damaged copy is kept at {path}.").format(
                path=damaged_copy
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._rebuilt_box = box
        box.open()

    async def _ask_rebuild(self, error: OperatorError) -> bool:
        """The cache cannot be decrypted: start a new one (the old file is kept aside), or quit."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.app.translate("gui", "Operator Desktop"),
            describe_error(error),
            QMessageBox.StandardButton.Close,
        )
        box.setInformativeText(
            self.app.translate(
                "gui",
                "A new cache is filled again by the next sync. The unreadable file is kept"
                " beside it; drafts and replies not sent yet that are in it are not.",
            )
        )
        rebuild = box.addButton(
            self.app.translate("gui", "Start a new cache"), QMessageBox.ButtonRole.AcceptRole
        )
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def finished(_result: int) -> None:
            if not answer.done():
                answer.set_result(box.clickedButton() is rebuild)

        box.finished.connect(finished)
        self._fatal_box = box
        box.open()
        self.fatalShown.emit(box)
        try:
            return await answer
        finally:
            self._fatal_box = None
            box.deleteLater()

    async def _show_fatal(self, error: OperatorError) -> None:
        """Say why the app cannot go on, in a message box (shown with open(), awaited)."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.app.translate("gui", "Operator Desktop"),
            self.app.translate("gui", "Operator Desktop cannot start."),
            QMessageBox.StandardButton.Close,
        )
        box.setInformativeText(describe_error(error))
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def finished(_result: int) -> None:
            if not closed.done():
                closed.set_result(None)

        box.finished.connect(finished)
        self._fatal_box = box
        box.open()
        self.fatalShown.emit(box)
        try:
            await closed
        finally:
            self._fatal_box = None
            box.deleteLater()

    def _finish_window(self, end: WindowEnd) -> None:
        if self._end is not None and not self._end.done():
            self._end.set_result(end)

    async def _window_end(self) -> WindowEnd:
        assert self._end is not None
        return await self._end

    def _report(self, exc: BaseException | None) -> None:
        """Show a background failure in the window's status bar (logged if unexpected)."""
        if exc is None:
            return
        if not isinstance(exc, OperatorError):
            log.error("background task failed", exc_info=exc)
            internal = OperatorError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}")
            internal.__cause__ = exc
            exc = internal
        if self.controller is not None:
            self.controller.errorRaised.emit(exc)

    # ---- opening an account ----------------------------------------------------------------
    async def _start_demo(self) -> bool:
        from operator_desktop.app.demo_mode import DemoSession

        if self.options.reset:
            shutil.rmtree(self.base.root / "demo", ignore_errors=True)
        self.demo = DemoSession(self.base.root / "demo")
        self.workspace, account = await self.demo.start()
        await self._open_window(account, title=self.app.translate("gui", " — demo"))
        return True

    def _leave_demo(self) -> None:
        if self.demo is None:
            return
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self.demo.stop()
        self.demo = None

    async def _start_real(self) -> bool:
        """Open the remembered account, or sign in first; False when the operator gave up."""
        self._leave_demo()
        if self.workspace is None:
            self.workspace = await self._open_workspace(self.base, self._tokens)
        server_url, email, notice = "", "", ""
        while not self._quitting:
            account = self._pick_account()
            if account is None and self.options.screenshot is not None:
                raise OperatorError(ErrorCode.NOT_SIGNED_IN)  # nobody to ask: fail at once
            if account is not None:
                try:
                    await self._open_window(account, title="")
                    return True
                except OperatorError as exc:
                    if exc.code is not ErrorCode.NOT_SIGNED_IN or self.options.screenshot:
                        raise
                    # the cache knows the account but the keyring has no token for it
                    server_url, email = account.key.server_url, account.user_email or ""
                    notice = self.app.translate(
                        "gui", "The sign-in for {server} was not found in the keyring."
                    ).format(server=server_url)
            choice = await self._sign_in(server_url=server_url, email=email, notice=notice)
            if choice == "demo":
                self.workspace.close()
                self.workspace = None
                return await self._start_demo()
            if choice != "signed_in":
                return False
        return False

    async def _open_remembered(self) -> bool:
        if self._quitting:
            return False
        account = self._pick_account()
        if account is None:
            return await self._start_real()
        await self._open_window(account, title="")
        return True

    def _pick_account(self) -> SignedInAccount | None:
        """The account the operator used last, else the first one signed in."""
        assert self.workspace is not None
        accounts = self.workspace.accounts()
        remembered = self.settings.value(ACCOUNT_KEY)
        for account in accounts:
            if _account_id(account) == remembered:
                return account
        return accounts[0] if accounts else None

    async def _sign_in(
        self,
        *,
        server_url: str = "",
        email: str = "",
        notice: str = "",
        parent: QWidget | None = None,
        offer_demo: bool = True,
    ) -> str:
        """Show the sign-in dialog and wait for it: "signed_in", "demo" or "cancelled"."""
        assert self.workspace is not None
        workspace = self.workspace
        try:  # say it before the form, not after the operator typed a password for nothing
            await workspace.tokens.acheck()
        except OperatorError as exc:
            if exc.code not in (ErrorCode.KEYRING_UNAVAILABLE, ErrorCode.KEYRING_LOCKED):
                raise
            notice = describe_error(exc)
        outcome: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        dialog = SignInDialog(
            parent,
            server_url=server_url,
            email=email,
            notice=notice,
            sign_in=SignInService(workspace.ca_bundle),
            offer_demo=offer_demo,
        )
        self._dialog = dialog

        def signed_in(url: str, profile: object, account_id: int) -> None:
            assert isinstance(profile, Profile)

            async def save() -> None:
                await workspace.tokens.aset(url, profile.email, profile.access_token)
                await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [account_id])
                self.settings.setValue(ACCOUNT_KEY, f"{url.rstrip('/')}#{account_id}")
                if not outcome.done():
                    outcome.set_result("signed_in")

            def failed(error: OperatorError) -> None:
                if not outcome.done():
                    outcome.set_exception(error)

            self.runner.run(save(), name="save-sign-in", on_error=failed)

        def finish(result: str) -> None:
            if not outcome.done():
                outcome.set_result(result)

        dialog.signedIn.connect(signed_in)
        dialog.demoRequested.connect(lambda: finish("demo"))
        dialog.rejected.connect(lambda: finish("cancelled"))
        dialog.open()
        self.signInShown.emit(dialog)
        try:
            return await outcome
        finally:
            self._dialog = None
            dialog.close()
            dialog.deleteLater()

    async def _open_window(self, account: SignedInAccount, title: str) -> None:
        assert self.workspace is not None
        controller = await build_controller(
            self.workspace,
            account,
            settings=self._sync_settings,
            cable_timings=self._cable_timings,
        )
        self.account = account
        self.controller = controller
        self._end = asyncio.get_running_loop().create_future()
        if self._quitting:  # Ctrl+C while the window was being built
            self._end.set_result(WindowEnd.QUIT)
        notifier = self.notifier if self.options.screenshot is None else None
        window = MainWindow(
            controller,
            self.settings,
            title_suffix=title,
            notifier=notifier,
            sounds=EffectPlayer() if notifier is not None else None,
            log_file=self.options.log_file,
            languages=self.languages,
        )
        self.window = window
        window.show_theme_mode(self.theme_mode)
        window.themeRequested.connect(self._set_theme)
        window.signInAgainRequested.connect(self._sign_in_again)
        window.signOutRequested.connect(self._sign_out)
        window.encryptionRequested.connect(self._request_encryption)
        window.closed.connect(lambda: self._finish_window(WindowEnd.QUIT))
        if self.tray is not None:
            self._connect_tray(window)
        if self.badge is not None:
            self.badge.set_count(window.chat_list.unread())
            window.chat_list.unreadChanged.connect(self.badge.set_count)
        window.preferencesChanged.connect(self._apply_hotkey)
        self._apply_hotkey(window.preferences)
        await controller.load_reference()
        # shown as soon as the newest cached rows are in, before any network call
        await window.start(on_first_screen=lambda: self._show_first_screen(window))
        self.engine_task = asyncio.get_running_loop().create_task(
            controller.actions.engine.run(live=True), name="engine"
        )
        self.engine_task.add_done_callback(self._engine_done)
        self.windowOpened.emit(window)

    # ---- the tray and a second launch -------------------------------------------------------
    def _show_tray(self) -> None:
        tray = TrayIcon(self.app.windowIcon(), self)
        tray.openRequested.connect(self.show_window)
        tray.quitRequested.connect(self.request_quit)
        tray.availabilityChosen.connect(self._choose_availability)
        tray.show()
        self.tray = tray

    def _connect_tray(self, window: MainWindow) -> None:
        tray = self.tray
        assert tray is not None
        window.tray_exists = True
        tray.set_unread(window.chat_list.unread())
        tray.set_availability(window.status_widget.confirmed_availability)
        window.chat_list.unreadChanged.connect(tray.set_unread)
        window.status_widget.availabilityChanged.connect(tray.set_availability)
        window.status_widget.availabilityFailed.connect(
            lambda _e: tray.set_availability(window.status_widget.confirmed_availability)
        )
        window.hiddenToTray.connect(self._hidden_to_tray)

    def _apply_hotkey(self, preferences: Preferences) -> None:
        """Grab the global hotkey the preferences ask for (or let it go), and say how it went."""
        hotkey, window = self.hotkey, self.window
        if hotkey is None or window is None:
            return
        if not preferences.global_hotkey:
            hotkey.stop()
        elif hotkey.sequence != preferences.hotkey or hotkey.state is not HotkeyState.ACTIVE:
            hotkey.start(preferences.hotkey)
        window.hotkey_applied(hotkey.state, preferences.hotkey)

    def _hotkey_pressed(self) -> None:
        if self.window is not None:
            self.window.show_next_unread_mine()
        else:
            self.show_window()

    def _choose_availability(self, value: str) -> None:
        if self.window is not None:
            self.window.status_widget.set_availability(value)

    def _hidden_to_tray(self) -> None:
        if self.tray is None or self._told_about_tray:
            return
        self._told_about_tray = True
        self.tray.tray.showMessage(
            self.app.translate("gui", "Operator Desktop"),
            self.app.translate(
                "gui", "Still running in the tray. Quit from its menu, or with Ctrl+Q."
            ),
            QSystemTrayIcon.MessageIcon.Information,
            5000,
        )

    def show_window(self) -> None:
        """Bring the app up: its window (from the tray, minimised or behind others), else the
        dialog it shows (sign-in, a message)."""
        if self.window is not None:
            self.window.show_again()
            return
        for dialog in (self._dialog, self._fatal_box):
            if dialog is not None:
                dialog.show()
                dialog.raise_()
                dialog.activateWindow()
                return

    @staticmethod
    def _show_first_screen(window: MainWindow) -> None:
        window.show()
        window.repaint()  # painted now, so that the line below says when the operator saw it
        log.info("first screen painted: %d conversations", window.chat_list.model.rowCount())

    def _engine_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled():
            self._report(task.exception())

    async def _close_account(self) -> None:
        """Stop the engine and close the window (its geometry is saved), keeping the cache."""
        controller, window, engine_task = self.controller, self.window, self.engine_task
        self.controller, self.window, self.engine_task = None, None, None
        if self.tray is not None:  # nobody's count or availability until the next window
            self.tray.set_unread(0)
            self.tray.set_availability(None)
        if self.badge is not None:
            self.badge.set_count(0)
        if window is not None and window.notifications is not None:
            # first: their buttons must not reach a window that is closing
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(NOTIFICATIONS_CLOSE_PATIENCE):
                    await window.notifications.close()
        if window is not None:
            try:  # the last keystrokes of a draft, not saved yet by its timer
                await window.pane.composer.save_pending_draft()
                if window.quick_reply is not None:  # and what the quick reply holds
                    await window.quick_reply.save_pending_draft()
            except OperatorError as exc:
                log.warning("draft not saved while closing: %s", exc.code.value)
        if controller is not None:
            controller.runner.cancel_all()
            await controller.actions.engine.stop()
            await controller.actions.engine.client.aclose()
        if engine_task is not None:
            engine_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await engine_task
        if window is not None:
            window.pane.shutdown()
            window.quit()
            window.deleteLater()

    def _set_theme(self, mode: ThemeMode) -> None:
        self.theme_mode = mode
        self.settings.setValue("ui/theme", mode.value)
        apply_theme(self.app, mode)
        if self.window is not None:
            self.window.show_theme_mode(mode)
            self.window.update()

    # ---- signing in again and signing out -------------------------------------------------
    def _sign_in_again(self) -> None:
        """The server refused the token: ask for a new one over the window, then rebuild it."""
        if self._dialog is not None or self.account is None:
            return
        account = self.account

        async def renew() -> None:
            choice = await self._sign_in(
                server_url=account.key.server_url,
                email=account.user_email or "",
                notice=self.app.translate(
                    "gui", "The server no longer accepts this sign-in. Sign in again."
                ),
                parent=self.window,
                offer_demo=False,
            )
            if choice == "signed_in":
                self._finish_window(WindowEnd.REOPEN)

        self.runner.run(renew(), name="sign-in-again")

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
                self._end_for_sign_out(wipe=button is wipe)

        box.buttonClicked.connect(chosen)
        box.finished.connect(box.deleteLater)
        box.open()  # never exec(): no nested event loop inside the asyncio loop
        self.signOutAsked.emit(box)

    def _end_for_sign_out(self, *, wipe: bool) -> None:
        """End the window; `_forget_account` runs once nothing of it can write any more."""
        self._wipe_on_sign_out = wipe
        self._finish_window(WindowEnd.SIGNED_OUT)

    async def _forget_account(self) -> None:
        """Remove the token from the keyring and mark the account signed out (or wipe it)."""
        account, workspace = self.account, self.workspace
        if account is None or workspace is None:
            return
        if account.user_email is not None:
            try:
                await workspace.tokens.adelete(account.key.server_url, account.user_email)
            except OperatorError as exc:  # signing out goes on: the cache is still handled
                log.warning("token not removed from the keyring: %s", exc.code.value)
        await workspace.worker.run(
            workspace.cache.sign_out, account.key.server_url, wipe=self._wipe_on_sign_out
        )
        self.settings.remove(ACCOUNT_KEY)
        self.account = None

    # ---- --screenshot --------------------------------------------------------------------
    async def _screenshot(self, path: Path) -> None:
        assert self.window is not None and self.controller is not None
        window = self.window
        engine = self.controller.actions.engine
        deadline = time.monotonic() + SCREENSHOT_TIMEOUT
        while True:
            synced = engine.status.phase in (Phase.LIVE, Phase.OFFLINE) and (
                engine.status.last_sync_at is not None or engine.status.phase is Phase.OFFLINE
            )
            if synced and window.chat_list.current_id() is None:
                window.chat_list.select_next()
            pane = window.pane
            ready = (
                pane.current_id is not None
                and pane.model.rowCount() > 0
                and pane.header.row is not None  # its name and state are shown, too
            )
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
        # a scripted run must end: should the shutdown ever get stuck (seen twice, not
        # reproduced), say where every thread is and exit 1 rather than hang its caller
        faulthandler.dump_traceback_later(SHUTDOWN_PATIENCE, exit=True)
        # ... and, before that, where every coroutine waits (faulthandler sees only threads)
        asyncio.get_running_loop().call_later(SHUTDOWN_PATIENCE - 10, _print_waiting_tasks)

    # ---- shutdown ------------------------------------------------------------------------
    async def _shutdown(self) -> None:
        self.runner.cancel_all()
        if self.tray is not None:
            self.tray.hide()
        if self.hotkey is not None:
            self.hotkey.stop()
        await self._close_account()
        if self.badge is not None:
            await self.badge.aclose()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        if self.demo is not None:
            self.demo.stop()
            self.demo = None


def _print_waiting_tasks() -> None:
    """Every asyncio task still pending, with the line it waits on, to stderr."""
    tasks = asyncio.all_tasks()
    print(f"operator-desktop: shutting down takes long; {len(tasks)} tasks wait:", file=sys.stderr)
    for task in tasks:
        print(f"  task {task.get_name()}:", file=sys.stderr)
        task.print_stack(limit=6, file=sys.stderr)


def _account_id(account: SignedInAccount) -> str:
    return f"{account.key.server_url}#{account.key.account_id}"


def run_gui(options: GuiOptions) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Operator Desktop")
    app.setOrganizationName("Operator Desktop")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    instance: InstanceGuard | None = None
    if options.screenshot is None:  # a scripted screenshot runs beside the app, on its own
        instance = InstanceGuard(DataDir.resolve(options.data_dir).root)
        if instance.raise_running():
            print("operator-desktop: already running for this data folder: its window was raised")
            return 0
        instance.listen()
    # one notifier (and one D-Bus connection) for the app's life, not one per window
    notifier = system_notifier(app.applicationName()) if options.screenshot is None else None
    gui = GuiApp(app, options, instance=instance, notifier=notifier)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    # Ctrl+C and SIGTERM close the window cleanly (launch_gui keeps a timer running so that
    # Python gets to run the handler while Qt waits for events).
    previous = {
        sig: signal.signal(sig, lambda *_: loop.call_soon_threadsafe(gui.request_quit))
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        with loop:
            code: int = loop.run_until_complete(gui.main())
            if notifier is not None:
                loop.run_until_complete(close_notifier(notifier))
            return code
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
