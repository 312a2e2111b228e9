"""The art set's loader, on a hand-made labels.csv (the images themselves stay outside)."""

from __future__ import annotations

import pytest

from benchmarks.sets import art

CSV = (
    "file,nudity,kind,title,notes\n"
    'a/venus.jpg,1,painting,"Venus, reclining",classical nude\n'
    "b/beach.jpg,0,photo_swimwear,Beach,adult in swimwear\n"
    "c/sitter.jpg,0,painting,Portrait,clothed sitter\n"
)


def test_nudity_goes_to_review_photos_show_people_and_clothed_artworks_are_clean(tmp_path):
    (tmp_path / "labels.csv").write_text(CSV, encoding="utf-8")
    venus, beach, sitter = art.load(tmp_path)
    assert (venus.path, venus.categories, venus.expected) == (
        "a/venus.jpg", frozenset({"sexual-content"}), "review")
    assert (venus.kind, venus.notes) == ("painting", "classical nude")
    assert (beach.categories, beach.expected, beach.kind) == (
        frozenset({"other-people"}), "reject", "photo_swimwear")
    assert (sitter.categories, sitter.expected) == (frozenset(), "accept")


def test_an_absent_set_says_where_it_was_looked_for(tmp_path):
    with pytest.raises(FileNotFoundError, match="art set is not at"):
        art.load(tmp_path / "missing")
