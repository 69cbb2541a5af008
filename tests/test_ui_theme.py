"""Switching themes: widgets styled from the theme's colours follow a switch, once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from operator_desktop.ui.common.theme import (
    DARK,
    LIGHT,
    Theme,
    ThemeFollower,
    ThemeMode,
    apply_theme,
)
from operator_desktop.ui.shell.sign_in import SignInDialog


@pytest.fixture
def light_afterwards(qapp: QApplication) -> Iterator[QApplication]:
    apply_theme(qapp, ThemeMode.LIGHT)
    yield qapp
    apply_theme(qapp, ThemeMode.LIGHT)


def test_follower_restyles_after_a_switch_and_only_then(
    light_afterwards: QApplication, qtbot: QtBot
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: list[object] = []
    ThemeFollower(widget, lambda: seen.append(Theme.current()))
    assert seen == [LIGHT]  # styled at once

    apply_theme(light_afterwards, ThemeMode.DARK)
    qtbot.waitUntil(lambda: seen == [LIGHT, DARK])
    apply_theme(light_afterwards, ThemeMode.DARK)  # the same colours: nothing to do
    QApplication.processEvents()  # runs any follow-up the second switch queued
    assert seen == [LIGHT, DARK]


def test_sign_in_dialog_follows_the_theme(light_afterwards: QApplication, qtbot: QtBot) -> None:
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    assert LIGHT.muted in dialog.styleSheet()
    apply_theme(light_afterwards, ThemeMode.DARK)
    qtbot.waitUntil(lambda: DARK.muted in dialog.styleSheet())
    assert LIGHT.muted not in dialog.styleSheet()
