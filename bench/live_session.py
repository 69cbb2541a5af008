"""The app's live path for the benchmarks: John signed in to a demo server, a controller built
by the composition root, the engine synced and then live, and a clean shutdown.

`LiveSession.open(url, folder)` signs in with John's demo token (a memory keyring), builds the
controller (`app.bootstrap.build_controller`), runs the initial sync and loads the reference
data; `go_live()` starts the engine's live task and returns once the cable is connected;
`close()` stops it all. Used by the live, notification and memory benchmarks, with
`demo_server()`, the demo server in its own process.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.core.status import CableState
from operator_desktop.demo.seed import DEMO_USERS
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.ui.controller import AppController


def demo_server() -> tuple[subprocess.Popen[str], str]:
    """`operator-desktop demo-server --control` in its own process, as a real server is:
    (the process and its URL)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "operator_desktop", "demo-server", "--port", "0", "--control"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        raise RuntimeError(f"the demo server did not start: {line!r}")
    return proc, line.split(" ", 1)[1]


ADMIN = DEMO_USERS[0]  # John, administrator of account 1: sees every conversation
CONNECT_PATIENCE = 60.0  # seconds for the cable to connect


@dataclass
class LiveSession:
    workspace: Workspace
    controller: AppController
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    async def open(cls, url: str, folder: Path) -> LiveSession:
        tokens = TokenStore(MemoryKeyring())
        workspace = Workspace(DataDir(folder), tokens=tokens)
        async with ChatwootClient(url, token=ADMIN.access_token) as client:
            profile = await client.profile()
        tokens.set(url, profile.email, profile.access_token)
        await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [1])
        controller = await build_controller(workspace, workspace.resolve(url, 1))
        await controller.actions.engine.run(live=False)
        await controller.load_reference()
        return cls(workspace, controller)

    async def go_live(self) -> None:
        """Run the engine live; return once its cable is connected."""
        engine = self.controller.actions.engine
        connected: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_status(_status: object) -> None:
            if engine.status.cable is CableState.CONNECTED and not connected.done():
                connected.set_result(None)

        self.controller.statusChanged.connect(on_status)
        self.tasks.append(asyncio.get_running_loop().create_task(engine.run(live=True)))
        await asyncio.wait_for(connected, CONNECT_PATIENCE)

    async def close(self) -> None:
        engine = self.controller.actions.engine
        await engine.stop()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.controller.runner.cancel_all()
        await engine.client.aclose()
        self.workspace.close()
