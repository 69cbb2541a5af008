"""Every benchmark, one table: each row the project's figure, its baseline measured in the same
run, their ratio and the target; written with the machine's description to `bench/results.md`.

Each benchmark runs in a fresh subprocess (`--json` gives its headline rows, `bench/table.py`)
of the runtime venv, which holds the app's dependencies and none of the test tools
(`bench/runtime_venv.py`, built on the first run); its own detailed output goes to
`bench/results.log`. The full run takes about 20 minutes (10
of them the memory benchmark's live traffic); `--quick` runs small scales for a smoke check,
and its table says so.

    .venv/bin/python bench/run_all.py            # 10k conversations, 200k and 1M messages
    .venv/bin/python bench/run_all.py --quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.runtime_venv import runtime_python
from bench.table import Row, read_rows

BENCH = Path(__file__).resolve().parent
NOT_MEASURED: tuple[tuple[str, str], ...] = ()  # (figure, target) of what is not measured


def plan(quick: bool) -> list[tuple[str, list[str]]]:
    """(script, arguments) of every benchmark at the chosen scale."""
    if quick:
        return [
            ("launch_bench.py", ["--rows", "2000", "--runs", "3"]),
            ("ingest_bench.py", ["--conversations", "500"]),
            ("search_bench.py", ["--conversations", "200", "--per-conversation", "100"]),
            ("chat_list_bench.py", ["--rows", "2000", "--repeat", "5", "--pages", "10"]),
            ("conversation_bench.py", ["--messages", "2000"]),
            ("live_bench.py", ["--seconds", "3"]),
            ("notification_bench.py", ["--count", "20"]),
            ("reply_guard_bench.py", ["--replies", "200"]),
            ("suggest_bench.py", ["--conversations", "500", "--questions", "150"]),
            ("memory_bench.py", ["--minutes", "1"]),
        ]
    return [
        ("launch_bench.py", ["--runs", "5"]),
        ("ingest_bench.py", []),
        ("search_bench.py", ["--conversations", "1000"]),  # 100,000 messages
        ("search_bench.py", []),  # 1,000,000 messages
        ("chat_list_bench.py", []),
        ("conversation_bench.py", []),
        ("live_bench.py", []),
        ("notification_bench.py", []),
        ("reply_guard_bench.py", []),
        ("suggest_bench.py", []),  # 5,000 generated conversations, 400 held-out questions
        ("memory_bench.py", ["--minutes", "10"]),
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    from PySide6 import __version__ as pyside

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}; "
        f"Python {platform.python_version()}, PySide6 {pyside}"
    )


def fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| figure | project | baseline | ratio | target | |",
        "|---|---:|---:|---:|---|---|",
    ]
    for r in rows:
        verdict = "—" if r.met is None else ("met" if r.met else "**missed**")
        lines.append(
            f"| {r.figure} | {fmt(r.project)} {r.unit} | {fmt(r.baseline)} {r.unit}"
            f" | {r.ratio:.2f}× | {r.target} | {verdict} |"
        )
    for figure, target in NOT_MEASURED:
        lines.append(f"| {figure} | — | — | — | {target} | not measured yet |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small scales, for a smoke check")
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure the app as it runs installed
    rows: list[Row] = []
    failed: list[str] = []
    python = runtime_python()
    started = time.monotonic()
    log_path = args.out.with_suffix(".log")
    with tempfile.TemporaryDirectory(prefix="run-all-") as tmp, log_path.open("w") as log:
        for index, (script, extra) in enumerate(plan(args.quick)):
            out = Path(tmp) / f"{index}.json"
            cmd = [str(python), str(BENCH / script), *extra, "--json", str(out)]
            print(f"running {script} {' '.join(extra)}", flush=True)
            log.write(f"$ python bench/{script} {' '.join(extra)}\n".replace(" \n", "\n"))
            log.flush()
            done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False)
            if out.exists():
                rows.extend(read_rows(out))
            elif done.returncode != 0:
                failed.append(script)
    minutes = (time.monotonic() - started) / 60
    without_local_paths(log_path)
    lines = table(rows)
    missed = [r.figure for r in rows if r.met is False]
    summary = (
        f"{len(rows)} figures, {len(rows) - len(missed)} met"
        + (f"; missed: {'; '.join(missed)}" if missed else "")
        + (f"; FAILED to run: {', '.join(failed)}" if failed else "")
    )
    print("\n".join(lines))
    print(summary)
    args.out.write_text(
        generated(args, minutes, lines, summary) + kept_notes(args.out), encoding="utf-8"
    )
    print(f"written to {args.out}")
    return 1 if failed else 0


def without_local_paths(log: Path) -> None:
    """The log names files relative to the checkout and Python's own as `<python>`
    (tracebacks print this machine's paths)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    text = text.replace(str(BENCH.parent) + "/", "").replace(sys.base_prefix, "<python>")
    log.write_text(text, encoding="utf-8")


def kept_notes(out: Path) -> str:
    """The hand-written sections of an earlier results file (from its first `## ` heading
    on: the misses' profiles), kept under the new table."""
    if not out.exists():
        return ""
    text = out.read_text(encoding="utf-8")
    at = text.find("\n## ")
    return text[at:] if at >= 0 else ""


def generated(args: argparse.Namespace, minutes: float, lines: list[str], summary: str) -> str:
    scale = "quick scales (--quick)" if args.quick else "full scale"
    return (
        "# Benchmark results\n\n"
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {scale}, {minutes:.0f} min;"
        f" `python bench/run_all.py{' --quick' if args.quick else ''}`.\n\n"
        f"Machine: {machine()}.\n\n" + "\n".join(lines) + f"\n\n{summary}\n\n"
        "Ratios are project ÷ baseline, the baseline measured in the same run (see each"
        " benchmark's docstring for what it is). Details of every run: `bench/results.log`.\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
