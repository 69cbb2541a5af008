"""Transcripts for export: which cached conversations a filter selects, each read whole from
the cache (no network), redacted on request, and written as TXT, JSON, self-contained HTML or
PDF — always to a temporary file renamed into place, so a cancelled or failed export leaves
no half-written file.

The PDF is drawn by Qt (`QTextDocument` into `QPdfWriter`), which this layer may not import:
whoever runs an export hands in a `PdfWriter` (the window's, or the CLI's headless one).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
import json
import logging
import mimetypes
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.types import MessageType
from operator_desktop.services.readmodel import AttachmentRow, MessageRow, ReadModel
from operator_desktop.storage.cache import Cache
from operator_desktop.storage.cache.search import SearchHit
from operator_desktop.storage.database import DbWorker
from operator_desktop.storage.filevault import FileVault
from operator_desktop.storage.records import ConversationRecord
from operator_desktop.storage.textsearch import Snippet, fts_query, match_spans, snippet

log = logging.getLogger("db")

INLINE_IMAGE_LIMIT = 8 * 1024 * 1024  # bytes: a bigger image is named, not embedded


class ExportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    TXT = "txt"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class TranscriptFilter:
    """What to export: the given conversations, or every cached one the filters let through.
    `since`/`until` are local calendar days, both included; they also trim the messages."""

    ids: tuple[int, ...] = ()
    query: str | None = None  # with days: a matching message in those days
    since: dt.date | None = None
    until: dt.date | None = None
    inbox_id: int | None = None
    label: str | None = None
    contact: str = ""  # a part of the contact's name, any case
    agent_id: int | None = None  # the assignee
    status: str | None = None
    hide_resolved: bool = False
    on_server_only: bool = False  # not the ones deleted from the server since (the browser's)

    def time_range(self) -> tuple[float | None, float | None]:
        return day_range(self.since, self.until)

    @classmethod
    def matching(cls, flt: BrowseFilter, *, hide_resolved: bool = False) -> TranscriptFilter:
        """Every conversation the browser's search finds, not only the ones it lists (words
        that search nothing list everything there, as no words)."""
        return cls(
            query=flt.query if fts_query(flt.query) else None, since=flt.since,
            until=flt.until, inbox_id=flt.inbox_id, label=flt.label, contact=flt.contact,
            agent_id=flt.agent_id, status=flt.status, hide_resolved=hide_resolved,
            on_server_only=True,
        )  # fmt: skip


def day_range(since: dt.date | None, until: dt.date | None) -> tuple[float | None, float | None]:
    """[start, end) in epoch seconds of the local days `since` to `until`, both included."""
    start = end = None
    if since is not None:
        start = dt.datetime.combine(since, dt.time.min).astimezone().timestamp()
    if until is not None:
        after = until + dt.timedelta(days=1)
        end = dt.datetime.combine(after, dt.time.min).astimezone().timestamp()
    return start, end


class BrowseOrder(StrEnum):
    RANK = "rank"  # the best-matching message first (bm25)
    DATE = "date"  # the most recent match first


@dataclass(frozen=True, slots=True)
class BrowseFilter:
    """The transcript browser's search: words (stemmed) and filters on the conversation."""

    query: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    inbox_id: int | None = None
    contact: str = ""  # a part of the contact's name, any case
    agent_id: int | None = None  # the assignee
    status: str | None = None
    label: str | None = None
    order: BrowseOrder = BrowseOrder.RANK


@dataclass(frozen=True)
class TranscriptHit:
    """One conversation in the browser's results, with the message to open it at; `text`
    is that message's (or, with no words searched, the conversation's last) text, cut to a
    snippet only when a row is painted."""

    display_id: int
    contact_name: str
    inbox_name: str
    status: str
    assignee: str | None
    last_activity_at: float | None
    message_id: int | None  # the matching message (None: no words were searched)
    message_at: float | None
    text: str
    query: str = ""

    @cached_property
    def _cut(self) -> Snippet:
        # a short lead before the match: a result row shows about one line
        return snippet(self.text, self.query, SNIPPET_WIDTH)

    @property
    def snippet(self) -> str:
        return self._cut.text

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self._cut.spans


BROWSE_LIMIT = 100  # conversations the browser lists at most, the best first
SNIPPET_WIDTH = 60  # characters of a result's snippet (a third of them before the match)
RANKED_WINDOW = 1000  # best-ranked messages a ranked browse first groups into conversations
RANKED_WINDOW_MAX = 32_000  # ... and at most, when filters leave too few
RANKED_ALL = 8_000  # up to this many matches, every one is grouped at once (no window)


@dataclass(frozen=True, slots=True)
class TranscriptContact:
    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    server_url: str
    account_id: int
    display_id: int
    status: str
    inbox_name: str
    contact: TranscriptContact
    assignee: str | None
    team: str | None
    labels: tuple[str, ...]
    created_at: float | None
    last_activity_at: float | None
    messages: tuple[MessageRow, ...] = field(default=())


class TranscriptReader:
    """Reads on the database thread: `select` picks display ids, `read` one transcript."""

    def __init__(self, cache: Cache, readmodel: ReadModel) -> None:
        self.cache = cache
        self.readmodel = readmodel

    def select(self, key: AccountKey, flt: TranscriptFilter) -> list[int]:
        """Display ids the filter picks, the most recently active first."""
        wanted = set(flt.ids)
        contact = flt.contact.casefold()

        def passes(c: ConversationRecord) -> bool:
            return (
                (not wanted or c.display_id in wanted)
                and (not flt.on_server_only or c.present_on_server)
                and (flt.inbox_id is None or c.inbox_id == flt.inbox_id)
                and (flt.status is None or c.status == flt.status)
                and (not flt.hide_resolved or c.status != "resolved")
                and (flt.agent_id is None or c.assignee_id == flt.agent_id)
                and (flt.label is None or flt.label in _labels(c.labels))
                and (not contact or contact in (c.contact_name or "").casefold())
            )

        ids = [c.display_id for c in self.cache.conversations(key) if passes(c)]
        start, end = flt.time_range()
        dated = start is not None or end is not None
        if flt.query:  # words that search nothing (only punctuation) match nothing
            matching = self.cache.conversations_matching(flt.query, key, start, end)
            ids = [i for i in ids if i in matching]
        elif dated:
            active = self.cache.conversations_with_messages_between(key, start, end)
            ids = [i for i in ids if i in active]
        return ids

    def browse(
        self, key: AccountKey, flt: BrowseFilter, limit: int = BROWSE_LIMIT
    ) -> list[TranscriptHit]:
        """Conversations for the browser: with words, those with a matching message (best
        match or newest match first); without, every one the filters pass, newest first."""
        inboxes = {i.inbox_id: i.name for i in self.cache.inboxes(key)}
        contact = flt.contact.casefold()

        def passes(c: ConversationRecord) -> bool:
            return (
                c.present_on_server
                and (flt.inbox_id is None or c.inbox_id == flt.inbox_id)
                and (flt.status is None or c.status == flt.status)
                and (flt.agent_id is None or c.assignee_id == flt.agent_id)
                and (flt.label is None or flt.label in _labels(c.labels))
                and (not contact or contact in (c.contact_name or "").casefold())
            )

        def hit(c: ConversationRecord, m: SearchHit | None) -> TranscriptHit:
            return TranscriptHit(
                display_id=c.display_id,
                contact_name=c.contact_name or "",
                inbox_name=inboxes.get(c.inbox_id, ""),
                status=c.status,
                assignee=c.assignee_name,
                last_activity_at=c.last_activity_at,
                message_id=m.message_id if m is not None else None,
                message_at=m.created_at if m is not None else None,
                text=m.text if m is not None else (c.last_message_preview or ""),
                query=flt.query if m is not None else "",
            )

        start, end = day_range(flt.since, flt.until)

        def in_range(ts: float | None) -> bool:
            return ts is not None and (start is None or ts >= start) and (end is None or ts < end)

        out: list[TranscriptHit] = []
        if not fts_query(flt.query):
            active = (
                None
                if start is None and end is None
                else self.cache.conversations_with_messages_between(key, start, end)
            )
            for conv in self.cache.conversations(key):  # newest first
                if passes(conv) and (active is None or conv.display_id in active):
                    out.append(hit(conv, None))
                    if len(out) >= limit:
                        break
            return out
        ranked = flt.order is BrowseOrder.RANK or start is not None or end is not None
        dated = start is not None or end is not None
        narrowed = any((flt.inbox_id is not None, flt.status, flt.agent_id is not None,
                        flt.label, contact))  # fmt: skip
        # with no filter to pass, the first `limit` conversations are all it reads (unless
        # some were deleted from the server since: then it reads them all)
        cut: int | None = None if narrowed else limit
        window: int | None = RANKED_WINDOW
        if ranked and not dated and self.cache.count_matches(flt.query) <= RANKED_ALL:
            window = None  # few enough to group them all at once: no second look needed
        while True:
            every = True
            if ranked and not dated:  # each conversation's best message is all it needs
                messages, every = self.cache.search_best_per_conversation(
                    flt.query, key, window=window, limit=cut
                )
            elif ranked:  # any of a conversation's messages may be the one in the days
                top = window or RANKED_WINDOW  # (never None with days)
                messages = self.cache.search(flt.query, key=key, limit=top)
                every = len(messages) < top
            else:
                messages = self.cache.search_conversations(flt.query, key=key)
            # only the conversations of the hits are read (not every cached one)
            wanted = list(dict.fromkeys(m.conversation_id for m in messages))
            convs = self.cache.conversations_by_id(key, wanted)
            out, seen = [], set()
            for m in messages:
                found = convs.get(m.conversation_id)
                if found is None or m.conversation_id in seen or not passes(found):
                    continue
                if dated and not in_range(m.created_at):
                    continue
                seen.add(m.conversation_id)
                out.append(hit(found, m))
            if cut is not None and len(out) < len(messages) and ranked and not dated:
                cut = None  # a listed conversation is gone from the server: read them all
                continue
            # the best-ranked messages held too few conversations (the filters left out some,
            # or a few conversations hold them all): look further down the ranking (each look
            # ranks every match again, so few and wide)
            if not ranked or len(out) >= limit or every or window is None:
                break
            if window >= RANKED_WINDOW_MAX:
                break
            window *= 8
        if flt.order is BrowseOrder.DATE:
            out.sort(key=lambda h: h.message_at or 0.0, reverse=True)
        return out[:limit]

    def matches(self, key: AccountKey, display_id: int, query: str) -> list[int]:
        """The conversation's messages matching `query`, oldest first."""
        return self.cache.matching_messages(query, key, display_id)

    def read(self, key: AccountKey, display_id: int, flt: TranscriptFilter) -> Transcript | None:
        conv = self.cache.conversation(key, display_id)
        if conv is None:
            return None
        start, end = flt.time_range()
        messages = self.readmodel.transcript_messages(key, display_id, start, end)
        contact = self.cache.contact(key, conv.contact_id) if conv.contact_id else None
        inboxes = {i.inbox_id: i.name for i in self.cache.inboxes(key)}
        return Transcript(
            server_url=key.server_url,
            account_id=key.account_id,
            display_id=display_id,
            status=conv.status,
            inbox_name=inboxes.get(conv.inbox_id, ""),
            contact=TranscriptContact(
                name=(contact.name if contact else None) or conv.contact_name or "",
                email=contact.email if contact else None,
                phone=contact.phone_number if contact else None,
            ),
            assignee=conv.assignee_name,
            team=conv.team_name,
            labels=tuple(_labels(conv.labels)),
            created_at=conv.created_at,
            last_activity_at=conv.last_activity_at,
            messages=tuple(messages),
        )


def _labels(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


# ---- redaction ---------------------------------------------------------------------------
def redacted(transcript: Transcript) -> Transcript:
    """The transcript with personal data replaced in message text, the contact's fields and
    attachment names (agents' names stay: they are the company's, not the customer's)."""
    # phonenumbers loads only when asked
    from operator_desktop.core.personal_data import redact, redact_file_name

    contact = transcript.contact
    return replace(
        transcript,
        contact=TranscriptContact(
            name=redact(contact.name),
            email="[email]" if contact.email else None,
            phone="[phone]" if contact.phone else None,
        ),
        messages=tuple(_redacted_message(m, redact, redact_file_name) for m in transcript.messages),
    )


def _redacted_message(
    m: MessageRow, redact: Callable[[str], str], redact_file_name: Callable[[str], str]
) -> MessageRow:
    sender = m.sender_name
    if m.message_type == MessageType.INCOMING and sender:
        sender = redact(sender)
    return replace(
        m,
        content=redact(m.content) if m.content else m.content,
        sender_name=sender,
        reply_preview=redact(m.reply_preview) if m.reply_preview else m.reply_preview,
        attachments=tuple(replace(a, name=redact_file_name(a.name)) for a in m.attachments),
    )


# ---- rendering -----------------------------------------------------------------------------
def _when(ts: float | None) -> str:
    if ts is None:
        return ""
    return dt.datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%d %H:%M")


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat().replace("+00:00", "Z")


def _kind(m: MessageRow) -> str:
    if m.message_type == MessageType.ACTIVITY:
        return "activity"
    if m.private:
        return "private_note"
    return "incoming" if m.message_type == MessageType.INCOMING else "outgoing"


@dataclass(frozen=True, slots=True)
class TranscriptWording:
    """The words a rendered transcript is written in: English here (the CLI's), the window
    hands in its own translated ones. `{id}`, `{who}`, `{url}`, `{account}` and `{size}`
    are filled in; `statuses` and `file_types` name a value (one not named is shown as it
    is); `number` writes a file's size."""

    conversation: str = "Conversation #{id} with {who}"
    inbox: str = "Inbox"
    status: str = "Status"
    contact: str = "Contact"
    assignee: str = "Assignee"
    team: str = "Team"
    labels: str = "Labels"
    started: str = "Started"
    last_activity: str = "Last activity"
    server: str = "Server"
    server_account: str = "{url} (account {account})"
    customer: str = "Customer"
    agent: str = "Agent"
    private_note: str = "private note"
    deleted: str = "[deleted]"
    size: str = "{size} bytes"
    title: str = "Operator Desktop transcripts"
    title_redacted: str = "Operator Desktop transcripts (redacted)"
    statuses: Mapping[str, str] = field(default_factory=dict)
    file_types: Mapping[str, str] = field(default_factory=dict)
    number: Callable[[int], str] = "{:,}".format


ENGLISH = TranscriptWording()


def _sender(m: MessageRow, w: TranscriptWording) -> str:
    if m.sender_name:
        return m.sender_name
    return w.customer if m.message_type == MessageType.INCOMING else w.agent


def _attachment_line(a: AttachmentRow, w: TranscriptWording) -> str:
    size = ", " + w.size.replace("{size}", w.number(a.file_size)) if a.file_size else ""
    return f"[{w.file_types.get(a.file_type, a.file_type)}: {a.name}{size}]"


def _heading(t: Transcript, w: TranscriptWording) -> str:
    who = t.contact.name or "?"
    return w.conversation.replace("{id}", str(t.display_id)).replace("{who}", who)


def _facts(t: Transcript, w: TranscriptWording) -> list[tuple[str, str]]:
    contact = ", ".join(x for x in (t.contact.email, t.contact.phone) if x)
    server = w.server_account.replace("{url}", t.server_url)
    facts = [
        (w.inbox, t.inbox_name),
        (w.status, w.statuses.get(t.status, t.status)),
        (w.contact, contact),
        (w.assignee, t.assignee or ""),
        (w.team, t.team or ""),
        (w.labels, ", ".join(t.labels)),
        (w.started, _when(t.created_at)),
        (w.last_activity, _when(t.last_activity_at)),
        (w.server, server.replace("{account}", str(t.account_id))),
    ]
    return [(k, v) for k, v in facts if v]


def render_txt(transcripts: Sequence[Transcript], wording: TranscriptWording = ENGLISH) -> str:
    w = wording
    out: list[str] = []
    for t in transcripts:
        out.append(_heading(t, w))
        out.extend(f"{k}: {v}" for k, v in _facts(t, w))
        out.append("")
        for m in t.messages:
            when = _when(m.created_at)
            if m.message_type == MessageType.ACTIVITY:
                out.append(f"{when}  — {m.content or ''}")
                continue
            tag = f" [{w.private_note}]" if m.private else ""
            text = w.deleted if m.deleted else (m.content or "")
            out.append(f"{when}  {_sender(m, w)}{tag}: {text}".rstrip())
            out.extend(f"    {_attachment_line(a, w)}" for a in m.attachments)
        out.append("")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(transcripts: Sequence[Transcript], *, redacted_: bool, now: float) -> str:
    doc = {
        "exported_at": _iso(now),
        "redacted": redacted_,
        "conversations": [_transcript_json(t) for t in transcripts],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _transcript_json(t: Transcript) -> dict[str, Any]:
    return {
        "server": t.server_url,
        "account": t.account_id,
        "id": t.display_id,
        "status": t.status,
        "inbox": t.inbox_name,
        "contact": {"name": t.contact.name, "email": t.contact.email, "phone": t.contact.phone},
        "assignee": t.assignee,
        "team": t.team,
        "labels": list(t.labels),
        "created_at": _iso(t.created_at),
        "last_activity_at": _iso(t.last_activity_at),
        "messages": [
            {
                "id": m.id,
                "created_at": _iso(m.created_at),
                "type": _kind(m),
                "sender": m.sender_name,
                "content": None if m.deleted else m.content,
                "deleted": m.deleted,
                "attachments": [
                    {"name": a.name, "file_type": a.file_type, "file_size": a.file_size}
                    for a in m.attachments
                ],
            }
            for m in t.messages
        ],
    }


ImageSource = Callable[[AttachmentRow], str | None]  # an attachment → the <img src> to use

HTML_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1f2328; }
h1 { font-size: 14pt; margin: 18pt 0 4pt 0; }
table.facts td { padding: 0 8pt 0 0; color: #57606a; }
div.msg { margin: 6pt 0; }
.meta { color: #57606a; font-size: 8.5pt; }
.incoming .who { color: #0969da; }
.outgoing .who { color: #1a7f37; }
.private_note { background: #fff8c5; }
.activity { color: #57606a; font-style: italic; }
.text { white-space: pre-wrap; }
img { max-width: 360px; }
.hit { background: #ffd33d; color: #1f2328; }
"""
# the file loads nothing: no script, no remote image, no remote style (only inline data)
HTML_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _marked(text: str, query: str | None) -> str:
    """`text` escaped, with the words matching `query` (stemmed, as the search) marked."""
    if not query:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for a, b in match_spans(text, query):
        out.append(html.escape(text[pos:a]))
        out.append(f'<span class="hit">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_html(
    transcripts: Sequence[Transcript],
    *,
    title: str,
    image_src: ImageSource | None = None,
    highlight: str | None = None,
    anchors: bool = False,
    wording: TranscriptWording = ENGLISH,
) -> str:
    """The page; `highlight` marks the words a search matched, `anchors` names each message
    `m<id>` (the browser scrolls to them)."""
    e = html.escape
    w = wording
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{HTML_POLICY}">',
        f"<title>{e(title)}</title><style>{HTML_STYLE}</style></head><body>",
    ]
    for t in transcripts:
        parts.append(f"<h1>{e(_heading(t, w))}</h1>")
        parts.append('<table class="facts">')
        parts.extend(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in _facts(t, w))
        parts.append("</table>")
        for m in t.messages:
            kind = _kind(m)
            when = e(_when(m.created_at))
            if anchors:
                parts.append(f'<a name="m{m.id}"></a>')
            if kind == "activity":
                parts.append(f'<div class="msg activity">{when} — {e(m.content or "")}</div>')
                continue
            tag = f" · {e(w.private_note)}" if m.private else ""
            text = w.deleted if m.deleted else (m.content or "")
            parts.append(
                f'<div class="msg {kind}"><div class="meta"><span class="who">'
                f"{e(_sender(m, w))}</span> · {when}{tag}</div>"
                f'<div class="text">{_marked(text, highlight)}</div>'
            )
            for a in m.attachments:
                src = image_src(a) if image_src is not None and a.file_type == "image" else None
                if src is not None:
                    parts.append(f'<div><img src="{e(src)}" alt="{e(a.name)}"></div>')
                else:
                    parts.append(f'<div class="meta">{e(_attachment_line(a, w))}</div>')
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# Lays the HTML out on pages and writes a PDF (text stays text); the mapping gives the bytes
# of each `<img src>` the HTML uses.
PdfWriter = Callable[[str, Mapping[str, bytes], Path], None]


# ---- export ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    conversations: int
    messages: int


Progress = Callable[[int, int], None]  # (conversations read, conversations selected)


class TranscriptExporter:
    """Selects, reads (on the database thread, one conversation at a time), renders and
    writes one file; `cancel` set between conversations stops it with nothing written."""

    def __init__(self, worker: DbWorker, reader: TranscriptReader, files: FileVault) -> None:
        self.worker = worker
        self.reader = reader
        self.files = files  # downloaded pictures, embedded in HTML and PDF

    async def select(self, key: AccountKey, flt: TranscriptFilter) -> list[int]:
        ids = await self.worker.run(self.reader.select, key, flt)
        if flt.ids:
            missing = sorted(set(flt.ids) - set(ids))
            known = await self.worker.run(self.reader.select, key, TranscriptFilter(ids=flt.ids))
            unknown = [i for i in missing if i not in known]
            if unknown:
                raise OperatorError(
                    ErrorCode.NOT_CACHED,
                    "conversation " + ", ".join(f"#{i}" for i in unknown),
                )
            order = {i: n for n, i in enumerate(flt.ids)}
            ids.sort(key=lambda i: order[i])
        return ids

    async def transcripts(
        self,
        key: AccountKey,
        flt: TranscriptFilter,
        *,
        redact_data: bool,
        progress: Progress | None = None,
        cancel: asyncio.Event | None = None,
    ) -> list[Transcript]:
        ids = await self.select(key, flt)
        out: list[Transcript] = []
        for n, display_id in enumerate(ids, 1):
            if cancel is not None and cancel.is_set():
                raise asyncio.CancelledError
            t = await self.worker.run(self.reader.read, key, display_id, flt)
            if t is not None:
                out.append(redacted(t) if redact_data else t)
            if progress is not None:
                progress(n, len(ids))
        return out

    async def export(
        self,
        key: AccountKey,
        flt: TranscriptFilter,
        fmt: ExportFormat,
        output: Path,
        *,
        redact_data: bool,
        pdf_writer: PdfWriter | None = None,
        progress: Progress | None = None,
        cancel: asyncio.Event | None = None,
        now: float | None = None,
        draw_in_thread: bool = True,
        wording: TranscriptWording = ENGLISH,
    ) -> ExportResult:
        if fmt is ExportFormat.PDF and pdf_writer is None:
            raise OperatorError(ErrorCode.EXPORT_FAILED, "no PDF writer here")
        transcripts = await self.transcripts(
            key, flt, redact_data=redact_data, progress=progress, cancel=cancel
        )
        stamp = now if now is not None else dt.datetime.now().timestamp()
        w = wording
        title = w.title_redacted if redact_data else w.title
        count = sum(len(t.messages) for t in transcripts)
        if fmt is ExportFormat.TXT:
            text = render_txt(transcripts, w)
            await asyncio.to_thread(write_atomically, output, text.encode("utf-8"))
        elif fmt is ExportFormat.JSON:
            text = render_json(transcripts, redacted_=redact_data, now=stamp)
            await asyncio.to_thread(write_atomically, output, text.encode("utf-8"))
        elif fmt is ExportFormat.HTML:
            page = render_html(transcripts, title=title, image_src=self._data_uri, wording=w)
            await asyncio.to_thread(write_atomically, output, page.encode("utf-8"))
        else:
            assert pdf_writer is not None
            images: dict[str, bytes] = {}
            page = render_html(
                transcripts, title=title, image_src=self._image_name(images), wording=w
            )
            # laid out off the loop's thread (QTextDocument and QPdfWriter are reentrant): a
            # long PDF keeps the window answering, and Stop while it is drawn keeps nothing
            stopped = cancel.is_set if cancel is not None else None
            if draw_in_thread:
                drawn = await asyncio.to_thread(
                    write_pdf_atomically, pdf_writer, page, images, output, stopped=stopped
                )
            else:
                drawn = write_pdf_atomically(pdf_writer, page, images, output, stopped=stopped)
            if not drawn:
                raise asyncio.CancelledError
        log.info("exported %d conversations (%d messages) as %s", len(transcripts), count, fmt)
        return ExportResult(output, len(transcripts), count)

    def _image_bytes(self, a: AttachmentRow) -> bytes | None:
        for relative in (a.local_path, a.thumb_local_path):
            if not relative:
                continue
            path = self.files.root / relative
            try:
                if path.stat().st_size <= INLINE_IMAGE_LIMIT:
                    return self.files.read(path)
            except (OSError, OperatorError):
                continue
        return None  # not downloaded: named only, never fetched (an export stays offline)

    def _data_uri(self, a: AttachmentRow) -> str | None:
        data = self._image_bytes(a)
        if data is None:
            return None
        mime = mimetypes.guess_type(a.name)[0] or "image/png"
        if not mime.startswith("image/"):
            mime = "image/png"
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

    def _image_name(self, images: dict[str, bytes]) -> ImageSource:
        def source(a: AttachmentRow) -> str | None:
            data = self._image_bytes(a)
            if data is None:
                return None
            name = f"attachment-{a.id}"
            images[name] = data
            return name

        return source


def _temporary_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(name)


def write_atomically(path: Path, data: bytes) -> None:
    """Write into a temporary file beside `path`, then rename it over `path`."""

    def write(temp: Path) -> None:
        with temp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    _replace_with(path, write)


def write_pdf_atomically(
    writer: PdfWriter,
    page: str,
    images: Mapping[str, bytes],
    path: Path,
    *,
    stopped: Callable[[], bool] | None = None,
) -> bool:
    """The PDF drawn into a temporary file that replaces `path`; False, and nothing written,
    when `stopped` says so once it is drawn."""

    def write(temp: Path) -> None:
        writer(page, images, temp)
        if temp.stat().st_size == 0:
            raise OperatorError(ErrorCode.EXPORT_FAILED, f"{path}: the PDF came out empty")

    return _replace_with(path, write, stopped=stopped)


def _replace_with(
    path: Path, write: Callable[[Path], None], *, stopped: Callable[[], bool] | None = None
) -> bool:
    """`write` fills a temporary file beside `path`, which then replaces `path` (True); on any
    failure, or when `stopped` says so after the write, the temporary file is removed and
    `path` is left as it was."""
    _check_folder(path)
    temp = _temporary_beside(path)
    try:
        write(temp)
        if stopped is not None and stopped():
            temp.unlink()
            return False
        os.replace(temp, path)
        return True
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OperatorError(ErrorCode.EXPORT_FAILED, f"{path}: {exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise OperatorError(ErrorCode.EXPORT_FAILED, f"{path.parent} is not a folder")
    if path.is_dir():
        raise OperatorError(ErrorCode.EXPORT_FAILED, f"{path} is a folder")
