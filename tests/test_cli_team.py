"""`operator-desktop agents …` and `canned …` end to end: the demo server (subprocess), real
SQLite, real keyring; an administrator changes things, an agent is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN, ANNA
from tests.demo_process import DemoProcess
from tests.test_cli_client import run

pytestmark = pytest.mark.keyring


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoProcess]:
    server = DemoProcess(tmp_path / "server-state.json")
    server.start()
    yield server
    server.stop()


def signed_in(demo: DemoProcess, data: Path, token: str) -> Path:
    run(data, "login", "--server", demo.url, "--token-stdin", stdin=token + "\n")
    return data


def server(demo: DemoProcess, path: str) -> Any:
    headers = {"api_access_token": ADMIN.access_token}
    return httpx.get(f"{demo.url}/api/v1/accounts/1/{path}", headers=headers, timeout=10).json()


def one_line_error(result: Any) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    return str(lines[0])


def test_agents_by_an_administrator(demo: DemoProcess, tmp_path: Path) -> None:
    data = signed_in(demo, tmp_path / "john", ADMIN.access_token)
    listed = json.loads(run(data, "agents", "list", "--json").stdout)
    assert [(a["name"], a["role"]) for a in listed] == [
        (a["name"], a["role"]) for a in server(demo, "agents")
    ]
    assert set(listed[0]) == {"id", "name", "email", "role", "availability"}
    table = run(data, "agents", "list").stdout
    assert "boris@acme.inc" in table and "administrator" in table

    invited = run(data, "agents", "invite", "--name", "Zoe New", "--email", "zoe@acme.inc")
    assert invited.stdout.startswith("Invited Zoe New <zoe@acme.inc> as agent")
    promoted = run(data, "agents", "set-role", "ZOE@acme.inc", "administrator")
    assert "is now an administrator" in promoted.stdout
    roles = {a["email"]: a["role"] for a in server(demo, "agents")}
    assert roles["zoe@acme.inc"] == "administrator"
    cached = {
        a["email"]: a["role"] for a in json.loads(run(data, "agents", "list", "--json").stdout)
    }
    assert cached["zoe@acme.inc"] == "administrator"

    taken = run(data, "agents", "invite", "--name", "J", "--email", ADMIN.email, check=1)
    assert "User has already been taken" in one_line_error(taken)
    unknown = run(data, "agents", "set-role", "nobody@acme.inc", "agent", check=1)
    assert "no agent 'nobody@acme.inc'" in one_line_error(unknown)
    assert "invalid choice" in run(data, "agents", "set-role", "3", "boss", check=2).stderr
    empty = run(data, "agents", "invite", "--name", " ", "--email", "x@acme.inc", check=2)
    assert "may not be empty" in empty.stderr

    zoe = next(a["id"] for a in server(demo, "agents") if a["email"] == "zoe@acme.inc")
    removed = run(data, "agents", "remove", str(zoe))
    assert removed.stdout.strip() == "Removed Zoe New <zoe@acme.inc> from the account."
    assert "zoe@acme.inc" not in {a["email"] for a in server(demo, "agents")}


def test_canned_by_an_administrator(demo: DemoProcess, tmp_path: Path) -> None:
    data = signed_in(demo, tmp_path / "john", ADMIN.access_token)
    found = json.loads(run(data, "canned", "list", "--search", "REFUND", "--json").stdout)
    assert found and all("refund" in (c["short_code"] + c["content"]).lower() for c in found), found
    added = run(data, "canned", "add", "/cli", "--text-stdin", stdin="Hello from the CLI\n")
    assert added.stdout.startswith("Added /cli (#")
    assert {"cli": "Hello from the CLI"}.items() <= {
        c["short_code"]: c["content"] for c in server(demo, "canned_responses")
    }.items()
    run(data, "canned", "edit", "cli", "--content", "Edited", "--short-code", "cli2")
    now = {c["short_code"]: c["content"] for c in server(demo, "canned_responses")}
    assert now.get("cli2") == "Edited" and "cli" not in now
    assert "/cli2" in run(data, "canned", "list").stdout

    duplicate = run(data, "canned", "add", "cli2", "--content", "x", check=1)
    assert "Short code has already been taken" in one_line_error(duplicate)
    assert "give --short-code" in run(data, "canned", "edit", "cli2", check=2).stderr
    missing = run(data, "canned", "remove", "nope", check=1)
    assert "no canned response 'nope'" in one_line_error(missing)
    run(data, "canned", "remove", "/cli2")
    assert "cli2" not in {c["short_code"] for c in server(demo, "canned_responses")}


def test_an_agent_reads_and_is_refused(demo: DemoProcess, tmp_path: Path) -> None:
    data = signed_in(demo, tmp_path / "anna", ANNA.access_token)
    listed = json.loads(run(data, "agents", "list", "--json").stdout)
    assert {a["email"] for a in listed} >= {ADMIN.email, ANNA.email}
    assert json.loads(run(data, "canned", "list", "--json").stdout)
    before = server(demo, "agents")
    for args, what in (
        (("agents", "set-role", "boris@acme.inc", "administrator"), "change roles"),
        (("agents", "invite", "--name", "Eve", "--email", "eve@acme.inc"), "invite agents"),
        (("agents", "remove", "boris@acme.inc"), "remove agents"),
        (("canned", "add", "mine", "--content", "x"), "add canned responses"),
    ):
        refused = run(data, *args, check=1)
        assert f"only administrators can {what}" in one_line_error(refused)
    assert server(demo, "agents") == before

    demo.stop()  # offline: the cached lists, said so
    offline = run(data, "agents", "list", "--json")
    assert json.loads(offline.stdout) == listed
    assert "cannot be reached" in offline.stderr
    refused = run(data, "canned", "add", "x", "--content", "y", check=1)
    assert "cannot reach the server" in one_line_error(refused)
