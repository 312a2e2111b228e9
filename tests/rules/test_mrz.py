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


def _broken(lines: tuple[str, ...], positions: tuple[tuple[int, int], ...]) -> list[str]:
    """The zone with the digit at each (line, column) moved on by one: a specimen's made-up
    check digits."""
    rows = [list(line) for line in lines]
    for line, column in positions:
        rows[line][column] = str((int(rows[line][column]) + 1) % 10)
    return ["".join(row) for row in rows]


TD1_CHECKS = ((0, 14), (1, 6), (1, 14), (1, 29))
TD3_CHECKS = ((1, 9), (1, 19), (1, 27), (1, 42), (1, 43))


def test_zones_whose_check_digits_all_fail_are_found_but_not_valid():
    for lines, positions, layout in ((TD1, TD1_CHECKS, "TD1"), (TD3, TD3_CHECKS, "TD3")):
        (match,) = find_mrz(["Address / Adresse", *_broken(lines, positions)])
        assert (match.layout, match.line_indices[0], match.coded) == (layout, 1, True)
        assert match.valid_checks <= 1 and not match.valid  # the composite may hold by chance


def test_a_zone_with_a_made_up_or_misread_document_code_is_found_by_its_shape():
    for first in ("X", "1", "0"):  # a specimen's own code; an I read as a one or a zero
        td1 = [first + TD1[0][1:], TD1[1], TD1[2]]
        (match,) = find_mrz(td1)
        assert match.layout == "TD1" and not match.coded and match.document_code == "?"
        assert not match.valid  # even with every check digit holding: a shape is not a zone
        td3 = [first + TD3[0][1:], *_broken(TD3, TD3_CHECKS)[1:]]
        (match,) = find_mrz(td3)
        assert match.layout == "TD3" and not match.valid


def test_greek_and_cyrillic_look_alikes_of_latin_capitals_are_read_as_latin():
    # The recogniser returns a P as Greek Rho and an O as Cyrillic O inside MRZ lines.
    rho = [TD3[0].replace("P", "\u03a1", 1), TD3[1].replace("UTO", "UT\u041e")]
    (match,) = find_mrz(rho)
    assert match.valid and match.valid_checks == 5 and match.document_code == "P"


def test_fillers_of_small_print_read_as_kana_are_fillers():
    # A thumbnail's 7 px fillers come back as katakana he and ha (and hiragana he).
    misread = [*TD1[:2], TD1[2].replace("<<", "\u30d8<", 1).replace("<<<", "<\u30cf\u3078")]
    (match,) = find_mrz(misread)
    assert match.layout == "TD1" and match.valid


def test_ordinary_upper_case_text_serials_urls_and_plates_have_no_mrz_shape():
    negatives = [
        # a headline and a serial number of a TD3 line's length, one above the other
        ["BREAKING NEWS: FLOODS REACH THE CITY CENTRE TONIGHT",
         "SN 4C1F9A7723B0E55D1290AB7734CD1200FE5A9C01"],
        # arrows and chevrons around upper-case words, no digits: a sign or a menu
        ["<<< PREVIOUS PAGE <<<<<<<<<<<<< NEXT PAGE >>>",
         "HOME<<ABOUT<<CONTACT<<SHOP<<FAQ<<NEWS<<"],
        # a URL and the text a barcode prints under itself
        ["HTTPS://WWW.EXAMPLE.COM/ORDER/12345678/ITEM", "*CODE39<<12345678901234567890<<ABCDEF*"],
        # serials in the MRZ alphabet, but no filler run and lines of unequal length
        ["A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5", "X9Y8Z7W6V5U4T3S2R1Q0P9O8N7M6L5K4J3",
         "1234567890ABCDEFGHIJ1234567890"],
        # licence plates and part numbers: far too short
        ["AB12<<CDE", "KA-01-HH-1234", "WVWZZZ1JZXW000001"],
        # two serial lines with filler runs but of different ICAO widths
        ["ORDER<<12345678<<<<<<<<<<<<<<", "INVOICE<<9876543210<<<<<<<<<<<<<<<<<<<<<<<<"],
    ]
    for texts in negatives:
        assert find_mrz(texts) == [], texts
