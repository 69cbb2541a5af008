"""The disk holding the data folder fills up while the window is live, then space returns.

A real full file system (tests/small_disk.py): the window says so, what is cached can still
be read, a reply that cannot be queued stays in the composer, and once space is freed the
app writes again and catches up on what arrived meanwhile, losing nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import CableState
from operator_desktop.ui.conversation.pane import ConversationPane
from operator_desktop.ui.shell.main_window import MainWindow
from tests.gui_support import GuiEnv, gui_environment
from tests.small_disk import SmallDisk, small_disk
from tests.sync_support import server_messages
from tests.test_ui_conversation import chats, model_rows, settles, wait_until
from tests.ui_waits import collect_on_main_thread  # noqa: F401 - autouse; guards refcounts

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "data") as d:
        yield d


@pytest.fixture
def gui_env(qloop: qasync.QEventLoop, disk: SmallDisk) -> Iterator[GuiEnv]:
    """The usual signed-in window environment, with its data folder on the small disk."""
    with gui_environment(qloop, disk.path) as env:
        yield env


async def cached(env: GuiEnv, display_id: int, message_id: int) -> bool:
    c = env.controller
    return message_id in {r.id for r in await c.read(c.readmodel.messages, c.key, display_id)}


@settles
def test_a_full_disk_is_said_the_cache_stays_readable_and_writing_resumes(
    gui_env: GuiEnv, disk: SmallDisk, qtbot: QtBot
) -> None:
    env = gui_env
    engine = env.controller.actions.engine
    settings = QSettings(str(disk.path.parent / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(env.controller, settings)
    qtbot.addWidget(window)
    env.run(window.start())
    window.show()
    env.start_live()
    wait_until(env, lambda: engine.status.cable is CableState.CONNECTED)
    open_ids = [r.display_id for r in chats(env) if r.status == "open"]
    writes_to, reads = open_ids[0], open_ids[1]

    # an emptied WAL: the next write needs new space on the disk, which is now full
    env.workspace.worker.call(env.workspace.cache.database.db.execute_sql,
                              "PRAGMA wal_checkpoint(TRUNCATE)")  # fmt: skip
    disk.fill()
    written = int(
        env.control(
            action="act", op="customer_write", conversation_id=writes_to,
            content="Is my order on its way?",
        )["message_id"]
    )  # fmt: skip
    wait_until(env, lambda: window.banner.trouble is ErrorCode.DISK_FULL, timeout=30)
    assert window.banner.isVisible() and window.banner.retry_button.isVisible()
    assert "disk is full" in window.banner.label.text()
    window.grab().save(str(disk.path.parent / "disk-full.png"))

    # what is cached can still be read: another conversation opens with its transcript
    pane: ConversationPane = window.pane
    env.run(pane.open_conversation(reads))
    assert pane.model.rowCount() > 0

    # a reply cannot be queued: it stays in the composer, the error is said
    errors: list[OperatorError] = []
    env.controller.errorRaised.connect(errors.append)
    env.run(pane.open_conversation(writes_to))
    reply = "Yes, it left the warehouse this morning"
    pane.composer.set_text(reply)
    pane.composer.send()
    wait_until(env, lambda: pane.composer.text() == reply)
    assert ErrorCode.DISK_FULL in {e.code for e in errors}
    assert not env.run(cached(env, writes_to, written))

    # space returns: "Try again" writes at once, and what arrived meanwhile is caught up
    disk.free()
    window.banner.retry_button.click()
    wait_until(env, lambda: cached(env, writes_to, written), timeout=30)
    wait_until(env, lambda: window.banner.trouble is None and not window.banner.isVisible())
    assert any(r.id == written for r in model_rows(pane.model))

    pane.composer.send()
    wait_until(env, lambda: pane.composer.text() == "")

    def delivered() -> list[str]:
        return [m["content"] for m in server_messages(env.url, writes_to) if m["content"] == reply]

    wait_until(env, lambda: bool(delivered()), timeout=30)
    assert delivered() == [reply]
    window.close()
