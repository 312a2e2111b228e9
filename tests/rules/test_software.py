"""The software rule: a program family from a fixed list, and whether it is an editor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vmscreen.rules.software import FAMILIES, SoftwareFamily, software_family


@pytest.mark.parametrize("text, family, editor", [
    ("Adobe Photoshop 25.0 (Macintosh)", "Adobe", True),
    ("Adobe Photoshop Lightroom Classic 13.0 (Windows)", "Adobe", True),
    ("Adobe Lightroom Classic 13.0", "Adobe", True),
    ("Adobe Photoshop Camera Raw 16.0 (Macintosh)", "Adobe", True),
    ("Lightroom Mobile 9.0", "Adobe", True),
    ("GIMP 2.10.34", "GIMP", True),
    ("Affinity Photo 2.3.0", "Affinity", True),
    ("Pixelmator Pro 3.5", "Pixelmator", True),
    ("Capture One 23 Macintosh", "Capture One", True),
    ("darktable 4.4.2", "darktable", True),
    ("RawTherapee 5.9", "RawTherapee", True),
    ("Snapseed 2.0", "Snapseed", True),
    ("Canva", "Canva", True),
    ("ImageMagick 7.1.1-15", "ImageMagick", True),
    ("Picsart", "Picsart", True),
    ("paint.net 5.0.11", "paint.net", True),
    ("iOS 17.1", "Apple", False),
    ("17.1", "other", False),
    ("HDR+ 1.0.540104767zd", "Google", False),
    ("Pixel 8 Pro", "Google", False),
    ("Picasa", "Google", False),
    ("G998BXXU7EWG4", "Samsung", False),
    ("S918BXXS3BWK1", "Samsung", False),
    ("G991U1UES3AUF5", "Samsung", False),
    ("SAMSUNG Galaxy S23", "Samsung", False),
    ("MIUI 14", "Xiaomi", False),
    ("HUAWEI P60", "Huawei", False),
    ("Microsoft Windows Photo Viewer 6.1.7600.16385", "Windows", False),
    ("Windows Photo Editor 10.0.10011.16384", "Windows", False),
    ("Ver.1.00", "other", False),
    ("Canon EOS R5 Firmware Version 1.8.1", "Canon", False),
    ("Digital Photo Professional", "Canon", False),
    ("NIKON D850 Ver.1.10", "Nikon", False),
    ("ILCE-7M3 v3.01", "Sony", False),
    ("Digital Camera X-T3 Ver1.00", "Fujifilm", False),
    ("E-M1MarkIII Ver.1.0", "Olympus/OM", False),
    ("OM Digital Solutions OM-1", "Olympus/OM", False),
    ("DC-G9 Ver. 2.0", "Panasonic", False),
    ("DJI Mavic", "DJI", False),
    ("GoPro", "GoPro", False),
    ("HD7.01.01.90.00", "GoPro", False),
    ("4111 1111 1111 1111", "other", False),
    ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "other", False),
    ("", "other", False),
])
def test_real_software_strings(text, family, editor):
    assert software_family(text) == SoftwareFamily(family, editor)


def test_build_codes_match_in_capitals_only():
    assert software_family("g998bxxu7ewg4").family == "other"
    assert software_family("ilce-7m3").family == "other"


def test_the_family_list_ends_with_other_and_holds_the_documented_names():
    assert FAMILIES[-1] == "other" and len(set(FAMILIES)) == len(FAMILIES)
    for name in ("Adobe", "GIMP", "Affinity", "Apple", "Google", "Samsung", "Canon", "Nikon",
                 "Sony", "Fujifilm", "Olympus/OM", "Panasonic", "DJI", "GoPro", "Huawei",
                 "Xiaomi", "Snapseed", "Canva", "ImageMagick", "Pixelmator", "Capture One",
                 "darktable", "RawTherapee", "Windows"):
        assert name in FAMILIES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_listed_family(text):
    result = software_family(text)
    assert result.family in FAMILIES and isinstance(result.editor, bool)
