"""The composition root's building steps: from a workspace and an account to a controller.

Everything is passed by constructor; nothing is looked up globally. Used by the GUI entry
point and by the GUI tests.
"""

from __future__ import annotations

import logging

from operator_desktop.core.errors import OperatorError
from operator_desktop.net.cable import CableTimings
from operator_desktop.services.actions import AccountActions
from operator_desktop.services.bell import BellService
from operator_desktop.services.chat_rules import ChatRules, default_rules, rules_in_use
from operator_desktop.services.readmodel import ReadModel
from operator_desktop.services.reply_guard import ReplyGuard
from operator_desktop.services.session import Workspace
from operator_desktop.services.stats import StatsService
from operator_desktop.services.suggestions import ReplySuggester
from operator_desktop.services.team import TeamService
from operator_desktop.services.transcripts import TranscriptExporter, TranscriptReader
from operator_desktop.storage.cache import SignedInAccount
from operator_desktop.sync.engine import SyncSettings
from operator_desktop.ui.controller import AppController

log = logging.getLogger("ui")


async def build_controller(
    workspace: Workspace,
    account: SignedInAccount,
    *,
    settings: SyncSettings | None = None,
    cable_timings: CableTimings | None = None,
) -> AppController:
    """Client, engine, read model and actions for `account`, wired to a new controller.

    Needs no network: the user id and name come from the cache; the pubsub token is fetched
    when the engine first reaches the server (`AppController.engine.pubsub_token`).
    """
    engine = await workspace.engine_for(account, settings=settings, cable_timings=cable_timings)
    readmodel = ReadModel(workspace.cache)
    actions = AccountActions(engine, readmodel, workspace.files, workspace.retention)
    transcripts = TranscriptExporter(
        workspace.worker, TranscriptReader(workspace.cache, readmodel), workspace.files
    )
    stats = StatsService(
        workspace.worker,
        workspace.cache,
        account.key,
        engine.user_id,
        account.user_name,
        client=engine.client,
    )
    rules, rules_error = chat_rules(workspace)
    controller = AppController(
        readmodel=readmodel,
        actions=actions,
        transcripts=transcripts,
        user_name=account.user_name or account.user_email or "",
        role=account.role,
        protection=workspace.protection,
        stats=stats,
        guard=ReplyGuard(rules),
        rules_error=rules_error,
        team=TeamService(engine, account.role),
        suggester=ReplySuggester(
            workspace.worker, workspace.cache, account.key, now=engine.clock.now
        ),
        bell=BellService(engine),
    )
    engine.add_listeners(controller.on_engine_change, controller.on_engine_status)
    return controller


def chat_rules(workspace: Workspace) -> tuple[ChatRules, OperatorError | None]:
    """The data folder's chat-rules file if there is one, else the shipped set; a file that
    cannot be used is reported (the window shows it) and the shipped set applies."""
    try:
        return rules_in_use(workspace.data_dir.root), None
    except OperatorError as exc:
        log.warning("chat rules not used: %s", exc.detail)
        return default_rules(), exc
