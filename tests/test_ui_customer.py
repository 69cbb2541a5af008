"""The customer card on a synced cache and a live demo server: fields, edits, notes, links."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

import tests.gui_support
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.services.readmodel import AttributeDefinition, CustomerCardData
from operator_desktop.ui.customer.attributes import (
    AttributeInputError,
    parse_attribute_input,
)
from operator_desktop.ui.customer.card import CONVERSATION_MODEL, CustomerCard
from operator_desktop.ui.customer.contact_form import split_validation
from operator_desktop.ui.customer.widgets import LinkLabel
from tests.conftest import ADMIN
from tests.gui_support import GuiEnv
from tests.ui_waits import collect_on_main_thread, emitted, run_until

__all__ = ["collect_on_main_thread"]  # an autouse fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def served(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[GuiEnv, DemoServerThread]]:
    """`gui_env` plus a handle on its demo server (to add a conversation for a contact)."""
    started: list[DemoServerThread] = []

    class Recording(DemoServerThread):
        def start(self, timeout: float = 30.0) -> str:
            started.append(self)
            return super().start(timeout)

    monkeypatch.setattr(tests.gui_support, "DemoServerThread", Recording)
    env: GuiEnv = request.getfixturevalue("gui_env")
    yield env, started[0]


@pytest.fixture
def card(gui_env: GuiEnv, qtbot: QtBot) -> CustomerCard:
    widget = CustomerCard(gui_env.controller)
    qtbot.addWidget(widget)
    widget.resize(320, 900)
    widget.show()
    return widget


def rest(env: GuiEnv) -> httpx.Client:
    return httpx.Client(
        base_url=f"{env.url}/api/v1/accounts/1",
        headers={"api_access_token": ADMIN.access_token},
        timeout=10.0,
    )


def find_card(env: GuiEnv, wanted: Callable[[CustomerCardData], bool]) -> CustomerCardData:
    c = env.controller
    for row in env.run(c.read(c.readmodel.chat_rows, c.key)):
        data = env.run(c.read(c.readmodel.customer_card, c.key, row.display_id))
        if data is not None and wanted(data):
            return data
    raise AssertionError("no seeded conversation fits")


def display_id_of(env: GuiEnv, data: CustomerCardData) -> int:
    c = env.controller
    rows = env.run(c.read(c.readmodel.chat_rows, c.key))
    return next(r.display_id for r in rows if r.contact_id == data.contact_id)


def complete(data: CustomerCardData) -> bool:
    return bool(data.email and data.phone_number and data.company and data.browser)


# ---- pure helpers -------------------------------------------------------------------------------
def definition(kind: str, **extra: Any) -> AttributeDefinition:
    return AttributeDefinition(
        key="k",
        display_name="K",
        display_type=kind,
        model="contact_attribute",
        values=extra.get("values", ()),
        regex_pattern=extra.get("regex"),
        regex_cue=extra.get("cue"),
    )


def test_attribute_input_is_parsed_per_type() -> None:
    assert parse_attribute_input(definition("number"), " 42 ") == 42
    assert parse_attribute_input(definition("currency"), "12,50") == 12.5
    assert parse_attribute_input(definition("percent"), "15%") == 15
    assert parse_attribute_input(definition("link"), "acme.example/x") == "https://acme.example/x"
    assert parse_attribute_input(definition("date"), "2024-03-01T00:00:00Z") == "2024-03-01"
    assert parse_attribute_input(definition("list", values=("a", "b")), "b") == "b"
    assert parse_attribute_input(definition("text"), "   ") is None  # clears
    for kind, text in (("number", "ten"), ("link", "not a link"), ("date", "tomorrow")):
        with pytest.raises(AttributeInputError):
            parse_attribute_input(definition(kind), text)
    digits = definition("text", regex="^[0-9]+$", cue="Digits only")
    assert parse_attribute_input(digits, "123") == "123"
    with pytest.raises(AttributeInputError, match="Digits only"):
        parse_attribute_input(digits, "12a")


def test_validation_messages_are_split_per_field() -> None:
    fields, rest_ = split_validation(
        "Email has already been taken, Phone number should be in e164 format, "
        "Identifier has already been taken"
    )
    assert fields == {
        "email": "Email has already been taken",
        "phone_number": "Phone number should be in e164 format",
    }
    assert rest_ == ["Identifier has already been taken"]
    # a comma inside one message does not split it
    assert split_validation("Name is odd, really") == ({"name": "Name is odd, really"}, [])


# ---- the card -----------------------------------------------------------------------------------
def test_card_shows_the_contact_of_the_open_conversation(
    gui_env: GuiEnv, card: CustomerCard
) -> None:
    assert card.pages.currentWidget() is card.empty_page  # nothing open yet
    data = find_card(gui_env, complete)
    display_id = display_id_of(gui_env, data)
    notes: list[object] = []
    card.notesLoaded.connect(lambda: notes.append(True))
    gui_env.run(card.show_conversation(display_id))
    assert card.pages.currentWidget() is card.scroll_area
    assert card.name_label.full_text() == data.name
    assert card.email_row.value.full_text() == data.email
    assert card.phone_row.value.full_text() == data.phone_number
    assert card.company_row.value.full_text() == data.company
    assert card.location_row.value.full_text() == f"{data.city}, {data.country}"
    assert card.browser_row.value.full_text() == data.browser
    assert card.os_row.isVisibleTo(card) == bool(data.os)
    assert card.referer_row.url() == data.referer
    assert card.attribute_row("plan").value() == data.custom_attributes["plan"]
    assert notes  # notes were fetched from the server
    QTest.mouseClick(card.copy_email, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == data.email
    QTest.mouseClick(card.copy_phone, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == data.phone_number


def test_edit_name_and_phone_saves_on_the_server(gui_env: GuiEnv, card: CustomerCard) -> None:
    data = find_card(gui_env, complete)
    gui_env.run(card.show_conversation(display_id_of(gui_env, data)))
    QTest.mouseClick(card.edit_button, Qt.MouseButton.LeftButton)
    assert card.is_editing()
    assert card.form.edits["email"].text() == data.email
    card.form.edits["name"].setText("Jonas Q. Weber")
    card.form.edits["phone_number"].setText("+4915187654321")
    emitted(gui_env.loop, card.contactSaved, card.form.save_button.click)
    assert not card.is_editing()
    with rest(gui_env) as api:
        contact = api.get(f"/contacts/{data.contact_id}").json()["payload"]
    assert contact["name"] == "Jonas Q. Weber"
    assert contact["phone_number"] == "+4915187654321"
    assert contact["email"] == data.email  # untouched fields are not sent
    run_until(
        gui_env.loop,
        card.dataLoaded,
        lambda: (
            card.name_label.full_text() == "Jonas Q. Weber"
            and card.phone_row.value.full_text() == "+4915187654321"
        ),
    )


def test_taken_email_is_shown_under_the_field_and_nothing_is_lost(
    gui_env: GuiEnv, card: CustomerCard
) -> None:
    data = find_card(gui_env, complete)
    other = find_card(gui_env, lambda d: bool(d.email) and d.contact_id != data.contact_id)
    assert other.email is not None
    gui_env.run(card.show_conversation(display_id_of(gui_env, data)))
    card.start_edit()
    card.form.edits["name"].setText("Renamed Before Failure")
    card.form.edits["email"].setText(other.email.upper())
    (error,) = emitted(gui_env.loop, card.failed, card.form.save_button.click)
    assert error.detail == "Email has already been taken"
    assert card.form.errors["email"].text() == "Email has already been taken"
    assert card.form.errors["email"].isVisibleTo(card)
    assert card.form.errors["name"].isHidden()
    assert card.is_editing()  # the typed values stay
    assert card.form.edits["name"].text() == "Renamed Before Failure"
    assert card.form.edits["email"].text() == other.email.upper()
    assert card.form.save_button.isEnabled()
    with rest(gui_env) as api:
        contact = api.get(f"/contacts/{data.contact_id}").json()["payload"]
    assert contact["name"] == data.name  # nothing half-saved
    # typing in the field clears its error; Cancel gives the saved values back
    card.form.edits["email"].textEdited.emit("x")
    assert card.form.errors["email"].isHidden()
    card.form.cancel_button.click()
    assert not card.is_editing()
    assert card.name_label.full_text() == data.name


def test_add_a_note(gui_env: GuiEnv, card: CustomerCard) -> None:
    data = find_card(gui_env, complete)
    gui_env.run(card.show_conversation(display_id_of(gui_env, data)))
    before = len(card.notes.notes())
    assert not card.notes.add_button.isEnabled()
    QTest.keyClicks(card.notes.edit, "Called back, wants the yearly plan.")
    assert card.notes.add_button.isEnabled()
    emitted(gui_env.loop, card.noteAdded, card.notes.add_button.click)
    notes = card.notes.notes()
    assert len(notes) == before + 1
    assert notes[0].content == "Called back, wants the yearly plan."
    assert notes[0].author
    assert card.notes.edit.toPlainText() == ""
    with rest(gui_env) as api:
        server_notes = api.get(f"/contacts/{data.contact_id}/notes").json()
    assert server_notes[0]["content"] == "Called back, wants the yearly plan."


def test_previous_conversations_open_on_click(
    served: tuple[GuiEnv, DemoServerThread], qtbot: QtBot
) -> None:
    env, server = served
    card = CustomerCard(env.controller)
    qtbot.addWidget(card)
    card.resize(320, 900)
    card.show()
    data = find_card(env, complete)
    display_id = display_id_of(env, data)
    gui_env_run = env.run
    gui_env_run(card.show_conversation(display_id))
    assert card.previous_rows == []  # one conversation per seeded contact
    assert card.previous_empty.isVisibleTo(card)

    def second_conversation() -> int:
        demo = server.server
        contact = demo.store.contacts[data.contact_id]
        ci = next(c for c in demo.store.contact_inboxes.values() if c.contact_id == contact.id)
        return demo.service.create_conversation(contact, ci).display_id

    new_id = server.call(second_conversation)
    gui_env_run(card.show_conversation(display_id))  # fetches the contact's conversations
    assert [r.property("display_id") for r in card.previous_rows] == [new_id]
    assert card.previous_empty.isHidden()
    with qtbot.waitSignal(env.controller.conversationRequested) as blocker:
        QTest.mouseClick(card.previous_rows[0], Qt.MouseButton.LeftButton)
    assert blocker.args == [new_id]


def test_list_attribute_plan_is_saved(gui_env: GuiEnv, card: CustomerCard) -> None:
    data = find_card(gui_env, lambda d: d.custom_attributes.get("plan") != "enterprise")
    gui_env.run(card.show_conversation(display_id_of(gui_env, data)))
    row = card.attribute_row("plan")
    combo = row.editor
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == data.custom_attributes["plan"]
    combo.setFocus()
    emitted(
        gui_env.loop,
        card.attributeSaved,
        lambda: QTest.keyClick(combo, Qt.Key.Key_End),  # the last value: "enterprise"
    )
    with rest(gui_env) as api:
        contact = api.get(f"/contacts/{data.contact_id}").json()["payload"]
    assert contact["custom_attributes"]["plan"] == "enterprise"
    run_until(
        gui_env.loop,
        card.dataLoaded,
        lambda: (
            card.data() is not None
            and (
                card.data().custom_attributes.get("plan") == "enterprise"  # type: ignore[union-attr]
            )
        ),
    )
    assert combo.currentData() == "enterprise"


def test_conversation_attribute_checks_the_regex_then_saves(
    gui_env: GuiEnv, card: CustomerCard
) -> None:
    data = find_card(gui_env, complete)
    display_id = display_id_of(gui_env, data)
    gui_env.run(card.show_conversation(display_id))
    row = card.attribute_row("order_number", CONVERSATION_MODEL)
    row.commit_text("12ab")
    assert row.error.text() == "Digits only"  # the definition's regex_cue
    assert row.editor.text() == "12ab"  # type: ignore[attr-defined]
    emitted(gui_env.loop, card.attributeSaved, lambda: row.commit_text("4321"))
    assert row.error.isHidden()
    with rest(gui_env) as api:
        conv = api.get(f"/conversations/{display_id}").json()
    assert conv["custom_attributes"]["order_number"] == "4321"


def test_card_follows_contact_changes(gui_env: GuiEnv, card: CustomerCard) -> None:
    data = find_card(gui_env, complete)
    gui_env.run(card.show_conversation(display_id_of(gui_env, data)))
    actions = gui_env.controller.actions
    run_until(
        gui_env.loop,
        card.dataLoaded,
        lambda: card.name_label.full_text() == "Changed Elsewhere",
        lambda: gui_env.controller.run(
            actions.update_contact(data.contact_id, {"name": "Changed Elsewhere"})
        ),
    )
    card.clear()
    assert card.pages.currentWidget() is card.empty_page


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", "file:///etc/passwd", "smb://evil/x", "https:"]
)
def test_a_customer_controlled_url_is_a_link_only_when_it_is_http(qtbot: QtBot, url: str) -> None:
    label = LinkLabel()
    qtbot.addWidget(label)
    label.resize(300, 20)
    label.set_url(url)
    assert "<a " not in label.text()
    label.set_url("https://acme.example/pricing")
    assert '<a href="https://acme.example/pricing"' in label.text()
