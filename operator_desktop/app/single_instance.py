"""One running app per data folder: a second launch raises the first and exits.

`InstanceGuard` names a local socket (`QLocalServer`: a Unix socket, a named pipe on Windows)
after the user and the resolved data folder, so `--data-dir` runs of other folders are
separate apps. A launch first tries to reach a running app there and asks it to show itself;
if nobody answers it listens (removing a socket left by a killed process first), and
`raiseRequested` fires for every later launch.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("ui")

RAISE = b"raise\n"
ANSWER = b"raised\n"
CONNECT_MS = 500
REPLY_MS = 2_000


def instance_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"operator-desktop-{digest}"


class InstanceGuard(QObject):
    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_name(data_dir)
        self.server: QLocalServer | None = None

    def raise_running(self) -> bool:
        """Ask an app already running on this folder to show itself; True when one listens
        (even if it is too busy to answer at once: it is running, and a second app on the
        same cache must not start). Blocking for at most a couple of seconds, before any
        event loop runs."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(RAISE)
        socket.waitForBytesWritten(REPLY_MS)
        if not (socket.waitForReadyRead(REPLY_MS) and bytes(socket.readAll().data()) == ANSWER):
            log.info("single instance: the running app did not answer in time")
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the folder's running app; False if the socket cannot be made (then the app
        runs without the guard, and says so in the log)."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # nobody answered on it (raise_running came first): left by a killed process
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single instance: cannot listen (%s)", server.errorString())
                return False
        server.newConnection.connect(self._connected)
        self.server = server
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _connected(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            socket.write(ANSWER)
            socket.flush()
            log.info("single instance: another launch asked for the window")
            self.raiseRequested.emit()
