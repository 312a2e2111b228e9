"""Machine-readable zones (ICAO 9303): TD1 (3 x 30), TD2 (2 x 36), TD3 (2 x 44) and machine-
readable visas (MRV-A 2 x 44, MRV-B 2 x 36), found in OCR lines and validated with the 7-3-1
check digits. A zone is reported as found, with how many check digits hold; it is never parsed
into names, numbers or dates that could be stored. A block with only a zone's shape (the MRZ
alphabet, an ICAO width, filler runs) but no document code is reported too, never as valid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_VALUES = {**{str(d): d for d in range(10)},
           **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
# OCR reads the filler '<' as these; inside numeric fields letters are usually digits.
_FILLER_LOOKALIKES = str.maketrans({"\u00ab": "<", "\u2039": "<", "(": "<", "[": "<", "{": "<",
                                    "¢": "<", "£": "<", "€": "<",
                                    # the recogniser also knows Greek and kana look-alikes
                                    # (small print's fillers come back as he and ha)
                                    "\u039b": "<", "\u304f": "<", "\u3008": "<",
                                    "\uff1c": "<", "\u30d8": "<", "\u3078": "<",
                                    "\u30cf": "<"})
_LOWER_FILLERS = str.maketrans({"c": "<", "e": "<", "k": "<", "x": "<"})
# The recogniser's alphabet holds Greek and Cyrillic capitals drawn like Latin ones, and it
# returns them inside MRZ lines (a P read as Greek Rho): one such letter kept a whole zone,
# valid or not, out of the MRZ alphabet.
_LATIN_LOOKALIKES = str.maketrans(dict(zip(
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425",
    "ABEZHIKMNOPTYX" "ABEKMHOPCTYX", strict=True)))
_TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2",
                           "S": "5", "B": "8", "G": "6", "T": "7", "<": "0"})
_CANDIDATE = re.compile(r"^[A-Z0-9<]{20,48}$")


def check_digit(field: str) -> str:
    weights = (7, 3, 1)
    return str(sum(_VALUES.get(c, 0) * weights[i % 3] for i, c in enumerate(field)) % 10)


def _clean(text: str) -> str:
    # The MRZ alphabet has no lower case: a lower-case c, e or k is a misread filler.
    text = text.translate(_LOWER_FILLERS).upper().translate(_FILLER_LOOKALIKES)
    text = text.translate(_LATIN_LOOKALIKES)
    return re.sub(r"\s+", "", text)


def _digits(field: str) -> str:
    return field.translate(_TO_DIGIT)


@dataclass(frozen=True)
class Layout:
    name: str
    lines: int
    width: int
    # checked fields: (line, start, end, check digit position, digits only?)
    checks: tuple[tuple[int, int, int, int, bool], ...]
    # composite: list of (line, start, end) slices, then (line, position) of its check digit
    composite: tuple[tuple[tuple[int, int, int], ...], tuple[int, int]] | None
    codes: str  # first letters a document of this layout starts with


# Document number, date of birth, date of expiry on the data line; TD3 adds the personal number.
_DATA_LINE = ((1, 0, 9, 9, False), (1, 13, 19, 19, True), (1, 21, 27, 27, True))

LAYOUTS = (
    Layout("TD3", 2, 44, (*_DATA_LINE, (1, 28, 42, 42, False)),
           (((1, 0, 10), (1, 13, 20), (1, 21, 43)), (1, 43)), "P"),
    Layout("MRV-A", 2, 44, _DATA_LINE, None, "V"),
    Layout("TD2", 2, 36, _DATA_LINE, (((1, 0, 10), (1, 13, 20), (1, 21, 35)), (1, 35)), "IACP"),
    Layout("MRV-B", 2, 36, _DATA_LINE, None, "V"),
    Layout("TD1", 3, 30, ((0, 5, 14, 14, False), (1, 0, 6, 6, True), (1, 8, 14, 14, True)),
           (((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), (1, 29)), "IACP"),
)


@dataclass(frozen=True)
class MrzMatch:
    layout: str
    line_indices: tuple[int, ...]  # indices into the lines given
    valid_checks: int
    total_checks: int
    document_code: str  # P, I, A, C or V: the kind of document, nothing personal; ? unknown
    coded: bool = True  # False: only the shape of a zone, its first letter no document code

    @property
    def valid(self) -> bool:
        """Enough check digits hold. One misread character breaks its field's digit and the
        composite, so a zone may miss two and still be read; chance passes two at 1 in 100.
        A block with only the shape of a zone is never valid: its checks are not enough to
        tell it from chance."""
        return self.coded and self.valid_checks >= max(2, self.total_checks - 2)


def _fit(line: str, width: int) -> str:
    """A line read one or two characters long or short: trailing filler trimmed or added."""
    if len(line) > width:
        line = line.rstrip("<")[:width] if len(line.rstrip("<")) <= width else line[:width]
    return line + "<" * (width - len(line))


def _score(layout: Layout, lines: Sequence[str]) -> tuple[int, int]:
    valid = total = 0
    for line, start, end, position, numeric in layout.checks:
        total += 1
        field = lines[line][start:end]
        field = _digits(field) if numeric else field  # dates are digits; numbers may hold letters
        valid += check_digit(field) == _digits(lines[line][position])
    if layout.composite:
        slices, (line, position) = layout.composite
        parts = "".join(lines[part_line][start:end] for part_line, start, end in slices)
        total += 1
        valid += check_digit(parts) == _digits(lines[line][position])
    return valid, total


def _plausible(layout: Layout, lines: Sequence[str]) -> bool:
    """The shape of the layout: its document code, and filler where the format has it."""
    first = lines[0]
    if first[0] not in layout.codes:
        return False
    fillers = sum(line.count("<") for line in lines)
    return fillers >= 3 and all(_CANDIDATE.match(line) for line in lines)


# The layouts a block is matched to by its shape alone: one per line count and width.
_SHAPE_LAYOUTS = frozenset({"TD1", "TD2", "TD3"})
_MRZ_ALPHABET = re.compile(r"^[A-Z0-9<]+$")
SHAPE_SLACK = 3  # characters a line may be read long or short (fillers lost or doubled)
SHAPE_SPREAD = 2  # characters the lines of a block may differ by: they are printed equal
SHAPE_DIGITS = 8  # digits one line holds at least: a zone's dates and document number


def _shaped(lines: Sequence[str], width: int) -> bool:
    """The shape of a zone whatever its first letter (a specimen's made-up document code, or
    one misread): lines in the MRZ alphabet only, near the layout's width and equally long,
    filler runs ('<<') in one of them and a run of dates or numbers in one. Upper-case
    headlines, serial numbers, URLs, barcode text and plates each lack one of these."""
    lengths = [len(line) for line in lines]
    return (all(_MRZ_ALPHABET.match(line) for line in lines)
            and all(abs(length - width) <= SHAPE_SLACK for length in lengths)
            and max(lengths) - min(lengths) <= SHAPE_SPREAD
            and any("<<" in line for line in lines)
            and any(sum(c.isdigit() for c in line) >= SHAPE_DIGITS for line in lines))


def _rank(match: MrzMatch) -> tuple[bool, float]:
    """A zone whose document code fits beats a shape alone; then the share of checks held."""
    return match.coded, match.valid_checks / match.total_checks


def find_mrz(texts: Sequence[str]) -> list[MrzMatch]:
    """MRZ blocks among consecutive lines (top to bottom), best layout for each."""
    cleaned = [_clean(text) for text in texts]
    found: list[MrzMatch] = []
    used: set[int] = set()
    for start in range(len(cleaned)):
        if start in used or len(cleaned[start]) < 20:
            continue
        best: MrzMatch | None = None
        for layout in LAYOUTS:
            indices = tuple(range(start, start + layout.lines))
            if indices[-1] >= len(cleaned):
                continue
            raw = [cleaned[i] for i in indices]
            if any(abs(len(line) - layout.width) > 3 for line in raw):
                continue
            lines = [_fit(line, layout.width) for line in raw]
            coded = _plausible(layout, lines)
            if not coded and not (layout.name in _SHAPE_LAYOUTS and _shaped(raw, layout.width)):
                continue
            valid, total = _score(layout, lines)
            code = lines[0][0] if coded or lines[0][0] in "ACIPV" else "?"
            match = MrzMatch(layout.name, indices, valid, total, code, coded)
            if best is None or _rank(match) > _rank(best):
                best = match
        if best is not None:
            found.append(best)
            used.update(best.line_indices)
    return found
