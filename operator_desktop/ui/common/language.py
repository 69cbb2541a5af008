"""`LanguageSwitcher`: the UI language, chosen at start and switched while the app runs.

It owns the application's translators: the app's own .qm (operator_desktop_<lang>.qm in the
package's translations folder) and Qt's qtbase_<lang>.qm (standard dialogs, context menus,
from QLibraryInfo's TranslationsPath, which PyInstaller bundles keep pointing at the bundled
copies). Switching removes the installed ones, sets the default `QLocale` (weekday and month
names, time formats) and installs the new ones; Qt then sends `QEvent.LanguageChange` to every
widget, whose `changeEvent` calls its `retranslate()`; models are no widgets, so their
widget calls the model's `retranslate()`, which re-emits the texts (`texts_changed`).

A language is a code ("ru", "en") or `SYSTEM` ("" — follow the system locale).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTranslator,
    Signal,
)

log = logging.getLogger("ui")

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "translations"
SYSTEM = ""  # follow the system locale
LANGUAGES = ("ru", "en")  # the languages the app ships a translation for
SETTINGS_KEY = "ui/language"


def stored_language(settings: QSettings) -> str:
    """The language chosen in Preferences (`SYSTEM` when none, or a value not shipped)."""
    value = str(settings.value(SETTINGS_KEY, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def store_language(settings: QSettings, language: str) -> None:
    settings.setValue(SETTINGS_KEY, language if language in LANGUAGES else SYSTEM)


class LanguageSwitcher(QObject):
    """Installs the translators of one language at a time (see the module docstring)."""

    languageChanged = Signal(str)  # the language code now in use (never SYSTEM)

    def __init__(self, app: QCoreApplication, translations: Path = TRANSLATIONS) -> None:
        super().__init__(app)
        self._app = app
        self._translations = translations
        self._installed: list[QTranslator] = []
        self.chosen = SYSTEM  # what was asked for: a code, or SYSTEM
        self.locale = QLocale.system()  # what is in use

    @property
    def language(self) -> str:
        """The code of the language in use ("ru", "en", ...)."""
        return self.locale.name().split("_")[0]

    def apply(self, language: str | None) -> None:
        """Switch to `language` ("ru", "en"; None or SYSTEM: the system's) at once."""
        self.chosen = language or SYSTEM
        locale = QLocale(language) if language else QLocale.system()
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        self.locale = locale
        QLocale.setDefault(locale)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase", qt_dir), ("operator_desktop", str(self._translations))):
            translator = QTranslator(self)
            if translator.load(locale, name, "_", folder):
                self._app.installTranslator(translator)
                self._installed.append(translator)
            else:
                translator.deleteLater()
                if self.language != "en":  # English is the source language: nothing to load
                    log.info("no %s translation for %s in %s", name, locale.name(), folder)
        self.languageChanged.emit(self.language)

    def remove(self) -> None:
        """Uninstall the translators and give the default locale back to the system."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        self.chosen = SYSTEM
        self.locale = QLocale.system()
        QLocale.setDefault(self.locale)


TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


def texts_changed(model: QAbstractItemModel, roles: Sequence[int] = ()) -> None:
    """Tell `model`'s views that every row's texts (and the headers) read differently now.

    Models call this from their `retranslate()` after a language change: `dataChanged` over
    all rows for the text roles (plus `roles`), `headerDataChanged` over both headers.
    """
    root = QModelIndex()
    rows = model.rowCount(root)
    # a list model's columnCount is private in Qt: it has one column
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    if rows and columns:
        wanted = [int(r) for r in TEXT_ROLES] + [int(r) for r in roles]
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1), wanted)
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows:
        model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
