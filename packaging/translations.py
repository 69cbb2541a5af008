"""Qt Linguist translations: refresh the .ts files from the sources and compile the .qm files.

    .venv/bin/python packaging/translations.py update   # lupdate: strings into translations/*.ts
    .venv/bin/python packaging/translations.py release  # lrelease: the .qm files

The .ts files (Russian and English) live in translations/; the compiled .qm files ship inside
the package (operator_desktop/translations/) so that an installed app finds them.

The sources are written in English, so `update` also fills every new message of the English
file with its source text (finished): only the Russian file needs a translator.
tests/test_translations.py fails when a string in the code has no Russian translation (or an
unfinished one), when a translation's placeholders differ from its source's (`problems`), or
when the committed .qm files are older than the .ts files.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "translations"
QM_DIR = ROOT / "operator_desktop" / "translations"
LANGUAGES = ("ru", "en")
BIN = Path(sys.executable).parent

# The singular of the English plural messages (the source text is the plural form).
ENGLISH_SINGULAR = {
    "%n people are typing…": "%n person is typing…",
    "… %n more characters (Copy takes the whole text)": (
        "… %n more character (Copy takes the whole text)"
    ),
}

_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.DOTALL)
_MESSAGE = re.compile(r"(<message(?: numerus=\"yes\")?>)(.*?)(</message>)", re.DOTALL)
_TRANSLATION = re.compile(
    r"( *)<translation(?: type=\"unfinished\")?>(.*?)</translation>", re.DOTALL
)
_NUMERUS_FORM = re.compile(r"<numerusform>(.*?)</numerusform>", re.DOTALL)
# what a translation must keep from its source: {name} and {0} (str.format), %1…%99 (Qt's
# arg/replace) and %n (the plural count); the & of a mnemonic may go
_PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*\}|%(?:[1-9][0-9]?|n)")

# (context, source, comment, number of plural forms or 0) -> the translation, or None to keep
# the message as it is; a plural message takes one text per form.
Translator = Callable[[str, str, str, int], str | list[str] | None]


def sources() -> list[str]:
    roots = [ROOT / "operator_desktop" / "ui", ROOT / "operator_desktop" / "app"]
    return sorted(str(p.relative_to(ROOT)) for r in roots for p in r.rglob("*.py"))


def ts_file(lang: str) -> Path:
    return TS_DIR / f"operator_desktop_{lang}.ts"


def update(targets: list[Path] | None = None) -> None:
    targets = targets or [ts_file(lang) for lang in LANGUAGES]
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources(),
            "-ts",
            *map(str, targets),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    for target in targets:
        if target.name.endswith("_en.ts"):
            fill(target, _english)


def _protect(text: str) -> str:
    """Escape text the way lupdate writes it."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _parts(message: re.Match[str]) -> tuple[str, str, re.Match[str] | None, int]:
    """Source, comment, the <translation> element and the number of plural forms (0: none)."""
    body = message.group(2)
    source = re.search(r"<source>(.*?)</source>", body, re.DOTALL)
    comment = re.search(r"<comment>(.*?)</comment>", body, re.DOTALL)
    translation = _TRANSLATION.search(body)
    forms = 0
    if translation and "numerus" in message.group(1):
        forms = len(_NUMERUS_FORM.findall(translation.group(2)))
    return (
        html.unescape(source.group(1)) if source else "",
        html.unescape(comment.group(1)) if comment else "",
        translation,
        forms,
    )


def messages(ts: Path) -> list[tuple[str, str, str, list[str] | None]]:
    """(context, source, comment, translation) of each message; None when unfinished or empty.

    A plural message's translation holds one text per form (None if any form is empty).
    """
    found: list[tuple[str, str, str, list[str] | None]] = []
    text = ts.read_text(encoding="utf-8")
    for context in _CONTEXT.finditer(text):
        name = html.unescape(context.group(1))
        for message in _MESSAGE.finditer(text, context.start(2), context.end(2)):
            source, comment, translation, forms = _parts(message)
            texts: list[str] | None = None
            if translation and 'type="unfinished"' not in translation.group(0):
                inner = translation.group(2)
                texts = [html.unescape(f) for f in _NUMERUS_FORM.findall(inner)] or [
                    html.unescape(inner)
                ]
                if not all(texts) or (forms and len(texts) != forms):
                    texts = None
            found.append((name, source, comment, texts))
    return found


def placeholders(text: str) -> list[str]:
    """The placeholders of `text`, sorted (a repeated one counts each time)."""
    return sorted(_PLACEHOLDER.findall(text))


def problems(ts: Path) -> list[str]:
    """What is wrong with `ts`: unfinished or empty translations, and translations whose
    placeholders differ from the source's (every plural form is checked)."""
    found: list[str] = []
    for context, source, _comment, texts in messages(ts):
        where = f"{context}: {source!r}"
        if texts is None:
            found.append(f"{where} is not translated (unfinished or empty)")
            continue
        wanted = placeholders(source)
        for text in texts:
            if placeholders(text) != wanted:
                found.append(
                    f"{where}: {text!r} has placeholders {placeholders(text)}, the source {wanted}"
                )
    return found


def fill(ts: Path, translate: Translator) -> int:
    """Set the translation of every unfinished message that `translate` knows; returns how many.

    The file keeps lupdate's layout, so the next `update` leaves it unchanged.
    """
    text = ts.read_text(encoding="utf-8")
    out: list[str] = []
    done = 0
    filled = 0
    for context in _CONTEXT.finditer(text):
        name = html.unescape(context.group(1))
        for message in _MESSAGE.finditer(text, context.start(2), context.end(2)):
            source, comment, translation, forms = _parts(message)
            if translation is None or 'type="unfinished"' not in translation.group(0):
                continue
            result = translate(name, source, comment, forms)
            if result is None:
                continue
            indent = translation.group(1)
            if forms:
                if not isinstance(result, list) or len(result) != forms:
                    raise ValueError(f"{name}: {source!r} needs {forms} plural forms: {result!r}")
                inner = "".join(
                    f"\n{indent}    <numerusform>{_protect(t)}</numerusform>" for t in result
                )
                element = f"{indent}<translation>{inner}\n{indent}</translation>"
            else:
                if not isinstance(result, str):
                    raise ValueError(f"{name}: {source!r} is not a plural message: {result!r}")
                element = f"{indent}<translation>{_protect(result)}</translation>"
            offset = message.start(2)
            out += [text[done : offset + translation.start()], element]
            done = offset + translation.end()
            filled += 1
    out.append(text[done:])
    ts.write_text("".join(out), encoding="utf-8")
    return filled


def _english(_context: str, source: str, _comment: str, forms: int) -> str | list[str]:
    """The English "translation": the source text (with a singular for plural messages)."""
    if not forms:
        return source
    return [ENGLISH_SINGULAR.get(source, source)] + [source] * (forms - 1)


def release(qm_dir: Path = QM_DIR) -> None:
    qm_dir.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        subprocess.run(
            [
                str(BIN / "pyside6-lrelease"),
                str(ts_file(lang)),
                "-qm",
                str(qm_dir / f"operator_desktop_{lang}.qm"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
    elif argv[1:] == ["release"]:
        release()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
