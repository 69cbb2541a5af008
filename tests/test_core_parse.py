"""Parsing of REST and cable payloads into core types (CONTRACT §2.4, §3.3, §3.4, §7.5, §10.3)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from operator_desktop.core import parse
from operator_desktop.core.errors import ProtocolError

SAMPLES = Path(__file__).resolve().parent / "contract_samples"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_timestamps_in_every_format() -> None:
    assert parse.timestamp(1772445120) == 1772445120.0
    assert parse.timestamp(1772445120.4187) == 1772445120.4187
    assert parse.timestamp("2026-03-02T09:52:00.331Z") == pytest.approx(1772445120.331)
    assert parse.timestamp(0) is None
    assert parse.timestamp(None) is None
    with pytest.raises(ProtocolError):
        parse.timestamp("yesterday", "x")
    with pytest.raises(ProtocolError):
        parse.timestamp(True, "x")


def test_rest_conversation_page_sample() -> None:
    page = parse.conversation_page(sample("conversations_list_page.json"), account_id=1)
    assert page.mine_count == 2 and page.all_count == 12
    first = page.items[0]
    assert first.id == 1042 and first.account_id == 1 and first.channel == "Channel::WebWidget"
    assert first.contact is not None and first.contact.name == "Jonas Weber"
    assert first.assignee is not None and first.assignee.id == 7
    assert first.team_id == 2 and first.labels == ("billing", "vat")
    assert first.updated_at == pytest.approx(1772445120.4187)
    assert first.last_message is not None and first.last_message.message_type == 0
    assert first.muted is False and first.uuid is not None


def test_push_conversation_matches_rest_fields() -> None:
    frame = sample("cable_conversation_status_changed.json")
    conv = parse.conversation(parse.root(frame["message"]["data"], "data"))
    assert conv.id == 1042 and conv.status == "resolved" and conv.channel == "Channel::WebWidget"
    assert conv.first_reply_created_at == pytest.approx(parse.timestamp("2026-03-02T09:43:30Z"))
    assert conv.muted is None and conv.team_name == "billing"


def test_an_activity_line_is_never_the_preview() -> None:
    page = sample("conversations_list_page.json")
    data = page["data"]["payload"][0]
    customer = dict(data["last_non_activity_message"])
    activity = dict(customer, id=customer["id"] + 1, message_type=2, content="John Doe added vip")
    data["messages"] = [activity]  # REST: the very last message of any kind
    conv = parse.conversation(parse.root(data), 1)
    assert conv.last_message is not None and conv.last_message.id == customer["id"]
    del data["last_non_activity_message"]  # a push has only the last message
    assert parse.conversation(parse.root(data), 1).last_message is None
    data["messages"] = [customer]
    pushed = parse.conversation(parse.root(data), 1).last_message
    assert pushed is not None and pushed.id == customer["id"]


def test_messages_page_and_push_message() -> None:
    page = sample("messages_page.json")
    messages = [parse.message(o) for o in parse.root(page).objs("payload")]
    assert [m.message_type for m in messages] == [0, 2, 1, 0, 1]
    assert messages[1].sender is None
    assert messages[3].content is None and messages[3].attachments[0].width == 1280
    assert messages[4].private
    pushed = parse.message(parse.root(sample("cable_message_created.json")["message"]["data"]))
    assert pushed.echo_id == "b7f3c1e2-local-0001" and pushed.account_id == 1
    assert pushed.updated_at is not None and pushed.sender is not None
    # the push carries the conversation's unread count (§3.4); REST messages do not
    assert pushed.conversation_unread_count == 0
    assert all(m.conversation_unread_count is None for m in messages)


def test_profile_sample() -> None:
    profile = parse.profile(parse.root(sample("profile.json")))
    assert profile.pubsub_token and profile.access_token
    assert [a.id for a in profile.accounts] == [1, 4]


def test_wrong_type_names_the_path() -> None:
    data = sample("conversations_list_page.json")
    data["data"]["payload"][1]["meta"]["sender"]["id"] = "311"
    with pytest.raises(ProtocolError) as info:
        parse.conversation_page(data, account_id=1)
    assert info.value.path == "data.payload[1].meta.sender.id"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _mutate(base: Any, replacement: Any, path_choice: int) -> Any:
    """Replace one value somewhere in `base` (chosen by index) with `replacement`."""
    spots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in node:
                spots.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for i in range(len(node)):
                spots.append((node, i))
                walk(node[i])

    walk(base)
    if spots:
        parent, key = spots[path_choice % len(spots)]
        parent[key] = replacement
    return base


@settings(max_examples=300, deadline=None)
@given(replacement=JSON, path_choice=st.integers(min_value=0, max_value=10_000))
def test_malformed_payloads_only_raise_protocol_errors(replacement: Any, path_choice: int) -> None:
    for name, fn in (
        ("conversations_list_page.json", lambda d: parse.conversation_page(d, 1)),
        ("messages_page.json", lambda d: [parse.message(o) for o in parse.root(d).objs("payload")]),
        ("profile.json", lambda d: parse.profile(parse.root(d))),
    ):
        data = _mutate(sample(name), replacement, path_choice)
        with contextlib.suppress(ProtocolError):
            fn(data)


def test_names_and_file_names_lose_their_bidi_controls() -> None:
    from operator_desktop.services.readmodel import attachment_name

    spoofed = "Invoice \u202egpj.exe"
    data = sample("messages_page.json")
    data["payload"][0]["sender"]["name"] = spoofed
    data["payload"][0]["sender"].pop("available_name", None)
    msg = parse.message(parse.root(data).listing("payload")[0])
    assert msg.sender is not None and msg.sender.name == "Invoice gpj.exe"
    url = "https://x.example/rails/active_storage/blobs/redirect/abc/%E2%80%AEgpj.exe?disposition=1"
    assert attachment_name(url, 7) == "gpj.exe"
    assert attachment_name(None, 7) == "file-7"
    assert parse.root({"name": "\u2067Анна\u2069"}).label("name") == "Анна"


def test_an_agent_is_named_as_the_activity_lines_name_them() -> None:
    """ "Assigned to John Doe by …" (Chatwoot writes `name`): menus, rows and senders agree."""
    user = {"id": 1, "name": "John Doe", "available_name": "John", "type": "user"}
    assert parse.sender(parse.root(user)).name == "John Doe"
    assert parse.sender(parse.root({"id": 2, "available_name": "Anna"})).name == "Anna"
