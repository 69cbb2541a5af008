"""The sign-in dialog against a real demo server: passwords, MFA, tokens, accounts, failures."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyotp
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from operator_desktop.core.links import normalize_server_url
from operator_desktop.core.types import AccountMembership, Profile
from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.seed import MFA_BACKUP_CODES, MFA_SECRET
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.ui.shell.sign_in import SignInDialog, SignInPage
from tests.conftest import ADMIN, MARIA
from tests.ui_waits import collect_on_main_thread, emitted

# Qt's offscreen platform plugin says so whenever a shown top-level window re-lays out.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["collect_on_main_thread"]  # an autouse fixture


@pytest.fixture
def dialog(qtbot: QtBot, qloop: qasync.QEventLoop) -> Iterator[SignInDialog]:
    del qloop  # the dialog's tasks run on it
    dlg = SignInDialog()
    qtbot.addWidget(dlg)
    dlg.open()
    yield dlg
    dlg.reject()


def fill(dlg: SignInDialog, url: str, email: str, password: str) -> None:
    dlg.server_edit.setText(url)
    dlg.email_edit.setText(email)
    dlg.password_edit.setText(password)


def submit_for_error(loop: qasync.QEventLoop, dlg: SignInDialog) -> str:
    (text,) = emitted(loop, dlg.errorShown, dlg.primary_button.click)
    assert not dlg.is_busy()
    assert dlg.error_label.isVisibleTo(dlg)
    return str(text)


def test_server_addresses_are_normalised() -> None:
    assert normalize_server_url("chat.example.com") == "https://chat.example.com"
    assert normalize_server_url(" http://127.0.0.1:3000/ ") == "http://127.0.0.1:3000"
    assert normalize_server_url("https://x.example/chatwoot/") == "https://x.example/chatwoot"
    assert normalize_server_url("") is None
    assert normalize_server_url("ftp://x.example") is None
    assert normalize_server_url("https://x.example/?q=1") is None
    for bad in ("http://", "https://host:port", "https://user@x.example", "not a url", "://x"):
        assert normalize_server_url(bad) is None, bad


def test_wrong_password_is_shown_inline_and_fields_stay(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    fill(dialog, demo_url, ADMIN.email, "not-the-password")
    busy: list[bool] = []
    dialog.busyChanged.connect(busy.append)
    text = submit_for_error(qloop, dialog)
    assert text == dialog.error_text()
    assert "Wrong email or password" in text
    assert busy == [True, False]  # a busy state while the request ran
    assert dialog.page() is SignInPage.CREDENTIALS
    assert dialog.email_edit.text() == ADMIN.email
    assert dialog.primary_button.isEnabled()


def test_missing_fields_are_caught_before_any_request(
    dialog: SignInDialog, qloop: qasync.QEventLoop
) -> None:
    dialog.primary_button.click()
    assert "server address" in dialog.error_text()
    dialog.server_edit.setText("chat.example.com")
    dialog.primary_button.click()
    assert "email" in dialog.error_text()
    assert not dialog.is_busy()
    del qloop


def test_john_picks_one_of_his_active_accounts(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    fill(dialog, demo_url + "/", ADMIN.email, ADMIN.password)
    emitted(qloop, dialog.pageChanged, dialog.primary_button.click)
    assert dialog.page() is SignInPage.ACCOUNTS
    # two active accounts, the suspended one listed but not selectable
    assert dialog.account_ids() == [(1, True), (2, True), (3, False)]
    assert dialog.account_list.item(2).text() == "Globex  ·  suspended"  # said once
    assert dialog.account_list.currentItem().data(Qt.ItemDataRole.UserRole) == 1
    assert dialog.password_edit.text() == ""  # the password is not kept around
    dialog.select_account(2)
    url, profile, account_id = emitted(qloop, dialog.signedIn, dialog.primary_button.click)
    assert url == demo_url  # normalised, no trailing slash
    assert isinstance(profile, Profile)
    assert profile.access_token == ADMIN.access_token
    assert account_id == 2
    assert not dialog.isVisible()  # closed itself


def test_maria_signs_in_with_a_totp_code(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    fill(dialog, demo_url, MARIA.email, MARIA.password)
    emitted(qloop, dialog.pageChanged, dialog.primary_button.click)
    assert dialog.page() is SignInPage.MFA
    assert dialog.code_edit.hasFocus() or dialog.code_edit.isVisibleTo(dialog)
    # a wrong code first: shown inline, the step stays
    QTest.keyClicks(dialog.code_edit, "12345")
    (text,) = emitted(
        qloop, dialog.errorShown, lambda: QTest.keyClicks(dialog.code_edit, "x6")
    )  # "x" is refused by the validator; the sixth digit submits by itself
    assert "not accepted" in text
    assert dialog.page() is SignInPage.MFA
    dialog.code_edit.clear()
    code = pyotp.TOTP(MFA_SECRET).now()
    url, profile, account_id = emitted(
        qloop, dialog.signedIn, lambda: QTest.keyClicks(dialog.code_edit, code)
    )
    assert (url, account_id) == (demo_url, 1)  # Maria has a single account: no picker
    assert profile.access_token == MARIA.access_token


def test_maria_can_use_a_backup_code(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    fill(dialog, demo_url, MARIA.email, MARIA.password)
    emitted(qloop, dialog.pageChanged, dialog.primary_button.click)
    dialog.backup_link.click()
    assert "backup" in dialog.mfa_prompt.text()
    dialog.code_edit.setText(MFA_BACKUP_CODES[0])
    _url, profile, _account = emitted(qloop, dialog.signedIn, dialog.primary_button.click)
    assert profile.email == MARIA.email


def test_unreachable_server(dialog: SignInDialog, qloop: qasync.QEventLoop) -> None:
    fill(dialog, "http://127.0.0.1:9", ADMIN.email, ADMIN.password)
    assert "Cannot reach the server" in submit_for_error(qloop, dialog)


def test_tls_problem(dialog: SignInDialog, qloop: qasync.QEventLoop) -> None:
    server = DemoServerThread(DemoConfig(port=0, tls=True))
    url = server.start()
    try:
        assert url.startswith("https://")
        fill(dialog, url, ADMIN.email, ADMIN.password)
        assert "certificate" in submit_for_error(qloop, dialog)
    finally:
        server.stop()


def test_throttled_sign_in_says_so(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    httpx.post(f"{demo_url}/__control", json={"action": "throttle", "on": True}).raise_for_status()
    fill(dialog, demo_url, ADMIN.email, "wrong")
    texts = [submit_for_error(qloop, dialog) for _ in range(6)]
    assert all("Wrong email or password" in t for t in texts[:5])
    assert "Too many attempts" in texts[5]


def test_access_token_path(dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str) -> None:
    dialog.server_edit.setText(demo_url)
    dialog.token_link.click()
    assert dialog.page() is SignInPage.TOKEN
    dialog.token_edit.setText("not-a-token")
    assert "did not accept this access token" in submit_for_error(qloop, dialog)
    dialog.token_edit.setText(f"  {MARIA.access_token}\n")  # pasted with whitespace
    _url, profile, account_id = emitted(qloop, dialog.signedIn, dialog.primary_button.click)
    assert profile.email == MARIA.email
    assert account_id == 1


def test_back_from_the_picker_returns_to_the_form(
    dialog: SignInDialog, qloop: qasync.QEventLoop, demo_url: str
) -> None:
    dialog.server_edit.setText(demo_url)
    dialog.token_link.click()
    dialog.token_edit.setText(ADMIN.access_token)
    emitted(qloop, dialog.pageChanged, dialog.primary_button.click)
    assert dialog.page() is SignInPage.ACCOUNTS
    dialog.back_button.click()
    assert dialog.page() is SignInPage.TOKEN


def test_demo_button(dialog: SignInDialog, qloop: qasync.QEventLoop) -> None:
    assert emitted(qloop, dialog.demoRequested, dialog.demo_button.click) == ()
    assert not dialog.isVisible()


def test_only_suspended_accounts_is_an_inline_error(dialog: SignInDialog) -> None:
    profile = Profile(
        id=9,
        name="Gone",
        available_name="Gone",
        email="gone@globex.example",
        access_token="t",
        pubsub_token="p",
        account_id=3,
        role="agent",
        message_signature=None,
        accounts=(AccountMembership(3, "Globex", "suspended", "agent", "online", None, True),),
    )
    signed_in: list[object] = []
    dialog.signedIn.connect(lambda *args: signed_in.append(args))
    dialog._after_profile(profile)
    assert "suspended" in dialog.error_text()
    assert dialog.page() is SignInPage.CREDENTIALS
    assert not signed_in
