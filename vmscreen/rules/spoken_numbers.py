"""Spoken numbers: recognised words with their times turned into runs of digits, and the runs
that look like a payment card number or a US social security number.

Pure functions (no models, no I/O). The digits of a run are the sensitive value: callers keep
them to themselves and pass on only counts, validity and the last four (``NumberRun.last_four``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from vmscreen.rules.id_numbers import luhn_valid, ssn_valid

DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
               "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
# "double five" is 55, "triple oh" 000: how many times the next digit is said.
REPEATS = {"double": 2, "triple": 3}
# What an open-vocabulary recogniser writes for a digit said on its own: its language model
# prefers a common word to a digit of the same sound.
HOMOPHONES = {"o": "oh", "won": "one", "to": "two", "too": "two", "for": "four", "ate": "eight"}

# Digits separated by a pause up to this long belong to one run: a reader pauses between the
# groups of a number (half a second to a second), rarely longer inside it.
MAX_GAP_S = 1.5
# A pause this long between two digits ends a group ("four five three two, zero one ...").
GROUP_PAUSE_S = 0.25
# A digit word heard for less than this was not said: the shortest digit said aloud ("oh",
# "eight") lasts 150 ms or more, while a recogniser slips 30 to 50 ms words into the glide
# between two others ("two oh three" for "two three").
MIN_WORD_S = 0.1

CARD_LENGTHS = range(13, 20)  # ISO/IEC 7812 numbers: 13 to 19 digits
SSN_LENGTH = 9
MIN_DIGITS = SSN_LENGTH  # the shortest number reported

# A number is where digits are heard with at most this many other words between two of them
# (a digit misheard as a word: "five three one do sex five" for "... two six ...").
REGION_TOLERANCE = 2
# ... and where at least this many of its words are digit words proper, not homophones only.
REGION_MIN_DIGITS = 2

NumberKind = Literal["card", "ssn"]


@dataclass(frozen=True)
class SpokenWord:
    """A recognised word and its time in seconds. Any word that is not a digit word (nor
    'double' or 'triple') ends a run: speech between digits means they are not one number."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class NumberRun:
    """Digits said one after another. ``digits`` is the sensitive value itself."""

    digits: str
    start: float
    end: float
    groups: tuple[int, ...]  # digits per group, groups parted by pauses of GROUP_PAUSE_S

    def __repr__(self) -> str:  # never print the number, even in a traceback or a log line
        return (f"NumberRun({len(self.digits)} digits, {self.start:.2f}-{self.end:.2f} s, "
                f"groups={self.groups})")

    @property
    def last_four(self) -> str:
        return self.digits[-4:]


def digit_runs(words: Iterable[SpokenWord], max_gap: float = MAX_GAP_S,
               group_pause: float = GROUP_PAUSE_S) -> list[NumberRun]:
    """The runs of digit words in ``words`` (in time order). A run ends at a word that is not
    a digit, or at a pause longer than ``max_gap``. 'double' and 'triple' repeat the digit that
    follows them; one that is not followed by a digit ends the run. Digit words shorter than
    ``MIN_WORD_S`` are left out (they neither count nor end a run)."""
    runs: list[NumberRun] = []
    digits: list[str] = []
    groups: list[int] = []
    start = end = 0.0
    pending: tuple[int, float] | None = None  # a 'double' or 'triple' said, and when

    def close() -> None:
        if digits:
            runs.append(NumberRun("".join(digits), start, end, tuple(groups)))
        digits.clear()
        groups.clear()

    for word in words:
        text = word.text.lower()
        if (text in DIGIT_WORDS or text in REPEATS) and word.end - word.start < MIN_WORD_S:
            continue
        if text in REPEATS:
            if pending is not None:  # "double double" is not a number said aloud
                close()
            pending = (REPEATS[text], word.start)
            continue
        digit = DIGIT_WORDS.get(text)
        if digit is None:
            close()
            pending = None
            continue
        count, said_at = pending if pending is not None else (1, word.start)
        pending = None
        if digits and said_at - end > max_gap:
            close()
        if not digits:
            start = said_at
            groups.append(0)
        elif said_at - end >= group_pause:
            groups.append(0)
        digits.extend(digit * count)
        groups[-1] += count
        end = word.end
    close()
    return runs


def number_kind(digits: str) -> NumberKind | None:
    """'card' for 13 to 19 digits (a payment card's length), 'ssn' for 9, else None."""
    if len(digits) in CARD_LENGTHS:
        return "card"
    if len(digits) == SSN_LENGTH:
        return "ssn"
    return None


def card_luhn(digits: str) -> bool | None:
    """Whether a card-length run passes the Luhn check (None for other lengths)."""
    return luhn_valid(digits) if len(digits) in CARD_LENGTHS else None


def ssn_structure(digits: str) -> bool | None:
    """Whether nine digits can be an SSN as issued (area not 000, 666 or 9xx; group not 00;
    serial not 0000); None for other lengths."""
    if len(digits) != SSN_LENGTH:
        return None
    return ssn_valid(digits[:3], digits[3:5], digits[5:])


def ssn_grouped(groups: Sequence[int]) -> bool:
    """Said in an SSN's printed grouping: three, two, four."""
    return tuple(groups) == (3, 2, 4)


def card_grouped(groups: Sequence[int]) -> bool:
    """Said in groups of four (the last one shorter for 13 to 15 digits, or 4-6-5 / 4-6-4 as
    American Express and Diners print theirs)."""
    groups = tuple(groups)
    if groups in ((4, 6, 5), (4, 6, 4)):
        return True
    return len(groups) >= 3 and all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


def candidate_spans(words: Sequence[SpokenWord], min_digits: int = MIN_DIGITS,
                    margin: float = 0.5, bridge: bool = False) -> list[tuple[float, float]]:
    """Where ``words`` (a digit reader's) hold a run of at least ``min_digits`` digits, each
    span widened by ``margin`` seconds and overlapping spans merged: where to listen again.
    With ``bridge``, a single other word between two digits does not end a run (the reader's
    slips; it also makes runs of much ordinary speech, so more of it is listened to again)."""
    kept = list(words)
    if bridge:
        kept = [word for index, word in enumerate(words)
                if _is_digit(word) or not (0 < index < len(words) - 1
                                           and _is_digit(words[index - 1])
                                           and _is_digit(words[index + 1]))]
    spans: list[list[float]] = []
    for run in digit_runs(kept):
        if len(run.digits) < min_digits:
            continue
        start, end = max(0.0, run.start - margin), run.end + margin
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(start, end) for start, end in spans]


def number_regions(words: Sequence[SpokenWord],
                   tolerance: int = REGION_TOLERANCE) -> list[list[SpokenWord]]:
    """Stretches of an open-vocabulary transcript where digits are said: digit words, their
    homophones and 'double'/'triple', with at most ``tolerance`` other words between two of
    them, holding at least REGION_MIN_DIGITS digit words proper. Ordinary speech is heard as
    the words it is, so it holds few such stretches."""
    regions: list[list[SpokenWord]] = []
    current: list[SpokenWord] = []
    others = 0
    for word in words:
        text = word.text.lower()
        if text in DIGIT_WORDS or text in REPEATS or text in HOMOPHONES:
            if current and others > tolerance:
                regions.append(current)
                current = []
            current.append(word)
            others = 0
        elif current:
            others += 1
            if others > tolerance:
                regions.append(current)
                current, others = [], 0
    if current:
        regions.append(current)
    return [region for region in regions
            if sum(word.text.lower() in DIGIT_WORDS for word in region) >= REGION_MIN_DIGITS]


def heard_digits(region: Sequence[SpokenWord]) -> list[SpokenWord]:
    """A region's digit words, homophones read as the digits they sound like."""
    heard = []
    for word in region:
        text = word.text.lower()
        text = HOMOPHONES.get(text, text)
        if text in DIGIT_WORDS or text in REPEATS:
            heard.append(SpokenWord(text, word.start, word.end))
    return heard


def _is_digit(word: SpokenWord) -> bool:
    return word.text.lower() in DIGIT_WORDS or word.text.lower() in REPEATS
