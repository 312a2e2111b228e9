"""Machine-readable zones: the ICAO 9303 specimens, misread characters, and look-alikes."""

from __future__ import annotations

from vmscreen.rules.mrz import check_digit, find_mrz

TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
MRV_A = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
         "L8988901C4XXX4009078F96121096ZE184226B<<<<<<")


def test_check_digits_of_the_specimen_fields():
    assert check_digit("L898902C3") == "6" and check_digit("740812") == "2"
    assert check_digit("520727") == "3"


def test_every_layout_is_found_with_all_its_check_digits():
    for lines, layout, total in ((TD3, "TD3", 5), (TD2, "TD2", 4), (TD1, "TD1", 4),
                                 (MRV_A, "MRV-A", 3)):
        (match,) = find_mrz(["PASSPORT", *lines])
        assert (match.layout, match.valid_checks, match.total_checks) == (layout, total, total)
        assert match.valid and match.line_indices[0] == 1


def test_a_few_misread_characters_still_count_as_a_valid_zone():
    spaced = [TD3[0].replace("<", "«", 2), " ".join([TD3[1][:20], TD3[1][20:]])]
    assert find_mrz(spaced)[0].valid_checks == 5
    one_wrong = [TD3[0], TD3[1][:14] + "9" + TD3[1][15:]]  # date of birth misread
    (match,) = find_mrz(one_wrong)
    assert match.valid and match.valid_checks == 3  # its own digit and the composite fail
    lowercase_fillers = [TD1[0].replace("<<<", "cce"), TD1[1], TD1[2]]
    assert find_mrz(lowercase_fillers)[0].valid


def test_shapes_without_valid_check_digits_are_reported_as_not_valid():
    broken = [TD3[0], "L898902C30UTO7408121F1204150ZE184226B<<<<<00"]
    (match,) = find_mrz(broken)
    assert not match.valid


def test_ordinary_text_is_not_an_mrz():
    assert find_mrz(["THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AGAIN",
                     "1234567890123456789012345678901234567890"]) == []
