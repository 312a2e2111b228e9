"""The regular expressions the bare OCR baselines share: what they catch and what they leave."""

from __future__ import annotations

import pytest

from benchmarks.baselines.patterns import entities


@pytest.mark.parametrize("text, expected", [
    ("4111 1111 1111 1111", {"CREDIT_CARD"}),
    ("3782 822463 10005", {"CREDIT_CARD"}),
    ("4111-1111-1111-1112", set()),  # fails Luhn
    ("Call +1 (555) 123-4567 today", set()),
    ("SSN 123-45-6789", {"US_SSN"}),
    ("SSN 666-45-6789 and 123-00-6789", set()),  # area 666 and group 00 are never issued
    ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
     {"MRZ"}),
    ("IBAN GB82 WEST 1234 5698 7654 32", {"IBAN_CODE"}),
    ("IBAN GB82 WEST 1234 5698 7654 33", set()),
])
def test_entities(text, expected):
    assert entities(text) == expected
