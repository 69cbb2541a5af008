"""Personal data in free text: where e-mail addresses, phone numbers, payment cards, IBANs and
passport numbers are in a message, and the message with them replaced by `[email]`, `[phone]`…

Every detector is conservative where a checksum or a parser can decide: a card number must
pass the Luhn check, an IBAN the ISO 13616 mod-97 check and its country's length, and a phone
number must be a valid number for `phonenumbers` (national numbers are read as Russian). A
passport number has no checksum, so only its usual groupings or the word "паспорт"/"passport"
just before it make one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum


class PersonalDataKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    CARD = "card"
    IBAN = "iban"
    PASSPORT = "passport"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: `text == input[start:end]` (offsets in characters)."""

    kind: PersonalDataKind
    start: int
    end: int
    text: str


ALL_KINDS = frozenset(PersonalDataKind)
# a passport number is for the chat-rules guard to see, not for a redacted copy to hide
REDACTED_KINDS = ALL_KINDS - {PersonalDataKind.PASSPORT}

# When findings overlap, the lower tier wins, then the longer finding: a checksum or an `@`
# is better evidence than the word "passport", which is better than a number that dials.
_TIER = {
    PersonalDataKind.CARD: 0,
    PersonalDataKind.IBAN: 0,
    PersonalDataKind.EMAIL: 0,
    PersonalDataKind.PASSPORT: 1,
    PersonalDataKind.PHONE: 2,
}

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:xn--[a-z0-9-]{1,59}|[^\W\d_]{2,63})",
    re.IGNORECASE,
)
_EMAIL_LOCAL_MAX, _EMAIL_DOMAIN_MAX = 64, 255  # RFC 5321 (a domain is at most 253)

# Runs of digit groups, each group joined to the next by one space or dash; a card is 13-19
# digits in one group, or a run of groups with one kind of separator, the first of four
# digits: "4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005" (Amex).
_DIGIT_GROUPS = re.compile(r"(?=[0-9])(?<!\w)[0-9]+(?:[ -][0-9]+)*(?!\w)")
_DIGIT_GROUP = re.compile(r"[0-9]+")
_CARD_MIN, _CARD_MAX = 13, 19

_IBAN = re.compile(
    r"(?=[A-Za-z])(?<!\w)[A-Za-z]{2}[0-9]{2}"
    r"(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)(?!\w)"
)
# ISO 13616 registry: the full length of each country's IBAN
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip
_IBAN_MIN, _IBAN_MAX = 15, 34

# Russian internal passport, series and number: "45 06 123456", "4506 123456", not a piece
# of a longer run of digits, a phone number or a decimal.
_PASSPORT_GROUPED = re.compile(
    r"(?=[0-9])(?<![\w+])(?<![0-9][ .,/-])"
    r"(?:[0-9]{2} [0-9]{2}|[0-9]{4}) [0-9]{6}"
    r"(?!\w)(?![ .,/-][0-9])"
)
# any 9 or 10 digits within 20 characters after the word: "паспорт 72 1234567",
# "Passport No. 4506123456"
_PASSPORT_AFTER_WORD = re.compile(
    r"(?:паспорт|passport)[^\W\d]*[^0-9]{0,20}"
    r"(?P<number>[0-9]{2} ?[0-9]{2} ?[0-9]{6}|[0-9]{2} ?[0-9]{7})(?![0-9])(?![ -][0-9])",
    re.IGNORECASE,
)

# The phone matcher parses every number-like candidate, which is slow, so it only sees the
# runs of digits and phone punctuation (`phonenumbers`' own set, less "x") that hold 7 digits
# or more; "+" always starts a new run, as it starts a new number.
_PHONE_PUNCTUATION = (
    "\\-\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \u00a0\u00ad\u200b\u2060\u3000"
    "()\uff08\uff09\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e"
)
_PHONE_LEADS = "+\uff0b(\uff08"
_PHONE_RUN = re.compile(
    rf"(?=[\d{_PHONE_LEADS}])(?:[{_PHONE_LEADS}][{_PHONE_PUNCTUATION}]{{0,4}}){{0,2}}"
    rf"\d(?:[{_PHONE_PUNCTUATION}]{{0,4}}\d)*"
)
_SEVEN_DIGITS = re.compile(r"\d(?:\D*\d){6}")
_DIGIT = re.compile(r"\d")
_DATE_RUN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}([./-])[0-9]{2}\1[0-9]{4}")
_PHONE_REGION = "RU"  # how a number without a country code is read
_PHONE_MIN_DIGITS = 7
# the characters after a run the matcher looks at: the next one, and ":MM" after a time stamp
_PHONE_CONTEXT_AFTER = 3
# Candidates in one run that do not parse before the matcher gives up on the run: a long run
# of numbers ("1234 1234 1234 …" across a whole message) would cost tens of milliseconds, and
# a real phone number after 32 other numbers joined only by spaces and dashes is rare.
_PHONE_MAX_FAILURES = 32


def find_personal_data(text: str, kinds: frozenset[PersonalDataKind] = ALL_KINDS) -> list[Finding]:
    """The personal data of `kinds` in `text`, sorted by position, none overlapping another."""
    candidates: list[Finding] = []
    if PersonalDataKind.EMAIL in kinds:
        candidates += _emails(text)
    if PersonalDataKind.CARD in kinds:
        candidates += _cards(text)
    if PersonalDataKind.IBAN in kinds:
        candidates += _ibans(text)
    if PersonalDataKind.PASSPORT in kinds:
        candidates += _passports(text)
    if PersonalDataKind.PHONE in kinds and _SEVEN_DIGITS.search(text):
        # phones come last in `_without_overlaps` anyway: none inside a stronger finding
        stronger = _without_overlaps(candidates)
        candidates = stronger + _phones(text, stronger)
    return _without_overlaps(candidates)


def redact(text: str, kinds: frozenset[PersonalDataKind] = REDACTED_KINDS) -> str:
    """`text` with each piece of personal data of `kinds` replaced by `[kind]`, e.g. `[card]`."""
    findings = find_personal_data(text, kinds)
    if not findings:
        return text
    parts: list[str] = []
    position = 0
    for finding in findings:
        parts += (text[position : finding.start], f"[{finding.kind.value}]")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def redact_file_name(name: str, kinds: frozenset[PersonalDataKind] = REDACTED_KINDS) -> str:
    """A file name redacted as `redact` does, keeping its extension (`scan of
    ivan@mail.ru.pdf` → `scan of [email].pdf`) unless the extension belongs to the data
    (`ivan@mail.ru` has none): then the whole name is redacted."""
    extension = _EXTENSION.search(name)
    if extension is None:
        return redact(name, kinds)
    kept = redact(name[: extension.start()], kinds) + extension.group()
    if find_personal_data(kept, kinds):  # the "extension" ended an e-mail or a number
        return redact(name, kinds)
    return kept


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    starts: list[int] = []
    kept: list[Finding] = []  # sorted by start, as `starts`
    for finding in sorted(candidates, key=lambda f: (_TIER[f.kind], f.start - f.end, f.start)):
        index = bisect.bisect_right(starts, finding.start)
        if index > 0 and kept[index - 1].end > finding.start:
            continue
        if index < len(kept) and kept[index].start < finding.end:
            continue
        starts.insert(index, finding.start)
        kept.insert(index, finding)
    return kept


def _emails(text: str) -> list[Finding]:
    # the regex tries every word; only those near an "@" can be part of an address
    first, last = text.find("@"), text.rfind("@")
    if first < 0:
        return []
    matches = _EMAIL.finditer(text, max(0, first - _EMAIL_LOCAL_MAX), last + 1 + _EMAIL_DOMAIN_MAX)
    return [Finding(PersonalDataKind.EMAIL, m.start(), m.end(), m.group()) for m in matches]


def _cards(text: str) -> list[Finding]:
    found: list[Finding] = []
    for run in _DIGIT_GROUPS.finditer(text):
        if run.end() - run.start() < _CARD_MIN:
            continue
        groups = [g.span() for g in _DIGIT_GROUP.finditer(text, run.start(), run.end())]
        first = 0
        while first < len(groups):
            last = _card_end(text, groups, first)
            if last is None:
                first += 1
                continue
            start, end = groups[first][0], groups[last][1]
            found.append(Finding(PersonalDataKind.CARD, start, end, text[start:end]))
            first = last + 1
    return found


def _card_end(text: str, groups: list[tuple[int, int]], first: int) -> int | None:
    """The index of the last group of the longest card number that starts with group `first`."""
    start, end = groups[first]
    if text[start] == "0":
        return None
    if _CARD_MIN <= end - start <= _CARD_MAX:
        return first if _luhn_valid(text[start:end]) else None
    if end - start != 4:
        return None
    separator = text[end] if first + 1 < len(groups) else ""
    digits = text[start:end]
    card_end: int | None = None
    for index in range(first + 1, len(groups)):
        group_start, group_end = groups[index]
        if text[group_start - 1] != separator or not 3 <= group_end - group_start <= 6:
            break
        digits += text[group_start:group_end]
        if len(digits) > _CARD_MAX:
            break
        if len(digits) >= _CARD_MIN and _luhn_valid(digits):
            card_end = index
    return card_end


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _ibans(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in _IBAN.finditer(text):
        # a grouped IBAN may have taken in a word after it: drop groups from the end
        end = match.end()
        while end - match.start() >= _IBAN_MIN:
            candidate = text[match.start() : end]
            if _iban_valid(candidate.replace(" ", "").upper()):
                found.append(Finding(PersonalDataKind.IBAN, match.start(), end, candidate))
                break
            end = candidate.rfind(" ") + match.start()
            if end <= match.start():
                break
    return found


def _iban_valid(iban: str) -> bool:
    if not _IBAN_MIN <= len(iban) <= _IBAN_MAX or iban[2:4] in ("00", "01", "99"):
        return False
    if _IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _passports(text: str) -> list[Finding]:
    found = [
        Finding(PersonalDataKind.PASSPORT, m.start(), m.end(), m.group())
        for m in _PASSPORT_GROUPED.finditer(text)
    ]
    found += [
        Finding(PersonalDataKind.PASSPORT, m.start("number"), m.end("number"), m.group("number"))
        for m in _PASSPORT_AFTER_WORD.finditer(text)
    ]
    return found


def _phones(text: str, stronger: list[Finding]) -> list[Finding]:
    """The phone numbers in `text` outside the `stronger` findings (sorted by start)."""
    stronger_starts = [finding.start for finding in stronger]
    found: list[Finding] = []
    for run in _PHONE_RUN.finditer(text):
        start, end = run.span()
        if len(_DIGIT.findall(run.group())) < _PHONE_MIN_DIGITS or _DATE_RUN.fullmatch(run.group()):
            continue
        index = bisect.bisect_right(stronger_starts, start) - 1
        if index >= 0 and stronger[index].end >= end:
            continue
        from phonenumbers import Leniency, PhoneNumberMatcher  # ~40 ms: loaded when first needed

        # one character of context before (a letter or a currency sign there makes it no phone)
        offset = max(0, start - 1)
        window = text[offset : end + _PHONE_CONTEXT_AFTER]
        matcher = PhoneNumberMatcher(
            window, _PHONE_REGION, leniency=Leniency.VALID, max_tries=_PHONE_MAX_FAILURES
        )
        for match in matcher:
            number_start = offset + match.start
            while not text[number_start].isdigit() and text[number_start] not in _PHONE_LEADS:
                number_start += 1  # the "/" of "/8-800-555-35-35"
            if start <= number_start < end:
                # an extension after the run ("x1" of "x123") is no part of the finding
                number_end = min(offset + match.end, end)
                found.append(
                    Finding(
                        PersonalDataKind.PHONE,
                        number_start,
                        number_end,
                        text[number_start:number_end],
                    )
                )
    return found
