"""Safe Markdown → HTML for message bubbles, with a per-message cache.

`markdown-it-py` in CommonMark mode with raw HTML off (it is escaped), line breaks kept,
bare URLs turned into links by a small core rule (no `linkify-it-py` needed), and images
rendered as links (remote loads stay off: a message never makes the client fetch a URL).
Only http(s) links are made (`core.links.is_web_link` as markdown-it's `validateLink`):
`javascript:`, `file:`, `mailto:` and the rest stay plain text.

`MarkdownCache.html(id, content)` returns the cached HTML, renders short texts at once and
defers long ones (`None` until `render_pending()` has run them off the paint path).
"""

from __future__ import annotations

import html as html_lib
import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from operator_desktop.core.links import is_web_link

LAZY_THRESHOLD = 2_000  # characters; longer texts render in the background
DISPLAY_LIMIT = 4_000  # characters shown in a bubble; the rest is reached with Copy

_URL = re.compile(
    r"""(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>"'`]*[^\s<>"'`.,:;!?\]}]""",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"\)+$")


def _linkify(state: StateCore) -> None:
    """Turn bare URLs in text tokens into link tokens (outside existing links and code)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for tok in block.children:
            if tok.type == "link_open":
                depth += 1
            elif tok.type == "link_close":
                depth -= 1
            if tok.type != "text" or depth > 0 or not _URL.search(tok.content):
                children.append(tok)
                continue
            children.extend(_split_text(tok, state))
        block.children = children


def _split_text(tok: Token, state: StateCore) -> list[Token]:
    out: list[Token] = []
    text = tok.content
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        # keep a closing parenthesis only when the URL opened one, as in "(see http://x/a_(b))"
        trailing = _TRAILING_PAREN.search(url)
        closing = len(trailing.group(0)) if trailing else 0
        excess = min(closing, max(0, url.count(")") - url.count("(")))
        if excess:
            url = url[:-excess]
        start, end = match.start(), match.start() + len(url)
        href = url if "://" in url or url.lower().startswith("mailto:") else f"http://{url}"
        href = state.md.normalizeLink(href)
        if not state.md.validateLink(href):
            continue
        if start > pos:
            out.append(_text_token(text[pos:start], tok.level))
        link_open = Token("link_open", "a", 1, level=tok.level)
        link_open.attrs = {"href": href}
        link_open.markup = "linkify"
        out.append(link_open)
        out.append(_text_token(url, tok.level + 1))
        out.append(Token("link_close", "a", -1, level=tok.level))
        pos = end
    if pos < len(text):
        out.append(_text_token(text[pos:], tok.level))
    return out


def _text_token(content: str, level: int) -> Token:
    token = Token("text", "", 0, level=level)
    token.content = content
    return token


def _image_as_link(
    _renderer: Any, tokens: Sequence[Token], idx: int, _options: OptionsDict, _env: EnvType
) -> str:
    """An image becomes a link to it: the client never loads remote images by itself."""
    token = tokens[idx]
    src = str(token.attrs.get("src", ""))
    alt = "".join(child.content for child in token.children or []) or src
    return f'<a href="{html_lib.escape(src)}">🖼 {html_lib.escape(alt)}</a>'


def _build() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.validateLink = is_web_link  # type: ignore[method-assign]
    md.core.ruler.after("inline", "od_linkify", _linkify)
    md.add_render_rule("image", _image_as_link)
    return md


_MD = _build()


def render_markdown(text: str) -> str:
    """HTML for a message text; raw HTML is escaped, never interpreted."""
    rendered: str = _MD.render(text[:DISPLAY_LIMIT])
    return rendered.strip()


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
