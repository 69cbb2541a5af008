"""Who is typing where. Chatwoot never times typing out (§10.15): expire it after 30 s."""

from __future__ import annotations

from dataclasses import dataclass

TYPING_EXPIRY = 30.0


@dataclass(frozen=True)
class Typist:
    name: str
    is_contact: bool
    is_private: bool
    since: float


class TypingTracker:
    def __init__(self, expiry: float = TYPING_EXPIRY) -> None:
        self.expiry = expiry
        self._typing: dict[int, dict[str, Typist]] = {}

    def update(self, conversation_id: int, who: str, typist: Typist | None) -> None:
        entries = self._typing.setdefault(conversation_id, {})
        if typist is None:
            entries.pop(who, None)
        else:
            entries[who] = typist
        if not entries:
            self._typing.pop(conversation_id, None)

    def typists(self, conversation_id: int, now: float) -> list[Typist]:
        return [
            t for t in self._typing.get(conversation_id, {}).values() if now - t.since < self.expiry
        ]

    def expire(self, now: float) -> set[int]:
        """Drop stale entries; the conversations whose typing state changed."""
        changed: set[int] = set()
        for conv, entries in list(self._typing.items()):
            for who, typist in list(entries.items()):
                if now - typist.since >= self.expiry:
                    del entries[who]
                    changed.add(conv)
            if not entries:
                del self._typing[conv]
        return changed
