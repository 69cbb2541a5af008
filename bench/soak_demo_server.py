"""Soak test of the demo server: memory stays flat under simulated customers and a live client.

Starts `operator-desktop demo-server --port 0 --simulate --simulate-interval 0.2` as a
subprocess, connects an ActionCable client for John (subscribe, `update_presence` every 20 s)
and polls REST like a client would (conversation list, messages, an agent reply now and then).
Every 30 s it samples the server process's resident memory (VmRSS from /proc/PID/status) and
prints a row. At the end it prints the table and the ratio of the last sample to the first and
to the baseline, the first sample after warm-up; it exits 1 if RSS grew by more than 50% over
that baseline, or if the server failed.

Not run in CI. Usage:

    python bench/soak_demo_server.py --minutes 60
    python bench/soak_demo_server.py --minutes 2      # a quick check that it works
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import shutil
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

JOHN_TOKEN = "demo-token-john-admin-7Hq2xN4pLk9s"
JOHN_PUBSUB = "demo-pubsub-john-Rt3vW8yB2mQ5"
JOHN_ID = 1
ACCOUNT = 1
PROTOCOLS = [Subprotocol("actioncable-v1-json"), Subprotocol("actioncable-unsupported")]
READY_TIMEOUT = 60.0
POLL_SECONDS = 2.0
REPLY_EVERY = 10.0
PRESENCE_EVERY = 20.0


@dataclass
class Sample:
    elapsed: float
    rss_kb: int
    events: int
    rest_ok: int
    rest_failed: int
    conversations: int | None
    baseline: bool = False


@dataclass
class Stats:
    events: Counter[str] = field(default_factory=Counter)
    rest: Counter[str] = field(default_factory=Counter)
    cable_connects: int = 0
    conversations: int | None = None


def server_command(interval: float) -> list[str]:
    """The console script next to this Python, or `python -m operator_desktop`."""
    script = shutil.which("operator-desktop", path=str(Path(sys.executable).parent))
    base = [script] if script else [sys.executable, "-m", "operator_desktop"]
    return [
        *base,
        "demo-server",
        "--port",
        "0",
        "--simulate",
        "--simulate-interval",
        str(interval),
    ]


def rss_kb(pid: int) -> int:
    """Resident set size of a process in kB, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


async def cable_client(url: str, stats: Stats, stop: asyncio.Event) -> None:
    """John's cable subscription: counts events, keeps presence, reconnects when dropped."""
    ident = json.dumps(
        {
            "channel": "RoomChannel",
            "pubsub_token": JOHN_PUBSUB,
            "account_id": ACCOUNT,
            "user_id": JOHN_ID,
        },
        separators=(",", ":"),
    )
    presence = json.dumps(
        {
            "command": "message",
            "identifier": ident,
            "data": json.dumps({"action": "update_presence"}),
        }
    )
    cable_url = url.replace("http", "ws", 1) + "/cable"
    while not stop.is_set():
        try:
            async with connect(cable_url, subprotocols=PROTOCOLS, ping_interval=None) as ws:
                stats.cable_connects += 1
                await ws.send(json.dumps({"command": "subscribe", "identifier": ident}))
                loop = asyncio.get_running_loop()
                next_presence = loop.time() + PRESENCE_EVERY
                while not stop.is_set():
                    timeout = max(0.1, min(next_presence - loop.time(), 1.0))
                    try:
                        raw = await asyncio.wait_for(ws.recv(), timeout)
                    except TimeoutError:
                        raw = None
                    if raw is not None:
                        frame = json.loads(raw)
                        message = frame.get("message")
                        if isinstance(message, dict) and "event" in message:
                            stats.events[str(message["event"])] += 1
                        elif frame.get("type") == "disconnect":
                            break
                    if loop.time() >= next_presence:
                        await ws.send(presence)
                        next_presence = loop.time() + PRESENCE_EVERY
        except (OSError, ValueError, TimeoutError) as exc:
            stats.rest[f"cable error {type(exc).__name__}"] += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)


async def rest_poller(url: str, stats: Stats, stop: asyncio.Event, seed: int) -> None:
    """A client's REST traffic: list, open a few conversations, reply now and then."""
    rng = random.Random(seed)
    headers = {"api_access_token": JOHN_TOKEN}
    base = f"/api/v1/accounts/{ACCOUNT}/conversations"
    loop = asyncio.get_running_loop()
    next_reply = loop.time() + REPLY_EVERY
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30.0) as client:
        while not stop.is_set():
            try:
                resp = await client.get(base, params={"status": "all"})
                stats.rest[f"list {resp.status_code}"] += 1
                open_ids: list[int] = []
                if resp.status_code == 200:
                    data = resp.json()["data"]
                    stats.conversations = int(data["meta"]["all_count"])
                    payload: list[dict[str, Any]] = data["payload"]
                    open_ids = [c["id"] for c in payload if c["status"] == "open"]
                    for conv in rng.sample(payload, min(3, len(payload))):
                        msgs = await client.get(f"{base}/{conv['id']}/messages")
                        stats.rest[f"messages {msgs.status_code}"] += 1
                if open_ids and loop.time() >= next_reply:
                    next_reply = loop.time() + REPLY_EVERY
                    reply = await client.post(
                        f"{base}/{rng.choice(open_ids)}/messages",
                        json={"content": "Thanks for writing, let me check.", "private": False},
                    )
                    stats.rest[f"reply {reply.status_code}"] += 1
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                stats.rest[f"error {type(exc).__name__}"] += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)


def rest_counts(stats: Stats) -> tuple[int, int]:
    ok = sum(n for key, n in stats.rest.items() if key.endswith((" 200", " 201")))
    return ok, sum(stats.rest.values()) - ok


def print_row(sample: Sample) -> None:
    conversations = "-" if sample.conversations is None else str(sample.conversations)
    mark = "  <- baseline" if sample.baseline else ""
    print(
        f"{sample.elapsed:8.0f} {sample.rss_kb / 1024:10.1f} {sample.events:8d} "
        f"{sample.rest_ok:8d} {sample.rest_failed:7d} {conversations:>6}{mark}",
        flush=True,
    )


HEADER = f"{'seconds':>8} {'RSS MiB':>10} {'events':>8} {'REST ok':>8} {'failed':>7} {'convs':>6}"


async def soak(args: argparse.Namespace) -> int:
    duration = args.minutes * 60.0
    warmup = args.warmup if args.warmup is not None else min(600.0, max(30.0, duration * 0.2))
    command = server_command(args.interval)
    print("server:", " ".join(command), flush=True)
    proc = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
    assert proc.stdout is not None
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), READY_TIMEOUT)
    except TimeoutError:
        proc.kill()
        print("the server did not print READY in time", file=sys.stderr)
        return 1
    text = line.decode("utf-8").strip()
    if not text.startswith("READY "):
        print(f"unexpected first line from the server: {text!r}", file=sys.stderr)
        proc.kill()
        return 1
    url = text.split(" ", 1)[1]
    print(
        f"soaking {url} (pid {proc.pid}) for {args.minutes:g} min, warm-up {warmup:.0f} s, "
        f"a sample every {args.sample_seconds:g} s",
        flush=True,
    )
    stats = Stats()
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(cable_client(url, stats, stop)),
        asyncio.create_task(rest_poller(url, stats, stop, seed=1)),
    ]
    samples: list[Sample] = []
    started = time.monotonic()
    failed = False
    print(HEADER, flush=True)
    try:
        while True:
            elapsed = time.monotonic() - started
            if proc.returncode is not None:
                print(f"the server exited early with {proc.returncode}", file=sys.stderr)
                failed = True
                break
            ok, bad = rest_counts(stats)
            sample = Sample(
                elapsed, rss_kb(proc.pid), sum(stats.events.values()), ok, bad, stats.conversations
            )
            sample.baseline = elapsed >= warmup and not any(s.baseline for s in samples)
            samples.append(sample)
            print_row(sample)
            if elapsed >= duration:
                break
            wait = min(args.sample_seconds, duration - elapsed)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), max(wait, 0.0))
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                code = await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                code = await proc.wait()
            if code != 0:
                print(f"the server exited with {code} after SIGTERM", file=sys.stderr)
                failed = True
    return report(samples, stats, args.max_growth, failed)


def report(samples: list[Sample], stats: Stats, max_growth: float, failed: bool) -> int:
    print()
    print("RSS samples:")
    print(HEADER)
    for sample in samples:
        print_row(sample)
    print()
    print("cable events:", dict(stats.events.most_common()))
    print("cable connections:", stats.cable_connects)
    print("REST:", dict(sorted(stats.rest.items())))
    if len(samples) < 2:
        print("too few samples", file=sys.stderr)
        return 1
    first, last = samples[0], samples[-1]
    print(
        f"last / first RSS: {last.rss_kb / first.rss_kb:.3f} "
        f"({first.rss_kb / 1024:.1f} -> {last.rss_kb / 1024:.1f} MiB)"
    )
    baseline = next((s for s in samples if s.baseline), None)
    if baseline is None or baseline is last:
        print("no sample after warm-up to compare with: run longer", file=sys.stderr)
        return 1
    growth = last.rss_kb / baseline.rss_kb
    print(f"last / baseline (after warm-up, at {baseline.elapsed:.0f} s) RSS: {growth:.3f}")
    if growth > 1.0 + max_growth:
        print(f"FAIL: RSS grew by more than {max_growth:.0%} after warm-up", file=sys.stderr)
        return 1
    if failed:
        print("FAIL: the server did not run cleanly", file=sys.stderr)
        return 1
    print("OK")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=60.0, help="how long (default 60)")
    parser.add_argument(
        "--sample-seconds",
        type=float,
        default=30.0,
        help="seconds between RSS samples (default 30)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=None,
        metavar="SECONDS",
        help="seconds before the baseline sample (default: 20%% of the run, "
        "at least 30 s and at most 10 min)",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=0.2,
        help="--simulate-interval of the server (default 0.2)",
    )
    parser.add_argument(
        "--max-growth",
        type=float,
        default=0.5,
        help="allowed RSS growth over the baseline (default 0.5 = 50%%)",
    )
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.sample_seconds <= 0:
        parser.error("--minutes and --sample-seconds must be positive")
    return asyncio.run(soak(args))


if __name__ == "__main__":
    sys.exit(main())
