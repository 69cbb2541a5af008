"""`DemoConfig`: how a demo server is started (address, seed, simulation, state file …).

Kept apart from the server so that the command line can describe the demo's options without
importing the server and its web framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class DemoConfig:
    host: str = "127.0.0.1"
    port: int = 0
    seed: int = 1
    simulate: bool = False
    simulate_interval: float = 8.0  # mean seconds between customer actions
    simulate_cap: int = 40  # simulated conversations kept before old ones are pruned
    # a fixed share of customer messages that open a conversation (the rest follow up),
    # instead of the lifelike mix; and the follow-ups a customer writes unanswered at most
    simulate_new_share: float | None = None
    simulate_patience: int = 3
    control: bool = False
    throttle: bool = False
    tls: bool = False
    cert_file: Path | None = None
    state_file: Path | None = None
    public_url: str | None = None
