"""Numbers printed in a payment card's grouping, whatever their digits: placeholders (4444 4444
4444 4444), sequential runs (1234 5678 9012 3456), numbers that fail the Luhn check, and numbers
the recogniser misread (a group read with a letter, a separator lost).

A card's grouping alone is not enough to call a run of digits a card number (gift cards and
vouchers copy it): the caller asks the card-furniture rules too. Pure functions over (text,
word index) tokens; nothing of the number is returned beyond its last four digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from vmscreen.rules.id_numbers import Token, card_scheme, luhn_valid, read_lookalikes

# The groupings card schemes print: 16 digits (Visa, Mastercard, Discover, JCB, UnionPay...),
# American Express's 15, Diners Club's 14, and 19-digit Visa, UnionPay and Maestro numbers.
PRINTED_GROUPINGS = ((4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3))
# Glyphs the recogniser reads for a zero with a dot or a slash in it (DejaVu Sans Mono's zero).
_ZERO_SHAPES = str.maketrans(dict.fromkeys("日目ØøθΘ〇○", "0"))
UNREADABLE = "?"
# Numbers read with every separator lost, by length: 16 and 15 digits (American Express).
_RUN_TOGETHER = {16: (4, 4, 4, 4), 15: (4, 6, 5)}
MAX_UNREADABLE = 2  # characters in the whole number; one in any group


@dataclass(frozen=True)
class CardLikeNumber:
    """A run of tokens in a printed card grouping. ``last4`` is None when the last group was
    not read whole; ``luhn`` and ``scheme`` are None when a digit was unreadable."""

    words: tuple[int, ...]
    grouping: str  # the scheme grouping it fits, as "4-4-4-4"
    last4: str | None
    pattern: str  # "repeated", "sequential", "misread" or "other"
    luhn: bool | None
    scheme: str | None
    misread: bool  # a look-alike corrected, a character unreadable, a digit or separator lost
    run_together: bool = False  # every separator lost: weaker, the caller asks for more


def _group_digits(text: str) -> str | None:
    """A token read as a group of digits: look-alikes corrected, one character in four allowed
    to stay unreadable (shown as '?'); None when it is not mostly digits."""
    fixed = read_lookalikes(text.translate(_ZERO_SHAPES))
    digits = "".join(c if c.isdigit() else UNREADABLE for c in fixed)
    if not 1 <= len(digits) <= 19 or digits.count(UNREADABLE) > len(digits) // 4:
        return None
    return digits


def _boundaries(groups: Sequence[int]) -> set[int]:
    total, out = 0, set()
    for size in groups[:-1]:
        total += size
        out.add(total)
    return out


def fitting_grouping(groups: Sequence[int]) -> tuple[int, ...] | None:
    """The printed grouping a reading's group lengths fit: the same number of digits, each of
    the reading's separators where the grouping has one, and at most one separator lost; or
    every group read, one of them a digit short (a thin or segment-style digit dropped)."""
    if len(groups) < 2:
        return None
    seen = _boundaries(groups)
    for grouping in PRINTED_GROUPINGS:
        printed = _boundaries(grouping)
        if sum(groups) == sum(grouping) and seen <= printed and len(printed - seen) <= 1:
            return grouping
    for grouping in PRINTED_GROUPINGS:
        short = [size - read for read, size in zip(groups, grouping, strict=False)]
        if len(groups) == len(grouping) and sorted(short)[-2:] == [0, 1] and min(short) == 0:
            return grouping
    return None


def _pattern(digits: str, groups: Sequence[str]) -> str:
    if UNREADABLE in digits:
        return "misread"
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(digits)}
    if len(set(digits)) == 1 or len(set(groups)) == 1 or all(len(set(g)) == 1 for g in groups):
        return "repeated"
    if steps in ({1}, {9}):
        return "sequential"
    return "other"


def _regrouped(digits: str, grouping: Sequence[int]) -> list[str]:
    out, start = [], 0
    for size in grouping:
        out.append(digits[start:start + size])
        start += size
    return out


def find_card_like(tokens: Sequence[Token]) -> list[CardLikeNumber]:
    """Runs of tokens on one line that fit a card scheme's printed grouping, longest first from
    each start; a token belongs to one run at most."""
    pieces = [_group_digits(token.text) for token in tokens]
    found: list[CardLikeNumber] = []
    start = 0
    while start < len(tokens):
        best: tuple[int, tuple[int, ...]] | None = None
        number = ""
        for end in range(start, len(tokens)):
            piece = pieces[end]
            if piece is None or len(number) + len(piece) > 19:
                break
            number += piece
            lengths = [len(p or "") for p in pieces[start:end + 1]]
            grouping = fitting_grouping(lengths)
            if grouping and number.count(UNREADABLE) <= MAX_UNREADABLE:
                best = (end, grouping)
        piece = pieces[start]
        if (best is None and piece and len(piece) in _RUN_TOGETHER
                and piece.count(UNREADABLE) <= MAX_UNREADABLE):
            best = (start, _RUN_TOGETHER[len(piece)])  # a proportional face's narrow spaces lost
        if best is None:
            start += 1
            continue
        end, grouping = best
        digits = "".join(p or "" for p in pieces[start:end + 1])
        lost_digit = len(digits) < sum(grouping)
        last_group = pieces[end] or ""
        # A number with a digit lost or unreadable cannot be checked; its last four are known
        # only when its last group was read whole.
        whole = UNREADABLE not in digits and not lost_digit
        last_read = UNREADABLE not in last_group and len(last_group) == grouping[-1]
        corrected = "".join(tokens[i].text for i in range(start, end + 1)) != digits
        lost_separator = end - start + 1 < len(grouping)
        run_together = end == start and len(grouping) > 1
        found.append(CardLikeNumber(
            words=tuple(sorted({tokens[i].word for i in range(start, end + 1)})),
            grouping="-".join(str(size) for size in grouping),
            last4=digits[-4:] if last_read or (whole and UNREADABLE not in digits[-4:]) else None,
            pattern="misread" if lost_digit else _pattern(digits, _regrouped(digits, grouping)),
            luhn=luhn_valid(digits) if whole else None,
            scheme=card_scheme(digits) if whole else None,
            misread=corrected or lost_separator or lost_digit, run_together=run_together))
        start = end + 1
    return found
