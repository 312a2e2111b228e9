"""The numbers printed on synthetic documents are what they claim: checked against published
specimens and the schemes' own rules, independently of vmscreen's validators."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sets import synthetic_numbers as numbers

SPECIMEN = numbers.Person("ERIKSSON", "ANNA MARIA", "UTO", "740812", "F", "120415", "L898902C3")


def test_td3_matches_the_icao_9303_specimen_passport():
    line1, line2 = numbers.td3(SPECIMEN, optional="ZE184226B")
    assert line1 == "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    assert line2 == "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_td1_and_td2_match_the_icao_9303_specimen_cards():
    card = numbers.Person("ERIKSSON", "ANNA MARIA", "UTO", "740812", "F", "120415", "D23145890")
    assert numbers.td1(card, code="I<") == (
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    )
    assert numbers.td2(card) == (
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    )


@pytest.mark.parametrize("width", [44, 36])
def test_visas_have_the_format_length_and_valid_check_digits(width):
    person = numbers.person(np.random.default_rng(3))
    line1, line2 = numbers.visa(person, width)
    assert len(line1) == len(line2) == width and line1.startswith("V<")
    assert numbers.check_digit(line2[0:9]) == line2[9]
    assert numbers.check_digit(line2[13:19]) == line2[19]
    assert numbers.check_digit(line2[21:27]) == line2[27]


@pytest.mark.parametrize("scheme", sorted(numbers.SCHEMES))
def test_card_numbers_are_luhn_valid_with_the_scheme_prefix_and_length(scheme):
    rng = np.random.default_rng(7)
    prefixes, length, grouping = numbers.SCHEMES[scheme]
    for _ in range(20):
        number = numbers.card_number(rng, scheme)
        assert len(number) == length == sum(grouping)
        assert number.startswith(prefixes) and numbers.luhn_ok(number)


def test_luhn_against_published_test_numbers():
    assert numbers.luhn_ok("4111111111111111") and numbers.luhn_ok("378282246310005")
    assert not numbers.luhn_ok("4111111111111112")


def test_near_misses_fail_luhn_and_ssns_follow_the_ssa_rules():
    rng = np.random.default_rng(11)
    for _ in range(200):
        assert not numbers.luhn_ok(numbers.luhn_failing(rng))
        area, group, serial = numbers.ssn(rng).split("-")
        assert area not in ("000", "666") and not area.startswith("9")
        assert group != "00" and serial != "0000"


def test_aamva_payload_has_the_header_and_licence_number():
    payload = numbers.aamva(SPECIMEN, "CA", "D1234567")
    assert payload.startswith("@\n\x1e\rANSI 636000") and "DAQD1234567" in payload
