"""`operator-desktop agents list|invite|set-role|remove` and `canned list|add|edit|remove`.

Lists are read from the server into the local cache (offline: the cached list, said on
stderr); changes are administrators'. Exit codes as the other client commands: 0 done,
1 failure (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from operator_desktop.cli.client_commands import (
    EXIT_OK,
    EXIT_USAGE,
    _workspace,
    add_common,
)
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.team import ROLES, AgentRow, CannedRow, TeamService

T = TypeVar("T")
OFFLINE = (ErrorCode.NETWORK_DOWN, ErrorCode.TIMEOUT, ErrorCode.SERVER_ERROR)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "agents",
        help="the account's agents: list, invite, set-role, remove",
        description="Anyone may list the agents; inviting, changing roles and removing are for"
        " administrators.",
    )
    actions = p.add_subparsers(dest="agents_action", metavar="ACTION", required=True)
    a = actions.add_parser("list", help="agents with their role and availability")
    add_common(a)
    a.add_argument("--json", action="store_true", help="print JSON")
    a.set_defaults(handler=cmd_agents_list)
    a = actions.add_parser("invite", help="add someone to the account by email")
    add_common(a)
    a.add_argument("--name", required=True)
    a.add_argument("--email", required=True)
    a.add_argument("--role", choices=ROLES, default="agent")
    a.set_defaults(handler=cmd_agents_invite)
    a = actions.add_parser("set-role", help="make an agent an administrator, or back")
    add_common(a)
    a.add_argument("agent", metavar="AGENT", help="the agent's id or email")
    a.add_argument("role", choices=ROLES)
    a.set_defaults(handler=cmd_agents_set_role)
    a = actions.add_parser(
        "remove", help="take an agent out of the account (their conversations are unassigned)"
    )
    add_common(a)
    a.add_argument("agent", metavar="AGENT", help="the agent's id or email")
    a.set_defaults(handler=cmd_agents_remove)

    p = sub.add_parser(
        "canned",
        help="canned responses: list, add, edit, remove",
        description="Anyone may list the canned responses; adding, editing and removing are for"
        " administrators.",
    )
    actions = p.add_subparsers(dest="canned_action", metavar="ACTION", required=True)
    c = actions.add_parser("list", help="canned responses, by short code")
    add_common(c)
    c.add_argument("--search", metavar="TEXT", help="only those with TEXT in code or content")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(handler=cmd_canned_list)
    c = actions.add_parser("add", help="a new canned response")
    add_common(c)
    c.add_argument("short_code", metavar="SHORT_CODE")
    _content_options(c, required=True)
    c.set_defaults(handler=cmd_canned_add)
    c = actions.add_parser("edit", help="change a canned response's short code or content")
    add_common(c)
    c.add_argument("canned", metavar="CANNED", help="its id or short code")
    c.add_argument("--short-code", metavar="NEW", help="a new short code")
    _content_options(c, required=False)
    c.set_defaults(handler=cmd_canned_edit)
    c = actions.add_parser("remove", help="delete a canned response")
    add_common(c)
    c.add_argument("canned", metavar="CANNED", help="its id or short code")
    c.set_defaults(handler=cmd_canned_remove)


def _content_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    how = parser.add_mutually_exclusive_group(required=required)
    how.add_argument("--content", metavar="TEXT", help="the text")
    how.add_argument("--text-stdin", action="store_true", help="read the text on stdin")


def _content(args: argparse.Namespace) -> str | None:
    if args.text_stdin:
        return sys.stdin.read().strip()
    return str(args.content) if args.content is not None else None


def _usage(message: str) -> int:
    print(f"operator-desktop: error: {message}", file=sys.stderr)
    return EXIT_USAGE


async def _with_team(args: argparse.Namespace, work: Callable[[TeamService], Awaitable[T]]) -> T:
    ws = _workspace(args)
    try:
        account = ws.resolve(args.server, args.account)
        engine = await ws.engine_for(account)
        try:
            return await work(TeamService(engine, account.role))
        finally:
            await engine.client.aclose()
    finally:
        ws.close()


async def _admin_only(what: str, call: Awaitable[T]) -> T:
    """The server's Pundit 401 for an agent, worded for what was tried."""
    try:
        return await call
    except OperatorError as exc:
        if exc.code is ErrorCode.FORBIDDEN:
            raise OperatorError(ErrorCode.FORBIDDEN, f"only administrators can {what}") from exc
        raise


async def _refreshed(team: TeamService) -> bool:
    """Re-read the lists from the server; False (and a note) when it cannot be reached."""
    try:
        await team.refresh()
        return True
    except OperatorError as exc:
        if exc.code not in OFFLINE:
            raise
        print(
            "operator-desktop: the server cannot be reached; this is the cached list",
            file=sys.stderr,
        )
        return False


# ---- agents ---------------------------------------------------------------------------------
def _agent_json(row: AgentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "email": row.email,
        "role": row.role,
        "availability": row.availability,
    }


async def cmd_agents_list(args: argparse.Namespace) -> int:
    async def work(team: TeamService) -> list[AgentRow]:
        await _refreshed(team)
        return await team.agents()

    rows = await _with_team(args, work)
    if args.json:
        print(json.dumps([_agent_json(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No agents are cached; run `operator-desktop sync` while online.", file=sys.stderr)
    width = max((len(r.name) for r in rows), default=4)
    mail = max((len(r.email) for r in rows), default=5)
    for r in rows:
        print(f"{r.id:>5}  {r.name:<{width}}  {r.email:<{mail}}  {r.role:<13}  {r.availability}")
    return EXIT_OK


def _find_agent(rows: list[AgentRow], wanted: str) -> AgentRow:
    for row in rows:
        if wanted.isdigit() and row.id == int(wanted):
            return row
        if row.email.casefold() == wanted.strip().casefold():
            return row
    raise OperatorError(ErrorCode.NOT_FOUND, f"no agent {wanted!r} in this account")


async def cmd_agents_invite(args: argparse.Namespace) -> int:
    name, email = str(args.name).strip(), str(args.email).strip()
    if not name or not email:
        return _usage("--name and --email may not be empty")

    async def work(team: TeamService) -> str:
        agent = await _admin_only("invite agents", team.invite(name, email, args.role))
        return f"Invited {agent.name} <{agent.email}> as {agent.role} (#{agent.id})."

    print(await _with_team(args, work))
    return EXIT_OK


async def cmd_agents_set_role(args: argparse.Namespace) -> int:
    async def work(team: TeamService) -> str:
        await team.refresh()
        row = _find_agent(await team.agents(), args.agent)
        agent = await _admin_only("change roles", team.set_role(row.id, args.role))
        return f"{agent.name} <{agent.email}> is now {_article(agent.role or args.role)}."

    print(await _with_team(args, work))
    return EXIT_OK


def _article(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


async def cmd_agents_remove(args: argparse.Namespace) -> int:
    async def work(team: TeamService) -> str:
        await team.refresh()
        row = _find_agent(await team.agents(), args.agent)
        await _admin_only("remove agents", team.remove(row.id))
        return f"Removed {row.name} <{row.email}> from the account."

    print(await _with_team(args, work))
    return EXIT_OK


# ---- canned responses -----------------------------------------------------------------------
def _canned_json(row: CannedRow) -> dict[str, Any]:
    return {"id": row.id, "short_code": row.short_code, "content": row.content}


async def cmd_canned_list(args: argparse.Namespace) -> int:
    async def work(team: TeamService) -> list[CannedRow]:
        await _refreshed(team)
        return await team.canned(args.search or "")

    rows = await _with_team(args, work)
    if args.json:
        print(json.dumps([_canned_json(r) for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No canned responses match." if args.search else "No canned responses.",
              file=sys.stderr)  # fmt: skip
    width = max((len(r.short_code) for r in rows), default=4)
    for r in rows:
        text = " ".join(r.content.split())
        print(f"{r.id:>5}  /{r.short_code:<{width}}  {text}")
    return EXIT_OK


def _find_canned(rows: list[CannedRow], wanted: str) -> CannedRow:
    code = wanted.removeprefix("/")
    for row in rows:
        if row.short_code == code:
            return row
    for row in rows:
        if wanted.isdigit() and row.id == int(wanted):
            return row
    raise OperatorError(ErrorCode.NOT_FOUND, f"no canned response {wanted!r}")


async def cmd_canned_add(args: argparse.Namespace) -> int:
    content = _content(args)
    code = str(args.short_code).strip().removeprefix("/")
    if not code or not content:
        return _usage("the short code and the text may not be empty")

    async def work(team: TeamService) -> str:
        made = await _admin_only("add canned responses", team.add_canned(code, content))
        return f"Added /{made.short_code} (#{made.id})."

    print(await _with_team(args, work))
    return EXIT_OK


async def cmd_canned_edit(args: argparse.Namespace) -> int:
    content = _content(args)
    code = str(args.short_code).strip().removeprefix("/") if args.short_code is not None else None
    if code is None and content is None:
        return _usage("give --short-code, --content or --text-stdin")
    if code == "" or content == "":
        return _usage("the short code and the text may not be empty")

    async def work(team: TeamService) -> str:
        await team.refresh()
        row = _find_canned(await team.canned(), args.canned)
        edited = await _admin_only(
            "edit canned responses", team.edit_canned(row.id, short_code=code, content=content)
        )
        return f"Saved /{edited.short_code} (#{edited.id})."

    print(await _with_team(args, work))
    return EXIT_OK


async def cmd_canned_remove(args: argparse.Namespace) -> int:
    async def work(team: TeamService) -> str:
        await team.refresh()
        row = _find_canned(await team.canned(), args.canned)
        await _admin_only("remove canned responses", team.delete_canned(row.id))
        return f"Removed /{row.short_code}."

    print(await _with_team(args, work))
    return EXIT_OK
