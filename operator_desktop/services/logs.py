"""Logging for the window and the CLI: where records go, how loud, and what they may not say.

One stderr handler at the chosen verbosity and, for the window, a rotating file in the data
folder (INFO, owner-only) whose path the error banner names. Every handler masks secrets
(`SecretMask`: access and pubsub tokens, passwords, codes) whatever the level. Third-party
loggers (qasync logs future results at DEBUG, peewee logs SQL with message contents) stay at
INFO, the wire loggers at WARNING, unless named in `OPERATOR_DESKTOP_DEBUG` (comma-separated).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

LOG_FILE = "operator-desktop.log"
QUIET_AT_INFO = ("qasync", "asyncio", "peewee", "PIL", "keyring")
QUIET_AT_WARNING = ("httpx", "httpcore", "websockets", "aiohttp.access")
DEBUG_ENV = "OPERATOR_DESKTOP_DEBUG"

_SECRET_KEYS = (
    r"api_access_token|access_token|pubsub_token|mfa_token|auth_token|token|password|otp_code"
    r"|backup_code|secret"
)
# `key=value`, `key: value`, `'key': 'value'`, `"key":"value"`, `key='value'` (reprs, JSON,
# headers, query strings), also as escaped JSON inside JSON (`\"key\":\"value\"`, a cable
# frame's identifier); the value is whatever runs up to a quote, backslash, space, comma or
# bracket.
_SECRET_FIELD = re.compile(
    rf"""(?P<key>\b(?:{_SECRET_KEYS})\b[\\'"]*\s*[:=]\s*[\\'"]*)(?P<value>[^\\'"\s,;&)}}\]]+)""",
    re.IGNORECASE,
)
MASK = "***"


def mask_secrets(text: str) -> str:
    return _SECRET_FIELD.sub(lambda m: m.group("key") + MASK, text)


class SecretMask(logging.Filter):
    """Rewrites a record's message and traceback with every secret field masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg = masked
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def _level(verbosity: int) -> int:
    if verbosity <= 0:
        return logging.WARNING
    return logging.INFO if verbosity == 1 else logging.DEBUG


def setup_logging(verbosity: int, log_dir: Path | None = None) -> Path | None:
    """Configure the root logger; returns the log file's path when one could be opened."""
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    mask = SecretMask()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(_level(verbosity))
    console.setFormatter(fmt)
    console.addFilter(mask)
    root.addHandler(console)
    level = _level(verbosity)
    path = None
    if log_dir is not None:
        path = _file_handler(root, log_dir, fmt, mask)
        if path is not None:
            level = min(level, logging.INFO)
    root.setLevel(level)
    wanted = {n.strip() for n in os.environ.get(DEBUG_ENV, "").split(",") if n.strip()}
    for name in QUIET_AT_INFO:
        logging.getLogger(name).setLevel(logging.DEBUG if name in wanted else logging.INFO)
    for name in QUIET_AT_WARNING:
        logging.getLogger(name).setLevel(logging.DEBUG if name in wanted else logging.WARNING)
    return path


def _file_handler(
    root: logging.Logger, log_dir: Path, fmt: logging.Formatter, mask: SecretMask
) -> Path | None:
    path = log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        path.chmod(0o600)
    except OSError as exc:  # a read-only or full disk: log to stderr only
        logging.getLogger("ui").warning("no log file in %s: %s", log_dir, exc.strerror)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(fmt)
    handler.addFilter(mask)
    root.addHandler(handler)
    return path
