"""`Cache`: every read and write of cached Chatwoot data, as synchronous methods.

Call them only on the database thread (`DbWorker.run`). Each write returns the `ChangeSet`
it caused. Server URLs map to `Server` rows here; everything else is keyed by `AccountKey`.
The methods live in one module per entity (accounts, drafts, conversations and messages,
outbox, search, statistics, suggested replies), stacked into `Cache`.
"""

from __future__ import annotations

from operator_desktop.storage.cache.accounts import SignedInAccount
from operator_desktop.storage.cache.outbox import OutboxEntry
from operator_desktop.storage.cache.search import SearchHit
from operator_desktop.storage.cache.stats import CachedStats
from operator_desktop.storage.cache.suggestions import (
    AnsweredQuestion,
    OpenQuestion,
    SuggestionStore,
)

__all__ = [
    "AnsweredQuestion",
    "Cache",
    "CachedStats",
    "OpenQuestion",
    "OutboxEntry",
    "SearchHit",
    "SignedInAccount",
]


class Cache(SuggestionStore):
    """The whole cache of one database (see the module docstring)."""
