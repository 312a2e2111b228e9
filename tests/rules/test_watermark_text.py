"""Watermark wording read by OCR: agency names with slips, notices, addresses, credits, stamps;
and the ordinary text of photos left alone."""

from __future__ import annotations

import random

import pytest

from vmscreen.rules import agencies, rights_holders
from vmscreen.rules.watermark_text import (
    _near_substring,
    classify_watermark_text,
    in_corner,
    ordinary_corner_word,
)


@pytest.mark.parametrize(("text", "name"), [
    ("shutterstock", "Shutterstock"),
    ("shutterstosk", "Shutterstock"),  # a letter misread
    ("SHUTTER STOCK", "Shutterstock"),  # case and a space
    ("gettyimages", "Getty Images"),  # the space lost
    ("Getty lmages", "Getty Images"),
    ("dreamstlme.com", "Dreamstime"),
    ("Image ID: 104738291 www.depositphotos.com", "Depositphotos"),
    ("alamy stock photo", "Alamy"),
    ("Photo: J. Smith / Reuters", "Reuters"),
    ("123RF", "123RF"),
])
def test_agency_marks_are_found_through_ocr_slips(text, name):
    verdict = classify_watermark_text(text)
    assert verdict is not None and verdict.kind == "agency" and verdict.name == name
    assert verdict.score >= 0.9


@pytest.mark.parametrize("text", ["choTOT", "choTO", "Chợ Tốt"])
def test_a_marketplace_stamp_is_found_without_its_accents(text):
    verdict = classify_watermark_text(text)
    assert verdict is not None and verdict.kind == "marketplace" and verdict.name == "Chợ Tốt"


@pytest.mark.parametrize(("text", "kind"), [
    ("© 2023 Maria Lopez", "notice"),
    ("(c) 2021 Tom", "notice"),
    ("Copyrlght Tom Becker", "notice"),
    ("all rights reserved", "notice"),
    ("www.997788.com", "url"),
    ("lenafotografie.de", "url"),
    ("洋江網", "url"),
    ("Photo by Alex Kim", "credit"),
    ("Maria Lopez Photography", "credit"),
    ("SAMPLE", "stamp"),
    ("PREVIEW", "stamp"),
    ("proof", "stamp"),
    ("DEMOPURPOSES", "stamp"),
    ("FOR DEMO PURPOSES ONLY", "stamp"),
    ("DO NOT COPY", "stamp"),
])
def test_notices_addresses_credits_and_stamps(text, kind):
    verdict = classify_watermark_text(text)
    assert verdict is not None and verdict.kind == kind and verdict.name is None
    assert 0.6 <= verdict.score < 0.85


@pytest.mark.parametrize("text", [
    "Summer holiday 2024", "Happy birthday, Grandma!", "Lake Como, July", "Welcome home",
    "waterproof", "in stock", "pixels", "routers", "KEYSTONE", "Offset printing", "UnionPay",
    "AGRICULTURAL BANK OF CHINA", "PASSPORT", "SPECIMEN", "互联网", "Sunday hike", "",
    "Take a selfie to match your photo",
])
def test_ordinary_text_is_no_watermark(text):
    assert classify_watermark_text(text) is None


def test_an_agency_that_is_also_a_word_counts_beside_a_credit():
    assert classify_watermark_text("Keystone") is None
    verdict = classify_watermark_text("Photo: Keystone")
    assert verdict is not None and verdict.name == "Keystone"


def test_one_list_serves_the_rights_rule_and_the_watermark_rule():
    assert rights_holders.AGENCIES is agencies.AGENCIES
    assert rights_holders.classify_rights_holder("© Dreamstime").agency == "Dreamstime"


def test_corners():
    assert in_corner((1850, 1000, 1900, 1060), 1920, 1080)
    assert not in_corner((900, 500, 1000, 560), 1920, 1080)  # the middle
    assert not in_corner((10, 1000, 1900, 1060), 1920, 1080)  # a band across the bottom


def test_on_an_identity_document_sample_is_the_specimens_print_but_demo_is_a_stamp():
    assert classify_watermark_text("SAMPLE", on_document=True) is None
    verdict = classify_watermark_text("FOR DEMO PURPOSES ONLY", on_document=True)
    assert verdict is not None and verdict.kind == "stamp"


def test_words_run_together_are_no_address_unless_written_as_one():
    assert classify_watermark_text("Noms.de") is None  # "Noms de", its space lost
    assert classify_watermark_text("mariaphoto.net").kind == "url"  # not "AP Photo"


@pytest.mark.parametrize(("text", "ordinary"), [
    ("VISA", True), ("mastercard.", True), ("RECONYX", True), ("PASSPORT·PASSEPORT", True),
    ("deepFace", False), ("lenafoto", False)])
def test_words_that_sit_in_corners_without_being_marks(text, ordinary):
    assert ordinary_corner_word(text) is ordinary


def _edit_distance_to_some_run(needle: str, haystack: str) -> int:
    """The fewest edits that turn ``needle`` into some run of ``haystack``, by the plain
    dynamic programme (no shortcut)."""
    previous, best = list(range(len(needle) + 1)), len(needle)
    for char in haystack:
        current = [0]
        for i, wanted in enumerate(needle, 1):
            current.append(min(previous[i] + 1, current[i - 1] + 1,
                               previous[i - 1] + (wanted != char)))
        best, previous = min(best, current[-1]), current
    return best


def test_the_fuzzy_name_search_finds_exactly_what_the_full_search_finds():
    # The search rules most lines out on pieces of the name before searching with slips;
    # that shortcut must lose no match, and find none the full search would not.
    rng = random.Random(7)
    for _ in range(3000):
        needle = "".join(rng.choice("abst") for _ in range(rng.randint(6, 14)))
        haystack = list(needle if rng.random() < 0.5 else "")
        haystack += [rng.choice("abstx") for _ in range(rng.randint(0, 12))]
        for _ in range(rng.randint(0, 4)):  # a few slips at random places
            if haystack:
                haystack[rng.randrange(len(haystack))] = rng.choice("abstx")
        text = "".join(rng.sample(haystack, len(haystack)) if rng.random() < 0.2 else haystack)
        for slips in (1, 2):
            expected = _edit_distance_to_some_run(needle, text) <= slips
            assert _near_substring(needle, text, slips) is expected, (needle, text, slips)
