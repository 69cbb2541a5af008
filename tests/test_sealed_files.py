"""Attachment files sealed like the cache: downloaded and staged files under `files/`.

With the cache encrypted, no byte of a downloaded picture, of a file staged for the outbox, of a
message, a contact's name or email, or of the token is found in any file under the data folder;
what the window shows and what the server receives are the original bytes. A plain folder's
files are sealed on the first start (with a count), unsealed by `cache decrypt`, and a switch cut
short is finished by the next open. A plain copy for another program lives in a private
temporary folder and goes with the process.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.actions import AccountActions
from operator_desktop.services.readmodel import AttachmentRow, ReadModel
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.filevault import (
    MAGIC,
    VIEW_PREFIX,
    FileVault,
    is_sealed,
    sweep_viewable,
)
from operator_desktop.sync.outbox import OutboxSender
from tests.conftest import ADMIN, api
from tests.sync_support import control

KEY_HEX = "11" * 32
OTHER_KEY_HEX = "22" * 32
SECRET_MESSAGE = "Зинаида Аркадьевна просит доставить заказ в Черноголовку к пятнице"
SECRET_FILE = "Паспорт клиента Зинаиды: строго конфиденциально, планта 7731".encode()
SECRET_NAME = "zinaida-passport.txt"
CONVERSATION_WITH_PICTURES = 3
CLI = [sys.executable, "-m", "operator_desktop"]


def durable() -> TokenStore:
    return TokenStore(MemoryKeyring(durable=True))


def every_file(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def found_in(root: Path, secrets: dict[str, bytes]) -> list[str]:
    """Which secrets appear in which file under `root` (contents and names)."""
    hits = []
    for path, data in every_file(root).items():
        for what, secret in secrets.items():
            if secret in data or secret.decode("utf-8", "replace") in str(path):
                hits.append(f"{what} in {path.relative_to(root)}")
    return hits


# ---- the vault itself ---------------------------------------------------------------------
def test_a_sealed_file_round_trips_and_a_changed_byte_or_another_key_is_refused(
    tmp_path: Path,
) -> None:
    vault = FileVault.for_cache(tmp_path, KEY_HEX)
    path = tmp_path / "1" / "5" / vault.stored_name("file", SECRET_NAME)
    vault.write(path, SECRET_FILE)
    assert path.name == "file.bin", "a sealed file's name says nothing of the original"
    blob = path.read_bytes()
    assert blob.startswith(MAGIC) and SECRET_FILE not in blob
    assert vault.read(path) == SECRET_FILE
    assert os.stat(path).st_mode & 0o077 == 0, "private to the user"
    assert [p.name for p in path.parent.iterdir()] == ["file.bin"], "no temporary file left"

    with pytest.raises(OperatorError) as other:
        FileVault.for_cache(tmp_path, OTHER_KEY_HEX).read(path)
    assert other.value.code is ErrorCode.CACHE_KEY_WRONG
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    path.write_bytes(bytes(tampered))
    with pytest.raises(OperatorError) as changed:
        vault.read(path)
    assert changed.value.code is ErrorCode.CACHE_KEY_WRONG
    with pytest.raises(OperatorError) as plain:
        FileVault(tmp_path).read(path)
    assert plain.value.code is ErrorCode.CACHE_KEY_MISSING


def test_a_plain_file_reads_as_it_is_and_plain_vaults_keep_the_name(tmp_path: Path) -> None:
    old = tmp_path / "old.png"
    old.write_bytes(b"written before the cache was encrypted")
    assert FileVault.for_cache(tmp_path, KEY_HEX).read(old) == old.read_bytes()
    plain = FileVault(tmp_path)
    assert plain.stored_name("file", "../../счёт март.pdf") == "file-счёт март.pdf"
    with pytest.raises(OperatorError) as gone:
        plain.read(tmp_path / "missing")
    assert gone.value.code is ErrorCode.NOT_FOUND


def test_a_plain_copy_for_another_program_is_private_and_goes_with_the_process(
    tmp_path: Path,
) -> None:
    vault = FileVault.for_cache(tmp_path, KEY_HEX)
    stored = tmp_path / "1" / "file.bin"
    vault.write(stored, SECRET_FILE)
    copy = vault.viewable(stored, "contract.pdf")
    assert copy.name == "contract.pdf" and copy.read_bytes() == SECRET_FILE
    assert not copy.is_relative_to(tmp_path), "never a plain copy in the data folder"
    assert os.stat(copy.parent.parent).st_mode & 0o077 == 0
    vault.close()
    assert not copy.exists() and not copy.parent.parent.exists()

    plain_file = tmp_path / "picture.png"
    plain_file.write_bytes(b"png")
    assert FileVault(tmp_path).viewable(plain_file, "picture.png") == plain_file


def test_plain_copies_of_a_killed_process_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = Path(tempfile.mkdtemp(prefix=f"{VIEW_PREFIX}{dead.stdout.strip()}-"))
    (left / "contract.pdf").write_bytes(SECRET_FILE)
    mine = FileVault.for_cache(tmp_path, KEY_HEX)
    stored = tmp_path / "file.bin"
    mine.write(stored, SECRET_FILE)
    own = mine.viewable(stored, "mine.pdf")
    sweep_viewable()
    assert not left.exists(), "the dead process's plain copy is gone"
    assert own.exists(), "this process's copies stay while it runs"
    mine.close()


def test_a_switch_rewrites_every_file_once_and_counts(tmp_path: Path) -> None:
    plain = FileVault(tmp_path)
    for n in range(5):
        plain.write(tmp_path / "1" / str(n) / "file-a.txt", f"file {n}".encode())
    (tmp_path / "1" / "0" / "file-a.txt.dead.part").write_bytes(b"a write cut short")
    sealed = FileVault.for_cache(tmp_path, KEY_HEX)
    counts: list[tuple[int, int]] = []
    assert sealed.convert_tree(old=plain, progress=lambda n, of: counts.append((n, of))) == 5
    assert counts[-1] == (5, 5)
    assert all(is_sealed(p) for p in every_file(tmp_path))
    assert not sealed.needs_conversion
    assert sealed.convert_tree(old=plain) == 0, "done already: nothing rewritten"
    rekeyed = FileVault.for_cache(tmp_path, OTHER_KEY_HEX)
    assert rekeyed.convert_tree(old=sealed) == 5, "a new key: sealed anew"
    assert rekeyed.read(tmp_path / "1" / "3" / "file-a.txt") == b"file 3"
    assert plain.convert_tree(old=rekeyed) == 5
    assert sorted(every_file(tmp_path).values()) == [f"file {n}".encode() for n in range(5)]


# ---- a signed-in folder, against the demo server -------------------------------------------
def picture_bytes(url: str, att: AttachmentRow) -> bytes:
    assert att.data_url is not None
    with httpx.Client() as client:
        response = client.get(att.data_url if "://" in att.data_url else url + att.data_url)
        response.raise_for_status()
        return response.content


async def use_the_folder(
    data: Path, url: str, tokens: TokenStore, upload: Path
) -> dict[str, bytes]:
    """Sign in, sync, open the pictures of a conversation and send a reply with a file, as
    the window does; returns what must not be found in plain under the folder."""
    workspace = await Workspace.opened(DataDir(data), tokens=tokens)
    try:
        assert workspace.encrypted
        async with ChatwootClient(url, token=ADMIN.access_token) as client:
            profile = await client.profile()
        await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [1])
        await tokens.aset(url, profile.email, ADMIN.access_token)
        engine = await workspace.engine_for(workspace.resolve(url, 1))
        readmodel = ReadModel(workspace.cache)
        actions = AccountActions(engine, readmodel, workspace.files)
        await engine.run(live=False)
        rows = await workspace.worker.run(
            readmodel.transcript_messages, engine.key, CONVERSATION_WITH_PICTURES
        )
        pictures = [a for m in rows for a in m.attachments if a.file_type == "image"]
        assert len(pictures) >= 2
        secrets: dict[str, bytes] = {
            "message": SECRET_MESSAGE.encode(),
            "staged file": SECRET_FILE,
            "file name": SECRET_NAME.encode(),
            "token": ADMIN.access_token.encode(),
            "email": profile.email.encode(),
        }
        conversation = await workspace.worker.run(
            workspace.cache.conversation, engine.key, CONVERSATION_WITH_PICTURES
        )
        assert conversation is not None and conversation.contact_name
        secrets["contact name"] = conversation.contact_name.encode()
        for att in pictures:
            original = await asyncio.to_thread(picture_bytes, url, att)
            assert await actions.attachment_bytes(att) == original
            secrets[f"picture {att.id}"] = original[len(original) // 2 :][:64]
        await actions.send_reply(CONVERSATION_WITH_PICTURES, "Файл во вложении", files=[upload])
        assert await OutboxSender(engine).deliver_all()
        await engine.client.aclose()
        return secrets
    finally:
        workspace.close()


def test_no_plaintext_anywhere_under_the_data_folder_attachments_included(
    tmp_path: Path, demo_url: str
) -> None:
    control(demo_url, action="act", op="customer_write", content=SECRET_MESSAGE,
            conversation_id=CONVERSATION_WITH_PICTURES)  # fmt: skip
    upload = tmp_path / SECRET_NAME
    upload.write_bytes(SECRET_FILE)
    data = tmp_path / "data"
    tokens = durable()
    secrets = asyncio.run(use_the_folder(data, demo_url, tokens, upload))
    stored = every_file(data / "files")
    assert len(stored) >= 3, "the pictures and the staged file are kept"
    assert all(is_sealed(p) for p in stored)
    assert found_in(data, secrets) == []
    with api(demo_url) as admin:  # the server received the original bytes
        messages = admin.get(
            f"/api/v1/accounts/1/conversations/{CONVERSATION_WITH_PICTURES}/messages"
        ).json()["payload"]
    (sent,) = [m for m in messages if m.get("content") == "Файл во вложении"]
    (attachment,) = sent["attachments"]
    with httpx.Client() as client:
        assert client.get(attachment["data_url"]).content == SECRET_FILE


def plant_plain_folder(data: Path) -> dict[Path, bytes]:
    """A plain cache (a keyring that keeps no key) with downloaded and staged files."""
    plain = Workspace(DataDir(data), tokens=TokenStore(MemoryKeyring()))
    try:
        assert not plain.encrypted and not plain.files.sealed
        files = {
            data / "files" / "1" / "7" / "file-photo.jpg": b"\xff\xd8 a photo " + SECRET_FILE,
            data / "files" / "outbox" / f"abc-{SECRET_NAME}": SECRET_FILE,
        }
        for path, content in files.items():
            plain.files.write(path, content)
        return files
    finally:
        plain.close()


def test_a_plain_folder_has_its_files_sealed_on_first_start_with_a_count(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    files = plant_plain_folder(data)
    stages: list[tuple[str, int, int]] = []
    tokens = durable()
    ws = Workspace(DataDir(data), tokens=tokens, on_progress=lambda *a: stages.append(a))
    try:
        assert ws.encrypted and ws.files.sealed
        assert ("sealing the attachment files", 2, 2) in stages
        assert all(is_sealed(p) for p in files)
        assert {p: ws.files.read(p) for p in files} == files
        assert found_in(data, {"file": SECRET_FILE}) == []
    finally:
        ws.close()


def test_a_switch_cut_short_is_finished_by_the_next_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = plant_plain_folder(data)
    tokens = durable()
    Workspace(DataDir(data), tokens=tokens).close()
    first, second = list(files)
    plain_again = FileVault(data / "files")
    plain_again.begin_conversion()  # as a `cache decrypt` killed half-way leaves it
    plain_again.write(first, files[first])
    ws = Workspace(DataDir(data), tokens=tokens)
    try:
        assert is_sealed(first) and is_sealed(second)
        assert not ws.files.needs_conversion
        assert ws.files.read(first) == files[first]
    finally:
        ws.close()


def test_cache_decrypt_and_encrypt_switch_the_files_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = plant_plain_folder(data)
    tokens = durable()
    Workspace(DataDir(data), tokens=tokens).close()
    assert all(is_sealed(p) for p in files)

    def switch(encrypt: bool) -> None:
        ws = Workspace(DataDir(data), tokens=tokens, open_cache=False)
        try:
            assert ws.worker.call(ws.switch_encryption, encrypt=encrypt)
        finally:
            ws.close()

    switch(False)
    assert {p: p.read_bytes() for p in files} == files, "plain again, byte for byte"
    switch(True)
    assert all(is_sealed(p) for p in files)
    ws = Workspace(DataDir(data), tokens=tokens)
    try:
        assert {p: ws.files.read(p) for p in files} == files
    finally:
        ws.close()


def test_a_rebuild_under_a_new_key_keeps_the_files_readable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = plant_plain_folder(data)
    tokens = durable()
    Workspace(DataDir(data), tokens=tokens).close()
    ws = Workspace(DataDir(data), tokens=tokens, rebuild=True)
    try:
        assert ws.encrypted
        assert {p: ws.files.read(p) for p in files} == files, "sealed anew with the new key"
    finally:
        ws.close()


def test_a_file_that_cannot_be_read_never_stops_the_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = FileVault(tmp_path)
    good, bad = tmp_path / "1" / "file-a.txt", tmp_path / "1" / "file-b.txt"
    plain.write(good, b"good")
    plain.write(bad, b"unreadable")
    read = FileVault.read

    def failing(self: FileVault, path: Path) -> bytes:
        if path == bad:  # as a file owned by another user, or an I/O error, would
            raise OperatorError(ErrorCode.CACHE, "a file could not be read: Permission denied")
        return read(self, path)

    monkeypatch.setattr(FileVault, "read", failing)
    sealed = FileVault.for_cache(tmp_path, KEY_HEX)
    assert sealed.convert_tree(old=plain) == 1
    assert is_sealed(good) and not sealed.needs_conversion, "the cache opens all the same"
