"""The operator's preferences: waiting timers, what notifies and how it sounds, how Enter
sends, the signature, whether private notes go through the chat-rules guard, the interface
language (switched at once, see `LanguageSwitcher`), and this computer's cache (how long it
keeps conversations, whether it is encrypted, the global hotkey).

`Preferences` is the typed record kept in the window's QSettings (one key per field, read and
written in one place). `PreferencesDialog` edits it: thresholds and the Enter key are local;
the signature is the user's `message_signature` on the server (as in Chatwoot's own profile
settings), so a changed signature is saved there first and the dialog stays open, with the
reason shown, if the server refuses or cannot be reached. A copy of the last known signature
is kept locally, so replies written offline still get it. Switching the cache's encryption
needs the cache closed: the dialog asks for it (`encryptionRequested`) and the app closes the
window, switches, and opens it again. Every text is set in `retranslate()`, which runs again
on a language change.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from operator_desktop.core.errors import OperatorError
from operator_desktop.core.types import Profile
from operator_desktop.services.notices import NoticeSettings
from operator_desktop.services.retention import MAX_DAYS as MAX_RETENTION_DAYS
from operator_desktop.ui.common.errors import describe_error
from operator_desktop.ui.common.language import SYSTEM, store_language, stored_language
from operator_desktop.ui.common.theme import Theme, ThemeFollower
from operator_desktop.ui.controller import AppController
from operator_desktop.ui.shell.global_hotkey import (
    DEFAULT_SEQUENCE,
    HotkeyState,
    Unavailable,
    parse_sequence,
    unavailable_reason,
)

log = logging.getLogger("ui")

MAX_WAIT_MINUTES = 24 * 60
FLAGS = (  # the notification switches, each kept under preferences/<name>
    "notify_my_messages",
    "notify_inbox_messages",
    "notify_new_conversations",
    "notify_assigned",
    "notify_mentions",
    "notify_waiting",
    "notify_server",
    "notify_hide_text",
    "sounds",
    "sound_repeat",
)


@dataclass(frozen=True)
class Preferences:
    amber_minutes: int = 2
    red_minutes: int = 5
    enter_sends: bool = True
    append_signature: bool = False
    signature: str = ""  # the last known copy of the server's message_signature
    notify: bool = True  # desktop notifications at all
    close_to_tray: bool = True  # closing the window keeps the app in the tray (where one exists)
    check_notes: bool = False  # the chat-rules guard checks private notes too
    suggest_replies: bool = True  # suggested replies above the composer
    # what notifies (NoticeSettings' defaults, which follow Chatwoot's)
    notify_my_messages: bool = True
    notify_inbox_messages: bool = False
    notify_new_conversations: bool = False
    notify_assigned: bool = True
    notify_mentions: bool = True
    notify_waiting: bool = False
    notify_server: bool = False
    notify_hide_text: bool = False  # "New message" instead of the text (privacy)
    sounds: bool = True
    sound_volume: int = 70  # percent
    sound_repeat: bool = False  # every 30 s while a conversation of mine waits unread
    language: str = SYSTEM  # the UI language ("ru", "en"), SYSTEM: as the system's
    global_hotkey: bool = False  # the combination below brings the app up from any program
    hotkey: str = DEFAULT_SEQUENCE  # Qt's portable text

    def notice_settings(self) -> NoticeSettings:
        return NoticeSettings(
            my_messages=self.notify_my_messages,
            inbox_messages=self.notify_inbox_messages,
            new_conversations=self.notify_new_conversations,
            assigned=self.notify_assigned,
            mentions=self.notify_mentions,
            waiting=self.notify_waiting,
            server=self.notify_server,
            red_after=self.red_minutes * 60.0,
        )

    @staticmethod
    def signature_key(account: str) -> str:
        """The signature belongs to one user on one server: keyed by "server#account"."""
        safe = "".join(ch if ch.isalnum() else "_" for ch in account)
        return f"signatures/{safe}" if account else "preferences/signature"

    @classmethod
    def load(cls, settings: QSettings, account: str = "") -> Preferences:
        default = cls()

        def number(key: str, fallback: int) -> int:
            try:
                value = int(str(settings.value(key, fallback)))
            except ValueError:
                return fallback
            return value if 1 <= value <= MAX_WAIT_MINUTES else fallback

        def percent(key: str, fallback: int) -> int:
            try:
                value = int(str(settings.value(key, fallback)))
            except ValueError:
                return fallback
            return value if 0 <= value <= 100 else fallback

        def flag(key: str, fallback: bool) -> bool:
            value = settings.value(key, fallback)
            return value in (True, "true", "1", 1) if value is not None else fallback

        amber = number("preferences/amber_minutes", default.amber_minutes)
        red = number("preferences/red_minutes", default.red_minutes)
        if red <= amber:  # a hand-edited file: keep the order that makes sense
            amber, red = default.amber_minutes, default.red_minutes
        return cls(
            amber_minutes=amber,
            red_minutes=red,
            enter_sends=flag("preferences/enter_sends", default.enter_sends),
            append_signature=flag("preferences/append_signature", default.append_signature),
            signature=str(settings.value(cls.signature_key(account), "") or ""),
            notify=flag("preferences/notify", default.notify),
            close_to_tray=flag("preferences/close_to_tray", default.close_to_tray),
            check_notes=flag("preferences/check_notes", default.check_notes),
            suggest_replies=flag("preferences/suggest_replies", default.suggest_replies),
            **{name: flag(f"preferences/{name}", getattr(default, name)) for name in FLAGS},
            sound_volume=percent("preferences/sound_volume", default.sound_volume),
            language=stored_language(settings),  # the app's, not the account's
            global_hotkey=flag("preferences/global_hotkey", default.global_hotkey),
            hotkey=str(settings.value("preferences/hotkey", default.hotkey) or default.hotkey),
        )

    def save(self, settings: QSettings, account: str = "") -> None:
        settings.setValue("preferences/amber_minutes", self.amber_minutes)
        settings.setValue("preferences/red_minutes", self.red_minutes)
        settings.setValue("preferences/enter_sends", self.enter_sends)
        settings.setValue("preferences/append_signature", self.append_signature)
        settings.setValue(self.signature_key(account), self.signature)
        settings.setValue("preferences/notify", self.notify)
        settings.setValue("preferences/close_to_tray", self.close_to_tray)
        settings.setValue("preferences/check_notes", self.check_notes)
        settings.setValue("preferences/suggest_replies", self.suggest_replies)
        for name in FLAGS:
            settings.setValue(f"preferences/{name}", getattr(self, name))
        settings.setValue("preferences/sound_volume", self.sound_volume)
        store_language(settings, self.language)
        settings.setValue("preferences/global_hotkey", self.global_hotkey)
        settings.setValue("preferences/hotkey", self.hotkey)


class PreferencesDialog(QDialog):
    """Edit `Preferences`; shown with `open()`, the result arrives through `saved`."""

    saved = Signal(object)  # Preferences, after the server took a changed signature
    encryptionRequested = Signal(bool)  # encrypt (True) or decrypt the cache: the app switches
    busyChanged = Signal(bool)
    errorShown = Signal(str)

    def __init__(
        self,
        preferences: Preferences,
        controller: AppController,
        parent: QWidget | None = None,
        *,
        tray_exists: bool = False,
        hotkey_state: HotkeyState = HotkeyState.OFF,
    ) -> None:
        super().__init__(parent)
        self.hotkey_state = hotkey_state
        self.setObjectName("preferencesDialog")
        self.preferences = preferences
        self.controller = controller

        self.amber_spin = self._minutes_spin(preferences.amber_minutes)
        self.red_spin = self._minutes_spin(preferences.red_minutes)
        self.waiting_group = QGroupBox()
        waiting_form = QFormLayout(self.waiting_group)
        self.amber_label = QLabel()
        self.red_label = QLabel()
        waiting_form.addRow(self.amber_label, self.amber_spin)
        waiting_form.addRow(self.red_label, self.red_spin)
        notifying = self._notifications_group(preferences)

        self.enter_sends_radio = QRadioButton()
        self.ctrl_enter_radio = QRadioButton()
        (self.enter_sends_radio if preferences.enter_sends else self.ctrl_enter_radio).setChecked(
            True
        )
        self.append_check = QCheckBox()
        self.append_check.setChecked(preferences.append_signature)
        self.signature_edit = QPlainTextEdit()
        self.signature_edit.setObjectName("signatureEdit")
        self.signature_edit.setPlainText(preferences.signature)
        self.signature_edit.setFixedHeight(self.signature_edit.fontMetrics().lineSpacing() * 4 + 14)
        self.signature_note = QLabel()
        self.signature_note.setObjectName("hintLabel")
        self.signature_note.setWordWrap(True)
        self.check_notes_check = QCheckBox()
        self.check_notes_check.setChecked(preferences.check_notes)
        self.suggest_check = QCheckBox()
        self.suggest_check.setChecked(preferences.suggest_replies)
        self.replies_group = QGroupBox()
        sending_box = QVBoxLayout(self.replies_group)
        sending_box.addWidget(self.enter_sends_radio)
        sending_box.addWidget(self.ctrl_enter_radio)
        sending_box.addSpacing(6)
        sending_box.addWidget(self.append_check)
        sending_box.addWidget(self.signature_edit)
        sending_box.addWidget(self.signature_note)
        sending_box.addSpacing(6)
        sending_box.addWidget(self.check_notes_check)
        sending_box.addWidget(self.suggest_check)

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # each language in its own words, so that anyone finds theirs
        self.language_combo.addItem("", SYSTEM)
        self.language_combo.addItem("Русский", "ru")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(preferences.language))
        )
        self.appearance_group = QGroupBox()
        appearance_form = QFormLayout(self.appearance_group)
        self.language_label = QLabel()
        appearance_form.addRow(self.language_label, self.language_combo)

        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(0, MAX_RETENTION_DAYS)  # 0: forever
        self.retention_spin.setValue(controller.actions.retention_days or 0)
        self.retention_note = QLabel()
        self.retention_note.setObjectName("hintLabel")
        self.retention_note.setWordWrap(True)
        protection = controller.protection
        self.encrypt_check = QCheckBox()
        self.encrypt_check.setObjectName("encryptCheck")
        self.encrypt_check.setChecked(protection.encrypted)
        self.encrypt_check.setEnabled(protection.encrypted or protection.can_encrypt)
        self.encrypt_note = QLabel()
        self.encrypt_note.setObjectName("hintLabel")
        self.encrypt_note.setWordWrap(True)
        self.tray_check = QCheckBox()
        self.tray_check.setChecked(preferences.close_to_tray)
        self.tray_check.setVisible(tray_exists)
        self.hotkey_check = QCheckBox()
        self.hotkey_check.setObjectName("hotkeyCheck")
        self.hotkey_edit = QKeySequenceEdit(
            QKeySequence.fromString(preferences.hotkey, QKeySequence.SequenceFormat.PortableText)
        )
        self.hotkey_edit.setObjectName("hotkeyEdit")
        self.hotkey_edit.setMaximumSequenceLength(1)
        self.hotkey_note = QLabel()
        self.hotkey_note.setObjectName("hintLabel")
        self.hotkey_note.setWordWrap(True)
        hotkey_possible = unavailable_reason() is None
        self.hotkey_check.setChecked(preferences.global_hotkey and hotkey_possible)
        self.hotkey_check.setEnabled(hotkey_possible)
        self.hotkey_edit.setEnabled(hotkey_possible)
        self.cache_group = QGroupBox()
        cache_form = QFormLayout(self.cache_group)
        self.retention_label = QLabel()
        cache_form.addRow(self.retention_label, self.retention_spin)
        cache_form.addRow(self.retention_note)
        cache_form.addRow(self.encrypt_check)
        cache_form.addRow(self.encrypt_note)
        cache_form.addRow(self.tray_check)
        cache_form.addRow(self.hotkey_check, self.hotkey_edit)
        cache_form.addRow(self.hotkey_note)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.waiting_group)
        left.addWidget(self.replies_group)
        left.addWidget(self.appearance_group)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(notifying)
        right.addWidget(self.cache_group)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.retranslate()
        self.resize(self.sizeHint())  # wrapped notes: the minimum hint is too short for them
        self._busy = False
        self._switch_encryption_to: bool | None = None
        self._theme = ThemeFollower(self, self._restyle)

    def _notifications_group(self, preferences: Preferences) -> QGroupBox:
        self.notifications_group = QGroupBox()
        box = QVBoxLayout(self.notifications_group)
        self.notify_check = QCheckBox()
        self.notify_check.setChecked(preferences.notify)
        box.addWidget(self.notify_check)
        self.kind_checks: dict[str, QCheckBox] = {}
        for name in (n for n in FLAGS if n.startswith("notify_")):
            check = QCheckBox()
            check.setObjectName(name)
            check.setChecked(getattr(preferences, name))
            check.setEnabled(preferences.notify)
            self.notify_check.toggled.connect(check.setEnabled)
            box.addWidget(check)
            self.kind_checks[name] = check
        self.busy_note = QLabel()
        self.busy_note.setObjectName("hintLabel")
        self.busy_note.setWordWrap(True)
        box.addWidget(self.busy_note)
        box.addSpacing(6)
        self.sounds_check = QCheckBox()
        self.sounds_check.setChecked(preferences.sounds)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("soundVolume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(preferences.sound_volume)
        self.volume_slider.setEnabled(preferences.sounds)
        self.sounds_check.toggled.connect(self.volume_slider.setEnabled)
        self.volume_label = QLabel()
        sound_row = QHBoxLayout()
        sound_row.addWidget(self.sounds_check)
        sound_row.addWidget(self.volume_label)
        sound_row.addWidget(self.volume_slider, 1)
        box.addLayout(sound_row)
        self.repeat_check = QCheckBox()
        self.repeat_check.setChecked(preferences.sound_repeat)
        self.repeat_check.setEnabled(preferences.sounds)
        self.sounds_check.toggled.connect(self.repeat_check.setEnabled)
        box.addWidget(self.repeat_check)
        return self.notifications_group

    def retranslate(self) -> None:
        """(Re)set every text; runs again on a language change."""
        self.setWindowTitle(self.tr("Preferences"))
        self.waiting_group.setTitle(self.tr("Waiting customers"))
        self.amber_label.setText(self.tr("Timer turns amber after"))
        self.red_label.setText(self.tr("Timer turns red after"))
        for spin in (self.amber_spin, self.red_spin):
            spin.setSuffix(self.tr(" min"))
        self.notifications_group.setTitle(self.tr("Notifications"))
        self.notify_check.setText(self.tr("Show desktop notifications"))
        kinds = {
            "notify_my_messages": self.tr("A customer writes in a conversation of mine"),
            "notify_inbox_messages": self.tr("Every new customer message in my inboxes"),
            "notify_new_conversations": self.tr("A new unassigned conversation"),
            "notify_assigned": self.tr("A conversation is assigned to me"),
            "notify_mentions": self.tr("I am @mentioned in a private note"),
            "notify_waiting": self.tr("A customer waits longer than the red threshold"),
            "notify_server": self.tr("The server's own notifications (the bell)"),
            "notify_hide_text": self.tr("Hide message texts (show “New message”)"),
        }
        for name, check in self.kind_checks.items():
            check.setText(kinds[name])
        self.busy_note.setText(self.tr("While you are busy only mentions and assignments notify."))
        self.sounds_check.setText(self.tr("Play sounds"))
        self.volume_label.setText(self.tr("Volume"))
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.repeat_check.setText(
            self.tr("Repeat every 30 s while a conversation of mine waits unread")
        )
        self.enter_sends_radio.setText(self.tr("Enter sends, Shift+Enter starts a new line"))
        self.ctrl_enter_radio.setText(self.tr("Ctrl+Enter sends, Enter starts a new line"))
        self.append_check.setText(self.tr("Add my signature to replies (not to private notes)"))
        self.signature_edit.setPlaceholderText(self.tr("Your signature, e.g. your name and role"))
        self.signature_note.setText(self.tr("The signature is kept in your Chatwoot profile."))
        self.check_notes_check.setText(
            self.tr("Check private notes against the chat rules too (replies always are)")
        )
        self.suggest_check.setText(
            self.tr("Suggest replies from canned responses and earlier answers (Alt+1…3)")
        )
        self.replies_group.setTitle(self.tr("Replies"))
        self.appearance_group.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("Interface language"))
        self.language_combo.setItemText(0, self.tr("As the system"))
        self.retention_spin.setSpecialValueText(self.tr("forever"))
        self.retention_spin.setSuffix(self.tr(" days"))
        self.retention_note.setText(
            self.tr(
                "Conversations inactive for longer leave this computer's cache and search"
                " (they stay on the server). Unsent replies and drafts are kept."
            )
        )
        self.encrypt_check.setText(self.tr("Encrypt the cache and downloaded files"))
        protection = self.controller.protection
        if protection.encrypted:
            encrypt_hint = self.tr(
                "Encrypted: its key is kept in the system keyring. Turning this off closes"
                " and reopens the window."
            )
        elif protection.can_encrypt:
            encrypt_hint = self.tr(
                "Not encrypted. Turning this on closes and reopens the window; a large cache"
                " takes a minute."
            )
        else:
            encrypt_hint = self.tr(
                "Not encrypted: the system keyring cannot keep its key on this computer."
            )
        self.encrypt_note.setText(encrypt_hint)
        self.tray_check.setText(self.tr("Closing the window keeps the app running in the tray"))
        self.hotkey_check.setText(self.tr("Global hotkey"))
        self.hotkey_edit.setAccessibleName(self.tr("Global hotkey"))
        self.hotkey_note.setText(self._hotkey_hint())
        self.cache_group.setTitle(self.tr("This computer"))
        self.retention_label.setText(self.tr("Keep conversations"))

    def _hotkey_hint(self) -> str:
        reason = unavailable_reason()
        if reason is Unavailable.WAYLAND:
            return self.tr(
                "Not available on Wayland, which gives no global hotkey to programs: add a"
                " shortcut that starts Operator Desktop in the desktop's keyboard settings"
                " (starting it again brings up its window)."
            )
        if reason is Unavailable.NO_DISPLAY:
            return self.tr("Needs an X11 desktop session: this one has no X display.")
        if reason is not None:
            return self.tr("Not available on Windows and macOS yet.")
        sequence = self.preferences.hotkey
        if self.hotkey_state is HotkeyState.TAKEN:
            return self.tr("Another program holds {keys}: choose another combination.").format(
                keys=sequence
            )
        if self.hotkey_state is HotkeyState.INVALID:
            return self.tr("{keys} cannot be a global hotkey: use Ctrl, Alt or Meta.").format(
                keys=sequence
            )
        return self.tr(
            "From any program, the combination brings up the next unread conversation"
            " assigned to you."
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _minutes_spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_WAIT_MINUTES)
        spin.setValue(value)
        return spin

    def _restyle(self) -> None:
        c = Theme.current()
        self.setStyleSheet(
            f"QLabel#hintLabel {{ color: {c.muted}; }} QLabel#errorLabel {{ color: {c.red}; }}"
        )

    # ---- saving -------------------------------------------------------------------------------
    def edited(self) -> Preferences:
        """The preferences as the fields show them now."""
        return replace(
            self.preferences,
            amber_minutes=self.amber_spin.value(),
            red_minutes=self.red_spin.value(),
            enter_sends=self.enter_sends_radio.isChecked(),
            append_signature=self.append_check.isChecked(),
            signature=self.signature_edit.toPlainText().strip(),
            notify=self.notify_check.isChecked(),
            close_to_tray=self.tray_check.isChecked(),
            check_notes=self.check_notes_check.isChecked(),
            suggest_replies=self.suggest_check.isChecked(),
            **{name: check.isChecked() for name, check in self.kind_checks.items()},
            sounds=self.sounds_check.isChecked(),
            sound_volume=self.volume_slider.value(),
            sound_repeat=self.repeat_check.isChecked(),
            language=str(self.language_combo.currentData() or SYSTEM),
            global_hotkey=(
                self.hotkey_check.isChecked()
                if self.hotkey_check.isEnabled()  # not on this desktop: kept for another
                else self.preferences.global_hotkey
            ),
            hotkey=self.hotkey_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            or self.preferences.hotkey,
        )

    def is_busy(self) -> bool:
        return self._busy

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def save(self) -> None:
        if self._busy:
            return
        wanted = self.edited()
        if wanted.red_minutes <= wanted.amber_minutes:
            self._show_error(self.tr("The red threshold must be later than the amber one."))
            self.red_spin.setFocus()
            return
        hotkey_wanted = wanted.global_hotkey and self.hotkey_check.isEnabled()
        if hotkey_wanted and parse_sequence(wanted.hotkey) is None:
            self._show_error(
                self.tr("{keys} cannot be a global hotkey: use Ctrl, Alt or Meta.").format(
                    keys=wanted.hotkey
                )
            )
            self.hotkey_edit.setFocus()
            return
        days = self.retention_spin.value() or None
        if days != self.controller.actions.retention_days:
            self.controller.run(
                self.controller.actions.set_retention(days), name="preferences-retention"
            )
        encrypt = self.encrypt_check.isChecked()
        if encrypt != self.controller.protection.encrypted:
            self._switch_encryption_to = encrypt
        if wanted.signature == self.preferences.signature:
            self._finish(wanted)
            return
        self._set_busy(True)
        self.controller.run(
            self.controller.actions.set_signature(wanted.signature),
            name="preferences-signature",
            on_done=lambda profile: self._signature_saved(wanted, profile),
            on_error=self._signature_failed,
        )

    def _signature_saved(self, wanted: Preferences, profile: Profile) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self._finish(replace(wanted, signature=(profile.message_signature or "").strip()))
        self.controller.publish_profile(profile)  # after `saved`: others see it as current

    def _signature_failed(self, error: OperatorError) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        log.info("signature not saved: %s", error.code.value)
        self._show_error(
            self.tr("The signature was not saved: {reason}").format(reason=describe_error(error))
        )

    def _finish(self, preferences: Preferences) -> None:
        self.preferences = preferences
        self.saved.emit(preferences)
        self.accept()
        if self._switch_encryption_to is not None:  # last: the window closes for it
            self.encryptionRequested.emit(self._switch_encryption_to)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.amber_spin, self.red_spin, self.signature_edit, self.buttons):
            widget.setEnabled(not busy)
        self.busyChanged.emit(busy)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.errorShown.emit(text)
