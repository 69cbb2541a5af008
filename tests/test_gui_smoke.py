"""The GUI test environment itself: a signed-in controller over a synced cache."""

from __future__ import annotations

from operator_desktop.services.readmodel import ChatRow
from tests.gui_support import GuiEnv


def test_controller_reads_synced_rows(gui_env: GuiEnv) -> None:
    c = gui_env.controller
    rows: list[ChatRow] = gui_env.run(c.read(c.readmodel.chat_rows, c.key))
    assert len(rows) == 60
    assert {r.status for r in rows} == {"open", "pending", "snoozed", "resolved"}
    messages = gui_env.run(c.read(c.readmodel.messages, c.key, rows[0].display_id))
    assert messages and messages[-1].created_at >= messages[0].created_at
    card = gui_env.run(c.read(c.readmodel.customer_card, c.key, rows[0].display_id))
    assert card is not None and card.name == rows[0].contact_name
    assert c.reference.labels and c.reference.canned
