"""The bell: the server's notification list in the window, against the demo server.

It lists the user's notifications (unread first), marks one read or unread, all read,
deletes one, opens a conversation from one, and follows the live `notification.*` events
(an assignment, a mention) and the unread count. The model and its proxy pass the model
tester; the panel is rendered to PNG for a look.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QSettings

from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.status import CableState
from operator_desktop.core.types import Notification
from operator_desktop.ui.bell.model import BellModel, BellProxy, BellRole
from operator_desktop.ui.shell.main_window import MainWindow
from tests.conftest import ADMIN, ANNA, unique_tag
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import settles, wait_until
from tests.ui_waits import collect_on_main_thread, emitted

# notices of the offscreen platform plugin (the panel is a popup, which grabs the keyboard)
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)
__all__ = ["collect_on_main_thread"]  # an autouse fixture

KEY = AccountKey("https://chat.example.com", 1)


def note(note_id: int, *, read: bool = False, at: float = 100.0, **fields: Any) -> Notification:
    base: dict[str, Any] = {
        "id": note_id,
        "notification_type": "conversation_assignment",
        "conversation_display_id": note_id + 10,
        "primary_actor_id": note_id + 100,
        "title": f"A conversation (#{note_id + 10}) has been assigned to you",
        "read_at": 50.0 if read else None,
        "created_at": at,
        "last_activity_at": at,
        "contact_name": f"Customer {note_id}",
        "actor_name": "Anna",
    }
    return Notification(**{**base, **fields})


def test_the_model_updates_in_place_and_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = BellModel()
    proxy = BellProxy()
    proxy.setSourceModel(model)
    counts: list[int] = []
    model.unreadChanged.connect(counts.append)
    model.set_notes([note(1, read=True, at=300), note(2, at=100), note(3, at=200)], 2)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    order = [proxy.index(r, 0).data(BellRole.ID) for r in range(proxy.rowCount())]
    assert order == [3, 2, 1]  # unread first, the latest first; read ones after
    assert proxy.index(0, 0).data(BellRole.WHAT) == "Assigned to you by Anna"
    change = ChangeSet(KEY)
    change.notifications = {2: note(2, read=True, at=100), 1: None, 4: note(4, at=400)}
    change.unread_notifications = 2
    model.apply(change)
    qtmodeltester.check(proxy)
    order = [proxy.index(r, 0).data(BellRole.ID) for r in range(proxy.rowCount())]
    assert order == [4, 3, 2]
    assert counts == [2]  # 2 → 2 again is no change
    mention = note(5, notification_type="conversation_mention", actor_name="")
    model.upsert(mention)
    assert model.data(model.index(model.row_of_id(5) or 0), BellRole.WHAT) == "You were mentioned"


def test_a_page_read_before_a_live_change_does_not_undo_it(qapp: object) -> None:  # noqa: ARG001
    model = BellModel()
    model.set_notes([note(1), note(2)], 2)
    asked = model.generation  # the panel opens and asks for the list again...
    change = ChangeSet(KEY)  # ...while the operator marks one read
    change.notifications = {1: note(1, read=True)}
    change.unread_notifications = 1
    model.apply(change)
    model.set_notes([note(1), note(2), note(3)], 3, asked)  # the list, as it was asked for
    assert [n.unread for n in model.notes] == [False, True, True], "the read one stays read"
    assert model.unread_count == 1, "the live count is newer than the page's"
    model.set_notes([note(1, read=True), note(2)], 1)  # a page asked for after it: all of it
    assert [n.id for n in model.notes] == [1, 2] and model.unread_count == 1


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(gui_env.controller, settings)
    gui_env.run(win.start())
    win.show()
    yield win
    win.close()


def server_notes(env: GuiEnv) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{env.url}/api/v1/accounts/1/notifications",
        params=[("includes[]", "read")],
        headers={"api_access_token": ADMIN.access_token},
    )
    response.raise_for_status()
    payload: list[dict[str, Any]] = response.json()["data"]["payload"]
    return payload


def server_unread(env: GuiEnv) -> int:
    response = httpx.get(
        f"{env.url}/api/v1/accounts/1/notifications/unread_count",
        headers={"api_access_token": ADMIN.access_token},
    )
    count: int = response.json()
    return count


@settles
def test_the_bell_lists_marks_deletes_and_follows_live_events(
    gui_env: GuiEnv, window: MainWindow
) -> None:
    bell = window.bell
    assert bell is not None
    model = bell.model
    c = gui_env.controller
    gui_env.start_live()  # the bell reads the list once connected
    wait_until(gui_env, lambda: c.actions.engine.status.cable is CableState.CONNECTED)
    wait_until(gui_env, lambda: model.rowCount() > 0)
    assert bell.unread_count == server_unread(gui_env) > 0
    panel = bell.panel
    proxy = panel.proxy
    first = proxy.note(proxy.index(0, 0))
    assert first is not None and first.unread
    unread_flags = [proxy.index(r, 0).data(BellRole.UNREAD) for r in range(proxy.rowCount())]
    assert unread_flags == sorted(unread_flags, reverse=True)  # unread first

    bell.open_panel()
    assert panel.isVisible()
    if os.environ.get("OD_SCREENSHOTS"):
        panel.grab().save(str(Path(os.environ["OD_SCREENSHOTS"]) / "bell-panel.png"))
    unread_before = bell.unread_count
    panel.mark_read(first)

    def marked() -> bool:  # a creation event of this entry may still come in after the list
        row = model.row_of_id(first.id)
        return bell.unread_count == unread_before - 1 and not model.notes[row or 0].unread

    wait_until(gui_env, marked)
    read = next(n for n in server_notes(gui_env) if n["id"] == first.id)
    assert read["read_at"] is not None
    changed = model.notes[model.row_of_id(first.id) or 0]
    assert not changed.unread
    panel.mark_unread(changed)
    wait_until(gui_env, lambda: bell.unread_count == unread_before)

    doomed = proxy.note(proxy.index(proxy.rowCount() - 1, 0))
    assert doomed is not None
    panel.delete(doomed)
    wait_until(gui_env, lambda: model.row_of_id(doomed.id) is None)
    assert all(n["id"] != doomed.id for n in server_notes(gui_env))

    # live: a colleague assigns me a conversation, then mentions me
    rows = gui_env.run(c.read(c.readmodel.chat_rows, c.key))
    nobodys = next(r for r in rows if r.status == "open" and r.assignee_id is None)
    count = bell.unread_count
    gui_env.control(
        action="act", account_id=1, conversation_id=nobodys.display_id, op="assign",
        assignee_id=ADMIN.id, as_user_id=ANNA.id,
    )  # fmt: skip
    wait_until(gui_env, lambda: bell.unread_count == count + 1)
    newest = proxy.note(proxy.index(0, 0))
    assert newest is not None and newest.notification_type == "conversation_assignment"
    assert newest.conversation_display_id == nobodys.display_id
    assert newest.actor_name and ANNA.name.startswith(newest.actor_name)  # available_name
    gui_env.control(
        action="act", account_id=1, conversation_id=nobodys.display_id, op="write",
        content=f"(mention://user/{ADMIN.id}/John) look ({unique_tag()})", private=True,
        as_user_id=ANNA.id,
    )  # fmt: skip
    wait_until(gui_env, lambda: bell.unread_count == count + 2)
    mention = proxy.note(proxy.index(0, 0))
    assert mention is not None and mention.notification_type == "conversation_mention"

    # clicking one opens its conversation and marks it read
    (opened,) = emitted(
        gui_env.loop, bell.openRequested, lambda: panel.open_index(proxy.index(0, 0))
    )
    assert opened == nobodys.display_id
    wait_until(gui_env, lambda: window.pane.current_id == nobodys.display_id)
    wait_until(gui_env, lambda: bell.unread_count == count + 1)

    panel.mark_all_read()
    wait_until(gui_env, lambda: bell.unread_count == 0)
    assert server_unread(gui_env) == 0
    assert all(not n.unread for n in model.notes)
    assert not panel.read_all_button.isEnabled()
