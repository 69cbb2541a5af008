"""Roles, inbox membership and canned responses: the demo server's inbox-member writes, the
client, `TeamService`, and another signed-in client's cache picking the changes up."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.team import TeamService
from operator_desktop.sync.engine import SyncEngine
from tests.conftest import ADMIN, ANNA, BORIS
from tests.demo_broadcasts import Recorder, record_broadcasts
from tests.sync_support import FAST_SETTINGS, Harness, until_changed

A1 = "/api/v1/accounts/1"
FORBIDDEN = {"error": "You are not authorized to do this action"}
NOT_FOUND = {"error": "Resource could not be found"}


def ids(items: list[dict[str, object]]) -> list[int]:
    return [int(str(item["id"])) for item in items]


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_broadcasts(monkeypatch)


# ---- the demo server ------------------------------------------------------------------------
def test_inbox_members_add_set_remove(
    admin: httpx.Client, anna: httpx.Client, events: Recorder
) -> None:
    members = f"{A1}/inbox_members"
    before = admin.get(f"{A1}/cache_keys").json()["cache_keys"]
    assert ids(admin.get(f"{members}/3").json()["payload"]) == [4]  # API: Maria

    added = admin.post(members, json={"inbox_id": 3, "user_ids": [2, "3", 2]})
    assert added.status_code == 200
    assert ids(added.json()["payload"]) == [2, 3, 4]
    (pushed,) = events.all("account.cache_invalidated")
    keys = pushed.data["cache_keys"]
    assert keys["inbox"] != before["inbox"] and keys["label"] == before["label"]
    assert admin.get(f"{A1}/cache_keys").json()["cache_keys"] == keys
    # every user of the account is told (their pubsub streams)
    assert {ADMIN.pubsub_token, ANNA.pubsub_token, BORIS.pubsub_token} <= set(pushed.streams)
    # now a member, Anna sees the inbox
    assert "API" in [i["name"] for i in anna.get(f"{A1}/inboxes").json()["payload"]]

    replaced = admin.patch(members, json={"inbox_id": 3, "user_ids": [3]})
    assert ids(replaced.json()["payload"]) == [3]
    assert len(events.all("account.cache_invalidated")) == 2

    removed = admin.request("DELETE", members, json={"inbox_id": 3, "user_ids": [3, 99]})
    assert removed.status_code == 200 and removed.content == b""
    assert admin.get(f"{members}/3").json()["payload"] == []
    assert len(events.all("account.cache_invalidated")) == 3


def test_inbox_members_refusals(admin: httpx.Client, anna: httpx.Client, events: Recorder) -> None:
    members = f"{A1}/inbox_members"
    for method in ("POST", "PATCH", "DELETE"):
        denied = anna.request(method, members, json={"inbox_id": 1, "user_ids": [3]})
        assert denied.status_code == 401 and denied.json() == FORBIDDEN
        gone = admin.request(method, members, json={"inbox_id": 4, "user_ids": [3]})
        assert gone.status_code == 404 and gone.json() == NOT_FOUND  # account 2's inbox
    # user_ids are checked before the policy, as Chatwoot's before_action does
    for body in ({"inbox_id": 1, "user_ids": [99]}, {"inbox_id": 1, "user_ids": ["x"]}):
        invalid = admin.post(members, json=body)
        assert invalid.status_code == 422 and invalid.json() == {"error": "Invalid User IDs"}
    missing = anna.patch(members, json={"inbox_id": 1})
    assert missing.status_code == 422
    assert missing.json() == {"error": "param is missing or the value is empty: user_ids"}
    assert ids(admin.get(f"{members}/1").json()["payload"]) == [2, 4]
    assert events.all("account.cache_invalidated") == []


# ---- the service, and another client's cache --------------------------------------------------
@pytest.fixture
def john(demo_url: str, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(demo_url, ADMIN.access_token, ADMIN.id, ADMIN.pubsub_token, tmp_path / "john.db")
    yield h
    h.close()


@pytest.fixture
def anna_h(demo_url: str, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(demo_url, ANNA.access_token, ANNA.id, ANNA.pubsub_token, tmp_path / "anna.db")
    yield h
    h.close()


async def started(h: Harness, every: float = 3600.0) -> tuple[SyncEngine, asyncio.Task[None]]:
    """A live engine after its first sync (cable connected)."""
    engine = h.engine(dataclasses.replace(FAST_SETTINGS, unkeyed_reference_every=every))
    runner = asyncio.create_task(engine.run(live=True))
    await until_changed(
        h, lambda: engine.cable is not None and engine.cable.connect_count > 0, within=30
    )
    return engine, runner


async def stopped(engine: SyncEngine, runner: asyncio.Task[None]) -> None:
    await engine.stop()
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    await engine.client.aclose()


def test_role_and_canned_changes_reach_another_client(john: Harness, anna_h: Harness) -> None:
    async def go() -> None:
        admin_engine, admin_run = await started(john)
        other_engine, other_run = await started(anna_h, every=0.3)
        try:
            team = TeamService(admin_engine, "administrator")
            assert await team.is_admin()
            borises = [a for a in await team.agents() if a.id == BORIS.id]
            assert [b.role for b in borises] == ["agent"]

            await team.set_role(BORIS.id, "administrator")
            server = {a.id: a.role for a in await admin_engine.client.agents()}
            assert server[BORIS.id] == "administrator"
            mine = {a.id: a.role for a in await team.agents()}
            assert mine[BORIS.id] == "administrator"  # this client's cache, at once

            anna_team = TeamService(other_engine, "agent")

            async def anna_sees_role() -> bool:
                return {a.id: a.role for a in await anna_team.agents()}.get(
                    BORIS.id
                ) == "administrator"

            await until_changed(anna_h, anna_sees_role)

            canned = (await team.canned("refund"))[0]
            await team.edit_canned(canned.id, content="Your refund is on its way.")
            made = await team.add_canned("thanks2", "Thank you for waiting!")

            async def anna_sees_canned() -> bool:
                rows = {r.id: r.content for r in await anna_team.canned()}
                return (
                    rows.get(canned.id) == "Your refund is on its way."
                    and rows.get(made.id) == "Thank you for waiting!"
                )

            await until_changed(anna_h, anna_sees_canned)
            await team.delete_canned(made.id)

            async def anna_misses_canned() -> bool:
                return made.id not in {r.id for r in await anna_team.canned()}

            await until_changed(anna_h, anna_misses_canned)
        finally:
            await stopped(other_engine, other_run)
            await stopped(admin_engine, admin_run)

    asyncio.run(go())


def test_inbox_membership_reaches_the_agent_through_the_cable(
    john: Harness, anna_h: Harness
) -> None:
    """No re-reading timer here: the inbox list moves because Chatwoot pushes
    `account.cache_invalidated` and the engine revalidates its keys."""

    async def go() -> None:
        admin_engine, admin_run = await started(john)
        other_engine, other_run = await started(anna_h)
        try:
            team = TeamService(admin_engine, "administrator")
            anna_team = TeamService(other_engine, "agent")
            inboxes = {i.name: i.id for i in await team.inboxes()}
            assert "API" not in {i.name for i in await anna_team.inboxes()}
            current = await team.memberships(inboxes.values())
            assert current[inboxes["Website"]] == {ANNA.id, 4}
            have = {i for i, users in current.items() if ANNA.id in users}
            await team.set_agent_inboxes(ANNA.id, have | {inboxes["API"]}, have)

            async def anna_has_api() -> bool:
                return "API" in {i.name for i in await anna_team.inboxes()}

            await until_changed(anna_h, anna_has_api)
            after = await team.memberships(inboxes.values())
            assert ANNA.id in after[inboxes["API"]]

            await team.set_agent_inboxes(ANNA.id, have - {inboxes["Website"]}, after_have(after))
            final = await team.memberships(inboxes.values())
            assert ANNA.id not in final[inboxes["Website"]]
            assert ANNA.id not in final[inboxes["API"]]

            async def anna_lost_them() -> bool:
                names = {i.name for i in await anna_team.inboxes()}
                return "API" not in names and "Website" not in names

            await until_changed(anna_h, anna_lost_them)
        finally:
            await stopped(other_engine, other_run)
            await stopped(admin_engine, admin_run)

    def after_have(found: dict[int, set[int]]) -> set[int]:
        return {i for i, users in found.items() if ANNA.id in users}

    asyncio.run(go())


def test_an_agent_is_refused_and_bad_input_is_worded(john: Harness, anna_h: Harness) -> None:
    async def go() -> None:
        admin_engine = john.engine()
        agent_engine = anna_h.engine()
        try:
            await admin_engine.refresh_reference()
            await agent_engine.refresh_reference()
            team = TeamService(admin_engine, "administrator")
            anna_team = TeamService(agent_engine, "administrator")  # stale sign-in role
            assert await anna_team.my_role() == "agent"  # the cached list knows better
            before = await anna_team.agents()
            for attempt in (
                anna_team.set_role(BORIS.id, "administrator"),
                anna_team.invite("Eve", "eve@acme.inc", "agent"),
                anna_team.remove(BORIS.id),
                anna_team.add_canned("x", "y"),
                anna_team.delete_canned((await anna_team.canned())[0].id),
            ):
                with pytest.raises(OperatorError) as refused:
                    await attempt
                assert refused.value.code is ErrorCode.FORBIDDEN and refused.value.status == 401
            assert await anna_team.agents() == before

            with pytest.raises(OperatorError) as taken:
                await team.invite("John again", "JOHN@acme.inc", "agent")
            assert taken.value.code is ErrorCode.VALIDATION
            assert taken.value.detail == "User has already been taken"
            code = (await team.canned())[0].short_code
            with pytest.raises(OperatorError) as duplicate:
                await team.add_canned(code, "another")
            assert duplicate.value.detail == "Short code has already been taken"
            with pytest.raises(OperatorError) as bad_role:
                await team.set_role(BORIS.id, "owner")
            assert bad_role.value.code is ErrorCode.VALIDATION

            zoe = await team.invite("Zoe New", "zoe@acme.inc", "administrator")
            assert zoe.role == "administrator"
            assert (zoe.id, "administrator") in {(a.id, a.role) for a in await team.agents()}
            await team.remove(zoe.id)
            assert zoe.id not in {a.id for a in await team.agents()}
        finally:
            await admin_engine.client.aclose()
            await agent_engine.client.aclose()

    asyncio.run(go())
