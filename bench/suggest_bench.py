"""Suggested-replies benchmark: is the right answer among the three, and how long it takes.

Builds a cache through the sync engine's persistence path (`Cache.upsert_conversations`,
`Cache.upsert_messages`, the dialogues of `bench/dataset.py`) with the demo's canned
responses, then asks for suggestions to held-out questions (`bench/reply_pairs.py`: new
dialogues the index has never seen, reworded) through:

- **project**: `ReplySuggester.suggest_for_text` — what the composer's row and
  `operator-desktop suggest` show: canned responses and earlier replies, stemmed, scored,
  merged;
- **baseline**: plain FTS5 bm25 over the same questions' own words (no stemming), an OR of
  the question's words, the replies that followed the best three — in an index built in
  memory in the same run.

Prints top-3 accuracy per side (and per kind of question) and p50/p95 of a suggestion; the
targets (issue 10) are accuracy ≥ 60% and p95 < 30 ms.

    .venv/bin/python bench/suggest_bench.py [--conversations 5000] [--questions 400]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dataset import Dataset
from bench.ingest_bench import KEY
from bench.reply_pairs import HeldOut, Pair, canned_responses
from bench.table import Row, add_json_option, write_rows
from operator_desktop.core import parse
from operator_desktop.core.types import CannedResponse
from operator_desktop.services.suggestions import ReplySuggester, Suggestion
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import CacheDatabase, DbWorker
from operator_desktop.storage.records import ReferenceKind

T = TypeVar("T")

TARGET_ACCURACY = 60.0
TARGET_MS = 30.0
WORDS = re.compile(r"\w+")


def fill(worker: DbWorker, cache: Cache, data: Dataset, indexed: list[int]) -> None:
    """The dataset's `indexed` conversations and the demo's canned responses, written as a
    sync writes them."""
    for start in range(0, len(indexed), 25):
        chunk = indexed[start : start + 25]
        convs = [parse.conversation(parse.root(data.conversation(n)), 1) for n in chunk]
        worker.call(cache.upsert_conversations, KEY, convs)
        for n in chunk:
            msgs = [parse.message(parse.root(o)) for o in data.messages_of(n)]
            worker.call(cache.upsert_messages, KEY, msgs)
    canned = [CannedResponse(i, code, text) for i, (code, text) in enumerate(canned_responses(), 1)]
    worker.call(cache.replace_reference, KEY, ReferenceKind.CANNED, canned)


class PlainBm25:
    """The baseline: questions' own words in an FTS5 table, each with the reply after it."""

    def __init__(self, data: Dataset, indexed: list[int]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE q USING fts5(body, answer UNINDEXED)")
        rows = []
        for n in indexed:
            messages = data.messages_of(n)
            for i, m in enumerate(messages):
                if m["message_type"] != 0:
                    continue
                answer = next((a["content"] for a in messages[i + 1 :] if a["message_type"]), None)
                if answer:
                    rows.append((m["content"], answer))
        self.db.executemany("INSERT INTO q(body, answer) VALUES (?, ?)", rows)
        self.db.commit()

    def suggest(self, text: str) -> list[str]:
        words = dict.fromkeys(w.lower() for w in WORDS.findall(text))
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT answer FROM q WHERE q MATCH ? ORDER BY rank LIMIT 3", (match,)
        ).fetchall()
        return [str(r[0]) for r in rows]


def timed(fn: Callable[[str], T], pairs: list[Pair]) -> tuple[list[T], list[float]]:
    results: list[T] = []
    values: list[float] = []
    for pair in pairs:
        started = time.perf_counter()
        results.append(fn(pair.question))
        values.append((time.perf_counter() - started) * 1000)
    return results, values


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def accuracy(pairs: list[Pair], right: list[bool], kind: str | None = None) -> float:
    chosen = [ok for pair, ok in zip(pairs, right, strict=True) if kind in (None, pair.kind)]
    return 100.0 * sum(chosen) / max(1, len(chosen))


def measure(worker: DbWorker, cache: Cache, pairs: list[Pair]) -> tuple[list[bool], list[float]]:
    """Whether each pair's right answer was among the project's three, and each time (ms)."""
    suggester = ReplySuggester(worker, cache, KEY)

    def run() -> tuple[list[list[Suggestion]], list[float]]:
        return timed(suggester.suggest_for_text, pairs)

    worker.call(run)  # warms the stem cache and SQLite's pages, as a session would be
    results, times = worker.call(run)
    right = [
        any(pair.is_right(s.text, s.short_code) for s in found)
        for pair, found in zip(pairs, results, strict=True)
    ]
    return right, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=5000, help="of 20 messages each")
    parser.add_argument("--questions", type=int, default=400, help="held-out questions")
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    add_json_option(parser)
    args = parser.parse_args()
    data = Dataset(args.conversations, 20)
    held_out = HeldOut(args.questions)
    pairs = held_out.pairs
    indexed = held_out.indexed(data)
    worker = DbWorker()
    with tempfile.TemporaryDirectory(prefix="suggest-bench-") as tmp:
        cache = worker.call(lambda: Cache(CacheDatabase(Path(tmp) / "cache.sqlite3")))
        started = time.perf_counter()
        fill(worker, cache, data, indexed)
        messages = len(indexed) * data.messages_per_conversation
        print(
            f"cache: {len(indexed):,} conversations, {messages:,} messages"
            f" ({time.perf_counter() - started:.0f} s to write; the"
            f" {data.conversations - len(indexed):,} of the {data.conversations:,} generated"
            " that open in a held-out way are left out)"
        )
        right, times = measure(worker, cache, pairs)
        plain = PlainBm25(data, indexed)
        timed(plain.suggest, pairs)  # warm
        plain_results, plain_times = timed(plain.suggest, pairs)
        plain_right = [
            any(pair.is_right(text) for text in found)
            for pair, found in zip(pairs, plain_results, strict=True)
        ]
        worker.call(cache.database.close)
    worker.shutdown()
    print(f"{len(pairs)} held-out questions (reworded), right answer among the three:")
    print(f"  {'':36}{'all':>8}{'first q.':>10}{'later q.':>10}{'p50 ms':>9}{'p95 ms':>9}")
    print(f"  {'':36}{'':>8}{'(unseen)':>10}{'':>10}")
    for name, ok, values in (
        ("plain bm25, own words (baseline)", plain_right, plain_times),
        ("suggested replies", right, times),
    ):
        print(
            f"  {name:36}{accuracy(pairs, ok):7.1f}%"
            f"{accuracy(pairs, ok, 'first question'):9.1f}%"
            f"{accuracy(pairs, ok, 'later question'):9.1f}%"
            f"{statistics.median(values):9.2f}{p95(values):9.2f}"
        )
    for pair, hit in zip(pairs, right, strict=True):
        if not hit and args.show > 0:
            args.show -= 1
            print(f"  missed ({pair.kind}, {pair.topic}): {pair.question[:160]!r}")
    top3 = accuracy(pairs, right)
    accurate = top3 >= TARGET_ACCURACY
    fast = p95(times) < TARGET_MS
    print(
        f"  accuracy {top3:.1f}% (target ≥ {TARGET_ACCURACY:.0f}%: "
        + ("met" if accurate else "MISSED")
        + f"); p95 {p95(times):.2f} ms (target < {TARGET_MS:.0f} ms: "
        + ("met" if fast else "MISSED")
        + ")"
    )
    scale = f"{messages:,} messages"
    write_rows(
        args.json,
        [
            Row(
                f"suggested replies: right answer in the top 3, held-out reworded questions,"
                f" {scale} (baseline: plain bm25 on own words)",
                top3,
                accuracy(pairs, plain_right),
                "%",
                f"≥ {TARGET_ACCURACY:.0f}%",
                accurate,
            ),
            Row(
                f"suggested replies p95, {scale} (baseline: plain bm25 top 3)",
                p95(times),
                p95(plain_times),
                "ms",
                f"< {TARGET_MS:.0f} ms",
                fast,
            ),
        ],
    )
    return 0 if accurate and fast else 1


if __name__ == "__main__":
    raise SystemExit(main())
