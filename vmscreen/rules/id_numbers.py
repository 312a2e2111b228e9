"""Payment card numbers, US social security numbers and IBANs in OCR'd lines.

Pure functions over (text, word index) tokens: they say what was found, where (which words),
and how sure, and never return the number itself beyond its last four digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Six digits, each perhaps followed by one separator (1234 5678, 12.05.1986), or MRZ filler:
# what a card number, an SSN, a document number or an MRZ shows even when misread, and what a
# thorough reading may read whole where the fast one read it in pieces.
NUMBER_CUE = re.compile(r"(?:\d[\s./-]?){6}|<<")

# OCR's usual confusions inside a run of digits.
_DIGIT_LOOKALIKES = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0",
    "I": "1", "l": "1", "|": "1", "i": "1", "!": "1", "L": "1", "J": "1",
    "S": "5", "s": "5", "$": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6",
    "g": "9", "q": "9", "T": "7",
})
_SEPARATORS = re.compile(r"[\s\-\u2013\u2014.·]+")


def read_lookalikes(text: str) -> str:
    """``text`` with OCR's usual look-alikes of digits read as digits (O as 0, l as 1...)."""
    return text.translate(_DIGIT_LOOKALIKES)


# scheme, IIN ranges (inclusive, compared on the same number of leading digits), lengths.
_IIN: tuple[tuple[str, tuple[tuple[int, int], ...], tuple[int, ...]], ...] = (
    ("Visa", ((4, 4),), (13, 16, 19)),
    ("Mastercard", ((51, 55), (2221, 2720)), (16,)),
    ("American Express", ((34, 34), (37, 37)), (15,)),
    ("Diners Club", ((300, 305), (36, 36), (38, 39)), (14, 15, 16, 17, 18, 19)),
    ("JCB", ((3528, 3589),), (16, 17, 18, 19)),
    ("UnionPay", ((62, 62), (81, 81)), (16, 17, 18, 19)),
    # 622126-622925 is UnionPay's range that Discover also accepts: UnionPay is named first.
    ("Discover", ((6011, 6011), (644, 649), (65, 65), (622126, 622925)), (16, 17, 18, 19)),
    ("Maestro", ((5018, 5018), (5020, 5020), (5038, 5038), (5893, 5893), (6304, 6304),
                 (6759, 6759), (6761, 6763)), (13, 14, 15, 16, 17, 18, 19)),
    ("Mir", ((2200, 2204),), (16, 17, 18, 19)),
    ("RuPay", ((60, 60), (508, 508), (652, 653)), (16,)),
)
# How schemes print their numbers: the grouping is strong evidence that a run is a card number.
_GROUPINGS = {(4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3), (4, 4, 4, 1), (4, 4, 5),
              (4, 4, 4, 4, 2), (4, 4, 4, 4, 1)}


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_scheme(digits: str) -> str | None:
    """The scheme whose IIN range and length fit, or None."""
    for scheme, ranges, lengths in _IIN:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            width = len(str(low))
            if low <= int(digits[:width]) <= high:
                return scheme
    return None


@dataclass(frozen=True)
class Token:
    text: str
    word: int  # index of the OCR word it came from


@dataclass(frozen=True)
class NumberMatch:
    kind: str  # "card", "ssn", "iban"
    words: tuple[int, ...]
    last4: str
    detail: str  # scheme, country, or format
    score: float
    corrected: bool  # OCR look-alikes were read as digits


def tokens_of(words: Sequence[str]) -> list[Token]:
    return [Token(part, index) for index, text in enumerate(words)
            for part in _SEPARATORS.split(text) if part]


def _as_digits(token: str) -> tuple[str, bool] | None:
    """A token read as digits when it mostly is digits; look-alikes corrected, and one stray
    mark inside a long run of digits (a speck read as 'y' or '.') dropped."""
    digits = sum(c.isdigit() for c in token)
    # A printed group of four read entirely as look-alikes ('IIII') still counts.
    all_lookalikes = len(token) == 4 and all(c in "OoIl|SBZ" for c in token)
    if not all_lookalikes and (digits == 0 or digits < 0.6 * len(token)):
        return None
    fixed = token.translate(_DIGIT_LOOKALIKES)
    stray = [i for i, c in enumerate(fixed) if not c.isdigit()]
    if len(stray) == 1 and digits >= 8:
        fixed = fixed[:stray[0]] + fixed[stray[0] + 1:]
    return (fixed, fixed != token) if fixed.isdigit() else None


def find_cards(tokens: Sequence[Token], context: bool = False) -> list[NumberMatch]:
    """Luhn-valid numbers in a known IIN range, from runs of digit tokens on one line.

    With ``context`` (a scheme's name or an expiry label elsewhere in the medium), a number in a
    card's printed grouping and IIN range that fails the Luhn check is also returned, as kind
    "card-unverified": a card whose number OCR misread by a digit, or a specimen card."""
    digitised = [_as_digits(t.text) for t in tokens]
    found: list[NumberMatch] = []
    used: set[int] = set()
    for start in range(len(tokens)):
        if digitised[start] is None or start in used:
            continue
        best: tuple[int, NumberMatch] | None = None
        unverified: tuple[int, NumberMatch] | None = None
        number, corrected, groups = "", False, []
        for end in range(start, len(tokens)):
            piece = digitised[end]
            if piece is None or len(number) + len(piece[0]) > 19:
                break
            number += piece[0]
            corrected |= piece[1]
            groups.append(len(piece[0]))
            scheme = card_scheme(number) if len(number) >= 13 else None
            if scheme is None:
                continue
            words = tuple(sorted({tokens[i].word for i in range(start, end + 1)}))
            grouped = tuple(groups) in _GROUPINGS or len(groups) == 1
            if luhn_valid(number):
                score = 0.97 if grouped and not corrected else 0.9 if grouped else 0.8
                best = (end, NumberMatch("card", words, number[-4:], scheme, score, corrected))
            elif context and len(number) >= 15 and (grouped or groups[0] == 4):
                unverified = (end, NumberMatch("card-unverified", words, number[-4:], scheme,
                                               0.6, corrected))
        chosen = best or unverified
        if chosen:
            found.append(chosen[1])
            used.update(range(start, chosen[0] + 1))
    return found


# Words printed on payment cards: scheme names and expiry labels, in the scripts cards use.
CARD_CONTEXT = re.compile(
    r"\b(?:visa|master\s?card|maestro|union\s?pay|amex|american\s?express|discover|jcb|"
    r"diners|rupay|mir|valid\s?(?:thru|from|dates?)|good\s?thru|expires?|exp\.? date|"
    r"month\s?/?\s?year)\b|银联|有效期|МИР", re.I)

_SSN = re.compile(r"(?<![\dA-Za-z])(\d{3})[\-\u2013 ]?(\d{2})[\-\u2013 ]?(\d{4})(?![\dA-Za-z])")
# Numbers the SSA never issues, and two that were printed in advertising and are void.
_VOID_SSNS = {"078051120", "219099999"}


def ssn_valid(area: str, group: str, serial: str) -> bool:
    return (area not in ("000", "666") and not area.startswith("9") and group != "00"
            and serial != "0000" and area + group + serial not in _VOID_SSNS)


def find_ssns(words: Sequence[str], context: bool) -> list[NumberMatch]:
    """AAA-GG-SSSS with the SSA's validity rules, in a line's words. Without context words
    (social security, SSN) only the dashed form counts, at a lower score; nine bare digits need
    the context."""
    joined, offsets = "", []
    for index, word in enumerate(words):
        fixed = _as_digits(word.replace("-", ""))
        offsets.append((len(joined), len(joined) + len(word), index))
        joined += (word if fixed is None else _restore_dashes(word, fixed[0])) + " "
    found = []
    for match in _SSN.finditer(joined):
        area, group, serial = match.groups()
        if not ssn_valid(area, group, serial):
            continue
        dashed = "-" in match.group() or "\u2013" in match.group()
        if not context and not dashed:
            continue
        score = 0.6 if not context else 0.95 if dashed or " " in match.group() else 0.85
        owners = tuple(index for start_, end_, index in offsets
                       if start_ < match.end() and end_ > match.start())
        found.append(NumberMatch("ssn", owners, serial, "dashed" if dashed else "plain", score,
                                 False))
    return found


def _restore_dashes(original: str, digits: str) -> str:
    """Put the dashes of ``original`` back into its corrected digits."""
    out, index = [], 0
    for char in original:
        if char == "-":
            out.append("-")
        elif index < len(digits):
            out.append(digits[index])
            index += 1
    return "".join(out)


# Lengths by country (SWIFT IBAN registry) for the countries most often seen.
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
    "UA": 29, "AE": 23, "SA": 24, "BR": 29, "IL": 23,
}


def iban_valid(compact: str) -> bool:
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rotated = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(c, 36)) for c in rotated)) % 97 == 1
    except ValueError:
        return False


def find_ibans(tokens: Sequence[Token]) -> list[NumberMatch]:
    """IBANs printed in groups of four or run together, checked with ISO 13616's mod 97."""
    found = []
    for start, token in enumerate(tokens):
        head = token.text.upper()
        if len(head) < 4 or head[:2] not in _IBAN_LENGTHS:
            continue
        compact, words = "", []
        for piece in tokens[start:start + 10]:
            compact += re.sub(r"[^A-Z0-9]", "", piece.text.upper())
            words.append(piece.word)
            expected = _IBAN_LENGTHS[head[:2]]
            if len(compact) >= expected:
                if iban_valid(compact[:expected]):
                    found.append(NumberMatch("iban", tuple(sorted(set(words))),
                                             compact[expected - 4:expected], head[:2], 0.9,
                                             False))
                break
    return found


SSN_CONTEXT = re.compile(r"social\s*security|\bssn\b|\bss\s*#|\bsoc\.?\s*sec", re.I)
