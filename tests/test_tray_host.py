"""The tray icon in a real tray: the app on Xvfb (Qt's xcb plugin) beside `trayer`, a system
tray host from Debian, as on a Linux desktop.

The icon is found where the tray host embedded it and read back pixel by pixel: the red badge
is drawn while conversations wait for the operator, goes when another agent resolves them, and
comes back when a customer writes again.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot
from Xlib import X, display
from Xlib.error import BadWindow
from Xlib.xobject.drawable import Window

from tests.conftest import ANNA, missing_requirement
from tests.demo_process import CLI, DemoProcess

pytestmark = pytest.mark.keyring
BADGE_RED = (0xD1, 0x24, 0x2F)


@pytest.fixture
def x_display() -> Iterator[display.Display]:
    name = os.environ.get("OD_XVFB_DISPLAY")
    if name is None:
        missing_requirement("needs the Xvfb display tests/run.sh starts")
    if shutil.which("trayer") is None:
        missing_requirement("needs trayer (tests/run.sh installs it)")
    conn = display.Display(name)  # also keeps the server from resetting between clients
    yield conn
    conn.close()


@pytest.fixture
def tray_host(x_display: display.Display, qtbot: QtBot) -> Iterator[None]:
    env = {**os.environ, "DISPLAY": x_display.get_display_name()}
    host = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    selection = x_display.intern_atom(f"_NET_SYSTEM_TRAY_S{x_display.get_default_screen()}")
    qtbot.waitUntil(lambda: x_display.get_selection_owner(selection) != X.NONE, timeout=30_000)
    yield
    host.terminate()
    host.wait(timeout=30)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoProcess]:
    server = DemoProcess(tmp_path / "server-state.json")
    server.start()
    yield server
    server.stop()


def embedded_icon(conn: display.Display) -> tuple[Window, Window] | None:
    """Our icon's window, where the tray host reparented it (its class is the app's name),
    and the tray host's top-level window holding it."""
    root = conn.screen().root
    pending: list[Window] = list(root.query_tree().children)
    while pending:
        window = pending.pop()
        try:
            wm_class = window.get_wm_class()
            pending.extend(window.query_tree().children)
            if wm_class is None or wm_class[1] != "Operator Desktop":
                continue
            holder = window.query_tree().parent
            while holder.id != root.id:
                host_class = holder.get_wm_class()
                if host_class is not None and "trayer" in host_class:
                    return window, holder
                holder = holder.query_tree().parent
        except BadWindow:  # gone meanwhile
            continue
    return None


def badge_shown(icon: tuple[Window, Window]) -> bool | None:
    """Whether the icon, as the tray shows it, has the badge's red; None while not painted."""
    window, host = icon
    # what a window manager does for a panel: keep it above the app's window, which would
    # otherwise cover it on this bare X server (an X server keeps no covered pixels)
    if window.query_tree().root.query_tree().children[-1].id != host.id:
        host.configure(stack_mode=X.Above)
        return None  # exposed now: painted again shortly
    geometry = window.get_geometry()
    image = window.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap, 0xFFFFFFFF)
    data: bytes = image.data
    pixels = [(data[i + 2], data[i + 1], data[i]) for i in range(0, len(data) - 3, 4)]  # BGRX
    if len(set(pixels)) < 3:
        return None  # a bare background: not painted yet
    red = sum(1 for p in pixels if all(abs(c - b) < 40 for c, b in zip(p, BADGE_RED, strict=True)))
    return red > 20


def waiting_for_anna(url: str) -> list[dict[str, Any]]:
    """Conversations that wait for Anna: not resolved, unread, hers or nobody's."""
    found: list[dict[str, Any]] = []
    with httpx.Client(base_url=url, headers={"api_access_token": ANNA.access_token}) as client:
        page = 1
        while True:
            payload = client.get(
                "/api/v1/accounts/1/conversations",
                params={"status": "all", "assignee_type": "all", "page": page},
            ).json()["data"]["payload"]
            for conv in payload:
                assignee = (conv["meta"].get("assignee") or {}).get("id")
                if (
                    conv["status"] != "resolved"
                    and conv["unread_count"] > 0
                    and assignee in (None, ANNA.id)
                ):
                    found.append(conv)
            if len(payload) < 25:
                return found
            page += 1


def act(url: str, **body: Any) -> None:
    httpx.post(f"{url}/__control", json={"action": "act", **body}, timeout=10).raise_for_status()


def test_the_tray_hosts_the_icon_and_its_badge_follows_the_waiting_count(
    tray_host: None,  # noqa: ARG001 - running beside the app
    x_display: display.Display,
    demo: DemoProcess,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    data = tmp_path / "data"
    for args, stdin in (
        (["login", "--server", demo.url, "--token-stdin"], ANNA.access_token + "\n"),
        (["sync", "--once"], ""),
    ):
        subprocess.run(
            [*CLI, *args, "--data-dir", str(data)], input=stdin, text=True, check=True, timeout=120
        )
    env = {
        **os.environ,
        "DISPLAY": x_display.get_display_name(),
        "QT_QPA_PLATFORM": "xcb",
    }
    app = subprocess.Popen(
        [*CLI, "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        icon: list[tuple[Window, Window]] = []

        def hosted() -> bool:
            found = embedded_icon(x_display)
            if found is not None:
                icon[:] = [found]
            assert app.poll() is None, app.communicate()[1]
            return found is not None

        qtbot.waitUntil(hosted, timeout=60_000)
        waiting = waiting_for_anna(demo.url)
        assert waiting, "the demo has conversations waiting for Anna"
        qtbot.waitUntil(lambda: badge_shown(icon[0]) is True, timeout=60_000)

        for conv in waiting:  # another agent resolves everything that waits
            act(demo.url, conversation_id=conv["id"], op="status", status="resolved")
        qtbot.waitUntil(lambda: badge_shown(icon[0]) is False, timeout=60_000)

        reopened = waiting[0]["id"]
        act(demo.url, conversation_id=reopened, op="status", status="open")
        act(demo.url, conversation_id=reopened, op="customer_write", content="Still there?")
        qtbot.waitUntil(lambda: badge_shown(icon[0]) is True, timeout=60_000)
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            code = app.wait(timeout=60)
        finally:
            err = app.stderr.read() if app.stderr is not None else ""
            if app.stderr is not None:
                app.stderr.close()
    assert code == 0, err
