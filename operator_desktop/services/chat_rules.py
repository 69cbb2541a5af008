"""The chat rules a reply is checked against, and the TOML file they are read from.

A default set ships with the app (`operator_desktop/resources/chat_rules/default.toml`, whose
comments explain every key to the administrator who edits a copy). Which file is used:
`--rules FILE` where a command takes it, else `chat-rules.toml` in the data folder when one
is there (the copy an administrator handed out), else the default set. A section or key a
file leaves out keeps the default's value. A file that cannot be read, is not TOML or holds
a wrong key or value raises `OperatorError(BAD_RULES)` naming the file and the key.

Checking a reply against the rules is `services.reply_guard`'s work.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.personal_data import PersonalDataKind

RULES_FILE_NAME = "chat-rules.toml"  # in the data folder
RULES_VERSION = 1
_DEFAULT_RESOURCE = ("resources", "chat_rules", "default.toml")


@dataclass(frozen=True)
class RudenessRules:
    enabled: bool
    words: tuple[str, ...]
    word_starts: tuple[str, ...]
    prefixes: tuple[str, ...]
    phrases: tuple[str, ...]
    exceptions: tuple[str, ...]


@dataclass(frozen=True)
class PersonalDataRules:
    enabled: bool
    kinds: frozenset[PersonalDataKind]
    reference_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShoutingRules:
    enabled: bool
    min_words: int
    min_letters: int
    acronyms: tuple[str, ...]


@dataclass(frozen=True)
class MentionRules:
    enabled: bool


@dataclass(frozen=True)
class ChatRules:
    rudeness: RudenessRules
    personal_data: PersonalDataRules
    shouting: ShoutingRules
    mention: MentionRules
    source: str  # the file they came from, for messages ("default" for the shipped set)


_SECTIONS: dict[str, dict[str, str]] = {
    # section -> key -> expected type ("bool", "int", "strings")
    "rudeness": {
        "enabled": "bool",
        "words": "strings",
        "word_starts": "strings",
        "prefixes": "strings",
        "phrases": "strings",
        "exceptions": "strings",
    },
    "personal_data": {"enabled": "bool", "kinds": "strings", "reference_words": "strings"},
    "shouting": {
        "enabled": "bool",
        "min_words": "int",
        "min_letters": "int",
        "acronyms": "strings",
    },
    "mention": {"enabled": "bool"},
}


def default_rules_text() -> str:
    """The shipped default set, as its TOML text (a start for an administrator's copy)."""
    return resources.files("operator_desktop").joinpath(*_DEFAULT_RESOURCE).read_text("utf-8")


def default_rules() -> ChatRules:
    return parse_rules(default_rules_text(), "default")


def load_rules(path: Path) -> ChatRules:
    """The rules in the TOML file at `path`, on top of the default set."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OperatorError(ErrorCode.BAD_RULES, f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise OperatorError(ErrorCode.BAD_RULES, f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise OperatorError(ErrorCode.BAD_RULES, f"{path}: {exc.strerror or exc}") from None
    return parse_rules(text, str(path))


def rules_in_use(data_dir: Path | None, override: Path | None = None) -> ChatRules:
    """`override` if given, else the data folder's `chat-rules.toml` if any, else the default."""
    if override is not None:
        return load_rules(override)
    if data_dir is not None:
        candidate = data_dir / RULES_FILE_NAME
        if candidate.is_file():
            return load_rules(candidate)
    return default_rules()


def parse_rules(text: str, source: str) -> ChatRules:
    try:
        given = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OperatorError(ErrorCode.BAD_RULES, f"{source}: not valid TOML ({exc})") from None
    base = tomllib.loads(default_rules_text()) if source != "default" else given
    merged = _merged(base, given, source)
    return _build(merged, source)


def _merged(base: dict[str, Any], given: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    def bad(where: str, problem: str) -> OperatorError:
        return OperatorError(ErrorCode.BAD_RULES, f"{source}: {where}: {problem}")

    version = given.get("version", RULES_VERSION)
    if version != RULES_VERSION or isinstance(version, bool):
        raise bad("version", f"this app reads version {RULES_VERSION}, not {version!r}")
    merged: dict[str, dict[str, Any]] = {}
    for name, value in given.items():
        if name != "version" and name not in _SECTIONS:
            known = ", ".join(sorted(_SECTIONS))
            raise bad(name, f"not a rule this app knows (the rules are {known})")
        if name != "version" and not isinstance(value, dict):
            raise bad(name, "expected a [section]")
    for name, keys in _SECTIONS.items():
        section = given.get(name, {})
        for key in section:
            if key not in keys:
                raise bad(f"{name}.{key}", f"not a setting of {name} ({', '.join(keys)})")
        merged[name] = {**base.get(name, {}), **section}
        for key, kind in keys.items():
            where = f"{name}.{key}"
            if key not in merged[name]:
                raise bad(where, "missing")
            value = merged[name][key]
            if kind == "bool" and not isinstance(value, bool):
                raise bad(where, "expected true or false")
            if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
                raise bad(where, "expected a whole number")
            if kind == "int" and not 1 <= value <= 1000:
                raise bad(where, "expected a number from 1 to 1000")
            if kind == "strings":
                if not isinstance(value, list):
                    raise bad(where, "expected a list of strings")
                for index, item in enumerate(value):
                    if not isinstance(item, str) or not item.strip():
                        raise bad(f"{where}[{index}]", "expected a non-empty string")
    return merged


def _build(merged: dict[str, dict[str, Any]], source: str) -> ChatRules:
    rude, data, shout = merged["rudeness"], merged["personal_data"], merged["shouting"]
    kinds: set[PersonalDataKind] = set()
    for index, name in enumerate(data["kinds"]):
        try:
            kinds.add(PersonalDataKind(name.strip().lower()))
        except ValueError:
            known = ", ".join(kind.value for kind in PersonalDataKind)
            raise OperatorError(
                ErrorCode.BAD_RULES,
                f"{source}: personal_data.kinds[{index}]: {name!r} is not one of {known}",
            ) from None

    def strings(section: dict[str, Any], key: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in section[key])

    return ChatRules(
        rudeness=RudenessRules(
            enabled=rude["enabled"],
            words=strings(rude, "words"),
            word_starts=strings(rude, "word_starts"),
            prefixes=strings(rude, "prefixes"),
            phrases=strings(rude, "phrases"),
            exceptions=strings(rude, "exceptions"),
        ),
        personal_data=PersonalDataRules(
            enabled=data["enabled"],
            kinds=frozenset(kinds),
            reference_words=strings(data, "reference_words"),
        ),
        shouting=ShoutingRules(
            enabled=shout["enabled"],
            min_words=shout["min_words"],
            min_letters=shout["min_letters"],
            acronyms=strings(shout, "acronyms"),
        ),
        mention=MentionRules(enabled=merged["mention"]["enabled"]),
        source=source,
    )
