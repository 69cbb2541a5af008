"""The demo: the embedded demo server in its own thread, and a workspace signed in to it.

Everything lives in the demo's own folder (`<data>/demo`): the server's state
(`server-state.json`, so a restarted demo keeps its history) and the client cache. The demo
users' tokens are public (README), so they are kept in memory, not in the OS keyring.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from operator_desktop.core.changes import AccountKey
from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.seed import DEMO_USERS
from operator_desktop.demo.server import DemoServerThread
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.storage.cache import SignedInAccount

log = logging.getLogger("ui")

DEMO_USER = DEMO_USERS[0]  # John, administrator of the main account
DEMO_ACCOUNT = 1


class DemoSession:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.server: DemoServerThread | None = None
        self.workspace: Workspace | None = None

    @property
    def _port_file(self) -> Path:
        return self.root / "server.json"

    def _saved_port(self) -> int:
        try:
            return int(json.loads(self._port_file.read_text(encoding="utf-8"))["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0

    def _start_server(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        for port in dict.fromkeys((self._saved_port(), 0)):
            config = DemoConfig(
                port=port, simulate=True, state_file=self.root / "server-state.json"
            )
            server = DemoServerThread(config)
            try:
                url = server.start()
            except RuntimeError as exc:
                log.info("demo server could not use port %s: %s", port, exc)
                continue
            self.server = server
            self._port_file.write_text(json.dumps({"port": config.port}), encoding="utf-8")
            return url
        raise RuntimeError("the demo server could not start")

    async def start(self) -> tuple[Workspace, SignedInAccount]:
        url = self._start_server()
        tokens = TokenStore(MemoryKeyring())  # the demo's tokens are public
        workspace = await Workspace.opened(DataDir(self.root / "client"), tokens=tokens)
        self.workspace = workspace
        old = [a.key.server_url for a in workspace.accounts() if a.key.server_url != url]
        for previous in old:  # the port changed: keep the history under the new address
            await workspace.worker.run(workspace.cache.rename_server, previous, url)
        async with ChatwootClient(url, token=DEMO_USER.access_token) as client:
            profile = await client.profile()
        await tokens.aset(url, profile.email, profile.access_token)
        await workspace.worker.run(workspace.cache.save_sign_in, url, profile, [DEMO_ACCOUNT])
        return workspace, workspace.resolve(url, DEMO_ACCOUNT)

    def key(self) -> AccountKey | None:
        if self.server is None:
            return None
        return AccountKey(self.server.url, DEMO_ACCOUNT)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
