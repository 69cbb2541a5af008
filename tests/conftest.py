"""Shared fixtures for the whole test suite: a real demo server on 127.0.0.1."""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import string
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import httpx
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from operator_desktop.ui.common.refcount_guard import protect_singletons

protect_singletons()  # PySide6 6.12 on CPython 3.11 (see the module)

from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.seed import DEMO_USERS
from operator_desktop.demo.server import DemoServerThread

ADMIN = DEMO_USERS[0]  # john@acme.inc, administrator of account 1
ANNA = DEMO_USERS[1]  # agent in the Website and Support email inboxes
BORIS = DEMO_USERS[2]  # agent in Support email only; Billing team member
MARIA = DEMO_USERS[3]  # agent with MFA, every inbox


def unique_tag() -> str:
    """Ten random letters that make a test's message unique: never digits, which the chat-rules
    guard could take for a phone or card number and hold the reply."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


def missing_requirement(reason: str) -> NoReturn:
    """Skip a test whose tool (Ruby, Node, D-Bus…) is absent; in CI (`CI=true`) fail it.

    CI runs tests/run.sh, which installs every requirement: a skip there would hide a
    broken set-up behind a green run.
    """
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """`folder` and what is in it cannot be written while the block runs, also by root (the
    CI user), for whom permission bits do not count: there the immutable attribute does it."""
    items = [folder, *folder.iterdir()]
    if os.geteuid() != 0:
        modes = {item: stat.S_IMODE(item.stat().st_mode) for item in items}
        for item in items:
            item.chmod(modes[item] & ~0o222)
        try:
            yield
        finally:
            for item in items:
                item.chmod(modes[item])
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        missing_requirement("chattr (e2fsprogs) to make a folder read-only for root")
    done = subprocess.run(
        [chattr, "+i", *map(str, items)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:  # a file system without the attribute: nothing to install
        pytest.skip(f"cannot make {folder} read-only for root: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, items)], check=True)


@pytest.fixture
def demo_url() -> Iterator[str]:
    """A fresh demo server (seed 1, control endpoint on) in its own thread."""
    server = DemoServerThread(DemoConfig(port=0, control=True))
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def api(url: str, token: str | None = ADMIN.access_token) -> httpx.Client:
    headers = {"api_access_token": token} if token is not None else {}
    return httpx.Client(base_url=url, headers=headers, timeout=10.0)


@pytest.fixture
def admin(demo_url: str) -> Iterator[httpx.Client]:
    with api(demo_url) as client:
        yield client


@pytest.fixture
def anna(demo_url: str) -> Iterator[httpx.Client]:
    with api(demo_url, ANNA.access_token) as client:
        yield client


@pytest.fixture
def boris(demo_url: str) -> Iterator[httpx.Client]:
    with api(demo_url, BORIS.access_token) as client:
        yield client


from tests.gui_support import gui_env, qloop  # fixtures for the GUI tests

__all__ = ["gui_env", "qloop"]
