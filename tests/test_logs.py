"""Logging: secrets are masked at every level, third-party debug stays quiet, the log file is
private, and a bug reaches the operator as "Something went wrong" with details to copy."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.logs import DEBUG_ENV, QUIET_AT_INFO, mask_secrets, setup_logging
from operator_desktop.ui.shell.error_notice import ErrorNotice

TOKEN = "Zx81secretTOKENvalue"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {n: logging.getLogger(n).level for n in (*QUIET_AT_INFO, "httpx", "httpcore")}
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        if handler not in handlers:
            handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


@pytest.mark.parametrize(
    "text",
    [
        f"headers {{'api_access_token': '{TOKEN}'}}",
        f'{{"pubsub_token":"{TOKEN}","id":1}}',
        f"SignInResult(access_token='{TOKEN}', user_id=3)",
        f"GET /x?token={TOKEN}&page=2",
        f"password={TOKEN}",
        # a cable frame's identifier is JSON inside JSON, and repr() escapes it once more
        json.dumps({"identifier": json.dumps({"channel": "RoomChannel", "pubsub_token": TOKEN})}),
        repr(json.dumps({"identifier": json.dumps({"pubsub_token": TOKEN, "user_id": 1})})),
    ],
)
def test_secret_fields_are_masked(text: str) -> None:
    masked = mask_secrets(text)
    assert TOKEN not in masked and "***" in masked


@pytest.mark.usefixtures("restore_logging")
def test_debug_logging_never_shows_secrets_or_third_party_chatter(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    log_file = setup_logging(2, tmp_path / "logs")
    assert log_file is not None
    logging.getLogger("qasync").debug("future result: Profile(access_token='%s')", TOKEN)
    logging.getLogger("peewee").debug("('INSERT INTO message ... ', ['Где мой заказ?'])")
    logging.getLogger("sync").debug("sent api_access_token: %s", TOKEN)
    try:
        raise ValueError(f"bad header api_access_token={TOKEN}")
    except ValueError:
        logging.getLogger("sync").exception("task failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    err = capsys.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    assert "sent api_access_token: ***" in err and "task failed" in err
    assert "ValueError: bad header api_access_token=***" in err
    assert "future result" not in err and "Где мой заказ" not in err
    assert TOKEN not in err and TOKEN not in written
    assert "task failed" in written and "sent api_access_token" not in written  # file is INFO
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


@pytest.mark.usefixtures("restore_logging")
def test_a_third_party_logger_asked_for_by_name_logs_debug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DEBUG_ENV, "peewee")
    setup_logging(2)
    logging.getLogger("peewee").debug("SELECT 1")
    logging.getLogger("qasync").debug("still quiet")
    err = capsys.readouterr().err
    assert "SELECT 1" in err and "still quiet" not in err


def test_a_bug_reads_something_went_wrong_with_details_to_copy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log_file = tmp_path / "logs" / "operator-desktop.log"
    notice = ErrorNotice(log_file)
    qtbot.addWidget(notice)
    notice.show_error(OperatorError(ErrorCode.NETWORK_DOWN))
    assert "Cannot reach the server" in notice.text()
    assert not notice.copy_button.isVisibleTo(notice)
    lookup: dict[str, int] = {}
    try:
        lookup["missing"]
    except KeyError as exc:
        bug = OperatorError(ErrorCode.INTERNAL, f"KeyError: {exc}")
        bug.__cause__ = exc
    notice.show_error(bug)
    assert notice.text().startswith("Something went wrong.") and str(log_file) in notice.text()
    assert notice.copy_button.isVisibleTo(notice)
    notice.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "KeyError: 'missing'" in copied and str(log_file) in copied


def test_a_network_error_line_goes_when_the_connection_is_back(qtbot: QtBot) -> None:
    notice = ErrorNotice(None)
    qtbot.addWidget(notice)
    notice.show_error(OperatorError(ErrorCode.NETWORK_DOWN))
    assert notice.text()
    notice.connection_restored()
    assert notice.text() == "" and notice.code is None
    notice.show_error(OperatorError(ErrorCode.INTERNAL, "KeyError: 'x'"))
    notice.connection_restored()  # a bug is not fixed by the network coming back
    assert notice.text().startswith("Something went wrong.")
