"""What the sync engine reports to the window and the CLI: its phase and connection state.

Plain data, so that the window can show it without importing the engine or the cable client.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from operator_desktop.core.errors import OperatorError


class CableState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"  # subscription confirmed
    DISCONNECTED = "disconnected"
    UNAUTHORIZED = "unauthorized"  # no confirm, or disconnect with reconnect: false
    STOPPED = "stopped"


class Phase(enum.Enum):
    IDLE = "idle"
    COLD_SYNC = "cold_sync"
    LIVE = "live"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"  # the token was revoked: sign in again, cache kept


@dataclass
class SyncStatus:
    phase: Phase = Phase.IDLE
    cable: CableState = CableState.DISCONNECTED
    done: int = 0
    total: int = 0
    last_sync_at: float | None = None
    error: OperatorError | None = None
    presence: dict[int, str] = field(default_factory=dict)
