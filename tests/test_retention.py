"""Retention: the cache keeps conversations forever or N days after their last activity, per
account; expired ones leave the cache, the search index and the disk (never the server), and
unsent replies and drafts keep theirs."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.core.changes import AccountKey
from operator_desktop.services.actions import AccountActions
from operator_desktop.services.readmodel import ReadModel
from operator_desktop.services.retention import RetentionSettings
from operator_desktop.storage.filevault import FileVault
from tests.conftest import ADMIN, api
from tests.sync_support import Harness

DAY = 86400.0
OLD = (3, 4, 5, 6)  # made 100 days quiet
WITH_DRAFT, WITH_OUTBOX = 5, 6  # old, but holding something unsent


@pytest.fixture
def harness(demo_url: str, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(demo_url, ADMIN.access_token, ADMIN.id, ADMIN.pubsub_token, tmp_path / "c.db")
    yield h
    h.close()


def age(h: Harness, ids: tuple[int, ...], seconds: float) -> None:
    """Make the conversations' last activity `seconds` ago in the cache."""
    when = time.time() - seconds
    marks = ",".join("?" for _ in ids)
    h.worker.call(
        h.cache.database.db.execute_sql,
        f"UPDATE conversation SET last_activity_at = ? WHERE display_id IN ({marks})",
        (when, *ids),
    )


def count(h: Harness, sql: str) -> int:
    return int(h.worker.call(h.cache.database.db.execute_sql, sql).fetchone()[0])


def test_expired_conversations_leave_the_cache_index_and_disk(
    harness: Harness, tmp_path: Path
) -> None:
    files = tmp_path / "files"

    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        await engine.client.aclose()

    asyncio.run(go())
    h = harness
    key = h.key
    msgs = {d: h.worker.call(h.cache.messages, key, d) for d in (*OLD, 7)}
    word = next(w for w in (msgs[3][0].content or "").split() if len(w) > 5)
    attachment = next(
        a for a in h.worker.call(h.cache.attachments_of, key, [m.message_id for m in msgs[4]])
    )
    picture = files / "1" / "old.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"picture")
    h.worker.call(h.cache.set_attachment_file, key, attachment.attachment_id, path="1/old.png")
    h.worker.call(h.cache.save_draft, key, WITH_DRAFT, "не забыть ответить", False, time.time())
    h.worker.call(h.cache.enqueue, key, WITH_OUTBOX, "ответ в пути", echo_id="e-1",
                  private=False, now=time.time())  # fmt: skip
    age(h, OLD, 100 * DAY)
    messages_before = count(h, "SELECT count(*) FROM message")
    index_before = count(h, "SELECT count(*) FROM message_fts")
    questions_before = count(h, "SELECT count(*) FROM question_fts")

    async def expire() -> None:
        engine = harness.engine()
        engine.retention_days = 30
        engine.files_dir = files
        change = await engine.expire_old()
        assert change is not None and change.removed_conversations == {3, 4}
        await engine.client.aclose()

    asyncio.run(expire())
    left = {c.display_id for c in h.worker.call(h.cache.conversations, key)}
    assert 3 not in left and 4 not in left and {WITH_DRAFT, WITH_OUTBOX, 7} <= left
    gone = len(msgs[3]) + len(msgs[4])
    assert count(h, "SELECT count(*) FROM message") == messages_before - gone
    assert count(h, "SELECT count(*) FROM message_fts") == index_before - gone
    asked = sum(1 for m in msgs[3] + msgs[4] if m.message_type == 0 and not m.private and m.content)
    assert asked and count(h, "SELECT count(*) FROM question_fts") == questions_before - asked
    assert count(h, "SELECT count(*) FROM message WHERE conversation_id IN (3, 4)") == 0
    hits = h.worker.call(h.cache.search_conversations, word, key=key)
    assert {x.conversation_id for x in hits}.isdisjoint({3, 4})
    assert not picture.exists(), "the downloaded file went with its conversation"
    assert h.worker.call(h.cache.attachments_of, key, [m.message_id for m in msgs[4]]) == []
    assert len(h.worker.call(h.cache.messages, key, 7)) == len(msgs[7]), "others untouched"
    assert h.worker.call(h.cache.draft, key, WITH_DRAFT) is not None
    assert [e.content for e in h.worker.call(h.cache.outbox_for, key, WITH_OUTBOX)] == [
        "ответ в пути"
    ]
    with api(h.url) as client:  # never deleted on the server
        assert client.get("/api/v1/accounts/1/conversations/3").status_code == 200


def test_the_policy_is_kept_per_account_and_applied_at_once(
    harness: Harness, tmp_path: Path
) -> None:
    settings = RetentionSettings(tmp_path / "settings.json")
    other = AccountKey("https://other.example.com", 2)
    settings.set_days(other, 7)

    async def go() -> None:
        engine = harness.engine()
        await engine.run(live=False)
        age(harness, (8,), 10 * DAY)
        actions = AccountActions(
            engine, ReadModel(harness.cache), FileVault(tmp_path / "f"), settings
        )
        initially = actions.retention_days
        await actions.set_retention(9)
        assert initially is None and actions.retention_days == 9, "forever by default"
        await engine.client.aclose()

    asyncio.run(go())
    assert harness.worker.call(harness.cache.conversation, harness.key, 8) is None
    assert any(8 in c.removed_conversations for c in harness.changes), "published"
    fresh = RetentionSettings(tmp_path / "settings.json")
    assert fresh.days(harness.key) == 9 and fresh.days(other) == 7
    fresh.set_days(harness.key, None)
    assert fresh.days(harness.key) is None and fresh.days(other) == 7
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert fresh.days(other) is None, "a corrupt file keeps everything"
    fresh.set_days(other, 3)
    assert json.loads((tmp_path / "settings.json").read_text())["retention_days"] == {
        f"{other.server_url}#{other.account_id}": 3
    }
    with pytest.raises(ValueError, match="retention"):
        fresh.set_days(other, 0)
