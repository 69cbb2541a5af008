"""Chat list benchmark: filtering, sorting and painting 10,000 conversations (no server).

Builds synthetic `ChatRow`s, fills a static `ChatListModel`, and times with
`time.perf_counter`:

- proxy filter changes (tab, status, inbox, label, search id set), the sort switch, the tab
  counts, and a live update of one row (dataChanged → the proxy moves it);
- painting: a `QListView` with the real delegate rendered into a `QImage`, one frame per
  page while scrolling through the list.

Every operation is also measured on a small baseline list (100 rows) in the same run, and the
table shows both times and their ratio; the last lines compare the worst paint frame with the
16 ms budget of a 60 Hz display. Exits 1 when a frame is over budget.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/chat_list_bench.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/chat_list_bench.py --rows 20000 --pages 60
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView

from bench.table import Row, add_json_option, write_rows
from operator_desktop.core.changes import AccountKey
from operator_desktop.services.readmodel import ChatRow
from operator_desktop.ui.chat_list.delegate import ROW_HEIGHT, ChatListDelegate
from operator_desktop.ui.chat_list.model import ChatListModel
from operator_desktop.ui.chat_list.proxy import ChatListProxy, ChatSort, ChatTab
from operator_desktop.ui.common.refcount_guard import protect_singletons
from operator_desktop.ui.common.theme import ThemeMode, apply_theme

FRAME_BUDGET_MS = 16.0
FILTER_OPS = ("tab change", "status change", "inbox filter on/off", "label filter on/off",
              "search id set on/off", "all rows: tab change")  # fmt: skip
VIEW_WIDTH, VIEW_HEIGHT = 380, 900
USER_ID = 1
KEY = AccountKey("https://chat.example.com", 1)

FIRST = ["Isla", "Lucas", "Liam", "Ava", "Mia", "Noah", "Ethan", "Sophia", "Дмитрий",
         "Юлия", "Екатерина", "Михаил", "Татьяна", "Иван", "Ольга", "Наталья", "Jonas",
         "Chloe"]  # fmt: skip
LAST = ["King", "Martin", "Johnson", "Brown", "Thompson", "Wilson", "Walker", "Turner",
        "Попов", "Зайцева", "Соколова", "Волков", "Морозова", "Смирнов", "Кузнецова"]  # fmt: skip
PREVIEWS = [
    "Thanks for the quick reply.",
    "Sorry, one more question about my order #{n}: the parcel still has not arrived.",
    "Спасибо за быстрый ответ.",
    "Хорошо, подожду. Когда примерно будет доставка заказа?",
    "Great, thank you!",
    "📎 image",
    "Customer asked for a refund; checking the payment provider before answering.",
]
LABELS = ["billing", "bug", "delivery", "feature-request", "refund", "vip", "priority-support"]
CHANNELS = ["Channel::WebWidget", "Channel::Email", "Channel::Api", "Channel::Telegram"]
STATUSES = ["open"] * 5 + ["pending"] * 2 + ["snoozed", "resolved", "resolved"]
AGENTS = {1: "John", 2: "Анна", 3: "Boris Ivanov", 4: "Maria", 5: "Kim", 6: "Olga"}


def synthetic_rows(count: int, now: float, seed: int = 7) -> list[ChatRow]:
    rnd = random.Random(seed)
    rows = []
    for display_id in range(1, count + 1):
        assignee = rnd.choice([None, None, 1, 2, 3, 4, 5, 6])
        status = rnd.choice(STATUSES)
        last = now - rnd.expovariate(1 / 40_000)
        waiting = last - rnd.uniform(0, 900) if status == "open" and rnd.random() < 0.5 else None
        labels = tuple(rnd.sample(LABELS, rnd.choice([0, 0, 1, 1, 2, 3])))
        inbox = rnd.randint(1, 8)
        rows.append(
            ChatRow(
                key=KEY,
                display_id=display_id,
                contact_id=display_id,
                contact_name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
                channel=CHANNELS[inbox % len(CHANNELS)],
                inbox_id=inbox,
                inbox_name=f"Inbox {inbox}",
                status=status,
                priority=rnd.choice([None, None, "low", "medium", "high", "urgent"]),
                unread_count=rnd.choice([0, 0, 0, 1, 2, 5, 10]),
                preview=rnd.choice(PREVIEWS).format(n=display_id),
                preview_private=rnd.random() < 0.1,
                preview_type=rnd.choice([0, 1]),
                last_activity_at=last,
                waiting_since=waiting,
                assignee_id=assignee,
                assignee_name=AGENTS.get(assignee) if assignee else None,
                team_id=rnd.choice([None, 1, 2, 3]),
                team_name=None,
                labels=labels,
                snoozed_until=None,
                muted=rnd.random() < 0.05,
                has_outbox=rnd.random() < 0.02,
                has_draft=rnd.random() < 0.03,
            )
        )
    return rows


@dataclass
class Timing:
    median_ms: float
    worst_ms: float


def timed(fn: Callable[[], object], repeat: int, proxy: ChatListProxy | None = None) -> Timing:
    """Run `fn` `repeat` times; with `proxy`, include building its row mapping (rowCount)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if proxy is not None:
            proxy.rowCount()
            proxy.index(0, 0)
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(statistics.median(samples), max(samples))


def alternate(*steps: Callable[[], object]) -> Callable[[], object]:
    """A callable that runs the next step of a cycle each time (each run is a real change)."""
    state = {"i": 0}

    def run() -> object:
        step = steps[state["i"] % len(steps)]
        state["i"] += 1
        return step()

    return run


@dataclass
class Setup:
    model: ChatListModel
    proxy: ChatListProxy
    view: QListView
    now: float


def build(count: int, now: float) -> Setup:
    model = ChatListModel(None)
    model.set_rows(synthetic_rows(count, now))
    proxy = ChatListProxy(USER_ID)
    proxy.setSourceModel(model)
    view = QListView()
    view.setUniformItemSizes(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setItemDelegate(ChatListDelegate(view, now=lambda: now))
    view.setModel(proxy)
    view.resize(VIEW_WIDTH, VIEW_HEIGHT)
    view.show()
    QApplication.processEvents()
    return Setup(model, proxy, view, now)


def filter_ops(s: Setup, repeat: int) -> dict[str, Timing]:
    p = s.proxy
    out: dict[str, Timing] = {}
    p.clear_filters(tab=ChatTab.ALL, status="open")
    out["tab change"] = timed(
        alternate(
            lambda: p.set_tab(ChatTab.MINE),
            lambda: p.set_tab(ChatTab.UNASSIGNED),
            lambda: p.set_tab(ChatTab.ALL),
        ),
        repeat,
        p,
    )
    out["status change"] = timed(
        alternate(*(lambda st=st: p.set_status(st) for st in ("pending", "resolved", "open"))),
        repeat,
        p,
    )
    out["inbox filter on/off"] = timed(
        alternate(lambda: p.set_inbox(3), lambda: p.set_inbox(None)), repeat, p
    )
    out["label filter on/off"] = timed(
        alternate(lambda: p.set_label("billing"), lambda: p.set_label(None)), repeat, p
    )
    rows = s.model.rows()
    hits = {r.display_id for r in rows[:: max(1, len(rows) // 50)]}
    out["search id set on/off"] = timed(
        alternate(lambda: p.set_search_ids(hits), lambda: p.set_search_ids(None)), repeat, p
    )
    out["sort switch"] = timed(
        alternate(
            lambda: p.set_sort(ChatSort.WAITING_TIME), lambda: p.set_sort(ChatSort.LAST_ACTIVITY)
        ),
        repeat,
        p,
    )
    out["tab counts"] = timed(p.counts, repeat)
    p.clear_filters(tab=ChatTab.ALL, status=None)
    out["all rows: tab change"] = timed(
        alternate(lambda: p.set_tab(ChatTab.MINE), lambda: p.set_tab(ChatTab.ALL)), repeat, p
    )
    out["all rows: sort switch"] = timed(
        alternate(
            lambda: p.set_sort(ChatSort.WAITING_TIME), lambda: p.set_sort(ChatSort.LAST_ACTIVITY)
        ),
        repeat,
        p,
    )
    p.clear_filters(tab=ChatTab.ALL, status="open")
    clock = [s.now]  # the newest activity so far
    turn = [0]

    def live_update() -> None:
        """A new message in a different, older conversation each time: it moves to the top."""
        turn[0] += 1
        row = s.model.row_at((len(rows) // 2 + turn[0] * 37) % len(rows))
        clock[0] += 1
        new = replace(row, last_activity_at=clock[0], unread_count=row.unread_count + 1)
        s.model.merge_rows([new], asked={row.display_id})

    out["live row update"] = timed(live_update, repeat, p)

    def burst() -> None:
        """A sync burst: 50 conversations change at once (one coalesced fetch)."""
        turn[0] += 1
        picked = [s.model.row_at((turn[0] * 101 + k * 197) % len(rows)) for k in range(50)]
        clock[0] += 1
        s.model.merge_rows(
            [replace(r, last_activity_at=clock[0] + k / 100) for k, r in enumerate(picked)],
            asked={r.display_id for r in picked},
        )

    out["burst of 50 updates"] = timed(burst, repeat, p)
    return out


def paint_frames(s: Setup, pages: int) -> list[float]:
    """Render the viewport once per page while scrolling down; frame times in ms."""
    s.proxy.clear_filters(tab=ChatTab.ALL, status=None)
    view = s.view
    bar = view.verticalScrollBar()
    bar.setValue(0)
    QApplication.processEvents()
    viewport = view.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    frames = []
    for _ in range(pages):
        start = time.perf_counter()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        viewport.render(image)
        frames.append((time.perf_counter() - start) * 1000)
        if bar.value() >= bar.maximum():
            bar.setValue(0)
    return frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--dark", action="store_true")
    add_json_option(parser)
    args = parser.parse_args(argv)

    protect_singletons()  # PySide6 6.12 on CPython 3.11 (see the module)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeMode.DARK if args.dark else ThemeMode.LIGHT)
    now = time.time()

    results: dict[int, tuple[dict[str, Timing], list[float]]] = {}
    for count in (args.baseline, args.rows):
        setup = build(count, now)
        paint_frames(setup, 3)  # warm caches (fonts, elision) before measuring
        ops = filter_ops(setup, args.repeat)
        frames = paint_frames(setup, args.pages)
        results[count] = (ops, frames)
        setup.view.close()
        QApplication.processEvents()
        del setup

    base_ops, base_frames = results[args.baseline]
    big_ops, big_frames = results[args.rows]
    print(f"chat list bench: {args.rows} rows vs baseline {args.baseline} rows (median of "
          f"{args.repeat}; worst in brackets)")  # fmt: skip
    header = f"{'operation':<24}{args.baseline:>10} rows{args.rows:>12} rows{'ratio':>9}"
    print(header)
    print("-" * len(header))
    for name, big in big_ops.items():
        base = base_ops[name]
        ratio = big.median_ms / base.median_ms if base.median_ms > 0 else float("inf")
        print(
            f"{name:<24}{base.median_ms:>9.2f} ms{big.median_ms:>11.2f} ms"
            f"{ratio:>8.1f}x   [{big.worst_ms:.2f} ms]"
        )
    base_frame = statistics.median(base_frames)
    big_frame = statistics.median(big_frames)
    worst = max(big_frames)
    print(
        f"{'paint viewport (frame)':<24}{base_frame:>9.2f} ms{big_frame:>11.2f} ms"
        f"{big_frame / base_frame:>8.1f}x   [{worst:.2f} ms]"
    )
    rows_per_frame = VIEW_HEIGHT // ROW_HEIGHT + 1
    print(f"frames: {len(big_frames)} pages of ~{rows_per_frame} rows; worst frame "
          f"{worst:.2f} ms vs budget {FRAME_BUDGET_MS:.0f} ms -> "
          f"{'OK' if worst <= FRAME_BUDGET_MS else 'OVER BUDGET'} "
          f"({worst / FRAME_BUDGET_MS:.0%} of budget)")  # fmt: skip
    filters = [name for name in big_ops if name in FILTER_OPS]
    slowest = max(filters, key=lambda name: big_ops[name].median_ms)
    budget = f"≤ {FRAME_BUDGET_MS:.0f} ms"
    write_rows(
        args.json,
        [
            Row(f"chat-list filter ({slowest}), {args.rows:,} rows", big_ops[slowest].median_ms,
                base_ops[slowest].median_ms, "ms", budget,
                big_ops[slowest].median_ms <= FRAME_BUDGET_MS),
            Row(f"paint one screen of chat rows (worst), {args.rows:,}", worst, max(base_frames),
                "ms", budget, worst <= FRAME_BUDGET_MS),
        ],
    )  # fmt: skip
    return 0 if worst <= FRAME_BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
