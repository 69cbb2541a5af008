"""My statistics: the cached figures against a conversation set worked out by hand
(`tests/stats_data.py`), the CSV, `operator-desktop stats`, and the server's agent summary
report (the demo server's, and the client's reading of it) against figures worked out by hand.
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import datetime as dt
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.types import AgentSummary
from operator_desktop.demo.config import DemoConfig
from operator_desktop.demo.models import (
    MESSAGE_ACTIVITY,
    MESSAGE_INCOMING,
    MESSAGE_OUTGOING,
    Message,
)
from operator_desktop.demo.server import DemoServer, DemoServerThread
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.services.stats import (
    Durations,
    MyStats,
    Period,
    StatsService,
    stats_csv,
)
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import DbWorker
from tests import stats_data as sd
from tests.cache_fixtures import cache, worker
from tests.conftest import ADMIN, ANNA, api
from tests.demo_process import CLI
from tests.test_core_parse import sample

__all__ = ["cache", "worker"]  # fixtures

KEY = AccountKey("https://chat.example.com", 1)
PERIOD = Period(sd.FIRST_DAY, sd.LAST_DAY)


def local(worker: DbWorker, cache: Cache, period: Period = PERIOD) -> MyStats:
    service = StatsService(worker, cache, KEY, sd.ME, sd.MY_NAME)
    return asyncio.run(service.local(period))


def test_the_cached_figures_equal_those_worked_out_by_hand(worker: DbWorker, cache: Cache) -> None:
    worker.call(sd.seed, cache, KEY)
    stats = local(worker, cache)
    assert stats.to_json() == sd.EXPECTED
    assert stats.waiting_now == sd.WAITING_NOW
    assert stats.conversations == sd.CONVERSATIONS_IN_PERIOD
    assert stats.cached_since == sd.CACHED_SINCE
    assert sorted(stats.first_response_samples) == [120.0, 300.0, 600.0]
    assert sorted(stats.reply_time_samples) == [180.0, 600.0, 900.0, 3600.0]
    assert not stats.empty


def test_another_agent_or_account_is_not_counted(worker: DbWorker, cache: Cache) -> None:
    worker.call(sd.seed, cache, KEY)
    worker.call(sd.seed, cache, AccountKey("https://other.example.org", 1))
    assert local(worker, cache).to_json() == sd.EXPECTED  # the other server's copy stays out
    colleague = StatsService(worker, cache, KEY, sd.COLLEAGUE, "Bob Other")
    theirs = asyncio.run(colleague.local(PERIOD))
    # the colleague's one public reply (09:02 in A): handled 1, and no first response,
    # since their reply came after A's first incoming message: 09:00 -> 09:02 = 120 s
    assert (theirs.handled, theirs.messages_sent, theirs.resolved) == (1, 1, 1)
    assert theirs.first_response == Durations(120.0, 120.0, 1)
    assert theirs.reply_time == Durations(None, None, 0)
    assert theirs.waiting_now == 1  # E


def test_one_day_and_an_empty_period(worker: DbWorker, cache: Cache) -> None:
    worker.call(sd.seed, cache, KEY)
    second_day = local(worker, cache, Period(sd.LAST_DAY, sd.LAST_DAY))
    # only C: replies at 10:00 and 10:50, first response 600 s, no turn after it
    assert second_day.to_json() == {
        "handled": 1,
        "resolved": 0,
        "messages_sent": 2,
        "first_response": {"median_s": 600.0, "p90_s": 600.0, "count": 1},
        "reply_time": {"median_s": None, "p90_s": None, "count": 0},
        "by_hour": [2 if h == 10 else 0 for h in range(24)],
    }
    nothing = local(worker, cache, Period(dt.date(2020, 1, 1), dt.date(2020, 1, 7)))
    assert nothing.empty
    assert nothing.to_json()["by_hour"] == [0] * 24
    assert nothing.cached_since == sd.CACHED_SINCE  # what the cache holds, whatever the period


def test_medians_and_percentiles_interpolate_between_ranks() -> None:
    assert Durations.of([]) == Durations(None, None, 0)
    assert Durations.of([42.0]) == Durations(42.0, 42.0, 1)
    # 10, 20: median 15; p90 at rank 0.9: 10 + 0.9 * 10 = 19
    assert Durations.of([20.0, 10.0]) == Durations(15.0, 19.0, 2)
    # 1..11: median 6; p90 at rank 9: the 10th value, 10
    assert Durations.of([float(n) for n in range(11, 0, -1)]) == Durations(6.0, 10.0, 11)


def test_period_days_are_local_and_both_included() -> None:
    period = Period.last_days(7, dt.date(2026, 3, 8))
    assert (period.first, period.last) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert period.since == sd.at(dt.date(2026, 3, 2), 0, 0)
    assert period.until == sd.at(dt.date(2026, 3, 9), 0, 0)
    assert Period.last_days(1, dt.date(2026, 3, 8)).first == dt.date(2026, 3, 8)


def test_the_csv_holds_the_figures_and_the_replies_by_hour(worker: DbWorker, cache: Cache) -> None:
    worker.call(sd.seed, cache, KEY)
    text = stats_csv(local(worker, cache))
    figures, hours = text.split("\n\n")
    rows = dict(list(csv.reader(io.StringIO(figures)))[1:])
    assert rows["handled"] == "4" and rows["resolved"] == "1" and rows["messages_sent"] == "10"
    assert rows["first_response_median_s"] == "300.0" and rows["reply_time_p90_s"] == "2790.0"
    assert rows["period_first_day"] == "2026-03-02" and rows["waiting_now"] == "1"
    by_hour = list(csv.reader(io.StringIO(hours)))
    assert by_hour[0] == ["hour", "replies"]
    assert [int(r[1]) for r in by_hour[1:]] == sd.BY_HOUR


# ---- the CLI ---------------------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder signed in as Ana (user 7) with the hand-made set cached."""
    data = tmp_path / "data"
    profile = parse.profile(parse.root(sample("profile.json")))
    ws = Workspace(DataDir(data))
    try:
        ws.worker.call(ws.cache.save_sign_in, KEY.server_url, profile, [1])
        ws.worker.call(sd.seed, ws.cache, KEY)
    finally:
        ws.close()
    return data


def stats_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "stats", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.keyring
def test_the_cli_prints_the_figures_as_json_and_as_text(data_dir: Path) -> None:
    done = stats_cli(data_dir, "--since", "2026-03-02", "--until", "2026-03-03", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert list(printed) == [
        "handled", "resolved", "messages_sent", "first_response", "reply_time", "by_hour",
    ]  # fmt: skip
    assert list(printed["first_response"]) == ["median_s", "p90_s", "count"]
    assert printed == sd.EXPECTED
    text = stats_cli(data_dir, "--since", "2026-03-02", "--until", "2026-03-03")
    assert text.returncode == 0, text.stderr
    assert "conversations handled:  4" in text.stdout
    assert "median 5 min 0 s, 90% within 9 min 0 s (3 measured)" in text.stdout
    assert "from 5 cached conversations" in text.stdout
    to_today = json.loads(stats_cli(data_dir, "--since", "2026-03-03", "--json").stdout)
    assert to_today["handled"] == 2  # --until defaults to today: C, and F on 2026-03-04
    empty = stats_cli(data_dir, "--since", "2020-01-01", "--until", "2020-01-02")
    assert "nothing is cached for this period" in empty.stdout
    wrong = stats_cli(data_dir, "--since", "2026-03-04", "--until", "2026-03-03")
    assert wrong.returncode == 2 and "--since is after --until" in wrong.stderr
    bad = stats_cli(data_dir, "--since", "March")
    assert bad.returncode == 2 and "not a day as YYYY-MM-DD" in bad.stderr


# ---- the server's agent summary report ---------------------------------------------------------
REPORT = "/api/v2/accounts/1/summary_reports/agent"
T0 = dt.datetime(2020, 1, 1, 10, 0, tzinfo=dt.UTC).timestamp()
DAY = 86400.0


def _history(server: DemoServer) -> None:
    """A conversation of 2020-01-01 with known times, assigned to John (user 1)."""
    store = server.store
    template = next(c for c in store.conversations.values() if c.account_id == 1)
    conv = dataclasses.replace(
        template,
        id=store.next_id("conversations"),
        display_id=store.next_display_id(1),
        status="resolved",
        assignee_id=ADMIN.id,
        team_id=None,
        created_at=T0,
        labels=[],
        drafts={},
        last_seen_write={},
    )
    store.conversations[conv.id] = conv
    rows = [
        (0, MESSAGE_INCOMING, "Contact", conv.contact_id, False, "hello"),
        (120, MESSAGE_OUTGOING, "User", ADMIN.id, False, "John's first reply"),
        (600, MESSAGE_INCOMING, "Contact", conv.contact_id, False, "more"),
        (660, MESSAGE_INCOMING, "Contact", conv.contact_id, False, "and more"),
        (900, MESSAGE_OUTGOING, "User", ANNA.id, False, "Anna answers"),
        (1200, MESSAGE_INCOMING, "Contact", conv.contact_id, False, "again"),
        (1800, MESSAGE_OUTGOING, "User", ADMIN.id, False, "John answers"),
        (1860, MESSAGE_OUTGOING, "User", ADMIN.id, True, "a private note"),
        (3600, MESSAGE_ACTIVITY, None, None, False, "Conversation was marked resolved by John"),
        (2 * DAY, MESSAGE_INCOMING, "Contact", conv.contact_id, False, "two days later"),
        (2 * DAY + 300, MESSAGE_OUTGOING, "User", ADMIN.id, False, "outside the range"),
    ]
    for offset, mtype, kind, sender, private, text in rows:
        store.add_message(
            Message(
                id=store.next_id("messages"),
                account_id=1,
                inbox_id=conv.inbox_id,
                conversation_id=conv.id,
                content=text,
                message_type=mtype,
                sender_type=kind,
                sender_id=sender,
                created_at=T0 + offset,
                updated_at=T0 + offset,
                private=private,
            )
        )


@pytest.fixture
def history_server() -> Iterator[str]:
    server = DemoServerThread(DemoConfig(port=0))
    url = server.start()
    try:
        server.call(lambda: _history(server.server))
        yield url
    finally:
        server.stop()


def test_the_demo_servers_agent_summary_equals_figures_worked_out_by_hand(
    history_server: str,
) -> None:
    window = {"since": int(T0), "until": int(T0 + DAY)}
    with api(history_server) as admin:
        rows = {r["id"]: r for r in admin.get(REPORT, params=window).json()}
    # John: the conversation created in the range is his; his first reply 120 s after its
    # creation; his later reply 1800 - 1200 = 600 s after the customer started waiting again;
    # resolved once, 3600 s after creation. Anna: one reply, 900 - 600 = 300 s after the
    # customer started waiting (600, not 660). The reply two days later is outside the range.
    assert rows[ADMIN.id] == {
        "id": ADMIN.id,
        "conversations_count": 1,
        "resolved_conversations_count": 1,
        "avg_resolution_time": 3600.0,
        "avg_first_response_time": 120.0,
        "avg_reply_time": 600.0,
    }
    assert rows[ANNA.id] == {
        "id": ANNA.id,
        "conversations_count": 0,
        "resolved_conversations_count": 0,
        "avg_resolution_time": None,
        "avg_first_response_time": None,
        "avg_reply_time": 300.0,
    }


def test_the_client_reads_the_report_and_an_agent_is_refused(history_server: str) -> None:
    async def read(token: str) -> list[AgentSummary]:
        async with ChatwootClient(history_server, token=token, account_id=1) as client:
            return list(await client.agent_summary(T0, T0 + DAY))

    rows = asyncio.run(read(ADMIN.access_token))
    john = next(r for r in rows if r.id == ADMIN.id)
    assert dataclasses.astuple(john) == (ADMIN.id, 1, 1, 3600.0, 120.0, 600.0)
    with pytest.raises(OperatorError) as refused:
        asyncio.run(read(ANNA.access_token))
    assert refused.value.code is ErrorCode.FORBIDDEN and refused.value.status == 401
