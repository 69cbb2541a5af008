"""The Markdown renderer of message bubbles (markdown-it-py), loaded at the first render.

See `markdown`: CommonMark with raw HTML off, line breaks kept, bare URLs linked by a small
core rule, images rendered as links, only http(s) links made.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from operator_desktop.core.links import is_web_link

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


def render(text: str) -> str:
    """HTML for a message text (already cut to the display limit); raw HTML is escaped."""
    rendered: str = _MD.render(text)
    return rendered.strip()
