"""The CLI's wording of coded core errors (the UI has its own, translated)."""

from __future__ import annotations

from operator_desktop.core.errors import ErrorCode, OperatorError

WORDING: dict[ErrorCode, str] = {
    ErrorCode.SESSION_EXPIRED: "the server no longer accepts this sign-in; sign in again "
    "(your cached conversations are kept)",
    ErrorCode.FORBIDDEN: "you are not allowed to do this on the server",
    ErrorCode.ACCOUNT_SUSPENDED: "this account is suspended",
    ErrorCode.NOT_FOUND: "not found on the server",
    ErrorCode.VALIDATION: "the server refused it",
    ErrorCode.RATE_LIMITED: "the server is rate-limiting requests from this address; "
    "try again in a few minutes",
    ErrorCode.SERVER_ERROR: "the server had an internal error",
    ErrorCode.NETWORK_DOWN: "cannot reach the server",
    ErrorCode.TIMEOUT: "the server did not answer in time",
    ErrorCode.TLS: "the server's TLS certificate could not be verified",
    ErrorCode.BAD_CREDENTIALS: "wrong email or password",
    ErrorCode.BAD_TOKEN: "the server did not accept this access token; copy it again from "
    "your Chatwoot profile settings",
    ErrorCode.BAD_ADDRESS: "not a valid server address; give one like https://chat.example.com",
    ErrorCode.MFA_REQUIRED: "this account needs a two-factor code: pass --otp CODE",
    ErrorCode.MFA_INVALID: "the two-factor code was not accepted",
    ErrorCode.PROTOCOL: "the server sent something this app does not understand",
    ErrorCode.KEYRING_UNAVAILABLE: "no usable OS keyring",
    ErrorCode.KEYRING_LOCKED: "the OS keyring is locked; unlock it and try again",
    ErrorCode.NOT_SIGNED_IN: "not signed in; run `operator-desktop login` first",
    ErrorCode.AMBIGUOUS_ACCOUNT: "several accounts are signed in; choose one with "
    "--server and --account",
    ErrorCode.CACHE: "the local cache could not be used",
    ErrorCode.CACHE_BUSY: "the local cache is locked by another Operator Desktop process; "
    "try again in a moment",
    ErrorCode.DISK_FULL: "the disk holding the data folder is full; free some space",
    ErrorCode.CACHE_READ_ONLY: "the data folder is read-only; only reading works",
    ErrorCode.CACHE_DAMAGED: "the local cache is damaged; it is rebuilt the next time a command"
    " or the app starts (what was not sent yet is kept)",
    ErrorCode.CACHE_KEY_MISSING: "the local cache is encrypted and the OS keyring has no key for"
    " it (a data folder from another computer, or a reset keyring); it is kept as it is — run"
    " `operator-desktop cache rebuild` to start a new cache (what was not sent yet is lost)",
    ErrorCode.CACHE_KEY_WRONG: "the local cache cannot be decrypted with the key in the OS"
    " keyring; it is kept as it is — run `operator-desktop cache rebuild` to start a new cache"
    " (what was not sent yet is lost)",
    ErrorCode.NOT_CACHED: "not in the local cache (run `operator-desktop sync` while online)",
    ErrorCode.EXPORT_FAILED: "the export could not be written",
    ErrorCode.BAD_RULES: "the chat-rules file cannot be used",
    ErrorCode.INTERNAL: "something went wrong inside Operator Desktop (a bug); "
    "details are in the log",
}


def describe(error: OperatorError) -> str:
    text = WORDING.get(error.code, error.code.value)
    if error.detail and error.code not in (
        ErrorCode.NETWORK_DOWN,
        ErrorCode.TIMEOUT,
        ErrorCode.CACHE_KEY_MISSING,
        ErrorCode.CACHE_KEY_WRONG,
    ):
        return f"{text}: {error.detail}"
    return text
