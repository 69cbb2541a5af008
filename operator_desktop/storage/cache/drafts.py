"""Unsent replies kept per conversation (local only, never sent to the server)."""

from __future__ import annotations

from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.accounts import AccountStore


class DraftStore(AccountStore):
    def save_draft(
        self, key: AccountKey, display_id: int, content: str, private: bool, now: float
    ) -> ChangeSet:
        """Keep (or, when blank, drop) the unsent reply of a conversation."""
        sid = self.server_id(key.server_url)
        where = self.scoped(s.Draft, key) & (s.Draft.conversation_id == display_id)
        change = ChangeSet(key, drafts={display_id})
        if not content.strip():
            s.Draft.delete().where(where).execute()
            return change
        updated = s.Draft.update(content=content, private=private, updated_at=now).where(where)
        if not updated.execute():
            s.Draft.create(
                server=sid,
                account_id=key.account_id,
                conversation_id=display_id,
                content=content,
                private=private,
                updated_at=now,
            )
        return change

    def draft(self, key: AccountKey, display_id: int) -> tuple[str, bool] | None:
        row = s.Draft.get_or_none(
            self.scoped(s.Draft, key) & (s.Draft.conversation_id == display_id)
        )
        return (row.content, bool(row.private)) if row is not None else None
