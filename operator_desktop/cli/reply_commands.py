"""`operator-desktop check-reply`: a reply checked against the chat rules, without a server.

    echo "text" | operator-desktop check-reply --text-stdin [--json] [--rules FILE]
    operator-desktop check-reply --print-default-rules > chat-rules.toml

The rules: `--rules FILE`, else `chat-rules.toml` in the data folder, else the shipped set
(`services.chat_rules`). The colleagues' names for the "mention" rule come from the local
cache when one is there (no sign-in or network needed); without it any "@name" outside an
e-mail address counts. Offsets are characters of the text exactly as read (UTF-8; line ends
are not translated). Exits 0 whatever is found, 2 for bad usage, 1 for a rules file that
cannot be used (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from operator_desktop.cli.client_commands import EXIT_OK, EXIT_USAGE, add_common
from operator_desktop.cli.messages import describe
from operator_desktop.core.errors import OperatorError
from operator_desktop.services.chat_rules import (
    RULES_FILE_NAME,
    default_rules_text,
    rules_in_use,
)
from operator_desktop.services.reply_guard import GuardFinding, ReplyGuard
from operator_desktop.services.session import DataDir, Workspace

log = logging.getLogger("cli")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check-reply",
        help="check a reply against the chat rules (rudeness, personal data, shouting, @mentions)",
        description=(
            f"The rules: --rules FILE, else {RULES_FILE_NAME} in the data folder, else the"
            " default set (see --print-default-rules). Works offline and without signing in."
        ),
    )
    add_common(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--text-stdin", action="store_true", help="read the reply on stdin")
    what.add_argument(
        "--print-default-rules",
        action="store_true",
        help="print the default rules file (a start for your own)",
    )
    p.add_argument("--rules", type=Path, metavar="FILE", help="the chat-rules file (TOML)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_check_reply)


async def cmd_check_reply(args: argparse.Namespace) -> int:
    if args.print_default_rules:
        sys.stdout.write(default_rules_text())
        return EXIT_OK
    data_dir = DataDir.resolve(args.data_dir)
    guard = ReplyGuard(rules_in_use(data_dir.root, args.rules))
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        print("operator-desktop: the reply on standard input is not UTF-8 text", file=sys.stderr)
        return EXIT_USAGE
    names = await _agent_names(args, data_dir) if guard.rules.mention.enabled else None
    findings = guard.check(text, names)
    if args.json:
        print(json.dumps({"findings": [_json(f) for f in findings]}, ensure_ascii=False))
        return EXIT_OK
    for finding in findings:
        detail = f" ({finding.detail})" if finding.detail else ""
        print(f"{finding.start}-{finding.end} {finding.rule.value}: {finding.text!r}{detail}")
    if not findings:
        print("No findings.")
    return EXIT_OK


def _json(finding: GuardFinding) -> dict[str, object]:
    return {
        "rule": finding.rule.value,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
    }


async def _agent_names(args: argparse.Namespace, data_dir: DataDir) -> list[str] | None:
    """The agents of the cached accounts (the one chosen by --server/--account, or all), or
    None when there is no cache to read them from."""
    if not data_dir.cache_file.exists():
        return None
    try:
        ws = Workspace(data_dir, ca_bundle=args.ca_bundle, reading_only=True)
    except OperatorError as exc:
        print(
            f"operator-desktop: colleagues' names not read from the cache ({describe(exc)});"
            " any @name counts as a mention",
            file=sys.stderr,
        )
        return None
    try:
        if args.server is not None or args.account is not None:
            accounts = [ws.resolve(args.server, args.account)]
        else:
            accounts = ws.accounts()
        names: list[str] = []
        for account in accounts:
            for agent in await ws.worker.run(ws.cache.agents, account.key):
                names += [n for n in (agent.name, agent.available_name) if n]
        log.debug("mention: %d agent names from the cache", len(names))
        return names or None
    finally:
        ws.close()
