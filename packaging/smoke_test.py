"""Smoke test of a built bundle: runs the frozen program as a user would, and checks what it does.

    python packaging/smoke_test.py PROGRAM [--cli]

PROGRAM is dist/operator-desktop/operator-desktop (Linux), ...\\operator-desktop.exe (Windows)
or "dist/Operator Desktop.app/Contents/MacOS/operator-desktop" (macOS). Checked: `--version`,
`demo-server --credentials`, and `--demo --screenshot` (offscreen), whose PNG must be a real
window picture; with `--cli` also the headless client against the program's own demo server
(started on a free port): `login`, `sync --once`, `search` (a Russian word form),
`export --redact` (phonenumbers' metadata, loaded lazily), `export --format pdf` and `logout`.
`--cli` stores a token in the OS keyring, so on Linux it runs inside a session with an
unlocked Secret Service (tests/run.sh).
Needs only the standard library and Pillow. Exits 0 when everything passed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from PIL import Image, ImageStat

START_PATIENCE = 60.0  # seconds for the demo server to say READY
TIMEOUT = 180.0  # seconds any one command may take (the screenshot syncs the demo first)


class SmokeFailure(Exception):
    pass


def run(
    program: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(
        [str(program), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    took = time.monotonic() - started
    print(f"  {' '.join(args)}: exit {result.returncode} in {took:.1f} s")
    if result.returncode != 0:
        raise SmokeFailure(
            f"`{' '.join(args)}` exited {result.returncode}\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-4000:]}"
        )
    return result


def check_version(program: Path) -> None:
    out = run(program, "--version").stdout.strip()
    if not out.startswith("operator-desktop ") or not out.split()[-1][0].isdigit():
        raise SmokeFailure(f"--version printed {out!r}")


def check_credentials(program: Path) -> dict[str, str]:
    data = json.loads(run(program, "demo-server", "--credentials").stdout)
    users = data["users"]
    if not users or not all({"email", "password"} <= set(u) for u in users):
        raise SmokeFailure(f"demo-server --credentials printed no users: {data!r}")
    return dict(users[0])


def check_screenshot(program: Path, work: Path) -> None:
    shot = work / "screenshot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run(program, "--data-dir", str(work / "gui"), "--demo", "--screenshot", str(shot), env=env)
    if not shot.is_file() or shot.stat().st_size < 20_000:
        raise SmokeFailure(f"no screenshot, or a tiny one: {shot}")
    with Image.open(shot) as image:
        image.load()
        if image.format != "PNG" or image.width < 800 or image.height < 500:
            raise SmokeFailure(f"screenshot is {image.format} {image.size}, not a window")
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        spread = ImageStat.Stat(rgb.convert("L")).stddev[0]
        if (colours is not None and len(colours) < 50) or spread < 10:
            raise SmokeFailure(f"screenshot looks blank ({spread=:.1f})")
    print(f"  screenshot: {image.width}x{image.height}, {shot.stat().st_size} bytes")


def check_reply_guard(program: Path) -> None:
    """The chat-rules guard reads its shipped rules file (package data) and the stemmer."""
    found = json.loads(
        run(
            program, "check-reply", "--text-stdin", "--json", stdin="Вы идиот, ЗАЧЕМ ВЫ ТАК ПИШЕТЕ"
        ).stdout
    )["findings"]
    rules = {f["rule"] for f in found}
    if not {"rudeness", "shouting"} <= rules:
        raise SmokeFailure(f"check-reply found {sorted(rules)} in a rude, shouted reply")


def _read_line(stream: IO[str], timeout: float) -> str:
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0].strip() if lines else ""


def check_cli(program: Path, work: Path, user: dict[str, str]) -> None:
    server = subprocess.Popen(
        [str(program), "demo-server", "--port", "0", "--state", str(work / "server.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert server.stdout is not None
        line = _read_line(server.stdout, START_PATIENCE)
        if not line.startswith("READY "):
            server.kill()
            raise SmokeFailure(f"the demo server did not start: {line!r}")
        url = line.split(" ", 1)[1].rstrip("/")
        print(f"  demo-server: {url}")
        data = ["--data-dir", str(work / "cli")]
        login = run(
            program,
            "login",
            "--server",
            url,
            "--email",
            user["email"],
            "--password-stdin",
            *data,
            stdin=user["password"] + "\n",
        )
        if user["email"] not in login.stdout:
            raise SmokeFailure(f"login did not name the account: {login.stdout!r}")
        run(program, "sync", "--once", *data)
        hits = json.loads(run(program, "search", "заказом", "--json", *data).stdout)
        if not hits or "conversation_id" not in hits[0]:
            raise SmokeFailure(f"search found nothing: {hits!r}")
        # the redaction reads phonenumbers' metadata (imported by name when first needed),
        # the PDF is laid out by Qt without a window
        redacted = work / "redacted.txt"
        run(program, "export", "--format", "txt", "--redact", "--output", str(redacted), *data)
        text = redacted.read_text(encoding="utf-8")
        if "[phone]" not in text:
            raise SmokeFailure("export --redact replaced no phone number")
        pdf = work / "export.pdf"
        run(program, "export", "--format", "pdf", "--output", str(pdf), *data)
        if not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 5_000:
            raise SmokeFailure("export --format pdf wrote no PDF")
        run(program, "logout", *data)
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        for stream in (server.stdout, server.stderr):
            if stream is not None:
                stream.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", type=Path, help="the frozen operator-desktop program")
    parser.add_argument("--cli", action="store_true", help="also login/sync/search/export/logout")
    args = parser.parse_args(argv)
    program: Path = args.program.resolve()
    if not program.is_file():
        print(f"smoke_test.py: no program at {program}: build it first", file=sys.stderr)
        return 1
    started = time.monotonic()
    print(f"smoke test of {program}")
    try:
        with tempfile.TemporaryDirectory(prefix="od-smoke-") as tmp:
            work = Path(tmp)
            check_version(program)
            user = check_credentials(program)
            check_screenshot(program, work)
            check_reply_guard(program)
            if args.cli:
                check_cli(program, work, user)
    except (SmokeFailure, subprocess.TimeoutExpired) as exc:
        print(f"smoke_test.py: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"smoke test passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
