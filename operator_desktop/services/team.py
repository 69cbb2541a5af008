"""`TeamService`: the account's agents, their roles and inboxes, and its canned responses.

Reading works offline: agents and canned responses are the cache's reference lists. Changes
are administrators' (Chatwoot answers an agent's attempt with Pundit's 401, `FORBIDDEN`);
each calls the server, then re-reads the changed list into the cache through the engine, whose
change-set (`reference`) refreshes every view. Other signed-in clients see a change through
the engine too: inbox membership moves the account's inbox cache key, which Chatwoot pushes as
`account.cache_invalidated`; agents and canned responses carry no key and no event, so the
engine re-reads them now and then (`SyncSettings.unkeyed_reference_every`) and on catch-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.types import Agent, CannedResponse
from operator_desktop.storage.records import ReferenceKind
from operator_desktop.sync.engine import UNKEYED_REFERENCE, SyncEngine

log = logging.getLogger("services")

ROLE_AGENT = "agent"
ROLE_ADMIN = "administrator"
ROLES = (ROLE_AGENT, ROLE_ADMIN)
MEMBERSHIP_CONCURRENCY = 4  # inbox member lists read at once


@dataclass(frozen=True, slots=True)
class AgentRow:
    """An account user as the cache holds them."""

    id: int
    name: str
    email: str
    role: str  # agent | administrator
    availability: str  # online | busy | offline (as the server last reported it)

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN


@dataclass(frozen=True, slots=True)
class CannedRow:
    id: int
    short_code: str
    content: str

    def matches(self, needle: str) -> bool:
        """Chatwoot's `?search=`: the text anywhere in the short code or the content, any
        case."""
        folded = needle.casefold()
        return folded in self.short_code.casefold() or folded in self.content.casefold()


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: int
    name: str
    channel_type: str


def check_role(role: str) -> str:
    if role not in ROLES:
        raise OperatorError(ErrorCode.VALIDATION, f"'{role}' is not a role: agent or administrator")
    return role


class TeamService:
    def __init__(self, engine: SyncEngine, role: str = ROLE_AGENT) -> None:
        self.engine = engine
        self.key = engine.key
        self.client = engine.client
        self.cache = engine.cache
        self.worker = engine.worker
        self.user_id = engine.user_id
        self.signed_in_role = role  # as the sign-in reported it

    # ---- reading (the cache) ----------------------------------------------------------------
    async def agents(self) -> list[AgentRow]:
        return await self.worker.run(self._agents)

    def _agents(self) -> list[AgentRow]:
        """By name, as Chatwoot lists them (`order_by_full_name`)."""
        rows = [
            AgentRow(
                id=a.agent_id,
                name=a.name or a.available_name,
                email=a.email or "",
                role=a.role or ROLE_AGENT,
                availability=a.availability_status or "offline",
            )
            for a in self.cache.agents(self.key)
        ]
        return sorted(rows, key=lambda r: (r.name.casefold(), r.id))

    async def canned(self, search: str = "") -> list[CannedRow]:
        rows = await self.worker.run(self._canned)
        needle = search.strip()
        return [r for r in rows if r.matches(needle)] if needle else rows

    def _canned(self) -> list[CannedRow]:
        rows = [
            CannedRow(x.canned_id, x.short_code, x.content)
            for x in self.cache.canned_responses(self.key)
        ]
        return sorted(rows, key=lambda r: r.short_code.casefold())

    async def inboxes(self) -> list[InboxRow]:
        return await self.worker.run(self._inboxes)

    def _inboxes(self) -> list[InboxRow]:
        rows = [InboxRow(i.inbox_id, i.name, i.channel_type) for i in self.cache.inboxes(self.key)]
        return sorted(rows, key=lambda r: (r.name.casefold(), r.id))

    async def my_role(self) -> str:
        """My role as the cached agent list has it (it follows changes made elsewhere), else
        as the sign-in reported it."""
        for row in await self.agents():
            if row.id == self.user_id:
                return row.role
        return self.signed_in_role

    async def is_admin(self) -> bool:
        return await self.my_role() == ROLE_ADMIN

    # ---- reading (the server) ---------------------------------------------------------------
    async def refresh(self) -> None:
        """Re-read agents and canned responses from the server into the cache."""
        await self.engine.reload_reference(UNKEYED_REFERENCE)

    async def memberships(self, inbox_ids: Iterable[int]) -> dict[int, set[int]]:
        """Each inbox's member user ids, read from the server (the cache keeps no members).
        An agent may read only the inboxes they belong to."""
        ids = list(inbox_ids)
        gate = asyncio.Semaphore(MEMBERSHIP_CONCURRENCY)

        async def members(inbox_id: int) -> set[int]:
            async with gate:
                return {a.id for a in await self.client.inbox_members(inbox_id)}

        found = await asyncio.gather(*(members(i) for i in ids))
        return dict(zip(ids, found, strict=True))

    # ---- agents (administrators) --------------------------------------------------------------
    async def invite(self, name: str, email: str, role: str = ROLE_AGENT) -> Agent:
        """Add someone to the account by email; a new user gets Chatwoot's invitation."""
        agent = await self.client.invite_agent(name.strip(), email.strip(), check_role(role))
        log.info("agent %d invited as %s", agent.id, role)
        await self._reload(ReferenceKind.AGENTS)
        return agent

    async def set_role(self, agent_id: int, role: str) -> Agent:
        agent = await self.client.update_agent(agent_id, role=check_role(role))
        log.info("agent %d is now %s", agent_id, role)
        await self._reload(ReferenceKind.AGENTS)
        return agent

    async def remove(self, agent_id: int) -> None:
        """Take the agent out of the account; their conversations become unassigned."""
        await self.client.remove_agent(agent_id)
        log.info("agent %d removed", agent_id)
        await self._reload(ReferenceKind.AGENTS)

    async def set_agent_inboxes(
        self, agent_id: int, wanted: Iterable[int], current: Iterable[int]
    ) -> None:
        """Make the agent a member of exactly `wanted` among the inboxes, from `current` (what
        `memberships` showed): added to and removed from only the inboxes that differ, so
        other agents' membership changes made meanwhile stay."""
        want, have = set(wanted), set(current)
        for inbox_id in sorted(want - have):
            await self.client.add_inbox_members(inbox_id, [agent_id])
        for inbox_id in sorted(have - want):
            await self.client.remove_inbox_members(inbox_id, [agent_id])
        if want != have:
            log.info("agent %d: inboxes changed", agent_id)
            await self.engine.revalidate_reference()  # the inbox cache key moved

    # ---- canned responses (administrators) ------------------------------------------------------
    async def add_canned(self, short_code: str, content: str) -> CannedResponse:
        made = await self.client.create_canned_response(short_code.strip(), content)
        await self._reload(ReferenceKind.CANNED)
        return made

    async def edit_canned(
        self, canned_id: int, *, short_code: str | None = None, content: str | None = None
    ) -> CannedResponse:
        code = short_code.strip() if short_code is not None else None
        edited = await self.client.update_canned_response(
            canned_id, short_code=code, content=content
        )
        await self._reload(ReferenceKind.CANNED)
        return edited

    async def delete_canned(self, canned_id: int) -> None:
        await self.client.delete_canned_response(canned_id)
        await self._reload(ReferenceKind.CANNED)

    async def _reload(self, kind: ReferenceKind) -> None:
        try:
            await self.engine.reload_reference({kind})
        except OperatorError as exc:
            if exc.code is ErrorCode.SESSION_EXPIRED:
                raise
            # the server has the change; the list comes with the next refresh
            log.warning("%s not re-read after a change: %s", kind.value, exc.code.value)
