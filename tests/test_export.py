"""`operator-desktop export`: cached conversations to one PDF, HTML, TXT or JSON file, with
filters and redaction, offline, written atomically (the demo server, a real cache, the CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import shutil
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from operator_desktop.core.changes import AccountKey
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.services.readmodel import ReadModel
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.services.transcripts import (
    BrowseFilter,
    ExportFormat,
    TranscriptExporter,
    TranscriptFilter,
    TranscriptReader,
)
from tests.conftest import ADMIN
from tests.demo_process import DemoProcess
from tests.sync_support import control
from tests.test_cli_client import run

pytestmark = pytest.mark.keyring

PLANTED_CONVERSATION = 3
EMAIL, PHONE = "ivan.petrov@example.org", "+7 912 345-67-89"
CARD, IBAN = "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00"
PLANTED = f"Моя почта {EMAIL}, телефон {PHONE}, карта {CARD}, счёт {IBAN}. Жду ответа"
HOSTILE = '<script>alert(1)</script><img src="http://evil.example/x.png"> [x](javascript:1)'
LABEL = "export-check"
ENGLISH_CONVERSATION = 2
ENGLISH = (
    "Call me at +1 (415) 555-2671 or write to john.smith@example.com; card "
    "5500-0000-0000-0004, IBAN GB82WEST12345698765432. Order #48213 of 01.05.2024."
)
ENGLISH_REDACTED = (
    "Call me at [phone] or write to [email]; card [card], IBAN [iban]. Order #48213 of 01.05.2024."
)
PLANTED_REDACTED = "Моя почта [email], телефон [phone], карта [card], счёт [iban]. Жду ответа"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082"
)  # a 1x1 picture


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoProcess]]:
    """A data folder signed in to a demo server and synced, with personal data and hostile
    markup planted in one conversation and a label on it; the server is stopped before the
    tests run, so every export works offline."""
    root = tmp_path_factory.mktemp("export")
    server = DemoProcess(root / "server-state.json")
    server.start()
    try:
        for content in (PLANTED, HOSTILE):
            control(server.url, action="act", op="customer_write", content=content,
                    conversation_id=PLANTED_CONVERSATION)  # fmt: skip
        control(server.url, action="act", op="customer_write", content=ENGLISH,
                conversation_id=ENGLISH_CONVERSATION)  # fmt: skip
        control(server.url, action="act", op="labels", labels=[LABEL],
                conversation_id=PLANTED_CONVERSATION)  # fmt: skip
        data = root / "data"
        run(data, "login", "--server", server.url, "--email", ADMIN.email,
            "--password-stdin", stdin=ADMIN.password + "\n")  # fmt: skip
        run(data, "sync", "--once")
    finally:
        server.stop()
    yield data, server


@contextlib.contextmanager
def exporter_of(data: Path) -> Iterator[tuple[AccountKey, TranscriptExporter]]:
    """The signed-in account's key and the window's exporter over `data`'s cache, read-only."""
    ws = Workspace(DataDir(data), reading_only=True)
    try:
        yield (
            ws.accounts()[0].key,
            TranscriptExporter(
                ws.worker, TranscriptReader(ws.cache, ReadModel(ws.cache)), ws.files
            ),
        )
    finally:
        ws.close()


def export(data: Path, out: Path, *args: str, check: int | None = 0) -> str:
    return run(data, "export", *args, "--output", str(out), check=check).stderr


def conversations(path: Path) -> list[dict[str, Any]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = doc["conversations"]
    return result


def cached_ids(data: Path) -> list[int]:
    ws = Workspace(DataDir(data), reading_only=True)
    try:
        key = ws.accounts()[0].key
        return [c.display_id for c in ws.worker.call(ws.cache.conversations, key)]
    finally:
        ws.close()


def test_everything_to_json_offline_with_every_message(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    data, _ = synced
    out = tmp_path / "all.json"
    said = export(data, out, "--format", "json")
    convs = conversations(out)
    assert sorted(c["id"] for c in convs) == sorted(cached_ids(data))
    assert f"exported {len(convs)} conversations" in said
    planted = next(c for c in convs if c["id"] == PLANTED_CONVERSATION)
    assert PLANTED in [m["content"] for m in planted["messages"]]
    assert LABEL in planted["labels"]
    assert all(c["messages"] for c in convs), "every conversation with its transcript"
    assert not list(tmp_path.glob("*.part")), "no temporary file left"


def test_redaction_removes_personal_data_everywhere(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    data, _ = synced
    for fmt in ("json", "txt", "html"):
        out = tmp_path / f"redacted.{fmt}"
        export(data, out, str(PLANTED_CONVERSATION), "--format", fmt, "--redact")
        text = out.read_text(encoding="utf-8")
        for secret in (EMAIL, PHONE, CARD, IBAN, "4111111111111111", "9123456789"):
            assert secret not in text, (fmt, secret)
        assert "Моя почта [email], телефон [phone], карта [card], счёт [iban]" in text, fmt
    contact = conversations(tmp_path / "redacted.json")[0]["contact"]
    plain = tmp_path / "plain.json"
    export(data, plain, str(PLANTED_CONVERSATION), "--format", "json")
    original = conversations(plain)[0]["contact"]
    for field, mark in (("email", "[email]"), ("phone", "[phone]")):
        assert contact[field] == (mark if original[field] else None)


def test_filters_pick_conversations(synced: tuple[Path, DemoProcess], tmp_path: Path) -> None:
    data, _ = synced
    out = tmp_path / "f.json"
    export(data, out, "--format", "json", "--label", LABEL)
    assert [c["id"] for c in conversations(out)] == [PLANTED_CONVERSATION]
    export(data, out, "--format", "json", "--query", "почтой")  # a word form of "почта"
    found = {c["id"] for c in conversations(out)}
    assert PLANTED_CONVERSATION in found and len(found) < len(cached_ids(data))
    export(data, out, "--format", "json", "--query", "почтой", "--label", LABEL)
    assert [c["id"] for c in conversations(out)] == [PLANTED_CONVERSATION]
    export(data, out, "--format", "json", "--inbox", "1")
    inbox_one = conversations(out)
    assert inbox_one and {c["inbox"] for c in inbox_one} == {inbox_one[0]["inbox"]}
    assert len(inbox_one) < len(cached_ids(data))
    today = dt.date.today().isoformat()
    export(data, out, "--format", "json", "--since", today, "--until", today,
           str(PLANTED_CONVERSATION))  # fmt: skip
    (today_conv,) = conversations(out)
    assert PLANTED in [m["content"] for m in today_conv["messages"]]
    assert all(m["created_at"][:10] >= today[:8] for m in today_conv["messages"])
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    said = export(data, out, "--format", "json", "--since", future)
    assert conversations(out) == [] and "exported 0 conversations (0 messages)" in said
    said = export(data, out, "--format", "json", str(PLANTED_CONVERSATION))
    assert "exported 1 conversation (" in said


def test_html_is_self_contained_and_inert(synced: tuple[Path, DemoProcess], tmp_path: Path) -> None:
    data, _ = synced
    out = tmp_path / "t.html"
    export(data, out, str(PLANTED_CONVERSATION), "--format", "html")
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert "<script" not in page and 'src="http' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_downloaded_images_are_embedded_and_others_only_named(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(synced[0], data)
    ws = Workspace(DataDir(data))
    try:
        key = ws.accounts()[0].key
        rows = ws.worker.call(ReadModel(ws.cache).transcript_messages, key, PLANTED_CONVERSATION)
        images = [a for m in rows for a in m.attachments if a.file_type == "image"]
        assert len(images) >= 2, "the seeded conversation has two pictures"
        picture = DataDir(data).files_dir / "1" / "picture.png"
        picture.parent.mkdir(parents=True)
        picture.write_bytes(PNG)
        ws.worker.call(ws.cache.set_attachment_file, key, images[0].id, path="1/picture.png")
    finally:
        ws.close()
    page_path = tmp_path / "t.html"
    export(data, page_path, str(PLANTED_CONVERSATION), "--format", "html")
    page = page_path.read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,') == 1
    assert f"[image: {images[1].name}" in page
    pdf = tmp_path / "t.pdf"
    export(data, pdf, str(PLANTED_CONVERSATION), "--format", "pdf")
    assert b"/Subtype /Image" in pdf.read_bytes()


def test_redaction_covers_attachment_names_and_keeps_their_extensions(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    """Files the customer sent named with an e-mail or a phone: redacted, the extension
    kept (the name comes from the file's URL)."""
    from operator_desktop.storage import schema

    data = tmp_path / "data"
    shutil.copytree(synced[0], data)
    names = {"scan_ivan.petrov%40mail.ru.pdf": "[email].pdf",
             "паспорт +7 912 345-67-89.jpeg": "паспорт [phone].jpeg"}  # fmt: skip
    ws = Workspace(DataDir(data))
    try:
        key = ws.accounts()[0].key
        rows = ws.worker.call(ReadModel(ws.cache).transcript_messages, key, PLANTED_CONVERSATION)
        files = [a for m in rows for a in m.attachments][: len(names)]
        assert len(files) == len(names), "the seeded conversation has attachments"

        def rename() -> None:
            for a, name in zip(files, names, strict=True):
                schema.Attachment.update(data_url=f"https://files.example/x/{name}").where(
                    schema.Attachment.attachment_id == a.id
                ).execute()

        ws.worker.call(rename)
    finally:
        ws.close()
    out = tmp_path / "names.json"
    export(data, out, str(PLANTED_CONVERSATION), "--format", "json", "--redact")
    (conv,) = conversations(out)
    shown = {a["name"] for m in conv["messages"] for a in m["attachments"]}
    assert set(names.values()) <= shown
    text = out.read_text(encoding="utf-8")
    assert "ivan.petrov" not in text and "345-67-89" not in text
    export(data, out, str(PLANTED_CONVERSATION), "--format", "txt", "--redact")
    assert "[email].pdf" in out.read_text(encoding="utf-8")
    export(data, out, str(PLANTED_CONVERSATION), "--format", "json")
    assert "scan_ivan.petrov@mail.ru.pdf" in out.read_text(encoding="utf-8"), "as sent, unasked"


def test_pdf_holds_text_not_pictures(synced: tuple[Path, DemoProcess], tmp_path: Path) -> None:
    data, _ = synced
    out = tmp_path / "t.pdf"
    err = export(data, out, str(PLANTED_CONVERSATION), "2", "--format", "pdf")
    assert "QBasicTimer" not in err and "thread" not in err, err  # no Qt warnings
    blob = out.read_bytes()
    assert blob.startswith(b"%PDF-")
    assert b"/Font" in blob and b"/ToUnicode" in blob, "glyphs with their characters"
    assert b"/Subtype /Image" not in blob, "text, not a picture of it"
    assert blob.count(b"/Type /Page\n") + blob.count(b"/Type /Page ") >= 1


def test_txt_reads_like_a_transcript(synced: tuple[Path, DemoProcess], tmp_path: Path) -> None:
    data, _ = synced
    out = tmp_path / "t.txt"
    export(data, out, str(PLANTED_CONVERSATION), "--format", "txt")
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"Conversation #{PLANTED_CONVERSATION} with ")
    assert f": {PLANTED}" in text and f"Labels: {LABEL}" in text


def test_failures_say_one_line_and_leave_nothing(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    data, _ = synced
    missing = export(data, tmp_path / "x.json", "999999", "--format", "json", check=1)
    assert "not in the local cache" in missing and "#999999" in missing
    assert len(missing.strip().splitlines()) == 1
    nowhere = export(data, tmp_path / "no" / "x.json", "--format", "json", check=1)
    assert "could not be written" in nowhere and "Traceback" not in nowhere
    bad_day = export(data, tmp_path / "x.json", "--format", "json", "--since", "07.12.2026",
                     check=2)  # fmt: skip
    assert "YYYY-MM-DD" in bad_day
    backwards = export(data, tmp_path / "x.json", "--format", "json", "--since", "2026-12-07",
                       "--until", "2026-12-01", check=2)  # fmt: skip
    assert "--since is after --until" in backwards
    assert list(tmp_path.iterdir()) == [], "no file and no temporary file"


def test_a_failed_or_cancelled_export_keeps_the_previous_file(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    """A PDF writer that fails half-way and an export cancelled during its reads leave the
    old file as it was and no temporary file beside it."""
    data, _ = synced
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"the previous export")

    def failing_writer(_html: str, _images: Mapping[str, bytes], path: Path) -> None:
        path.write_bytes(b"%PDF-1.4 half a file")
        raise OSError(28, "No space left on device")

    with exporter_of(data) as (key, exporter):

        async def go() -> None:
            with pytest.raises(OperatorError) as failed:
                await exporter.export(key, TranscriptFilter(), ExportFormat.PDF, out,
                                      redact_data=False, pdf_writer=failing_writer)  # fmt: skip
            assert failed.value.code is ErrorCode.EXPORT_FAILED
            cancel = asyncio.Event()
            seen: list[int] = []

            def progress(done: int, _total: int) -> None:
                seen.append(done)
                if done == 2:
                    cancel.set()

            with pytest.raises(asyncio.CancelledError):
                await exporter.export(key, TranscriptFilter(), ExportFormat.JSON, out,
                                      redact_data=False, progress=progress,
                                      cancel=cancel)  # fmt: skip
            assert seen == [1, 2], "stopped at the next conversation"

        asyncio.run(go())
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.pdf"]


def test_a_pdf_is_drawn_off_the_loop_and_stop_while_drawing_keeps_nothing(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    """The PDF writer runs in a worker thread: the loop goes on while the pages are drawn (a
    writer that waits for the loop would hang otherwise), and Stop pressed while they are
    drawn leaves the previous file and no temporary one; a second export completes."""
    data, _ = synced
    out = tmp_path / "drawn.pdf"
    out.write_bytes(b"the previous export")
    drawing, go_on = threading.Event(), threading.Event()
    threads: list[int] = []

    def slow_writer(_html: str, _images: Mapping[str, bytes], path: Path) -> None:
        threads.append(threading.get_ident())
        drawing.set()
        assert go_on.wait(20), "the loop never let the writer finish"
        path.write_bytes(b"%PDF-1.4 a drawn file")

    with exporter_of(data) as (key, exporter):

        async def stop_while_drawing() -> None:
            cancel = asyncio.Event()
            task = asyncio.ensure_future(
                exporter.export(key, TranscriptFilter(), ExportFormat.PDF, out,
                                redact_data=False, pdf_writer=slow_writer, cancel=cancel)
            )  # fmt: skip
            assert await asyncio.to_thread(drawing.wait, 20)  # the loop runs while it draws
            cancel.set()
            go_on.set()
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(stop_while_drawing())
        assert threads and threads[0] != threading.get_ident()
        assert out.read_bytes() == b"the previous export"
        assert [p.name for p in tmp_path.iterdir()] == ["drawn.pdf"]
        result = asyncio.run(
            exporter.export(key, TranscriptFilter(ids=(PLANTED_CONVERSATION,)),
                            ExportFormat.PDF, out, redact_data=False, pdf_writer=slow_writer)
        )  # fmt: skip
    assert result.conversations == 1
    assert out.read_bytes() == b"%PDF-1.4 a drawn file"
    assert [p.name for p in tmp_path.iterdir()] == ["drawn.pdf"]


def test_a_filtered_ranked_browse_looks_further_down_the_ranking(
    synced: tuple[Path, DemoProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With filters the best-ranked messages may all belong to conversations they exclude:
    the browser widens its window until it has the filtered conversations (here from a
    window of 2 messages)."""
    from operator_desktop.services import transcripts

    data, _ = synced
    ws = Workspace(DataDir(data), reading_only=True)
    try:
        key = ws.accounts()[0].key
        reader = TranscriptReader(ws.cache, ReadModel(ws.cache))
        wide = [h.display_id for h in ws.worker.call(reader.browse, key, BrowseFilter("заказ"))]
        resolved = BrowseFilter("заказ", status="resolved")
        expected = {h.display_id for h in ws.worker.call(reader.browse, key, resolved)}
        assert expected and len(expected) < len(wide)
        monkeypatch.setattr(transcripts, "RANKED_WINDOW", 2)
        monkeypatch.setattr(transcripts, "RANKED_ALL", 0)  # no grouping of every match at once
        narrow = {h.display_id for h in ws.worker.call(reader.browse, key, resolved)}
        assert narrow == expected
        # no filter, but two messages hold at most two conversations: it looks further too
        unfiltered = [
            h.display_id for h in ws.worker.call(reader.browse, key, BrowseFilter("заказ"))
        ]
        assert set(unfiltered) == set(wide)
    finally:
        ws.close()


def test_a_browse_cut_to_its_limit_still_lists_that_many_when_one_is_gone(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    """With no filter the browse reads only its first `limit` conversations; one of those
    deleted from the server since is left out and the next one listed in its place."""
    data = tmp_path / "data"
    shutil.copytree(synced[0], data)
    with exporter_of(data) as (key, exporter):
        reader, worker = exporter.reader, exporter.worker
        every = [h.display_id for h in worker.call(reader.browse, key, BrowseFilter("заказ"))]
        assert len(every) > 4
        first = [h.display_id for h in worker.call(reader.browse, key, BrowseFilter("заказ"), 3)]
        assert first == every[:3]
    ws = Workspace(DataDir(data))
    try:
        ws.worker.call(ws.cache.mark_conversations_gone, key, {every[1]})
    finally:
        ws.close()
    with exporter_of(data) as (key, exporter):
        reader, worker = exporter.reader, exporter.worker
        now = [h.display_id for h in worker.call(reader.browse, key, BrowseFilter("заказ"), 3)]
        assert now == [every[0], every[2], every[3]]


def test_everything_the_browser_matches_is_what_an_export_selects(
    synced: tuple[Path, DemoProcess],
) -> None:
    """The window's "Everything matching": the same conversations the browser finds with its
    words and filters, with no cap on how many (words and days: a matching message in those
    days)."""
    data, _ = synced
    today = dt.date.today()
    with exporter_of(data) as (key, exporter):
        reader = exporter.reader
        agent = next(
            c.assignee_id for c in exporter.worker.call(reader.cache.conversations, key)
            if c.assignee_id is not None
        )  # fmt: skip
        filters = [
            BrowseFilter(),
            BrowseFilter("заказ"),
            BrowseFilter("заказ", status="resolved"),
            BrowseFilter("почтой", since=today, until=today),
            BrowseFilter("заказ", until=today - dt.timedelta(days=1)),
            BrowseFilter(status="open", agent_id=agent),
            BrowseFilter(contact="ИВАН"[1:].lower()),
            BrowseFilter("почтой", label=LABEL),
            BrowseFilter("…"),  # searches nothing: no words, as the browser lists them
        ]
        sizes = []
        for flt in filters:
            found = exporter.worker.call(reader.browse, key, flt, 1_000_000)
            selected = asyncio.run(exporter.select(key, TranscriptFilter.matching(flt)))
            assert set(selected) == {h.display_id for h in found}, flt
            sizes.append(len(selected))
            hidden = asyncio.run(
                exporter.select(key, TranscriptFilter.matching(flt, hide_resolved=True))
            )
            assert set(hidden) == {h.display_id for h in found if h.status != "resolved"}
        assert sizes[0] > sizes[1] > sizes[2] > 0 and sizes[3] >= 1 and sizes[-1] == sizes[0]
        assert 0 < sizes[5] < sizes[0] and sizes[7] == 1


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def words(text: str) -> str:
    """Text compared as a reader sees it, whitespace ignored (a PDF wraps a line wherever the
    page ends it, and its text extractor may see a space after "[") and ligatures (ﬁ)
    undone."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def text_of(path: Path) -> str:
    """What a reader sees: the PDF's extracted text, the HTML page's text, the TXT."""
    if path.suffix == ".pdf":
        pages = [page.extract_text().splitlines() for page in PdfReader(path).pages]
        # the page number QTextDocument prints at each page's foot is not the transcript's
        return "\n".join("\n".join(lines[:-1] if lines[-1:] and lines[-1].strip().isdigit()
                                     else lines) for lines in pages)  # fmt: skip
    if path.suffix == ".html":
        parser = _TextOf()
        parser.feed(path.read_text(encoding="utf-8"))
        return "".join(parser.parts)
    return path.read_text(encoding="utf-8")


def test_every_format_holds_every_message(synced: tuple[Path, DemoProcess], tmp_path: Path) -> None:
    data, _ = synced
    ids = [str(i) for i in sorted(cached_ids(data))[:8]]
    export(data, tmp_path / "t.json", *ids, "--format", "json")
    contents = [
        m["content"]
        for c in conversations(tmp_path / "t.json")
        for m in c["messages"]
        if m["content"] and m["type"] != "activity"
    ]
    assert len(contents) > 100 and PLANTED in contents and ENGLISH in contents
    for fmt in ("pdf", "html", "txt"):
        out = tmp_path / f"t.{fmt}"
        export(data, out, *ids, "--format", fmt)
        seen = words(text_of(out))
        missing = [c for c in contents if words(c) not in seen]
        assert missing == [], (fmt, missing[:3])


def test_redaction_changes_nothing_but_the_personal_data(
    synced: tuple[Path, DemoProcess], tmp_path: Path
) -> None:
    """Every planted e-mail, phone, card and IBAN, Russian and English, is gone from every
    format, and the rest of the corpus (order numbers, dates, amounts, INNs) keeps every
    character."""
    data, _ = synced
    plain, hidden = tmp_path / "plain.json", tmp_path / "hidden.json"
    export(data, plain, "--format", "json")
    export(data, hidden, "--format", "json", "--redact")
    before, after = conversations(plain), conversations(hidden)
    assert [c["id"] for c in before] == [c["id"] for c in after]
    changed = {}
    for b, a in zip(before, after, strict=True):
        assert a["contact"]["name"] == b["contact"]["name"]
        for mb, ma in zip(b["messages"], a["messages"], strict=True):
            if mb["content"] != ma["content"]:
                changed[mb["content"]] = ma["content"]
    assert changed == {PLANTED: PLANTED_REDACTED, ENGLISH: ENGLISH_REDACTED}
    for fmt in ("txt", "html", "pdf"):
        out = tmp_path / f"hidden.{fmt}"
        export(data, out, str(PLANTED_CONVERSATION), str(ENGLISH_CONVERSATION), "--format", fmt,
               "--redact")  # fmt: skip
        seen = words(text_of(out))
        for secret in (EMAIL, PHONE, CARD, IBAN, "+1 (415) 555-2671", "john.smith@example.com",
                       "5500-0000-0000-0004", "GB82WEST12345698765432"):  # fmt: skip
            assert words(secret) not in seen, (fmt, secret)
        assert words(PLANTED_REDACTED) in seen and words(ENGLISH_REDACTED) in seen, fmt
