"""The console script's `demo-server` command.

`operator-desktop demo-server` serves the Chatwoot-compatible demo server in the foreground,
prints `READY <url>` once it listens and stops cleanly on SIGINT/SIGTERM (exit 0);
`--credentials` prints the demo users. (The window's `--demo` is `app/demo_mode`.) The server
and its seed are imported only when used, so that building the command line stays light for
the window's start. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import platformdirs

from operator_desktop.demo.config import DemoConfig
from operator_desktop.services import logs

log = logging.getLogger("operator_desktop.cli")

APP_NAME = "operator-desktop"
DEMO_STATE = Path("demo") / "server-state.json"


# ---- argument types ---------------------------------------------------------------------
def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0..65535, not {value}")
    return value


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {value}")
    return value


def http_url(text: str) -> str:
    if not text.startswith(("http://", "https://")) or len(text.split("://", 1)[1]) == 0:
        raise argparse.ArgumentTypeError(f"must be an http:// or https:// URL, not {text!r}")
    return text.rstrip("/")


def add_demo_server_parser(subparsers: Any) -> argparse.ArgumentParser:
    """The `demo-server` subcommand and its options."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo-server",
        help="run the Chatwoot-compatible demo server in the foreground",
        description=(
            "Run the Chatwoot-compatible demo server. Prints 'READY <url>' when it listens "
            "and serves until SIGINT or SIGTERM."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--port", type=port_number, default=3000, help="port to listen on; 0 picks a free one"
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="N", help="seed of the demo data (default 1)"
    )
    parser.add_argument("--simulate", action="store_true", help="simulated customers write in")
    parser.add_argument(
        "--simulate-interval",
        type=positive_seconds,
        default=DemoConfig.simulate_interval,
        metavar="SECONDS",
        help="mean seconds between simulated customer actions (default %(default)s)",
    )
    parser.add_argument(
        "--simulate-new-share",
        type=share,
        default=None,
        metavar="P",
        help="a fixed share (0–1) of simulated customer messages that open a conversation; "
        "the rest follow up (a load test's mix; default: the lifelike one)",
    )
    parser.add_argument(
        "--simulate-patience",
        type=non_negative_int,
        default=DemoConfig.simulate_patience,
        metavar="N",
        help="messages a simulated customer writes unanswered at most (default %(default)s)",
    )
    parser.add_argument(
        "--simulate-cap",
        type=non_negative_int,
        default=DemoConfig.simulate_cap,
        metavar="N",
        help="simulated conversations kept before the oldest are removed (default %(default)s)",
    )
    parser.add_argument(
        "--control", action="store_true", help="enable the POST /__control test endpoint"
    )
    parser.add_argument(
        "--throttle",
        action="store_true",
        help="apply the rate limits (sign-in, transcript e-mails) to loopback too",
    )
    parser.add_argument("--tls", action="store_true", help="serve https with a self-signed cert")
    parser.add_argument(
        "--cert-file", type=Path, metavar="PATH", help="where --tls writes its certificate (PEM)"
    )
    parser.add_argument(
        "--state", type=Path, metavar="FILE", help="load state from FILE and save it there"
    )
    parser.add_argument(
        "--public-url", type=http_url, metavar="URL", help="base URL clients reach this at"
    )
    parser.add_argument(
        "--credentials",
        action="store_true",
        help="print the demo users and the MFA secret as JSON and exit",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        dest="server_verbose",
        action="count",
        default=0,
        help="log more (-vv: debug)",
    )
    return parser


# ---- logging ------------------------------------------------------------------------------
def setup_logging(verbosity: int) -> None:
    """The CLI's logging (stderr, secrets masked, wire loggers quiet), as the client's."""
    logs.setup_logging(verbosity)


def fail(prog: str, message: str) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 1


# ---- credentials ------------------------------------------------------------------------
def demo_credentials() -> dict[str, Any]:
    """The demo users with their roles per account, and the MFA user's TOTP secret."""
    from operator_desktop.demo.seed import DEMO_USERS, MFA_BACKUP_CODES, MFA_SECRET, build_store

    store = build_store(1, time.time())
    users: list[dict[str, Any]] = []
    for du in DEMO_USERS:
        accounts = [
            {
                "account_id": au.account_id,
                "account_name": store.accounts[au.account_id].name,
                "account_status": store.accounts[au.account_id].status,
                "role": au.role,
            }
            for au in sorted(store.memberships_of(du.id), key=lambda au: au.account_id)
        ]
        users.append(
            {
                "id": du.id,
                "name": du.name,
                "display_name": du.display_name,
                "email": du.email,
                "password": du.password,
                "access_token": du.access_token,
                "pubsub_token": du.pubsub_token,
                "accounts": accounts,
                "mfa": du.mfa,
                "note": du.note,
            }
        )
    mfa_user = next(du for du in DEMO_USERS if du.mfa)
    return {
        "users": users,
        "mfa": {
            "user_id": mfa_user.id,
            "email": mfa_user.email,
            "totp_secret": MFA_SECRET,
            "backup_codes": list(MFA_BACKUP_CODES),
        },
    }


def credentials_table(credentials: dict[str, Any]) -> str:
    """A short human-readable table of the demo users."""
    rows = [("Email", "Password", "Role in Acme Support", "API access token")]
    for user in credentials["users"]:
        main = next((a for a in user["accounts"] if a["account_id"] == 1), None)
        role = main["role"] if main else "-"
        if user["mfa"]:
            role += " (2FA)"
        rows.append((user["email"], user["password"], role, user["access_token"]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    mfa = credentials["mfa"]
    lines.append("")
    lines.append(f"  {mfa['email']} signs in with a TOTP code; secret {mfa['totp_secret']}")
    lines.append(f"  (backup codes: {', '.join(mfa['backup_codes'])})")
    return "\n".join(lines)


# ---- demo-server ------------------------------------------------------------------------
def run_demo_server(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`operator-desktop demo-server`: serve in the foreground until SIGINT/SIGTERM."""
    if args.credentials:
        print(json.dumps(demo_credentials(), ensure_ascii=False, indent=2))
        return 0
    if args.cert_file is not None and not args.tls:
        parser.error("--cert-file needs --tls")
    setup_logging(args.verbose + args.server_verbose)
    config = DemoConfig(
        host=args.host,
        port=args.port,
        seed=args.seed,
        simulate=args.simulate,
        simulate_interval=args.simulate_interval,
        simulate_cap=args.simulate_cap,
        simulate_new_share=args.simulate_new_share,
        simulate_patience=args.simulate_patience,
        control=args.control,
        throttle=args.throttle,
        tls=args.tls,
        cert_file=args.cert_file,
        state_file=args.state,
        public_url=args.public_url,
    )
    from operator_desktop.demo.server import serve_forever  # the web framework only when serving

    try:
        asyncio.run(serve_forever(config))
    except KeyboardInterrupt:  # Ctrl+C before the server could install its handlers
        return 130
    except OSError as exc:
        log.debug("demo server failed", exc_info=True)
        return fail(parser.prog, f"cannot serve on {args.host}:{args.port}: {exc}")
    except Exception as exc:
        log.debug("demo server failed", exc_info=True)
        return fail(parser.prog, f"demo server failed: {exc!r}")
    return 0


# ---- --demo -------------------------------------------------------------------------------
def data_dir(arg: Path | None) -> Path:
    """The app's data folder: `--data-dir` or the platform's user data dir."""
    if arg is not None:
        return arg
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
