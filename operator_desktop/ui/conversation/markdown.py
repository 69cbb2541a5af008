"""Safe Markdown → HTML for message bubbles, with a per-message cache.

`markdown-it-py` in CommonMark mode with raw HTML off (it is escaped), line breaks kept,
bare URLs turned into links by a small core rule (no `linkify-it-py` needed), and images
rendered as links (remote loads stay off: a message never makes the client fetch a URL).
Only http(s) links are made (`core.links.is_web_link` as markdown-it's `validateLink`):
`javascript:`, `file:`, `mailto:` and the rest stay plain text.

`MarkdownCache.html(id, content)` returns the cached HTML, renders short texts at once and
defers long ones (`None` until `render_pending()` has run them off the paint path). The
renderer itself (`markdown_render`) is loaded with the first message shown, not at start.
"""

from __future__ import annotations

import html as html_lib
from collections import OrderedDict

LAZY_THRESHOLD = 2_000  # characters; longer texts render in the background
DISPLAY_LIMIT = 4_000  # characters shown in a bubble; the rest is reached with Copy


def render_markdown(text: str) -> str:
    """HTML for a message text; raw HTML is escaped, never interpreted."""
    from operator_desktop.ui.conversation.markdown_render import render

    return render(text[:DISPLAY_LIMIT])


class MarkdownCache:
    """Rendered HTML keyed by (message id, content hash); bounded LRU."""

    def __init__(self, capacity: int = 4_000) -> None:
        self.capacity = capacity
        self._html: OrderedDict[tuple[int, int], str] = OrderedDict()
        self._pending: dict[tuple[int, int], str] = {}

    @staticmethod
    def key(message_id: int, content: str) -> tuple[int, int]:
        return (message_id, hash(content))

    def html(self, message_id: int, content: str, *, lazy: bool = True) -> str | None:
        """The HTML, rendering short texts now; long ones return None and wait for a pass."""
        key = self.key(message_id, content)
        found = self._html.get(key)
        if found is not None:
            self._html.move_to_end(key)
            return found
        if lazy and len(content) > LAZY_THRESHOLD:
            self._pending[key] = content
            return None
        return self._store(key, render_markdown(content))

    def has_pending(self) -> bool:
        return bool(self._pending)

    def render_pending(self, limit: int = 4) -> list[int]:
        """Render up to `limit` deferred texts; the message ids now ready."""
        done: list[int] = []
        for key in list(self._pending)[:limit]:
            content = self._pending.pop(key)
            self._store(key, render_markdown(content))
            done.append(key[0])
        return done

    def _store(self, key: tuple[int, int], value: str) -> str:
        self._html[key] = value
        if len(self._html) > self.capacity:
            self._html.popitem(last=False)
        return value

    def clear(self) -> None:
        self._html.clear()
        self._pending.clear()


def plain_to_html(text: str) -> str:
    """Escaped plain text with line breaks, for the first paint of a long message."""
    return html_lib.escape(text[:DISPLAY_LIMIT]).replace("\n", "<br>")


__all__ = ["MarkdownCache", "plain_to_html", "render_markdown"]
