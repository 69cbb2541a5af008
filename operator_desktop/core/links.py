"""Which links made from server or customer data may be clickable: web links only.

A customer controls their referer, their messages and their attachment names, so a link
with any other scheme (`javascript:`, `file:`, `smb:`, a custom URL handler) stays text.
"""

from __future__ import annotations

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_link(url: str) -> bool:
    scheme, sep, rest = url.strip().partition(":")
    return bool(sep) and scheme.lower() in WEB_SCHEMES and rest.startswith("//") and len(rest) > 2
