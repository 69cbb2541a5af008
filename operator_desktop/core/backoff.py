"""Exponential backoff with full jitter, for HTTP retries and cable reconnects."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.5
    cap: float = 60.0
    factor: float = 2.0
    rng: random.Random = field(default_factory=random.Random)
    attempt: int = 0

    def next_delay(self) -> float:
        """The next wait: uniform in [ceiling/2, ceiling], the ceiling doubling up to `cap`."""
        ceiling = min(self.cap, self.base * (self.factor**self.attempt))
        self.attempt += 1
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def reset(self) -> None:
        self.attempt = 0
