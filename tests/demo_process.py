"""`operator-desktop demo-server` in a child process, restartable on the same port with its
state kept (`--state`): the CLI tests and the chaos run (`bench/chaos.py`) use it."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

CLI = [sys.executable, "-m", "operator_desktop"]
START_PATIENCE = 60.0  # seconds for the server to say READY


class DemoProcess:
    """`start(*extra)` runs the server with `args` and `extra`; after `stop` (SIGTERM, which
    saves the state) `start` again comes back on the same port with the same data."""

    def __init__(
        self,
        state: Path,
        *,
        args: tuple[str, ...] = ("--control",),
        log: IO[str] | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.state = state
        self.args = args
        self.log = log
        self.cwd = cwd
        self.env = env
        self.port = 0
        self.url = ""
        self.proc: subprocess.Popen[str] | None = None

    def start(self, *extra: str) -> str:
        cmd = [*CLI, "demo-server", "--port", str(self.port), "--state", str(self.state)]
        self.proc = subprocess.Popen(
            [*cmd, *self.args, *extra],
            stdout=subprocess.PIPE,
            stderr=self.log if self.log is not None else subprocess.PIPE,
            text=True,
            cwd=self.cwd,
            env=self.env,
        )
        assert self.proc.stdout is not None
        line = _read_line(self.proc.stdout, START_PATIENCE)
        if not line.startswith("READY "):
            self.proc.kill()
            errors = self.proc.stderr.read() if self.proc.stderr is not None else ""
            raise RuntimeError(f"the demo server did not start: {line or errors!r}")
        self.url = line.split(" ", 1)[1].rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])
        return self.url

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        self.proc = None


def _read_line(stream: IO[str], timeout: float) -> str:
    """One line from a child's output, or "" when it says nothing for `timeout` seconds."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0].strip() if lines else ""
