"""Which program wrote a file, told from its EXIF Software or XMP CreatorTool text, as a family
name from a fixed list and whether it is an editing program.

The field is free text that anyone can fill (a card number or a passport line has been found
there), so it is never repeated: what leaves this rule is one of ``FAMILIES``, never the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Programs whose output suggests the picture was edited or composed, not just taken.
_EDITORS = re.compile(
    r"photoshop|lightroom|gimp|affinity|pixelmator|capture one|darktable|rawtherapee|"
    r"snapseed|picsart|canva|facetune|luminar|paint\.net|corel|krita|imagemagick|"
    r"photopea|vsco|meitu|lensa",
    re.IGNORECASE,
)

# Family -> pattern, tried in this order: editors first (Adobe Camera Raw names a camera
# maker's raw format; Snapseed is Google's), then platforms, then camera makers. Build and
# model codes (G998BXXU7EWG4, ILCE-7M3) match in capitals only: (?-i:...).
_FAMILY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Adobe", r"\badobe\b|photoshop|lightroom|\bcamera raw\b"),
    ("GIMP", r"\bgimp\b"),
    ("Affinity", r"\baffinity\b"),
    ("Pixelmator", r"pixelmator"),
    ("Capture One", r"capture\s*one"),
    ("darktable", r"darktable"),
    ("RawTherapee", r"rawtherapee"),
    ("Snapseed", r"snapseed"),
    ("Canva", r"\bcanva\b"),
    ("ImageMagick", r"imagemagick"),
    ("Picsart", r"picsart"),
    ("Facetune", r"facetune"),
    ("Luminar", r"luminar"),
    ("paint.net", r"paint\.net"),
    ("Corel", r"\bcorel"),
    ("Krita", r"\bkrita\b"),
    ("Photopea", r"photopea"),
    ("VSCO", r"\bvsco\b"),
    ("Meitu", r"\bmeitu\b"),
    ("Lensa", r"\blensa\b"),
    ("Windows", r"\bwindows\b|\bmicrosoft\b"),
    ("Apple", r"\bapple\b|\bi(?:pad)?os\s*\d|\bmac\s?os\b|\bos x\b|\biphone\b|\bipad\b"),
    ("Google", r"\bhdr\+|\bgoogle\b|\bpicasa\b|\bpixel\b|\bgcam\b"),
    # Samsung phones write their firmware build: model, region, then U/S, bootloader, major,
    # year, month and build letters (G998BXXU7EWG4, S918BXXS3BWK1, G991U1UES3AUF5).
    ("Samsung", r"samsung|\bgalaxy\b|"
                r"(?-i:^(?:SM-)?[A-Z]\d{3}[A-Z]{0,2}\d?[A-Z]{2}[SU][0-9A-Z][A-Z]{2}[A-L][0-9A-Z]$)"),
    ("Huawei", r"huawei|\bhonor\b|\bemui\b|harmonyos"),
    ("Xiaomi", r"xiaomi|\bmiui\b|\bredmi\b|\bpoco\b|hyperos"),
    ("Canon", r"\bcanon\b|digital photo professional"),
    ("Nikon", r"\bnikon\b|\bnx studio\b|\bcapture nx|\bviewnx"),
    ("Sony", r"\bsony\b|\bxperia\b|(?-i:\b(?:ILCE|ILCA|DSC|NEX|SLT|ZV)-[0-9A-Z])"),
    ("Fujifilm", r"fujifilm|\bfuji\b|\bdigital camera (?:x|gfx)"),
    ("Olympus/OM", r"olympus|\bom digital\b|\bom system\b|(?-i:\bE-M\d|\bOM-\d)"),
    ("Panasonic", r"panasonic|\blumix\b|(?-i:\bDMC-[A-Z]|\bDC-[A-Z]{1,2}\d)"),
    ("DJI", r"\bdji\b|\bmavic\b|\bosmo\b"),
    ("GoPro", r"gopro|^HD\d\.\d{2}\.\d{2}|^H\d{2}\.\d{2}\.\d{2}"),
)
_FAMILIES = tuple(
    (family, re.compile(pattern, re.IGNORECASE)) for family, pattern in _FAMILY_PATTERNS
)

OTHER = "other"
FAMILIES: tuple[str, ...] = (*(family for family, _ in _FAMILY_PATTERNS), OTHER)

_MAX_TEXT = 512  # program names are short; a longer field is read only this far


@dataclass(frozen=True)
class SoftwareFamily:
    """A program family from ``FAMILIES`` ("other" when none matches), and whether the text
    names an editing program."""

    family: str
    editor: bool


def software_family(text: str) -> SoftwareFamily:
    """The family of the program an EXIF Software or XMP CreatorTool text names."""
    text = text.strip()[:_MAX_TEXT]
    editor = bool(_EDITORS.search(text))
    for family, pattern in _FAMILIES:
        if pattern.search(text):
            return SoftwareFamily(family, editor)
    return SoftwareFamily(OTHER, editor)
