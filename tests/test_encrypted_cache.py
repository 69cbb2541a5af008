"""The encrypted cache: SQLCipher with a per-folder key in the keyring, on by default.

No plaintext of a message or a contact in the database, its WAL or its shared-memory file;
search (FTS5 on stems) works as before; a plain cache is switched on first start with every
row kept; `cache decrypt` / `cache encrypt` round trip; a missing or wrong key is a coded error
and the file is kept; without a usable keyring the cache stays plain and says so.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail

from bench.dataset import Dataset
from bench.startup_bench import profile
from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services import cachekeys
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.encryption import PLAIN_HEADER
from tests.cache_fixtures import raw_connection
from tests.conftest import read_only_folder
from tests.test_secrets import LockedKeyring

SERVER = "https://chat.example.com"
KEY = AccountKey(SERVER, 1)
SECRET_TEXT = "Секретный заказ Зинаиды Аркадьевны доставить в Черноголовку"
SECRET_EMAIL = "zinaida.planted@example.net"
DRAFT = "Черновик ответа про возврат"
UNSENT = "Неотправленный ответ клиенту"
CLI = [sys.executable, "-m", "operator_desktop"]


def durable() -> TokenStore:
    """An in-memory keyring standing for the OS keyring (its keys outlive each open)."""
    return TokenStore(MemoryKeyring(durable=True))


def fill(ws: Workspace) -> None:
    """Conversations and messages, a planted Cyrillic message and contact, a draft and an
    unsent reply (what only this machine has)."""
    call, cache = ws.worker.call, ws.cache
    call(cache.save_sign_in, SERVER, profile(), [1])
    data = Dataset(6, 10)
    for items in data.list_pages():
        call(cache.upsert_conversations, KEY, [parse.conversation(parse.root(o), 1) for o in items])
    for page in data.message_pages():
        call(
            cache.upsert_messages, KEY, [parse.message(o) for o in parse.root(page).objs("payload")]
        )
    planted = data.messages_of(2)[0] | {"id": 900_001, "content": SECRET_TEXT}
    call(cache.upsert_messages, KEY, [parse.message(parse.root(planted))])
    contact = data.contact(3) | {"id": 77_777, "email": SECRET_EMAIL}
    call(cache.upsert_contacts, KEY, [parse.contact(parse.root(contact))])
    call(cache.save_draft, KEY, 4, DRAFT, False, 3.0)
    call(cache.enqueue, KEY, 5, UNSENT, echo_id="e-1", private=False, now=1.0)


def cache_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name.startswith("cache.")}


def plaintext_in(folder: Path) -> list[str]:
    """Which planted secrets appear in which of the folder's cache files."""
    found = []
    for name, data in cache_files(folder).items():
        for secret in (SECRET_TEXT, SECRET_EMAIL, DRAFT, UNSENT):
            if secret.encode() in data:
                found.append(f"{secret!r} in {name}")
    return found


def row_counts(path: Path, tokens: TokenStore | None = None) -> dict[str, int]:
    conn = raw_connection(path, tokens=tokens)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def search_texts(ws: Workspace, query: str) -> list[str]:
    return [h.snippet.text for h in ws.worker.call(ws.cache.search, query, key=KEY)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def opened() -> Iterator[list[Workspace]]:
    """Workspaces a test opens, closed after it (a failed test's too)."""
    spaces: list[Workspace] = []
    yield spaces
    for ws in spaces:
        ws.close()


def test_a_new_folder_gets_an_encrypted_cache_with_no_plaintext_anywhere(
    tmp_path: Path, opened: list[Workspace], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    tokens = durable()
    ws = Workspace(DataDir(tmp_path), tokens=tokens)
    opened.append(ws)
    fill(ws)
    assert ws.encrypted and ws.plain_reason is None
    files = cache_files(tmp_path)
    assert files["cache.sqlite3"][:16] != PLAIN_HEADER
    assert files.get("cache.sqlite3-wal"), "the WAL is in use (and checked) while the cache is open"
    assert plaintext_in(tmp_path) == []
    cache_id = cachekeys.read_id(tmp_path)
    assert cache_id is not None
    key = tokens.cache_key(cache_id)
    assert key is not None and len(bytes.fromhex(key)) == 32
    assert key not in caplog.text
    # stemmed full-text search: "заказы" finds "заказ", "черноголовки" finds "Черноголовку"
    assert search_texts(ws, "заказы черноголовки") == [SECRET_TEXT]
    ws.close()
    opened.clear()
    again = Workspace(DataDir(tmp_path), tokens=tokens)
    opened.append(again)
    assert again.encrypted
    assert again.worker.call(again.cache.draft, KEY, 4) == (DRAFT, False)
    assert search_texts(again, "Зинаида") == [SECRET_TEXT]


def test_a_plain_cache_is_encrypted_on_first_start_keeping_every_row(
    tmp_path: Path, opened: list[Workspace]
) -> None:
    """Its rows still in the WAL (a copy of a cache that was open) included."""
    live = tmp_path / "live"
    ws = Workspace(DataDir(live), tokens=TokenStore(MemoryKeyring()))  # keeps no key: plain
    opened.append(ws)
    fill(ws)
    assert not ws.encrypted
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("cache.sqlite3", "cache.sqlite3-wal"):  # as a crash would leave them
        (folder / name).write_bytes((live / name).read_bytes())
    assert (folder / "cache.sqlite3-wal").stat().st_size > 0
    assert plaintext_in(folder), "the planted texts are found in a plain cache"
    before = row_counts(folder / "cache.sqlite3")
    assert before["draft"] == 1 and before["outbox_item"] == 1 and before["message"] > 60

    stages: list[str] = []
    tokens = durable()
    switched = Workspace(
        DataDir(folder), tokens=tokens, on_progress=lambda stage, _n, _of: stages.append(stage)
    )
    opened.append(switched)
    assert switched.encrypted
    assert stages[0] == "locking the cache" and "verifying the copy" in stages
    assert stages[-1] == "done"
    assert (folder / "cache.sqlite3").read_bytes()[:16] != PLAIN_HEADER
    assert sorted(p.name for p in folder.iterdir() if "switching" in p.name) == []
    assert plaintext_in(folder) == []
    assert row_counts(folder / "cache.sqlite3", tokens) == before
    call, cache = switched.worker.call, switched.cache
    assert call(cache.draft, KEY, 4) == (DRAFT, False)
    assert [e.content for e in call(cache.outbox, KEY)] == [UNSENT]
    assert search_texts(switched, "заказом") == [SECRET_TEXT]


def test_a_plain_cache_another_process_has_open_stays_plain_until_a_later_start(
    tmp_path: Path, opened: list[Workspace]
) -> None:
    ws = Workspace(DataDir(tmp_path), tokens=TokenStore(MemoryKeyring()))
    fill(ws)
    ws.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " c.execute('SELECT count(*) FROM message').fetchone(); print('ready', flush=True);"
            " sys.stdin.read()",
            str(tmp_path / "cache.sqlite3"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        tokens = durable()
        busy = Workspace(DataDir(tmp_path), tokens=tokens)
        opened.append(busy)
        assert not busy.encrypted
        assert busy.plain_reason is not None and "cache_busy" in busy.plain_reason
        assert busy.worker.call(busy.cache.draft, KEY, 4) == (DRAFT, False)
        busy.close()
        opened.clear()
    finally:
        holder.communicate("", timeout=30)
    later = Workspace(DataDir(tmp_path), tokens=tokens)
    opened.append(later)
    assert later.encrypted and later.worker.call(later.cache.draft, KEY, 4) == (DRAFT, False)


def make_encrypted(folder: Path, tokens: TokenStore) -> str:
    ws = Workspace(DataDir(folder), tokens=tokens)
    try:
        fill(ws)
        assert ws.encrypted
    finally:
        ws.close()
    return digest(folder / "cache.sqlite3")


def test_a_missing_key_is_a_coded_error_the_file_is_kept_and_a_rebuild_starts_anew(
    tmp_path: Path, opened: list[Workspace]
) -> None:
    before = make_encrypted(tmp_path, durable())
    other_machine = durable()  # the folder moved to a keyring without its key
    with pytest.raises(OperatorError) as info:
        Workspace(DataDir(tmp_path), tokens=other_machine)
    assert info.value.code is ErrorCode.CACHE_KEY_MISSING
    assert digest(tmp_path / "cache.sqlite3") == before
    assert not list(tmp_path.glob("*.damaged-*"))
    status = cachekeys.status(tmp_path, tmp_path / "cache.sqlite3", other_machine)
    assert status.encrypted and status.key_found is False
    assert "not in the OS keyring" in status.describe()

    ws = Workspace(DataDir(tmp_path), tokens=other_machine, rebuild=True)
    opened.append(ws)
    assert ws.rebuilt is not None and ws.encrypted
    assert digest(ws.rebuilt.damaged_copy) == before  # set aside whole, not deleted
    assert ws.rebuilt.kept == {}
    assert ws.accounts() == []


def test_a_wrong_key_is_a_coded_error_and_the_file_is_kept(tmp_path: Path) -> None:
    tokens = durable()
    before = make_encrypted(tmp_path, tokens)
    cache_id = cachekeys.read_id(tmp_path)
    assert cache_id is not None
    tokens.set_cache_key(cache_id, cachekeys.new_key())
    for reading_only in (False, True):
        with pytest.raises(OperatorError) as info:
            Workspace(DataDir(tmp_path), tokens=tokens, reading_only=reading_only)
        assert info.value.code is ErrorCode.CACHE_KEY_WRONG
    assert digest(tmp_path / "cache.sqlite3") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache-id", "cache.sqlite3"]


def test_a_locked_keyring_keeps_an_encrypted_cache_as_it_is(tmp_path: Path) -> None:
    before = make_encrypted(tmp_path, durable())
    with pytest.raises(OperatorError) as info:
        Workspace(DataDir(tmp_path), tokens=TokenStore(LockedKeyring()))  # type: ignore[no-untyped-call]
    assert info.value.code is ErrorCode.KEYRING_LOCKED
    assert digest(tmp_path / "cache.sqlite3") == before


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring, LockedKeyring],
    ids=["unavailable", "locked"],
)
def test_without_a_usable_keyring_the_cache_is_plain_and_says_so(
    tmp_path: Path,
    opened: list[Workspace],
    caplog: pytest.LogCaptureFixture,
    backend: type[Any],
) -> None:
    tokens = TokenStore(backend())
    ws = Workspace(DataDir(tmp_path), tokens=tokens)
    opened.append(ws)
    fill(ws)
    assert not ws.encrypted
    assert ws.plain_reason is not None and "keyring cannot be used" in ws.plain_reason
    assert "the cache is not encrypted" in caplog.text
    assert (tmp_path / "cache.sqlite3").read_bytes()[:16] == PLAIN_HEADER
    status = cachekeys.status(tmp_path, tmp_path / "cache.sqlite3", tokens)
    assert not status.encrypted
    assert status.describe().startswith("not encrypted (the OS keyring cannot be used")


def test_an_encrypted_cache_in_a_read_only_folder_is_read_with_its_key(
    tmp_path: Path, opened: list[Workspace]
) -> None:
    tokens = durable()
    make_encrypted(tmp_path, tokens)
    with read_only_folder(tmp_path):
        ws = Workspace(DataDir(tmp_path), tokens=tokens, reading_only=True)
        opened.append(ws)
        assert ws.read_only and ws.encrypted
        assert search_texts(ws, "заказ") == [SECRET_TEXT]
        ws.close()
        opened.clear()


def test_a_damaged_encrypted_cache_is_rebuilt_keeping_drafts_and_unsent_replies(
    tmp_path: Path, opened: list[Workspace]
) -> None:
    tokens = durable()
    make_encrypted(tmp_path, tokens)
    path = tmp_path / "cache.sqlite3"
    conn = raw_connection(path, tokens=tokens)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'message'").fetchone()
    conn.close()
    with path.open("r+b") as file:  # the message table's root page: garbage
        file.seek(page_size * (root[0] - 1))
        file.write(b"\xa5" * page_size)
    ws = Workspace(DataDir(tmp_path), tokens=tokens)
    with pytest.raises(OperatorError) as info:  # found while the app runs: marked
        ws.worker.call(ws.cache.messages, KEY, 2)
    assert info.value.code is ErrorCode.CACHE_DAMAGED
    ws.close()
    assert (tmp_path / "cache.sqlite3.rebuild").exists()
    ws = Workspace(DataDir(tmp_path), tokens=tokens)
    opened.append(ws)
    assert ws.rebuilt is not None and ws.encrypted
    assert ws.rebuilt.kept["draft"] == 1 and ws.rebuilt.kept["outbox_item"] == 1
    assert ws.worker.call(ws.cache.draft, KEY, 4) == (DRAFT, False)
    assert plaintext_in(tmp_path) == []


# --- the CLI, with the real OS keyring (tests/run.sh and wt-pytest provide one) --------------


def cli(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error", **(env or {})},
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], starts: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(starts), result.stderr


@pytest.mark.keyring
def test_cli_decrypt_then_encrypt_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_encrypted(data, TokenStore())
    path = data / "cache.sqlite3"
    before = row_counts(path)
    assert "encrypted (its key is in the OS keyring)" in cli(data, "cache", "status").stdout
    # a second process opens the encrypted cache with the same key from the keyring
    found = cli(data, "search", "Черноголовка")
    assert found.returncode == 0 and "Зинаиды" in found.stdout, found.stderr

    done = cli(data, "cache", "decrypt")
    assert done.returncode == 0 and "now unencrypted" in done.stderr, done.stderr
    assert path.read_bytes()[:16] == PLAIN_HEADER
    assert row_counts(path) == before
    cache_id = cachekeys.read_id(data)
    assert cache_id is not None and TokenStore().cache_key(cache_id) is None
    assert "not encrypted" in cli(data, "cache", "status").stdout
    assert cli(data, "search", "заказ").returncode == 0
    assert path.read_bytes()[:16] == PLAIN_HEADER, "the choice of a plain cache is kept"

    done = cli(data, "cache", "encrypt")
    assert done.returncode == 0 and "now encrypted" in done.stderr, done.stderr
    assert path.read_bytes()[:16] != PLAIN_HEADER
    assert plaintext_in(data) == []
    assert row_counts(path) == before
    assert "already encrypted" in cli(data, "cache", "encrypt").stderr
    assert "encrypted (its key" in cli(data, "cache", "status").stdout
    ws = Workspace(DataDir(data))
    try:
        assert ws.encrypted and ws.worker.call(ws.cache.draft, KEY, 4) == (DRAFT, False)
    finally:
        ws.close()

    assert cli(data, "cache").returncode == 2
    assert cli(data, "cache", "scramble").returncode == 2


@pytest.mark.keyring
def test_cli_missing_and_wrong_key_say_so_in_one_line_and_keep_the_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tokens = TokenStore()
    before = make_encrypted(data, tokens)
    cache_id = cachekeys.read_id(data)
    assert cache_id is not None
    key = tokens.cache_key(cache_id)
    assert key is not None
    try:
        tokens.delete_cache_key(cache_id)
        one_line_error(
            cli(data, "search", "заказ"), "operator-desktop: the local cache is encrypted"
        )
        assert "cache rebuild" in cli(data, "search", "заказ").stderr
        assert "its key is not in the OS keyring" in cli(data, "cache", "status").stdout
        tokens.set_cache_key(cache_id, cachekeys.new_key())
        one_line_error(
            cli(data, "transcript", "2"), "operator-desktop: the local cache cannot be decrypted"
        )
        one_line_error(cli(data, "cache", "decrypt"), "operator-desktop: the local cache cannot")
        assert digest(data / "cache.sqlite3") == before
        assert not list(data.glob("*.damaged-*"))
    finally:
        tokens.delete_cache_key(cache_id)
    rebuilt = cli(data, "cache", "rebuild")
    assert rebuilt.returncode == 0 and "set aside as" in rebuilt.stderr, rebuilt.stderr
    (copy,) = data.glob("cache.sqlite3.damaged-*")
    assert digest(copy) == before
    assert cli(data, "search", "заказ").returncode == 0
    assert "encrypted (its key" in cli(data, "cache", "status").stdout


@pytest.mark.keyring
def test_cli_without_a_keyring_makes_a_plain_cache_and_status_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    made = cli(data, "search", "anything", env=no_keyring)
    assert made.returncode == 0, made.stderr
    assert "the cache is not encrypted" in made.stderr
    assert (data / "cache.sqlite3").read_bytes()[:16] == PLAIN_HEADER
    status = cli(data, "cache", "status", env=no_keyring)
    assert status.returncode == 0
    assert "not encrypted (the OS keyring cannot be used" in status.stdout
    one_line_error(
        cli(data, "cache", "encrypt", env=no_keyring), "operator-desktop: no usable OS keyring"
    )
    # with the keyring back, the next start encrypts it
    assert cli(data, "search", "anything").returncode == 0
    assert (data / "cache.sqlite3").read_bytes()[:16] != PLAIN_HEADER
