"""The Team window (Go → Team…, Ctrl+Shift+T) on a real synced cache and the demo server: an
administrator invites, changes a role, sets inboxes, edits and deletes canned responses and
removes an agent, each reaching the server; a failed form stays open with what was typed;
an agent sees everything read-only. The models pass Qt's model tester."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from operator_desktop.services.team import AgentRow, CannedRow
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.team.model import (
    AgentModel,
    AgentRole,
    CannedModel,
    CannedRole,
    TextFilterProxy,
)
from operator_desktop.ui.team.window import TeamWindow
from tests.conftest import ADMIN, ANNA, BORIS
from tests.gui_support import GuiEnv, gui_environment
from tests.ui_waits import collect_on_main_thread, emitted, run_until

__all__ = ["collect_on_main_thread"]

A1 = "/api/v1/accounts/1"
SHOTS = Path("/tmp/team_shots")


def server(env: GuiEnv, path: str) -> Any:
    headers = {"api_access_token": ADMIN.access_token}
    return httpx.get(f"{env.url}{A1}/{path}", headers=headers, timeout=10).json()


def opened(env: GuiEnv) -> TeamWindow:
    """The window, once the cached lists and the server's memberships are shown (its work
    starts when the loop next runs, so nothing is missed by connecting afterwards)."""
    assert env.controller.team is not None
    window = TeamWindow(env.controller, env.controller.team)
    window.show()
    run_until(
        env.loop,
        window.membershipShown,
        lambda: window.memberships is not None and window.agents.rowCount() > 0,
    )
    return window


def closed(env: GuiEnv, window: TeamWindow) -> None:
    window.close()
    env.controller.runner.cancel_all()
    env.run(asyncio.sleep(0))


def ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def confirm(window: TeamWindow) -> None:
    box = window.confirm
    assert box is not None and box.isVisible()
    (yes,) = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    yes.click()


def names(window: TeamWindow) -> dict[str, str]:
    return {r.email: r.role for r in window.agents.rows}


# ---- models ----------------------------------------------------------------------------------
def test_models_update_in_place_and_pass_the_model_tester(qtmodeltester: Any) -> None:
    agents = AgentModel(user_id=1)
    rows = [
        AgentRow(1, "John Doe", "john@acme.inc", "administrator", "online"),
        AgentRow(3, "Boris Ivanov", "boris@acme.inc", "agent", "offline"),
        AgentRow(2, "Анна Петрова", "anna@acme.inc", "agent", "busy"),
    ]
    agents.set_rows(rows)
    proxy = TextFilterProxy((AgentRole.NAME, AgentRole.EMAIL), AgentRole.NAME)
    proxy.setSourceModel(agents)
    qtmodeltester.check(agents)
    qtmodeltester.check(proxy)
    assert [proxy.index(i, 0).data(AgentRole.ID) for i in range(3)] == [3, 1, 2]
    inserted: list[int] = []
    removed: list[int] = []
    changed: list[int] = []
    agents.rowsInserted.connect(lambda _p, first, _l: inserted.append(first))
    agents.rowsRemoved.connect(lambda _p, first, _l: removed.append(first))
    agents.dataChanged.connect(lambda top, _b, _r=(): changed.append(top.row()))
    agents.set_rows(
        [
            AgentRow(1, "John Doe", "john@acme.inc", "administrator", "online"),
            AgentRow(3, "Boris Ivanov", "boris@acme.inc", "administrator", "offline"),
            AgentRow(9, "Zoe New", "zoe@acme.inc", "agent", "offline"),
        ]
    )
    assert (removed, changed, inserted) == ([2], [1], [2])  # never a reset
    assert proxy.index(0, 0).data(AgentRole.ROLE) == "administrator"
    agents.set_presence({9: "online"})
    assert agents.index(2).data(AgentRole.AVAILABILITY) == "online"
    assert agents.index(0).data(AgentRole.IS_ME) is True
    proxy.set_text("ZOE@")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Zoe New"
    qtmodeltester.check(proxy)

    canned = CannedModel()
    canned.set_rows([CannedRow(1, "refund", "Refunds take 3 days"), CannedRow(2, "bye", "Bye!")])
    canned_proxy = TextFilterProxy(
        (CannedRole.SHORT_CODE, CannedRole.CONTENT), CannedRole.SHORT_CODE
    )
    canned_proxy.setSourceModel(canned)
    qtmodeltester.check(canned)
    qtmodeltester.check(canned_proxy)
    assert canned_proxy.index(0, 0).data() == "/bye"
    canned_proxy.set_text("3 DAYS")
    assert [
        canned_proxy.index(i, 0).data(CannedRole.ID) for i in range(canned_proxy.rowCount())
    ] == [1]


# ---- an administrator --------------------------------------------------------------------------
def test_an_administrator_changes_the_team(gui_env: GuiEnv) -> None:
    window = opened(gui_env)
    loop = gui_env.loop
    assert not window.read_only.isVisible() and window.invite_button.isEnabled()

    # invite: a taken email is refused inline, the form keeps what was typed
    dialog = window.invite()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # nothing typed yet
    dialog.name.setText("John again")
    dialog.email.setText(ADMIN.email)
    emitted(loop, window.failed, lambda: ok(dialog))
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "User has already been taken"
    assert dialog.name.text() == "John again" and dialog.ok_button.isEnabled()
    dialog.name.setText("Zoe New")
    dialog.email.setText("zoe@acme.inc")
    dialog.role.setCurrentIndex(dialog.role.findData("administrator"))
    (text,) = emitted(loop, window.done, lambda: ok(dialog))
    assert text == "Zoe New was invited." and window.dialog is None  # closed
    assert {a["email"]: a["role"] for a in server(gui_env, "agents")}["zoe@acme.inc"] == (
        "administrator"
    )
    run_until(loop, window.loaded, lambda: "zoe@acme.inc" in names(window))
    assert window.selected_agent() is not None
    assert window.selected_agent().email == "zoe@acme.inc"  # type: ignore[union-attr]

    # Boris: agent → administrator
    window.select_agent(BORIS.id)
    assert window.role_button.text() == "Make administrator"
    emitted(loop, window.done, window.role_button.click)
    roles = {a["id"]: a["role"] for a in server(gui_env, "agents")}
    assert roles[BORIS.id] == "administrator"
    run_until(loop, window.loaded, lambda: names(window)["boris@acme.inc"] == "administrator")
    assert window.role_button.text() == "Make agent"

    # Boris's inboxes: tick API as well
    items = {window.inbox_items.item(i).text(): window.inbox_items.item(i) for i in range(3)}
    assert items["Support email"].checkState() == Qt.CheckState.Checked
    assert not window.save_inboxes.isEnabled()
    items["API"].setCheckState(Qt.CheckState.Checked)
    assert window.save_inboxes.isEnabled()
    emitted(loop, window.done, window.save_inboxes.click)
    assert BORIS.id in [a["id"] for a in server(gui_env, "inbox_members/3")["payload"]]

    # remove Zoe, after the confirmation
    window.select_agent(next(r.id for r in window.agents.rows if r.email == "zoe@acme.inc"))
    window.remove_button.click()
    emitted(loop, window.done, lambda: confirm(window))
    assert "zoe@acme.inc" not in {a["email"] for a in server(gui_env, "agents")}
    run_until(loop, window.loaded, lambda: "zoe@acme.inc" not in names(window))
    closed(gui_env, window)


def test_an_administrator_edits_canned_responses(gui_env: GuiEnv) -> None:
    window = opened(gui_env)
    loop = gui_env.loop
    window.tabs.setCurrentIndex(1)
    window.canned_search.setText("refund")
    assert window.canned_proxy.rowCount() >= 1
    window.canned_list.setCurrentIndex(window.canned_proxy.index(0, 0))
    refund = window._selected_canned()
    assert refund is not None and refund.short_code == "refund"

    # a short code another response has: refused, the text stays
    dialog = window.edit_canned()
    assert dialog is not None
    dialog.short_code.setText("bye")
    dialog.content.setPlainText("Refunds now take 5 days.")
    emitted(loop, window.failed, lambda: ok(dialog))
    assert dialog.isVisible() and "Short code has already been taken" in dialog.error.text()
    assert dialog.content.toPlainText() == "Refunds now take 5 days."
    dialog.short_code.setText("refund")
    emitted(loop, window.done, lambda: ok(dialog))
    assert window.dialog is None
    on_server = {c["id"]: c["content"] for c in server(gui_env, "canned_responses")}
    assert on_server[refund.id] == "Refunds now take 5 days."
    # the composer's "/" popup reads the controller's reference: it has the new text
    run_until(
        loop,
        gui_env.controller.referenceChanged,
        lambda: ("refund", "Refunds now take 5 days.") in gui_env.controller.reference.canned,
    )

    created = window.new_canned()
    assert created is not None
    created.short_code.setText("/wait")
    created.content.setPlainText("One moment, please.")
    emitted(loop, window.done, lambda: ok(created))
    assert "wait" in {c["short_code"] for c in server(gui_env, "canned_responses")}
    run_until(loop, window.loaded, lambda: any(r.short_code == "wait" for r in window.canned.rows))
    assert window._selected_canned() is not None
    assert window._selected_canned().short_code == "wait"  # type: ignore[union-attr]
    window.delete_canned_button.click()
    emitted(loop, window.done, lambda: confirm(window))
    assert "wait" not in {c["short_code"] for c in server(gui_env, "canned_responses")}
    window.canned_search.setText("zzzz")
    assert window.canned_empty.isVisible() and "zzzz" in window.canned_empty.text()
    closed(gui_env, window)


def test_go_menu_opens_the_team_window(gui_env: GuiEnv, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(gui_env.controller, settings)
    action = next(a for a in win.actions() if a.shortcut().toString() == "Ctrl+Shift+T")
    assert action.text() == "Team…"
    action.trigger()
    assert win.team_window is not None and win.team_window.isVisible()
    run_until(gui_env.loop, win.team_window.loaded, lambda: win.team_window.agents.rowCount() > 0)  # type: ignore[union-attr]
    win.pane.shutdown()
    win.close()
    assert not win.team_window.isVisible()
    gui_env.controller.runner.cancel_all()
    gui_env.run(asyncio.sleep(0))


# ---- an agent -----------------------------------------------------------------------------------
@pytest.fixture
def anna_env(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[GuiEnv]:
    with gui_environment(qloop, tmp_path / "anna", ANNA) as env:
        yield env


def test_an_agent_sees_the_team_read_only(anna_env: GuiEnv) -> None:
    assert anna_env.controller.role == "agent"
    window = opened(anna_env)
    assert window.read_only.isVisible()
    buttons = (
        window.invite_button,
        window.role_button,
        window.remove_button,
        window.save_inboxes,
        window.new_canned_button,
        window.edit_canned_button,
        window.delete_canned_button,
    )
    window.select_agent(BORIS.id)
    for button in buttons:
        assert not button.isEnabled(), button.text()
        assert button.toolTip() == "Only administrators can change this"
    assert window.invite() is None and window.new_canned() is None
    # her own inboxes only, and not tickable
    shown = [window.inbox_items.item(i) for i in range(window.inbox_items.rowCount())]
    assert [i.text() for i in shown] == ["Support email", "Website"]
    assert all(not i.flags() & Qt.ItemFlag.ItemIsUserCheckable for i in shown)
    assert "inboxes you belong to" in window.inbox_note.text()
    window.tabs.setCurrentIndex(1)
    window.canned_list.setCurrentIndex(window.canned_proxy.index(0, 0))
    assert window.edit_canned() is None and not window.edit_canned_button.isEnabled()
    assert window.canned.rowCount() == len(server(anna_env, "canned_responses"))
    if SHOTS.is_dir():  # look at it: `mkdir /tmp/team_shots` first
        window.tabs.setCurrentIndex(0)
        window.grab().save(str(SHOTS / "agent_agents.png"))
    closed(anna_env, window)
