"""Desktop notifications: which messages deserve one, and the real thing over D-Bus.

The end-to-end tests send real notifications with desktop-notifier to a fake notification
server on the session bus (tests/run.sh runs the suite in its own D-Bus session) and play the
user there: click, inline reply (KDE's extension), the Reply button (GNOME, dunst).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import qasync
from dbus_fast import RequestNameReply
from dbus_fast.aio import MessageBus
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from operator_desktop.core.status import CableState
from operator_desktop.services.notices import (
    Notice,
    NoticeKind,
    NoticePolicy,
    NoticeSettings,
    coalesce,
)
from operator_desktop.services.readmodel import AttachmentRow, ChatRow, MessageRow
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.notifications import (
    MAX_SHOWN,
    DesktopNotifications,
    Notifier,
    close_notifier,
    system_notifier,
)
from operator_desktop.ui.shell.sign_in import SignInDialog
from operator_desktop.ui.shell.sounds import Sound
from tests import rows
from tests.conftest import ADMIN, ANNA, missing_requirement, unique_tag
from tests.fake_notifications import NAME, PATH, FakeNotificationServer, Shown
from tests.gui_support import GuiEnv
from tests.test_app_lifecycle import (
    Starter,
    closed,
    sign_in_with_password,
    signed_in_data_dir,
    start,
)
from tests.test_ui_conversation import settles, wait_until
from tests.ui_waits import collect_on_main_thread, emitted, run_until

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread", "start"]  # an autouse fixture, a fixture

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
    assert notice.kind is NoticeKind.MY_MESSAGE and notice.inbox == "Website"
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
    assert NoticePolicy(ME).pick([message(9)], unassigned, now=NOW, reading=None) == []
    everything = NoticePolicy(ME, NoticeSettings(inbox_messages=True))
    (notice,) = everything.pick([message(9)], unassigned, now=NOW, reading=None)
    assert notice.kind is NoticeKind.INBOX_MESSAGE and notice.unassigned


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


def test_a_mention_of_me_in_a_private_note_notifies_even_while_busy() -> None:
    policy = NoticePolicy(ME)
    policy.busy = True
    chats = {1: chat(1), 2: chat(2, assignee_id=99)}
    note = message(
        1, display_id=2, message_type=1, private=True,
        content="(mention://user/7/Anna) can you take this?",
    )  # fmt: skip
    other = message(2, display_id=2, message_type=1, private=True, content="(mention://user/8/Bo)")
    customer = message(3)  # mine, but I am busy
    (notice,) = policy.pick([note, other, customer], chats, now=NOW, reading=None)
    assert notice.kind is NoticeKind.MENTION and notice.display_id == 2
    assert notice.body == "@Anna can you take this?"  # the markup reads as a name
    policy.busy = False
    assert len(policy.pick([message(4)], chats, now=NOW, reading=None)) == 1


def test_new_and_newly_assigned_conversations() -> None:
    fresh = NOW - 5
    policy = NoticePolicy(ME, NoticeSettings(new_conversations=True))
    syncing = [rows.chat(9, last_activity_at=fresh)]
    assert policy.conversations(syncing, now=NOW, reading=None) == []  # not primed yet
    policy.prime({1: None, 2: 99, 3: None})
    known = [rows.chat(1, last_activity_at=fresh), rows.chat(2, assignee_id=99)]
    assert policy.conversations(known, now=NOW, reading=None) == []  # nothing changed
    new = rows.chat(4, last_activity_at=fresh)
    old = rows.chat(5)  # new to the cache but long quiet: a sync brought it, no news
    assigned = rows.chat(2, assignee_id=ME)  # someone gave me Bo's conversation
    notices = policy.conversations([new, old, assigned], now=NOW, reading=None)
    assert [(n.display_id, n.kind) for n in notices] == [
        (4, NoticeKind.NEW_CONVERSATION),
        (2, NoticeKind.ASSIGNED),
    ]
    policy.assigning_myself(3)  # Assign to me, from a notification: no news to me
    assert policy.conversations([rows.chat(3, assignee_id=ME)], now=NOW, reading=None) == []
    first_sync = [rows.chat(6, last_activity_at=fresh, assignee_id=ME)]
    assert policy.conversations(first_sync, now=NOW, reading=None, syncing=True) == []
    policy.busy = True  # do not disturb: an assignment still gets through, a new one not
    notices = policy.conversations(
        [rows.chat(1, assignee_id=ME), rows.chat(7, last_activity_at=fresh)], now=NOW, reading=None
    )
    assert [(n.display_id, n.kind) for n in notices] == [(1, NoticeKind.ASSIGNED)]


def test_waiting_past_the_red_threshold_is_noticed_once_per_wait() -> None:
    policy = NoticePolicy(ME, NoticeSettings(waiting=True, red_after=300))
    waits = [
        rows.chat(1, assignee_id=ME, waiting_since=NOW - 301),
        rows.chat(2, waiting_since=NOW - 299),  # not red yet
        rows.chat(3, assignee_id=99, waiting_since=NOW - 900),  # someone else's
        rows.chat(4, waiting_since=NOW - 900),  # nobody's
    ]
    assert [n.display_id for n in policy.waiting(waits, now=NOW, reading=None)] == [1, 4]
    later = policy.waiting(waits, now=NOW + 30, reading=None)
    assert [n.display_id for n in later] == [2]  # turned red since; the others were noticed
    again = [rows.chat(1, assignee_id=ME, waiting_since=NOW + 10)]  # answered, then waiting again
    assert policy.waiting(again, now=NOW + 400, reading=None) != []
    assert NoticePolicy(ME).waiting(waits, now=NOW, reading=None) == []  # off by default


def test_the_servers_notifications_when_switched_on() -> None:
    from operator_desktop.core.types import Notification

    def note(note_id: int, kind: str, display_id: int = 1) -> Notification:
        return Notification(
            id=note_id, notification_type=kind, conversation_display_id=display_id,
            primary_actor_id=100 + display_id, title="A conversation (#1) has been created",
            read_at=None, created_at=NOW - 1,
        )  # fmt: skip

    chats = {1: chat(1)}
    assert (
        NoticePolicy(ME).server([note(1, "conversation_creation")], chats, now=NOW, reading=None)
        == []
    )
    policy = NoticePolicy(ME, NoticeSettings(server=True))
    (notice,) = policy.server([note(2, "conversation_creation")], chats, now=NOW, reading=None)
    assert notice.kind is NoticeKind.NEW_CONVERSATION and notice.body.startswith("A conversation")
    assert policy.server([note(2, "conversation_creation")], chats, now=NOW, reading=None) == []
    policy.busy = True
    busy = [note(3, "assigned_conversation_new_message"), note(4, "conversation_mention")]
    assert [n.kind for n in policy.server(busy, chats, now=NOW, reading=None)] == [
        NoticeKind.MENTION
    ]  # what the server says is a mention gets through; a new message does not


def test_a_burst_coalesces_into_one_notice_per_conversation() -> None:
    burst = [Notice(1, i, "Ольга", f"message {i}", NoticeKind.MY_MESSAGE) for i in range(1, 6)] + [
        Notice(2, 9, "Bo", "hi", NoticeKind.INBOX_MESSAGE)
    ]
    burst.insert(2, Notice(1, 0, "Ольга", "", NoticeKind.ASSIGNED))
    first, second = coalesce(burst)
    assert (first.display_id, first.kind, first.body, first.count) == (
        1, NoticeKind.ASSIGNED, "message 5", 6,
    )  # fmt: skip
    assert (second.display_id, second.count) == (2, 1)


# ---- end to end over D-Bus -----------------------------------------------------------------
@pytest.fixture(params=[True, False], ids=["inline-reply", "reply-button"])
def fake_server(
    request: pytest.FixtureRequest, qloop: qasync.QEventLoop
) -> Iterator[FakeNotificationServer]:
    with serve_notifications(qloop, inline_reply=request.param) as server:
        yield server


@pytest.fixture
def inline_server(qloop: qasync.QEventLoop) -> Iterator[FakeNotificationServer]:
    """A notification server with KDE's reply field."""
    with serve_notifications(qloop, inline_reply=True) as server:
        yield server


@contextlib.contextmanager
def serve_notifications(
    qloop: qasync.QEventLoop, *, inline_reply: bool
) -> Iterator[FakeNotificationServer]:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        missing_requirement("needs a D-Bus session bus (tests/run.sh runs the suite in one)")
    capabilities = ["actions", "body"] + (["inline-reply"] if inline_reply else [])
    server = FakeNotificationServer(capabilities)

    async def serve() -> MessageBus:
        bus = await MessageBus().connect()
        bus.export(PATH, server)
        if await bus.request_name(NAME) is not RequestNameReply.PRIMARY_OWNER:
            bus.disconnect()
            missing_requirement("a real notification server owns the bus: run tests/run.sh")
        return bus

    bus = qloop.run_until_complete(serve())
    try:
        yield server
    finally:
        bus.disconnect()
        qloop.run_until_complete(bus.wait_for_disconnect())


class RecordedSounds:
    def __init__(self) -> None:
        self.played: list[tuple[Sound, float]] = []

    def play(self, sound: Sound, volume: float) -> None:
        self.played.append((sound, volume))


@pytest.fixture
def sounds() -> RecordedSounds:
    return RecordedSounds()


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path, sounds: RecordedSounds) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    notifier = system_notifier("Operator Desktop tests")
    win = MainWindow(gui_env.controller, settings, notifier=notifier, sounds=sounds)
    gui_env.run(win.start())
    win.show()
    yield win
    if win.quick_reply is not None:
        win.quick_reply.close()
    win.close()  # here, on the GUI thread (see test_ui_preferences)


def live(env: GuiEnv) -> list[ChatRow]:
    c = env.controller
    env.start_live()
    wait_until(env, lambda: c.actions.engine.status.cable is CableState.CONNECTED)
    found: list[ChatRow] = env.run(c.read(c.readmodel.chat_rows, c.key))
    return found


def customer_writes(env: GuiEnv, display_id: int, text: str) -> None:
    env.control(
        action="act", account_id=1, conversation_id=display_id, op="customer_write", content=text
    )


async def sent_count(env: GuiEnv, display_id: int, text: str) -> int:
    messages = await env.controller.actions.engine.client.messages(display_id)
    return sum(1 for m in messages if m.content == text and m.message_type == 1)


@settles
def test_notify_click_and_reply(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer,
    sounds: RecordedSounds,
) -> None:  # fmt: skip
    c = gui_env.controller
    rows = live(gui_env)
    mine = next(r for r in rows if r.status == "open" and r.assignee_id == c.user_id)
    notifications = window.notifications
    assert notifications is not None

    question = f"Is my parcel on its way? ({unique_tag()})"
    (notice,) = emitted(
        gui_env.loop,
        notifications.sent,
        lambda: customer_writes(gui_env, mine.display_id, question),
    )
    assert notice.display_id == mine.display_id
    (shown,) = fake_server.shown  # exactly one
    assert shown.summary == f"{mine.contact_name} · {mine.inbox_name}"
    assert shown.body == question
    assert shown.app_icon.startswith("file://") and "python" not in shown.app_icon.lower()
    inline = "inline-reply" in fake_server.capabilities
    keys = shown.action_keys()
    assert ("inline-reply" in keys) is inline and ("reply" in keys) is not inline
    assert {"default", "open", "resolve"} <= set(keys)
    assert "assign" not in keys  # it is mine already
    assert [s for s, _volume in sounds.played] == [Sound.NEW_MESSAGE]

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
    emitted(
        gui_env.loop,
        notifications.sent,
        lambda: customer_writes(gui_env, mine.display_id, follow_up),
    )
    shown = fake_server.shown[-1]
    assert shown.replaces_id == 0  # the first one was clicked away: a new notification
    draft = "Half-written answer about the refund"
    gui_env.run(c.actions.save_draft(mine.display_id, draft, False))
    answer = f"Yes, it left the warehouse today ({unique_tag()})"
    window.hide()  # replies work with the window hidden (in the tray)
    if inline:
        fake_server.NotificationReplied(shown.id, answer)
    else:  # the Reply button opens the quick-reply window, not the main window
        (asked,) = emitted(
            gui_env.loop, notifications.replyRequested,
            lambda: fake_server.ActionInvoked(shown.id, "reply"),
        )  # fmt: skip
        assert asked == mine.display_id
        quick = window.quick_reply
        assert quick is not None
        wait_until(gui_env, lambda: quick.isVisible() and quick.display_id == mine.display_id)
        assert question in quick.messages_text()  # the last few messages
        assert quick.edit.toPlainText() == draft  # the conversation's draft, to go on with
        quick.edit.clear()  # the operator answers something else instead
        QTest.keyClicks(quick.edit, answer)
        if os.environ.get("OD_SCREENSHOTS"):
            quick.grab().save(str(Path(os.environ["OD_SCREENSHOTS"]) / "quick-reply.png"))
        QTest.keyClick(quick.edit, Qt.Key.Key_Return)
        assert not quick.isVisible()

    async def answered() -> bool:
        return await sent_count(gui_env, mine.display_id, answer) > 0

    wait_until(gui_env, answered)
    wait_until(gui_env, lambda: not window.isVisible())
    outbox = gui_env.run(c.read(c.readmodel.outbox_rows, c.key, mine.display_id))
    assert outbox == [] or all(r.content != answer for r in outbox)
    assert gui_env.run(sent_count(gui_env, mine.display_id, answer)) == 1  # exactly once
    if inline:  # it passed the chat-rules check: sent from the notification alone
        assert window.quick_reply is None
    kept = gui_env.run(c.actions.draft(mine.display_id))
    if inline:  # a reply typed in the notification leaves the draft alone
        assert kept is not None and kept[0] == draft
    else:  # the quick reply showed it, and what was sent from there replaced it
        assert kept is None


@settles
def test_a_burst_is_one_notification_replaced(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer,
    sounds: RecordedSounds,
) -> None:  # fmt: skip
    c = gui_env.controller
    rows = live(gui_env)
    mine = next(r for r in rows if r.status == "open" and r.assignee_id == c.user_id)
    notifications = window.notifications
    assert notifications is not None
    texts = [f"Message {i} of the burst ({unique_tag()})" for i in range(5)]

    def burst() -> None:
        for text in texts:
            customer_writes(gui_env, mine.display_id, text)

    burst()
    wait_until(
        gui_env,
        lambda: (
            mine.display_id in notifications.showing
            and notifications.showing[mine.display_id].body == texts[-1]
        ),
    )
    seen = fake_server.distinct()
    assert len(seen) == 1  # one notification, however many messages
    assert seen[0].body.startswith(texts[-1])
    assert all(n.replaces_id in (0, seen[0].id) for n in fake_server.shown)
    assert sum(1 for n in fake_server.shown if n.replaces_id == 0) == 1
    shown = notifications.showing[mine.display_id]
    assert shown.count == 5 and "4 more" in seen[0].body
    assert len(sounds.played) == 1  # one chime for the burst


@settles
def test_busy_lets_only_mentions_and_assignments_through(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer,
    sounds: RecordedSounds,
) -> None:  # fmt: skip
    c = gui_env.controller
    rows = live(gui_env)
    mine = next(r for r in rows if r.status == "open" and r.assignee_id == c.user_id)
    other = next(r for r in rows if r.status == "open" and r.display_id != mine.display_id)
    notifications = window.notifications
    assert notifications is not None
    emitted(
        gui_env.loop, window.status_widget.availabilityChanged,
        lambda: window.status_widget.set_availability("busy"),
    )  # fmt: skip
    assert notifications.policy.busy
    try:
        quiet = f"Are you there? ({unique_tag()})"
        customer_writes(gui_env, mine.display_id, quiet)

        async def cached() -> bool:
            found = await c.read(c.readmodel.messages, c.key, mine.display_id)
            return any(m.content == quiet for m in found)

        wait_until(gui_env, cached)
        mention = f"(mention://user/{ADMIN.id}/{ADMIN.name}) please look ({unique_tag()})"

        def colleague_mentions_me() -> None:
            gui_env.control(
                action="act", account_id=1, conversation_id=other.display_id, op="write",
                content=mention, private=True, as_user_id=ANNA.id,
            )  # fmt: skip

        (notice,) = emitted(gui_env.loop, notifications.sent, colleague_mentions_me)
        assert notice.kind is NoticeKind.MENTION and notice.display_id == other.display_id
        assert [n.summary for n in fake_server.distinct()] == [
            f"{other.contact_name} · {other.inbox_name}"
        ]  # the customer's message was not shown
        assert sounds.played == []  # silent while busy
    finally:
        emitted(
            gui_env.loop, window.status_widget.availabilityChanged,
            lambda: window.status_widget.set_availability("online"),
        )  # fmt: skip


@settles
def test_assign_to_me_and_resolve_from_the_notification(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer
) -> None:
    c = gui_env.controller
    rows = live(gui_env)
    nobodys = next(r for r in rows if r.status == "open" and r.assignee_id is None)
    notifications = window.notifications
    assert notifications is not None
    notifications.apply(replace(notifications.settings, inbox_messages=True))
    client = c.actions.engine.client

    emitted(
        gui_env.loop, notifications.sent,
        lambda: customer_writes(gui_env, nobodys.display_id, f"Anyone? ({unique_tag()})"),
    )  # fmt: skip
    shown = fake_server.shown[-1]
    assert "assign" in shown.action_keys()
    fake_server.ActionInvoked(shown.id, "assign")

    async def assigned() -> bool:
        conv = await client.conversation(nobodys.display_id)
        return conv.assignee is not None and conv.assignee.id == c.user_id

    wait_until(gui_env, assigned)
    assert all(n.summary != "" for n in fake_server.shown)
    count = len(fake_server.shown)
    # my own assignment is no news: no "assigned to you" notification followed it
    follow_up = f"Thanks, and one more question ({unique_tag()})"
    (notice,) = emitted(
        gui_env.loop, notifications.sent,
        lambda: customer_writes(gui_env, nobodys.display_id, follow_up),
    )  # fmt: skip
    assert notice.kind is NoticeKind.MY_MESSAGE and len(fake_server.shown) == count + 1
    shown = fake_server.shown[-1]
    assert "assign" not in shown.action_keys()
    fake_server.ActionInvoked(shown.id, "resolve")

    async def resolved() -> bool:
        return (await client.conversation(nobodys.display_id)).status == "resolved"

    wait_until(gui_env, resolved)


@settles
def test_assigned_to_me_by_a_colleague(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer
) -> None:
    rows = live(gui_env)
    nobodys = next(r for r in rows if r.status == "open" and r.assignee_id is None)
    notifications = window.notifications
    assert notifications is not None

    def colleague_assigns() -> None:
        gui_env.control(
            action="act", account_id=1, conversation_id=nobodys.display_id, op="assign",
            assignee_id=ADMIN.id, as_user_id=ANNA.id,
        )  # fmt: skip

    (notice,) = emitted(gui_env.loop, notifications.sent, colleague_assigns)
    assert notice.kind is NoticeKind.ASSIGNED and notice.display_id == nobodys.display_id
    assert fake_server.shown[-1].summary == f"{nobodys.contact_name} · {nobodys.inbox_name}"


def mine_not_read(env: GuiEnv, window: MainWindow) -> tuple[ChatRow, DesktopNotifications]:
    """Live: an open conversation of mine, and the window showing another one."""
    c = env.controller
    rows = live(env)
    mine = next(r for r in rows if r.status == "open" and r.assignee_id == c.user_id)
    other = next(r for r in rows if r.display_id != mine.display_id)
    window.chat_list.select_conversation(other.display_id)  # not reading `mine`
    wait_until(env, lambda: window.pane.current_id == other.display_id)
    assert window.notifications is not None
    return mine, window.notifications


@settles
def test_an_inline_reply_the_chat_rules_hold_waits_for_the_operator(
    gui_env: GuiEnv, window: MainWindow, inline_server: FakeNotificationServer
) -> None:
    c = gui_env.controller
    mine, notifications = mine_not_read(gui_env, window)
    emitted(
        gui_env.loop, notifications.sent,
        lambda: customer_writes(gui_env, mine.display_id, f"Where is it? ({unique_tag()})"),
    )  # fmt: skip
    shown = inline_server.shown[-1]
    rude = f"Вы идиот? Заказ давно у курьера ({unique_tag()})"  # the shipped rules: rudeness
    window.hide()

    held = emitted(
        gui_env.loop,
        notifications.replyHeld,
        lambda: inline_server.NotificationReplied(shown.id, rude),
    )
    assert held == (mine.display_id, rude)
    quick = window.quick_reply
    assert quick is not None
    wait_until(gui_env, lambda: quick.isVisible() and quick.display_id == mine.display_id)
    assert quick.edit.toPlainText() == rude
    bar = quick.guard_bar
    assert bar.isVisible() and "идиот" in bar.details.text()
    assert [f.text for f in quick.guard.findings] == ["идиот"]
    assert quick.edit.extraSelections()  # marked in the text, as in the composer
    outbox = gui_env.run(c.read(c.readmodel.outbox_rows, c.key, mine.display_id))
    assert all(r.content != rude for r in outbox)  # nothing queued
    assert gui_env.run(sent_count(gui_env, mine.display_id, rude)) == 0

    bar.send_button.click()  # the operator's choice: Send anyway
    assert not quick.isVisible()

    async def delivered() -> bool:
        return await sent_count(gui_env, mine.display_id, rude) > 0

    wait_until(gui_env, delivered)
    assert gui_env.run(sent_count(gui_env, mine.display_id, rude)) == 1


@settles
def test_a_notification_that_went_is_forgotten(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer
) -> None:
    """Dismissed, expired, read or opened: the next notice is a fresh notification, with
    nothing of the old one in it."""
    c = gui_env.controller
    mine, notifications = mine_not_read(gui_env, window)
    display_id = mine.display_id

    def writes(text: str) -> Shown:
        (notice,) = emitted(
            gui_env.loop, notifications.sent, lambda: customer_writes(gui_env, display_id, text)
        )
        assert notice.display_id == display_id
        latest: Shown = fake_server.shown[-1]
        return latest

    async def gone() -> bool:
        assert notifications.notifier is not None
        current = await notifications.notifier.get_current_notifications()
        return notifications.identifier(display_id) not in current

    first = writes(f"Hello? ({unique_tag()})")
    assert first.replaces_id == 0
    fake_server.close(first.id, 2)  # the user dismissed it
    wait_until(gui_env, lambda: display_id not in notifications.showing)

    text = f"Anybody there? ({unique_tag()})"
    second = writes(text)
    assert second.replaces_id == 0 and second.id != first.id and second.body == text
    fake_server.close(second.id, 1)  # it expired: no callback says so
    wait_until(gui_env, gone)

    text = f"I am still waiting ({unique_tag()})"
    third = writes(text)
    assert third.replaces_id == 0 and third.id not in (first.id, second.id)
    assert third.body == text  # not "1 more": the expired one is not counted in
    assert notifications.showing[display_id].count == 1
    assert fake_server.is_open(third.id)

    gui_env.run(c.actions.mark_seen(display_id))  # read (here, or in the browser)
    wait_until(gui_env, lambda: not fake_server.is_open(third.id))
    assert display_id not in notifications.showing

    fourth = writes(f"Hello again ({unique_tag()})")
    assert fourth.replaces_id == 0 and fake_server.is_open(fourth.id)
    window.chat_list.select_conversation(display_id)  # opened in the window
    wait_until(gui_env, lambda: not fake_server.is_open(fourth.id))
    assert display_id not in notifications.showing
    wait_until(gui_env, gone)


@settles
def test_at_most_max_shown_notifications_are_remembered(
    gui_env: GuiEnv, window: MainWindow, fake_server: FakeNotificationServer
) -> None:
    notifications = window.notifications
    assert notifications is not None
    many = MAX_SHOWN + 6
    notices = [
        Notice(1000 + i, i + 1, f"Customer {i}", f"Question {i}", NoticeKind.MY_MESSAGE)
        for i in range(many)
    ]
    gui_env.run(notifications._show_all(notices))
    assert len(fake_server.distinct()) == many  # all were shown
    assert list(notifications.showing) == [1000 + i for i in range(6, many)]  # the newest


def test_a_late_older_message_does_not_replace_the_newer_text() -> None:
    newer = Notice(1, 20, "Ольга", "second", NoticeKind.MY_MESSAGE)
    older = Notice(1, 19, "Ольга", "first", NoticeKind.MY_MESSAGE)
    (merged,) = coalesce([newer, older])
    assert (merged.body, merged.message_id, merged.count) == ("second", 20, 2)


def notifier_of(notifications: DesktopNotifications) -> Notifier | None:
    return notifications.notifier


@contextlib.contextmanager
def notifier_closed(qloop: qasync.QEventLoop, notifier: Notifier) -> Iterator[None]:
    try:
        yield
    finally:
        qloop.run_until_complete(close_notifier(notifier))


@pytest.mark.qt_log_ignore("pa_context_connect", "Couldn't load", "Couldn't resolve")  # sounds
def test_the_app_gives_every_window_its_one_notifier(
    qloop: qasync.QEventLoop, start: Starter, tmp_path: Path, demo_url: str
) -> None:
    """Rebuilt after a new sign-in, the window notifies through the notifier the app was given;
    the closed window let go of it without closing it, and the new one's buttons work."""
    tokens = TokenStore(MemoryKeyring())
    data = tmp_path / "data"
    signed_in_data_dir(qloop, data, demo_url, tokens, f"revoked-{uuid.uuid4()}")
    notifier = system_notifier("Operator Desktop tests")
    with serve_notifications(qloop, inline_reply=False) as server, notifier_closed(qloop, notifier):
        running = start(data, tokens, notifier=notifier)
        window = running.next_window()
        first = window.notifications
        assert first is not None and first.notifier is notifier
        run_until(qloop, window.controller.statusChanged, window.banner.button.isVisible)
        (dialog,) = emitted(qloop, running.gui.signInShown, window.banner.button.click)
        assert isinstance(dialog, SignInDialog)
        renewed = sign_in_with_password(running, dialog, "")
        assert renewed is not window and closed(window)
        assert notifier_of(first) is None  # let go of, and not closed (below)
        notifications = renewed.notifications
        assert notifications is not None and notifications.notifier is notifier
        running.wait_live(renewed)

        c = renewed.controller
        mine = next(
            r
            for r in renewed.chat_list.model.rows()
            if r.status == "open"
            and r.assignee_id == c.user_id
            and r.display_id != renewed.pane.current_id
        )
        text = f"Is anyone there? ({unique_tag()})"
        control = {"action": "act", "account_id": 1, "conversation_id": mine.display_id}
        (notice,) = emitted(
            qloop,
            notifications.sent,
            lambda: httpx.post(
                f"{demo_url}/__control",
                json={**control, "op": "customer_write", "content": text},
                timeout=10,
            ).raise_for_status(),
        )
        assert notice.display_id == mine.display_id and server.shown[-1].body == text
        opened = emitted(
            qloop, notifications.opened, lambda: server.ActionInvoked(server.shown[-1].id, "open")
        )
        assert opened == (mine.display_id, False)
        running.gui.request_quit()
        assert running.finish() == 0
