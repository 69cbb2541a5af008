"""`QuickReplyWindow`: answer a conversation from its notification, without the main window.

Where the notification server has no reply field (GNOME, dunst, macOS without a signed
bundle), Reply opens this small always-on-top window: the conversation's last few messages,
a text box with the canned responses ("/" as in the composer) and the signature, Enter to send
(Shift+Enter for a new line), Escape to close. It is a window of its own, so showing it does
not raise the main window, which may stay hidden. The reply goes through the outbox like one
from the composer (kept and sent when the network returns) and passes the same chat-rules
check (private notes too when `check_notes` is on): what it finds is marked in the text and
listed in the composer's `GuardBar` — Send anyway (or Enter again), Make it a private note,
Edit (or Escape). A reply typed in a notification that the check holds opens here, with its
findings shown (`open_for(..., held=text)`), so that nothing is sent without the choice.

The text box holds the conversation's draft, as the composer does: a draft is restored when
the window opens on its conversation (a private note's with "Private note" on), and what is
left unsent is saved as the draft when the window turns to another conversation, closes, or
the app ends (`save_pending_draft`), through the same `save_draft` the composer uses.
A language switch retranslates it, the shown messages' times included (`retranslate`).
"""

from __future__ import annotations

import logging
from html import escape

import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.types import MessageType
from operator_desktop.services.readmodel import ChatRow, MessageRow
from operator_desktop.services.reply_guard import GuardFinding
from operator_desktop.ui.common.app_icon import app_icon
from operator_desktop.ui.common.theme import Theme, ThemeFollower
from operator_desktop.ui.common.timefmt import list_time
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.conversation.canned import (
    CannedPopup,
    insert_canned,
    rank_canned,
    slash_token,
)
from operator_desktop.ui.conversation.guard_bar import GuardBar, GuardMarks

log = logging.getLogger("ui")

LAST_MESSAGES = 5


class QuickReplyEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter breaks the line, Escape closes; the canned popup's keys."""

    submitted = Signal()
    escaped = Signal()

    def __init__(self, popup: CannedPopup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.popup = popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.popup.isVisible():
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return
            accept = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
            if key in accept and self.popup.accept_current():
                return
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                return
        if key == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.popup.hide()
        super().focusOutEvent(event)


class QuickReplyWindow(QWidget):
    """One conversation at a time; `open_for` fills it and shows it without raising others."""

    sent = Signal(int)  # display id, once the reply is in the outbox
    openRequested = Signal(int)  # display id: show it in the main window
    closed = Signal()

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("quickReply")
        self.setWindowIcon(app_icon())
        self.controller = controller
        self.display_id: int | None = None
        self.signature: str | None = None  # appended to the reply when set
        self._saved: tuple[str, bool] = ("", False)  # the draft as stored: text, private
        self.check_notes = False  # private notes go through the chat-rules guard too
        self._chat: ChatRow | None = None  # what the window shows: the conversation
        self._messages: list[MessageRow] = []  # and its last messages

        self.title_label = QLabel()
        self.title_label.setObjectName("quickReplyTitle")
        self.messages_box = QWidget()
        self.messages_layout = QVBoxLayout(self.messages_box)
        self.messages_layout.setContentsMargins(8, 8, 8, 8)
        self.messages_layout.setSpacing(6)
        self.messages_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("quickReplyMessages")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.messages_box)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.popup = CannedPopup(self)
        self.popup.chosen.connect(self.insert_canned)
        self.edit = QuickReplyEdit(self.popup)
        self.edit.setObjectName("quickReplyEdit")
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 14)
        self.edit.submitted.connect(self.send)
        self.edit.escaped.connect(self._escaped)
        self.edit.textChanged.connect(self._text_changed)
        self.guard_bar = GuardBar(self)
        self.guard_bar.sendAnyway.connect(self.send_anyway)
        self.guard_bar.makePrivate.connect(self.send_as_private_note)
        self.guard = GuardMarks(self.guard_bar, self.edit)
        self.guard_bar.editRequested.connect(self.guard.back_to_editing)
        self.hint = QLabel()
        self.hint.setObjectName("hintLabel")
        self.send_button = QPushButton()
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_in_window)
        self.note_button = QPushButton()
        self.note_button.setObjectName("quickReplyNote")
        self.note_button.setCheckable(True)
        self.note_button.toggled.connect(self._note_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.guard_bar)
        layout.addWidget(self.edit)
        layout.addLayout(buttons)
        self.resize(420, 400)
        self.retranslate()
        self._theme = ThemeFollower(self, self._restyle)

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.send_button.setText(self.tr("Send"))
        self.open_button.setText(self.tr("Open in window"))
        self.note_button.setText(self.tr("Private note"))
        self._note_toggled(self.private)  # the placeholder and the hint
        self.guard_bar.retranslate()
        if self.display_id is not None:
            self._show_chat()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _restyle(self) -> None:
        c = Theme.current()
        self.setStyleSheet(
            f"""
            QLabel#quickReplyTitle {{ font-weight: 600; }}
            QScrollArea#quickReplyMessages, QScrollArea#quickReplyMessages > QWidget > QWidget
                {{ background: {c.base}; border: 1px solid {c.divider}; border-radius: 6px; }}
            QLabel#hintLabel {{ color: {c.muted}; }}
            QPushButton#quickReplyNote:checked {{
                background: {c.private_bubble}; border: 1px solid {c.private_border};
            }}
            QLabel[bubble="incoming"] {{
                background: {c.incoming_bubble}; color: {c.text};
                border-radius: 8px; padding: 5px 8px;
            }}
            QLabel[bubble="outgoing"] {{
                background: {c.outgoing_bubble}; color: {c.outgoing_text};
                border-radius: 8px; padding: 5px 8px;
            }}
            QLabel[bubble="private"] {{
                background: {c.private_bubble}; color: {c.text};
                border: 1px solid {c.private_border}; border-radius: 8px; padding: 5px 8px;
            }}
            """
        )
        self.guard.refresh_theme()

    # ---- showing a conversation ----------------------------------------------------------
    async def open_for(self, display_id: int, held: str | None = None) -> None:
        """Read the conversation's last messages (and its draft) and show the window, ready
        to type; the unsent text of the conversation it showed is kept as that one's draft.

        `held`: a reply typed in a notification that the chat-rules check held; it fills the
        box at once with its findings shown, for the operator to choose (left unsent, it is
        kept as the conversation's draft, like anything typed here)."""
        c = self.controller
        turned = display_id != self.display_id
        if turned or held is not None:
            self._keep_draft()
            self._set_text(held or "", private=False)
            self._saved = ("", False)
        self.display_id = display_id
        if held is not None:
            findings = c.check_reply(held)
            if findings:
                self._show_findings(findings)
        rows: list[ChatRow] = await c.read(c.readmodel.chat_rows, c.key, [display_id])
        messages: list[MessageRow] = await c.read(
            c.readmodel.messages, c.key, display_id, limit=LAST_MESSAGES * 3
        )
        draft = await c.actions.draft(display_id) if turned and held is None else None
        if not shiboken6.isValid(self) or self.display_id != display_id:
            return
        if draft is not None and not self.edit.toPlainText():  # not typed over meanwhile
            self._set_text(*draft)
            self._saved = draft
        self._chat = rows[0] if rows else None
        self._messages = [m for m in messages if not m.is_activity][-LAST_MESSAGES:]
        self._show_chat()
        self._update_hint()
        self.show()
        self.activateWindow()  # this window only: the main window stays where it is
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_chat(self) -> None:
        chat = self._chat
        name = chat.contact_name if chat is not None and chat.contact_name else self.tr("Customer")
        inbox = chat.inbox_name if chat is not None else ""
        title = f"{name} · {inbox}" if inbox else name
        self.setWindowTitle(self.tr("Reply to {name}").format(name=name))
        self.title_label.setText(title)
        self._show_messages(self._messages)

    def _show_messages(self, messages: list[MessageRow]) -> None:
        layout = self.messages_layout
        while layout.count() > 1:  # keep the stretch at the top
            item = layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        now = self.controller.now()
        if not messages:
            empty = QLabel(self.tr("No messages yet"))
            empty.setObjectName("hintLabel")
            layout.addWidget(empty, 0, Qt.AlignmentFlag.AlignHCenter)
        for message in messages:
            outgoing = message.message_type == MessageType.OUTGOING
            kind = "private" if message.private else ("outgoing" if outgoing else "incoming")
            text = message.content or ", ".join(a.name for a in message.attachments)
            who = escape(message.sender_name or "")
            when = escape(list_time(message.created_at, now))
            bubble = QLabel(
                f"<span style='font-size:small'>{who} · {when}</span><br>"
                + escape(text).replace("\n", "<br>")
            )
            bubble.setProperty("bubble", kind)
            bubble.setWordWrap(True)
            bubble.setTextFormat(Qt.TextFormat.RichText)
            bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            bubble.setMaximumWidth(320)
            row = QWidget()  # a row of its own: a wrapped label keeps its height there
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            if outgoing:
                row_layout.addStretch(1)
            row_layout.addWidget(bubble)
            if not outgoing:
                row_layout.addStretch(1)
            layout.addWidget(row)
        QTimer.singleShot(0, self._scroll_to_end)

    def messages_text(self) -> str:
        """The shown messages as plain text (for the accessibility name and tests)."""
        layout = self.messages_layout
        items = [layout.itemAt(i) for i in range(layout.count())]
        rows = [item.widget() for item in items if item is not None]
        labels = [label for row in rows if row is not None for label in row.findChildren(QLabel)]
        labels += [row for row in rows if isinstance(row, QLabel)]
        return "\n".join(label.text() for label in labels)

    def _scroll_to_end(self) -> None:
        if shiboken6.isValid(self):
            bar = self.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _update_hint(self) -> None:
        text = self.tr("Enter sends, Shift+Enter starts a new line, Esc closes")
        if self.signature and not self.private:
            text += " · " + self.tr("signature added")
        self.hint.setText(text)

    # ---- the draft -----------------------------------------------------------------------
    @property
    def private(self) -> bool:
        """A private note (for the team only) rather than a reply to the customer."""
        return self.note_button.isChecked()

    def _note_toggled(self, private: bool) -> None:
        self.edit.setPlaceholderText(
            self.tr("Private note: only your team sees it. Type / for canned responses")
            if private
            else self.tr("Reply to the customer. Type / for canned responses")
        )
        self._update_hint()

    def _set_text(self, text: str, private: bool) -> None:
        self.note_button.setChecked(private)
        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def _unsaved(self) -> tuple[str, bool] | None:
        """The text and mode to store as the draft, when they differ from the stored one."""
        current = (self.edit.toPlainText(), self.private)
        if self.display_id is None or current == self._saved:
            return None
        if not current[0].strip() and not self._saved[0].strip():
            return None
        return current

    def _keep_draft(self) -> None:
        """Store what is unsent as the conversation's draft (a blank box drops it)."""
        unsaved, display_id = self._unsaved(), self.display_id
        if unsaved is None or display_id is None:
            return
        self._saved = unsaved
        self.controller.run(self.controller.actions.save_draft(display_id, *unsaved))

    async def save_pending_draft(self) -> None:
        """Store the unsent text now and wait for it (the app is closing)."""
        unsaved, display_id = self._unsaved(), self.display_id
        if unsaved is None or display_id is None:
            return
        self._saved = unsaved
        await self.controller.actions.save_draft(display_id, *unsaved)

    # ---- canned responses ----------------------------------------------------------------
    def _text_changed(self) -> None:
        self.guard.clear()  # they were for the text as it was
        token = slash_token(self.edit) if self.edit.hasFocus() else None
        if token is None:
            self.popup.hide()
            return
        matches = rank_canned(token[1], self.controller.reference.canned)
        rect = self.edit.cursorRect()
        self.popup.show_matches(matches, self.edit, QPoint(rect.left(), rect.top()))

    def insert_canned(self, content: str) -> None:
        insert_canned(self.edit, content)
        self.popup.hide()

    # ---- sending -------------------------------------------------------------------------
    def send(self) -> None:
        """Send, unless the chat-rules guard finds something (shown until the operator picks);
        sending again while the findings are shown sends anyway."""
        self._send(checked=self.guard_bar.isVisible())

    def send_anyway(self) -> None:
        self._send(checked=True)

    def send_as_private_note(self) -> None:
        self.note_button.setChecked(True)
        self._send(checked=True)

    def _escaped(self) -> None:
        if self.guard_bar.isVisible():  # Edit: back to the text, marked until it changes
            self.guard.back_to_editing()
        else:
            self.close()

    def _send(self, *, checked: bool) -> None:
        display_id = self.display_id
        typed = self.edit.toPlainText()
        text = typed.strip()
        if display_id is None or not text:
            return
        private = self.private
        findings = self.controller.send_reply(  # the draft goes with it
            display_id,
            typed,
            guarded=not checked and (not private or self.check_notes),
            private=private,
            signature=self.signature,
        )
        if findings:
            self._show_findings(findings)
            return
        self.guard.clear()
        self._set_text("", private=False)
        self._saved = ("", False)
        self.sent.emit(display_id)
        self.close()

    def _show_findings(self, findings: list[GuardFinding]) -> None:
        self.popup.hide()
        self.guard.show(findings)

    def _open_in_window(self) -> None:
        display_id = self.display_id
        self.close()
        if display_id is not None:
            self.openRequested.emit(display_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.popup.hide()
        self._keep_draft()
        super().closeEvent(event)
        self.closed.emit()
