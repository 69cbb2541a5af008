"""The chat-rules guard (services.reply_guard, services.chat_rules) and `check-reply`.

Planted cases in Russian and English must all be found at their marked offsets and nothing
else; a clean corpus of ordinary replies (order numbers, prices, dates, times, tracking and
company numbers) must give no finding at all. The CLI runs as a subprocess, as a user runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_desktop.core.errors import ErrorCode, OperatorError
from operator_desktop.core.personal_data import PersonalDataKind
from operator_desktop.services.chat_rules import (
    RULES_FILE_NAME,
    default_rules,
    default_rules_text,
    load_rules,
    parse_rules,
    rules_in_use,
)
from operator_desktop.services.reply_guard import GuardFinding, GuardRule, ReplyGuard
from tests.conftest import ADMIN
from tests.demo_process import CLI, DemoProcess
from tests.reply_corpus import AGENTS, PLANTED_EN, PLANTED_RU, clean_corpus, unmark


def spans(findings: list[GuardFinding]) -> set[tuple[str, int, int, str]]:
    return {(f.rule.value, f.start, f.end, f.text) for f in findings}


@pytest.fixture(scope="module")
def guard() -> ReplyGuard:
    return ReplyGuard(default_rules())


# ---- the corpora ----------------------------------------------------------------------------
@pytest.mark.parametrize("marked", PLANTED_RU + PLANTED_EN)
def test_every_planted_case_is_found_at_its_offsets(guard: ReplyGuard, marked: str) -> None:
    text, expected = unmark(marked)
    findings = guard.check(text, AGENTS)
    assert spans(findings) == expected
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_the_planted_corpus_covers_every_rule_in_both_languages() -> None:
    for corpus in (PLANTED_RU, PLANTED_EN):
        rules = {rule for marked in corpus for rule, *_ in unmark(marked)[1]}
        assert rules == {rule.value for rule in GuardRule}


def test_the_clean_corpus_gives_no_finding(guard: ReplyGuard) -> None:
    corpus = clean_corpus()
    assert len(corpus) >= 200
    assert any("№" in reply for reply in corpus) and any("$" in reply for reply in corpus)
    for reply in corpus:
        assert guard.check(reply, AGENTS) == [], reply
        assert guard.check(reply) == [], reply  # nor with the generic mention rule


def test_findings_are_sorted_and_carry_what_matched(guard: ReplyGuard) -> None:
    text = "Вы идиоты. Карта 4111 1111 1111 1111, спросите @Maria. ЭТО УЖЕ НЕ СМЕШНО ДАЖЕ"
    findings = guard.check(text, AGENTS)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert [(f.rule, f.detail) for f in findings] == [
        (GuardRule.RUDENESS, "идиот"),
        (GuardRule.PERSONAL_DATA, "card"),
        (GuardRule.MENTION, "Maria Ivanova"),
        (GuardRule.SHOUTING, ""),
    ]


def test_word_forms_come_from_the_stemmer(guard: ReplyGuard) -> None:
    for word in ("идиот", "идиота", "идиотам", "идиотами", "идиотов", "Идиоты"):
        assert [f.text for f in guard.check(f"вы {word}")] == [word]
    for word in ("idiot", "idiots", "stupid", "stupidity", "STUPIDLY"):
        assert [f.text for f in guard.check(f"so {word}")] == [word]
    # a stem that equals a listed word's only by prefix is not the word
    assert guard.check("Ручка отвалилась, а отвар остыл.") == []


def test_a_number_after_a_reference_word_is_no_personal_data(tmp_path: Path) -> None:
    text = "ИНН 7182097207, трек-номер 4740708362"
    assert ReplyGuard().check(text) == []
    path = tmp_path / "rules.toml"
    path.write_text("[personal_data]\nreference_words = []\n", encoding="utf-8")
    flagged = ReplyGuard(load_rules(path)).check(text)
    assert [(f.text, f.detail) for f in flagged] == [
        ("7182097207", "phone"),
        ("4740708362", "phone"),
    ]


def test_shouting_thresholds_and_abbreviations(guard: ReplyGuard) -> None:
    assert guard.check("ЗАКАЗ ОТПРАВЛЕН") == []  # two words
    assert guard.check("ИНН ОГРН КПП БИК НДС") == []  # abbreviations only
    assert guard.check("OK USB SMS PDF") == []
    assert guard.check("NEW SKU AB") == []  # three words, too few letters
    [finding] = guard.check("Please, THIS IS URGENT NOW.")
    assert finding.text == "THIS IS URGENT NOW"
    # a code inside a run neither counts nor breaks it
    [finding] = guard.check("ВАШ ЗАКАЗ RA123456789CN ДО СИХ ПОР НЕ ОТПРАВЛЕН")
    assert finding.text == "ВАШ ЗАКАЗ RA123456789CN ДО СИХ ПОР НЕ ОТПРАВЛЕН"


def test_mentions_with_and_without_the_agents(guard: ReplyGuard) -> None:
    text = "Follow @acme_support, ask @John or write to john@acme.inc"
    with_agents = guard.check(text, AGENTS)
    assert [(f.rule, f.text) for f in with_agents] == [
        (GuardRule.MENTION, "@John"),
        (GuardRule.PERSONAL_DATA, "john@acme.inc"),
    ]
    generic = [f.text for f in guard.check(text) if f.rule is GuardRule.MENTION]
    assert generic == ["@acme_support", "@John"]
    assert [f.text for f in guard.check("ask @Johnny", ["John"])] == []  # not a whole name
    assert [f.text for f in guard.check("5 шт. @ 100 ₽ и @.")] == []


def test_the_guard_is_fast_enough_to_run_on_every_send(guard: ReplyGuard) -> None:
    """Correctness on a long message (the timing is bench/reply_guard_bench.py's)."""
    text = " ".join(clean_corpus())[:2000] + " идиот"
    assert [f.text for f in guard.check(text)] == ["идиот"]


# ---- the rules file -------------------------------------------------------------------------
def test_the_default_rules_ship_with_the_app() -> None:
    rules = default_rules()
    assert rules.source == "default"
    assert rules.rudeness.enabled and "идиот" in rules.rudeness.words
    assert rules.personal_data.kinds == frozenset(PersonalDataKind)
    assert (rules.shouting.min_words, rules.shouting.min_letters) == (3, 10)
    assert parse_rules(default_rules_text(), "copy") == parse_rules(default_rules_text(), "copy")


def test_a_rules_file_overrides_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        'version = 1\n[rudeness]\nwords = ["болван", "nitwit"]\nphrases = []\n'
        '[personal_data]\nkinds = ["card"]\n[shouting]\nenabled = false\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.source == str(path)
    assert rules.rudeness.words == ("болван", "nitwit")
    assert rules.rudeness.word_starts == default_rules().rudeness.word_starts  # kept
    guard = ReplyGuard(rules)
    text = "Ты идиот и nitwits, БОЛВАНЫ ВЫ ВСЕ ТАКИЕ. Mail a@example.com, card 4111111111111111"
    assert [(f.rule.value, f.text) for f in guard.check(text)] == [
        ("rudeness", "nitwits"),
        ("rudeness", "БОЛВАНЫ"),
        ("personal-data", "4111111111111111"),
    ]


def test_the_data_folders_rules_file_is_used_and_an_option_wins(tmp_path: Path) -> None:
    assert rules_in_use(tmp_path).source == "default"
    (tmp_path / RULES_FILE_NAME).write_text("[mention]\nenabled = false\n", encoding="utf-8")
    assert rules_in_use(tmp_path).mention.enabled is False
    other = tmp_path / "other.toml"
    other.write_text("", encoding="utf-8")
    assert rules_in_use(tmp_path, other).mention.enabled is True


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("version = [", "not valid TOML"),
        ("version = 2", "version: this app reads version 1"),
        ("[politeness]\nenabled = true", "politeness: not a rule this app knows"),
        ("rudeness = 1", "rudeness: expected a [section]"),
        ("[rudeness]\nwordz = []", "rudeness.wordz: not a setting of rudeness"),
        ("[rudeness]\nenabled = 1", "rudeness.enabled: expected true or false"),
        ('[rudeness]\nwords = "идиот"', "rudeness.words: expected a list of strings"),
        ('[rudeness]\nwords = ["ok", 3]', "rudeness.words[1]: expected a non-empty string"),
        ("[shouting]\nmin_words = 0", "shouting.min_words: expected a number from 1 to 1000"),
        ("[shouting]\nmin_words = 2.5", "shouting.min_words: expected a whole number"),
        ('[personal_data]\nkinds = ["inn"]', "personal_data.kinds[0]: 'inn' is not one of"),
    ],
)
def test_a_bad_rules_file_is_a_coded_error_naming_the_key(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OperatorError) as raised:
        load_rules(path)
    assert raised.value.code is ErrorCode.BAD_RULES
    assert raised.value.detail.startswith(f"{path}: {problem}")


def test_an_unreadable_rules_file_is_a_coded_error(tmp_path: Path) -> None:
    for path, problem in (
        (tmp_path / "missing.toml", "no such file"),
        (tmp_path, "Is a directory"),
    ):
        with pytest.raises(OperatorError) as raised:
            load_rules(path)
        assert raised.value.code is ErrorCode.BAD_RULES and problem in raised.value.detail
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('words = ["caf\xe9"]'.encode("latin-1"))
    with pytest.raises(OperatorError, match="not UTF-8"):
        load_rules(latin1)


# ---- the CLI --------------------------------------------------------------------------------
def check_reply(
    data: Path, text: str | bytes, *args: str, check: int | None = 0
) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(
        [*CLI, "check-reply", *args, "--data-dir", str(data)],
        input=text.encode() if isinstance(text, str) else text,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    if check is not None:
        assert result.returncode == check, (result.returncode, result.stdout, result.stderr)
    return result


def test_check_reply_prints_json_offsets_into_the_input(tmp_path: Path) -> None:
    text = "Привет 👋\r\nВы идиот!\r\nПишите @maria: +7 912 345-67-89"
    out = check_reply(tmp_path / "none", text, "--text-stdin", "--json")
    findings = json.loads(out.stdout)["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [
        ("rudeness", "идиот"),
        ("mention", "@maria"),
        ("personal-data", "+7 912 345-67-89"),
    ]
    for f in findings:
        assert set(f) == {"rule", "start", "end", "text"}
        assert text[f["start"] : f["end"]] == f["text"]  # CRLF and the emoji kept as read
    assert not (tmp_path / "none").exists()  # no data folder made for a check


def test_check_reply_without_findings_and_as_text(tmp_path: Path) -> None:
    clean = check_reply(tmp_path, "Ваш заказ №123456 доставят 12.03.2025 в 14:30.", "--text-stdin")
    assert clean.stdout.decode().strip() == "No findings."
    empty = check_reply(tmp_path, "", "--text-stdin", "--json")
    assert json.loads(empty.stdout) == {"findings": []}
    lines = check_reply(tmp_path, "SHUT UP, YOU IDIOT", "--text-stdin").stdout.decode()
    assert lines.splitlines() == [
        "0-7 rudeness: 'SHUT UP' (shut up)",
        "0-18 shouting: 'SHUT UP, YOU IDIOT'",
        "13-18 rudeness: 'IDIOT' (idiot)",
    ]


def test_check_reply_with_a_rules_file_and_its_errors(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[rudeness]\nenabled = false\n", encoding="utf-8")
    out = check_reply(tmp_path, "вы идиот", "--text-stdin", "--json", "--rules", str(rules))
    assert json.loads(out.stdout) == {"findings": []}
    rules.write_text("[rudeness]\nenabled = 'yes'\n", encoding="utf-8")
    bad = check_reply(tmp_path, "вы идиот", "--text-stdin", "--rules", str(rules), check=1)
    assert bad.stdout == b""
    assert bad.stderr.decode().splitlines() == [
        "operator-desktop: the chat-rules file cannot be used:"
        f" {rules}: rudeness.enabled: expected true or false"
    ]
    (tmp_path / RULES_FILE_NAME).write_text("[shouting]\nenabled = false\n", encoding="utf-8")
    out = check_reply(tmp_path, "ВЫ ВСЕ ТУТ ОЧЕНЬ ЗАНЯТЫ", "--text-stdin", "--json")
    assert json.loads(out.stdout) == {"findings": []}


def test_check_reply_usage_errors_and_the_default_rules(tmp_path: Path) -> None:
    usage = check_reply(tmp_path, "text", check=2)
    assert b"--text-stdin" in usage.stderr and len(usage.stderr.splitlines()) == 1
    binary = check_reply(tmp_path, b"\xff\xfe idiot", "--text-stdin", check=2)
    assert b"not UTF-8" in binary.stderr
    printed = check_reply(tmp_path, "", "--print-default-rules").stdout.decode()
    assert printed == default_rules_text()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoProcess]:
    server = DemoProcess(tmp_path / "server-state.json")
    server.start()
    yield server
    server.stop()


@pytest.mark.keyring
def test_check_reply_takes_the_colleagues_from_the_cache(demo: DemoProcess, tmp_path: Path) -> None:
    data = tmp_path / "data"
    text = "Спросите @Анна или @Maria Garcia; follow @acme_support"
    generic = json.loads(check_reply(data, text, "--text-stdin", "--json").stdout)
    assert [f["text"] for f in generic["findings"]] == ["@Анна", "@Maria", "@acme_support"]
    for args, stdin in (
        (("login", "--server", demo.url, "--token-stdin"), ADMIN.access_token + "\n"),
        (("sync", "--once"), ""),
    ):
        subprocess.run(
            [*CLI, *args, "--data-dir", str(data)],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    cached = json.loads(check_reply(data, text, "--text-stdin", "--json").stdout)
    assert [f["text"] for f in cached["findings"]] == ["@Анна", "@Maria Garcia"]
