"""Finding and redacting personal data in message text (operator_desktop.core.personal_data)."""

from __future__ import annotations

from itertools import pairwise

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberMatcher

from operator_desktop.core.personal_data import (
    ALL_KINDS,
    REDACTED_KINDS,
    Finding,
    PersonalDataKind,
    find_personal_data,
    redact,
    redact_file_name,
)

EMAIL = PersonalDataKind.EMAIL
PHONE = PersonalDataKind.PHONE
CARD = PersonalDataKind.CARD
IBAN = PersonalDataKind.IBAN
PASSPORT = PersonalDataKind.PASSPORT


def found(text: str, kinds: frozenset[PersonalDataKind] = ALL_KINDS) -> list[tuple[str, str]]:
    return [(finding.kind.value, finding.text) for finding in find_personal_data(text, kinds)]


def luhn_check_digit(body: str) -> str:
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def test_the_kinds() -> None:
    assert [kind.value for kind in PersonalDataKind] == [
        "email",
        "phone",
        "card",
        "iban",
        "passport",
    ]
    assert frozenset(PersonalDataKind) == ALL_KINDS
    assert PASSPORT not in REDACTED_KINDS
    assert REDACTED_KINDS | {PASSPORT} == ALL_KINDS


@pytest.mark.parametrize(
    "address",
    [
        "ivan.petrov@example.com",
        "j_doe+shop@mail.co.uk",
        "Support-Team@Example.ORG",
        "почта@пример.рф",
        "ИВАН@ПОЧТА.РФ",
        "user@xn--e1afmkfd.xn--p1ai",
        "79123456789@mail.ru",  # a phone number inside an address stays the address
    ],
)
def test_email_addresses(address: str) -> None:
    text = f"Пишите на {address}, I read it daily."
    assert found(text) == [("email", address)]
    assert redact(text) == "Пишите на [email], I read it daily."


@pytest.mark.parametrize(
    "text",
    [
        "user@localhost",
        "follow @operator on the site",
        "a@b.c",
        "write to support at example.com",
        "5@10 per unit",
        "@@@ ... @",
    ],
)
def test_not_email_addresses(text: str) -> None:
    assert found(text, frozenset({EMAIL})) == []


def test_an_address_ends_before_the_full_stop_after_it() -> None:
    assert found("Mail me at ivan@example.com.") == [("email", "ivan@example.com")]


@pytest.mark.parametrize(
    "number",
    [
        "+7 912 345-67-89",
        "8 (912) 345-67-89",
        "89123456789",
        "+79123456789",
        "8-800-555-35-35",
        "+7 (495) 123-45-67",
        "+44 20 7946 0958",
        "+1 (415) 555-2671",
        "+49 30 901820",
    ],
)
def test_phone_numbers(number: str) -> None:
    text = f"Мой номер {number}, call me after 6 pm."
    assert found(text) == [("phone", number)]
    assert redact(text) == "Мой номер [phone], call me after 6 pm."


@pytest.mark.parametrize(
    "text",
    [
        "Заказ от 2024-05-01 в 12:30",
        "доставка 01.05.2024 12:30:45",
        "2024-05-01 12:30",
        "order #12345 is late",
        "сумма 1 500 руб",
        "цена 12 000 000 ₽",
        "work hours 10:00-18:00",
        "версия 1.2.3, server 192.168.0.1",
        "code 1234567",
        "123-45-67",
        "счёт 40817810099910004312",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert found(text) == []
    assert redact(text) == text


def test_several_phone_numbers_and_an_extension() -> None:
    text = "Звоните: +7 912 345-67-89, 8 (912) 345-67-90 или +1 415 555 2671 x123."
    assert found(text) == [
        ("phone", "+7 912 345-67-89"),
        ("phone", "8 (912) 345-67-90"),
        ("phone", "+1 415 555 2671"),
    ]
    assert redact(text) == "Звоните: [phone], [phone] или [phone] x123."


@pytest.mark.parametrize(
    "number",
    [
        "4111 1111 1111 1111",
        "5500-0000-0000-0004",
        "4111111111111111",
        "3782 822463 10005",  # American Express, 15 digits as 4-6-5
        "4222222222222",  # 13 digits
        "6011 0009 9013 9424",
    ],
)
def test_payment_cards(number: str) -> None:
    text = f"Списали с карты {number} дважды, please refund."
    assert found(text) == [("card", number)]
    assert redact(text) == "Списали с карты [card] дважды, please refund."


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # fails the Luhn check
        "4111111111111112",
        "4111-1111 1111-1111",  # mixed separators
        "0000 0000 0000 0000",
        "411111111111",  # 12 digits
        "41111111111111111111",  # 20 digits
        "4111 1111 1111 1111abc",
    ],
)
def test_not_payment_cards(text: str) -> None:
    assert found(text, frozenset({CARD})) == []


def test_a_card_next_to_other_numbers() -> None:
    assert found("ID 1234 4111 1111 1111 1111 exp 12 26") == [("card", "4111 1111 1111 1111")]
    assert found("4111 1111 1111 1111 22") == [("card", "4111 1111 1111 1111")]
    assert redact("cards 4111111111111111 5500 0000 0000 0004") == "cards [card] [card]"


@pytest.mark.parametrize("text", ["звоните 810442078907866 вечером", "тел. +49309589693504"])
def test_a_card_number_that_also_dials_is_a_card(text: str) -> None:
    # both detectors see the number; the checksum wins over the phone
    assert [kind for kind, _ in found(text, frozenset({PHONE}))] == ["phone"]
    assert [kind for kind, _ in found(text, frozenset({CARD}))] == ["card"]
    assert [kind for kind, _ in found(text)] == ["card"]
    assert "[card]" in redact(text) and "[phone]" not in redact(text)


@pytest.mark.parametrize(
    "iban",
    [
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "GB29 NWBK 6016 1331 9268 19",
        "FR14 2004 1010 0505 0001 3M02 606",
        "BE68 5390 0754 7034",
        "NO93 8601 1117 947",
        "RU0204452560040702810412345678901",
        "de89370400440532013000",
    ],
)
def test_ibans(iban: str) -> None:
    text = f"Переведите на {iban} до пятницы, thanks."
    assert found(text) == [("iban", iban)]
    assert redact(text) == "Переведите на [iban] до пятницы, thanks."


@pytest.mark.parametrize(
    "text",
    [
        "DE88 3704 0044 0532 0130 00",  # wrong check digits
        "GB82WEST12345698765433",  # a changed account digit
        "DE89 3704 0044 0532 0130 0",  # one character short for Germany
        "GB82WEST1234569876543",
        "DE89 3704 0044 0532 0130 0012",  # a longer German number
        "XDE89370400440532013000",
    ],
)
def test_not_ibans(text: str) -> None:
    assert found(text, frozenset({IBAN})) == []


def test_a_grouped_iban_before_a_word() -> None:
    assert found("BE68 5390 0754 7034 from me") == [("iban", "BE68 5390 0754 7034")]
    assert found("IBAN GB29 NWBK 6016 1331 9268 19 EUR") == [
        ("iban", "GB29 NWBK 6016 1331 9268 19")
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("серия и номер 45 06 123456", "45 06 123456"),
        ("данные: 4506 123456, выдан в 2006", "4506 123456"),
        ("мой паспорт 4506123456", "4506123456"),
        ("загранпаспорт № 72 1234567", "72 1234567"),
        ("Passport No. 721234567", "721234567"),
        ("PASSPORT number: 4506 123456", "4506 123456"),
    ],
)
def test_passport_numbers(text: str, number: str) -> None:
    assert found(text) == [("passport", number)]
    assert redact(text) == text  # not one of the redacted kinds by default
    assert redact(text, ALL_KINDS) == text.replace(number, "[passport]")


@pytest.mark.parametrize(
    "text",
    [
        "4506123456",  # ten digits without the word
        "721234567",
        "45 06 1234567",
        "1 4506 123456",
        "4506 123456.50",
        "+7 4506 123456",
        "паспорт выдан отделом УФМС России по городу 4506123456",  # too far from the word
    ],
)
def test_not_passport_numbers(text: str) -> None:
    assert found(text, frozenset({PASSPORT})) == []


def test_offsets_and_order_in_a_mixed_message() -> None:
    text = (
        "Добрый день! My card 4111 1111 1111 1111 was charged twice (order #12345, "
        "2024-05-01). Пишите на почта@пример.рф или звоните +7 912 345-67-89. "
        "IBAN DE89 3704 0044 0532 0130 00, паспорт 4506 123456."
    )
    findings = find_personal_data(text)
    assert [(f.kind.value, f.text) for f in findings] == [
        ("card", "4111 1111 1111 1111"),
        ("email", "почта@пример.рф"),
        ("phone", "+7 912 345-67-89"),
        ("iban", "DE89 3704 0044 0532 0130 00"),
        ("passport", "4506 123456"),
    ]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    assert findings[0] == Finding(CARD, 21, 40, "4111 1111 1111 1111")
    assert redact(text) == (
        "Добрый день! My card [card] was charged twice (order #12345, "
        "2024-05-01). Пишите на [email] или звоните [phone]. "
        "IBAN [iban], паспорт 4506 123456."
    )
    assert redact(text, ALL_KINDS).endswith("IBAN [iban], паспорт [passport].")


def test_only_the_kinds_asked_for() -> None:
    text = "ivan@example.com, +7 912 345-67-89, 4111 1111 1111 1111"
    assert found(text, frozenset({EMAIL})) == [("email", "ivan@example.com")]
    assert found(text, frozenset({PHONE, CARD})) == [
        ("phone", "+7 912 345-67-89"),
        ("card", "4111 1111 1111 1111"),
    ]
    assert redact(text, frozenset({CARD})) == "ivan@example.com, +7 912 345-67-89, [card]"
    assert redact(text, frozenset()) == text
    assert find_personal_data("") == [] and redact("") == ""


def test_the_phone_matcher_sees_only_the_runs_that_may_be_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    windows: list[str] = []

    def counting_matcher(text: str, region: str | None, **options: int) -> PhoneNumberMatcher:
        windows.append(text)
        return PhoneNumberMatcher(text, region, **options)

    # personal_data imports the matcher from phonenumbers when it first needs it
    monkeypatch.setattr(phonenumbers, "PhoneNumberMatcher", counting_matcher)
    filler = (
        "Заказ #12345 от 2024-05-01 на сумму 1 500 руб не пришёл, оплата прошла 02.05.2024 "
        "в 12:30. I tried to reach support several times, nobody answered. "
    )
    message = filler * 13 + (
        " Телефон +7 912 345-67-89 или 8 (912) 345-67-90, почта ivan@example.com,"
        " карта 4111 1111 1111 1111, UK +44 20 7946 0958."
    )
    assert 2000 <= len(message) <= 2100
    assert [kind for kind, _ in found(message)] == ["phone", "phone", "email", "card", "phone"]
    assert len(windows) == 3  # the three phone numbers; not the dates, amounts or the card
    windows.clear()
    assert redact(filler * 10) == filler * 10
    assert windows == []
    prose = "Привет, как дела? Hello there, how are you doing today? " * 36
    assert redact(prose + "ticket 123456") == prose + "ticket 123456"
    assert windows == []


def test_a_long_run_of_numbers_does_not_hide_a_phone_after_it() -> None:
    text = "1234 " * 400 + "\nзвоните +7 912 345-67-89"
    assert found(text) == [("phone", "+7 912 345-67-89")]


PIECES = [
    *"0123456789 +-().@_/:#№,x\n",
    *("+7", "8 (912)", "345-67-89", "4111", "1111", "5500", "0004", "DE89", "3704", "GB82"),
    *("WEST", "mail.ru", "пример.рф", "ivan", "паспорт", "passport", "45 06", "123456"),
]
MESSY_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(MESSY_TEXT)
def test_findings_are_sorted_disjoint_slices(text: str) -> None:
    findings = find_personal_data(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    for before, after in pairwise(findings):
        assert before.end <= after.start
    redacted = redact(text, ALL_KINDS)
    assert len(redacted) == len(text) + sum(
        len(f.kind.value) + 2 - (f.end - f.start) for f in findings
    )


EMAILS = st.builds(
    "{}@{}.{}".format,
    st.one_of(
        st.from_regex(r"[a-z][a-z0-9_]{0,9}(\.[a-z0-9]{1,6})?", fullmatch=True),
        st.text(alphabet="абвгдежзиклмн", min_size=1, max_size=8),
    ),
    st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True),
    st.sampled_from(["com", "ru", "org", "info", "рф", "co.uk"]),
)


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    groups = draw(st.sampled_from([(4, 4, 5), (4, 6, 5), (4, 4, 4, 4), (4, 4, 4, 4, 3)]))
    length = sum(groups)
    body = draw(st.sampled_from("23456")) + draw(
        st.text(alphabet="0123456789", min_size=length - 2, max_size=length - 2)
    )
    digits = body + luhn_check_digit(body)
    separator = draw(st.sampled_from(["", " ", "-"]))
    if not separator:
        return digits
    parts, position = [], 0
    for size in groups:
        parts.append(digits[position : position + size])
        position += size
    return separator.join(parts)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(max_size=60),
    suffix=st.text(max_size=60),
    email=EMAILS,
    card=card_numbers(),
)
def test_an_embedded_email_or_card_never_survives_redaction(
    prefix: str, suffix: str, email: str, card: str
) -> None:
    for value in (email, card):
        assume(value not in prefix and value not in suffix)
        redacted = redact(f"{prefix} {value} {suffix}")
        assert value not in redacted
    both = redact(f"{prefix} {email} {suffix} {card}")
    assert email not in both and card not in both


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("scan_ivan.petrov@mail.ru.pdf", "[email].pdf"),
        ("паспорт +7 912 345-67-89.jpeg", "паспорт [phone].jpeg"),
        ("card 4111 1111 1111 1111.png", "card [card].png"),
        ("IBAN DE89370400440532013000.docx", "IBAN [iban].docx"),
        ("ivan@mail.ru", "[email]"),  # ".ru" ends the address: not an extension to keep
        ("report 2024.pdf", "report 2024.pdf"),
        ("no extension", "no extension"),
    ],
)
def test_a_file_name_keeps_its_extension_when_redacted(name: str, expected: str) -> None:
    assert redact_file_name(name) == expected
