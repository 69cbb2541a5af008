"""Time as a dependency: wall time, monotonic time and sleeping, so rules that span seconds
or hours (presence every 20 s, typing expiry after 30 s, polling after 60 s, full resync after
3 h) are tested in milliseconds with a fake clock."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Wall time, epoch seconds."""
        ...

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
