"""`TeamWindow` (Go → Team…, Ctrl+Shift+T): the account's agents and canned responses.

Agents: a list with each one's role and availability (live from the cable's presence when
there is any), invite, administrator ↔ agent, remove (after a confirmation), and the inboxes
an agent belongs to as a checklist. Canned responses: a searchable list, new, edit, delete.
The lists come from the cache, so the window opens offline; opening it (and F5) re-reads them
from the server. Administrators change things; an agent sees the same window read-only, each
control saying why it is disabled. A request that fails is explained inline; a form stays
open with what was typed. Dialogs open with `open()`, never `exec()`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.status import SyncStatus
from operator_desktop.services.team import (
    ROLE_ADMIN,
    ROLE_AGENT,
    AgentRow,
    CannedRow,
    InboxRow,
    TeamService,
)
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.language import texts_changed
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.team.dialogs import CannedDialog, InviteDialog, RequestDialog
from operator_desktop.ui.team.model import (
    AVAILABILITY_COLOURS,
    AgentModel,
    AgentRole,
    AnyIndex,
    CannedModel,
    CannedRole,
    TextFilterProxy,
    TwoLineDelegate,
)

OFFLINE = frozenset({ErrorCode.NETWORK_DOWN, ErrorCode.TIMEOUT})
WATCHED = frozenset({"agents", "canned", "inboxes"})
InboxId = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")
Cached = tuple[list[AgentRow], list[CannedRow], list[InboxRow], bool]


class TeamWindow(QWidget):
    loaded = Signal()  # the cached lists are shown
    membershipShown = Signal()  # the selected agent's inboxes settled (or why they cannot)
    done = Signal(str)  # a change went through: what it was
    failed = Signal(object)  # OperatorError of a change, shown inline

    def __init__(
        self, controller: AppController, service: TeamService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.service = service
        self.resize(900, 620)
        self.admin = controller.is_admin
        self.inboxes: list[InboxRow] = []
        self.memberships: dict[int, set[int]] | None = None  # None: not read (yet)
        self.dialog: RequestDialog | None = None
        self.confirm: QMessageBox | None = None
        # made here, arriving with the next reload: selected then
        self._pending_agent: int | None = None
        self._pending_canned: int | None = None

        self.read_only = QLabel(self)
        self.read_only.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setEnabled(False)  # the quieter text
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self._running = 0

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._agents_tab(), "")
        self.tabs.addTab(self._canned_tab(), "")

        top = QHBoxLayout()
        top.addWidget(self.read_only, 10)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_item)
        for view, slot in ((self.agent_list, self.remove), (self.canned_list, self.delete_canned)):
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, slot)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        controller.changed.connect(self._on_change)
        controller.statusChanged.connect(self._on_status)
        self.agents.set_presence(controller.status.presence)
        self._why = ""  # why the inbox membership is not known, as last shown
        self.retranslate()
        self._apply_permissions()
        self.reload()
        self.refresh()

    def retranslate(self) -> None:
        """(Re)set every text and word what is shown again; runs on a language change."""
        self.setWindowTitle(self.tr("Team — Operator Desktop"))
        self.read_only.setText(
            self.tr("Only administrators can change the team. You see it as it is.")
        )
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the lists from the server again (F5)"))
        self.tabs.setTabText(0, self.tr("Agents"))
        self.tabs.setTabText(1, self.tr("Canned responses"))
        self.agent_search.setPlaceholderText(self.tr("Find an agent by name or email"))
        self.agent_empty.setText(self.tr("No agents are cached yet; they come with a sync."))
        self.invite_button.setText(self.tr("Invite…"))
        self.remove_button.setText(self.tr("Remove…"))
        self.save_inboxes.setText(self.tr("Save inboxes"))
        self.inbox_box.setTitle(self.tr("Inboxes"))
        self.new_canned_button.setText(self.tr("New…"))
        self.edit_canned_button.setText(self.tr("Edit…"))
        self.delete_canned_button.setText(self.tr("Delete…"))
        checked = self.checked_inboxes()  # ticks not saved yet stay ticked
        edited = self.inbox_items.rowCount() > 0
        self._show_agent(self._why)
        if edited:
            for row in range(self.inbox_items.rowCount()):
                item = self.inbox_items.item(row)
                tick = int(item.data(InboxId)) in checked
                item.setCheckState(Qt.CheckState.Checked if tick else Qt.CheckState.Unchecked)
        self._canned_search(self.canned_search.text())
        texts_changed(self.agents)
        texts_changed(self.canned)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- building ---------------------------------------------------------------------------
    def _agents_tab(self) -> QWidget:
        tab = QWidget(self)
        self.agents = AgentModel(self.controller.user_id, self)
        self.agent_proxy = TextFilterProxy((AgentRole.NAME, AgentRole.EMAIL), AgentRole.NAME, self)
        self.agent_proxy.setSourceModel(self.agents)
        self.agent_search = QLineEdit(tab)
        self.agent_search.setClearButtonEnabled(True)
        self.agent_search.textChanged.connect(self.agent_proxy.set_text)
        self.agent_list = QListView(tab)
        self.agent_list.setModel(self.agent_proxy)
        self.agent_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agent_list.setItemDelegate(
            TwoLineDelegate(
                title=self._agent_title,
                detail=lambda i: str(i.data(AgentRole.EMAIL) or ""),
                badge=self._role_badge,
                dot=lambda i: AVAILABILITY_COLOURS.get(str(i.data(AgentRole.AVAILABILITY))),
                parent=self.agent_list,
            )
        )
        self.agent_list.selectionModel().currentChanged.connect(self._agent_selected)
        self.agent_empty = QLabel(tab)
        self.agent_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.agent_empty.hide()

        self.invite_button = QPushButton(tab)
        self.invite_button.clicked.connect(self.invite)
        self.role_button = QPushButton(tab)
        self.role_button.clicked.connect(self.toggle_role)
        self.remove_button = QPushButton(tab)
        self.remove_button.clicked.connect(self.remove)

        self.agent_title = QLabel(tab)
        font = self.agent_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.agent_title.setFont(font)
        self.agent_detail = QLabel(tab)
        self.agent_detail.setWordWrap(True)
        self.inbox_items = QStandardItemModel(self)
        self.inbox_list = QListView(tab)
        self.inbox_list.setModel(self.inbox_items)
        self.inbox_items.itemChanged.connect(lambda _item: self._update_buttons())
        self.inbox_note = QLabel(tab)
        self.inbox_note.setWordWrap(True)
        self.inbox_note.setEnabled(False)
        self.save_inboxes = QPushButton(tab)
        self.save_inboxes.clicked.connect(self.apply_inboxes)
        self.agent_error = self._error_label(tab)

        self.inbox_box = inbox_box = QGroupBox(tab)
        box = QVBoxLayout(inbox_box)
        box.addWidget(self.inbox_list, 1)
        box.addWidget(self.inbox_note)
        box.addWidget(self.save_inboxes, 0, Qt.AlignmentFlag.AlignRight)
        right = QWidget(tab)
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        side.addWidget(self.agent_title)
        side.addWidget(self.agent_detail)
        side.addWidget(inbox_box, 1)
        left = QWidget(tab)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.agent_search)
        column.addWidget(self.agent_list, 1)
        column.addWidget(self.agent_empty)
        buttons = QHBoxLayout()
        for button in (self.invite_button, self.role_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, tab)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.addWidget(split, 1)
        layout.addWidget(self.agent_error)
        return tab

    def _canned_tab(self) -> QWidget:
        tab = QWidget(self)
        self.canned = CannedModel(self)
        self.canned_proxy = TextFilterProxy(
            (CannedRole.SHORT_CODE, CannedRole.CONTENT), CannedRole.SHORT_CODE, self
        )
        self.canned_proxy.setSourceModel(self.canned)
        self.canned_search = QLineEdit(tab)
        self.canned_search.setClearButtonEnabled(True)
        self.canned_search.textChanged.connect(self._canned_search)
        self.canned_list = QListView(tab)
        self.canned_list.setModel(self.canned_proxy)
        self.canned_list.setItemDelegate(
            TwoLineDelegate(
                title=lambda i: f"/{i.data(CannedRole.SHORT_CODE)}",
                detail=lambda i: str(i.data(CannedRole.CONTENT) or ""),
                parent=self.canned_list,
            )
        )
        self.canned_list.doubleClicked.connect(lambda _i: self.edit_canned())
        self.canned_list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.canned_empty = QLabel(tab)
        self.canned_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canned_empty.hide()
        self.new_canned_button = QPushButton(tab)
        self.new_canned_button.clicked.connect(self.new_canned)
        self.edit_canned_button = QPushButton(tab)
        self.edit_canned_button.clicked.connect(self.edit_canned)
        self.delete_canned_button = QPushButton(tab)
        self.delete_canned_button.clicked.connect(self.delete_canned)
        self.canned_error = self._error_label(tab)
        buttons = QHBoxLayout()
        for button in (
            self.new_canned_button,
            self.edit_canned_button,
            self.delete_canned_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.canned_search)
        layout.addWidget(self.canned_list, 1)
        layout.addWidget(self.canned_empty)
        layout.addLayout(buttons)
        layout.addWidget(self.canned_error)
        return tab

    def _error_label(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setStyleSheet("color: #c62828;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _agent_title(self, index: AnyIndex) -> str:
        name = str(index.data(AgentRole.NAME) or "")
        return self.tr("{0} (you)").format(name) if index.data(AgentRole.IS_ME) else name

    def _role_badge(self, index: AnyIndex) -> str:
        return self._role_text(str(index.data(AgentRole.ROLE) or ""))

    def _role_text(self, role: str) -> str:
        return self.tr("Administrator") if role == ROLE_ADMIN else self.tr("Agent")

    def _availability_text(self, availability: str) -> str:
        return {
            "online": self.tr("Online"),
            "busy": self.tr("Busy"),
        }.get(availability, self.tr("Offline"))

    # ---- loading -----------------------------------------------------------------------------
    def _run(
        self,
        coro: Coroutine[Any, Any, T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[OperatorError], None] | None = None,
    ) -> None:
        """Run through the controller's task runner with the busy bar showing."""
        self._running += 1
        self.busy.show()

        def finished() -> None:
            self._running -= 1
            if self._running == 0:
                self.busy.hide()

        def done(result: T) -> None:
            finished()
            if on_done is not None:
                on_done(result)

        def error(exc: OperatorError) -> None:
            finished()
            if on_error is not None:
                on_error(exc)
            else:
                self.controller.errorRaised.emit(exc)

        self.controller.run(coro, on_done=done, on_error=error)

    async def _cached(self) -> Cached:
        return (
            await self.service.agents(),
            await self.service.canned(),
            await self.service.inboxes(),
            await self.service.is_admin(),
        )

    def reload(self) -> None:
        """Show what the cache holds now."""
        self._run(self._cached(), on_done=self._show_cached)

    def _show_cached(self, result: Cached) -> None:
        agents, canned, inboxes, admin = result
        self.agents.set_rows(agents)
        self.canned.set_rows(canned)
        inboxes_changed = inboxes != self.inboxes
        self.inboxes = inboxes
        self.admin = admin
        self.agent_empty.setVisible(not agents)
        self._canned_search(self.canned_search.text())
        if self._pending_agent is not None and self.select_agent(self._pending_agent):
            self._pending_agent = None
        if self._pending_canned is not None and self.select_canned(self._pending_canned):
            self._pending_canned = None
        if not self.agent_list.currentIndex().isValid() and self.agent_proxy.rowCount():
            self.agent_list.setCurrentIndex(self.agent_proxy.index(0, 0))
        self._apply_permissions()
        self._show_agent()
        if inboxes_changed and self.memberships is not None:
            self.load_memberships()
        self.loaded.emit()

    def refresh(self) -> None:
        """Read agents and canned responses from the server again, then the memberships."""
        self.status.setText(self.tr("Reading the team from the server…"))
        self._run(self.service.refresh(), on_done=self._refreshed, on_error=self._refresh_failed)

    def _refreshed(self, _result: object) -> None:
        self.status.setText("")
        self.reload()
        self.load_memberships()

    def _refresh_failed(self, error: OperatorError) -> None:
        if error.code in OFFLINE:
            self.status.setText(
                self.tr("The server cannot be reached: these are the lists as last cached.")
            )
        else:
            self.status.setText(describe_error(error))
        self.memberships = None
        self._show_agent()
        self.membershipShown.emit()

    def load_memberships(self) -> None:
        ids = [i.id for i in self.inboxes]
        self._run(
            self.service.memberships(ids), on_done=self._memberships, on_error=self._no_members
        )

    def _memberships(self, result: dict[int, set[int]]) -> None:
        self.memberships = result
        self._show_agent()
        self.membershipShown.emit()

    def _no_members(self, error: OperatorError) -> None:
        self.memberships = None
        self._show_agent(why=describe_error(error))
        self.membershipShown.emit()

    def _on_change(self, change: ChangeSet) -> None:
        if change.key == self.controller.key and WATCHED & change.reference:
            self.reload()

    def _on_status(self, status: SyncStatus) -> None:
        self.agents.set_presence(status.presence)

    # ---- the selected agent ---------------------------------------------------------------------
    def selected_agent(self) -> AgentRow | None:
        index = self.agent_list.currentIndex()
        if not index.isValid():
            return None
        return self.agents.row_of(self.agent_proxy.mapToSource(index))

    def select_agent(self, agent_id: int) -> bool:
        for row in range(self.agent_proxy.rowCount()):
            index = self.agent_proxy.index(row, 0)
            if index.data(AgentRole.ID) == agent_id:
                self.agent_list.setCurrentIndex(index)
                return True
        return False

    def _agent_selected(self, *_args: object) -> None:
        self.agent_error.hide()
        self._show_agent()

    def _show_agent(self, why: str = "") -> None:
        self._why = why
        agent = self.selected_agent()
        self.inbox_items.clear()
        if agent is None:
            self.agent_title.setText("")
            self.agent_detail.setText(self.tr("Choose an agent to see their inboxes."))
            self.inbox_note.setText("")
            self._update_buttons()
            return
        self.agent_title.setText(agent.name)
        availability = self.agents.availability(agent)
        self.agent_detail.setText(
            f"{agent.email}\n{self._role_text(agent.role)} · "
            f"{self._availability_text(availability)}"
        )
        if self.memberships is None:
            self.inbox_note.setText(
                why or self.tr("Inbox membership is read from the server when it can be reached.")
            )
        elif agent.is_admin:
            self.inbox_note.setText(
                self.tr("Administrators see every inbox, whether they are members or not.")
            )
        elif not self.admin:
            self.inbox_note.setText(self.tr("Only the inboxes you belong to are shown."))
        else:
            self.inbox_note.setText("")
        if self.memberships is not None:
            for inbox in self.inboxes:
                item = QStandardItem(inbox.name)
                item.setData(inbox.id, InboxId)
                flags = Qt.ItemFlag.ItemIsEnabled
                if self.admin:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                member = agent.id in self.memberships.get(inbox.id, set())
                item.setCheckState(Qt.CheckState.Checked if member else Qt.CheckState.Unchecked)
                self.inbox_items.appendRow(item)
        self._update_buttons()

    def checked_inboxes(self) -> set[int]:
        out: set[int] = set()
        for row in range(self.inbox_items.rowCount()):
            item = self.inbox_items.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.add(int(item.data(InboxId)))
        return out

    def _member_of(self, agent: AgentRow) -> set[int]:
        found = self.memberships or {}
        return {inbox for inbox, users in found.items() if agent.id in users}

    # ---- permissions -----------------------------------------------------------------------------
    def _apply_permissions(self) -> None:
        self.read_only.setVisible(not self.admin)
        self._update_buttons()

    def _update_buttons(self) -> None:
        agent = self.selected_agent()
        only_admins = self.tr("Only administrators can change this")
        if agent is not None and agent.is_admin:
            self.role_button.setText(self.tr("Make agent"))
        else:
            self.role_button.setText(self.tr("Make administrator"))
        tips = {
            self.invite_button: (self.tr("Invite someone by email (Ctrl+N)"), True),
            self.role_button: (
                self.tr("Switch the selected agent between agent and administrator"),
                agent is not None,
            ),
            self.remove_button: (
                self.tr("Take the selected agent out of this account"),
                agent is not None,
            ),
            self.save_inboxes: (
                self.tr("Make the ticked inboxes the agent's inboxes"),
                agent is not None
                and self.memberships is not None
                and self.checked_inboxes() != self._member_of(agent),
            ),
            self.new_canned_button: (self.tr("Write a new canned response (Ctrl+N)"), True),
            self.edit_canned_button: (
                self.tr("Change the selected canned response"),
                self._selected_canned() is not None,
            ),
            self.delete_canned_button: (
                self.tr("Delete the selected canned response"),
                self._selected_canned() is not None,
            ),
        }
        for button, (tip, possible) in tips.items():
            button.setEnabled(self.admin and possible)
            button.setToolTip(tip if self.admin else only_admins)

    # ---- agent actions ---------------------------------------------------------------------------
    def invite(self) -> InviteDialog | None:
        if not self.admin:
            return None
        dialog = InviteDialog(self)
        self._open_form(dialog)

        def send() -> None:
            name, email, role = dialog.values()
            self._run(
                self.service.invite(name, email, role),
                on_done=lambda agent: self._form_done(
                    dialog,
                    self.tr("{0} was invited.").format(name),
                    agent.id,
                ),
                on_error=lambda e: self._form_failed(dialog, e),
            )

        dialog.submitted.connect(send)
        return dialog

    def toggle_role(self) -> None:
        agent = self.selected_agent()
        if agent is None or not self.admin:
            return
        role = ROLE_AGENT if agent.is_admin else ROLE_ADMIN
        if agent.id == self.controller.user_id and role == ROLE_AGENT:
            self._confirm(
                self.tr("Stop being an administrator?"),
                self.tr(
                    "You will no longer be able to change the team or the canned responses;"
                    " another administrator can make you one again."
                ),
                self.tr("Make me an agent"),
                lambda: self._set_role(agent, role),
            )
            return
        self._set_role(agent, role)

    def _set_role(self, agent: AgentRow, role: str) -> None:
        text = (
            self.tr("{0} is now an administrator.")
            if role == ROLE_ADMIN
            else self.tr("{0} is now an agent.")
        ).format(agent.name)
        self._run(
            self.service.set_role(agent.id, role),
            on_done=lambda _a: self._did(text),
            on_error=lambda e: self._show_error(self.agent_error, e),
        )

    def remove(self) -> None:
        agent = self.selected_agent()
        if agent is None or not self.admin:
            return
        self._confirm(
            self.tr("Remove {0} from this account?").format(agent.name),
            self.tr(
                "They lose access to its conversations, and those assigned to them become"
                " unassigned. They can be invited again later."
            ),
            self.tr("Remove"),
            lambda: self._run(
                self.service.remove(agent.id),
                on_done=lambda _r: self._did(self.tr("{0} was removed.").format(agent.name)),
                on_error=lambda e: self._show_error(self.agent_error, e),
            ),
        )

    def apply_inboxes(self) -> None:
        agent = self.selected_agent()
        if agent is None or not self.admin or self.memberships is None:
            return
        wanted = self.checked_inboxes()
        self._run(
            self.service.set_agent_inboxes(agent.id, wanted, self._member_of(agent)),
            on_done=lambda _r: self._inboxes_saved(agent),
            on_error=lambda e: self._show_error(self.agent_error, e),
        )

    def _inboxes_saved(self, agent: AgentRow) -> None:
        self.load_memberships()
        self._did(self.tr("{0}'s inboxes were saved.").format(agent.name))

    # ---- canned actions --------------------------------------------------------------------------
    def _selected_canned(self) -> CannedRow | None:
        if not hasattr(self, "canned_list"):
            return None
        index = self.canned_list.currentIndex()
        if not index.isValid():
            return None
        return self.canned.row_of(self.canned_proxy.mapToSource(index))

    def select_canned(self, canned_id: int) -> bool:
        for row in range(self.canned_proxy.rowCount()):
            index = self.canned_proxy.index(row, 0)
            if index.data(CannedRole.ID) == canned_id:
                self.canned_list.setCurrentIndex(index)
                return True
        return False

    def _canned_search(self, text: str) -> None:
        self.canned_proxy.set_text(text)
        empty = self.canned_proxy.rowCount() == 0
        if text.strip():
            self.canned_empty.setText(self.tr("No canned response matches “{0}”.").format(text))
        else:
            self.canned_empty.setText(self.tr("There are no canned responses yet."))
        self.canned_empty.setVisible(empty)
        self._update_buttons()

    def new_canned(self) -> CannedDialog | None:
        if not self.admin:
            return None
        dialog = CannedDialog(self)
        self._open_form(dialog)

        def send() -> None:
            code, content = dialog.values()
            self._run(
                self.service.add_canned(code, content),
                on_done=lambda made: self._canned_done(
                    dialog,
                    self.tr("/{0} was added.").format(code),
                    made.id,
                ),
                on_error=lambda e: self._form_failed(dialog, e),
            )

        dialog.submitted.connect(send)
        return dialog

    def edit_canned(self) -> CannedDialog | None:
        row = self._selected_canned()
        if row is None or not self.admin:
            return None
        dialog = CannedDialog(
            self, canned_id=row.id, short_code=row.short_code, content=row.content
        )
        self._open_form(dialog)

        def send() -> None:
            code, content = dialog.values()
            self._run(
                self.service.edit_canned(row.id, short_code=code, content=content),
                on_done=lambda _c: self._canned_done(
                    dialog, self.tr("/{0} was saved.").format(code), row.id
                ),
                on_error=lambda e: self._form_failed(dialog, e),
            )

        dialog.submitted.connect(send)
        return dialog

    def delete_canned(self) -> None:
        row = self._selected_canned()
        if row is None or not self.admin:
            return
        self._confirm(
            self.tr("Delete /{0}?").format(row.short_code),
            self.tr("Nobody can insert it any more. This cannot be undone."),
            self.tr("Delete"),
            lambda: self._run(
                self.service.delete_canned(row.id),
                on_done=lambda _r: self._did(self.tr("/{0} was deleted.").format(row.short_code)),
                on_error=lambda e: self._show_error(self.canned_error, e),
            ),
        )

    def _canned_done(self, dialog: RequestDialog, text: str, canned_id: int) -> None:
        self._form_done(dialog, text)
        self.canned_search.clear()
        if not self.select_canned(canned_id):
            self._pending_canned = canned_id

    # ---- shared --------------------------------------------------------------------------------
    def new_item(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.invite()
        else:
            self.new_canned()

    def focus_search(self) -> None:
        search = self.agent_search if self.tabs.currentIndex() == 0 else self.canned_search
        search.setFocus()
        search.selectAll()

    def _open_form(self, dialog: RequestDialog) -> None:
        self.dialog = dialog

        def finished() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _form_done(self, dialog: RequestDialog, text: str, agent_id: int | None = None) -> None:
        dialog.succeed()
        self._did(text)
        if agent_id is not None and not self.select_agent(agent_id):
            self._pending_agent = agent_id

    def _form_failed(self, dialog: RequestDialog, error: OperatorError) -> None:
        dialog.fail(error)
        self.failed.emit(error)

    def _confirm(self, question: str, detail: str, yes: str, then: Callable[[], None]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), question, parent=self)
        box.setInformativeText(detail)
        accept = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def chosen() -> None:
            if box.clickedButton() is accept:
                then()

        box.finished.connect(chosen)
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def _did(self, text: str) -> None:
        self.agent_error.hide()
        self.canned_error.hide()
        self.status.setText(text)
        self.done.emit(text)

    def _show_error(self, label: QLabel, error: OperatorError) -> None:
        if error.code is ErrorCode.FORBIDDEN:
            label.setText(self.tr("Only administrators can do this; the server refused it."))
        else:
            label.setText(describe_error(error))
        label.show()
        self.failed.emit(error)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        super().closeEvent(event)
