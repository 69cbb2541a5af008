"""The composition root's building steps: from a workspace and an account to a controller.

Everything is passed by constructor; nothing is looked up globally. Used by the GUI entry
point and by the GUI tests.
"""

from __future__ import annotations

from operator_desktop.net.cable import CableTimings
from operator_desktop.services.actions import AccountActions
from operator_desktop.services.readmodel import ReadModel
from operator_desktop.services.session import Workspace
from operator_desktop.services.stats import StatsService
from operator_desktop.services.team import TeamService
from operator_desktop.services.transcripts import TranscriptExporter, TranscriptReader
from operator_desktop.storage.cache import SignedInAccount
from operator_desktop.sync.engine import SyncSettings
from operator_desktop.ui.controller import AppController


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
    controller = AppController(
        readmodel=readmodel,
        actions=actions,
        transcripts=transcripts,
        user_name=account.user_name or account.user_email or "",
        role=account.role,
        protection=workspace.protection,
        stats=stats,
        team=TeamService(engine, account.role),
    )
    engine.add_listeners(controller.on_engine_change, controller.on_engine_status)
    return controller
