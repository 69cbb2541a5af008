"""Which links made from server or customer data may be clickable: web links only.

A customer controls their referer, their messages and their attachment names, so a link
with any other scheme (`javascript:`, `file:`, `smb:`, a custom URL handler) stays text.
"""

from __future__ import annotations

import urllib.parse

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_link(url: str) -> bool:
    scheme, sep, rest = url.strip().partition(":")
    return bool(sep) and scheme.lower() in WEB_SCHEMES and rest.startswith("//") and len(rest) > 2


def normalize_server_url(text: str) -> str | None:
    """`https://host[:port][/path]` without a trailing slash, or None if it is not usable.

    A bare host name gets `https://`; only http and https are accepted, with no user, query
    or fragment.
    """
    raw = text.strip()
    if not raw or any(c.isspace() for c in raw):
        return None
    if "://" not in raw:
        raw = "https://" + raw
    try:
        parts = urllib.parse.urlsplit(raw)
        port = parts.port
    except ValueError:
        return None
    del port  # only validated
    host = parts.hostname or ""
    if parts.scheme.lower() not in WEB_SCHEMES or not host or host.startswith("."):
        return None
    if parts.query or parts.fragment or parts.username or parts.password:
        return None
    if "[" in parts.netloc and ":" not in host:
        return None
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, "", "")).rstrip(
        "/"
    )
