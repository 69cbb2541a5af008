"""A token bucket that keeps background requests under a shared per-IP budget (§10.16)."""

from __future__ import annotations

from operator_desktop.core.clock import Clock


class RateLimiter:
    def __init__(self, clock: Clock, rate: float, burst: int = 4) -> None:
        self._clock = clock
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._last = clock.monotonic()

    async def acquire(self) -> None:
        while True:
            now = self._clock.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return
            await self._clock.sleep((1 - self._tokens) / self.rate)
