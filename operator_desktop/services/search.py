"""What a chat-list search hands the window: the matching conversations and their snippets.

`ConversationMatches` maps each matching conversation's display id to the snippet of its
newest matching message, as `(text, marked spans)`. A snippet is cut from the message text
the first time it is asked for, so a search over thousands of conversations costs the rows
that are painted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from operator_desktop.storage.cache import SearchHit

SnippetText = tuple[str, tuple[tuple[int, int], ...]]


class ConversationMatches(Mapping[int, SnippetText]):
    """Display id → its hit's snippet (the first hit of each conversation wins)."""

    def __init__(self, hits: Iterable[SearchHit]) -> None:
        self._best: dict[int, SearchHit] = {}
        for hit in hits:
            self._best.setdefault(hit.conversation_id, hit)

    def __getitem__(self, display_id: int) -> SnippetText:
        cut = self._best[display_id].snippet
        return cut.text, cut.spans

    def __iter__(self) -> Iterator[int]:
        return iter(self._best)

    def __len__(self) -> int:
        return len(self._best)
