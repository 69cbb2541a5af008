"""`ConversationHeader`: who the conversation is with, where, its state, and its actions.

Buttons: Resolve/Reopen, Pending, Snooze (menu), Assign (menu), Team (menu), Priority
(menu), Labels (checkable menu, read-merge-write through `actions.change_labels`, §10.11).
Every action runs in the background through the controller; the header shows the cached
row again when the change-set for it arrives (`set_chat`).

Reopening as an *agent* while someone else is the assignee makes the server assign the
conversation to the caller (CONTRACT §4, §10.8): the header asks first, with a
non-blocking `QMessageBox.open()`, and offers "Set pending instead".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.services.readmodel import ChatRow
from operator_desktop.ui.common.elided import ElidedLabel
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.controller import AppController

PRIORITIES: tuple[str | None, ...] = (None, "low", "medium", "high", "urgent")
MIN_TITLE_WIDTH = 200  # the contact's name keeps at least this much before buttons move


def snooze_presets(now: dt.datetime) -> dict[str, dt.datetime]:
    """Local times for the snooze menu: in an hour, tomorrow 9:00, next Monday 9:00."""
    tomorrow = (now + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    days_ahead = (7 - now.weekday()) % 7 or 7
    monday = (now + dt.timedelta(days=days_ahead)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return {"hour": now + dt.timedelta(hours=1), "tomorrow": tomorrow, "next_week": monday}


def would_self_assign(row: ChatRow, new_status: str, role: str, user_id: int) -> bool:
    """§10.8: an agent (not an administrator) setting `open` takes over someone else's chat."""
    return (
        new_status == "open"
        and role != "administrator"
        and row.assignee_id is not None
        and row.assignee_id != user_id
    )


class SnoozeDialog(QDialog):
    """Pick a snooze time; shown with `open()`, result through `chosen`."""

    chosen = Signal(float)  # epoch seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(340)
        self.edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3 * 3600), self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(QDateTime.currentDateTime())
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.accepted.connect(lambda: self.chosen.emit(self.edit.dateTime().toSecsSinceEpoch()))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Snooze until"))
        self.prompt.setText(self.tr("Snooze this conversation until:"))
        self.edit.setLocale(QLocale())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ConversationHeader(QWidget):
    """Contact, inbox, status and assignee, with the conversation's action buttons."""

    actionStarted = Signal(str)  # a short name of the action, for tests and the status bar

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.row: ChatRow | None = None
        self.setObjectName("conversationHeader")
        self.title = ElidedLabel(self)
        self.title.setObjectName("headerTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = ElidedLabel(self)
        self.subtitle.setObjectName("headerSubtitle")
        texts = QVBoxLayout()
        texts.setSpacing(1)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)

        self.resolve_button = QPushButton(self)
        self.resolve_button.clicked.connect(self._resolve_clicked)
        self.pending_button = QPushButton(self)
        self.pending_button.clicked.connect(lambda: self.request_status("pending"))
        self.snooze_menu = QMenu(self)
        self.snooze_menu.aboutToShow.connect(self._fill_snooze)
        self.assign_menu = QMenu(self)
        self.assign_menu.aboutToShow.connect(self._fill_assign)
        self.team_menu = QMenu(self)
        self.team_menu.aboutToShow.connect(self._fill_team)
        self.priority_menu = QMenu(self)
        self.priority_menu.aboutToShow.connect(self._fill_priority)
        self.labels_menu = QMenu(self)
        self.labels_menu.aboutToShow.connect(self._fill_labels)
        self.snooze_button = self._menu_button(self.snooze_menu)
        self.assign_button = self._menu_button(self.assign_menu)
        self.team_button = self._menu_button(self.team_menu)
        self.priority_button = self._menu_button(self.priority_menu)
        self.labels_button = self._menu_button(self.labels_menu)

        self.more_menu = QMenu(self)
        self.more_menu.aboutToShow.connect(self._fill_more)
        self.more_button = self._menu_button(self.more_menu)
        self.more_button.setObjectName("headerMore")
        self.more_button.hide()

        self._overflow: list[QAbstractButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(14, 8, 10, 8)
        self._row.addLayout(texts, 1)
        for button in self._action_buttons():
            self._row.addWidget(button)
        self._row.addWidget(self.more_button)
        self._snooze_dialog: SnoozeDialog | None = None
        self._confirm: QMessageBox | None = None
        self.retranslate()
        self.set_chat(None)

    def _action_buttons(self) -> tuple[QAbstractButton, ...]:
        """The action buttons in their order on the row."""
        return (
            self.assign_button,
            self.team_button,
            self.labels_button,
            self.priority_button,
            self.snooze_button,
            self.pending_button,
            self.resolve_button,
        )

    def _buttons_by_importance(self) -> tuple[QAbstractButton, ...]:
        """The buttons kept on the row longest when the pane gets narrow."""
        return (
            self.resolve_button,
            self.assign_button,
            self.snooze_button,
            self.pending_button,
            self.labels_button,
            self.priority_button,
            self.team_button,
        )

    def _menu_button(self, menu: QMenu) -> QToolButton:
        button = QToolButton(self)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # the style's small arrow overlaps the text: a "▾" in the text says "menu" instead
        button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        return button

    def retranslate(self) -> None:
        self.pending_button.setText(self.tr("Pending"))
        titles = {
            self.snooze_menu: self.tr("Snooze"),
            self.assign_menu: self.tr("Assign"),
            self.team_menu: self.tr("Team"),
            self.priority_menu: self.tr("Priority"),
            self.labels_menu: self.tr("Labels"),
            self.more_menu: self.tr("More"),
        }
        for button in (*self._button_menus(), self.more_button):
            assert isinstance(button, QToolButton)
            menu = button.menu()
            menu.setTitle(titles[menu])
            button.setText(f"{titles[menu]} ▾")
        self.more_button.setToolTip(self.tr("More actions"))
        self._update_resolve_text()
        if self.row is not None:  # the status, assignee and priority in the new words
            self.set_chat(self.row)

    def _button_menus(self) -> dict[QAbstractButton, QMenu]:
        return {
            self.assign_button: self.assign_menu,
            self.team_button: self.team_menu,
            self.labels_button: self.labels_menu,
            self.priority_button: self.priority_menu,
            self.snooze_button: self.snooze_menu,
        }

    # ---- narrow widths: buttons that do not fit move into "More" ----------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()

    def overflowed(self) -> list[QAbstractButton]:
        """The action buttons shown in the "More" menu instead of on the row."""
        return list(self._overflow)

    def _fit_buttons(self) -> None:
        margins = self._row.contentsMargins()
        spacing = max(self._row.spacing(), 0)
        available = self.width() - margins.left() - margins.right() - MIN_TITLE_WIDTH
        needed = [b.sizeHint().width() + spacing for b in self._buttons_by_importance()]
        more = self.more_button.sizeHint().width() + spacing
        keep: set[QAbstractButton] = set(self._action_buttons())
        if sum(needed) > available:
            keep = set()
            used = more
            for button, width in zip(self._buttons_by_importance(), needed, strict=True):
                if used + width > available:
                    break
                keep.add(button)
                used += width
        self._overflow = [b for b in self._action_buttons() if b not in keep]
        for button in self._action_buttons():
            button.setVisible(button in keep)
        self.more_button.setVisible(bool(self._overflow))

    def _fill_more(self) -> None:
        menu = self.more_menu
        menu.clear()
        menus = self._button_menus()
        for button in self._overflow:
            if button in menus:
                sub = menus[button]
                sub.setEnabled(button.isEnabled())
                menu.addMenu(sub)
            else:
                action = menu.addAction(button.text())
                action.setEnabled(button.isEnabled())
                action.triggered.connect(button.click)

    # ---- state ----------------------------------------------------------------------------
    def set_chat(self, row: ChatRow | None) -> None:
        self.row = row
        enabled = row is not None
        for w in (
            self.resolve_button,
            self.pending_button,
            self.snooze_button,
            self.assign_button,
            self.team_button,
            self.priority_button,
            self.labels_button,
            self.more_button,
        ):
            w.setEnabled(enabled)
        if row is None:
            self.title.setText("")
            self.subtitle.setText("")
            return
        self.title.setText(row.contact_name or self.tr("Unknown contact"))
        parts = [row.inbox_name, self._status_text(row)]
        parts.append(
            self.tr("Assigned to {name}").format(name=row.assignee_name)
            if row.assignee_name
            else self.tr("Unassigned")
        )
        if row.team_name:
            parts.append(self.tr("Team: {name}").format(name=row.team_name))
        if row.priority:
            parts.append(self.tr("Priority: {p}").format(p=self._priority_text(row.priority)))
        if row.labels:
            parts.append(", ".join(f"#{x}" for x in row.labels))
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        self.pending_button.setEnabled(row.status != "pending")
        self._update_resolve_text()
        color = Theme.current().muted
        self.subtitle.setStyleSheet(f"color: {color};")

    def _status_text(self, row: ChatRow) -> str:
        if row.status == "snoozed" and row.snoozed_until:
            until = QDateTime.fromSecsSinceEpoch(int(row.snoozed_until))
            when = QLocale().toString(until, "d MMM HH:mm")  # month names of the language in use
            return self.tr("Snoozed until {time}").format(time=when)
        names = {
            "open": self.tr("Open"),
            "resolved": self.tr("Resolved"),
            "pending": self.tr("Pending"),
            "snoozed": self.tr("Snoozed"),
        }
        return names.get(row.status, row.status)

    def _priority_text(self, priority: str | None) -> str:
        names = {
            None: self.tr("None"),
            "low": self.tr("Low"),
            "medium": self.tr("Medium"),
            "high": self.tr("High"),
            "urgent": self.tr("Urgent"),
        }
        return names.get(priority, priority or "")

    def _update_resolve_text(self) -> None:
        resolved = self.row is not None and self.row.status == "resolved"
        self.resolve_button.setText(self.tr("Reopen") if resolved else self.tr("Resolve"))
        self._fit_buttons()

    # ---- actions ----------------------------------------------------------------------------
    def _run(self, name: str, coro: Coroutine[Any, Any, Any]) -> None:
        self.actionStarted.emit(name)
        self.controller.run(coro)

    def _resolve_clicked(self) -> None:
        if self.row is None:
            return
        self.request_status("open" if self.row.status == "resolved" else "resolved")

    def resolve(self) -> None:
        self.request_status("resolved")

    def request_status(self, status: str, snoozed_until: float | None = None) -> None:
        """Change the status, asking first when it would take over someone else's chat."""
        row = self.row
        if row is None:
            return
        if would_self_assign(row, status, self.controller.role, self.controller.user_id):
            self._confirm_self_assign(row)
            return
        self._set_status(row.display_id, status, snoozed_until)

    def _set_status(self, display_id: int, status: str, until: float | None) -> None:
        actions = self.controller.actions
        self._run(f"status-{status}", actions.set_status(display_id, status, until))

    def _confirm_self_assign(self, row: ChatRow) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Reopen conversation"))
        box.setText(
            self.tr("Reopening will assign this conversation to you instead of {name}.").format(
                name=row.assignee_name or self.tr("the current assignee")
            )
        )
        box.setInformativeText(self.tr("Chatwoot assigns reopened conversations to the agent."))
        reopen = box.addButton(
            self.tr("Reopen and assign to me"), QMessageBox.ButtonRole.AcceptRole
        )
        pending = box.addButton(self.tr("Set pending instead"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        display_id = row.display_id

        def finished(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is reopen:
                self._set_status(display_id, "open", None)
            elif clicked is pending:
                self._set_status(display_id, "pending", None)
            box.deleteLater()
            self._confirm = None

        box.finished.connect(finished)
        self._confirm = box
        box.open()

    def snooze(self, until: float) -> None:
        self.request_status("snoozed", until)

    def open_snooze_dialog(self) -> SnoozeDialog:
        dialog = SnoozeDialog(self)
        dialog.chosen.connect(self.snooze)
        dialog.finished.connect(dialog.deleteLater)
        self._snooze_dialog = dialog
        dialog.open()
        return dialog

    def assign(self, agent_id: int | None) -> None:
        if self.row is not None:
            actions = self.controller.actions
            self._run("assign", actions.assign_agent(self.row.display_id, agent_id))

    def assign_to_me(self) -> None:
        self.assign(self.controller.user_id)

    def set_team(self, team_id: int | None) -> None:
        if self.row is not None:
            self._run("team", self.controller.actions.assign_team(self.row.display_id, team_id))

    def set_priority(self, priority: str | None) -> None:
        if self.row is not None:
            actions = self.controller.actions
            self._run("priority", actions.set_priority(self.row.display_id, priority))

    def toggle_label(self, label: str, on: bool) -> None:
        if self.row is None:
            return
        actions = self.controller.actions
        add, remove = ([label], []) if on else ([], [label])
        self._run("labels", actions.change_labels(self.row.display_id, add=add, remove=remove))

    # ---- menus ----------------------------------------------------------------------------
    def _add(self, menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def _fill_snooze(self) -> None:
        menu = self.snooze_menu
        menu.clear()
        presets = snooze_presets(dt.datetime.now())
        for key, text in (
            ("hour", self.tr("For 1 hour")),
            ("tomorrow", self.tr("Until tomorrow, 9:00")),
            ("next_week", self.tr("Until next week (Monday 9:00)")),
        ):
            ts = presets[key].timestamp()
            self._add(menu, text, lambda t=ts: self.snooze(t))  # type: ignore[misc]
        menu.addSeparator()
        self._add(menu, self.tr("Custom…"), self.open_snooze_dialog)

    def _fill_assign(self) -> None:
        menu = self.assign_menu
        menu.clear()
        self._add(menu, self.tr("Assign to me"), self.assign_to_me)
        self._add(menu, self.tr("Unassign"), lambda: self.assign(None))
        menu.addSeparator()
        current = self.row.assignee_id if self.row else None
        for agent in self.controller.reference.agents:
            action = self._add(menu, agent.name, lambda a=agent.id: self.assign(a))  # type: ignore[misc]
            action.setCheckable(True)
            action.setChecked(agent.id == current)

    def _fill_team(self) -> None:
        menu = self.team_menu
        menu.clear()
        current = self.row.team_id if self.row else None
        none = self._add(menu, self.tr("No team"), lambda: self.set_team(None))
        none.setCheckable(True)
        none.setChecked(current is None)
        menu.addSeparator()
        for team in self.controller.reference.teams:
            action = self._add(menu, team.name, lambda t=team.id: self.set_team(t))  # type: ignore[misc]
            action.setCheckable(True)
            action.setChecked(team.id == current)

    def _fill_priority(self) -> None:
        menu = self.priority_menu
        menu.clear()
        current = self.row.priority if self.row else None
        for priority in PRIORITIES:
            action = self._add(
                menu,
                self._priority_text(priority),
                lambda p=priority: self.set_priority(p),  # type: ignore[misc]
            )
            action.setCheckable(True)
            action.setChecked(priority == current)

    def _fill_labels(self) -> None:
        menu = self.labels_menu
        menu.clear()
        current = set(self.row.labels) if self.row else set()
        labels = self.controller.reference.labels
        if not labels:
            menu.addAction(self.tr("No labels defined")).setEnabled(False)
        for label in labels:
            action = menu.addAction(label.name)
            action.setCheckable(True)
            action.setChecked(label.name in current)
            action.toggled.connect(lambda on, n=label.name: self.toggle_label(n, on))
