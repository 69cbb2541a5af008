"""`AppController`: the one object the window's widgets talk to for one signed-in account.

It owns nothing global: the composition root builds it with the account's actions (the one
way widgets read and change anything), the read model, a task runner and the chat-rules
guard, and passes it to each widget's constructor. The engine's change-sets and status
arrive on the Qt thread (the engine runs on the qasync loop) through `on_engine_change`/
`on_engine_status` and are re-emitted as signals. It imports no `net`, `storage` or `sync` module.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal

from operator_desktop.core.changes import AccountKey, ChangeSet
from operator_desktop.core.errors import OperatorError
from operator_desktop.core.status import CableState, SyncStatus
from operator_desktop.core.types import Profile
from operator_desktop.services.actions import AccountActions
from operator_desktop.services.bell import BellService
from operator_desktop.services.cachekeys import Protection
from operator_desktop.services.readmodel import ReadModel, Reference
from operator_desktop.services.reply_guard import GuardFinding, ReplyGuard
from operator_desktop.services.stats import StatsService
from operator_desktop.services.suggestions import ReplySuggester, Suggestion
from operator_desktop.services.team import TeamService
from operator_desktop.services.transcripts import TranscriptExporter
from operator_desktop.ui.common.tasks import TaskRunner

P = ParamSpec("P")
R = TypeVar("R")


class AppController(QObject):
    changed = Signal(object)  # ChangeSet, after it is persisted
    statusChanged = Signal(object)  # SyncStatus
    referenceChanged = Signal(object)  # Reference
    conversationRequested = Signal(int)  # display id: open it (from search, customer card…)
    errorRaised = Signal(object)  # OperatorError, for the banner
    profileChanged = Signal(object)  # Profile, whenever the server sent the user's profile
    connectionRestored = Signal()  # the live connection is up again: retry what failed offline

    def __init__(
        self,
        *,
        readmodel: ReadModel,
        actions: AccountActions,
        transcripts: TranscriptExporter,
        user_name: str,
        role: str,
        protection: Protection | None = None,
        stats: StatsService | None = None,
        team: TeamService | None = None,
        suggester: ReplySuggester | None = None,
        bell: BellService | None = None,
        runner: TaskRunner | None = None,
        guard: ReplyGuard | None = None,
        rules_error: OperatorError | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.readmodel = readmodel
        self.actions = actions
        self.transcripts = transcripts  # the transcript browser's search and the export
        self.stats = stats  # my statistics (None: the window offers none)
        self.team = team  # agents, roles, inboxes, canned responses (None: no Team window)
        self.suggester = suggester  # suggested replies from the cache (None: none offered)
        self.bell = bell  # the server's notification list (None: the window shows no bell)
        self.user_id = actions.user_id
        self.user_name = user_name
        self.role = role
        self.protection = protection or Protection()  # the cache's encryption, as opened
        self.runner = runner or TaskRunner(self)
        self.runner.failed.connect(self.errorRaised)
        self.guard = guard if guard is not None else ReplyGuard()  # the shipped chat rules
        # the data folder's chat-rules file could not be used (the shipped rules apply)
        self.rules_error = rules_error
        self.reference = Reference()
        self.profile: Profile | None = None
        self._connected = False

    @property
    def key(self) -> AccountKey:
        return self.actions.key

    @property
    def status(self) -> SyncStatus:
        """The engine's latest status (also sent with every `statusChanged`)."""
        return self.actions.status

    def now(self) -> float:
        """The account's clock (injectable in tests): what "today" and "2 min ago" use."""
        return self.actions.now()

    @property
    def is_admin(self) -> bool:
        return self.role == "administrator"

    # ---- wiring from the engine ---------------------------------------------------------
    def on_engine_change(self, change: ChangeSet) -> None:
        self.changed.emit(change)
        if change.reference:
            self.run(self.load_reference(), name="reference")

    def on_engine_status(self, status: SyncStatus) -> None:
        self.statusChanged.emit(status)
        connected = status.cable is CableState.CONNECTED
        if connected and not self._connected:
            self.connectionRestored.emit()
        self._connected = connected

    # ---- helpers for widgets ----------------------------------------------------------
    async def read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a read-model query on the database thread."""
        return await self.actions.read(fn, *args, **kwargs)

    def run(
        self,
        coro: Coroutine[Any, Any, R],
        *,
        name: str | None = None,
        on_done: Callable[[R], None] | None = None,
        on_error: Callable[[OperatorError], None] | None = None,
    ) -> None:
        self.runner.run(coro, name=name, on_done=on_done, on_error=on_error)

    async def load_reference(self) -> Reference:
        self.reference = await self.read(self.readmodel.reference, self.key)
        self.referenceChanged.emit(self.reference)
        return self.reference

    def publish_profile(self, profile: Profile) -> None:
        """Share a profile the server just sent (availability, signature) with every widget."""
        self.profile = profile
        self.profileChanged.emit(profile)

    def check_reply(self, text: str) -> list[GuardFinding]:
        """The chat-rules findings in a reply about to be sent (pure and fast: a few ms)."""
        agents = [agent.name for agent in self.reference.agents if agent.name]
        return self.guard.check(text, agents or None)

    def send_reply(
        self,
        display_id: int,
        typed: str,
        *,
        guarded: bool,
        private: bool = False,
        signature: str | None = None,
        in_reply_to: int | None = None,
        files: Sequence[Path] = (),
        clear_draft: bool = True,
        on_error: Callable[[OperatorError], None] | None = None,
    ) -> list[GuardFinding]:
        """Queue a reply (or a private note) through the outbox, as the composer, the
        quick-reply window and a notification's reply field send one: the text stripped, the
        signature appended to a reply (never to a note). When `guarded`, the chat-rules
        findings come back instead, and nothing is queued; an empty list means it was.
        The task is unnamed: a second send never cancels the first."""
        text = typed.strip()
        if guarded and text:
            findings = self.check_reply(typed)
            if findings:
                return findings
        if signature and text and not private:
            text = f"{text}\n\n{signature}"
        send = self.actions.send_reply(
            display_id,
            text,
            private=private,
            in_reply_to=in_reply_to,
            files=files,
            clear_draft=clear_draft,
        )
        self.run(send, on_error=on_error)
        return []

    async def suggest_replies(self, display_id: int) -> list[Suggestion]:
        """Suggested replies to the conversation's latest question (database thread)."""
        if self.suggester is None:
            return []
        return await self.suggester.for_conversation(display_id)

    def open_conversation(self, display_id: int) -> None:
        self.conversationRequested.emit(display_id)
