"""The window's wording of coded core errors, translatable (Qt Linguist context "errors").

`describe_error` is the one place an `OperatorError` becomes a sentence for people; the CLI
has its own, untranslated wording in `cli/messages.py`. Server details are appended only where
they help the reader (a validation message such as "Email has already been taken", a TLS
reason, an account name); network details and internal exception text are left out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from operator_desktop.core.errors import ErrorCode, OperatorError


def _wording() -> dict[ErrorCode, str]:
    # Spelled out as `QCoreApplication.translate("errors", "…")` so pyside6-lupdate finds them;
    # built per call so a language switch takes effect at once.
    return {
        ErrorCode.SESSION_EXPIRED: QCoreApplication.translate(
            "errors",
            "The server no longer accepts this sign-in. Sign in again; "
            "your cached conversations are kept.",
        ),
        ErrorCode.FORBIDDEN: QCoreApplication.translate(
            "errors", "You are not allowed to do this on the server."
        ),
        ErrorCode.ACCOUNT_SUSPENDED: QCoreApplication.translate(
            "errors", "This account is suspended."
        ),
        ErrorCode.NOT_FOUND: QCoreApplication.translate(
            "errors", "It no longer exists on the server."
        ),
        ErrorCode.VALIDATION: QCoreApplication.translate(
            "errors", "The server refused the change."
        ),
        ErrorCode.RATE_LIMITED: QCoreApplication.translate(
            "errors",
            "Too many attempts: the server is limiting requests from this address. "
            "Wait a few minutes, then try again.",
        ),
        ErrorCode.SERVER_ERROR: QCoreApplication.translate(
            "errors", "The server had an internal error. Try again later."
        ),
        ErrorCode.NETWORK_DOWN: QCoreApplication.translate(
            "errors", "Cannot reach the server. Check the address and your connection."
        ),
        ErrorCode.TIMEOUT: QCoreApplication.translate(
            "errors", "The server did not answer in time."
        ),
        ErrorCode.TLS: QCoreApplication.translate(
            "errors", "The server's security certificate could not be verified."
        ),
        ErrorCode.BAD_CREDENTIALS: QCoreApplication.translate("errors", "Wrong email or password."),
        ErrorCode.BAD_TOKEN: QCoreApplication.translate(
            "errors",
            "The server did not accept this access token. Copy it again from your profile.",
        ),
        ErrorCode.BAD_ADDRESS: QCoreApplication.translate(
            "errors", "This is not a valid server address, e.g. https://chat.example.com"
        ),
        ErrorCode.MFA_REQUIRED: QCoreApplication.translate(
            "errors", "This account needs a two-factor code."
        ),
        ErrorCode.MFA_INVALID: QCoreApplication.translate(
            "errors", "That code was not accepted. Check it and try again."
        ),
        ErrorCode.PROTOCOL: QCoreApplication.translate(
            "errors", "The server sent something this app does not understand."
        ),
        ErrorCode.KEYRING_UNAVAILABLE: QCoreApplication.translate(
            "errors", "No usable system keyring was found to keep the sign-in safe."
        ),
        ErrorCode.KEYRING_LOCKED: QCoreApplication.translate(
            "errors", "The system keyring is locked. Unlock it and try again."
        ),
        ErrorCode.NOT_SIGNED_IN: QCoreApplication.translate("errors", "You are not signed in."),
        ErrorCode.AMBIGUOUS_ACCOUNT: QCoreApplication.translate(
            "errors", "Several accounts are signed in. Choose one."
        ),
        ErrorCode.CACHE: QCoreApplication.translate("errors", "The local cache could not be used."),
        ErrorCode.CACHE_BUSY: QCoreApplication.translate(
            "errors", "Another Operator Desktop process is using the local cache. Try again."
        ),
        ErrorCode.DISK_FULL: QCoreApplication.translate(
            "errors", "The disk is full. Free some space, then try again."
        ),
        ErrorCode.CACHE_READ_ONLY: QCoreApplication.translate(
            "errors", "The data folder is read-only: cached conversations can be read, not changed."
        ),
        ErrorCode.CACHE_DAMAGED: QCoreApplication.translate(
            "errors",
            "The local cache is damaged. It is rebuilt the next time Operator Desktop starts;"
            " replies not sent yet are kept.",
        ),
        ErrorCode.CACHE_KEY_MISSING: QCoreApplication.translate(
            "errors",
            "The local cache is encrypted, and the system keyring has no key for it (a data"
            " folder from another computer, or a reset keyring). It is kept as it is; a new"
            " cache can be started instead.",
        ),
        ErrorCode.CACHE_KEY_WRONG: QCoreApplication.translate(
            "errors",
            "The local cache cannot be decrypted with the key in the system keyring. It is"
            " kept as it is; a new cache can be started instead.",
        ),
        ErrorCode.NOT_CACHED: QCoreApplication.translate(
            "errors", "This is not in the local cache yet; it arrives with the next sync."
        ),
        ErrorCode.EXPORT_FAILED: QCoreApplication.translate(
            "errors", "The export could not be written."
        ),
        ErrorCode.BAD_RULES: QCoreApplication.translate(
            "errors", "The chat-rules file cannot be used; the default rules apply."
        ),
        ErrorCode.INTERNAL: QCoreApplication.translate("errors", "Something went wrong."),
    }


def error_text(code: ErrorCode) -> str:
    """The sentence for `code` alone, without any server detail."""
    return _wording().get(code, code.value)


def describe_error(error: OperatorError) -> str:
    """One or two sentences for `error`; the server's message is included for validation."""
    text = error_text(error.code)
    detail = error.detail.strip()
    if not detail:
        return text
    if error.code is ErrorCode.VALIDATION:
        return QCoreApplication.translate("errors", "The server refused the change: {0}").format(
            detail
        )
    if error.code is ErrorCode.TLS:
        return QCoreApplication.translate("errors", "{0} ({1})").format(text, detail)
    if error.code is ErrorCode.ACCOUNT_SUSPENDED:
        return QCoreApplication.translate("errors", "This account is suspended: {0}").format(detail)
    return text


def validation_message(error: OperatorError) -> str:
    """The server's own validation text when there is one, else the general wording.

    Shown under a form field, where "The server refused the change:" would only add noise.
    """
    if error.code is ErrorCode.VALIDATION and error.detail.strip():
        return error.detail.strip()
    return describe_error(error)
