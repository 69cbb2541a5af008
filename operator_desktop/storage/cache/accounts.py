"""Servers, signed-in accounts, reference lists (inboxes, agents, teams, ...) and sync state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.storage import schema as s
from operator_desktop.storage.cache.base import BATCH_ROWS, CacheBase, dumps_json
from operator_desktop.storage.database import FTS_TABLE, QUESTION_FTS
from operator_desktop.storage.records import (
    AgentRecord,
    AttributeDefinitionRecord,
    CannedResponseRecord,
    InboxRecord,
    LabelRecord,
    ReferenceKind,
    SyncStateRecord,
    TeamRecord,
    record,
)

R = TypeVar("R")


@dataclass(frozen=True)
class SignedInAccount:
    key: AccountKey
    name: str
    role: str
    user_id: int | None
    user_email: str | None
    user_name: str | None


class AccountStore(CacheBase):
    def save_sign_in(
        self, url: str, profile: t.Profile, account_ids: Iterable[int]
    ) -> list[AccountKey]:
        """Remember the user and the chosen accounts (never the tokens)."""
        chosen = set(account_ids)
        with self.db.atomic():
            sid = self.server_id(url)
            s.Server.update(
                user_id=profile.id, user_email=profile.email, user_name=profile.name
            ).where(s.Server.id == sid).execute()
            keys = []
            for membership in profile.accounts:
                if membership.id not in chosen:
                    continue
                s.Account.insert(
                    server=sid,
                    account_id=membership.id,
                    name=membership.name,
                    role=membership.role,
                    status=membership.status,
                    availability=membership.availability,
                    signed_in=True,
                ).on_conflict(
                    conflict_target=[s.Account.server, s.Account.account_id],
                    update={
                        s.Account.name: membership.name,
                        s.Account.role: membership.role,
                        s.Account.status: membership.status,
                        s.Account.availability: membership.availability,
                        s.Account.signed_in: True,
                    },
                ).execute()
                keys.append(AccountKey(url, membership.id))
        return keys

    def rename_server(self, old_url: str, new_url: str) -> None:
        """Keep a server's cached data when its address changes (the demo's port)."""
        if old_url == new_url:
            return
        with self.db.atomic():
            if s.Server.get_or_none(s.Server.url == new_url) is not None:
                return
            s.Server.update(url=new_url).where(s.Server.url == old_url).execute()
        self._server_ids.pop(old_url, None)

    def signed_in_accounts(self) -> list[SignedInAccount]:
        rows = (
            s.Account.select(s.Account, s.Server)
            .join(s.Server)
            .where(s.Account.signed_in == True)  # noqa: E712 - peewee expression
            .order_by(s.Server.url, s.Account.account_id)
        )
        return [
            SignedInAccount(
                key=AccountKey(r.server.url, r.account_id),
                name=r.name,
                role=r.role,
                user_id=r.server.user_id,
                user_email=r.server.user_email,
                user_name=r.server.user_name,
            )
            for r in rows
        ]

    def sign_out(self, url: str, *, wipe: bool) -> None:
        """Forget the sign-in; with `wipe`, delete every cached row of that server too."""
        with self.db.atomic():
            sid = self.server_id(url, create=False)
            if wipe:
                ids = [m.id for m in s.Message.select(s.Message.id).where(s.Message.server == sid)]
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ",".join("?" for _ in chunk)
                    for index in (FTS_TABLE, QUESTION_FTS):
                        self._sql(f"DELETE FROM {index} WHERE rowid IN ({marks})", chunk)
                s.Server.delete().where(s.Server.id == sid).execute()
                self._server_ids.pop(url, None)
            else:
                s.Account.update(signed_in=False).where(s.Account.server == sid).execute()

    def replace_reference(
        self, key: AccountKey, kind: ReferenceKind, items: Sequence[Any]
    ) -> ChangeSet:
        """Replace one reference list (inboxes, agents, teams, labels, canned, attributes)."""
        sid = self.server_id(key.server_url)
        model, rows = self._reference_rows(kind, items)
        with self.db.atomic():
            model.delete().where(self.scoped(model, key)).execute()
            scoped_rows = [{"server": sid, "account_id": key.account_id, **row} for row in rows]
            for start in range(0, len(scoped_rows), BATCH_ROWS):  # one statement per batch
                model.insert_many(scoped_rows[start : start + BATCH_ROWS]).execute()
        return ChangeSet(key, reference={kind})

    def _reference_rows(
        self, kind: ReferenceKind, items: Sequence[Any]
    ) -> tuple[type[s.AccountScoped], list[dict[str, object]]]:
        if kind is ReferenceKind.INBOXES:
            return s.Inbox, [
                {"inbox_id": i.id, "name": i.name, "channel_type": i.channel_type} for i in items
            ]
        if kind is ReferenceKind.AGENTS:
            return s.Agent, [
                {
                    "agent_id": a.id,
                    "name": a.name,
                    "available_name": a.available_name,
                    "email": a.email,
                    "role": a.role,
                    "availability_status": a.availability_status,
                }
                for a in items
            ]
        if kind is ReferenceKind.TEAMS:
            return s.Team, [
                {
                    "team_id": x.id,
                    "name": x.name,
                    "description": x.description,
                    "is_member": x.is_member,
                }
                for x in items
            ]
        if kind is ReferenceKind.LABELS:
            return s.Label, [
                {
                    "label_id": x.id,
                    "title": x.title,
                    "description": x.description,
                    "color": x.color,
                }
                for x in items
            ]
        if kind is ReferenceKind.CANNED:
            return s.CannedResponse, [
                {"canned_id": x.id, "short_code": x.short_code, "content": x.content} for x in items
            ]
        if kind is ReferenceKind.ATTRIBUTES:
            return s.CustomAttributeDefinition, [
                {
                    "definition_id": x.id,
                    "key": x.key,
                    "display_name": x.display_name,
                    "display_type": x.display_type,
                    "model": x.model,
                    "values": dumps_json(list(x.values)),
                    "regex_pattern": x.regex_pattern,
                    "regex_cue": x.regex_cue,
                }
                for x in items
            ]
        raise ValueError(kind)

    def _reference(self, key: AccountKey, model: type[s.AccountScoped], cls: type[R]) -> list[R]:
        return [record(cls, row) for row in model.select().where(self.scoped(model, key))]

    def inboxes(self, key: AccountKey) -> list[InboxRecord]:
        return self._reference(key, s.Inbox, InboxRecord)

    def agents(self, key: AccountKey) -> list[AgentRecord]:
        return self._reference(key, s.Agent, AgentRecord)

    def teams(self, key: AccountKey) -> list[TeamRecord]:
        return self._reference(key, s.Team, TeamRecord)

    def labels(self, key: AccountKey) -> list[LabelRecord]:
        return self._reference(key, s.Label, LabelRecord)

    def canned_responses(self, key: AccountKey) -> list[CannedResponseRecord]:
        return self._reference(key, s.CannedResponse, CannedResponseRecord)

    def attribute_definitions(self, key: AccountKey) -> list[AttributeDefinitionRecord]:
        return self._reference(key, s.CustomAttributeDefinition, AttributeDefinitionRecord)

    def sync_state(self, key: AccountKey) -> SyncStateRecord:
        sid = self.server_id(key.server_url)
        row = s.SyncState.get_or_none(self.scoped(s.SyncState, key))
        if row is None:
            row = s.SyncState.create(server=sid, account_id=key.account_id)
        return record(SyncStateRecord, row)

    def update_sync_state(self, key: AccountKey, **fields: Any) -> None:
        """One UPDATE (live events call this often); the row is made only the first time."""
        if s.SyncState.update(**fields).where(self.scoped(s.SyncState, key)).execute() == 0:
            self.sync_state(key)
            s.SyncState.update(**fields).where(self.scoped(s.SyncState, key)).execute()
