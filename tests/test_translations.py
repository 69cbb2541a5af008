"""The Qt Linguist translations: every string in the code is translated, the .qm files are current.

`packaging/translations.py` (loaded by path: the name `packaging` belongs to the PyPI package
that pytest itself imports) runs pyside6-lupdate and pyside6-lrelease. These tests run them
into a temporary folder, so a string added without a Russian translation, or a .ts change
without a fresh `release`, fails here rather than showing up in English in the Russian UI.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "operator_desktop_translations_tool", ROOT / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
FIX = (
    "run `.venv/bin/python packaging/translations.py update`, translate the new messages in "
    "translations/operator_desktop_ru.ts, then run `... release`"
)


def test_every_string_in_the_code_has_a_russian_translation(tmp_path: Path) -> None:
    targets = []
    for lang in tool.LANGUAGES:
        target = tmp_path / tool.ts_file(lang).name
        shutil.copyfile(tool.ts_file(lang), target)
        targets.append(target)
    tool.update(targets)

    messages = tool.messages(tmp_path / "operator_desktop_ru.ts")
    assert len(messages) > 200
    untranslated = [(ctx, src) for ctx, src, _comment, text in messages if text is None]
    assert not untranslated, f"untranslated in Russian: {untranslated}; {FIX}"
    english = tool.messages(tmp_path / "operator_desktop_en.ts")
    assert [m[:2] for m in english] == [m[:2] for m in messages]
    assert all(text is not None for *_rest, text in english)
    for lang in tool.LANGUAGES:
        found = tool.problems(tmp_path / f"operator_desktop_{lang}.ts")
        assert not found, f"in {lang}: " + "; ".join(found)


def test_russian_plural_messages_have_three_forms() -> None:
    plural = [m for m in tool.messages(tool.ts_file("ru")) if "%n" in m[1]]
    assert len(plural) >= 10
    for context, source, _comment, forms in plural:
        assert forms is not None and len(forms) == 3, (context, source, forms)


def _ts(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="ru_RU">\n<context>\n    <name>Sample</name>\n'
        f"{body}</context>\n</TS>\n"
    )


def test_the_check_finds_unfinished_and_mismatched_translations(tmp_path: Path) -> None:
    sample = tmp_path / "sample_ru.ts"
    sample.write_text(
        _ts(
            """    <message>
        <source>Fine {name} %1</source>
        <translation>Хорошо %1 {name}</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation type="unfinished">Ещё нет</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation></translation>
    </message>
    <message>
        <source>Hello {name}</source>
        <translation>Привет {имя}</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>Item {0}</source>
        <translation>Пункт {0} из {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n сообщение</numerusform>
            <numerusform>%n сообщения</numerusform>
            <numerusform>сообщений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n файл</numerusform>
            <numerusform>%n файла</numerusform>
            <numerusform>%n файлов</numerusform>
        </translation>
    </message>
"""
        ),
        encoding="utf-8",
    )
    found = tool.problems(sample)
    flagged = sorted({line.split(":")[1].strip().split("'")[1] for line in found})
    assert flagged == [
        "%n message(s)",
        "Empty",
        "Hello {name}",
        "Item {0}",
        "Not yet",
        "Saved to %1",
    ], found
    assert any("сообщений" in line and "['%n']" in line for line in found)


def test_the_committed_qm_files_are_up_to_date(tmp_path: Path) -> None:
    tool.release(tmp_path)
    for lang in tool.LANGUAGES:
        name = f"operator_desktop_{lang}.qm"
        committed = tool.QM_DIR / name
        assert committed.is_file(), f"{committed} is missing; {FIX}"
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), (
            f"{committed} is older than its .ts file; {FIX}"
        )


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(tool.QM_DIR / "operator_desktop_ru.qm"))
    assert qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.mark.usefixtures("russian")
def test_the_russian_qm_translates() -> None:
    translate = QCoreApplication.translate
    assert translate("ChatListWidget", "Mine") == "Мои"
    assert translate("ChatListWidget", "Search conversations and messages") == (
        "Поиск по диалогам и сообщениям"
    )
    assert translate("ConversationHeader", "Resolve") == "Решить"
    assert translate("TimeFormat", "{0}m").format(4) == "4 мин"
    typing = "%n people are typing…"
    assert translate("ConversationPane", typing, None, 3) == "3 человека печатают…"
    assert translate("ConversationPane", typing, None, 5) == "5 человек печатают…"
    assert translate("ConversationPane", typing, None, 21) == "21 человек печатает…"
    # Not in the file: the source text comes back.
    assert translate("ChatListWidget", "No such string") == "No such string"
