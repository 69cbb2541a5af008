"""`MainWindow`: a thin shell composing the chat list, conversation pane and customer card.

It owns the splitters (sizes remembered in QSettings), the banner and status bar, the menus
and the keyboard shortcuts, and applies the operator's `Preferences` (to the chat list, the
composer and the desktop notifications, whose notifier it is given); every feature lives in
its own widget, built with the same `AppController`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.core.types import Profile
from operator_desktop.ui.bell.widget import BellButton
from operator_desktop.ui.chat_list.widget import ChatListWidget
from operator_desktop.ui.common.language import LanguageSwitcher
from operator_desktop.ui.common.theme import ThemeMode
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.conversation.pane import ConversationPane
from operator_desktop.ui.customer.card import CustomerCard
from operator_desktop.ui.shell.error_notice import ErrorNotice
from operator_desktop.ui.shell.global_hotkey import HotkeyState
from operator_desktop.ui.shell.notifications import DesktopNotifications, Notifier
from operator_desktop.ui.shell.preferences import Preferences, PreferencesDialog
from operator_desktop.ui.shell.quick_reply import QuickReplyWindow
from operator_desktop.ui.shell.sounds import SoundAlerts, SoundPlayer
from operator_desktop.ui.shell.status import OfflineBanner, StatusBarWidget

if TYPE_CHECKING:
    from operator_desktop.ui.stats.window import StatsWindow
    from operator_desktop.ui.team.window import TeamWindow
    from operator_desktop.ui.transcripts.browser import TranscriptBrowser

SPLITTER_KEY = "main/splitter"
GEOMETRY_KEY = "main/geometry"
STATUS_NOTE_MS = 6000  # how long a note in the status bar stays


class MainWindow(QMainWindow):
    themeRequested = Signal(object)  # ThemeMode
    signOutRequested = Signal()
    signInAgainRequested = Signal()
    closed = Signal()  # the window was closed (saved its geometry)
    preferencesChanged = Signal(object)  # Preferences, saved and applied
    encryptionRequested = Signal(bool)  # switch the cache's encryption (the app reopens)
    hiddenToTray = Signal()  # closed while a tray keeps the app running

    def __init__(
        self,
        controller: AppController,
        settings: QSettings,
        *,
        title_suffix: str = "",
        notifier: Notifier | None = None,
        sounds: SoundPlayer | None = None,
        log_file: Path | None = None,
        languages: LanguageSwitcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.title_suffix = title_suffix
        self.tray_exists = False  # set by the app when a system tray shows its icon
        self.hotkey_state = HotkeyState.OFF  # set by the app, which owns the global hotkey
        self._quitting = False
        self._unread = 0
        self.languages = languages
        self.chat_list = ChatListWidget(controller)
        self.chat_list.unreadChanged.connect(self._update_title)
        self.pane = ConversationPane(controller)
        self.card = CustomerCard(controller)
        self.banner = OfflineBanner(controller)
        self.transcripts: TranscriptBrowser | None = None  # made when first opened
        self.stats_window: StatsWindow | None = None  # made when first opened
        self.team_window: TeamWindow | None = None  # made when first opened
        self.banner.signInAgain.connect(self.signInAgainRequested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.chat_list, self.pane, self.card):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([340, 640, 300])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status_widget = StatusBarWidget(controller, load_now=False)
        self.status_widget.signInAgainRequested.connect(self.signInAgainRequested)
        self.statusBar().addPermanentWidget(self.status_widget, 1)
        self.error_notice = ErrorNotice(log_file)
        self.statusBar().addWidget(self.error_notice)
        self._build_actions()
        self.retranslate()
        self.chat_list.conversationActivated.connect(self._open)
        controller.conversationRequested.connect(self._request_open)
        controller.errorRaised.connect(self._show_error)
        controller.connectionRestored.connect(self.error_notice.connection_restored)
        controller.profileChanged.connect(self._profile_changed)
        self.bell: BellButton | None = None
        if controller.bell is not None:
            self.bell = BellButton(controller)
            self.bell.openRequested.connect(self.show_conversation)
            self.statusBar().addPermanentWidget(self.bell)
        self.quick_reply: QuickReplyWindow | None = None  # made when first needed
        self.sounds: SoundAlerts | None = None
        if sounds is not None:
            self.sounds = SoundAlerts(
                sounds,
                unread_mine=lambda: controller.read(
                    controller.readmodel.unread_assigned, controller.key, controller.user_id
                ),
                run=lambda coro, done: controller.run(coro, name=None, on_done=done),  # type: ignore[arg-type]
                parent=self,
            )
        self.notifications: DesktopNotifications | None = None
        if notifier is not None:
            self.notifications = DesktopNotifications(
                controller, notifier, reading=self._reading, parent=self, sounds=self.sounds
            )
            self.notifications.opened.connect(self.show_conversation)
            self.notifications.replyRequested.connect(self.open_quick_reply)
            self.notifications.replyHeld.connect(self.open_quick_reply)
            self.status_widget.availabilityChanged.connect(self.notifications.set_availability)
        elif self.sounds is not None:
            self.status_widget.availabilityChanged.connect(self._availability_for_sounds)
        key = controller.key
        self.preferences_account = f"{key.server_url}#{key.account_id}"
        self.preferences = Preferences.load(settings, self.preferences_account)
        self.apply_preferences(self.preferences)
        self._preferences_dialog: PreferencesDialog | None = None
        self.resize(1280, 800)
        self._restore()

    # ---- opening conversations -------------------------------------------------------
    def _open(self, display_id: int) -> None:
        if self.notifications is not None:  # what it says is in front of the operator now
            self.notifications.withdraw(display_id)
        self.controller.run(self.pane.open_conversation(display_id), name="open-pane")
        self.controller.run(self.card.show_conversation(display_id), name="open-card")

    def _request_open(self, display_id: int) -> None:
        self.chat_list.select_conversation(display_id)

    def _reading(self) -> int | None:
        """The conversation the operator is looking at (None when no window of it is active)."""
        if self.isActiveWindow():
            return self.pane.current_id
        quick = self.quick_reply
        if quick is not None and quick.isVisible() and quick.isActiveWindow():
            return quick.display_id
        return None

    def open_quick_reply(self, display_id: int, held: str | None = None) -> QuickReplyWindow:
        """The small always-on-top reply window on `display_id`; the main window stays put.
        `held`: a reply typed in a notification that the chat-rules check held."""
        if self.quick_reply is None:
            self.quick_reply = QuickReplyWindow(self.controller)
            self.quick_reply.openRequested.connect(self.show_conversation)
        self.quick_reply.signature = self._signature()
        self.quick_reply.check_notes = self.preferences.check_notes
        self.controller.run(self.quick_reply.open_for(display_id, held), name="quick-reply-open")
        return self.quick_reply

    def _signature(self) -> str | None:
        p = self.preferences
        return p.signature if p.append_signature and p.signature else None

    def _availability_for_sounds(self, availability: str) -> None:
        if self.sounds is not None:
            self.sounds.busy = availability == "busy"

    def show_conversation(self, display_id: int, focus_composer: bool = False) -> None:
        """Bring the window forward on `display_id` (from a notification, say)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if not self.chat_list.select_conversation(display_id):
            self._open(display_id)  # filtered out of the list: open it all the same
        if focus_composer:
            self.pane.focus_composer()

    def _show_error(self, error: OperatorError) -> None:
        self.error_notice.show_error(error)

    # ---- menus and shortcuts ---------------------------------------------------------
    def _action(
        self,
        shortcut: str | QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        """The menus and their actions; their texts are set by `retranslate`."""
        menu = self.menuBar()
        chats = self.chat_list
        self.go_menu = go = menu.addMenu("")
        self.next_action = self._action("Ctrl+Down", chats.select_next)
        self.previous_action = self._action("Ctrl+Up", chats.select_previous)
        self.next_unread_action = self._action("Ctrl+Shift+U", chats.select_next_unread)
        go.addActions([self.next_action, self.previous_action, self.next_unread_action])
        go.addSeparator()
        self.search_action = self._action(QKeySequence.StandardKey.Find, chats.focus_search)
        self.transcripts_action = self._action("Ctrl+Shift+F", self.open_transcripts)
        go.addActions([self.search_action, self.transcripts_action])
        self.stats_action: QAction | None = None
        if self.controller.stats is not None:
            self.stats_action = self._action("Ctrl+Shift+S", self.open_stats)
            go.addAction(self.stats_action)
        self.team_action: QAction | None = None
        if self.controller.team is not None:
            self.team_action = self._action("Ctrl+Shift+T", self.open_team)
            go.addAction(self.team_action)
        self.reply_action = self._action("Ctrl+R", self.pane.focus_composer)
        go.addAction(self.reply_action)
        self.conversation_menu = conv = menu.addMenu("")
        self.resolve_action = self._action("Ctrl+E", self.pane.resolve)
        self.assign_action = self._action("Ctrl+M", self.pane.assign_to_me)
        conv.addActions([self.resolve_action, self.assign_action])
        self.view_menu = view = menu.addMenu("")
        themes = QActionGroup(self)
        themes.setExclusive(True)
        self.theme_actions: dict[ThemeMode, QAction] = {}
        for mode in (ThemeMode.SYSTEM, ThemeMode.LIGHT, ThemeMode.DARK):
            action = QAction(themes)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, m=mode: self.themeRequested.emit(m))
            view.addAction(action)
            self.theme_actions[mode] = action
        self.theme_actions[ThemeMode.SYSTEM].setChecked(True)
        self.account_menu = account = menu.addMenu("")
        self.preferences_action = self._action("Ctrl+,", self.open_preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        account.addAction(self.preferences_action)
        account.addSeparator()
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.signOutRequested)
        account.addAction(self.sign_out_action)
        account.addSeparator()
        self.quit_action = self._action("Ctrl+Q", self.quit)
        account.addAction(self.quit_action)

    def retranslate(self) -> None:
        """(Re)set the title, menus and actions; runs again on a language change."""
        self._update_title(self._unread)
        self.go_menu.setTitle(self.tr("&Go"))
        texts: list[tuple[QAction | None, str]] = [
            (self.next_action, self.tr("Next conversation")),
            (self.previous_action, self.tr("Previous conversation")),
            (self.next_unread_action, self.tr("Next unread conversation")),
            (self.search_action, self.tr("Search")),
            (self.transcripts_action, self.tr("Transcripts…")),
            (self.stats_action, self.tr("My statistics…")),
            (self.team_action, self.tr("Team…")),
            (self.reply_action, self.tr("Reply")),
            (self.resolve_action, self.tr("Resolve")),
            (self.assign_action, self.tr("Assign to me")),
            (self.theme_actions[ThemeMode.SYSTEM], self.tr("Follow the system theme")),
            (self.theme_actions[ThemeMode.LIGHT], self.tr("Light theme")),
            (self.theme_actions[ThemeMode.DARK], self.tr("Dark theme")),
            (self.preferences_action, self.tr("Preferences…")),
            (self.sign_out_action, self.tr("Sign out…")),
            (self.quit_action, self.tr("Quit")),
        ]
        for action, text in texts:
            if action is None:
                continue
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            # the tooltip names the shortcut, in the words of the language in use
            action.setToolTip(f"{text.rstrip('…')} ({shortcut})" if shortcut else text)
        self.conversation_menu.setTitle(self.tr("&Conversation"))
        self.view_menu.setTitle(self.tr("&View"))
        self.account_menu.setTitle(self.tr("&Account"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_transcripts(self) -> TranscriptBrowser:
        """The transcript browser (one per window), raised and ready to type in."""
        if self.transcripts is None:
            from operator_desktop.ui.transcripts.browser import TranscriptBrowser  # when used

            self.transcripts = TranscriptBrowser(self.controller, self.controller.transcripts, self)
            self.transcripts.search_now()
        self.transcripts.show()
        self.transcripts.raise_()
        self.transcripts.activateWindow()
        self.transcripts.focus_search()
        return self.transcripts

    def open_stats(self) -> StatsWindow | None:
        """My statistics (one window per main window), raised; computed again each time."""
        if self.controller.stats is None:
            return None
        if self.stats_window is None:
            from operator_desktop.ui.stats.window import StatsWindow  # QtCharts: when used

            self.stats_window = StatsWindow(self.controller, self.controller.stats, self)
        else:
            self.stats_window.refresh()
        self.stats_window.show()
        self.stats_window.raise_()
        self.stats_window.activateWindow()
        return self.stats_window

    def open_team(self) -> TeamWindow | None:
        """Agents and canned responses (one window per main window), raised; read from the
        server again each time it is opened."""
        if self.controller.team is None:
            return None
        if self.team_window is None:
            from operator_desktop.ui.team.window import TeamWindow  # when used

            self.team_window = TeamWindow(self.controller, self.controller.team, self)
        else:
            self.team_window.refresh()
        self.team_window.show()
        self.team_window.raise_()
        self.team_window.activateWindow()
        return self.team_window

    def show_theme_mode(self, mode: ThemeMode) -> None:
        """Tick the View menu's entry for the theme in use."""
        self.theme_actions[mode].setChecked(True)

    # ---- preferences -------------------------------------------------------------------
    def apply_preferences(self, preferences: Preferences) -> None:
        self.preferences = preferences
        delegate = self.chat_list.delegate
        delegate.amber_after = preferences.amber_minutes * 60.0
        delegate.red_after = preferences.red_minutes * 60.0
        self.chat_list.view.viewport().update()
        self.pane.composer.enter_sends = preferences.enter_sends
        self.pane.composer.check_notes = preferences.check_notes
        if preferences.suggest_replies != self.pane.composer.suggestions_enabled:
            self.pane.composer.set_suggestions_enabled(preferences.suggest_replies)
        if self.notifications is not None:
            self.notifications.enabled = preferences.notify
            self.notifications.private_bodies = preferences.notify_hide_text
            self.notifications.apply(preferences.notice_settings())
            self.notifications.signature = self._signature()
        if self.sounds is not None:
            self.sounds.enabled = preferences.sounds
            self.sounds.volume = preferences.sound_volume / 100.0
            self.sounds.set_repeat(preferences.sounds and preferences.sound_repeat)
        if self.quick_reply is not None:
            self.quick_reply.signature = self._signature()
            self.quick_reply.check_notes = preferences.check_notes
        self.pane.set_signature(preferences.signature or None, preferences.append_signature)

    def open_preferences(self) -> PreferencesDialog:
        if self._preferences_dialog is not None:
            self._preferences_dialog.raise_()
            return self._preferences_dialog
        dialog = PreferencesDialog(
            self.preferences,
            self.controller,
            self,
            tray_exists=self.tray_exists,
            hotkey_state=self.hotkey_state,
        )
        dialog.saved.connect(self._preferences_saved)
        dialog.encryptionRequested.connect(self.encryptionRequested)
        dialog.finished.connect(self._preferences_closed)
        self._preferences_dialog = dialog
        dialog.open()
        return dialog

    def _preferences_closed(self) -> None:
        if self._preferences_dialog is not None:
            self._preferences_dialog.deleteLater()
        self._preferences_dialog = None

    def _preferences_saved(self, preferences: Preferences) -> None:
        language_changed = preferences.language != self.preferences.language
        preferences.save(self.settings, self.preferences_account)
        if language_changed and self.languages is not None:
            self.languages.apply(preferences.language or None)
        self.apply_preferences(preferences)
        self.preferencesChanged.emit(preferences)

    def _profile_changed(self, profile: Profile) -> None:
        """Keep the local copy of the profile's signature current (for replies offline)."""
        signature = (profile.message_signature or "").strip()
        if signature != self.preferences.signature:
            self._preferences_saved(replace(self.preferences, signature=signature))

    # ---- state -------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        sizes = self.settings.value(SPLITTER_KEY)
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)

    def _update_title(self, unread: int) -> None:
        self._unread = unread
        name = self.tr("Operator Desktop") + self.title_suffix
        self.setWindowTitle(f"({unread}) {name}" if unread else name)

    def quit(self) -> None:
        """Close for good (Ctrl+Q, the tray's Quit), even when closing would hide to the tray."""
        self._quitting = True
        self.close()

    def show_next_unread_mine(self) -> None:
        """The global hotkey: up at the unread conversation of mine that has waited longest
        (the next one when it is already open), or just up, saying there is none."""
        self.show_again()
        controller = self.controller
        controller.run(
            controller.read(
                controller.readmodel.next_unread_assigned,
                controller.key,
                controller.user_id,
                self.chat_list.current_id(),
            ),
            name="hotkey-next-unread",
            on_done=self._show_next_unread,
        )

    def _show_next_unread(self, display_id: int | None) -> None:
        if display_id is None:
            self.statusBar().showMessage(
                self.tr("No unread conversation is assigned to you."), STATUS_NOTE_MS
            )
            return
        self.show_conversation(display_id, focus_composer=True)

    def hotkey_applied(self, state: HotkeyState, keys: str) -> None:
        """Say in the status bar when the saved global hotkey could not be set."""
        self.hotkey_state = state
        if state is HotkeyState.TAKEN:
            text = self.tr("Another program holds {keys}: no global hotkey.")
        elif state in (HotkeyState.INVALID, HotkeyState.UNAVAILABLE):
            text = self.tr("{keys} cannot be a global hotkey here.")
        else:
            return
        self.statusBar().showMessage(text.format(keys=keys), STATUS_NOTE_MS)

    def show_again(self) -> None:
        """Bring the window up from the tray, minimised or behind others."""
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.tray_exists and self.preferences.close_to_tray and not self._quitting:
            event.ignore()
            self.hide()
            self.hiddenToTray.emit()
            return
        if self.transcripts is not None:
            self.transcripts.close()
        if self.stats_window is not None:
            self.stats_window.close()
        if self.team_window is not None:
            self.team_window.close()
        if self.quick_reply is not None:
            self.quick_reply.close()
            self.quick_reply.deleteLater()
            self.quick_reply = None  # a late notification's Reply must not reach it
        if self.bell is not None:
            self.bell.panel.hide()
        super().closeEvent(event)
        self.closed.emit()

    async def start(self, on_first_screen: Callable[[], object] | None = None) -> None:
        """Fill the window from the cache alone; the caller starts the engine afterwards.

        The newest screenful of conversations is read first, then `on_first_screen` runs
        (the composition root shows the window there), then the rest of the list is read.
        """
        if self.notifications is not None:  # what is cached now is not news
            await self.notifications.prime()
        await self.chat_list.load_first_screen()
        if on_first_screen is not None:
            on_first_screen()
        self.status_widget.start_loading()  # the first request (httpx loads): after the paint
        if self.controller.rules_error is not None:  # the shipped chat rules apply instead
            self.controller.errorRaised.emit(self.controller.rules_error)
        await self.chat_list.load_rest()
        first = self.chat_list.current_id()
        if first is not None:
            self._open(first)
