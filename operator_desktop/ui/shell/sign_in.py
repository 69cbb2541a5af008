"""`SignInDialog`: server address plus email and password (or a pasted access token), the
two-factor step, and the account picker.

The dialog is shown with `open()` (never `exec()`: no nested event loop under qasync) and does
its network work through a `SignInService` (a short-lived client per step), run by its own
`TaskRunner`. Failures are worded by `describe_error` and shown inline, under the fields;
while a step runs the inputs are disabled and a thin progress bar moves.

On success it emits `signedIn(server_url, profile, account_id)` — the `Profile` carries the
access token the caller stores in the keyring — and closes (unless `close_on_success` is
off). "Try the demo" emits `demoRequested`. Passwords, codes and tokens are never logged.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.links import normalize_server_url
from operator_desktop.core.types import AccountMembership, Profile, SignInResult
from operator_desktop.services.signin import SignInService
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.tasks import TaskRunner
from operator_desktop.ui.common.theme import Theme, ThemeFollower

log = logging.getLogger("ui")

TOTP_DIGITS = 6


class SignInPage(enum.Enum):
    CREDENTIALS = "credentials"
    TOKEN = "token"
    MFA = "mfa"
    ACCOUNTS = "accounts"


def active_accounts(profile: Profile) -> list[AccountMembership]:
    return [a for a in profile.accounts if a.status == "active"]


class SignInDialog(QDialog):
    """Sign in to a Chatwoot server; see the module docstring."""

    signedIn = Signal(str, object, int)  # server URL, Profile (with access_token), account id
    demoRequested = Signal()
    busyChanged = Signal(bool)
    errorShown = Signal(str)  # the inline error, as shown
    pageChanged = Signal(str)  # a SignInPage value

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
        email: str = "",
        notice: str = "",
        sign_in: SignInService | None = None,
        close_on_success: bool = True,
        offer_demo: bool = True,
    ) -> None:
        super().__init__(parent)
        self._offer_demo = offer_demo
        self.setObjectName("signInDialog")
        self.setModal(True)
        self.close_on_success = close_on_success
        self._sign_in = sign_in or SignInService()
        self._runner = TaskRunner(self)
        self._busy = False
        self._page = SignInPage.CREDENTIALS
        self._previous_page = SignInPage.CREDENTIALS
        self._server = ""
        self._mfa_token: str | None = None
        self._backup_mode = False
        self._profile: Profile | None = None
        self._form_labels: list[QLabel] = []

        self._build(notice)
        self.server_edit.setText(server_url)
        self.email_edit.setText(email)
        self._theme = ThemeFollower(self, self._restyle)
        self.setMinimumWidth(420)
        self.retranslate()
        (self.password_edit if server_url and email else self.server_edit).setFocus()

    # ---- building ---------------------------------------------------------------------------
    def _build(self, notice: str) -> None:
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.45)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("signInSubtitle")
        self.subtitle.setWordWrap(True)
        self.notice = QLabel(notice)
        self.notice.setObjectName("signInNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))

        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("serverEdit")
        self.server_edit.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.server_row = QWidget()
        server_form = self._form(self.server_row)
        self.server_label = self._form_label()
        server_form.addRow(self.server_label, self.server_edit)

        # Pages are shown one at a time in a plain box (a QStackedWidget would stay as tall as
        # its tallest page: its height-for-width ignores hidden pages' size policies).
        self.pages_box = QWidget()
        pages_layout = QVBoxLayout(self.pages_box)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        self._pages = [
            self._credentials_page(),
            self._token_page(),
            self._mfa_page(),
            self._accounts_page(),
        ]
        for widget in self._pages:
            pages_layout.addWidget(widget)

        self.error_label = QLabel()
        self.error_label.setObjectName("signInError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("signInBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(3)
        self.busy_bar.hide()

        self.demo_button = QPushButton()
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self._on_demo)
        self.back_button = QPushButton()
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self._on_back)
        self.primary_button = QPushButton()
        self.primary_button.setObjectName("primaryButton")
        self.primary_button.setDefault(True)
        self.primary_button.clicked.connect(self._on_primary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.primary_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.notice)
        layout.addSpacing(4)
        layout.addWidget(self.server_row)
        layout.addWidget(self.pages_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _form(self, page: QWidget) -> QFormLayout:
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _form_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("formLabel")
        self._form_labels.append(label)
        return label

    def _align_form_labels(self) -> None:
        """One label column for the server row and the pages below it."""
        for label in self._form_labels:
            label.setMinimumWidth(0)
            label.setMaximumWidth(16777215)
        width = max(label.sizeHint().width() for label in self._form_labels)
        for label in self._form_labels:
            label.setFixedWidth(width)

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.setWindowTitle(self.tr("Sign in — Operator Desktop"))
        self.title.setText(self.tr("Sign in to Chatwoot"))
        self.server_edit.setPlaceholderText(self.tr("https://chat.example.com"))
        self.server_label.setText(self.tr("Server"))
        self.email_edit.setPlaceholderText(self.tr("you@company.com"))
        self.token_link.setText(self.tr("Use an access token instead"))
        self.email_label.setText(self.tr("Email"))
        self.password_label.setText(self.tr("Password"))
        self.token_edit.setPlaceholderText(self.tr("Paste your access token"))
        self.token_hint.setText(
            self.tr("In Chatwoot, open Profile settings and copy the access token.")
        )
        self.password_link.setText(self.tr("Use email and password instead"))
        self.token_label.setText(self.tr("Access token"))
        self.accounts_label.setText(
            self.tr("You belong to several accounts. Choose the one to open:")
        )
        self._mfa_texts()
        self._align_form_labels()
        self.demo_button.setText(self.tr("Try the demo"))
        self.demo_button.setToolTip(
            self.tr("Explore the app with a built-in demo server and sample conversations")
        )
        self.back_button.setText(self.tr("Back"))
        metrics = self.primary_button.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(t)
            for t in (self.tr("Signing in…"), self.tr("Verifying…"), self.tr("Continue"))
        )
        self.primary_button.setMinimumWidth(widest + 40)
        if self._profile is not None and self._page is SignInPage.ACCOUNTS:
            current = self.account_list.currentItem()
            chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
            self._fill_accounts(self._profile)
            for row in range(self.account_list.count()):
                item = self.account_list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == chosen:
                    self.account_list.setCurrentItem(item)
        if not self._busy:  # else the working text stays until the answer comes
            self._render_page()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _link_button() -> QPushButton:
        button = QPushButton()
        button.setObjectName("linkButton")
        button.setFlat(True)
        button.setAutoDefault(False)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _credentials_page(self) -> QWidget:
        page = QWidget()
        self.email_edit = QLineEdit()
        self.email_edit.setObjectName("emailEdit")
        self.email_edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_link = self._link_button()
        self.token_link.clicked.connect(lambda: self._switch_to(SignInPage.TOKEN))
        form = self._form(page)
        self.email_label = self._form_label()
        self.password_label = self._form_label()
        form.addRow(self.email_label, self.email_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self._form_label(), self.token_link)
        return page

    def _token_page(self) -> QWidget:
        page = QWidget()
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_hint = hint = QLabel()
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.password_link = self._link_button()
        self.password_link.clicked.connect(lambda: self._switch_to(SignInPage.CREDENTIALS))
        form = self._form(page)
        self.token_label = self._form_label()
        form.addRow(self.token_label, self.token_edit)
        form.addRow(self._form_label(), hint)
        form.addRow(self._form_label(), self.password_link)
        return page

    def _mfa_page(self) -> QWidget:
        page = QWidget()
        self.mfa_prompt = QLabel()
        self.mfa_prompt.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code_font = QFont(self.font())
        code_font.setPointSizeF(self.font().pointSizeF() * 1.5)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4.0)
        self.code_edit.setFont(code_font)
        self.code_edit.textEdited.connect(self._on_code_edited)
        self._digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self)
        self._backup_chars = QRegularExpressionValidator(QRegularExpression(r"\S{0,64}"), self)
        self.backup_link = self._link_button()
        self.backup_link.clicked.connect(lambda: self._set_backup_mode(not self._backup_mode))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mfa_prompt)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.backup_link, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._set_backup_mode(False)
        return page

    def _accounts_page(self) -> QWidget:
        page = QWidget()
        self.accounts_label = label = QLabel()
        label.setWordWrap(True)
        self.account_list = QListWidget()
        self.account_list.setObjectName("accountList")
        self.account_list.itemDoubleClicked.connect(lambda _item: self._on_primary())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.account_list)
        return page

    # ---- look -------------------------------------------------------------------------------
    def _restyle(self) -> None:
        c = Theme.current()
        self.setStyleSheet(
            f"""
            QLabel#signInSubtitle, QLabel#hintLabel {{ color: {c.muted}; }}
            QLabel#signInNotice {{
                background: {c.banner}; color: {c.banner_text};
                border-radius: 6px; padding: 8px 10px;
            }}
            QLabel#signInError {{
                color: {c.red}; border: 1px solid {c.red}; border-radius: 6px;
                padding: 7px 10px;
            }}
            QPushButton#linkButton {{
                color: {c.accent}; border: none; background: transparent;
                padding: 0; text-align: left;
            }}
            QPushButton#linkButton:hover {{ text-decoration: underline; }}
            QPushButton#linkButton:disabled {{ color: {c.muted}; }}
            QPushButton#primaryButton {{
                background: {c.accent}; color: {c.accent_text}; border: none;
                border-radius: 5px; padding: 6px 16px; font-weight: 600;
            }}
            QPushButton#primaryButton:disabled {{ background: {c.divider}; color: {c.muted}; }}
            QLineEdit {{ padding: 5px 6px; }}
            QListWidget#accountList::item {{ padding: 6px 4px; }}
            QProgressBar#signInBusy {{ border: none; background: {c.divider}; }}
            QProgressBar#signInBusy::chunk {{ background: {c.accent}; }}
            """
        )

    # ---- pages ------------------------------------------------------------------------------
    def page(self) -> SignInPage:
        return self._page

    def _show_page(self, page: SignInPage) -> None:
        changed = page is not self._page
        self._page = page
        self._render_page()
        if changed:
            self.pageChanged.emit(page.value)

    def _render_page(self) -> None:
        """Show the current page and the texts and buttons that go with it."""
        page = self._page
        for widget, each in zip(self._pages, SignInPage, strict=True):
            widget.setVisible(each is page)
        entry = page in (SignInPage.CREDENTIALS, SignInPage.TOKEN)
        self.server_row.setVisible(entry)
        self.back_button.setVisible(not entry)
        self.demo_button.setVisible(entry and self._offer_demo)
        if page is SignInPage.CREDENTIALS:
            self.subtitle.setText(self.tr("Use the email and password of your agent account."))
            self.primary_button.setText(self.tr("Sign in"))
        elif page is SignInPage.TOKEN:
            self.subtitle.setText(self.tr("Sign in with a personal access token."))
            self.primary_button.setText(self.tr("Sign in"))
        elif page is SignInPage.MFA:
            self.subtitle.setText(self.tr("Two-factor authentication"))
            self.primary_button.setText(self.tr("Verify"))
        else:
            self.subtitle.setText(self.tr("Choose an account"))
            self.primary_button.setText(self.tr("Continue"))
        self.adjustSize()

    def _switch_to(self, page: SignInPage) -> None:
        self.clear_error()
        self._show_page(page)
        if page is SignInPage.TOKEN:
            self.token_edit.setFocus()
        elif page is SignInPage.CREDENTIALS:
            (self.email_edit if not self.email_edit.text() else self.password_edit).setFocus()

    def _set_backup_mode(self, backup: bool) -> None:
        self._backup_mode = backup
        self.code_edit.clear()
        if backup:
            self.code_edit.setValidator(self._backup_chars)
            self.code_edit.setMaxLength(64)
        else:
            self.code_edit.setValidator(self._digits)
            self.code_edit.setMaxLength(TOTP_DIGITS)
        self._mfa_texts()
        self.code_edit.setFocus()

    def _mfa_texts(self) -> None:
        if self._backup_mode:
            self.mfa_prompt.setText(self.tr("Enter one of your backup codes."))
            self.code_edit.setPlaceholderText(self.tr("Backup code"))
            self.backup_link.setText(self.tr("Use the authenticator app instead"))
        else:
            self.mfa_prompt.setText(self.tr("Enter the 6-digit code from your authenticator app."))
            self.code_edit.setPlaceholderText("000000")
            self.backup_link.setText(self.tr("Use a backup code instead"))

    # ---- state ------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.server_edit,
            self.email_edit,
            self.password_edit,
            self.token_edit,
            self.code_edit,
            self.account_list,
            self.token_link,
            self.password_link,
            self.backup_link,
            self.demo_button,
            self.back_button,
            self.primary_button,
        ):
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            working = {
                SignInPage.MFA: self.tr("Verifying…"),
                SignInPage.ACCOUNTS: self.tr("Continue"),
            }.get(self._page, self.tr("Signing in…"))
            self.primary_button.setText(working)
        else:
            self._render_page()
        self.busyChanged.emit(busy)

    def show_error(self, text: str) -> None:
        """Show `text` inline, above the buttons (also for the caller, e.g. a keyring error)."""
        self.error_label.setText(text)
        self.error_label.show()
        self.errorShown.emit(text)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def _fail(self, error: OperatorError) -> None:
        self._set_busy(False)
        log.info("sign-in step failed: %s", error.code.value)  # never the secrets
        self.show_error(self._wording(error))
        if error.code is ErrorCode.BAD_CREDENTIALS:
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        elif error.code is ErrorCode.MFA_INVALID:
            self.code_edit.selectAll()
            self.code_edit.setFocus()
        elif error.code in (ErrorCode.NETWORK_DOWN, ErrorCode.TLS, ErrorCode.NOT_FOUND):
            self.server_edit.setFocus()

    def _wording(self, error: OperatorError) -> str:
        """`describe_error`, made specific where the sign-in context says more."""
        if error.code is ErrorCode.SESSION_EXPIRED and self._page is SignInPage.TOKEN:
            return self.tr("The server did not accept this access token.")
        if error.code in (ErrorCode.NOT_FOUND, ErrorCode.PROTOCOL) and self._page in (
            SignInPage.CREDENTIALS,
            SignInPage.TOKEN,
        ):
            return self.tr(
                "This address does not look like a Chatwoot server. Check the server address."
            )
        if error.code is ErrorCode.MFA_INVALID and self._backup_mode:
            return self.tr("That backup code was not accepted.")
        return describe_error(error)

    # ---- actions ----------------------------------------------------------------------------
    def _on_demo(self) -> None:
        self.demoRequested.emit()
        if self.close_on_success:
            self.accept()

    def _on_back(self) -> None:
        self._runner.cancel_all()
        self._mfa_token = None
        self._profile = None
        self.code_edit.clear()
        self._switch_to(self._previous_page)

    def _on_primary(self) -> None:
        if self._busy:
            return
        self.clear_error()
        if self._page is SignInPage.CREDENTIALS:
            self._start_password()
        elif self._page is SignInPage.TOKEN:
            self._start_token()
        elif self._page is SignInPage.MFA:
            self._start_mfa()
        else:
            self._finish_with_selected()

    def _server_or_error(self) -> str | None:
        url = normalize_server_url(self.server_edit.text())
        if url is None:
            self.show_error(
                self.tr("Enter the server address, for example https://chat.example.com.")
            )
            self.server_edit.setFocus()
        return url

    def _start_password(self) -> None:
        server = self._server_or_error()
        if server is None:
            return
        email = self.email_edit.text().strip()
        password = self.password_edit.text()
        if not email or "@" not in email:
            self.show_error(self.tr("Enter the email address you sign in to Chatwoot with."))
            self.email_edit.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self._server = server
        self._previous_page = SignInPage.CREDENTIALS
        self._set_busy(True)

        self._runner.run(
            self._sign_in.with_password(server, email, password),
            name="sign-in",
            on_done=self._after_password,
            on_error=self._fail,
        )

    def _after_password(self, result: SignInResult) -> None:
        self._set_busy(False)
        if result.profile is not None:
            self.password_edit.clear()
            self._after_profile(result.profile)
            return
        self._mfa_token = result.mfa_token
        self._set_backup_mode(False)
        self._show_page(SignInPage.MFA)
        self.code_edit.setFocus()

    def _on_code_edited(self, text: str) -> None:
        if not self._backup_mode and len(text) == TOTP_DIGITS and not self._busy:
            self._on_primary()

    def _start_mfa(self) -> None:
        code = self.code_edit.text().strip()
        token = self._mfa_token
        if token is None:
            self._switch_to(SignInPage.CREDENTIALS)
            return
        if self._backup_mode and not code:
            self.show_error(self.tr("Enter a backup code."))
            return
        if not self._backup_mode and (len(code) != TOTP_DIGITS or not code.isdigit()):
            self.show_error(self.tr("Enter the 6 digits your authenticator app shows."))
            return
        server = self._server
        backup = self._backup_mode
        self._set_busy(True)

        self._runner.run(
            self._sign_in.with_code(server, token, code, backup=backup),
            name="sign-in",
            on_done=self._after_mfa,
            on_error=self._fail,
        )

    def _after_mfa(self, result: SignInResult) -> None:
        self._set_busy(False)
        if result.profile is None:  # the server asked again: treat as a refused code
            self._fail(OperatorError(ErrorCode.MFA_INVALID))
            return
        self._mfa_token = None
        self.password_edit.clear()
        self.code_edit.clear()
        self._after_profile(result.profile)

    def _start_token(self) -> None:
        server = self._server_or_error()
        if server is None:
            return
        token = self.token_edit.text().strip()
        if not token:
            self.show_error(self.tr("Paste your access token."))
            self.token_edit.setFocus()
            return
        self._server = server
        self._previous_page = SignInPage.TOKEN
        self._set_busy(True)

        self._runner.run(
            self._sign_in.with_token(server, token),
            name="sign-in",
            on_done=self._after_token,
            on_error=self._fail,
        )

    def _after_token(self, profile: Profile) -> None:
        self._set_busy(False)
        self.token_edit.clear()
        self._after_profile(profile)

    def _after_profile(self, profile: Profile) -> None:
        active = active_accounts(profile)
        if not active:
            self._show_page(self._previous_page)
            self.show_error(describe_error(OperatorError(ErrorCode.ACCOUNT_SUSPENDED)))
            return
        if len(active) == 1:
            self._finish(profile, active[0].id)
            return
        self._profile = profile
        self._fill_accounts(profile)
        self._show_page(SignInPage.ACCOUNTS)
        self.account_list.setFocus()

    def _fill_accounts(self, profile: Profile) -> None:
        self.account_list.clear()
        roles = {"administrator": self.tr("Administrator"), "agent": self.tr("Agent")}
        preferred: QListWidgetItem | None = None
        for membership in profile.accounts:
            role = roles.get(membership.role, membership.role)
            if membership.status == "active":
                text = self.tr("{0}  ·  {1}").format(membership.name, role)
            else:
                text = self.tr("{0}  ·  suspended").format(membership.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, membership.id)
            if membership.status != "active":
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(self.tr("This account is suspended and cannot be opened."))
            elif preferred is None or membership.id == profile.account_id:
                preferred = item
            self.account_list.addItem(item)
        if preferred is not None:
            self.account_list.setCurrentItem(preferred)
        rows = min(max(self.account_list.count(), 2), 6)  # as tall as the list, up to 6 rows
        frame = 2 * self.account_list.frameWidth()
        self.account_list.setFixedHeight(rows * self.account_list.sizeHintForRow(0) + frame + 2)

    def account_ids(self) -> list[tuple[int, bool]]:
        """The picker's accounts as (id, selectable), in order."""
        out = []
        for row in range(self.account_list.count()):
            item = self.account_list.item(row)
            selectable = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
            out.append((int(item.data(Qt.ItemDataRole.UserRole)), selectable))
        return out

    def select_account(self, account_id: int) -> None:
        for row in range(self.account_list.count()):
            item = self.account_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == account_id:
                self.account_list.setCurrentItem(item)
                return
        raise KeyError(account_id)

    def _finish_with_selected(self) -> None:
        item = self.account_list.currentItem()
        if self._profile is None or item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.show_error(self.tr("Choose an account."))
            return
        self._finish(self._profile, int(item.data(Qt.ItemDataRole.UserRole)))

    def _finish(self, profile: Profile, account_id: int) -> None:
        self._profile = None
        self.signedIn.emit(self._server, profile, account_id)
        if self.close_on_success:
            self.accept()

    # ---- closing ----------------------------------------------------------------------------
    def reject(self) -> None:
        self._runner.cancel_all()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.cancel_all()
        super().closeEvent(event)
