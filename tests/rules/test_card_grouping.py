"""Numbers in a card scheme's printed grouping, whatever their digits, and the misreads the
recogniser makes of them."""

from __future__ import annotations

import pytest

from vmscreen.rules.card_grouping import find_card_like, fitting_grouping
from vmscreen.rules.id_numbers import tokens_of


def card_like(*words: str):
    return find_card_like(tokens_of(words))


@pytest.mark.parametrize("words, grouping, pattern", [
    (("4444", "4444", "4444", "4444"), "4-4-4-4", "repeated"),
    (("1234", "5678", "9012", "3456"), "4-4-4-4", "sequential"),
    (("1111", "2222", "3333", "4444"), "4-4-4-4", "repeated"),
    (("3712", "345678", "90123"), "4-6-5", "other"),
    (("3056", "930902", "5904"), "4-6-4", "other"),
    (("6222", "6013", "1001", "2850", "053"), "4-4-4-4-3", "other"),
])
def test_placeholders_and_runs_in_a_printed_grouping_are_found(words, grouping, pattern):
    (number,) = card_like(*words)
    assert (number.grouping, number.pattern, number.misread) == (grouping, pattern, False)
    assert number.words == tuple(range(len(words)))
    assert number.last4 == "".join(words)[-4:]


def test_luhn_and_issuer_range_are_checked_but_do_not_decide():
    (placeholder,) = card_like("4444", "4444", "4444", "4444")
    assert (placeholder.luhn, placeholder.scheme) == (False, "Visa")
    (zeros,) = card_like("0000", "0000", "0000", "0000")
    assert (zeros.luhn, zeros.scheme) == (True, None)  # Luhn holds, no issuer does


@pytest.mark.parametrize("words, last4", [
    (("12345678", "9012", "3456"), "3456"),  # one separator lost
    (("日00日", "日00日", "日00日", "日00日"), "0000"),  # a dotted zero read as a CJK glyph
    (("4O55", "1234", "S678", "9010"), "9010"),  # letters for digits
    (("1234", "5678", "9#12", "3456"), "3456"),  # one glyph unreadable
    (("1234", "567", "9012", "3456"), "3456"),  # a digit dropped inside
    (("1234", "5678", "9012", "345"), None),  # the last group a digit short: its end unknown
])
def test_misread_numbers_still_fit_and_say_so(words, last4):
    (number,) = card_like(*words)
    assert number.grouping == "4-4-4-4" and number.misread and number.last4 == last4


def test_an_unreadable_or_lost_digit_leaves_luhn_and_scheme_unknown():
    (number,) = card_like("4111", "1111", "1#11", "1111")
    assert (number.luhn, number.scheme, number.pattern) == (None, None, "misread")


def test_a_number_read_with_every_separator_lost_is_marked_run_together():
    (number,) = card_like("Ref", "7777666633334444")
    assert (number.run_together, number.grouping, number.last4) == (True, "4-4-4-4", "4444")
    (amex,) = card_like("370000000000002")
    assert amex.run_together and amex.grouping == "4-6-5"
    (grouped,) = card_like("7777", "6666", "3333", "4444")
    assert not grouped.run_together
    assert card_like("12345678901234") == [] and card_like("12345678901234567") == []


@pytest.mark.parametrize("words", [
    ("12345678", "90123456"),  # two separators lost
    ("1234", "5678", "9012"),  # too short
    ("1234", "5678", "9012", "34"),  # two digits short
    ("AB12", "CD34", "EF56", "GH78"),  # a voucher code: letters, not misread digits
    ("12##", "5678", "9012", "3456"),  # two glyphs of one group unreadable
    ("+44", "20", "7946", "0958"),  # a phone number
    ("2024-05-12", "10:42"),
])
def test_runs_not_in_a_card_grouping_are_not_card_like(words):
    assert card_like(*words) == []


def test_groupings_fit_with_one_separator_lost_or_one_digit_short():
    assert fitting_grouping((4, 4, 4, 4)) == (4, 4, 4, 4)
    assert fitting_grouping((4, 8, 4)) == (4, 4, 4, 4)
    assert fitting_grouping((4, 4, 4, 3)) == (4, 4, 4, 4)
    assert fitting_grouping((4, 5, 5)) == (4, 6, 5)
    for reading in ((16,), (8, 8), (4, 4, 4, 2), (5, 5, 5, 1), (4, 4, 4, 4, 4)):
        assert fitting_grouping(reading) is None, reading


def test_words_around_the_number_are_not_part_of_it():
    (number,) = card_like("Card", "no", "4444", "4444", "4444", "4444", "exp", "08/27")
    assert number.words == (2, 3, 4, 5)
