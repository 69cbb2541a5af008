"""The test environment itself: the real Secret Service, Qt offscreen, Xvfb and Node.

These prove the CI pipeline provides what later feature tests rely on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import keyring
import pytest
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import missing_requirement

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.keyring
def test_secret_service_round_trip() -> None:
    backend = keyring.get_keyring()
    assert isinstance(backend, SecretServiceKeyring), f"unexpected backend {backend!r}"
    service = f"operator-desktop-test-{uuid.uuid4()}"
    keyring.set_password(service, "user", "s3cret")
    assert keyring.get_password(service, "user") == "s3cret"
    keyring.delete_password(service, "user")
    assert keyring.get_password(service, "user") is None


def test_qt_offscreen_renders(qtbot: QtBot, tmp_path: Path) -> None:
    label = QLabel("Привет, operator")
    qtbot.addWidget(label)
    label.resize(200, 40)
    label.show()
    out = tmp_path / "label.png"
    assert label.grab().save(str(out))
    assert out.stat().st_size > 0


def test_xvfb_display_is_up() -> None:
    display = os.environ.get("OD_XVFB_DISPLAY")
    if display is None:
        missing_requirement("not run through tests/run.sh")
    result = subprocess.run(
        ["xdpyinfo", "-display", display], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.node
def test_node_has_the_official_actioncable_client() -> None:
    node = shutil.which("node")
    assert node is not None
    script = "const ac = require('@rails/actioncable'); console.log(typeof ac.createConsumer)"
    result = subprocess.run(
        [node, "-e", script],
        cwd=ROOT / "tests" / "node",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "function", result.stderr


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="node is not on PATH"):
        missing_requirement("node is not on PATH")
