"""Set-based cache writes: a page costs the same statements whatever its length, and batching
keeps every rule of a row-by-row upsert (edits replace search rows and attachments, copies
lacking a field keep the cached value, duplicates in one batch collapse)."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest

from bench.dataset import Dataset
from operator_desktop.core import parse
from operator_desktop.core import types as t
from operator_desktop.core.changes import AccountKey
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.database import DbWorker
from tests.cache_fixtures import cache, worker

__all__ = ["cache", "worker"]  # fixtures

KEY = AccountKey("https://chat.example.com", 1)


def conversations(data: Dataset, ids: range) -> list[t.Conversation]:
    return [parse.conversation(parse.root(data.conversation(n)), 1) for n in ids]


def messages(data: Dataset, n: int) -> list[t.Message]:
    return [parse.message(parse.root(o)) for o in data.messages_of(n)]


def message(id_: int, text: str, **extra: Any) -> t.Message:
    body = {
        "id": id_,
        "content": text,
        "conversation_id": 1,
        "message_type": 0,
        "created_at": 1_770_000_000 + id_,
        "sender": {"id": 10_001, "name": "Isla King", "type": "contact"},
        **extra,
    }
    return parse.message(parse.root(body))


def statements(caplog: pytest.LogCaptureFixture) -> int:
    """Statements peewee ran since the last `caplog.clear()` (it logs each at DEBUG)."""
    return sum(1 for r in caplog.records if r.name == "peewee")


def test_a_page_costs_the_same_statements_whatever_its_length(
    worker: DbWorker, cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    short, long = Dataset(2, 20), Dataset(2, 400)
    costs = {}
    for name, data, ids in (("short", short, range(1, 2)), ("long", long, range(2, 3))):
        worker.call(cache.upsert_conversations, KEY, conversations(data, ids))
        page = messages(data, ids[0])
        with caplog.at_level(logging.DEBUG, logger="peewee"):
            caplog.clear()
            worker.call(cache.upsert_messages, KEY, page)
            costs[name] = statements(caplog)
    assert costs["short"] == costs["long"], costs  # 20 messages cost what 400 do
    assert costs["short"] <= 8, costs

    lists = {}
    for name, ids in (("5", range(10, 15)), ("25", range(20, 45))):
        with caplog.at_level(logging.DEBUG, logger="peewee"):
            caplog.clear()
            worker.call(cache.upsert_conversations, KEY, conversations(long, ids))
            lists[name] = statements(caplog)
    assert lists["5"] == lists["25"], lists


def test_an_edited_message_replaces_its_search_row_and_attachments(
    worker: DbWorker, cache: Cache
) -> None:
    data = Dataset(1, 2)
    worker.call(cache.upsert_conversations, KEY, conversations(data, range(1, 2)))
    files = [
        {"id": 501, "message_id": 900, "file_type": "image", "data_url": "https://f.example/a.jpg"},
        {"id": 502, "message_id": 900, "file_type": "file", "data_url": "https://f.example/b.pdf"},
    ]
    worker.call(
        cache.upsert_messages, KEY, [message(900, "Where is my parcel?", attachments=files)]
    )
    worker.call(cache.set_attachment_file, KEY, 501, path="files/a.jpg")
    assert [h.message_id for h in worker.call(cache.search, "parcel")] == [900]

    edited = [{**files[0], "data_url": "https://f.example/a2.jpg"}]
    worker.call(cache.upsert_messages, KEY, [message(900, "About the invoice", attachments=edited)])
    assert worker.call(cache.search, "parcel") == []
    assert [h.message_id for h in worker.call(cache.search, "invoice")] == [900]
    [kept] = worker.call(cache.attachments_of, KEY, [900])
    assert (kept.attachment_id, kept.data_url) == (501, "https://f.example/a2.jpg")
    assert kept.local_path == "files/a.jpg"  # the downloaded copy is still known


def test_copies_lacking_a_field_keep_the_cached_value(worker: DbWorker, cache: Cache) -> None:
    data = Dataset(1, 2)
    [conv] = conversations(data, range(1, 2))
    assert conv.contact is not None and conv.muted is False and conv.uuid is not None
    contact = dataclasses.replace(conv.contact, availability_status="online")
    worker.call(cache.upsert_contacts, KEY, [contact])
    worker.call(cache.upsert_conversations, KEY, [conv])
    worker.call(cache.upsert_messages, KEY, [message(900, "Hi", echo_id="echo-1")])

    renamed = dataclasses.replace(conv.contact, name="Isla Renamed")
    push = dataclasses.replace(
        conv, muted=None, uuid=None, contact=renamed, updated_at=(conv.updated_at or 0) + 1
    )
    change = worker.call(cache.upsert_conversations, KEY, [push])
    worker.call(cache.upsert_messages, KEY, [message(900, "Hi (edited)")])  # no echo id

    row = worker.call(cache.conversation, KEY, 1)
    assert row is not None
    assert (row.muted, row.uuid, row.contact_name) == (False, conv.uuid, "Isla Renamed")
    stored = worker.call(cache.contact, KEY, contact.id)
    assert stored is not None
    assert (stored.availability_status, stored.details_fetched) == ("online", True)
    assert change.contacts == {contact.id} and change.conversations == {1}
    [msg] = [m for m in worker.call(cache.messages, KEY, 1) if m.message_id == 900]
    assert (msg.content, msg.echo_id) == ("Hi (edited)", "echo-1")


def test_one_batch_with_repeats_and_several_conversations(worker: DbWorker, cache: Cache) -> None:
    data = Dataset(3, 500)  # 1,500 messages: more than one chunk
    worker.call(cache.upsert_conversations, KEY, conversations(data, range(1, 4)))
    batch = [m for n in (1, 2, 3) for m in messages(data, n)]
    repeat = dataclasses.replace(batch[0], content="the final copy of a repeated message")
    change = worker.call(cache.upsert_messages, KEY, [*batch, repeat])
    assert {n: len(ids) for n, ids in change.messages.items()} == {1: 500, 2: 500, 3: 500}
    hits = worker.call(cache.search, "repeated")
    assert [h.message_id for h in hits] == [batch[0].id]
    for n in (1, 2, 3):
        row = worker.call(cache.conversation, KEY, n)
        newest = messages(data, n)[-1]
        assert row is not None
        assert (row.last_message_id, row.last_message_preview) == (newest.id, newest.content)
        assert len(worker.call(cache.messages, KEY, n)) == 500
