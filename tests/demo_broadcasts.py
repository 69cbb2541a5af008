"""Record what the demo server broadcasts (`Hub.broadcast`), without a cable client.

`record_broadcasts(monkeypatch)` wraps `Hub.broadcast` for the running test: every call is
kept as a `Broadcast` (the streams, the event name and a JSON copy of the data) and still
delivered. The REST handler broadcasts before it answers, so once a response has arrived its
events are in the list.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from operator_desktop.demo.hub import Hub


@dataclass(frozen=True)
class Broadcast:
    streams: tuple[str, ...]
    event: str
    data: dict[str, Any]


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[Broadcast] = []

    def add(self, item: Broadcast) -> None:
        with self._lock:
            self._seen.append(item)

    def all(self, event: str | None = None) -> list[Broadcast]:
        with self._lock:
            return [b for b in self._seen if event is None or b.event == event]

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


def record_broadcasts(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    original = Hub.broadcast

    def recording(self: Hub, streams: Iterable[str], event: str, data: dict[str, Any]) -> None:
        wanted = tuple(sorted(set(streams)))
        recorder.add(Broadcast(wanted, event, json.loads(json.dumps(data))))
        original(self, wanted, event, data)

    monkeypatch.setattr(Hub, "broadcast", recording)
    return recorder
