"""Cache searches: one statement per search, every matching conversation once with its newest
matching message, an account filter that still finds that account's hits behind another's
better ones, snippets cut only on demand."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bench.dataset import Dataset
from operator_desktop.core import parse
from operator_desktop.core.changes import AccountKey
from operator_desktop.services.search import ConversationMatches
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import DbWorker
from tests.cache_fixtures import cache, worker

__all__ = ["cache", "worker"]  # fixtures
from operator_desktop.storage.textsearch import stem, stems_of

KEY = AccountKey("https://chat.example.com", 1)
OTHER = AccountKey("https://other.example.org", 1)


def load(worker: DbWorker, cache: Cache, key: AccountKey, data: Dataset) -> None:
    for items in data.list_pages():
        convs = [parse.conversation(parse.root(o), 1) for o in items]
        worker.call(cache.upsert_conversations, key, convs)
    for page in data.message_pages():
        msgs = [parse.message(o) for o in parse.root(page).listing("payload")]
        worker.call(cache.upsert_messages, key, msgs)


def test_every_matching_conversation_once_with_its_newest_hit(
    worker: DbWorker, cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    data = Dataset(40, 20)
    load(worker, cache, KEY, data)
    word = stem("refund")
    expected = {
        n
        for n in range(1, 41)
        if any(word in stems_of(m["content"]).split() for m in data.messages_of(n))
    }
    assert len(expected) > 3
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        caplog.clear()
        hits = worker.call(cache.search_conversations, "refunds", key=KEY)
        statements = sum(1 for r in caplog.records if r.name == "peewee")
    assert statements <= 2  # the search, and the server URLs of its hits
    ids = [h.conversation_id for h in hits]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert all(h.key == KEY for h in hits)
    every = worker.call(cache.search, "refunds", key=KEY, limit=1000)
    for hit in hits:  # its hit is its newest matching message
        newest = max(h.message_id for h in every if h.conversation_id == hit.conversation_id)
        assert hit.message_id == newest
    assert [h.message_id for h in hits] == sorted((h.message_id for h in hits), reverse=True)
    assert hits[0].snippet.spans and "refund" in hits[0].snippet.marked().lower()


def test_the_best_ranked_message_of_each_conversation_best_first(
    worker: DbWorker, cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    """The transcript browser's ranked list: within the window of best-ranked messages, each
    conversation once with its best one, in ranking order, read in one statement (plus the
    hits' server URLs); the window says whether it held every match."""
    data = Dataset(40, 20)
    load(worker, cache, KEY, data)
    load(worker, cache, OTHER, Dataset(10, 20, seed=5))  # another account's hits stay out
    ranked = worker.call(cache.search, "refunds", key=KEY, limit=10_000)
    assert len({h.conversation_id for h in ranked}) > 3
    best: dict[int, int] = {}
    for h in ranked:  # best first: a conversation's first hit is its best
        best.setdefault(h.conversation_id, h.message_id)
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        caplog.clear()
        hits, every = worker.call(cache.search_best_per_conversation, "refunds", KEY, window=10_000)
        statements = sum(1 for r in caplog.records if r.name == "peewee")
    assert statements <= 2
    assert every and all(h.key == KEY for h in hits)
    assert [(h.conversation_id, h.message_id) for h in hits] == list(best.items())
    assert "refund" in hits[0].snippet.marked().lower()
    narrow, every = worker.call(cache.search_best_per_conversation, "refunds", KEY, window=3)
    assert not every and 1 <= len(narrow) <= 3
    assert [h.message_id for h in narrow] == [h.message_id for h in hits][: len(narrow)]
    assert worker.call(cache.search_best_per_conversation, "zzzqqq", KEY, window=10) == ([], True)


def test_conversations_by_id_reads_typed_records(worker: DbWorker, cache: Cache) -> None:
    """One plain statement per chunk, the same typed records as a model read (booleans as
    booleans), only this account's and only the ones cached."""
    load(worker, cache, KEY, Dataset(5, 2))
    load(worker, cache, OTHER, Dataset(5, 2, seed=5))
    found = worker.call(cache.conversations_by_id, KEY, [2, 4, 99])
    assert sorted(found) == [2, 4]
    for display_id, record in found.items():
        assert record == worker.call(cache.conversation, KEY, display_id)
        assert record.can_reply is True and record.present_on_server is True


def test_an_account_filter_finds_its_hits_behind_better_ones_of_another(
    worker: DbWorker, cache: Cache
) -> None:
    data = Dataset(10, 20)
    load(worker, cache, OTHER, data)
    loud = [
        parse.message(parse.root({**m, "content": "parcel parcel parcel, the parcel"}))
        for n in range(1, 11)
        for m in data.messages_of(n)
    ]
    worker.call(cache.upsert_messages, OTHER, loud)  # 200 strong hits in the other account
    mine = Dataset(1, 2, seed=11)
    load(worker, cache, KEY, mine)
    quiet = parse.message(parse.root({**mine.messages_of(1)[0], "content": "a parcel?"}))
    worker.call(cache.upsert_messages, KEY, [quiet])
    hits = worker.call(cache.search, "parcel", key=KEY, limit=5)
    assert [(h.key, h.message_id) for h in hits] == [(KEY, quiet.id)]
    assert len(worker.call(cache.search, "parcel", limit=5)) == 5
    assert (
        worker.call(cache.search, "parcel", key=KEY, limit=5)[0].contact
        == (mine.contact(1)["name"])
    )


def test_a_snippet_is_cut_only_for_the_rows_asked_for(worker: DbWorker, cache: Cache) -> None:
    data = Dataset(30, 20)
    load(worker, cache, KEY, data)
    hits = worker.call(cache.search_conversations, "refund", key=KEY)
    matches = ConversationMatches([*hits, dataclasses.replace(hits[0], message_id=-1)])
    assert set(matches) == {h.conversation_id for h in hits}  # the first hit of each wins
    assert not any("snippet" in vars(h) for h in hits)  # nothing cut yet
    text, spans = matches[hits[1].conversation_id]
    assert spans and all(text[a:b].lower().startswith("refund") for a, b in spans)
    assert [("snippet" in vars(h)) for h in hits[:3]] == [False, True, False]
