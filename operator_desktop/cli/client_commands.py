"""The headless client commands: login, sync, search, transcript, export, stats, suggest,
send, logout, cache.

Each handler returns an exit code: 0 done, 3 `send` queued but not delivered (offline),
2 usage, 1 other failure (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from operator_desktop.cli.messages import describe
from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.links import normalize_server_url
from operator_desktop.core.status import Phase, SyncStatus
from operator_desktop.core.types import AccountMembership, Profile
from operator_desktop.net.client import ChatwootClient
from operator_desktop.services import cachekeys
from operator_desktop.services.readmodel import ReadModel
from operator_desktop.services.secrets import TokenStore
from operator_desktop.services.session import DataDir, Workspace
from operator_desktop.services.stats import MyStats, Period, StatsService
from operator_desktop.services.suggestions import ReplySuggester
from operator_desktop.services.transcripts import (
    ExportFormat,
    TranscriptExporter,
    TranscriptFilter,
    TranscriptReader,
)
from operator_desktop.storage.cache import SignedInAccount
from operator_desktop.sync.engine import SyncEngine
from operator_desktop.sync.outbox import OutboxSender, enqueue_reply

log = logging.getLogger("cli")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_QUEUED = 3
DEFAULT_STATS_DAYS = 7  # `stats` without --since: this many days, the last being --until


def add_common(parser: argparse.ArgumentParser, *, account: bool = True) -> None:
    parser.add_argument("--data-dir", help="the data folder (default: the user data folder)")
    if account:
        parser.add_argument("--server", help="server URL, when several are signed in")
        parser.add_argument("--account", type=int, help="account id, when several")
    parser.add_argument("--ca-bundle", help="extra CA certificates (PEM) to trust")


def register(sub: Any) -> None:
    p = sub.add_parser("login", help="sign in to a Chatwoot server")
    add_common(p, account=False)
    p.add_argument("--server", required=True, help="server URL, e.g. https://chat.example.com")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--email", help="sign in with this email and a password on stdin")
    how.add_argument("--token-stdin", action="store_true", help="read an access token on stdin")
    p.add_argument("--password-stdin", action="store_true", help="read the password on stdin")
    p.add_argument("--otp", help="the two-factor code, when the account has one")
    p.add_argument(
        "--account", type=int, help="the account to use (default: the one used most recently)"
    )
    p.set_defaults(handler=cmd_login)

    p = sub.add_parser("sync", help="bring the local cache up to date")
    add_common(p)
    p.add_argument("--once", action="store_true", help="sync once and exit (default: stay live)")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("search", help="search cached messages (works offline)")
    add_common(p)
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("transcript", help="print a cached conversation")
    add_common(p)
    p.add_argument("conversation_id", type=int, metavar="ID")
    p.add_argument("--format", choices=("txt", "json"), default="txt")
    p.set_defaults(handler=cmd_transcript)

    p = sub.add_parser(
        "export",
        help="write cached conversations to one PDF, HTML, TXT or JSON file (works offline)",
        description="No ID and no filter exports every cached conversation.",
    )
    add_common(p)
    p.add_argument("ids", type=int, nargs="*", metavar="ID", help="conversations to export")
    p.add_argument("--query", help="only conversations with a message matching this search")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="from this day (included)")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="to this day (included)")
    p.add_argument("--inbox", type=int, metavar="ID", help="only this inbox")
    p.add_argument("--label", metavar="NAME", help="only conversations with this label")
    p.add_argument("--format", required=True, choices=[f.value for f in ExportFormat])
    p.add_argument("--redact", action="store_true", help="replace e-mails, phones, cards and IBANs")
    p.add_argument("--output", required=True, type=Path, metavar="PATH")
    p.set_defaults(handler=cmd_export, pdf_writer=None)

    p = sub.add_parser(
        "stats",
        help="my statistics for a period, from the local cache (works offline)",
        description="Replies, resolutions and response times of the signed-in agent, computed"
        " from the conversations the local cache holds. The period is local calendar days,"
        f" both included; without --since it is the last {DEFAULT_STATS_DAYS} days up to"
        " --until (default today).",
    )
    add_common(p)
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="from this day (included)")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="to this day (included)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser(
        "suggest",
        help="suggested replies to a conversation's latest question (works offline)",
        description="The three best answers to the customer's latest message: canned"
        " responses and the team's earlier replies to similar questions, found in the local"
        " cache only.",
    )
    add_common(p)
    p.add_argument("conversation_id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_suggest)

    p = sub.add_parser("send", help="send a reply through the outbox")
    add_common(p)
    p.add_argument("conversation_id", type=int, metavar="ID")
    p.add_argument("--text-stdin", action="store_true", required=True)
    p.add_argument("--private", action="store_true", help="a private note")
    p.set_defaults(handler=cmd_send)

    p = sub.add_parser("logout", help="sign out and forget the token")
    add_common(p)
    p.add_argument("--wipe", action="store_true", help="also delete the cached data")
    p.set_defaults(handler=cmd_logout)

    p = sub.add_parser(
        "cache",
        help="the local cache's encryption: status, encrypt, decrypt, rebuild",
        description="The cache is encrypted by default where the OS keyring can keep its key.",
    )
    actions = p.add_subparsers(dest="cache_action", metavar="ACTION", required=True)
    for name, text in (
        ("status", "say whether the local cache is encrypted"),
        ("encrypt", "encrypt the local cache (its key is kept in the OS keyring)"),
        ("decrypt", "keep the local cache unencrypted from now on"),
        ("rebuild", "set the cache aside and start a new one (for a cache that cannot be read)"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        add_common(action, account=False)
        action.set_defaults(handler=cmd_cache)


def run_command(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], Coroutine[Any, Any, int]] = args.handler
    try:
        return asyncio.run(handler(args))
    except OperatorError as exc:
        print(f"operator-desktop: {describe(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_OK
    except BrokenPipeError:
        # the reader went away (`transcript … | head`): that ends the output, not an error.
        # Point stdout at /dev/null so the interpreter's last flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


KEPT_LABELS = {"account": "sign-ins", "outbox_item": "unsent replies", "draft": "drafts"}


def _workspace(args: argparse.Namespace, *, reading_only: bool = False) -> Workspace:
    """The data folder's workspace; `reading_only` commands also work on a folder that cannot
    be written (a read-only disk or mount), reading the cache as it is."""
    ws = Workspace(
        DataDir.resolve(args.data_dir), ca_bundle=args.ca_bundle, reading_only=reading_only
    )
    if reading_only and ws.read_only:
        print(
            f"operator-desktop: {describe(OperatorError(ErrorCode.CACHE_READ_ONLY))}",
            file=sys.stderr,
        )
    if ws.rebuilt is not None:
        kept = (
            ", ".join(
                f"{label} {ws.rebuilt.kept[table]}"
                for table, label in KEPT_LABELS.items()
                if ws.rebuilt.kept.get(table)
            )
            or "nothing"
        )
        print(
            "operator-desktop: the local cache was damaged and has been rebuilt (kept: "
            f"{kept}; the rest comes back with the next sync); the damaged copy is "
            f"{ws.rebuilt.damaged_copy}",
            file=sys.stderr,
        )
    return ws


def _stdin_secret(what: str) -> str:
    value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise OperatorError(ErrorCode.VALIDATION, f"no {what} on standard input")
    return value


async def cmd_login(args: argparse.Namespace) -> int:
    if args.email and not args.password_stdin:
        print("operator-desktop: --email needs --password-stdin", file=sys.stderr)
        return EXIT_USAGE
    server = normalize_server_url(str(args.server))
    if server is None:
        raise OperatorError(ErrorCode.BAD_ADDRESS, str(args.server))
    ws = _workspace(args)
    try:
        await ws.tokens.acheck()  # before any password is typed or sent
        async with ChatwootClient(server, ca_bundle=args.ca_bundle) as client:
            if args.token_stdin:
                client.token = _stdin_secret("access token")
                try:
                    profile = await client.profile()
                except OperatorError as exc:
                    if exc.code is ErrorCode.SESSION_EXPIRED:
                        raise OperatorError(ErrorCode.BAD_TOKEN) from exc
                    raise
            else:
                result = await client.sign_in(args.email, _stdin_secret("password"))
                if result.profile is None:
                    if not args.otp:
                        raise OperatorError(ErrorCode.MFA_REQUIRED)
                    assert result.mfa_token is not None
                    result = await client.sign_in_mfa(result.mfa_token, otp_code=args.otp)
                assert result.profile is not None
                profile = result.profile
        chosen = _choose_account(profile, args.account)
        await ws.tokens.aset(server, profile.email, profile.access_token)
        await ws.worker.run(ws.cache.save_sign_in, server, profile, [chosen.id])
        print(f"Signed in to {server} as {profile.email}, account #{chosen.id} {chosen.name}")
        others = [a for a in profile.accounts if a.id != chosen.id and a.status == "active"]
        if others:
            names = ", ".join(f"#{a.id} {a.name}" for a in others)
            print(f"Other accounts (sign in again with --account ID to add one): {names}")
        return EXIT_OK
    finally:
        ws.close()


def _choose_account(profile: Profile, wanted: int | None) -> AccountMembership:
    if wanted is not None:
        for membership in profile.accounts:
            if membership.id == wanted:
                if membership.status != "active":
                    raise OperatorError(ErrorCode.ACCOUNT_SUSPENDED, membership.name)
                return membership
        raise OperatorError(ErrorCode.NOT_FOUND, f"you are not a member of account {wanted}")
    active = [a for a in profile.accounts if a.status == "active"]
    if not active:
        raise OperatorError(ErrorCode.ACCOUNT_SUSPENDED)
    default = next((a for a in active if a.id == profile.account_id), active[0])
    return default


async def _engine(ws: Workspace, account: SignedInAccount, status_line: bool) -> SyncEngine:
    def report(status: SyncStatus) -> None:
        if status_line and status.total:
            print(
                f"\r{status.phase.value}: {status.done}/{status.total}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    return await ws.engine_for(account, on_status=report)


def _selected(ws: Workspace, args: argparse.Namespace) -> list[SignedInAccount]:
    if args.server is None and args.account is None:
        accounts = ws.accounts()
        if not accounts:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN)
        return accounts
    return [ws.resolve(args.server, args.account)]


async def cmd_sync(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    engines: list[SyncEngine] = []
    runs: list[asyncio.Task[None]] = []
    try:
        for account in _selected(ws, args):
            engine = await _engine(ws, account, status_line=sys.stderr.isatty())
            engines.append(engine)
        if args.once:
            for engine in engines:
                await engine.run(live=False)
                await engine.client.aclose()
            print("Synced.", file=sys.stderr)
            return EXIT_OK
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runs += [asyncio.create_task(e.run(live=True)) for e in engines]
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*runs, waiter], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not waiter and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        for engine in engines:
            if engine.status.phase is Phase.SIGNED_OUT:
                error = engine.status.error
                raise error if error is not None else OperatorError(ErrorCode.SESSION_EXPIRED)
        return EXIT_OK
    finally:
        for engine in engines:
            await engine.stop()
        for task in runs:  # a run still in its first sync ends here, before its client closes
            task.cancel()
        await asyncio.gather(*runs, return_exceptions=True)
        for engine in engines:
            await engine.client.aclose()
        ws.close()


async def cmd_search(args: argparse.Namespace) -> int:
    ws = _workspace(args, reading_only=True)
    try:
        key = None
        if args.server is not None or args.account is not None:
            key = ws.resolve(args.server, args.account).key
        hits = await ws.worker.run(ws.cache.search, args.query, key=key, limit=args.limit)
        if args.json:
            out = [
                {
                    "server": h.key.server_url,
                    "account": h.key.account_id,
                    "conversation_id": h.conversation_id,
                    "message_id": h.message_id,
                    "sender": h.sender,
                    "contact": h.contact,
                    "created_at": h.created_at,
                    "snippet": h.snippet.text,
                    "highlights": [list(span) for span in h.snippet.spans],
                }
                for h in hits
            ]
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for h in hits:
                when = _when(h.created_at)
                print(f"#{h.conversation_id} {when} {h.sender or ''}: {h.snippet.marked()}")
            if not hits:
                print("No matches.", file=sys.stderr)
        return EXIT_OK
    finally:
        ws.close()


def _when(ts: float | None) -> str:
    if not ts:
        return ""
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


async def cmd_transcript(args: argparse.Namespace) -> int:
    ws = _workspace(args, reading_only=True)
    try:
        account = ws.resolve(args.server, args.account)
        conv = await ws.worker.run(ws.cache.conversation, account.key, args.conversation_id)
        if conv is None:  # the cache is all this command reads: the server may have it
            raise OperatorError(ErrorCode.NOT_CACHED, f"conversation {args.conversation_id}")
        messages = await ws.worker.run(ws.cache.messages, account.key, args.conversation_id)
        pending = await ws.worker.run(ws.cache.outbox_for, account.key, args.conversation_id)
        if args.format == "json":
            print(
                json.dumps(
                    _transcript_json(account, conv, messages, pending), ensure_ascii=False, indent=2
                )
            )
            return EXIT_OK
        print(f"Conversation #{conv.display_id} with {conv.contact_name} — {conv.status}")
        for m in messages:
            who = m.sender_name or ("" if m.message_type == 2 else "?")
            tag = " [private note]" if m.private else ""
            if m.message_type == 2:
                print(f"{_when(m.created_at)}  — {m.content or ''}")
            else:
                print(f"{_when(m.created_at)}  {who}{tag}: {m.content or ''}")
        for p in pending:
            print(f"(outbox, {p.state})  {p.content}")
        return EXIT_OK
    finally:
        ws.close()


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day as YYYY-MM-DD: {text!r}") from None


async def cmd_export(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        print("operator-desktop: error: --since is after --until", file=sys.stderr)
        return EXIT_USAGE
    flt = TranscriptFilter(
        ids=tuple(args.ids),
        query=args.query,
        since=args.since,
        until=args.until,
        inbox_id=args.inbox,
        label=args.label,
    )
    ws = _workspace(args, reading_only=True)
    try:
        account = ws.resolve(args.server, args.account)
        reader = TranscriptReader(ws.cache, ReadModel(ws.cache))
        exporter = TranscriptExporter(ws.worker, reader, ws.files)
        result = await exporter.export(
            account.key,
            flt,
            ExportFormat(args.format),
            args.output.absolute(),
            redact_data=args.redact,
            pdf_writer=args.pdf_writer,
            draw_in_thread=False,  # no window waits here (and Qt warns from a plain thread)
        )
        convs = "conversation" if result.conversations == 1 else "conversations"
        msgs = "message" if result.messages == 1 else "messages"
        print(
            f"exported {result.conversations} {convs} ({result.messages} {msgs}) to {result.path}",
            file=sys.stderr,
        )
        return EXIT_OK
    finally:
        ws.close()


def stats_period(since: dt.date | None, until: dt.date | None, today: dt.date) -> Period:
    """`stats`'s period: the days given, else the last `DEFAULT_STATS_DAYS` days to `until`."""
    last = until or today
    first = since or last - dt.timedelta(days=DEFAULT_STATS_DAYS - 1)
    return Period(first, last)


async def cmd_stats(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        print("operator-desktop: error: --since is after --until", file=sys.stderr)
        return EXIT_USAGE
    ws = _workspace(args, reading_only=True)
    try:
        account = ws.resolve(args.server, args.account)
        if account.user_id is None:
            raise OperatorError(ErrorCode.NOT_SIGNED_IN, account.key.server_url)
        service = StatsService(ws.worker, ws.cache, account.key, account.user_id, account.user_name)
        period = stats_period(args.since, args.until, dt.date.fromtimestamp(ws.clock.now()))
        stats = await service.local(period)
        if args.json:
            print(json.dumps(stats.to_json(), indent=2))
        else:
            print(_stats_text(stats))
        return EXIT_OK
    finally:
        ws.close()


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


def _stats_text(stats: MyStats) -> str:
    period = f"{stats.period.first.isoformat()} to {stats.period.last.isoformat()}"
    if stats.empty:
        return f"My statistics, {period}: nothing is cached for this period."
    since = _when(stats.cached_since) or "?"
    lines = [
        f"My statistics, {period} (from {stats.conversations} cached conversations;"
        f" the cache holds messages since {since})",
        f"  conversations handled:  {stats.handled}",
        f"  conversations resolved: {stats.resolved}",
        f"  messages sent:          {stats.messages_sent} (replies and private notes)",
    ]
    for label, figures in (
        ("first response", stats.first_response),
        ("reply time", stats.reply_time),
    ):
        lines.append(
            f"  {label + ':':<23} median {_duration(figures.median_s)},"
            f" 90% within {_duration(figures.p90_s)} ({figures.count} measured)"
        )
    lines.append(f"  customers waiting now:  {stats.waiting_now}")
    busiest = max(range(24), key=lambda h: stats.by_hour[h])
    if stats.by_hour[busiest]:
        lines.append(
            f"  replies by hour:        {' '.join(str(n) for n in stats.by_hour)}"
            f" (busiest {busiest:02d}:00)"
        )
    return "\n".join(lines)


def _transcript_json(
    account: SignedInAccount, conv: Any, messages: list[Any], pending: list[Any]
) -> dict[str, Any]:
    return {
        "server": account.key.server_url,
        "account": account.key.account_id,
        "conversation": {
            "id": conv.display_id,
            "status": conv.status,
            "contact": conv.contact_name,
            "inbox_id": conv.inbox_id,
            "assignee": conv.assignee_name,
            "labels": json.loads(conv.labels or "[]"),
            "last_activity_at": conv.last_activity_at,
        },
        "messages": [
            {
                "id": m.message_id,
                "created_at": m.created_at,
                "message_type": m.message_type,
                "private": bool(m.private),
                "sender": m.sender_name,
                "content": m.content,
                "status": m.status,
            }
            for m in messages
        ],
        "outbox": [
            {"echo_id": p.echo_id, "state": p.state, "content": p.content, "error": p.error}
            for p in pending
        ],
    }


async def cmd_suggest(args: argparse.Namespace) -> int:
    ws = _workspace(args, reading_only=True)
    try:
        account = ws.resolve(args.server, args.account)
        conv = await ws.worker.run(ws.cache.conversation, account.key, args.conversation_id)
        if conv is None:  # the cache is all this command reads: the server may have it
            raise OperatorError(ErrorCode.NOT_CACHED, f"conversation {args.conversation_id}")
        suggester = ReplySuggester(ws.worker, ws.cache, account.key, now=ws.clock.now)
        found = await suggester.for_conversation(args.conversation_id)
        if args.json:
            print(json.dumps([s.to_json() for s in found], ensure_ascii=False, indent=2))
        else:
            for number, s in enumerate(found, start=1):
                print(f"{number}. [{s.source.value} {s.score:.2f}] {s.text}")
            if not found:
                print("No suggestions.", file=sys.stderr)
        return EXIT_OK
    finally:
        ws.close()


async def cmd_send(args: argparse.Namespace) -> int:
    text = sys.stdin.read().strip()
    if not text:
        print("operator-desktop: nothing to send on standard input", file=sys.stderr)
        return EXIT_USAGE
    ws = _workspace(args)
    try:
        account = ws.resolve(args.server, args.account)
        entry = await enqueue_reply(
            ws.worker,
            ws.cache,
            account.key,
            args.conversation_id,
            text,
            now=ws.clock.now(),
            private=args.private,
        )
        try:
            engine = await _engine(ws, account, status_line=False)
        except OperatorError as exc:
            if exc.code in (
                ErrorCode.NETWORK_DOWN,
                ErrorCode.TIMEOUT,
                ErrorCode.SERVER_ERROR,
                ErrorCode.RATE_LIMITED,
            ):
                print("Queued; it will be sent when the server can be reached.", file=sys.stderr)
                return EXIT_QUEUED
            raise
        try:
            state = await OutboxSender(engine).deliver_through(entry.id)
        finally:
            await engine.client.aclose()
        if state == "sent":
            print("Sent.", file=sys.stderr)
            return EXIT_OK
        if state == "failed":
            rows = await ws.worker.run(ws.cache.outbox, account.key, states=("failed",))
            error = next((r.error for r in rows if r.id == entry.id), None)
            raise OperatorError(ErrorCode.VALIDATION, error or "")
        print("Queued; it will be sent when the server can be reached.", file=sys.stderr)
        return EXIT_QUEUED
    finally:
        ws.close()


async def cmd_logout(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    try:
        account = ws.resolve(args.server, args.account)
        if account.user_email is not None:
            with contextlib.suppress(OperatorError):
                await ws.tokens.adelete(account.key.server_url, account.user_email)
        await ws.worker.run(ws.cache.sign_out, account.key.server_url, wipe=args.wipe)
        what = (
            "Signed out; cached data deleted."
            if args.wipe
            else ("Signed out; cached conversations kept (use --wipe to delete them).")
        )
        print(what, file=sys.stderr)
        return EXIT_OK
    finally:
        ws.close()


async def cmd_cache(args: argparse.Namespace) -> int:
    data_dir = DataDir.resolve(args.data_dir)
    if args.cache_action == "status":
        return _cache_status(data_dir)
    if args.cache_action == "rebuild":
        ws = Workspace(data_dir, ca_bundle=args.ca_bundle, rebuild=True)
        try:
            copy = ws.rebuilt.damaged_copy if ws.rebuilt is not None else None
            state = "encrypted" if ws.encrypted else "not encrypted"
            print(
                f"The local cache was set aside as {copy} and a new one made ({state}); the"
                " conversations come back with the next sync.",
                file=sys.stderr,
            )
            return EXIT_OK
        finally:
            ws.close()
    encrypt = args.cache_action == "encrypt"
    ws = Workspace(data_dir, ca_bundle=args.ca_bundle, open_cache=False)
    try:
        switched = await ws.worker.run(ws.switch_encryption, encrypt=encrypt)
    finally:
        ws.close()
    word = "encrypted" if encrypt else "unencrypted"
    print(f"The local cache is {'now' if switched else 'already'} {word}.", file=sys.stderr)
    return EXIT_OK


def _cache_status(data_dir: DataDir) -> int:
    """What the cache is, from its file and the keyring (nothing is opened or changed)."""
    status = cachekeys.status(data_dir.root, data_dir.cache_file, TokenStore())
    print(f"{data_dir.cache_file}: {status.describe()}")
    return EXIT_OK
