"""How long the cache keeps conversations, per account: forever (the default) or N days.

Kept in the data folder's `settings.json` (beside the cache, not in it: a rebuilt cache
keeps the policy), read by whoever builds an account's sync engine, which applies it
(`SyncEngine.expire_old`) at start and hourly. A corrupt file reads as "forever" and is
rewritten whole on the next change (a temporary file renamed over it).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from operator_desktop.core.changes import AccountKey

log = logging.getLogger("db")

MAX_DAYS = 36_500


class RetentionSettings:
    def __init__(self, path: Path) -> None:
        self.path = path

    @staticmethod
    def _name(key: AccountKey) -> str:
        return f"{key.server_url}#{key.account_id}"

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("cannot read %s (%s): keeping every conversation", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def days(self, key: AccountKey) -> int | None:
        """Days a conversation stays cached after its last activity (None: forever)."""
        value = self._load().get("retention_days", {})
        days = value.get(self._name(key)) if isinstance(value, dict) else None
        if isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= MAX_DAYS:
            return days
        return None

    def set_days(self, key: AccountKey, days: int | None) -> None:
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise ValueError(f"retention of {days} days")
        data = self._load()
        policy = data.get("retention_days")
        policy = dict(policy) if isinstance(policy, dict) else {}
        if days is None:
            policy.pop(self._name(key), None)
        else:
            policy[self._name(key)] = days
        data["retention_days"] = policy
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".settings.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=2, sort_keys=True)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
