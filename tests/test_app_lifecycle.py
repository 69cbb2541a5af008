"""The whole GUI app as an operator meets it, through `GuiApp` (the composition root).

First run: the sign-in dialog, then the window, the token in the real keyring; "Try the demo"
from that dialog; a later start opening the cached account with no dialog; signing out
(keeping or deleting the cache) back to the sign-in dialog; a refused token renewed over the
window; `--screenshot` for an account signed in with the CLI. A real demo server on loopback,
real SQLite in a temp folder.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring.errors
import pytest
import qasync
import shiboken6
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.app.gui import GuiApp, GuiOptions
from operator_desktop.core.changes import AccountKey
from operator_desktop.core.status import Phase
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services import cachekeys
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.encryption import FileState, file_state
from operator_desktop.storage.filevault import is_sealed
from operator_desktop.ui.common.theme import Theme, ThemeMode
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.notifications import Notifier
from operator_desktop.ui.shell.sign_in import SignInDialog
from tests.conftest import ADMIN, ANNA
from tests.gui_support import FAST, FAST_CABLE
from tests.ui_waits import collect_on_main_thread, emitted, run_until

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["collect_on_main_thread"]  # an autouse fixture


class RunningApp:
    """A `GuiApp` whose `main()` runs as a task on the test's loop."""

    def __init__(self, loop: qasync.QEventLoop, gui: GuiApp) -> None:
        self.loop = loop
        self.gui = gui
        self.task: asyncio.Task[int] = loop.create_task(gui.main())

    def next_dialog(self) -> SignInDialog:
        (dialog,) = emitted(self.loop, self.gui.signInShown, timeout=30)
        assert isinstance(dialog, SignInDialog)
        return dialog

    def next_window(self, action: Any = None) -> MainWindow:
        (window,) = emitted(self.loop, self.gui.windowOpened, action, timeout=60)
        assert isinstance(window, MainWindow)
        return window

    def wait_live(self, window: MainWindow) -> None:
        engine = window.controller.actions.engine
        run_until(
            self.loop,
            window.controller.statusChanged,
            lambda: engine.status.phase is Phase.LIVE and engine.status.last_sync_at is not None,
            timeout=60,
        )

    def sign_out(self, window: MainWindow, *, wipe: bool) -> SignInDialog:
        (box,) = emitted(self.loop, self.gui.signOutAsked, window.signOutRequested.emit)
        assert isinstance(box, QMessageBox)
        role = QMessageBox.ButtonRole.DestructiveRole if wipe else QMessageBox.ButtonRole.AcceptRole
        (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
        (dialog,) = emitted(self.loop, self.gui.signInShown, button.click, timeout=30)
        assert isinstance(dialog, SignInDialog)
        return dialog

    def finish(self) -> int:
        code: int = self.loop.run_until_complete(asyncio.wait_for(self.task, 30))
        return code


class Starter:
    """Starts `GuiApp`s; any still running when the test ends is quit and awaited."""

    def __init__(self, loop: qasync.QEventLoop) -> None:
        self.loop = loop
        self.started: list[RunningApp] = []

    def __call__(
        self, data: Path, tokens: TokenStore, notifier: Notifier | None = None, **options: Any
    ) -> RunningApp:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        gui = GuiApp(
            app,
            GuiOptions(data_dir=data, **options),
            tokens=tokens,
            sync_settings=FAST,
            cable_timings=FAST_CABLE,
            notifier=notifier,  # none unless given: tests/test_notifications.py has a server
        )
        running = RunningApp(self.loop, gui)
        self.started.append(running)
        return running

    def stop_all(self) -> None:
        for running in self.started:
            if not running.task.done():
                running.gui.request_quit()
                # a failure of its own is already the test's failure
                self.loop.run_until_complete(asyncio.wait([running.task], timeout=30))


@pytest.fixture
def start(qloop: qasync.QEventLoop) -> Iterator[Starter]:
    starter = Starter(qloop)
    yield starter
    starter.stop_all()


def sign_in_with_password(running: RunningApp, dialog: SignInDialog, url: str) -> MainWindow:
    """Anna signs in with her password and picks Acme Support (she is in two accounts)."""
    if url:
        dialog.server_edit.setText(url)
    dialog.email_edit.setText(ANNA.email)
    dialog.password_edit.setText(ANNA.password)
    (page,) = emitted(running.loop, dialog.pageChanged, dialog.primary_button.click)
    assert page == "accounts"
    dialog.select_account(1)
    return running.next_window(dialog.primary_button.click)


def signed_in_data_dir(
    loop: qasync.QEventLoop, data: Path, url: str, tokens: TokenStore, token: str
) -> None:
    """What `operator-desktop login` and `sync --once` leave behind, for Anna."""

    async def setup() -> None:
        workspace = Workspace(DataDir(data), tokens=tokens)
        try:
            async with ChatwootClient(url, token=ANNA.access_token) as client:
                profile = await client.profile()
            await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [1])
            await tokens.aset(url, profile.email, ANNA.access_token)
            controller = await build_controller(workspace, workspace.resolve(url, 1))
            await controller.actions.engine.run(live=False)
            await controller.actions.engine.stop()
            controller.runner.cancel_all()
            await controller.actions.engine.client.aclose()
            await tokens.aset(url, profile.email, token)
        finally:
            workspace.close()

    loop.run_until_complete(setup())


def cached_conversations(workspace: Workspace, url: str) -> int:
    """Anna's cached conversations in Acme Support (read through the app's own workspace:
    the cache's peewee models are bound to one open database at a time)."""
    return len(workspace.worker.call(workspace.cache.conversations, AccountKey(url, 1)))


def app_workspace(running: RunningApp) -> Workspace:
    assert running.gui.workspace is not None
    return running.gui.workspace


def closed(window: MainWindow) -> bool:
    return not shiboken6.isValid(window) or not window.isVisible()


@pytest.mark.keyring
def test_first_run_signs_in_then_signing_out_deletes_everything(
    start: Starter, tmp_path: Path, demo_url: str
) -> None:
    tokens = TokenStore()  # the real Secret Service
    running = start(tmp_path / "data", tokens)
    dialog = running.next_dialog()
    assert dialog.isVisible() and dialog.demo_button.isVisible()
    window = sign_in_with_password(running, dialog, demo_url)
    assert window.isVisible()
    running.wait_live(window)
    assert window.chat_list.proxy.rowCount() > 0
    assert window.pane.current_id is not None or window.chat_list.select_next()
    assert tokens.get(demo_url, ANNA.email) == ANNA.access_token
    assert cached_conversations(app_workspace(running), demo_url) > 0

    dialog = running.sign_out(window, wipe=True)
    assert closed(window)
    assert tokens.get(demo_url, ANNA.email) is None
    assert cached_conversations(app_workspace(running), demo_url) == 0
    dialog.reject()
    assert running.finish() == 0


def test_a_damaged_cache_is_rebuilt_and_the_operator_told(start: Starter, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    damaged = b"this is not an SQLite database" * 100
    (data / "cache.sqlite3").write_bytes(damaged)
    running = start(data, TokenStore(MemoryKeyring()))
    dialog = running.next_dialog()  # nothing could be kept: sign in again, no traceback
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and "rebuilt" in w.text()
    ]
    assert len(boxes) == 1
    assert "cache.sqlite3.damaged-" in boxes[0].informativeText()
    (copy,) = data.glob("cache.sqlite3.damaged-*")
    assert copy.read_bytes() == damaged  # set aside, nothing lost
    boxes[0].accept()
    dialog.reject()
    assert running.finish() == 0


def test_try_the_demo_from_the_first_run_dialog(start: Starter, tmp_path: Path) -> None:
    running = start(tmp_path / "data", TokenStore(MemoryKeyring()))
    dialog = running.next_dialog()
    window = running.next_window(dialog.demo_button.click)
    assert window.windowTitle().endswith("demo")
    running.wait_live(window)
    assert window.chat_list.proxy.rowCount() > 0
    window.theme_actions[ThemeMode.DARK].trigger()  # View > Dark theme
    assert Theme.is_dark() and window.theme_actions[ThemeMode.DARK].isChecked()
    assert running.gui.settings.value("ui/theme") == "dark"  # remembered for the next start
    window.theme_actions[ThemeMode.LIGHT].trigger()
    assert not Theme.is_dark() and not window.theme_actions[ThemeMode.DARK].isChecked()
    running.gui.request_quit()
    assert running.finish() == 0
    assert running.gui.demo is None  # the embedded server was stopped
    # and kept its state in the data folder (saved every 2 s and on stop) for the next start
    assert (tmp_path / "data" / "demo" / "server-state.json").exists()


def demo_messages(running: RunningApp, display_id: int) -> list[str]:
    """What the running demo's server holds for a conversation (as John, over REST)."""
    demo = running.gui.demo
    assert demo is not None and demo.server is not None
    response = httpx.get(
        f"{demo.server.url}/api/v1/accounts/1/conversations/{display_id}/messages",
        headers={"api_access_token": ADMIN.access_token},
        timeout=10,
    )
    response.raise_for_status()
    return [str(m.get("content") or "") for m in response.json()["payload"]]


def test_a_restarted_demo_keeps_its_history_and_reset_starts_fresh(
    start: Starter, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    running = start(data, TokenStore(MemoryKeyring()), demo=True)
    running.wait_live(running.next_window())
    marker = f"Checked the warehouse ({uuid.uuid4()})"
    demo = running.gui.demo
    assert demo is not None and demo.server is not None
    httpx.post(
        f"{demo.server.url}/api/v1/accounts/1/conversations/1/messages",
        json={"content": marker, "private": True},
        headers={"api_access_token": ADMIN.access_token},
        timeout=10,
    ).raise_for_status()
    running.gui.request_quit()
    assert running.finish() == 0

    again = start(data, TokenStore(MemoryKeyring()), demo=True)
    again.wait_live(again.next_window())
    assert marker in demo_messages(again, 1)  # the demo server kept its state
    again.gui.request_quit()
    assert again.finish() == 0

    fresh = start(data, TokenStore(MemoryKeyring()), demo=True, reset=True)
    fresh.wait_live(fresh.next_window())
    assert marker not in demo_messages(fresh, 1)
    fresh.gui.request_quit()
    assert fresh.finish() == 0


def test_later_start_opens_the_cache_and_sign_out_keeps_it(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    tokens = TokenStore(MemoryKeyring())
    data = tmp_path / "data"
    signed_in_data_dir(qloop, data, demo_url, tokens, ANNA.access_token)
    running = start(data, tokens)
    window = running.next_window()  # no dialog: straight from the cache
    assert window.chat_list.proxy.rowCount() > 0  # painted before any network call
    running.wait_live(window)
    cached = cached_conversations(app_workspace(running), demo_url)

    dialog = running.sign_out(window, wipe=False)
    assert tokens.get(demo_url, ANNA.email) is None
    assert cached > 0
    assert cached_conversations(app_workspace(running), demo_url) == cached  # kept
    window = sign_in_with_password(running, dialog, demo_url)  # and back in
    running.wait_live(window)
    assert window.chat_list.select_next()
    display_id = window.chat_list.current_id()
    assert display_id is not None
    composer = window.pane.composer
    run_until(  # the conversation is open, its composer ready
        running.loop,
        window.controller.runner.busyChanged,
        lambda: composer.isEnabled() and composer.display_id == display_id,
    )
    draft = "Let me check the tracking number and"
    composer._draft_timer.setInterval(60_000)  # the delayed save cannot run before closing
    composer.edit.setPlainText(draft)
    other = next(r for r in window.chat_list.model.rows() if r.display_id != display_id)
    quick = window.open_quick_reply(other.display_id)  # from a notification's Reply
    run_until(running.loop, window.controller.runner.busyChanged, quick.isVisible)
    quick_draft = "Sorry for the wait, one moment"
    quick.edit.setPlainText(quick_draft)
    (quit_action,) = [a for a in window.actions() if a.text() == "Quit"]
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()  # closing the window ends the app
    assert running.finish() == 0
    workspace = Workspace(DataDir(data), tokens=tokens)
    try:  # nothing typed is lost
        saved = workspace.worker.call(workspace.cache.draft, AccountKey(demo_url, 1), display_id)
        assert saved is not None and saved[0] == draft
        key = AccountKey(demo_url, 1)
        saved = workspace.worker.call(workspace.cache.draft, key, other.display_id)
        assert saved == (quick_draft, False)
    finally:
        workspace.close()


def test_a_refused_token_is_renewed_over_the_window(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    tokens = TokenStore(MemoryKeyring())
    data = tmp_path / "data"
    signed_in_data_dir(qloop, data, demo_url, tokens, f"revoked-{uuid.uuid4()}")
    running = start(data, tokens)
    window = running.next_window()
    run_until(
        qloop,
        window.controller.statusChanged,
        window.banner.button.isVisible,
        timeout=60,
    )
    (dialog,) = emitted(qloop, running.gui.signInShown, window.banner.button.click)
    assert isinstance(dialog, SignInDialog)
    assert dialog.server_edit.text() == demo_url
    assert dialog.email_edit.text() == ANNA.email
    assert not dialog.demo_button.isVisible()
    renewed = sign_in_with_password(running, dialog, "")
    assert renewed is not window and closed(window)
    running.wait_live(renewed)
    assert tokens.get(demo_url, ANNA.email) == ANNA.access_token
    running.gui.request_quit()
    assert running.finish() == 0


class LockedKeyring(MemoryKeyring):
    """A keyring whose daemon is locked (`keyring.errors.KeyringLocked` on every call)."""

    def get_password(self, service: str, username: str) -> str | None:  # noqa: ARG002
        raise keyring.errors.KeyringLocked("locked")


def fatal_box(running: RunningApp) -> QMessageBox:
    (box,) = emitted(running.loop, running.gui.fatalShown, timeout=30)
    assert isinstance(box, QMessageBox)
    return box


def test_a_locked_keyring_is_explained_in_a_window(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    data = tmp_path / "data"
    signed_in_data_dir(qloop, data, demo_url, TokenStore(MemoryKeyring()), ANNA.access_token)
    running = start(data, TokenStore(LockedKeyring()))
    box = fatal_box(running)
    assert box.isVisible()
    assert "keyring is locked" in box.informativeText()
    box.button(QMessageBox.StandardButton.Close).click()
    assert running.finish() == 1


def operator_desktop(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the app's command line as a user would, offscreen."""
    return subprocess.run(
        [sys.executable, "-m", "operator_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=180,
        check=False,
    )


@pytest.mark.keyring
def test_screenshot_of_an_account_signed_in_with_the_cli(tmp_path: Path, demo_url: str) -> None:
    data = str(tmp_path / "data")
    login = operator_desktop(
        "login", "--server", demo_url, "--email", ANNA.email, "--password-stdin",
        "--account", "1", "--data-dir", data,
        stdin=ANNA.password,
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    shot = tmp_path / "shot.png"
    try:
        result = operator_desktop("--data-dir", data, "--language", "en", "--screenshot", str(shot))
        assert result.returncode == 0, result.stderr
        image = QImage(str(shot))
        assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    finally:
        operator_desktop("logout", "--wipe", "--data-dir", data)


def test_screenshot_without_an_account_fails_at_once(tmp_path: Path) -> None:
    shot = tmp_path / "x.png"
    result = operator_desktop("--data-dir", str(tmp_path / "empty"), "--screenshot", str(shot))
    assert result.returncode == 1
    assert "not signed in" in result.stderr.lower()
    assert not shot.exists()


def test_preferences_switch_the_cache_and_its_files_to_plain_and_back(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    data = tmp_path / "data"
    tokens = TokenStore(MemoryKeyring(durable=True))
    signed_in_data_dir(qloop, data, demo_url, tokens, ANNA.access_token)
    running = start(data, tokens)
    window = running.next_window()
    workspace = app_workspace(running)
    assert workspace.encrypted and file_state(data / "cache.sqlite3") is FileState.OPAQUE
    stored = data / "files" / "1" / "9" / "file.bin"
    workspace.files.write(stored, b"a picture of a passport")
    before = cached_conversations(workspace, demo_url)

    def switch(window: MainWindow, encrypt: bool) -> MainWindow:
        dialog = window.open_preferences()
        assert dialog.encrypt_check.isEnabled() and dialog.encrypt_check.isChecked() != encrypt
        dialog.encrypt_check.setChecked(encrypt)
        emitted(qloop, running.gui.workspaceProgress, dialog.save, timeout=30)
        renewed = running.next_window()
        assert renewed is not window and closed(window)
        return renewed

    window = switch(window, encrypt=False)
    workspace = app_workspace(running)
    assert not workspace.encrypted and file_state(data / "cache.sqlite3") is FileState.PLAIN
    assert stored.read_bytes() == b"a picture of a passport", "the files are plain again"
    assert cached_conversations(workspace, demo_url) == before
    assert not window.open_preferences().encrypt_check.isChecked()
    window = switch(window, encrypt=True)
    workspace = app_workspace(running)
    assert workspace.encrypted and file_state(data / "cache.sqlite3") is FileState.OPAQUE
    assert is_sealed(stored) and b"passport" not in stored.read_bytes()
    assert workspace.files.read(stored) == b"a picture of a passport"
    assert cached_conversations(workspace, demo_url) == before
    running.gui.request_quit()
    assert running.finish() == 0


def test_a_cache_whose_key_is_gone_offers_a_new_cache_in_a_window(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    data = tmp_path / "data"
    tokens = TokenStore(MemoryKeyring(durable=True))
    signed_in_data_dir(qloop, data, demo_url, tokens, ANNA.access_token)
    cache_id = cachekeys.read_id(data)
    assert cache_id is not None
    tokens.delete_cache_key(cache_id)
    running = start(data, tokens)
    box = fatal_box(running)
    assert "no key" in box.text()
    (rebuild,) = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    ]
    # nothing of the old cache could be read, its sign-ins neither: sign in again
    (dialog,) = emitted(qloop, running.gui.signInShown, rebuild.click, timeout=60)
    assert isinstance(dialog, SignInDialog)
    window = sign_in_with_password(running, dialog, demo_url)
    running.wait_live(window)
    workspace = app_workspace(running)
    assert workspace.encrypted and cached_conversations(workspace, demo_url) > 0
    assert [p.name for p in data.iterdir() if ".damaged-" in p.name], "the old file is kept"
    running.gui.request_quit()
    assert running.finish() == 0
