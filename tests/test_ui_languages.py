"""The UI language: chosen in Preferences, switched live (no restart), dates and plurals.

A running main window over the demo data is switched Russian → English → Russian through the
Preferences dialog; menus, actions' tooltips, buttons, group titles, the chat list's tabs and
the message list's day separators follow each time. Russian plural forms (1, 2, 5, 11, 21)
and the default locale's weekday and month names are checked on their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from operator_desktop.core.types import Notification
from operator_desktop.services.suggestions import Source, Suggestion
from operator_desktop.ui.bell.model import BellRole
from operator_desktop.ui.chat_list.proxy import ChatTab
from operator_desktop.ui.common.language import LanguageSwitcher, stored_language
from operator_desktop.ui.common.timefmt import list_time, relative_time
from operator_desktop.ui.conversation.model import MessageRoles
from operator_desktop.ui.conversation.viewer import ImageViewer
from operator_desktop.ui.shell.main_window import MainWindow
from operator_desktop.ui.shell.preferences import Preferences
from operator_desktop.ui.shell.quick_reply import QuickReplyWindow
from tests.gui_support import GuiEnv
from tests.test_ui_conversation import open_chat, settles, wait_until
from tests.ui_waits import collect_on_main_thread, emitted

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
__all__ = ["collect_on_main_thread"]  # an autouse fixture
NOW = 1_800_000_000.0


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageSwitcher]:
    switcher = LanguageSwitcher(qapp)
    yield switcher
    switcher.remove()  # the next tests run in the source language and the system's locale


@pytest.fixture
def window(gui_env: GuiEnv, tmp_path: Path, languages: LanguageSwitcher) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    Preferences(language="ru").save(settings)
    languages.apply("ru")  # what the app does at start with this settings file
    win = MainWindow(gui_env.controller, settings, languages=languages)
    gui_env.run(win.start())
    win.show()
    yield win
    win.close()


def choose_language(env: GuiEnv, window: MainWindow, language: str) -> None:
    """Pick `language` in Preferences and save, as the operator does."""
    dialog = window.open_preferences()
    combo = dialog.language_combo
    combo.setCurrentIndex(combo.findData(language))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    wait_until(env, lambda: window._preferences_dialog is None)


def texts(window: MainWindow) -> dict[str, str]:
    """A sample of what the window shows: a menu, an action and its tooltip, a button, a tab,
    a tooltip, a model's display text."""
    pane, chats = window.pane, window.chat_list
    model = pane.model
    first_day = next(
        (
            text
            for row in range(model.rowCount())
            if (text := model.index(row).data(MessageRoles.DaySeparator))
        ),
        "",
    )
    return {
        "menu": window.go_menu.title(),
        "action": window.resolve_action.text(),
        "action tooltip": window.next_action.toolTip(),
        "button": pane.header.resolve_button.text(),
        "tooltip": window.card.edit_button.toolTip(),
        "tab": chats.tab_bar.tabText(list(ChatTab).index(ChatTab.MINE)),
        "day separator": first_day,
        "placeholder": chats.search_box.placeholderText(),
    }


@settles
def test_the_language_switches_without_a_restart(
    gui_env: GuiEnv, window: MainWindow, languages: LanguageSwitcher, tmp_path: Path
) -> None:
    display_id = open_chat(gui_env)
    window.show_conversation(display_id)
    model = window.pane.model
    wait_until(gui_env, lambda: model.rowCount() > 0)
    wait_until(gui_env, lambda: window.card.data() is not None)
    russian = texts(window)
    assert russian["menu"] == "П&ереход"
    assert russian["action"] == "Решить"
    assert russian["action tooltip"] == "Следующий диалог (Ctrl+Вниз)"  # key names: Qt's qtbase_ru
    assert russian["button"] == "Решить"
    assert russian["tooltip"] == "Изменить имя, эл. почту и телефон"
    assert russian["tab"].startswith("Мои")
    assert russian["placeholder"] == "Поиск по диалогам и сообщениям"
    first_day = russian["day separator"]
    assert first_day and not any(
        word in first_day for word in ("Today", "Yesterday", "Monday", "January")
    )

    choose_language(gui_env, window, "en")
    assert languages.language == "en" and QLocale().language() == QLocale.Language.English
    wait_until(gui_env, lambda: window.go_menu.title() == "&Go")
    english = texts(window)
    assert english["action"] == "Resolve"
    assert english["action tooltip"] == "Next conversation (Ctrl+Down)"
    assert english["button"] == "Resolve"
    assert english["tooltip"] == "Edit name, email and phone"
    assert english["tab"].startswith("Mine")
    assert english["placeholder"] == "Search conversations and messages"
    assert english["day separator"] != first_day
    # the choice is kept for the next start
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert stored_language(settings) == "en"

    dialog = window.open_preferences()  # a dialog open during a switch follows it too
    assert dialog.waiting_group.title() == "Waiting customers"
    dialog.reject()
    wait_until(gui_env, lambda: window._preferences_dialog is None)

    choose_language(gui_env, window, "ru")
    wait_until(gui_env, lambda: window.go_menu.title() == "П&ереход")
    assert texts(window) == russian
    dialog = window.open_preferences()
    assert dialog.waiting_group.title() == "Ожидающие клиенты"
    languages.apply("en")
    wait_until(gui_env, lambda: dialog.waiting_group.title() == "Waiting customers")
    assert dialog.language_combo.itemText(0) == "As the system"
    dialog.reject()


@pytest.fixture
def russian(languages: LanguageSwitcher) -> LanguageSwitcher:
    languages.apply("ru")
    return languages


@pytest.mark.parametrize(
    ("count", "typing", "ago"),
    [
        (1, "1 человек печатает…", "1 мин назад"),
        (2, "2 человека печатают…", "2 мин назад"),
        (5, "5 человек печатают…", "5 мин назад"),
        (11, "11 человек печатают…", "11 мин назад"),
        (21, "21 человек печатает…", "21 мин назад"),
    ],
)
def test_russian_plural_forms(russian: LanguageSwitcher, count: int, typing: str, ago: str) -> None:
    del russian
    translate = QCoreApplication.translate
    assert translate("ConversationPane", "%n people are typing…", None, count) == typing
    now = time.time()
    assert relative_time(now - count * 60, now) == ago
    found = translate("TranscriptBrowser", "%n conversation(s)", None, count)
    expected = {1: "диалог", 2: "диалога", 5: "диалогов", 11: "диалогов", 21: "диалог"}
    assert found == f"{count} {expected[count]}"


def test_dates_follow_the_language(languages: LanguageSwitcher) -> None:
    saturday = QDateTimeStamp.of(2025, 11, 15, 10, 30)
    now = QDateTimeStamp.of(2025, 11, 19, 9, 0)  # the Wednesday after
    long_ago = QDateTimeStamp.of(2025, 3, 2, 9, 0)
    languages.apply("ru")
    assert list_time(saturday, now) == "сб"
    assert list_time(long_ago, now) == "2 мар."
    assert relative_time(now - 30, now) == "только что"
    assert relative_time(now - 3 * 3600, now) == "3 ч назад"
    assert relative_time(now - 86400, now) == "вчера"
    assert list_time(now - 600, now) == "08:50"
    languages.apply("en")
    # the locale's own time format (CLDR puts a narrow no-break space before AM)
    assert list_time(now - 600, now).replace("\u202f", " ") == "8:50 AM"
    assert list_time(saturday, now) == "Sat"
    assert list_time(long_ago, now) == "2 Mar"
    assert relative_time(now - 30, now) == "just now"
    assert relative_time(now - 5 * 60, now) == "5 min ago"
    assert relative_time(now - 86400, now) == "yesterday"


class QDateTimeStamp:
    """Unix seconds of a local date and time."""

    @staticmethod
    def of(year: int, month: int, day: int, hour: int, minute: int) -> float:
        from PySide6.QtCore import QDate, QDateTime, QTime

        stamp = QDateTime(QDate(year, month, day), QTime(hour, minute))
        return stamp.toSecsSinceEpoch() * 1.0


def test_a_stored_language_that_is_not_shipped_follows_the_system(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert stored_language(settings) == ""
    settings.setValue("ui/language", "xx")
    assert stored_language(settings) == ""
    assert Preferences.load(settings).language == ""
    Preferences(language="ru").save(settings)
    assert Preferences.load(settings).language == "ru"


def notification_texts(
    window: MainWindow, quick: QuickReplyWindow, viewers: list[ImageViewer]
) -> dict[str, str]:
    """What the notification workflow's own windows show: the bell and its panel, the
    quick-reply window, the suggestion chips, the image viewer before its image."""
    assert window.bell is not None
    panel = window.bell.panel
    row = window.pane.composer.suggestion_row
    loading, broken = viewers
    return {
        "bell": window.bell.toolTip(),
        "panel title": panel.title.text(),
        "panel button": panel.read_all_button.text(),
        "panel empty": panel.empty.text(),
        "quick send": quick.send_button.text(),
        "quick open": quick.open_button.text(),
        "quick placeholder": quick.edit.placeholderText(),
        "quick hint": quick.hint.text(),
        "quick guard": quick.guard_bar.send_button.text(),
        "quick empty": quick.messages_text(),
        "suggested": row.title.text(),
        "chip tooltip": row.chips[0].toolTip(),
        "viewer loading": loading.label.text(),
        "viewer error": broken.label.text().split(":")[0],
    }


@settles
def test_the_notification_windows_follow_a_language_switch(
    gui_env: GuiEnv, window: MainWindow, languages: LanguageSwitcher
) -> None:
    display_id = open_chat(gui_env)
    quick = window.open_quick_reply(display_id)
    wait_until(gui_env, lambda: quick.isVisible() and quick.display_id == display_id)
    row = window.pane.composer.suggestion_row
    row.set_suggestions([Suggestion("Добрый день!", Source.CANNED, 1.0, short_code="hi")])
    loading = ImageViewer("photo.png", window)
    broken = ImageViewer("broken.png", window)
    gui_env.run(broken.load(b"this is no image"))
    assert window.bell is not None
    bell = window.bell.model
    note = Notification(
        id=1, notification_type="conversation_assignment", conversation_display_id=display_id,
        primary_actor_id=display_id, title="Где мой заказ?", read_at=NOW, created_at=NOW,
    )  # fmt: skip
    bell.set_notes([note], 0)
    what = bell.index(0).data(BellRole.WHAT)
    try:
        russian = notification_texts(window, quick, [loading, broken])
        assert russian["bell"] == "Уведомления"
        assert russian["panel title"] == "Уведомления"
        assert russian["panel button"] == "Прочитать все"
        assert russian["panel empty"] == "Уведомлений нет"
        assert russian["quick open"] == "Открыть в окне"
        assert russian["suggested"] == "Варианты:"
        assert "Шаблон ответа /hi" in russian["chip tooltip"]
        assert russian["viewer loading"] == "Загрузка…"
        assert russian["viewer error"] == "Не удаётся показать изображение"

        changed = emitted(gui_env.loop, bell.dataChanged, lambda: languages.apply("en"))
        assert int(BellRole.WHAT) in changed[2]  # the panel's rows are painted again
        assert bell.index(0).data(BellRole.WHAT) == "Assigned to you" != what
        wait_until(gui_env, lambda: quick.open_button.text() == "Open in window")
        english = notification_texts(window, quick, [loading, broken])
        assert english["bell"] == "Notifications"
        assert english["panel title"] == "Notifications"
        assert english["panel button"] == "Mark all read"
        assert english["panel empty"] == "No notifications"
        assert english["quick send"] == "Send"
        assert english["quick placeholder"].startswith("Reply to the customer")
        assert english["quick hint"].startswith("Enter sends")
        assert english["quick guard"] == "Send anyway"
        assert english["suggested"] == "Suggested:"
        assert "Canned response /hi" in english["chip tooltip"]
        assert english["viewer loading"] == "Loading…"
        assert english["viewer error"] == "This image cannot be shown"
        assert all(english[k] != russian[k] for k in russian if k != "quick empty")

        languages.apply("ru")
        wait_until(gui_env, lambda: quick.open_button.text() == "Открыть в окне")
        assert notification_texts(window, quick, [loading, broken]) == russian
    finally:
        quick.close()
        loading.close()
        broken.close()
