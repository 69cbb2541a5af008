"""Desktop notifications: which messages deserve one, and the real thing over D-Bus.

The end-to-end tests send real notifications with desktop-notifier to a fake notification
server on the session bus (tests/run.sh runs the suite in its own D-Bus session) and play the
user there: click, inline reply (KDE's extension), the Reply button (GNOME, dunst).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import qasync
from dbus_fast import RequestNameReply
from dbus_fast.aio import MessageBus
from desktop_notifier import DesktopNotifier
from PySide6.QtCore import QSettings

from operator_desktop.core.status import CableState
from operator_desktop.services.notices import NoticePolicy
from operator_desktop.services.readmodel import AttachmentRow, ChatRow, MessageRow
from operator_desktop.ui.shell.main_window import MainWindow
from tests import rows
from tests.conftest import missing_requirement, unique_tag
from tests.fake_notifications import NAME, PATH, FakeNotificationServer
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import settles, wait_until
from tests.ui_waits import collect_on_main_thread, emitted

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread"]  # an autouse fixture

NOW = 1_800_000_000.0
ME = 7


def chat(display_id: int, **fields: object) -> ChatRow:
    """Mine, with an unread message from Ольга."""
    mine = {"contact_name": "Ольга Смирнова", "assignee_id": ME, "unread_count": 1}
    return rows.chat(display_id, **{**mine, **fields})


def message(message_id: int, display_id: int = 1, **fields: object) -> MessageRow:
    row = MessageRow(
        id=message_id,
        display_id=display_id,
        message_type=0,  # incoming
        private=False,
        content="Где мой заказ?",
        created_at=NOW - 5,
        sender_name="Ольга",
        sender_kind="contact",
        status="sent",
    )
    return replace(row, **fields)  # type: ignore[arg-type]


def test_a_fresh_customer_message_in_my_chat_is_notified_once() -> None:
    policy = NoticePolicy(ME)
    chats = {1: chat(1)}
    (notice,) = policy.pick([message(10)], chats, now=NOW, reading=None)
    assert (notice.display_id, notice.message_id) == (1, 10)
    assert (notice.title, notice.body) == ("Ольга Смирнова", "Где мой заказ?")
    assert policy.pick([message(10)], chats, now=NOW, reading=None) == []  # once


def test_what_is_not_notified() -> None:
    policy = NoticePolicy(ME)
    chats = {1: chat(1), 2: chat(2, assignee_id=99), 3: chat(3, muted=True), 4: chat(4)}
    quiet = [
        message(1, message_type=1),  # my own reply
        message(2, private=True),  # a private note
        message(3, message_type=2),  # an activity line
        message(4, created_at=NOW - 3600),  # history paged in by a sync
        message(5, display_id=2),  # someone else's conversation
        message(6, display_id=3),  # muted
        message(7, display_id=4),  # the one I am reading
        message(8, display_id=5),  # not in the cache
        message(-3),  # an outbox row
    ]
    assert policy.pick(quiet, chats, now=NOW, reading=4) == []
    unassigned = {1: chat(1, assignee_id=None)}
    assert len(NoticePolicy(ME).pick([message(9)], unassigned, now=NOW, reading=None)) == 1


def test_bodies_are_one_short_line_and_files_have_their_name() -> None:
    policy = NoticePolicy(ME)
    long = "Здравствуйте!\n\n" + "очень " * 100
    picture = AttachmentRow(1, "image", "photo.jpg", 1000, 10, 10, None, None, None, None)
    notices = policy.pick(
        [message(1, content=long), message(2, content=None, attachments=(picture,))],
        {1: chat(1)},
        now=NOW,
        reading=None,
    )
    assert "\n" not in notices[0].body and notices[0].body.endswith("…")
    assert len(notices[0].body) <= 240
    assert notices[1].body == "photo.jpg"


# ---- end to end over D-Bus -----------------------------------------------------------------
@pytest.fixture(params=[True, False], ids=["inline-reply", "reply-button"])
def fake_server(
    request: pytest.FixtureRequest, qloop: qasync.QEventLoop
) -> Iterator[FakeNotificationServer]:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        missing_requirement("needs a D-Bus session bus (tests/run.sh runs the suite in one)")
    capabilities = ["actions", "body"] + (["inline-reply"] if request.param else [])
    server = FakeNotificationServer(capabilities)

    async def serve() -> MessageBus:
        bus = await MessageBus().connect()
        bus.export(PATH, server)
        if await bus.request_name(NAME) is not RequestNameReply.PRIMARY_OWNER:
            bus.disconnect()
            missing_requirement("a real notification server owns the bus: run tests/run.sh")
        return bus

    bus = qloop.run_until_complete(serve())
    yield server
    bus.disconnect()
    qloop.run_until_complete(bus.wait_for_disconnect())


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    notifier = DesktopNotifier(app_name="Operator Desktop tests")
    win = MainWindow(gui_env.controller, settings, notifier=notifier)
    gui_env.run(win.start())
    win.show()
    yield win
    win.close()  # here, on the GUI thread (see test_ui_preferences)


@settles
def test_notify_click_and_reply(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer
) -> None:
    c = gui_env.controller
    gui_env.start_live()
    wait_until(gui_env, lambda: c.actions.engine.status.cable is CableState.CONNECTED)
    rows: list[ChatRow] = gui_env.run(c.read(c.readmodel.chat_rows, c.key))
    mine = next(r for r in rows if r.status == "open" and r.assignee_id == c.user_id)
    notifications = window.notifications
    assert notifications is not None

    def customer_writes(text: str) -> None:
        gui_env.control(
            action="act", account_id=1, conversation_id=mine.display_id,
            op="customer_write", content=text,
        )  # fmt: skip

    question = f"Is my parcel on its way? ({unique_tag()})"
    (notice,) = emitted(gui_env.loop, notifications.sent, lambda: customer_writes(question))
    assert notice.display_id == mine.display_id
    shown = fake_server.shown[-1]
    assert (shown.summary, shown.body) == (mine.contact_name, question)
    inline = "inline-reply" in fake_server.capabilities
    assert ("inline-reply" in shown.action_keys()) is inline
    assert "default" in shown.action_keys()

    # clicking the notification opens the conversation in the window
    opened = emitted(
        gui_env.loop, notifications.opened, lambda: fake_server.ActionInvoked(shown.id, "default")
    )
    assert opened == (mine.display_id, False)
    wait_until(gui_env, lambda: window.pane.current_id == mine.display_id)

    # reading it in the active window: no notice for it; reading another one: notices again
    other = next(r for r in rows if r.display_id != mine.display_id)
    window.chat_list.select_conversation(other.display_id)
    wait_until(gui_env, lambda: window.pane.current_id == other.display_id)
    follow_up = f"Hello? ({unique_tag()})"
    emitted(gui_env.loop, notifications.sent, lambda: customer_writes(follow_up))
    shown = fake_server.shown[-1]
    if not inline:  # the Reply button opens the conversation with the composer focused
        button = next(k for k in shown.action_keys() if k != "default")
        opened = emitted(
            gui_env.loop, notifications.opened, lambda: fake_server.ActionInvoked(shown.id, button)
        )
        assert opened == (mine.display_id, True)
        return
    draft = "Half-written answer about the refund"
    gui_env.run(c.actions.save_draft(mine.display_id, draft, False))
    answer = f"Yes, it left the warehouse today ({unique_tag()})"
    fake_server.NotificationReplied(shown.id, answer)

    async def answered() -> bool:
        messages = await c.actions.engine.client.messages(mine.display_id)
        return any(m.content == answer and m.message_type == 1 for m in messages)

    wait_until(gui_env, answered)  # sent through the outbox, as from the composer
    kept = gui_env.run(c.actions.draft(mine.display_id))
    assert kept is not None and kept[0] == draft  # what was being typed there is not lost
