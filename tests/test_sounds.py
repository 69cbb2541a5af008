"""Notification sounds: which one is asked for and when, and that the bundled files load.

The decisions are checked through a recording player; one test loads the real files into
QtMultimedia's QSoundEffect, which without an audio output (this machine) must fall back to
playing nothing, quietly.
"""

from __future__ import annotations

import wave
from collections.abc import Awaitable, Callable

import pytest
from pytestqt.qtbot import QtBot

from operator_desktop.services.notices import NoticeKind
from operator_desktop.ui.shell.sounds import EffectPlayer, Sound, SoundAlerts, sound_for


class Recorder:
    def __init__(self) -> None:
        self.played: list[tuple[Sound, float]] = []

    def play(self, sound: Sound, volume: float) -> None:
        self.played.append((sound, volume))


def alerts(player: Recorder, unread: int = 0) -> SoundAlerts:
    async def unread_mine() -> int:
        return unread

    def run(coro: Awaitable[int], done: Callable[[int], None]) -> None:
        # the app runs it on the loop; here the coroutine finishes at its first step
        try:
            coro.send(None)  # type: ignore[attr-defined]
        except StopIteration as stop:
            done(stop.value)

    return SoundAlerts(player, unread_mine, run)


def test_each_kind_has_its_sound_and_the_files_are_short_chimes() -> None:
    assert sound_for(NoticeKind.MENTION) is Sound.MENTION
    assert sound_for(NoticeKind.NEW_CONVERSATION) is Sound.NEW_CONVERSATION
    assert sound_for(NoticeKind.ASSIGNED) is Sound.NEW_CONVERSATION
    assert sound_for(NoticeKind.MY_MESSAGE) is Sound.NEW_MESSAGE
    for sound in Sound:
        with wave.open(str(sound.path)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
            assert 0.1 < w.getnframes() / w.getframerate() < 0.5


def test_volume_off_switch_and_busy(qtbot: QtBot) -> None:  # noqa: ARG001 - a QApplication
    player = Recorder()
    sounds = alerts(player)
    sounds.volume = 0.4
    sounds.noticed(NoticeKind.MENTION)
    assert player.played == [(Sound.MENTION, 0.4)]
    sounds.busy = True
    sounds.noticed(NoticeKind.MY_MESSAGE)
    sounds.busy = False
    sounds.enabled = False
    sounds.noticed(NoticeKind.MY_MESSAGE)
    sounds.enabled = True
    sounds.volume = 0.0
    sounds.noticed(NoticeKind.MY_MESSAGE)
    assert player.played == [(Sound.MENTION, 0.4)]


def test_a_reminder_repeats_while_a_conversation_of_mine_waits_unread(qtbot: QtBot) -> None:
    player = Recorder()
    waiting = alerts(player, unread=2)
    waiting.set_repeat(True, interval_ms=20)
    qtbot.waitUntil(lambda: len(player.played) >= 2)
    assert {s for s, _v in player.played} == {Sound.NEW_MESSAGE}
    waiting.set_repeat(False)
    assert not waiting.repeating
    nothing = Recorder()
    quiet = alerts(nothing, unread=0)
    quiet.set_repeat(True, interval_ms=20)
    busy = alerts(nothing, unread=3)
    busy.busy = True
    busy.set_repeat(True, interval_ms=20)
    qtbot.wait(120)  # several periods of both timers: neither may chime
    assert nothing.played == []


# QtMultimedia probes for optional libraries (PipeWire, VA-API) and, without a sound server,
# says so once: those notices are the case under test here, not failures
@pytest.mark.qt_log_ignore("pa_context_connect", "Couldn't load", "Couldn't resolve")
def test_the_bundled_files_load_into_qsoundeffect_or_sounds_are_quietly_off(
    qtbot: QtBot,
) -> None:
    player = EffectPlayer()
    effects = player.effects()
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    if not QMediaDevices.audioOutputs():
        assert effects == {}  # no audio output: nothing to play on, and no error
        player.play(Sound.NEW_MESSAGE, 0.5)  # a no-op
        return
    assert set(effects) == set(Sound)

    def loaded() -> bool:
        return all(e.status() is not QSoundEffect.Status.Loading for e in effects.values())

    qtbot.waitUntil(loaded)
    assert all(e.status() is QSoundEffect.Status.Ready for e in effects.values())
