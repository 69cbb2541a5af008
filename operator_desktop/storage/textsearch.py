"""Stemming for full-text search in Russian and English, and snippets in the original words.

Python's `sqlite3` cannot register FTS5 tokenizers, so the index stores *stems*: each word of a
message is stemmed (Snowball, Russian for Cyrillic words, English otherwise) before it goes
into the FTS5 table, and the query is stemmed the same way. FTS5 then matches and ranks
(bm25) on stems, and the snippet is cut from the original text by re-tokenising it and
marking the words whose stems match — so `заказ` finds and highlights `заказом`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
MARK_START = "\u0002"
MARK_END = "\u0003"


@cache
def _stemmer(language: str) -> Any:
    """snowballstemmer's stemmer, loaded with the first word (not at start)."""
    import snowballstemmer

    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The search key of one word: lower case, ё→е, stemmed in its script's language."""
    lowered = word.lower().replace("ё", "е")
    language = "russian" if CYRILLIC.search(lowered) else "english"
    return str(_stemmer(language).stemWord(lowered))


def stems_of(text: str | None) -> str:
    """The text as space-separated stems, ready for the FTS5 index."""
    if not text:
        return ""
    return " ".join(stem(w) for w in WORD.findall(text))


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression (AND of quoted stems, last one as a prefix), or None if empty."""
    words = WORD.findall(query)
    if not words:
        return None
    parts = [f'"{stem(w)}"' for w in words]
    parts[-1] = parts[-1] + "*"
    return " ".join(parts)


@dataclass(frozen=True)
class Snippet:
    """A window of the original text; `spans` are (start, end) of matched words in `text`."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, start: str = "[", end: str = "]") -> str:
        out: list[str] = []
        pos = 0
        for a, b in self.spans:
            out.append(self.text[pos:a])
            out.append(start + self.text[a:b] + end)
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` the search for `query` matches (stemmed; the
    last word of the query also as a prefix, as the search reads it)."""
    words = WORD.findall(query)
    wanted = {stem(w) for w in words}
    last_prefix = stem(words[-1]) if words else ""
    return [
        (m.start(), m.end())
        for m in WORD.finditer(text)
        if _matches(stem(m.group()), wanted, last_prefix)
    ]


def snippet(text: str | None, query: str, width: int = 120) -> Snippet:
    """The part of `text` around the first match of `query`, matches as spans."""
    text = text or ""
    matches = match_spans(text, query)
    if not matches:
        cut = text[:width]
        return Snippet(cut + ("…" if len(text) > width else ""), ())
    first = matches[0][0]
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and first - space < width // 2 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space != -1 and space - end < 20 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = tuple((a + shift, b + shift) for a, b in matches if a >= start and b <= end)
    return Snippet(prefix + text[start:end] + suffix, spans)


def _matches(word_stem: str, wanted: Iterable[str], last_prefix: str) -> bool:
    return word_stem in wanted or (bool(last_prefix) and word_stem.startswith(last_prefix))
