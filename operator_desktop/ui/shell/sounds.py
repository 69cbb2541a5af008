"""Notification sounds: the bundled chimes, played with QtMultimedia's `QSoundEffect`.

`SoundAlerts` decides when a sound plays — a notice was shown (new conversation, new message,
mention), or, optionally, every 30 seconds while a conversation assigned to me waits unread —
and stays silent while the sounds are off or my availability is busy. It hands the choice to
a `SoundPlayer`: `EffectPlayer` in the app, a recorder in tests. Without an audio output
(a headless machine, no sound server) `EffectPlayer` plays nothing and says so once in the
log; it never raises.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, QUrl

from operator_desktop.services.notices import NoticeKind

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger("notify")

SOUNDS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "sounds"
REPEAT_EVERY_MS = 30_000


class Sound(enum.Enum):
    NEW_CONVERSATION = "new-conversation"
    NEW_MESSAGE = "new-message"
    MENTION = "mention"

    @property
    def path(self) -> Path:
        return SOUNDS_DIR / f"{self.value}.wav"


def sound_for(kind: NoticeKind) -> Sound:
    if kind is NoticeKind.MENTION:
        return Sound.MENTION
    if kind in (NoticeKind.NEW_CONVERSATION, NoticeKind.ASSIGNED):
        return Sound.NEW_CONVERSATION
    return Sound.NEW_MESSAGE


class SoundPlayer(Protocol):
    def play(self, sound: Sound, volume: float) -> None: ...


class EffectPlayer(QObject):
    """Plays the bundled sounds with `QSoundEffect` (loaded once, on first use)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[Sound, QSoundEffect] | None = None

    def effects(self) -> dict[Sound, QSoundEffect]:
        """The loaded effects; empty when there is no audio output to play them on."""
        if self._effects is None:
            self._effects = {}
            try:
                from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
            except ImportError as exc:  # no libpulse0 and the like: sounds are off
                log.info("sounds are unavailable: %s", exc)
                return self._effects
            if not QMediaDevices.audioOutputs():
                log.info("no audio output: sounds are off")
                return self._effects
            for sound in Sound:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(sound.path)))
                self._effects[sound] = effect
        return self._effects

    def play(self, sound: Sound, volume: float) -> None:
        effect = self.effects().get(sound)
        if effect is None:
            return
        effect.setVolume(max(0.0, min(1.0, volume)))
        effect.play()


class SoundAlerts(QObject):
    """When to play what. `unread_mine` counts unread conversations assigned to me."""

    def __init__(
        self,
        player: SoundPlayer,
        unread_mine: Callable[[], Awaitable[int]],
        run: Callable[[Awaitable[int], Callable[[int], None]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.enabled = True
        self.volume = 0.7
        self.busy = False
        self._unread_mine = unread_mine
        self._run = run
        self._repeat = QTimer(self)
        self._repeat.setInterval(REPEAT_EVERY_MS)
        self._repeat.timeout.connect(self._remind)

    @property
    def repeating(self) -> bool:
        return self._repeat.isActive()

    def set_repeat(self, on: bool, interval_ms: int = REPEAT_EVERY_MS) -> None:
        """Remind every `interval_ms` while a conversation assigned to me waits unread."""
        self._repeat.setInterval(interval_ms)
        if on:
            self._repeat.start()
        else:
            self._repeat.stop()

    def noticed(self, kind: NoticeKind) -> None:
        """A notification of `kind` was shown."""
        self._play(sound_for(kind))

    def _play(self, sound: Sound) -> None:
        if self.enabled and not self.busy and self.volume > 0:
            self.player.play(sound, self.volume)

    def _remind(self) -> None:
        if self.enabled and not self.busy:
            self._run(self._unread_mine(), self._reminded)

    def _reminded(self, count: int) -> None:
        if count > 0:
            self._play(Sound.NEW_MESSAGE)
