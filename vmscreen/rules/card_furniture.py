"""What around a number says it is printed on a payment card: the card's furniture.

A scheme's name, an expiry label (VALID THRU, GOOD THRU, EXPIRES...), an expiry date (MM/YY)
and the cardholder's name line (two to five upper-case words). Gift cards, vouchers and
receipts print long grouped numbers too, but not these. (The chip is not looked for yet: it
would be a pixel analysis of the area above the number.) Pure functions over the text of the
lines around a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SCHEME_NAME = "scheme-name"
EXPIRY_LABEL = "expiry-label"
EXPIRY_DATE = "expiry-date"
CARDHOLDER_LINE = "cardholder-line"
# One of these is enough; the weak ones (a date, a name line) are common off cards too, so it
# takes two of them.
STRONG_CUES = frozenset({SCHEME_NAME, EXPIRY_LABEL})

# Short names that are also words (German 'mir'): in capitals only.
_SHORT_SCHEMES = re.compile(r"\b(?:AMEX|JCB|MIR|ELO)\b")
_LONG_SCHEMES = re.compile(
    r"\b(?:visa|master\s?card|maestro|union\s?pay|american\s?express|discover|diners(?:\s?club)?|"
    r"rupay|interac)\b|银联|МИР", re.I)
_EXPIRY_LABEL = re.compile(
    r"\b(?:valid\s?(?:thru|from|until|to|dates?)|good\s?thru|thru|expir(?:es|y|ation)|"
    r"exp\.?(?:\s?date)?|month\s?/?\s?year)\b|\bvalid\b(?=\s*(?:0[1-9]|1[0-2])\s?/)|有效期",
    re.I)
_EXPIRY_DATE = re.compile(r"(?<![\d/.\-])(?:0[1-9]|1[0-2])\s?/\s?(?:\d{2}|20\d{2})(?![\d/])")
_NAME_WORD = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'\-]+\.?|[A-Z]\.")
# Upper-case lines on cards and receipts that are not a person's name.
_NOT_NAMES = frozenset({
    "BANK", "CARD", "CREDIT", "DEBIT", "GIFT", "PREPAID", "VALID", "THRU", "FROM", "TOTAL",
    "THANK", "YOU", "MEMBER", "REWARDS", "CLUB", "PLATINUM", "GOLD", "CLASSIC", "BUSINESS",
    "CASH", "PIN", "UNION", "SAVINGS", "VOUCHER", "LOYALTY", "STORE", "SHOP", "CHANGE",
    "SUBTOTAL", "TAX", "RECEIPT", "TERMINAL", "AUTH", "CODE", "REF", "ACCOUNT", "ELECTRON",
    "SIGNATURE"})


def _cardholder_line(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.fullmatch(word) for word in words):
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 6 and not any(word.strip(".") in _NOT_NAMES for word in words)


def furniture_cues(lines: Iterable[str]) -> frozenset[str]:
    """The card furniture the text of these lines shows (any of SCHEME_NAME, EXPIRY_LABEL,
    EXPIRY_DATE, CARDHOLDER_LINE)."""
    texts = list(lines)
    joined = "\n".join(texts)
    cues = set()
    if _LONG_SCHEMES.search(joined) or _SHORT_SCHEMES.search(joined):
        cues.add(SCHEME_NAME)
    if _EXPIRY_LABEL.search(joined):
        cues.add(EXPIRY_LABEL)
    if _EXPIRY_DATE.search(joined):
        cues.add(EXPIRY_DATE)
    if any(_cardholder_line(text) for text in texts):
        cues.add(CARDHOLDER_LINE)
    return frozenset(cues)


def furnished(cues: Iterable[str], *, strict: bool = False) -> bool:
    """Whether the cues seen make a card: one strong cue, or two weak ones. ``strict`` (for a
    number read with no grouping left, as a receipt's reference prints beside 'VISA'): an
    expiry label and one more cue."""
    cues = frozenset(cues)
    if strict:
        return EXPIRY_LABEL in cues and len(cues) >= 2
    return bool(cues & STRONG_CUES) or len(cues) >= 2
