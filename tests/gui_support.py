"""GUI test support: a qasync loop on pytest-qt's QApplication, and a signed-in controller
backed by a real demo server on loopback and a real SQLite cache in a temp folder."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from operator_desktop.app.bootstrap import build_controller
from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.seed import DemoUser
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.net.cable import CableTimings
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.sync.engine import SyncSettings
from operator_desktop.ui.controller import AppController
from tests.conftest import ADMIN

T = TypeVar("T")

FAST = SyncSettings(request_rate=500.0, poll_after=2.0, tick=0.05, outbox_retry=0.2)
FAST_CABLE = CableTimings(confirm_timeout=2.0, watchdog=5.0, presence_interval=2.0)


@dataclass
class GuiEnv:
    loop: qasync.QEventLoop
    url: str
    workspace: Workspace
    controller: AppController
    live_tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def run(self, coro: Coroutine[Any, Any, T], within: float = 60.0) -> T:
        result: T = self.loop.run_until_complete(asyncio.wait_for(coro, within))
        return result

    def control(self, **body: Any) -> dict[str, Any]:
        import httpx

        response = httpx.post(f"{self.url}/__control", json=body, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def start_live(self) -> asyncio.Task[None]:
        """Run the engine live (cable, outbox, polling) on the Qt loop until the test ends."""
        task: asyncio.Task[None] = self.loop.create_task(
            self.controller.actions.engine.run(live=True)
        )
        self.live_tasks.append(task)
        return task


class SteppingLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop without the last `processEvents` of `run_until_complete`.

    qasync processes pending Qt events once more after the loop stopped and the running loop
    was unset; a background task stepped there (httpx, `asyncio.sleep`) fails with "no
    running event loop". Here those events simply wait for the next `run_until_complete`.
    """

    def run_until_complete(self, future: Any) -> Any:
        task = asyncio.ensure_future(future, loop=self)

        def stop(_task: object) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return task.result()


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A `SteppingLoop` on pytest-qt's application: background tasks never step outside it.

    Closing a test's last window (a sign-in dialog that succeeded) must not quit Qt's loop
    under a running test, as the app itself never lets it (`GuiApp`).
    """
    qapp.setQuitOnLastWindowClosed(False)
    loop = SteppingLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)
    gc.collect()  # free the loop's QObjects on this thread, not later from a server thread


@contextmanager
def gui_environment(
    qloop: qasync.QEventLoop, data_dir: Path, user: DemoUser | None = None
) -> Iterator[GuiEnv]:
    """Signed in as `user` (John, administrator, by default) with the seeded data already
    synced into a cache in `data_dir`."""
    signed_in: DemoUser = user or ADMIN
    server = DemoServerThread(DemoConfig(port=0, control=True))
    url = server.start()
    tokens = TokenStore(MemoryKeyring())
    workspace = Workspace(DataDir(data_dir), tokens=tokens)

    async def setup() -> AppController:
        async with ChatwootClient(url, token=signed_in.access_token) as client:
            profile = await client.profile()
        tokens.set(url, profile.email, profile.access_token)
        await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [1])
        account = workspace.resolve(url, 1)
        controller = await build_controller(
            workspace, account, settings=FAST, cable_timings=FAST_CABLE
        )
        await controller.actions.engine.run(live=False)
        await controller.load_reference()
        return controller

    controller = qloop.run_until_complete(setup())
    env = GuiEnv(qloop, url, workspace, controller)
    try:
        yield env
    finally:
        qloop.run_until_complete(controller.actions.engine.stop())
        for task in env.live_tasks:
            task.cancel()
        if env.live_tasks:
            qloop.run_until_complete(asyncio.gather(*env.live_tasks, return_exceptions=True))
        controller.runner.cancel_all()
        qloop.run_until_complete(controller.actions.engine.client.aclose())
        workspace.close()
        server.stop()


@pytest.fixture
def gui_env(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[GuiEnv]:
    """Signed in as John (administrator) with the seeded data already synced."""
    with gui_environment(qloop, tmp_path / "data") as env:
        yield env
