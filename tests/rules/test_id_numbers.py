"""Card numbers, SSNs and IBANs in OCR'd tokens: the rules a reviewer would check by hand."""

from __future__ import annotations

import pytest

from vmscreen.rules.id_numbers import (
    card_scheme,
    find_cards,
    find_ibans,
    find_ssns,
    luhn_valid,
    tokens_of,
)


def cards(*words: str):
    return find_cards(tokens_of(words))


@pytest.mark.parametrize("number, scheme", [
    ("4111 1111 1111 1111", "Visa"),
    ("5555 5555 5555 4444", "Mastercard"),
    ("2223 0031 2200 3222", "Mastercard"),
    ("3782 822463 10005", "American Express"),
    ("6011 1111 1111 1117", "Discover"),
    ("3056 930902 5904", "Diners Club"),
    ("3530 1113 3330 0000", "JCB"),
    ("6200 0000 0000 0005", "UnionPay"),
    ("6759 6498 2643 8453", "Maestro"),
])
def test_published_test_numbers_of_every_scheme_are_found_with_scheme_and_last_four(number,
                                                                                    scheme):
    (match,) = cards(*number.split())
    assert (match.detail, match.last4, match.score) == (scheme, number[-4:], 0.97)


def test_ocr_confusions_are_corrected_and_cost_some_confidence():
    (match,) = cards("4111", "IIII", "1111", "111l")
    assert match.corrected and match.last4 == "1111" and match.score < 0.97
    (match,) = cards("5555", "5S55", "5555", "4444")
    assert match.detail == "Mastercard"


def test_a_number_split_over_boxes_or_run_together_is_joined():
    assert len(cards("Card:", "4111", "1111", "1111", "1111", "exp", "08/27")) == 1
    assert len(cards("4111111111111111")) == 1
    assert [m.words for m in cards("4111", "1111", "1111", "1111")] == [(0, 1, 2, 3)]


@pytest.mark.parametrize("words", [
    ("4111", "1111", "1111", "1112"),  # fails Luhn
    ("7000", "0000", "0000", "0008"),  # Luhn-valid, but no scheme issues 7
    ("VISA", "************4821"),  # a receipt's masked number
    ("+1", "(555)", "123-4567"),
    ("Order", "no.", "12345678901234"),
])
def test_near_misses_are_not_card_numbers(words):
    assert cards(*words) == []


def test_one_stray_mark_inside_a_long_run_of_digits_is_dropped():
    # '6222 6013 1001 2850 053' read with a speck between two groups as 'y'.
    (match,) = cards("622", "260y1310012850053")
    assert (match.kind, match.detail, match.last4) == ("card", "UnionPay", "0053")
    assert match.corrected and match.score <= 0.8
    assert cards("62226013y10012y850053") == []  # two strays: not a number any more


def test_a_grouped_card_number_failing_luhn_is_unverified_only_beside_card_wording():
    words = ("4055", "1234", "5678", "9010")  # a tutorial's sample card
    assert find_cards(tokens_of(words)) == []
    (match,) = find_cards(tokens_of(words), context=True)
    assert (match.kind, match.detail, match.last4, match.score) == (
        "card-unverified", "Visa", "9010", 0.6)
    # Still no scheme, or too few digits, or an ungrouped order number: nothing.
    for near in (("7000", "0000", "0000", "0001"), ("4055", "1234", "5678"),
                 ("Order", "40551234567890105")):
        assert find_cards(tokens_of(near), context=True) == []


def test_luhn_and_iin_helpers():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")
    assert card_scheme("4111111111111111") == "Visa" and card_scheme("9111111111111111") is None


def test_ssns_follow_the_ssa_rules_and_need_context_to_reject():
    (match,) = find_ssns(["SSN", "123-45-6789"], context=True)
    assert (match.last4, match.score, match.words) == ("6789", 0.95, (1,))
    (weak,) = find_ssns(["Ref", "123-45-6789"], context=False)
    assert weak.score == 0.6
    assert find_ssns(["123456789"], context=False) == []
    assert find_ssns(["I23-45-6789"], context=True)[0].last4 == "6789"  # OCR's I for 1
    for void in ("666-12-3456", "000-12-3456", "912-12-3456", "123-00-4567", "123-45-0000",
                 "078-05-1120"):
        assert find_ssns([void], context=True) == [], void


def test_ibans_pass_mod_97_at_their_country_length():
    (match,) = find_ibans(tokens_of(["IBAN", "GB82", "WEST", "1234", "5698", "7654", "32"]))
    assert (match.detail, match.last4) == ("GB", "5432")
    assert len(find_ibans(tokens_of(["DE89370400440532013000"]))) == 1
    assert find_ibans(tokens_of(["GB82", "WEST", "1234", "5698", "7654", "33"])) == []
