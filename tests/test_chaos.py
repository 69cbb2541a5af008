"""The chaos run's two-minute version (`bench/chaos.py`, which says what it does).

A live client behind a fault proxy (500s, lost responses, 429 bursts, dropped sockets), a
demo server restarted halfway, the client SIGKILLed at random and `send` processes beside it
on the same data folder: at the end the cache equals the server, nothing is lost or doubled,
every acknowledged reply is delivered exactly once and the database passes its integrity check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.chaos import ChaosSettings, run_chaos


@pytest.mark.timeout(900)
def test_two_minutes_of_chaos_lose_nothing(tmp_path: Path) -> None:
    settings = ChaosSettings(minutes=2.0, seed=7)
    report = run_chaos(settings, tmp_path)
    assert report.ok, "\n".join([report.line(), *report.examples])
    # the chaos did happen: a pass without it would prove nothing
    assert report.client_kills >= 2, report.line()
    assert report.server_restarts == 1
    assert report.proxy["errors"] > 0 and report.proxy["lost"] > 0, report.line()
    assert report.proxy["throttled"] > 0 and report.proxy["socket_drops"] > 0, report.line()
    assert report.replies_acknowledged >= 10, report.line()
    assert report.written >= settings.rate * 60, report.line()
    assert report.settled_in is not None
