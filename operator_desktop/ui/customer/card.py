"""`CustomerCard`: the contact of the open conversation, in the window's right-hand column.

    ┌──────────────────────────────────┐
    │ (JW)  Jonas Weber            [✎] │  name, label chips; ✎ edits name/email/phone inline
    │       [● vip] [● billing]        │
    │ ✉ jonas@example.org          [⧉] │  copy buttons put the value on the clipboard
    │ ▯ +4915112345678             [⧉] │
    │ ⌂ Acme GmbH   ⌖ Berlin, Germany  │
    │ CONVERSATION                     │  browser, OS, referrer; conversation attributes
    │ CONTACT ATTRIBUTES               │  one editor per definition (list, date, checkbox…)
    │ NOTES                            │  the contact's notes and a box to add one
    │ PREVIOUS CONVERSATIONS           │  click one to open it
    └──────────────────────────────────┘

`show_conversation(display_id)` reads `ReadModel.customer_card` on the database thread and
shows it at once, then loads what the cache does not keep (notes, contact labels, the
contact's other conversations) from the server. The card re-reads itself when a change-set
touches its contact or conversations. Edits go through `AccountActions`; a refused edit keeps
what the operator typed and shows the server's reason under the field.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.errors import OperatorError
from operator_desktop.services.readmodel import (
    AttributeDefinition,
    ChatRow,
    CustomerCardData,
    Reference,
)
from operator_desktop.ui.common.errors import describe_error, validation_message
from operator_desktop.ui.common.icons import icon, icon_pixmap
from operator_desktop.ui.common.theme import Theme, ThemeFollower
from operator_desktop.ui.common.timefmt import list_time
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.customer.attributes import AttributeRow, format_attribute_value
from operator_desktop.ui.customer.contact_form import ContactForm
from operator_desktop.ui.customer.notes import NoteItem, NotesSection
from operator_desktop.ui.customer.widgets import (
    AvatarWidget,
    Chip,
    ClickableFrame,
    CopyButton,
    ElidedLabel,
    FlowLayout,
    IconLabel,
    InfoRow,
    LinkLabel,
    SectionHeader,
    divider,
)

log = logging.getLogger("ui")

CONTACT_MODEL = "contact_attribute"
CONVERSATION_MODEL = "conversation_attribute"


class LinkRow(InfoRow):
    """An info row whose value is a clickable link."""

    def __init__(self, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(icon_name, parent)
        self.link = LinkLabel()
        self.replace_value(self.link)

    def url(self) -> str:
        return self.link.url()

    def set_value(self, text: str | None) -> None:
        self.link.set_url(text or "")
        self.setVisible(bool(text))


class CustomerCard(QWidget):
    """The customer card; see the module docstring."""

    dataLoaded = Signal()  # the card shows a fresh read (or its empty state)
    contactSaved = Signal()
    notesLoaded = Signal()
    noteAdded = Signal()
    attributeSaved = Signal(str)  # the attribute key
    failed = Signal(object)  # an OperatorError the card shows inline

    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.controller = controller
        self._display_id: int | None = None
        self._data: CustomerCardData | None = None
        self._generation = 0
        self._editing = False
        self._reload_name = f"customer-card-reload-{id(self)}"
        self._attribute_rows: dict[tuple[str, str], AttributeRow] = {}
        self.previous_rows: list[ClickableFrame] = []
        self._undefined_contact: list[QWidget] = []
        self._undefined_conversation: list[QWidget] = []
        self._shown_labels: tuple[str, ...] = ()
        self.setMinimumWidth(250)

        self.pages = QStackedWidget()
        self.empty_page = self._build_empty_state()
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("cardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.content.setObjectName("cardContent")
        self.scroll_area.setWidget(self.content)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.scroll_area)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        body = QVBoxLayout(self.content)
        body.setContentsMargins(14, 14, 14, 16)
        body.setSpacing(10)
        body.addLayout(self._build_header())
        body.addWidget(self._build_details())
        self.form_frame = QFrame()
        self.form_frame.setObjectName("formFrame")
        self.form = ContactForm()
        self.form.saveRequested.connect(self._save_contact)
        self.form.cancelled.connect(self.cancel_edit)
        frame_layout = QVBoxLayout(self.form_frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(self.form)
        self.form_frame.hide()
        body.addWidget(self.form_frame)
        self._headers: list[SectionHeader] = []  # in order: conversation, attributes, notes, ...
        self.conversation_section, section = self._section(body)
        self._build_conversation(section)
        self.contact_attr_section, section = self._section(body)
        self.contact_attrs_box = QVBoxLayout()
        self.contact_attrs_box.setSpacing(4)
        section.addLayout(self.contact_attrs_box)
        self.notes_section, section = self._section(body)
        self.notes = NotesSection()
        self.notes.addRequested.connect(self._add_note)
        section.addWidget(self.notes)
        self.previous_section, section = self._section(body)
        self.previous_box = QVBoxLayout()
        self.previous_box.setSpacing(2)
        self.previous_empty = QLabel()
        self.previous_empty.setProperty("role", "muted")
        self.previous_empty.setWordWrap(True)
        section.addLayout(self.previous_box)
        section.addWidget(self.previous_empty)
        body.addStretch(1)

        controller.changed.connect(self._on_changed)
        controller.connectionRestored.connect(self._connection_restored)
        self._notes_failed = False
        controller.referenceChanged.connect(self._on_reference)
        self._theme = ThemeFollower(self, self._restyle)
        self._build_attribute_rows(controller.reference)
        self._empty_reason = "closed"  # what the empty page says: "closed" or "no-details"
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set every text, then show the card's data again in the new words."""
        for header, title in zip(
            self._headers,
            (
                self.tr("Conversation"),
                self.tr("Contact attributes"),
                self.tr("Notes"),
                self.tr("Previous conversations"),
            ),
            strict=True,
        ):
            header.set_title(title)
        self.previous_empty.setText(self.tr("No other conversations with this contact."))
        self.empty_text.setText(self.tr("The customer's details appear here."))
        self.edit_button.setToolTip(self.tr("Edit name, email and phone"))
        self.copy_email.setToolTip(self.tr("Copy email"))
        self.copy_phone.setToolTip(self.tr("Copy phone number"))
        self.no_details.setText(self.tr("No email or phone number."))
        self.browser_row.setToolTip(self.tr("Browser"))
        self.os_row.setToolTip(self.tr("Operating system"))
        self.referer_row.setToolTip(self.tr("Referrer: the page the chat started on"))
        if self._data is None:
            self._show_empty(self._empty_reason)
        else:
            data, self._data = self._data, None  # shown again, not skipped as unchanged
            self._apply(data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- building ---------------------------------------------------------------------------
    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        page.setObjectName("cardEmpty")
        self.empty_icon = QLabel()
        self.empty_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setProperty("role", "muted")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.empty_icon)
        layout.addWidget(self.empty_title)
        layout.addWidget(self.empty_text)
        layout.addStretch(2)
        return page

    def _build_header(self) -> QHBoxLayout:
        self.avatar = AvatarWidget(44)
        self.name_label = ElidedLabel()
        self.name_label.setObjectName("cardName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.chips_box = QWidget()
        self.chips = FlowLayout(self.chips_box, spacing=4)
        self.edit_button = QToolButton()
        self.edit_button.setObjectName("editContact")
        self.edit_button.setAutoRaise(True)
        self.edit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.edit_button.clicked.connect(self.start_edit)
        names = QVBoxLayout()
        names.setSpacing(4)
        names.addStretch(1)
        names.addWidget(self.name_label)
        names.addWidget(self.chips_box)
        names.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(names, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_details(self) -> QWidget:
        self.details = QWidget()
        layout = QVBoxLayout(self.details)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        self.email_row = InfoRow("mail")
        self.email_row.setObjectName("emailRow")
        self.copy_email = CopyButton("")
        self.copy_email.setObjectName("copyEmail")
        self.email_row.add_trailing(self.copy_email)
        self.phone_row = InfoRow("phone")
        self.phone_row.setObjectName("phoneRow")
        self.copy_phone = CopyButton("")
        self.copy_phone.setObjectName("copyPhone")
        self.phone_row.add_trailing(self.copy_phone)
        self.company_row = InfoRow("company")
        self.location_row = InfoRow("pin")
        self.no_details = QLabel()
        self.no_details.setProperty("role", "muted")
        for widget in (
            self.email_row,
            self.phone_row,
            self.company_row,
            self.location_row,
            self.no_details,
        ):
            layout.addWidget(widget)
        return self.details

    def _section(self, body: QVBoxLayout) -> tuple[QWidget, QVBoxLayout]:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(divider())
        layout.addSpacing(2)
        header = SectionHeader("")
        self._headers.append(header)
        layout.addWidget(header)
        body.addWidget(section)
        return section, layout

    def _build_conversation(self, layout: QVBoxLayout) -> None:
        self.browser_row = InfoRow("globe")
        self.os_row = InfoRow("monitor")
        self.referer_row = LinkRow("link")
        info = QVBoxLayout()
        info.setSpacing(2)
        for row in (self.browser_row, self.os_row, self.referer_row):
            info.addWidget(row)
        layout.addLayout(info)
        self.conversation_attrs_box = QVBoxLayout()
        self.conversation_attrs_box.setSpacing(4)
        layout.addLayout(self.conversation_attrs_box)

    # ---- look -------------------------------------------------------------------------------
    def _restyle(self) -> None:
        c = Theme.current()
        self.setStyleSheet(
            f"""
            QWidget#customerCard, QWidget#cardContent, QWidget#cardEmpty,
            QScrollArea#cardScroll {{ background: {c.base}; }}
            QLabel[role="muted"] {{ color: {c.muted}; }}
            QLabel[role="section"] {{ color: {c.muted}; }}
            QLabel[role="fieldLabel"] {{ color: {c.muted}; }}
            QLabel[role="error"] {{ color: {c.red}; }}
            QLabel#emptyTitle {{ color: {c.text}; font-weight: 600; }}
            QLabel[role="chip"] {{
                background: {c.chip}; color: {c.chip_text};
                border-radius: 8px; padding: 0px 8px;
            }}
            QLabel[role="chip"][tone="danger"] {{ background: {c.red}; color: #ffffff; }}
            QFrame[role="divider"] {{ background: {c.divider}; border: none; }}
            QFrame#formFrame {{
                background: {c.alt_base}; border: 1px solid {c.divider}; border-radius: 8px;
            }}
            QFrame[role="note"] {{
                background: {c.alt_base}; border: 1px solid {c.divider}; border-radius: 6px;
            }}
            QFrame[role="convlink"] {{ border-radius: 6px; }}
            QFrame[role="convlink"]:hover {{ background: {c.selection}; }}
            QLabel[role="status"] {{
                color: {c.chip_text}; background: {c.chip}; border-radius: 4px;
                padding: 0px 5px;
            }}
            QLineEdit[role="inline"] {{
                border: 1px solid transparent; border-radius: 4px; padding: 2px 4px;
                background: transparent;
            }}
            QLineEdit[role="inline"]:hover {{ border-color: {c.divider}; }}
            QLineEdit[role="inline"]:focus {{ border-color: {c.accent}; background: {c.base}; }}
            QComboBox[role="inline"], QDateEdit[role="inline"] {{
                border: 1px solid transparent; border-radius: 4px; padding: 2px 4px 2px 6px;
                background: transparent;
            }}
            QComboBox[role="inline"]:hover, QDateEdit[role="inline"]:hover {{
                border-color: {c.divider};
            }}
            QComboBox[role="inline"]:focus, QDateEdit[role="inline"]:focus {{
                border-color: {c.accent};
            }}
            QDateEdit[role="inline"] {{ padding-left: 3px; }}
            QComboBox[role="inline"]::drop-down, QDateEdit[role="inline"]::drop-down {{
                border: none; width: 16px;
            }}
            QLineEdit[invalid="true"] {{ border: 1px solid {c.red}; border-radius: 3px; }}
            QPushButton[role="primary"] {{
                background: {c.accent}; color: {c.accent_text}; border: none;
                border-radius: 5px; padding: 4px 12px; font-weight: 600;
            }}
            QPushButton[role="primary"]:disabled {{ background: {c.divider}; color: {c.muted}; }}
            QPlainTextEdit#noteEdit {{
                border: 1px solid {c.divider}; border-radius: 6px; background: {c.base};
                padding: 2px;
            }}
            QPlainTextEdit#noteEdit:focus {{ border-color: {c.accent}; }}
            """
        )
        for row in self.findChildren(IconLabel):
            row.set_color(c.muted)
        for button in (self.copy_email, self.copy_phone):
            button.set_colors(c.muted, c.green)
        for link in self.findChildren(LinkLabel):  # rich text takes the link colour when set
            link.set_url(link.url())
        self.edit_button.setIcon(icon("pencil", c.muted, 16))
        self.empty_icon.setPixmap(icon_pixmap("chat", c.divider, 40))
        if self._data is not None:
            self._fill_labels(self._data.labels)

    # ---- public API -------------------------------------------------------------------------
    def display_id(self) -> int | None:
        return self._display_id

    def data(self) -> CustomerCardData | None:
        return self._data

    def is_editing(self) -> bool:
        return self._editing

    def clear(self) -> None:
        """Back to the empty state (no conversation open)."""
        self._generation += 1
        self._display_id = None
        self._data = None
        self.cancel_edit()
        self._show_empty("closed")
        self.dataLoaded.emit()

    async def show_conversation(self, display_id: int) -> None:
        """Show the contact of conversation `display_id`; cached data first, then the rest."""
        self._generation += 1
        generation = self._generation
        if self._display_id != display_id:
            self.scroll_area.verticalScrollBar().setValue(0)
        self._display_id = display_id
        data = await self.controller.read(
            self.controller.readmodel.customer_card, self.controller.key, display_id
        )
        if not self._current(generation):
            return
        if self._editing and (
            data is None or self._data is None or (data.contact_id != self._data.contact_id)
        ):
            self.cancel_edit()
        self._apply(data)
        if data is None:
            return
        self.notes.set_loading()
        await asyncio.gather(
            self._load_notes(data.contact_id, generation),
            self._load_labels(data.contact_id, generation),
            self._load_previous(data.contact_id, generation),
        )

    async def reload(self) -> None:
        """Re-read the cached card (after a change-set or an edit)."""
        generation = self._generation
        display_id = self._display_id
        if display_id is None:
            return
        data = await self.controller.read(
            self.controller.readmodel.customer_card, self.controller.key, display_id
        )
        if self._current(generation):
            self._apply(data)

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    # ---- applying data ----------------------------------------------------------------------
    def _show_empty(self, reason: str) -> None:
        """The empty page: no conversation open ("closed"), or no details ("no-details")."""
        self._empty_reason = reason
        if reason == "closed":
            self.empty_title.setText(self.tr("No conversation open"))
        else:
            self.empty_title.setText(self.tr("No customer details"))
        self.pages.setCurrentWidget(self.empty_page)

    def _apply(self, data: CustomerCardData | None) -> None:
        if (
            data is not None
            and data == self._data
            and self.pages.currentWidget() is not self.empty_page
        ):
            self.dataLoaded.emit()  # nothing the card shows has changed: no rebuild, no flicker
            return
        self._data = data
        if data is None:
            self._show_empty("no-details")
            self.dataLoaded.emit()
            return
        self.pages.setCurrentWidget(self.scroll_area)
        self.avatar.set_name(data.name)
        self.name_label.set_full_text(data.name or self.tr("Unnamed contact"))
        self._fill_labels(data.labels)
        self.email_row.set_value(data.email)
        self.copy_email.value = data.email or ""
        self.phone_row.set_value(data.phone_number)
        self.copy_phone.value = data.phone_number or ""
        self.company_row.set_value(data.company)
        self.location_row.set_value(", ".join(p for p in (data.city, data.country) if p))
        self.no_details.setVisible(not data.email and not data.phone_number)
        self.details.setVisible(not self._editing)
        self.browser_row.set_value(data.browser)
        self.os_row.set_value(data.os)
        self.referer_row.set_value(data.referer)
        self._fill_attributes(data)
        self._fill_previous(data.previous)
        self.dataLoaded.emit()

    def _fill_labels(self, labels: tuple[str, ...] | list[str]) -> None:
        self._shown_labels = tuple(labels)
        is_blocked = self._data is not None and self._data.blocked
        colors = {item.name: item.extra for item in self.controller.reference.labels}
        self.chips.clear()
        if is_blocked:
            chip = Chip(self.tr("Blocked"))
            chip.setProperty("tone", "danger")
            self.chips.add(chip)
        for title in labels:
            self.chips.add(Chip(title, colors.get(title) or Theme.current().muted))
        self.chips_box.setVisible(bool(labels) or is_blocked)
        self.chips_box.updateGeometry()

    def labels_shown(self) -> tuple[str, ...]:
        return self._shown_labels

    # ---- attributes -------------------------------------------------------------------------
    def _on_reference(self, reference: Reference) -> None:
        self._build_attribute_rows(reference)
        if self._data is not None:
            self._fill_attributes(self._data)
            self._fill_labels(self._data.labels)

    def _build_attribute_rows(self, reference: Reference) -> None:
        wanted = [(d.model, d.key) for d in reference.attributes]
        if wanted == list(self._attribute_rows):
            return
        for row in self._attribute_rows.values():
            row.hide()
            row.deleteLater()
        self._attribute_rows = {}
        for definition in reference.attributes:
            row = AttributeRow(definition)
            row.commitRequested.connect(
                lambda key, value, model=definition.model: self._save_attribute(model, key, value)
            )
            box = (
                self.contact_attrs_box
                if definition.model == CONTACT_MODEL
                else self.conversation_attrs_box
            )
            box.addWidget(row)
            self._attribute_rows[(definition.model, definition.key)] = row

    def attribute_row(self, key: str, model: str = CONTACT_MODEL) -> AttributeRow:
        return self._attribute_rows[(model, key)]

    def _fill_attributes(self, data: CustomerCardData) -> None:
        for (model, key), row in self._attribute_rows.items():
            values = (
                data.custom_attributes if model == CONTACT_MODEL else (data.conversation_attributes)
            )
            row.set_value(values.get(key))
        self._fill_undefined(data)
        has_contact_rows = any(m == CONTACT_MODEL for m, _k in self._attribute_rows)
        self.contact_attr_section.setVisible(has_contact_rows or bool(self._undefined_contact))
        has_conversation_rows = any(m == CONVERSATION_MODEL for m, _k in self._attribute_rows)
        self.conversation_section.setVisible(
            has_conversation_rows
            or bool(self._undefined_conversation)
            or bool(data.browser or data.os or data.referer)
        )

    def _fill_undefined(self, data: CustomerCardData) -> None:
        """Attributes the server has values for but no definition: shown read-only."""
        for widget in (*self._undefined_contact, *self._undefined_conversation):
            widget.hide()
            widget.deleteLater()
        self._undefined_contact = []
        self._undefined_conversation = []
        for model, values, box, out in (
            (
                CONTACT_MODEL,
                data.custom_attributes,
                self.contact_attrs_box,
                self._undefined_contact,
            ),
            (
                CONVERSATION_MODEL,
                data.conversation_attributes,
                self.conversation_attrs_box,
                self._undefined_conversation,
            ),
        ):
            for key, value in sorted(values.items()):
                if (model, key) in self._attribute_rows or value in (None, ""):
                    continue
                definition = AttributeDefinition(key, key, "text", model, (), None, None)
                row = AttributeRow(definition)
                row.set_value(format_attribute_value(definition, value), force=True)
                row.editor.setEnabled(False)
                row.setToolTip(self.tr("No attribute definition on the server"))
                box.addWidget(row)
                out.append(row)

    def _save_attribute(self, model: str, key: str, value: Any) -> None:
        data = self._data
        row = self._attribute_rows.get((model, key))
        if data is None or row is None or self._display_id is None:
            return
        actions = self.controller.actions
        if model == CONTACT_MODEL:
            coro = actions.update_contact(data.contact_id, {"custom_attributes": {key: value}})
        else:
            attrs = dict(data.conversation_attributes)  # the endpoint replaces the whole set
            if value is None:
                attrs.pop(key, None)
            else:
                attrs[key] = value
            coro = actions.set_custom_attributes(self._display_id, attrs)
        row.set_saving(True)

        def done(_result: object) -> None:
            if shiboken6.isValid(row):
                row.saved(value)
            if shiboken6.isValid(self):
                self.attributeSaved.emit(key)
                self.controller.run(self.reload(), name=self._reload_name)

        def failed(error: OperatorError) -> None:
            if shiboken6.isValid(row):
                row.set_saving(False)
                row.show_error(validation_message(error))
            if shiboken6.isValid(self):
                self.failed.emit(error)

        self.controller.run(coro, on_done=done, on_error=failed)

    # ---- contact editing --------------------------------------------------------------------
    def start_edit(self) -> None:
        data = self._data
        if data is None:
            return
        self._editing = True
        self.form.start(data.name, data.email, data.phone_number)
        self.details.hide()
        self.edit_button.hide()
        self.form_frame.show()

    def cancel_edit(self) -> None:
        self._editing = False
        self.form_frame.hide()
        self.form.clear_errors()
        self.details.setVisible(self._data is not None)
        self.edit_button.show()

    def _save_contact(self, changes: dict[str, Any]) -> None:
        data = self._data
        if data is None:
            return
        if not changes:
            self.cancel_edit()
            return
        self.form.set_busy(True)

        def done(_result: object) -> None:
            if not shiboken6.isValid(self):
                return
            self.form.set_busy(False)
            self.cancel_edit()
            self.contactSaved.emit()
            self.controller.run(self.reload(), name=self._reload_name)

        def failed(error: OperatorError) -> None:
            if not shiboken6.isValid(self):
                return
            self.form.set_busy(False)
            self.form.show_validation(error.detail, describe_error(error))
            self.failed.emit(error)

        self.controller.run(
            self.controller.actions.update_contact(data.contact_id, changes),
            on_done=done,
            on_error=failed,
        )

    def _connection_restored(self) -> None:
        """Back online: notes that failed to load while offline are fetched again."""
        data = self._data
        if data is not None and self._notes_failed:
            self.notes.set_loading()
            self.controller.run(
                self._load_notes(data.contact_id, self._generation), name="card-notes"
            )

    # ---- notes -------------------------------------------------------------------------------
    async def _load_notes(self, contact_id: int, generation: int) -> None:
        try:
            raw = await self.controller.actions.contact_notes(contact_id)
        except OperatorError as exc:
            if self._current(generation):
                self._notes_failed = True
                self.notes.set_failed(
                    self.tr("Notes could not be loaded. {0}").format(describe_error(exc))
                )
                self.failed.emit(exc)
            return
        if not self._current(generation):
            return
        self._notes_failed = False
        notes = [NoteItem.from_json(n) for n in raw]
        notes.sort(key=lambda n: (n.created_at or 0.0, n.id), reverse=True)
        self.notes.set_notes(notes, self.controller.now())
        self.notesLoaded.emit()

    def _add_note(self, text: str) -> None:
        data = self._data
        if data is None:
            return
        generation = self._generation
        self.notes.set_busy(True)

        async def add() -> None:
            await self.controller.actions.add_note(data.contact_id, text)
            await self._load_notes(data.contact_id, generation)

        def done(_result: object) -> None:
            if shiboken6.isValid(self):
                self.notes.added()
                self.noteAdded.emit()

        def failed(error: OperatorError) -> None:
            if shiboken6.isValid(self):
                self.notes.show_error(validation_message(error))
                self.failed.emit(error)

        self.controller.run(add(), on_done=done, on_error=failed)

    # ---- labels and previous conversations ---------------------------------------------------
    async def _load_labels(self, contact_id: int, generation: int) -> None:
        """Contact labels are not part of the contact JSON: ask for them (§5.1)."""
        try:
            labels = await self.controller.actions.refresh_contact_labels(contact_id)
        except OperatorError as exc:
            log.info("contact labels not loaded: %s", exc.code.value)
            return
        if self._current(generation) and self._data is not None:
            self._fill_labels(list(labels))

    async def _load_previous(self, contact_id: int, generation: int) -> None:
        try:
            await self.controller.actions.refresh_contact_conversations(contact_id)
        except OperatorError as exc:
            log.info("contact conversations not refreshed: %s", exc.code.value)
            return
        if self._current(generation):
            await self.reload()

    def _fill_previous(self, rows: tuple[ChatRow, ...]) -> None:
        for frame in self.previous_rows:
            frame.hide()
            frame.deleteLater()
        self.previous_rows = []
        now = self.controller.now()
        for row in sorted(rows, key=lambda r: r.last_activity_at, reverse=True):
            frame = self._previous_row(row, now)
            self.previous_box.addWidget(frame)
            self.previous_rows.append(frame)
        self.previous_empty.setVisible(not rows)

    def _status_text(self, status: str) -> str:
        return {
            "open": self.tr("Open"),
            "pending": self.tr("Pending"),
            "snoozed": self.tr("Snoozed"),
            "resolved": self.tr("Resolved"),
        }.get(status, status)

    def _previous_row(self, row: ChatRow, now: float) -> ClickableFrame:
        frame = ClickableFrame()
        frame.setProperty("role", "convlink")
        frame.setProperty("display_id", row.display_id)
        frame.setToolTip(self.tr("Open conversation #{0}").format(row.display_id))
        number = QLabel(f"#{row.display_id}")
        bold = QFont(number.font())
        bold.setWeight(QFont.Weight.DemiBold)
        number.setFont(bold)
        status = QLabel(self._status_text(row.status))
        status.setProperty("role", "status")
        inbox = ElidedLabel(row.inbox_name)
        inbox.setProperty("role", "muted")
        when = QLabel(list_time(row.last_activity_at, now) if row.last_activity_at else "")
        when.setProperty("role", "muted")
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(number)
        top.addWidget(status)
        top.addWidget(inbox, 1)
        top.addWidget(when)
        preview = ElidedLabel(row.preview or self.tr("No messages"))
        preview.setProperty("role", "muted")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(6, 5, 6, 5)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addWidget(preview)
        frame.clicked.connect(lambda d=row.display_id: self.controller.open_conversation(d))
        return frame

    # ---- change-sets --------------------------------------------------------------------------
    def _on_changed(self, change: ChangeSet) -> None:
        data = self._data
        if data is None or change.key != data.key:
            return
        ids = change.conversations | change.removed_conversations
        touched = (
            data.contact_id in change.contacts
            or self._display_id in ids
            or any(r.display_id in ids for r in data.previous)
        )
        if touched:
            self.controller.run(self.reload(), name=self._reload_name)
