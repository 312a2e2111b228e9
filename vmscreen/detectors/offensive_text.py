"""Offensive wording in an image's text: the words of the shared OCR pass against the word list
of the profanityfilter package (BSD; obscene, sexual and hateful terms in several languages,
with common digit-for-letter spellings), sent to review.

A word list flags words, not intent: a slur quoted in a news photo, a crude joke on a T-shirt
and an insult read the same to it. So it never rejects on its own; a person decides. Whole
words only ("assessment" is not flagged). On an identity document (its wording found) the
field label "Sex" and ICAO's code for an unspecified nationality ("XXX") are what they say, and
machine-readable lines are not words at all. The finding holds the line's box (a redaction
fills it) and never the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.metadata import version

from vmscreen.detectors.base import DetectorInfo, ScreenContext
from vmscreen.detectors.id_wording import find_wording
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.media import Media
from vmscreen.ocr import shared_reading

NAME = "offensive-text"
MIN_LINE_CONFIDENCE = 0.6  # below this a line is more likely misread than meant
MAX_FINDINGS = 20
_WORD = re.compile(r"[a-z0-9]+")

OFFENSIVE_TEXT = CodeInfo(
    "OFF101", "offensive-text", Category.SEXUAL_CONTENT,
    "Text in the image uses offensive or hateful wording.",
    "A line read from the image holds a word of the profanityfilter package's list (obscene, "
    "sexual and hateful terms, with digit-for-letter spellings). The contributor policy "
    "excludes offensive content, but a word list cannot tell a slur from a quotation, a joke "
    "or a word some communities reclaim, so the default policy sends it to review. Evidence: "
    "the line's OCR confidence; the text itself is never stored.",
)


@cache
def word_list() -> frozenset[str]:
    """The package's list, lower-cased: read once, never changed (a frozenset)."""
    text = resources.files("profanityfilter").joinpath("data/badwords.txt").read_text("utf-8")
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())


# Words of the list that an identity document prints as a field label or a code.
DOCUMENT_WORDS = frozenset({"sex", "xxx"})


def offensive(text: str, ignored: frozenset[str] = frozenset()) -> bool:
    return any(word in word_list() and word not in ignored
               for word in _WORD.findall(text.lower()))


class OffensiveTextDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.0.0 (profanityfilter {version('profanityfilter')} word list)",
        codes=(OFFENSIVE_TEXT,),
        licence="Apache-2.0",
        cost=105,  # after sensitive-id: it reads the OCR pass sensitive-id has run
        time_budget_s=30.0,
    )

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        reading = shared_reading(media, context.ocr).lines
        on_document = find_wording(line.text for line in reading) is not None
        ignored = DOCUMENT_WORDS if on_document else frozenset()
        lines = [line for line in reading
                 if line.confidence >= MIN_LINE_CONFIDENCE and "<<" not in line.text
                 and offensive(line.text, ignored)]
        return [OFFENSIVE_TEXT.finding(NAME, 0.8, "offensive wording in a line of text",
                                       box=line.box,
                                       evidence={"line_confidence": round(line.confidence, 3)})
                for line in lines[:MAX_FINDINGS]]
