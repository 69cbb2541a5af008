"""Chat-list rows built by hand, for tests of the models, proxies and notification policy."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.services.readmodel import ChatRow

KEY = AccountKey("https://chat.example.com", 1)


def chat(display_id: int, **fields: Any) -> ChatRow:
    """An open, unassigned, read conversation; `fields` override any column."""
    base = ChatRow(
        key=KEY,
        display_id=display_id,
        contact_id=display_id,
        contact_name=f"Customer {display_id}",
        channel="Channel::WebWidget",
        inbox_id=1,
        inbox_name="Website",
        status="open",
        priority=None,
        unread_count=0,
        preview=f"message {display_id}",
        preview_private=False,
        preview_type=0,
        last_activity_at=1_700_000_000.0 + display_id,
        waiting_since=None,
        assignee_id=None,
        assignee_name=None,
        team_id=None,
        team_name=None,
        labels=(),
        snoozed_until=None,
        muted=False,
    )
    return replace(base, **fields)
