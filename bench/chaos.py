"""The chaos run: a live client through a hostile network, killed at random, loses nothing.

    python bench/chaos.py --minutes 10 [--seed N] [--rate 50] [--json]

What it does, all on loopback:
- the demo server (its own process, `--state` kept) simulates about `--rate` customer
  messages a second; halfway through it is stopped and started again on the same port;
- between it and the client a fault proxy (`tests/fault_proxy.py`) fails 5% of the requests
  with 500, forwards another 5% but loses their responses (the server acted, the client never
  hears), answers bursts of 429 `Retry later` and drops every websocket about every 20 s;
- the client: `operator-desktop sync` staying live, SIGKILLed at random moments and started
  again; beside it, on the same data folder, `operator-desktop send` processes replying to
  random conversations through the outbox, some of them SIGKILLed too.

Then the faults stop, the server is restarted without its customers (so that it holds still)
and the live client is given `--settle` seconds to catch up. The verdict compares the cache
with the server, conversation by conversation (the server asked directly, not through the
proxy): every server message the cache should hold is there (0 lost), nothing is cached twice
or that the server does not have, every acknowledged reply (`send` exited 0 "sent" or 3
"queued") is on the server exactly once, no reply at all is there twice, the outbox is empty,
and `PRAGMA integrity_check` says ok. It prints one line of counts (the README shows the latest)
and exits 1 when anything was lost or duplicated. The test suite runs a 2-minute version.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from operator_desktop.core.errors import OperatorError  # noqa: E402
from operator_desktop.demo.seed import DEMO_USERS  # noqa: E402
from operator_desktop.services.secrets import MemoryKeyring, TokenStore  # noqa: E402
from tests.cache_fixtures import RAW_ERRORS, raw_connection  # noqa: E402
from tests.demo_process import CLI, DemoProcess  # noqa: E402
from tests.fault_proxy import Fault, FaultProxy  # noqa: E402

ADMIN = DEMO_USERS[0]  # John, administrator of account 1: sees every conversation
ACCOUNT = 1
API = r"/(api|auth)/.*"
REPLY_MARK = re.compile(r"\[ref CH-(\d+)\]")
# the customers' load: one message in ten opens a conversation, the rest follow up (up to a
# dozen unanswered), as in a busy support inbox; every simulator action writes a message
NEW_CONVERSATION_SHARE = 0.1
PATIENCE = 12


@dataclass
class ChaosSettings:
    minutes: float = 10.0
    seed: int = 1
    rate: float = 50.0  # simulated customer messages a second
    error_chance: float = 0.05  # requests answered 500 without being forwarded
    lost_chance: float = 0.05  # requests forwarded whose responses are lost
    socket_drop_every: float = 20.0  # seconds, on average, between websocket drops
    burst_every: float = 30.0  # seconds, on average, between bursts of 429
    kill_every: float = 15.0  # seconds, on average, between SIGKILLs of the live client
    reply_every: float = 2.0  # seconds, on average, between `send` processes
    send_kill_chance: float = 0.15  # `send` processes SIGKILLed before they finish
    settle: float = 180.0  # seconds the live client gets to catch up at the end
    first_sync_patience: float = 600.0


@dataclass
class ChaosReport:
    minutes: float
    conversations: int = 0
    server_messages: int = 0
    written: int = 0  # new server messages during the run (customers, replies, activity)
    first_sync: float = 0.0  # seconds the client's first sync took, under the faults
    cached_messages: int = 0
    lost: int = 0  # server messages the cache should hold but does not
    phantom: int = 0  # cached messages the server does not have
    cached_twice: int = 0
    history_incomplete: int = 0  # conversations whose older pages are not cached (not lost)
    replies_acknowledged: int = 0
    replies_delivered_once: int = 0
    replies_missing: int = 0  # acknowledged, not on the server
    replies_unacknowledged: int = 0  # `send` killed or failed: 0 or 1 copies are fine
    replies_duplicated: int = 0  # any reply on the server more than once
    outbox_left: dict[str, int] = field(default_factory=dict)
    client_kills: int = 0
    send_kills: int = 0
    server_restarts: int = 0
    proxy: dict[str, int] = field(default_factory=dict)
    settled_in: float | None = None  # seconds the client took to catch up at the end
    integrity: str = ""
    secrets_found: list[str] = field(default_factory=list)  # files holding a token in clear
    examples: list[str] = field(default_factory=list)  # a few of whatever went wrong

    @property
    def ok(self) -> bool:
        return (
            self.lost == 0
            and self.phantom == 0
            and self.cached_twice == 0
            and self.replies_missing == 0
            and self.replies_duplicated == 0
            and not self.outbox_left
            and self.integrity == "ok"
            and not self.secrets_found
            and self.replies_acknowledged == self.replies_delivered_once
        )

    def line(self) -> str:
        p = self.proxy
        verdict = "PASS" if self.ok else "FAIL"
        settled = (
            "not settled" if self.settled_in is None else f"settled in {self.settled_in:.0f} s"
        )
        return (
            f"chaos {self.minutes:g} min {verdict}: {self.server_messages:,} server messages in "
            f"{self.conversations:,} conversations ({self.written / (self.minutes * 60):.0f}/s "
            f"written during the run), {self.cached_messages:,} cached; {self.lost} lost, "
            f"{self.cached_twice + self.replies_duplicated} duplicated, {self.phantom} phantom; "
            f"replies {self.replies_acknowledged} acknowledged, {self.replies_delivered_once} "
            f"delivered once, {self.replies_missing} missing "
            f"(+{self.replies_unacknowledged} unacknowledged); outbox left "
            f"{sum(self.outbox_left.values())}; client SIGKILLed {self.client_kills}×, send "
            f"{self.send_kills}×, server restarted {self.server_restarts}×; proxy "
            f"{p.get('forwarded', 0):,} forwarded, {p.get('errors', 0)} 500s, "
            f"{p.get('lost', 0)} lost responses, {p.get('throttled', 0)} 429s in "
            f"{p.get('bursts', 0)} bursts, {p.get('socket_drops', 0)} socket drops "
            f"({p.get('sockets_closed', 0)} open then); first sync "
            f"{self.first_sync:.0f} s, {settled}; "
            f"integrity {self.integrity}; tokens in {len(self.secrets_found)} files"
        )


# ---- processes -------------------------------------------------------------------------------
class ClientFolder:
    """One data folder shared by every client process of the run."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "data"
        self.keyring = folder / "keyring.json"
        self.log_file = folder / "client.log"
        self.log = self.log_file.open("a", encoding="utf-8")

    def env(self) -> dict[str, str]:
        return _env(
            PYTHON_KEYRING_BACKEND="bench.keyring_backend.FileKeyring",
            OD_BENCH_KEYRING=str(self.keyring),
        )

    def command(self, *args: str) -> list[str]:
        return [*CLI, "-v", *args, "--data-dir", str(self.data)]

    def sign_in(self, url: str) -> None:
        done = subprocess.run(
            [*self.command("login"), "--server", url, "--email", ADMIN.email, "--password-stdin"],
            input=ADMIN.password,
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"sign-in failed: {done.stderr.strip()}")

    def start_sync(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.command("sync"),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            env=self.env(),
            cwd=ROOT,
        )

    def cache_file(self) -> Path:
        return self.data / "cache.sqlite3"

    def open_cache(self, timeout: float) -> Any:
        """A read-only connection to the clients' cache, with its key when it is encrypted
        (the run's file keyring holds it, as the OS keyring would)."""
        # a copy of the file keyring's entries: importing bench.keyring_backend here would
        # register its backends with `keyring` for the rest of a test process
        copy = MemoryKeyring()
        with contextlib.suppress(FileNotFoundError):
            for entry, secret in json.loads(self.keyring.read_text(encoding="utf-8")).items():
                service, _, user = str(entry).partition("\n")
                copy.set_password(service, user, str(secret))
        tokens = TokenStore(copy)
        return raw_connection(self.cache_file(), tokens=tokens, read_only=True, timeout=timeout)


class LiveClient:
    """`operator-desktop sync` kept running: `kill` SIGKILLs it and starts a new one."""

    def __init__(self, folder: ClientFolder) -> None:
        self.folder = folder
        self.proc = folder.start_sync()
        self.kills = 0
        self._lock = threading.Lock()

    def kill(self, rng: random.Random) -> None:
        with self._lock:
            self.proc.kill()
            self.proc.wait()
            self.kills += 1
            time.sleep(rng.uniform(0.0, 2.0))  # the moment between a crash and a restart
            self.proc = self.folder.start_sync()

    def stop(self) -> None:
        with self._lock:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(60)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()


@dataclass
class Replies:
    """What the `send` processes were told and what they answered."""

    acknowledged: set[int] = field(default_factory=set)
    unacknowledged: set[int] = field(default_factory=set)
    kills: int = 0
    exits: collections.Counter[int] = field(default_factory=collections.Counter)


# ---- the run ---------------------------------------------------------------------------------
class ChaosRun:
    def __init__(self, settings: ChaosSettings, folder: Path) -> None:
        self.settings = settings
        self.folder = folder
        self.rng = random.Random(settings.seed)
        self.stop_chaos = threading.Event()
        self.replies = Replies()
        self.bursts = 0
        self.socket_drops = 0
        self.throttled = 0
        self.restarts = 0
        self.threads: list[threading.Thread] = []
        self.failures: list[BaseException] = []

    def run(self) -> ChaosReport:
        s = self.settings
        demo_log = (self.folder / "demo-server.log").open("a", encoding="utf-8")
        demo = DemoProcess(
            self.folder / "state.json",
            args=("--seed", str(s.seed)),
            log=demo_log,
            cwd=ROOT,
            env=_env(),
        )
        customers = (
            "--simulate",
            "--simulate-interval",
            f"{1.0 / s.rate:.4f}",
            "--simulate-new-share",
            str(NEW_CONVERSATION_SHARE),
            "--simulate-patience",
            str(PATIENCE),
            "--simulate-cap",
            "1000000",
        )
        upstream = demo.start(*customers)
        proxy = FaultProxy(upstream, seed=s.seed)
        proxy_url = proxy.start()
        client = ClientFolder(self.folder)
        live: LiveClient | None = None
        try:
            client.sign_in(proxy_url)
            live = LiveClient(client)
            proxy.add(Fault("*", API, "reject", chance=s.error_chance, status=500,
                            body=b'{"error":"chaos"}'))  # fmt: skip
            proxy.add(Fault("*", API, "drop", chance=s.lost_chance))
            # the first sync runs under these faults; the rest starts on a client in use
            first_sync = _first_sync(client, patience=s.first_sync_patience)
            first_id = _newest_message_id(upstream)
            started = time.monotonic()
            deadline = started + s.minutes * 60
            self._spawn("socket drops", self._drop_sockets, proxy)
            self._spawn("429 bursts", self._bursts, proxy)
            self._spawn("client kills", self._kill_client, live)
            self._spawn("replies", self._reply, client, upstream)
            restart_at = started + s.minutes * 30
            while time.monotonic() < deadline and not self.failures:
                if restart_at and time.monotonic() >= restart_at:
                    demo.stop()
                    demo.start(*customers)
                    self.restarts += 1
                    restart_at = 0.0
                time.sleep(0.5)
            self.stop_chaos.set()
            for thread in self.threads:
                thread.join(180)
            if self.failures:
                raise self.failures[0]
            written = _newest_message_id(upstream) - first_id
            proxy.clear()
            demo.stop()  # the customers stop writing; the state is kept
            demo.start()
            settled_in = self._settle(client, upstream, started=time.monotonic())
            live.stop()
            report = compare(ServerView.read(upstream), CacheView.read(client), self.replies)
            report.minutes = s.minutes
            report.written = written
            report.secrets_found = _files_with_tokens([client.data, client.log_file])
            report.first_sync = first_sync
            report.settled_in = settled_in
            report.client_kills = live.kills
            report.send_kills = self.replies.kills
            report.server_restarts = self.restarts
            report.proxy = {
                "forwarded": proxy.stats.forwarded,
                "errors": proxy.stats.rejected - self.throttled,
                "lost": proxy.stats.dropped,
                "throttled": self.throttled,
                "bursts": self.bursts,
                "socket_drops": self.socket_drops,
                "sockets_closed": proxy.stats.sockets_dropped,
            }
            return report
        finally:
            self.stop_chaos.set()
            if live is not None:
                live.stop()
            proxy.stop()
            demo.stop()
            demo_log.close()
            client.log.close()

    def _spawn(self, name: str, target: Any, *args: Any) -> None:
        def guarded() -> None:
            try:
                target(*args)
            except BaseException as exc:
                self.failures.append(exc)

        thread = threading.Thread(target=guarded, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _wait(self, mean: float) -> bool:
        """Sleep a random while around `mean`; False once the chaos is over."""
        return not self.stop_chaos.wait(self.rng.uniform(0.5 * mean, 1.5 * mean))

    def _drop_sockets(self, proxy: FaultProxy) -> None:
        while self._wait(self.settings.socket_drop_every):
            proxy.drop_sockets()
            self.socket_drops += 1

    def _bursts(self, proxy: FaultProxy) -> None:
        while self._wait(self.settings.burst_every):
            size = self.rng.randint(5, 20)
            proxy.add(Fault("*", API, "reject", times=size, status=429, body=b"Retry later",
                            content_type="text/plain"))  # fmt: skip
            self.bursts += 1
            self.throttled += size

    def _kill_client(self, live: LiveClient) -> None:
        while not self.stop_chaos.wait(self.rng.expovariate(1.0 / self.settings.kill_every)):
            live.kill(self.rng)

    def _reply(self, client: ClientFolder, upstream: str) -> None:
        conversations: list[int] = []
        number = 0
        while self._wait(self.settings.reply_every):
            if number % 20 == 0 or not conversations:
                with contextlib.suppress(httpx.HTTPError):
                    conversations = _open_conversations(upstream)
            if not conversations:
                continue
            number += 1
            self._send_one(client, self.rng.choice(conversations), number)

    def _send_one(self, client: ClientFolder, display_id: int, number: int) -> None:
        text = f"{self.rng.choice(REPLY_TEXTS)} [ref CH-{number:05d}]"
        proc = subprocess.Popen(
            [*client.command("send"), str(display_id), "--text-stdin"],
            stdin=subprocess.PIPE,
            stdout=client.log,
            stderr=client.log,
            env=client.env(),
            cwd=ROOT,
        )
        assert proc.stdin is not None
        proc.stdin.write(text.encode())
        proc.stdin.close()
        if self.rng.random() < self.settings.send_kill_chance:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(self.rng.uniform(0.2, 3.0))
            if proc.poll() is None:
                proc.kill()
                proc.wait()
                self.replies.kills += 1
                self.replies.unacknowledged.add(number)
                return
        try:
            code = proc.wait(240)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        self.replies.exits[code] += 1
        if code in (0, 3):  # sent, or queued for the outbox
            self.replies.acknowledged.add(number)
        else:
            self.replies.unacknowledged.add(number)

    def _settle(self, client: ClientFolder, upstream: str, *, started: float) -> float | None:
        """Wait until the live client's cache matches the server; seconds taken, or None.

        The server holds still now except for the replies the outbox still delivers, so it
        is read again only when the cache counts more of them as sent."""
        server: ServerView | None = None
        sent_seen = -1
        while time.monotonic() - started < self.settings.settle:
            with contextlib.suppress(httpx.HTTPError, OperatorError, *RAW_ERRORS):
                cache = CacheView.read(client)
                if server is None or cache.sent != sent_seen:
                    server, sent_seen = ServerView.read(upstream), cache.sent
                if compare(server, cache, self.replies).ok:
                    return time.monotonic() - started
            time.sleep(2.0)
        return None


REPLY_TEXTS = [
    "Thank you for waiting, I am checking this now.",
    "Спасибо за ожидание, сейчас проверю.",
    "Could you send me the order number, please?",
    "Пришлите, пожалуйста, номер заказа.",
    "I have passed this on to our delivery team.",
    "Передала вопрос в службу доставки.",
]


# ---- the verdict -----------------------------------------------------------------------------
@dataclass
class ServerView:
    """Every conversation's message ids and the reply numbers its messages carry, read
    directly from the server (not through the proxy)."""

    conversations: dict[int, tuple[list[int], list[int]]]

    @classmethod
    def read(cls, upstream: str) -> ServerView:
        out: dict[int, tuple[list[int], list[int]]] = {}
        with _api(upstream) as http:
            for display_id in _conversation_ids(http):
                ids: list[int] = []
                marks: list[int] = []
                params: dict[str, int] = {}
                while True:
                    resp = http.get(f"/conversations/{display_id}/messages", params=params)
                    resp.raise_for_status()
                    page = resp.json()["payload"]
                    for msg in page:
                        ids.append(int(msg["id"]))
                        marks += [int(n) for n in REPLY_MARK.findall(msg.get("content") or "")]
                    if len(page) < 20:
                        break
                    params = {"before": min(int(m["id"]) for m in page)}
                out[display_id] = (ids, marks)
        return cls(out)

    @property
    def messages(self) -> int:
        return sum(len(ids) for ids, _ in self.conversations.values())


@dataclass
class CacheView:
    """What the client's cache holds, read with a read-only connection."""

    messages: dict[int, list[int]]
    complete: dict[int, bool]  # display id -> every older message is cached
    outbox_left: dict[str, int]
    sent: int
    integrity: str

    @classmethod
    def read(cls, folder: ClientFolder) -> CacheView:
        with contextlib.closing(folder.open_cache(timeout=30)) as db:
            messages: dict[int, list[int]] = collections.defaultdict(list)
            for conv, msg in db.execute(
                "SELECT conversation_id, message_id FROM message WHERE account_id = ?", (ACCOUNT,)
            ):
                messages[conv].append(msg)
            complete = {
                int(conv): bool(flag)
                for conv, flag in db.execute(
                    "SELECT display_id, history_complete FROM conversation WHERE account_id = ?",
                    (ACCOUNT,),
                )
            }
            states = dict(db.execute("SELECT state, COUNT(*) FROM outbox_item GROUP BY state"))
            integrity = str(db.execute("PRAGMA integrity_check").fetchone()[0])
        sent = int(states.pop("sent", 0))
        return cls(dict(messages), complete, states, sent, integrity)


def compare(server: ServerView, cache: CacheView, replies: Replies) -> ChaosReport:
    report = ChaosReport(minutes=0.0, conversations=len(server.conversations))
    report.server_messages = server.messages
    report.outbox_left = dict(cache.outbox_left)
    report.integrity = cache.integrity
    report.cached_messages = sum(len(ids) for ids in cache.messages.values())
    delivered: collections.Counter[int] = collections.Counter()
    for display_id, (ids, marks) in server.conversations.items():
        delivered.update(marks)
        mine = cache.messages.get(display_id, [])
        report.cached_twice += len(mine) - len(set(mine))
        if display_id not in cache.complete:
            report.lost += len(ids)
            _example(report, f"conversation {display_id} not cached ({len(ids)} messages)")
            continue
        have = set(mine)
        complete = cache.complete[display_id] or not have
        expected = set(ids) if complete else {i for i in ids if i >= min(have)}
        if len(expected) < len(ids):
            report.history_incomplete += 1
        missing = expected - have
        report.lost += len(missing)
        if missing:
            _example(
                report, f"conversation {display_id}: {len(missing)} not cached ({min(missing)}…)"
            )
        phantom = have - set(ids)
        report.phantom += len(phantom)
        if phantom:
            _example(report, f"conversation {display_id}: {len(phantom)} cached, not on the server")
    for conv, mine in cache.messages.items():
        if conv not in server.conversations:
            report.phantom += len(mine)
            _example(report, f"conversation {conv} cached but not on the server")
    report.replies_acknowledged = len(replies.acknowledged)
    report.replies_unacknowledged = len(replies.unacknowledged)
    report.replies_delivered_once = sum(1 for n in replies.acknowledged if delivered[n] == 1)
    report.replies_missing = sum(1 for n in replies.acknowledged if delivered[n] == 0)
    report.replies_duplicated = sum(1 for n in delivered if delivered[n] > 1)
    for n in sorted(n for n in delivered if delivered[n] > 1)[:3]:
        _example(report, f"reply CH-{n:05d} is on the server {delivered[n]} times")
    return report


def _example(report: ChaosReport, text: str) -> None:
    if len(report.examples) < 10:
        report.examples.append(text)


def _api(upstream: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{upstream}/api/v1/accounts/{ACCOUNT}",
        headers={"api_access_token": ADMIN.access_token},
        timeout=30.0,
    )


def _conversation_ids(http: httpx.Client, status: str = "all") -> list[int]:
    ids: list[int] = []
    page = 1
    while True:
        resp = http.get("/conversations", params={"status": status, "page": page})
        resp.raise_for_status()
        items = resp.json()["data"]["payload"]
        ids += [int(c["id"]) for c in items]
        if len(items) < 25:
            return ids
        page += 1


def _open_conversations(upstream: str) -> list[int]:
    with _api(upstream) as http:
        resp = http.get("/conversations", params={"status": "open", "page": 1})
        resp.raise_for_status()
        return [int(c["id"]) for c in resp.json()["data"]["payload"]]


def _files_with_tokens(places: list[Path]) -> list[str]:
    """The files (logs, the cache and its WAL, settings, downloads) holding John's access or
    pubsub token in clear: the keyring is the only place for them."""
    secrets = [ADMIN.access_token.encode(), ADMIN.pubsub_token.encode()]
    files = [f for place in places for f in ([place] if place.is_file() else place.rglob("*"))]
    return sorted(
        str(f) for f in files if f.is_file() and any(t in f.read_bytes() for t in secrets)
    )


def _first_sync(folder: ClientFolder, *, patience: float) -> float:
    """Wait for the client's first (cold) sync to finish; the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < patience:
        if folder.cache_file().exists():
            with (
                contextlib.suppress(*RAW_ERRORS, OperatorError),
                contextlib.closing(folder.open_cache(timeout=5)) as db,
            ):
                row = db.execute("SELECT MAX(cold_sync_done) FROM sync_state").fetchone()
                if row and row[0]:
                    return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError(f"the client's first sync did not finish within {patience:.0f} s")


def _newest_message_id(upstream: str) -> int:
    """The newest message's id (ids count up): the last of the latest active conversations."""
    with _api(upstream) as http:
        params = {"status": "all", "sort_by": "last_activity_at_desc"}
        resp = http.get("/conversations", params=params)
        resp.raise_for_status()
        items = resp.json()["data"]["payload"]
    return max((int(m["id"]) for c in items for m in c.get("messages") or []), default=0)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("QT_QPA_PLATFORM", None)
    env.update(extra)
    return env


@contextlib.contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if any(keep.iterdir()):  # an earlier run's cache and server state would be reused
            raise SystemExit(f"chaos: {keep} is not empty; give a new or an empty folder")
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="od-chaos-") as tmp:
        yield Path(tmp)


def run_chaos(settings: ChaosSettings, folder: Path) -> ChaosReport:
    return ChaosRun(settings, folder).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=50.0, help="customer messages a second")
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it (logs, cache)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    settings = ChaosSettings(minutes=args.minutes, seed=args.seed, rate=args.rate)
    with _workdir(args.keep) as folder:
        report = run_chaos(settings, folder)
    if args.json:
        print(json.dumps({**asdict(report), "ok": report.ok}, ensure_ascii=False, indent=2))
    else:
        print(report.line())
        for example in report.examples:
            print("  " + example)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
