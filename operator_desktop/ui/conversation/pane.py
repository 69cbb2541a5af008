"""`ConversationPane`: header, message list, typing line and composer for one conversation.

The pane reads nothing itself while painting: the model holds rows read on the database
thread, and change-sets from the controller update only the rows they name. Opening a
conversation marks it read in the background, loads the newest rows and restores the draft.

Mouse: links open in the browser, a click on a file opens it, a double-click on an image
shows it full size, a click on a failed reply's red line retries it. The context menu offers
Reply and Copy, and Retry / Edit / Discard on failed replies. No nested event loops: menus
use `popup()`, dialogs `open()` or `show()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.links import is_web_link
from operator_desktop.core.text import is_executable_name, strip_bidi_controls
from operator_desktop.services.readmodel import AttachmentRow, ChatRow, MessageRow
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.conversation.composer import Composer
from operator_desktop.ui.conversation.delegate import Hit, MessageDelegate
from operator_desktop.ui.conversation.header import ConversationHeader
from operator_desktop.ui.conversation.model import ControllerSource, MessageListModel
from operator_desktop.ui.conversation.thumbnails import ThumbnailStore
from operator_desktop.ui.conversation.view import MessageListView
from operator_desktop.ui.conversation.viewer import ImageViewer


def _hline(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setObjectName("paneDivider")
    return line


class EditReplyDialog(QDialog):
    """Edit a failed reply's text, then retry it (shown with `open()`)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons = buttons
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(520, 300)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit reply"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send again"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ConversationPane(QWidget):
    """The conversation area of the main window; see the module docstring."""

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.current_id: int | None = None
        self.chat: ChatRow | None = None
        self._menu: QMenu | None = None
        self._dialogs: list[QWidget] = []

        self.header = ConversationHeader(controller, self)
        self.model = MessageListModel(ControllerSource(controller), controller.runner, self)
        self.thumbs = ThumbnailStore(controller.actions.attachment_bytes, controller.runner, self)
        self.view = MessageListView(self)
        self.delegate = MessageDelegate(self.view, self.thumbs, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.viewport().installEventFilter(self)
        self.view.atBottomChanged.connect(self._at_bottom_changed)
        self.thumbs.loaded.connect(self.model.attachment_loaded)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.newBeyondWindow.connect(self._show_jump)
        self.model.loadingChanged.connect(self._loading_changed)

        self.jump_button = QPushButton(self.view)
        self.jump_button.setObjectName("jumpToLatest")
        self.jump_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.jump_button.clicked.connect(self.jump_to_latest)
        self.jump_button.hide()
        self.loading_label = QLabel(self.view)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.hide()

        self.typing_label = QLabel(self)
        self.typing_label.setObjectName("typingIndicator")
        self.typing_label.setContentsMargins(16, 0, 16, 0)
        self.typing_label.setFixedHeight(self.typing_label.fontMetrics().height() + 6)

        self.composer = Composer(controller, self)
        self.composer.sent.connect(lambda _id: self.view.stick_to_bottom())

        conversation = QWidget(self)
        column = QVBoxLayout(conversation)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(_hline(conversation))
        column.addWidget(self.view, 1)
        column.addWidget(self.typing_label)
        column.addWidget(_hline(conversation))
        column.addWidget(self.composer)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.empty.setFont(font)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(conversation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        controller.changed.connect(self.apply_change)
        self.retranslate()
        self._apply_colors()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Select a conversation"))
        self.jump_button.setText(self.tr("New messages ↓"))
        self.loading_label.setText(self.tr("Loading older messages…"))
        self.header.retranslate()
        self.composer.retranslate()
        self._update_typing()
        self.delegate.clear_cache()  # its layouts hold worded labels ("You", "Private note")
        self.model.retranslate()

    # ---- public API ------------------------------------------------------------------------
    async def open_conversation(self, display_id: int) -> None:
        """Show `display_id`: mark it read (background), load messages, restore the draft."""
        if self.current_id is not None and self.current_id != display_id:
            self.composer.leave()
        self.current_id = display_id
        self.stack.setCurrentIndex(1)
        self.jump_button.hide()
        self.controller.run(self.controller.actions.open_conversation(display_id), name="pane-open")
        await self.model.open(display_id)
        if self.current_id != display_id:
            return
        self.view.stick_to_bottom()
        await self._refresh_header(display_id)
        await self.composer.load(display_id)
        self._update_typing()

    def close_conversation(self) -> None:
        """Back to the empty state."""
        self.composer.leave()
        self.composer.display_id = None
        self.current_id = None
        self.model.clear()
        self.header.set_chat(None)
        self.typing_label.clear()
        self.stack.setCurrentIndex(0)

    def shutdown(self) -> None:
        """Stop timers and forget the conversation without starting new work (closing)."""
        self.composer.stop_timers()
        self.current_id = None
        self.model.clear()

    def focus_composer(self) -> None:
        self.composer.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def resolve(self) -> None:
        self.header.resolve()

    def assign_to_me(self) -> None:
        self.header.assign_to_me()

    def reply_to(self, message_id: int) -> None:
        row = self.model.message(message_id)
        if row is None:
            return
        preview = row.content or (row.attachments[0].name if row.attachments else "")
        self.composer.set_reply_to(message_id, preview)

    def set_signature(self, text: str | None, enabled: bool) -> None:
        self.composer.set_signature(text, enabled)

    def jump_to_latest(self) -> None:
        self.model.jump_to_latest()
        self.view.stick_to_bottom()
        self.jump_button.hide()

    # ---- change-sets ---------------------------------------------------------------------
    def apply_change(self, change: ChangeSet) -> None:
        if self.current_id is None or change.key != self.controller.key:
            return
        self.model.apply(change)
        if self.current_id in change.messages:
            self.composer.refresh_suggestions()  # a new question, or the reply that answered it
        if self.current_id in change.conversations:
            self.controller.run(self._refresh_header(self.current_id), name="pane-header")
        if self.current_id in change.typing:
            self._update_typing()

    async def _refresh_header(self, display_id: int) -> None:
        c = self.controller
        rows: list[ChatRow] = await c.read(c.readmodel.chat_rows, c.key, [display_id])
        if self.current_id != display_id:
            return
        self.chat = rows[0] if rows else None
        self.header.set_chat(self.chat)
        if self.chat is not None and self.chat.unread_count and self._in_view():
            # a message came while the operator is looking at it: seen, here and on the server
            self.controller.run(c.actions.mark_seen(display_id), name="pane-seen")

    def _in_view(self) -> bool:
        return self.isVisible() and self.window().isActiveWindow()

    def _update_typing(self) -> None:
        if self.current_id is None:
            self.typing_label.clear()
            return
        typists = [
            t
            for t in self.controller.actions.typists(self.current_id)
            if t.is_contact or t.name != self.controller.user_name
        ]
        if not typists:
            self.typing_label.clear()
        elif len(typists) == 1:
            t = typists[0]
            if t.is_private:
                self.typing_label.setText(
                    self.tr("{name} is writing a private note…").format(name=t.name)
                )
            else:
                self.typing_label.setText(self.tr("{name} is typing…").format(name=t.name))
        elif len(typists) == 2:
            self.typing_label.setText(
                self.tr("{a} and {b} are typing…").format(a=typists[0].name, b=typists[1].name)
            )
        else:
            self.typing_label.setText(self.tr("%n people are typing…", "", len(typists)))

    # ---- scrolling --------------------------------------------------------------------------
    def _rows_inserted(self, _parent: QModelIndex, _first: int, last: int) -> None:
        if last == self.model.rowCount() - 1 and not self.view.sticking:
            self._show_jump()

    def _show_jump(self) -> None:
        if self.view.sticking and self.model.following:
            return
        self._place_overlays()
        self.jump_button.show()
        self.jump_button.raise_()

    def _at_bottom_changed(self, at_bottom: bool) -> None:
        if at_bottom:
            self.jump_button.hide()

    def _loading_changed(self, loading: bool) -> None:
        self._place_overlays()
        self.loading_label.setVisible(loading)
        if loading:
            self.loading_label.raise_()

    def _place_overlays(self) -> None:
        self.jump_button.adjustSize()
        area = self.view.viewport().geometry()
        size = self.jump_button.sizeHint()
        self.jump_button.setGeometry(
            area.right() - size.width() - 18,
            area.bottom() - size.height() - 14,
            size.width(),
            size.height(),
        )
        self.loading_label.adjustSize()
        hint = self.loading_label.sizeHint()
        self.loading_label.setGeometry(
            area.left() + (area.width() - hint.width()) // 2,
            area.top() + 6,
            hint.width(),
            hint.height(),
        )

    # ---- mouse -------------------------------------------------------------------------------
    def _hit(self, pos: QPoint) -> Hit | None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return None
        return self.delegate.hit_test(index, pos - self.view.visualRect(index).topLeft())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport():
            kind = event.type()
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                hit = self._hit(event.position().toPoint())
                clickable = hit is not None and hit.kind in ("link", "image", "file", "retry")
                self.view.viewport().setCursor(
                    Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
                )
            elif (
                kind == QEvent.Type.MouseButtonRelease
                and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton
            ):
                hit = self._hit(event.position().toPoint())
                if hit is not None and self.activate(hit, double=False):
                    return True
            elif kind == QEvent.Type.MouseButtonDblClick and isinstance(event, QMouseEvent):
                hit = self._hit(event.position().toPoint())
                if hit is not None and self.activate(hit, double=True):
                    return True
        return super().eventFilter(watched, event)

    def activate(self, hit: Hit, *, double: bool) -> bool:
        """Act on a click (or double-click) on part of a message; True when handled."""
        if hit.kind == "link" and not double:
            url = QUrl(hit.href)
            if is_web_link(hit.href):
                QDesktopServices.openUrl(url)
            return True
        if hit.kind == "retry" and not double:
            self.retry(hit.message_id)
            return True
        if hit.kind == "file" and hit.attachment is not None and not double:
            self.open_file(hit.attachment)
            return True
        if hit.kind == "image" and hit.attachment is not None and double:
            self.open_image(hit.attachment)
            return True
        return False

    # ---- message actions -------------------------------------------------------------------
    def _outbox_id(self, message_id: int) -> int | None:
        row = self.model.message(message_id)
        return row.outbox_id if row is not None else None

    def retry(self, message_id: int) -> None:
        outbox_id = self._outbox_id(message_id)
        if outbox_id is not None:
            self.controller.run(self.controller.actions.retry_outbox(outbox_id))

    def discard(self, message_id: int) -> None:
        outbox_id = self._outbox_id(message_id)
        if outbox_id is not None:
            self.controller.run(self.controller.actions.discard_outbox(outbox_id))

    def edit_failed(self, message_id: int) -> EditReplyDialog | None:
        row = self.model.message(message_id)
        if row is None or row.outbox_id is None:
            return None
        outbox_id = row.outbox_id
        dialog = EditReplyDialog(row.content or "", self)

        def accepted() -> None:
            text = dialog.edit.toPlainText()
            self.controller.run(self.controller.actions.retry_outbox(outbox_id, text=text))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def copy(self, message_id: int) -> None:
        row = self.model.message(message_id)
        if row is not None:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(row.content or "")

    def open_file(self, att: AttachmentRow) -> QMessageBox | None:
        """Open a downloaded attachment with its viewer; a program or script is never opened
        (that could run it): the operator is warned and may save it instead."""
        if is_executable_name(att.name):
            return self._warn_executable(att)

        async def go() -> None:
            path = await self.controller.actions.viewable_attachment(att)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.controller.run(go())
        return None

    def _warn_executable(self, att: AttachmentRow) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Attachment not opened"),
            self.tr("“{name}” is a program or a script: opening it could run it.").format(
                name=strip_bidi_controls(att.name)
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr("Save it and check it with your security tools before you open it.")
        )
        save = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(_result: int) -> None:
            if box.clickedButton() is save:
                self.save_file(att)

        box.finished.connect(done)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def save_file(self, att: AttachmentRow) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save attachment"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(strip_bidi_controls(att.name))

        def chosen(target: str) -> None:
            async def go() -> None:
                await self.controller.actions.save_attachment(att, Path(target))

            self.controller.run(go())

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_image(self, att: AttachmentRow) -> ImageViewer:
        viewer = ImageViewer(att.name, self)
        viewer.show()
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [viewer]

        async def go() -> None:
            await viewer.load(await self.controller.actions.attachment_bytes(att))

        self.controller.run(go())
        return viewer

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        hit = self._hit(pos)
        menu = self.build_menu(row, hit)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def build_menu(self, row: MessageRow, hit: Hit | None = None) -> QMenu:
        """The context menu for `row` (shown with `popup()`)."""
        if self._menu is not None:
            self._menu.deleteLater()
        menu = QMenu(self)
        self._menu = menu
        message_id = row.id
        if row.outbox_id is None and not row.is_activity:
            menu.addAction(self.tr("Reply"), lambda: self.reply_to(message_id))
        if row.content:
            menu.addAction(self.tr("Copy"), lambda: self.copy(message_id))
        if hit is not None and hit.kind == "link":
            href = hit.href
            menu.addAction(self.tr("Copy link"), lambda: QGuiApplication.clipboard().setText(href))
        for att in row.attachments:
            if att.file_type == "image":
                menu.addAction(
                    self.tr("View image {name}").format(name=att.name),
                    lambda a=att: self.open_image(a),  # type: ignore[misc]
                )
            else:
                menu.addAction(
                    self.tr("Open {name}").format(name=att.name),
                    lambda a=att: self.open_file(a),  # type: ignore[misc]
                )
            menu.addAction(
                self.tr("Save {name}…").format(name=att.name),
                lambda a=att: self.save_file(a),  # type: ignore[misc]
            )
        if row.outbox_id is not None and row.status == "failed":
            menu.addSeparator()
            menu.addAction(self.tr("Retry"), lambda: self.retry(message_id))
            menu.addAction(self.tr("Edit…"), lambda: self.edit_failed(message_id))
            menu.addAction(self.tr("Discard"), lambda: self.discard(message_id))
        return menu

    # ---- look --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colors()
        elif kind == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh_theme(self) -> None:
        """Re-read the theme colours (after `apply_theme`)."""
        self._apply_colors()

    def _apply_colors(self) -> None:
        colors = Theme.current()
        self.delegate.set_colors(colors)
        self.view.setStyleSheet(f"QListView {{ background: {colors.base}; border: none; }}")
        self.typing_label.setStyleSheet(
            f"#typingIndicator {{ color: {colors.muted}; font-style: italic;"
            f" background: {colors.base}; }}"
        )
        self.empty.setStyleSheet(f"color: {colors.muted};")
        self.jump_button.setStyleSheet(
            f"#jumpToLatest {{ background: {colors.accent}; color: {colors.accent_text};"
            " border: none; border-radius: 14px; padding: 6px 14px; font-weight: bold; }"
        )
        self.loading_label.setStyleSheet(
            f"color: {colors.muted}; background: {colors.alt_base};"
            f" border: 1px solid {colors.divider}; border-radius: 11px; padding: 3px 12px;"
        )
        for line in self.findChildren(QFrame, "paneDivider"):
            line.setStyleSheet(f"color: {colors.divider}; background: {colors.divider};")
            line.setFixedHeight(1)
        self.composer.refresh_theme()
        self.header.set_chat(self.header.row)
        self.view.viewport().update()
        self.view.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()
