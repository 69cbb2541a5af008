"""Launch benchmark: a fresh app process to its first painted chat list, and its memory then.

The app starts offline (its server is a closed port on this machine) from a data folder whose
cache holds 10,000 conversations, exactly as an operator's window starts on a train:
`python -m operator_desktop --data-dir … --screenshot … -v`, timed from the spawn to its log
line "first screen painted", when the resident memory (VmRSS) is read. The baseline is a bare
PySide6 process showing a 10-row `QListView`, timed and measured the same way. Each side runs
`--runs` times (alternating), and the medians are compared; the targets (issue 11) are
start ≤ 1.5× the bare process and RSS ≤ bare + 80 MB.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/launch_bench.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.startup_bench import write_cache
from bench.table import Row, add_json_option, write_rows
from operator_desktop.services.secrets import MemoryKeyring, TokenStore
from operator_desktop.services.session import DataDir, Workspace

ROOT = Path(__file__).resolve().parent.parent
OFFLINE_SERVER = "http://127.0.0.1:9"  # the discard port: nothing listens, refused at once
APP_MARK = "first screen painted"
BARE_MARK = "bare first paint"
START_RATIO = 1.5
RSS_EXTRA_MB = 80.0
BARE = f"""
import sys
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication, QListView
app = QApplication(sys.argv)
view = QListView()
view.setModel(QStringListModel([f"Conversation {{i}}" for i in range(10)]))
view.resize(380, 600)
view.show()
view.repaint()
print("{BARE_MARK}", file=sys.stderr, flush=True)
sys.stdin.read()
"""


@dataclass(frozen=True)
class Launch:
    seconds: float
    rss_mb: float


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def launch(cmd: list[str], mark: str, keyring: Path | None = None) -> Launch:
    env = {
        # as installed apps start: with the compiled bytecode cached (the warm-up run
        # writes it), not compiling every module from source each time
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "bench.keyring_backend.BenchKeyring",
        "OD_BENCH_KEYRING": str(keyring or Path(tempfile.gettempdir()) / "bench-keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True, env=env,
    )  # fmt: skip
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if mark in line:
                seconds = time.perf_counter() - started
                return Launch(seconds, rss_mb(proc.pid))
        raise RuntimeError(f"{cmd[:3]} exited ({proc.wait()}) before painting")
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
        if proc.stdin is not None:
            proc.stdin.close()


def data_folder(root: Path, rows: int) -> Path:
    workspace = Workspace(DataDir(root), tokens=TokenStore(MemoryKeyring()))
    try:
        workspace.worker.call(write_cache, workspace, rows, OFFLINE_SERVER)
    finally:
        workspace.close()
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    app: list[Launch] = []
    bare: list[Launch] = []
    with tempfile.TemporaryDirectory(prefix="launch-bench-") as tmp:
        folder = data_folder(Path(tmp) / "data", args.rows)
        shot = str(Path(tmp) / "shot.png")
        app_cmd = [sys.executable, "-m", "operator_desktop", "--data-dir", str(folder),
                   "--screenshot", shot, "-v"]  # fmt: skip
        keyring = Path(tmp) / "keyring.json"
        launch(app_cmd, APP_MARK, keyring)  # warm the file cache (and encrypt the cache)
        launch([sys.executable, "-c", BARE], BARE_MARK)
        for _ in range(args.runs):
            app.append(launch(app_cmd, APP_MARK, keyring))
            bare.append(launch([sys.executable, "-c", BARE], BARE_MARK))
    start_app = statistics.median(a.seconds for a in app)
    start_bare = statistics.median(b.seconds for b in bare)
    rss_app = statistics.median(a.rss_mb for a in app)
    rss_bare = statistics.median(b.rss_mb for b in bare)
    ratio = start_app / start_bare
    print(f"launch to first paint, {args.rows:,} conversations cached, median of {args.runs}")
    print(f"  {'':16}{'app':>10}{'bare Qt':>10}{'ratio':>9}   target")
    print(f"  {'start (s)':16}{start_app:10.2f}{start_bare:10.2f}{ratio:8.2f}×   ≤ {START_RATIO}×")
    extra = rss_app - rss_bare
    print(
        f"  {'RSS (MiB)':16}{rss_app:10.1f}{rss_bare:10.1f}{extra:+8.1f}    ≤ +{RSS_EXTRA_MB:.0f}"
    )
    missed = [
        n for n, bad in (("start", ratio > START_RATIO), ("RSS", extra > RSS_EXTRA_MB)) if bad
    ]
    print("  targets: " + ("met" if not missed else "MISSED: " + ", ".join(missed)))
    write_rows(
        args.json,
        [
            Row(f"start to first paint, {args.rows:,} cached", start_app, start_bare, "s",
                f"≤ {START_RATIO}× bare Qt", ratio <= START_RATIO),
            Row("RSS after start", rss_app, rss_bare, "MiB", f"≤ bare + {RSS_EXTRA_MB:.0f} MiB",
                extra <= RSS_EXTRA_MB),
        ],
    )  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
