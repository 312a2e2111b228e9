"""What around a number says it is printed on a payment card."""

from __future__ import annotations

import pytest

from vmscreen.rules.card_furniture import (
    CARDHOLDER_LINE,
    EXPIRY_DATE,
    EXPIRY_LABEL,
    SCHEME_NAME,
    furnished,
    furniture_cues,
)


@pytest.mark.parametrize("lines, cues", [
    (["VISA"], {SCHEME_NAME}),
    (["Mastercard"], {SCHEME_NAME}),
    (["AMERICAN EXPRESS"], {SCHEME_NAME, CARDHOLDER_LINE}),
    (["UnionPay 银联"], {SCHEME_NAME}),
    (["VALID THRU 08/29"], {EXPIRY_LABEL, EXPIRY_DATE}),
    (["VALID 03/26", "THRU"], {EXPIRY_LABEL, EXPIRY_DATE}),  # the label printed on two lines
    (["GOOD THRU"], {EXPIRY_LABEL}),
    (["EXPIRES END 12/2031"], {EXPIRY_LABEL, EXPIRY_DATE}),
    (["VALID 09/32"], {EXPIRY_LABEL, EXPIRY_DATE}),
    (["09/32"], {EXPIRY_DATE}),
    (["JAVIER KOWALSKI"], {CARDHOLDER_LINE}),
    (["ANNA MARIA VAN DER BERG"], {CARDHOLDER_LINE}),
    (["J. SMITH"], {CARDHOLDER_LINE}),
])
def test_card_furniture_is_named(lines, cues):
    assert furniture_cues(lines) == cues


@pytest.mark.parametrize("lines", [
    ["BOOK NOOK", "GIFT CARD $25", "PIN 4821"],  # a gift card: a name-like store line only
    ["CORNER STORE", "TOTAL 5.55", "Thank you for shopping"],
    ["Date 12/05/2024", "Mir ist kalt"],  # a full date; German 'mir' is not the scheme
    ["AURORA BANK"],
    ["Valid for one visit"],
])
def test_text_off_cards_is_not_furniture_or_is_weak(lines):
    assert not furnished(furniture_cues(lines))


def test_one_strong_cue_or_two_weak_ones_furnish_a_card():
    assert furnished({SCHEME_NAME}) and furnished({EXPIRY_LABEL})
    assert furnished({EXPIRY_DATE, CARDHOLDER_LINE})
    assert not furnished({EXPIRY_DATE}) and not furnished({CARDHOLDER_LINE})
    assert not furnished(set())


def test_a_number_with_no_grouping_left_needs_an_expiry_label_and_one_more_cue():
    assert furnished({EXPIRY_LABEL, EXPIRY_DATE}, strict=True)
    assert furnished({EXPIRY_LABEL, SCHEME_NAME}, strict=True)
    # A receipt: 'VISA' beside a long reference number is not enough.
    assert not furnished({SCHEME_NAME}, strict=True)
    assert not furnished({SCHEME_NAME, CARDHOLDER_LINE}, strict=True)
    assert not furnished({EXPIRY_LABEL}, strict=True)
