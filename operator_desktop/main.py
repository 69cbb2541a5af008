"""Entry point of the `operator-desktop` console script: parses arguments and dispatches.

It stands above every layer: it starts either a command of `cli/` or the window of `app/`.

Bad usage exits with status 2 and one line on stderr. Subcommands: `demo-server` and the client
commands of `client_commands` (login, sync, search, transcript, export, send, logout) and
`check-reply` (`reply_commands`, the chat-rules guard) and `team_commands` (agents, canned).
Top-level `--demo` opens the window signed in to the embedded demo server; with no command the
window opens for the signed-in account (or the sign-in dialog).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from operator_desktop import __version__
from operator_desktop.cli import client_commands, demo_commands, reply_commands, team_commands
from operator_desktop.services.logs import setup_logging
from operator_desktop.services.session import DataDir


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message (status 2) instead of usage plus error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="operator-desktop",
        description="A native desktop client for Chatwoot operators.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the demo: the demo server with simulated customers, on this machine",
    )
    parser.add_argument(
        "--data-dir",
        dest="global_data_dir",
        type=Path,
        metavar="DIR",
        help="the app's data folder (default: the platform's user data folder)",
    )
    parser.add_argument(
        "--reset", action="store_true", help="with --demo: delete the demo's saved state first"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="render the main window after the first sync, with a conversation open, and exit",
    )
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help="the colour theme of the window"
    )
    parser.add_argument("--language", metavar="LANG", help="UI language, e.g. ru or en")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv: debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    server_parser = demo_commands.add_demo_server_parser(subparsers)
    server_parser.set_defaults(subparser=server_parser)
    client_commands.register(subparsers)
    reply_commands.register(subparsers)
    team_commands.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "demo-server":
        if args.demo or args.reset or args.global_data_dir is not None:
            parser.error("--demo, --data-dir and --reset do not go with demo-server")
        server_parser: argparse.ArgumentParser = args.subparser
        return demo_commands.run_demo_server(args, server_parser)
    if args.command is not None:  # the client commands: login, sync, search, ...
        if args.demo or args.reset:
            parser.error(f"--demo and --reset do not go with {args.command}")
        if getattr(args, "data_dir", None) is None and args.global_data_dir is not None:
            args.data_dir = str(args.global_data_dir)
        setup_logging(args.verbose)
        if args.command == "export" and args.format == "pdf":
            args.pdf_writer = _pdf_writer()
        return client_commands.run_command(args)
    if args.reset and not args.demo:
        parser.error("--reset needs --demo")
    log_file = setup_logging(args.verbose, DataDir.resolve(args.global_data_dir).root / "logs")
    from operator_desktop.app.display_check import missing_xcb_libraries

    missing = missing_xcb_libraries()
    if missing is not None:  # Qt would abort with a misleading message
        print(f"operator-desktop: {missing.message()}", file=sys.stderr)
        return 1
    from operator_desktop.app.launch import launch_gui  # Qt is imported only for the window

    return launch_gui(
        log_file=log_file,
        data_dir=args.global_data_dir,
        demo=args.demo,
        reset=args.reset,
        screenshot=args.screenshot,
        theme=args.theme,
        language=args.language,
    )


def _pdf_writer() -> Callable[[str, Mapping[str, bytes], Path], None]:
    """The export's PDF writer: Qt lays the pages out (imported only when a PDF is asked for,
    its application made here, on the main thread, before the export draws in a worker)."""
    from operator_desktop.app.headless_pdf import headless_pdf_writer

    return headless_pdf_writer()


if __name__ == "__main__":
    sys.exit(main())
