"""The regular expressions both bare OCR pipelines run over their text, so that the comparison
between Tesseract and PP-OCR measures the OCR and nothing else.

Card numbers: 13-19 digits with optional single spaces or dashes, Luhn-valid. SSNs: AAA-GG-SSSS
with the SSA's rules. MRZ: a line of 30-44 characters from the MRZ alphabet with filler runs.
IBAN: country, check digits, then a mod-97 check.
"""

from __future__ import annotations

import re

CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
SSN = re.compile(r"(?<!\d)(\d{3})[- ](\d{2})[- ](\d{4})(?!\d)")
MRZ_LINE = re.compile(r"[A-Z0-9<]{30,44}")
IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})\b")


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _ssn_valid(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and not area.startswith("9") and group != "00" \
        and serial != "0000"


def _iban_valid(text: str) -> bool:
    compact = text.replace(" ", "")
    rotated = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rotated)) % 97 == 1


def entities(text: str) -> frozenset[str]:
    found = set()
    for match in CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            found.add("CREDIT_CARD")
    if any(_ssn_valid(*m.groups()) for m in SSN.finditer(text)):
        found.add("US_SSN")
    for line in text.splitlines():
        compact = line.replace(" ", "").upper()
        if any(m.group().count("<") >= 3 for m in MRZ_LINE.finditer(compact)):
            found.add("MRZ")
    if any(_iban_valid(m.group(1)) for m in IBAN.finditer(text)):
        found.add("IBAN_CODE")
    return frozenset(found)
